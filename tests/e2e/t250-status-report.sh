# What cron needs: --quiet is silent on success, --report writes the run's
# counts and rejections as JSON, --status tells the index's state; bad
# states give clear messages.
. "$(dirname "$0")/lib.sh"

cp -r "$TOP/corpus" "$T/c"
printf 'date 2020-01-01\n\nbinary\000data\n' > "$T/c/broken.txt"
expect_exit 1 "$IDX" -q --report "$T/r1.json" -d "$T/idx" "$T/c"
expect_grep "broken.txt.*binary" "$T/err"
grep -v broken.txt "$T/err" && fail "--quiet printed more than the problem"
"$PY" - "$T/r1.json" <<'PY' || fail "report 1"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == 1 and r["exit"] == 1, r
assert r["files"] == 33 and r["new_files"] == 33 and r["unchanged"] == 0, r
assert r["articles"] == 53 and r["added"] == 53 and r["rejected"] == 1, r
assert r["skipped"] == {"revisit": 1, "request": 2, "metadata": 0, "other": 3}, r
assert r["rejections"][0]["path"].endswith("broken.txt") and "binary" in r["rejections"][0]["reason"], r
PY

# The rejected file is read (and reported) again next time, the rest not.
rm "$T/c/broken.txt"
rm "$T/c/articles/2015/demo-2015-rates-01.txt"
expect_exit 0 "$IDX" -q --report "$T/r2.json" -d "$T/idx" "$T/c"
[ -s "$T/err" ] && fail "--quiet run printed: $(cat "$T/err")"
"$PY" - "$T/r2.json" <<'PY' || fail "report 2"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["exit"] == 0 and r["unchanged"] == 31 and r["vanished"] == 2, r
assert r["deleted"] == 1 and r["rejections"] == [], r
assert r["appended"] == 0 and r["articles_unchanged"] == 0, r
PY

expect_exit 0 "$IDX" --status -d "$T/idx"
expect_grep "^articles:  52$" "$T/out"
expect_grep "^dates:     2015-12-12 .. 2025-06-05$" "$T/out"
expect_grep "^size:      [0-9.]* MB$" "$T/out"
expect_grep "^last run:  20[0-9-]*T[0-9:]*[-+][0-9]*, exit 0 (0 articles read, 0 rejected, 1 deleted)$" "$T/out"
expect_exit 2 "$IDX" --status -d "$T/none"
expect_grep "no index there" "$T/err"

# An index made with another stemmer, or not writable: clear errors.
expect_exit 2 "$IDX" -l french -d "$T/idx" "$T/c"
expect_grep "built with the 'english' stemmer" "$T/err"
# An index directory that is not writable (root writes anything: try as
# nobody then).
chmod -R a-w "$T/idx"
chmod a+rx "$T" && chmod -R a+rX "$T/c"
if [ "$(id -u)" = 0 ]; then
    expect_exit 2 setpriv --reuid=65534 --regid=65534 --clear-groups "$IDX" -d "$T/idx" "$T/c"
else
    expect_exit 2 "$IDX" -d "$T/idx" "$T/c"
fi
expect_grep "error: .*idx.*\(Permission denied\|Read-only\|writ\)" "$T/err"
chmod -R u+w "$T/idx"
expect_exit 0 "$SRCH" -d "$T/idx" -o count '*'
expect_grep '^52$' "$T/out"
expect_exit 2 "$IDX" -l klingon -d "$T/idx-k" "$T/c"
expect_grep "klingon" "$T/err"

# A live progress line on a terminal only, never into a file or a pipe.
rm -rf "$T/p"
expect_exit 0 "$IDX" -d "$T/p" "$T/c"
grep -q "indexing:" "$T/err" && fail "progress written into a file"
if command -v script > /dev/null; then
    rm -rf "$T/p"
    script -qec "'$IDX' -d '$T/p' '$T/c'" /dev/null > "$T/tty" 2>&1 || fail "run on a terminal"
    grep -q "indexing: 31/31 files, 52 articles" "$T/tty" || fail "no progress line on a terminal: $(cat "$T/tty")"
    rm -rf "$T/p"
    script -qec "'$IDX' -q -d '$T/p' '$T/c'" /dev/null > "$T/tty" 2>&1
    grep -q "indexing:" "$T/tty" && fail "progress despite --quiet"
fi

# A disk that fills up (a file-size limit here): the run stops with an
# error, the last commit stays intact and searchable, and the next run
# finishes the job.
"$PY" "$(dirname "$0")/gencorpus.py" "$T/big" 3000 13
# One writer (-j 1) commits as it goes, so batches survive; a parallel
# build from nothing keeps nothing of a failed run (its parts are scratch)
# but leaves the index as it was.
( trap '' XFSZ; ulimit -f 2048; exec "$IDX" -j 2 -d "$T/full2" "$T/big" ) > "$T/out" 2> "$T/err"
[ $? = 2 ] || fail "a full disk during a parallel build: not exit 2: $(tail -n 3 "$T/err")"
expect_exit 1 "$SRCH" -d "$T/full2" -o count '*'
ls "$T/full2" | grep -q part && fail "parts left behind: $(ls "$T/full2")"
( trap '' XFSZ; ulimit -f 2048; exec "$IDX" -j 1 --commit-every 200 -d "$T/full" "$T/big" ) > "$T/out" 2> "$T/err"
rc=$?
[ $rc = 2 ] || fail "a full disk: exit $rc, want 2: $(tail -n 3 "$T/err")"
expect_grep "error: .*\(File too large\|No space\)" "$T/err"
expect_exit 0 "$SRCH" -d "$T/full" -o count '*'
[ "$(cat "$T/out")" -ge 200 ] || fail "the committed batches were lost"
expect_exit 0 "$IDX" -q -d "$T/full" "$T/big"
expect_exit 0 "$SRCH" -d "$T/full" -o count '*'
[ "$(cat "$T/out")" = 3000 ] || fail "the next run did not finish the job"
exit 0
