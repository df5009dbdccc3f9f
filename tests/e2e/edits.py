#!/usr/bin/env python3
"""edits.py - random edits of big JSON Lines files (issue 21): after each
round the incrementally kept index equals a clean build, and the run's
counts add up.

A tree of two JSON Lines files (one gzipped) and a few article files; each
round makes a few random edits: a field of an article changed (its id
too), two lines swapped, an id given twice in one file, lines deleted, a
blank line inserted, a date made invalid, an article file rewritten, or
rewritten with only blank space added.  After every round gazette-index
runs on the tree with --report, and:
  - the index equals a clean build (-j 1, 2 or 3) of the same tree, by
    tests/helpers/gz-dump (model.py's Runner);
  - articles read = new + replaced + unchanged in the report;
  - while no id is given twice in the tree, the counts are the ones the
    rule predicts: an article read is unchanged when the index held it
    with the same fields, file and line, replaced when its file gave its
    id before, else new; the deleted ones are the ids given no more.
Over all rounds some articles must have been unchanged and some replaced,
or the test tests nothing.

usage: edits.py BIN WORKDIR [--seed N] [--rounds N]
"""
import argparse
import datetime
import gzip
import json
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import QUERIES, Runner, words  # noqa: E402

JSONL = ["big.jsonl", "old/more.jsonl.gz"]
ARTICLES = ["notes/n%d.txt" % i for i in range(4)]


def valid_date(d):
    try:
        datetime.date.fromisoformat(d)
        return len(d) == 10
    except (TypeError, ValueError):
        return False


def row(rng, art_id):
    r = {"id": art_id, "title": words(rng, 4), "body": words(rng, 14) + ".",
         "source": rng.choice(["Wire A", "Wire B"])}
    if rng.random() < 0.85:
        r["date"] = "20%02d-%02d-%02d" % (rng.randint(10, 21), rng.randint(1, 12),
                                          rng.randint(1, 28))
    return r


class Tree:
    def __init__(self, rng, root):
        self.rng, self.root, self.next_id = rng, root, 0
        self.lines = {}     # JSON Lines file -> list of lines (str, no "\n")
        self.texts = {}     # article file -> text
        for rel, n in zip(JSONL, (180, 90)):
            self.lines[rel] = [json.dumps(row(rng, self.new_id())) for _ in range(n)]
        for rel in ARTICLES:
            self.texts[rel] = self.article_text()
        self.write_all()

    def new_id(self):
        self.next_id += 1
        return "e%04d" % self.next_id

    def article_text(self):
        return "date 2021-0%d-1%d\ntitle %s\n\n%s.\n" % (
            self.rng.randint(1, 9), self.rng.randint(0, 9), words(self.rng, 3),
            words(self.rng, 10))

    def write_all(self):
        for rel in list(self.lines) + list(self.texts):
            self.write(rel)

    def write(self, rel):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if rel in self.lines:
            data = "".join(l + "\n" for l in self.lines[rel]).encode()
        else:
            data = self.texts[rel].encode()
        if rel.endswith(".gz"):
            data = gzip.compress(data, mtime=0)
        with open(path, "wb") as f:
            f.write(data)

    # ---- edits ---------------------------------------------------------
    def rows_at(self, rel):
        return [i for i, l in enumerate(self.lines[rel]) if l.strip()]

    def edit(self):
        rng = self.rng
        rel = rng.choice(JSONL)
        lines, at = self.lines[rel], self.rows_at(rel)
        op = rng.choice(["field", "field", "swap", "duplicate", "delete",
                         "blank", "invalid_date", "article", "article_blank",
                         "append"])
        if op == "field" and at:
            i = rng.choice(at)
            r = json.loads(lines[i])
            key = rng.choice(["id", "title", "body", "date", "source", "author", "url"])
            r[key] = {"id": self.new_id(), "date": "2019-05-05",
                      "url": "https://example.com/%d" % rng.randrange(1000),
                      "author": "Ann Lee"}.get(key, words(rng, 5))
            lines[i] = json.dumps(r)
        elif op == "swap" and len(at) > 1:
            i, j = rng.sample(at, 2)
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "duplicate" and at:
            r = json.loads(lines[rng.choice(at)])
            r["body"] = words(rng, 6) + "."
            lines.insert(rng.randrange(len(lines) + 1), json.dumps(r))
        elif op == "delete" and at:
            for i in sorted(rng.sample(at, min(len(at), rng.randint(1, 3))), reverse=True):
                del lines[i]
        elif op == "blank":
            lines.insert(rng.randrange(len(lines) + 1), "")
        elif op == "invalid_date" and at:
            i = rng.choice(at)
            r = json.loads(lines[i])
            r["date"] = rng.choice(["2020-13-45", "2021-02-30", "soon"])
            lines[i] = json.dumps(r)
        elif op == "append":
            lines.append(json.dumps(row(rng, self.new_id())))
        elif op == "article":
            rel = rng.choice(ARTICLES)
            self.texts[rel] = self.article_text()
        elif op == "article_blank":
            rel = rng.choice(ARTICLES)
            self.texts[rel] += "\n\n"
        self.write(rel)
        return "%s %s" % (op, rel)

    # ---- what the index must hold --------------------------------------
    def given(self):
        """(id, file) -> (normalised row, line) of every article given."""
        out = {}
        for rel, lines in self.lines.items():
            for n, l in enumerate(lines, 1):
                if not l.strip():
                    continue
                r = json.loads(l)
                if not valid_date(r.get("date")):
                    r.pop("date", None)
                out[(r["id"], rel)] = (json.dumps(r, sort_keys=True), n)
        for rel, text in self.texts.items():
            out[(os.path.basename(rel)[:-4], rel)] = (text.strip(), 1)
        return out

    def duplicated(self):
        ids = [r["id"] for ls in self.lines.values() for l in ls if l.strip()
               for r in [json.loads(l)]]
        return len(ids) != len(set(ids))


def predict(before, after, changed, grown):
    """The counts a run must report going from BEFORE to AFTER (Tree.given()
    of each), reading the files CHANGED; a JSON Lines file that only grew
    (GROWN: its lines before) is read on from its old end (issue 21), so
    only its new lines are read.  (An article file is read whole; the
    gzip one is written anew, so it never only grows.)"""
    read = {k: v for k, v in after.items()
            if k[1] in changed and v[1] > grown.get(k[1], 0)}
    new = replaced = same = 0
    for key, value in read.items():
        if before.get(key) == value:
            same += 1
        elif key in before:
            replaced += 1
        else:
            new += 1
    gone = {k[0] for k in before} - {k[0] for k in after}
    return {"articles": len(read), "added": new, "replaced": replaced,
            "articles_unchanged": same, "deleted": len(gone)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("workdir")
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--rounds", type=int, default=12)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    root = os.path.join(args.workdir, "c")
    idx, clean = os.path.join(args.workdir, "idx"), os.path.join(args.workdir, "clean")
    report = os.path.join(args.workdir, "report.json")
    tree = Tree(rng, root)
    run = Runner(args.bin, args.workdir, False, rng)
    run.index(idx, root)
    before, seen = tree.given(), {"articles_unchanged": 0, "replaced": 0}
    snapshot = {rel: open(os.path.join(root, rel), "rb").read()
                for rel in JSONL + ARTICLES}
    for rnd in range(args.rounds):
        done = [tree.edit() for _ in range(rng.randint(1, 4))]
        where = "seed %d, round %d (%s)" % (args.seed, rnd, "; ".join(done))
        now = {rel: open(os.path.join(root, rel), "rb").read()
               for rel in JSONL + ARTICLES}
        changed = {rel for rel in now if now[rel] != snapshot[rel]}
        grown = {rel: snapshot[rel].count(b"\n") for rel in changed
                 if rel in JSONL and not rel.endswith(".gz") and
                 now[rel].startswith(snapshot[rel])}
        run.index(idx, root, extra=["--report", report])
        got = json.load(open(report))
        if got["articles"] != got["added"] + got["replaced"] + got["articles_unchanged"]:
            print("FAIL: %s: the counts do not add up: %s" % (where, got))
            return 1
        after = tree.given()
        if not tree.duplicated() and not any(
                r["id"] in {k[0] for k in before} and (r["id"], rel) not in before
                for rel in JSONL for l in tree.lines[rel] if l.strip()
                for r in [json.loads(l)]):
            want = predict(before, after, changed, grown)
            have = {k: got[k] for k in want}
            if have != want:
                print("FAIL: %s: counted %s, the rule says %s" % (where, have, want))
                return 1
        for k in seen:
            seen[k] += got[k]
        shutil.rmtree(clean, ignore_errors=True)
        jobs = rng.choice(["1", "2", "3"])
        run.index(clean, root, extra=["-j", jobs])
        inc, cln = run.dump(idx), run.dump(clean)
        if inc != cln:
            print("FAIL: %s: the index differs from a clean build (-j %s)" % (where, jobs))
            for a, b in zip(cln, inc):
                if a != b:
                    print("  clean:       %s\n  incremental: %s" % (a[:300], b[:300]))
                    break
            return 1
        before, snapshot = after, now
    if not seen["articles_unchanged"] or not seen["replaced"]:
        print("FAIL: seed %d: no round had both unchanged and replaced "
              "articles: %s" % (args.seed, seen))
        return 1
    print("edits: %d rounds equal to clean builds (%d unchanged, %d replaced)"
          % (args.rounds, seen["articles_unchanged"], seen["replaced"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
