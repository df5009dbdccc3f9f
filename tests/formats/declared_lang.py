#!/usr/bin/env python3
"""declared_lang.py - how many pages of ../shared/formats/html declare a
language, and what article.lang makes of it (issue 22).

For every page of each set (the page a .json names), looks at the bytes
for the three places html_meta.c reads a language from (<html lang>,
<meta http-equiv=Content-Language>, og:locale) and runs build/tests/gz-html,
whose "lang" is the first of them that names a language and "lang_code"
the lang.h code a corpus reader puts in article.lang.  Prints per set:

  pages     pages of the set
  declare   pages with any of the three (or xml:lang), not empty,
            whatever its value
  coded     pages that get a code (article.lang not NULL)
  lost      pages that declare something but get no code, with the values
  codes     the codes and how many pages have each
  truth     (readability) pages whose expected "lang" names a language,
            and how many of them get the same code

    tests/formats/declared_lang.py [--formats DIR] [--gz-html PROG]
"""
import argparse
import collections
import glob
import gzip
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score_meta import read_pages  # noqa: E402

SETS = ("trafilatura", "readability", "scrapinghub-aeb")

# The values of the three sources, as written; a rough reading of tags,
# good enough to count what a page says.
DECLARED = (
    re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([^\"'\s>]*)", re.I),
    re.compile(rb"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[\"']?"
               rb"[^>]*?\bcontent\s*=\s*[\"']?([^\"'>]*)", re.I),
    re.compile(rb"<meta\b[^>]*?(?:property|name)\s*=\s*[\"']?og:locale[\"']?"
               rb"[^>]*?\bcontent\s*=\s*[\"']?([^\"'>]*)", re.I),
)


def primary(tag):
    """The primary subtag of TAG, lower-cased ("zh-TW" -> "zh")."""
    return re.split(r"[-_]", tag.strip().lower())[0] if tag else ""


def declared(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    values = []
    for rx in DECLARED:
        m = rx.search(data)
        if m and m.group(1).strip():
            values.append(m.group(1).decode("utf-8", "replace"))
    return values


def main():
    top = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--formats", default=os.path.join(top, "..", "shared", "formats"))
    ap.add_argument("--gz-html", default=os.path.join(top, "build", "tests", "gz-html"))
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.formats, "html")):
        print(f"declared_lang: {args.formats}/html is absent")
        return 0
    total = collections.Counter()
    for name in SETS:
        pages, truth = [], {}
        for path in sorted(glob.glob(os.path.join(args.formats, "html", name, "*.json"))):
            with open(path, encoding="utf-8") as f:
                j = json.load(f)
            page = os.path.join(os.path.dirname(path), j["file"])
            pages.append(page)
            if name == "readability" and j.get("lang"):
                truth[page] = j["lang"]
        got = read_pages(args.gz_html, pages)
        codes = collections.Counter()
        lost = []
        n_declare = n_coded = 0
        for page in pages:
            values = declared(page)
            code = got.get(page, {}).get("lang_code")
            n_declare += bool(values)
            n_coded += bool(code)
            codes[code or "-"] += 1
            if values and not code:
                lost.append(f"{os.path.basename(page)}: {values}")
        print(f"{name}: pages {len(pages)}, declare {n_declare}, "
              f"coded {n_coded}, lost {len(lost)}")
        print("  codes " + " ".join(f"{c}:{n}" for c, n in codes.most_common()))
        for line in lost:
            print("  lost " + line)
        if truth:
            named = {p: t for p, t in truth.items() if primary(t) not in ("", "und")}
            same = sum(got.get(p, {}).get("lang_code") == primary(t)
                       for p, t in named.items())
            print(f"  truth {len(named)} pages name a language; same code {same}")
        total.update(pages=len(pages), declare=n_declare, coded=n_coded,
                     lost=len(lost))
    print(f"all: pages {total['pages']}, declare {total['declare']}, "
          f"coded {total['coded']}, lost {total['lost']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
