#!/usr/bin/python3
"""scale-gen.py - synthetic news at any scale, made from ../shared/corpus
(issue 21, `make bench-scale`).

    scale-gen.py [--scale S] [--corpus DIR] --jsonl OUT.jsonl [--csv OUT.csv]
                 [--stats OUT.json]
    scale-gen.py --append FILE --sql OUT.sql
    scale-gen.py --edit FILE --sql OUT.sql

Writes round(S x 28,789) articles (S = 1: about 92 MB of JSON Lines, the
size of the corpus; 35: about a million articles, 3.2 GB), streamed: only
the corpus (its paragraphs) and the last few hundred generated articles are
held.  Article j is built from a base article of the corpus (each used once
per 28,789, in an order shuffled per pass): its title, and half its
paragraphs (rounded down, chosen at random), the others replaced by
paragraphs of other long articles; a base of fewer than 4 paragraphs (most
of Reuters) is mixed the same way by sentences, from the sentences of such
articles.  So two articles made from one base (35 of them at 35x) share at
most half their paragraphs or sentences, and are not near-duplicates of
each other by accident; about 2% of the words of 4 letters or more (title and body)
get a made-up ending of one or two syllables, so the vocabulary keeps
growing with the scale as a real archive's does; its date is a random day
of 2000..2025; its id is syn-NNNNNNN (j); its source the base's.  On
purpose, 3% of the articles are near-duplicates of one of the last 500
(a paragraph dropped, a few more words changed, dated 0..2 days later) and
1% are copies reformatted (paragraph breaks and spaces changed): the
near-duplicate collapse has work at every depth.

The same seed gives the same bytes for every scale, and a smaller scale's
file is the start of a larger one's (one random stream, drawn article by
article).  --csv writes the same articles as the CSV of convert.py (the
FTS5 table's .import), --stats the counts and the generation time as JSON.

--append adds one article to FILE (the first article's text with a new id,
syn-append-K, K counting the appended ones) and --edit changes, in place,
one word of the article in the middle of FILE (same length, so the file is
not rewritten; the article's id says which); both write to --sql the
statement that does the same to the FTS5 table (INSERT; UPDATE by rowid,
which is the line number as .import numbers them) and print the article's
id.  For benchmarks only.
"""
import argparse
import csv
import datetime
import gzip
import json
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import convert  # noqa: E402  (the FTS5 CSV row, one definition)

SEED = 21
ENDING_RATE = 0.02      # share of the words given a new ending
AVG_WORD = 6.0          # characters a word (with its space) in the corpus
NEAR_DUP = 0.03         # share of near-duplicates of a recent article
COPY = 0.01             # share of reformatted copies of a recent article
RECENT = 500            # how far back a near-duplicate's original lies
FIRST_DAY = datetime.date(2000, 1, 1).toordinal()
LAST_DAY = datetime.date(2025, 12, 31).toordinal()
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
LONG_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?![A-Za-z])")
EDIT_WORD = re.compile(rb"(?<![A-Za-z\\])[a-z]{6,}(?![A-Za-z])")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")
MIN_PARAGRAPHS = 4      # fewer: mixed by sentences


def load_corpus(corpus):
    """The corpus as (title, units, source), units the paragraphs, or for a
    short article each paragraph's sentences (a list); and the pools of all
    its long articles' paragraphs and short articles' sentences."""
    arts, paragraphs, sentences = [], [], []
    for name in convert.DATASETS:
        with gzip.open(os.path.join(corpus, name, "articles.jsonl.gz"), "rt",
                       encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                paras = [p for p in a.get("body", "").split("\n\n") if p.strip()] or [""]
                if len(paras) < MIN_PARAGRAPHS:
                    paras = [SENTENCE_END.split(p) for p in paras]
                    sentences.extend(x for p in paras for x in p)
                else:
                    paragraphs.extend(paras)
                arts.append((a.get("title", ""), paras, a.get("source", "")))
    return arts, {str: paragraphs, list: sentences}


def new_endings(rng, text, rate):
    """TEXT with about RATE of its words given a made-up ending."""
    k = int(len(text) / AVG_WORD * rate + rng.random())
    for _ in range(k):
        m = LONG_WORD.search(text, rng.randrange(len(text)))
        if not m:
            continue
        end = rng.choice(SYLLABLES) + (rng.choice(SYLLABLES) if rng.random() < 0.7 else "")
        if m.group().isupper():
            end = end.upper()
        text = text[:m.end()] + end + text[m.end():]
    return text


def day(ordinal):
    return datetime.date.fromordinal(ordinal).isoformat()


class Generator:
    def __init__(self, corpus, seed=SEED):
        self.arts, self.pools = load_corpus(corpus)
        self.rng = random.Random(seed)
        self.order = []
        self.recent = []
        self.j = 0
        self.counts = {"fresh": 0, "near_duplicates": 0, "copies": 0}

    def fresh(self):
        rng = self.rng
        if not self.order:
            self.order = list(range(len(self.arts)))
            rng.shuffle(self.order)
            self.order.reverse()
        title, paras, source = self.arts[self.order.pop()]
        pool = self.pools[type(paras[0])]
        units = [u for p in paras for u in (p if isinstance(p, list) else [p])]
        kept = set(rng.sample(range(len(units)), len(units) // 2))
        units = [u if k in kept else pool[rng.randrange(len(pool))]
                 for k, u in enumerate(units)]
        body, k = [], 0
        for p in paras:  # the base's paragraph breaks
            n = len(p) if isinstance(p, list) else 1
            body.append(new_endings(rng, " ".join(units[k:k + n]), ENDING_RATE))
            k += n
        return {"title": new_endings(rng, title, ENDING_RATE), "body": body,
                "day": rng.randint(FIRST_DAY, LAST_DAY), "source": source}

    def near_duplicate(self, orig):
        rng = self.rng
        body = list(orig["body"])
        if len(body) >= 3:
            del body[rng.randrange(1, len(body))]
        body = [new_endings(rng, p, ENDING_RATE / 2) for p in body]
        return dict(orig, body=body, day=orig["day"] + rng.randrange(3))

    def copy(self, orig):
        body = [re.sub(r"\s+", " ", p) for p in orig["body"]]
        if len(body) > 1 and self.rng.random() < 0.5:
            body = [" ".join(body)]
        return dict(orig, body=body)

    def next(self):
        """The next article, as the dict written (id, date, title, source,
        body)."""
        r = self.rng.random()
        if self.recent and r < NEAR_DUP:
            a, kind = self.near_duplicate(self.rng.choice(self.recent)), "near_duplicates"
        elif self.recent and r < NEAR_DUP + COPY:
            a, kind = self.copy(self.rng.choice(self.recent)), "copies"
        else:
            a, kind = self.fresh(), "fresh"
            self.recent.append(a)
            if len(self.recent) > RECENT:
                self.recent.pop(0)
        self.counts[kind] += 1
        out = {"id": "syn-%07d" % self.j, "date": day(a["day"]), "title": a["title"],
               "source": a["source"], "body": "\n\n".join(a["body"])}
        self.j += 1
        return out


def generate(args):
    t0 = time.time()
    g = Generator(args.corpus, args.seed)
    t_load = time.time() - t0
    n = round(args.scale * len(g.arts))
    tmp_j = args.jsonl + ".tmp"
    jf = open(tmp_j, "w", encoding="utf-8", buffering=1 << 20)
    cf = open(args.csv + ".tmp", "w", encoding="utf-8", newline="",
              buffering=1 << 20) if args.csv else None
    w = csv.writer(cf, lineterminator="\n") if cf else None
    text_bytes = 0
    for _ in range(n):
        a = g.next()
        jf.write(json.dumps(a, ensure_ascii=False) + "\n")
        if w:
            w.writerow(convert.fts5_row(a))
        text_bytes += len(a["title"].encode()) + len(a["body"].encode())
    jf.close()
    os.replace(tmp_j, args.jsonl)
    if cf:
        cf.close()
        os.replace(args.csv + ".tmp", args.csv)
    stats = dict(g.counts, articles=n, scale=args.scale, seed=args.seed,
                 jsonl_bytes=os.path.getsize(args.jsonl), text_bytes=text_bytes,
                 load_s=round(t_load, 2), seconds=round(time.time() - t0, 2))
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f, indent=1)
    print("scale-gen: %(articles)d articles, %(jsonl_bytes)d bytes in %(seconds).1f s" % stats,
          file=sys.stderr)


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


def append(path, sql):
    """One more article at the end of PATH; its INSERT into SQL."""
    with open(path, "rb") as f:
        first = json.loads(f.readline())
        k = 1
        f.seek(max(0, os.path.getsize(path) - (1 << 16)))
        k += f.read().count(b'"id": "syn-append-')
    rng = random.Random(SEED + k)
    a = {"id": "syn-append-%d" % k, "date": "2026-01-%02d" % (k % 28 + 1),
         "title": new_endings(rng, first["title"], 0.2), "source": first["source"],
         "body": new_endings(rng, first["body"], 0.05)}
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(sql, "w", encoding="utf-8") as f:
        f.write("INSERT INTO articles(title, body, id, date, source) VALUES(%s);\n"
                % ", ".join(sql_text(x) for x in convert.fts5_row(a)))
    return a["id"]


def edit(path, sql):
    """One word of the article in the middle of PATH changed in place (the
    same number of bytes); its UPDATE into SQL."""
    with open(path, "r+b") as f:
        f.seek(os.path.getsize(path) // 2)
        f.readline()
        pos = f.tell()
        line = f.readline()
        a = json.loads(line)
        start = line.index(b'"body": "')
        m = EDIT_WORD.search(line, start + 9)
        if not m:
            sys.exit("scale-gen: no word to edit in %s" % a["id"])
        word = m.group()
        new = b"edited" if word[:6] != b"edited" else b"redone"
        new = (new + b"x" * len(word))[:len(word)]
        line = line[:m.start()] + new + line[m.end():]
        f.seek(pos)
        f.write(line)
    a = json.loads(line)
    if not a["id"].startswith("syn-") or not a["id"][4:].isdigit():
        sys.exit("scale-gen: the middle article %s is not a generated one" % a["id"])
    with open(sql, "w", encoding="utf-8") as f:
        f.write("UPDATE articles SET body = %s WHERE rowid = %d;\n"
                % (sql_text(a["body"]), int(a["id"][4:]) + 1))
    return a["id"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "..", "shared",
                                                      "corpus"))
    ap.add_argument("--jsonl")
    ap.add_argument("--csv")
    ap.add_argument("--stats")
    ap.add_argument("--append")
    ap.add_argument("--edit")
    ap.add_argument("--sql")
    args = ap.parse_args()
    if args.append or args.edit:
        if not args.sql:
            sys.exit("scale-gen: --append and --edit need --sql")
        print(append(args.append, args.sql) if args.append else edit(args.edit, args.sql))
    elif args.jsonl:
        generate(args)
    else:
        ap.error("--jsonl, --append or --edit is needed")


if __name__ == "__main__":
    main()
