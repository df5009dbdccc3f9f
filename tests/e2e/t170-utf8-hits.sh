# Every hit is valid UTF-8, cut at character boundaries, in text and in
# JSON: a few hundred queries made from the shared corpus's own words
# (seeded: GAZETTE_SEED, printed), a third of them aimed at the last words
# of bodies that end on multi-byte punctuation (".”"), where a snippet
# used to keep half of the closing quote (issue 17, break 10).  Every
# byte of both outputs decodes strictly; every JSON line parses; no title
# or snippet holds a control character or a U+FFFD the article does not
# (the JSON writer used to hide a cut character behind one); every
# snippet, less its ellipses, is a piece of its article's body with the
# spaces folded, in text as in JSON; every highlight starts and ends on a
# character boundary of its snippet.
. "$(dirname "$0")/lib.sh"
need_shared
shared_index

SEED=${GAZETTE_SEED:-20261202}
echo "seed $SEED"
FAIL_CONTEXT="GAZETTE_SEED=$SEED"

"$PY" - "$SHARED/corpus" "$SRCH" "$SIDX" "$SEED" <<'PY' || fail "hits that are not clean UTF-8"
import gzip, json, random, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

corpus, search, index, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rng = random.Random(seed)
SETS = ("reuters21578", "allsides_news", "presidential_speeches")
HITS = "20"

# The JSON Lines, raw: an article is parsed only when a query is made from
# it or a hit names it (by its "path" and "line").
raw = {}
for ds in SETS:
    with gzip.open(f"{corpus}/{ds}/articles.jsonl.gz", "rb") as f:
        raw[ds] = f.read().split(b"\n")
def article(ds, n):
    return json.loads(raw[ds][n - 1])
def folded(s):
    return re.sub(r"[ \t\n\r]+", " ", s)

# ---- Queries ---------------------------------------------------------------
OPERATORS = {"AND", "OR", "NOT", "NEAR", "XOR"}
def words_of(text):
    return [w for w in re.findall(r"\w+", text) if w not in OPERATORS]
queries = []            # (kind, query)
ends = []
pool = []
while len(pool) < 3000:
    ds = rng.choice(SETS)
    n = rng.randrange(1, len(raw[ds]))
    if raw[ds][n - 1].strip():
        pool.append(article(ds, n))
for a in pool:
    words = words_of(a["body"])
    if len(words) < 3:
        continue
    if any(ord(c) > 127 for c in a["body"].rstrip()[-4:]):
        if len(ends) < 100:
            ends.append(a)
        continue
    kind = rng.choice(("words", "words", "title"))
    if kind == "words" and len(queries) < 200:
        long = [w for w in words if len(w) >= 4] or words
        queries.append(("words", " ".join(rng.sample(long, min(2, len(long))))))
    tw = [w for w in words_of(a["title"]) if len(w) >= 4]
    if kind == "title" and tw and len(queries) < 200:
        queries.append(("title", "title:" + rng.choice(tw)))
# Words with a multi-byte letter (rare in these English texts): snippets
# and highlights that start or stop beside one.
wide = sorted({w for a in pool for w in words_of(a["body"])
               if any(ord(c) > 127 for c in w)})
queries += [("wide", w) for w in rng.sample(wide, min(25, len(wide)))]
# The body's last two words, in that article: its snippet must end with the
# body, on the multi-byte punctuation; and the same words anywhere.
for a in ends:
    last = " ".join(words_of(a["body"])[-2:])
    queries.append(("end", f"id:{a['id']} {last}"))
    if len(queries) % 3 == 0:
        queries.append(("end-any", last))
rng.shuffle(queries)
print(f"{len(queries)} queries: " + ", ".join(
    f"{k} {sum(1 for q in queries if q[0] == k)}"
    for k in ("words", "title", "wide", "end", "end-any")))

# ---- Checks ----------------------------------------------------------------
problems = {}           # what is wrong -> [(query, detail)]
def problem(q, msg, detail=""):
    problems.setdefault(msg, []).append(f"{q[1]!r}: {msg}{detail}")

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
def clean_text(q, what, s, body_or_title):
    if CONTROL.search(s):
        problem(q, f"{what} holds a control character", f": {s!r}")
    if "\ufffd" in s and "\ufffd" not in body_or_title:
        problem(q, f"{what} holds a U+FFFD its article does not",
                f": ...{s[-60:]!r}")

def piece_of_body(q, what, snippet, body):
    core = snippet
    if core.startswith("\u2026"):
        core = core[1:]
    if core.endswith("\u2026"):
        core = core[:-1]
    if core not in folded(body):
        problem(q, f"{what} is no piece of the body", f": ...{snippet[-60:]!r}")

def strict(q, what, data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(q, f"{what} is not UTF-8", f" ({e.reason}): "
                f"{data[max(0, e.start - 30):e.end + 10]!r}")
        return None

checked = {"hits": 0, "that end with their body": 0,
           "of those next to a multi-byte character": 0}
def check_json_hit(q, h):
    ds = h["path"].split("/")[-2]
    a = article(ds, h["line"])
    if a["id"] != h["id"]:
        problem(q, "a hit names the wrong line", f": {h['id']}, {ds}:{h['line']}")
        return None
    for key in ("id", "date", "source", "url", "path"):
        if isinstance(h.get(key), str):
            clean_text(q, key, h[key], "")
    clean_text(q, "title", h["title"], a["title"] + a["body"])
    if a["title"] and h["title"] != a["title"]:
        problem(q, "a title is not the article's",
                f": {h['title']!r}, not {a['title']!r}")
    s = h["snippet"]
    clean_text(q, "snippet", s, a["body"])
    piece_of_body(q, "the JSON snippet", s, a["body"])
    b = s.encode("utf-8")
    for start, end in h["highlights"]:
        if not 0 <= start < end <= len(b):
            problem(q, "a highlight lies outside its snippet", f": {start},{end}")
            continue
        for cut in (start, end):
            if cut < len(b) and b[cut] & 0xC0 == 0x80:
                problem(q, "a highlight cuts a character",
                        f": {start},{end} in {s!r}")
    checked["hits"] += 1
    if not s.endswith("\u2026"):
        checked["that end with their body"] += 1
        if any(ord(c) > 127 for c in a["body"].rstrip()[-4:]):
            checked["of those next to a multi-byte character"] += 1
    return a

# JSON: every query in one --batch run.
out = subprocess.run([search, "-d", index, "--batch", "-n", HITS],
                     input="\n".join(q for _, q in queries).encode() + b"\n",
                     capture_output=True)
if out.returncode not in (0, 1):
    sys.exit(f"--batch: exit {out.returncode}: {out.stderr[-500:]!r}")
bodies = {}             # query number -> [(id, body)] in rank order
for line in out.stdout.split(b"\n")[:-1]:
    text = strict(("json", "--batch"), "a JSON line", line)
    if text is None:
        continue
    h = json.loads(text)
    if "hits" in h:     # a query without hits has its line too
        continue
    q = queries[h["query"] - 1]
    a = check_json_hit(q, h)
    if a:
        bodies.setdefault(h["query"] - 1, []).append((h["id"], a["body"]))

# Text: one run a query, two at a time.
HEAD = re.compile(r"^ {1,3}\d+\. .*\[([^\]]+)\]")
def text_run(i):
    return i, subprocess.run([search, "-d", index, "-n", HITS, "--color",
                              "never", "--", queries[i][1]], capture_output=True)
with ThreadPoolExecutor(2) as pool:
    for i, p in pool.map(text_run, range(len(queries))):
        q = queries[i]
        if p.returncode not in (0, 1):
            problem(q, "a search failed",
                    f": exit {p.returncode}: {p.stderr[-300:]!r}")
            continue
        text = strict(q, "the text output", p.stdout)
        if text is None:
            continue
        if CONTROL.search(text.replace("\n", "")):
            problem(q, "the text output holds a control character")
        lines = text.split("\n")
        heads = [(k, m.group(1)) for k, l in enumerate(lines)
                 for m in [HEAD.match(l)] if m]
        want = bodies.get(i, [])
        if [hid for _, hid in heads] != [hid for hid, _ in want]:
            problem(q, "the text hits are not the JSON ones",
                    f": {[h for _, h in heads]}, {[h for h, _ in want]}")
            continue
        for (k, _), (_, body) in zip(heads, want):
            snippet = lines[k + 1].strip() if k + 1 < len(lines) else ""
            if snippet and not HEAD.match(lines[k + 1]):
                piece_of_body(q, "the text snippet", snippet, body)

print(", ".join(f"{v} {k}" for k, v in checked.items()))
for msg, found in problems.items():
    print(f"{len(found)} times: {msg}, as in")
    for line in found[:3]:
        print("   ", line)
if checked["hits"] < 2000 or checked["of those next to a multi-byte character"] < 50:
    print("too few hits to tell (a test that tests nothing)")
    sys.exit(1)
print(f"{sum(len(f) for f in problems.values())} problems")
sys.exit(1 if problems else 0)
PY
