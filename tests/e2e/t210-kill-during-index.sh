# kill -9 at random moments of indexing runs (some of them after the files
# changed) never leaves an index that fails to open or answer; the next run
# completes the job, and the result equals a clean build of the same files.
. "$(dirname "$0")/lib.sh"

c="$T/c"
"$PY" "$(dirname "$0")/gencorpus.py" "$c" 3000 7
seed=${KILL_SEED:-$(date +%s)}
echo "random seed $seed (KILL_SEED=$seed reproduces the kill times)"
FAIL_CONTEXT="KILL_SEED=$seed"
rng() { "$PY" -c "import random,sys; r=random.Random($seed*100+$1); print(r.${2})"; }

kills=0
exits=""
for i in $(seq 1 20); do
    # Each round changes every feed (1,500 articles to replace); every
    # third round also deletes a file, so deletions get interrupted too.
    sed -i "s/\"title\": \"/\"title\": \"R$i /" "$c"/feeds/f0*.jsonl
    if [ $((i % 3)) = 0 ]; then
        n=$(rng "$i" 'randint(0,6)')
        rm -f "$c/a/0$n/g0$n$(printf %03d $((i * 7)))".txt
    fi
    delay=$(rng "$i" 'uniform(0.02,0.6)')
    "$IDX" -q --commit-every 97 -d "$T/idx" "$c" 2>"$T/run.err" &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null
    # A run that ended on its own before the kill: its status and first
    # message, so that too few kills can be told from fast failures.
    rc=$?
    [ $rc = 137 ] || exits="$exits
  round $i (${delay}s): exit $rc $(head -c 200 "$T/run.err")"
    # Whatever was committed answers searches; never an error.
    if [ -e "$T/idx/XAPIANDB" ]; then
        "$SRCH" -d "$T/idx" -o count tariff > "$T/count" 2> "$T/search.err"
        rc=$?
        [ $rc = 0 ] || [ $rc = 1 ] || fail "round $i (after ${delay}s): search exit $rc: $(cat "$T/search.err")"
    fi
done
echo "$kills of 20 runs were killed mid-way"
[ "$kills" -ge 10 ] || fail "only $kills runs were interrupted: the test proves little; the others:$exits"

expect_exit 0 "$IDX" -d "$T/idx" "$c"
rm -rf "$T/clean"
expect_exit 0 "$IDX" -q -d "$T/clean" "$c"
dump_index "$T/idx" "$T/a.txt"
dump_index "$T/clean" "$T/b.txt"
cmp -s "$T/a.txt" "$T/b.txt" || { diff "$T/a.txt" "$T/b.txt" | head >&2; fail "differs from a clean build"; }
same_searches "$T/idx" "$T/clean" "tariff wheat" '"health care"' 'title:budget' 'R20' '* date:2010'
# A run now finds nothing to do.
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "0 changed, 0 new, 0 vanished); 0 articles read, 0 deleted" "$T/err"
exit 0
