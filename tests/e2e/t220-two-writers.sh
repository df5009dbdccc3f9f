# One writer at a time: a second run exits 75 at once with the other run's
# pid, or waits with --wait and then does its work; a crashed run leaves no
# stale lock.
. "$(dirname "$0")/lib.sh"

c="$T/c"
"$PY" "$(dirname "$0")/gencorpus.py" "$c" 4000 3
"$IDX" -q -d "$T/idx" "$TOP/corpus" || fail "first build"

"$IDX" -q -d "$T/idx" "$c" 2> "$T/first.err" &
first=$!
# Wait until the first run holds the lock (it writes its pid then).
for i in $(seq 100); do
    [ "$(cat "$T/idx/writer.pid" 2>/dev/null)" = "$first" ] && break
    sleep 0.05
done
expect_exit 75 "$IDX" -d "$T/idx" "$TOP/corpus"
expect_grep "index is being updated by another run (pid $first)" "$T/err"
# Searches run meanwhile.
expect_exit 0 "$SRCH" -d "$T/idx" -o count boycott

# With --wait the second run waits for the first and then does its work.
expect_exit 0 "$IDX" --wait 120 -d "$T/idx" "$TOP/corpus"
wait "$first" || fail "the first run failed: $(cat "$T/first.err")"

# kill -9 leaves no stale lock: the next run takes the index at once.
"$IDX" -q -d "$T/idx2" "$c" &
pid=$!
sleep 0.5
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
expect_exit 0 "$IDX" -q -d "$T/idx2" "$c"
exit 0
