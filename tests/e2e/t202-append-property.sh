# Appended files, as a property (issue 21): random rounds of what writers
# do to growing files that the model of t205 does not (it has no web
# archive, and cuts gzip files only in their old part): WARC records
# appended to a plain and a gzip-per-record archive, several records in
# one member, JSON lines in gzip members, a member or a record cut short
# by a writer still at work and completed a round later, bytes that are
# no gzip member.  After each round the index equals a clean build
# (gz-dump: every field, file and line of each article, and searches).
# APPEND_SEED replays a failure.
. "$(dirname "$0")/lib.sh"

[ -x "$BIN/tests/gz-dump" ] || fail "tests/gz-dump is not built"
seed=${APPEND_SEED:-20261203}
FAIL_CONTEXT="APPEND_SEED=$seed"
c="$T/c"
mkdir -p "$c"

# writer.py DIR SEED ROUND: one round of appends, decided by the seed and
# the round; prints what it did.  A member or a record cut short is
# completed the next round.
cat > "$T/writer.py" <<'PY'
import gzip, json, os, random, sys
c, seed, rnd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed * 1009 + rnd)
WORDS = "tariff wheat oil budget senate border vote court trade steel grain port".split()
state_path = os.path.join(c, "..", "writer.json")
state = json.load(open(state_path)) if os.path.exists(state_path) else {"n": 0, "rest": {}}

def words(k):
    return " ".join(rng.choice(WORDS) for _ in range(k))

def record():
    state["n"] += 1
    n = state["n"]
    page = ("<html><head><title>%s %d</title></head><body><article><p>%s.</p>"
            "</article></body></html>" % (words(2), n, words(12))).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    uri = b"https://x.example/%d" % rng.choice([n, n, n, rng.randint(1, n)])
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
            b"\r\nWARC-Date: 2024-05-%02dT00:00:00Z\r\nContent-Type: application/http; "
            b"msgtype=response\r\nContent-Length: %d\r\n\r\n" % (n % 28 + 1, len(http))
            + http + b"\r\n\r\n")

def lines():
    out = ""
    for _ in range(rng.randint(1, 5)):
        state["n"] += 1
        row = {"title": words(3), "body": words(10) + "."}
        if rng.random() < 0.8:
            row["id"] = "j%d" % rng.choice([state["n"], rng.randint(1, state["n"])])
        out += json.dumps(row) + "\n"
    return out.encode()

def add(name, raw):
    with open(os.path.join(c, name), "ab") as f:
        f.write(raw)

done = []
for name, rest in sorted(state["rest"].items()):
    add(name, bytes.fromhex(rest))
    done.append("completed " + name)
state["rest"] = {}
for name in ("w.warc", "wz.warc.gz", "j.jsonl.gz", "j.jsonl"):
    if rnd > 0 and rng.random() < 0.4:
        continue
    if name.endswith(".warc"):
        raw = b"".join(record() for _ in range(rng.randint(1, 3)))
    elif name == "wz.warc.gz":
        # One member a record, or several records in one member.
        if rng.random() < 0.7:
            raw = b"".join(gzip.compress(record(), mtime=0) for _ in range(rng.randint(1, 3)))
        else:
            raw = gzip.compress(record() + record(), mtime=0)
    else:
        raw = gzip.compress(lines(), mtime=0) if name.endswith(".gz") else lines()
    if rnd > 0 and rng.random() < 0.25 and len(raw) > 30:
        cut = rng.randrange(10, len(raw) - 5)
        state["rest"][name] = raw[cut:].hex()
        raw = raw[:cut]
        done.append("cut " + name)
    elif rnd > 0 and name.endswith(".gz") and rng.random() < 0.05:
        raw += b"no gzip member"
        done.append("junk after " + name)
    else:
        done.append("appended " + name)
    add(name, raw)
json.dump(state, open(state_path, "w"))
print(", ".join(done))
PY

QUERIES="tariff oil title:vote grain *"
rounds=${APPEND_ROUNDS:-14}
r=0 appended=0
while [ "$r" -le "$rounds" ]; do
    did=$("$PY" "$T/writer.py" "$c" "$seed" "$r") || fail "writer.py, round $r"
    "$IDX" -d "$T/idx" "$c" 2> "$T/inc.err"
    rc=$?
    [ "$rc" -le 1 ] || { cat "$T/inc.err" >&2; fail "round $r ($did): exit $rc"; }
    grep -q "appended, " "$T/inc.err" && appended=$((appended + 1))
    rm -rf "$T/clean"
    "$IDX" -q -d "$T/clean" "$c" 2> /dev/null
    # shellcheck disable=SC2086
    "$BIN/tests/gz-dump" "$T/idx" $QUERIES > "$T/inc.dump" || fail "gz-dump idx"
    # shellcheck disable=SC2086
    "$BIN/tests/gz-dump" "$T/clean" $QUERIES > "$T/clean.dump" || fail "gz-dump clean"
    cmp -s "$T/inc.dump" "$T/clean.dump" ||
        { diff "$T/clean.dump" "$T/inc.dump" | head -n 20 >&2; fail "round $r ($did): differs from a clean build"; }
    r=$((r + 1))
done
# Not vacuous: most rounds read some file on.
[ "$appended" -ge $((rounds / 2)) ] || fail "only $appended of $rounds rounds read a file on"
exit 0
