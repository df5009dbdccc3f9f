#!/usr/bin/env python3
"""spawn.py - start commands again and again, alternating, and report the
median wall time, CPU time (user + system) and page faults of each (the
per-process cost figures of BENCHMARKS.md "Page faults at search start-up"
and "Static gazette-search").

    tests/bench/spawn.py [-n RUNS] 'CMD ARGS...' 'CMD ARGS...' ...

Each command is split on spaces, spawned (posix_spawn) with its output to
/dev/null and reaped with wait4, whose rusage gives the CPU time and the minor faults.  For
benchmarks only: never part of the programs or the tests.
"""
import argparse
import os
import statistics
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=30, help="runs of each command")
    ap.add_argument("commands", nargs="+")
    a = ap.parse_args()
    argvs = [c.split() for c in a.commands]
    wall = [[] for _ in argvs]
    cpu = [[] for _ in argvs]
    faults = [[] for _ in argvs]
    null = os.open(os.devnull, os.O_WRONLY)
    acts = [(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
    for _ in range(a.n):
        for i, argv in enumerate(argvs):
            t = time.perf_counter()
            pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=acts)
            _, status, ru = os.wait4(pid, 0)
            wall[i].append((time.perf_counter() - t) * 1000)
            cpu[i].append((ru.ru_utime + ru.ru_stime) * 1000)
            faults[i].append(ru.ru_minflt)
    for i, argv in enumerate(argvs):
        print(f"{statistics.median(wall[i]):8.2f} ms {statistics.median(cpu[i]):8.2f} CPU ms "
              f"{statistics.median(faults[i]):7.0f} faults  "
              + " ".join(argv))


if __name__ == "__main__":
    main()
