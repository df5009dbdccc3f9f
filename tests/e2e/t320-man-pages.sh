# The man pages agree with --help: every option (long and short) that one
# lists, the other lists too, and the exit codes of --help are those of the
# page's EXIT STATUS.  Every page renders without a roff warning.
. "$(dirname "$0")/lib.sh"

man_dir="$TOP/doc/man"

# Long and short options of a --help text: the option column only.
help_options() {
    sed -n 's/^  *\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z0-9-]*\).*/\1\2/p' "$1" |
        tr ',' '\n' | tr -d ' ' | grep -v '^$' | sort -u
}
# ... of a man page: the tag line after each .TP in the OPTIONS section.
man_options() {
    awk '/^\.SH /{ in_opts = ($2 == "OPTIONS") } in_opts && tp { print; tp = 0 }
         in_opts && /^\.TP/ { tp = 1 }' "$1" |
        sed 's/\\-/-/g; s/\\f[BIRP]//g' |
        grep -oE '(^|[ "])--?[A-Za-z0-9][a-z0-9-]*' | tr -d ' "' | sort -u
}

for prog in gazette-index gazette-search; do
    page="$man_dir/$prog.1"
    [ -f "$page" ] || fail "no man page $page"
    "$BIN/$prog" --help > "$T/help" || fail "$prog --help failed"
    help_options "$T/help" > "$T/help.opts"
    man_options "$page" > "$T/man.opts"
    [ "$(grep -c -- '^--' "$T/help.opts")" -ge 5 ] || fail "read too few options from $prog --help"
    only_help=$(comm -23 "$T/help.opts" "$T/man.opts" | tr '\n' ' ')
    only_man=$(comm -13 "$T/help.opts" "$T/man.opts" | tr '\n' ' ')
    [ -z "$only_help" ] || fail "$prog --help lists options that $prog.1 lacks: $only_help"
    [ -z "$only_man" ] || fail "$prog.1 lists options that $prog --help lacks: $only_man"

    # "Exit status: 0 ..., 1 ..., 2 ...": each code has its .B N in the page.
    codes=$(sed -n '/^Exit status:/,$p' "$T/help" | grep -oE '(^|[ :,])[0-9]+ ' | tr -dc '0-9\n ')
    [ -n "$codes" ] || fail "no exit codes in $prog --help"
    for c in $codes; do
        awk '/^\.SH /{ on = ($2 == "EXIT") } on' "$page" | grep -qx "\.B $c" ||
            fail "$prog.1 EXIT STATUS lacks code $c"
    done
done

# The overview page names what the others point to.
for section in "CORPUS FORMATS" "QUERY SYNTAX" "EXIT STATUS" "CRON" "SCALE-OUT" "LIBRARY"; do
    grep -q "^\.SH $section" "$man_dir/gazette.7" || fail "gazette.7 has no $section section"
done
grep -q 'xapian\\-tcpsrv' "$man_dir/gazette.7" || fail "gazette.7 does not name xapian-tcpsrv"

if command -v groff >/dev/null; then
    for page in "$man_dir"/*.[1-9]; do
        LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2> "$T/groff" ||
            fail "groff failed on $page"
        [ -s "$T/groff" ] && fail "$page: $(head -n 5 "$T/groff")"
    done
fi
exit 0
