# The ranking signals of issue 20 (RANKING.md, doc/DECISIONS.md "Ranking
# across collections"), each seen to act and to keep its promise:
# - automatic feedback: a natural-language (--any) query whose first hits
#   match it well gets the feedback terms, which only reorder: the hits are
#   the same set as --no-expand's, with other scores; with first hits that
#   match less of it than expand_min_match says, none; --expand still widens; an all-words
#   query gets none unless asked;
# - proximity (GAZETTE_RANKING=proximity=W): words side by side in the
#   query that stand close in an article lift it, and never change the set;
# - the length settings change scores; a bad setting is an error.
. "$(dirname "$0")/lib.sh"

c="$T/c"; mkdir -p "$c"
art() {     # art DAY ID TITLE BODY
    printf 'date 2020-01-%02d\ntitle %s\nid %s\n\n%s\n' "$1" "$3" "$2" "$4" > "$c/$2.txt"
}
art 1 games-1 "Beijing games open" \
    "Beijing opened the winter olympics: skating and skiing crowds filled the olympics venues of Beijing."
art 2 games-2 "Skating gold" \
    "Skating and skiing finals at the Beijing olympics drew the largest crowds of the olympics."
art 3 slopes "Snow report" \
    "Skiing and skating clubs report deep snow; skiing lessons and skating rinks are full."
art 4 near-1 "Talks" \
    "Trade war fears grew as ministers met. Markets fell. Farmers waited for news of the weather and the harvest."
art 5 near-2 "Talks" \
    "Trade fears grew as ministers met. Markets fell. Farmers waited for news of the weather and the long war."
for i in 10 11 12 13 14 15; do
    art "$i" "filler-$i" "Council notes $i" \
        "The council met on day $i to discuss roads, parks, harbour fees and the library budget."
done
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"

# hits QUERY [OPTIONS...]: "id score" lines of the matches (--any), sorted.
hits() {
    q=$1; shift
    "$SRCH" -d "$T/idx" --any --format tsv -n 100 "$@" -- "$q" |
        awk -F'\t' '{ print $4, $2 }' | sort
}
ids() { cut -d' ' -f1; }

# Automatic feedback: the same set as without it, other scores.
q="beijing olympics"
auto=$(hits "$q") never=$(hits "$q" --no-expand)
[ "$(echo "$auto" | ids)" = "$(echo "$never" | ids)" ] ||
    fail "automatic feedback changed the set: $(echo "$auto" | ids | tr '\n' ' ')"
[ "$auto" != "$never" ] || fail "no automatic feedback for '$q': the scores are --no-expand's"
# Asked for, feedback widens an --any query: the skiing article joins.
echo "$(hits "$q" --expand)" | ids | grep -qx slopes ||
    fail "--expand did not widen '$q'"
echo "$auto" | ids | grep -qx slopes && fail "automatic feedback widened '$q'"
# The rule: the first hits' mean weight against the most the query could
# give (here about 0.75): at 0.95 they match too little for feedback.
[ "$(GAZETTE_RANKING=expand_min_match=0.95 hits "$q")" = "$never" ] ||
    fail "feedback from first hits that match too little (0.95)"
[ "$(GAZETTE_RANKING=expand_min_match=0.5 hits "$q")" = "$auto" ] ||
    fail "no feedback at 0.5"
# ... nor does anything with expand_min_match=0, or an all-words query.
[ "$(GAZETTE_RANKING=expand_min_match=0 hits "$q")" = "$never" ] ||
    fail "expand_min_match=0 still gave feedback"
all_words() { "$SRCH" -d "$T/idx" --format tsv -n 100 "$@" -- "$q" | cut -f2,4; }
[ "$(all_words)" = "$(all_words --no-expand)" ] || fail "feedback on an all-words query"

# Proximity: near-1 and near-2 hold the same words as often, in articles of
# one length; near-2 is newer, so it wins the tie, until "trade war" side
# by side counts.
first() { "$SRCH" -d "$T/idx" --any --no-expand -o ids -n 1 -- "$1"; }
[ "$(first "trade war")" = near-2 ] || fail "the tie: $(first "trade war")"
[ "$(GAZETTE_RANKING=proximity=0.5 first "trade war")" = near-1 ] ||
    fail "proximity did not lift the article where 'trade war' stands together"
[ "$(GAZETTE_RANKING=proximity=0.5,proximity_window=2 first "war trade")" = near-1 ] ||
    fail "proximity: either order"
[ "$(GAZETTE_RANKING=proximity=0.5 hits "trade war" | ids)" = "$(hits "trade war" | ids)" ] ||
    fail "proximity changed the set"
# A word between the two breaks no pair of the window, one of another field
# does: "trade title:war" has no pair.
expect_exit 0 env GAZETTE_RANKING=proximity=0.5 "$SRCH" -d "$T/idx" -o ids -n 1 -- 'trade war'
[ "$(cat "$T/out")" = near-1 ] || fail "proximity in an all-words query: $(cat "$T/out")"

# The length settings act.
[ "$(GAZETTE_RANKING=bm25plus=1 hits "$q")" != "$never" ] || fail "bm25plus changed nothing"
[ "$(GAZETTE_RANKING=min_normlen=1,expand=-1 hits skating)" != "$(hits skating --no-expand)" ] ||
    fail "min_normlen changed nothing"

# Bad settings are errors, not silently ignored.
for bad in proximity=11 proximity=-1 proximity_window=1 proximity_window=2.5 \
           min_normlen=0 bm25plus=11 expand=2 expand_min_match=1.5 expand_docs=2.5; do
    expect_exit 2 env GAZETTE_RANKING=$bad "$SRCH" -d "$T/idx" -- x
    expect_grep "GAZETTE_RANKING: '$bad'" "$T/err"
done
expect_exit 2 "$SRCH" -d "$T/idx" --no-expand=1 -- x
exit 0
