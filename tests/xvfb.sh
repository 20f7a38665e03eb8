# Sourced by the tests that run windows on a real X server (Xvfb):
#   xvfb_start WORK_DIR GEOMETRY [TOOLS...]
# skips the test (exit 77) when Xvfb or one of TOOLS is missing, else
# starts Xvfb on a free display, sets $display, and stops the server when
# the script exits. Real X11 for SDL, whatever the caller's environment
# says; under the sanitizers, host libraries SDL loads (D-Bus, GL
# drivers) keep memory to the end on purpose, so leaks are not checked.
xvfb_start() {
    xvfb_work=$1 xvfb_geometry=$2
    shift 2
    for tool in Xvfb "$@"; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "xvfb: SKIP: $tool not found (Debian: xvfb, x11-apps, python3)"
            exit 77
        fi
    done
    mkdir -p "$xvfb_work"
    dispfile=$xvfb_work/display
    rm -f "$dispfile"
    # -displayfd: the server picks a free display number and writes it
    # when it is ready to take clients.
    Xvfb -displayfd 3 -screen 0 "$xvfb_geometry" -nolisten tcp 3>"$dispfile" \
        2>"$xvfb_work/xvfb.log" &
    xvfb_pid=$!
    trap 'kill $xvfb_pid 2>/dev/null || true; wait $xvfb_pid 2>/dev/null || true' EXIT INT TERM
    tries=0
    while [ ! -s "$dispfile" ]; do
        tries=$((tries + 1))
        if [ $tries -gt 100 ] || ! kill -0 $xvfb_pid 2>/dev/null; then
            echo "xvfb: SKIP: Xvfb did not start:"
            cat "$xvfb_work/xvfb.log"
            exit 77
        fi
        sleep 0.1
    done
    display=:$(head -n 1 "$dispfile")
    echo "xvfb: Xvfb on $display"
    unset WAYLAND_DISPLAY SDL_RENDER_DRIVER
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
}
