#!/usr/bin/python3
"""scale.py - `make bench-scale` (issue 21): Gazette against SQLite FTS5 on
synthetic news at several scales, in one run; writes BUILD/bench/scale.md
(and the raw figures, BUILD/bench/scale-raw.json, rewritten after every
measurement, so a stopped run keeps what it measured).

    /usr/bin/python3 tests/bench/scale.py [--bin build] [--scales "1 10 35"]

scale.sh runs it (and installs the peers first).  For each scale S, under
BUILD/bench/scale/ (removed before the next scale):

  gen          scale-gen.py: S x 28,789 articles as one JSON Lines file and
               the same text as the CSV of the FTS5 table; then the queries
               (gen-queries.py on the file, PER_KIND of each kind, sampling
               one article in round(S))
  build        gazette-index (-j JOBS when JOBS is set) and sqlite3 (the
               FTS5 table of bench.py, one transaction): wall, CPU, peak
               RSS, index size; the CSV is removed after
  compact      gazette-index --compact; FTS5 'optimize' then VACUUM (the
               indexes searched, as in `make bench`); COMPACT=0 skips it
  perproc      bench.py's per-process phase: gazette-search -o ids top 10
               and sqlite3 (id, date, title, no snippet), REPS repetitions
  inproc       bench.py's in-process phase: build/bench/inproc and
               inproc_fts5.py, INPROC_RUNS x INPROC_ROUNDS
  analyst      analyst.py's cases (--histogram, --terms, --like, ...),
               ANALYST_REPS runs each
  paging       paging.py's cases (-n 1000..16000 and --offset 16000 of `*`)
               and --offset 100000, collapsing on and off, PAGING_REPS runs
               each
  incremental  gazette-index runs after nothing changed, after one article
               was appended and after one in the middle was edited in place
               (scale-gen.py --append / --edit), and the same INSERT and
               UPDATE in sqlite3

A measurement that fails is recorded with its error and the run goes on;
a scale whose files would not fit on the disk (1.3 GB per 1x, kept
free with 5 GB to spare) is skipped, reported.  Settings from the
environment: JOBS, PER_KIND (20), REPS (3), INPROC_RUNS (11),
INPROC_ROUNDS (2), ANALYST_REPS (20), PAGING_REPS (3), COMPACT (1),
KEEP (0: 1 keeps the last scale's files).
"""
import argparse
import datetime
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import analyst  # noqa: E402
import bench  # noqa: E402
import scale_report  # noqa: E402
from bench import env_int, log, loadavg, pct, tree_bytes  # noqa: E402


def load_module(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


paging = load_module("paging", "paging.py")

BASE_ARTICLES = 28789
GB_PER_SCALE = 1.3      # input, both indexes and the compacted copy (1x: 1.2 GB)
DISK_SPARE_GB = 5.0
LIKE_ID = "syn-0000042"
# Past paging.py's depths, which a million articles reach.
DEEPER = [["--offset", "100000", "-n", "10"]]


def free_gb(path):
    return shutil.disk_usage(path).free / 1e9


def disk_line(work):
    used = tree_bytes(work) / 1e9 if os.path.exists(work) else 0
    return f"{used:.2f} GB under {work}, {free_gb(work):.1f} GB free"


def scale_name(s):
    return ("%g" % s) + "×"


class Scale:
    """One scale's measurements, into RAW (a dict saved after each)."""

    def __init__(self, b, scale, raw, save):
        self.b, self.scale, self.raw, self.save_all = b, scale, raw, save
        self.work = os.path.join(b.out, "scale")
        self.jsonl = os.path.join(self.work, "news.jsonl")
        self.csv = os.path.join(self.work, "news.csv")
        self.gidx = os.path.join(self.work, "idx", "gazette")
        self.fdb = os.path.join(self.work, "idx", "fts5.db")
        self.gi = os.path.join(b.bin, "gazette-index")
        raw.setdefault("errors", {})
        raw.setdefault("phase_s", {})

    def step(self, name, fn):
        """Run FN, recording its time; a failure is recorded, not raised."""
        t0 = time.time()
        log(f"{scale_name(self.scale)} {name} (load {loadavg():.2f}; "
            f"{disk_line(self.work)})")
        try:
            fn()
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # bench.py's helpers sys.exit() on failure
            msg = str(e) or type(e).__name__
            log(f"{scale_name(self.scale)} {name} FAILED: {msg}")
            self.raw["errors"][name] = msg[-1500:]
        self.raw["phase_s"][name] = time.time() - t0
        self.raw["disk_gb"] = max(self.raw.get("disk_gb", 0), tree_bytes(self.work) / 1e9)
        self.save_all()

    def gazette(self, *args, report=None):
        """gazette-index on the file, timed; its --report read back."""
        rep = os.path.join(self.work, "report.json")
        jobs = ["-j", os.environ["JOBS"]] if os.environ.get("JOBS") else []
        r = self.b.timed([self.gi, "-q", "--report", rep] + jobs + list(args)
                         + ["-d", self.gidx, self.jsonl])
        with open(rep) as f:
            r["report"] = json.load(f)
        return r

    def sqlite(self, *commands):
        return self.b.timed([self.b.which("sqlite3"), "-batch", "-init", "/dev/null", self.fdb]
                            + list(commands))

    # ---- the phases ------------------------------------------------------------
    def gen(self):
        need = GB_PER_SCALE * self.scale + DISK_SPARE_GB
        if free_gb(self.work) < need:
            raise RuntimeError(f"{free_gb(self.work):.1f} GB free, {need:.0f} GB needed")
        stats = os.path.join(self.work, "gen.json")
        t = self.b.timed(["/usr/bin/python3", os.path.join(HERE, "scale-gen.py"),
                          "--scale", str(self.scale), "--jsonl", self.jsonl,
                          "--csv", self.csv, "--stats", stats])
        with open(stats) as f:
            self.raw["gen"] = dict(json.load(f), wall=t["wall"], rss_mb=t["rss_mb"])
        qfile = os.path.join(self.work, "queries.tsv")
        t0 = time.time()
        with open(qfile, "w") as out:
            subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen-queries.py"),
                            "--jsonl", self.jsonl, "--every",
                            str(max(1, round(self.scale))),
                            "--per-kind", str(env_int("PER_KIND", 20))],
                           stdout=out, check=True)
        self.raw["gen"]["queries_s"] = time.time() - t0
        self.b.qfile = qfile
        self.b.queries = bench.load_queries(qfile)
        self.raw["queries"] = self.b.queries

    def build(self):
        for tool in ("gazette", "fts5"):
            log(f"  build {tool} (load {loadavg():.2f})")
            if tool == "gazette":
                r = self.gazette()
                r["articles"] = r["report"]["articles"]
                r["size"] = tree_bytes(self.gidx)
            else:
                sql = os.path.join(self.work, "build.sql")
                with open(sql, "w") as f:
                    f.write(bench.FTS5_SCHEMA + "\nBEGIN;\n.import --csv " + self.csv
                            + " articles\nCOMMIT;\n")
                r = self.sqlite(".read " + sql)
                r["size"] = tree_bytes(self.fdb)
            r["load"] = loadavg()
            self.raw.setdefault("build", {})[tool] = r
            log(f"  {tool}: {r['wall']:.1f} s, {r['rss_mb']:.0f} MB RSS, "
                f"{r['size'] / 1e6:.0f} MB")
            self.save_all()
        os.unlink(self.csv)

    def compact(self):
        B = self.raw["build"]
        c = self.gazette("--compact")
        B["gazette"].update(compact_wall=c["wall"], compact_size=tree_bytes(self.gidx))
        c = self.sqlite("INSERT INTO articles(articles) VALUES('optimize');", "VACUUM;")
        B["fts5"].update(compact_wall=c["wall"], compact_size=tree_bytes(self.fdb))

    def perproc(self):
        self.b.raw = {}
        self.b.phase_perproc()
        self.raw["perproc"] = self.b.raw["perproc"]

    def inproc(self):
        self.b.raw = {}
        self.b.phase_inproc()
        self.raw["inproc"] = self.b.raw["inproc"]

    def analyst(self):
        cases = analyst.cases(self.b.bin, self.gidx, LIKE_ID)
        times, status = analyst.measure(cases, env_int("ANALYST_REPS", 20))
        self.raw["analyst"] = {"names": [n for n, _ in cases], "ms": times,
                               "status": status}

    def paging(self):
        gs = os.path.join(self.b.bin, "gazette-search")
        reps = env_int("PAGING_REPS", 3)
        rows = []
        for collapse in (True, False):
            for case in paging.CASES + DEEPER:
                args = case + ([] if collapse else ["--no-collapse"])
                cpu, wall = [], []
                for _ in range(reps):
                    c, out = paging.run(gs, self.gidx, args, wall)
                    cpu.append(c)
                rows.append({"args": " ".join(case), "collapse": collapse,
                             "cpu_s": statistics.median(cpu),
                             "wall_s": statistics.median(wall),
                             "ids": len(out.splitlines())})
        self.raw["paging"] = {"reps": reps, "rows": rows}

    def incremental(self):
        inc = self.raw.setdefault("incremental", {})
        gen = os.path.join(HERE, "scale-gen.py")
        inc["noop"] = self.gazette()
        self.save_all()
        for what in ("append", "edit"):
            sql = os.path.join(self.work, what + ".sql")
            art = subprocess.run(["/usr/bin/python3", gen, "--" + what, self.jsonl,
                                  "--sql", sql], check=True, capture_output=True,
                                 text=True).stdout.strip()
            inc[what] = self.gazette()
            inc[what]["id"] = art
            inc["fts5_" + what] = self.sqlite(".read " + sql)
            self.save_all()
        n = subprocess.run([os.path.join(self.b.bin, "gazette-search"), "-d", self.gidx,
                            "-o", "count", "*"], capture_output=True, text=True)
        inc["count_after"] = n.stdout.strip()

    def run(self, compact):
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(os.path.join(self.work, "idx"))
        self.raw["load_start"] = loadavg()
        self.step("gen", self.gen)
        if "gen" in self.raw["errors"]:
            return
        self.step("build", self.build)
        if "build" in self.raw["errors"]:
            return
        if compact:
            self.step("compact", self.compact)
        for name in ("perproc", "inproc", "analyst", "paging", "incremental"):
            self.step(name, getattr(self, name))
        self.raw["load_end"] = loadavg()
        log(f"{scale_name(self.scale)} done: {disk_line(self.work)}")
        self.save_all()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.environ.get("B", "build"))
    ap.add_argument("--scales", default=os.environ.get("SCALES", "1 10 35"))
    args = ap.parse_args()
    scales = [float(x) for x in args.scales.split()]
    b = bench.Bench(argparse.Namespace(bin=args.bin))
    b.proc_tools, b.inproc_tools, b.ids_only = ("gazette", "sqlite3"), ("gazette", "fts5"), True
    b.idx = os.path.join(b.out, "scale", "idx")
    b.raw_path = os.path.join(b.out, "scale", "bench-raw.json")
    os.makedirs(b.work, exist_ok=True)
    raw_path = os.path.join(b.out, "scale-raw.json")
    git = subprocess.run(["git", "-C", bench.TOP, "describe", "--always", "--dirty"],
                         capture_output=True, text=True).stdout.strip()
    raw = {"meta": {"git": git, "started": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
                    "host": os.uname().nodename, "cpus": os.cpu_count(),
                    "load_start": loadavg(), "jobs": os.environ.get("JOBS", ""),
                    "versions": bench.versions(), "scales": scales},
           "scales": {}}

    def save():
        tmp = raw_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(raw, f, indent=1)
        os.replace(tmp, raw_path)
        scale_report.write(raw, os.path.join(b.out, "scale.md"))

    t0 = time.time()
    for s in scales:
        r = raw["scales"].setdefault("%g" % s, {"scale": s})
        Scale(b, s, r, save).run(os.environ.get("COMPACT", "1") != "0")
        if os.environ.get("KEEP", "0") != "1":
            shutil.rmtree(os.path.join(b.out, "scale"), ignore_errors=True)
    raw["meta"].update(finished=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
                       load_end=loadavg(), total_s=time.time() - t0)
    save()
    log("wrote " + os.path.relpath(os.path.join(b.out, "scale.md"), bench.TOP))


if __name__ == "__main__":
    main()
