#!/usr/bin/python3
"""inproc_xapian.py - Xapian's own in-process query latency through its
Python binding (Debian's python3-xapian), on the index scriptindex built:
the same-run measure of the issue's "Xapian p50 0.32 ms" reference.

    /usr/bin/python3 tests/bench/inproc_xapian.py INDEX QUERIES.TSV RUNS

Queries are column 3 of queries.tsv (quest's), parsed as quest parses them:
QueryParser, English stemmer, STEM_SOME, default operator AND, prefix
title:S, boolean prefixes year:Y and month:M.  For every query, RUNS times:
parse, the top 10 by BM25 (Xapian's defaults), each hit's stored data; and,
separately timed, the same with a snippet of each hit's body
(MSet.snippet, 200 bytes).  Prints "# open_us N", then one line per query:

    KIND <TAB> HITS <TAB> MEDIAN_US <TAB> MEDIAN_US_WITH_SNIPPETS
"""
import statistics
import sys
import time

import xapian


def main():
    path, queries, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    t0 = time.perf_counter()
    db = xapian.Database(path)
    stem = xapian.Stem("english")
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_stemmer(stem)
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_AND)
    qp.add_prefix("title", "S")
    qp.add_boolean_prefix("year", "Y")
    qp.add_boolean_prefix("month", "M")
    enq = xapian.Enquire(db)
    print("# open_us %.1f" % ((time.perf_counter() - t0) * 1e6))

    def once(text, snippets):
        q = qp.parse_query(text, qp.FLAG_DEFAULT)
        enq.set_query(q)
        mset = enq.get_mset(0, 10)
        for m in mset:
            data = m.document.get_data()
            if snippets:
                body = data.split(b"\nbody=", 1)[-1] if b"\nbody=" in data else data
                mset.snippet(body.decode("utf-8", "replace"), 200, stem)
        return mset.size()

    for line in open(queries, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        kind, _gz, quest, _fts, _rg = line.rstrip("\n").split("\t")
        t, ts = [], []
        hits = -1
        try:
            for _ in range(runs):
                a = time.perf_counter()
                hits = once(quest, False)
                b = time.perf_counter()
                once(quest, True)
                c = time.perf_counter()
                t.append((b - a) * 1e6)
                ts.append((c - b) * 1e6)
        except xapian.Error as e:
            print(f"inproc_xapian: {quest}: {e}", file=sys.stderr)
            print(f"{kind}\t-1\t0\t0")
            continue
        print("%s\t%d\t%.1f\t%.1f" % (kind, hits, statistics.median(t), statistics.median(ts)))


if __name__ == "__main__":
    main()
