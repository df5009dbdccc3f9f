# An id given by two files: the copy of the file last in path order wins,
# in a clean build and after every incremental run (issue 17, break 1);
# and a .gz cut short keeps the articles past the break (break 10).
. "$(dirname "$0")/lib.sh"

c="$T/c"
clean_equal() {
    rm -rf "$T/clean"
    "$IDX" -q -d "$T/clean" "$c" 2>/dev/null
    dump_index "$T/idx" "$T/inc.txt"
    dump_index "$T/clean" "$T/cln.txt"
    cmp -s "$T/inc.txt" "$T/cln.txt" || { diff "$T/inc.txt" "$T/cln.txt" >&2; fail "$1: differs from a clean build"; }
    "$SRCH" -d "$T/idx" -o files -n 100 '*' | sort > "$T/inc.files"
    "$SRCH" -d "$T/clean" -o files -n 100 '*' | sort > "$T/cln.files"
    cmp -s "$T/inc.files" "$T/cln.files" || { diff "$T/inc.files" "$T/cln.files" >&2; fail "$1: files differ from a clean build"; }
}

# The issue's case: two summary.txt, the later one deleted.
mkdir -p "$c/2021" "$c/2022"
printf 'date 2021-12-31\ntitle S21\n\nyear2021 text\n' > "$c/2021/summary.txt"
printf 'date 2022-12-31\ntitle S22\n\nyear2022 text\n' > "$c/2022/summary.txt"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
expect_exit 0 "$SRCH" -d "$T/idx" -o files year2022
expect_grep "2022/summary.txt" "$T/out"
clean_equal "two files, one id"
rm -r "$c/2022"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
expect_exit 1 "$SRCH" -d "$T/idx" -o files year2022
expect_exit 0 "$SRCH" -d "$T/idx" -o count year2021
[ "$(cat "$T/out")" = 1 ] || fail "the remaining copy is not indexed"
clean_equal "the later file deleted"
# Paths given in another order change nothing: path order decides.
mkdir -p "$c/2022"
printf 'date 2022-12-31\ntitle S22\n\nyear2022 text\n' > "$c/2022/summary.txt"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c/2022" "$c/2021"
expect_exit 0 "$SRCH" -d "$T/idx" -o files year2022
clean_equal "paths given in reverse"

# JSON Lines: b.jsonl drops id X, then a.jsonl (earlier) is edited.
rm -rf "$c" "$T/idx"; mkdir -p "$c"
printf '{"id":"X","title":"from a","body":"alpha copy"}\n{"id":"Y","body":"why"}\n' > "$c/a.jsonl"
printf '{"id":"X","title":"from b","body":"bravo copy"}\n' > "$c/b.jsonl"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
clean_equal "two JSON Lines files"
printf '{"id":"X","title":"from a, edited","body":"alpha copy edited"}\n{"id":"Y","body":"why"}\n' > "$c/a.jsonl"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
expect_exit 0 "$SRCH" -d "$T/idx" -o count bravo
clean_equal "the earlier file edited"
printf '{"id":"Z","body":"zulu"}\n' > "$c/b.jsonl"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
expect_exit 0 "$SRCH" -d "$T/idx" -o count edited
expect_exit 1 "$SRCH" -d "$T/idx" -o count bravo
clean_equal "the later file drops the id"

# A .gz cut short that replaces a complete one keeps what lies past the
# break, says so, and is read again until it reads whole.
rm -rf "$c" "$T/idx"; mkdir -p "$c"
"$PY" - "$c/feed.jsonl" <<'PY'
import json, random, sys
rnd = random.Random(3)
words = "oil wheat tariff budget senate grain steel port coal".split()
with open(sys.argv[1], "w") as f:
    for i in range(400):
        body = " ".join(rnd.choice(words) for _ in range(60)) + " marker%03d" % i
        f.write(json.dumps({"id": "a%03d" % i, "title": "story %d" % i, "body": body}) + "\n")
PY
gzip -n "$c/feed.jsonl"
cp "$c/feed.jsonl.gz" "$T/whole.gz"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
size=$(stat -c %s "$c/feed.jsonl.gz")
head -c $((size / 2)) "$T/whole.gz" > "$c/feed.jsonl.gz"
expect_exit 1 "$IDX" -d "$T/idx" "$c"
expect_grep "feed.jsonl.gz" "$T/err"
expect_grep "kept from files that could not be read" "$T/err"
expect_grep "0 deleted" "$T/err"
expect_exit 0 "$SRCH" -d "$T/idx" -o count '*'
[ "$(cat "$T/out")" = 400 ] || fail "a cut .gz lost articles: $(cat "$T/out") of 400 left"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids marker399
expect_exit 1 "$IDX" -q -d "$T/idx" "$c"     # read again, reported again
cp "$T/whole.gz" "$c/feed.jsonl.gz"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
clean_equal "the .gz whole again"
