#!/usr/bin/python3
"""analyst.py BIN INDEX - what the analyst views cost, one process each.

Runs each command REPS times (alternating them, so load changes hit all
alike) and prints a Markdown table of median and p90 wall times.  The
baseline row is the same query's ordinary top-10 search.
    tests/bench/analyst.py build /path/to/index-of-../shared/corpus
scale.py (`make bench-scale`) runs the same cases through cases() and
measure(), with an article id of its own for --like.
"""
import statistics
import subprocess
import sys
import time

REPS = 21


def cases(bin_, index, like_id="reut-00042"):
    """The commands measured: (name, argv)."""
    s = [f"{bin_}/gazette-search", "-d", index]
    return [
        ("top 10, `said` (baseline)", s + ["said"]),
        ("top 10, `said`, --no-collapse", s + ["--no-collapse", "said"]),
        ("--histogram day, `said`", s + ["--histogram", "day", "said"]),
        ("--histogram month, `the`", s + ["--histogram", "month", "the"]),
        ("--histogram year, `*` (every article)", s + ["--histogram", "year", "*"]),
        ("--terms 10, `tariff china`", s + ["--terms", "10", "tariff", "china"]),
        ("--terms 10, `government`", s + ["--terms", "10", "government"]),
        (f"--like {like_id}", s + ["--like", like_id]),
        ("misspelled, with did-you-mean: `goverment shutdwn`", s + ["goverment", "shutdwn"]),
        ("the same, --no-suggest", s + ["--no-suggest", "goverment", "shutdwn"]),
    ]


def measure(cases, reps=REPS):
    """Wall milliseconds of each case's REPS runs, the cases alternating,
    and each case's exit status (the last run's)."""
    times = {name: [] for name, _ in cases}
    status = {}
    for _ in range(reps):
        for name, argv in cases:
            t = time.perf_counter()
            r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            times[name].append((time.perf_counter() - t) * 1000)
            status[name] = r.returncode
    return times, status


def main():
    bin_, index = sys.argv[1:3]
    cases_ = cases(bin_, index)
    times, _ = measure(cases_)
    print("| command | median ms | p90 ms |")
    print("| --- | ---: | ---: |")
    for name, _ in cases_:
        v = sorted(times[name])
        print(f"| {name} | {statistics.median(v):.1f} | {v[int(len(v) * 0.9)]:.1f} |")


if __name__ == "__main__":
    main()
