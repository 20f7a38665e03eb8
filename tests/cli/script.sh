#!/bin/sh
# script.sh AXOS: -c, commands from stdin (`axos < script`), exit status,
# stdout and stderr kept apart, stdin that is not a terminal.
axos=$1
. "$(dirname "$0")/lib.sh"

check "-c runs one line" "hi" "$("$axos" -c 'echo hi')"
"$axos" -c 'exit 3'; check "-c: exit N" 3 $?
"$axos" -c 'true; false'; check "-c: the last command's status" 1 $?
"$axos" -c 'nosuchcommand' 2>/dev/null; check "not found is 127" 127 $?

out=$(printf 'echo one\necho two\n' | "$axos" 2>&1)
check "a script: no prompt, no echo" "one
two" "$out"
printf 'echo a\nexit 5\necho b\n' | "$axos" >/dev/null; check "script: exit N" 5 $?
printf 'true\nfalse\n' | "$axos"; check "script: the last command's status" 1 $?
printf 'false\ntrue\n' | "$axos"; check "script: success at the end" 0 $?
check "output to a pipe is kept exactly (no newline added)" 3 "$("$axos" -c 'printf abc' | wc -c | tr -d ' ')"
check "a last line without newline runs" "end" "$(printf 'echo end' | "$axos")"

out=$(printf 'read v\nhello world\necho "got $v"\n' | "$axos")
check "read takes the next line of the script" "got hello world" "$out"
out=$(printf 'cat\nline 1\nline 2\n' | "$axos")
check "cat reads the rest of the script" "line 1
line 2" "$out"
check "piped stdin reaches -c" "x y" "$(printf 'x y\n' | "$axos" -c 'read a b; echo "$a $b"')"

check "stdout only" "out" "$("$axos" -c 'echo out; echo err >&2' 2>/dev/null)"
check "stderr only" "err" "$("$axos" -c 'echo out; echo err >&2' 2>&1 >/dev/null)"

out=$("$axos" -c 'mkdir /tmp/d && touch /tmp/d/a /tmp/d/b && ls /tmp/d')
check "into a pipe, ls prints one name per line" "a
b" "$out"
check "stdin is not a terminal" "no" "$(echo | "$axos" -c 'if [ -t 0 ]; then echo yes; else echo no; fi')"
"$axos" -c 'sleep 100' </dev/null &
pid=$!
sleep 0.3
kill -TERM $pid
wait $pid
check "SIGTERM stops the machine at once, status 128+15" 143 $?

tmp=$(mktemp -d) || exit 2
"$axos" --clock virtual --trace "$tmp/t.json" -c 'echo traced' >/dev/null
check "--trace: status" 0 $?
case $(head -c 15 "$tmp/t.json") in '{"traceEvents"'*) ;; *) check "--trace writes Chrome JSON" '{"traceEvents"...' "$(head -c 40 "$tmp/t.json")" ;; esac
"$axos" --trace "$tmp/no/such/dir/t.json" -c 'echo never' >/dev/null 2>&1
check "--trace to a bad path fails before running" 2 $?
rm -rf "$tmp"

# -c 'cmd' name args: $0 and $1... as sh -c sets them
check "-c with a name and arguments" "nm|x|y z|2" "$("$axos" -c 'echo "$0|$1|$2|$#"' nm x 'y z')"
# axos script.sh args: a script file of the host, with its arguments
dir=$(mktemp -d)
printf 'echo "$0 $# [$1] [$2]"\nread line\necho "stdin: $line"\nexit 4\n' > "$dir/s.sh"
out=$(echo typed | "$axos" "$dir/s.sh" a 'b c'); st=$?
check "a host script runs with its arguments" "$dir/s.sh 2 [a] [b c]
stdin: typed" "$out"
check "a host script's exit status" 4 $st
"$axos" "$dir/missing.sh" 2>/dev/null; check "a missing script is 127" 127 $?
rm -rf "$dir"
# session variables from the REPL, and the wall clock under the host clock
check "session variables" "/bin/sh axos set set" "$("$axos" -c 'echo $SHELL $HOSTNAME ${USER:+set} ${TERM:+set}')"
year=$(date +%Y)
check "the wall clock is the host's" "$year" "$("$axos" -c 'date +%Y')"
# $RANDOM: the same under one --seed, different between boots without
a=$("$axos" --seed 5 -c 'echo $RANDOM$RANDOM'); b=$("$axos" --seed 5 -c 'echo $RANDOM$RANDOM')
check "RANDOM repeats under one seed" "$a" "$b"
a=$("$axos" -c 'echo $RANDOM$RANDOM$RANDOM'); b=$("$axos" -c 'echo $RANDOM$RANDOM$RANDOM')
[ "$a" != "$b" ] || check "RANDOM differs between boots" "different" "$a = $b"
exit $fail
