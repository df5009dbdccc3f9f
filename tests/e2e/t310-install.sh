# make install into a temporary prefix gives everything a user of the
# library needs: examples/search.c builds against it with pkg-config alone
# (shared, and static through the .pc's private fields), finds what
# gazette-search finds on the bundled corpus, and frees all it allocates;
# make uninstall then leaves no file behind.  DESTDIR stages the same tree.
. "$(dirname "$0")/lib.sh"

command -v make >/dev/null || skip "make is not installed"
command -v pkg-config >/dev/null || skip "pkg-config is not installed"
CC=${CC:-cc}
B_REL=${BIN#"$TOP"/}
prefix="$T/prefix"
install_make() {
    make -C "$TOP" --no-print-directory B="$B_REL" "$@" > "$T/make.log" 2>&1 ||
        { tail -n 30 "$T/make.log" >&2; fail "make $* failed"; }
}
install_make install PREFIX="$prefix"

for f in bin/gazette-index bin/gazette-search lib/libgazette.a \
         lib/libgazette.so.3 lib/libgazette.so include/gazette.h \
         lib/pkgconfig/gazette.pc share/man/man1/gazette-index.1 \
         share/man/man1/gazette-search.1 share/man/man7/gazette.7 \
         share/bash-completion/completions/gazette-search \
         share/bash-completion/completions/gazette-index \
         share/zsh/site-functions/_gazette; do
    [ -e "$prefix/$f" ] || fail "make install did not install $f"
done
[ -x "$prefix/bin/gazette-search" ] || fail "gazette-search is not executable"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
version=$(sed -n 's/^#define GAZETTE_VERSION_STRING "\(.*\)"/\1/p' "$TOP/include/gazette.h")
[ "$(pkg-config --modversion gazette)" = "$version" ] || fail "gazette.pc does not say version $version"

# A sanitized build (make asan) needs the sanitizer in the program too.
san=""
nm -D --undefined-only "$prefix/lib/libgazette.so.3" | grep -q __asan_ &&
    san="-fsanitize=address,undefined"

# Shared: pkg-config's flags and nothing else (the library is found at run
# time through LD_LIBRARY_PATH, as a prefix outside ld.so.conf needs).
# shellcheck disable=SC2046
$CC -Wall -Wextra $san -o "$T/search" "$TOP/examples/search.c" \
    $(pkg-config --cflags --libs gazette) 2> "$T/cc.err" ||
    { cat "$T/cc.err" >&2; fail "examples/search.c does not build with pkg-config's flags"; }
[ -s "$T/cc.err" ] && fail "examples/search.c builds with warnings: $(cat "$T/cc.err")"
export LD_LIBRARY_PATH="$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
ldd "$T/search" | grep -q "$prefix/lib/libgazette.so.3" || fail "the example does not use the installed libgazette.so.3"

# Static: the private fields of the .pc bring libgazette.a's dependencies.
# shellcheck disable=SC2046
$CC $san -o "$T/search-static" "$TOP/examples/search.c" $(pkg-config --cflags gazette) \
    $(pkg-config --static --libs gazette | sed 's/-lgazette/-l:libgazette.a/') ||
    fail "examples/search.c does not link statically with pkg-config --static"
readelf -d "$T/search-static" | grep -q 'NEEDED.*libgazette' && fail "the static example needs libgazette.so"

# The installed indexer builds the index; the example finds what the
# installed gazette-search finds, in the same order.
"$prefix/bin/gazette-index" -q -d "$T/idx" "$TOP/corpus" || fail "the installed gazette-index failed"
for q in 'olympic boycott' '"fiscal policy"' 'tariffs -china' 'date:2021 olympics' 'source:harbor'; do
    "$prefix/bin/gazette-search" -d "$T/idx" -o ids -- "$q" > "$T/want" || fail "gazette-search found nothing for $q"
    for prog in search search-static; do
        # shellcheck disable=SC2086
        "$T/$prog" "$T/idx" $q > "$T/out" 2> "$T/err" || fail "$prog $q: exit $?: $(cat "$T/err")"
        sed -n 's/^[0-9][0-9]*\. .*  \[\(.*\)\]$/\1/p' "$T/out" > "$T/got"
        cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" >&2; fail "$prog '$q' differs from gazette-search"; }
    done
done
"$T/search" "$T/idx" olympic boycott > "$T/out"
sed -n 2p "$T/out" | grep -q '^   .*[Bb]oycott' || fail "no snippet under the first hit: $(head -n 2 "$T/out")"
expect_exit 1 "$T/search" "$T/idx" zyzzyvaquux
expect_exit 2 "$T/search" "$T/idx" 'wheat OR (corn'
expect_grep "unbalanced" "$T/err"
expect_grep '^           \^$' "$T/err"
expect_exit 2 "$T/search" "$T/nowhere" boycott
expect_exit 2 "$T/search" "$T/idx"

# No leak and no invalid access in the example, under valgrind.
if [ -z "$san" ] && command -v valgrind >/dev/null; then
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --error-exitcode=3 "$T/search" "$T/idx" olympic boycott > /dev/null 2> "$T/vg" ||
        { cat "$T/vg" >&2; fail "valgrind found errors or leaks in the example"; }
fi

# make uninstall leaves no file or link behind.
install_make uninstall PREFIX="$prefix"
left=$(find "$prefix" ! -type d)
[ -z "$left" ] || fail "make uninstall left: $left"

# DESTDIR stages the tree; the .pc names the final prefix.
install_make install DESTDIR="$T/stage" PREFIX=/opt/gazette
[ -x "$T/stage/opt/gazette/bin/gazette-index" ] || fail "DESTDIR install put no gazette-index in place"
grep -qx 'prefix=/opt/gazette' "$T/stage/opt/gazette/lib/pkgconfig/gazette.pc" ||
    fail "gazette.pc does not name the prefix /opt/gazette"
install_make uninstall DESTDIR="$T/stage" PREFIX=/opt/gazette
left=$(find "$T/stage" ! -type d)
[ -z "$left" ] || fail "make uninstall with DESTDIR left: $left"
exit 0
