# Prefix wildcards and exact words (issue 18; doc/DECISIONS.md "Wildcards
# and exact words"): word*, title:word*, exact:word and exact:"a phrase"
# with smart case, over a corpus small enough to know every answer.
. "$(dirname "$0")/lib.sh"

c="$T/corpus"
mkdir -p "$c"
printf 'date 2021-04-06\ntitle Immigration reform\nid nd\n\nThe New Deal changed the US economy.\n' > "$c/1.txt"
printf 'date 2021-04-07\ntitle Trade talks\nid deal\n\nWe want a new deal for us, said the immigrant.\n' > "$c/2.txt"
printf 'date 2021-04-08\ntitle Senate vote\nid presided\n\nThe senator presided over the vote in 1987.\n' > "$c/3.txt"
printf 'date 2021-04-09\ntitle Election night\nid president\n\nThe president spoke about immigrants and Café Society.\n' > "$c/4.txt"
printf 'date 2021-04-10\ntitle Immigrants arrive\nid abc\n\nFamilies arrive in 1988 at the border.\n' > "$c/5.txt"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"

# ids QUERY... -- EXPECTED: the sorted ids QUERY finds.
ids() {
    want=$1
    shift
    "$SRCH" -d "$T/idx" -o ids -n 100 -- "$@" > "$T/out" 2> "$T/err"
    got=$(sort "$T/out" | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "$*: got '$got', want '$want' ($(cat "$T/err"))"
}

# A prefix matches the words that start with it, not the stems: the stem
# of "immigration" is "immigr", of "immigrants" "immigr" too.
ids "abc deal nd president " 'immigra*'
ids "abc deal president " 'immigrant*'
ids "abc nd " 'title:immigra*'
ids "presided president " 'presid*'
ids "president " 'preside*' -senator
ids "abc presided " '198*'
# A wildcard adds no weight: alone, its articles come newest first.
expect_exit 0 "$SRCH" -d "$T/idx" -o ids -- 'immigra*'
[ "$(tr '\n' ' ' < "$T/out")" = "abc president deal nd " ] ||
    fail "immigra* not newest first: $(cat "$T/out")"
# In boolean combinations, and NOT.
ids "deal president " 'immigra*' -title:immigra*
ids "abc nd " 'title:immigra* OR senat*' -senat*
# The expansion is done on the folded words: capitals do not matter.
ids "abc deal nd president " 'IMMIGRA*'
# id: is exact: '*' is part of the id.
expect_exit 1 "$SRCH" -d "$T/idx" -o ids 'id:ab*'
ids "abc " 'id:abc'

# Exact words.  Stemmed, "new deal" is in both; exact with capitals only in
# "The New Deal"; exact in lower case is the unstemmed word in any case.
ids "deal nd " '"new deal"'
ids "nd " 'exact:"New Deal"'
ids "deal nd " 'exact:"new deal"'
ids "nd " 'exact:"new Deal"'
ids "nd " 'exact:US'
ids "deal nd " 'exact:us'
ids "presided president " 'president'
ids "president " 'exact:president'
ids "deal " 'exact:immigrant'
ids "president " 'exact:Café'
# With accents folded, an accent typed is kept as a capital is: café is
# that surface only (the article has "Café"); cafe is the folded word in
# any case and with any accents.
expect_exit 1 "$SRCH" -d "$T/idx" -o ids 'exact:café'
expect_exit 1 "$SRCH" -d "$T/idx" -o ids 'exact:CAFÉ'
ids "president " 'exact:cafe'
ids "president " 'exact:Café' immigra*
# --explain shows the terms: surface (E) where folding changes the word,
# the unstemmed word (W) where it does not, the title's words (T); an exact
# phrase is weighed by its stems.
expect_exit 0 "$SRCH" -d "$T/idx" --explain -- 'exact:"New deal" immigra* title:imm*'
expect_grep 'query:  AND(FILTER(AND(new, deal), PHRASE(ENew, Wdeal)), Wimmigra\*, Timm\*)' "$T/out"
# The unstemmed terms add nothing to an article's length: the ranking of
# a stemmed query is schema 3's (t010's seed stays first), and an exact
# word ranks as its stem does among the articles it finds.
expect_exit 0 "$SRCH" -d "$T/idx" -o ids -- immigrants
cp "$T/out" "$T/stemmed"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids -- exact:immigrants
[ "$(tr '\n' ' ' < "$T/out")" = "abc president " ] ||
    fail "exact:immigrants: $(cat "$T/out")"
[ "$(grep -xFf "$T/out" "$T/stemmed" | tr '\n' ' ')" = "abc president " ] ||
    fail "exact:immigrants is not in the stemmed order: $(cat "$T/stemmed")"
# No "did you mean" for a wildcard's prefix or an exact: word.
expect_exit 1 "$SRCH" -d "$T/idx" 'immigrx*'
grep -q 'Did you mean' "$T/out" && fail "a suggestion: $(cat "$T/out")"
expect_exit 1 "$SRCH" -d "$T/idx" 'exact:immigranz'
grep -q 'Did you mean' "$T/out" && fail "a suggestion: $(cat "$T/out")"
exit 0
