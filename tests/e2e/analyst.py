#!/usr/bin/env python3
"""analyst.py CORPUS SEARCH INDEX - helper of t600-analyst.sh.

Checks gazette-search's views of a match set against values computed here,
independently of the C code (bruteforce.py's plain-Python tokenizer and the
pure-Python Snowball stemmer, Python's calendar for periods):
  --histogram  exact counts per day/week/month/year, empty periods shown,
               for the matches of one word;
  collapsing   Reuters' repeated bodies: one hit per body, "similar" =
               the other copies, --no-collapse lists them all;
  --like       an article's copy ranks first, the article never appears,
               date filters hold;
  --terms      each term's "matches" and "articles" are exact counts, the
               list is ordered by the JLH score computed from them;
  did you mean misspelled words get the corrected query with its exact
               number of matches (stdout for text, stderr for programs);
               correct words, rare names and --no-suggest get none.
Exits 1 on the first group of failures, printing them.
"""
import collections
import datetime
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bruteforce as bf  # noqa: E402

problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
        print("  PROBLEM:", msg, flush=True)
    return cond


def run(search, index, args, want_rc=(0, 1)):
    r = subprocess.run([search, "-d", index] + args, capture_output=True,
                       text=True)
    if r.returncode not in want_rc:
        problems.append(f"{args}: exit {r.returncode}: {r.stderr.strip()}")
    return r


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line]


def day(a):
    return a["date"]


def period_of(kind, d):
    """(label, first day, last day) of the period of KIND holding day D."""
    if kind == "day":
        return d.isoformat(), d, d
    if kind == "week":
        y, w, wd = d.isocalendar()
        start = d - datetime.timedelta(days=wd - 1)
        return f"{y:04d}-W{w:02d}", start, start + datetime.timedelta(days=6)
    if kind == "month":
        start = d.replace(day=1)
        nxt = (start + datetime.timedelta(days=32)).replace(day=1)
        return f"{d.year:04d}-{d.month:02d}", start, nxt - datetime.timedelta(days=1)
    return f"{d.year:04d}", datetime.date(d.year, 1, 1), datetime.date(d.year, 12, 31)


def expected_histogram(kind, dates, lo=None, hi=None):
    counts = collections.Counter()
    for s in dates:
        counts[period_of(kind, datetime.date.fromisoformat(s))[0]] += 1
    first = datetime.date.fromisoformat(lo or min(dates))
    last = datetime.date.fromisoformat(hi or max(dates))
    rows = []
    d = first
    while True:
        label, start, end = period_of(kind, d)
        rows.append({"period": label, "start": start.isoformat(),
                     "end": end.isoformat(), "count": counts.get(label, 0)})
        if end >= last:
            return rows
        d = end + datetime.timedelta(days=1)


def histograms(search, index, docs, tk):
    cases = [("month", "oil", None, None), ("year", "tariff", None, None),
             ("week", "election", "2016-10-01", "2016-12-31"),
             ("day", "wheat", "1987-03-01", "1987-03-31"),
             ("year", "slavery", None, None)]
    for kind, word, lo, hi in cases:
        stem = tk.stem(word)
        dates = [d.a["date"] for d in docs if stem in d.all and
                 (lo is None or d.a["date"] >= lo) and
                 (hi is None or d.a["date"] <= hi)]
        want = expected_histogram(kind, dates, lo, hi)
        args = ["--histogram", kind, "-f", "json"]
        if lo:
            args += ["--since", lo, "--until", hi]
        t0 = time.perf_counter()
        r = run(search, index, args + ["--", word])
        ms = (time.perf_counter() - t0) * 1000
        got = [{k: h[k] for k in ("period", "start", "end", "count")}
               for h in jsonl(r.stdout)]
        print(f"--histogram {kind:5} {word:9}: {len(dates):5} matches, "
              f"{len(want):4} periods, {ms:.0f} ms", flush=True)
        check(got == want, f"--histogram {kind} {word}: "
              f"{[g for g in got if g not in want][:3]} vs "
              f"{[w for w in want if w not in got][:3]}")
        check(sum(g["count"] for g in got) == len(dates),
              f"--histogram {kind} {word}: counts add up to "
              f"{sum(g['count'] for g in got)}, not {len(dates)}")
    # TSV carries the same rows; text aligns its columns.
    r = run(search, index, ["--histogram", "year", "-f", "tsv", "--", "slavery"])
    rows = [line.split("\t") for line in r.stdout.splitlines()]
    check(all(len(x) == 4 for x in rows) and rows, "--histogram tsv: not 4 columns")
    r = run(search, index, ["--histogram", "year", "--color", "never", "--", "slavery"])
    env = dict(os.environ, COLUMNS="60", LC_ALL="C.UTF-8")
    r = subprocess.run([search, "-d", index, "--histogram", "year", "--", "slavery"],
                       capture_output=True, text=True, env=env)
    lines = r.stdout.splitlines()
    bar_at = {len(line.split("  ")[0]) for line in lines}
    check(len(bar_at) == 1, f"--histogram text: labels of unequal width {bar_at}")
    widths = {len(line) for line in lines}
    check(max(widths) <= 60, f"--histogram text: a line wider than COLUMNS=60: {max(widths)}")
    zero = [line for line in lines if line.split()[1] == "0"]
    check(zero and all(line == line.rstrip() and "\u2588" not in line
                       for line in zero),
          "--histogram text: an empty year without its line, or with a bar")
    full = [line for line in lines if line.split()[1] != "0"]
    check(full and all("\u2588" in line or "\u258f" in line for line in full),
          "--histogram text: a year with matches without its bar")


def collapsing(search, index, docs, tk):
    reuters = [d for d in docs if d.a["id"].startswith("reut-")]
    by_body = collections.defaultdict(list)
    for d in reuters:
        by_body[tuple(tk.words(d.a["body"]))].append(d.a["id"])
    groups = sorted(g for g in by_body.values() if len(g) > 1)
    print(f"Reuters: {len(groups)} bodies repeated, "
          f"{sum(len(g) - 1 for g in groups)} copies", flush=True)
    check(len(groups) > 250, f"only {len(groups)} repeated Reuters bodies")
    lone = [g[0] for g in by_body.values() if len(g) == 1]
    # Each group with two unrelated articles: one hit for the group.
    for i, g in enumerate(groups[::10][:30]):
        others = lone[i * 2:i * 2 + 2]
        q = " OR ".join("id:" + x for x in g + others)
        r = run(search, index, ["-f", "json", "-n", "100", "--", q])
        hits = jsonl(r.stdout)
        shown = [h["id"] for h in hits if h["id"] in g]
        check(len(shown) == 1, f"{q}: {len(shown)} hits of one body: {shown}")
        for h in hits:
            want = len(g) - 1 if h["id"] in g else 0
            check(h["similar"] == want,
                  f"{q}: {h['id']} similar {h['similar']}, want {want}")
        r = run(search, index, ["-o", "ids", "--no-collapse", "-n", "100", "--", q])
        check(sorted(r.stdout.split()) == sorted(g + others),
              f"{q} --no-collapse: {r.stdout.split()}")
    # Near-duplicates: edited copies (3-word shingles overlapping 90% or
    # more) merge; articles overlapping less than a third never do.
    def shingles(d):
        w = list(tk.words(d.a["body"]))
        return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}
    first = collections.defaultdict(list)
    for d in reuters:
        first[tuple(list(tk.words(d.a["body"]))[:8])].append(d)
    near, far = [], []
    for same in first.values():
        for x in same:
            for y in same:
                if x.a["id"] < y.a["id"]:
                    a, b = shingles(x), shingles(y)
                    if len(a) < 20 or a == b:
                        continue
                    j = len(a & b) / len(a | b)
                    if j >= 0.9:
                        near.append((x.a["id"], y.a["id"], j))
                    elif j < 0.3:
                        far.append((x.a["id"], y.a["id"], j))
    print(f"near pairs {len(near)}, far pairs {len(far)} with the same start",
          flush=True)
    check(len(near) >= 10 and len(far) >= 10, "too few near/far pairs to test")
    for pairs, merged in ((near, True), (far[::6], False)):
        for x, y, j in pairs:
            r = run(search, index, ["-f", "json", "--", f"id:{x} OR id:{y}"])
            n = len(jsonl(r.stdout))
            check(n == (1 if merged else 2),
                  f"id:{x} OR id:{y} (overlap {j:.2f}): {n} hits")


def like(search, index, docs, tk):
    by_body = collections.defaultdict(list)
    for d in docs:
        if d.a["id"].startswith("reut-") and len(d.a["body"]) > 800:
            by_body[d.a["body"]].append(d.a["id"])
    pairs = [g for g in by_body.values() if len(g) == 2][:10]
    check(len(pairs) >= 5, "too few long repeated Reuters bodies")
    dates = {d.a["id"]: d.a["date"] for d in docs}
    for a, b in pairs:
        r = run(search, index, ["-o", "ids", "--no-collapse", "-n", "5", "--like", a])
        got = r.stdout.split()
        check(got and got[0] == b, f"--like {a}: its copy {b} is not first: {got}")
        check(a not in got, f"--like {a}: finds itself")
        r = run(search, index, ["-f", "json", "-n", "50", "--since", "1987-04",
                                "--until", "1987-05", "--like", a])
        for h in jsonl(r.stdout):
            check("1987-04-01" <= h["date"] <= "1987-05-31" and h["id"] != a,
                  f"--like {a} --since 1987-04 --until 1987-05: {h['id']} {h['date']}")
    # An unknown id is no match, as for --show.
    r = run(search, index, ["--like", "no-such-article"], want_rc=(1,))
    check(r.returncode == 1 and "no-such-article" in r.stderr,
          f"--like of a missing id: exit {r.returncode}, {r.stderr.strip()}")


def terms(search, index, docs, tk):
    df = collections.Counter()
    for d in docs:
        df.update(s for s in d.all if s is not None)
    n = len(docs)
    for query, stems in (("tariff china", ["tariff", "china"]),
                         ("opec", ["opec"])):
        match = [d for d in docs if all(tk.stem(s) in d.all for s in stems)]
        r = run(search, index, ["--terms", "10", "-f", "json", "--", query])
        got = jsonl(r.stdout)
        check(len(got) == 10, f"--terms 10 {query}: {len(got)} terms")
        last = None
        for t in got:
            s = t["stem"]
            m = sum(1 for d in match if s in d.all)
            check(t["matches"] == m, f"--terms {query}: {s} in {t['matches']} matches, brute force {m}")
            check(t["articles"] == df[s], f"--terms {query}: {s} in {t['articles']} articles, brute force {df[s]}")
            check(s not in [tk.stem(x) for x in stems], f"--terms {query}: lists its own word {s}")
            check(tk.stem(t["term"]) == s, f"--terms {query}: {t['term']} does not stem to {s}")
            fg, bg = m / len(match), df[s] / n
            check(abs(t["weight"] - (fg - bg) * fg / bg) < 1e-6 * max(1, t["weight"]),
                  f"--terms {query}: {s} weight {t['weight']}")
            check(last is None or t["weight"] <= last + 1e-12, f"--terms {query}: not in order")
            last = t["weight"]
        print(f"--terms 10 {query}: {[t['term'] for t in got]}", flush=True)


def suggestions(search, index, docs, tk):
    for typo, fixed in (("goverment shutdwn", "government shutdown"),
                        ("presidnt reagan", "president reagan")):
        stems = [tk.stem(w) for w in fixed.split()]
        want = sum(1 for d in docs if all(s in d.all for s in stems))
        r = run(search, index, ["-f", "json", "--", typo])
        check(r.returncode == 1, f"{typo}: exit {r.returncode}, want 1 (no match)")
        check(r.stdout == "" and
              r.stderr == f"Did you mean: {fixed}  ({want} matches)\n",
              f"{typo} -f json: {r.stdout!r} {r.stderr!r}, want {fixed} with "
              f"{want} matches on stderr")
        r = run(search, index, ["--", typo])
        check(f"Did you mean: {fixed}" in r.stdout, f"{typo} (text): {r.stdout!r}")
        r = run(search, index, ["--no-suggest", "--", typo])
        check(r.stdout == "" and r.stderr == "", f"{typo} --no-suggest: {r.stdout!r}")
        r = run(search, index, ["-o", "ids", "--", typo])
        check(r.stdout == "" and fixed in r.stderr, f"{typo} -o ids: {r.stdout!r} {r.stderr!r}")
    # A field's value is never "corrected"; found words need nothing, and a
    # rare real name is not "corrected" towards a common neighbour.
    for q in ("source:reuterz", "wheat", "Comissaria Smith"):
        r = run(search, index, ["--", q])
        check("Did you mean" not in r.stdout + r.stderr, f"{q}: {r.stdout!r}")


def main():
    corpus, search, index = sys.argv[1:4]
    t0 = time.time()
    tk, docs = bf.load_corpus(corpus)
    print(f"{len(docs)} articles tokenized in {time.time() - t0:.0f} s", flush=True)
    for part in (histograms, collapsing, like, terms, suggestions):
        part(search, index, docs, tk)
    print(f"{len(problems)} problems, {time.time() - t0:.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
