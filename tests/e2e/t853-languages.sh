# Each article stemmed in its language (issue 22, schema 6), end to end on
# tests/e2e/data/languages.jsonl (German, French, Spanish and English
# articles declaring their language in JSON Lines' "lang"; one declares
# none and takes the index's, English): lang:de finds the German ones
# (de-AT is German), JSON and TSV say each article's language, and the
# English articles are indexed as an English-only index indexes them (an
# English index holds the English stems unprefixed and the others'
# behind their code).  A query word is looked for in each language of the
# index that holds its stem: each inflected form finds its article in its
# language and not in the others; --lang narrows the languages; phrases
# and NEAR stay within one language; an index of one language runs the
# query it always did (--explain).
. "$(dirname "$0")/lib.sh"

data="$TOP/tests/e2e/data/languages.jsonl"
[ -r "$data" ] || fail "no $data"
mkdir "$T/c"
cp "$data" "$T/c/"
expect_exit 0 "$IDX" -q -d "$T/idx" "$T/c"

# ids EXPECTED ARGS...: the sorted ids a search finds.
ids() {
    want=$1
    shift
    "$SRCH" -d "$T/idx" -o ids -n 100 "$@" > "$T/out" 2> "$T/err"
    got=$(sort "$T/out" | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "$*: got '$got', want '$want' ($(cat "$T/err"))"
}

# lang: is a filter on the decided language, written any way a language
# is named.
ids "lang-de-1 lang-de-2 lang-none-de " 'lang:de'
ids "lang-de-1 lang-de-2 lang-none-de " 'lang:DE'
ids "lang-de-1 lang-de-2 lang-none-de " 'lang:german'
ids "lang-fr-1 " 'lang:fr'
ids "lang-en-1 lang-none-1 " 'lang:en'
ids "" 'lang:pt'
ids "lang-de-2 " 'lang:de' 'date:2024-03-05'
expect_exit 2 "$SRCH" -d "$T/idx" 'lang:x-klingon'
expect_grep "not a language after 'lang:'" "$T/err"

# An English word finds the English articles only: German "Haus" is not
# English; an inflected form finds its article in its own language.
ids "lang-en-1 lang-none-1 " 'tariffs OR houses'
ids "lang-de-1 " 'Häuser'
ids "lang-de-1 " 'Haus'
ids "lang-fr-1 " 'maisons'
ids "lang-fr-1 " 'maison'
ids "lang-es-1 " 'casas'
ids "lang-de-2 " 'Zoll'
# German "die" is not English "die": both are asked, each in its own
# language; --lang and lang: keep one.
ids "lang-de-1 lang-de-2 lang-en-1 lang-none-de " 'die'
ids "lang-en-1 " --lang en 'die'
ids "lang-de-1 lang-de-2 lang-none-de " --lang german 'die'
ids "lang-de-1 lang-de-2 lang-none-de " 'lang:de die'
ids "lang-fr-1 " --lang de,fr 'maisons'
ids "" --lang de 'maisons'
# An article that declares no language is stemmed in the one its text
# is in (detect.c): German, so Unternehmens finds its Unternehmen; the
# English one that declares none stays English (lang:en above).
ids "lang-none-de " 'Unternehmens'
ids "lang-none-de " 'lang:de Steuer'
# A query word is folded as each language folds it: Spanish keeps ñ
# (año is not ano), Turkish keeps dotless ı (ılık is not ilik).
ids "lang-es-2 " 'año'
ids "lang-es-2 " 'AÑO'
ids "" 'ano'
ids "lang-tr-1 " 'ılık'
ids "" 'ilik'
expect_exit 2 "$SRCH" -d "$T/idx" --lang de,x-klingon Haus
expect_grep "names no language" "$T/err"
# A phrase, NEAR and title: in one language.
ids "lang-de-1 " '"alten Häuser"'
ids "" '"old Häuser"'
ids "lang-de-2 " 'Zölle NEAR/3 Weizen'
ids "lang-de-1 " 'title:Häuser'
ids "lang-fr-1 " 'title:maisons'
# The query names the word once: SYNONYM over the languages holding it.
expect_exit 0 "$SRCH" -d "$T/idx" --explain 'die'
expect_grep 'SYNONYM(die, de:die)' "$T/out"

# An index of one language: the query it always was (no SYNONYM), even
# where another language would stem the word.
mkdir "$T/en"
grep -e '"lang-en-1"' -e '"lang-none-1"' "$data" > "$T/en/en.jsonl"
expect_exit 0 "$IDX" -q -d "$T/enidx" "$T/en"
expect_exit 0 "$SRCH" -d "$T/enidx" --explain 'die "old houses" Häuser NEAR/3 old'
if grep -q SYNONYM "$T/out"; then fail "one language, yet: $(cat "$T/out")"; fi

# JSON and TSV carry the language.
expect_exit 0 "$SRCH" -d "$T/idx" -f json -n 100 'lang:de OR lang:es OR lang:en'
"$PY" - "$T/out" <<'PY' || fail "json lang"
import json, sys
got = {h["id"]: h["lang"] for h in map(json.loads, open(sys.argv[1]))}
want = {"lang-de-1": "de", "lang-de-2": "de", "lang-es-1": "es",
        "lang-en-1": "en", "lang-none-1": "en", "lang-none-de": "de",
        "lang-es-2": "es"}
assert got == want, got
PY
expect_exit 0 "$SRCH" -d "$T/idx" -f tsv 'lang:fr'
[ "$(awk -F'\t' '{ print $4, $NF }' "$T/out")" = "lang-fr-1 fr" ] ||
    fail "tsv lang: $(cat "$T/out")"

# The index: English stems as an English-only index writes them, the
# others' prefixed (title ones too), one L term per article.
if command -v xapian-delve >/dev/null; then
    xapian-delve -a -1 "$T/idx/"*/ > "$T/terms" 2>/dev/null ||
        xapian-delve -a -1 "$T/idx" > "$T/terms" 2> "$T/err" ||
        fail "xapian-delve: $(cat "$T/err")"
    for t in hous de:haus fr:maison es:cas Len Lde Lfr Les Sde:haus Shous \
             Whauser; do
        grep -qx "$t" "$T/terms" || fail "no term $t"
    done
    for t in haus Lat Lde-at; do
        if grep -qx "$t" "$T/terms"; then fail "term $t"; fi
    done
else
    echo "note: no xapian-delve (xapian-tools): the terms are not listed"
fi
