#!/usr/bin/python3
"""warc-gen.py MIB: a synthetic WARC of about MIB mebibytes on stdout, for
the WARC reader's memory and speed figures (BENCHMARKS.md): one 40 MiB HTML
page (over CORPUS_MAX_ARTICLE_BYTES: skipped), one 200 MiB video response
(read past), then 50 KB HTML pages up to the size asked."""
import sys

out = sys.stdout.buffer
total = int(sys.argv[1]) << 20
HTTP = b'application/http; msgtype=response'
HEAD = b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'


def record(block):
    out.write(b'WARC/1.0\r\nWARC-Type: response\r\n'
              b'WARC-Target-URI: http://example.com/\r\n'
              b'WARC-Date: 2021-04-06T00:00:00Z\r\n'
              b'Content-Type: %s\r\nContent-Length: %d\r\n\r\n'
              % (HTTP, len(block)))
    out.write(block)
    out.write(b'\r\n\r\n')


record(HEAD + b'a' * (40 << 20))
record(b'HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n\r\n' + b'\0' * (200 << 20))
written = 240 << 20
page = HEAD + b'<p>' + b'word ' * 10000 + b'</p>'
while written < total:
    record(page)
    written += len(page) + 200
