#!/bin/sh
# edit.sh - what editing one article in the middle of one big JSON Lines
# file costs (issue 21, per-article hash), against a full build.
#
#   nice tests/bench/edit.sh [OLD_GAZETTE_INDEX]     (NEW=... another build)
#
# The input is ../shared/corpus's three articles.jsonl.gz decompressed
# into one a.jsonl (28,789 articles, 88 MB) in a temporary directory.
# With OLD_GAZETTE_INDEX (a gazette-index built from main before the
# hash, say), its figures are taken in the same run, alternated with
# this build's.  ROUNDS (default 3) runs of each, medians printed:
#  - a full build, -j 1;
#  - one line in the middle edited (one word of its body), run again:
#    "1 replaced, 28788 unchanged" (the old build re-indexes everything);
#  - one line respaced (its JSON only: no article changes), run again:
#    every article read, looked up and found unchanged, none written;
#  - gazette-index --extract a.jsonl > /dev/null: reading and parsing the
#    file and writing its articles out as JSON, no index at all.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
NEW=${NEW:-$top/$B/gazette-index}
OLD=${1:-}
ROUNDS=${ROUNDS:-3}
shared=${GAZETTE_SHARED:-$top/../shared}
[ -d "$shared/corpus" ] || { echo "skip: ../shared/corpus is absent"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-edit.XXXXXX")
trap 'rm -rf "$work"' EXIT

for f in "$shared"/corpus/*/articles.jsonl.gz; do zcat "$f"; done > "$work/a.jsonl"
cp "$work/a.jsonl" "$work/orig.jsonl"
lines=$(wc -l < "$work/a.jsonl")
mid=$((lines / 2))

secs() { # seconds of wall time of "$@"; its stderr's last line in $work/said
    s=$(date +%s.%N); "$@" > /dev/null 2> "$work/err" || true; e=$(date +%s.%N)
    tail -n 1 "$work/err" > "$work/said"
    echo "$s $e" | awk '{printf "%.2f", $2 - $1}'
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# build BIN NAME: a full build of the original file into $work/NAME
build() {
    rm -rf "$work/$2"
    cp "$work/orig.jsonl" "$work/a.jsonl"
    secs "$1" -j 1 -d "$work/$2" "$work/a.jsonl"
}
# rerun BIN BASE SED: a copy of the index BASE, the file edited by SED,
# run again
rerun() {
    rm -rf "$work/run"
    cp -r "$work/$2" "$work/run"
    cp "$work/orig.jsonl" "$work/a.jsonl"
    sed -i "$3" "$work/a.jsonl"
    secs "$1" -j 1 -d "$work/run" "$work/a.jsonl"
}
edit="${mid}s/ the / THE /"
respace="${mid}s/\", \"/\",\"/g"

full_new=""; full_old=""; edit_new=""; edit_old=""; same_new=""; extract=""
for round in $(seq "$ROUNDS"); do
    full_new="$full_new $(build "$NEW" base-new)"
    if [ -n "$OLD" ]; then full_old="$full_old $(build "$OLD" base-old)"; fi
done
for round in $(seq "$ROUNDS"); do
    edit_new="$edit_new $(rerun "$NEW" base-new "$edit")"
    said_edit=$(cat "$work/said")
    same_new="$same_new $(rerun "$NEW" base-new "$respace")"
    said_same=$(cat "$work/said")
    cp "$work/orig.jsonl" "$work/a.jsonl"
    extract="$extract $(secs "$NEW" --extract "$work/a.jsonl")"
    if [ -n "$OLD" ]; then
        edit_old="$edit_old $(rerun "$OLD" base-old "$edit")"
        said_old=$(cat "$work/said")
    fi
done
m() { echo "$1" | median; }
pct() { echo "$1 $(m "$full_new")" | awk '{printf "%.1f%%", 100 * $1 / $2}'; }
echo "input: $lines articles, $(du -m "$work/orig.jsonl" | cut -f1) MB, line $mid edited; $ROUNDS runs of each, medians"
echo
echo "| run | wall (median) | vs full build (this build) | runs |"
echo "| --- | ---: | ---: | --- |"
echo "| full build -j 1, this build | $(m "$full_new") s | 100% | $full_new |"
[ -n "$OLD" ] && echo "| full build -j 1, old build | $(m "$full_old") s | $(pct "$(m "$full_old")") | $full_old |"
echo "| one line edited, this build | $(m "$edit_new") s | $(pct "$(m "$edit_new")") | $edit_new |"
[ -n "$OLD" ] && echo "| one line edited, old build | $(m "$edit_old") s | $(pct "$(m "$edit_old")") | $edit_old |"
echo "| one line respaced (no article changed), this build | $(m "$same_new") s | $(pct "$(m "$same_new")") | $same_new |"
echo "| --extract a.jsonl (read, parse, print; no index) | $(m "$extract") s | $(pct "$(m "$extract")") | $extract |"
echo
echo "this build, one line edited: $said_edit"
echo "this build, one line respaced: $said_same"
[ -n "$OLD" ] && echo "old build, one line edited: $said_old"
exit 0
