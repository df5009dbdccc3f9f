#!/usr/bin/python3
"""inproc_fts5.py - SQLite FTS5's in-process query latency, the counterpart
of inproc.c: Debian's python3 and its standard sqlite3 module, the database
open once.

    /usr/bin/python3 tests/bench/inproc_fts5.py DB QUERIES.TSV RUNS

For every query (column 4 of queries.tsv: the MATCH expression, and for
date queries `|LO|HI`), RUNS times: the top 10 by bm25 (ORDER BY rank) with
their stored id, date and title; and, separately timed, the same with a
snippet of the body (snippet(), 30 tokens), as the sqlite3 command of the
per-process runs selects.  Prints "# open_us N", then one line per query:

    KIND <TAB> HITS <TAB> MEDIAN_US <TAB> MEDIAN_US_WITH_SNIPPETS
"""
import sqlite3
import statistics
import sys
import time


def sql_for(fts, snippets):
    cols = "id, date, title" + (", snippet(articles, 1, '', '', '…', 30)" if snippets else "")
    parts = fts.split("|")
    where = "articles MATCH ?" + (" AND date BETWEEN ? AND ?" if len(parts) == 3 else "")
    return f"SELECT {cols} FROM articles WHERE {where} ORDER BY rank LIMIT 10", parts


def main():
    db, queries, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    t0 = time.perf_counter()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.execute("SELECT count(*) FROM articles WHERE articles MATCH 'x'").fetchall()
    print("# open_us %.1f" % ((time.perf_counter() - t0) * 1e6))
    for line in open(queries, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        kind, _gz, _quest, fts, _rg = line.rstrip("\n").split("\t")
        plain, params = sql_for(fts, False)
        snip, _ = sql_for(fts, True)
        t, ts = [], []
        hits = -1
        try:
            for _ in range(runs):
                a = time.perf_counter()
                hits = len(con.execute(plain, params).fetchall())
                b = time.perf_counter()
                con.execute(snip, params).fetchall()
                c = time.perf_counter()
                t.append((b - a) * 1e6)
                ts.append((c - b) * 1e6)
        except sqlite3.Error as e:
            print(f"inproc_fts5: {fts}: {e}", file=sys.stderr)
            print(f"{kind}\t-1\t0\t0")
            continue
        print("%s\t%d\t%.1f\t%.1f" % (kind, hits, statistics.median(t), statistics.median(ts)))


if __name__ == "__main__":
    main()
