# Nothing read from the corpus, a file name or an argument reaches the
# terminal as a control character.  ESC sequences (OSC retitling the
# window, CSI clearing the screen and recolouring it), BEL and the C1 CSI
# go through each kind of message of both programs: a file name, content
# that is warned about or rejected, a JSON "near '...'" excerpt, an index
# path, a query with a syntax error (its caret line), --show, -d, --like,
# "Did you mean", --explain, --status, a batch query's error.  Messages
# show them escaped ("\x1b", "\u009b"); results written to a terminal
# show them as U+FFFD; results written to a pipe stay byte-exact.
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033') BEL=$(printf '\007') C1CSI=$(printf '\302\233')
HOSTILE="${ESC}]0;pwned${BEL}${ESC}[2J${ESC}[31m${C1CSI}1m"

# no_controls FILE WHAT: fail when FILE holds ESC, BEL or CSI (C1, or the
# raw byte 9B), once the terminal escapes the programs draw on purpose
# (the progress line's "\r ESC [K") are set aside.
no_controls() {
    "$PY" - "$1" <<'PY' || fail "$2: a control character reached the terminal"
import sys
data = open(sys.argv[1], 'rb').read().replace(b'\r\x1b[K', b'')
for bad in (b'\x1b', b'\x07', b'\xc2\x9b', b'\x9b'):
    if bad in data:
        sys.stderr.write('%r in %r\n' % (bad, data[:2000]))
        sys.exit(1)
PY
}

c="$T/c"
mkdir -p "$c"
# A file's name (no date line: a warning names it), content warned about
# (a date) and rejected (an id over the limit), JSON whose error quotes
# the input near the fault.
printf 'title Hostile name\n\noil drilling\n' > "$c/n${HOSTILE}.txt"
printf 'date 2020%s\ntitle Hostile date\n\noil prices\n' "$HOSTILE" > "$c/date.txt"
printf 'id %s%0300d\ntitle Long id\n\noil\n' "$HOSTILE" 0 > "$c/longid.txt"
printf 'date 2020-01-01\ntitle T%s\n\noil %s body\n' "$HOSTILE" "$HOSTILE" > "$c/body.txt"
{
    printf '{"id":"j1","body":"oil"} %s\n' "$HOSTILE"
    printf '{"id":"j2","body": tru%s}\n' "$HOSTILE"
    printf '[1,%s]\n' "$C1CSI"
} > "$c/bad.jsonl"

expect_exit 1 "$IDX" -d "$T/i" "$c"
no_controls "$T/err" "gazette-index's messages"
expect_grep 'n\\x1b\]0;pwned\\x07\\x1b\[2J\\x1b\[31m\\u009b1m\.txt:1: no date line' "$T/err"
expect_grep "invalid date '2020\\\\x1b" "$T/err"
expect_grep 'longid.txt:1: article id longer than' "$T/err"
expect_grep "near '\\\\x1b'" "$T/err"
expect_grep "near '\\\\u009b'" "$T/err"
expect_grep '^gazette-index: 5 files' "$T/err"

# An index path and a corpus path: errors, the summary, --status.
expect_exit 2 "$IDX" -d "$T/i" "$T/gone${HOSTILE}"
no_controls "$T/err" "a missing corpus path"
expect_exit 2 "$IDX" --status -d "$T/x${HOSTILE}"
no_controls "$T/err" "--status of no index"
mkdir "$T/d${HOSTILE}"
cp "$c/date.txt" "$T/d${HOSTILE}/"
expect_exit 0 "$IDX" -q -d "$T/i${HOSTILE}" "$T/d${HOSTILE}"
expect_exit 0 "$IDX" --compact -d "$T/i${HOSTILE}" "$T/d${HOSTILE}"
no_controls "$T/err" "the summary and --compact's line"
expect_grep 'compacted .*/i\\x1b' "$T/err"
expect_exit 0 "$IDX" --status -d "$T/i${HOSTILE}"
no_controls "$T/out" "--status"

# gazette-search: a query error and its caret, still under the fault.
expect_exit 2 "$SRCH" -d "$T/i" "oil ${HOSTILE} AND (oil"
no_controls "$T/err" "a query error"
"$PY" - "$T/err" <<'PY' || fail "the caret is not under the '(': $(cat "$T/err")"
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
query, caret = lines[1], lines[2]
assert query[caret.index('^')] == '(', (query, caret)
PY
expect_exit 2 "$SRCH" -d "$T/none${HOSTILE}" oil
no_controls "$T/err" "-d"
expect_exit 1 "$SRCH" -d "$T/i" --show "x${HOSTILE}"
no_controls "$T/err" "--show"
expect_grep "no article with id 'x\\\\x1b\]0;pwned\\\\x07" "$T/err"
"$SRCH" -d "$T/i" --like "x${HOSTILE}" > "$T/out" 2> "$T/err"
no_controls "$T/err" "--like"
expect_grep "x\\\\x1b" "$T/err"
expect_exit 0 "$SRCH" -d "$T/i" --explain "oil ${HOSTILE}"
no_controls "$T/out" "--explain"
expect_exit 0 "$SRCH" -d "$T/i" "oill OR \"${HOSTILE}\""
no_controls "$T/out" "Did you mean"
expect_grep '^Did you mean: oil OR "\\x1b' "$T/out"
printf 'oil\n(%s\n' "$HOSTILE" > "$T/batch"
expect_exit 2 "$SRCH" -d "$T/i" --batch "$T/batch"
no_controls "$T/err" "a --batch query's error"

# JSON escapes control characters, C1 too (jansson writes those raw): the
# same string to a parser, nothing raw for a terminal.
expect_exit 0 "$SRCH" -d "$T/i" --format json -n 50 oil
no_controls "$T/out" "JSON output"
grep -qi '\\u001b' "$T/out" || fail "JSON lost the ESC instead of escaping it"
grep -qi '\\u009b' "$T/out" || fail "JSON lost the C1 CSI instead of escaping it"
"$PY" -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if "\x9b" in json.loads(line)["title"]:
        sys.exit(0)
sys.exit(1)' "$T/out" || fail "JSON does not give the C1 CSI back"

# Results to a pipe are byte-exact, as cat's are: --show gives the
# article back, ESC and all, so it can be indexed again.
id=$("$SRCH" -d "$T/i" -o ids oil | grep '^n')
expect_exit 0 "$SRCH" -d "$T/i" --show "$id"
grep -q "$ESC" "$T/out" || fail "--show into a pipe is not byte-exact"

# Results on a terminal: text hits, ids, files, TSV, --show.
if command -v script > /dev/null 2>&1 &&
   script -qc true /dev/null > /dev/null 2>&1 < /dev/null; then
    on_tty() {
        # The arguments go through a file: script -c takes one string.
        : > "$T/cmd"
        for a in "$@"; do printf "'%s' " "$a" >> "$T/cmd"; done
        NO_COLOR=1 script -qc "sh '$T/cmd'" /dev/null < /dev/null > "$T/tty" 2>&1
    }
    for args in "-n 50 oil" "-o ids oil" "-o files oil" "--format tsv -n 50 oil"; do
        # shellcheck disable=SC2086
        on_tty "$SRCH" -d "$T/i" $args
        no_controls "$T/tty" "gazette-search $args on a terminal"
        grep -q "pwned" "$T/tty" || fail "gazette-search $args: no hostile hit: $(cat "$T/tty")"
    done
    on_tty "$SRCH" -d "$T/i" --show "$id"
    no_controls "$T/tty" "--show on a terminal"
    grep -q "^oil drilling" "$T/tty" || fail "--show on a terminal: $(cat "$T/tty")"
    on_tty "$IDX" --rebuild -d "$T/i" "$c"
    no_controls "$T/tty" "gazette-index on a terminal"
fi
exit 0
