"""scale_report.py - BUILD/bench/scale.md from scale.py's raw figures: one
table per measurement, every scale side by side, the ratios of each scale
to the first (10×/1×, 35×/1× for SCALES="1 10 35") and Gazette / FTS5, and
the issue's targets at the largest scale.  A table whose figures are
missing (its measurement failed) says so; the rest are written."""
import os

from bench import KINDS, pct

KINDS_ALL = KINDS + ("all",)

NA = "–"


def med(xs):
    xs = sorted(x for x in xs if x is not None)
    return xs[(len(xs) - 1) // 2] if xs else None


class Report:
    def __init__(self, raw):
        self.raw = raw
        self.keys = list(raw["scales"])
        self.S = [raw["scales"][k] for k in self.keys]
        self.L = []

    def names(self):
        return [k + "×" for k in self.keys]

    def header(self, first):
        n = self.names()
        ratios = [f"{x} / {n[0]}" for x in n[1:]]
        self.L.append("| " + " | ".join([first] + n + ratios) + " |")
        self.L.append("| --- |" + " ---: |" * (len(n) + len(ratios)))

    def row(self, label, get, fmt="%.1f", ratio_of=None):
        """A row: GET(scale's raw) per scale (None: not measured), then each
        scale's ratio to the first of RATIO_OF(raw) (default GET)."""
        vals, cells = [], []
        for s in self.S:
            try:
                v = get(s)
            except (KeyError, TypeError, IndexError, ZeroDivisionError):
                v = None
            vals.append(v)
            cells.append(NA if v is None else (fmt(v) if callable(fmt) else fmt % v))
        rv = []
        for s in self.S:
            try:
                rv.append((ratio_of or get)(s))
            except (KeyError, TypeError, IndexError, ZeroDivisionError):
                rv.append(None)
        for v in rv[1:]:
            ok = isinstance(v, (int, float)) and isinstance(rv[0], (int, float)) and rv[0]
            cells.append("%.2f" % (v / rv[0]) if ok else NA)
        self.L.append("| " + " | ".join([label] + cells) + " |")

    def section(self, title, text, fn):
        self.L.append(f"## {title}\n")
        if text:
            self.L.append(text + "\n")
        try:
            fn()
        except Exception as e:  # a report of what was measured, whatever is missing
            self.L.append(f"(not reported: {type(e).__name__}: {e})")
        self.L.append("")

    # ---- the tables ------------------------------------------------------------------
    def inputs(self):
        self.header("")
        self.row("articles", lambda s: s["gen"]["articles"], "{:,}".format)
        self.row("JSON Lines MB", lambda s: s["gen"]["jsonl_bytes"] / 1e6, "%.0f")
        self.row("near-duplicates / reformatted copies",
                 lambda s: f"{s['gen']['near_duplicates']:,} / {s['gen']['copies']:,}",
                 "%s", lambda s: s["gen"]["near_duplicates"])
        self.row("generation s (scale-gen.py)", lambda s: s["gen"]["wall"])
        self.row("generator peak RSS MB", lambda s: s["gen"]["rss_mb"], "%.0f")
        self.row("drawing the queries s", lambda s: s["gen"]["queries_s"])
        self.row("queries", lambda s: len(s["queries"]), "%d")
        self.row("peak disk use GB (build/bench/scale)", lambda s: s["disk_gb"], "%.2f")

    def builds(self):
        self.header("")
        for tool, name in (("gazette", "Gazette"), ("fts5", "FTS5")):
            def b(s, k, t=tool):
                return s["build"][t][k]
            self.row(f"{name} wall s", lambda s: b(s, "wall"))
            self.row(f"{name} CPU s", lambda s: b(s, "cpu"))
            self.row(f"{name} peak RSS MB", lambda s: b(s, "rss_mb"), "%.0f")
            self.row(f"{name} index MB", lambda s: b(s, "size") / 1e6, "%.0f")
            self.row(f"{name} compaction s", lambda s: b(s, "compact_wall"))
            self.row(f"{name} compacted MB", lambda s: b(s, "compact_size") / 1e6, "%.0f")
        for k, name in (("wall", "wall"), ("size", "index size"),
                        ("compact_size", "compacted size")):
            self.row(f"Gazette / FTS5 {name}",
                     lambda s, k=k: s["build"]["gazette"][k] / s["build"]["fts5"][k], "%.2f")

    def incremental(self):
        self.header("")

        def g(what, k="wall"):
            return lambda s: s["incremental"][what][k]

        def share(what):
            return lambda s: 100 * s["incremental"][what]["wall"] / s["build"]["gazette"]["wall"]
        self.row("Gazette no-op s", g("noop"), "%.2f")
        self.row("Gazette append one article s", g("append"), "%.2f")
        self.row("  % of the full build", share("append"), "%.1f%%")
        self.row("Gazette edit one article in the middle s", g("edit"), "%.2f")
        self.row("  % of the full build", share("edit"), "%.1f%%")
        self.row("Gazette edit, peak RSS MB", g("edit", "rss_mb"), "%.0f")
        self.row("FTS5 INSERT one article s", g("fts5_append"), "%.3f")
        self.row("FTS5 UPDATE one article (by rowid) s", g("fts5_edit"), "%.3f")
        for what in ("noop", "append", "edit"):
            self.row(f"Gazette {what}: articles read (new, replaced, unchanged)",
                     lambda s, w=what: counts(s["incremental"][w]["report"]), "%s",
                     lambda s: None)

    def latency(self, key, tools, unit, fmt):
        self.header(f"kind (queries), {unit}")
        for kind in KINDS_ALL:
            def sel(s, kind=kind):
                return [i for i, q in enumerate(s["queries"])
                        if kind == "all" or q["kind"] == kind]

            def cell(s, t, kind=kind):
                v = [values(s[key], t)[i] for i in sel(s)]
                return (fmt % pct(v, 50)) + " / " + (fmt % pct(v, 95)) + " / " + \
                    (fmt % pct(v, 99))

            def p50(s, t):
                return pct([values(s[key], t)[i] for i in sel(s)], 50)
            n = len(sel(self.S[0])) if "queries" in self.S[0] else 0
            for t in tools:
                self.row(f"{kind} ({n}) {t} p50 / p95 / p99",
                         lambda s, t=t: cell(s, t), "%s", lambda s, t=t: p50(s, t))
            self.row(f"{kind} Gazette / {tools[1]} p50",
                     lambda s: p50(s, tools[0]) / p50(s, tools[1]), "%.2f")

    def listed(self, first, part, items, label, cell, ratio_of):
        """A table of one row per item of PART (ITEMS(s[PART]) lists them, as
        the first scale that has PART does): LABEL(item), then
        CELL(s[PART], i) per scale, the ratios of RATIO_OF(s[PART], i)."""
        self.header(first)
        rows = next((items(s[part]) for s in self.S if part in s), [])
        if not rows:
            self.L.append("Not measured (see Failures).")
        for i, item in enumerate(rows):
            self.row(label(item), lambda s, i=i: cell(s[part], i), "%s",
                     lambda s, i=i: ratio_of(s[part], i))

    def analyst(self):
        def ms(a, i):
            return a["ms"][a["names"][i]]
        self.listed("command, ms", "analyst", lambda a: a["names"],
                    lambda name: f"{name} p50 / p95",
                    lambda a, i: "%.0f / %.0f" % (pct(ms(a, i), 50), pct(ms(a, i), 95)),
                    lambda a, i: pct(ms(a, i), 50))

    def paging(self):
        def cell(p, i):
            x = p["rows"][i]
            return "%.2f (%.2f), %d" % (x["cpu_s"], x["wall_s"], x["ids"])
        self.listed("`gazette-search -o ids ARGS '*'`: CPU s (wall s), ids out", "paging",
                    lambda p: p["rows"],
                    lambda r: f"`{r['args']}` collapse {'on' if r['collapse'] else 'off'}",
                    cell, lambda p, i: p["rows"][i]["cpu_s"])

    def phases(self):
        self.header("phase, s")
        names = []
        for s in self.S:
            names += [p for p in s.get("phase_s", {}) if p not in names]
        for p in names:
            self.row(p, lambda s, p=p: s["phase_s"][p], "%.0f")
        self.row("total", lambda s: sum(s["phase_s"].values()), "%.0f")

    def targets(self):
        big, base = self.S[-1], self.S[0]
        name = self.keys[-1] + "×"
        self.L.append("| target | figure | met |")
        self.L.append("| --- | --- | --- |")

        def target(label, fn):
            try:
                fig, ok = fn()
                met = "–" if ok is None else "met" if ok else "**not met**"
                self.L.append(f"| {label} | {fig} | {met} |")
            except (KeyError, TypeError, IndexError, ZeroDivisionError) as e:
                self.L.append(f"| {label} | not measured ({type(e).__name__}) | – |")

        def rss():
            v = big["build"]["gazette"]["rss_mb"]
            return f"{v:.0f} MB", v < TARGET_RSS_MB

        def p50s(s, t):
            return pct(values(s["perproc"], t), 50)

        def growth():
            if big is base:     # one scale a run: its 1x is another run's
                return (f"{p50s(big, 'gazette'):.1f} ms; no smaller scale in "
                        "this run to compare with", None)
            g, g0 = p50s(big, "gazette"), p50s(base, "gazette")
            return (f"{g:.1f} ms vs {g0:.1f} ms at {self.keys[0]}× ({g / g0:.2f}x)",
                    g <= TARGET_P50_GROWTH * g0)

        def vs_sqlite():
            g, q = p50s(big, "gazette"), p50s(big, "sqlite3")
            return f"{g:.1f} ms vs {q:.1f} ms ({g / q:.2f}x)", g < q

        def analyst_p95():
            a = big["analyst"]
            worst = max((pct(a["ms"][n], 95), n) for n in a["names"])
            return f"worst: {worst[1]}, {worst[0]:.0f} ms", worst[0] < TARGET_ANALYST_MS

        def size():
            g, f = big["build"]["gazette"]["size"], big["build"]["fts5"]["size"]
            c = ""
            if "compact_size" in big["build"]["gazette"]:
                gc, fc = big["build"]["gazette"]["compact_size"], big["build"]["fts5"]["compact_size"]
                c = f"; compacted {gc / 1e6:,.0f} vs {fc / 1e6:,.0f} MB ({gc / fc:.2f}x)"
            return (f"{g / 1e6:,.0f} vs {f / 1e6:,.0f} MB ({g / f:.2f}x) as built{c}",
                    g <= TARGET_SIZE_RATIO * f)
        target(f"build peak RSS < {TARGET_RSS_MB} MB", rss)
        target(f"per-process p50 ≤ {TARGET_P50_GROWTH:g}x the {self.keys[0] if base is not big else 1}× figure", growth)
        target("per-process p50 below sqlite3's at the same scale", vs_sqlite)
        target(f"analyst views < {TARGET_ANALYST_MS} ms at p95", analyst_p95)
        target(f"index ≤ {TARGET_SIZE_RATIO:g}x FTS5's", size)

    def errors(self):
        any_ = False
        for k, s in zip(self.keys, self.S):
            for phase, msg in s.get("errors", {}).items():
                any_ = True
                self.L.append(f"- {k}×, {phase}: `{' '.join(msg.split())[:400]}`")
        if not any_:
            self.L.append("None.")


def values(part, tool):
    """Per-query figures of TOOL in a perproc or inproc record."""
    return part["median_ms"][tool] if "median_ms" in part else part[tool]["plain_us"]


def counts(rep):
    """The article counts of a --report, as the summary words them."""
    parts = [f"{rep.get('added', 0):,} new", f"{rep.get('replaced', 0):,} replaced"]
    if "articles_unchanged" in rep:
        parts.append(f"{rep['articles_unchanged']:,} unchanged")
    return f"{rep.get('articles', 0):,} ({', '.join(parts)})"


# Targets of issue 21 at 35×.
TARGET_RSS_MB = 300
TARGET_P50_GROWTH = 2.0
TARGET_ANALYST_MS = 1000
TARGET_SIZE_RATIO = 1.6


def write(raw, path):
    r = Report(raw)
    m = raw["meta"]
    L = r.L
    L.append("# Gazette at scale (`make bench-scale`, issue 21)\n")
    L.append(f"Started {m.get('started', '?')}, finished {m.get('finished', 'not yet')} on "
             f"{m.get('host', '?')} ({m.get('cpus', '?')} cores), load average "
             f"{m.get('load_start', 0):.2f} at the start"
             + (f", {m['load_end']:.2f} at the end" if "load_end" in m else "")
             + f"; Gazette built from {m.get('git', '?')}; {m.get('versions', '')}; "
             f"gazette-index -j {m.get('jobs') or 'default (the cores)'}; scales "
             + ", ".join(r.names())
             + (f"; {m['total_s'] / 60:.1f} min in all" if "total_s" in m else "") + ".  "
             "Per scale, load average at start / end: "
             + ", ".join(f"{k}× {s.get('load_start', 0):.1f} / {s.get('load_end', 0):.1f}"
                         for k, s in zip(r.keys, r.S)) + ".\n")
    r.section("Input", "Synthetic news (tests/bench/scale-gen.py, seed fixed) made "
              "from ../shared/corpus: one JSON Lines file for Gazette, the same text "
              "as CSV for the FTS5 table.", r.inputs)
    r.section("Full build", "One run each: gazette-index on the one file; sqlite3 "
              "`.import` into `fts5(title, body, id/date/source UNINDEXED, "
              "tokenize='porter unicode61')` in one transaction.  Compaction: "
              "`gazette-index --compact`; FTS5 'optimize' then VACUUM.", r.builds)
    r.section("Incremental runs", "After the searches, one run each: nothing "
              "changed; one article appended to the file; one word of the article "
              "in the middle changed in place (same size).  FTS5: the same INSERT and "
              "UPDATE in sqlite3, for reference.", r.incremental)
    r.section("Search, one process per query (ms)", "`gazette-search -n 10 -o ids` "
              "and `sqlite3` (SELECT id, date, title … ORDER BY rank LIMIT 10), the "
              "tools alternating query by query; each query's median of the "
              "repetitions, then percentiles over the queries (drawn from each "
              "scale's file by gen-queries.py).",
              lambda: r.latency("perproc", ("gazette", "sqlite3"), "ms", "%.1f"))
    r.section("Search in process, index open (µs)", "build/bench/inproc and "
              "inproc_fts5.py (bench.py's in-process phase), top 10 without snippets.",
              lambda: r.latency("inproc", ("gazette", "fts5"), "µs", "%.0f"))
    r.section("Analyst views, one process each", "tests/bench/analyst.py's "
              "commands, every run of each (alternating), p50 / p95 over them.",
              r.analyst)
    r.section("Near-duplicate collapse at depth", "tests/bench/paging.py's "
              "commands: median CPU seconds (user + system) and wall seconds; the "
              "number of ids printed (with collapsing, stories).", r.paging)
    r.section("Time per phase", "", r.phases)
    r.section(f"Targets at {r.keys[-1]}× (issue 21: at 35×)", "", r.targets)
    r.section("Failures", "", r.errors)
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(L))
    os.replace(path + ".tmp", path)
