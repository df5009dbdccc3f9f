# One id limit everywhere (SCHEMA_ID_MAX, 244 bytes: Xapian's 245-byte
# term less the id prefix): an id of 242 bytes read from a JSON Lines file
# is indexed and found by --show, --like and id:, as gz_indexer_add()
# takes it; an id of 245 bytes is refused by gazette-index and --like.
. "$(dirname "$0")/lib.sh"

c="$T/corpus"
mkdir -p "$c"
"$PY" - "$c/feed.jsonl" "$T" <<'PY'
import json, sys
id242 = "a" * 240 + "\u00e9"        # 242 bytes: 240 + a two-byte letter
id244 = "m" * 244
id245 = "b" * 245
assert len(id242.encode()) == 242
with open(sys.argv[1], "w") as f:
    for id_, title, body in (
            (id242, "Wombat burrows", "The wombat digs burrows in the dry hills of the outback."),
            ("other", "Wombat digging", "A wombat digs burrows; the outback hills are dry."),
            (id244, "Longest id", "A numbat at the limit."),
            (id245, "Too long", "Jackalope.")):
        f.write(json.dumps({"id": id_, "date": "2020-01-01", "title": title, "body": body}) + "\n")
for name, v in (("id242", id242), ("id244", id244), ("id245", id245)):
    open(sys.argv[2] + "/" + name, "w").write(v)
PY
id242=$(cat "$T/id242"); id244=$(cat "$T/id244"); id245=$(cat "$T/id245")

expect_exit 1 "$IDX" -d "$T/idx" "$c"
expect_grep "error: .*/feed.jsonl:4: article id longer than 244 bytes" "$T/err"
expect_grep "3 articles read" "$T/err"

expect_exit 0 "$SRCH" -d "$T/idx" --show "$id242"
expect_grep "^title Wombat burrows" "$T/out"
expect_exit 0 "$SRCH" -d "$T/idx" --format json "id:$id242"
"$PY" -c 'import json,sys; h=json.loads(open(sys.argv[1]).read()); assert h["id"] == open(sys.argv[2]).read(), h' \
    "$T/out" "$T/id242" || fail "id: did not find the 242-byte id"
expect_exit 0 "$SRCH" -d "$T/idx" --format json --like "$id242"
expect_grep '"id":"other"' "$T/out"
expect_exit 0 "$SRCH" -d "$T/idx" --show "$id244"
expect_grep "^title Longest id" "$T/out"
expect_exit 0 "$SRCH" -d "$T/idx" numbat

# 245 bytes: not an id anywhere.
expect_exit 2 "$SRCH" -d "$T/idx" --like "$id245"
expect_grep "--like: .* is not an article id" "$T/err"
expect_exit 1 "$SRCH" -d "$T/idx" --show "$id245"
expect_exit 1 "$SRCH" -d "$T/idx" "id:$id245"
expect_exit 1 "$SRCH" -d "$T/idx" jackalope
exit 0
