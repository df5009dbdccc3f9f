# Timelines, duplicates, related articles, top terms and "did you mean"
# on the shared corpus, against values analyst.py computes on its own
# from the JSON Lines (see there), plus the same features on the bundled
# corpus where ../shared is absent.
. "$(dirname "$0")/lib.sh"

# ---- The bundled corpus: what a fresh machine can check ---------------------
expect_exit 0 "$IDX" -q -d "$T/demo" "$TOP/corpus"
expect_exit 1 "$SRCH" -d "$T/demo" olympik boycot
expect_grep '^Did you mean: olympic boycott  ([0-9]* matches)$' "$T/out"
expect_exit 1 "$SRCH" -d "$T/demo" --no-suggest olympik boycot
[ -s "$T/out" ] && fail "--no-suggest still suggests: $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/demo" --histogram year -f tsv '*'
total=$(awk -F'\t' '{ n += $4 } END { print n }' "$T/out")
expect_exit 0 "$SRCH" -d "$T/demo" -o count '*'
[ "$total" = "$(cat "$T/out")" ] || fail "histogram adds up to $total, not $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/demo" --like axios-2021-04-06-olympics-boycott -o ids -n 3
grep -q olympics "$T/out" || fail "--like: no Olympics article first: $(cat "$T/out")"
grep -q '^axios-2021-04-06-olympics-boycott$' "$T/out" && fail "--like finds itself"
expect_exit 0 "$SRCH" -d "$T/demo" --terms 3 -f json olympic
[ "$(wc -l < "$T/out")" = 3 ] || fail "--terms 3: $(cat "$T/out")"
# Refused combinations and values.
expect_exit 2 "$SRCH" -d "$T/demo" --histogram decade '*'
expect_grep "'decade' is not day, week, month or year" "$T/err"
expect_exit 2 "$SRCH" -d "$T/demo" --histogram year -o ids '*'
expect_exit 2 "$SRCH" -d "$T/demo" --terms 0 '*'
expect_exit 2 "$SRCH" -d "$T/demo" --histogram day --since 1000-01-01 '*'
expect_grep 'more than 100000 periods' "$T/err"
expect_exit 1 "$SRCH" -d "$T/demo" --histogram year nosuchwordanywhere
[ -s "$T/out" ] && fail "--histogram without a match printed: $(cat "$T/out")"

# ---- The shared corpus ---------------------------------------------------------
need_shared
C="$SHARED/corpus"
shared_index
expect_grep 'the index holds 28789 articles' "$T/err"
"$PY" "$(dirname "$0")/analyst.py" "$C" "$SRCH" "$SIDX" ||
    fail "gazette-search and analyst.py disagree (see above)"
exit 0
