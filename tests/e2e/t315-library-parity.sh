# libgazette and gazette-search are one search path (common/search.c): for
# the same query and options, gz_search() (through tests/helpers/gz-parity,
# which uses include/gazette.h only) gives exactly the hits of
# `gazette-search --format json`: the same ids in the same order, the
# same scores (to the 6 decimals of the TSV), the same "similar" counts
# and snippets, and the same author, site and url.  Also with the defaults of both, which collapse copies of
# a story.  Queries: a fixed list on a bundled-plus-generated index that
# holds two copies of one story (always run), a fixed list of over 30 on
# ../shared's corpus (skipped with a message when it is absent), and on
# each, random queries from the index's own words (seeded: the seed is in
# every failure; PARITY_SEED=N replays one).
. "$(dirname "$0")/lib.sh"

PARITY="$BIN/tests/gz-parity"
[ -x "$PARITY" ] || fail "$PARITY was not built"
SEED=${PARITY_SEED:-$(( $(date +%s) % 100000 ))}
FAIL_CONTEXT="PARITY_SEED=$SEED"

# parity NAME INDEX QUERIES: the library's hits and the program's for each
# line "OPTIONS<TAB>QUERY" of QUERIES (gz-parity.c says the options).
parity() {
    name=$1 idx=$2 queries=$3
    "$PARITY" "$idx" < "$queries" > "$T/$name.lib" 2> "$T/$name.err" ||
        fail "gz-parity failed on $name: $(cat "$T/$name.err")"
    "$PY" - "$SRCH" "$idx" "$queries" > "$T/$name.cli" <<'PY' || fail "running gazette-search for $name"
import json, subprocess, sys
srch, idx, queries = sys.argv[1:4]
flags = {"n": "-n", "offset": "--offset", "sort": "--sort", "since": "--since",
         "until": "--until", "on": "--on", "now": "--now", "bm25": "--bm25",
         "lang": "--lang"}
alone = {"any": "--any", "nocollapse": "--no-collapse", "expand": "--expand"}
for qnum, line in enumerate(open(queries, encoding="utf-8"), 1):
    opts, query = line.rstrip("\n").split("\t", 1)
    args = [srch, "-d", idx, "--format", "json", "--no-suggest"]
    for o in ([] if opts == "-" else opts.split(",")):
        name, _, value = o.partition("=")
        args += [alone[name]] if name in alone else [flags[name], value.replace(":", ",")]
    p = subprocess.run(args + ["--", query], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    if p.returncode == 2:
        print("%d\terror" % qnum)
        continue
    for hit in p.stdout.decode("utf-8").splitlines():
        h = json.loads(hit)
        print("%d\t%d\t%s\t%.6f\t%d\t%s\t%s\t%s\t%s" % (
            qnum, h["rank"], h["id"], h["score"], h["similar"], h["snippet"],
            h["author"], h["site"], h["url"]))
PY
    # A failed query is an error on both sides, whatever its status.  Both
    # sides must be valid UTF-8: the library hands out only valid text.
    "$PY" - "$T/$name.lib" "$T/$name.cli" <<'PY' || fail "$name: output that is not UTF-8, or cannot compare"
import re, sys
for path in sys.argv[1:]:
    text = open(path, "rb").read().decode("utf-8")
    text = re.sub(r"^(\d+)\terror\t.*$", r"\1\terror", text, flags=re.M)
    open(path + "2", "w", encoding="utf-8").write(text)
PY
    if ! cmp -s "$T/$name.lib2" "$T/$name.cli2"; then
        diff "$T/$name.lib2" "$T/$name.cli2" | head -n 20 >&2
        fail "$name: the library's hits (<) differ from gazette-search's (>) for the queries of $queries: $(head -c 2000 "$queries")"
    fi
    hits=$(grep -vc 'error$' "$T/$name.cli")
    [ "$hits" -gt 0 ] || fail "$name: no query found anything"
}

# random_queries INDEX N OUT: N queries made of words of INDEX's articles
# (their titles), in every form and with every option, from $SEED.
random_queries() {
    "$SRCH" -d "$1" --format json --no-collapse -n 400 '*' > "$T/words.json" ||
        fail "cannot list the articles of $1"
    "$PY" - "$T/words.json" "$2" "$SEED" > "$3" <<'PY' || fail "cannot make random queries"
import json, random, re, sys
words, years = set(), set()
for line in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(line)
    words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", h["title"]))
    if h["date"]:
        years.add(h["date"][:4])
words, years = sorted(words), sorted(years)
rng = random.Random(int(sys.argv[3]))
forms = ["{a}", "{a} {b}", '"{a} {b}"', "{a} OR {b}", "{a} -{b}", "title:{a}",
         "{a} NEAR/5 {b}", "({a} OR {b}) {c}", "{a} date:{y}", "{a} {b} {c}"]
options = ["-", "-", "-", "n=20", "offset=3", "sort=newest", "sort=oldest", "any",
           "nocollapse", "since={y}", "until={y}", "on={y}", "expand",
           "bm25=1.2:0.75", "n=5,offset=2,sort=newest", "any,nocollapse"]
for _ in range(int(sys.argv[2])):
    a, b, c = (rng.choice(words) for _ in range(3))
    y = rng.choice(years)
    print(rng.choice(options).format(y=y) + "\t" +
          rng.choice(forms).format(a=a, b=b, c=c, y=y))
PY
}

# ---- Always: the bundled corpus, a generated one, and two copies of a story.
"$PY" "$TOP/tests/e2e/gencorpus.py" "$T/gen" 300 7 || fail "gencorpus.py failed"
story='The harbour authority said on Monday that the new container terminal would double the port capacity by next spring, and that dredging of the channel had begun ahead of schedule despite the storms.'
mkdir -p "$T/dups"
for copy in 'dup-first 2022-05-02 A' 'dup-second 2022-05-03 B'; do
    set -- $copy
    printf '{"id": "%s", "date": "%s", "title": "Harbour terminal to double capacity", "source": "Wire %s", "author": ["Ann Lee", "Bo %s"], "url": "https://News.Wire%s.example/%s", "body": "%s"}\n' \
        "$1" "$2" "$3" "$3" "$3" "$1" "$story"
done > "$T/dups/copies.jsonl"
"$IDX" -q -d "$T/idx" "$TOP/corpus" "$TOP/tests/e2e/data" "$T/gen" "$T/dups" || fail "indexing the bundled and generated corpus failed"

"$SRCH" -d "$T/idx" -o ids harbour terminal capacity > "$T/ids" || fail "the copies are not found"
[ "$(grep -c '^dup-' "$T/ids")" = 1 ] || fail "gazette-search does not show the two copies as one: $(cat "$T/ids")"

cat > "$T/fixed" <<'EOF'
-	harbour terminal capacity
nocollapse	harbour terminal capacity
n=1	harbour terminal
-	olympic boycott
-	"fiscal policy"
-	tariffs -china
-	date:2021 olympics
-	source:harbor
-	title:boycott
-	id:dup-second
nocollapse	author:"ann lee" harbour
-	author:"bo b"
nocollapse	site:example harbour
-	site:news.wireb.example
-	url:"https://News.WireA.example/dup-first"
-	tariff OR wheat
n=5,offset=5	tariff wheat
sort=newest	budget deficit
sort=oldest,n=20	election vote
since=2010,until=2015	trade china
on=2005	drought
now=2022-06-01,since=1y	harbour
any	the port and the harbour
expand	inflation rate
bm25=1.2:0.75	oil gas energy
n=0	tariff
-	wheat NEAR/3 export
-	Häuser
lang=de	Häuser verkaufen
lang=de:fr	maisons OR Häuser
lang=en	houses
-	"alten Häuser"
-	Zölle NEAR/3 Weizen
-	zyzzyvaquux
-	wheat OR (corn
since=2030	tariff
EOF
parity bundled "$T/idx" "$T/fixed"
grep -q "	dup-[a-z]*	[0-9.]*	1	" "$T/bundled.cli" || fail "no hit stands for the other copy (similar 1)"
random_queries "$T/idx" 40 "$T/random"
parity bundled-random "$T/idx" "$T/random"

# ---- ../shared's corpus: the issue's 30 queries and more.
if [ ! -d "$SHARED/corpus" ]; then
    echo "note: ../shared/corpus is absent: only the bundled and generated corpus were compared"
    exit 0
fi
shared_index
id=$("$SRCH" -d "$SIDX" -o ids -n 1 oil prices) || fail "no hit for oil prices in ../shared"
cat > "$T/shared" <<EOF
-	oil prices
n=20	oil prices
n=20,nocollapse	oil prices
n=20	cocoa
n=20	shipping strike
-	"interest rates"
-	"trade deficit" japan
-	title:trade
-	title:"trade war"
-	source:reuters
-	source:politico tax
-	id:$id
-	date:1987 oil
-	date:1987-03..1987-04 grain
since=1987-03,until=1987-04	grain
on=2019	trade
now=2021-01-01,since=5y	election
until=1900	war
-	tax OR tariff
-	tax -income
-	oil NEAR/5 opec
-	(coffee OR cocoa) prices
any	what are oil prices doing in the gulf
any,n=20	the president and the congress on immigration
sort=newest	tax
sort=oldest	tax
sort=newest,since=2018	immigration
offset=10	oil prices
n=5,offset=20	market
expand	vaccine
expand,any	climate change policy
bm25=1.2:0.75	health care
-	impeachment trump
-	"supreme court"
-	wheat export subsidies
-	fed
-	date:2020 coronavirus
-	*  date:1987-03-02
EOF
parity shared "$SIDX" "$T/shared"
random_queries "$SIDX" 40 "$T/random-shared"
parity shared-random "$SIDX" "$T/random-shared"
exit 0
