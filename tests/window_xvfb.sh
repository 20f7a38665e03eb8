#!/bin/sh
# The life demo in a real X window: start Xvfb on a free display, run the
# demo there through the SDL backend, screenshot the screen with xwd and
# check the board's colours in it. Skipped (exit 77) without Xvfb or xwd.
#
# usage: window_xvfb.sh DEMO_BINARY CHECK_SCRIPT WORK_DIR [PYTHON]
set -eu
demo=$1 check=$2 work=$3 python=${4:-python3}

for tool in Xvfb xwd "$python"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "window_xvfb: SKIP: $tool not found (Debian: xvfb, x11-apps, python3)"
        exit 77
    fi
done

mkdir -p "$work"
shot=$work/life.xwd
dispfile=$work/display
rm -f "$shot" "$dispfile"

# -displayfd: the server picks a free display number and writes it when
# it is ready to take clients.
Xvfb -displayfd 3 -screen 0 800x600x24 -nolisten tcp 3>"$dispfile" 2>"$work/xvfb.log" &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; wait $xvfb 2>/dev/null || true' EXIT INT TERM
tries=0
while [ ! -s "$dispfile" ]; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ] || ! kill -0 $xvfb 2>/dev/null; then
        echo "window_xvfb: SKIP: Xvfb did not start:"
        cat "$work/xvfb.log"
        exit 77
    fi
    sleep 0.1
done
display=:$(head -n 1 "$dispfile")
echo "window_xvfb: Xvfb on $display"

# Real X11 here, whatever the caller's environment says. Under the
# sanitizers, host libraries SDL loads (D-Bus, GL drivers) keep memory to
# the end on purpose; the demo checks the kernel's own allocations itself.
unset WAYLAND_DISPLAY SDL_RENDER_DRIVER
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
DISPLAY=$display SDL_VIDEODRIVER=x11 \
    "$demo" "xwd -root -silent -display $display -out '$shot'"
"$python" "$check" "$shot"
