#!/usr/bin/env python3
"""Check an xwd screenshot of the life demo: the board's colours must be
on screen, and the board must cover a 640x480 rectangle (its frame size,
drawn unscaled). Standard library only.

usage: window_xvfb_check.py SCREENSHOT.xwd
"""
import struct
import sys

DEAD = (0x10, 0x14, 0x18)
GRID = (0x1C, 0x22, 0x28)
PAUSED = (0xE0, 0xB0, 0x40)  # the demo is paused for the shot
LIVE = (0x3C, 0xDC, 0x78)
BOARD_W, BOARD_H = 640, 480

HEADER_FIELDS = (
    "header_size file_version pixmap_format pixmap_depth pixmap_width "
    "pixmap_height xoffset byte_order bitmap_unit bitmap_bit_order bitmap_pad "
    "bits_per_pixel bytes_per_line visual_class red_mask green_mask blue_mask "
    "bits_per_rgb colormap_entries ncolors window_width window_height window_x "
    "window_y window_bdrwidth"
).split()


def shift_of(mask):
    shift = 0
    while mask and not mask & 1:
        mask >>= 1
        shift += 1
    return shift


def read_xwd(path):
    """Yield (x, y, (r, g, b)) for every pixel of a TrueColor xwd dump."""
    data = open(path, "rb").read()
    h = dict(zip(HEADER_FIELDS, struct.unpack(">25I", data[:100])))
    if h["file_version"] != 7 or h["pixmap_format"] != 2:
        sys.exit("not a ZPixmap xwd dump (version %d, format %d)"
                 % (h["file_version"], h["pixmap_format"]))
    bpp = h["bits_per_pixel"]
    if bpp not in (24, 32):
        sys.exit("unsupported depth: %d bits per pixel" % bpp)
    start = h["header_size"] + 12 * h["ncolors"]
    order = "<" if h["byte_order"] == 0 else ">"
    step = bpp // 8
    masks = [(h[m], shift_of(h[m])) for m in ("red_mask", "green_mask", "blue_mask")]
    width, height, line = h["pixmap_width"], h["pixmap_height"], h["bytes_per_line"]
    for y in range(height):
        row = data[start + y * line: start + y * line + width * step]
        for x in range(width):
            raw = row[x * step:(x + 1) * step]
            if step == 3:
                raw = raw + b"\0" if order == "<" else b"\0" + raw
            (v,) = struct.unpack(order + "I", raw)
            yield x, y, tuple((v & m) >> s for m, s in masks)


def main():
    counts = {DEAD: 0, GRID: 0, PAUSED: 0, LIVE: 0}
    box = [None, None, None, None]  # min x, min y, max x, max y of the board
    for x, y, rgb in read_xwd(sys.argv[1]):
        if rgb in counts:
            counts[rgb] += 1
            box = [x if box[0] is None else min(box[0], x),
                   y if box[1] is None else min(box[1], y),
                   x if box[2] is None else max(box[2], x),
                   y if box[3] is None else max(box[3], y)]
    print("window_xvfb: dead %d, grid %d, paused %d, live %d pixels; board box %s"
          % (counts[DEAD], counts[GRID], counts[PAUSED], counts[LIVE], box))
    failures = []
    if counts[DEAD] < BOARD_W * BOARD_H // 2:
        failures.append("too few dead-cell pixels")
    if counts[GRID] < BOARD_W + BOARD_H:
        failures.append("no grid lines")
    if counts[PAUSED] + counts[LIVE] < 81 * 10:
        failures.append("fewer than 10 live cells on screen")
    if None in box or (box[2] - box[0] + 1, box[3] - box[1] + 1) != (BOARD_W, BOARD_H):
        failures.append("the board does not cover %dx%d pixels" % (BOARD_W, BOARD_H))
    if failures:
        sys.exit("window_xvfb: FAIL: " + "; ".join(failures))
    print("window_xvfb: OK")


if __name__ == "__main__":
    main()
