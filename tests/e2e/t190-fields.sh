# The article fields author, site and url (issue 19), end to end: read from
# JSON Lines (an author array, a site given or taken from the url) and from
# an article file's header lines; author:, site: (the host and a parent
# domain), url: (exact, and a url longer than a term) find exactly their
# articles; JSON, TSV and --show carry them; --show's output indexes back
# to the same fields.  (An old "gz1" record decoding: tests/unit/test_record.c.)
. "$(dirname "$0")/lib.sh"

c="$T/corpus"
mkdir -p "$c"
long="https://www.example.org/$(printf 'x%.0s' $(seq 1 300))"
cat > "$c/news.jsonl" <<EOF
{"id": "bbc-1", "date": "2021-04-06", "title": "Wheat prices", "source": "BBC News", "author": "Jane Doe", "url": "https://www.BBC.co.uk/news/business-1", "body": "Wheat prices rose."}
{"id": "bbc-2", "date": "2021-04-07", "title": "Corn prices", "source": "BBC News", "author": ["John Smith", "Jane Doe"], "url": "https://news.bbc.co.uk/2/hi/2", "body": "Corn prices fell."}
{"id": "guard-1", "date": "2021-04-08", "title": "Rice prices", "source": "The Guardian", "author": "Ann Smith", "site": "www.theguardian.com", "url": "https://amp.theguardian.com/x", "body": "Rice prices held."}
{"id": "gov-1", "date": "2021-04-09", "title": "Budget", "author": "", "url": "https://www.gov.uk/budget?year=2021#top", "body": "The budget."}
{"id": "long-1", "date": "2021-04-10", "title": "Long url", "url": "$long", "body": "A long address."}
{"id": "long-2", "date": "2021-04-10", "title": "Long url two", "url": "${long}y", "body": "Another long address."}
EOF
printf 'date 2021-04-11\ntitle Oats\nauthor Bo Lee and John Smith\nurl http://user@Local.Example.COM:8080/oats\nid file-1\n\nOats were sown.\n' > "$c/oats.txt"
printf 'date 2021-04-12\ntitle Barley\nid file-2\n\nBarley, no url.\n' > "$c/barley.txt"
# A web page: its byline and its canonical url's host.
printf '<!DOCTYPE html><html><head><title>Hops harvest</title><meta name="author" content="Kim Park"><link rel="canonical" href="https://www.Example.net/p/1"></head><body><article><h1>Hops harvest</h1><p>The hops harvest began early this year across the valley, growers said.</p></article></body></html>\n' > "$c/hops.html"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"

# ids EXPECTED QUERY: the sorted ids QUERY finds.
ids() {
    want=$1
    shift
    "$SRCH" -d "$T/idx" -o ids -n 100 -- "$@" > "$T/out" 2> "$T/err"
    got=$(sort "$T/out" | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "$*: got '$got', want '$want' ($(cat "$T/err"))"
}

# author: a whole name (quoted), or one word of a name; each name alone.
ids "bbc-1 bbc-2 " 'author:"Jane Doe"'
ids "bbc-2 file-1 " 'author:"john smith"'
ids "bbc-2 file-1 guard-1 " author:smith
ids "bbc-2 " 'author:"jane doe and john smith"'
ids "file-1 " 'author:"bo lee"'
ids "" 'author:"doe jane"'
ids "bbc-1 bbc-2 file-1 " 'author:(doe OR lee)'
ids "bbc-1 " 'author:doe wheat'
ids "https://www.Example.net/p/1 " 'author:"kim park"'
ids "https://www.Example.net/p/1 " site:example.net
# site: the host, any parent domain, and a site written with its scheme.
ids "bbc-1 " site:www.bbc.co.uk
ids "bbc-1 bbc-2 " site:bbc.co.uk
ids "bbc-1 bbc-2 gov-1 " site:uk
ids "gov-1 " site:gov.uk
ids "guard-1 " site:theguardian.com       # given: www., not the url's amp.
ids "" site:amp.theguardian.com
ids "file-1 " site:local.example.com
ids "file-1 " site:https://LOCAL.example.com/
ids "" site:bbc
# url: exactly, quoted or not; a long url hashed, but each its own.
ids "bbc-1 " 'url:https://www.BBC.co.uk/news/business-1'
ids "" 'url:https://www.bbc.co.uk/news/business-1'
ids "gov-1 " 'url:"https://www.gov.uk/budget?year=2021#top"'
ids "long-1 " "url:$long"
ids "long-2 " "url:${long}y"
ids "" "url:${long}z"
ids "file-1 " 'url:"http://user@Local.Example.COM:8080/oats"'
expect_exit 2 "$SRCH" -d "$T/idx" 'writer:smith'
expect_grep "fields: title, source, author, site, url, id, date, exact, lang" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" 'site:"BBC News"'
expect_grep "not a host name" "$T/err"

# JSON (schema 2), TSV (author and site last) and --show carry them.
expect_exit 0 "$SRCH" -d "$T/idx" -f json -n 100 '*'
"$PY" - "$T/out" <<'PY' || fail "json fields"
import json, sys
hits = {h["id"]: h for h in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
assert all(h["schema"] == 3 for h in hits.values()), hits
want = {"bbc-1": ("Jane Doe", "www.bbc.co.uk"),
        "bbc-2": ("John Smith, Jane Doe", "news.bbc.co.uk"),
        "guard-1": ("Ann Smith", "www.theguardian.com"),
        "gov-1": ("", "www.gov.uk"), "long-1": ("", "www.example.org"),
        "file-1": ("Bo Lee and John Smith", "local.example.com"),
        "file-2": ("", "")}
for i, (author, site) in want.items():
    assert (hits[i]["author"], hits[i]["site"]) == (author, site), hits[i]
assert hits["bbc-1"]["url"] == "https://www.BBC.co.uk/news/business-1", hits["bbc-1"]
PY
expect_exit 0 "$SRCH" -d "$T/idx" -f tsv id:bbc-2
"$PY" - "$T/out" <<'PY' || fail "tsv columns: $(cat "$T/out")"
import sys
f = open(sys.argv[1], encoding="utf-8").read().rstrip("\n").split("\t")
assert len(f) == 13 and f[3] == "bbc-2", f
assert f[10:] == ["John Smith, Jane Doe", "news.bbc.co.uk", "en"], f
PY
expect_exit 0 "$SRCH" -d "$T/idx" --show file-1
expect_grep '^author Bo Lee and John Smith$' "$T/out"
expect_grep '^site local.example.com$' "$T/out"
expect_grep '^url http://user@Local.Example.COM:8080/oats$' "$T/out"
mkdir "$T/shown"
cp "$T/out" "$T/shown/file-1.txt"
expect_exit 0 "$SRCH" -d "$T/idx" --show file-2
grep -q '^author\|^site' "$T/out" && fail "--show of an article without author or site: $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/idx" --show guard-1 -f json
"$PY" -c 'import json, sys; a = json.load(open(sys.argv[1])); assert (a["author"], a["site"], a["lang"], a["schema"]) == ("Ann Smith", "www.theguardian.com", "en", 3), a' "$T/out" ||
    fail "--show -f json: $(cat "$T/out")"
# --show's text indexes back to the same fields.
expect_exit 0 "$IDX" -q -d "$T/idx2" "$T/shown"
expect_exit 0 "$SRCH" -d "$T/idx2" -o ids 'author:"bo lee" site:example.com'
[ "$(cat "$T/out")" = "file-1" ] || fail "--show output re-indexed: $(cat "$T/out")"
# --extract writes author and site, and its output indexes to the same
# fields as the files.
mkdir "$T/x"
expect_exit 0 "$IDX" --extract "$c"
mv "$T/out" "$T/x/all.jsonl"
grep -q '"author":"Bo Lee and John Smith","site":"local.example.com"' "$T/x/all.jsonl" ||
    fail "--extract without author and site: $(cat "$T/x/all.jsonl")"
expect_exit 0 "$IDX" -q -d "$T/idx3" "$T/x"
for q in author:smith site:uk site:theguardian.com "url:${long}y"; do
    "$SRCH" -d "$T/idx" -o ids -- "$q" | sort > "$T/a"
    "$SRCH" -d "$T/idx3" -o ids -- "$q" | sort > "$T/b"
    [ -s "$T/a" ] && cmp -s "$T/a" "$T/b" || fail "$q on --extract's output: $(cat "$T/b"), not $(cat "$T/a")"
done
