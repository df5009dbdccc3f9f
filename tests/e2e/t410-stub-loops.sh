# Stub files that loop or name one database twice are refused, with exit 2
# and a message naming the stub file and the entry, by gazette-search,
# gazette-index (a -d that is a stub) and its --status, before Xapian
# opens anything: a stub that lists itself used to recurse inside Xapian
# until the stack ran out (exit 139), and a shard listed twice counted
# every article twice.  (gazette-index now refuses any file as its -d.)
# Relative entries are read as Xapian reads them,
# from the stub's folder; an index's own XAPIANDB, stubs of stubs and a
# shard listed once keep working.
. "$(dirname "$0")/lib.sh"

mkdir "$T/w" && cd "$T/w" || fail "cd $T/w"
expect_exit 0 "$IDX" -q -d one "$TOP/corpus"
for k in 0 1; do
    expect_exit 0 "$IDX" -q --shard "$k/2" -d "shard-$k" "$TOP/corpus"
done
total=$("$SRCH" -d one -o count '*')
[ "$total" -gt 0 ] || fail "the bundled corpus gives no article"

# refused STUB RE...: gazette-search refuses -d STUB with exit 2 and a
# message matching every RE; gazette-index and its --status refuse it too
# (a stub file is no index folder for them), naming it, and leave the
# files as they were.
refused() {
    stub=$1; shift
    ls -lR "$T/w" > "$T/before"
    expect_exit 2 "$SRCH" -d "$stub" -o count oil
    for re in "$@"; do
        expect_grep "$re" "$T/err"
    done
    for run in "$IDX -q -d $stub $TOP/corpus" "$IDX --status -d $stub"; do
        # shellcheck disable=SC2086
        expect_exit 2 $run
        expect_grep "$stub" "$T/err"
    done
    ls -lR "$T/w" > "$T/after"
    cmp -s "$T/before" "$T/after" || fail "$stub: refusing it changed files"
}

# A stub that lists itself, as written, through ./ and absolutely.
echo 'auto self.stub' > self.stub
refused self.stub 'self\.stub:1: .*self\.stub' 'loop'
mkdir sub
printf '# itself\n\nauto ./me.stub\n' > sub/me.stub
refused sub/me.stub 'sub/me\.stub:3: ' 'sub/\./me\.stub' 'loop'
echo "auto $T/w/abs.stub" > abs.stub
refused abs.stub 'abs\.stub:1: ' 'loop'

# Two and three stubs in a ring; the entries are relative to each stub's
# own folder, as Xapian reads them.
echo 'auto b.stub' > a.stub
echo 'auto a.stub' > b.stub
refused a.stub 'b\.stub:1: ' 'a\.stub -> b\.stub -> a\.stub' 'loop'
mkdir -p r1 r2
echo 'auto ../r2/y.stub' > r1/x.stub
printf 'auto shard-0\nauto z.stub\n' > r2/y.stub
cp -r shard-0 r2/
echo 'auto ../r1/x.stub' > r2/z.stub
refused r1/x.stub 'r2/z\.stub:1: ' 'r1/x\.stub -> r1/\.\./r2/y\.stub -> ' 'loop'

# An index folder whose own XAPIANDB leads back to it.
mkdir -p ring && cp -r one/gen-* ring/ && echo 'auto .' > ring/XAPIANDB
refused ring 'ring/XAPIANDB:1: ' 'loop'

# One shard listed twice: as written, through another spelling of its
# path, through a symbolic link, through a nested stub, through two stubs
# that share it, and remotely (refused before any connection is tried).
printf 'auto shard-0\nauto shard-1\nauto shard-0\n' > twice.stub
refused twice.stub 'twice\.stub:3: ' 'shard-0' 'twice\.stub:1'
printf 'auto shard-0\nauto ./sub/../shard-0\n' > spelt.stub
refused spelt.stub 'spelt\.stub:2: ' 'shard-0'
ln -s shard-1 link-1
printf 'auto shard-1\nauto %s/link-1\n' "$T/w" > linked.stub
refused linked.stub 'linked\.stub:2: ' 'link-1'
echo 'auto shard-0' > inner.stub
printf 'auto shard-1\nauto inner.stub\nauto shard-0\n' > outer.stub
refused outer.stub 'outer\.stub:3: ' 'shard-0' 'inner\.stub:1'
echo 'auto shard-1' > left.stub
echo 'auto shard-1' > right.stub
printf 'auto left.stub\nauto right.stub\n' > diamond.stub
refused diamond.stub 'right\.stub:1: ' 'shard-1' 'left\.stub:1'
# (the generation an index's XAPIANDB names is the index itself)
printf 'auto one\nauto %s\n' "$(sed 's/^auto //' one/XAPIANDB | sed 's|^|one/|')" > gen.stub
refused gen.stub 'gen\.stub:2: ' 'one/gen-'
printf 'remote 127.0.0.1:9\nremote 127.0.0.1:09\n' > remote.stub
expect_exit 2 "$SRCH" -d remote.stub oil
expect_grep 'remote\.stub:2: ' "$T/err"
expect_grep 'twice' "$T/err"
# Two -d of one index, or a -d that a stub repeats, count it twice too.
expect_exit 2 "$SRCH" -d one -d ./one oil
expect_grep 'one' "$T/err"
expect_grep 'twice' "$T/err"
echo 'auto shard-0' > zero.stub
expect_exit 2 "$SRCH" -d shard-0 -d zero.stub oil
expect_grep 'zero\.stub:1: ' "$T/err"

# What is no loop keeps working: the index's own XAPIANDB, a stub of the
# index, a stub of stubs, a stub in another folder, and writing to the
# index.
expect_exit 0 "$SRCH" -d one -o count '*'
[ "$(cat "$T/out")" = "$total" ] || fail "the index counts $(cat "$T/out"), not $total"
echo 'auto shard-0' > s0.stub
echo '# the other half
auto shard-1' > s1.stub
printf 'auto s0.stub\nauto s1.stub\n' > both.stub
echo 'auto ../both.stub' > sub/up.stub
for ix in both.stub sub/up.stub "$T/w/both.stub"; do
    expect_exit 0 "$SRCH" -d "$ix" -o count '*'
    [ "$(cat "$T/out")" = "$total" ] || fail "$ix counts $(cat "$T/out"), not $total"
done
expect_exit 0 "$SRCH" -d s0.stub -d shard-1 -o count '*'
[ "$(cat "$T/out")" = "$total" ] || fail "two -d count $(cat "$T/out"), not $total"
expect_exit 0 "$IDX" -d one "$TOP/corpus"
expect_grep "the index holds $total articles" "$T/err"
expect_exit 0 "$IDX" --status -d one
expect_grep "articles: *$total" "$T/out"

# Stubs nest 32 deep at most: a bound on the recursion whatever the files
# say (an index's own XAPIANDB is one of them); 32 is far beyond any real
# layout.
mkdir deep
for i in $(seq 1 40); do echo "auto s$((i + 1)).stub" > "deep/s$i.stub"; done
echo 'auto ../shard-0' > deep/s41.stub
expect_exit 2 "$SRCH" -d deep/s1.stub oil
expect_grep 'deep/s32\.stub:1: deep/s33\.stub: stub files nested more than 32 deep' "$T/err"
expect_exit 0 "$SRCH" -d deep/s11.stub -o count '*'
