# A damaged index: each table file truncated, or overwritten with garbage
# past its first blocks, or the version file emptied.  Every command that
# meets the damage -- a search, --show, --batch, -o count, gazette-index and
# --status -- says the index is corrupt with the Xapian detail (the table's
# block) and exits 2; none crashes or hangs.  (The wrapper's unit test
# drives a table truncated under an open index; this is the user's view.)
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$IDX" -q -j 1 -d "$T/good" "$TOP/corpus"
gen=$(sed -n 's/^auto //p' "$T/good/XAPIANDB")
[ -f "$T/good/$gen/postlist.glass" ] || skip "not a glass database: $(ls "$T/good/$gen")"

# check WHAT: every command on $T/bad reports the corruption, exit 2.
check() {
    for q in boycott '"fiscal policy"' 'date:2021' '*'; do
        "$SRCH" -d "$T/bad" -o count -- "$q" > "$T/out" 2> "$T/err"
        rc=$?
        [ $rc = 2 ] || fail "$1: search '$q': exit $rc, want 2: $(head -c 300 "$T/err")"
        expect_grep "error: .*index is corrupt: .*\(Error\|block\|EOF\)" "$T/err"
    done
    expect_exit 2 "$SRCH" -d "$T/bad" --show axios-2021-04-06-olympics-boycott
    expect_grep "index is corrupt" "$T/err"
    printf 'boycott\nolympics\n' | "$SRCH" -d "$T/bad" --batch > "$T/out" 2> "$T/err"
    [ $? = 2 ] || fail "$1: --batch: not exit 2"
    expect_grep "index is corrupt" "$T/err"
    expect_exit 2 "$IDX" -q -d "$T/bad" "$TOP/corpus"
    expect_grep "error: .*bad: index is corrupt" "$T/err"
    expect_exit 2 "$IDX" --status -d "$T/bad"
    expect_grep "index is corrupt" "$T/err"
    # The damaged file is left as it was, for whoever looks into it.
    cmp -s "$T/bad/$gen/$2" "$T/damaged" || fail "$1: the damaged table was changed"
}
fresh() {
    rm -rf "$T/bad"
    cp -r "$T/good" "$T/bad"
}
for table in postlist termlist docdata position; do
    fresh
    truncate -s 8192 "$T/bad/$gen/$table.glass"
    cp "$T/bad/$gen/$table.glass" "$T/damaged"
    check "$table truncated" "$table.glass"
    fresh
    "$PY" - "$T/bad/$gen/$table.glass" <<'PY'
import os, random, sys
random.seed(7)
with open(sys.argv[1], "r+b") as f:
    f.seek(8192)
    f.write(bytes(random.getrandbits(8) for _ in range(os.path.getsize(sys.argv[1]) - 8192)))
PY
    cp "$T/bad/$gen/$table.glass" "$T/damaged"
    check "$table overwritten" "$table.glass"
done
fresh
: > "$T/bad/$gen/iamglass"
cp "$T/bad/$gen/iamglass" "$T/damaged"
check "iamglass emptied" iamglass

# The good copy was never touched and answers.
expect_exit 0 "$SRCH" -d "$T/good" -o count boycott
exit 0
