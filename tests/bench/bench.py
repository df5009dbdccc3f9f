#!/usr/bin/python3
"""bench.py - Gazette against the tools a user would otherwise pick, on the
same corpus, in the same run (`make bench` runs it through run.sh).

    /usr/bin/python3 tests/bench/bench.py [--bin build] [--only PHASE,...]

Phases (all by default, in this order; each adds its figures to
BUILD/bench/raw.json, so one phase can be re-run alone while the harness
is worked on):

  convert   the corpus into the peers' inputs (convert.py; skipped when
            up to date)
  builds    Gazette (gazette-index on the three articles.jsonl.gz),
            scriptindex (gazette.scriptindex) and SQLite FTS5 (the sqlite3
            CLI, porter unicode61, one transaction), ROUNDS times each,
            alternating; wall, user+sys CPU and peak RSS from /usr/bin/time;
            index size before and after compaction (gazette-index
            --compact, xapian-compact, VACUUM then FTS5 'optimize' + VACUUM)
  floor     the process floor: a trivial C program, a trivial C++ one
            linked with libxapian, gazette-search --version, --explain
            (start-up + index open + parse), -o ids and the default text
            output of one query (the search, then the snippets), the
            peers' --version
  perproc   one process per query, top 10, output to /dev/null:
            gazette-search, quest, sqlite3, rg; the tools alternate query by
            query (the order rotates), REPS repetitions (rg: RG_REPS)
  inproc    the library with the index open: inproc.c (Gazette),
            inproc_fts5.py (FTS5, Python's sqlite3), inproc_xapian.py
            (Xapian's Python binding on scriptindex's index), each query
            INPROC_RUNS times, INPROC_ROUNDS rounds alternating the drivers
  incremental  tests/bench/incremental.sh (issue 4's measure)
  report    BUILD/bench/RESULTS.md from raw.json

Settings from the environment: ROUNDS (2), REPS (3), RG_REPS (1), RG_EVERY (5),
INPROC_RUNS (11), INPROC_ROUNDS (2), FLOOR_RUNS (100), GAZETTE_SHARED
(../shared).  Indexes are searched as the last build round left them,
compacted.  All latencies are medians over the repetitions of a query,
then percentiles (nearest rank) over the queries.
"""
import argparse
import datetime
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(TOP, "tests", "bench")
DATASETS = ("allsides_news", "presidential_speeches", "reuters21578")
KINDS = ("keyword", "common", "phrase", "date", "title")
BUILD_TOOLS = ("gazette", "scriptindex", "fts5")
PROC_TOOLS = ("gazette", "quest", "sqlite3", "rg")
INPROC_TOOLS = ("gazette", "fts5", "xapian")
QUEST_OPTS = ["-m", "10", "-s", "english", "-o", "and", "-p", "title:S",
              "-b", "year:Y", "-b", "month:M"]
FLOOR_QUERY = "government officials"   # a common-word query of the set
FTS5_SCHEMA = ("CREATE VIRTUAL TABLE articles USING fts5(title, body, "
               "id UNINDEXED, date UNINDEXED, source UNINDEXED, "
               "tokenize='porter unicode61');")


def env_int(name, default):
    return int(os.environ.get(name, default))


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def loadavg():
    return os.getloadavg()[0]


def tree_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            total += os.lstat(os.path.join(root, f)).st_size
    return total


def rmtree(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.unlink(path)


def tsv_rows(path):
    """The rows of the TSV file PATH as lists of fields, its comment lines
    (#) and blank lines left out."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def load_queries(path):
    """The query set of PATH (queries.tsv's columns) as a list of dicts."""
    queries = []
    for kind, gz, quest, fts, rg in tsv_rows(path):
        queries.append({"kind": kind, "gazette": gz, "quest": quest,
                        "fts5": fts, "rg": rg})
    return queries


class Bench:
    """The phases.  scale.py (`make bench-scale`) runs some of them on other
    indexes and queries: it sets idx, qfile and queries, the tools
    (proc_tools, inproc_tools), ids_only (gazette-search -o ids, sqlite3
    without snippets) and raw_path."""

    def __init__(self, args):
        self.bin = os.path.join(TOP, args.bin)
        self.out = os.path.join(self.bin, "bench")
        self.work = os.path.join(self.out, "work")
        self.idx = os.path.join(self.out, "idx")
        self.proc_tools, self.inproc_tools = PROC_TOOLS, INPROC_TOOLS
        self.ids_only = False
        shared = os.environ.get("GAZETTE_SHARED", os.path.join(TOP, "..", "shared"))
        self.corpus = os.path.realpath(os.path.join(shared, "corpus"))
        self.jsonl = [os.path.join(self.corpus, d, "articles.jsonl.gz") for d in DATASETS]
        self.txtdirs = [os.path.join(self.corpus, d, "articles") for d in DATASETS]
        self.raw_path = os.path.join(self.out, "raw.json")
        self.raw = {}
        if os.path.exists(self.raw_path):
            with open(self.raw_path) as f:
                self.raw = json.load(f)
        self.qfile = os.path.join(HERE, "queries.tsv")
        self.queries = load_queries(self.qfile)
        self.env = dict(os.environ)
        self.env.pop("GAZETTE_RANKING", None)
        self.env["HOME"] = self.work  # no ~/.sqliterc, no user config

    def save(self):
        tmp = self.raw_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.raw, f, indent=1)
        os.replace(tmp, self.raw_path)

    def which(self, name):
        p = shutil.which(name)
        if not p:
            sys.exit(f"bench: {name} is missing: run tests/bench/setup.sh")
        return p

    # ---- convert -------------------------------------------------------------
    def phase_convert(self):
        stamp = os.path.join(self.work, "input.json")
        newest = max(os.path.getmtime(p) for p in self.jsonl +
                     [os.path.join(HERE, "convert.py")])
        if not (os.path.exists(stamp) and os.path.getmtime(stamp) >= newest):
            log("converting the corpus for scriptindex and sqlite3")
            subprocess.run(["/usr/bin/python3", os.path.join(HERE, "convert.py"),
                            self.corpus, self.work], check=True)
        with open(stamp) as f:
            info = json.load(f)
        info["txt_bytes"] = sum(tree_bytes(d) for d in self.txtdirs)
        info["jsonl_gz_bytes"] = sum(os.path.getsize(p) for p in self.jsonl)
        self.raw["input"] = info
        with open(os.path.join(self.work, "build.sql"), "w") as f:
            f.write(FTS5_SCHEMA + "\nBEGIN;\n.import --csv "
                    + os.path.join(self.work, "articles.csv") + " articles\nCOMMIT;\n")
        self.save()

    # ---- builds --------------------------------------------------------------
    def timed(self, argv, ok=(0,)):
        """Run ARGV under /usr/bin/time: wall s, user+sys s, peak RSS MB.
        An exit status not in OK stops the bench."""
        tf = os.path.join(self.out, "time.out")
        errf = os.path.join(self.out, "build.err")
        with open(errf, "w") as err:
            r = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf] + argv,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=err, env=self.env)
        with open(tf) as f:
            last = f.read().strip().splitlines()[-1].split()
        if r.returncode not in ok:
            with open(errf) as f:
                tail = f.read()[-2000:]
            sys.exit(f"bench: {' '.join(argv)} failed (exit {r.returncode}):\n{tail}")
        wall, user, sys_, rss = float(last[0]), float(last[1]), float(last[2]), int(last[3])
        return {"wall": wall, "cpu": user + sys_, "user": user, "sys": sys_,
                "rss_mb": rss / 1024.0}

    def build_one(self, tool):
        gi = os.path.join(self.bin, "gazette-index")
        if tool == "gazette":
            d = os.path.join(self.idx, "gazette")
            rmtree(d)
            b = self.timed([gi, "-q", "-d", d] + self.jsonl)
            b["size"] = tree_bytes(d)
            c = self.timed([gi, "-q", "--compact", "-d", d] + self.jsonl)
            b["compact_wall"], b["compact_size"] = c["wall"], tree_bytes(d)
        elif tool == "scriptindex":
            d = os.path.join(self.idx, "scriptindex")
            rmtree(d)
            rmtree(d + ".compact")
            b = self.timed([self.which("scriptindex"), "--overwrite", d,
                            os.path.join(HERE, "gazette.scriptindex"),
                            os.path.join(self.work, "articles.si")])
            b["size"] = tree_bytes(d)
            c = self.timed([self.which("xapian-compact"), d, d + ".compact"])
            rmtree(d)
            os.rename(d + ".compact", d)
            b["compact_wall"], b["compact_size"] = c["wall"], tree_bytes(d)
        else:
            d = os.path.join(self.idx, "fts5.db")
            rmtree(d)
            sq = self.which("sqlite3")
            b = self.timed([sq, "-batch", "-init", "/dev/null", d,
                            ".read " + os.path.join(self.work, "build.sql")])
            b["size"] = tree_bytes(d)
            c = self.timed([sq, "-batch", "-init", "/dev/null", d, "VACUUM;"])
            b["compact_wall"], b["compact_size"] = c["wall"], tree_bytes(d)
            o = self.timed([sq, "-batch", "-init", "/dev/null", d,
                            "INSERT INTO articles(articles) VALUES('optimize');",
                            "VACUUM;"])
            b["optimize_wall"], b["optimize_size"] = o["wall"], tree_bytes(d)
        return b

    def phase_builds(self):
        os.makedirs(self.idx, exist_ok=True)
        rounds = env_int("ROUNDS", 2)
        runs = {t: [] for t in BUILD_TOOLS}
        for r in range(rounds):
            order = BUILD_TOOLS[r % 3:] + BUILD_TOOLS[:r % 3]
            for tool in order:
                la = loadavg()
                log(f"build round {r + 1}/{rounds}: {tool} (load {la:.2f})")
                b = self.build_one(tool)
                b["load"] = la
                b["round"] = r + 1
                runs[tool].append(b)
                log(f"  {tool}: {b['wall']:.1f} s wall, {b['cpu']:.1f} s CPU, "
                    f"{b['rss_mb']:.0f} MB RSS, {b['size'] / 1e6:.0f} -> "
                    f"{b['compact_size'] / 1e6:.0f} MB")
        self.raw["builds"] = runs
        self.save()

    # ---- one process per query -------------------------------------------------
    def spawn(self, argv):
        """Wall milliseconds from spawn to reaped exit, the exit code, and
        the child's CPU milliseconds (user+sys)."""
        fa = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
              (os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
              (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)]
        t0 = time.perf_counter_ns()
        pid = os.posix_spawn(argv[0], argv, self.env, file_actions=fa)
        _, status, ru = os.wait4(pid, 0)
        t1 = time.perf_counter_ns()
        return ((t1 - t0) / 1e6, os.waitstatus_to_exitcode(status),
                (ru.ru_utime + ru.ru_stime) * 1e3)

    def proc_argv(self, tool, q):
        if tool == "gazette":
            return [os.path.join(self.bin, "gazette-search"), "-d",
                    os.path.join(self.idx, "gazette"), "-n", "10"] \
                + (["-o", "ids"] if self.ids_only else []) + ["--", q["gazette"]]
        if tool == "quest":
            return [self.which("quest"), "-d", os.path.join(self.idx, "scriptindex")] \
                + QUEST_OPTS + [q["quest"]]
        if tool == "sqlite3":
            parts = q["fts5"].split("|")
            lit = "'" + parts[0].replace("'", "''") + "'"
            where = f"articles MATCH {lit}"
            if len(parts) == 3:
                where += f" AND date BETWEEN '{parts[1]}' AND '{parts[2]}'"
            snippet = "" if self.ids_only else ", snippet(articles, 1, '', '', '…', 30)"
            sql = (f"SELECT id, date, title{snippet} "
                   f"FROM articles WHERE {where} ORDER BY rank LIMIT 10;")
            return [self.which("sqlite3"), "-batch", "-init", "/dev/null", "-readonly",
                    os.path.join(self.idx, "fts5.db"), sql]
        return [self.which("rg"), "-l", "-i", "--no-config", "-e", q["rg"]] + self.txtdirs

    def errors_ok(self, tool, rc):
        return rc in ((0, 1) if tool in ("gazette", "rg") else (0,))

    def phase_floor(self):
        n = env_int("FLOOR_RUNS", 100)
        gs = os.path.join(self.bin, "gazette-search")
        gidx = os.path.join(self.idx, "gazette")
        cmds = {
            "trivial C program": [os.path.join(self.out, "true-c")],
            "trivial C++ program linked with libxapian":
                [os.path.join(self.out, "true-xapian")],
            "gazette-search --version": [gs, "--version"],
            "gazette-search --explain (start-up, open, parse)":
                [gs, "-d", gidx, "--explain", FLOOR_QUERY],
            "gazette-search -o ids (the search, no snippets)":
                [gs, "-d", gidx, "-n", "10", "-o", "ids", FLOOR_QUERY],
            "gazette-search (the search, text output with snippets)":
                [gs, "-d", gidx, "-n", "10", FLOOR_QUERY],
            "quest --version": [self.which("quest"), "--version"],
            "sqlite3 -version": [self.which("sqlite3"), "-version"],
            "rg --version": [self.which("rg"), "--version"],
        }
        times = {k: [] for k in cmds}
        cpu = {k: [] for k in cmds}
        names = list(cmds)
        for i in range(n):
            for k in names[i % len(names):] + names[:i % len(names)]:
                ms, rc, cms = self.spawn(cmds[k])
                if rc != 0:
                    sys.exit(f"bench: {' '.join(cmds[k])} exited {rc}")
                times[k].append(ms)
                cpu[k].append(cms)
        self.raw["floor"] = {k: statistics.median(v) for k, v in times.items()}
        self.raw["floor_cpu"] = {k: statistics.median(v) for k, v in cpu.items()}
        self.raw["floor_runs"] = n
        self.save()

    def phase_perproc(self):
        reps, rg_reps = env_int("REPS", 3), env_int("RG_REPS", 1)
        rg_every = env_int("RG_EVERY", 5)
        qs = self.queries
        t = {tool: [[] for _ in qs] for tool in self.proc_tools}
        cpu = {tool: [[] for _ in qs] for tool in self.proc_tools}
        loads = []
        errors = {tool: 0 for tool in self.proc_tools}
        matched = {tool: [None] * len(qs) for tool in self.proc_tools}
        for r in range(reps):
            la = loadavg()
            loads.append(la)
            log(f"per-process repetition {r + 1}/{reps} (load {la:.2f})")
            for i, q in enumerate(qs):
                tools = [x for x in self.proc_tools
                         if x != "rg" or (r < rg_reps and i % rg_every == 0)]
                k = (i + r) % len(tools)
                for tool in tools[k:] + tools[:k]:
                    ms, rc, cms = self.spawn(self.proc_argv(tool, q))
                    if not self.errors_ok(tool, rc):
                        errors[tool] += 1
                        if errors[tool] <= 3:
                            log(f"{tool} exited {rc} on {self.proc_argv(tool, q)!r}")
                        continue
                    t[tool][i].append(ms)
                    cpu[tool][i].append(cms)
                    matched[tool][i] = rc == 0
        self.raw["perproc"] = {
            "reps": reps, "rg_reps": rg_reps, "rg_every": rg_every, "errors": errors,
            "median_ms": {tool: [statistics.median(v) if v else None for v in t[tool]]
                          for tool in self.proc_tools},
            "median_cpu_ms": {tool: [statistics.median(v) if v else None for v in cpu[tool]]
                              for tool in self.proc_tools},
            "load": loads + [loadavg()],
            "matched": matched,
        }
        self.save()

    # ---- in process ------------------------------------------------------------
    def phase_inproc(self):
        runs, rounds = env_int("INPROC_RUNS", 11), env_int("INPROC_ROUNDS", 2)
        qfile = self.qfile
        drivers = {
            "gazette": ([os.path.join(self.out, "inproc"), "-d",
                         os.path.join(self.idx, "gazette"), "-n", str(runs)], qfile),
            "fts5": (["/usr/bin/python3", os.path.join(HERE, "inproc_fts5.py"),
                      os.path.join(self.idx, "fts5.db"), qfile, str(runs)], None),
            "xapian": (["/usr/bin/python3", os.path.join(HERE, "inproc_xapian.py"),
                        os.path.join(self.idx, "scriptindex"), qfile, str(runs)], None),
        }
        res = {tool: {"plain": [[] for _ in self.queries],
                      "snippets": [[] for _ in self.queries],
                      "hits": [None] * len(self.queries), "open_us": []}
               for tool in self.inproc_tools}
        for r in range(rounds):
            k = r % len(self.inproc_tools)
            order = self.inproc_tools[k:] + self.inproc_tools[:k]
            for tool in order:
                log(f"in-process round {r + 1}/{rounds}: {tool} (load {loadavg():.2f})")
                argv, stdin_file = drivers[tool]
                with open(stdin_file or os.devnull) as fin:
                    p = subprocess.run(argv, stdin=fin, capture_output=True, text=True,
                                       env=self.env)
                if p.stderr.strip():
                    log(f"{tool}: {p.stderr.strip()[:1000]}")
                lines = p.stdout.splitlines()
                i = 0
                for line in lines:
                    if line.startswith("# open_us"):
                        res[tool]["open_us"].append(float(line.split()[2]))
                        if "(" in line:
                            res[tool]["open_detail"] = line.split("(", 1)[1].rstrip(")")
                        continue
                    kind, hits, us, us_s = line.split("\t")
                    if kind != self.queries[i]["kind"]:
                        sys.exit(f"bench: {tool} in-process output out of step")
                    res[tool]["hits"][i] = int(hits)
                    if int(hits) >= 0:
                        res[tool]["plain"][i].append(float(us))
                        res[tool]["snippets"][i].append(float(us_s))
                    i += 1
                if i != len(self.queries):
                    sys.exit(f"bench: {tool} in-process answered {i} of "
                             f"{len(self.queries)} queries (exit {p.returncode})")
        out = {}
        for tool in self.inproc_tools:
            out[tool] = {
                "runs": runs, "rounds": rounds,
                "open_us": statistics.median(res[tool]["open_us"]),
                "open_detail": res[tool].get("open_detail", ""),
                "hits": res[tool]["hits"],
                "plain_us": [statistics.median(v) if v else None for v in res[tool]["plain"]],
                "snippets_us": [statistics.median(v) if v else None
                                for v in res[tool]["snippets"]],
            }
        self.raw["inproc"] = out
        self.save()

    # ---- incremental -------------------------------------------------------------
    def phase_incremental(self):
        md = os.path.join(self.out, "incremental.md")
        t0 = time.time()
        env = dict(self.env)
        env["B"] = os.path.relpath(self.bin, TOP)
        subprocess.run([os.path.join(HERE, "incremental.sh"), md], check=True,
                       stdout=subprocess.DEVNULL, env=env, cwd=TOP)
        with open(md) as f:
            table = f.read()
        m = re.search(r"no-op[^|]*\|\s*([\d.]+) s\s*\|\s*([\d.]+)%", table)
        full = re.search(r"full build \|\s*([\d.]+) s", table)
        self.raw["incremental"] = {"table": table, "seconds": time.time() - t0,
                                   "noop_s": float(m.group(1)) if m else None,
                                   "noop_pct": float(m.group(2)) if m else None,
                                   "full_s": float(full.group(1)) if full else None}
        self.save()

    # ---- report ---------------------------------------------------------------------
    def phase_report(self):
        write_report(self.raw, self.queries, os.path.join(self.out, "RESULTS.md"))
        log("wrote " + os.path.relpath(os.path.join(self.out, "RESULTS.md"), TOP))


def pct(values, p):
    v = sorted(x for x in values if x is not None)
    if not v:
        return float("nan")
    return v[max(0, math.ceil(p / 100.0 * len(v)) - 1)]


def med(xs):
    return statistics.median(xs)


def write_report(raw, queries, path):
    L = []
    meta = raw.get("meta", {})
    inp = raw["input"]
    tb = inp["text_bytes"]
    L.append("# Gazette benchmark results (`make bench`)\n")
    L.append(f"Run {meta.get('finished', '?')} on {meta.get('host', '?')}: "
             f"{meta.get('cpus', '?')} cores, load average "
             f"{meta.get('load_start', 0):.2f} at the start, "
             f"{meta.get('load_end', 0):.2f} at the end; Gazette built from "
             f"{meta.get('git', '?')}; "
             f"{meta.get('versions', '')}.  `make bench` took "
             f"{meta.get('total_s', 0) / 60:.1f} min "
             f"({', '.join('%s %.0f s' % kv for kv in meta.get('phase_s', {}).items())}).\n")
    L.append(f"Corpus: the three `articles.jsonl.gz` of ../shared/corpus: "
             f"{inp['articles']:,} articles, {tb / 1e6:.1f} MB of title and body text "
             f"(the denominator of the size ratios); {inp['txt_bytes'] / 1e6:.1f} MB as "
             f"the `articles/*.txt` files rg searches.\n")

    if "builds" in raw:
        B = raw["builds"]
        n = len(B["gazette"])
        L.append(f"## Full build (median of {n} builds each, alternating)\n")
        L.append("| tool | wall s | CPU s (user+sys) | peak RSS MB | index MB | x input "
                 "| compaction s | compacted MB | x input | walls |")
        L.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        names = {"gazette": "Gazette `gazette-index`", "scriptindex": "Xapian `scriptindex`",
                 "fts5": "SQLite FTS5 `sqlite3`"}
        for t in BUILD_TOOLS:
            r = B[t]
            size, csize = med([x["size"] for x in r]), med([x["compact_size"] for x in r])
            L.append(f"| {names[t]} | {med([x['wall'] for x in r]):.1f} | "
                     f"{med([x['cpu'] for x in r]):.1f} | "
                     f"{max(x['rss_mb'] for x in r):.0f} | {size / 1e6:.0f} | "
                     f"{size / tb:.2f} | {med([x['compact_wall'] for x in r]):.1f} | "
                     f"{csize / 1e6:.0f} | {csize / tb:.2f} | "
                     f"{', '.join('%.1f' % x['wall'] for x in r)} |")
        f = B["fts5"]
        L.append(f"\nPeak RSS is the largest of the runs.  FTS5 compaction is `VACUUM`; "
                 f"FTS5's own merge (`INSERT INTO articles(articles) VALUES('optimize')` "
                 f"then `VACUUM`) gives {med([x['optimize_size'] for x in f]) / 1e6:.0f} MB "
                 f"in {med([x['optimize_wall'] for x in f]):.1f} s more.  Gazette's "
                 f"compaction time is `gazette-index --compact` over the unchanged corpus "
                 f"(a no-op run, then the compaction).\n")

    if "floor" in raw:
        L.append("## Process floor (median of %d runs each, alternating)\n"
                 % raw.get("floor_runs", 0))
        L.append("Spawned and reaped as the per-process queries are (posix_spawn, "
                 f"wait4), output to /dev/null; the query is `{FLOOR_QUERY}`.\n")
        L.append("| command | wall ms | CPU ms |")
        L.append("| --- | ---: | ---: |")
        for k, v in raw["floor"].items():
            L.append(f"| {k} | {v:.2f} | {raw['floor_cpu'][k]:.2f} |")
        L.append("")

    if "perproc" in raw:
        P = raw["perproc"]
        L.append("## One process per query, top 10, output to /dev/null (ms)\n")
        L.append(f"{len(queries)} queries (`tests/bench/queries.tsv`), the tools alternating "
                 f"query by query; each query's median of {P['reps']} repetitions, "
                 f"then percentiles over the queries; rg only on every "
                 f"{P['rg_every']}th query ({len(queries) // P['rg_every']}), "
                 f"{P['rg_reps']} repetition(s).  Errors: "
                 + ", ".join(f"{t} {n}" for t, n in P["errors"].items()) + ".\n")
        L.append("| kind | " + " | ".join(f"{t} p50 / p95 / p99" for t in PROC_TOOLS)
                 + " | Gazette / quest p50 | Gazette / sqlite3 p50 |")
        L.append("| --- |" + " ---: |" * (len(PROC_TOOLS) + 2))
        for kind in KINDS + ("all",):
            sel = [i for i, q in enumerate(queries) if kind == "all" or q["kind"] == kind]
            cells, p50 = [], {}
            for t in PROC_TOOLS:
                v = [P["median_ms"][t][i] for i in sel]
                p50[t] = pct(v, 50)
                cells.append(f"{pct(v, 50):.1f} / {pct(v, 95):.1f} / {pct(v, 99):.1f}")
            L.append(f"| {kind} ({len(sel)}) | " + " | ".join(cells) +
                     f" | {p50['gazette'] / p50['quest']:.2f} | "
                     f"{p50['gazette'] / p50['sqlite3']:.2f} |")
        L.append("")
        C = P["median_cpu_ms"]
        L.append("CPU time of the process (user+sys, ms), p50 over all queries: "
                 + ", ".join(f"{t} {pct(C[t], 50):.1f}" for t in PROC_TOOLS)
                 + f" (Gazette / quest {pct(C['gazette'], 50) / pct(C['quest'], 50):.2f}, "
                 f"Gazette / sqlite3 {pct(C['gazette'], 50) / pct(C['sqlite3'], 50):.2f}).  "
                 f"Load average at each repetition: "
                 + ", ".join(f"{x:.1f}" for x in P.get("load", [])) + ".")
        if "floor" in raw:
            fl = raw["floor"]
            g50 = pct(P["median_ms"]["gazette"], 50)
            L.append(f"Of Gazette's p50 ({g50:.1f} ms), a trivial C program's start-up "
                     f"is {fl['trivial C program']:.1f} ms "
                     f"({100 * fl['trivial C program'] / g50:.0f}%), "
                     f"`gazette-search --version` {fl['gazette-search --version']:.1f} ms "
                     f"({100 * fl['gazette-search --version'] / g50:.0f}%) and start-up + "
                     f"index open + parse (`--explain`) "
                     f"{fl['gazette-search --explain (start-up, open, parse)']:.1f} ms "
                     f"({100 * fl['gazette-search --explain (start-up, open, parse)'] / g50:.0f}%).")
        L.append("")

    if "inproc" in raw:
        I = raw["inproc"]
        g = I["gazette"]
        L.append("## In process, index open (µs)\n")
        L.append(f"Each query {g['runs']} times in a row, median; {g['rounds']} rounds "
                 f"alternating the drivers, median; percentiles over the queries.  "
                 f"\"top 10\": parse, search, the stored id/date/title of each hit "
                 f"(Gazette: from the record without its body, as `-o ids` reads "
                 f"it; FTS5: those columns; Xapian: the document data); "
                 f"\"+ snippets\": also a snippet of each hit's body (Gazette: from "
                 f"the whole record).  Opening the index: "
                 + ", ".join(f"{t} {I[t]['open_us'] / 1000:.1f} ms" for t in INPROC_TOOLS)
                 + f" (Gazette's, last round, µs: {I['gazette']['open_detail']}).  "
                 "Xapian is its Python binding on scriptindex's index (the issue's "
                 "reference: p50 320 µs); the FTS5 and Xapian figures include a few µs "
                 "of Python per call.\n")
        L.append("| kind | " + " | ".join(f"{t} top 10 p50 / p95 / p99" for t in INPROC_TOOLS)
                 + " | " + " | ".join(f"{t} + snippets p50" for t in INPROC_TOOLS)
                 + " | Gazette / FTS5 p50 | Gazette / Xapian p50 |")
        L.append("| --- |" + " ---: |" * (2 * len(INPROC_TOOLS) + 2))
        for kind in KINDS + ("all",):
            sel = [i for i, q in enumerate(queries) if kind == "all" or q["kind"] == kind]
            cells, sn, p50 = [], [], {}
            for t in INPROC_TOOLS:
                v = [I[t]["plain_us"][i] for i in sel]
                p50[t] = pct(v, 50)
                cells.append(f"{pct(v, 50):.0f} / {pct(v, 95):.0f} / {pct(v, 99):.0f}")
                sn.append(f"{pct([I[t]['snippets_us'][i] for i in sel], 50):.0f}")
            L.append(f"| {kind} ({len(sel)}) | " + " | ".join(cells) + " | " + " | ".join(sn)
                     + f" | {p50['gazette'] / p50['fts5']:.2f} | "
                     f"{p50['gazette'] / p50['xapian']:.2f} |")
        L.append("")
        L.append("Queries with at least one hit (the same question for each tool): "
                 + ", ".join(f"{t} {sum(1 for h in I[t]['hits'] if h and h > 0)}"
                             for t in INPROC_TOOLS)
                 + f" of {len(queries)}"
                 + (", rg %d of the %d it ran" % (
                     sum(1 for m in raw["perproc"]["matched"]["rg"] if m),
                     sum(1 for m in raw["perproc"]["matched"]["rg"] if m is not None))
                    if "perproc" in raw else "") + ".  ")
        h = {t: I[t]["hits"] for t in INPROC_TOOLS}
        L.append("The same number of hits in the top 10: Gazette and FTS5 for "
                 f"{sum(1 for a, b in zip(h['gazette'], h['fts5']) if a == b)}, "
                 "Gazette and Xapian for "
                 f"{sum(1 for a, b in zip(h['gazette'], h['xapian']) if a == b)} of "
                 f"{len(queries)} queries.\n")

    if "incremental" in raw:
        inc = raw["incremental"]
        L.append("## Incremental runs (`tests/bench/incremental.sh`, both forms of the "
                 "corpus: its full build reads 57,578 articles)\n")
        L.append(inc["table"].strip() + "\n")

    L.append("## Targets (issue 5)\n")
    L.append("| target | figure | met |")
    L.append("| --- | --- | --- |")

    def row(name, fig, ok):
        L.append(f"| {name} | {fig} | {'met' if ok else '**not met**'} |")

    if "builds" in raw:
        B = raw["builds"]
        gw = med([x["wall"] for x in B["gazette"]])
        sw = med([x["wall"] for x in B["scriptindex"]])
        fw = med([x["wall"] for x in B["fts5"]])
        row("full build ≥ 5x faster than scriptindex", f"{sw / gw:.2f}x ({gw:.1f} s vs "
            f"{sw:.1f} s)", sw / gw >= 5)
        row("full build within 3x of FTS5's wall time", f"{gw / fw:.2f}x ({gw:.1f} s vs "
            f"{fw:.1f} s)", gw / fw <= 3)
        rss = max(x["rss_mb"] for x in B["gazette"])
        row("build peak RSS < 300 MB", f"{rss:.0f} MB", rss < 300)
        gc = med([x["compact_size"] for x in B["gazette"]])
        fc = med([x["compact_size"] for x in B["fts5"]])
        row("compacted index ≤ FTS5's database (VACUUMed)",
            f"{gc / 1e6:.0f} MB vs {fc / 1e6:.0f} MB ({gc / fc:.2f}x)", gc <= fc)
    if "perproc" in raw:
        P = raw["perproc"]["median_ms"]
        g50, q50, s50 = pct(P["gazette"], 50), pct(P["quest"], 50), pct(P["sqlite3"], 50)
        g99 = pct(P["gazette"], 99)
        row("per-process p50 ≤ 0.7x quest's", f"{g50 / q50:.2f}x ({g50:.1f} vs {q50:.1f} ms)",
            g50 <= 0.7 * q50)
        row("per-process p50 ≤ 0.5x sqlite3's",
            f"{g50 / s50:.2f}x ({g50:.1f} vs {s50:.1f} ms)", g50 <= 0.5 * s50)
        row("per-process p99 < 2x own p50", f"{g99 / g50:.2f}x ({g99:.1f} vs {g50:.1f} ms)",
            g99 < 2 * g50)
    if "inproc" in raw:
        I = raw["inproc"]
        worst_ref, worst_fts, worst_x = [], [], []
        for kind in KINDS:
            sel = [i for i, q in enumerate(queries) if q["kind"] == kind]
            g = pct([I["gazette"]["plain_us"][i] for i in sel], 50)
            f = pct([I["fts5"]["plain_us"][i] for i in sel], 50)
            x = pct([I["xapian"]["plain_us"][i] for i in sel], 50)
            worst_ref.append((g / 320.0, kind, g))
            worst_fts.append((g / f, kind, g, f))
            worst_x.append((g / x, kind, g, x))
        w = max(worst_ref)
        row("in-process p50 ≤ 320 µs (Xapian reference), every kind",
            f"worst {w[1]}: {w[2]:.0f} µs", w[0] <= 1)
        w = max(worst_x)
        row("(same run) in-process p50 ≤ Xapian's Python binding, every kind",
            f"worst {w[1]}: {w[2]:.0f} vs {w[3]:.0f} µs ({w[0]:.2f}x)", w[0] <= 1)
        w = max(worst_fts)
        row("in-process p50 ≤ 0.5x FTS5's, every kind",
            f"worst {w[1]}: {w[2]:.0f} vs {w[3]:.0f} µs ({w[0]:.2f}x)", w[0] <= 0.5)
    if "incremental" in raw and raw["incremental"]["noop_pct"] is not None:
        inc = raw["incremental"]
        row("no-op incremental run < 2% of a full build",
            f"{inc['noop_pct']:.1f}% ({inc['noop_s']:.2f} s vs {inc['full_s']:.1f} s)",
            inc["noop_pct"] < 2)
    L.append("")
    with open(path, "w") as f:
        f.write("\n".join(L))


def versions():
    out = []
    for argv in (["scriptindex", "--version"], ["quest", "--version"],
                 ["sqlite3", "-version"], ["rg", "--version"]):
        try:
            p = subprocess.run(argv, capture_output=True, text=True)
            first = (p.stdout or p.stderr).strip().splitlines()[0]
            if argv[0] == "sqlite3":
                first = "sqlite3 " + first.split()[0]
            out.append(first)
        except (OSError, IndexError):
            pass
    return "; ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.environ.get("B", "build"))
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    phases = ["convert", "builds", "floor", "perproc", "inproc", "incremental", "report"]
    only = [p for p in args.only.split(",") if p] or phases
    for p in only:
        if p not in phases:
            sys.exit(f"bench: unknown phase {p}; phases: {', '.join(phases)}")
    b = Bench(args)
    os.makedirs(b.work, exist_ok=True)
    t0 = time.time()
    if only == phases:
        # The tree the programs were built from: others may commit meanwhile.
        git = subprocess.run(["git", "-C", TOP, "describe", "--always", "--dirty"],
                             capture_output=True, text=True).stdout.strip()
        b.raw = {"meta": {"load_start": loadavg(), "git": git}}
    meta = b.raw.setdefault("meta", {})
    if "input" not in b.raw and "convert" not in only:
        only.insert(0, "convert")
    ran = [x for x in phases if x in only]
    measured = [x for x in ran if x != "report"]
    for p in ran:
        ts = time.time()
        if p != "report":
            log(f"phase {p}")
        getattr(b, "phase_" + p)()
        if p == "report":
            continue
        meta.setdefault("phase_s", {})[p] = time.time() - ts
        if p == measured[-1]:
            meta.update({"finished": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
                         "host": os.uname().nodename, "cpus": os.cpu_count(),
                         "load_end": loadavg(), "versions": versions()})
            if "git" not in meta:
                meta["git"] = subprocess.run(
                    ["git", "-C", TOP, "describe", "--always", "--dirty"],
                    capture_output=True, text=True).stdout.strip()
            if only == phases:
                # From run.sh's start (set-up and make included), if it says.
                start = float(os.environ.get("BENCH_T0", t0))
                meta["total_s"] = time.time() - start
        b.save()


if __name__ == "__main__":
    main()
