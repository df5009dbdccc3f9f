# Symbolic links in a corpus.  By default a walk never follows one, so it
# never leaves the tree it was given nor loops; a link named on the command
# line is followed.  With --follow-symlinks every link is followed, also
# out of the tree; a loop is reported (a warning, nothing is lost) and not
# walked again, a directory reached twice is walked once, a file reached
# twice is read once, a broken link is a warning; a file is known by the
# path the links give it, so removing a link removes its articles.
. "$(dirname "$0")/lib.sh"

c="$T/c"
out="$T/outside"
mkdir -p "$c/a/deep/er" "$out/sub"
art() { printf 'date 2020-01-01\ntitle %s\n\n%s here.\n' "$2" "$2" > "$1"; }
art "$c/a/one.txt" Aardvark
art "$c/a/deep/er/two.txt" Bison
art "$out/outside.txt" Okapi
art "$out/sub/more.txt" Ocelot
art "$T/lone.txt" Lynx
ln -s .. "$c/a/loop"                 # back to the root: a loop
ln -s ../../.. "$c/a/deep/er/up"     # back to the root from deeper
ln -s self "$c/a/self"               # a link to itself
ln -s "$out" "$c/out"                # out of the tree
ln -s "$T/lone.txt" "$c/lone.txt"    # a file out of the tree
ln -s a "$c/b"                       # a second way into a/
ln -s a/one.txt "$c/same.txt"        # a second way to one file
ln -s nowhere.txt "$c/dangling.txt"  # broken
ln -s "$c" "$out/sub/back"           # out, and back in

ids() { "$SRCH" -d "$1" -o ids -n 100 '*' | sort | tr '\n' ' '; }

# By default: the tree only, in silence.
expect_exit 0 "$IDX" -d "$T/idx" "$c"
[ "$(ids "$T/idx")" = "one two " ] || fail "default walk: $(ids "$T/idx")"
grep -v "gazette-index: [0-9]* files" "$T/err" && fail "messages about links: $(cat "$T/err")"
# A link named on the command line is followed; a loop there is an error.
expect_exit 0 "$IDX" -d "$T/idx-named" "$c/out" "$c/lone.txt"
[ "$(ids "$T/idx-named")" = "lone more outside " ] || fail "named links: $(ids "$T/idx-named")"
expect_exit 2 "$IDX" -d "$T/idx-named" "$c/a/self"
expect_grep "error: .*/a/self: Too many levels of symbolic links" "$T/err"

# --follow-symlinks: everything once, loops and the broken link reported.
expect_exit 0 "$IDX" --follow-symlinks -d "$T/f" "$c"
[ "$(ids "$T/f")" = "lone more one outside two " ] || fail "followed: $(ids "$T/f")"
e="$T/f.err"
cp "$T/err" "$e"
expect_grep "warning: $c/a/loop: symbolic link loop: not followed" "$e"
expect_grep "warning: $c/a/deep/er/up: symbolic link loop: not followed" "$e"
expect_grep "warning: $c/a/self: symbolic link loop: not followed" "$e"
expect_grep "warning: $c/dangling.txt: broken symbolic link: No such file or directory" "$e"
expect_grep "warning: $c/out/sub/back: symbolic link loop: not followed" "$e"
expect_grep "5 files .*; 5 articles read (5 new), .* 0 rejected, 5 warnings" "$e"
# A file is known by the path its links give it.
expect_exit 0 "$SRCH" -d "$T/f" -o files okapi
[ "$(cat "$T/out")" = "$(cd "$c" && pwd -P)/out/outside.txt" ] || fail "path of a followed file: $(cat "$T/out")"
# Nothing changed: nothing to do.
expect_exit 0 "$IDX" --follow-symlinks -d "$T/f" "$c"
expect_grep "0 changed, 0 new, 0 vanished); 0 articles read" "$T/err"
# A link removed takes its articles with it; the file itself is intact.
rm "$c/out"
expect_exit 0 "$IDX" --follow-symlinks -d "$T/f" "$c"
expect_grep "2 vanished); 0 articles read, 2 deleted" "$T/err"
[ "$(ids "$T/f")" = "lone one two " ] || fail "after the link went: $(ids "$T/f")"
[ -f "$out/outside.txt" ] || fail "the file behind the link is gone"

# A deep tree is no problem (no recursion limit is near).
d="$T/deep"
p="$d"
for i in $(seq 150); do p="$p/d"; done
mkdir -p "$p"
art "$p/bottom.txt" Dugong
expect_exit 0 "$IDX" --follow-symlinks -d "$T/deep.idx" "$d"
expect_exit 0 "$SRCH" -d "$T/deep.idx" dugong
exit 0
