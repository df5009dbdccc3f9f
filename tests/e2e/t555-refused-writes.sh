# A run that is refused writes nothing.  gazette-index refuses, with exit
# 2, a message saying what to do, and nothing created or changed:
# - a --report FILE inside the index, however it is spelled (relative,
#   through a symlink to the index or to a file in it, "idx/./gen-2/x", the
#   stub, writer.pid, a generation folder, an index not made yet);
# - a non-empty folder that is not a Gazette index (the corpus itself, a
#   file, a Xapian database of another program, a generation folder given
#   on its own, a folder whose XAPIANDB is not Gazette's stub);
# and takes a missing folder, an empty one, and one holding only what a
# first build killed before its stub left.  gazette-search's hint for a
# folder that holds no index leads to a folder gazette-index accepts.
. "$(dirname "$0")/lib.sh"

c="$T/corpus"
cp -r "$TOP/corpus" "$c"
mkdir "$T/cwd"
cd "$T/cwd" || fail "cd"
listing() { (cd "$1" && find . -printf '%p %s %T@ %m\n' | sort); }

# refused DIR RE CMD...: CMD exits 2 with a message matching RE, and
# nothing under DIR (nor the corpus) is created, removed or changed.
refused() {
    dir=$1 re=$2; shift 2
    listing "$dir" > "$T/before"
    listing "$c" > "$T/corpus.before"
    expect_exit 2 "$@"
    expect_grep "$re" "$T/err"
    listing "$dir" > "$T/after"
    listing "$c" > "$T/corpus.after"
    cmp -s "$T/before" "$T/after" ||
        { diff "$T/before" "$T/after" >&2; fail "$* changed $dir"; }
    cmp -s "$T/corpus.before" "$T/corpus.after" || fail "$* changed the corpus"
}

# ---- --report inside the index --------------------------------------------------
expect_exit 0 "$IDX" -q -j 1 -d idx "$c"
ln -s idx lnk
ln -s idx/XAPIANDB stub-link
ln -s idx/new.json dangling-link
inside="report .* is inside the index"
for r in idx/XAPIANDB idx/writer.pid idx/gen-1 idx/gen-1/postlist.glass \
         idx/./gen-2/x idx/new.json idx lnk/XAPIANDB ./lnk/../idx/XAPIANDB \
         "$T/cwd/idx/XAPIANDB" stub-link dangling-link idx/no/such/dir/r.json; do
    refused "$T/cwd" "$inside" "$IDX" -q -d idx --report "$r" "$c"
    # The index given through a symlink, the report by its real path.
    refused "$T/cwd" "$inside" "$IDX" -q -d lnk --report "$r" "$c"
done
# An index not made yet, and one made by default: the report would be
# inside them once made.
refused "$T/cwd" "$inside" "$IDX" -q -d new/idx --report new/idx/r.json "$c"
[ -e new ] && fail "the refused run made new/"
mkdir home
refused "$T/cwd" "$inside" env -u XDG_DATA_HOME HOME="$T/cwd/home" "$IDX" -q \
    --report home/.local/share/gazette/index/r.json "$c"
expect_exit 0 "$SRCH" -d idx -o count boycott
# Beside the index, the report is written.
expect_exit 0 "$IDX" -q -d idx --report idx.json "$c"
expect_grep '"exit": 0' idx.json
expect_exit 0 "$IDX" -q -d idx --report lnk-report.json "$c"

# ---- A folder that is not a Gazette index --------------------------------------
notidx="is not empty and holds no Gazette index: give a new or empty folder"
refused "$c" "$c $notidx" "$IDX" -q -d "$c" "$c"
refused "$c" "$notidx" "$IDX" -q -j 1 -d "$c" "$c"
# Its hint for such a folder leads gazette-index elsewhere.
expect_exit 2 "$SRCH" -d "$c" boycott
expect_grep "no index there" "$T/err"
grep -q -- "-d $c " "$T/err" && fail "the hint leads to the corpus: $(cat "$T/err")"
expect_grep "new folder" "$T/err"
# A file.
refused "$T/cwd" "idx.json is not a folder" "$IDX" -q -d idx.json "$c"
# A generation folder on its own: Gazette's database, but not an index.
refused "$T/cwd" "$notidx" "$IDX" -q -j 1 -d idx/gen-1 "$c"
# Another program's Xapian database: a generation stripped of Gazette's
# marks, with its articles, and emptied; compacted, which leaves out the
# empty tables a writer would add.
command -v xapian-metadata > /dev/null && command -v xapian-compact > /dev/null ||
    skip "xapian-tools (xapian-metadata, xapian-compact) is absent"
strip() {
    for k in $(xapian-metadata list "$1"); do
        xapian-metadata set "$1" "$k" "" || fail "xapian-metadata set $1 $k"
    done
}
cp -r idx/gen-1 full && strip full
xapian-compact full foreign > /dev/null || fail "xapian-compact"
mkdir empty-corpus
expect_exit 0 "$IDX" -q -d e empty-corpus
strip e/gen-1
xapian-compact e/gen-1 foreign-empty > /dev/null || fail "xapian-compact"
for db in foreign foreign-empty; do
    for j in 1 2; do
        refused "$T/cwd/$db" "$notidx" "$IDX" -q -j $j -d $db "$c"
    done
done
# The same database behind Gazette's stub: refused by its marks, before
# the lock's writer.pid is written.
mkdir stubbed && cp -r full stubbed/gen-1 && echo "auto gen-1" > stubbed/XAPIANDB
refused "$T/cwd/stubbed" "not a Gazette index" "$IDX" -q -d stubbed "$c"
# A XAPIANDB that is not Gazette's stub (another program's, or damaged).
mkdir other && cp -r full other/db && echo "auto db" > other/XAPIANDB
refused "$T/cwd/other" "XAPIANDB stub names no generation" "$IDX" -q -d other "$c"
refused "$T/cwd/other" "XAPIANDB stub names no generation" "$IDX" -q --rebuild -d other "$c"

# ---- Accepted: missing, empty, or a first build's leftovers ------------------------
dump_index idx "$T/want"
expect_exit 0 "$IDX" -q -d missing/idx "$c"
mkdir emptydir
expect_exit 0 "$IDX" -q -d emptydir "$c"
dump_index emptydir "$T/got"
cmp -s "$T/want" "$T/got" || fail "an index in an empty folder differs"
# Killed before the stub was written: a generation, its parts, a pid, the
# stub's temporary file.  Resumed as a new index.
mkdir -p killed/gen-1 killed/gen-2.part-0
cp -r idx/gen-1/. killed/gen-1/
echo 1 > killed/writer.pid
echo "auto gen-1" > killed/XAPIANDB.tmp
expect_exit 0 "$IDX" -q -d killed "$c"
dump_index killed "$T/got"
cmp -s "$T/want" "$T/got" || fail "the resumed index differs"
[ -z "$(ls killed | grep -e part -e tmp)" ] || fail "leftovers kept: $(ls killed)"
# Killed while Xapian made gen-1: its tables, without their version file.
mkdir -p killed2/gen-1
: > killed2/gen-1/flintlock; : > killed2/gen-1/v.tmp
: > killed2/gen-1/termlist.glass; : > killed2/gen-1/postlist.glass
expect_exit 0 "$IDX" -q -d killed2 "$c"
dump_index killed2 "$T/got"
cmp -s "$T/want" "$T/got" || fail "the index resumed from a half-made gen-1 differs"
# The root of a new file system holds lost+found.
mkdir -p fsroot/lost+found
expect_exit 0 "$IDX" -q -d fsroot "$c"
exit 0
