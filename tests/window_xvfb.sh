#!/bin/sh
# The life demo in a real X window: start Xvfb on a free display, run the
# demo there through the SDL backend, screenshot the screen with xwd and
# check the board's colours in it. Skipped (exit 77) without Xvfb or xwd.
#
# usage: window_xvfb.sh DEMO_BINARY CHECK_SCRIPT WORK_DIR [PYTHON]
set -eu
demo=$1 check=$2 work=$3 python=${4:-python3}
. "$(dirname "$0")/xvfb.sh"

xvfb_start "$work" 800x600x24 xwd "$python"
shot=$work/life.xwd
rm -f "$shot"
DISPLAY=$display SDL_VIDEODRIVER=x11 \
    "$demo" "xwd -root -silent -display $display -out '$shot'"
"$python" "$check" "$shot"
