# The article text html_extract() gives, scored on ../shared/formats/html
# by tests/formats/score_text.py (the rules of ../shared/formats/README.md):
# every figure must stay at or above its floor in the script (BENCHMARKS.md's
# figures minus a margin).  The scorer's own rules are checked first on
# made-up texts.  Skips when ../shared/formats is absent.
. "$(dirname "$0")/lib.sh"
"$PY" "$TOP/tests/formats/test_score_text.py" >"$T/unit" 2>&1 ||
    { cat "$T/unit" >&2; fail "the scorer's own tests"; }
[ -d "$SHARED/formats/html" ] || skip "../shared/formats is absent: no scored pages"
[ -x "$BIN/tests/gz-html" ] || fail "tests/gz-html is not built"
"$PY" "$TOP/tests/formats/score_text.py" --formats "$SHARED/formats" \
    --gz-html "$BIN/tests/gz-html" >"$T/out" 2>"$T/err"
rc=$?
cat "$T/out"
[ "$rc" -eq 0 ] || { cat "$T/err" >&2; fail "article text below its figures (exit $rc)"; }
