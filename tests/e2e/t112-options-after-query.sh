# Options after the query (issue 18): an argument there that is exactly a
# short option, a bundle of them, or a long option spelled out is that
# option; a short option with its value glued on where it could also be a
# word ("-n3"), or an unknown "-x", is refused; any other "-word" is NOT
# word; after "--" every argument is a word.  Never a wrong answer that
# looks right.
. "$(dirname "$0")/lib.sh"

c="$T/corpus"
mkdir -p "$c"
art() { printf 'date %s\ntitle %s\nid %s\n\n%s\n' "$2" "$3" "$1" "$4" > "$c/$1.txt"; }
art t1 2021-01-01 "Tariffs on steel" "Steel tariffs rise 3 percent under plan n."
art t2 2021-01-02 "Tariffs on lumber" "Lumber tariffs, the newest of them, hit builders."
art t3 2021-01-03 "Tariffs and crude oil" "Crude oil tariffs."
art t4 2021-01-04 "Tariffs on wheat" "Wheat tariffs again."
art t5 2021-01-05 "Crude rubber" "Crude rubber prices."
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
S() { "$SRCH" -d "$T/idx" "$@"; }

# same WANT ARGS...: exit 0 and the output of `S WANT-ARGS` (split on
# spaces) is that of `S ARGS`.
same() {
    want=$1; shift
    # shellcheck disable=SC2086
    S $want > "$T/want" 2> /dev/null || fail "'$want' failed"
    expect_exit 0 S "$@"
    cmp -s "$T/want" "$T/out" || fail "'$*' differs from '$want':
$(cat "$T/out")
--- wanted:
$(cat "$T/want")"
}

# The issue's cases: each is the option, as if given before the query.
same "-o ids -n 3 tariffs" -o ids tariffs -n 3
[ "$(wc -l < "$T/out")" -eq 3 ] || fail "tariffs -n 3: $(cat "$T/out")"
same "-o ids -s newest tariffs" -o ids tariffs -s newest
[ "$(head -n 1 "$T/out")" = t4 ] || fail "tariffs -s newest: $(cat "$T/out")"
same "-f json tariffs" tariffs -f json
expect_grep '^{' "$T/out"
# Several, between the words, and long ones too (with or without "=").
same "-o ids -n 2 -s oldest tariffs steel" -o ids tariffs -n 2 steel -s oldest
same "-o ids -n 3 tariffs" -o ids tariffs --limit 3
same "-o ids -n 3 tariffs" -o ids tariffs --limit=3
# A bundle of short options, the last taking the next argument.
same "-0 -o ids tariffs" tariffs -0o ids
[ "$(tr '\0' '\n' < "$T/out" | grep -c '^t')" -eq 4 ] || fail "-0o ids: $(od -c "$T/out")"
# -h after the query is --help.
expect_exit 0 S tariffs -h
expect_grep "Usage: gazette-search" "$T/out"

# Any other "-word" keeps its meaning: NOT word.
expect_exit 0 S -o ids crude -oil
[ "$(cat "$T/out")" = t5 ] || fail "crude -oil: $(cat "$T/out")"
same "-o ids -- tariffs -oil" -o ids tariffs -oil
same "-o ids tariffs NOT snow" -o ids tariffs -snow
# After "--", "-n" is the word NOT n, and options end.
expect_exit 0 S -o ids tariffs -- -n
[ "$(sort "$T/out" | tr '\n' ' ')" = "t2 t3 t4 " ] || fail "tariffs -- -n: $(cat "$T/out")"
same "-o ids -- tariffs NOT n" -o ids tariffs -n 3 -- -n
same "-o ids -- tariffs NOT n3" -o ids -- tariffs -n3
same "-o ids -- tariffs -x" -o ids tariffs -- -x

# Refused, with nothing searched: an unknown short option ...
expect_exit 2 S -o ids tariffs -x
[ -s "$T/out" ] && fail "tariffs -x printed: $(cat "$T/out")"
expect_grep "'-x'.*not an option" "$T/err"
expect_exit 2 S -o ids tariffs -5
# ... a short option with its value glued on, which could be a word ...
expect_exit 2 S -o ids tariffs -n3
[ -s "$T/out" ] && fail "tariffs -n3 printed: $(cat "$T/out")"
expect_grep "'-n3'.*'-n 3'.*'NOT n3'" "$T/err"
expect_exit 2 S tariffs -fjson
expect_exit 2 S tariffs -0oids
expect_grep "'-0o ids'" "$T/err"
# ... an option without its value, or with a bad one.
expect_exit 2 S tariffs -n
expect_exit 2 S tariffs -s
expect_exit 2 S tariffs --limit
expect_exit 2 S tariffs -s soonest
expect_grep "'soonest' is not relevance, newest or oldest" "$T/err"
exit 0
