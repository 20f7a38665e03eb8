# Helpers for the tmux-driven CLI tests (sourced after setting $sock):
# tm (tmux on the test's own server), screen (the pane's text), keys
# (send-keys), wait_for REGEX [N] (until N lines of the screen match,
# 15 s at most, else FAIL with the screen).
tm() { tmux -L "$sock" -f /dev/null "$@"; }
screen() { tm capture-pane -p -t 0; }
keys() { tm send-keys -t 0 "$@"; }
wait_for() {
    i=0
    while [ $i -lt 150 ]; do
        [ "$(screen | grep -c -E -- "$1")" -ge "${2:-1}" ] && return 0
        sleep 0.1
        i=$((i + 1))
    done
    echo "FAIL: no ${2:-1} line(s) matching '$1' on the screen:"
    screen
    exit 1
}
