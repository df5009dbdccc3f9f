#!/bin/sh
# incremental.sh - what an incremental run costs against a full build, on
# the whole shared corpus (both forms: 28,793 files, 57,579 articles read).
#
#   tests/bench/incremental.sh [OUT.md]
#
# Measures, in one run on a copy of ../shared/corpus: a full build; a
# no-op run (nothing changed: only stats); a run after 1% of the files
# changed (their text edited); a run after 1% were deleted.  Each timed run
# is repeated 3 times (the changes re-applied on fresh copies of the index)
# and the median is written with the ratio to the full build.
set -eu
. "$(dirname "$0")/lib.sh"
need_shared corpus
out=${1:-}
workdir bench

cp -r "$shared/corpus" "$work/c"
chmod -R u+w "$work/c"
paths="$work/c/allsides_news/articles $work/c/presidential_speeches/articles $work/c/reuters21578/articles $work/c/allsides_news/articles.jsonl.gz $work/c/presidential_speeches/articles.jsonl.gz $work/c/reuters21578/articles.jsonl.gz"

# shellcheck disable=SC2086
full=$(secs "$IDX" -q -d "$work/idx" $paths)
cp -r "$work/idx" "$work/base"
files=$(find $paths -type f | wc -l)
pick=$(find "$work/c" -path '*/articles/*' -name '*.txt' | sort | awk -v n="$files" 'NR % 100 == 0')
changed=$(echo "$pick" | wc -l)

noop=""; edit=""; del=""
for round in 1 2 3; do
    # shellcheck disable=SC2086
    noop="$noop $(secs "$IDX" -q -d "$work/idx" $paths)"
    for f in $pick; do printf '\nAn added paragraph, round %s.\n' "$round" >> "$f"; done
    # shellcheck disable=SC2086
    edit="$edit $(secs "$IDX" -q -d "$work/idx" $paths)"
    mkdir -p "$work/gone"
    for f in $pick; do mv "$f" "$work/gone/"; done
    # shellcheck disable=SC2086
    del="$del $(secs "$IDX" -q -d "$work/idx" $paths)"
    for f in $pick; do mv "$work/gone/$(basename "$f")" "$f"; done
    # shellcheck disable=SC2086
    "$IDX" -q -d "$work/idx" $paths > /dev/null 2>&1 || true
done
m_noop=$(echo "$noop" | median)
m_edit=$(echo "$edit" | median)
m_del=$(echo "$del" | median)
pct() { echo "$1 $full" | awk '{printf "%.1f%%", 100 * $1 / $2}'; }

report=$(cat <<MD
| run (whole shared corpus, $files files) | median of 3 | vs full build |
| --- | ---: | ---: |
| full build | ${full} s (1 run) | 100% |
| no-op: nothing changed (stat only) | ${m_noop} s | $(pct "$m_noop") |
| $changed files (1%) edited | ${m_edit} s | $(pct "$m_edit") |
| $changed files (1%) deleted | ${m_del} s | $(pct "$m_del") |
MD
)
echo "$report"
[ -n "$out" ] && echo "$report" > "$out"
exit 0
