# Boosts (word^N, "a b"^N, title:x^N, (...)^N) change the order of the
# hits, never their set; grouping in a field (title:(a OR b),
# source:("a b" OR c)) gives each word or phrase inside the field; NEAR
# between phrases is refused (issue 18).
. "$(dirname "$0")/lib.sh"

c="$T/c"; mkdir -p "$c"
# Same length, same date: one is strong in apple, the other in banana.
printf 'date 2020-01-01\ntitle note one\nsource Fox News\nid strong-apple\n\napple apple apple apple banana\n' > "$c/a.txt"
printf 'date 2020-01-01\ntitle note two\nsource Reuters\nid strong-banana\n\napple banana banana banana banana\n' > "$c/b.txt"
# Articles without either word, so that both have a weight (an IDF).
for i in 1 2 3 4; do
    printf 'date 2020-01-0%s\ntitle other %s\nsource Daily Planet\nid other-%s\n\ncherry plum grape fig\n' "$i" "$i" "$i" > "$c/o$i.txt"
done
printf 'date 2020-02-01\ntitle Tariff talk\nsource Daily Planet\nid t-tariff\n\nsteel tariffs and plum prices\n' > "$c/t1.txt"
printf 'date 2020-02-02\ntitle Trade war\nsource Reuters\nid t-trade\n\nthe plum trade and fig tariffs\n' > "$c/t2.txt"
printf 'date 2020-02-03\ntitle Harvest\nsource Fox News\nid t-none\n\ntariff on trade of figs\n' > "$c/t3.txt"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"

# run QUERY: its ids in rank order in $got (space-separated), and sorted
# (a set) in $set; exit 0 or 1 (no hit) only.
run() {
    "$SRCH" -d "$T/idx" -o ids --no-collapse -n 100 -- "$1" > "$T/out" 2> "$T/err"
    rc=$?
    [ $rc -le 1 ] || fail "'$1': exit $rc: $(cat "$T/err")"
    got=$(tr '\n' ' ' < "$T/out")
    set=$(sort "$T/out" | tr '\n' ' ')
}

# set_is QUERY IDS: QUERY finds the articles IDS (sorted, space-separated).
set_is() {
    run "$1"
    [ "$set" = "$2 " ] || fail "'$1' found: $set, not $2"
}

# --- Boosts: the order follows the boosted word, the set does not move.
run 'apple banana'; plain=$set
run 'apple^10 banana'
[ "$got" = "strong-apple strong-banana " ] || fail "'apple^10 banana': $got"
run 'apple banana^10'
[ "$got" = "strong-banana strong-apple " ] || fail "'apple banana^10': $got"
for q in 'apple^0.5 banana' '(apple OR banana)^3' 'apple^1000 banana^0.001'; do
    run "$q"
    [ "$set" = "$plain" ] || fail "'$q' found another set: $set (plain: $plain)"
done
# In an OR: the boosted alternative first, the set unchanged.
run 'apple OR banana OR fig'; plain=$set
run 'apple^5 OR banana OR fig'
[ "$set" = "$plain" ] || fail "'apple^5 OR banana OR fig': $set, not $plain"
[ "${got%% *}" = strong-apple ] || fail "'apple^5 OR banana OR fig': $got"
run 'apple OR banana^5 OR fig'
[ "${got%% *}" = strong-banana ] || fail "'apple OR banana^5 OR fig': $got"
# A phrase, a title word and a field group take boosts too.
run 'title:plum^2 OR "steel tariffs"^50 OR fig'
[ "${got%% *}" = t-tariff ] || fail "'\"steel tariffs\"^50' not first: $got"
run 'plum OR title:(harvest OR fog)^100'
[ "${got%% *}" = t-none ] || fail "'title:(harvest OR fog)^100' not first: $got"
# --explain shows the boost, in Gazette's parse and in Xapian's.
expect_exit 0 "$SRCH" -d "$T/idx" --explain -- 'apple banana^10 "a b"^1.5'
expect_grep 'query:  AND(appl, banana^10, PHRASE(a, b)^1.5)' "$T/out"
expect_grep '10 \* banana' "$T/out"
# With --any '^' separates words, as any punctuation.
expect_exit 0 "$SRCH" -d "$T/idx" --any --explain -- 'apple^10'
expect_grep 'query:  OR(appl, 10)' "$T/out"

# --- Grouping in a field: each word or phrase inside takes the field.
set_is 'title:(tariff OR trade)' 't-tariff t-trade'
set_is 'title:(trade war)' 't-trade'
set_is 'title:((tariff OR trade) -war)' 't-tariff'
set_is 'tariff -title:(tariff OR trade)' 't-none'
set_is 'title:("trade war" OR (tariff talk))' 't-tariff t-trade'
set_is 'tariff source:("Fox News" OR Reuters)' 't-none t-trade'
set_is 'id:(t-none OR strong-apple)' 'strong-apple t-none'
set_is 'fig date:(2020-01-01 OR 2020-02)' 'other-1 t-none t-trade'
exit 0
