# A declared language that names none (issue 22): in an article file's
# "lang" line and a JSON line's "lang" member it is a warning naming the
# file and line and the value, like a bad date, and the article is still
# indexed (exit 0, as for other warnings); "und" and "" say none without a
# word; a page's junk tags are ignored silently.  --extract carries the
# declared code through.
. "$(dirname "$0")/lib.sh"

c="$T/corpus"
mkdir -p "$c"
printf 'date 2021-04-06\ntitle Haus\nlang de-AT\n\nDie Aardvarkhaeuser.\n' > "$c/de.txt"
printf 'date 2021-04-06\ntitle Qapla\nlang tlhIngan Hol\n\nThe batleth word.\n' > "$c/bad.txt"
printf 'lang und\ndate 2021-04-06\n\nThe undetermined gnu.\n' > "$c/und.txt"
printf 'date 2021-02-30\ntitle Bad day\n\nThe impossible ibex.\n' > "$c/baddate.txt"
printf '%s\n' \
    '{"id":"j1","date":"2021-04-06","lang":"de","body":"Der Dachs."}' \
    '{"id":"j2","date":"2021-04-06","lang":"klingon!","body":"The targ."}' \
    '{"id":"j3","date":"2021-04-06","lang":"und","body":"The okapi."}' \
    '{"id":"j4","date":"2021-04-06","language":"pt_BR","lang":"","body":"O tatu."}' \
    > "$c/lines.jsonl"
printf '<html lang="!!"><head><meta http-equiv="Content-Language" content="*">
<meta name="date" content="2021-04-06"><title>Page</title></head>
<body><p>The page of the junk tags and the quagga.</p></body></html>\n' > "$c/page.html"

expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "warning: .*/bad.txt:3: invalid language 'tlhIngan Hol'" "$T/err"
expect_grep "warning: .*/lines.jsonl:2: invalid language 'klingon!'" "$T/err"
expect_grep "warning: .*/baddate.txt:1: .*2021-02-30" "$T/err"
[ "$(grep -c 'language' "$T/err")" = 2 ] ||
    fail "expected two language warnings: $(cat "$T/err")"
expect_grep "0 rejected, 3 warnings" "$T/err"
expect_grep "the index holds 9 articles" "$T/err"

# Every article is indexed, the ones with a bad tag included.
for w in aardvarkhaeuser batleth gnu ibex dachs targ okapi tatu quagga; do
    expect_exit 0 "$SRCH" -d "$T/idx" "$w"
done
# --extract writes the declared code ("lang", last, only when there is
# one), and its output reads back to the same languages.
expect_exit 0 "$IDX" --extract "$c"
cp "$T/out" "$T/x.jsonl"
"$PY" - "$T/x.jsonl" <<'PY' || fail "--extract's languages: $(cat "$T/x.jsonl")"
import json, sys
got = {}
for line in open(sys.argv[1], encoding="utf-8"):
    j = json.loads(line)
    got[j["id"]] = j.get("lang")
    assert list(j)[-1] == "lang" or "lang" not in j, j
want = {"de": "de", "bad": None, "und": None, "baddate": None, "j1": "de",
        "j2": None, "j3": None, "j4": "pt"}
for k, v in want.items():
    assert got[k] == v, (k, got[k], v)
PY
expect_exit 0 "$IDX" --extract "$T/x.jsonl"
"$PY" -c 'import json, sys
a = [json.loads(l).get("lang") for l in open(sys.argv[1])]
b = [json.loads(l).get("lang") for l in open(sys.argv[2])]
assert a == b, (a, b)' "$T/x.jsonl" "$T/out" || fail "languages lost on reading --extract's output"
exit 0
