# Background jobs: & and $!, wait, jobs, kill %N, and with job control
# on (set -m) fg and bg.
sleep 1 &
pid=$!
case $pid in ''|*[!0-9]*) echo "bad \$!";; *) echo "\$! is a pid";; esac
wait $pid; echo "wait for sleep: $?"
(exit 5) &
wait $!; echo "wait returns the job's status: $?"
{ sleep 1; echo "background group done"; } &
echo "foreground goes first"
wait
echo "wait with no arguments waited for all"
sleep 5 &
jobs
kill %1
wait %1; echo "killed job status: $?"
jobs
sleep 2 & sleep 1 &
jobs
wait; echo "all done: $?"
wait 12345 2>/dev/null; echo "wait for a stranger: $?"
echo x | { read v; echo "pipeline in background: $v"; } &
wait
f() { sleep 1; return 3; }
f & wait $!; echo "function in background: $?"
for i in 1 2 3; do echo "bg loop $i"; done > /tmp/sh_jobs_out &
wait; cat /tmp/sh_jobs_out; rm /tmp/sh_jobs_out
