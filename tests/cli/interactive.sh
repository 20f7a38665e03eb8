#!/bin/sh
# interactive.sh AXOS: an interactive session driven through tmux
# (send-keys in, capture-pane out): the prompt, history recall with the
# up arrow, ^C of a foreground job (then $? is 130), ^Z then fg, ^C of a
# busy shell loop and of a list, rm -i's question, ^C at the prompt, tab
# completion (Tab-Tab lists once), ^D on an empty line to leave.
axos=$1
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed: skipped"; exit 77; }
sock="axos-cli-test-$$"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null' EXIT INT TERM
tm new-session -d -x 100 -y 50 "TERM=xterm '$axos'; echo AXOS-EXIT=\$?; sleep 60"

# wait_new_prompt: until the screen's last two lines are one ending in
# "^C" and an empty prompt
wait_new_prompt() {
    i=0
    while [ $i -lt 150 ]; do
        screen | grep -v '^ *$' | tail -n 2 | sed 's/ *$//' | paste -sd'|' |
            grep -q '\^C|T>$' && return 0
        sleep 0.1
        i=$((i + 1))
    done
    echo "FAIL: no new prompt after ^C on the screen:"
    screen
    exit 1
}

wait_for '^user@axos:~\$ ?$'             # the shell's prompt, user@host:cwd: the user, at home
keys 'PS1="T> "' Enter
wait_for '^T> ?$'
keys 'echo hello' Enter
wait_for '^hello$'
keys Up                               # history: the last line comes back
wait_for '^T> echo hello$' 2
keys Enter
wait_for '^hello$' 2

# Keys typed while a job runs go to the console as type-ahead (as in a
# real terminal), so each step waits for the prompt to come back first.
keys 'sleep 100' Enter
wait_for '^T> sleep 100$'
keys C-c
wait_for '^T> ?$'
keys 'echo $?' Enter
wait_for '^130$'

keys 'sleep 100' Enter
wait_for '^T> sleep 100$' 2
keys C-z
wait_for 'Stopped'
wait_for '^T> ?$'
keys 'fg' Enter
wait_for '^sleep 100$'
keys C-c
wait_for '^T> ?$'
keys 'echo $?' Enter
wait_for '^130$' 2

# ^C ends a loop the shell runs itself (no system call in it), and a
# ^C that kills a job abandons the rest of its loop and list (bash)
keys 'while :; do :; done; echo after-loop' Enter
wait_for '^T> while :; do :; done; echo after-loop$'
sleep 0.3
keys C-c
wait_for '^T> ?$'
keys 'echo $?' Enter
wait_for '^130$' 3
keys 'for i in 1 2 3; do sleep 1; echo i=$i; done; echo after-for' Enter
wait_for '^T> for i in 1 2 3'
sleep 0.3
keys C-c
wait_for '^T> ?$'
keys 'echo $?' Enter
wait_for '^130$' 4
if screen | grep -q -e '^after-loop$' -e '^after-for$' -e '^i=1$'; then
    echo "FAIL: ^C did not abandon the loop and list"; screen; exit 1
fi

# rm -i asks, and keeps the file on "n"
keys 'touch /tmp/q; rm -i /tmp/q' Enter
wait_for "^rm: remove regular empty file '/tmp/q'\\? ?$"
keys 'n' Enter
wait_for '^T> ?$'
keys 'ls /tmp/q' Enter
wait_for '^/tmp/q$'

keys 'not-run' C-c                    # ^C at the prompt drops the line
wait_new_prompt                       # (the host delivers ^C as a signal: keys
keys 'echo after' Enter               # typed at once after it may come first)
wait_for '^after$'
keys 'ech' Tab 'tab-ok' Enter         # a command name
wait_for '^tab-ok$'
keys 'echo /etc/' Tab                 # ambiguous: the first Tab only beeps,
sleep 0.5
if screen | grep -q 'hostname'; then
    echo "FAIL: the first Tab listed the matches"; screen; exit 1
fi
keys Tab                              # the second in a row lists them, once
wait_for 'hostname'
if [ "$(screen | grep -c 'hostname')" -ne 1 ]; then
    echo "FAIL: Tab-Tab listed the matches more than once"; screen; exit 1
fi
keys C-c
wait_new_prompt
keys 'cat /etc/mot' Tab Enter         # a path in the simulated filesystem
wait_for '^Welcome to axos'
if screen | grep -q 'not-run: '; then
    echo "FAIL: the line cut by ^C ran"; screen; exit 1
fi
keys C-d
wait_for '^AXOS-EXIT=0$'
exit 0
