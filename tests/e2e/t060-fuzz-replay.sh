# Every input the fuzz targets start from (tests/fuzz/seeds/) and every
# crash or hang they ever found (tests/fuzz/regress/) runs once through
# the ordinary build's fuzz-replay-NAME drivers (tests/fuzz/replay_main.c),
# so each fixed bug stays fixed in every `make test`, under `make asan`'s
# sanitizers and `make valgrind`'s memcheck, without clang or libFuzzer.
# A target aborts, naming the promise, when a module breaks its header's
# contract.
. "$(dirname "$0")/lib.sh"

# The corpus targets write each input to a scratch file under $TMPDIR:
# keep those in $T, removed at exit even if a target aborts.
export TMPDIR="$T"
for name in query date tokenize article jsonl gzip html warc feed; do
    bin="$BIN/tests/fuzz-replay-$name"
    [ -x "$bin" ] || fail "$bin is missing: make builds it"
    set -- "$TOP/tests/fuzz/seeds/$name"
    [ -d "$TOP/tests/fuzz/regress/$name" ] && set -- "$@" "$TOP/tests/fuzz/regress/$name"
    # GAZETTE_WRAP (make valgrind) runs the driver under the wrapper too.
    # shellcheck disable=SC2086
    ${GAZETTE_WRAP:-} "$bin" -v "$@" > "$T/out" 2> "$T/err"
    rc=$?
    if [ $rc != 0 ]; then
        tail -n 30 "$T/err" >&2
        fail "fuzz-replay-$name exited $rc on $(grep '^fuzz-replay: /' "$T/err" | tail -n 1)"
    fi
    tail -n 1 "$T/err"
done
