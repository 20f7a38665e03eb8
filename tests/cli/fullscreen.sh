#!/bin/sh
# fullscreen.sh AXOS: the full-screen programs at the REPL, driven through
# tmux as a person types: vi makes a file (insert mode, ESC, :wq), less
# pages a pipe (G to the end, q), man shows a page through the pager.
axos=$1
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: skipped"; exit 77; }
sock="axos-cli-fs-$$"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null' EXIT INT TERM
tm new-session -d -x 80 -y 24 "TERM=xterm '$axos'; echo AXOS-EXIT=\$?; sleep 60"


wait_for '\$ ?$'
keys 'PS1="T> "' Enter
wait_for '^T> ?$'

# Each full-screen program clears the screen as it starts, so after it the
# one prompt on the screen is the one that follows it.
keys 'vi /tmp/note' Enter
wait_for '"/tmp/note" \[New\]'
wait_for '^~' 10
keys 'i' 'hello from vi' Escape
wait_for '^hello from vi$'
keys ':wq' Enter
wait_for '^T> ?$'
keys 'wc -c < /tmp/note' Enter
wait_for '^14$'

keys 'seq 100 | less' Enter
wait_for '^1$'
wait_for '^:$'
keys 'G'
wait_for '^\(END\)'
wait_for '^100$'
keys 'q'
wait_for '^T> ?$'

keys 'man sed' Enter
wait_for 'sed - stream editor'
keys 'q'
wait_for '^T> ?$'
keys 'echo done' Enter
wait_for '^done$'

keys C-d
wait_for '^AXOS-EXIT=0$'
exit 0
