# One big JSON Lines file is built by every core (issue 21): a build from
# nothing with -j 2, 3 or 4 cuts it into article-aligned pieces, and gives
# exactly what -j 1 gives: the same articles (ids, lines, the later copy of
# an id), the same rejections, the same file bookkeeping; afterwards the
# file is one file like any other (a no-op run, an edit, its deletion).
. "$(dirname "$0")/lib.sh"

c="$T/c"; mkdir -p "$c"
# About 6 MB: -j 4 cuts it into 4 pieces of more than PLAN_MIN_PIECE.
"$PY" "$(dirname "$0")/onefile.py" "$T/one.jsonl" 1 1200 8000 40000 ||
    fail "generating the corpus"

# build J INDEX FILE: a build from nothing with -j J; its problems
# (sorted: parts report as they go) in INDEX.err, its --report less the
# time in INDEX.counts, its articles in INDEX.dump, its bookkeeping in
# INDEX.files, the plan's pieces in INDEX.pieces.
build() {
    rm -rf "$2"
    GAZETTE_SHOW_PIECES=1 "$IDX" -j "$1" -d "$2" --report "$2.json" "$3" 2> "$2.stderr"
    [ $? -le 1 ] || { cat "$2.stderr" >&2; fail "-j $1 build of $3"; }
    # The counts (a split file is one file, its articles counted once)
    # and the rejections, in order.
    "$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
for k in ("index", "finished", "seconds"):
    del r[k]
print(json.dumps(r, indent=1, sort_keys=True))' "$2.json" > "$2.counts"
    grep -v '^gazette-index: [0-9]* files\|^gazette-index: piece ' "$2.stderr" | sort > "$2.err"
    grep '^gazette-index: piece ' "$2.stderr" > "$2.pieces"
    "$BIN/tests/gz-dump" "$2" w1 w2 "far" > "$2.dump" || fail "dumping $2"
    "$BIN/tests/gz-files" "$2" > "$2.files" || fail "bookkeeping of $2"
}
same_as_j1() {
    what=$1
    build 1 "$T/j1" "$2"
    [ -s "$T/j1.err" ] || fail "$what: no rejection reported"
    for j in 2 3 4; do
        build $j "$T/j$j" "$2"
        echo "$what -j $j:"; cat "$T/j$j.pieces"
        [ "$(wc -l < "$T/j$j.pieces")" = $j ] || fail "$what: -j $j did not cut the file in $j: $(cat "$T/j$j.pieces")"
        for k in dump err files counts; do
            cmp -s "$T/j1.$k" "$T/j$j.$k" ||
                { diff "$T/j1.$k" "$T/j$j.$k" | cut -c1-300 | head -n 10 >&2; fail "$what: -j $j: $k differs from -j 1"; }
        done
    done
}

cp "$T/one.jsonl" "$c/a.jsonl"
same_as_j1 "plain" "$c/a.jsonl"
grep -q "a.jsonl:[0-9]*	" "$T/j1.dump" || fail "no article without an id"
rm "$c/a.jsonl"
gzip -c "$T/one.jsonl" > "$c/a.jsonl.gz"
same_as_j1 "gzip" "$c/a.jsonl.gz"
# Three gzip members, cut mid-line.
size=$(wc -c < "$T/one.jsonl")
head -c $((size / 3)) "$T/one.jsonl" | gzip -c > "$c/a.jsonl.gz"
tail -c +$((size / 3 + 1)) "$T/one.jsonl" | head -c $((size / 3)) | gzip -c >> "$c/a.jsonl.gz"
tail -c +$((2 * (size / 3) + 1)) "$T/one.jsonl" | gzip -c >> "$c/a.jsonl.gz"
same_as_j1 "gzip members" "$c/a.jsonl.gz"
rm "$c/a.jsonl.gz"
# A line over the 16 MiB limit across the cut points: skipped and reported once.
"$PY" - "$T/one.jsonl" "$c/a.jsonl" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8", newline="").read().split("\n")
long = '{"id": "long", "body": "%s"}' % ("x" * (17 << 20))
lines[len(lines) // 3] = long
open(sys.argv[2], "w", encoding="utf-8", newline="").write("\n".join(lines))
PY
same_as_j1 "an over-long line" "$c/a.jsonl"
expect_grep "line longer than 16 MiB" "$T/j1.err"
[ "$(grep -c "line longer than" "$T/j4.err")" = 1 ] || fail "the long line is not reported once"

# After a -j 3 build the file is one file of the index.
cp "$T/one.jsonl" "$c/a.jsonl"
rm -rf "$T/idx"
expect_exit 1 "$IDX" -j 3 -d "$T/idx" "$c"
expect_grep "1 files (0 unchanged, 0 changed, 1 new, 0 vanished)" "$T/err"
n=$(grep -c '^article' "$T/j1.dump")
# A file with a rejection is read again (size -1 remembered), so take one
# without any for the no-op run.
grep -v '"bad' "$T/one.jsonl" > "$c/a.jsonl"
rm -rf "$T/idx"
expect_exit 0 "$IDX" -j 3 -d "$T/idx" "$c"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "0 changed, 0 new, 0 vanished); 0 articles read" "$T/err"
# It grows: read on from where the last piece ended, as after -j 1.
printf '%s\n' '{"id": "grown", "body": "a line appended after the build"}' >> "$c/a.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "0 changed, 1 appended, 0 new" "$T/err"
build 1 "$T/clean" "$c/a.jsonl"
"$BIN/tests/gz-dump" "$T/idx" w1 w2 far > "$T/idx.dump"
cmp -s "$T/idx.dump" "$T/clean.dump" || { diff "$T/idx.dump" "$T/clean.dump" | head >&2; fail "the grown file differs from a clean build"; }
# An edit: the same as a -j 1 build of the edited file.
"$PY" - "$c/a.jsonl" <<'PY'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8", newline="").read().split("\n")
del lines[len(lines) // 2]
lines[len(lines) // 4] = '{"id": "edited", "body": "an edited line"}'
open(p, "w", encoding="utf-8", newline="").write("\n".join(lines))
PY
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "1 changed" "$T/err"
build 1 "$T/clean" "$c/a.jsonl"
"$BIN/tests/gz-dump" "$T/idx" w1 w2 far > "$T/idx.dump"
cmp -s "$T/idx.dump" "$T/clean.dump" || { diff "$T/idx.dump" "$T/clean.dump" | head >&2; fail "the edited file differs from a clean build"; }
# Its deletion deletes every article it gave (its bookkeeping holds them all).
rm "$c/a.jsonl"; touch "$c/other.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_exit 1 "$SRCH" -d "$T/idx" -o count '*'
[ "$(cat "$T/out")" = 0 ] || fail "articles left after the file was deleted: $(cat "$T/out")"
