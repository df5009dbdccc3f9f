#!/bin/bash
# race.sh - searches that fail while gazette-index commits: not a speed
# figure, a count (doc/DECISIONS.md, "Readers during commits").
#
#   tests/bench/race.sh [SECONDS [BUILD...]]
#
# For each BUILD directory (default: $B or build, under the top of the
# tree), on a fresh generated corpus of 2,000 articles: for SECONDS
# (default 60), one writer edits every JSON Lines feed and runs
# gazette-index --commit-every 10 in a loop, while two loops run
# gazette-search.  Prints how many searches ran, how many failed (exit
# status above 1), and their messages (block numbers and paths folded).
set -u
. "$(dirname "$0")/lib.sh"
secs=${1:-60}
shift $(($# > 0 ? 1 : 0))
[ $# -gt 0 ] || set -- "$bin"
PY=${PY:-python3}
T=

# Background loops of a script ignore SIGINT: stop them on the way out.
trap 'kill $(jobs -p) 2> /dev/null; wait; [ -z "$T" ] || rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

race() {
    local b=$1
    [ -x "$b/gazette-search" ] || { echo "$b: no gazette-search there" >&2; return 1; }
    T=$(mktemp -d "${TMPDIR:-/tmp}/gazette-race.XXXXXX")
    "$PY" "$top/tests/e2e/gencorpus.py" "$T/c" 2000 5 > /dev/null &&
        "$b/gazette-index" -q -d "$T/idx" "$T/c" || { rm -rf "$T"; T=; return 1; }
    local end=$((SECONDS + secs))
    (
        i=0
        while [ $SECONDS -lt $end ]; do
            i=$((i + 1))
            sed -i "s/\"title\": \"/\"title\": \"W$i /" "$T"/c/feeds/f0*.jsonl
            "$b/gazette-index" -q --commit-every 10 -d "$T/idx" "$T/c" ||
                echo "writer: exit $?"
        done
    ) > "$T/writer.log" 2>&1 &
    for r in 1 2; do
        (
            n=0 failed=0
            while [ $SECONDS -lt $end ]; do
                for q in "tariff wheat" '"health care"' 'title:budget -oil'; do
                    "$b/gazette-search" -d "$T/idx" -f json -n 20 -- "$q" \
                        > /dev/null 2>> "$T/err"
                    [ $? -le 1 ] || failed=$((failed + 1))
                    n=$((n + 1))
                done
            done
            echo "$n $failed" > "$T/count$r"
        ) &
    done
    wait
    cat "$T"/count1 "$T"/count2 | awk -v b="$b" -v w="$(wc -l < "$T/writer.log")" \
        '{n += $1; f += $2} END {printf "%s: %d searches, %d failed; writer errors: %d\n", b, n, f, w}'
    sed "s|$T|T|g; s/block [0-9]*/block N/g" "$T/err" | sort | uniq -c | sort -rn
    rm -rf "$T"
    T=
}

for b in "$@"; do
    race "$b"
done
