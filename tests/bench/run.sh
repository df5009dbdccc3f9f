#!/bin/sh
# run.sh - `make bench`: Gazette against scriptindex/quest, SQLite FTS5 and
# rg on the whole shared corpus, in one run; writes $B/bench/RESULTS.md
# (and the raw figures, $B/bench/raw.json).
#
#   B=build tests/bench/run.sh [PHASE,...]
#
# Installs the peers when missing (setup.sh), builds a trivial C program
# and a trivial C++ one linked with libxapian (the process floors), then
# runs bench.py (its docstring lists the phases and the settings: ROUNDS,
# REPS, RG_REPS, RG_EVERY, INPROC_RUNS, INPROC_ROUNDS, FLOOR_RUNS).  Expects $B/gazette-index, $B/gazette-search and
# $B/bench/inproc built (the Makefile's bench target builds them).
set -eu
BENCH_T0=${BENCH_T0:-$(date +%s.%N)}
export BENCH_T0
. "$(dirname "$0")/lib.sh"
cd "$top"
need_shared corpus
need_built bench "$B/gazette-index" "$B/gazette-search" "$B/bench/inproc"

need_peers
mkdir -p "$B/bench"
printf 'int main(void) { return 0; }\n' > "$B/bench/true.c"
${CC:-cc} -O2 -o "$B/bench/true-c" "$B/bench/true.c"
printf '#include <xapian.h>\nint main() { return *Xapian::version_string() == 0; }\n' \
    > "$B/bench/true-xapian.cc"
${CXX:-c++} -O2 -o "$B/bench/true-xapian" "$B/bench/true-xapian.cc" -lxapian

/usr/bin/python3 tests/bench/bench.py --bin "$B" ${1:+--only "$1"}
echo "bench: results in $B/bench/RESULTS.md"
