# Exit codes as DESIGN.md says: search 0 match, 1 none, 2 error; index 0,
# 1 rejected input, 2 error, 75 locked.
. "$(dirname "$0")/lib.sh"

# A missing index is an error that names the path.
expect_exit 2 "$SRCH" -d "$T/nowhere" boycott
expect_grep "$T/nowhere: no index there" "$T/err"

expect_exit 0 "$IDX" -q -d "$T/idx" "$TOP/corpus"
[ -s "$T/err" ] && fail "--quiet printed: $(cat "$T/err")"
expect_exit 0 "$SRCH" -d "$T/idx" boycott
expect_exit 1 "$SRCH" -d "$T/idx" zyzzyvaquux
[ -s "$T/out" ] && fail "no-match printed hits"
expect_exit 2 "$SRCH" -d "$T/idx" --format xml boycott
expect_grep "'xml' is not text, json or tsv" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --limit -3 boycott
expect_exit 2 "$SRCH" -d "$T/idx"
expect_exit 2 "$SRCH" -d "$T/idx" -- '?!'
expect_grep "no words" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --no-such-option boycott
expect_exit 0 "$SRCH" --help
expect_grep "Usage: gazette-search" "$T/out"
expect_exit 0 "$IDX" --version
expect_grep "Xapian 1\." "$T/out"

# Options end at the first word; "--" lets a query begin with "-".
expect_exit 0 "$SRCH" -d "$T/idx" -- boycott
expect_exit 0 "$SRCH" -d "$T/idx" boycott -- olympic

# An unknown id: --show and --like alike, exit 1 and the same message.
expect_exit 1 "$SRCH" -d "$T/idx" --show nosuchid
[ -s "$T/out" ] && fail "--show nosuchid printed: $(cat "$T/out")"
cp "$T/err" "$T/show.err"
expect_grep "no article with id 'nosuchid'" "$T/show.err"
expect_exit 1 "$SRCH" -d "$T/idx" --like nosuchid
[ -s "$T/out" ] && fail "--like nosuchid printed: $(cat "$T/out")"
cmp -s "$T/err" "$T/show.err" || fail "--like and --show differ on an unknown id: $(cat "$T/err") / $(cat "$T/show.err")"
expect_exit 1 "$SRCH" -d "$T/idx" --like nosuchid -f json olympic
cmp -s "$T/err" "$T/show.err" || fail "--like with a query: $(cat "$T/err")"

# GAZETTE_INDEX names the default index.
GAZETTE_INDEX="$T/idx" expect_exit 0 "$SRCH" boycott

# A second writer is refused at once with exit 75.
mkfifo "$T/hold"
"$BIN/tests/gz-hold-writer" "$T/idx" < "$T/hold" > "$T/holder.out" &
holder=$!
exec 9> "$T/hold"
for i in $(seq 50); do grep -q locked "$T/holder.out" 2>/dev/null && break; sleep 0.1; done
grep -q locked "$T/holder.out" || fail "the helper did not take the lock"
expect_exit 75 "$IDX" -d "$T/idx" "$TOP/corpus"
expect_grep "being updated by another run" "$T/err"
# Searches still run while the writer holds the lock.
expect_exit 0 "$SRCH" -d "$T/idx" boycott
exec 9>&-
wait $holder

# No PATH, a bad option value, a missing corpus path: errors.
expect_exit 2 "$IDX" -d "$T/idx"
expect_exit 2 "$IDX" -d "$T/idx" --commit-every 0 "$TOP/corpus"
expect_exit 2 "$IDX" -d "$T/idx3" "$T/no-such-dir" "$TOP/corpus/axios-2021-04-06-olympics-boycott.txt"
expect_grep "no-such-dir: No such file or directory" "$T/err"
# ... and the valid path beside it was still indexed.
expect_exit 0 "$SRCH" -d "$T/idx3" boycott
exit 0
