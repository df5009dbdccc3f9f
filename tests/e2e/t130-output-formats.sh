# Output formats and modes on the demo corpus: JSON Lines (schema 3), TSV,
# --output ids/files/count, -0, --show, --batch, --explain, colour, sort
# orders, a closed pipe, and a relevance order that does not change.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$IDX" -q -d "$T/idx" "$TOP/corpus"
S() { "$SRCH" -d "$T/idx" "$@"; }
ALL="-n 100000"

# --- JSON Lines ------------------------------------------------------------
# jsoncheck FILE QUERY-WORDS...: every line a schema-3 hit with all fields
# of the right type, ranks FIRST.. consecutive, scores not increasing, and
# each highlight a byte range of the snippet whose word stems like one of
# the query words.  FIRST is $first (default 1).
jsoncheck() {
    "$PY" - "${first:-1}" "$@" <<'PY'
import json, os, re, sys
import snowballstemmer
stem = snowballstemmer.stemmer("english").stemWord
first, path, words = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
stems = {stem(w.lower()) for w in words}
lines = open(path, encoding="utf-8").read().split("\n")
assert lines[-1] == "", "no newline at the end"
lines = lines[:-1]
assert lines, "no hits"
fields = ["schema", "rank", "id", "score", "date", "title", "source", "url",
          "author", "site", "lang", "path", "line", "similar", "snippet",
          "highlights"]
last = None
for n, line in enumerate(lines):
    h = json.loads(line)
    assert isinstance(h, dict), line
    for f in fields:
        assert f in h, "no %r in %s" % (f, line)
    assert h["schema"] == 3 and type(h["schema"]) is int, h
    assert h["rank"] == first + n and type(h["rank"]) is int, (h["rank"], first + n)
    assert isinstance(h["id"], str) and h["id"], h
    assert isinstance(h["score"], (int, float)) and h["score"] > 0, h
    assert type(h["similar"]) is int and h["similar"] >= 0, h
    if last is not None:
        assert h["score"] <= last + 1e-9, "scores not in order at rank %d" % h["rank"]
    last = h["score"]
    assert h["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", h["date"]), h["date"]
    for f in ("title", "source", "url", "author", "site", "snippet"):
        assert isinstance(h[f], str), (f, h)
    assert os.path.isfile(h["path"]), h["path"]
    # A web archive's page has no line (0).
    assert type(h["line"]) is int and h["line"] >= (0 if ".warc" in h["path"] else 1), h
    snip = h["snippet"].encode("utf-8")
    end = 0
    assert isinstance(h["highlights"], list), h
    for mark in h["highlights"]:
        assert isinstance(mark, list) and len(mark) == 2, mark
        s, e = mark
        assert type(s) is int and type(e) is int and end <= s < e <= len(snip), \
            "bad range %r in %r (%s)" % (mark, h["snippet"], h["id"])
        end = e
        word = snip[s:e].decode("utf-8")     # strict: on character boundaries
        assert stem(word.lower()) in stems, \
            "%s: highlighted %r is none of %s" % (h["id"], word, sorted(stems))
print("\n".join(json.loads(l)["id"] for l in lines))
PY
}

for q in boycott "olympic boycott" "fiscal policy" "interest rates" "soybean tariffs"; do
    expect_exit 0 S --format json $ALL -- $q
    jsoncheck "$T/out" $q > "$T/ids" || fail "json for '$q'"
done
expect_exit 0 S --format json $ALL --any interest rates olympic
jsoncheck "$T/out" interest rates olympic > "$T/any.ids" || fail "json for --any"
[ "$(wc -l < "$T/any.ids")" -gt 10 ] || fail "--any interest rates olympic: few hits"
# Highlights follow the stems, whatever the case or the ending.
expect_exit 0 S --format json $ALL fiscal policy
grep -q '"snippet":"[^"]*[^a-z]policies[^a-z]' "$T/out" || fail "no snippet with 'policies'"
expect_exit 0 S --format json $ALL olympic
"$PY" - "$T/out" <<'PY' || fail "olympic: 'Olympics' is not highlighted"
import json, sys
words = set()
for line in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(line)
    b = h["snippet"].encode()
    words |= {b[s:e].decode() for s, e in h["highlights"]}
assert "Olympics" in words and "Olympic" in words, words
PY
# Undated or dated, a date is YYYY-MM-DD; the seed's url is "" (no url line).
expect_exit 0 S --format json -n 1 --lang en boycotts
grep -q '"url": *""' "$T/out" || fail "absent url is not \"\": $(cat "$T/out")"

# --offset shifts the ranks and skips hits.
expect_exit 0 S --format json $ALL --offset 2 --any interest rates olympic
first=3 jsoncheck "$T/out" interest rates olympic > "$T/off.ids" || fail "json with --offset 2"
tail -n +3 "$T/any.ids" | cmp -s - "$T/off.ids" || fail "--offset 2 does not skip two hits"
expect_exit 0 S --format json -n 3 --offset 2 --any interest rates olympic
first=3 jsoncheck "$T/out" interest rates olympic > "$T/off3.ids" || fail "json with -n 3 --offset 2"
sed -n 3,5p "$T/any.ids" | cmp -s - "$T/off3.ids" || fail "-n 3 --offset 2"
# An offset past the end: no hit printed (the articles still matched, so
# the exit status may be 0 or 1).
S --format json --offset 100000 --any interest rates olympic > "$T/out" 2> "$T/err"
rc=$?
[ $rc -le 1 ] || fail "--offset past the end: exit $rc"
[ -s "$T/out" ] && fail "hits past the end"

# --- TSV -------------------------------------------------------------------
# rank, score, date, id, source, title, path, line, snippet, similar,
# author, site, lang: the same hits as JSON, 13 fields, no tab or line break
# inside a field.
expect_exit 0 S --format json $ALL --any interest rates olympic
mv "$T/out" "$T/any.json"
expect_exit 0 S --format tsv $ALL --any interest rates olympic
"$PY" - "$T/out" "$T/any.json" <<'PY' || fail "tsv"
import json, sys
rows = open(sys.argv[1], "rb").read().decode("utf-8").split("\n")
assert rows[-1] == "", "no newline at the end"
rows = rows[:-1]
hits = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(rows) == len(hits), (len(rows), len(hits))
for row, h in zip(rows, hits):
    assert "\r" not in row, row
    f = row.split("\t")
    assert len(f) == 13, "%d fields: %r" % (len(f), row)
    rank, score, date, id_, source, title, path, line, snippet, similar, \
        author, site, lang = f
    assert author == h["author"] and site == h["site"], (author, site, h)
    assert lang == h["lang"] == "en", (lang, h)
    assert int(similar) == h["similar"], (similar, h["similar"])
    assert int(rank) == h["rank"], (rank, h["rank"])
    assert abs(float(score) - h["score"]) < 1e-5, (score, h["score"])
    assert date == (h["date"] or ""), (date, h["date"])
    assert id_ == h["id"] and source == h["source"] and path == h["path"], row
    flat = lambda s: s.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    assert title == flat(h["title"]), (title, h["title"])
    assert int(line) == h["line"], (line, h["line"])
    assert snippet == flat(h["snippet"]), (snippet, h["snippet"])
PY

# --- --output ids, files, count and -0 -----------------------------------
expect_exit 0 S -o ids $ALL --any interest rates olympic
cmp -s "$T/out" "$T/any.ids" || fail "--output ids differs from the json ids"
expect_exit 0 S --any -o files $ALL the
cp "$T/out" "$T/files"
expect_exit 0 S --any --format json $ALL the
"$PY" - "$T/out" "$T/files" <<'PY' || fail "--output files"
import json, sys
paths = [json.loads(l)["path"] for l in open(sys.argv[1], encoding="utf-8")]
want = list(dict.fromkeys(paths))          # each once, at its best rank
got = open(sys.argv[2], encoding="utf-8").read().split("\n")
assert got[-1] == "" and got[:-1] == want, (got, want)
assert len(want) < len(paths), "no file holds two hits: the test shows nothing"
PY
# -0: NUL-terminated records, nothing else.
expect_exit 0 S -o ids -0 $ALL --any interest rates olympic
[ "$(tr '\0' '\n' < "$T/out")" = "$(cat "$T/any.ids")" ] || fail "-0 ids"
"$PY" -c '
import sys
d = open(sys.argv[1], "rb").read()
assert d.endswith(b"\0") and b"\n" not in d, d[:200]
ids = [l for l in open(sys.argv[2]).read().split("\n") if l]
assert d.split(b"\0")[:-1] == [i.encode() for i in ids]
' "$T/out" "$T/any.ids" || fail "-0 ids are not NUL-terminated records"
expect_exit 0 S --any -o files -0 $ALL the
[ "$(tr '\0' '\n' < "$T/out")" = "$(cat "$T/files")" ] || fail "-0 files"
tr -d -c '\0' < "$T/out" | wc -c > "$T/nuls"
[ "$(cat "$T/nuls")" -eq "$(wc -l < "$T/files")" ] || fail "-0 files: wrong number of NULs"
expect_exit 2 S -0 boycott
expect_grep "\-0" "$T/err"
[ -s "$T/out" ] && fail "-0 without ids/files printed hits"
expect_exit 2 S -0 -o count boycott
expect_exit 2 S -0 --format json boycott
# count: the number of matches, whatever --limit says.
for q in boycott "interest OR tariffs" "--any the" "olympic NOT boycott" "date:2020 rates"; do
    expect_exit 0 S -o ids $ALL $q
    n=$(wc -l < "$T/out")
    expect_exit 0 S -o count $ALL $q
    [ "$(cat "$T/out")" = "$n" ] || fail "count '$q': $(cat "$T/out"), $n ids"
    expect_exit 0 S -o count -n 1 $q
    [ "$(cat "$T/out")" = "$n" ] || fail "count -n 1 '$q': $(cat "$T/out"), $n ids"
    expect_exit 0 S -o count --format json $q
    [ "$(cat "$T/out")" = "{\"schema\":3,\"count\":$n}" ] || fail "json count '$q': $(cat "$T/out")"
done
expect_exit 1 S -o count zyzzyvaquux
[ "$(cat "$T/out")" = 0 ] || fail "count of nothing: $(cat "$T/out")"
expect_exit 1 S -o count --format json zyzzyvaquux
[ "$(cat "$T/out")" = '{"schema":3,"count":0}' ] || fail "json count of nothing: $(cat "$T/out")"
for o in ids files; do
    expect_exit 1 S -o $o zyzzyvaquux
    [ -s "$T/out" ] && fail "-o $o: output for no match"
    expect_exit 1 S -o $o -f json zyzzyvaquux
    [ -s "$T/out" ] && fail "-o $o -f json: output for no match"
done
# --format applies to every --output: json gives the field of the hit
# object the mode keeps ({"id":..}, {"path":..}, {"count":..}); tsv and
# text give the value alone.
expect_exit 0 S -o ids -f json $ALL --any interest rates olympic
"$PY" - "$T/out" "$T/any.ids" <<'PY' || fail "-o ids -f json"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert all(set(o) == {"schema", "id"} and o["schema"] == 3 for o in objs), objs
assert [o["id"] for o in objs] == open(sys.argv[2]).read().split()
PY
expect_exit 0 S -o files -f json $ALL --any the
"$PY" - "$T/out" "$T/files" <<'PY' || fail "-o files -f json"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert all(set(o) == {"schema", "path"} and o["schema"] == 3 for o in objs), objs
assert [o["path"] for o in objs] == open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
PY
expect_exit 0 S -o ids -f tsv $ALL --any interest rates olympic
cmp -s "$T/out" "$T/any.ids" || fail "-o ids -f tsv"
expect_exit 0 S -o files -f tsv $ALL --any the
cmp -s "$T/out" "$T/files" || fail "-o files -f tsv"
n=$(S -o ids $ALL boycott | wc -l)
expect_exit 0 S -o count -f tsv boycott
[ "$(cat "$T/out")" = "$n" ] || fail "-o count -f tsv: $(cat "$T/out"), $n ids"
# -0 ends raw values: it does not go with json or tsv.
for f in json tsv; do
    expect_exit 2 S -0 -o ids -f $f boycott
    expect_grep "\-0" "$T/err"
    [ -s "$T/out" ] && fail "-0 -f $f printed"
done

# --- --show ----------------------------------------------------------------
# Text: the article file format (re-indexable); json: one object with body.
expect_exit 0 S -o ids $ALL "*"
cp "$T/out" "$T/all.ids"
[ "$(wc -l < "$T/all.ids")" -eq 53 ] || fail "the demo corpus is not 53 articles"
mkdir "$T/shown"
i=0
while read -r id; do
    i=$((i + 1))
    expect_exit 0 S --show "$id"
    head -n1 "$T/out" | grep -q '^date [0-9]\{4\}-[0-9][0-9]-[0-9][0-9]$' ||
        fail "--show $id: first line $(head -n1 "$T/out")"
    expect_grep "^id $id\$" "$T/out"
    cp "$T/out" "$T/shown/$i.txt"
    expect_exit 0 S --show "$id" --format json
    echo "$id" >> "$T/shown.ids"
    cat "$T/out" >> "$T/shown.json"
done < "$T/all.ids"
expect_exit 0 "$IDX" -q -d "$T/idx-shown" "$T/shown"
: > "$T/reshown.json"
while read -r id; do
    "$SRCH" -d "$T/idx-shown" --show "$id" --format json >> "$T/reshown.json" ||
        fail "--show $id after re-indexing its --show output"
done < "$T/shown.ids"
"$PY" - "$T/shown.json" "$T/reshown.json" "$T/shown.ids" <<'PY' || fail "--show output does not index back to the same article"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
b = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
ids = open(sys.argv[3]).read().split()
assert len(a) == len(b) == len(ids) == 53, (len(a), len(b), len(ids))
for x, y, i in zip(a, b, ids):
    assert x["schema"] == 3 and x["id"] == i, x
    assert isinstance(x["body"], str) and x["body"].strip(), x
    for f in ("id", "date", "title", "source", "url", "author", "site", "body"):
        assert x[f] == y[f], (i, f, x[f], y[f])
PY
expect_exit 1 S --show no-such-article
expect_grep "no-such-article" "$T/err"
[ -s "$T/out" ] && fail "--show of an unknown id printed: $(cat "$T/out")"
expect_exit 1 S --show no-such-article --format json
expect_exit 2 S --show axios-2021-04-06-olympics-boycott boycott

# --- --batch ---------------------------------------------------------------
printf '%s\n' boycott 'wheat (' zyzzyvaquux '"interest rates"' > "$T/queries"
"$SRCH" -d "$T/idx" --batch $ALL < "$T/queries" > "$T/out" 2> "$T/err"
rc=$?
[ $rc -eq 2 ] || fail "--batch with a bad line: exit $rc"
expect_grep "line 2: " "$T/err"
S -o ids $ALL boycott > "$T/b1.ids"
S -o ids $ALL '"interest rates"' > "$T/b4.ids"
"$PY" - "$T/out" "$T/b1.ids" "$T/b4.ids" <<'PY' || fail "--batch output"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
want = {1: open(sys.argv[2]).read().split(), 4: open(sys.argv[3]).read().split()}
assert want[1] and want[4]
qs = [o["query"] for o in objs]
assert qs == sorted(qs), "queries out of order: %s" % qs
errs = [o for o in objs if "error" in o]
assert len(errs) == 1 and errs[0]["query"] == 2 and errs[0]["schema"] == 3, errs
assert isinstance(errs[0]["error"], str) and errs[0]["error"], errs
# Every query writes a line: line 3 (no hits) says so in one object.
assert sorted(set(qs)) == [1, 2, 3, 4], qs
none = [o for o in objs if o["query"] == 3]
assert none == [{"schema": 3, "query": 3, "hits": 0}], none
for q in (1, 4):
    hits = [o for o in objs if o["query"] == q and "hits" not in o]
    assert [h["id"] for h in hits] == want[q], (q, hits)
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    assert all(h["schema"] == 3 and "snippet" in h for h in hits)
PY
# TSV: the same, one line per query at least ("N<TAB>hits<TAB>0" for none).
"$SRCH" -d "$T/idx" --batch -f tsv $ALL < "$T/queries" > "$T/out" 2> "$T/err"
[ $? -eq 2 ] || fail "--batch -f tsv with a bad line"
[ "$(grep -c '^1	' "$T/out")" -eq "$(wc -l < "$T/b1.ids")" ] || fail "--batch tsv: line 1"
[ "$(grep '^2	' "$T/out" | cut -f2)" = error ] || fail "--batch tsv: line 2: $(cat "$T/out")"
[ "$(grep '^3	' "$T/out")" = "3	hits	0" ] || fail "--batch tsv: no line for no hits: $(cat "$T/out")"
[ "$(cut -f1 "$T/out" | uniq | tr '\n' ' ')" = "1 2 3 4 " ] || fail "--batch tsv: queries $(cut -f1 "$T/out" | uniq)"
# ids, files: JSON Lines by default in batch, every query a line.
printf '%s\n' boycott zyzzyvaquux '"interest rates"' > "$T/queries"
expect_exit 0 S --batch -o ids $ALL < "$T/queries"
"$PY" - "$T/out" "$T/b1.ids" "$T/b4.ids" <<'PY' || fail "--batch -o ids"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
want = open(sys.argv[2]).read().split()
assert [o["id"] for o in objs if o["query"] == 1] == want, objs
assert [o for o in objs if o["query"] == 2] == [{"schema": 3, "query": 2, "hits": 0}], objs
assert [o["id"] for o in objs if o["query"] == 3] == open(sys.argv[3]).read().split()
assert all(set(o) == {"schema", "query", "id"} for o in objs if "hits" not in o), objs
PY
expect_exit 0 S --batch -o ids -f text $ALL < "$T/queries"
[ "$(grep -c '^1	' "$T/out")" -eq "$(wc -l < "$T/b1.ids")" ] || fail "--batch -o ids -f text"
[ "$(grep '^2	' "$T/out")" = "2	hits	0" ] || fail "--batch -o ids -f text: no hits: $(cat "$T/out")"
expect_exit 0 S --batch -o files -f json $ALL < "$T/queries"
expect_grep '^{"schema":3,"query":2,"hits":0}$' "$T/out"
expect_grep '^{"schema":3,"query":1,"path":"' "$T/out"
# A page past the end is no hits too, though the query matched.
printf '%s\n' boycott > "$T/queries"
S --batch --offset 1000 < "$T/queries" > "$T/out" 2> "$T/err"
[ "$(cat "$T/out")" = '{"schema":3,"query":1,"hits":0}' ] || fail "--batch past the end: $(cat "$T/out")"
printf '%s\n' boycott zyzzyvaquux > "$T/queries"
expect_exit 0 S --batch -o count < "$T/queries"
n=$(wc -l < "$T/b1.ids")
[ "$(cat "$T/out")" = "{\"schema\":3,\"query\":1,\"count\":$n}
{\"schema\":3,\"query\":2,\"count\":0}" ] || fail "--batch -o count: $(cat "$T/out")"
expect_exit 1 S --batch < /dev/null
expect_exit 2 S --batch boycott < "$T/queries"

# --- --explain -------------------------------------------------------------
for q in "olympic boycott" zyzzyvaquux "wheat OR title:soybean date:2021"; do
    expect_exit 0 S --explain $q
    [ "$(wc -l < "$T/out")" -eq 2 ] || fail "--explain '$q': $(cat "$T/out")"
    sed -n 1p "$T/out" | grep -q '^query: ' || fail "--explain '$q': $(cat "$T/out")"
    sed -n 2p "$T/out" | grep -q '^xapian: ' || fail "--explain '$q': $(cat "$T/out")"
done
expect_exit 2 S --explain 'wheat ('

# --- a closed pipe ---------------------------------------------------------
# The reader goes away: no message, whatever the writer was doing.
"$SRCH" -d "$T/idx" -n 1000 --any the 2> "$T/pipe.err" | head -n 1 > /dev/null
[ -s "$T/pipe.err" ] && fail "closed pipe: $(cat "$T/pipe.err")"
# Megabytes of output, so the pipe surely closes while it writes.
i=0; while [ $i -lt 400 ]; do echo "the"; i=$((i + 1)); done > "$T/many"
"$SRCH" -d "$T/idx" --batch --any -n 1000 < "$T/many" 2> "$T/pipe.err" | head -n 1 > /dev/null
[ -s "$T/pipe.err" ] && fail "closed pipe (--batch): $(cat "$T/pipe.err")"
"$SRCH" -d "$T/idx" --batch --any -n 1000 -f tsv < "$T/many" 2> "$T/pipe.err" | head -c 10 > /dev/null
[ -s "$T/pipe.err" ] && fail "closed pipe (tsv): $(cat "$T/pipe.err")"
# A parent that ignores SIGPIPE: the write fails with EPIPE instead, and
# that too ends the program quietly, with status 0.
bash -c 'trap "" PIPE; "$1" -d "$2" --batch --any -n 1000 < "$3" 2> "$4" | head -n 1 > /dev/null; exit ${PIPESTATUS[0]}' \
    sh "$SRCH" "$T/idx" "$T/many" "$T/pipe.err" || fail "closed pipe with SIGPIPE ignored: exit $?"
[ -s "$T/pipe.err" ] && fail "closed pipe with SIGPIPE ignored: $(cat "$T/pipe.err")"

# --- colour ----------------------------------------------------------------
esc=$(printf '\033')
expect_exit 0 S --color always -n 5 olympic boycott
grep -q "${esc}\[1;31mboycott${esc}\[0m" "$T/out" || fail "--color always: no highlighted 'boycott'"
grep -q "${esc}\[1;31mOlympics\?${esc}\[0m" "$T/out" || fail "--color always: no highlighted 'Olympic'"
expect_exit 0 S --colour always -n 5 olympic boycott
grep -q "$esc" "$T/out" || fail "--colour always: no colour"
for args in "--color never" "--color auto" ""; do
    expect_exit 0 S $args -n 5 olympic boycott
    grep -q "$esc" "$T/out" && fail "colour with '$args' into a pipe"
    grep -q "^showing" "$T/out" && fail "a header into a pipe"
done
NO_COLOR=1 expect_exit 0 S --color auto -n 5 olympic boycott
grep -q "$esc" "$T/out" && fail "colour with NO_COLOR into a pipe"
for f in json tsv; do
    expect_exit 0 S --color always --format $f -n 5 olympic boycott
    grep -q "$esc" "$T/out" && fail "colour in --format $f"
done
# On a terminal (script(1) gives one): auto colours unless NO_COLOR is set.
if command -v script > /dev/null 2>&1 &&
   script -qc true /dev/null > /dev/null 2>&1 < /dev/null; then
    script -qc "\"$SRCH\" -d \"$T/idx\" --color auto -n 2 boycott" /dev/null \
        < /dev/null > "$T/tty" 2>&1
    grep -q "${esc}\[1;31mboycott" "$T/tty" || fail "--color auto on a terminal: no colour"
    NO_COLOR=1 script -qc "\"$SRCH\" -d \"$T/idx\" --color auto -n 2 boycott" /dev/null \
        < /dev/null > "$T/tty" 2>&1
    grep -q boycott "$T/tty" || fail "NO_COLOR on a terminal: no output: $(cat "$T/tty")"
    grep -q "$esc" "$T/tty" && fail "NO_COLOR=1 --color auto on a terminal: colour"
    NO_COLOR=1 script -qc "\"$SRCH\" -d \"$T/idx\" -n 2 boycott" /dev/null \
        < /dev/null > "$T/tty" 2>&1
    grep -q "$esc" "$T/tty" && fail "NO_COLOR=1 on a terminal: colour"
    # "showing A-B of N" heads text on a terminal; N is the count.
    n=$(S -o count boycott)
    [ "$n" -gt 3 ] || fail "too few boycott articles for the header test: $n"
    NO_COLOR=1 script -qc "\"$SRCH\" -d \"$T/idx\" -n 2 --offset 1 boycott" /dev/null \
        < /dev/null > "$T/tty" 2>&1
    [ "$(head -n 1 "$T/tty" | tr -d '\r')" = "showing 2-3 of $n" ] ||
        fail "no 'showing 2-3 of $n' header on a terminal: $(head -n 2 "$T/tty")"
    sed -n 2p "$T/tty" | grep -q '^  2\. ' || fail "header: hit 2 not next: $(cat "$T/tty")"
    NO_COLOR=1 script -qc "\"$SRCH\" -d \"$T/idx\" zyzzyvaquux" /dev/null \
        < /dev/null > "$T/tty" 2>&1
    grep -q showing "$T/tty" && fail "a header for no hits: $(cat "$T/tty")"
    NO_COLOR=1 script -qc "\"$SRCH\" -d \"$T/idx\" -f tsv boycott" /dev/null \
        < /dev/null > "$T/tty" 2>&1
    grep -q showing "$T/tty" && fail "a header in tsv on a terminal"
    NO_COLOR=1 script -qc "\"$SRCH\" -d \"$T/idx\" -o ids boycott" /dev/null \
        < /dev/null > "$T/tty" 2>&1
    grep -q showing "$T/tty" && fail "a header with -o ids on a terminal"
else
    echo "note: no script(1); terminal colour not checked"
fi

# --- sort orders -----------------------------------------------------------
# sortcheck ORDER FILE: FILE (TSV) holds dated hits newest or oldest first,
# equal dates by id ascending, then the undated ones.
sortcheck() {
    "$PY" - "$1" "$2" <<'PY'
import sys
order, path = sys.argv[1], sys.argv[2]
rows = [l.split("\t") for l in open(path, encoding="utf-8").read().split("\n") if l]
keys = [(r[2], r[3]) for r in rows]
dated = [k for k in keys if k[0]]
assert dated, "no dated hit"
for a, b in zip(dated, dated[1:]):
    if order == "newest":
        assert a[0] > b[0] or (a[0] == b[0] and a[1] < b[1]), (a, b)
    else:
        assert a[0] < b[0] or (a[0] == b[0] and a[1] < b[1]), (a, b)
undated = [i for i, k in enumerate(keys) if not k[0]]
assert undated == list(range(len(dated), len(keys))), "undated hits among dated ones: %s" % keys
print(" ".join(sorted(k[1] for k in keys)))
PY
}
for q in "--any the" "--any olympic rates" boycott; do
    expect_exit 0 S -f tsv $ALL $q
    cut -f4 "$T/out" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//' > "$T/rel.set"
    for o in newest oldest; do
        expect_exit 0 S -f tsv $ALL --sort $o $q
        sortcheck $o "$T/out" > "$T/sorted.set" || fail "--sort $o '$q'"
        [ "$(cat "$T/rel.set")" = "$(cat "$T/sorted.set")" ] || fail "--sort $o '$q' finds other articles"
    done
done
# The demo corpus has no two articles on one day: add some, and one undated.
mkdir "$T/ties"
printf 'date 2021-04-06\ntitle Tie one\nid tie-c\n\nOlympic boycott boycott boycott talk.\n' > "$T/ties/1.txt"
printf 'date 2021-04-06\ntitle Tie two\nid tie-a\n\nA boycott mention in a long, long text about other things.\n' > "$T/ties/2.txt"
printf 'date 2021-04-06\ntitle Tie\tthree\nid tie-b\n\nA boycott.\n' > "$T/ties/3.txt"
printf 'title Undated\nid tie-u\n\nA boycott on no day.\n' > "$T/ties/4.txt"
expect_exit 0 "$IDX" -d "$T/idx-ties" "$TOP/corpus" "$T/ties"
for o in newest oldest; do
    expect_exit 0 "$SRCH" -d "$T/idx-ties" -f tsv $ALL --sort $o boycott
    sortcheck $o "$T/out" > /dev/null || fail "--sort $o with equal dates"
    tr '\n' ' ' < "$T/out" | grep -q "tie-a.*tie-b.*tie-c" ||
        fail "--sort $o: equal dates not by id"
done
# A tab inside a field (the title of tie-b) never splits a TSV row.
expect_exit 0 "$SRCH" -d "$T/idx-ties" -f tsv id:tie-b
[ "$(awk -F'\t' '{ print NF }' "$T/out")" = 13 ] || fail "a tab in a title splits the row: $(cat "$T/out")"
expect_grep "Tie three" "$T/out"

# --- a stable relevance order ----------------------------------------------
for q in "--any the" "--any interest rates olympic" "olympic boycott"; do
    S -o ids $ALL $q > "$T/run1" || fail "search '$q'"
    S -o ids $ALL $q > "$T/run2" || fail "search '$q'"
    cmp -s "$T/run1" "$T/run2" || fail "'$q': two runs differ"
done
expect_exit 0 "$IDX" -q -d "$T/idx-again" "$TOP/corpus"
for q in "--any the" "--any interest rates olympic" "olympic boycott"; do
    S -f json $ALL $q > "$T/run1" || fail "search '$q'"
    "$SRCH" -d "$T/idx-again" -f json $ALL $q > "$T/run2" || fail "search '$q' (fresh index)"
    "$PY" - "$T/run1" "$T/run2" <<'PY' || fail "'$q': a fresh index of the same files ranks differently"
import json, sys
a, b = ([(h["rank"], h["id"]) for h in map(json.loads, open(p, encoding="utf-8"))]
        for p in sys.argv[1:3])
assert a == b, (a, b)
PY
done
exit 0
