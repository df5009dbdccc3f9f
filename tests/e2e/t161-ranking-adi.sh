# The ranking defaults on a real judged collection: ADI (82 documents, 35
# queries, ../shared/eval/adi), through the same script as `make eval`.
# The defaults must score what RANKING.md says, at least the best baseline
# row, and better than Xapian's defaults; no query may fail or come back
# empty.  Skips when ../shared/eval is absent.
. "$(dirname "$0")/lib.sh"
[ -d "$SHARED/eval/adi" ] && [ -f "$SHARED/tools/ireval.py" ] ||
    skip "../shared/eval is absent: no judged collection"

# adi_scores [ENV]: "MAP nDCG@10" of the defaults (GAZETTE_RANKING=ENV).
adi_scores() {
    GAZETTE_RANKING=${1:-} "$PY" "$TOP/tests/eval/run-eval.py" --bin "$BIN" \
        --shared "$SHARED" --out "$T/eval" --collections adi --summary \
        >"$T/summary" 2>"$T/eval.err" ||
        { cat "$T/summary" "$T/eval.err" >&2; fail "run-eval.py failed (${1:-defaults})"; }
    sed -n 's/^adi *MAP \([0-9.]*\) nDCG@10 \([0-9.]*\) .*/\1 \2/p' "$T/summary"
}

tuned=$(adi_scores)
untuned=$(adi_scores "k1=1,b=0.5,stopwords=0")
echo "adi defaults (MAP nDCG@10): $tuned; Xapian's defaults: $untuned"
"$PY" - "$tuned" "$untuned" <<'PY' || fail "ADI ranking below its figures"
import sys
t_map, t_ndcg = map(float, sys.argv[1].split())
u_map, u_ndcg = map(float, sys.argv[2].split())
# RANKING.md's figures for the defaults, and the best baseline row of ADI
# (../shared/eval/BASELINES.md: xapian-bm25-stop-lc).
assert t_map >= 0.4503 - 5e-4 and t_ndcg >= 0.5302 - 5e-4, (t_map, t_ndcg)
assert t_map >= 0.4089 and t_ndcg >= 0.4816, "below the best baseline"
assert t_map > u_map + 0.02 and t_ndcg > u_ndcg, ("no better than Xapian's defaults", u_map, u_ndcg)
PY
exit 0
