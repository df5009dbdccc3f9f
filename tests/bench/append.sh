#!/bin/sh
# append.sh - appending one article to one big file (issue 21): the run
# after the append against a full build of the file.
#
#   nice tests/bench/append.sh [OUT.md]
#
# Makes a.jsonl of the three ../shared/corpus/*/articles.jsonl.gz's lines
# (about 88 MB, 28,789 articles) in a temporary folder (never in the
# repository), and a.jsonl.gz of the same lines (one gzip member).  For
# each: a full build with -j 1, then three rounds of "append one article
# (a line; for the gzip file a gzip member holding the line), run again";
# the median of the three runs is written with its ratio to the build.
# Each run after an append must say "1 appended" (read on from where the
# last read ended), or the script fails.
set -eu
. "$(dirname "$0")/lib.sh"
need_shared corpus
out=${1:-}
workdir append

mkdir "$work/plain" "$work/gz"
for f in "$shared"/corpus/*/articles.jsonl.gz; do gzip -dc "$f"; done > "$work/plain/a.jsonl"
gzip -c "$work/plain/a.jsonl" > "$work/gz/a.jsonl.gz"
lines=$(wc -l < "$work/plain/a.jsonl")
mb=$(du -m "$work/plain/a.jsonl" | cut -f1)
gzmb=$(du -m "$work/gz/a.jsonl.gz" | cut -f1)

article() { # one JSON line, id appended-$1
    printf '{"id": "appended-%s", "date": "2026-12-03", "title": "Harbour dredging contract %s awarded", "body": "The port authority awarded the dredging contract after a long tender."}\n' "$1" "$1"
}

rows=""
for form in plain gz; do
    dir="$work/$form"
    full=$(secs "$IDX" -j 1 -d "$work/idx-$form" "$dir")
    grep -q "1 new" "$work/err" || { cat "$work/err" >&2; echo "the build failed" >&2; exit 1; }
    runs=""
    for round in 1 2 3; do
        if [ "$form" = gz ]; then
            article "$form-$round" | gzip -c >> "$dir/a.jsonl.gz"
        else
            article "$form-$round" >> "$dir/a.jsonl"
        fi
        runs="$runs $(secs "$IDX" -j 1 -d "$work/idx-$form" "$dir")"
        grep -q "1 appended" "$work/err" || { cat "$work/err" >&2; echo "not read as appended" >&2; exit 1; }
    done
    m=$(echo "$runs" | median)
    pct=$(echo "$m $full" | awk '{printf "%.2f%%", 100 * $1 / $2}')
    name="a.jsonl ($mb MB)"
    [ "$form" = gz ] && name="a.jsonl.gz ($gzmb MB, a gzip member appended)"
    rows="$rows
| $name | $full s | $m s (runs:$runs) | $pct |"
done

report=$(cat <<MD
| one file of $lines articles | full build, -j 1 | one article appended, median of 3 | vs full build |
| --- | ---: | ---: | ---: |$rows
MD
)
echo "$report"
[ -n "$out" ] && echo "$report" > "$out"
exit 0
