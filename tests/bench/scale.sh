#!/bin/sh
# scale.sh - `make bench-scale` (issue 21): Gazette against SQLite FTS5 on
# synthetic news at 1x, 10x and 35x of ../shared/corpus (35x: about a
# million articles, 3.2 GB of JSON Lines), in one run; writes
# $B/bench/scale.md.  Not part of `make test` or `make bench`.
#
#   B=build SCALES="1 10 35" JOBS=N tests/bench/scale.sh
#
# SCALES (default "1 10 35"; 0.1 runs in minutes), JOBS (gazette-index -j;
# default its own, the cores) and the settings scale.py's docstring lists.
# Installs the peers when missing (setup.sh); expects $B/gazette-index,
# $B/gazette-search and $B/bench/inproc built (the Makefile's target builds
# them).  Each scale's input and indexes go under $B/bench/scale/ and are
# removed before the next: about 1.2 GB per 1x at the most (35x: 42 GB).
set -eu
. "$(dirname "$0")/lib.sh"
cd "$top"
need_shared corpus
need_built bench-scale "$B/gazette-index" "$B/gazette-search" "$B/bench/inproc"
need_peers
mkdir -p "$B/bench"
df -h "$B/bench"
/usr/bin/python3 tests/bench/scale.py --bin "$B" --scales "${SCALES:-1 10 35}"
df -h "$B/bench"
echo "bench-scale: results in $B/bench/scale.md"
