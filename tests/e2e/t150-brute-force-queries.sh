# gazette-search returns exactly the ids that a brute-force scan of the
# shared corpus's JSON Lines gives, for phrase, NOT, OR, field, date and NEAR
# queries.  bruteforce.py re-does the word rules in plain Python (unicodedata,
# the pure-Python Snowball stemmer), so a bug in tokenize.c, stem.c,
# schema.c, query.c or the Xapian wrapper shows up as a difference.
. "$(dirname "$0")/lib.sh"
need_shared

C="$SHARED/corpus"
shared_index
cat "$T/err"
expect_grep ' 0 rejected, 0 warnings' "$T/err"
expect_grep 'the index holds 28789 articles' "$T/err"

"$PY" "$(dirname "$0")/bruteforce.py" "$C" "$SRCH" "$SIDX" ||
    fail "gazette-search and the brute-force scan disagree (see above)"
exit 0
