# The layers of doc/ARCHITECTURE.md hold: the programs reach the index only
# through libgazette's task-shaped modules (writer.h, search.h), never
# through the Xapian wrapper or the matcher under search.c; libgazette is
# exactly common/*.c and the wrapper, without the programs' own code
# (messages on stderr, output formats); and the library never prints.
. "$(dirname "$0")/lib.sh"

cd "$TOP" || fail "no $TOP"
CC=${CC:-cc}
command -v "$CC" >/dev/null || skip "no C compiler"
flags="-std=c11 -D_DEFAULT_SOURCE -Iinclude -Icommon $(pkg-config --cflags xapian-core libutf8proc jansson 2>/dev/null)"

# Every header a program file reads, through any chain of includes.
for f in indexer/*.c searcher/*.c; do
    # shellcheck disable=SC2086
    $CC $flags -MM "$f" > "$T/deps" 2> "$T/err" || fail "$CC -MM $f: $(cat "$T/err")"
    for h in xapian_wrap.h match.h search_index.h; do
        grep -q "common/$h" "$T/deps" && fail "$f includes common/$h (directly or not)"
    done
done

# The static library holds one object per common/*.c and the wrapper.
command -v ar >/dev/null || skip "ar (binutils) is not installed"
ar t "$BIN/libgazette.a" | sort > "$T/members" || fail "cannot list $BIN/libgazette.a"
{ for f in common/*.c common/*.cc; do b=${f##*/}; echo "${b%.*}.o"; done; } | sort > "$T/want"
cmp -s "$T/members" "$T/want" ||
    fail "libgazette.a is not common/*.c and the wrapper: $(diff "$T/want" "$T/members" | tr '\n' ' ')"

# Nothing in the library writes to a terminal or names a program's module.
command -v nm >/dev/null || skip "nm (binutils) is not installed"
nm -u "$BIN/libgazette.a" 2>/dev/null | awk '{print $2}' | sort -u > "$T/undef"
for sym in printf fprintf vfprintf puts fputs report_error report_warning report_status json_text; do
    grep -qx "$sym" "$T/undef" && fail "libgazette.a calls $sym: the library never prints"
done
exit 0
