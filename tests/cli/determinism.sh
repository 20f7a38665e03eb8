#!/bin/sh
# determinism.sh AXOS WORKDIR: with --clock virtual, the same seed and
# script give the same output, the `trace digest` included, and
# `sleep 100` takes no wall time (a run that really slept would hit the
# timeout long before).
axos=$1 dir=$2
. "$(dirname "$0")/lib.sh"
mkdir -p "$dir"
cat > "$dir/script" <<'SCRIPT'
echo start
sleep 100
echo slept
seq 1 1000 | wc -l
for i in 1 2 3; do echo "job $i" & done; wait
yes | head -n 2
head -c 8 /dev/random | hexdump -C
ps
uptime
trace digest
SCRIPT
for run in 1 2; do
    timeout 60 "$axos" --seed 7 --clock virtual < "$dir/script" > "$dir/out$run" 2>&1
    check "run $run exits 0 well within the timeout" 0 $?
done
if ! cmp -s "$dir/out1" "$dir/out2"; then
    echo "FAIL: two runs differ:"
    diff "$dir/out1" "$dir/out2"
    fail=1
fi
grep -q '^slept$' "$dir/out1" || { echo "FAIL: no 'slept' in:"; cat "$dir/out1"; fail=1; }
grep -q 'up 1 min' "$dir/out1" || { echo "FAIL: uptime does not show 100 s of virtual time"; fail=1; }
digest=$(tail -n 1 "$dir/out1")
case $digest in
*[!0-9a-f]*|'') echo "FAIL: the last line is not a digest: $digest"; fail=1 ;;
esac
exit $fail
