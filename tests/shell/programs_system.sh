# The system programs, through the shell: true, false, sleep, env, ps,
# kill, date, uptime, clear, which, basename, dirname, trace.
exec 2>&1 # error messages are part of the expected output
true; echo "true: $?"; false; echo "false: $?"
sleep 2.5; sleep 1m; echo "slept: $?"
sleep bad; echo "sleep bad: $?"
env | grep -c '^PATH='
env -i A=1 B=2
env -i PATH=/bin X=y env
env -u HOME env | grep -c HOME
env nosuchcmd; echo "env missing: $?"
env false; echo "env false: $?"
date
date '+%Y-%m-%d %H:%M:%S %j %s'
date -d @0
uptime; uptime -p; uptime -s
sleep 100 &
ps | head -n 1
ps -o args | grep -c '[s]leep 100'
kill %1; wait; echo "wait after kill: $?"
sleep 100 &
/bin/kill -s KILL $!; wait $!; echo "killed: $?"
sleep 100 &
/bin/kill -USR1 $!; wait $!; echo "USR1: $?"
/bin/kill 9999; echo "kill missing: $?"
/bin/kill -l | head -n 3; /bin/kill -l 9 130 TERM
/bin/kill -BOGUS 1; echo "bad signal: $?"
clear | hexdump -C
which ls cat; which nosuch ls; echo "which: $?"
basename /usr/lib/; basename file.c .c; basename /; basename -a x/a y/b
dirname /usr/lib/ a / //a//b// /a
trace summary | head -n 1
trace digest | wc -c
