# Feeds as corpus files.
#
# Model (seeded random runs): a feed file rewritten again and again with
# random items (new, edited, dropped) keeps every item it ever held, each
# with its latest text; removing the feed file deletes them all.  Then:
# a feed that is really HTML is read as a page, a feed cut short keeps
# its first items with a warning naming the line, and XML's entity
# tricks (an external entity, a billion laughs) neither read a local
# file nor blow up.
. "$(dirname "$0")/lib.sh"

SEED=${GAZETTE_SEED:-$(date +%s)}
FAIL_CONTEXT="seed $SEED"
c="$T/c"
mkdir -p "$c"

"$PY" - "$c" "$SEED" "$IDX" "$BIN/tests/gz-dump" "$T/idx" <<'PY' || fail "feed model"
import random, subprocess, sys
from xml.sax.saxutils import escape
c, seed, idx, dump, index = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rng = random.Random(seed)
WORDS = "tariff senate budget wheat subsidy veto treaty court pension".split()
model = {}                  # id -> body: what the index must hold
def write_feed(items):
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel>',
           "<title>Model Wire</title>"]
    for i, body in items:
        out.append("<item><title>Item %d</title><guid>model-%d</guid>"
                   "<pubDate>Mon, 0%d Jun 2025 10:00:00 +0000</pubDate>"
                   "<description>%s</description></item>" % (i, i, 1 + i % 9, escape(body)))
    out.append("</channel></rss>")
    open(c + "/wire.xml", "w").write("\n".join(out))
def indexed():
    got = {}
    for line in subprocess.run([dump, index], capture_output=True, text=True, check=True).stdout.splitlines():
        f = line.split("\t")
        if f[0] == "article":
            got[f[1]] = f[8]
    return got
for step in range(8):
    items = []
    for i in rng.sample(range(12), rng.randint(0, 5)):
        body = " ".join(rng.choice(WORDS) for _ in range(6)) + " v%d." % step
        items.append((i, body))
        model["model-%d" % i] = body
    write_feed(items)
    r = subprocess.run([idx, "-q", "-d", index, c], capture_output=True, text=True)
    if r.returncode != 0:
        print("step", step, "exit", r.returncode, r.stderr); sys.exit(1)
    got = indexed()
    if got != model:
        print("step", step, "index", sorted(got), "model", sorted(model))
        for k in model:
            if got.get(k) != model[k]:
                print(" ", k, repr(got.get(k)), "want", repr(model[k]))
        sys.exit(1)
print("feed model: %d items kept over 8 runs" % len(model))
PY

# The summary says what was kept.
"$PY" - "$c/wire.xml" <<'PY'
import sys
open(sys.argv[1], "w").write('<rss version="2.0"><channel><title>Model Wire</title>'
    '<item><guid>fresh-1</guid><title>Fresh</title><description>Okapi news.</description>'
    '<pubDate>Tue, 03 Jun 2025 10:00:00 +0000</pubDate></item></channel></rss>')
PY
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "kept from feeds that no longer hold them" "$T/err"
# A feed fetched over with an error page, then emptied, keeps its
# articles (the page itself is one more).
expect_exit 0 "$SRCH" -d "$T/idx" -o count '*'
n=$(cat "$T/out")
printf '<html><body><h1>503 Service Unavailable</h1></body></html>' > "$c/wire.xml"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "wire.xml: was a feed and no longer reads as one" "$T/err"
expect_exit 0 "$SRCH" -d "$T/idx" -o count '*'
[ "$(cat "$T/out")" = $((n + 1)) ] || fail "an error page over the feed: $(cat "$T/out") articles, want $((n + 1))"
: > "$c/wire.xml"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_exit 0 "$SRCH" -d "$T/idx" -o count '*'
[ "$(cat "$T/out")" = $((n + 1)) ] || fail "an empty feed file: $(cat "$T/out") articles, want $((n + 1))"
# Removing the feed deletes its articles, on purpose.
rm "$c/wire.xml"
echo '{"id":"other","date":"2025-01-01","body":"Unrelated."}' > "$c/other.jsonl"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_exit 0 "$SRCH" -d "$T/idx" -o count '*'
[ "$(cat "$T/out")" = 1 ] || fail "the removed feed's articles stayed: $(cat "$T/out")"

# Hostile feeds.
h="$T/h"
mkdir -p "$h"
cat > "$h/page.rss" <<'EOF2'
<!DOCTYPE html><html><head><title>Not a feed</title></head><body><p>Pangolin page.</p></body></html>
EOF2
cat > "$h/cut.xml" <<'EOF2'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Cut</title>
<item><guid>c1</guid><title>Narwhal first</title><description>Narwhal item.</description></item>
<item><guid>c2</guid><title>Second</title><description>Cut off he
EOF2
cat > "$h/xxe.xml" <<'EOF2'
<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>X</title><item><guid>x1</guid><title>Quokka</title><description>Quokka &x; end.</description></item></channel></rss>
EOF2
"$PY" - "$h/laughs.xml" <<'PY'
import sys
ents = ['<!ENTITY l0 "lol">'] + ['<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10)]
open(sys.argv[1], "w").write('<?xml version="1.0"?>\n<!DOCTYPE rss [%s]>\n'
    '<rss version="2.0"><channel><title>L</title><item><guid>l1</guid><title>Laughs</title>'
    '<description>Tapir &l9;</description></item></channel></rss>' % "".join(ents))
PY
timed "$IDX" -d "$T/hidx" "$h" > "$T/out" 2> "$T/err"
rc=$?
[ -f "$T/time" ] && echo "hostile feeds: $(tail -n 1 "$T/time")"
[ $rc = 0 ] || [ $rc = 1 ] || { cat "$T/err" >&2; fail "hostile feeds: exit $rc"; }
expect_grep "cut.xml:[0-9]*: " "$T/err"
for w in pangolin narwhal quokka tapir; do
    expect_exit 0 "$SRCH" -d "$T/hidx" -o count "$w"
done
expect_exit 1 "$SRCH" -d "$T/hidx" -o count root
# What --extract shows of feeds is what is indexed.
same_as_extract "$h" "$TOP/corpus/web/plains-gazette-wire.rss" -- pangolin narwhal drought grain
if [ -d "$SHARED/formats/feeds" ]; then
    same_as_extract "$SHARED/formats/feeds" -- news the example title
else
    echo "skip: ../shared/formats is absent: the shared feeds are not read"
fi
expect_exit 0 "$IDX" --extract "$h/xxe.xml"
grep -q "root:" "$T/out" && fail "an external entity was read"
expect_exit 0 "$IDX" --extract "$h/laughs.xml"
[ "$(wc -c < "$T/out")" -lt 100000 ] || fail "the billion laughs grew the text: $(wc -c < "$T/out") bytes"
true
