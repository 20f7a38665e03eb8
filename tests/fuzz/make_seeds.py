#!/usr/bin/env python3
"""Write the fuzzer's starting seeds into tests/fuzz/corpus/ (run once;
the campaign's own finds, merged with -merge=1, are added beside them).

Each seed is a header (slots, tasks, scheduling, memory limit, seed),
task scripts of random ops and a host script, separated by FF FE as
fuzz_run.c splits them. The bytes come from a fixed PRNG so the files
are the same every time."""
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def seed(rng, slots, tasks, flags, script_len, host_len):
    head = bytes([slots - 1, tasks - 1, flags, 0]) + rng.getrandbits(64).to_bytes(8, "little")
    parts = [bytes(rng.getrandbits(8) for _ in range(script_len)) for _ in range(slots)]
    host = bytes(rng.choice([0, 0, 1, 2, 4]) if i % 3 == 0 else rng.getrandbits(8)
                 for i in range(host_len))
    body = b"\xff\xfe".join(p.replace(b"\xff\xfe", b"\xff\xfd") for p in parts + [host])
    return head + body


def main():
    rng = random.Random(15)
    os.makedirs(OUT, exist_ok=True)
    shapes = [(1, 1, 0, 200, 12), (2, 2, 0, 300, 18), (4, 3, 1, 400, 30),
              (3, 3, 2, 250, 24), (4, 2, 5, 600, 40), (2, 3, 7, 150, 60),
              (1, 3, 1, 800, 9), (4, 3, 0, 120, 90)]
    for i, shape in enumerate(shapes):
        with open(os.path.join(OUT, "seed-%02d" % i), "wb") as f:
            f.write(seed(rng, *shape))


if __name__ == "__main__":
    main()
