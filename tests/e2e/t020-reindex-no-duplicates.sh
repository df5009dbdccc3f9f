# Indexing the same files again replaces articles by id: nothing doubles,
# and the results of a search are the same.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$IDX" -d "$T/idx" "$TOP/corpus"
first=$(sed -n 's/.*the index holds \([0-9]*\) articles.*/\1/p' "$T/err")
[ -n "$first" ] && [ "$first" -gt 30 ] || fail "odd article count '$first'"
"$SRCH" -d "$T/idx" --format json -n 100 --any interest rates > "$T/before" || fail "search"

expect_exit 0 "$IDX" -d "$T/idx" "$TOP/corpus"
expect_grep "the index holds $first articles" "$T/err"
"$SRCH" -d "$T/idx" --format json -n 100 --any interest rates > "$T/after" || fail "search"
cmp -s "$T/before" "$T/after" || fail "results differ after re-indexing"

# The same article named twice on one command line is one article.
expect_exit 0 "$IDX" -d "$T/idx2" "$TOP/corpus/axios-2021-04-06-olympics-boycott.txt" \
    "$TOP/corpus/axios-2021-04-06-olympics-boycott.txt"
expect_grep "2 articles from 2 files.*the index holds 1 articles" "$T/err"
exit 0
