# The bash completion offers each program's options, the values of
# --format, --sort, --output and --color, the plain date words of --since,
# --until and --on, field names for a query word,
# directories for -d and languages for -l.  Driven through compgen in a
# plain `bash -c`: no terminal, no bash-completion package needed.
. "$(dirname "$0")/lib.sh"

command -v bash >/dev/null || skip "bash is not installed"
comp="$TOP/completions/gazette.bash"
mkdir -p "$T/corpus.d" "$T/news.idx"
: > "$T/notes.txt"

# complete FUNCTION WORD...: the candidates for the last WORD, sorted, one
# a line (bash splits "--format=j" into "--format" "=" "j", as here).
complete_words() {
    bash -c '
        . "$1" || exit 9
        fn=$2; shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        "$fn" 2>/dev/null
        printf "%s\n" "${COMPREPLY[@]}"' sh "$comp" "$@" | grep -v '^$' | sort
}
# expect FUNCTION "CANDIDATES" WORD...
expect() {
    fn=$1 want=$2; shift 2
    got=$(complete_words "$fn" "$@" | tr '\n' ' ' | sed 's/ $//')
    [ "$got" = "$want" ] || fail "completing '$*': got '$got', want '$want'"
}

S=_gazette_search I=_gazette_index
expect $S "--format" gazette-search --fo
expect $S "--offset --on --output" gazette-search --o
expect $S "json text tsv" gazette-search --format ""
expect $S "json" gazette-search --format = j
expect $S "json" gazette-search -f j
expect $S "newest oldest relevance" gazette-search --sort ""
expect $S "newest" gazette-search -s n
expect $S "count files ids summary" gazette-search -o ""
expect $S "always auto never" gazette-search --color ""
expect $S "author: date: exact: id: lang: site: source: title: url:" gazette-search -n 5 olympic ""
expect $S "site: source:" gazette-search olympic s
expect $S "author:" gazette-search olympic au
expect $S "title:" gazette-search --any ti
# After the first query word, or "--", a dash starts a word, not an option.
expect $S "" gazette-search olympic --fo
expect $S "" gazette-search -- --fo
expect $S "$T/corpus.d $T/news.idx" gazette-search -d "$T/"
expect $S "$T/news.idx" gazette-search --index "$T/ne"
expect $S "" gazette-search --limit ""
# The plain date words after a date option, spelt with underscores so that
# they need no quotes (--since last_week is --since "last week").
expect $S "last_month last_week last_year this_month this_week this_year today yesterday" gazette-search --since ""
expect $S "last_month last_week last_year" gazette-search --until la
expect $S "this_month this_week this_year today" gazette-search --on = t
expect $S "" gazette-search --now ""
expect $I "--language" gazette-index --lang
expect $I "french" gazette-index -l fr
expect $I "--commit-every --compact" gazette-index --com
expect $I "$T/news.idx" gazette-index -d "$T/n"
expect $I "$T/news.idx $T/notes.txt" gazette-index -q "$T/n"

# The option lists are those of --help.
for prog in search index; do
    "$BIN/gazette-$prog" --help |
        sed -n 's/^  *\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z0-9-]*\).*/\1\2/p' |
        tr ',' '\n' | tr -d ' ' | grep -v '^$' | sort -u > "$T/help"
    complete_words "_gazette_$prog" "gazette-$prog" - > "$T/comp"
    cmp -s "$T/help" "$T/comp" ||
        { diff "$T/help" "$T/comp" >&2; fail "gazette-$prog: the completion's options differ from --help"; }
done

# The zsh completion at least parses.
if command -v zsh >/dev/null; then
    zsh -n "$TOP/completions/_gazette" || fail "completions/_gazette does not parse"
fi
exit 0
