#!/usr/bin/env python3
"""paging.py - the CPU cost of deep pages, two builds side by side.

paging.py OLD_BIN NEW_BIN INDEX [REPS]: for `-n N -o ids '*'` (N = 1k,
2k, 4k, 8k, 16k) and `--offset 16000 -n 10 -o ids '*'`, with and without
collapsing, the median over REPS runs (default 5, old and new alternating)
of each run's CPU seconds (user + system, from the kernel's accounting of
the child), printed as a Markdown table.  OLD_BIN and NEW_BIN are
directories holding a gazette-search; both must give the same ids (checked
on the first run of each line).  scale.py (`make bench-scale`) runs CASES
through run() on one build."""
import os
import resource
import statistics
import subprocess
import sys
import time

CASES = [["-n", str(n)] for n in (1000, 2000, 4000, 8000, 16000)] + \
        [["--offset", "16000", "-n", "10"]]


def run(binary, index, args, wall=None):
    """CPU seconds of one run, and its output; its wall seconds appended to
    the list WALL when given."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run([binary, "-d", index, "-o", "ids"] + args + ["*"],
                         check=True, stdout=subprocess.PIPE).stdout
    if wall is not None:
        wall.append(time.perf_counter() - t)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, out


def main():
    old_bin, new_bin, index = sys.argv[1:4]
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    old = os.path.join(old_bin, "gazette-search")
    new = os.path.join(new_bin, "gazette-search")
    print("| command | collapse | old (s) | new (s) | old / new |")
    print("| --- | --- | ---: | ---: | ---: |")
    for collapse in (True, False):
        for case in CASES:
            args = case + ([] if collapse else ["--no-collapse"])
            times = {old: [], new: []}
            for rep in range(reps):
                outs = {}
                for binary in (old, new) if rep % 2 == 0 else (new, old):
                    cpu, outs[binary] = run(binary, index, args)
                    times[binary].append(cpu)
                if rep == 0 and outs[old] != outs[new]:
                    sys.exit("old and new give other ids for %s" % " ".join(args))
            o, n = statistics.median(times[old]), statistics.median(times[new])
            print("| `%s` | %s | %.2f | %.2f | %s |" % (
                " ".join(case), "on" if collapse else "off", o, n,
                "%.0f" % (o / n) if n > 0 else "-"), flush=True)


if __name__ == "__main__":
    main()
