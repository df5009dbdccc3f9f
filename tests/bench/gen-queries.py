#!/usr/bin/python3
"""gen-queries.py - the fixed query set of `make bench`, drawn from the corpus.

    /usr/bin/python3 tests/bench/gen-queries.py [CORPUS_DIR] > tests/bench/queries.tsv

Reads the three articles.jsonl.gz of ../shared/corpus and draws, with a
fixed seed, 60 queries of each kind, every one taken from a real article
(so each has at least one answer):

  keyword  a rare word (in 2..40 articles) and another word of the same
           article (in at most 2,000): `tariff soybeans`
  common   two words of one article that each appear in 10..50% of the
           articles: `government officials`
  phrase   2 or 3 adjacent words of an article: `"trade deficit"`
  date     a word (in 100..5,000 articles) restricted to a span of years or
           of months around the date of an article holding it
  title    one or two words of an article's title, searched in titles only

Output: one query a line, five tab-separated columns, each the same
question in each tool's own language:

  kind  gazette-search query  quest query  fts5 query  rg pattern

quest is run with `-o and -p title:S -b year:Y -b month:M` (all words
required, as Gazette and FTS5 do).  The fts5 column is the MATCH expression;
for date queries it is followed by `|LO|HI`, the inclusive ISO date range
the harness adds as `AND date BETWEEN LO AND HI` (FTS5 has no date index).
rg has no stemming, ranking or dates: its pattern is the query's rarest word
(or the phrase, or the word on a `title` line), searched case-insensitively,
a superset of the answer and a reference for "no index at all".

Deterministic: the same corpus gives the same file, byte for byte, whatever
PYTHONHASHSEED (every choice is made from a sorted list).

    gen-queries.py --jsonl FILE [--jsonl FILE...] [--every K] [--per-kind N]

draws from other JSON Lines files (plain or .gz) instead: the synthetic
news of `make bench-scale` (scale-gen.py).  --every K reads one article in
K (the sample's words, counts and articles), so that a file of a million
articles is sampled in seconds; every drawn query still comes from an
article of the file.  The article counts above (2..40, 40..2,000,
100..5,000) are those of a sample of 28,789 articles (the shared corpus)
and scale with the sample's size (at least 2).
"""
import argparse
import gzip
import json
import os
import random
import re
import sys

SEED = 5
PER_KIND = 60
REFERENCE_N = 28789     # the sample size the article counts were chosen on
DATASETS = ("allsides_news", "presidential_speeches", "reuters21578")

STOP = set("""a about above after again against all am an and any are as at be
because been before being below between both but by can did do does doing down
during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself
no nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours
yourself yourselves said says also mr mrs ms one two three new""".split())

WORD = re.compile(r"[a-z]+")
# Words standing alone: not glued to a hyphen, apostrophe, period or digit,
# so every tool's tokenizer sees the same words.
LONE = r"(?<![\w'.\-])%s(?![\w'\-]|\.\w)"


def articles(paths, every=1):
    """Every EVERY-th article of the JSON Lines files PATHS."""
    i = 0
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                if i % every == 0:
                    yield json.loads(line)
                i += 1


def alpha_words(text):
    """The lower-case words of TEXT made of letters only and standing alone."""
    out = []
    for m in re.finditer(LONE % r"([A-Za-z]{3,})", text):
        w = m.group(1)
        if w.isascii():
            out.append(w.lower())
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "corpus"))
    ap.add_argument("--jsonl", action="append")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--per-kind", type=int, default=PER_KIND)
    args = ap.parse_args()
    paths = args.jsonl or [os.path.join(args.corpus, name, "articles.jsonl.gz")
                           for name in DATASETS]
    docs = []
    df = {}
    for a in articles(paths, args.every):
        text = a["title"] + "\n\n" + a["body"]
        words = set(WORD.findall(text.lower()))
        for w in words:
            df[w] = df.get(w, 0) + 1
        docs.append(a)
    n = len(docs)
    per_kind = args.per_kind

    def count(c):
        """Article count C of the reference sample, for this sample."""
        return max(2, round(c * n / REFERENCE_N))

    rng = random.Random(SEED)
    seen = set()
    rows = []

    def add(kind, gz, qu, fts, rg):
        key = (kind, gz)
        if key in seen:
            return False
        seen.add(key)
        rows.append((kind, gz, qu, fts, rg))
        return True

    def pick_doc():
        return docs[rng.randrange(n)]

    def rare_first(ws):
        return sorted(ws, key=lambda w: (df[w], w))[0]

    def rgw(w):
        return r"\b%s\b" % w

    # keyword: a rare word and another, less rare, of the same article
    while sum(r[0] == "keyword" for r in rows) < per_kind:
        a = pick_doc()
        ws = sorted(set(w for w in alpha_words(a["body"]) if w not in STOP))
        rare = [w for w in ws if count(2) <= df.get(w, 0) <= count(40) and len(w) >= 4]
        other = [w for w in ws if count(40) < df.get(w, 0) <= count(2000)]
        if not rare or not other:
            continue
        w1, w2 = rng.choice(rare), rng.choice(other)
        add("keyword", f"{w1} {w2}", f"{w1} {w2}", f'"{w1}" "{w2}"', rgw(w1))

    # common: two frequent (10..50% of articles) words of one article
    while sum(r[0] == "common" for r in rows) < per_kind:
        a = pick_doc()
        ws = sorted(set(w for w in alpha_words(a["body"]) if w not in STOP
                        and 0.10 * n <= df.get(w, 0) <= 0.50 * n))
        if len(ws) < 2:
            continue
        w1, w2 = rng.sample(ws, 2)
        add("common", f"{w1} {w2}", f"{w1} {w2}", f'"{w1}" "{w2}"',
            rgw(rare_first([w1, w2])))

    # phrase: 2 or 3 adjacent words of an article, not only stop words
    while sum(r[0] == "phrase" for r in rows) < per_kind:
        a = pick_doc()
        k = rng.choice((2, 2, 3))
        pat = LONE % r" ".join([r"([A-Za-z]{3,})"] * k)
        cands = sorted(set(" ".join(m.groups()).lower()
                           for m in re.finditer(pat, a["body"])
                           if all(g.isascii() for g in m.groups())))
        cands = [c for c in cands if any(w not in STOP for w in c.split())]
        if not cands:
            continue
        p = rng.choice(cands)
        ws = p.split()
        add("phrase", f'"{p}"', f'"{p}"', f'"{p}"', r"\b" + r"\s+".join(ws) + r"\b")

    # date: a word within a span of years or months around an article's date
    while sum(r[0] == "date" for r in rows) < per_kind:
        a = pick_doc()
        ws = sorted(set(w for w in alpha_words(a["body"]) if w not in STOP
                        and count(100) <= df.get(w, 0) <= count(5000)))
        if not ws or not re.fullmatch(r"\d{4}-\d\d-\d\d", a["date"]):
            continue
        w = rng.choice(ws)
        y, m = int(a["date"][:4]), int(a["date"][5:7])
        if rng.random() < 0.5:
            y0, y1 = y - rng.randrange(2), y + rng.randrange(3)
            gz = f"{w} date:{y0}..{y1}" if y0 != y1 else f"{w} date:{y0}"
            qu = w + "".join(f" year:{yy}" for yy in range(y0, y1 + 1))
            lo, hi = f"{y0}-01-01", f"{y1}-12-31"
        else:
            k0, k1 = y * 12 + m - 1 - rng.randrange(3), y * 12 + m - 1 + rng.randrange(3)
            ym = [(k // 12, k % 12 + 1) for k in range(k0, k1 + 1)]
            s0, s1 = "%04d-%02d" % ym[0], "%04d-%02d" % ym[-1]
            gz = f"{w} date:{s0}..{s1}" if s0 != s1 else f"{w} date:{s0}"
            qu = w + "".join(" month:%04d%02d" % x for x in ym)
            lo, hi = s0 + "-01", s1 + "-31"
        add("date", gz, qu, f'"{w}"|{lo}|{hi}', rgw(w))

    # title: one or two words of a title, in titles only
    while sum(r[0] == "title" for r in rows) < per_kind:
        a = pick_doc()
        ws = sorted(set(w for w in alpha_words(a["title"])
                        if w not in STOP and len(w) >= 4))
        if not ws:
            continue
        k = 2 if len(ws) >= 2 and rng.random() < 0.3 else 1
        chosen = rng.sample(ws, k)
        gz = " ".join(f"title:{w}" for w in chosen)
        fts = " ".join(f'title:"{w}"' for w in chosen)
        add("title", gz, gz, fts, r"^title .*\b%s\b" % rare_first(chosen))

    out = sys.stdout
    out.write("# kind\tgazette-search\tquest\tfts5 MATCH[|date lo|date hi]\trg pattern"
              "  (tests/bench/gen-queries.py, seed %d)\n" % SEED)
    for r in rows:
        out.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
