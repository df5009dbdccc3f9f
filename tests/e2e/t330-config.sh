# Configuration without flags: GAZETTE_INDEX names the default index of
# both programs (else $XDG_DATA_HOME/gazette/index, else
# ~/.local/share/gazette/index), and --version names Gazette's, Xapian's
# and libstemmer's versions.
. "$(dirname "$0")/lib.sh"

version=$(sed -n 's/^#define GAZETTE_VERSION_STRING "\(.*\)"/\1/p' "$TOP/include/gazette.h")
stemmer=$(dpkg-query -W -f='${Version}' libstemmer0d 2>/dev/null)
for prog in gazette-index gazette-search; do
    expect_exit 0 "$BIN/$prog" --version
    expect_grep "^$prog $version (Xapian 1\.[0-9.]*, libstemmer ${stemmer:-unknown})\$" "$T/out"
    expect_exit 0 "$BIN/$prog" -V
    expect_grep "^$prog $version " "$T/out"
done

# GAZETTE_INDEX: gazette-index builds there, --status and searches use it.
GAZETTE_INDEX="$T/env.idx" expect_exit 0 "$IDX" -q "$TOP/corpus"
[ -f "$T/env.idx/XAPIANDB" ] || fail "gazette-index did not build \$GAZETTE_INDEX"
GAZETTE_INDEX="$T/env.idx" expect_exit 0 "$IDX" --status
expect_grep "^index: *$T/env.idx\$" "$T/out"
GAZETTE_INDEX="$T/env.idx" expect_exit 0 "$SRCH" -o count olympic
# -d wins over the environment.
GAZETTE_INDEX="$T/nowhere" expect_exit 0 "$SRCH" -d "$T/env.idx" olympic

# Without it: $XDG_DATA_HOME/gazette/index, else ~/.local/share/gazette/index.
XDG_DATA_HOME="$T/xdg" expect_exit 0 "$IDX" -q "$TOP/corpus/feeds"
[ -f "$T/xdg/gazette/index/XAPIANDB" ] || fail "no index under \$XDG_DATA_HOME/gazette/index"
XDG_DATA_HOME="$T/xdg" expect_exit 0 "$SRCH" -o count wheat
mkdir -p "$T/home"
HOME="$T/home" XDG_DATA_HOME= expect_exit 2 "$SRCH" wheat
expect_grep "$T/home/.local/share/gazette/index: no index there" "$T/err"
exit 0
