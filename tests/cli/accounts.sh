#!/bin/sh
# accounts.sh AXOS: the issue's REPL checks, typed through tmux as a person
# would: `su` to root with root's password (asked with echo off) gives a
# root shell; a wrong password says "su: Authentication failure";
# `ls -l /proc/self/fd` lists the shell's fds.
axos=$1
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: skipped"; exit 77; }
sock="axos-acct-test-$$"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null' EXIT INT TERM
tm new-session -d -x 100 -y 50 "TERM=xterm '$axos' --ephemeral --root-password s3cret; echo AXOS-EXIT=\$?; sleep 60"

wait_for '^user@axos:~\$ ?$'
keys 'su' Enter
wait_for '^Password: ?$'
keys 's3cret' Enter
wait_for '^root@axos:/home/user# ?$'
if screen | grep -q s3cret; then
    echo "FAIL: the password was echoed"; screen; exit 1
fi
keys 'id' Enter
wait_for '^uid=0\(root\) gid=0\(root\) groups=0\(root\)$'
keys 'ls -l /proc/self/fd' Enter
wait_for ' 0( -> .*)?$'
wait_for ' 2( -> .*)?$'
keys 'exit' Enter
wait_for '^user@axos:~\$ ?$'
keys 'clear' Enter
sleep 0.5
wait_for '^user@axos:~\$ ?$'
# a wrong password: refused after the delay, back to the user's shell
keys 'su -c id' Enter
wait_for '^Password: ?$'
keys 'wrong' Enter
wait_for '^su: Authentication failure$'
wait_for '^user@axos:~\$ ?$'
keys 'echo status=$?' Enter
wait_for '^status=1$'
keys 'exit' Enter
wait_for '^AXOS-EXIT=0$'
echo "accounts: su and /proc/self/fd at the REPL"
