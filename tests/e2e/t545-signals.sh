# SIGTERM and SIGINT during a run: the indexer stops at a clean point,
# says so, and dies of the signal (exit status 143 or 130 in the shell):
#  - an update in place commits what it has read (as its commits every
#    --commit-every articles do), records the run, and the next run
#    finishes the job: the result equals a clean build;
#  - a build from nothing in parallel parts, or a --rebuild, is dropped
#    whole: no scratch is left, the index is as it was;
#  - a run waiting for the lock (--wait) stops waiting;
#  - a signal ignored when the indexer started (nohup, a background job
#    of a script) stays ignored.
. "$(dirname "$0")/lib.sh"

c="$T/c"
"$PY" "$(dirname "$0")/gencorpus.py" "$c" 2500 5

# A background job of a script starts with SIGINT ignored: give the
# indexer the default disposition, as an interactive shell would.
start() {
    "$PY" -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$IDX" "$@" 2> "$T/run.err" &
    pid=$!
}
# Wait until INDEX holds at least N articles (its first commits).
wait_count() {
    for i in $(seq 200); do
        n=$("$SRCH" -d "$1" -o count '*' 2>/dev/null)
        [ "${n:-0}" -ge "$2" ] && return 0
        sleep 0.05
    done
    fail "the index never reached $2 articles"
}
# Wait until the run has the lock (it writes its pid then).
wait_lock() {
    for i in $(seq 200); do
        [ "$(cat "$1/writer.pid" 2>/dev/null)" = "$pid" ] && return 0
        sleep 0.05
    done
    fail "the run never took the lock"
}
# Wait until the run catches SIGINT and SIGTERM: before, under load, it may
# still be the Python that starts it, with SIGINT ignored, and a signal
# then is lost (seen: the run waited its whole --wait, then exited 75).
wait_caught() {
    for i in $(seq 400); do
        kill -0 "$pid" 2>/dev/null || { cat "$T/run.err" >&2; fail "the run ended before it caught signals"; }
        mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
        [ -n "$mask" ] && [ $(( 0x$mask & 0x4002 )) = $(( 0x4002 )) ] && return 0
        sleep 0.05
    done
    fail "the run never caught SIGINT and SIGTERM"
}
finish() {
    wait "$pid"
    rc=$?
    [ "$rc" = "$1" ] || { cat "$T/run.err" >&2; fail "$2: exit $rc, want $1"; }
}
# term_when PREPARE COND ARGS...: run PREPARE, start the indexer with
# ARGS and send it SIGTERM as soon as the shell test COND holds; again (up
# to five times) while the run still won the race and exited 0.  Its exit
# status is left in $rc.
term_when() {
    prepare=$1 cond=$2
    shift 2
    for try in 1 2 3 4 5; do
        eval "$prepare"
        start "$@"
        for i in $(seq 1000); do
            eval "$cond" && break
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.01
        done
        kill -TERM "$pid" 2>/dev/null
        wait "$pid"
        rc=$?
        [ "$rc" = 0 ] || return 0
    done
}
no_scratch() {
    left=$(ls "$1" | grep -v -e '^XAPIANDB$' -e '^writer.pid$' -e "^gen-$2\$")
    [ -z "$left" ] || fail "left in $1: $left"
}

# --- SIGTERM during a first build by one writer (-j 1 commits as it goes).
start -j 1 --commit-every 100 --report "$T/r.json" -d "$T/idx" "$c"
wait_count "$T/idx" 100
kill -TERM "$pid"
finish 143 "SIGTERM"
expect_grep "error: .*idx: interrupted by SIGTERM after [0-9]* articles: they are committed; the next run goes on from there" "$T/run.err"
n=$("$SRCH" -d "$T/idx" -o count '*') || fail "the interrupted index does not answer"
[ "$n" -ge 100 ] && [ "$n" -lt 2500 ] || fail "$n articles after the interruption"
"$PY" -c 'import json, sys; r = json.load(open(sys.argv[1])); assert r["exit"] == 143, r' "$T/r.json" ||
    fail "the report: $(cat "$T/r.json")"
expect_exit 0 "$IDX" --status -d "$T/idx"
expect_grep "^last run:  .*, exit 143 (" "$T/out"
no_scratch "$T/idx" 1
expect_exit 0 "$IDX" -q -j 1 -d "$T/idx" "$c"
expect_exit 0 "$IDX" -q -d "$T/clean" "$c"
dump_index "$T/idx" "$T/a.txt"
dump_index "$T/clean" "$T/b.txt"
cmp -s "$T/a.txt" "$T/b.txt" || { diff "$T/a.txt" "$T/b.txt" | head >&2; fail "after SIGTERM: differs from a clean build"; }
same_searches "$T/idx" "$T/clean" "tariff wheat" '"health care"' 'title:budget' '* date:2010'

# --- SIGINT during an update that changes every file and deletes some.
sed -i 's/"title": "/"title": "Changed /' "$c"/feeds/f0*.jsonl
sed -i 's/^title /title Edited /' "$c"/a/0*/g0*.txt
rm "$c"/a/00/g0000[0-4].txt
start -j 1 --commit-every 50 -d "$T/idx" "$c"
wait_lock "$T/idx"
sleep 0.1   # the run needs far longer than this to update every file
kill -INT "$pid"
finish 130 "SIGINT"
expect_grep "interrupted by SIGINT after [0-9]* articles" "$T/run.err"
expect_exit 0 "$SRCH" -d "$T/idx" -o count '*'
expect_exit 0 "$IDX" -q -j 1 -d "$T/idx" "$c"
rm -rf "$T/clean"
expect_exit 0 "$IDX" -q -d "$T/clean" "$c"
dump_index "$T/idx" "$T/a.txt"
dump_index "$T/clean" "$T/b.txt"
cmp -s "$T/a.txt" "$T/b.txt" || { diff "$T/a.txt" "$T/b.txt" | head >&2; fail "after SIGINT: differs from a clean build"; }
same_searches "$T/idx" "$T/clean" "changed tariff" 'title:edited' '* date:2011'
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "0 changed, 0 new, 0 vanished); 0 articles read, 0 deleted" "$T/err"

# --- SIGTERM during a parallel build from nothing: dropped, no scratch.
# The signal must come while the parts are being written: on a quiet
# machine the whole build takes well under a second, so wait for the
# parts to appear rather than for a fixed time, and try again if the
# build still won the race.
term_when 'rm -rf "$T/par"' 'ls "$T/par" 2>/dev/null | grep -q "\.part-"' -j 2 -d "$T/par" "$c"
[ "$rc" = 143 ] || { cat "$T/run.err" >&2; fail "SIGTERM, parallel: exit $rc, want 143"; }
expect_grep "interrupted by SIGTERM: the new index was dropped, the index is as it was" "$T/run.err"
no_scratch "$T/par" 1
expect_exit 1 "$SRCH" -d "$T/par" -o count '*'
# The next run builds it (in parallel again: the index is empty).
expect_exit 0 "$IDX" -q -j 2 -d "$T/par" "$c"
dump_index "$T/par" "$T/a.txt"
cmp -s "$T/a.txt" "$T/b.txt" || fail "the build after the interrupted one differs"

# --- SIGINT during --rebuild: the live index is untouched.
start -j 1 --rebuild -d "$T/idx" "$c"
wait_lock "$T/idx"
sleep 0.1   # a rebuild of every article takes far longer
kill -INT "$pid"
finish 130 "SIGINT, --rebuild"
expect_grep "interrupted by SIGINT: the new index was dropped" "$T/run.err"
gen=$(sed -n 's/^auto gen-//p' "$T/idx/XAPIANDB")
no_scratch "$T/idx" "$gen"
dump_index "$T/idx" "$T/a.txt"
cmp -s "$T/a.txt" "$T/b.txt" || fail "an interrupted --rebuild changed the index"

# --- SIGTERM during --compact's compaction: the compacted copy is dropped,
# the index stays as it was (same generation, no scratch), and the run
# says so and dies of the signal, as an interrupted --rebuild does.  The
# signal must land while gen-N+1 is being written: wait for it to appear,
# and try again if the compaction (a fraction of a second here) still won.
term_when 'gen=$(sed -n "s/^auto gen-//p" "$T/idx/XAPIANDB")' '[ -d "$T/idx/gen-$((gen + 1))" ]' \
    -q --compact -d "$T/idx" "$c"
[ "$rc" = 143 ] || { cat "$T/run.err" >&2; fail "SIGTERM during --compact: exit $rc, want 143"; }
expect_grep "error: .*idx: interrupted by SIGTERM during --compact: the compacted copy was dropped" "$T/run.err"
[ "$(sed -n 's/^auto gen-//p' "$T/idx/XAPIANDB")" = "$gen" ] || fail "an interrupted --compact switched generations"
no_scratch "$T/idx" "$gen"
dump_index "$T/idx" "$T/a.txt"
cmp -s "$T/a.txt" "$T/b.txt" || fail "an interrupted --compact changed the index"
expect_exit 0 "$IDX" --status -d "$T/idx"
expect_grep "^last run:  .*, exit 143 (" "$T/out"

# --- A run waiting for the lock stops waiting.
mkfifo "$T/hold.in"
"$BIN/tests/gz-hold-writer" "$T/idx" < "$T/hold.in" > "$T/hold.out" &
holder=$!
exec 9> "$T/hold.in"
for i in $(seq 100); do grep -q locked "$T/hold.out" 2>/dev/null && break; sleep 0.05; done
start --wait 60 -d "$T/idx" "$c"
wait_caught
sleep 0.1   # it waits for the lock meanwhile
t0=$(date +%s)
kill -INT "$pid"
finish 130 "SIGINT while waiting"
# Not its whole --wait (60 s); the margin is for a loaded machine.
[ $(( $(date +%s) - t0 )) -le 20 ] || fail "the waiting run took long to stop"
expect_grep "interrupted by SIGINT while waiting for another run; nothing was changed" "$T/run.err"
exec 9>&-
wait "$holder"

# --- SIGINT ignored at the start (nohup, or the background job of a
# script in some shells) stays ignored.
( trap '' INT; exec "$IDX" -q -j 1 -d "$T/ign" "$c" 2> "$T/run.err" ) &
pid=$!
wait_lock "$T/ign"
kill -INT "$pid"
finish 0 "SIGINT ignored"
exit 0
