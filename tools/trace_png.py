#!/usr/bin/env python3
"""Draw an axos trace (kernel_trace_write_json's Chrome trace JSON) as a
timeline picture, with nothing but the standard library.

usage: trace_png.py TRACE.json OUT.png [--width PIXELS] [--title TEXT]

One row per process (named from its process_name metadata), time running
left to right. Syscalls ("ph":"X") are bars from entry to return, coloured
by kind and labelled where they are wide enough; a call that took no time
on the clock still gets a sliver. Instants ("ph":"i") are marks above the
bar: signals, timers, process events, custom events; scheduler switches
are small grey ticks below it. The PNG is written by hand: raw RGB rows,
zlib-compressed, in IHDR / IDAT / IEND chunks.
"""
import json
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trace_font  # noqa: E402

BG = (250, 250, 247)
INK = (40, 40, 40)
FAINT = (205, 205, 200)
ROW_BG = (236, 236, 232)

# syscall kinds: the colour of a bar, and the legend
KINDS = [
    ("files", (66, 118, 196), {"read", "write", "open", "close", "lseek", "dup", "dup2", "stat",
                               "fstat", "mkdir", "rmdir", "unlink", "rename", "readdir",
                               "exists", "getcwd", "chdir", "fcntl", "ftruncate"}),
    ("processes", (62, 150, 81), {"spawn", "exec", "exit", "waitpid", "getpid", "getppid",
                                  "setpgid", "getpgid", "setsid", "getsid", "yield",
                                  "proclist", "getenv", "setenv", "unsetenv", "environ"}),
    ("time", (225, 140, 40), {"sleep", "timer_set", "timer_interval", "timer_cancel",
                              "clock_gettime"}),
    ("pipes, memory", (40, 160, 160), {"pipe", "mem_alloc", "mem_free", "mem_read",
                                       "mem_write", "heap_alloc", "heap_free",
                                       "heap_realloc", "shmget", "shmat", "shmdt", "shmctl"}),
    ("signals", (200, 60, 60), {"kill", "signal", "sigaction", "sigprocmask", "sigblock",
                                "sigunblock", "sigpending", "pause"}),
    ("other", (130, 110, 170), set()),
]
INSTANT_COLOURS = {"signal": (200, 60, 60), "timer": (225, 140, 40), "proc": (62, 150, 81),
                   "custom": (140, 70, 190), "ipc": (40, 160, 160), "memory": (40, 160, 160)}


def kind_colour(name):
    for _, colour, names in KINDS:
        if name in names:
            return colour
    return KINDS[-1][1]


class Canvas:
    def __init__(self, width, height):
        self.w, self.h = width, height
        self.px = bytearray(bytes(BG) * (width * height))

    def rect(self, x0, y0, x1, y1, colour):
        """Fill [x0, x1) x [y0, y1), clipped."""
        x0, x1 = max(0, int(x0)), min(self.w, int(x1))
        y0, y1 = max(0, int(y0)), min(self.h, int(y1))
        if x0 >= x1:
            return
        run = bytes(colour) * (x1 - x0)
        for y in range(y0, y1):
            at = (y * self.w + x0) * 3
            self.px[at:at + len(run)] = run

    def text(self, x, y, s, colour=INK, scale=1):
        """Draw s with its top-left corner at (x, y)."""
        for ch in s:
            for r, row in enumerate(trace_font.glyph(ch)):
                for c, ink in enumerate(row):
                    if ink:
                        self.rect(x + c * scale, y + r * scale,
                                  x + (c + 1) * scale, y + (r + 1) * scale, colour)
            x += trace_font.ADVANCE * scale

    def save(self, path):
        raw = bytearray()
        stride = self.w * 3
        for y in range(self.h):
            raw.append(0)  # filter: none
            raw += self.px[y * stride:(y + 1) * stride]

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        png = b"\x89PNG\r\n\x1a\n"
        png += chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0))
        png += chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        png += chunk(b"IEND", b"")
        with open(path, "wb") as f:
            f.write(png)


def nice_step(span_us, max_ticks):
    """A 1-2-5 step that puts at most max_ticks ticks on span_us."""
    step = 1e-3
    while span_us / step > max_ticks:
        for m in (2, 2.5, 2):
            step *= m
            if span_us / step <= max_ticks:
                break
    return step


def time_label(us):
    if us >= 1000:
        return f"{us / 1000:g}ms"
    return f"{us:g}us"


def load(path):
    with open(path) as f:
        d = json.load(f)
    names, spans, instants = {}, [], []
    for ev in d["traceEvents"]:
        if ev["ph"] == "M" and ev["name"] == "process_name":
            names[ev["pid"]] = ev["args"]["name"]
        elif ev["ph"] == "X":
            spans.append(ev)
        elif ev["ph"] == "i":
            instants.append(ev)
    pids = sorted({e["pid"] for e in spans + instants})
    return d, names, pids, spans, instants


def draw(path, out, width, title):
    d, names, pids, spans, instants = load(path)
    # the picture starts at the first event: a host-clock kernel may have
    # been up a while before anything was recorded
    t_start = min([e["ts"] for e in spans + instants], default=0.0)
    times = [e["ts"] - t_start for e in instants] + [e["ts"] + e["dur"] - t_start for e in spans]
    t_end = max(times, default=1.0) or 1.0
    left, right, top, row_h, bar_h = 120, 20, 44, 34, 16
    legend_h = 40
    height = top + row_h * len(pids) + 30 + legend_h
    cv = Canvas(width, height)
    plot_w = width - left - right

    def x_of(us, absolute=True):
        return left + ((us - t_start) if absolute else us) / t_end * plot_w

    other = d.get("otherData", {})
    cv.text(left, 10, title or "axos trace", INK, 2)
    info = (f"{len(spans)} syscalls, {len(instants)} other events, "
            f"clock {other.get('clock', '?')}, from t = {time_label(round(t_start, 3))}")
    cv.text(left, 30, info, (110, 110, 110))

    # time axis: grid lines behind the rows, labels under them
    axis_y = top + row_h * len(pids) + 4
    step = nice_step(t_end, max(2, plot_w // 90))
    t = 0.0
    while t <= t_end + 1e-9:
        x = x_of(t, absolute=False)
        cv.rect(x, top, x + 1, axis_y, FAINT)
        label = ("+" if t_start else "") + time_label(round(t, 6))
        cv.text(x - trace_font.text_width(label) / 2, axis_y + 4, label, (110, 110, 110))
        t += step

    for row, pid in enumerate(pids):
        y = top + row * row_h
        bar_y = y + (row_h - bar_h) // 2 + 3
        cv.rect(left, bar_y, left + plot_w, bar_y + bar_h, ROW_BG)
        label = f"{names.get(pid, 'pid')} {pid}"
        cv.text(left - 8 - trace_font.text_width(label), bar_y + 4, label)
        for e in (s for s in spans if s["pid"] == pid):
            x0 = x_of(e["ts"])
            x1 = max(x_of(e["ts"] + e["dur"]), x0 + 2)
            colour = kind_colour(e["name"])
            cv.rect(x0, bar_y, x1, bar_y + bar_h, colour)
            if x1 - x0 > 4:  # a light edge keeps back-to-back calls apart
                cv.rect(x0, bar_y, x0 + 1, bar_y + bar_h, (255, 255, 255))
            if x1 - x0 > trace_font.text_width(e["name"]) + 6:
                cv.text(x0 + 3, bar_y + 4, e["name"], (255, 255, 255))
        for e in (i for i in instants if i["pid"] == pid):
            x = x_of(e["ts"])
            if e["cat"] == "sched":
                cv.rect(x, bar_y + bar_h + 1, x + 1, bar_y + bar_h + 4, (160, 160, 160))
                continue
            colour = INSTANT_COLOURS.get(e["cat"], INK)
            for k in range(4):  # a small downward triangle over the bar
                cv.rect(x - 3 + k, bar_y - 6 + k, x + 4 - k, bar_y - 5 + k, colour)

    # legend
    y = height - legend_h + 8
    x = left
    entries = [(name, colour) for name, colour, _ in KINDS]
    entries += [("signal", INSTANT_COLOURS["signal"]), ("timer", INSTANT_COLOURS["timer"]),
                ("process", INSTANT_COLOURS["proc"]), ("custom", INSTANT_COLOURS["custom"])]
    for i, (name, colour) in enumerate(entries):
        if i == len(KINDS):
            cv.text(x, y + 1, "events:", (110, 110, 110))
            x += trace_font.text_width("events:") + 8
        cv.rect(x, y, x + 10, y + 9, colour)
        cv.text(x + 14, y + 1, name)
        x += 14 + trace_font.text_width(name) + 16
    cv.save(out)


def main(argv):
    args, width, title = [], 1200, None
    it = iter(argv[1:])
    for a in it:
        if a == "--width":
            width = int(next(it))
        elif a == "--title":
            title = next(it)
        else:
            args.append(a)
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    draw(args[0], args[1], width, title)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
