#!/bin/sh
# programs.sh AXOS DIR: --program, --programs and --check-program, with the
# POSIX examples built in DIR/axos (NAME.so) and DIR/host.
axos=$1 dir=$2
. "$(dirname "$0")/lib.sh"

out=$("$axos" --clock virtual --program "$dir/axos/args.so" -c 'args one two')
check "--program FILE installs /bin/NAME" 'argc = 3
argv[0] = "args"
argv[1] = "one"
argv[2] = "two"
GREETING (unset)
UNSET_VARIABLE (unset)' "$out"
out=$("$axos" --clock virtual --program "$dir/axos/gen.so:/usr/local/bin/numbers" \
      --program "$dir/axos/linecount.so:count" -c '/usr/local/bin/numbers 7 | count')
check "--program FILE:PATH, absolute and bare" "7 lines, 14 words, 49 bytes" "$out"
out=$("$axos" --clock virtual --programs "$dir/axos" -c "pipeline gen 3 '|' upcase" 2>&1)
check "--programs DIR installs every NAME.so" 'upcase: 21 bytes
LINE 1
LINE 2
LINE 3
status: 0 0' "$out"

# Refusals: a clear message, exit status 2, no shell run.
err=$("$axos" --program /no/such.so -c 'echo ran' 2>&1)
check "--program missing: status" 2 $?
check "--program missing: message" "axos: --program /no/such.so: /no/such.so: No such file or directory" "$err"
err=$("$axos" --program "$dir/host/args" -c 'echo ran' 2>&1)
check "--program of a host executable: status" 2 $?
case $err in *"an executable, not a shared object"*) ;; *) check "host executable message" "...an executable..." "$err" ;; esac
err=$("$axos" --programs /no/such/dir -c 'echo ran' 2>&1)
check "--programs missing dir: status" 2 $?
check "--programs missing dir: message" "axos: --programs /no/such/dir: No such file or directory" "$err"
"$axos" --program >/dev/null 2>&1
check "--program without a value is a usage error" 2 $?

# --check-program: silent and 0 for a program, the reason and 1 otherwise.
out=$("$axos" --check-program "$dir/axos/args.so" 2>&1)
check "--check-program of a program: status" 0 $?
check "--check-program of a program: silent" "" "$out"
err=$("$axos" --check-program /etc/passwd 2>&1)
check "--check-program of a text file: status" 1 $?
check "--check-program of a text file: message" "axos: /etc/passwd: not an ELF file" "$err"
exit $fail
