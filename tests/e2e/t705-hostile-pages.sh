# Hostile web pages: nesting 100,000 deep, a page of 12 MB, one over the
# 16 MiB limit, a truncated gzip page, binary data named .html, a page
# that is all script.  No crash, no stack overflow; each bad file is
# named with the reason, exit 1, and every good page is still indexed.
. "$(dirname "$0")/lib.sh"

c="$T/c"
mkdir -p "$c"
"$PY" - "$c" <<'PY'
import gzip, os, sys
d = sys.argv[1]
def put(name, data):
    open(os.path.join(d, name), "wb").write(data)
put("good.html", b"<html><head><title>Pangolin treaty</title></head><body><p>Pangolin trade ban signed.</p></body></html>")
put("deep.html", b"<div>" * 100000 + b"<p>Narwhal deep inside.</p>")
para = b"<p>" + b"Okapi habitat report with enough words to fill a line. " * 20 + b"</p>\n"
put("big.html", b"<html><body>" + para * (12 * 1024 * 1024 // len(para)) + b"</body></html>")
put("huge.html", b"<html><body>" + para * (17 * 1024 * 1024 // len(para)) + b"</body></html>")
z = gzip.compress(b"<html><body><p>Quokka census.</p>" + b"<p>filler words</p>" * 5000 + b"</body></html>")
put("cut.html.gz", z[: len(z) // 2])
put("binary.html", bytes((i * 7919) & 0xFF for i in range(65536)).replace(b"<", b"x"))
put("script.html", b"<html><body><script>" + b"var a = 1;" * 1000 + b"</script></body></html>")
PY

timed "$IDX" -j 1 -d "$T/idx" "$c" > "$T/out" 2> "$T/err"
rc=$?
[ -f "$T/time" ] && echo "indexing: $(tail -n 1 "$T/time")"
[ $rc = 1 ] || { cat "$T/err" >&2; fail "exit $rc, want 1"; }
expect_grep "huge.html: page larger than 16 MiB" "$T/err"
expect_grep "cut.html.gz.*truncated gzip" "$T/err"
expect_grep "binary.html.*binary file" "$T/err"
expect_grep "script.html.*no text in the page" "$T/err"
grep -q "deep.html" "$T/err" && ! grep "deep.html" "$T/err" | grep -q "no date" && fail "deep.html reported: $(grep deep.html "$T/err")"
for w in pangolin narwhal okapi; do
    expect_exit 0 "$SRCH" -d "$T/idx" -o count "$w"
    [ "$(cat "$T/out")" = 1 ] || fail "$w: $(cat "$T/out") hits, want 1"
done
expect_exit 1 "$SRCH" -d "$T/idx" -o count quokka
