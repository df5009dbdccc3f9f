#!/usr/bin/python3
"""run-eval.py - Gazette's ranking on the judged test collections.

For each collection of ../shared/eval (cacm cisi cran med adi): index
docs.jsonl with the real gazette-index (again only when gazette-index or
docs.jsonl changed), run every line of queries.tsv through ONE
`gazette-search --batch --any --format json -n 1000`, write a TREC run
file, score it with ../shared/tools/ireval.py, score the baseline runs of
../shared/eval/runs/ the same way, and print one table with the
baselines' rows beside Gazette's, the average MAP over the collections and
its ratio to the best single baseline system's average.  Then the
leave-one-collection-out cross-validation over the grid of settings
(crossval.py): the table of each collection scored with the setting chosen
on the others, and whether the defaults are the setting chosen on all.

    tests/eval/run-eval.py [--bin build] [--shared ../shared] [--out DIR]
                           [--collections cacm,adi] [--search-arg ARG]...
                           [--reuse-index] [--summary] [--mode any|and]
                           [--grid FILE] [--no-cv] [-j N]

--search-arg adds an option to the gazette-search command line (for
experiments: --search-arg=--expand, --search-arg=--bm25=1.2,0.75);
--reuse-index keeps an index built by an earlier run even if stale
(query-time experiments only: an index built by another SCHEMA_TITLE_WDF
is stale).  --summary prints one line per collection instead of the
tables, without the cross-validation.  --mode and runs the queries as
all-words queries (no --any), each made plain words (crossval.plain_words:
lower case, every character but letters and digits a space), and counts the
queries without a hit instead of failing on them.  --grid names the grid
(default tests/eval/grid.txt), -j how many searches run at once (default
2), --no-cv skips the cross-validation.

Debian's python3, standard library only.  Exit status: 0 the tables were
printed, 77 ../shared/eval is absent (with a message), 1 a program failed,
a query failed or came back empty (--mode any), or the defaults give other
results than the setting the cross-validation chose on all collections.
`make eval` turns 77 into 0.
"""

import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crossval  # noqa: E402

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


def read_queries(path, mode):
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
            text = text.replace("\r", " ")
            texts.append(crossval.plain_words(text) if mode == "and" else text)
    return qids, texts


def index_collection(args, name, src, work):
    """Index SRC's docs.jsonl into WORK/index unless the index there was
    built from the same docs.jsonl by the same gazette-index; return the
    stamp that says which index it is."""
    idx = os.path.join(work, "index")
    stamp_path = os.path.join(work, "index.stamp")
    docs = os.path.join(src, "docs.jsonl")
    prog = os.path.join(args.bin, "gazette-index")
    want = "%s %s" % (crossval.stamp(prog), crossval.stamp(docs))
    try:
        with open(stamp_path, encoding="utf-8") as f:
            have = f.read().strip()
    except OSError:
        have = None
    if os.path.isdir(idx) and (have == want or (args.reuse_index and have)):
        return have
    if os.path.isdir(idx) and args.reuse_index:
        return "unstamped %s" % crossval.stamp(idx)
    subprocess.run(["rm", "-rf", idx, stamp_path], check=True)
    log = os.path.join(work, "index.log")
    with open(log, "w") as err:
        rc = subprocess.run([prog, "-d", idx, docs],
                            stdout=subprocess.DEVNULL, stderr=err).returncode
    if rc != 0:
        die("%s: gazette-index exited %d (log: %s)" % (name, rc, log))
    with open(stamp_path, "w", encoding="utf-8") as f:
        f.write(want + "\n")
    return want


def search_collection(args, name, qids, texts, run_path, log):
    """Run every query in one process; write the run; return the
    (failed, empty) query ids and the seconds taken."""
    cmd = [os.path.join(args.bin, "gazette-search"), "-d", args.idx,
           "--batch", "--format", "json", "-n", "1000",
           "--no-collapse"] + args.mode_args + args.search_arg
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


def parse_args(top):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(top, os.environ.get("B", "build")))
    ap.add_argument("--shared", default=os.path.normpath(os.path.join(top, "..", "shared")))
    ap.add_argument("--out", default=None, help="work folder (default BIN/eval)")
    ap.add_argument("--collections", default=",".join(COLLECTIONS))
    ap.add_argument("--search-arg", action="append", default=[])
    ap.add_argument("--reuse-index", action="store_true")
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--mode", choices=("any", "and"), default="any",
                    help="any: --any (default); and: all words required")
    ap.add_argument("--grid", default=os.path.join(top, "tests", "eval", "grid.txt"))
    ap.add_argument("--all-settings", action="store_true",
                    help="also print every grid setting's MAP per collection")
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()
    args.mode_args = ["--any"] if args.mode == "any" else []
    return args


def main():
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = parse_args(top)
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
    grid = None
    if not args.summary and not args.no_cv:
        try:
            grid = crossval.read_grid(args.grid)
        except (OSError, ValueError) as e:
            die("%s: %s" % (args.grid, e))
    py = sys.executable or "/usr/bin/python3"

    results = {}     # name -> [(system, means)], Gazette last
    colls = []       # for the cross-validation
    problems = 0
    no_hit = {}      # name -> queries without a hit (--mode and)
    for name in names:
        src = os.path.join(ev, name)
        work = os.path.join(out_dir, name)
        os.makedirs(work, exist_ok=True)
        args.idx = os.path.join(work, "index")
        idx_stamp = index_collection(args, name, src, work)
        qids, texts = read_queries(os.path.join(src, "queries.tsv"), args.mode)
        run_path = os.path.join(work, TAG + ".run")
        failed, empty, secs = search_collection(
            args, name, qids, texts, run_path, os.path.join(work, "search.log"))
        no_hit[name] = len(empty)
        if failed or (empty and args.mode == "any"):
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
        colls.append((name, src, qids, texts, idx_stamp, args.idx))
        if args.summary:
            g = scores[run_path]
            extra = ", %d without a hit" % len(empty) if args.mode == "and" else ""
            print("%-5s MAP %.4f nDCG@10 %.4f P@10 %.4f R@100 %.4f  (%d queries%s, %.1f s)"
                  % ((name,) + tuple(g[m] for m in MEASURES) + (len(qids), extra, secs)))
            sys.stdout.flush()

    avg, best_base = averages(results)
    if args.summary:
        if best_base:
            print("avg   MAP %.4f  best baseline %s %.4f  ratio %.3f"
                  % (avg[TAG], best_base, avg[best_base], avg[TAG] / avg[best_base]))
        sys.exit(1 if problems else 0)
    print_table(args, results, avg, best_base, problems, no_hit)
    if grid is None:
        sys.exit(1 if problems else 0)
    cv_ok = run_cv(args, grid, colls, results, avg, best_base, ireval, out_dir)
    sys.exit(1 if problems or not cv_ok else 0)


def averages(results):
    """({system: average MAP over the collections}, the best baseline system)."""
    systems = []
    for rows in results.values():
        for s, _ in rows:
            if s not in systems:
                systems.append(s)
    avg = {s: sum(dict(rows)[s]["map"] for rows in results.values()) / len(results)
           for s in systems if all(s in dict(rows) for rows in results.values())}
    best_base = max((s for s in avg if s != TAG), key=lambda s: avg[s], default=None)
    return avg, best_base


def print_table(args, results, avg, best_base, problems, no_hit):
    cmd = "gazette-search --batch%s --format json -n 1000 --no-collapse" % \
        "".join(" " + a for a in args.mode_args)
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
    if args.mode == "and":
        print("Queries without a hit (all words required): %s."
              % ", ".join("%s %d" % kv for kv in no_hit.items()))
    print("Failed%s queries: %s." % (" or empty" if args.mode == "any" else "",
                                     "none" if not problems else "see the messages above"))


def run_cv(args, grid, colls, results, avg, best_base, ireval_path, out_dir):
    """Run the grid on COLLS and print the cross-validated tables; False
    when a query failed or the defaults are not the setting chosen on all."""
    if len(colls) < 2 or not best_base:
        print("\nNo cross-validation: it needs two collections or more, with baselines.")
        return True
    ireval = crossval.load_ireval(ireval_path)
    search = os.path.join(args.bin, "gazette-search")
    cmd = [search, "--batch"] + args.mode_args + ["-o", "ids", "-n", "1000",
                                                  "--no-collapse"] + args.search_arg
    cv_colls, best = [], {}
    for name, src, qids, texts, idx_stamp, idx in colls:
        qrels = os.path.join(src, "qrels.txt")
        best[name] = max(v["map"] for s, v in results[name] if s != TAG)
        stamps = " ".join([idx_stamp, crossval.stamp(qrels),
                           crossval.stamp(os.path.join(src, "queries.tsv"))])
        cv_colls.append(crossval.Collection(name, qids, texts, ireval.read_qrels(qrels),
                                            best[name], idx, stamps))
    start = time.monotonic()
    try:
        table, ran = crossval.run_grid(
            ireval, cmd, cv_colls, grid + [""], os.path.join(out_dir, "cv-cache"),
            args.jobs, [crossval.stamp(search), crossval.stamp(ireval_path), args.mode])
    except RuntimeError as e:
        die(str(e))
    names = [c.name for c in cv_colls]
    print()
    print("Cross-validated: each collection scored with the setting chosen on the "
          "others (%d settings of %s; %s; %d of %d runs new, %.0f s, -j %d)."
          % (len(grid), os.path.relpath(args.grid), " ".join(
              os.path.basename(cmd[0]) if i == 0 else a for i, a in enumerate(cmd)),
             ran, len(table) * len(names), time.monotonic() - start, args.jobs))
    print("The rule: the settings whose worst MAP / best baseline MAP over the "
          "choosing collections is within %.3f of the best worst case, then the "
          "best mean of those ratios (tests/eval/crossval.py, choose())."
          % crossval.TOLERANCE)
    print()
    if args.all_settings:
        crossval.print_settings(table, grid, names, best)
        print()
    full_json = None if os.environ.get("GAZETTE_RANKING") else \
        {c: dict(results[c])[TAG]["map"] for c in names}
    return crossval.report(table, grid, names, best, (best_base, avg[best_base]),
                           full_json, args.mode)


if __name__ == "__main__":
    main()
