#!/usr/bin/env python3
"""Check an xwd screenshot of axos --gui with a terminal and life tiled
side by side: the shell's prompt (text in term's foreground colour, on one
line at the top) and the cursor right of it in the left tile, term's
background filling that tile, and life's board (grid lines and live
cells) in the right tile only. Standard library only.

usage: gui_xvfb_check.py SCREENSHOT.xwd
"""
import sys

from window_xvfb_check import GRID, LIVE, read_xwd

TERM_FG = (0xD8, 0xDE, 0xE4)  # userland/term/render.c DEFAULT_FG
TERM_BG = (0x10, 0x14, 0x18)  # DEFAULT_BG (life's dead cells share it)
CURSOR = (0xE8, 0xC0, 0x60)   # CURSOR_COLOR


class Box:
    """Count and bounding box of the pixels of one colour in one tile."""

    def __init__(self):
        self.n = 0
        self.x0 = self.y0 = 1 << 30
        self.x1 = self.y1 = -1

    def add(self, x, y):
        self.n += 1
        self.x0, self.y0 = min(self.x0, x), min(self.y0, y)
        self.x1, self.y1 = max(self.x1, x), max(self.y1, y)

    def __repr__(self):
        if not self.n:
            return "none"
        return "%d px in (%d,%d)-(%d,%d)" % (self.n, self.x0, self.y0, self.x1, self.y1)


def main():
    pixels = list(read_xwd(sys.argv[1]))
    width = max(x for x, _, _ in pixels) + 1
    mid = width // 2
    colours = (TERM_FG, TERM_BG, CURSOR, LIVE, GRID)
    left = {c: Box() for c in colours}
    right = {c: Box() for c in colours}
    for x, y, rgb in pixels:
        if rgb in left:
            (left if x < mid else right)[rgb].add(x, y)
    fg, cur = left[TERM_FG], left[CURSOR]
    print("gui_xvfb: left: text %s, cursor %s, background %d px; right: live %s, grid %s"
          % (fg, cur, left[TERM_BG].n, right[LIVE], right[GRID]))
    failures = []
    if fg.n < 20 or fg.x1 - fg.x0 < 60:
        failures.append("no prompt text in the left tile")
    elif fg.y1 - fg.y0 > 40 or fg.y0 > 80:
        failures.append("the left tile's text is not one line at the top")
    if cur.n < 10:
        failures.append("no cursor in the left tile")
    elif fg.n and not (cur.x0 > fg.x1 - 2 and cur.y0 <= fg.y1 and cur.y1 >= fg.y0):
        failures.append("the cursor is not right of the prompt")
    if left[TERM_BG].n < mid * 300:
        failures.append("term's background does not fill the left tile")
    if left[LIVE].n or left[GRID].n:
        failures.append("life's colours in the left tile")
    if right[LIVE].n < 81 * 5:
        failures.append("fewer than 5 live cells in the right tile")
    if right[GRID].n < 1000:
        failures.append("no grid lines in the right tile")
    if right[TERM_FG].n:
        failures.append("terminal text in the right tile")
    if failures:
        sys.exit("gui_xvfb: FAIL: " + "; ".join(failures))
    print("gui_xvfb: OK")


if __name__ == "__main__":
    main()
