# The incremental promise, model-based: random sequences of corpus
# operations (add, edit, delete, move, rename, touch, an id moved between
# files or given by two, truncation, unreadable files and folders, gzip
# files cut short, gazette-index killed with SIGKILL during a run), and
# after every step the index equals a clean build of the same tree
# (tests/e2e/model.py says how).  A fixed seed here; `make soak` runs
# random seeds for as long as asked.  MODEL_SEED and MODEL_START replay a failure.
. "$(dirname "$0")/lib.sh"

[ -x "$BIN/tests/gz-dump" ] || fail "tests/gz-dump is not built"
# Nobody (setpriv, when root) must reach the tree.
chmod 755 "$T"
"$PY" "$(dirname "$0")/model.py" "$BIN" "$T" --seed "${MODEL_SEED:-20261202}" --start "${MODEL_START:-0}" \
    --sequences "${MODEL_SEQUENCES:-6}" --steps "${MODEL_STEPS:-12}" ||
    fail "an incremental run differs from a clean build"
