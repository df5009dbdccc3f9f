# Appended files (issue 21): a file whose old content is unchanged and
# only grew is read from where the last run stopped: JSON Lines, plain or
# with a gzip member appended, and web archives, plain or gzip per record.
# Each round the summary counts the files "appended" (or "changed" when a
# whole read is due), the problems of the tail carry the lines and bytes
# a whole read gives them, and the index equals a clean build (gz-dump:
# every field, the file and the line of each article, and searches).
. "$(dirname "$0")/lib.sh"

c="$T/c"
mkdir -p "$c"

# jsonl_lines FIRST LAST [NOID]: JSON lines for ids jFIRST..jLAST (no id
# with NOID).
jsonl_lines() {
    "$PY" - "$@" <<'PY'
import json, sys
first, last = int(sys.argv[1]), int(sys.argv[2])
words = "tariff wheat oil budget senate border vote court trade steel".split()
for i in range(first, last + 1):
    row = {"title": "%s story %d" % (words[i % 10], i),
           "body": "%s %s %s number%d." % (words[i % 10], words[(i * 3) % 10], words[(i * 7) % 10], i)}
    if len(sys.argv) < 4:
        row["id"] = "j%d" % i
    if i % 4:
        row["date"] = "2020-01-%02d" % (i % 28 + 1)
    print(json.dumps(row))
PY
}

# warc_record N: one WARC response record holding a page.
warc_record() {
    "$PY" - "$1" <<'PY'
import sys
n = int(sys.argv[1])
page = ("<html><head><title>Harbour report %d</title></head><body><article>"
        "<p>Dockers at pier %d unloaded grain and ore for the port authority.</p>"
        "</article></body></html>" % (n, n)).encode()
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
sys.stdout.buffer.write(
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://port.example/%d\r\n"
    b"WARC-Date: 2024-05-%02dT00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
    b"Content-Length: %d\r\n\r\n" % (n, n % 28 + 1, len(http)) + http + b"\r\n\r\n")
PY
}

QUERIES="tariff oil title:vote id:j7 grain harbour *"
same_as_clean() {
    rm -rf "$T/clean"
    "$IDX" -q -d "$T/clean" "$c" 2> "$T/clean.err"
    # shellcheck disable=SC2086
    "$BIN/tests/gz-dump" "$T/idx" $QUERIES > "$T/inc.dump" || fail "gz-dump idx"
    # shellcheck disable=SC2086
    "$BIN/tests/gz-dump" "$T/clean" $QUERIES > "$T/clean.dump" || fail "gz-dump clean"
    cmp -s "$T/inc.dump" "$T/clean.dump" ||
        { diff "$T/clean.dump" "$T/inc.dump" | head -n 20 >&2; fail "$1: differs from a clean build"; }
}

# same_problems WHAT: every problem of the run ($T/inc.problems) is one
# a whole read reports word for word ($T/whole.problems).
same_problems() {
    if grep -vxFf "$T/whole.problems" "$T/inc.problems" > "$T/odd"; then
        cat "$T/odd" >&2
        fail "$1 differ from a whole read's"
    fi
}

jsonl_lines 1 40 > "$c/a.jsonl"
jsonl_lines 100 120 | gzip -n > "$c/b.jsonl.gz"
jsonl_lines 1 5 noid > "$c/noid.jsonl"
{ jsonl_lines 200 202; printf '{"id": "nl1", "title": "last line open", "body": "wheat"}'; } > "$c/nl.jsonl"
{ warc_record 1; warc_record 2; } > "$c/w.warc"
{ warc_record 11 | gzip -n; warc_record 12 | gzip -n; } > "$c/wz.warc.gz"
printf 'date 2020-02-02\ntitle An article file\n\nSteel and coal.\n' > "$c/art.txt"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "7 files (0 unchanged, 0 changed, 7 new, 0 vanished)" "$T/err"
same_as_clean "the first build"

# Round 1: something appended to each file.  The same id again (j7: the
# later copy wins), lines without id ("noid.jsonl:<line>"), a new gzip
# member, WARC records; the file whose last line had no '\n' and the
# article file are read whole.
{ jsonl_lines 41 45; jsonl_lines 7 7 | sed 's/story 7/retold 7/'; } >> "$c/a.jsonl"
jsonl_lines 121 125 | gzip -n >> "$c/b.jsonl.gz"
jsonl_lines 6 9 noid >> "$c/noid.jsonl"
{ printf '\n'; jsonl_lines 203 203; } >> "$c/nl.jsonl"
warc_record 3 >> "$c/w.warc"
warc_record 13 | gzip -n >> "$c/wz.warc.gz"
printf 'More steel.\n' >> "$c/art.txt"
expect_exit 0 "$IDX" --report "$T/r1.json" -d "$T/idx" "$c"
expect_grep "7 files (0 unchanged, 2 changed, 5 appended, 0 new, 0 vanished)" "$T/err"
"$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if (r["appended"], r["changed"]) == (5, 2) else 1)' "$T/r1.json" ||
    fail "--report: appended/changed: $(cat "$T/r1.json")"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids retold
[ "$(cat "$T/out")" = "j7" ] || fail "the later copy of j7 did not win"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids id:noid.jsonl:9
same_as_clean "round 1"

# Nothing new: every file unchanged.
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "7 files (7 unchanged, 0 changed, 0 new" "$T/err"

# Round 2: appended again (a file continued before continues again).
jsonl_lines 46 47 >> "$c/a.jsonl"
jsonl_lines 126 126 | gzip -n >> "$c/b.jsonl.gz"
warc_record 14 | gzip -n >> "$c/wz.warc.gz"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "7 files (4 unchanged, 0 changed, 3 appended, 0 new, 0 vanished)" "$T/err"
same_as_clean "round 2"

# Round 3: garbage after the gzip stream (zlib ignores it) is no member:
# read whole; and a member after the garbage is ignored by a whole read,
# so it must not be continued either.
printf 'not gzip at all\n' >> "$c/b.jsonl.gz"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "1 changed, 0 new" "$T/err"
same_as_clean "garbage after the gzip stream"
jsonl_lines 127 128 | gzip -n >> "$c/b.jsonl.gz"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "1 changed, 0 new" "$T/err"
same_as_clean "a member after garbage"

# Round 4: a byte changed in the old part while lines were appended: read
# whole.
sed -i 's/story 3"/tale 3"/' "$c/a.jsonl"
jsonl_lines 48 48 >> "$c/a.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "1 changed, 0 new" "$T/err"
same_as_clean "an edit and an append"

# Round 5: problems in the tail carry the lines (and bytes) of a whole
# read; a rejected line makes the next run read the file whole.
{ jsonl_lines 49 49; printf '{"id": "bad", "title": \n'; printf '{"id": "nodate", "title": "x", "body": "oil"}\n'; } >> "$c/a.jsonl"
expect_exit 1 "$IDX" -d "$T/idx" "$c"
expect_grep "1 appended" "$T/err"
grep 'a.jsonl:' "$T/err" > "$T/inc.problems"
"$IDX" -q -d "$T/whole" "$c/a.jsonl" 2> "$T/whole.err"
grep 'a.jsonl:' "$T/whole.err" > "$T/whole.problems"
[ -s "$T/whole.problems" ] || fail "no problem reported by a whole read"
expect_grep "a.jsonl:51: .*invalid JSON" "$T/inc.problems"
expect_grep "a.jsonl:52: no date" "$T/inc.problems"
same_problems "the tail's problems"
same_as_clean "a rejected line in the tail"
expect_exit 1 "$IDX" -d "$T/idx" "$c"
expect_grep "1 changed, 0 new" "$T/err"

# Round 6: half a line (a writer still at work), then the rest of it.
sed -i '/"id": "bad"/d' "$c/a.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
printf '{"id": "half", "title": "half a' >> "$c/a.jsonl"
expect_exit 1 "$IDX" -d "$T/idx" "$c"
expect_grep "1 appended" "$T/err"
same_as_clean "half a line"
printf ' line", "body": "wheat"}\n' >> "$c/a.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
same_as_clean "the line finished"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids id:half

# A stop (SIGTERM) inside a tail: what was read of it is committed, the
# bookkeeping stays as it was, and the next run reads the same tail again.
before=$("$SRCH" -d "$T/idx" -o count '*')
jsonl_lines 1000 8999 >> "$c/a.jsonl"
"$IDX" --commit-every 100 -d "$T/idx" "$c" 2> "$T/run.err" &
pid=$!
i=0
until [ "$("$SRCH" -d "$T/idx" -o count '*' 2>/dev/null)" -ge $((before + 200)) ]; do
    i=$((i + 1))
    [ "$i" -lt 400 ] || fail "the run never committed part of the tail"
    sleep 0.05
done
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" = 143 ] || { cat "$T/run.err" >&2; fail "stopped inside the tail: exit $rc"; }
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "1 appended, 0 new" "$T/err"
expect_grep " 8000 articles read" "$T/err"
same_as_clean "a stop inside a tail"
# A gzip member cut short in the tail (a writer at work): reported as a
# whole read reports it, then read whole once the member is complete.
warc_record 15 | gzip -n > "$T/member.gz"
head -c 60 "$T/member.gz" >> "$c/wz.warc.gz"
expect_exit 1 "$IDX" -d "$T/idx" "$c"
expect_grep "1 appended" "$T/err"
grep 'wz.warc.gz' "$T/err" > "$T/inc.problems"
rm -rf "$T/whole"
"$IDX" -q -d "$T/whole" "$c/wz.warc.gz" 2> "$T/whole.err"
grep 'wz.warc.gz' "$T/whole.err" > "$T/whole.problems"
expect_grep "truncated gzip stream" "$T/whole.problems"
expect_grep "truncated gzip stream" "$T/inc.problems"
same_problems "the cut member's problem"
same_as_clean "a gzip member cut short"
tail -c +61 "$T/member.gz" >> "$c/wz.warc.gz"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "1 changed, 0 new" "$T/err"
same_as_clean "the member completed"

# An ARC archive: nothing in its tail says ARC (its version block is at
# the top), yet it is read on as one.
arc_record() {
    "$PY" - "$1" <<'PY'
import sys
n = int(sys.argv[1])
if n == 0:
    v = b"1 0 Gazette\nURL IP-address Archive-date Content-type Archive-length\n"
    sys.stdout.buffer.write(b"filedesc://x.arc 0.0.0.0 20140216050221 text/plain %d\n" % len(v) + v + b"\n")
    sys.exit(0)
http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Grain "
        b"report %d</title></head><body><p>Barges of grain at the port, %d of them.</p></body></html>" % (n, n))
sys.stdout.buffer.write(b"http://arc.example/%d 1.2.3.4 20140216050221 text/html %d\n" % (n, len(http)) + http + b"\n")
PY
}
c="$T/arc"
mkdir -p "$c"
rm -rf "$T/idx"
{ arc_record 0; arc_record 1; } > "$c/x.arc"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
arc_record 2 >> "$c/x.arc"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "1 files (0 unchanged, 0 changed, 1 appended, 0 new" "$T/err"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids id:http://arc.example/2
same_as_clean "an ARC record appended"
exit 0
