# Incremental runs: files modified, deleted, added, renamed, JSON Lines
# edited, an article moving between files; after each round the index
# equals a clean build of the same files, article by article and search by
# search.
. "$(dirname "$0")/lib.sh"

c="$T/c"
"$PY" "$(dirname "$0")/gencorpus.py" "$c" 400
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "204 files (0 unchanged, 0 changed, 204 new, 0 vanished); 400 articles read" "$T/err"

clean_equal() {
    rm -rf "$T/clean"
    expect_exit 0 "$IDX" -q -d "$T/clean" "$c"
    dump_index "$T/idx" "$T/inc.txt"
    dump_index "$T/clean" "$T/cln.txt"
    cmp -s "$T/inc.txt" "$T/cln.txt" || { diff "$T/inc.txt" "$T/cln.txt" | head >&2; fail "$1: differs from a clean build"; }
    same_searches "$T/idx" "$T/clean" "tariff wheat" '"health care"' 'title:budget' \
        'source:"wire a" oil' 'election -vote' '* date:2005'
}

# Round 1: the usual edits of a news folder.
sed -i 's/^title .*/title Zanzibar clove harvest/' "$c/a/00/g00003.txt"
rm "$c/a/00/g00005.txt"
printf 'date 2021-01-02\ntitle A new arrival\n\nKiwifruit exports rose.\n' > "$c/a/00/n00001.txt"
mv "$c/a/00/g00007.txt" "$c/a/00/renamed.txt"          # the id follows the name
mv "$c/feeds/f01.jsonl" "$c/feeds/f01-renamed.jsonl"    # ids stay the same
touch "$c/a/00/g00009.txt"                               # touched, not changed
"$PY" - "$c/feeds/f02.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
del rows[3]                                   # an article removed
rows[5]["title"] = "Retitled quince story"    # one edited in place
rows.append({"id": "j-new", "date": "2019-09-09", "title": "Appended", "body": "Persimmon."})
open(sys.argv[1], "w").write("".join(json.dumps(r) + "\n" for r in rows))
PY
expect_exit 0 "$IDX" -d "$T/idx" "$c"
# changed: g00003.txt, f02.jsonl; new: n00001, renamed.txt, f01-renamed.jsonl;
# vanished: g00005, g00007, f01.jsonl.
expect_grep "204 files (199 unchanged, 2 changed, 3 new, 3 vanished)" "$T/err"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids zanzibar
expect_grep '^g00003$' "$T/out"
expect_exit 1 "$SRCH" -d "$T/idx" -o ids id:g00005
expect_exit 0 "$SRCH" -d "$T/idx" -o count quince
expect_exit 0 "$SRCH" -d "$T/idx" -o ids persimmon
clean_equal "round 1"

# Round 2: an article moves from its own file into a feed: it stays.
grep -q '"id": "g00010"' "$c"/feeds/*.jsonl && fail "setup"
"$PY" - "$c/a/00/g00010.txt" "$c/feeds/f03.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().split("\n")
body = "\n".join(lines[4:]).strip()
a = {"id": "g00010", "date": lines[0][5:], "title": lines[1][6:], "source": lines[2][7:], "body": body}
open(sys.argv[2], "a").write(json.dumps(a) + "\n")
PY
rm "$c/a/00/g00010.txt"
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids id:g00010
clean_equal "round 2"

# Round 3: --keep-missing keeps a vanished file's articles; the next run
# without it deletes them.
rm "$c/a/00/g00011.txt"
expect_exit 0 "$IDX" -d "$T/idx" --keep-missing "$c"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids id:g00011
expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_exit 1 "$SRCH" -d "$T/idx" -o ids id:g00011
clean_equal "round 3"

# A path that does not exist is an error and deletes nothing; a run over a
# part of the corpus does not touch the rest.
before=$("$SRCH" -d "$T/idx" -o count '*')
expect_exit 2 "$IDX" -d "$T/idx" "$c/typo"
expect_grep "typo: No such file or directory" "$T/err"
expect_exit 0 "$IDX" -d "$T/idx" "$c/a/00"
expect_grep "0 vanished" "$T/err"
[ "$("$SRCH" -d "$T/idx" -o count '*')" = "$before" ] || fail "articles lost"
clean_equal "partial runs"
exit 0
