#!/bin/sh
# memory-shapes.sh - the indexer's peak RSS on the article shapes that cost
# it the most (issue 17): one JSON line of words that are all different,
# one word repeated, an article file of many short lines, and many JSON
# lines of different words (each under the word limit, so only the batch
# bound holds them).  Each shape is MB megabytes (default 15), built with
# -j 1 from one file and with -j 2 from two; prints a Markdown table of
# wall time and peak RSS.  The inputs are written under $B/bench/shapes and
# removed after.
#
#   B=build [MB=15] tests/bench/memory-shapes.sh [OUT.md]
set -eu
. "$(dirname "$0")/lib.sh"
cd "$top"
MB=${MB:-15}
out=${1:-/dev/stdout}
w="$B/bench/shapes"
rm -rf "$w"
mkdir -p "$w"
/usr/bin/python3 - "$w" "$MB" <<'PY'
import json, os, sys
d, size = sys.argv[1], int(sys.argv[2]) * 1000 * 1000
def word(tag, k):
    w = ""
    while True:
        w += "abcdefghijklmnopqrstuvwxyz"[k % 26]
        k //= 26
        if k == 0:
            return tag + w
def words(tag, n):
    out, k, have = [], 0, 0
    while have < n:
        out.append(word(tag, k))
        have += len(out[-1]) + 1
        k += 1
    return " ".join(out)
def art(i, body):
    return json.dumps({"id": i, "date": "2020-01-01", "title": "t", "body": body}) + "\n"
for part in "ab":
    os.mkdir(os.path.join(d, part))
    def path(name):
        return os.path.join(d, part, name)
    with open(path("unique.jsonl"), "w") as f:
        f.write(art("u" + part, words("q" + part, size - 100)))
    with open(path("repeated.jsonl"), "w") as f:
        f.write(art("r" + part, "okapi " * (size // 6)))
    with open(path("lines.txt"), "w") as f:
        f.write("date 2020-01-01\ntitle Lines\n\n" + "ox\n" * (size // 3))
    with open(path("many.jsonl"), "w") as f:
        i = 0
        have = 0
        while have < size:
            line = art("m%s%d" % (part, i), words("m" + part + word("", i), 8000))
            f.write(line)
            have += len(line)
            i += 1
PY
run() {  # SHAPE JOBS FILES...
    shape=$1 jobs=$2
    shift 2
    rm -rf "$w/idx"
    rc=0
    /usr/bin/time -f "%e %M" -o "$w/time" "$IDX" -q -j "$jobs" \
        -d "$w/idx" "$@" 2>/dev/null || rc=$?
    read -r wall kb <<EOF
$(tail -n 1 "$w/time")
EOF
    echo "| $shape | $jobs | $wall | $((kb / 1024)) | $rc |"
}
{
echo "| shape ($MB MB a file) | -j | wall s | peak RSS MB | exit |"
echo "| --- | ---: | ---: | ---: | ---: |"
for shape in unique.jsonl repeated.jsonl lines.txt many.jsonl; do
    run "$shape" 1 "$w/a/$shape"
    run "$shape x 2" 2 "$w/a/$shape" "$w/b/$shape"
done
} > "$out"
rm -rf "$w"
