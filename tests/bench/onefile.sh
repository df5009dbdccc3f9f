#!/bin/sh
# onefile.sh - a build from nothing of one big JSON Lines file on 1, 2
# and 4 jobs (issue 21, "Every core on one file"): the three
# ../shared/corpus/*/articles.jsonl.gz made one a.jsonl (about 88 MB) and
# one a.jsonl.gz, in a temporary directory (never in the repository).
#
#   nice tests/bench/onefile.sh [OUT.md]      (ROUNDS=3 by default)
#
# Needs GNU time (/usr/bin/time) for the CPU seconds.
#
# Runs alternate (-j 1, -j 2, -j 4, -j 1, ...) so that a load that comes
# and goes weighs on each alike; the median of ROUNDS is written with its
# ratio to -j 1.  Also times decompressing the whole a.jsonl.gz once
# (gzip -dc): each part of a gzip build decompresses the pieces before
# its own again (corpus_set_range()), part k of N k/N of the file.
set -eu
. "$(dirname "$0")/lib.sh"     # IDX=a copy, to go on building meanwhile
rounds=${ROUNDS:-3}
need_shared corpus
out=${1:-}
workdir bench
secs_digits=2

gzip -dc "$shared"/corpus/*/articles.jsonl.gz > "$work/a.jsonl"
gzip -c "$work/a.jsonl" > "$work/a.jsonl.gz"
mb=$(du -m "$work/a.jsonl" | cut -f1)
gzmb=$(du -m "$work/a.jsonl.gz" | cut -f1)
articles=$(wc -l < "$work/a.jsonl")

ratio() { echo "$1 $2" | awk '{printf "%.2f", $1 / $2}'; }
share() { echo "$1 $2" | awk '{printf "%.1f%%", 100 * $1 / $2}'; }
# build J FILE: a build from nothing; its CPU seconds (user + system)
# are added to the file cpu.J.
build() {
    rm -rf "$work/idx"
    /usr/bin/time -f '%U %S' -o "$work/time" "$IDX" -q -j "$1" -d "$work/idx" "$2"
    awk '{printf " %.1f", $1 + $2}' "$work/time" >> "$work/cpu.$1"
}
say() { echo "onefile: $*" >&2; }

rows=""
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for f in a.jsonl a.jsonl.gz; do
    t1=""; t2=""; t4=""
    rm -f "$work"/cpu.*
    for _ in $(seq "$rounds"); do
        t1="$t1 $(secs build 1 "$work/$f")"
        t2="$t2 $(secs build 2 "$work/$f")"
        t4="$t4 $(secs build 4 "$work/$f")"
        say "$f: -j 1:$t1, -j 2:$t2, -j 4:$t4"
    done
    m1=$(echo "$t1" | median); m2=$(echo "$t2" | median); m4=$(echo "$t4" | median)
    rows="$rows
| $f | $m1 s ($t1 ) | $m2 s ($t2 ) | $(ratio "$m2" "$m1") | $m4 s ($t4 ) | $(ratio "$m4" "$m1") | $(cat "$work/cpu.1") / $(cat "$work/cpu.2") / $(cat "$work/cpu.4") |"
    eval "m2_$(echo "$f" | tr -c 'a-z\n' '_')=$m2"
    eval "m4_$(echo "$f" | tr -c 'a-z\n' '_')=$m4"
done
inflate=""
for _ in 1 2 3; do
    inflate="$inflate $(secs sh -c "gzip -dc '$work/a.jsonl.gz' > /dev/null")"
done
mi=$(echo "$inflate" | median)
# Extra decompression: part k of N decompresses k/N of the file before its
# piece; the last part, which ends the build, (N-1)/N.
extra2=$(echo "$mi" | awk '{printf "%.2f", $1 / 2}')
extra4=$(echo "$mi" | awk '{printf "%.2f", $1 * 3 / 4}')

report=$(cat <<MD
One file of $articles articles: a.jsonl ($mb MB), a.jsonl.gz ($gzmb MB, one
gzip member); a build from nothing (\`gazette-index -q -j N -d IDX FILE\`),
wall time, median of $rounds alternated runs (all runs in parentheses),
and the CPU time (user + system) of each run; $(nproc) cores, load average
at the start $load0, at the end $(cut -d' ' -f1-3 /proc/loadavg).

| file | -j 1 | -j 2 | -j 2 / -j 1 | -j 4 | -j 4 / -j 1 | CPU s, -j 1 / 2 / 4 |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |$rows

Decompressing the whole a.jsonl.gz once (\`gzip -dc\`, median of 3): $mi s.
The last part decompresses again what lies before its piece: about
$extra2 s with -j 2 ($(share "$extra2" "$m2_a_jsonl_gz") of that build's
wall time), about $extra4 s with -j 4 ($(share "$extra4" "$m4_a_jsonl_gz")).
MD
)
echo "$report"
if [ -n "$out" ]; then
    printf '\n%s\n' "$report" >> "$out"
fi
