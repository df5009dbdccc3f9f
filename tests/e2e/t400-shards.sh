# Sharded indexes rank as one: the bundled corpus (and, when ../shared is
# there, the Reuters articles) indexed into one index and into two shards
# with --shard K/N gives the same ids, in the same order, with the same
# scores (to 1e-9) and the same stored data, whether the shards are given
# as several -d, as a stub file of "auto" lines, or as a stub file of
# "remote HOST:PORT" lines served by xapian-tcpsrv.  A shard whose server
# is gone is an error naming it (exit 2); --allow-partial searches the
# other shard and warns.
. "$(dirname "$0")/lib.sh"
command -v xapian-tcpsrv >/dev/null 2>&1 ||
    skip "xapian-tcpsrv is absent (Debian's xapian-tools)"

# same_ranking ONE 'SHARD ARGS' QUERYFILE [OPTIONS [ids]]: every query (one
# a line: options and words as JSON list), with OPTIONS, gives the same hits
# on ONE and on the shards (with "ids": the same ids in the same order).
same_ranking() {
    "$PY" - "$SRCH" "$1" "$2" "$3" "${4:-}" "${5:-}" <<'PY' || fail "shards rank differently ($2 ${4:-} ${5:-})"
import json, subprocess, sys
search, one, shards, queries = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4]
extra = sys.argv[5].split()
ids_only = sys.argv[6] == "ids"
def run(index_args, args):
    p = subprocess.run([search] + index_args + ["-f", "json"] + extra + args,
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{args}: exit {p.returncode}: {p.stderr}")
    return [json.loads(l) for l in p.stdout.splitlines()]
bad = 0
for line in open(queries, encoding="utf-8"):
    args = json.loads(line)
    a, b = run(["-d", one], args), run(shards, args)
    if not a:
        print(f"{args}: no hit on the single index (a test that tests nothing)")
        bad += 1
        continue
    if [h["id"] for h in a] != [h["id"] for h in b]:
        print(f"{args}: ids differ:\n  {[h['id'] for h in a][:10]}\n  {[h['id'] for h in b][:10]}")
        bad += 1
        continue
    if ids_only:
        continue
    for x, y in zip(a, b):
        if abs(x["score"] - y["score"]) > 1e-9:
            print(f"{args}: {x['id']} scores {x['score']!r} vs {y['score']!r}")
            bad += 1
            break
        x.pop("score"); y.pop("score")
        if x != y:
            print(f"{args}: {x['id']} differs:\n  {x}\n  {y}")
            bad += 1
            break
sys.exit(1 if bad else 0)
PY
}

# check_corpus NAME QUERYFILE CORPUS...: index, shard, serve, compare.
check_corpus() {
    name=$1 queries=$2; shift 2
    D="$T/$name"
    expect_exit 0 "$IDX" -q -d "$D/one" "$@"
    for k in 0 1; do
        expect_exit 0 "$IDX" -q --shard "$k/2" -d "$D/shard-$k" "$@"
    done
    n1=$("$SRCH" -d "$D/one" -o count '*')
    n0=$("$SRCH" -d "$D/shard-0" -o count '*')
    n2=$("$SRCH" -d "$D/shard-1" -o count '*')
    [ "$n0" -gt 0 ] && [ "$n2" -gt 0 ] && [ $((n0 + n2)) = "$n1" ] ||
        fail "$name: shards hold $n0 + $n2 articles, the index $n1"
    # A second run of a shard reads its articles again and adds none.
    expect_exit 0 "$IDX" --shard 1/2 -d "$D/shard-1" "$@"
    expect_grep "the index holds $n2 articles" "$T/err"
    # A shard refuses a run for another shard, or for all of them.
    expect_exit 2 "$IDX" -q -d "$D/shard-1" "$@"
    expect_grep 'shard 1/2: give --shard 1/2' "$T/err"

    printf 'auto shard-0\nauto %s\n' "$D/shard-1" > "$D/local.stub"
    serve "$D/shard-0"; P0=$PORT S0=$SPID
    serve "$D/shard-1"; P1=$PORT
    printf '# two shards\nremote 127.0.0.1:%s\n\nremote 127.0.0.1:%s\n' \
        "$P0" "$P1" > "$D/remote.stub"
    printf 'remote localhost:%s\n' "$P1" > "$D/remote-1.stub"

    same_ranking "$D/one" "-d $D/shard-0 -d $D/shard-1" "$queries"
    same_ranking "$D/one" "-d $D/local.stub" "$queries"
    # Over remote shards Xapian collapses copies shard by shard (its
    # counts of copies are lower bounds that depend on the split), so
    # the ranking is compared article by article, uncollapsed; collapsed,
    # the same copy stands for each story (the best by the order value on
    # every shard), so the ids still agree.
    same_ranking "$D/one" "-d $D/remote.stub" "$queries" --no-collapse
    same_ranking "$D/one" "-d $D/shard-0 -d $D/remote-1.stub --timeout 5000" "$queries" --no-collapse
    same_ranking "$D/one" "-d $D/remote.stub" "$queries" "" ids

    for ix in "-d $D/local.stub" "-d $D/remote.stub"; do
        # shellcheck disable=SC2086
        expect_exit 0 "$SRCH" $ix -o count '*'
        [ "$(cat "$T/out")" = "$n1" ] || fail "$ix: count $(cat "$T/out"), not $n1"
        id=$("$SRCH" -d "$D/shard-1" -o ids -n 1 '*')
        # shellcheck disable=SC2086
        expect_exit 0 "$SRCH" $ix --show "$id"
        "$SRCH" -d "$D/one" --show "$id" > "$T/show1"
        cmp -s "$T/out" "$T/show1" || fail "$ix: --show $id differs"
        # shellcheck disable=SC2086
        printf '%s\n' xyzzyqqq '*' | "$SRCH" $ix --batch -o count > "$T/batch"
        expect_grep "$n1" "$T/batch"
    done

    # One shard's server gone.
    kill -KILL "$S0"
    expect_exit 2 "$SRCH" -d "$D/remote.stub" '*'
    expect_grep "127.0.0.1:$P0" "$T/err"
    expect_exit 0 "$SRCH" -d "$D/remote.stub" --allow-partial -o count '*'
    [ "$(cat "$T/out")" = "$n2" ] || fail "partial: $(cat "$T/out") articles, not $n2"
    expect_grep "warning: shard 127.0.0.1:$P0 is unavailable" "$T/err"
    expect_exit 0 "$SRCH" -d "$D/remote.stub" --allow-partial -o ids -n 1000 '*'
    "$SRCH" -d "$D/shard-1" -o ids -n 1000 '*' > "$T/ids1"
    cmp -s "$T/out" "$T/ids1" || fail "partial: not the other shard's articles"
    # A local shard that is missing is named too.
    expect_exit 2 "$SRCH" -d "$D/shard-1" -d "$D/nowhere" '*'
    expect_grep "$D/nowhere" "$T/err"
}

cat > "$T/q-demo" <<'EOF'
["tax"]
["-n", "50", "--", "tax OR energy OR rates"]
["\"interest rates\""]
["title:energy"]
["--since", "2017", "tax"]
["-s", "newest", "-n", "20", "*"]
["-s", "oldest", "--offset", "3", "-n", "7", "*"]
["tax NOT energy"]
["--any", "clean energy credits"]
EOF
check_corpus demo "$T/q-demo" "$TOP/corpus"

if [ -d "$SHARED/corpus/reuters21578" ]; then
    cat > "$T/q-reuters" <<'EOF'
["-n", "100", "oil prices"]
["-n", "50", "\"interest rates\""]
["title:coffee"]
["--since", "1987-03-01", "--until", "1987-03-15", "-n", "100", "bank"]
["-s", "newest", "-n", "100", "wheat"]
["-s", "newest", "-n", "30", "--offset", "40", "*"]
["grain NOT wheat"]
["--any", "-n", "50", "crude oil opec output"]
["south"]
["platforms"]
EOF
    # (south and platforms: the tenth and fifth hits each stand for copies
    # on both shards, equal in weight and date.)
    check_corpus reuters "$T/q-reuters" "$SHARED/corpus/reuters21578/articles.jsonl.gz"
else
    echo "note: ../shared/corpus is absent: checked the bundled corpus only"
fi
