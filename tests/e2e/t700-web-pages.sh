# Web pages as corpus files: told by content, read with their charset,
# and `gazette-index --extract` shows exactly what is indexed.
#
# Property (generated pages, seeded; the real pages of ../shared/formats
# too when present): indexing --extract's JSON Lines gives the same
# articles, bodies, titles, dates and search results as indexing the
# pages themselves; every paragraph written into a page's article is
# found in its text; no page is lost without a message.
. "$(dirname "$0")/lib.sh"

SEED=${GAZETTE_SEED:-$(date +%s)}
FAIL_CONTEXT="seed $SEED"
c="$T/pages"
mkdir -p "$c"
"$PY" - "$c" "$SEED" > "$T/expect" <<'PY'
import gzip, json, os, random, sys
out, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
WORDS = ("senate budget tariff treaty minister vote election court ruling "
         "inflation pension reform coalition veto subsidy embargo").split()
ACCENTED = ["caf\u00e9", "na\u00efve", "M\u00fcller", "se\u00f1or", "\u00e9t\u00e9"]
def sentence():
    ws = [rng.choice(WORDS + ACCENTED) for _ in range(rng.randint(4, 12))]
    return " ".join(ws).capitalize() + "."
def wrap(html, depth):
    for _ in range(depth):
        # Block wrappers only: libxml2's HTML 4 parser closes an inline
        # <font> or <span> (and the <article> in it) at a block inside,
        # which moves paragraphs out of the article the extractor takes.
        tag = rng.choice(["div", "section", "center"])
        html = "<%s>%s</%s>" % (tag, html, tag)
    return html
for i in range(40):
    paras = [" ".join(sentence() for _ in range(rng.randint(1, 4)))
             for _ in range(rng.randint(1, 6))]
    body = "".join(wrap("<p>%s</p>" % p.replace("&", "&amp;"), rng.randint(0, 3))
                   for p in paras)
    title = sentence()[:-1]
    charset = rng.choice(["utf-8", "windows-1252", None, "gb2312-lie"])
    head = "<title>%s</title>" % title
    if charset == "utf-8":
        head = '<meta charset="utf-8">' + head
    elif charset == "windows-1252":
        head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' + head
    elif charset == "gb2312-lie":
        head = '<meta charset="gb2312">' + head     # UTF-8 bytes, a wrong label
    page = "%s<html><head>%s</head><body>%s%s</body></html>" % (
        rng.choice(["<!DOCTYPE html>", "", "<!-- saved -->\n"]), head,
        wrap("<article>%s</article>" % body, rng.randint(0, 4)),
        rng.choice(["", "<script>var s = 'no words here';</script>"]))
    data = page.encode("cp1252" if charset == "windows-1252" else "utf-8")
    name = "p%02d%s" % (i, rng.choice([".html", ".htm", ".txt", ".html.gz"]))
    if name.endswith(".gz"):
        data = gzip.compress(data)
    open(os.path.join(out, name), "wb").write(data)
    stem = name.split(".")[0]
    print(json.dumps({"id": stem, "title": title, "paras": paras}))
PY

# Real pages beside the generated ones, when ../shared/formats is there.
if [ -d "$SHARED/formats/html/scrapinghub-aeb" ]; then
    mkdir -p "$c/real"
    for f in "$SHARED"/formats/html/scrapinghub-aeb/*.html* "$SHARED"/formats/html/trafilatura/*.html*; do
        ln -s "$f" "$c/real/"
    done
else
    echo "note: ../shared/formats is absent: generated pages only"
fi

"$IDX" --extract --follow-symlinks "$c" > "$T/x.jsonl" 2> "$T/x.err"
rc=$?
[ $rc = 0 ] || [ $rc = 1 ] || { head "$T/x.err" >&2; fail "--extract exit $rc"; }
grep -v "warning: .*no date in the page" "$T/x.err" | grep . && fail "--extract reported more than missing dates"

# The generated pages: each one an article, its title and paragraphs kept.
"$PY" - "$T/x.jsonl" "$T/expect" <<'PY' || fail "extracted pages differ from what was written"
import json, sys
got = {}
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    assert set(a) >= {"id", "date", "title", "source", "url", "body"}, a.keys()
    got[a["id"]] = a
bad = 0
for line in open(sys.argv[2]):
    e = json.loads(line)
    a = got.get(e["id"])
    if a is None:
        print("missing", e["id"]); bad += 1; continue
    if a["title"] != e["title"]:
        print(e["id"], "title", repr(a["title"]), "want", repr(e["title"])); bad += 1
    for p in e["paras"]:
        if p not in a["body"]:
            print(e["id"], "lost paragraph", repr(p[:60]), "in", repr(a["body"][:200])); bad += 1
sys.exit(1 if bad else 0)
PY

# A path that does not exist is an error (2), as in a run; the others
# are still read.
expect_exit 2 "$IDX" --extract --follow-symlinks "$T/nonexistent" "$c"
expect_grep "nonexistent: No such file or directory" "$T/err"
[ "$(wc -l < "$T/out")" = "$(wc -l < "$T/x.jsonl")" ] || fail "--extract with a missing path lost the others"

# Indexing the output is indexing the pages.
same_as_extract "$c" -- senate "budget tariff" '"coalition veto"' "$(printf 'caf\303\251')" inflation
echo "pages: $(grep -c '^article' "$T/sx.a.dump") articles, the same both ways"
