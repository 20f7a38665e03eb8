#!/bin/bash
# shell_corpus.sh AXOS DIR... : run public shell test corpora in bash --posix
# and in axos, and count the cases where both give the same stdout and
# exit status. The third-party test files are not in this repository:
# fetch them into a scratch directory and point this script at it.
#
#   smoosh   github.com/mgree/smoosh, tests/shell/*.test: one POSIX test
#            per file, run as a script (directory of *.test files)
#   oils     github.com/oils-for-unix/oils, spec/*.test.sh: cases start
#            at a line '#### name' (directory of *.test.sh files); the
#            '## ' expectation lines are ignored, bash is the reference
#
# bash runs as the unprivileged user nobody (axos's shell is not root,
# and permission tests differ otherwise), in an empty directory; axos
# runs with --clock virtual --seed 1. A case where bash itself times out
# is skipped. V=N prints N lines of diff for each failure.
#
#   tools/shell_corpus.sh build/cli/axos /scratch/smoosh /scratch/oils
set -u
AX=$(readlink -f "$1"); shift
T=${TIMEOUT:-10}
total_pass=0; total_fail=0; total_skip=0

# Helpers the corpora's scripts call, written into the run directory by
# the prelude so that both shells find the same ones.
prelude() {
  cat <<'EOF'
TEST_SHELL=${TEST_SHELL:-sh}
TEST_UTIL=${TEST_UTIL:-/tmp/util}
TMP=.
if [ ! -f "$TEST_UTIL/fds" ]; then
mkdir -p "$TEST_UTIL"
printf '%s\n' 'if printenv "$1" >/dev/null; then printenv "$1"; else echo "$1 is unset"; fi' > "$TEST_UTIL/getenv"
printf '%s\n' 'i=${1:-0}; hi=${2:-9}; [ $hi -gt 9 ] && hi=9; out=; while [ $i -le $hi ]; do if { command true >&$i; } 2>/dev/null; then out="$out $i"; fi; i=$((i+1)); done; echo "fds:$out"' > "$TEST_UTIL/fds"
printf '%s\n' 'printf "argv[0] = \"%s\";\n" "$0"' > "$TEST_UTIL/argv"
printf '%s\n' 'ls -a' > "$TEST_UTIL/readdir"
chmod +x "$TEST_UTIL/getenv" "$TEST_UTIL/fds" "$TEST_UTIL/argv" "$TEST_UTIL/readdir"
fi
argv_py() { printf '['; _s=; for _a in "$@"; do printf "%s'%s'" "$_s" "$_a"; _s=', '; done; printf ']\n'; }
alias argv.py=argv_py
printenv_py() { for _n in "$@"; do if env | grep -q "^$_n="; then env | grep "^$_n=" | cut -d= -f2-; else echo None; fi; done; }
alias printenv.py=printenv_py
if command -v bash >/dev/null 2>&1; then SH=bash; else SH=sh; fi
EOF
}

# run_case SCRIPT NAME: both shells on one script; counts the result.
run_case() {
  local d; d=$(mktemp -d); mkdir "$d/w" "$d/util"
  printf '#!/bin/sh\nexec bash --posix "$@"\n' > "$d/util/bashposix"; chmod +x "$d/util/bashposix"
  { prelude; cat "$1"; } > "$d/full.sh"
  chown -R nobody "$d" 2>/dev/null; chmod 755 "$d"
  # ulimit -f: a case that loops printing must not fill the disk
  (ulimit -f 20480; cd "$d/w" && runuser -u nobody -- env TEST_SHELL="$d/util/bashposix" TEST_UTIL="$d/util" \
      timeout -k 1 "$T" bash --posix "$d/full.sh" </dev/null >"$d/b" 2>/dev/null; echo "status=$?" >>"$d/b")
  sed -i "s|$d/w|/home/user|g" "$d/b"
  (ulimit -f 20480; cd "$d/w" && timeout -k 1 "$T" "$AX" --clock virtual --seed 1 "$d/full.sh" </dev/null >"$d/a" 2>/dev/null
   echo "status=$?" >>"$d/a")
  if grep -q '^status=124$' "$d/b"; then
    skip=$((skip + 1))
  elif cmp -s "$d/a" "$d/b"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "  FAIL: $2"
    [ -n "${V:-}" ] && diff "$d/b" "$d/a" | head -"$V"
  fi
  rm -rf "$d"
}

for dir in "$@"; do
  for f in "$dir"/*.test "$dir"/*.test.sh; do
    [ -e "$f" ] || continue
    pass=0; fail=0; skip=0
    case $f in
    *.test.sh)
      c=$(mktemp -d)
      awk -v o="$c" '/^#### /{n++; sub(/^#### /,""); print > (o "/name" n); close(o "/name" n); next}
                     n{print > (o "/case" n)}' "$f"
      for n in $(ls "$c" | sed -n 's/^name//p' | sort -n); do
        [ -e "$c/case$n" ] || : > "$c/case$n"
        run_case "$c/case$n" "$(basename "$f"): $(cat "$c/name$n")"
      done
      rm -rf "$c" ;;
    *) run_case "$f" "$(basename "$f" .test)" ;;
    esac
    echo "$(basename "$f"): pass=$pass fail=$fail skipped=$skip"
    total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail)); total_skip=$((total_skip + skip))
  done
done
echo "TOTAL pass=$total_pass fail=$total_fail skipped=$total_skip"
