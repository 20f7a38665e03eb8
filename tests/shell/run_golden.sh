#!/bin/sh
# run_golden.sh RUNNER NAME.sh NAME.out
# Runs `RUNNER --clock virtual --seed 1 < NAME.sh` and compares its stdout
# with NAME.out. RUNNER is the axos binary.
# A script whose first line is "# bash --posix" is a conformance test:
# where the host has bash, NAME.out must also be exactly what
# `bash --posix` prints for it (run in an empty directory), so the
# expected output is bash's, not ours.
runner=$1 script=$2 expected=$3
out=$(mktemp) || exit 2
trap 'rm -f "$out" "$out.err" "$out.bash"; [ -n "$dir" ] && rm -rf "$dir"' EXIT
"$runner" --clock virtual --seed 1 < "$script" > "$out" 2>"$out.err"
status=$?
if ! diff -u "$expected" "$out"; then
    echo "--- stderr of $script (exit $status):"
    cat "$out.err"
    exit 1
fi
if head -n 1 "$script" | grep -q '^# bash --posix' && command -v bash >/dev/null 2>&1; then
    dir=$(mktemp -d) || exit 2
    (cd "$dir" && bash --posix < "$script" > "$out.bash" 2>/dev/null)
    if ! diff -u "$expected" "$out.bash"; then
        echo "--- $expected is not what bash --posix prints for $script"
        exit 1
    fi
fi
exit 0
