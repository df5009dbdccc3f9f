# An index left by a Gazette of an older schema (5: every article stemmed
# in the index's one language, no lang: term, Chinese, Japanese, Korean and
# Thai text as one word a run, not bigrams; 4: no author, site or url
# terms, so author: would find nothing; 3: accents not folded, so "cafe"
# would not find its café; 2: no order slot) is refused by both
# programs with the way out, and that way out (--rebuild) works on it: the
# rebuilt index is searched again, its ties are broken by date then id,
# "cafe" finds the café and author: its author.  (The index is made by
# this Gazette and only marked 5, so the rebuild is checked to swap a new generation in, not to
# add the values.)
. "$(dirname "$0")/lib.sh"

# ties_by_date_then_id WHEN: the three equal hits, newest first, then by id.
ties_by_date_then_id() {
    expect_exit 0 "$SRCH" -d "$T/idx" -o ids boycott
    [ "$(tr '\n' ' ' < "$T/out")" = "tie-n tie-a tie-c " ] ||
        fail "ties $1: $(tr '\n' ' ' < "$T/out")"
}

mkdir "$T/ties"
# Equal weights, other words (the same words would be one story).
printf 'date 2021-04-06\ntitle One\nid tie-c\nauthor Jane Doe\n\nA boycott of wheat.\n' > "$T/ties/1.txt"
printf 'date 2021-04-06\ntitle Two\nid tie-a\n\nA boycott of corn.\n' > "$T/ties/2.txt"
printf 'date 2022-01-01\ntitle Six\nid tie-n\n\nA boycott of rice.\n' > "$T/ties/3.txt"
printf 'date 2020-01-01\ntitle Caf\303\251\nid cafe\n\nA caf\303\251 menu.\n' > "$T/ties/4.txt"
expect_exit 0 "$IDX" -q -d "$T/idx" "$T/ties"
for old in 2 3 4 5; do
    expect_exit 0 "$BIN/tests/gz-set-meta" "$T/idx" gazette.schema $old
    expect_exit 2 "$SRCH" -d "$T/idx" boycott
    expect_grep "index schema $old, this Gazette reads schema 6" "$T/err"
    expect_grep "gazette-index --rebuild" "$T/err"
done
# An incremental run (cron) fails the same way, and changes nothing.
expect_exit 2 "$IDX" -q -d "$T/idx" "$T/ties"
expect_grep "index schema 5" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" author:doe
expect_grep "index schema 5" "$T/err"
expect_grep "gazette-index --rebuild" "$T/err"

expect_exit 0 "$IDX" -q --rebuild -d "$T/idx" "$T/ties"
ties_by_date_then_id "after the rebuild"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids cafe
[ "$(cat "$T/out")" = "cafe" ] || fail "cafe after the rebuild: $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids 'author:"jane doe"'
[ "$(cat "$T/out")" = "tie-c" ] || fail "author: after the rebuild: $(cat "$T/out")"
expect_exit 0 "$IDX" -q -d "$T/idx" "$T/ties"

# --rebuild is also how an index changes its stemmer language; any other
# run keeps the index's and refuses another.
expect_exit 0 "$IDX" -q --rebuild --language french -d "$T/idx" "$T/ties"
expect_exit 2 "$IDX" -q --language english -d "$T/idx" "$T/ties"
expect_grep "built with the 'french' stemmer" "$T/err"
expect_exit 0 "$IDX" -q -d "$T/idx" "$T/ties"
ties_by_date_then_id "after --rebuild --language french"
