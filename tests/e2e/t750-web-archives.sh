# Web archives: each HTML page of a WARC file is an article (its id the
# target URI), every other record is skipped and counted in the summary;
# a record whose length lies and a gzip member cut short are reported
# with the file and byte, and every good page is still indexed.
. "$(dirname "$0")/lib.sh"

w="$T/w"
mkdir -p "$w"
"$PY" "$TOP/build-aux/demo-warc.py" "$w/crawl.warc.gz" || fail "demo-warc.py"

expect_exit 0 "$IDX" -d "$T/idx" "$w"
expect_grep "2 articles read (2 new), 0 deleted; 6 archive records skipped (1 revisits, 2 requests, 0 metadata, 3 other); 0 rejected" "$T/err"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids debt ceiling
[ "$(cat "$T/out")" = "https://capitalledger.example/2025/03/21/debt-ceiling-talks" ] || fail "debt ceiling: $(cat "$T/out")"
# The first page came gzip-encoded and chunked.
expect_exit 0 "$SRCH" -d "$T/idx" -f tsv benchmark interest rate
expect_grep "2025-03-19" "$T/out"
# Nothing of the 404 page, the image or the revisit.
expect_exit 1 "$SRCH" -d "$T/idx" -o count '"page not found"'

# A Content-Length that lies, in a plain WARC: the record after it is
# found again, the one it broke is reported with its byte.
"$PY" - "$w/crawl.warc.gz" "$T/bad/lying.warc" <<'PY'
import gzip, os, re, sys
data = gzip.decompress(open(sys.argv[1], "rb").read())
first = data.index(b"WARC-Type: response")
m = re.compile(rb"Content-Length: (\d+)").search(data, first)
data = data[:m.start(1)] + str(int(m.group(1)) - 100).encode() + data[m.end(1):]
os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)
open(sys.argv[2], "wb").write(data)
PY
expect_exit 1 "$IDX" -d "$T/idx2" "$T/bad/lying.warc"
expect_grep "lying.warc: at byte [0-9]*: no WARC record starts at offset" "$T/err"
expect_exit 0 "$SRCH" -d "$T/idx2" -o ids debt ceiling
[ -s "$T/out" ] || fail "the page after the lying record was lost"

# A gzip member cut short: what came before is indexed.
"$PY" - "$w/crawl.warc.gz" "$T/cut/cut.warc.gz" <<'PY'
import os, sys
data = open(sys.argv[1], "rb").read()
os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)
open(sys.argv[2], "wb").write(data[: len(data) - 150])
PY
expect_exit 1 "$IDX" -d "$T/idx3" "$T/cut/cut.warc.gz"
expect_grep "cut.warc.gz: at byte [0-9]*: .*truncated gzip stream" "$T/err"
expect_exit 0 "$SRCH" -d "$T/idx3" -o count debt ceiling

same_as_extract "$w" -- debt interest "page not found"

# A page without text (a script-only page) inside an archive is a
# warning: the archive is not read again for it at every run.
"$PY" - "$T/empty/e.warc" <<'PY'
import os, sys
def rec(uri, http):
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
            b"WARC-Date: 2025-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (uri, len(http))
            + http + b"\r\n\r\n")
page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
open(sys.argv[1], "wb").write(rec(b"https://x.example/js", page + b"<html><body><script>go()</script></body></html>")
    + rec(b"https://x.example/ok", page + b"<html><body><p>Wombat census.</p></body></html>"))
PY
expect_exit 0 "$IDX" -d "$T/idx4" "$T/empty"
expect_grep "warning: .*e.warc: at byte 0: no text in the page https://x.example/js" "$T/err"
expect_exit 0 "$SRCH" -d "$T/idx4" -o count wombat

# The 28 archives of ../shared/formats/warc: the 77 pages their
# inventories list, and their records counted by type.
if [ -d "$SHARED/formats/warc" ]; then
    expect_exit 1 "$IDX" -d "$T/shared" --report "$T/report.json" "$SHARED/formats/warc"
    expect_grep "77 articles read" "$T/err"
    expect_grep "(191 revisits, 388 requests, 136 metadata," "$T/err"
    expect_grep "example-trunc.warc: at byte" "$T/err"
    [ "$(grep -c 'error:' "$T/err")" = 1 ] || fail "more than the damaged file reported: $(cat "$T/err")"
    same_as_extract "$SHARED/formats/warc" -- example domain wikipedia
    "$PY" -c 'import json, sys; k = json.load(open(sys.argv[1]))["skipped"]; sys.exit(k != {"revisit": 191, "request": 388, "metadata": 136, "other": 176})' "$T/report.json" || fail "--report's skipped counts: $(cat "$T/report.json")"
else
    echo "skip: ../shared/formats is absent: the shared archives are not read"
fi
