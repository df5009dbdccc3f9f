# The ranking defaults (doc/DECISIONS.md "Ranking") on a tiny judged set:
# each query has one relevant article, and the defaults put it first where
# Xapian's defaults (k1=1, b=0.5, no stop list) do not.  One query guards
# the stop list, one the BM25 k1.  Also: stop words stay in the index
# (phrases), a query of stop words only still searches, --expand keeps the
# query's filters and never widens an all-words query.
. "$(dirname "$0")/lib.sh"

c="$T/c"; mkdir -p "$c"
art() {     # art DAY ID TITLE BODY
    printf 'date 2020-01-0%s\ntitle %s\nid %s\n\n%s\n' "$1" "$3" "$2" "$4" > "$c/$2.txt"
}
art 1 rel-tariffs "Farm incomes" \
    "Tariffs cut farm incomes: soybean growers lost export sales."
art 2 chatter "What is on the agenda" \
    "What is the plan? It is what it is: the plan of the day is on the table and the agenda of the week is on the wall, with what is left of the month."
art 3 harbour "Harbour news" "The harbour opened a new pier for the ferries of the island."
art 4 rail "Rail strike" "The strike of the rail workers closed the lines of the north."
art 5 wheat "Wheat prices" "Wheat prices rose on the news of the drought in the plains."
art 6 budget "Budget vote" "The budget vote of the council is due on the first of the month."
art 7 rel-pangolin "Customs seize pangolin scales" \
    "Customs officers seized pangolin scales at the port. The pangolin trade is banned, yet smuggling goes on: smuggling gangs move pangolin scales through three countries, and officials say the smuggling of pangolin meat is growing."
art 8 roundup "Weekend roundup" \
    "Police broke up a ring of bicycle thieves. A cigarette smuggling case went to court. The zoo welcomed a baby pangolin. The mayor opened a park."
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"

q_stop="What is the effect of the tariffs on the farms?"   # relevant: rel-tariffs
q_k1="pangolin smuggling ring"                            # relevant: rel-pangolin

# first ENV QUERY [OPTIONS...]: the id ranked first with GAZETTE_RANKING=ENV.
first() {
    env=$1 q=$2; shift 2
    GAZETTE_RANKING=$env "$SRCH" -d "$T/idx" --any -o ids -n 1 "$@" -- "$q"
}

[ "$(first "" "$q_stop")" = rel-tariffs ] || fail "defaults: '$q_stop' -> $(first "" "$q_stop")"
[ "$(first "" "$q_k1")" = rel-pangolin ] || fail "defaults: '$q_k1' -> $(first "" "$q_k1")"

# Xapian's defaults miss both.
untuned="k1=1,b=0.5,stopwords=0"
[ "$(first "$untuned" "$q_stop")" = chatter ] || fail "untuned stop query: $(first "$untuned" "$q_stop")"
[ "$(first "$untuned" "$q_k1")" = roundup ] || fail "untuned k1 query: $(first "$untuned" "$q_k1")"
# Each default matters on its own: without the stop list "what is the ...
# of the ... on the" finds the chatter; with k1=1 (or the common 1.2) a
# passing mention of every word beats the article about them.
[ "$(first stopwords=0 "$q_stop")" = chatter ] || fail "stop list is not what decides"
[ "$(first "" "$q_k1" --bm25 1,0.5)" = roundup ] || fail "k1 is not what decides (1,0.5)"
[ "$(first "" "$q_k1" --bm25 1.2,0.75)" = roundup ] || fail "k1 is not what decides (1.2,0.75)"

# The stop words were only left out of the query: phrases of them match.
expect_exit 0 "$SRCH" -d "$T/idx" -o ids '"the plan of the day"'
[ "$(cat "$T/out")" = chatter ] || fail "phrase of stop words: $(cat "$T/out")"
# A query of stop words only keeps them.
expect_exit 0 "$SRCH" -d "$T/idx" --any -o ids -n 1 -- "what is it"
[ "$(cat "$T/out")" = chatter ] || fail "stop words only: $(cat "$T/out")"
# --explain shows what --any searches for.
expect_exit 0 "$SRCH" -d "$T/idx" --any --explain -- "$q_stop"
expect_grep '^query:  OR(effect, tariff, farm)$' "$T/out"

# --expand: the relevant article stays first, the date filter still holds,
# and an all-words query finds the same articles (only their order may move).
[ "$(first "" "$q_k1" --expand)" = rel-pangolin ] || fail "--expand: $(first "" "$q_k1" --expand)"
expect_exit 0 "$SRCH" -d "$T/idx" --any --expand --since 2020-01-07 -o ids -n 100 -- "$q_k1 tariffs"
[ "$(sort "$T/out" | tr '\n' ' ')" = "rel-pangolin roundup " ] ||
    fail "--expand broke the date filter: $(tr '\n' ' ' < "$T/out")"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids -n 100 -- the
sort "$T/out" > "$T/plain"
expect_exit 0 "$SRCH" -d "$T/idx" --expand -o ids -n 100 -- the
sort "$T/out" | cmp -s - "$T/plain" || fail "--expand widened an all-words query"

# Bad knobs are errors, not silently ignored.
expect_exit 2 "$SRCH" -d "$T/idx" --bm25 1.2 -- x
expect_grep 'is not K1,B' "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --bm25 0,0.5 -- x
expect_exit 2 env GAZETTE_RANKING=k2=1 "$SRCH" -d "$T/idx" -- x
expect_grep 'GAZETTE_RANKING' "$T/err"
exit 0
