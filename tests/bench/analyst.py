#!/usr/bin/python3
"""analyst.py BIN INDEX - what the analyst views cost, one process each.

Runs each command REPS times (alternating them, so load changes hit all
alike) and prints a Markdown table of median and p90 wall times.  The
baseline row is the same query's ordinary top-10 search.
    tests/bench/analyst.py build /path/to/index-of-../shared/corpus
"""
import statistics
import subprocess
import sys
import time

REPS = 21


def main():
    bin_, index = sys.argv[1:3]
    s = [f"{bin_}/gazette-search", "-d", index]
    cases = [
        ("top 10, `said` (baseline)", s + ["said"]),
        ("top 10, `said`, --no-collapse", s + ["--no-collapse", "said"]),
        ("--histogram day, `said`", s + ["--histogram", "day", "said"]),
        ("--histogram month, `the`", s + ["--histogram", "month", "the"]),
        ("--histogram year, `*` (every article)", s + ["--histogram", "year", "*"]),
        ("--terms 10, `tariff china`", s + ["--terms", "10", "tariff", "china"]),
        ("--terms 10, `government`", s + ["--terms", "10", "government"]),
        ("--like reut-00042", s + ["--like", "reut-00042"]),
        ("misspelled, with did-you-mean: `goverment shutdwn`", s + ["goverment", "shutdwn"]),
        ("the same, --no-suggest", s + ["--no-suggest", "goverment", "shutdwn"]),
    ]
    times = {name: [] for name, _ in cases}
    matches = {}
    for _ in range(REPS):
        for name, argv in cases:
            t = time.perf_counter()
            r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            times[name].append((time.perf_counter() - t) * 1000)
            matches[name] = r.returncode
    print("| command | median ms | p90 ms |")
    print("| --- | ---: | ---: |")
    for name, _ in cases:
        v = sorted(times[name])
        print(f"| {name} | {statistics.median(v):.1f} | {v[int(len(v) * 0.9)]:.1f} |")


if __name__ == "__main__":
    main()
