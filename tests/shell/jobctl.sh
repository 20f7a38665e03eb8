# Job control in a script (set -m): every job gets its own process
# group; kill -STOP, bg, fg and the jobs listing.
set -m
sleep 10 &
jobs
kill -STOP %1
sleep 1
jobs
bg %1
jobs
kill %1
wait
sleep 1 &
fg %1
echo "fg status: $?"
sleep 1 & sleep 2 &
jobs
fg
fg
jobs
echo "no jobs left"
