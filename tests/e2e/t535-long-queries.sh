# Queries that would take an hour: 100,000 characters, 10,000 words, ten
# thousand date terms, hundreds of phrases.  Each is refused at once
# (exit 2) with the limit in the message: QUERY_MAX_BYTES (16 KiB of
# text), QUERY_MAX_TERMS (1024 terms) and QUERY_MAX_POSITIONAL (64 words
# in phrases and NEAR groups, which cost far more than plain words); a
# query just within the limits runs.  Also with --any and --batch.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$IDX" -q -d "$T/idx" "$TOP/corpus"
q() { "$PY" -c "$1" > "$T/q"; }
# search EXIT [OPTION...]: gazette-search with the query in $T/q exits
# EXIT within 3 s.
search() {
    want=$1; shift
    t0=$(date +%s)
    expect_exit "$want" "$SRCH" -d "$T/idx" -o count "$@" -- "$(cat "$T/q")"
    secs=$(( $(date +%s) - t0 ))
    [ $secs -le 3 ] || fail "took $secs s"
}

# 100,000 characters of one word, of words, of punctuation.
q 'print("a" * 100000)'
search 2
expect_grep "error: the query is longer than 16384 bytes (100000)" "$T/err"
q 'print(" ".join(["boycott"] * 14000))'
search 2
expect_grep "longer than 16384 bytes" "$T/err"
search 2 --any
expect_grep "longer than 16384 bytes" "$T/err"
q 'print("(" * 50000 + "a" + ")" * 50000)'
search 2
# 10,000 different terms (shorter than 16 KiB: w0 ... w9999 would not be).
q 'print(" ".join("w%x" % i for i in range(2000)))'
search 2
expect_grep "error: the query has more than 1024 terms" "$T/err"
search 2 --any
expect_grep "more than 1024 terms" "$T/err"
# The caret points at the term past the limit.
expect_grep "^ *\^$" "$T/err"
# 1024 terms are fine, and quick.
q 'print(" ".join("w%x" % i for i in range(1024)))'
search 1 --any
# Date terms count: 100 years, year by year... each date: gives terms.
q 'print(" OR ".join("date:%d" % (1900 + i % 120) for i in range(1100)))'
search 2
expect_grep "more than 1024 terms" "$T/err"
# Phrases and NEAR: 64 words in all.
q 'print(" OR ".join("\"the %s\"" % w for w in ["a"] * 33))'
search 2
expect_grep "error: the query has more than 64 words in phrases and NEAR groups" "$T/err"
q 'print(" NEAR/1000 ".join(["the"] * 65))'
search 2
expect_grep "more than 64 words in phrases" "$T/err"
q 'print("\"" + " ".join(["olympic"] * 64) + "\"")'
search 1
q 'print(" OR ".join("\"olympic boycott\"" for _ in range(32)))'
search 0

# --batch: the long query fails alone, the others run.
"$PY" -c 'print("boycott"); print(" ".join("w%x" % i for i in range(2000))); print("olympic")' > "$T/batch"
"$SRCH" -d "$T/idx" --batch -o count < "$T/batch" > "$T/out" 2> "$T/err"
[ $? = 2 ] || fail "--batch with a long query: not exit 2"
expect_grep "line 2: the query has more than 1024 terms" "$T/err"
cat "$T/out"
exit 0
