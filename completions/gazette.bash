# gazette.bash - bash completion for gazette-index and gazette-search.
#
# Installed as .../bash-completion/completions/gazette-search (and a link
# named gazette-index), or sourced from ~/.bashrc.  Uses only bash's own
# compgen/complete, so it also works without the bash-completion package.
# Keep the option lists in step with each program's --help
# (tests/e2e/t340-completion.sh checks them).

_gazette_search_options='--index --any --limit --offset --sort --since --until
    --on --now --format --output --null --color --show --batch --explain
    --expand --no-expand --bm25 --allow-partial --timeout --like --histogram --terms
    --no-collapse --no-suggest --lang --help --version -d -n -s -f -o -0 -h -V'
_gazette_index_options='--index --language --commit-every --keep-missing
    --follow-symlinks --shard --wait --jobs --rebuild --compact --report
    --status --extract --quiet --help --version -d -l -j -q -h -V'
# The plain dates, spelt with underscores: they need no quoting, and the
# programs read "last_week" as "last week".
_gazette_dates='today yesterday this_week last_week this_month last_month
    this_year last_year'
_gazette_languages='arabic armenian basque catalan danish dutch english
    finnish french german greek hindi hungarian indonesian irish italian
    lithuanian nepali norwegian porter portuguese romanian russian serbian
    spanish swedish tamil turkish yiddish'

# Sets cur and prev, treating "--opt=value" (which bash splits at '=') as
# "--opt value", and empties COMPREPLY.
_gazette_words()
{
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$cur" = "=" ]; then
        cur=
    elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi
}

# Non-zero when an earlier word ends the options: "--", or a word that is
# not an option nor an option's value.
_gazette_options_done()
{
    local i w takes_value=$1
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
        --) return 0 ;;
        =) continue ;;
        -*) continue ;;
        esac
        # A value of the option before it?
        case " $takes_value " in
        *" ${COMP_WORDS[i-1]} "*) continue ;;
        esac
        [ "${COMP_WORDS[i-1]}" = "=" ] && continue
        return 0
    done
    return 1
}

_gazette_dirs()
{
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -d -- "$1"))
}

_gazette_files()
{
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$1"))
}

# Offers the words of $1 that start with $cur.
_gazette_values()
{
    COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

# Offers the options $1 when $cur starts an option and no earlier word has
# ended the options ($2: the options that take a value).  Non-zero when it
# offered none.
_gazette_offer_options()
{
    if [[ $cur != -* ]] || _gazette_options_done "$2"; then
        return 1
    fi
    _gazette_values "$1"
}

_gazette_search()
{
    local cur prev
    _gazette_words
    case $prev in
    -d|--index) _gazette_dirs "$cur"; return ;;
    -s|--sort) _gazette_values 'relevance newest oldest'; return ;;
    --histogram) _gazette_values 'day week month year'; return ;;
    -f|--format) _gazette_values 'text json tsv'; return ;;
    -o|--output) _gazette_values 'summary ids files count'; return ;;
    --color|--colour) _gazette_values 'auto always never'; return ;;
    --since|--until|--on) _gazette_values "$_gazette_dates"; return ;;
    -n|--limit|--offset|--now|--show|--bm25|--timeout|--like|--terms|--lang) return ;;
    esac
    _gazette_offer_options "$_gazette_search_options" \
        '-d --index -n --limit --offset -s --sort --since --until --on --now -f --format -o --output --color --colour --show --bm25 --timeout --like --histogram --terms --lang' &&
        return
    # A query word: the field names, the cursor left after the colon.
    if [[ $cur != *:* ]]; then
        _gazette_values 'title: source: author: site: url: id: date: exact: lang:'
        [ ${#COMPREPLY[@]} -gt 0 ] && compopt -o nospace 2>/dev/null
    fi
}

_gazette_index()
{
    local cur prev
    _gazette_words
    case $prev in
    -d|--index) _gazette_dirs "$cur"; return ;;
    -l|--language) _gazette_values "$_gazette_languages"; return ;;
    --report) _gazette_files "$cur"; return ;;
    --commit-every|--wait|-j|--jobs|--shard) return ;;
    esac
    _gazette_offer_options "$_gazette_index_options" \
        '-d --index -l --language --commit-every --wait -j --jobs --report --shard' &&
        return
    # PATH...: files and directories.
    _gazette_files "$cur"
}

complete -F _gazette_search gazette-search
complete -F _gazette_index gazette-index
