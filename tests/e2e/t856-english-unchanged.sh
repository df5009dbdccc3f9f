# An index of one language searches as it did before issue 22 (README:
# "An index of one language runs exactly the query it always did"),
# differentially: BASE, the tree before issue 22 (built once from this
# clone's history into build/bench/base, as `make bench-lang` does), and
# this build index the same English articles (the bundled corpus without
# corpus/world/, and the first 3,000 Reuters articles when ../shared is
# there), then answer the same random queries (words, phrases, OR, NOT,
# NEAR, title:, exact:, wildcards, --any, dates): every hit's rank, score,
# id, fields and snippet are BASE's.  DIFF_SEED=N repeats a run.
. "$(dirname "$0")/lib.sh"

command -v git > /dev/null || skip "no git to take BASE from"
git -C "$TOP" rev-parse --git-dir > /dev/null 2>&1 || skip "$TOP is no git clone"
first=$(git -C "$TOP" log --diff-filter=A --format=%H -- common/lang.h | tail -n 1)
[ -n "$first" ] || skip "no history of common/lang.h in this clone"
rev=$(git -C "$TOP" rev-parse "$first^")
base="$TOP/build/bench/base"
# One build of BASE for every run (the plain and the sanitizer suites);
# a concurrent run waits for it.
lock="$TOP/build/bench/base.lock"
mkdir -p "$TOP/build/bench"
n=0
until mkdir "$lock" 2> /dev/null; do
    n=$((n + 1))
    [ $n -lt 600 ] || fail "waited 10 minutes for $lock"
    sleep 1
done
trap 'rmdir "$lock" 2>/dev/null; for p in $SERVERS; do kill -KILL "$p" 2>/dev/null; done
      chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
if [ "$(cat "$base/rev" 2>/dev/null)" != "$rev" ] || [ ! -x "$base/src/build/gazette-search" ]; then
    rm -rf "$base"
    mkdir -p "$base/src"
    git -C "$TOP" archive "$rev" | tar -x -C "$base/src" || fail "git archive $rev"
    make -C "$base/src" -j2 build/gazette-index build/gazette-search \
        > "$base/make.log" 2>&1 || { tail -n 20 "$base/make.log" >&2; fail "BASE does not build"; }
    echo "$rev" > "$base/rev"
fi
rmdir "$lock"
OLD_IDX="$base/src/build/gazette-index"
OLD_SRCH="$base/src/build/gazette-search"

mkdir "$T/c"
cp -r "$TOP/corpus/." "$T/c/"
rm -rf "$T/c/world"
if [ -f "$SHARED/corpus/reuters21578/articles.jsonl.gz" ]; then
    zcat "$SHARED/corpus/reuters21578/articles.jsonl.gz" | head -n 3000 > "$T/c/reuters.jsonl"
else
    echo "note: no ../shared/corpus: the bundled articles only"
fi
expect_exit 0 "$OLD_IDX" -q -d "$T/old" "$T/c"
expect_exit 0 "$IDX" -q -d "$T/new" "$T/c"

seed=${DIFF_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
FAIL_CONTEXT="DIFF_SEED=$seed"
"$PY" - "$T/c" "$seed" > "$T/queries" <<'PY' || fail "making the queries"
import json, os, random, re, sys
root, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
texts = []
for d, _, files in os.walk(root):
    for f in files:
        p = os.path.join(d, f)
        if f.endswith(".jsonl"):
            for line in open(p, encoding="utf-8"):
                a = json.loads(line)
                texts.append(a.get("title", "") + " " + a.get("body", ""))
        elif f.endswith(".txt"):
            texts.append(open(p, encoding="utf-8", errors="replace").read())
words = [w for t in texts for w in re.findall(r"[A-Za-z]{3,}", t)]
def w():
    return rng.choice(words)
def phrase():
    t = rng.choice(texts)
    ws = re.findall(r"[A-Za-z]+", t)
    if len(ws) < 4:
        return w()
    i = rng.randrange(len(ws) - 3)
    return '"%s"' % " ".join(ws[i:i + rng.randint(2, 3)])
kinds = [
    lambda: w(),
    lambda: "%s %s" % (w(), w()),
    lambda: phrase(),
    lambda: "%s OR %s" % (w(), w()),
    lambda: "%s -%s" % (w(), w()),
    lambda: "%s NEAR/5 %s" % (w(), w()),
    lambda: "title:%s" % w(),
    lambda: "exact:%s" % w(),
    lambda: "%s*" % w()[:4].lower(),
    lambda: "%s date:1987" % w(),
    lambda: "--any\t" + " ".join(w() for _ in range(rng.randint(3, 8))),
    lambda: "--any\tthe %s of the %s" % (w(), w()),
]
for _ in range(120):
    print(rng.choice(kinds)())
PY

# Every hit as JSON: BASE's schema has no "lang", and its schema number
# is older; everything else (ranks, scores, fields, snippets and their
# highlights) must be the same.
n=0
while IFS= read -r q; do
    case $q in
        --any"	"*) set -- --any -- "${q#--any	}" ;;
        *) set -- -- "$q" ;;
    esac
    n=$((n + 1))
    "$OLD_SRCH" -d "$T/old" -f json -n 20 "$@" > "$T/a.$n" 2> "$T/ae"
    a=$?
    "$SRCH" -d "$T/new" -f json -n 20 "$@" > "$T/b.$n" 2> "$T/be"
    b=$?
    [ "$a" = "$b" ] || fail "'$*': BASE exits $a ($(cat "$T/ae")), this build $b ($(cat "$T/be"))"
done < "$T/queries"
"$PY" - "$T" "$T/queries" <<'PY' || fail "the hits differ from BASE's"
import json, sys
t, queries = sys.argv[1], open(sys.argv[2]).read().splitlines()
found = 0
for n, q in enumerate(queries, 1):
    def hits(f):
        out = []
        for line in open("%s/%s.%d" % (t, f, n), encoding="utf-8"):
            h = json.loads(line)
            h.pop("schema", None)
            h.pop("lang", None)
            out.append(h)
        return out
    a, b = hits("a"), hits("b")
    if a != b:
        for x, y in zip(a, b):
            if x != y:
                print("%r: BASE %r\n  this %r" % (q, x, y))
                break
        else:
            print("%r: %d hits against %d" % (q, len(a), len(b)))
        sys.exit(1)
    found += bool(a)
if found < len(queries) // 2:
    print("only %d of %d queries found anything: the check says little"
          % (found, len(queries)))
    sys.exit(1)
print("%d queries, %d with hits: the same as BASE's" % (len(queries), found))
PY
