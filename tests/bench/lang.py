"""lang.py - the measuring half of tests/bench/lang.sh (`make bench-lang`,
issue 22): two builds of Gazette, BASE (the English-only schema) and NEW
(this tree's), side by side on each input, in one run.

    lang.py --base DIR --new DIR --out FILE.md
            --input 'NAME|QUERIES|COMPARE|TITLE|ARG...' ...

Per input: ROUNDS full builds with each build, alternating (BASE, NEW,
BASE, ...), `gazette-index -q -j JOBS -d IDX ARG...` from nothing, wall
and CPU (user + system) seconds, index size; then `--compact` of the same
and its size.  Then the queries of QUERIES (queries.tsv's columns, or
lang-queries.tsv's "lang<TAB>query"), one gazette-search process per query
(`-n 10`, text output with snippets, output to /dev/null), REPS times,
the builds alternating query by query (the order turning each time): each
query's median, then p50 / p95 over the queries (nearest rank).  A build
whose gazette-search has --lang also runs each query of a lang-queries
file as "lang:X QUERY".  Every query's top 10 ids (`-o ids`) are taken
once from each build: with COMPARE "same", every query must give BASE's
ids (mismatches are listed); otherwise only the queries with a hit are
counted.  Settings: ROUNDS (3), REPS (3), JOBS (2).  The raw figures go to
FILE.json beside FILE.md.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402
from bench import env_int, load_queries, loadavg, log, pct, rmtree, tree_bytes  # noqa: E402

BUILDS = ("base", "new")


def read_queries(path):
    """[(lang or None, query)] of a queries.tsv or a lang-queries.tsv."""
    if os.path.basename(path) == "queries.tsv":
        return [(None, q["gazette"]) for q in load_queries(path)]
    return [(lang, q) for lang, q in bench.tsv_rows(path)]


class LangBench:
    def __init__(self, args):
        self.b = bench.Bench(argparse.Namespace(bin=args.new))
        os.makedirs(self.b.out, exist_ok=True)
        self.bins = {"base": os.path.abspath(args.base), "new": os.path.abspath(args.new)}
        self.work = os.path.join(self.b.out, "lang")
        self.rounds, self.reps = env_int("ROUNDS", 3), env_int("REPS", 3)
        self.jobs = int(os.environ.get("JOBS") or 2)
        self.has_lang = {k: "--lang" in self.run(k, ["--help"]).stdout for k in BUILDS}

    def prog(self, build, name):
        return os.path.join(self.bins[build], name)

    def run(self, build, args):
        return subprocess.run([self.prog(build, "gazette-search")] + args, env=self.b.env,
                              capture_output=True, text=True)

    def idx(self, build):
        return os.path.join(self.work, "idx-" + build)

    def builds(self, paths):
        """ROUNDS builds and compactions of each build, alternating."""
        out = {k: [] for k in BUILDS}
        for r in range(self.rounds):
            for k in BUILDS:
                log(f"lang: round {r + 1}/{self.rounds}, {k} build (load {loadavg():.2f})")
                rmtree(self.idx(k))
                gi = [self.prog(k, "gazette-index"), "-q", "-d", self.idx(k)]
                t = self.b.timed(gi + ["-j", str(self.jobs)] + paths, ok=(0, 1))
                size = tree_bytes(self.idx(k))
                c = self.b.timed(gi + ["--compact"] + paths, ok=(0, 1))
                out[k].append({"wall": t["wall"], "cpu": t["cpu"], "rss_mb": t["rss_mb"],
                               "size": size, "compact_wall": c["wall"],
                               "compact_size": tree_bytes(self.idx(k))})
        return out

    def argv(self, build, q, extra=()):
        return [self.prog(build, "gazette-search"), "-d", self.idx(build), "-n", "10"] \
            + list(extra) + ["--", q]

    def latency(self, queries, builds):
        """Per build, each query's median wall ms over REPS, alternating."""
        t = {k: [[] for _ in queries] for k in builds}
        for r in range(self.reps):
            log(f"lang: searches, repetition {r + 1}/{self.reps} (load {loadavg():.2f})")
            for i, q in enumerate(queries):
                k0 = (i + r) % len(builds)
                for k in builds[k0:] + builds[:k0]:
                    ms, rc, _ = self.b.spawn(self.argv(k, q))
                    if rc not in (0, 1):
                        sys.exit(f"lang: {self.argv(k, q)!r} exited {rc}")
                    t[k][i].append(ms)
        return {k: [statistics.median(x) for x in t[k]] for k in builds}

    def ids(self, build, queries):
        out = []
        for q in queries:
            r = subprocess.run(self.argv(build, q, ["-o", "ids"]), env=self.b.env,
                               capture_output=True, text=True)
            if r.returncode not in (0, 1):
                sys.exit(f"lang: {self.argv(build, q)!r} exited {r.returncode}: {r.stderr}")
            out.append(r.stdout.split("\n")[:-1])
        return out

    def measure(self, spec):
        name, qfile, compare, title, *paths = spec.split("|")
        queries = read_queries(qfile)
        words = [q for _, q in queries]
        rec = {"title": title, "paths": paths, "queries": qfile, "compare": compare,
               "load_start": loadavg()}
        rec["builds"] = self.builds(paths)
        rec["articles"] = {k: self.run(k, ["-d", self.idx(k), "-o", "count", "*"]).stdout.strip()
                           for k in BUILDS}
        rec["ms"] = self.latency(words, BUILDS)
        filtered = [f"lang:{lang} {q}" for lang, q in queries if lang]
        with_lang = tuple(k for k in BUILDS if self.has_lang[k])
        if filtered and with_lang:
            rec["lang_ms"] = self.latency(filtered, with_lang)
            rec["lang_queries"] = len(filtered)
        rec["ids"] = {k: self.ids(k, words) for k in BUILDS}
        rec["query_list"] = words
        rec["load_end"] = loadavg()
        return name, rec


def med(runs, key):
    return statistics.median(r[key] for r in runs)


def ratio(a, b):
    return "%.2f" % (b / a) if a else "–"


def table(rec, jobs):
    L = ["| figure | BASE | NEW | NEW / BASE |", "| --- | ---: | ---: | ---: |"]
    bb = rec["builds"]
    n = len(bb["base"])

    def row(label, base, new, fmt):
        L.append(f"| {label} | {fmt % base} | {fmt % new} | {ratio(base, new)} |")
    row(f"build wall s, -j {jobs} (median of {n})", med(bb["base"], "wall"),
        med(bb["new"], "wall"), "%.1f")
    row("build CPU s (user + sys)", med(bb["base"], "cpu"), med(bb["new"], "cpu"), "%.1f")
    row("build peak RSS MB", med(bb["base"], "rss_mb"), med(bb["new"], "rss_mb"), "%.0f")
    row("index MB", med(bb["base"], "size") / 1e6, med(bb["new"], "size") / 1e6, "%.1f")
    row("--compact s", med(bb["base"], "compact_wall"), med(bb["new"], "compact_wall"), "%.1f")
    row("compacted MB", med(bb["base"], "compact_size") / 1e6,
        med(bb["new"], "compact_size") / 1e6, "%.1f")
    nq = len(rec["query_list"])
    for p in (50, 95):
        row(f"search p{p} ms ({nq} queries, one process each)", pct(rec["ms"]["base"], p),
            pct(rec["ms"]["new"], p), "%.1f")
    if "lang_ms" in rec:
        lm = rec["lang_ms"]
        for p in (50, 95):
            cells = [("%.1f" % pct(lm[k], p)) if k in lm else "– (no --lang)" for k in BUILDS]
            r = ratio(pct(lm["base"], p), pct(lm["new"], p)) if len(lm) == 2 else "–"
            L.append(f"| search p{p} ms, `lang:X QUERY` ({rec['lang_queries']} queries) | "
                     f"{cells[0]} | {cells[1]} | {r} |")
    hits = {k: sum(1 for x in rec["ids"][k] if x) for k in BUILDS}
    L.append(f"| queries with a hit (of {nq}) | {hits['base']} | {hits['new']} | |")
    L.append(f"| articles in the index | {rec['articles']['base']} | {rec['articles']['new']} | |")
    L.append("")
    runs = "; ".join(f"{k.upper()} " + ", ".join("%.1f/%.1f" % (r["wall"], r["cpu"])
                                                  for r in bb[k]) for k in BUILDS)
    L.append(f"Build runs, wall/CPU s: {runs}.  Load average {rec['load_start']:.2f} at "
             f"the start, {rec['load_end']:.2f} at the end.")
    if rec["compare"] == "same":
        diff = [q for q, a, b in zip(rec["query_list"], rec["ids"]["base"], rec["ids"]["new"])
                if a != b]
        L.append("")
        L.append(f"Top-10 ids of NEW equal to BASE's, same order: {nq - len(diff)} of {nq} "
                 "queries" + ("." if not diff else "; **they differ for**: "
                              + ", ".join(f"`{q}`" for q in diff[:20])
                              + (" …" if len(diff) > 20 else "") + "."))
    return L


def write(raw, path):
    m = raw["meta"]
    L = ["# The multilingual schema against the English-only one (`make bench-lang`, "
         "issue 22)", "",
         f"Started {m['started']}, finished {m['finished']} on {m['host']} ({m['cpus']} "
         f"cores).  BASE: {m['base']}.  NEW: {m['new']}.  Rounds {m['rounds']}, "
         f"search repetitions {m['reps']}, gazette-index -j {m['jobs']}.  "
         "Builds from nothing, alternating BASE and NEW; searches alternate query by "
         "query; each query's median, then percentiles over the queries.", ""]
    for name, rec in raw["inputs"].items():
        L.append(f"## {rec['title']}")
        L.append("")
        L += table(rec, m["jobs"])
        L.append("")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(L))
    os.replace(path + ".tmp", path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="BASE's build folder")
    ap.add_argument("--new", required=True, help="NEW's build folder")
    ap.add_argument("--base-name", default="", help="BASE described")
    ap.add_argument("--new-name", default="", help="NEW described")
    ap.add_argument("--out", required=True)
    ap.add_argument("--input", action="append", default=[])
    args = ap.parse_args()
    lb = LangBench(args)
    raw = {"meta": {"started": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
                    "host": os.uname().nodename, "cpus": os.cpu_count(),
                    "base": args.base_name or args.base, "new": args.new_name or args.new,
                    "rounds": lb.rounds, "reps": lb.reps, "jobs": lb.jobs},
           "inputs": {}}
    rmtree(lb.work)
    os.makedirs(lb.work)
    for spec in args.input:
        name, rec = lb.measure(spec)
        raw["inputs"][name] = rec
        raw["meta"]["finished"] = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
        with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
            json.dump(raw, f, indent=1)
        write(raw, args.out)
    rmtree(lb.work)


if __name__ == "__main__":
    main()
