#!/usr/bin/env python3
"""demo-warc.py OUT: write the demo corpus's small web archive.

corpus/web/capital-ledger-crawl.warc.gz was made by this script: one
gzip member per record, as crawlers write them; a warcinfo record, then
for each page a request and a response (one with its HTTP body gzip
encoded and sent chunked), a revisit of the first page, an image and a
404 page, which a reader must skip.  The pages are written for the
project (Capital Ledger is made up)."""
import gzip, sys, zlib

PAGES = [
    ("https://capitalledger.example/2025/03/19/fed-holds-rates",
     "2025-03-19T19:02:11Z",
     "Fed holds rates steady, sees two cuts this year",
     "2025-03-19",
     ["The Federal Reserve left its benchmark interest rate unchanged on "
      "Wednesday and said it still expects two quarter-point cuts before the "
      "end of the year, as inflation cools more slowly than hoped.",
      "Officials raised their forecast for unemployment and lowered their "
      "estimate of growth, citing tariffs and weaker consumer spending."]),
    ("https://capitalledger.example/2025/03/21/debt-ceiling-talks",
     "2025-03-21T14:30:00Z",
     "Debt ceiling talks stall over spending caps",
     "2025-03-21",
     ["Negotiations to raise the federal debt ceiling stalled on Friday as "
      "House leaders insisted on caps for discretionary spending that the "
      "Senate majority called unacceptable.",
      "The Treasury has said it can pay the government's bills into the "
      "summer using extraordinary measures."]),
]

def html(title, day, paras):
    body = "".join("<p>%s</p>" % p for p in paras)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<title>%s - Capital Ledger</title>'
            '<meta property="og:site_name" content="Capital Ledger">'
            '<meta property="article:published_time" content="%s">'
            '</head><body><nav><a href="/">Home</a> <a href="/markets">'
            'Markets</a></nav><article><h1>%s</h1>%s</article>'
            '<footer>Capital Ledger, all rights reserved.</footer>'
            '</body></html>' % (title, day, title, body)).encode()

def record(kind, uri, date, block, extra=""):
    head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Date: %s\r\n"
            "WARC-Record-ID: <urn:uuid:%08d-0000-4000-8000-000000000000>\r\n"
            "%s%sContent-Length: %d\r\n\r\n"
            % (kind, date, zlib.crc32((kind + str(uri) + date).encode()) % 10**8,
               "WARC-Target-URI: %s\r\n" % uri if uri else "", extra,
               len(block)))
    if kind in ("request", "response", "revisit"):
        head = head.replace("Content-Length", "Content-Type: application/http; msgtype=%s\r\nContent-Length"
                            % ("request" if kind == "request" else "response"))
    return gzip.compress(head.encode() + block + b"\r\n\r\n", mtime=0)

def chunked(data, size=300):
    out = b""
    for i in range(0, len(data), size):
        part = data[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"

def main(out):
    recs = [record("warcinfo", None, "2025-03-22T00:00:00Z",
                   b"software: demo-warc.py\r\nformat: WARC File Format 1.0\r\n")]
    for n, (uri, date, title, day, paras) in enumerate(PAGES):
        page = html(title, day, paras)
        host = uri.split("/")[2]
        recs.append(record("request", uri, date,
                           b"GET /%s HTTP/1.1\r\nHost: %s\r\n\r\n"
                           % (uri.split("/", 3)[3].encode(), host.encode())))
        if n == 0:
            body = chunked(gzip.compress(page, mtime=0))
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        else:
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(page) + page)
        recs.append(record("response", uri, date, http))
    recs.append(record("revisit", PAGES[0][0], "2025-03-22T09:00:00Z",
                       b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                       "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n"))
    recs.append(record("response", "https://capitalledger.example/logo.png",
                       "2025-03-22T09:00:01Z",
                       b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n"))
    recs.append(record("response", "https://capitalledger.example/missing",
                       "2025-03-22T09:00:02Z",
                       b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n"
                       b"<html><body><p>Page not found</p></body></html>"))
    open(out, "wb").write(b"".join(recs))

if __name__ == "__main__":
    main(sys.argv[1])
