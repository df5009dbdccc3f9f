# Hostile JSON Lines: nesting 100,000 deep, a line of a million array
# items or 200,000 keys, numbers out of range, a bare string, trailing
# garbage, NUL bytes raw or escaped, lone UTF-16 surrogate escapes (what
# JavaScript writes for an emoji cut in half).  No crash, no stack
# overflow, bounded time and memory; each bad line is reported with its
# line number and the reason, every other line is indexed.
. "$(dirname "$0")/lib.sh"

c="$T/c"
mkdir -p "$c"
"$PY" - "$c/h.jsonl" <<'PY'
import json, sys
def art(i, word, **extra):
    return json.dumps(dict({"id": i, "date": "2020-01-01", "body": word + " here."}, **extra))
L = [
    art("ok1", "Aardvark"),                                   # 1
    "[" * 100000,                                             # 2 deep, unclosed
    '{"a":' * 100000 + "1" + "}" * 100000,                    # 3 deep objects
    "[" * 100000 + "]" * 100000,                              # 4 deep, closed
    art("deep500", "Bison", x=json.loads("[" * 500 + "]" * 500)),  # 5 deep enough
    '{"id":"num","date":"2020-01-01","body":"Coati.","n":1e999999}',  # 6
    '{"id":"dup","id":"dup2","date":"2020-01-01","body":"Dingo."}',   # 7 last wins
    '"just a string"',                                        # 8
    '{"id":"wide","date":"2020-01-01","body":"Gaur.","x":[' + ",".join(["1"] * 1000000) + "]}",  # 9
    '{"id":"keys","date":"2020-01-01","body":"Hyrax.",' + ",".join('"k%d":1' % i for i in range(200000)) + "}",  # 10
    '{"id":"trail","date":"2020-01-01","body":"Jackal."} garbage',  # 11
    '{"id":"nul\u0000raw","date":"2020-01-01","body":"Quoll."}',    # 12 raw NUL byte
    '{"id":"nulesc","date":"2020-01-01","body":"Rhea \\u0000 nul."}',  # 13
    # 14: lone surrogates, high and low, and a good pair; an escaped
    # backslash before "ud800" is no escape at all.
    '{"id":"sur","date":"2020-01-01","title":"Cut \\ud83d","body":"Serval \\udc00 x \\ud83d\\ude00 y \\\\ud800."}',
    art("ok2", "Kudu"),                                       # 15
]
open(sys.argv[1], "w").write("\n".join(L) + "\n")
PY

timed "$IDX" -j 1 -d "$T/idx" "$c" > "$T/out" 2> "$T/err"
rc=$?
[ -f "$T/time" ] && echo "indexing: $(tail -n 1 "$T/time")"
[ $rc = 1 ] || { cat "$T/err" >&2; fail "exit $rc, want 1"; }
e="$T/err"
expect_grep "error: .*/h.jsonl:2: at byte [0-9]*: invalid JSON: maximum parsing depth" "$e"
expect_grep "error: .*/h.jsonl:3: at byte [0-9]*: invalid JSON: maximum parsing depth" "$e"
expect_grep "error: .*/h.jsonl:4: at byte [0-9]*: invalid JSON: maximum parsing depth" "$e"
expect_grep "error: .*/h.jsonl:6: at byte [0-9]*: invalid JSON: real number overflow" "$e"
expect_grep "error: .*/h.jsonl:8: at byte [0-9]*: invalid JSON: '\\[' or '{' expected" "$e"
expect_grep "error: .*/h.jsonl:11: at byte [0-9]*: invalid JSON: end of file expected" "$e"
expect_grep "error: .*/h.jsonl:12: at byte [0-9]*: NUL byte in the line (column 11)" "$e"
expect_grep "warning: .*/h.jsonl:13: .*u0000 replaced with U+FFFD" "$e"
expect_grep "warning: .*/h.jsonl:14: .*lone UTF-16 surrogate" "$e"
expect_grep "7 rejected" "$e"

ids() { "$SRCH" -d "$T/idx" -o ids "$1" | tr '\n' ' '; }
for pair in aardvark:ok1 bison:deep500 dingo:dup2 gaur:wide hyrax:keys rhea:nulesc serval:sur kudu:ok2; do
    got=$(ids "${pair%%:*}")
    [ "$got" = "${pair#*:} " ] || fail "${pair%%:*}: got '$got', want '${pair#*:}'"
done
for w in coati jackal quoll; do
    expect_exit 1 "$SRCH" -d "$T/idx" "$w"
done
# Surrogates became U+FFFD, the good pair its emoji, the escaped
# backslash stayed a backslash.
expect_exit 0 "$SRCH" -d "$T/idx" --show sur --format json
"$PY" - "$T/out" <<'PY' || fail "the surrogates were not repaired as expected: $(cat "$T/out")"
import json, sys
a = json.loads(open(sys.argv[1], encoding="utf-8").read())
assert a["title"] == "Cut \ufffd", a["title"]
assert a["body"] == "Serval \ufffd x \U0001F600 y \\ud800.", a["body"]
PY
peak_rss_below 262144 ""
exit 0
