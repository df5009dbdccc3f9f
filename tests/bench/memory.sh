#!/bin/sh
# memory.sh - the indexer's peak RSS against the corpus size (issue 9):
# builds ../shared/corpus's JSON Lines once as they are and once repeated
# 4 times (each copy's ids suffixed, so every article is new), sequential
# (-j 1) and parallel (default -j), and prints peak RSS and wall time as a
# Markdown table.  The repeated corpus is written under $B/bench/mem and
# removed after.
#
#   B=build tests/bench/memory.sh [OUT.md]
set -eu
. "$(dirname "$0")/lib.sh"
cd "$top"
need_shared corpus
out=${1:-/dev/stdout}
w="$B/bench/mem"
rm -rf "$w"
mkdir -p "$w/x1" "$w/x4"
for f in "$shared"/corpus/*/articles.jsonl.gz; do
    ln -s "$f" "$w/x1/$(basename "$(dirname "$f")").jsonl.gz"
    for k in 1 2 3 4; do
        /usr/bin/python3 - "$f" "$k" "$w/x4/$(basename "$(dirname "$f")")-$k.jsonl.gz" <<'PY'
import gzip, json, sys
src, k, dst = sys.argv[1], sys.argv[2], sys.argv[3]
with gzip.open(src, "rt", encoding="utf-8") as i, gzip.open(dst, "wt", encoding="utf-8", compresslevel=1) as o:
    for line in i:
        a = json.loads(line)
        a["id"] = "%s-copy%s" % (a["id"], k)
        o.write(json.dumps(a) + "\n")
PY
    done
done
{
echo "| corpus | articles | -j | wall s | peak RSS MB | index MB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for size in x1 x4; do
    for j in 1 0; do
        rm -rf "$w/idx"
        jopt="" jname=cores
        [ "$j" = 1 ] && jopt="-j 1" jname=1
        # shellcheck disable=SC2086
        /usr/bin/time -f "%e %M" -o "$w/time" "$IDX" -q $jopt \
            -d "$w/idx" "$w/$size"/*.jsonl.gz
        read -r wall kb < "$w/time"
        n=$("$SRCH" -d "$w/idx" -o count '*')
        mb=$(du -sm "$w/idx" | cut -f1)
        echo "| $size | $n | $jname | $wall | $((kb / 1024)) | $mb |"
    done
done
} > "$out"
rm -rf "$w"
