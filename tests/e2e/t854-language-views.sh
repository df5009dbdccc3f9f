# What a hit shows is read in its article's language (issue 22), on
# tests/e2e/data/languages.jsonl: a German hit's snippet marks the German
# forms of the query's word ("Haus" marks "Häuser"), and an English hit's
# does not mark a German stem's spelling; --terms of German matches
# shows German words (as the hits write them) and none of German's stop
# words; --any leaves out a word in each language whose stop word it is:
# "die" is searched in English but not in German, and "the" not at all
# (no German article holds it); exact: and wildcards find the words as
# each language folds them (Spanish año), and an index whose default is
# Spanish folds the query as Spanish; --show writes the language, so
# what it writes indexes again in it.
. "$(dirname "$0")/lib.sh"

data="$TOP/tests/e2e/data/languages.jsonl"
[ -r "$data" ] || fail "no $data"
mkdir "$T/c"
cp "$data" "$T/c/"
expect_exit 0 "$IDX" -q -d "$T/idx" "$T/c"

# marks ID QUERY WANT...: the words marked in ID's snippet, in order.
marks() {
    id=$1 q=$2
    shift 2
    expect_exit 0 "$SRCH" -d "$T/idx" -f json -n 100 "$q"
    got=$("$PY" - "$T/out" "$id" <<'PY'
import json, sys
for h in map(json.loads, open(sys.argv[1])):
    if h["id"] == sys.argv[2]:
        s = h["snippet"].encode()
        print(" ".join(s[a:b].decode() for a, b in h["highlights"]))
PY
)
    [ "$got" = "$*" ] || fail "$q: $id marks '$got', want '$*'"
}

marks lang-de-1 'Haus' Häuser Haus Häuser
marks lang-de-1 'häusern' Häuser Haus Häuser
marks lang-fr-1 'maison' maisons maison maisons
marks lang-es-1 'casa' casas casa casas
marks lang-de-2 'zoll' Zölle Zoll
# "die" in both languages: each article marks its own sense only.
marks lang-en-1 'die' die
marks lang-de-2 'die' Die die
# An English hit of a word German also stems: "houses" marks English
# forms only.
marks lang-en-1 'houses' houses houses
# The colours of a terminal mark the same words.
expect_exit 0 "$SRCH" -d "$T/idx" --color=always 'Zoll'
got=$("$PY" -c 'import re, sys
print(" ".join(re.findall("\033\\[1;31m([^\033]*)", open(sys.argv[1]).read())))' "$T/out")
[ "$got" = "Zölle Zoll" ] || fail "colour marks '$got': $(cat -v "$T/out")"

# --terms: German words, as the hits write them (folded), and no German
# stop word, however often it occurs.
expect_exit 0 "$SRCH" -d "$T/idx" -f json --terms 40 'lang:de'
"$PY" - "$T/out" <<'PY' || fail "--terms of German hits"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
stems = {r["stem"]: r["term"] for r in rows}
assert stems.get("de:haus") in ("hauser", "haus"), stems
assert stems.get("de:kauf") == "kaufen", stems
for stem, term in stems.items():
    assert stem.startswith("de:"), (stem, term)
    assert ":" not in term, (stem, term)
for stop in ("die", "der", "und", "werden", "den", "das", "ist", "am",
             "auf", "gegen", "fur", "hat", "dass", "zu", "im", "ein"):
    assert stop not in stems.values(), (stop, stems)
PY

# --any: a stop word is left out in each language whose stop word it is.
any_explain() {
    expect_exit 0 "$SRCH" -d "$T/idx" --any --explain "$1"
    sed -n 's/^query:  //p' "$T/out"
}
got=$(any_explain 'die alten Häuser und der Markt')
[ "$got" = "OR(die, SYNONYM(alten, de:alt), SYNONYM(hauser, de:haus), und, der, SYNONYM(markt, de:markt))" ] ||
    fail "--any German stop words: $got"
got=$(any_explain 'the houses')
[ "$got" = "hous" ] || fail "--any 'the houses': $got"
expect_exit 0 "$SRCH" -d "$T/idx" --any --lang de --explain 'die alten Häuser und der Markt'
expect_grep '^query:  OR(de:alt, de:haus, de:markt)$' "$T/out"
# Nothing but stop words: all are kept, as in one language.
got=$(any_explain 'to be or not to be')
[ "$got" = "OR(to, be, or, not, to, be)" ] || fail "--any all stop words: $got"
# --any finds the German article by its words, stop words aside.
expect_exit 0 "$SRCH" -d "$T/idx" --any -o ids 'die alten Häuser'
[ "$(head -1 "$T/out")" = lang-de-1 ] || fail "--any German: $(cat "$T/out")"

# exact: and wildcards are the words as each language folds them: a
# Spanish article holds the word "año" (Spanish keeps ñ), which the
# default folding writes "ano"; a word's two spellings in a phrase are
# one position.
ids() {
    want=$1
    shift
    "$SRCH" -d "$1" -o ids -n 100 "$2" > "$T/out" 2> "$T/err"
    got=$(sort "$T/out" | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "$2: got '$got', want '$want' ($(cat "$T/err"))"
}
ids "lang-es-2 " "$T/idx" 'exact:año'
ids "" "$T/idx" 'exact:AÑO'
ids "lang-es-2 " "$T/idx" 'exact:"el año pasado"'
ids "lang-es-2 " "$T/idx" 'año*'
ids "lang-es-2 " "$T/idx" 'AÑO*'
ids "lang-es-2 " "$T/idx" 'title:año*'
ids "lang-de-1 " "$T/idx" 'exact:Häuser'
ids "" "$T/idx" 'exact:häuser'
ids "lang-tr-1 " "$T/idx" 'ılı*'
ids "" "$T/idx" 'ili*'
expect_exit 0 "$SRCH" -d "$T/idx" -f json 'año*'
expect_grep '"highlights":\[\[3,7\]\]' "$T/out"

# An index whose default language is not English folds a query as its
# articles: año in a Spanish index, by stem, exact and wildcard.
mkdir "$T/es"
printf '%s\n' '{"id": "es-1", "date": "2024-03-08", "title": "Impuestos", "body": "El año pasado subieron los impuestos."}' > "$T/es/a.jsonl"
expect_exit 0 "$IDX" -q --language spanish -d "$T/esidx" "$T/es"
for q in año AÑO 'exact:año' 'año*' 'exact:"el año pasado"'; do
    ids "es-1 " "$T/esidx" "$q"
done
ids "" "$T/esidx" 'ano'

# --show writes the language an article was indexed in (declared or
# detected) as a lang line, so the file it writes indexes again in it.
mkdir "$T/shown"
for id in lang-none-de lang-de-2 lang-en-1; do
    expect_exit 0 "$SRCH" -d "$T/idx" --show "$id"
    cp "$T/out" "$T/shown/$id.txt"
done
expect_grep '^lang de$' "$T/shown/lang-none-de.txt"
expect_grep '^lang de$' "$T/shown/lang-de-2.txt"
expect_grep '^lang en$' "$T/shown/lang-en-1.txt"
expect_exit 0 "$IDX" -q -d "$T/shownidx" "$T/shown"
expect_exit 0 "$SRCH" -d "$T/shownidx" -f tsv -n 10 '*'
[ "$(awk -F'\t' '{ print $4, $NF }' "$T/out" | sort | tr '\n' ' ')" = \
  "lang-de-2 de lang-en-1 en lang-none-de de " ] ||
    fail "--show, indexed again: $(cat "$T/out")"
ids "lang-none-de " "$T/shownidx" 'Unternehmens'
