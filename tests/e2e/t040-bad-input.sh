# Bad input never crashes and never passes silently: each problem is
# reported with the file (and line or offset) and the reason, the valid
# rest is indexed, and the run exits 1 when something was rejected.
. "$(dirname "$0")/lib.sh"

c="$T/corpus"
mkdir -p "$c/sub"
printf 'date 2020-05-01\ntitle Zebrafish study\n\nZebrafish regrow fins.\n' > "$c/good.txt"
printf 'title No date here\n\nA quokka article without a date.\n' > "$c/nodate.txt"
printf 'date 2021-02-30\ntitle Impossible day\n\nA narwhal on a day that never was.\n' > "$c/baddate.txt"
printf 'date 2020-01-01\ntitle Bad bytes\n\ncaf\351 olive \300\257 \355\240\200 tail\n' > "$c/sub/latin1.txt"
printf 'date 2020-01-01\ntitle Binary\n\nabc\000\001\002 pangolin\n' > "$c/binary.txt"
printf '%s\n' '{"id":"j1","date":"2020-02-02","title":"Good one","body":"The axolotl line."}' \
    '{"id":"j2","date":"2020-02-02","title":"Broken",' \
    '{"id":"j3","date":"2020-02-03","title":"Good two","body":"The capybara line."}' > "$c/feed.jsonl"
"$PY" - "$c/cut.jsonl.gz" <<'PY'
import gzip, json, random, sys
random.seed(1)
words = "".join(random.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(200000))
lines = [json.dumps({"id": "g%d" % i, "date": "2019-03-0%d" % (i + 1),
                     "title": "gz %d" % i, "body": ("okapi%d " % i) + words[i*50000:(i+1)*50000]})
         for i in range(4)]
data = gzip.compress(("\n".join(lines) + "\n").encode())
open(sys.argv[1], "wb").write(data[: len(data) * 6 // 10])
PY
# An id or a source name longer than Xapian's terms allow: the article
# with the long id is rejected, the long source only loses its whole-name
# term; the run goes on.
"$PY" - "$c/long.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "x" * 300, "date": "2020-01-01", "title": "t", "body": "Jackalope."}) + "\n")
    f.write(json.dumps({"id": "long-source", "date": "2020-01-01", "title": "t",
                        "body": "Chinchilla.", "source": "Very " * 80}) + "\n")
PY
printf 'date 2020-06-06\ntitle Locked away\n\nA secret wombat.\n' > "$c/secret.txt"
chmod 000 "$c/secret.txt"

run_index() {
    if [ "$(id -u)" = 0 ]; then
        # root reads anything: run as nobody so the mode matters.
        chmod 777 "$T"; chmod -R a+rwX "$c"; chmod 000 "$c/secret.txt"
        expect_exit "$1" setpriv --reuid=65534 --regid=65534 --clear-groups "$IDX" -d "$T/idx" "$c"
    else
        expect_exit "$1" "$IDX" -d "$T/idx" "$c"
    fi
}
run_index 1

err="$T/err"
expect_grep "warning: .*/nodate.txt:1: .*no date" "$err"
expect_grep "warning: .*/baddate.txt:1: .*2021-02-30" "$err"
expect_grep "warning: .*/sub/latin1.txt:4: .*UTF-8" "$err"
expect_grep "error: .*/binary.txt.*binary" "$err"
expect_grep "error: .*/feed.jsonl:2: .*JSON" "$err"
expect_grep "error: .*/cut.jsonl.gz.*byte [0-9]" "$err"
expect_grep "error: .*/secret.txt.*Permission denied" "$err"
expect_grep "error: .*/long.jsonl:1: article id longer than 244 bytes" "$err"
cp "$err" "$T/index.err"

found() { expect_exit 0 "$SRCH" -d "$T/idx" --format json "$1"; }
absent() { expect_exit 1 "$SRCH" -d "$T/idx" "$1"; }
found zebrafish; found quokka; found narwhal; found olive; found axolotl; found capybara
found okapi0
absent pangolin; absent wombat; absent jackalope
found chinchilla
# The article cut by the truncation is not indexed half-read.
absent okapi3

# Undated articles come back without a date; repaired text is valid UTF-8.
expect_exit 0 "$SRCH" -d "$T/idx" --format json quokka
grep -q '"date": *null' "$T/out" || fail "undated article has a date: $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/idx" --format json olive
"$PY" -c 'import json,sys; h=json.loads(open(sys.argv[1]).read()); assert "\ufffd" in h["snippet"], h' "$T/out" ||
    fail "invalid bytes not replaced"

# No message is a bare "error" without a file name.
grep -v -e '^gazette-index: warning: /' -e '^gazette-index: error: /' -e '^gazette-index: [0-9]* files (' "$T/index.err" &&
    fail "a message without a file name"
exit 0
