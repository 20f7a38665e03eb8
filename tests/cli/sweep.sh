#!/bin/sh
# sweep.sh AXOS SCENARIO.so DIR: axos sweep from outside, as a user runs it:
# verdicts, exit statuses, the replay command's digest, -j and --shard not
# changing the answers, --shrink, --merge, --report, and bad input.
axos=$1 scenario=$2 dir=$3
. "$(dirname "$0")/lib.sh"
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" || exit 1

cat > ok.sh <<'S'
echo hello > /tmp/x
cat /tmp/x > /tmp/y
test "$(cat /tmp/y)" = hello
S

# every seed passes: exit 0, one pass line per seed
"$axos" sweep --seeds 1..20 --script ok.sh > pass.jsonl 2> pass.err
check "a passing sweep exits 0" 0 $?
check "one line per seed" 20 "$(wc -l < pass.jsonl | tr -d ' ')"
check "every seed passes" 20 "$(grep -c '"verdict":"pass"' pass.jsonl)"
check "seeds in order" "1 20" "$(head -1 pass.jsonl | sed 's/{"seed":\([0-9]*\).*/\1/') $(tail -1 pass.jsonl | sed 's/{"seed":\([0-9]*\).*/\1/')"
grep -q "sweep: 20 seeds, 20 passed, 0 failed" pass.err
check "summary line" 0 $?

# a fault plan that fails file writes: some seeds fail, the sweep exits 1
spec='write,obj=file,p=0.3,errno=EIO'
"$axos" sweep --seeds 1..40 --faults "$spec" --script ok.sh > f1.jsonl 2> f1.err
check "a failing sweep exits 1" 1 $?
nfail=$(grep -c '"verdict":"fail"' f1.jsonl)
[ "$nfail" -gt 0 ] && [ "$nfail" -lt 40 ]
check "some seeds fail, not all ($nfail)" 0 $?
grep -q '"reason":"exit status 1"' f1.jsonl
check "the reason is the exit status" 0 $?

# the replay command of a failing seed gives the same digest
line=$(grep '"verdict":"fail"' f1.jsonl | head -1)
digest=$(printf '%s\n' "$line" | sed 's/.*"digest":"\([0-9a-f]*\)".*/\1/')
replay=$(printf '%s\n' "$line" | sed 's/.*"replay":"\([^"]*\)".*/\1/' | sed "s|^axos |\"\$axos\" |")
again=$(eval "$replay" 2>/dev/null | sed 's/.*"digest":"\([0-9a-f]*\)".*/\1/')
check "replay gives the same digest" "$digest" "$again"

# the answers do not depend on -j or on sharding (wall time aside)
strip() { sed 's/"wall_ns":[0-9]*//' "$1"; }
"$axos" sweep --seeds 1..40 -j 3 --faults "$spec" --script ok.sh > f3.jsonl 2>/dev/null
check "-j 3 gives the same lines" "$(strip f1.jsonl)" "$(strip f3.jsonl)"
"$axos" sweep --seeds 1..40 --shard 1/2 --faults "$spec" --script ok.sh > s1.jsonl 2>/dev/null
"$axos" sweep --seeds 1..40 --shard 2/2 --faults "$spec" --script ok.sh > s2.jsonl 2>/dev/null
check "two shards cover the seeds" 40 "$(cat s1.jsonl s2.jsonl | wc -l | tr -d ' ')"
check "shards give the same lines" "$(strip f1.jsonl | sort)" "$(cat s1.jsonl s2.jsonl | sed 's/"wall_ns":[0-9]*//' | sort)"
"$axos" sweep --merge s1.jsonl s2.jsonl > merged.txt
check "--merge exits 1 when a seed failed" 1 $?
grep -q "sweep: 40 seeds, $((40 - nfail)) passed, $nfail failed" merged.txt
check "--merge sums the shards" 0 $?

# --shrink: two faulting rules, only the errno one matters
"$axos" sweep --seeds 1..40 --faults "$spec;getpid,p=0.5,delay=1ms" --script ok.sh --shrink \
    --shrink-max 1 > /dev/null 2> shrink.err
grep -q "shrink seed [0-9]*: 1 of [0-9]* faults matter" shrink.err
check "--shrink keeps the one fault that matters" 0 $?
grep -q "replay: axos sweep --seeds [0-9]* --sched random --faults write,obj=file,nth=[0-9]*,errno=EIO -v --script ok.sh" shrink.err
check "--shrink prints the minimal replay" 0 $?

# a scenario library: assertions decide the verdict
"$axos" sweep --seeds 1..30 --faults 'write,obj=file,p=0.5,short' --scenario "$scenario" > sc.jsonl 2> sc.err
check "assertion failures fail the sweep" 1 $?
grep -q '"reason":"assertion failed: whole write"' sc.jsonl
check "a false always is the reason" 0 $?
grep -q 'sometimes-assertion `never true` never held in any seed' sc.err
check "a sometimes that never held is reported" 0 $?
grep -q 'sometimes-assertion `short write seen`' sc.err
check "a sometimes that held is not" 1 $?
"$axos" sweep --seeds 1..3 --scenario "$scenario" bad-check > /dev/null 2> sc2.err
check "the scenario's check fails the seeds" 1 $?
grep -q "FAIL seed 1: the scenario's check failed" sc2.err
check "the check is the reason" 0 $?

# --report (only where Debian's matplotlib is installed)
if /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
    "$axos" sweep --seeds 1..20 --faults "$spec" --script ok.sh --report r.html > /dev/null 2>&1
    grep -q "<img alt='faults per kind' src='data:image/png;base64," r.html
    check "--report draws the plots" 0 $?
    grep -q "<td>exit status 1</td>" r.html
    check "--report lists the failing seeds" 0 $?
fi

# bad input: usage errors (2), naming what is wrong
for bad in "" "--seeds" "--seeds 5..1 --script ok.sh" "--seeds x --script ok.sh" \
           "--seeds 1..2" "--seeds 1..2 --script ok.sh --scenario x.so" "--seeds 1 -j 0 --script ok.sh" \
           "--seeds 1 --shard 3/2 --script ok.sh" "--seeds 1 --sched lottery --script ok.sh" \
           "--seeds 1 --script /nonexistent" "--seeds 1 --bogus" \
           "--seeds 1 --program /nonexistent.so" "--seeds 1 --program ok.sh" \
           "--seeds 1 --script ok.sh --program x.so" "--seeds 1 --recover ok.sh --scenario $scenario" \
           "--seeds 1 --recover /nonexistent --script ok.sh"; do
    # shellcheck disable=SC2086
    "$axos" sweep $bad >/dev/null 2>&1
    check "sweep $bad is a usage error" 2 $?
done
err=$("$axos" sweep --seeds 1 --faults 'write,errno=EIO;read,p=2' --script ok.sh 2>&1)
check "a bad spec names its column" "axos sweep: --faults: column 22: \`p=2\`: probability must be a number in [0, 1]" "$err"
err=$("$axos" sweep --seeds 1 --scenario ./nonexistent.so 2>&1)
case $err in "axos sweep: --scenario: ./nonexistent.so: cannot open"*) ;; *) check "a missing scenario" "cannot open" "$err" ;; esac
err=$("$axos" sweep --seeds 1 --program ok.sh 2>&1)
case $err in "axos sweep: --program: ok.sh: "*) ;; *) check "a file that is no program" "axos sweep: --program: ok.sh: ..." "$err" ;; esac
exit $fail
