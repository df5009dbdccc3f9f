# A stop list per language (issue 22): an index made with --language
# german leaves German stop words out of --any queries and out of
# --terms, and keeps English ones; an English index is as before
# (English stop words out, German ones kept).
. "$(dirname "$0")/lib.sh"

cat > "$T/de.jsonl" <<'JSON'
{"id": "de-haus", "date": "2024-05-01", "title": "Das Haus am See", "body": "Das Haus steht am See. Im Garten wachsen Rosen, und das Haus ist alt."}
{"id": "de-der", "date": "2024-05-02", "title": "Der Hund", "body": "Der Hund der Nachbarn und der Ball der Kinder: der Park der Stadt, der Weg der Leute."}
{"id": "de-markt", "date": "2024-05-03", "title": "Markt in Berlin", "body": "Auf dem Markt in Berlin kaufen die Leute Obst und Gemüse. The house of the people."}
JSON
expect_exit 0 "$IDX" -q --language german -d "$T/de" "$T/de.jsonl"
# The same articles declared English: what an English index's stop list
# does, not what detection reads in German text.
sed 's/^{/{"lang": "en", /' "$T/de.jsonl" > "$T/en.jsonl"
expect_exit 0 "$IDX" -q -d "$T/en" "$T/en.jsonl"

# explains INDEX "QUERY" "WANT": --any QUERY on INDEX parses as WANT.
explains() {
    expect_exit 0 "$SRCH" -d "$T/$1" --any --explain "$2"
    got=$(sed -n 's/^query: *//p' "$T/out")
    [ "$got" = "$3" ] || fail "$1 index, --any '$2': query '$got', want '$3'"
}

# German: "der" is a stop word, "the" is not.
explains de "der Haus" "haus"
explains de "the Haus" "OR(the, haus)"
explains de "Häuser für die Kinder" "OR(haus, kind)"
# English, as before: "the" is a stop word, "der" is not.
explains en "der Haus" "OR(der, haus)"
explains en "the house" "hous"
# Stop words only: kept, in either language.
explains de "der die das" "OR(der, die, das)"

# The article full of "der" matches on the English index only.
expect_exit 0 "$SRCH" -d "$T/de" --any -o ids der Haus
[ "$(cat "$T/out")" = "de-haus" ] || fail "German --any der Haus: $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/en" --any -o ids der Haus
[ "$(sort "$T/out" | tr '\n' ' ')" = "de-der de-haus " ] ||
    fail "English --any der Haus: $(cat "$T/out")"
# All-words queries keep every word in both.
expect_exit 0 "$SRCH" -d "$T/de" -o ids der Hund
[ "$(cat "$T/out")" = "de-der" ] || fail "German der Hund: $(cat "$T/out")"

# --terms leaves out the stop words of the index's language.
expect_exit 0 "$SRCH" -d "$T/de" --terms 20 leute
grep -Eq '^(der|die|dem|auf|und) ' "$T/out" && fail "German --terms lists a stop word: $(cat "$T/out")"
grep -q '^the ' "$T/out" || fail "German --terms leaves out 'the': $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/en" --terms 20 leute
grep -q '^der ' "$T/out" || fail "English --terms leaves out 'der': $(cat "$T/out")"
grep -Eq '^(the|of) ' "$T/out" && fail "English --terms lists a stop word: $(cat "$T/out")"
exit 0
