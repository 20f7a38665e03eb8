#!/usr/bin/env python3
"""Write the HTML report of an axos sweep: a self-contained page (plots
inlined as PNG data) from the sweep's JSON lines.

usage: sweep_report.py SWEEP.jsonl OUT.html

axos sweep --report runs this; so does axos sweep --merge ... --report.
The page has the totals, the failing seeds with their reasons and replay
commands, the assertions that never held, and two plots drawn with
matplotlib: fired faults per kind (in passing and failing seeds) and the
distribution of each run's virtual time.
"""
import base64
import html
import io
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

KINDS = ["errno", "short", "delay", "signal", "alloc", "powerloss"]


def read_lines(path):
    runs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                runs.append(json.loads(line))
            except json.JSONDecodeError as e:
                sys.exit(f"sweep_report.py: {path}:{n}: not a JSON line: {e}")
    return runs


def png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def faults_plot(runs):
    counts = {v: [0] * len(KINDS) for v in ("pass", "fail")}
    for r in runs:
        for f in r.get("faults", []):
            if f.get("action") in KINDS:
                counts[r["verdict"]][KINDS.index(f["action"])] += 1
    fig, ax = plt.subplots(figsize=(6, 3.2))
    x = range(len(KINDS))
    ax.bar([i - 0.2 for i in x], counts["pass"], width=0.4, label="in passing seeds", color="#6a9f58")
    ax.bar([i + 0.2 for i in x], counts["fail"], width=0.4, label="in failing seeds", color="#d1605e")
    ax.set_xticks(list(x), KINDS)
    ax.set_ylabel("faults fired")
    ax.set_title("Fired faults per kind")
    ax.legend()
    return png(fig)


def time_plot(runs):
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for verdict, colour in (("pass", "#6a9f58"), ("fail", "#d1605e")):
        ms = [r.get("virtual_ns", 0) / 1e6 for r in runs if r["verdict"] == verdict]
        if ms:
            ax.hist(ms, bins=40, alpha=0.7, label=f"{verdict} ({len(ms)})", color=colour)
    ax.set_xlabel("virtual time of the run (ms)")
    ax.set_ylabel("seeds")
    ax.set_title("Distribution of virtual time")
    ax.legend()
    return png(fig)


def assertion_rows(runs):
    seen = {}
    for r in runs:
        for a in r.get("asserts", []):
            s = seen.setdefault(a["name"], {"kind": a["kind"], "hits": 0, "passes": 0, "seeds": 0})
            s["hits"] += a["hits"]
            s["passes"] += a["passes"]
            s["seeds"] += 1 if a["passes"] else 0
    return seen


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__.strip().splitlines()[3])
    runs = read_lines(argv[1])
    failed = [r for r in runs if r["verdict"] == "fail"]
    e = html.escape
    out = ["<!doctype html><meta charset='utf-8'><title>axos sweep report</title>",
           "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
           "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;"
           "text-align:left;font-size:90%}code{font-size:85%}.fail{color:#b22}</style>",
           "<h1>axos sweep report</h1>"]
    seeds = [r["seed"] for r in runs]
    span = f"{min(seeds)}..{max(seeds)}" if seeds else "none"
    out.append(f"<p>{len(runs)} seeds ({e(span)}): {len(runs) - len(failed)} passed, "
               f"<span class='fail'>{len(failed)} failed</span>; "
               f"{sum(len(r.get('faults', [])) for r in runs)} faults fired.</p>")
    if runs:
        out.append(f"<img alt='faults per kind' src='data:image/png;base64,{faults_plot(runs)}'>")
        out.append(f"<img alt='virtual time' src='data:image/png;base64,{time_plot(runs)}'>")
    out.append("<h2>Failing seeds</h2>")
    if failed:
        out.append("<table><tr><th>seed</th><th>reason</th><th>faults</th><th>digest</th>"
                   "<th>replay</th></tr>")
        for r in failed[:500]:
            out.append(f"<tr><td>{r['seed']}</td><td>{e(r.get('reason', ''))}</td>"
                       f"<td>{len(r.get('faults', []))}</td><td><code>{e(r.get('digest', ''))}</code></td>"
                       f"<td><code>{e(r.get('replay', ''))}</code></td></tr>")
        out.append("</table>")
        if len(failed) > 500:
            out.append(f"<p>(and {len(failed) - 500} more)</p>")
    else:
        out.append("<p>None.</p>")
    rows = assertion_rows(runs)
    if rows:
        out.append("<h2>Assertions</h2><table><tr><th>name</th><th>kind</th><th>hits</th>"
                   "<th>held</th><th>seeds where it held</th></tr>")
        for name, s in sorted(rows.items()):
            bad = (s["kind"] == "sometimes" and s["passes"] == 0) or \
                  (s["kind"] in ("always", "unreachable") and s["passes"] < s["hits"])
            cls = " class='fail'" if bad else ""
            out.append(f"<tr{cls}><td>{e(name)}</td><td>{s['kind']}</td><td>{s['hits']}</td>"
                       f"<td>{s['passes']}</td><td>{s['seeds']}</td></tr>")
        out.append("</table>")
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv)
