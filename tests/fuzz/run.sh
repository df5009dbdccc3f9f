#!/bin/sh
# run.sh - run the libFuzzer targets that `make fuzz-build` puts in
# $B/fuzz/ (B=build-fuzz by default).
#
#   tests/fuzz/run.sh [--replay] [NAME...]     (NAME: query, date, ...; all)
#
# Fuzzing (the default, `make fuzz`): each target runs for $FUZZ_SECONDS
# seconds (default 60), $FUZZ_JOBS at a time (default 2, one a core),
# with -timeout=10 -rss_limit_mb=2048 and its dictionary
# tests/fuzz/NAME.dict when there is one.  It starts from $B/corpus/NAME,
# a scratch copy of tests/fuzz/seeds/NAME and regress/NAME that keeps what
# it finds from run to run; the committed seeds are only ever read.  Its
# output goes to $B/logs/NAME.log, one summary line per target here.
# A crash, leak, timeout or out-of-memory stops the target; the input is
# saved as $B/artifacts/NAME/crash-... (leak-, timeout-, oom-; emptied
# when NAME runs again) and its path and the command that reproduces it
# are printed.  Once fixed, the input
# goes into tests/fuzz/regress/NAME/ (replayed by --replay and by t060 in
# every `make test`).
#
# --replay: each target runs once over every file of seeds/NAME and
# regress/NAME, no fuzzing: seconds, for after a fix.
#
# Exit 0 when every target ran clean; 1 when one failed; 2 when a target
# binary is missing (run `make fuzz-build`) or the arguments are wrong.
set -u
B=${B:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-2}
top=$(cd "$(dirname "$0")/../.." && pwd)
src="$top/tests/fuzz"
case "$B" in /*) ;; *) B="$top/$B" ;; esac

replay=0
if [ "${1:-}" = --replay ]; then
    replay=1
    shift
fi
names=${*:-query date tokenize article jsonl gzip html warc feed}

for name in $names; do
    case "$name" in *[!a-z]*|'') echo "run.sh: bad target name '$name'" >&2; exit 2 ;; esac
    [ -x "$B/fuzz/fuzz_$name" ] ||
        { echo "run.sh: $B/fuzz/fuzz_$name is missing: run make fuzz-build" >&2; exit 2; }
done
mkdir -p "$B/logs"

# The seed and regression files of NAME, one a line.
inputs() {
    for d in "$src/seeds/$1" "$src/regress/$1"; do
        [ -d "$d" ] && find "$d" -type f ! -name '.*'
    done | sort
}

# ---- Replay -----------------------------------------------------------------
if [ $replay = 1 ]; then
    failed=""
    for name in $names; do
        log="$B/logs/replay-$name.log"
        count=$(inputs "$name" | wc -l)
        # No file at all would make libFuzzer fuzz instead.
        [ "$count" -gt 0 ] || { echo "SKIP  replay $name: no inputs"; continue; }
        # libFuzzer runs each file given (not a directory) once.
        if inputs "$name" | tr '\n' '\0' |
           xargs -0 "$B/fuzz/fuzz_$name" >"$log" 2>&1; then
            printf 'PASS  replay %-9s %4s inputs\n' "$name" "$count"
        else
            printf 'FAIL  replay %-9s\n' "$name"
            tail -n 40 "$log" | sed 's/^/    | /'
            failed="$failed $name"
        fi
    done
    [ -z "$failed" ] && exit 0
    echo "replay failed:$failed (logs in $B/logs/replay-NAME.log)"
    exit 1
fi

# ---- Fuzz -------------------------------------------------------------------
# Start NAME in the background; its pid is appended to $pids.
start() {
    name=$1
    corpus="$B/corpus/$name"
    art="$B/artifacts/$name"
    mkdir -p "$corpus"
    rm -rf "$art" && mkdir -p "$art"
    # Copy, never overwrite: the scratch corpus may hold a reduced input
    # of the same name.
    inputs "$name" | while IFS= read -r f; do
        [ -e "$corpus/$(basename "$f")" ] || cp "$f" "$corpus/"
    done
    set -- -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$art/" -print_final_stats=1
    [ -f "$src/$name.dict" ] && set -- "$@" -dict="$src/$name.dict"
    "$B/fuzz/fuzz_$name" "$@" "$corpus" >"$B/logs/$name.log" 2>&1 &
    pids="${pids:+$pids }$!"
}

# Summarise NAME's log; return 1 when it failed (status RC).
report() {
    name=$1 rc=$2
    log="$B/logs/$name.log"
    found=$(find "$B/artifacts/$name" -type f \( -name 'crash-*' -o \
            -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | head -n 1)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    corp=$(find "$B/corpus/$name" -type f | wc -l)
    if [ "$rc" = 0 ] && [ -z "$found" ]; then
        printf 'PASS  fuzz_%-9s %ss: %s runs (%s/s), %s, %s inputs\n' \
            "$name" "$FUZZ_SECONDS" "${runs:-?}" "${rate:-?}" "${cov:-cov: ?}" "$corp"
        return 0
    fi
    printf 'FAIL  fuzz_%-9s exit %s\n' "$name" "$rc"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*broken promise|.*runtime error)' "$log" |
        head -n 5 | sed 's/^/    | /'
    if [ -n "$found" ]; then
        echo "    reproducer: $found"
        echo "    reproduce:  $B/fuzz/fuzz_$name $found"
        echo "    once fixed: cp $found $src/regress/$name/"
    else
        echo "    no reproducer saved; see $log"
    fi
    return 1
}

pids=""
# shellcheck disable=SC2154
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; exit 130' INT TERM
failed=""
# shellcheck disable=SC2086
set -- $names
while [ $# -gt 0 ]; do
    # A batch of FUZZ_JOBS targets side by side; all run as long.
    batch="" pids="" i=0
    while [ $# -gt 0 ] && [ $i -lt "$FUZZ_JOBS" ]; do
        start "$1"
        batch="$batch $1"
        shift
        i=$((i + 1))
    done
    i=0
    for name in $batch; do
        i=$((i + 1))
        wait "$(echo "$pids" | cut -d' ' -f$i)"
        report "$name" $? || failed="$failed $name"
    done
done
[ -z "$failed" ] && exit 0
echo "fuzzing failed:$failed (logs in $B/logs/)"
exit 1
