# lib.sh - sourced by every end-to-end test.
#
# Gives: $IDX (gazette-index), $SRCH (gazette-search), both through
# $GAZETTE_WRAP when it is set (`make valgrind`), $PY (Debian's
# python3, with python3-snowballstemmer), $T (a fresh
# temporary directory removed at exit), $SHARED (../shared), and
#   fail MSG           print MSG and exit 1
#   skip MSG           print "skip: MSG" and exit 77
#   need_shared        skip unless ../shared/corpus is present
#   expect_exit N CMD  run CMD, fail unless it exits N; its stdout/stderr
#                      are left in $T/out and $T/err
#   expect_grep RE FILE   fail unless FILE has a line matching RE
#   check_ids WANT QUERY...  fail unless the ids that QUERY finds in $T/idx
#                      (--no-collapse), sorted and each followed by a
#                      space, are WANT; $WANT is the exit it must have (0)
#   timed CMD, peak_rss_below KB MSG   peak RSS of a run, where measurable
#   serve DIR          serve an index with xapian-tcpsrv on 127.0.0.1
set -u
BIN=${GAZETTE_BIN:?run through tests/run.sh or set GAZETTE_BIN}
TOP=${GAZETTE_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
SHARED=${GAZETTE_SHARED:-$TOP/../shared}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
IDX="$BIN/gazette-index"
SRCH="$BIN/gazette-search"
T=$(mktemp -d "${TMPDIR:-/tmp}/gazette-test.XXXXXX")
# xapian-tcpsrv answers SIGTERM by signalling its process group: each
# server `serve` starts runs in its own session and is stopped with
# SIGKILL, by a test or here at exit.
SERVERS=""
trap 'for p in $SERVERS; do kill -KILL "$p" 2>/dev/null; done
      chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
# GAZETTE_WRAP="valgrind ..." runs every $IDX and $SRCH under it: two
# scripts stand in for the programs, so "$IDX" stays one word in the tests
# (and in `script -c`); exec keeps the pid a test may signal.
if [ -n "${GAZETTE_WRAP:-}" ]; then
    mkdir "$T/.wrap"
    for _prog in gazette-index gazette-search; do
        printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$GAZETTE_WRAP" "$BIN/$_prog" > "$T/.wrap/$_prog"
        chmod 755 "$T/.wrap/$_prog"
    done
    IDX="$T/.wrap/gazette-index" SRCH="$T/.wrap/gazette-search"
fi
unset GAZETTE_INDEX

# $FAIL_CONTEXT (a test's random seed, say) ends every failure's message:
# the runner shows only the end of a failed test's log.
fail() { echo "FAIL: $*${FAIL_CONTEXT:+ ($FAIL_CONTEXT)}" >&2; exit 1; }
skip() { echo "skip: $*"; exit 77; }
need_shared() {
    [ -d "$SHARED/corpus" ] || skip "../shared/corpus is absent"
}
expect_exit() {
    want=$1; shift
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" != "$want" ]; then
        echo "command: $*" >&2
        echo "--- stdout" >&2; head -n 20 "$T/out" >&2
        echo "--- stderr" >&2; head -n 20 "$T/err" >&2
        fail "expected exit $want, got $got"
    fi
}
expect_grep() {
    grep -q -- "$1" "$2" || { echo "--- $2:" >&2; head -n 20 "$2" >&2; fail "no line matching '$1' in $2"; }
}

# timed CMD...: run CMD, with its wall time and peak RSS in $T/time
# ("S s KB KB") when GNU time is there.
timed() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%e s %M KB' -o "$T/time" "$@"
    else
        "$@"
    fi
}
# peak_rss_below KB MSG: fail with MSG unless the run `timed` measured
# stayed under KB of peak RSS (not checked without GNU time, nor under
# AddressSanitizer, whose shadow memory and quarantine multiply it).
peak_rss_below() {
    if [ -f "$T/time" ] && ! grep -q __asan_init "$IDX"; then
        _kb=$(sed -n 's/.* \([0-9]*\) KB$/\1/p' "$T/time")
        [ "$_kb" -lt "$1" ] || fail "peak RSS $_kb KB$2"
    fi
}

# shared_index: set SIDX to an index of ../shared's JSON Lines, built by
# the first test of a run that asks (in $GAZETTE_TEST_CACHE, which
# tests/run.sh empties at its start; $T without it) and searched, never
# changed, by the others; gazette-index's stderr is copied to $T/err.
shared_index() {
    _c=${GAZETTE_TEST_CACHE:-$T/cache}
    SIDX="$_c/shared-jsonl"
    mkdir -p "$_c"
    # Tests may run side by side (tests/run.sh JOBS): one builds, the
    # others wait for it.
    until mkdir "$SIDX.lock" 2>/dev/null; do sleep 1; done
    if [ ! -f "$SIDX.ok" ]; then
        rm -rf "$SIDX" "$SIDX.err"
        "$IDX" -d "$SIDX" "$SHARED"/corpus/*/articles.jsonl.gz 2> "$SIDX.err" ||
            { rmdir "$SIDX.lock"; cat "$SIDX.err" >&2; fail "indexing ../shared/corpus's JSON Lines"; }
        touch "$SIDX.ok"
    fi
    rmdir "$SIDX.lock"
    cp "$SIDX.err" "$T/err"
}

# dump_index IDX OUT: every article of IDX as sorted "id<TAB>date<TAB>title
# <TAB>source" lines, to compare two indexes article by article.
dump_index() {
    "$SRCH" -d "$1" --format json --no-collapse -n 100000000 '*' > "$T/dump.json" ||
        fail "cannot list the articles of $1"
    "$PY" -c '
import json, sys
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(line)
    rows.append("\t".join([h["id"], h["date"] or "-", h["title"], h["source"]]))
print("\n".join(sorted(rows)))' "$T/dump.json" > "$2"
}

# same_searches IDX1 IDX2 QUERY...: each query gives the same ids in the
# same order with the same scores on both indexes.
same_searches() {
    a=$1 b=$2; shift 2
    for q in "$@"; do
        "$SRCH" -d "$a" -f tsv -n 50 -- "$q" | cut -f1-4 > "$T/s1" 2>/dev/null
        "$SRCH" -d "$b" -f tsv -n 50 -- "$q" | cut -f1-4 > "$T/s2" 2>/dev/null
        cmp -s "$T/s1" "$T/s2" || { diff "$T/s1" "$T/s2" | head -n 10 >&2; fail "'$q' differs"; }
    done
}

# same_as_extract PATH... -- QUERY...: indexing `gazette-index --extract
# PATH...`'s JSON Lines gives what indexing PATH... gives: every article
# field for field (path and line aside, which name the file read) and the
# same hits, in order, with the same scores, for each QUERY.
same_as_extract() {
    _paths=""
    while [ $# -gt 0 ] && [ "$1" != -- ]; do _paths="$_paths $1"; shift; done
    [ $# -gt 0 ] && shift
    rm -rf "$T/sx.a" "$T/sx.b"
    # shellcheck disable=SC2086
    "$IDX" --extract --follow-symlinks $_paths > "$T/sx.jsonl" 2> /dev/null
    # shellcheck disable=SC2086
    "$IDX" -q --follow-symlinks -d "$T/sx.a" $_paths 2> /dev/null
    "$IDX" -q -d "$T/sx.b" "$T/sx.jsonl" 2> /dev/null
    "$BIN/tests/gz-dump" "$T/sx.a" "$@" | awk -F'\t' -v OFS='\t' '$1 == "article" { $7 = ""; $8 = "" } 1' > "$T/sx.a.dump"
    "$BIN/tests/gz-dump" "$T/sx.b" "$@" | awk -F'\t' -v OFS='\t' '$1 == "article" { $7 = ""; $8 = "" } 1' > "$T/sx.b.dump"
    grep -q '^article' "$T/sx.a.dump" || fail "same_as_extract: no article in$_paths"
    cmp -s "$T/sx.a.dump" "$T/sx.b.dump" || { diff "$T/sx.a.dump" "$T/sx.b.dump" | head -n 10 >&2; fail "indexing --extract's output differs from indexing$_paths"; }
}

# serve DIR: start xapian-tcpsrv for DIR on a free port of 127.0.0.1 and
# wait until it answers; sets $PORT and $SPID.
serve() {
    for attempt in 1 2 3 4 5; do
        PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        setsid xapian-tcpsrv --port "$PORT" --interface 127.0.0.1 "$1" \
            >"$T/srv-$PORT.log" 2>&1 </dev/null &
        SPID=$!
        SERVERS="$SERVERS $SPID"
        if "$PY" - "$PORT" "$SPID" <<'PY'
import os, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
for _ in range(200):
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)             # it died: the port was taken meanwhile
    try:
        socket.create_connection(("127.0.0.1", port), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
        then
            return 0
        fi
        kill -KILL "$SPID" 2>/dev/null
    done
    fail "cannot start xapian-tcpsrv for $1"
}

check_ids() {
    _want=$1; shift
    expect_exit "${WANT:-0}" "$SRCH" -d "$T/idx" -o ids --no-collapse -- "$@"
    _got=$(sort "$T/out" | tr '\n' ' ')
    [ "$_got" = "$_want" ] || fail "$* found '$_got', not '$_want'"
}
