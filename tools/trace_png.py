#!/usr/bin/env python3
"""Draw an axos trace (kernel_trace_write_json's Chrome trace JSON) as a
timeline picture, with matplotlib (Debian: python3-matplotlib).

usage: trace_png.py TRACE.json OUT.png [--width PIXELS] [--title TEXT]

One row per process (named from its process_name metadata), time running
left to right. Syscalls ("ph":"X") are bars from entry to return, coloured
by kind and labelled where they are wide enough; a call that took no time
on the clock still gets a sliver. Instants ("ph":"i") are marks above the
bar: signals, timers, process events, custom events, injected faults;
scheduler switches are small grey ticks below it.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

# syscall kinds: the colour of a bar, and the legend
KINDS = [
    ("files", "#4276c4", {"read", "write", "open", "close", "lseek", "dup", "dup2", "stat",
                          "fstat", "mkdir", "rmdir", "unlink", "rename", "readdir", "exists",
                          "getcwd", "chdir", "fcntl", "ftruncate", "fsync", "sync"}),
    ("processes", "#3e9651", {"spawn", "exec", "exit", "waitpid", "getpid", "getppid",
                              "setpgid", "getpgid", "setsid", "getsid", "yield", "proclist",
                              "getenv", "setenv", "unsetenv", "environ"}),
    ("time", "#e18c28", {"sleep", "timer_set", "timer_interval", "timer_cancel",
                         "clock_gettime"}),
    ("pipes, memory", "#28a0a0", {"pipe", "mem_alloc", "mem_free", "mem_read", "mem_write",
                                  "heap_alloc", "heap_free", "heap_realloc", "shmget", "shmat",
                                  "shmdt", "shmctl"}),
    ("signals", "#c83c3c", {"kill", "signal", "sigaction", "sigprocmask", "sigblock",
                            "sigunblock", "sigpending", "pause"}),
    ("other", "#826eaa", set()),
]
INSTANT_COLOURS = {"signal": "#c83c3c", "timer": "#e18c28", "proc": "#3e9651",
                   "custom": "#8c46be", "ipc": "#28a0a0", "memory": "#28a0a0",
                   "fault": "#000000"}


def kind_colour(name):
    for _, colour, names in KINDS:
        if name in names:
            return colour
    return KINDS[-1][1]


def time_label(us):
    return f"{us / 1000:g}ms" if us >= 1000 else f"{us:g}us"


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
    ends = [e["ts"] - t_start for e in instants] + [e["ts"] + e["dur"] - t_start for e in spans]
    t_end = max(ends, default=1.0) or 1.0
    dpi = 100
    fig, ax = plt.subplots(figsize=(width / dpi, 1.3 + 0.42 * max(1, len(pids))), dpi=dpi)
    sliver = t_end / (width * 0.8)  # a zero-length call still shows, ~1 pixel wide
    row = {pid: i for i, pid in enumerate(reversed(pids))}
    for pid in pids:
        y = row[pid]
        ax.broken_barh([(0, t_end)], (y - 0.3, 0.6), color="#ececE8", zorder=0)
        mine = [s for s in spans if s["pid"] == pid]
        bars = [(s["ts"] - t_start, max(s["dur"], sliver)) for s in mine]
        ax.broken_barh(bars, (y - 0.3, 0.6), facecolors=[kind_colour(s["name"]) for s in mine],
                       edgecolor="white", linewidth=0.3, zorder=1)
        for (x, w), s in zip(bars, mine):
            if w > t_end * 0.008 * len(s["name"]):  # wide enough for its name
                ax.text(x + w / 2, y, s["name"], ha="center", va="center", fontsize=6,
                        color="white", clip_on=True, zorder=2)
        ticks = [i["ts"] - t_start for i in instants if i["pid"] == pid and i["cat"] == "sched"]
        ax.plot(ticks, [y - 0.38] * len(ticks), "|", color="#a0a0a0", markersize=4, zorder=2)
        for cat, colour in INSTANT_COLOURS.items():
            xs = [i["ts"] - t_start for i in instants if i["pid"] == pid and i["cat"] == cat]
            ax.plot(xs, [y + 0.42] * len(xs), "v", color=colour, markersize=4, zorder=3)
    ax.set_yticks(range(len(pids)), [f"{names.get(pid, 'pid')} {pid}" for pid in reversed(pids)])
    ax.set_xlim(0, t_end)
    ax.set_ylim(-0.7, len(pids) - 0.3)
    ax.xaxis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(lambda v, _: ("+" if t_start else "") + time_label(round(v, 6))))
    other = d.get("otherData", {})
    ax.set_title(f"{title or 'axos trace'}\n{len(spans)} syscalls, {len(instants)} other events, "
                 f"clock {other.get('clock', '?')}, from t = {time_label(round(t_start, 3))}",
                 fontsize=9, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    legend = [Patch(color=c, label=n) for n, c, _ in KINDS]
    legend += [plt.Line2D([], [], marker="v", linestyle="", color=INSTANT_COLOURS[k], label=k)
               for k in ("signal", "timer", "proc", "custom", "fault")]
    ax.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=len(legend),
              fontsize=7, frameon=False)
    fig.savefig(out, bbox_inches="tight")
    plt.close(fig)


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
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    draw(args[0], args[1], width, title)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
