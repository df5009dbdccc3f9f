# Gzip bombs: a few MB of gzip that expand to gigabytes.  The reader stops
# once the data passes CORPUS_GZIP_MAX_RATIO (100) times the file's size
# (and 16 MiB) with an error naming the file, the line and the byte; the
# complete articles before that point are indexed, other files too; time
# and memory stay small.  Concatenated gzip members (what `cat a.gz b.gz`
# makes) are read as one stream, so the bomb is built from copies of one
# member and costs nothing to make.
. "$(dirname "$0")/lib.sh"

c="$T/c"
mkdir -p "$c"
"$PY" - "$c" <<'PY'
import gzip, json, os, sys
d = sys.argv[1]
def member(data):
    return gzip.compress(data, compresslevel=9, mtime=0)
# 1: JSON Lines, two articles, then 1 GB of blank lines (10 members of
#    100 MB of '\n', about 100 KB each): only the ratio stops it.
nl = member(b"\n" * 100_000_000)
head = member(b"".join(json.dumps({"id": "b%d" % i, "date": "2020-01-01",
                                   "body": "Pangolin %d." % i}).encode() + b"\n" for i in range(2)))
with open(os.path.join(d, "blank.jsonl.gz"), "wb") as f:
    f.write(head + nl * 10 + member(b'{"id": "never", "body": "Never."}\n'))
# 2: an article file of 3 GB of text in 30 members: the article limit.
a = member(b"narwhal " * 12_500_000)
with open(os.path.join(d, "text.txt.gz"), "wb") as f:
    f.write(member(b"date 2020-01-01\ntitle Bomb\n\n") + a * 30)
# 3: valid articles, the same one over and over (about 400:1), 100 MB
#    from 250 KB.  Each article costs what indexing costs: the limit keeps
#    it to a few hundred.
line = json.dumps({"id": "same", "date": "2020-01-01", "body": "Walrus " * 5000}).encode() + b"\n"
with open(os.path.join(d, "same.jsonl.gz"), "wb") as f:
    f.write(member(json.dumps({"id": "first", "date": "2020-01-01", "body": "Beluga."}).encode() + b"\n")
            + member(line * 3000))
# 4: zeros: one endless "line" of NUL bytes.
with open(os.path.join(d, "zero.jsonl.gz"), "wb") as f:
    f.write(member(b"\0" * 100_000_000) * 10)
# A good feed beside them.
with open(os.path.join(d, "good.jsonl.gz"), "wb") as f:
    f.write(member(json.dumps({"id": "good", "date": "2020-01-01", "body": "Manatee."}).encode() + b"\n"))
PY
ls -l "$c"

start=$(date +%s)
timed "$IDX" -j 1 -d "$T/idx" "$c" > "$T/out" 2> "$T/err"
rc=$?
[ -f "$T/time" ] && echo "indexing the bombs: $(tail -n 1 "$T/time")"
secs=$(( $(date +%s) - start ))
[ $rc = 1 ] || { cat "$T/err" >&2; fail "exit $rc, want 1"; }
e="$T/index.err"
cp "$T/err" "$e"
expect_grep "error: .*/blank.jsonl.gz:[0-9]*: at byte [0-9]*: gzip data expands to more than 100 times the file's [0-9]* bytes (a gzip bomb?)" "$e"
expect_grep "error: .*/same.jsonl.gz:[0-9]*: at byte [0-9]*: gzip data expands to more than 100 times" "$e"
expect_grep "error: .*/zero.jsonl.gz:.*line longer than 16 MiB" "$e"
expect_grep "error: .*/zero.jsonl.gz:.*gzip bomb" "$e"
expect_grep "error: .*/text.txt.gz: article larger than 16 MiB" "$e"

expect_exit 0 "$SRCH" -d "$T/idx" -o ids pangolin
[ "$(sort "$T/out" | tr '\n' ' ')" = "b0 b1 " ] || fail "the articles before the bomb: $(cat "$T/out")"
for w in beluga walrus manatee; do expect_exit 0 "$SRCH" -d "$T/idx" "$w"; done
for w in never narwhal; do expect_exit 1 "$SRCH" -d "$T/idx" "$w"; done

# The limit: the bomb stopped at 100 times its size, not at its 1 GB.
"$PY" - "$e" "$c/blank.jsonl.gz" <<'PY' || fail "the bomb was not stopped at the limit"
import os, re, sys
size = os.path.getsize(sys.argv[2])
m = re.search(r"blank.jsonl.gz:\d+: at byte (\d+): gzip data expands to more than 100 times the file's (\d+) bytes",
              open(sys.argv[1]).read())
assert m and int(m.group(2)) == size and int(m.group(1)) == 100 * size, (m and m.groups(), size)
PY
peak_rss_below 262144 ""
[ $secs -lt 30 ] || fail "took $secs s"
exit 0
