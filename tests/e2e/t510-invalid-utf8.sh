# Every class of invalid UTF-8, in article files and JSON Lines, in the
# body, the title, the id and the source: overlong encodings, UTF-16
# surrogates, truncated sequences, bytes F5-FF, lone continuation bytes,
# code points past U+10FFFF; and NUL bytes past the binary probe.  Each
# maximal invalid sequence becomes one U+FFFD (the article is indexed, a
# warning names the file, the line and the byte), the words around it stay
# searchable, and what comes out (JSON, --show) is valid UTF-8.
. "$(dirname "$0")/lib.sh"

c="$T/c"
mkdir -p "$c"
# Each class between two words; $PY writes the bytes exactly.
"$PY" - "$c" <<'PY'
import json, os, sys
d = sys.argv[1]
classes = [
    ("overlong2", b"\xc0\xaf"), ("overlong2b", b"\xc1\xbf"),
    ("overlong3", b"\xe0\x80\xaf"), ("overlong4", b"\xf0\x80\x80\xaf"),
    ("surrogate_hi", b"\xed\xa0\x80"), ("surrogate_lo", b"\xed\xbf\xbf"),
    ("truncated2", b"\xc3"), ("truncated3", b"\xe2\x82"), ("truncated4", b"\xf0\x9f\x98"),
    ("f5", b"\xf5"), ("ff", b"\xff"), ("fe", b"\xfe"),
    ("lone_cont", b"\x80"), ("lone_cont_run", b"\x80\xbf\x80"),
    ("above_max", b"\xf4\x90\x80\x80"),
]
words = ["lemur", "ocelot", "tamarin", "vicuna", "wallaby", "bonobo", "dugong",
         "gibbon", "jerboa", "kinkajou", "margay", "numbat", "pika", "quokka", "tenrec"]
body = b" ".join(w.encode() + b + b"tail" + str(i).encode() for i, ((n, b), w) in enumerate(zip(classes, words)))
with open(os.path.join(d, "bad.txt"), "wb") as f:
    f.write(b"date 2020-01-01\ntitle Bad \xff title\nsource Wire \xc0\xaf\nid bad-\xed\xa0\x80-txt\n\n" + body + b"\n")
# JSON Lines: the same bytes raw inside the strings (not escapes).
with open(os.path.join(d, "bad.jsonl"), "wb") as f:
    f.write(json.dumps({"id": "clean", "date": "2020-01-01", "body": "Capybara."}).encode() + b"\n")
    for i, ((n, b), w) in enumerate(zip(classes, words)):
        f.write(b'{"id": "j-' + n.encode() + b'", "date": "2020-01-02", "title": "T' + b + b'", "source": "S' + b
                + b'", "body": "' + w.encode() + b"j" + b + b'tail"}\n')
    f.write(b'{"id": "\xff\xfe", "date": "2020-01-02", "body": "Axolotl."}\n')
# NUL bytes: past the first 8 KiB of an article file they are replaced;
# inside the first 8 KiB the file is binary (t040 covers that).
with open(os.path.join(d, "nul.txt"), "wb") as f:
    f.write(b"date 2020-01-03\ntitle Nul\n\n" + b"filler " * 1300 + b"\nsifaka\x00pudu end\n")
# Valid UTF-8 of every length stays as it is.
with open(os.path.join(d, "good.txt"), "w", encoding="utf-8") as f:
    f.write("date 2020-01-04\ntitle Café Ωμέγα 中文 😀\n\nÉléphant naïve 中文 emoji😀 fin\n")
PY

expect_exit 0 "$IDX" -j 1 -d "$T/idx" "$c"
e="$T/err"
expect_grep "warning: .*/bad.txt:2: invalid UTF-8 replaced with U+FFFD" "$e"
expect_grep "warning: .*/nul.txt:5: NUL byte replaced with U+FFFD" "$e"
n=$(grep -c "warning: .*/bad.jsonl:[0-9]*: invalid UTF-8 replaced with U+FFFD (column" "$e")
[ "$n" = 16 ] || fail "bad.jsonl: $n warnings, want 16: $(cat "$e")"
grep -q "warning: .*good.txt" "$e" && fail "valid UTF-8 warned about"

# The words on both sides of each bad sequence are found.
for w in lemur ocelot tamarin vicuna wallaby bonobo dugong gibbon jerboa \
         kinkajou margay numbat pika quokka tenrec sifaka pudu; do
    expect_exit 0 "$SRCH" -d "$T/idx" -o ids "$w"
done
for i in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
    expect_exit 0 "$SRCH" -d "$T/idx" -o ids "tail$i"
done
expect_exit 0 "$SRCH" -d "$T/idx" -o ids axolotl
expect_exit 0 "$SRCH" -d "$T/idx" -o ids "éléphant naïve 中文"

# Everything that comes out is valid UTF-8, each bad sequence one U+FFFD.
"$SRCH" -d "$T/idx" --format json -n 1000 '*' > "$T/all.json" || fail "listing"
# ED A0 80 is three maximal subparts: three U+FFFD.
"$SRCH" -d "$T/idx" --show "$(printf 'bad-\357\277\275\357\277\275\357\277\275-txt')" --format json > "$T/bad.json" || fail "--show of the repaired id"
"$PY" - "$T/all.json" "$T/bad.json" <<'PY' || fail "output is not what it should be"
import json, sys
hits = [json.loads(l) for l in open(sys.argv[1], "rb").read().decode("utf-8").splitlines()]
assert len(hits) == 20, len(hits)
by = {h["id"]: h for h in hits}
assert "\ufffd\ufffd" in by, sorted(by)            # "\xff\xfe": two replacements
a = json.loads(open(sys.argv[2], "rb").read().decode("utf-8"))
assert a["title"] == "Bad \ufffd title", a["title"]
assert a["source"] == "Wire \ufffd\ufffd", a["source"]   # C0 AF: two maximal subparts
body = a["body"]
expect = {"lemur": 2, "ocelot": 2, "tamarin": 3, "vicuna": 4, "wallaby": 3, "bonobo": 3,
          "dugong": 1, "gibbon": 1, "jerboa": 1, "kinkajou": 1, "margay": 1, "numbat": 1,
          "pika": 1, "quokka": 3, "tenrec": 4}
for word in body.split():
    w = word.split("\ufffd")[0]
    assert word.count("\ufffd") == expect[w], (word, expect[w])
j = by["j-truncated4"]
assert j["title"] == "T\ufffd" and j["source"] == "S\ufffd", j
good = [h for h in hits if h["title"].startswith("Café")][0]
assert good["title"] == "Café Ωμέγα 中文 😀", good["title"]
PY
exit 0
