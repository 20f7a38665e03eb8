#!/bin/sh
# hostsig.sh AXOS: the host's SIGTERM, SIGINT and SIGHUP stop a machine
# whose program is busy and makes syscalls without ever waiting (`yes >
# /dev/null`), under either clock and from -c or a script on stdin: axos
# shuts down cleanly (the trace file is written) with status 128+N. And
# the machine's memory is limited by default: half of the host's.
axos=$1
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# Run axos with the rest of the arguments in the background, let it get
# busy, send the signal, and give the status (or "hung" after 30 s). The
# signal is sent again every half second: a background job of this
# non-interactive sh starts with SIGINT ignored, and one that comes before
# axos has set its handlers (a sanitizer build on a loaded machine starts
# slowly) is lost.
stop_with() {
    sig=$1
    shift
    "$axos" "$@" </dev/null >/dev/null 2>&1 &
    pid=$!
    sleep 0.3
    i=0
    while kill -0 $pid 2>/dev/null && [ $i -lt 300 ]; do
        [ $((i % 5)) -eq 0 ] && kill -"$sig" $pid 2>/dev/null
        sleep 0.1
        i=$((i + 1))
    done
    if kill -0 $pid 2>/dev/null; then
        kill -KILL $pid
        wait $pid
        echo hung
        return
    fi
    wait $pid
    echo $?
}

check "SIGTERM stops a busy -c, 128+15" 143 "$(stop_with TERM -c 'yes > /dev/null')"
check "SIGINT stops a busy -c (no terminal), 128+2" 130 "$(stop_with INT -c 'yes > /dev/null')"
check "SIGHUP stops a busy -c, 128+1" 129 "$(stop_with HUP -c 'yes > /dev/null')"
check "SIGTERM, virtual clock" 143 "$(stop_with TERM --clock virtual -c 'yes > /dev/null')"
check "SIGTERM, a pipeline" 143 "$(stop_with TERM -c 'yes | cat > /dev/null')"
check "SIGTERM stops a busy script on stdin" 143 \
    "$(printf 'yes > /dev/null\n' > "$tmp/s"; stop_with TERM "$tmp/s")"
check "the trace is written on the way out" 143 "$(stop_with TERM --trace "$tmp/t.json" -c 'yes > /dev/null')"
grep -q '"traceEvents"' "$tmp/t.json" && tail -c 3 "$tmp/t.json" | grep -q '}'
check "the trace file is whole" 0 $?

# The memory limit: half of the host's by default, never unlimited.
half=$(( $(getconf _PHYS_PAGES) * $(getconf PAGESIZE) / 2 ))
check "the default limit is half the host's memory" "$half" \
    "$("$axos" -c 'free -b' | awk '/^Mem:/ {print $2}')"
check "--mem-limit sets it" 8388608 "$("$axos" --mem-limit 8M -c 'free -b' | awk '/^Mem:/ {print $2}')"
out=$("$axos" --mem-limit 8M -c 'yes > /tmp/f; echo "status $?"; rm /tmp/f; echo after' 2>/dev/null)
check "a file fills the machine, then ENOSPC; removing it gives the room back" "status 1
after" "$out"
"$axos" --mem-limit 0 -c true 2>/dev/null
check "--mem-limit 0 is refused" 2 $?
"$axos" --mem-limit 12X -c true 2>/dev/null
check "--mem-limit needs a size" 2 $?
exit $fail
