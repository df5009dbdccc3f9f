# Edited files, property-style (issue 21): random edits of big JSON Lines
# files and article files over several rounds with a fixed seed (a field
# changed, lines swapped, an id given twice, lines deleted, a blank line,
# a date made invalid); after each round the index equals a clean build
# and the summary's new + replaced + unchanged add up to the articles
# read, and are what the rule predicts (tests/e2e/edits.py says how).
# EDITS_SEED replays a failure.
. "$(dirname "$0")/lib.sh"

[ -x "$BIN/tests/gz-dump" ] || fail "tests/gz-dump is not built"
"$PY" "$(dirname "$0")/edits.py" "$BIN" "$T" --seed "${EDITS_SEED:-20261203}" \
    --rounds "${EDITS_ROUNDS:-12}" || fail "an edited file's run is wrong"
