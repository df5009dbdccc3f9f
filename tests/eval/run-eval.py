#!/usr/bin/python3
"""run-eval.py - Gazette's ranking on the judged test collections.

For each collection of ../shared/eval (cacm cisi cran med adi): index
docs.jsonl with the real gazette-index, run every line of queries.tsv
through ONE `gazette-search --batch --any --format json -n 1000`, write a
TREC run file, score it with ../shared/tools/ireval.py, score the baseline
runs of ../shared/eval/runs/ the same way, and print one table with the
baselines' rows beside Gazette's, the average MAP over the collections and
its ratio to the best single baseline system's average.

    tests/eval/run-eval.py [--bin build] [--shared ../shared] [--out DIR]
                           [--collections cacm,adi] [--search-arg ARG]...
                           [--reuse-index] [--summary]

--search-arg adds an option to the gazette-search command line (for
experiments: --search-arg=--expand, --search-arg=--bm25=1.2,0.75);
--reuse-index keeps an index built by an earlier run (query-time
experiments only: an index built by another SCHEMA_TITLE_WDF is stale).
--summary prints one line per collection instead of the table.

Debian's python3, standard library only.  Exit status: 0 the table was
printed, 77 ../shared/eval is absent (with a message), 1 a program failed
or a query failed or came back empty.  `make eval` turns 77 into 0.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import time

COLLECTIONS = ("cacm", "cisi", "cran", "med", "adi")
MEASURES = ("map", "ndcg_cut_10", "P_10", "recall_100")
LABELS = ("MAP", "nDCG@10", "P@10", "R@100")
TAG = "gazette"


def die(msg, code=1):
    print("run-eval: " + msg, file=sys.stderr)
    sys.exit(code)


def score(py, ireval, qrels, runs):
    """{run path: {measure: mean}} from ireval.py --json."""
    out = subprocess.run([py, ireval, "--json", qrels] + runs,
                         capture_output=True, text=True)
    if out.returncode != 0:
        die("ireval.py %s failed:\n%s" % (qrels, out.stderr))
    return {r["run"]: r["means"] for r in json.loads(out.stdout)}


def read_queries(path):
    qids, texts = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                continue
            qid, sep, text = line.partition("\t")
            if not sep:
                die("%s:%d: expected 'qid<TAB>text'" % (path, n))
            qids.append(qid)
            texts.append(text.replace("\r", " "))
    return qids, texts


def index_collection(args, name, src, idx, log):
    with open(log, "w") as err:
        rc = subprocess.run([os.path.join(args.bin, "gazette-index"), "-d", idx,
                             os.path.join(src, "docs.jsonl")],
                            stdout=subprocess.DEVNULL, stderr=err).returncode
    if rc != 0:
        die("%s: gazette-index exited %d (log: %s)" % (name, rc, log))


def search_collection(args, name, qids, texts, run_path, log):
    """Run every query in one process; write the run; return the
    (failed, empty) query ids and the seconds taken."""
    cmd = [os.path.join(args.bin, "gazette-search"), "-d", args.idx,
           "--batch", "--any", "--format", "json", "-n", "1000",
           "--no-collapse"] + args.search_arg
    start = time.monotonic()
    with open(log, "w") as err:
        out = subprocess.run(cmd, input="".join(t + "\n" for t in texts),
                             stdout=subprocess.PIPE, stderr=err, text=True)
    secs = time.monotonic() - start
    if out.returncode not in (0, 1, 2):
        die("%s: gazette-search exited %d (log: %s)" % (name, out.returncode, log))
    hits = {}
    failed = set()
    for line in out.stdout.splitlines():
        o = json.loads(line)
        qn = o["query"]
        if not 1 <= qn <= len(qids):
            die("%s: query number %d out of range" % (name, qn))
        if "error" in o:
            failed.add(qids[qn - 1])
            continue
        if "hits" in o:     # the line of a query without hits
            continue
        hits.setdefault(qn, []).append(o)
    with open(run_path, "w") as run:
        for qn, qid in enumerate(qids, 1):
            for h in hits.get(qn, []):
                # repr() keeps every digit of the score: ireval orders by it.
                run.write("%s Q0 %s %d %r %s\n" % (qid, h["id"], h["rank"],
                                                   h["score"], TAG))
    empty = {qid for qn, qid in enumerate(qids, 1)
             if qn not in hits and qid not in failed}
    return sorted(failed, key=int), sorted(empty, key=int), secs


def main():
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(top, os.environ.get("B", "build")))
    ap.add_argument("--shared", default=os.path.normpath(os.path.join(top, "..", "shared")))
    ap.add_argument("--out", default=None, help="work folder (default BIN/eval)")
    ap.add_argument("--collections", default=",".join(COLLECTIONS))
    ap.add_argument("--search-arg", action="append", default=[])
    ap.add_argument("--reuse-index", action="store_true")
    ap.add_argument("--summary", action="store_true")
    args = ap.parse_args()

    ev = os.path.join(args.shared, "eval")
    ireval = os.path.join(args.shared, "tools", "ireval.py")
    if not os.path.isdir(ev) or not os.path.isfile(ireval):
        print("skip: %s is absent: no test collections to evaluate on" % ev)
        sys.exit(77)
    for prog in ("gazette-index", "gazette-search"):
        if not os.access(os.path.join(args.bin, prog), os.X_OK):
            die("%s/%s is missing: run make build first" % (args.bin, prog))
    out_dir = args.out or os.path.join(args.bin, "eval")
    names = [c for c in args.collections.split(",") if c]
    for c in names:
        if c not in COLLECTIONS:
            die("unknown collection '%s' (%s)" % (c, " ".join(COLLECTIONS)))
    py = sys.executable or "/usr/bin/python3"

    results = {}     # name -> [(system, means)], Gazette last
    problems = 0
    for name in names:
        src = os.path.join(ev, name)
        work = os.path.join(out_dir, name)
        os.makedirs(work, exist_ok=True)
        args.idx = os.path.join(work, "index")
        if not (args.reuse_index and os.path.isdir(args.idx)):
            subprocess.run(["rm", "-rf", args.idx], check=True)
            index_collection(args, name, src, args.idx, os.path.join(work, "index.log"))
        qids, texts = read_queries(os.path.join(src, "queries.tsv"))
        run_path = os.path.join(work, TAG + ".run")
        failed, empty, secs = search_collection(
            args, name, qids, texts, run_path, os.path.join(work, "search.log"))
        if failed or empty:
            problems += 1
            print("%s: %d of %d queries failed %s, %d came back empty %s (log: %s)"
                  % (name, len(failed), len(qids), failed, len(empty), empty,
                     os.path.join(work, "search.log")), file=sys.stderr)
        qrels = os.path.join(src, "qrels.txt")
        base_dir = os.path.join(ev, "runs", name)
        base = sorted(f for f in os.listdir(base_dir) if f.endswith(".run.gz")) \
            if os.path.isdir(base_dir) else []
        base_paths = [os.path.join(base_dir, f) for f in base]
        scores = score(py, ireval, qrels, base_paths + [run_path])
        rows = [(f[:-len(".run.gz")], scores[p]) for f, p in zip(base, base_paths)]
        rows.append((TAG, scores[run_path]))
        results[name] = rows
        if args.summary:
            g = scores[run_path]
            print("%-5s MAP %.4f nDCG@10 %.4f P@10 %.4f R@100 %.4f  (%d queries, %.1f s)"
                  % ((name,) + tuple(g[m] for m in MEASURES) + (len(qids), secs)))
            sys.stdout.flush()

    systems = []
    for rows in results.values():
        for s, _ in rows:
            if s not in systems:
                systems.append(s)
    avg = {s: sum(dict(rows)[s]["map"] for rows in results.values()) / len(results)
           for s in systems if all(s in dict(rows) for rows in results.values())}
    best_base = max((s for s in avg if s != TAG), key=lambda s: avg[s], default=None)

    if args.summary:
        if best_base:
            print("avg   MAP %.4f  best baseline %s %.4f  ratio %.3f"
                  % (avg[TAG], best_base, avg[best_base], avg[TAG] / avg[best_base]))
        sys.exit(1 if problems else 0)

    cmd = "gazette-search --batch --any --format json -n 1000 --no-collapse"
    if args.search_arg:
        cmd += " " + " ".join(args.search_arg)
    print("Ranking on the judged collections (%s; MAP, nDCG@10, P@10, R@100 by "
          "../shared/tools/ireval.py; * = Gazette at or above the best baseline)" % cmd)
    print()
    print("| collection | system | " + " | ".join(LABELS) + " |")
    print("|---|---|" + "---:|" * len(LABELS))
    misses = []
    for name, rows in results.items():
        best = {m: max((v[m] for s, v in rows if s != TAG), default=0) for m in MEASURES}
        for s, v in rows:
            cells = []
            for m in MEASURES:
                mark = " *" if s == TAG and v[m] >= best[m] - 5e-5 else ""
                cells.append("%.4f%s" % (v[m], mark))
            label = "**%s**" % s if s == TAG else s
            print("| %s | %s | %s |" % (name, label, " | ".join(cells)))
        g = dict(rows)[TAG]
        for m in ("map", "ndcg_cut_10"):
            if g[m] < best[m] - 5e-5:
                misses.append("%s %s %.4f < %.4f" % (name, LABELS[MEASURES.index(m)],
                                                     g[m], best[m]))
    print()
    print("| system | average MAP over %s |" % ", ".join(results))
    print("|---|---:|")
    for s in sorted(avg, key=lambda s: -avg[s]):
        print("| %s | %.4f |" % ("**%s**" % s if s == TAG else s, avg[s]))
    print()
    if best_base:
        ratio = avg[TAG] / avg[best_base]
        print("Gazette's average MAP %.4f is %.3f x the best baseline system's "
              "(%s, %.4f): %+.1f%% (target +5%%)."
              % (avg[TAG], ratio, best_base, avg[best_base], (ratio - 1) * 100))
    if misses:
        print("Below the best baseline: " + "; ".join(misses) + ".")
    elif len(results) > 0:
        print("MAP and nDCG@10 at or above the best baseline on every collection.")
    print("Failed or empty queries: %s." % ("none" if not problems else
                                             "see the messages above"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
