# The shapes of article that cost indexing the most memory (issue 17):
# words that are all different, one word repeated, many short lines, and
# many lines of different words in one batch.  An article's words stop at
# SCHEMA_ARTICLE_TERMS_MAX (100,000) distinct words, with a warning naming
# the file, the line and the limit; its first words are searchable, its
# body is stored whole, and every other article is indexed as it is.
# Peak RSS is measured by tests/bench/memory.sh, not here.
. "$(dirname "$0")/lib.sh"

c="$T/c"
mkdir -p "$c"
"$PY" - "$c" <<'PY'
import json, os, sys
d = sys.argv[1]
def word(tag, k):
    w = ""
    while True:
        w += "abcdefghijklmnopqrstuvwxyz"[k % 26]
        k //= 26
        if k == 0:
            return "zq" + tag + w
def art(i, body, **extra):
    return json.dumps(dict({"id": i, "date": "2020-01-01", "title": "t",
                            "body": body}, **extra)) + "\n"
# 110,000 different words (1 MB) between two ordinary lines.
with open(os.path.join(d, "wide.jsonl"), "w") as f:
    f.write(art("before", "Aardvark first."))
    f.write(art("wide", " ".join(word("w", k) for k in range(110000))))
    f.write(art("after", "Zebu last."))
# One word repeated 500,000 times; 500,000 short lines of one word.
with open(os.path.join(d, "repeated.txt"), "w") as f:
    f.write("date 2020-01-02\ntitle Repeated\n\n" + "okapi " * 500000)
with open(os.path.join(d, "lines.txt"), "w") as f:
    f.write("date 2020-01-03\ntitle Lines\n\n" + "quagga\n" * 500000)
# 100 lines of 300 different words each.
with open(os.path.join(d, "many.jsonl"), "w") as f:
    for i in range(100):
        f.write(art("m%d" % i, " ".join(word("m%d" % i, k) for k in range(300))))
PY
# The words of wide.jsonl:2 numbered from 0 (zqw + base 26, last digit
# first): 0 "zqwa", 50,000 "zqwczvc", 109,999 "zqwtsgg".
first=zqwa middle=zqwczvc last=zqwtsgg

expect_exit 0 "$IDX" -q -j 1 --commit-every 100000 -d "$T/idx" "$c"
cp "$T/err" "$T/index.err"
expect_grep "warning: .*/wide.jsonl:2: more than 100000 distinct words" "$T/index.err"
[ "$(grep -c 'distinct words' "$T/index.err")" = 1 ] || fail "want 1 word-limit warning"

found() { expect_exit 0 "$SRCH" -d "$T/idx" -o ids "$1"; expect_grep "^$2\$" "$T/out"; }
found "$first" wide; found "$middle" wide; found aardvark before; found zebu after
found okapi repeated; found quagga lines
expect_exit 1 "$SRCH" -d "$T/idx" "$last"
# The body is stored whole, past the limit too.
expect_exit 0 "$SRCH" -d "$T/idx" --show wide
expect_grep "$last" "$T/out"

# Every line of many.jsonl, the last one's last word included, and no
# article lost to the commits made before --commit-every said so.
found zqm0a m0; found zqm99nl m99
expect_exit 0 "$SRCH" -d "$T/idx" -o count '*'
[ "$(cat "$T/out")" = 105 ] || fail "$(cat "$T/out") articles, want 105"

# A second run reads nothing again and warns of nothing.
expect_exit 0 "$IDX" -d "$T/idx" "$c"
if grep -q "distinct words" "$T/err"; then fail "the unchanged file warned again"; fi

exit 0
