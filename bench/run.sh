#!/bin/sh
# Run every benchmark area, each in its own process (so one area's memory
# does not show in another's figures), and summarise the targets. The
# whole output is kept in BUILD_DIR/bench/results.txt, and a Markdown table
# of it (for docs/benchmarks.md) in BUILD_DIR/bench/results.md (a --smoke
# run writes results-smoke.* instead, so a test run leaves those alone).
#   sh bench/run.sh BUILD_DIR [--smoke | --scale=X] [--reps=N] [area...]
# Environment: AXOS_BENCH_SCALE, AXOS_BENCH_REPS (see bench/main.c).
set -u
build=${1:-build}
[ $# -gt 0 ] && shift
bin="$build/bench/axos_bench"
if [ ! -x "$bin" ]; then
    echo "run.sh: $bin not found; build first (make build)" >&2
    exit 2
fi

opts=""
areas=""
for a in "$@"; do
    case "$a" in
    -*) opts="$opts $a" ;;
    *) areas="$areas $a" ;;
    esac
done
[ -n "$areas" ] || areas=$("$bin" --list) || exit 2

case "$opts" in
*--smoke*) name=results-smoke ;;
*) name=results ;;
esac
out="$build/bench/$name.txt"
: >"$out" || exit 2
trap 'rm -f "$out.rc"' EXIT
status=0
for area in $areas; do
    # shellcheck disable=SC2086 # opts are separate words on purpose
    { "$bin" $opts "$area"; echo $? >"$out.rc"; } | tee -a "$out"
    rc=$(cat "$out.rc")
    [ $rc -eq 0 ] || { echo "run.sh: area $area failed (status $rc)" >&2; status=1; }
done

met=$(grep -c '^BENCH .* met=yes' "$out")
missed=$(grep '^BENCH .* met=no' "$out" | sed 's/^BENCH name=\([^ ]*\).*/\1/' | tr '\n' ' ')
total=$(grep -c '^BENCH .* met=' "$out")
echo
echo "targets met: $met of $total${missed:+ (missed: $missed)}"
sh "$(dirname "$0")/mdtable.sh" "$out" >"$build/bench/$name.md"
echo "results: $out, table: $build/bench/$name.md"
exit $status
