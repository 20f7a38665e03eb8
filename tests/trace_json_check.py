#!/usr/bin/env python3
"""Check kernel_trace_write_json from outside, the way a trace viewer reads it.

usage: trace_json_check.py TRACE_DEMO WORKDIR

Runs the trace_demo program (a parent, a producer and a consumer on a pipe,
a ticker on a timer that signals the parent), parses its JSON with
python's json module and checks the Chrome trace event structure Perfetto
relies on: a traceEvents array, one named track per process, syscalls as
complete events, the rest as instants. Also checks that two runs under the
virtual clock write the same bytes, and that a host-clock run is valid too.
"""
import json
import os
import subprocess
import sys

CATEGORIES = {"syscall", "sched", "proc", "signal", "timer", "memory", "ipc", "custom"}


def fail(msg):
    print("trace_json_check: " + msg, file=sys.stderr)
    sys.exit(1)


def run(demo, path, *extra):
    subprocess.run([demo, path, *extra], check=True)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        return raw, json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        fail(f"{path}: not valid JSON: {e}")


def check_structure(d, path):
    if not isinstance(d, dict) or not isinstance(d.get("traceEvents"), list):
        fail(f"{path}: no traceEvents array")
    events = d["traceEvents"]
    names = {}   # pid -> process_name
    tracks = {}  # pid -> list of complete events, file order
    last_end = 0.0
    for ev in events:
        ph = ev.get("ph")
        if ph not in ("M", "X", "i"):
            fail(f"{path}: unexpected ph {ph!r} in {ev}")
        pid, tid = ev.get("pid"), ev.get("tid")
        if not isinstance(pid, int) or pid != tid:
            fail(f"{path}: pid/tid must be equal ints: {ev}")
        if ph == "M":
            if ev["name"] == "process_name":
                names[pid] = ev["args"]["name"]
            continue
        if ev.get("cat") not in CATEGORIES or not isinstance(ev.get("name"), str):
            fail(f"{path}: bad cat or name: {ev}")
        ts = ev.get("ts")
        if not isinstance(ts, (int, float)) or ts < 0:
            fail(f"{path}: bad ts: {ev}")
        if not isinstance(ev.get("args", {}).get("seq"), int):
            fail(f"{path}: no seq: {ev}")
        if ph == "X":
            dur = ev.get("dur")
            if ev["cat"] != "syscall" or not isinstance(dur, (int, float)) or dur < 0:
                fail(f"{path}: bad complete event: {ev}")
            if "=" not in ev["args"].get("call", ""):
                fail(f"{path}: a syscall without its strace line: {ev}")
            tracks.setdefault(pid, []).append(ev)
            end = ts + dur
        else:
            if ev.get("s") != "t" or ev["cat"] == "syscall":
                fail(f"{path}: bad instant: {ev}")
            end = ts
        # events are written in the order they were recorded: at their end
        if end + 1e-9 < last_end:
            fail(f"{path}: events out of order at {ev}")
        last_end = max(last_end, end)
    for pid, spans in tracks.items():
        if pid not in names:
            fail(f"{path}: pid {pid} has spans but no process_name")
        # one task per process: its syscalls never overlap
        for a, b in zip(spans, spans[1:]):
            if b["ts"] + 1e-9 < a["ts"] + a["dur"]:
                fail(f"{path}: overlapping syscalls on pid {pid}: {a} {b}")
    return events, names, tracks


def main():
    if len(sys.argv) != 3:
        fail("usage: trace_json_check.py TRACE_DEMO WORKDIR")
    demo, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    first = os.path.join(work, "virtual1.json")
    raw1, d = run(demo, first)
    raw2, _ = run(demo, os.path.join(work, "virtual2.json"))
    if raw1 != raw2:
        fail("two runs under the virtual clock wrote different traces")

    events, names, tracks = check_structure(d, first)
    want = {"demo", "producer", "consumer", "ticker"}
    if not want <= set(names.values()):
        fail(f"process names {sorted(names.values())}, want {sorted(want)}")
    if len(tracks) < 4:
        fail(f"syscall spans on {len(tracks)} processes, want 4")
    instants = [e for e in events if e["ph"] == "i"]
    if not any(e["cat"] == "signal" and e["name"] == "SIGUSR1 deliver" for e in instants):
        fail("no SIGUSR1 delivery instant")
    if sum(e["cat"] == "timer" for e in instants) != 3:
        fail("want three timer instants")
    calls = [e["args"]["call"] for e in events if e["ph"] == "X"]
    if 'write(1, "line 1\\n", 7) = 7' not in calls:
        fail("producer's first write is missing")
    sleeps = [e for e in events if e["ph"] == "X" and e["name"] == "sleep"]
    if len(sleeps) != 4 or any(abs(e["dur"] - 1000.0) > 1e-6 for e in sleeps):
        fail("want four sleeps of exactly 1000 us under the virtual clock")
    other = d.get("otherData", {})
    if other.get("clock") != "virtual" or len(other.get("digest", "")) != 16:
        fail(f"bad otherData: {other}")

    host = os.path.join(work, "host.json")
    _, dh = run(demo, host, "--host-clock")
    check_structure(dh, host)
    if dh["otherData"]["clock"] != "host":
        fail("host-clock run not marked as such")
    print(f"trace_json_check: ok ({len(events)} events, {len(tracks)} tracks)")


if __name__ == "__main__":
    main()
