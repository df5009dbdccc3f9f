# File names with a newline, a tab, bytes that are not UTF-8, quotes,
# backslashes, a leading dash, control characters.  They are indexed like
# any other; what gazette-search prints stays well-formed: JSON Lines are
# valid JSON, one object a line (a name that is not UTF-8 shows U+FFFD
# there: JSON holds text, not bytes), TSV keeps one hit a line, and -0
# gives the exact bytes of each path and id.
. "$(dirname "$0")/lib.sh"

c="$T/c"
mkdir -p "$c"
# The names as Python bytes; each file's article has a word of its own.
"$PY" - "$c" <<'PY'
import os, sys
d = os.fsencode(sys.argv[1])
names = [b"new\nline.txt", b"tab\there.txt", b"caf\xe9-latin1.txt", b"bad\xff\xfe.txt",
         b'quote"back\\slash.txt', b"-dash.txt", b"esc\x1b[31mred.txt", b"sp ace.txt",
         b"\xe6\x97\xa5\xe6\x9c\xac.txt", b"cr\rret.txt"]
words = ["aardvark", "bison", "coati", "dingo", "eland", "fossa", "gaur", "hyrax", "ibex", "jackal"]
for n, w in zip(names, words):
    with open(os.path.join(d, n), "w") as f:
        f.write("date 2020-01-01\ntitle %s title\n\nThe %s text, with oryx.\n" % (w, w))
# A directory with a newline and bad bytes in its name, too.
sub = os.path.join(d, b"dir\n\xff")
os.mkdir(sub)
with open(os.path.join(sub, b"inner.txt"), "w") as f:
    f.write("date 2020-01-01\ntitle kudu title\n\nThe kudu text, with oryx.\n")
PY

expect_exit 0 "$IDX" -j 1 -d "$T/idx" "$c"
expect_grep "11 files (0 unchanged, 0 changed, 11 new" "$T/err"
for w in aardvark bison coati dingo eland fossa gaur hyrax ibex jackal kudu; do
    expect_exit 0 "$SRCH" -d "$T/idx" -o ids "$w"
done

# JSON Lines: one valid object a line, every path the file's name (bytes
# that are not UTF-8 as U+FFFD), every id the name less ".txt".
expect_exit 0 "$SRCH" -d "$T/idx" --format json -n 100 oryx
cp "$T/out" "$T/hits.json"
# -0: the exact bytes.
expect_exit 0 "$SRCH" -d "$T/idx" -o files -0 -n 100 oryx
cp "$T/out" "$T/files.0"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids -0 -n 100 oryx
cp "$T/out" "$T/ids.0"
expect_exit 0 "$SRCH" -d "$T/idx" --format tsv -n 100 oryx
cp "$T/out" "$T/hits.tsv"
"$PY" - "$c" "$T/hits.json" "$T/files.0" "$T/ids.0" "$T/hits.tsv" <<'PY' || fail "the output is not well-formed"
import json, os, sys
c, hits, files0, ids0, tsv = sys.argv[1:]
real = []
for root, dirs, fs in os.walk(os.fsencode(os.path.realpath(c))):
    real += [os.path.join(root, f) for f in fs]
real = sorted(real)
assert len(real) == 11, real
lines = open(hits, "rb").read().split(b"\n")
assert lines[-1] == b"", "no final newline"
objs = [json.loads(l.decode("utf-8")) for l in lines[:-1]]      # strict UTF-8, valid JSON
assert len(objs) == 11, len(objs)
want = sorted(p.decode("utf-8", "replace") for p in real)
assert sorted(o["path"] for o in objs) == want, (sorted(o["path"] for o in objs), want)
got = sorted(p for p in open(files0, "rb").read().split(b"\0") if p)
assert open(files0, "rb").read().endswith(b"\0")
assert got == real, (got, real)
ids = sorted(i for i in open(ids0, "rb").read().split(b"\0") if i)
want_ids = sorted(os.path.basename(p)[:-4].decode("utf-8", "replace").encode() for p in real)
assert ids == want_ids, (ids, want_ids)
rows = open(tsv, "rb").read().split(b"\n")
assert rows[-1] == b"" and len(rows) == 12, len(rows)
# As many columns in every row (nine in schema 1): no tab or line break
# of a name leaks in.
assert len({len(r.split(b"\t")) for r in rows[:-1]}) == 1, rows
assert len(rows[0].split(b"\t")) >= 9, rows[0]
PY

# --show of the article with a newline in its id.
expect_exit 0 "$SRCH" -d "$T/idx" --show "$(printf 'new\nline')" --format json
"$PY" -c 'import json, sys; a = json.load(open(sys.argv[1])); assert a["id"] == "new\nline", a' "$T/out" ||
    fail "--show of an id with a newline"

# --report: a rejected file and an index whose names are not UTF-8 are
# reported (U+FFFD, as in JSON Lines), not dropped from a valid report.
bad="$T/rej/$(printf 'bin\377.txt')"
mkdir -p "$T/rej"
printf 'date 2020-01-01\ntitle x\n\n\000\001\002 binary\n' > "$bad"
cp "$c/sp ace.txt" "$T/rej/good.txt"
ix="$T/$(printf 'idx\376')"
expect_exit 1 "$IDX" -q -j 1 --report "$T/report.json" -d "$ix" "$T/rej"
"$PY" - "$T/report.json" "$T" <<'PY' || fail "--report: $(cat "$T/report.json")"
import json, sys
r = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
t = sys.argv[2]
assert r["index"] == t + "/idx\ufffd", r["index"]
assert r["rejected"] == 1 and r["added"] == 1, r
assert len(r["rejections"]) == 1, r["rejections"]
assert r["rejections"][0]["path"].endswith("/rej/bin\ufffd.txt"), r["rejections"]
PY

# A name that changes (renamed) is an ordinary vanished file.
mv "$c/$(printf 'new\nline.txt')" "$c/renamed.txt"
expect_exit 0 "$IDX" -j 1 -d "$T/idx" "$c"
expect_grep "1 new, 1 vanished); 1 articles read (1 new), 1 deleted" "$T/err"
exit 0
