#!/bin/sh
# axos --gui as a person sees it: on a real X server (Xvfb), the desktop
# with the terminal running an interactive shell and life started from it
# beside it. Screenshots are taken with xwd until the check sees both, or
# 60 s pass: the shell's prompt and cursor at the top of the left tile,
# life's board in the right one (gui_xvfb_check.py). Skipped (exit 77)
# without Xvfb or xwd.
#
# usage: gui_xvfb.sh AXOS CHECK_SCRIPT WORK_DIR [PYTHON]
set -eu
axos=$1 check=$2 work=$3 python=${4:-python3}
. "$(dirname "$0")/xvfb.sh"

# the desktop's own size (KernelConfig's default screen), so the root
# window is the desktop and nothing else
xvfb_start "$work" 1024x768x24 xwd "$python"
shot=$work/gui.xwd
DISPLAY=$display SDL_VIDEODRIVER=x11 "$axos" --gui -c 'life -t 100 & exec sh -i' \
    >"$work/axos.log" 2>&1 &
axos_pid=$!
trap 'kill $axos_pid 2>/dev/null || true; wait $axos_pid 2>/dev/null || true;
      kill $xvfb_pid 2>/dev/null || true; wait $xvfb_pid 2>/dev/null || true' EXIT INT TERM

status=1
tries=0
while [ $tries -lt 60 ]; do
    tries=$((tries + 1))
    sleep 1
    if ! kill -0 $axos_pid 2>/dev/null; then
        echo "gui_xvfb: FAIL: axos --gui ended early:"
        cat "$work/axos.log"
        exit 1
    fi
    rm -f "$shot"
    xwd -root -silent -display "$display" -out "$shot" || continue
    if "$python" "$check" "$shot" >"$work/check.log" 2>&1; then
        status=0
        break
    fi
done
cat "$work/check.log"
exit $status
