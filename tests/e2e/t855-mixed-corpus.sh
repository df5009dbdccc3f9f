# The bundled corpus's articles in other languages (corpus/world/, issue
# 22): each inflected form finds its article, in its own language, and no
# article of another language, among the 53 of every language; a two-
# character Chinese word inside a sentence is found; the language of each
# is the one declared, or the one its text is in (the German article file
# declares none); the English searches find what they found before.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$IDX" -q -d "$T/idx" "$TOP/corpus"

# only ID QUERY...: each QUERY finds ID and nothing else.
only() {
    id=$1
    shift
    for q in "$@"; do
        "$SRCH" -d "$T/idx" -o ids -n 100 --no-collapse -- "$q" > "$T/out" 2> "$T/err"
        [ "$(tr '\n' ' ' < "$T/out")" = "$id " ] ||
            fail "'$q': got '$(tr '\n' ' ' < "$T/out")', want '$id' ($(cat "$T/err"))"
    done
}

# German: plural and singular, umlaut or not, either way round.
only demo-2024-hafen-de Häfen Hafen Streiks Streik Hafenarbeiter
only demo-2024-zinsen-de Zinsen Leitzins Zinssenkungen
only nordkurier-2023-03-09-weizen Zölle Zoll Zöllen Weizen Bauern Bauer
# French.
only demo-2024-greve-fr grève grèves dockers agriculteur
only demo-2024-taux-fr banques banque 'taux directeurs'
only courrier-2022-02-03-boycott 'boycott diplomatique' gouvernements
# Spanish.
only demo-2024-huelga-es huelga huelgas puertos puerto estibadores estibador
# Chinese: words of two characters inside a sentence, and a phrase.
only demo-2024-bagong-zh 罢工 工人 码头 '"港口工人"'
only demo-2024-lilv-zh 利率 央行 降息
# Arabic: with and without the article, singular and plural.
only demo-2024-faida-ar الفائدة فائدة الإضراب الإضرابات البنك

# Each article's language: declared, or detected in the text.
expect_exit 0 "$SRCH" -d "$T/idx" -f json -n 100 'lang:de OR lang:fr OR lang:es OR lang:zh OR lang:ar'
"$PY" - "$T/out" <<'PY' || fail "languages"
import json, sys
got = {h["id"]: h["lang"] for h in map(json.loads, open(sys.argv[1]))}
want = {"demo-2024-hafen-de": "de", "demo-2024-zinsen-de": "de",
        "nordkurier-2023-03-09-weizen": "de", "demo-2024-greve-fr": "fr",
        "demo-2024-taux-fr": "fr", "courrier-2022-02-03-boycott": "fr",
        "demo-2024-huelga-es": "es", "demo-2024-bagong-zh": "zh",
        "demo-2024-lilv-zh": "zh", "demo-2024-faida-ar": "ar"}
assert got == want, got
PY
expect_exit 0 "$SRCH" -d "$T/idx" -o count lang:en
[ "$(cat "$T/out")" = 43 ] || fail "lang:en: $(cat "$T/out")"

# The English words still find the English articles only: "boycott" is
# French too, but the English articles are found as before, and --lang
# en keeps English.
expect_exit 0 "$SRCH" -d "$T/idx" -o ids -n 100 --lang en boycott
if grep -q courrier "$T/out"; then fail "--lang en: $(cat "$T/out")"; fi
expect_exit 0 "$SRCH" -d "$T/idx" -o ids -n 1 olympic boycott
expect_grep '^axios-2021-04-06-olympics-boycott$' "$T/out"
only https://harbortimes.example/2024/05/14/port-strike-ends dockworkers

# A short text in a script of one language declares none and is that
# language (detect.c rule 0): a Chinese headline, a Korean sentence; an
# English sentence quoting a Chinese word stays English.
mkdir "$T/short"
printf '%s\n' \
    '{"id": "s-zh", "date": "2024-05-15", "title": "港口工人结束罢工", "body": "码头恢复工作。"}' \
    '{"id": "s-ko", "date": "2024-05-15", "title": "", "body": "항구 노동자들이 파업을 끝냈다."}' \
    '{"id": "s-en", "date": "2024-05-15", "title": "", "body": "The strike, 罢工 in Chinese, ended on Wednesday after ten days."}' \
    > "$T/short/s.jsonl"
expect_exit 0 "$IDX" -q -d "$T/sidx" "$T/short"
expect_exit 0 "$SRCH" -d "$T/sidx" -f tsv -n 10 '*'
[ "$(awk -F'\t' '{ print $4, $NF }' "$T/out" | sort | tr '\n' ' ')" = \
  "s-en en s-ko ko s-zh zh " ] || fail "short texts: $(cat "$T/out")"
