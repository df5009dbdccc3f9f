# Searches while cron re-indexes: a writer replaces articles and commits
# again and again while a reader searches in a loop; not one search fails.
. "$(dirname "$0")/lib.sh"

c="$T/c"
"$PY" "$(dirname "$0")/gencorpus.py" "$c" 2000 5
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"

# The writer: 8 rounds, each changing every feed, committing every 50.
(
    for i in $(seq 1 8); do
        sed -i "s/\"title\": \"/\"title\": \"W$i /" "$c"/feeds/f0*.jsonl
        "$IDX" -q --commit-every 50 -d "$T/idx" "$c" || exit 1
    done
) > "$T/writer.log" 2>&1 &
writer=$!

searches=0 failures=0
printf 'tariff wheat\n"health care"\ntitle:budget\n' > "$T/queries"
while kill -0 "$writer" 2>/dev/null; do
    for q in "tariff wheat" '"health care"' 'title:budget -oil' '* date:2010'; do
        "$SRCH" -d "$T/idx" -f json -n 20 -- "$q" > /dev/null 2>> "$T/search.err"
        rc=$?
        searches=$((searches + 1))
        [ $rc = 0 ] || [ $rc = 1 ] || failures=$((failures + 1))
    done
    "$SRCH" -d "$T/idx" --batch -n 5 < "$T/queries" > /dev/null 2>> "$T/search.err" ||
        failures=$((failures + 1))
done
wait "$writer" || fail "the writer failed: $(cat "$T/writer.log")"
echo "$searches searches during indexing, $failures failures"
[ "$failures" = 0 ] || fail "$failures searches failed: $(head -n 5 "$T/search.err")"
[ "$searches" -ge 20 ] || fail "only $searches searches ran during indexing"
exit 0
