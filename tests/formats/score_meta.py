#!/usr/bin/env python3
"""score_meta.py - how well html_meta_read() reads a page's metadata.

Runs build/tests/gz-html over the pages of ../shared/formats/html that
carry metadata (trafilatura: title, date, author; readability: title,
byline as author, publishedTime as date, site_name, lang) and compares, as
../shared/formats/README.md's "Metadata" rules say:

  title   equal after blank space is collapsed and trimmed; "relaxed" also
          counts one containing the other;
  date    the day, YYYY-MM-DD (readability's publishedTime: the local date
          written at its start);
  author  equal case-insensitively after blank space is collapsed and a
          leading "By"/"Par"/"Von" removed; "relaxed" as for titles
          (readability's bylines are a soft target: they hold dates and
          noise);
  site, lang  (readability only) equal case-insensitively.

Each figure is over the pages whose expectation is not null; "none" is how
many of them got nothing.  --min FIELD=RATE (e.g. --min
trafilatura.title=0.80, --min all.date=0.85) makes the exit status 1 when a
rate falls below; --show FIELD lists the misses.

    tests/formats/score_meta.py [--formats DIR] [--gz-html PROG]
                                [--min SET.FIELD=RATE]... [--show FIELD]
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

FIELDS = ("title", "date", "author", "site", "lang")
SETS = ("trafilatura", "readability")


def blank(s):
    return re.sub(r"\s+", " ", s).strip()


def author_key(s):
    s = blank(s).lower()
    return re.sub(r"^(by|par|von)\b:?\s*", "", s)


def day(s):
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", s)
    return m.group(1) if m else blank(s)


def expectations(formats, name):
    """(page file, {field: expected}) for every page of the set NAME."""
    for path in sorted(glob.glob(os.path.join(formats, "html", name, "*.json"))):
        with open(path, encoding="utf-8") as f:
            j = json.load(f)
        page = os.path.join(os.path.dirname(path), j["file"])
        author = j.get("author")
        if isinstance(author, list):
            author = ", ".join(author)
        want = {"title": j.get("title"), "date": j.get("date"), "author": author}
        if name == "readability":
            want["site"] = j.get("site_name")
            want["lang"] = j.get("lang")
        yield page, {k: v for k, v in want.items() if v not in (None, "")}


def compare(field, want, got):
    """(exact, relaxed) for one field of one page."""
    if got is None:
        return False, False
    if field == "title":
        w, g = blank(want), blank(got)
    elif field == "date":
        w, g = day(want), day(got)
    elif field == "author":
        w, g = author_key(want), author_key(got)
    else:
        w, g = blank(want).lower(), blank(got).lower()
    exact = w == g
    return exact, exact or (bool(w) and bool(g) and (w in g or g in w))


def read_pages(gz_html, pages):
    out = subprocess.run([gz_html] + pages, capture_output=True, text=True)
    if out.returncode not in (0, 2):
        sys.exit(f"score_meta: {gz_html} exited {out.returncode}: {out.stderr}")
    got = {}
    for line in filter(None, out.stdout.split("\n")):
        j = json.loads(line)
        got[j["file"]] = j
    return got


def main():
    top = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--formats", default=os.path.join(top, "..", "shared", "formats"))
    ap.add_argument("--gz-html", default=os.path.join(top, "build", "tests", "gz-html"))
    ap.add_argument("--min", action="append", default=[], metavar="SET.FIELD=RATE")
    ap.add_argument("--show", action="append", default=[], metavar="FIELD")
    args = ap.parse_args()

    scores = {}     # (set, field) -> [pages, exact, relaxed, none]
    for name in SETS:
        want = list(expectations(args.formats, name))
        if not want:
            sys.exit(f"score_meta: no pages in {args.formats}/html/{name}")
        got = read_pages(args.gz_html, [p for p, _ in want])
        for page, fields in want:
            g = got.get(page, {})
            for field, w in fields.items():
                exact, relaxed = compare(field, w, g.get(field))
                for key in ((name, field), ("all", field)):
                    s = scores.setdefault(key, [0, 0, 0, 0])
                    s[0] += 1
                    s[1] += exact
                    s[2] += relaxed
                    s[3] += g.get(field) is None
                if field in args.show and not exact:
                    print(f"  {field} {os.path.basename(page)}: want {w!r} got {g.get(field)!r}")

    print(f"{'set':<12} {'field':<7} {'pages':>5} {'exact':>6} {'relaxed':>7} {'none':>5}")
    for name in SETS + ("all",):
        for field in FIELDS:
            if (name, field) in scores:
                n, e, r, z = scores[(name, field)]
                print(f"{name:<12} {field:<7} {n:>5} {e / n:>6.3f} {r / n:>7.3f} {z:>5}")
    status = 0
    for m in args.min:
        key, rate = m.split("=")
        name, field = key.split(".")
        n, e, _, _ = scores[(name, field)]
        if e / n < float(rate):
            print(f"score_meta: {key} {e / n:.3f} is below {rate}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
