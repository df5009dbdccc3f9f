# The whole shared corpus indexes without a rejected article in both forms,
# the article files and the JSON Lines, and the two give the same 28,789
# articles (ids, dates, titles; the files carry no source); words from
# random articles find them, and date, title and source round-trip exactly
# through --format json.
. "$(dirname "$0")/lib.sh"
need_shared

C="$SHARED/corpus"
shared_index
cat "$T/err"
expect_grep ' 0 rejected, 0 warnings' "$T/err"
expect_grep 'the index holds 28789 articles' "$T/err"
expect_exit 0 "$IDX" -d "$T/idx" "$C"/*/articles "$C/seed"
cat "$T/err"
expect_grep ' 0 rejected, 0 warnings' "$T/err"
expect_grep '28790 files (0 unchanged, 0 changed, 28790 new, 0 vanished); 28790 articles read' "$T/err"
expect_grep 'the index holds 28790 articles' "$T/err"

dump_index "$T/idx" "$T/files.dump"
dump_index "$SIDX" "$T/jsonl.dump"
seed=$(basename "$(ls "$C"/seed/*.txt)" .txt)
grep -v "^$seed	" "$T/files.dump" | cut -f1-3 > "$T/a"
cut -f1-3 "$T/jsonl.dump" > "$T/b"
[ "$(wc -l < "$T/b")" = 28789 ] || fail "the JSON Lines index lists $(wc -l < "$T/b") articles"
cmp -s "$T/a" "$T/b" || { diff "$T/a" "$T/b" | head -n 10 >&2; fail "the article files and the JSON Lines differ"; }

"$PY" - "$C" "$SRCH" "$SIDX" <<'PY' || fail "sampled articles"
import gzip, json, random, re, subprocess, sys
corpus, search, index = sys.argv[1:4]
arts = []
for ds in ("reuters21578", "allsides_news", "presidential_speeches"):
    with gzip.open(f"{corpus}/{ds}/articles.jsonl.gz", "rt", encoding="utf-8") as f:
        arts += [json.loads(line) for line in f]
assert len(arts) == 28789, len(arts)
random.seed(20261128)
bad = 0
for a in random.sample(arts, 60):
    words = sorted(set(w for w in re.findall(r"[A-Za-z]{7,}", a["body"])), key=lambda w: (-len(w), w))[:3]
    if not words:
        continue
    out = subprocess.run([search, "-d", index, "--format", "json", "-n", "1000",
                          "--no-collapse", "--"] + words,
                         capture_output=True, text=True)
    hits = [json.loads(l) for l in out.stdout.splitlines()]
    mine = [h for h in hits if h["id"] == a["id"]]
    if out.returncode != 0 or not mine:
        print(f"{a['id']}: not found by {words} (exit {out.returncode}, {len(hits)} hits) {out.stderr}")
        bad += 1
        continue
    h = mine[0]
    if h["date"] != a["date"]:
        print(f"{a['id']}: date {h['date']!r} != {a['date']!r}"); bad += 1
    if a["title"] and h["title"] != a["title"]:
        print(f"{a['id']}: title {h['title']!r} != {a['title']!r}"); bad += 1
    if not a["title"] and not h["title"]:
        print(f"{a['id']}: untitled article has no readable title"); bad += 1
    if h["source"] != a["source"]:
        print(f"{a['id']}: source {h['source']!r} != {a['source']!r}"); bad += 1
print(f"checked 60 articles, {bad} problems")
sys.exit(1 if bad else 0)
PY
exit 0
