#!/usr/bin/python3
"""compare.py - two builds of Gazette side by side, on one index, in one run:
the per-process and in-process query latencies of `make bench` (the same
query set, tests/bench/queries.tsv, and the same drivers), old against new,
alternating query by query, so that the machine's noise falls on both.

    tests/bench/compare.py OLD_BUILD NEW_BUILD INDEX

OLD_BUILD and NEW_BUILD are build folders holding gazette-search and
bench/inproc (`make build/bench/inproc`); INDEX an index both can read
(same schema); they may be the same folder, to compare two settings.
Settings from the environment: REPS (3): per-process repetitions of each
query; INPROC_RUNS (11), INPROC_ROUNDS (3); OLD_ARGS, NEW_ARGS: options
for each side's inproc (e.g. NEW_ARGS="-a -e 0.2": tests/bench/inproc.c);
INPROC_ONLY=1 skips the per-process part (it cannot take them).  Prints,
per kind of query and over all, the median (and the 99th percentile, by
nearest rank) of the queries' medians for each side and the ratios new /
old, as a Markdown table.  For benchmarks
only: never part of the programs or the tests.
"""
import math
import os
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("keyword", "common", "phrase", "date", "title")


def queries():
    out = []
    with open(os.path.join(HERE, "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            out.append((cols[0], cols[1]))
    return out


def spawn_ms(argv):
    fa = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
          (os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
          (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)]
    t0 = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=fa)
    _, status, _ = os.wait4(pid, 0)
    rc = os.waitstatus_to_exitcode(status)
    if rc not in (0, 1):
        sys.exit(f"compare: {' '.join(argv)} exited {rc}")
    return (time.perf_counter_ns() - t0) / 1e6


def perproc(builds, index, qs, reps):
    t = [[[] for _ in qs] for _ in builds]
    for r in range(reps):
        for i, (_, q) in enumerate(qs):
            order = range(len(builds)) if (i + r) % 2 == 0 else \
                reversed(range(len(builds)))
            for b in order:
                argv = [os.path.join(builds[b], "gazette-search"), "-d", index,
                        "-n", "10", "--", q]
                t[b][i].append(spawn_ms(argv))
    return [[statistics.median(x) for x in tb] for tb in t]


def inproc(builds, index, qs, runs, rounds, extra):
    """Each build's per-query medians (search, search with snippets),
    the median over ROUNDS alternating rounds."""
    text = "".join(f"{k}\t{q}\n" for k, q in qs)
    per = [[[] for _ in qs] for _ in builds]
    snip = [[[] for _ in qs] for _ in builds]
    for r in range(rounds):
        order = list(range(len(builds)))
        if r % 2:
            order.reverse()
        for b in order:
            out = subprocess.run([os.path.join(builds[b], "bench", "inproc"),
                                  "-d", index, "-n", str(runs)] + extra[b],
                                 input=text,
                                 capture_output=True, text=True, check=True)
            rows = [l.split("\t") for l in out.stdout.splitlines()
                    if l and not l.startswith("#")]
            if len(rows) != len(qs):
                sys.exit(f"compare: {builds[b]}: {len(rows)} rows for "
                         f"{len(qs)} queries")
            for i, row in enumerate(rows):
                per[b][i].append(float(row[2]))
                snip[b][i].append(float(row[3]))
    med = lambda m: [[statistics.median(x) for x in mb] for mb in m]
    return med(per), med(snip)


def p99(xs):
    xs = sorted(xs)
    return xs[max(0, math.ceil(0.99 * len(xs)) - 1)]


def table(title, unit, qs, figs):
    print(f"\n{title} ({unit}, over the queries of each query's median)\n")
    print("| queries | old p50 | new p50 | new / old | old p99 | new p99 | new / old |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in KINDS + ("all",):
        idx = [i for i, (k, _) in enumerate(qs) if kind in (k, "all")]
        old = statistics.median(figs[0][i] for i in idx)
        new = statistics.median(figs[1][i] for i in idx)
        o99 = p99(figs[0][i] for i in idx)
        n99 = p99(figs[1][i] for i in idx)
        print(f"| {kind} ({len(idx)}) | {old:.2f} | {new:.2f} | {new / old:.3f} "
              f"| {o99:.2f} | {n99:.2f} | {n99 / o99:.3f} |")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.splitlines()[3].strip())
    builds, index = sys.argv[1:3], sys.argv[3]
    qs = queries()
    reps = int(os.environ.get("REPS", 3))
    runs = int(os.environ.get("INPROC_RUNS", 11))
    rounds = int(os.environ.get("INPROC_ROUNDS", 3))
    extra = [shlex.split(os.environ.get("OLD_ARGS", "")),
             shlex.split(os.environ.get("NEW_ARGS", ""))]
    print(f"old: {builds[0]} {' '.join(extra[0])}, new: {builds[1]} "
          f"{' '.join(extra[1])}, index {index}, {len(qs)} queries; "
          f"load {os.getloadavg()[0]:.2f}")
    if os.environ.get("INPROC_ONLY") != "1":
        table("Per process, gazette-search -n 10 (text output)", "ms", qs,
              perproc(builds, index, qs, reps))
    search, with_snippets = inproc(builds, index, qs, runs, rounds, extra)
    table("In process, top 10 and their records", "µs", qs, search)
    table("In process, top 10 with snippets", "µs", qs, with_snippets)
    print(f"\nload at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
