#!/bin/sh
# edit.sh - what editing one article in the middle of one big JSON Lines
# file costs (issue 21, per-article hash), against a full build.
#
#   nice tests/bench/edit.sh [OLD_GAZETTE_INDEX]
#
# The input is ../shared/corpus's three articles.jsonl.gz decompressed
# into one a.jsonl (28,789 articles, 88 MB) in a temporary directory.
# Each run's wall time and CPU time (user + system: what a loaded machine
# does not inflate) are taken; ROUNDS (default 3) runs of each, medians.
#  - a full build, -j 1 (BASE=DIR: take the index DIR, built by this
#    build of $WORK/a.jsonl, with WORK=DIR the folder to work in, kept:
#    the file's path is stored with its articles; then no build is
#    measured);
#  - one line in the middle edited (one word of its body), run again:
#    "1 replaced, 28788 unchanged";
#  - one line respaced (its JSON only: no article changes), run again:
#    every article read, looked up and found unchanged, none written;
#  - gazette-index --extract a.jsonl > /dev/null: reading and parsing the
#    file and printing its articles as JSON, no index at all;
#  - with OLD_GAZETTE_INDEX (a gazette-index built from main before the
#    hash): the same edit run by it, which indexes every article again
#    (OLD_ROUNDS times, default ROUNDS), and, without BASE, its full
#    builds alternated with this build's.
# NEW=PROGRAM measures another gazette-index than this tree's build.
set -eu
. "$(dirname "$0")/lib.sh"
NEW=${NEW:-$IDX}
OLD=${1:-}
ROUNDS=${ROUNDS:-3}
OLD_ROUNDS=${OLD_ROUNDS:-$ROUNDS}
BASE=${BASE:-}
need_shared corpus
need_time
if [ -n "${WORK:-}" ]; then
    work=$WORK
    mkdir -p "$work"
else
    workdir edit
fi

for f in "$shared"/corpus/*/articles.jsonl.gz; do zcat "$f"; done > "$work/orig.jsonl"
lines=$(wc -l < "$work/orig.jsonl")
mid=$((lines / 2))

# measure CMD...: "WALL/CPU" seconds of CMD; its stderr's last line in
# $work/said
measure() {
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null 2> "$work/err" || true
    tail -n 1 "$work/err" > "$work/said"
    awk '{printf "%.2f/%.2f", $1, $2 + $3}' "$work/time"
}
# build BIN NAME: a full build of the original file into $work/NAME
build() {
    rm -rf "$work/$2"
    cp "$work/orig.jsonl" "$work/a.jsonl"
    measure "$1" -j 1 -d "$work/$2" "$work/a.jsonl"
}
# rerun BIN SED: a copy of the base index, the file edited by SED, run
# again
rerun() {
    rm -rf "$work/run"
    cp -r "$work/base" "$work/run"
    cp "$work/orig.jsonl" "$work/a.jsonl"
    sed -i "$2" "$work/a.jsonl"
    measure "$1" -j 1 -d "$work/run" "$work/a.jsonl"
}
edit="${mid}s/ the / THE /"
respace="${mid}s/\", \"/\",\"/g"

full_new=""; full_old=""; edit_new=""; edit_old=""; same_new=""; extract=""
if [ -n "$BASE" ]; then
    cp -r "$BASE" "$work/base"
else
    for round in $(seq "$ROUNDS"); do
        full_new="$full_new $(build "$NEW" base)"
        if [ -n "$OLD" ]; then full_old="$full_old $(build "$OLD" base-old)"; fi
    done
fi
for round in $(seq "$ROUNDS"); do
    edit_new="$edit_new $(rerun "$NEW" "$edit")"
    said_edit=$(cat "$work/said")
    same_new="$same_new $(rerun "$NEW" "$respace")"
    said_same=$(cat "$work/said")
    cp "$work/orig.jsonl" "$work/a.jsonl"
    extract="$extract $(measure "$NEW" --extract "$work/a.jsonl")"
    if [ -n "$OLD" ] && [ "$round" -le "$OLD_ROUNDS" ]; then
        edit_old="$edit_old $(rerun "$OLD" "$edit")"
        said_old=$(cat "$work/said")
    fi
done
# field LIST FIELD: the median of field FIELD (1 wall, 2 CPU) of "W/C" items
field() {
    echo "$1" | tr ' ' '\n' | grep . | cut -d/ -f"$2" | median
}
row() { # row NAME LIST
    [ -n "$2" ] || return 0
    echo "| $1 | $(field "$2" 1) s | $(field "$2" 2) s | $2 |"
}
echo "input: $lines articles, $(du -m "$work/orig.jsonl" | cut -f1) MB, line $mid edited; medians of $ROUNDS runs (old edit: $OLD_ROUNDS)"
echo
echo "| run | wall | CPU (user+sys) | runs (wall/CPU s) |"
echo "| --- | ---: | ---: | --- |"
row "full build -j 1, this build" "$full_new"
row "full build -j 1, old build" "$full_old"
row "one line edited, this build" "$edit_new"
row "one line edited, old build (re-indexes all)" "$edit_old"
row "one line respaced (no article changed), this build" "$same_new"
row "--extract a.jsonl > /dev/null (read, parse, print)" "$extract"
echo
echo "this build, one line edited: $said_edit"
echo "this build, one line respaced: $said_same"
if [ -n "$OLD" ]; then echo "old build, one line edited: $said_old"; fi
exit 0
