# Query syntax errors: exit 2, nothing on stdout, and on stderr the reason,
# the query and a caret under the character at fault (counted in
# characters, not bytes).  Lower-case operators are plain words, and --any
# takes any text without failing.
. "$(dirname "$0")/lib.sh"

c="$T/corpus"
mkdir -p "$c"
printf 'date 2021-04-06\ntitle Wheat prices\nid w1\n\nWheat or barley: farmers choose.\n' > "$c/w1.txt"
printf 'date 2021-04-07\ntitle Harvest report\nid w2\n\nThe wheat harvest is not late.\n' > "$c/w2.txt"
printf 'date 2021-04-08\ntitle Café culture\nid w3\n\nA café serves wheat bread.\n' > "$c/w3.txt"
expect_exit 0 "$IDX" -d "$T/idx" "$c"

# caret QUERY MARK [N]: exit 2, stderr's first line is an error, its second
# "  QUERY", its third two spaces, then spaces up to the column of the N-th
# (default 1st) occurrence of MARK in QUERY (in characters), then '^'.
# MARK "$" means just past the end.
caret() {
    expect_exit 2 "$SRCH" -d "$T/idx" -- "$1"
    [ -s "$T/out" ] && fail "'$1': output on an error: $(cat "$T/out")"
    "$PY" - "$T/err" "$1" "$2" "${3:-1}" <<'PY' || fail "'$1': the caret is not under '$2':
$(cat "$T/err")"
import os, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
query, mark = (os.fsencode(a).decode("utf-8") for a in sys.argv[2:4])
nth = int(sys.argv[4])
if mark == "$":
    col = len(query)
else:
    col = -1
    for _ in range(nth):
        col = query.index(mark, col + 1)
assert lines[0].startswith("gazette-search: error: "), lines[0]
assert lines[1] == "  " + query, repr(lines[1])
assert lines[2] == "  " + " " * col + "^", "caret line %r, column %d wanted" % (lines[2], col)
assert len(lines) == 4 and lines[3] == "", "more after the caret: %r" % lines[3:]
PY
}

# Quotes.
caret '"wheat' '"'
caret 'wheat "harvest' '"'
caret 'title:"wheat' '"'
caret '"wheat" "' '"' 3
caret 'wheat “harvest' '“'
expect_grep "quote" "$T/err"
# Parentheses.
caret '(wheat' '('
caret 'wheat (harvest' '('
caret '(wheat (harvest)' '('
caret 'wheat)' ')'
caret 'wheat harvest)' ')'
caret '(wheat) harvest)' ')' 2
expect_grep "unbalanced" "$T/err"
caret 'wheat ()' '('
expect_grep "empty parentheses" "$T/err"
caret 'wheat ( ) harvest' '('
# An operator with nothing on one side.
caret 'OR wheat' 'OR'
expect_grep "OR" "$T/err"
caret 'wheat OR' 'OR'
caret 'wheat AND' 'AND'
caret 'NOT wheat' 'NOT'
caret 'wheat NOT' 'NOT'
caret 'wheat AND (OR harvest)' 'OR'
caret 'NEAR/3 wheat' 'NEAR'
# Fields (writer: is none; author: is, since issue 19).
caret 'writer:x' 'writer'
expect_grep "writer" "$T/err"
caret 'wheat writer:x' 'writer'
caret 'title:' 'title'
caret 'wheat title:' 'title'
caret 'wheat source:' 'source'
caret 'wheat date:' 'date'
# Bad dates: the caret under the field at fault.
caret 'wheat date:2021-13' '13'
caret 'wheat date:2021-02-30' '30'
caret 'wheat date:2021..2020' '2020'
caret 'wheat date:soon' 'soon'
# Plain dates (issue 18): the caret under the word that is no date form,
# inside quotes too; the message names the accepted forms.
caret 'wheat date:"last fortnight"' 'fortnight'
expect_grep "'last fortnight' is not a date: .*this or last week/month/year, or N days/weeks/months/years ago" "$T/err"
caret 'wheat date:last_fortnight' 'fortnight'
caret 'wheat date:"3 parsecs ago"..' 'parsecs'
caret 'wheat date:"-3 days ago"' '-'
caret 'wheat date:“next week”' 'next'
caret 'wheat date:"last week' '"'
expect_grep "unbalanced quote" "$T/err"
caret 'wheat date:"last week".."2021"' '2021'
expect_grep "range starts after it ends" "$T/err"
caret 'wheat date:2021-W53' '53'
# NEAR/N out of range.
caret 'wheat NEAR/0 harvest' 'NEAR'
expect_grep "NEAR" "$T/err"
caret 'wheat NEAR/1001 harvest' 'NEAR'

# Nothing is silently rewritten (issue 18): syntax misplaced or not
# supported yet, a
# sign doubled or inside a field, a word longer than the index holds.
caret 'wheat~3' '~'
expect_grep 'phrase slop: "a b"~N' "$T/err"
caret '"wheat harvest"~x' '~'
expect_grep 'needs a number N from 0 to 1000' "$T/err"
# Boosts (word^N): the number, its place, and where there is no weight.
caret 'wheat^ harvest' '^'
expect_grep 'a boost ^N needs a number N greater than 0 and at most 1000' "$T/err"
caret 'wheat^x' '^'
caret 'wheat^-1' '^'
caret 'wheat^0' '^'
caret 'wheat^1001' '^'
caret 'wheat^1.2345' '^'
caret 'café "wheat harvest"^' '^'
caret 'wheat ^2' '^'
expect_grep "'^' goes right after a word" "$T/err"
caret '^2' '^'
caret 'wheat (^2 harvest)' '^'
caret 'wheat OR^2 harvest' '^'
caret 'wheat -harvest^2' '^'
expect_grep 'excluded' "$T/err"
caret 'wheat NOT (harvest barley)^2' '^'
caret 'wheat source:reuters^2' '^'
expect_grep 'adds no weight' "$T/err"
caret 'wheat date:2021^2' '^'
caret 'wheat id:w1^2' '^'
caret 'wheat^2 NEAR harvest' '^'
expect_grep 'whole NEAR group' "$T/err"
# Grouping in a field.
caret 'title:()' '('
expect_grep "empty parentheses" "$T/err"
caret 'wheat title:(harvest' '('
expect_grep "unbalanced" "$T/err"
caret 'title:(wheat OR source:x)' 'source'
expect_grep "a field inside title:(...)" "$T/err"
caret 'title:(wheat' '('
caret 'title:(' '$'
caret 'source:("wheat harvest"~2)' '~'
expect_grep "phrase slop" "$T/err"
caret 'title:(wheat *)' '*'
# NEAR between phrases: Xapian 1.4 cannot; the message names what can be
# written instead.
caret '"border wall" NEAR/5 "national emergency"' '"'
expect_grep 'NEAR joins single words, not phrases or groups' "$T/err"
expect_grep '"a b c d"~N' "$T/err"
caret 'wall NEAR/5 "national emergency"' '"'
caret 'wheat NEAR (harvest OR barley)' '('
# Wildcards (issue 18): '*' ends one word; not inside a phrase, not in
# other fields; a prefix past the cap is a query error (exit 2) naming it.
caret 'wheat*barley' '*'
expect_grep "'\*' goes at the end of a word" "$T/err"
caret 'harvest **' '*'
caret 'source:whe*' '*'
caret '"wheat harv* report"' '*'
expect_grep 'a wildcard inside a phrase is not supported' "$T/err"
caret 'exact:whe*' '*'
caret 'wheat-harv*' 'wheat'
expect_grep 'a wildcard goes on one word' "$T/err"
caret "wheat ${long65:=$(printf 'w%.0s' $(seq 65))}*" "$long65"
caret '="wheat harvest"' '='
expect_grep "exact:" "$T/err"
caret 'harvest =wheat' '='
caret 'exact:' 'exact:'
# No caret for the cap: the index, not the text, decides it; the message
# names the wildcard and the cap.
for i in $(seq 1001); do
    printf '{"id": "c%d", "title": "t%d", "body": "zz%d"}\n' $i $i $i
done > "$c/cap.jsonl"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"
expect_exit 0 "$SRCH" -d "$T/idx" -o count 'zz100*'
expect_exit 2 "$SRCH" -d "$T/idx" 'zz*'
expect_grep "^gazette-search: error: 'zz\*' matches more than 1000 words; type more letters" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" -o count 'title:t*'
expect_grep "'title:t\*' matches more than 1000 title words" "$T/err"
# In a batch the query still has its line (the error), and the next runs.
printf 'zz*\nzz1000*\n' | expect_exit 2 "$SRCH" -d "$T/idx" --batch -f json -o ids
expect_grep '^{"schema":3,"query":1,"error":".*matches more than 1000 words' "$T/out"
expect_grep '^{"schema":3,"query":2,"id":"c1000"}' "$T/out"
caret 'wheat|barley' '|'
expect_grep "write OR" "$T/err"
caret 'harvest --wheat' '--'
expect_grep "one sign" "$T/err"
caret 'harvest -+wheat' '-+'
caret 'harvest +-wheat' '+-'
caret 'title:-wheat' '-'
expect_grep "before the field" "$T/err"
caret 'harvest NOT -wheat' '-'
long=$(printf 'w%.0s' $(seq 65))
caret "wheat $long" "$long"
expect_grep "longer than 64 bytes" "$T/err"
caret "\"é $long\"" "$long"
expect_exit 2 "$SRCH" -d "$T/idx" --any -- "wheat $long"
expect_grep "longer than 64 bytes" "$T/err"
# Punctuation between words separates them, as in the indexed text: a run
# such as "wheat&bread" is the phrase "wheat bread".
expect_exit 0 "$SRCH" -d "$T/idx" -o ids 'wheat&bread'
[ "$(cat "$T/out")" = w3 ] || fail "'wheat&bread': $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/idx" --explain 'wheat&bread'
expect_grep "PHRASE(wheat, bread)" "$T/out"

# Multi-byte characters before the fault: the caret counts characters.
caret 'café "wheat' '"'
caret 'naïve café (wheat' '('
caret 'café–crème wheat)' ')'
caret 'ééé writer:x' 'writer'
caret '“café” OR' 'OR'
caret 'café date:2021-02-30' '30'

# Lower-case and mixed-case operators are words, not errors.
expect_exit 0 "$SRCH" -d "$T/idx" -o ids wheat or barley
[ "$(cat "$T/out")" = w1 ] || fail "'wheat or barley': $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids harvest not late
[ "$(cat "$T/out")" = w2 ] || fail "'harvest not late': $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids or wheat
expect_exit 0 "$SRCH" -d "$T/idx" -o ids wheat not
expect_exit 0 "$SRCH" -d "$T/idx" -o ids Or wheat
# ... and the upper-case ones work.
expect_exit 0 "$SRCH" -d "$T/idx" -o ids wheat NOT barley
[ "$(sort "$T/out" | tr '\n' ' ')" = "w2 w3 " ] || fail "'wheat NOT barley': $(cat "$T/out")"

# --any: natural language; punctuation, operators and fields mean nothing,
# so it never fails while a word remains.
for q in 'what (is "the AND OR NOT: title:x -' '"wheat' '(wheat' 'wheat)' \
         'OR wheat' 'wheat NOT' 'writer:x wheat' 'title:' 'date:2021-02-30 wheat' \
         'NEAR/0 wheat' 'café "wheat' ')))wheat(((' 'wheat -'; do
    "$SRCH" -d "$T/idx" --any -- "$q" > "$T/out" 2> "$T/err"
    rc=$?
    [ $rc -eq 0 ] || [ $rc -eq 1 ] || fail "--any '$q': exit $rc: $(cat "$T/err")"
    [ -s "$T/err" ] && fail "--any '$q' printed: $(cat "$T/err")"
done
expect_exit 0 "$SRCH" -d "$T/idx" --any -o ids -- 'writer:x (wheat'
[ "$(wc -l < "$T/out")" -eq 3 ] || fail "--any 'writer:x (wheat': $(cat "$T/out")"
# Only a query without any word fails, and says so.
expect_exit 2 "$SRCH" -d "$T/idx" --any -- '"( ) -'
expect_grep "no words" "$T/err"
exit 0
