#!/bin/sh
# run_golden.sh RUNNER NAME.sh NAME.out
# Runs `RUNNER --clock virtual --seed 1 < NAME.sh` and compares its stdout
# with NAME.out. RUNNER is the axos binary.
runner=$1 script=$2 expected=$3
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
"$runner" --clock virtual --seed 1 < "$script" > "$out" 2>"$out.err"
status=$?
if ! diff -u "$expected" "$out"; then
    echo "--- stderr of $script (exit $status):"
    cat "$out.err"
    rm -f "$out.err"
    exit 1
fi
rm -f "$out.err"
exit 0
