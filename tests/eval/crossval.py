"""crossval.py - leave-one-collection-out cross-validation for run-eval.py.

A grid of ranking settings ($GAZETTE_RANKING strings, tests/eval/grid.txt)
is run on every collection; each collection is then scored with the
setting chosen on the others (choose()), and the setting chosen on all of
them is what the defaults of common/ranking.h must give.

The runs use `gazette-search --batch -o ids`: no snippets, so 5 times
faster than --format json; ireval scores each hit 1001 - rank, which keeps
Gazette's own order (trec_eval would reorder equal real scores by docno).
Each (setting, collection) score is cached under the work folder, keyed by
the setting, the query mode, the search options, gazette-search's and the
index's stamps and the judged files' stamps.

Debian's python3, standard library only.
"""

import concurrent.futures
import hashlib
import importlib.util
import itertools
import json
import os
import re
import subprocess

TOLERANCE = 0.002
CV_MEASURES = ("map", "ndcg_cut_10", "P_10")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_VALUE = re.compile(r"^[^\s,|=#]+$")


# --- the grid -------------------------------------------------------------

def parse_grid(lines):
    """The settings of a grid file's LINES, in order, each once.

    One setting a line (NAME=VALUE,NAME=VALUE; "#" starts a comment).
    A value may list alternatives with "|": `k1=1.2|2,b=0.4|0.5` stands for
    the four settings of the product, the last name varying fastest.
    Raises ValueError for a malformed line."""
    grid = []
    for n, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        choices = []
        for item in line.split(","):
            name, sep, values = item.strip().partition("=")
            alts = values.split("|")
            if not sep or not _NAME.match(name) or \
                    not all(_VALUE.match(v) for v in alts):
                raise ValueError("grid line %d: '%s' is not NAME=VALUE[|VALUE...]"
                                 % (n, item.strip()))
            if name in (c[0] for c in choices):
                raise ValueError("grid line %d: %s given twice" % (n, name))
            choices.append((name, alts))
        for combo in itertools.product(*(alts for _, alts in choices)):
            s = ",".join("%s=%s" % (name, v) for (name, _), v in zip(choices, combo))
            if s not in grid:
                grid.append(s)
    return grid


def read_grid(path):
    with open(path, encoding="utf-8") as f:
        return parse_grid(f)


def parts(setting):
    """[(NAME, VALUE)] of a setting string ("" -> [])."""
    return [tuple(p.split("=", 1)) for p in setting.split(",") if p]


# --- the rule -------------------------------------------------------------

def choose(table, best_base, names, order, tolerance=TOLERANCE):
    """The setting the collections NAMES choose, by the selection rule.

    Each setting's MAP on a collection is divided by that collection's best
    baseline MAP (BEST_BASE[c]).  The candidates are the settings whose
    worst case over NAMES, the smallest of those ratios, is within
    TOLERANCE of the best worst case of all settings; among them the one
    with the best mean ratio over NAMES wins.  Equal means (to 1e-12) go to
    the setting that comes first in ORDER, the grid's order.

    TABLE: {setting: {collection: {"map": ...}}}; ORDER: the settings."""
    stats = []
    for s in order:
        r = [table[s][c]["map"] / best_base[c] for c in names]
        stats.append((s, min(r), sum(r) / len(r)))
    best_worst = max(w for _, w, _ in stats)
    chosen, chosen_mean = None, None
    for s, worst, mean in stats:
        if worst < best_worst - tolerance - 1e-12:
            continue
        if chosen is None or mean > chosen_mean + 1e-12:
            chosen, chosen_mean = s, mean
    return chosen


def cross_validate(table, best_base, names, order):
    """{"folds": {held-out collection: setting chosen on the others},
    "all": setting chosen on all NAMES}."""
    folds = {c: choose(table, best_base, [o for o in names if o != c], order)
             for c in names}
    return {"folds": folds, "all": choose(table, best_base, names, order)}


# --- queries --------------------------------------------------------------

def plain_words(text):
    """TEXT as plain words for an all-words (AND) query: lower case (so AND,
    OR, NOT, NEAR are words), every character that is not a letter or a
    digit a space (quotes, brackets, "-", ":", "*"), spaces collapsed."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


# --- running the grid -----------------------------------------------------

def stamp(path):
    """What changes when the file at PATH does: its mtime and size."""
    st = os.stat(path)
    return "%d:%d" % (st.st_mtime_ns, st.st_size)


def load_ireval(path):
    spec = importlib.util.spec_from_file_location("ireval", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def search_ids(cmd, texts, setting):
    """Run TEXTS through CMD (a `--batch -o ids` search) with
    GAZETTE_RANKING=SETTING (none for ""): ({query number: [ids in rank
    order]}, [numbers of failed queries], stderr)."""
    env = dict(os.environ)
    env.pop("GAZETTE_RANKING", None)
    if setting:
        env["GAZETTE_RANKING"] = setting
    out = subprocess.run(cmd, input="".join(t + "\n" for t in texts), env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Exit 2 with no line at all is a refused run (a bad GAZETTE_RANKING),
    # not queries that failed.
    if out.returncode not in (0, 1, 2) or (texts and not out.stdout):
        raise RuntimeError("GAZETTE_RANKING='%s' %s exited %d: %s"
                           % (setting, " ".join(cmd), out.returncode, out.stderr.strip()))
    ids, failed = {}, []
    for line in out.stdout.splitlines():
        o = json.loads(line)
        if "error" in o:
            failed.append(o["query"])
        elif "id" in o:
            ids.setdefault(o["query"], []).append(o["id"])
    return ids, failed, out.stderr


class Collection:
    """One judged collection: its queries, qrels, best baseline MAP and the
    index to search (with the stamp that says which index it is)."""

    def __init__(self, name, qids, texts, qrels, best_base, idx, idx_stamp):
        self.name, self.qids, self.texts = name, qids, texts
        self.qrels, self.best_base = qrels, best_base
        self.idx, self.idx_stamp = idx, idx_stamp


def score_setting(ireval, search_cmd, coll, setting):
    """{"means": ireval's means, "failed": [qid], "empty": [qid]} of one
    setting on one collection."""
    ids, failed, _ = search_ids(search_cmd + ["-d", coll.idx], coll.texts, setting)
    run = {}
    for qn, hits in ids.items():
        run[coll.qids[qn - 1]] = {d: (r, 1001.0 - r) for r, d in enumerate(hits, 1)}
    means, _, _ = ireval.evaluate(coll.qrels, run)
    failed_q = [coll.qids[qn - 1] for qn in failed]
    empty = [q for qn, q in enumerate(coll.qids, 1) if qn not in ids and q not in failed_q]
    return {"means": means, "failed": failed_q, "empty": empty}


def run_grid(ireval, search_cmd, colls, settings, cache_dir, jobs, key_extra):
    """{setting: {collection: score_setting()}} for every setting on every
    collection, JOBS searches at a time; cached in CACHE_DIR."""
    os.makedirs(cache_dir, exist_ok=True)
    table = {s: {} for s in settings}
    todo = []
    for s in settings:
        for c in colls:
            key = hashlib.sha1(json.dumps([s, c.name, c.idx_stamp, search_cmd,
                                           key_extra]).encode()).hexdigest()
            path = os.path.join(cache_dir, key + ".json")
            try:
                with open(path, encoding="utf-8") as f:
                    table[s][c.name] = json.load(f)
            except (OSError, ValueError):
                todo.append((s, c, path))

    def work(item):
        s, c, path = item
        res = score_setting(ireval, search_cmd, c, s)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(res, f)
        os.replace(path + ".tmp", path)
        return s, c.name, res

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for s, name, res in pool.map(work, todo):
            table[s][name] = res
    return table, len(todo)


# --- the report -----------------------------------------------------------

def report(table, grid, names, best_base, base_system, full_json, mode):
    """Print the cross-validated tables of TABLE (run_grid(), with the
    defaults as the setting ""); return False when a query failed (or came
    back empty, MODE "any") or the defaults are not the chosen setting.

    BEST_BASE: {collection: best baseline MAP}; BASE_SYSTEM: (name, mean
    MAP) of the best baseline system; FULL_JSON: {collection: MAP of the
    defaults' --format json run}, to show what the rank-order scores change."""
    ok = True
    for s, row in table.items():
        for c, res in row.items():
            bad = res["failed"] + (res["empty"] if mode == "any" else [])
            if bad:
                print("GAZETTE_RANKING='%s' %s: queries failed %s, empty %s"
                      % (s, c, res["failed"], res["empty"] if mode == "any" else []))
                ok = False
    m = {s: {c: table[s][c]["means"] for c in names} for s in table}
    cv = cross_validate(m, best_base, names, grid)
    chosen = cv["all"]
    print("| held out | chosen on the others | MAP | nDCG@10 | P@10 "
          "| tuned MAP (chosen on all) | best baseline MAP | at or above |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    held = {c: m[cv["folds"][c]][c] for c in names}
    for c in names:
        v = held[c]
        print("| %s | `%s` | %.4f | %.4f | %.4f | %.4f | %.4f | %s |"
              % (c, cv["folds"][c], v["map"], v["ndcg_cut_10"], v["P_10"],
                 m[chosen][c]["map"], best_base[c],
                 "yes" if v["map"] >= best_base[c] - 5e-5 else "**no**"))
    mean = {k: sum(held[c][k] for c in names) / len(names) for k in CV_MEASURES}
    tuned = sum(m[chosen][c]["map"] for c in names) / len(names)
    print("| mean | | %.4f | %.4f | %.4f | %.4f | %.4f (%s) | |"
          % (mean["map"], mean["ndcg_cut_10"], mean["P_10"], tuned,
             base_system[1], base_system[0]))
    print()
    ratio = mean["map"] / base_system[1]
    below = [c for c in names if held[c]["map"] < best_base[c] - 5e-5]
    print("Cross-validated mean MAP %.4f is %.3f x the best baseline system's "
          "(%s, %.4f): %+.1f%% (target +5%%); %s."
          % (mean["map"], ratio, base_system[0], base_system[1], (ratio - 1) * 100,
             "below the best baseline on " + ", ".join(below) if below else
             "at or above the best baseline MAP on every collection"))
    print()
    print_dependence(cv, grid, names)
    print()
    print_defaults_check(m, chosen, names, best_base, full_json)
    if any(abs(m[""][c]["map"] - m[chosen][c]["map"]) > 1e-9 for c in names):
        ok = False
    return ok


def print_settings(table, grid, names, best_base):
    """Every setting of GRID: its MAP on each collection of NAMES, the mean,
    and the worst and mean ratio to the best baselines that choose() reads
    (the evidence behind each default, for RANKING.md)."""
    print("| setting | " + " | ".join(names) + " | mean | worst ratio | mean ratio |")
    print("|---|" + "---:|" * (len(names) + 3))
    for s in grid:
        maps = [table[s][c]["means"]["map"] for c in names]
        r = [m / best_base[c] for m, c in zip(maps, names)]
        print("| `%s` | %s | %.4f | %.4f | %.4f |"
              % (s, " | ".join("%.4f" % m for m in maps), sum(maps) / len(maps),
                 min(r), sum(r) / len(r)))


def print_dependence(cv, grid, names):
    """Per fold, the NAME=VALUE parts of the setting chosen, then on all."""
    cols = []
    for s in grid:
        for name, _ in parts(s):
            if name not in cols:
                cols.append(name)
    print("| chosen on | " + " | ".join(cols) + " |")
    print("|---|" + "---:|" * len(cols))
    rows = [("all but " + c, cv["folds"][c]) for c in names] + [("all %d" % len(names), cv["all"])]
    for label, s in rows:
        d = dict(parts(s))
        print("| %s | %s |" % (label, " | ".join(d.get(n, "·") for n in cols)))


def print_defaults_check(m, chosen, names, best_base, full_json):
    r = [m[chosen][c]["map"] / best_base[c] for c in names]
    print("Chosen on all %d: `%s` (worst MAP / best baseline MAP %.4f, mean %.4f)."
          % (len(names), chosen, min(r), sum(r) / len(r)))
    diff = [c for c in names if abs(m[""][c]["map"] - m[chosen][c]["map"]) > 1e-9]
    if diff:
        print("DEFAULTS ARE NOT THE CHOSEN SETTING: without GAZETTE_RANKING MAP is "
              + ", ".join("%s %.4f" % (c, m[""][c]["map"]) for c in names)
              + "; with `%s` " % chosen
              + ", ".join("%s %.4f" % (c, m[chosen][c]["map"]) for c in names)
              + ": change common/ranking.h or the grid.")
    else:
        print("The defaults (no GAZETTE_RANKING) give the chosen setting's MAP on every collection.")
    if full_json:
        d = {c: m[""][c]["map"] - full_json[c] for c in names}
        # A difference under 0.00005 prints as 0, not as a "-0.0000" loss.
        print("Rank order (-o ids) against the --format json run's real scores, at the "
              "defaults: MAP %s." % ", ".join("%s %+.4f" % (c, v if abs(v) >= 5e-5 else 0.0)
                                              for c, v in d.items()))
