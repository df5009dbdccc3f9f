# What a news page says about itself (html_meta_read(), issue 19), scored
# on ../shared/formats' trafilatura and readability pages by
# tests/formats/score_meta.py: each field's exact rate must stay at or
# above its measured figure (BENCHMARKS.md, "HTML metadata (issue 19)")
# less about four pages' worth.  Dates are measured with the
# date_parse_published() of the tree under test.
. "$(dirname "$0")/lib.sh"
[ -d "$SHARED/formats/html/trafilatura" ] &&
    [ -d "$SHARED/formats/html/readability" ] ||
    skip "../shared/formats/html is absent"
[ -x "$BIN/tests/gz-html" ] || fail "$BIN/tests/gz-html is not built"

"$PY" "$TOP/tests/formats/score_meta.py" --formats "$SHARED/formats" \
    --gz-html "$BIN/tests/gz-html" \
    --min trafilatura.title=0.74 --min readability.title=0.74 \
    --min trafilatura.date=0.66 --min readability.date=0.93 \
    --min trafilatura.author=0.57 --min readability.author=0.68 \
    --min readability.site=0.90 --min readability.lang=0.97 \
    > "$T/out" 2>&1
rc=$?
cat "$T/out"
[ "$rc" = 0 ] || fail "metadata below its thresholds"
