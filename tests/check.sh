#!/bin/sh
# check.sh - everything `make test` runs, with one closing line.
#
#   B=build FUZZ_SECONDS=60 tests/check.sh
#
# 1. every unit and end-to-end test (tests/run.sh) on the ordinary build,
#    $B;
# 2. the same tests on the AddressSanitizer + UBSan build, build-asan
#    (leaks checked at exit), but t100 and t400: indexing the whole shared
#    corpus in article files (t100: 432 s) and Reuters three times (t400:
#    110 s) under ASan would take CI past 14 minutes, and the code they
#    run is run under ASan by the other tests and the fuzzers (`make asan`
#    runs them too); the model-based test (t205) runs 2 sequences there,
#    not 6;
# 3. each libFuzzer target (tests/fuzz/run.sh, build-fuzz) for
#    FUZZ_SECONDS seconds, all six side by side (FUZZ_JOBS, default 6: on
#    two cores each gets a third of one, so that CI stays well under 15
#    minutes; `make fuzz` runs them two at a time).
# The Makefile builds the three trees first.  Ends with one line "N passed,
# N failed, N skipped" over all three; exit 0 when nothing failed.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
log="$top/$B/tests/check.log"
mkdir -p "$top/$B/tests"
: > "$log"

phase() {
    echo "== $1"
    shift
    "$@" 2>&1 | tee -a "$log" | grep --line-buffered -v '^[0-9]* passed, [0-9]* failed'
}

phase "tests, $B" env B="$B" tests/run.sh
phase "tests under AddressSanitizer and UBSan, build-asan" \
    env B=build-asan ASAN_OPTIONS=detect_leaks=1 TESTS_SKIP="t100 t400" \
    MODEL_SEQUENCES=2 \
    tests/run.sh
phase "fuzzing, build-fuzz, ${FUZZ_SECONDS:-60} s a target" \
    env B=build-fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}" \
    FUZZ_JOBS="${FUZZ_JOBS:-6}" tests/fuzz/run.sh

pass=$(grep -c '^PASS ' "$log")
fail=$(grep -c '^FAIL ' "$log")
skip=$(grep -c '^SKIP ' "$log")
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
