#!/bin/bash
# run.sh - run every unit test binary and end-to-end script; print one
# closing line "N passed, N failed, N skipped".
#
# A test passes with exit 0, is skipped with exit 77 (its reason on the
# first line it prints), and fails otherwise.  Output of a failing test is
# shown; output of passing tests is kept in $B/tests/logs/.
# TESTS="pattern" runs only the tests whose name contains the pattern.
# TESTS_SKIP="t100 t400" skips (and counts as skipped) the tests whose
# name starts with one of the words.
# JOBS=N runs N tests at a time (default: the cores; most tests spend
# their time in one process, so two at a time use both cores); each
# test's result is printed when it ends.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export GAZETTE_BIN="$top/$B"
export GAZETTE_TOP="$top"
export GAZETTE_SHARED="${GAZETTE_SHARED:-$top/../shared}"
logs="$top/$B/tests/logs"
mkdir -p "$logs"
# What several tests compute alike (the shared corpus's index, its
# tokenized articles) is kept here for the run, and only for the run.
export GAZETTE_TEST_CACHE="$top/$B/tests/cache"
rm -rf "$GAZETTE_TEST_CACHE"

pass=0 fail=0 skip=0
failed=""
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 1)}
running=()

# Print the result of test NAME, which has ended.
report() {
    local name=$1 rc secs log="$logs/$1.log"
    read -r rc secs < "$logs/$name.rc"
    rm -f "$logs/$name.rc"
    if [ "$rc" -eq 0 ]; then
        pass=$((pass + 1)); printf 'PASS  %-40s %3ss\n' "$name" "$secs"
    elif [ "$rc" -eq 77 ]; then
        skip=$((skip + 1)); printf 'SKIP  %-40s %s\n' "$name" "$(grep -m1 -i skip "$log" || head -n1 "$log")"
    else
        fail=$((fail + 1)); failed="$failed $name"
        printf 'FAIL  %-40s exit %s\n' "$name" "$rc"
        sed 's/^/    | /' "$log" | tail -n 60
    fi
}

# Report every running test that has ended; keep the others.
reap() {
    local still=() name
    for name in "${running[@]}"; do
        if [ -f "$logs/$name.rc" ]; then report "$name"; else still+=("$name"); fi
    done
    running=("${still[@]}")
}

run_one() {
    local name=$1; shift
    case "$name" in *"${TESTS:-}"*) ;; *) return ;; esac
    local word
    for word in ${TESTS_SKIP:-}; do
        case "$name" in "$word"*)
            skip=$((skip + 1)); printf 'SKIP  %-40s %s\n' "$name" "skip: TESTS_SKIP"
            return ;;
        esac
    done
    while [ ${#running[@]} -ge "$JOBS" ]; do
        wait -n 2>/dev/null || true
        reap
    done
    rm -f "$logs/$name.rc"
    (
        start=$(date +%s)
        "$@" >"$logs/$name.log" 2>&1 </dev/null
        rc=$?
        echo "$rc $(( $(date +%s) - start ))" > "$logs/$name.rc.tmp"
        mv "$logs/$name.rc.tmp" "$logs/$name.rc"
    ) &
    running+=("$name")
}

for t in "$top/$B"/tests/test_*; do
    [ -x "$t" ] || continue
    run_one "$(basename "$t")" "$t"
done
for t in "$top"/tests/e2e/t*.sh; do
    [ -f "$t" ] || continue
    run_one "$(basename "$t" .sh)" sh "$t"
done
wait
reap

[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
