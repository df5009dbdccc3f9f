# Edited files (issue 21): a changed file is read again, but only its
# articles whose document would change are written; the others are
# counted "unchanged".  After each edit the index equals a clean build
# (tests/helpers/gz-dump: every stored field, and searches with scores).
. "$(dirname "$0")/lib.sh"

[ -x "$BIN/tests/gz-dump" ] || fail "tests/gz-dump is not built"
c="$T/c"
mkdir -p "$c/notes"
# 300 articles, each with a word of its own ("marker7", "marker123") in
# its body; article 150 (line 150) also says "marmalade".
"$PY" - "$c/a.jsonl" <<'PY'
import json, random, sys
rng = random.Random(206)
words = "tariff wheat oil budget senate border vote court trade steel farm".split()
with open(sys.argv[1], "w") as f:
    for i in range(1, 301):
        body = " ".join(rng.choice(words) for _ in range(12)) + " marker%d." % i
        if i == 150:
            body += " Marmalade exports fell."
        row = {"id": "g%03d" % i, "title": "Story %d" % i, "body": body,
               "source": "Wire"}
        if i % 7:
            row["date"] = "2020-%02d-%02d" % (1 + i % 12, 1 + i % 28)
        f.write(json.dumps(row) + "\n")
PY
printf 'date 2021-01-02\ntitle Quince harvest\n\nQuince growers met.\n' > "$c/notes/q.txt"
printf 'date 2021-01-03\ntitle Pear harvest\n\nPear growers met.\n' > "$c/notes/p.txt"

QUERIES="wheat marmalade quince title:story marker150 *"
clean_equal() {
    rm -rf "$T/clean"
    expect_exit 0 "$IDX" -q -d "$T/clean" "$c"
    # shellcheck disable=SC2086
    "$BIN/tests/gz-dump" "$T/idx" $QUERIES > "$T/inc.dump" || fail "gz-dump $T/idx"
    # shellcheck disable=SC2086
    "$BIN/tests/gz-dump" "$T/clean" $QUERIES > "$T/cln.dump" || fail "gz-dump $T/clean"
    cmp -s "$T/inc.dump" "$T/cln.dump" ||
        { diff "$T/cln.dump" "$T/inc.dump" | head -n 10 >&2; fail "$1: differs from a clean build"; }
}
hits() { "$SRCH" -d "$T/idx" -o count -- "$1" 2>/dev/null || true; }

expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "3 files (0 unchanged, 0 changed, 3 new, 0 vanished); 302 articles read (302 new), 0 deleted" "$T/err"

# One line in the middle edited: that article is replaced, and only it.
sed -i '150s/Marmalade/Zucchini/' "$c/a.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" --report "$T/report.json" "$c"
expect_grep "3 files (2 unchanged, 1 changed, 0 new, 0 vanished); 300 articles read (1 replaced, 299 unchanged), 0 deleted" "$T/err"
"$PY" -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert (r["articles"], r["added"], r["replaced"], r["articles_unchanged"]) == (300, 0, 1, 299), r' "$T/report.json" ||
    fail "--report does not count the unchanged articles"
[ "$(hits zucchini)" = 1 ] || fail "the edited article is not found by its new word"
[ "$(hits marmalade)" = 0 ] || fail "the edited article is still found by its old word"
clean_equal "one line edited"

# The file rewritten with its content unchanged: the crc says so, it is
# not read at all.
cp "$c/a.jsonl" "$T/copy" && touch -d '2001-01-01' "$T/copy" && cp -p "$T/copy" "$c/a.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "3 files (3 unchanged, 0 changed, 0 new, 0 vanished); 0 articles read, 0 deleted" "$T/err"

# Bytes changed but no article: a line's JSON spaced otherwise.
sed -i '20s/", "/","/g' "$c/a.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "(2 unchanged, 1 changed, 0 new, 0 vanished); 300 articles read (300 unchanged), 0 deleted" "$T/err"
clean_equal "one line respaced"

# A blank line inserted before line 100: the articles from there on keep
# their text but not their line, which the index stores: written again.
sed -i '100i\\' "$c/a.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "300 articles read (201 replaced, 99 unchanged), 0 deleted" "$T/err"
clean_equal "a blank line inserted"

# A line deleted and one appended: one deleted, one new, the rest moved.
sed -i '1d' "$c/a.jsonl"
echo '{"id": "g999", "title": "Late", "body": "Apricot."}' >> "$c/a.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "300 articles read (1 new, 299 replaced), 1 deleted" "$T/err"
clean_equal "a line deleted, one appended"

# An article file edited; another given blank space at its end, which
# its article does not keep.
printf 'date 2021-01-02\ntitle Quince harvest\n\nQuince growers left.\n' > "$c/notes/q.txt"
printf '\n\n' >> "$c/notes/p.txt"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "3 files (1 unchanged, 2 changed, 0 new, 0 vanished); 2 articles read (1 replaced, 1 unchanged), 0 deleted" "$T/err"
clean_equal "article files edited"
exit 0
