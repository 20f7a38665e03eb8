#!/usr/bin/env python3
"""Differential tests: run one scenario on the host and in axos, compare.

    run_diff.py NAME HOST_EXE AXOS_EXE KNOWN_FILE

A scenario is one C file, tests/diff/scenarios/NAME.c, written against the
portability layer tests/diff/dt.h (read its header comment first). CMake
builds it twice: HOST_EXE over POSIX on the host, AXOS_EXE as an axos
program inside a kernel (axos_main.c). Each run prints "label: value"
lines; this script runs both and compares them line by line.

Adding a scenario is a one-file change: put NAME.c in tests/diff/scenarios/
(CMake finds it on the next build; ctest calls the test diff_NAME). It
defines `int dt_main(void)` and the table `dt_roles` of child roles
(`DT_NO_ROLES;` when it has none). Run it alone with
`ctest -R diff_NAME --output-on-failure`; run HOST_EXE or AXOS_EXE directly
to see one side's transcript.

How lines compare:
  - Both transcripts must have the same labels in the same order, and both
    end with "exit: ..." (the top process's wait status). Each side must
    finish within TIMEOUT seconds; the axos side must leave nothing behind.
  - A line whose values differ passes only if KNOWN_FILE lists it, with the
    host's value and axos's value exactly as printed. Any other difference
    fails.
  - A KNOWN_FILE entry that no longer matches a differing line (the two
    sides now agree, or print something else, or the label is gone) fails
    too, so a fix must remove its entry in the same commit.

KNOWN_FILE (tests/diff/known-differences.txt) is the one list of the
differences axos has on purpose or has not fixed yet. Each entry is one
line of five fields separated by " | ":
    scenario | label | host value | axos value | why
A value of <missing> says that side prints no such line at all (a child
that one side never starts). The label * (host and axos values "-")
marks the whole scenario as failing for a reason being fixed, such as a
crash under the sanitizers: the run is shown but passes, and fails as
stale once the scenario agrees. "why" names the section of docs/differences.md that documents the
difference, or says "pending <who>: ..." for a bug being fixed.
"""
import itertools
import os
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 60
MISSING = "<missing>"


def run(argv, env=None):
    """Run one side; returns (stdout lines, stderr text, returncode or None on timeout)."""
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        err = (e.stderr or b"").decode("utf-8", "replace")
        return out.splitlines(), err, None
    return (p.stdout.decode("utf-8", "replace").splitlines(),
            p.stderr.decode("utf-8", "replace"), p.returncode)


SIGNAMES = {1: "HUP", 2: "INT", 3: "QUIT", 4: "ILL", 5: "TRAP", 6: "ABRT", 7: "BUS",
            8: "FPE", 9: "KILL", 10: "USR1", 11: "SEGV", 12: "USR2", 13: "PIPE",
            14: "ALRM", 15: "TERM", 17: "CHLD", 18: "CONT", 19: "STOP", 20: "TSTP",
            21: "TTIN", 22: "TTOU", 24: "XCPU", 25: "XFSZ", 31: "SYS"}


def exit_line(status):
    """The same text dt_show_status prints, from a raw wait status."""
    if status & 0x7f == 0:
        return "exited %d" % ((status >> 8) & 0xff)
    return "killed %s%s" % (SIGNAMES.get(status & 0x7f, "?"), " core" if status & 0x80 else "")


def host_transcript(exe, problems):
    scratch = tempfile.mkdtemp(prefix="axdiff.")
    try:
        env = dict(os.environ, DT_SCRATCH=scratch)
        lines, err, rc = run([exe], env)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if rc is None:
        problems.append("host: timed out after %d s" % TIMEOUT)
        lines.append("exit: timeout")
    else:
        status = (rc & 0xff) << 8 if rc >= 0 else -rc
        lines.append("exit: " + exit_line(status))
    return lines, err


def axos_transcript(exe, problems):
    lines, err, rc = run([exe])
    if rc is None:
        problems.append("axos: timed out after %d s" % TIMEOUT)
        lines.append("exit: timeout")
        return lines, err
    if rc != 0:
        problems.append("axos: the kernel driver failed (status %d): %s" % (rc, err.strip()))
    exits = [l for l in lines if l.startswith("@exit ")]
    lines = [l for l in lines if not l.startswith("@exit ")]
    if exits and exits[-1].startswith("@exit 0x"):
        lines.append("exit: " + exit_line(int(exits[-1][6:], 16)))
    else:
        lines.append("exit: " + (exits[-1][6:] if exits else "none"))
    return lines, err


def load_known(path, scenario, problems):
    known = {}
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split(" | ")]
            if len(fields) != 5 or not all(fields):
                problems.append("%s:%d: want 'scenario | label | host | axos | why'" % (path, no))
                continue
            if fields[0] != scenario:
                continue
            if fields[1] in known:
                problems.append("%s:%d: %s listed twice" % (path, no, fields[1]))
            known[fields[1]] = (fields[2], fields[3], fields[4], no)
    return known


def split(line):
    label, sep, value = line.partition(": ")
    return (label, value) if sep else (line, "")


def compare(host, axos, known, known_path, problems, rows):
    """Check the transcripts line by line; rows gets (host, axos, mark) to show."""
    used = set()
    i = j = 0
    while i < len(host) or j < len(axos):
        h = host[i] if i < len(host) else None
        a = axos[j] if j < len(axos) else None
        # a line only one side prints, listed as MISSING on the other
        if h is not None and (a is None or split(h)[0] != split(a)[0]):
            entry = known.get(split(h)[0])
            if entry and entry[1] == MISSING and entry[0] == split(h)[1]:
                used.add(split(h)[0])
                rows.append((h, "", "~"))
                i += 1
                continue
        if a is not None and (h is None or split(h)[0] != split(a)[0]):
            entry = known.get(split(a)[0])
            if entry and entry[0] == MISSING and entry[1] == split(a)[1]:
                used.add(split(a)[0])
                rows.append(("", a, "~"))
                j += 1
                continue
        i += 1
        j += 1
        if h is None or a is None or split(h)[0] != split(a)[0]:
            problems.append("host line %d, axos line %d: the transcripts part ways: host %r, axos %r"
                            % (i, j, h, a))
            rows.extend((x, y, "!") for x, y in itertools.zip_longest(
                host[i - 1:], axos[j - 1:], fillvalue=""))
            return
        label, hv = split(h)
        rows.append((h, a, " " if h == a else "~" if label in known else "!"))
        av = split(a)[1]
        entry = known.get(label)
        if entry:
            used.add(label)
            if hv == av:
                problems.append("%s:%d: stale entry: %s now agrees (%s); remove it"
                                % (known_path, entry[3], label, hv))
            elif (hv, av) != entry[:2]:
                problems.append("%s: host %r, axos %r; %s:%d lists host %r, axos %r"
                                % (label, hv, av, known_path, entry[3], entry[0], entry[1]))
        elif hv != av:
            problems.append("%s: host %r, axos %r (not a listed difference)" % (label, hv, av))
    for label, entry in known.items():
        if label not in used:
            problems.append("%s:%d: stale entry: no line %s in the transcript"
                            % (known_path, entry[3], label))


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    name, host_exe, axos_exe, known_path = sys.argv[1:]
    problems = []
    known = load_known(known_path, name, problems)
    host, host_err = host_transcript(host_exe, problems)
    axos, axos_err = axos_transcript(axos_exe, problems)
    rows = []
    whole = known.pop("*", None)
    compare(host, axos, known, os.path.basename(known_path), problems, rows)
    if whole:
        if not problems:
            problems.append("%s:%d: stale entry: %s now agrees; remove its * entry"
                            % (os.path.basename(known_path), whole[3], name))
        else:
            print("diff_%s: known to fail (%s); %d problems, for instance:\n  %s"
                  % (name, whole[2], len(problems), problems[0]))
            return
    listed = sum(1 for l in host if split(l)[0] in known)
    if problems:
        print("diff_%s: FAILED" % name)
        for p in problems:
            print("  " + p)
        width = max([len(r[0]) for r in rows] + [4])
        print("\n%-*s   %s" % (width, "host", "axos"))
        for h, a, mark in rows:
            print("%-*s %s %s" % (width, h, mark, a))
        if host_err.strip():
            print("\nhost stderr:\n" + host_err)
        if axos_err.strip():
            print("\naxos stderr:\n" + axos_err)
        sys.exit(1)
    print("diff_%s: %d lines agree, %d listed differences" % (name, len(host) - listed, listed))


if __name__ == "__main__":
    main()
