# --rebuild builds a new index beside the live one and swaps it in
# atomically: searches running meanwhile see the old or the new index,
# never an error or a half-built one.  --compact shrinks the index and
# reports the sizes; results do not change.
. "$(dirname "$0")/lib.sh"

c="$T/c"
"$PY" "$(dirname "$0")/gencorpus.py" "$c" 3000 11
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
gen=$(sed -n 's/^auto gen-//p' "$T/idx/XAPIANDB")
dump_index "$T/idx" "$T/before.txt"
total=$("$SRCH" -d "$T/idx" -o count '*')

"$IDX" -q --rebuild --commit-every 100 -d "$T/idx" "$c" 2> "$T/rebuild.err" &
rebuild=$!
searches=0
while kill -0 "$rebuild" 2>/dev/null; do
    n=$("$SRCH" -d "$T/idx" -o count '*' 2>> "$T/search.err")
    rc=$?
    searches=$((searches + 1))
    [ $rc = 0 ] || fail "search during --rebuild: exit $rc: $(tail -n 3 "$T/search.err")"
    # Old or new, the whole index: never a partial count.
    [ "$n" = "$total" ] || fail "search during --rebuild saw $n articles, not $total"
done
wait "$rebuild" || fail "--rebuild failed: $(cat "$T/rebuild.err")"
echo "$searches searches during --rebuild"
[ "$(cat "$T/idx/XAPIANDB")" = "auto gen-$((gen + 1))" ] || fail "stub: $(cat "$T/idx/XAPIANDB")"
[ -d "$T/idx/gen-$gen" ] && fail "the old generation was left behind"
ls "$T/idx" | grep -q part && fail "parts of the parallel build left behind: $(ls "$T/idx")"
dump_index "$T/idx" "$T/after.txt"
cmp -s "$T/before.txt" "$T/after.txt" || fail "--rebuild changed the articles"
# The rebuilt index keeps its bookkeeping: the next run reads nothing.
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "0 changed, 0 new, 0 vanished); 0 articles read" "$T/err"

# --rebuild drops articles of files that are gone, like a clean build.
rm "$c/a/00/g00001.txt"
expect_exit 0 "$IDX" -q --rebuild -d "$T/idx" "$c"
expect_exit 1 "$SRCH" -d "$T/idx" id:g00001

# --compact: sizes reported, results the same.
"$SRCH" -d "$T/idx" -f tsv -n 30 "tariff wheat" | cut -f1-4 > "$T/r1"
expect_exit 0 "$IDX" --compact -d "$T/idx" "$c"
expect_grep "compacted .*: [0-9.]* MB -> [0-9.]* MB" "$T/err"
"$SRCH" -d "$T/idx" -f tsv -n 30 "tariff wheat" | cut -f1-4 > "$T/r2"
cmp -s "$T/r1" "$T/r2" || fail "--compact changed the results"
[ "$(ls -d "$T/idx"/gen-* | wc -l)" = 1 ] || fail "generations left: $(ls "$T/idx")"
exit 0
