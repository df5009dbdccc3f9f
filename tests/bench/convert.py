#!/usr/bin/python3
"""convert.py - the shared corpus in the input formats of Gazette's peers.

    /usr/bin/python3 tests/bench/convert.py CORPUS_DIR OUT_DIR

Reads the three articles.jsonl.gz (28,789 articles) once and writes:

  OUT_DIR/articles.si    scriptindex's input: one record per article,
                         `field=value` lines, continuation lines starting
                         with `=`, records separated by a blank line; the
                         date as YYYYMMDD (for scriptindex's date=yyyymmdd)
  OUT_DIR/articles.csv   the CSV sqlite3's `.import` reads into the FTS5
                         table: title, body, id, date, source
  OUT_DIR/input.json     the counts: articles, bytes of title and body text
                         (UTF-8), the denominator of the index-size ratios

Gazette reads the .jsonl.gz files themselves and rg the articles/ trees,
so they need no conversion.  Written to temporary names and renamed, so a
stopped run never leaves half a file that a later run would take as done.
"""
import csv
import gzip
import json
import os
import sys

DATASETS = ("allsides_news", "presidential_speeches", "reuters21578")


def si_value(name, text):
    lines = text.split("\n")
    return name + "=" + lines[0] + "\n" + "".join("=" + l + "\n" for l in lines[1:])


def fts5_row(a):
    """Article A as a row of the FTS5 table (title, body, id, date, source),
    the columns of bench.py's FTS5_SCHEMA."""
    return [a.get("title", ""), a.get("body", ""), a["id"], a.get("date", ""),
            a.get("source", "")]


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    si_path, csv_path = os.path.join(out, "articles.si"), os.path.join(out, "articles.csv")
    n = text_bytes = 0
    with open(si_path + ".tmp", "w", encoding="utf-8") as si, \
         open(csv_path + ".tmp", "w", encoding="utf-8", newline="") as cf:
        w = csv.writer(cf, lineterminator="\n")
        for name in DATASETS:
            with gzip.open(os.path.join(corpus, name, "articles.jsonl.gz"), "rt",
                           encoding="utf-8") as f:
                for line in f:
                    a = json.loads(line)
                    title, body = a.get("title", ""), a.get("body", "")
                    n += 1
                    text_bytes += len(title.encode()) + len(body.encode())
                    rec = [si_value("id", a["id"]),
                           si_value("date", a.get("date", "").replace("-", "")),
                           si_value("title", title), si_value("body", body),
                           si_value("source", a.get("source", ""))]
                    si.write("".join(rec) + "\n")
                    w.writerow([title, body, a["id"], a.get("date", ""),
                                a.get("source", "")])
    os.rename(si_path + ".tmp", si_path)
    os.rename(csv_path + ".tmp", csv_path)
    with open(os.path.join(out, "input.json"), "w") as f:
        json.dump({"articles": n, "text_bytes": text_bytes}, f)


if __name__ == "__main__":
    main()
