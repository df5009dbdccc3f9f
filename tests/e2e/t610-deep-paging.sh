# Deep pages over many copies of the same stories: the pages at several
# offsets, one after another, are exactly one long listing, with and
# without collapsing, in every order; and collapsing shows each story
# once, standing for all of its copies (exact, reformatted and lightly
# edited ones), however far down the listing it is.  (The cost of deep
# pages is measured in BENCHMARKS.md, "Deep paging", not here.)
. "$(dirname "$0")/lib.sh"

# 240 stories of 120 to 200 random words, each with 0 to 11 copies: the
# same words, the same words shouted and punctuated otherwise (the same
# copy key), or one word changed and a sentence added (a near-duplicate,
# sharing about 97% of its 3-word runs, so all but never fewer than 24 of
# 32 hashes).  Dates repeat, so the date orders have ties to break.
"$PY" - "$T/corpus" <<'EOF' || fail "could not write the corpus"
import json, os, random, sys
out = sys.argv[1]
rng = random.Random(610)
words = ["w%03d" % i for i in range(400)]
os.makedirs(out)
arts = []
for s in range(240):
    body = [rng.choice(words) for _ in range(rng.randint(120, 200))]
    arts.append(("s%03d" % s, body))
    for c in range(rng.choice([0, 0, 1, 2, 3, 5, 8, 11])):
        kind = c % 3
        if kind == 0:
            copy = list(body)
        elif kind == 1:
            copy = [w.upper() + ("," if i % 7 == 0 else "") for i, w in enumerate(body)]
        else:
            copy = list(body)
            copy[rng.randrange(len(copy))] = "edited"
            copy += ["officials", "said", "more", "later"]
        arts.append(("s%03d-c%02d" % (s, c), copy))
rng.shuffle(arts)
with open(os.path.join(out, "stories.jsonl"), "w") as f:
    for i, (id_, body) in enumerate(arts):
        f.write(json.dumps({"id": id_, "date": "2001-%02d-%02d" % (1 + i % 12, 1 + i % 5),
                            "title": "Story " + id_, "body": " ".join(body)}) + "\n")
EOF
expect_exit 0 "$IDX" -q -d "$T/idx" "$T/corpus"
expect_exit 0 "$SRCH" -d "$T/idx" -o count '*'
all=$(cat "$T/out")
[ "$all" -gt 1000 ] || fail "only $all articles indexed"

# listing ORDER QUERY [--no-collapse]: the whole listing in $T/long, and
# pages of 97 at offsets 0, 97, ... concatenated in $T/pages.
listing() {
    order=$1 query=$2
    shift 2
    expect_exit 0 "$SRCH" -d "$T/idx" -s "$order" -n 100000 -o ids "$@" "$query"
    mv "$T/out" "$T/long"
    : > "$T/pages"
    off=0
    while [ "$off" -le "$(wc -l < "$T/long")" ]; do
        expect_exit 0 "$SRCH" -d "$T/idx" -s "$order" --offset "$off" -n 97 \
            -o ids "$@" "$query"
        cat "$T/out" >> "$T/pages"
        off=$((off + 97))
    done
    cmp -s "$T/long" "$T/pages" ||
        fail "-s $order $* '$query': the pages differ from the listing" \
             "($(wc -l < "$T/pages") lines against $(wc -l < "$T/long"))"
}

for order in relevance newest oldest; do
    listing "$order" '*' --no-collapse
    [ "$(wc -l < "$T/long")" = "$all" ] || fail "--no-collapse lists $(wc -l < "$T/long") of $all"
    listing "$order" '*'
    # One hit a story, and that hit is the story or one of its copies.
    [ "$(wc -l < "$T/long")" = 240 ] ||
        fail "-s $order: $(wc -l < "$T/long") stories, not 240"
    dups=$(sed 's/-c.*//' "$T/long" | sort | uniq -d | head -n 3)
    [ -z "$dups" ] || fail "-s $order: a story shown twice: $dups"
    listing "$order" 'w007 OR w123' --no-collapse
    listing "$order" 'w007 OR w123'
done

# Each story stands for all of its copies: with a date order the copies
# are counted over every match, so the shown hits add up to all.
expect_exit 0 "$SRCH" -d "$T/idx" -s newest -n 100000 -f json '*'
sum=$("$PY" -c '
import json, sys
print(sum(1 + json.loads(l)["similar"] for l in open(sys.argv[1])))' "$T/out")
[ "$sum" = "$all" ] || fail "the stories stand for $sum articles, not $all"
exit 0
