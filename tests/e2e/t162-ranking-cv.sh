# The cross-validation of `make eval` (tests/eval/crossval.py) on made-up
# scores: the setting chosen in each fold and on all collections, the
# selection rule's band and ties, the grid's product form, and the words
# an AND-mode query is made of.  No ../shared needed.
. "$(dirname "$0")/lib.sh"
"$PY" "$TOP/tests/eval/test_crossval.py" >"$T/out" 2>&1 ||
    { cat "$T/out" >&2; fail "tests/eval/test_crossval.py"; }
exit 0
