#!/usr/bin/python3
"""score_text.py - score the article text html_extract() gives (through
build/tests/gz-html) on ../shared/formats/html, by the rules of
../shared/formats/README.md ("How to score an extractor"):

  aeb, readability   pages with a full reference `text`: the Article
                     Extraction Benchmark's metric, 4-token shingles of
                     \\w+ tokens, per page tp/fp/fn normalised to sum 1,
                     precision and recall averaged over pages, F1 of the
                     means; accuracy = token sequence equal to the
                     reference.  A unigram-bag F1 is printed beside it.
  trafilatura        `with`/`without` snippets, whitespace-normalised,
                     case-sensitive substring tests, summed over all
                     pages (micro): P, R, F1, accuracy.

Prints one line per set.  Exits 1 when a figure is below its floor
(FLOORS, or none with --no-floors), 2 when gz-html or the material fails.
--worst N lists the N worst pages of each set, for looking at them.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys

# The final figures of BENCHMARKS.md ("HTML article extraction"), minus a
# margin for small legitimate changes: a drop past one is a regression.
FLOORS = {
    "aeb": {"f1": 0.96},
    "readability": {"f1": 0.94},
    "trafilatura": {"f1": 0.885, "recall": 0.90},
}

SETS = (("aeb", "scrapinghub-aeb"), ("readability", "readability"),
        ("trafilatura", "trafilatura"))

TOKEN = re.compile(r"\w+")


def tokens(text):
    return TOKEN.findall(text or "")


def shingles(text, n=4):
    """The multiset of N-token shingles of TEXT; a text of fewer than N
    tokens gives one shorter shingle, an empty text none."""
    toks = tokens(text)
    if not toks:
        return collections.Counter()
    if len(toks) < n:
        return collections.Counter([tuple(toks)])
    return collections.Counter(tuple(toks[i:i + n])
                               for i in range(len(toks) - n + 1))


def page_counts(ref, pred, n=4):
    """(tp, fp, fn) of PRED against REF, divided by their sum (so that
    every page weighs the same; all 0 when both texts are empty)."""
    r, p = shingles(ref, n), shingles(pred, n)
    tp = sum(min(c, p[k]) for k, c in r.items())
    fp = sum(max(0, c - r[k]) for k, c in p.items())
    fn = sum(max(0, c - p[k]) for k, c in r.items())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def precision_recall(tp, fp, fn):
    """A page's (precision, recall); None where it is left out of the
    mean.  fp = fn = 0 is perfect (two empty texts included); an empty
    prediction has precision 0, an empty reference recall 0."""
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else None
    return precision, recall


def f1(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def shingle_scores(pairs, n=4):
    """PAIRS of (reference, prediction) -> {precision, recall, f1,
    accuracy, pages}."""
    ps, rs, exact = [], [], 0
    for ref, pred in pairs:
        p, r = precision_recall(*page_counts(ref, pred, n))
        if p is not None:
            ps.append(p)
        if r is not None:
            rs.append(r)
        exact += tokens(ref) == tokens(pred)
    mp = sum(ps) / len(ps) if ps else 0.0
    mr = sum(rs) / len(rs) if rs else 0.0
    return {"precision": mp, "recall": mr, "f1": f1(mp, mr),
            "accuracy": exact / len(pairs) if pairs else 0.0,
            "pages": len(pairs)}


def normalise(text):
    """Blank space collapsed to one space (NBSP included), trimmed."""
    return " ".join((text or "").split())


def snippet_counts(text, with_, without):
    """(tp, fp, fn, tn) of TEXT against the fragments that must and must
    not be in it."""
    t = normalise(text)
    tp = sum(normalise(s) in t for s in with_)
    fp = sum(normalise(s) in t for s in without)
    return tp, fp, len(with_) - tp, len(without) - fp


def snippet_scores(rows):
    """ROWS of (text, with, without) -> micro {precision, recall, f1,
    accuracy, tp, fp, fn, tn, pages}."""
    tp = fp = fn = tn = 0
    for text, with_, without in rows:
        a, b, c, d = snippet_counts(text, with_, without)
        tp, fp, fn, tn = tp + a, fp + b, fn + c, tn + d
    total = tp + fp + fn + tn
    return {"precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
            "accuracy": (tp + tn) / total if total else 0.0,
            "tp": tp, "fp": fp, "fn": fn, "tn": tn, "pages": len(rows)}


def load_set(folder):
    """The expectations of FOLDER's pages, with the page's path as
    "path", sorted by name."""
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            exp = json.load(f)
        exp["path"] = os.path.join(folder, exp["file"])
        out.append(exp)
    return out


def extract(gz_html, paths):
    """{path: text} as gz-html reads each page."""
    run = subprocess.run([gz_html] + paths, stdout=subprocess.PIPE,
                         check=False)
    if run.returncode != 0:
        sys.exit("score_text: %s exited %d" % (gz_html, run.returncode))
    got = {}
    # One record a "\n" line (str.splitlines() would also split at the
    # U+2028 a text may hold).
    for line in run.stdout.decode("utf-8").split("\n"):
        if not line:
            continue
        rec = json.loads(line)
        got[rec["file"]] = rec["text"]
    return got


def score_set(key, pages, got):
    """The figures of set KEY, and its pages worst first as (score,
    name)."""
    if key == "trafilatura":
        rows = [(got[e["path"]], e.get("with") or [], e.get("without") or [])
                for e in pages]
        per_page = []
        for e, row in zip(pages, rows):
            tp, fp, fn, _ = snippet_counts(*row)
            per_page.append((-(fp + fn), e["file"]))
        return snippet_scores(rows), sorted(per_page)
    pairs = [(e["text"], got[e["path"]]) for e in pages if e.get("text")]
    scores = shingle_scores(pairs)
    scores["bag_f1"] = shingle_scores(pairs, 1)["f1"]
    per_page = []
    for e in pages:
        if e.get("text"):
            p, r = precision_recall(*page_counts(e["text"], got[e["path"]]))
            per_page.append((f1(p, r or 0.0), "%s P %.2f R %.2f" % (
                e["file"], p, r or 0.0)))
    return scores, sorted(per_page)


def line(key, s):
    if key == "trafilatura":
        return ("%-12s P %.3f R %.3f F1 %.3f accuracy %.3f "
                "(%d TP, %d FP, %d FN, %d TN; %d pages)" % (
                    key, s["precision"], s["recall"], s["f1"], s["accuracy"],
                    s["tp"], s["fp"], s["fn"], s["tn"], s["pages"]))
    return ("%-12s P %.3f R %.3f F1 %.3f accuracy %.3f bag-F1 %.3f "
            "(%d pages)" % (key, s["precision"], s["recall"], s["f1"],
                            s["accuracy"], s["bag_f1"], s["pages"]))


def main():
    top = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--formats", default=os.path.join(
        top, "..", "shared", "formats"), help="../shared/formats")
    ap.add_argument("--gz-html", default=os.path.join(
        top, "build", "tests", "gz-html"), help="the gz-html program")
    ap.add_argument("--sets", default="aeb,readability,trafilatura")
    ap.add_argument("--no-floors", action="store_true",
                    help="report only, never fail on a figure")
    ap.add_argument("--worst", type=int, default=0, metavar="N",
                    help="list the N worst pages of each set")
    args = ap.parse_args()

    below = []
    for key, folder in SETS:
        if key not in args.sets.split(","):
            continue
        pages = load_set(os.path.join(args.formats, "html", folder))
        got = extract(args.gz_html, [e["path"] for e in pages])
        scores, per_page = score_set(key, pages, got)
        print(line(key, scores))
        for score, name in per_page[:args.worst]:
            print("    %.3f %s" % (score, name))
        for metric, floor in ({} if args.no_floors else FLOORS[key]).items():
            if scores[metric] < floor:
                below.append("%s %s %.3f < %.3f" % (key, metric,
                                                     scores[metric], floor))
    for b in below:
        print("below its floor: " + b, file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
