# Indexing the same files again changes nothing: unchanged files are not
# even read, nothing doubles, and the results of a search are the same.
. "$(dirname "$0")/lib.sh"

cp -r "$TOP/corpus" "$T/c"
expect_exit 0 "$IDX" -d "$T/idx" "$T/c"
first=$(sed -n 's/.*the index holds \([0-9]*\) articles.*/\1/p' "$T/err")
[ -n "$first" ] && [ "$first" -gt 30 ] || fail "odd article count '$first'"
"$SRCH" -d "$T/idx" --format json -n 100 --any interest rates > "$T/before" || fail "search"

expect_exit 0 "$IDX" -d "$T/idx" "$T/c"
expect_grep "32 files (32 unchanged, 0 changed, 0 new, 0 vanished); 0 articles read" "$T/err"
expect_grep "the index holds $first articles" "$T/err"
# Touched but not changed: the crc32 says so and nothing is read again.
touch "$T/c/feeds/wire-2020.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$T/c"
expect_grep "32 unchanged, 0 changed, 0 new, 0 vanished); 0 articles read" "$T/err"
"$SRCH" -d "$T/idx" --format json -n 100 --any interest rates > "$T/after" || fail "search"
cmp -s "$T/before" "$T/after" || fail "results differ after re-indexing"

# The same file named twice is read once; the same article (same id) in
# two files is one article.
seed="$TOP/corpus/axios-2021-04-06-olympics-boycott.txt"
mkdir "$T/two"
cp "$seed" "$T/two/a.txt"
cp "$seed" "$T/two/b.txt"
printf 'date 2021-04-06\nid a\n\nThe same story, again.\n' > "$T/two/c.txt"
expect_exit 0 "$IDX" -d "$T/idx2" "$seed" "$seed"
expect_grep "1 files .* 1 articles read.*the index holds 1 articles" "$T/err"
expect_exit 0 "$IDX" -d "$T/idx3" "$T/two"
expect_grep "3 files .* 3 articles read.*the index holds 2 articles" "$T/err"
exit 0
