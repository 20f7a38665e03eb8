# strace and trace: what a command did, from inside the shell.
strace cat /etc/motd 2>&1 >/dev/null
echo "status $?"
strace cat /nope 2>&1 | grep -e open -e +++
strace /bin/echo traced 2>&1 | grep -v heap_
strace no-such-command; echo "status $?"
trace status
trace on
/bin/echo recorded > /dev/null
trace off
# echo's events are not trace's to read (a sibling, not a descendant)
trace events 1000 | grep -c 'write(1, "recorded'
trace events 1000 | grep -c 'trace_enable'
trace reset; echo "status $?"
trace status
