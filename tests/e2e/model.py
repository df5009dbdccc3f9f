#!/usr/bin/env python3
"""model.py - model-based test of "an incremental run equals a clean build".

Random sequences of corpus operations over a few dozen small files in both
formats (article files and JSON Lines, some gzipped): add, edit, delete,
move, rename, touch, an id moved between files, an id given by two files,
truncation, a file or folder made unreadable, a gzip file cut short;
appends (issue 21): JSON lines added to a file of some hundreds of lines
(a new gzip member for a gzip file), half a line added and finished in a
later step, text added to an article file; and gazette-index killed with
SIGKILL during runs.  After every step the index
kept up to date by gazette-index must equal a clean build of the same tree,
article by article (every stored field, the file and line it came from)
and search by search (tests/helpers/gz-dump).

The model keeps, for every file, the content the index must reflect: what
is on disk, except for a file that cannot be read to its end today (made
unreadable, or a gzip file cut short), which keeps what it last gave
(doc/DECISIONS.md, "A file that fails part-way").  The clean build is made
of the same paths with those files put back as they were, so the stored
paths agree.

usage: model.py BIN WORKDIR [--seed N] [--start N] [--sequences N]
                            [--steps N] [--seconds S]
Prints the seed; exit 0, or 1 with the seed, the sequence and the step on
the first difference.  Runs the programs as nobody (setpriv) when root, so
that chmod can deny reading.
"""
import argparse
import difflib
import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zlib

WORDS = ("tariff wheat oil budget senate border wall health care vote "
         "election court ruling trade deal steel farm union strike tax "
         "rate bank loan debt fund school rail port drought flood storm "
         "grain ore coal gas power plant").split()
IDS = ["k%02d" % i for i in range(14)]            # JSON Lines ids, clashing
NAMES = ["a", "b", "c", "d", "e", "f"]            # file names, clashing
DIRS = ["d0", "d1", "d2/sub"]
QUERIES = ["tariff", "oil OR gas", '"health care"', "title:vote", "budget -tax",
           "* date:2020", "wall NEAR/3 border", "*", "id:k03", "id:a"]


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def article_text(rng, with_id):
    head = []
    if rng.random() < 0.8:
        head.append("date 20%02d-%02d-%02d" % (rng.randint(19, 21),
                                               rng.randint(1, 12), rng.randint(1, 28)))
    if rng.random() < 0.7:
        head.append("title " + words(rng, 3))
    if with_id:
        head.append("id " + rng.choice(IDS + NAMES))
    paras = [words(rng, rng.randint(3, 12)) + "." for _ in range(rng.randint(1, 3))]
    return ("\n".join(head) + "\n\n" + "\n\n".join(paras) + "\n").encode()


def line_row(line):
    """The JSON object of LINE, or None: a file cut short, or renamed from
    an article file, holds lines that are not."""
    try:
        row = json.loads(line)
    except ValueError:
        return None
    return row if isinstance(row, dict) and isinstance(row.get("id"), str) else None


def jsonl_line(rng, art_id=None):
    """A JSON line; ART_ID "" gives none (the id is then "<name>:<line>")."""
    row = {"id": art_id or rng.choice(IDS), "title": words(rng, 3),
           "body": words(rng, rng.randint(3, 15)) + "."}
    if art_id == "":
        del row["id"]
    if rng.random() < 0.8:
        row["date"] = "20%02d-%02d-%02d" % (rng.randint(19, 21),
                                            rng.randint(1, 12), rng.randint(1, 28))
    return json.dumps(row) + "\n"


class Model:
    """The tree on disk and what the index must reflect of it."""

    def __init__(self, rng, root, as_user):
        self.rng, self.root = rng, root
        # chmod denies nothing to root: only as nobody, or as a user.
        self.can_lock = as_user or os.geteuid() != 0
        self.good = {}          # relative path -> bytes the index reflects
        self.broken = {}        # relative path -> "locked" | "cut"
        self.given = {}         # relative path -> bytes it last gave
        self.locked_dirs = set()
        self.halves = {}        # relative path -> the rest of a half line

    # ---- files ---------------------------------------------------------
    def full(self, rel):
        return os.path.join(self.root, rel)

    def write(self, rel, data):
        path = self.full(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.exists(path):
            os.chmod(path, 0o644)
        raw = gzip.compress(data, mtime=0) if rel.endswith(".gz") else data
        with open(path, "wb") as f:
            f.write(raw)
        self.good[rel] = data
        self.broken.pop(rel, None)

    def new_content(self, rel):
        rng = self.rng
        if ".jsonl" in rel:
            return "".join(jsonl_line(rng) for _ in range(rng.randint(1, 5))).encode()
        return article_text(rng, rng.random() < 0.3)

    def append(self, rel, text):
        """TEXT (bytes) added at the end of REL, as a writer appends: a
        gzip file gets it as a new member."""
        raw = gzip.compress(text, mtime=0) if rel.endswith(".gz") else text
        with open(self.full(rel), "ab") as f:
            f.write(raw)
        self.good[rel] += text

    def appended_id(self):
        """An id for an appended line: mostly new, sometimes one other
        lines give (the later copy wins), sometimes none."""
        rng = self.rng
        return rng.choice(["b%d" % rng.randrange(2000)] * 6 + [rng.choice(IDS), ""])

    def new_name(self):
        rng = self.rng
        kind = rng.choice([".txt", ".txt", ".jsonl", ".txt.gz", ".jsonl.gz"])
        return "%s/%s%s" % (rng.choice(DIRS), rng.choice(NAMES), kind)

    def healthy(self):
        return sorted(r for r in self.good if r not in self.broken and
                      not any(r.startswith(d + "/") for d in self.locked_dirs))

    # ---- operations ----------------------------------------------------
    def op_add(self):
        rel = self.new_name()
        if rel not in self.good:
            self.write(rel, self.new_content(rel))

    def op_add_big(self):
        """A JSON Lines file of some hundreds of articles."""
        rng = self.rng
        rel = "%s/big%s" % (rng.choice(DIRS), rng.choice([".jsonl", ".jsonl.gz"]))
        if rel not in self.good:
            self.write(rel, "".join(jsonl_line(rng, self.appended_id())
                                    for _ in range(rng.randint(150, 400))).encode())

    def op_append(self, rel):
        rng = self.rng
        if ".jsonl" in rel:
            text = "".join(jsonl_line(rng, self.appended_id())
                           for _ in range(rng.randint(1, 4)))
        else:
            text = words(rng, 6) + ".\n"
        self.append(rel, text.encode())

    def op_half(self, rel):
        """Half a JSON line, as a writer still at work leaves it."""
        line = jsonl_line(self.rng, self.appended_id())
        cut = self.rng.randrange(1, len(line) - 1)
        self.append(rel, line[:cut].encode())
        self.halves[rel] = line[cut:]

    def op_finish(self, rel):
        self.append(rel, self.halves.pop(rel).encode())

    def op_edit(self, rel):
        data = self.good[rel]
        if ".jsonl" in rel and self.rng.random() < 0.7:
            lines = data.decode().splitlines(True)
            i = self.rng.randrange(len(lines) + 1)
            if i == len(lines) or self.rng.random() < 0.3:
                lines.insert(i, jsonl_line(self.rng))
            elif self.rng.random() < 0.5:
                del lines[i]
            else:
                row = line_row(lines[i])
                lines[i] = jsonl_line(self.rng, row and row["id"])
            data = "".join(lines).encode()
        else:
            data = self.new_content(rel)
        self.write(rel, data)

    def op_delete(self, rel):
        os.remove(self.full(rel))
        del self.good[rel]
        self.broken.pop(rel, None)

    def op_move(self, rel, to):
        if to in self.good or to == rel:
            return
        os.makedirs(os.path.dirname(self.full(to)), exist_ok=True)
        os.rename(self.full(rel), self.full(to))
        self.good[to] = self.good.pop(rel)

    def op_move_id(self, src, dst):
        """An article of JSON Lines file SRC moves to DST."""
        lines = self.good[src].decode().splitlines(True)
        line = lines.pop(self.rng.randrange(len(lines)))
        self.write(src, "".join(lines).encode())
        self.write(dst, self.good[dst] + line.encode())

    def op_copy_id(self, src, dst):
        """DST gives an id SRC gives too (a JSON line, or an article file
        of the same name in another folder)."""
        if ".jsonl" in src and ".jsonl" in dst:
            lines = self.good[src].decode().splitlines(True)
            if not lines:
                return
            line = self.rng.choice(lines)
            row = line_row(line)
            if not row:
                return
            row["body"] = words(self.rng, 5) + "."
            self.write(dst, self.good[dst] + (json.dumps(row) + "\n").encode())
        elif ".jsonl" not in src:
            to = "%s/%s" % (self.rng.choice(DIRS), os.path.basename(src))
            if to not in self.good:
                self.write(to, self.new_content(to))

    def op_truncate(self, rel):
        """A plain file cut short is a shorter file, read to its end."""
        data = self.good[rel]
        self.write(rel, data[:self.rng.randrange(len(data) + 1)])

    def op_cut_gzip(self, rel):
        """A gzip file cut short cannot be read to its end."""
        path = self.full(rel)
        raw = open(path, "rb").read()
        # Only a file read whole before: what a new file cut short gives
        # is whatever zlib makes of it, which the model does not predict.
        if len(raw) < 30 or self.given.get(rel) != self.good[rel]:
            return
        cut = self.rng.randint(20, len(raw) - 9)
        # A file of several members cut where one ends is a shorter file.
        try:
            gzip.decompress(raw[:cut])
            return
        except (EOFError, OSError, zlib.error):
            pass
        # A plain file renamed to .gz is read as plain text: cut, it is a
        # shorter file, not a broken one.
        if raw[:2] != b"\x1f\x8b":
            return
        # Nor one that gives an id twice: cut between the copies, the
        # file gives the first, which the index takes, while the copy
        # that won before lies past the cut (doc/DECISIONS.md).
        if ".jsonl" in rel:
            rows = [line_row(l) for l in self.good[rel].decode(errors="replace").splitlines()]
            ids = [r["id"] for r in rows if r]
            if None in rows or len(ids) != len(set(ids)):
                return
        with open(path, "r+b") as f:
            f.truncate(cut)
        self.broken[rel] = "cut"

    def op_lock(self, rel):
        if self.can_lock:
            os.chmod(self.full(rel), 0)
            self.broken[rel] = "locked"

    def op_lock_dir(self):
        d = self.rng.choice(DIRS)
        if self.can_lock and os.path.isdir(self.full(d)):
            os.chmod(self.full(d), 0)
            self.locked_dirs.add(d)

    def op_repair(self):
        for d in sorted(self.locked_dirs):
            os.chmod(self.full(d), 0o755)
        self.locked_dirs.clear()
        for rel in sorted(self.broken):
            self.write(rel, self.good[rel])

    def op_touch(self, rel):
        os.utime(self.full(rel), None)

    def step(self):
        rng = self.rng
        files = self.healthy()
        ops = ["add"] * 3 + ["add_big"]
        if files:
            ops += ["edit"] * 4 + ["delete", "move", "rename", "copy_id",
                                   "truncate", "touch", "lock", "lock_dir"]
            ops += ["append"] * 4 + ["half"]
        halves = [f for f in files if f in self.halves]
        if halves:
            ops += ["finish"] * 3
            if sum(".jsonl" in f for f in files) >= 2:
                ops += ["move_id"] * 2
            if any(f.endswith(".gz") for f in files):
                ops += ["cut_gzip"]
        if self.broken or self.locked_dirs:
            ops += ["repair"] * 2
        op = rng.choice(ops)
        rel = rng.choice(files) if files else None
        if op == "add":
            self.op_add()
        elif op == "add_big":
            self.op_add_big()
        elif op == "append":
            # Big files most: they are what appends are for.
            big = [f for f in files if "/big" in f]
            self.op_append(rng.choice(big) if big and rng.random() < 0.6 else rel)
        elif op == "half":
            js = [f for f in files if ".jsonl" in f and f not in self.halves]
            if js:
                self.op_half(rng.choice(js))
        elif op == "finish":
            self.op_finish(rng.choice(halves))
        elif op == "edit":
            self.op_edit(rel)
        elif op == "delete":
            self.op_delete(rel)
        elif op == "move":
            self.op_move(rel, "%s/%s" % (rng.choice(DIRS), os.path.basename(rel)))
        elif op == "rename":
            self.op_move(rel, self.new_name())
        elif op == "copy_id":
            self.op_copy_id(rel, rng.choice(files))
        elif op == "move_id":
            js = [f for f in files if ".jsonl" in f]
            src, dst = rng.sample(js, 2)
            if self.good[src]:
                self.op_move_id(src, dst)
        elif op == "truncate":
            if not rel.endswith(".gz"):
                self.op_truncate(rel)
        elif op == "cut_gzip":
            self.op_cut_gzip(rng.choice([f for f in files if f.endswith(".gz")]))
        elif op == "lock":
            self.op_lock(rel)
        elif op == "lock_dir":
            self.op_lock_dir()
        elif op == "repair":
            self.op_repair()
        elif op == "touch":
            self.op_touch(rel)
        return op

    # ---- the reference tree --------------------------------------------
    def ran(self):
        """A run ended: every file it could read gave what it holds."""
        for rel in self.healthy():
            self.given[rel] = self.good[rel]
        # A file gone from a folder that cannot be read is not seen gone:
        # it keeps what it gave until the folder reads again.
        for rel in [r for r in self.given if r not in self.good]:
            if not self.unread(rel):
                del self.given[rel]

    def unread(self, rel):
        return rel in self.broken or any(rel.startswith(d + "/")
                                         for d in self.locked_dirs)

    def put_back(self, aside):
        """Make the tree what the index must reflect, for a clean build:
        a file that cannot be read today as it was when last read (or
        away, if it never was; back, if it went unseen).  Returns what to
        undo."""
        undo = []
        for d in sorted(self.locked_dirs):
            os.chmod(self.full(d), 0o755)
            undo.append(("lock_dir", d, None))
        for rel in sorted(r for r in set(self.good) | set(self.given)
                          if self.unread(r)):
            path = self.full(rel)
            raw = None
            if rel in self.good:
                os.chmod(path, 0o644)
                raw = open(path, "rb").read()
            undo.append(("file", rel, raw))
            if rel in self.given:
                data = self.given[rel]
                os.makedirs(os.path.dirname(path), exist_ok=True)
                open(path, "wb").write(gzip.compress(data, mtime=0)
                                       if rel.endswith(".gz") else data)
            elif raw is not None:
                os.remove(path)
        return undo

    def take_back(self, undo):
        for kind, rel, raw in reversed(undo):
            path = self.full(rel)
            if kind == "file" and raw is None:
                os.remove(path)
            elif kind == "file":
                open(path, "wb").write(raw)
                if self.broken.get(rel) == "locked":
                    os.chmod(path, 0)
            else:
                os.chmod(path, 0)


class Runner:
    def __init__(self, bin_dir, work, as_user, rng):
        self.bin, self.work, self.as_user, self.rng = bin_dir, work, as_user, rng
        self.prefix = (["setpriv", "--reuid=65534", "--regid=65534",
                        "--clear-groups"] if as_user else [])

    def index(self, idx, root, extra=(), kill_after=None):
        cmd = self.prefix + [os.path.join(self.bin, "gazette-index"), "-q",
                             "-d", idx] + list(extra) + [root]
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if kill_after is not None:
            time.sleep(kill_after)
            p.send_signal(signal.SIGKILL)
        out, err = p.communicate()
        # Exit 1 is input gazette-index refused (the model makes some);
        # the sanitizers exit 1 too.
        if kill_after is None and (p.returncode not in (0, 1) or
                                   b"runtime error:" in err or b"Sanitizer" in err):
            raise RuntimeError("gazette-index %s exited %d:\n%s" %
                               (" ".join(extra), p.returncode, err.decode(errors="replace")))
        return p.returncode, err.decode(errors="replace")

    def dump(self, idx):
        p = subprocess.run([os.path.join(self.bin, "tests", "gz-dump"), idx] + QUERIES,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise RuntimeError("gz-dump %s: %s" % (idx, p.stderr.decode(errors="replace")))
        return p.stdout.decode(errors="replace").splitlines()


def make_writable(path):
    os.makedirs(path, exist_ok=True)
    os.chmod(path, 0o777)


def sequence(args, seed, number, as_user):
    rng = random.Random(seed * 1000003 + number)
    work = os.path.join(args.workdir, "seq")
    shutil.rmtree(work, ignore_errors=True)
    for d in (work, os.path.join(work, "c")):
        make_writable(d)
    root = os.path.join(work, "c")
    for d in DIRS:
        make_writable(os.path.join(root, d))
    model = Model(rng, root, as_user)
    run = Runner(args.bin, work, as_user, rng)
    idx, clean = os.path.join(work, "idx"), os.path.join(work, "clean")
    for _ in range(rng.randint(3, 12)):
        model.op_add()
    history = []
    for step in range(args.steps):
        ops = [model.step() for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.15:
            killed_at = rng.uniform(0.0, 0.08)
            run.index(idx, root, kill_after=killed_at)
            ops.append("kill -9 after %.3f s" % killed_at)
        history.append(ops)
        if not check(run, model, idx, clean, work, root, rng, history,
                     "seed %d, sequence %d, step %d" % (seed, number, step)):
            return False
    # Whatever was deferred must be settled once every file reads again.
    model.op_repair()
    history.append(["repair (end)"])
    return check(run, model, idx, clean, work, root, rng, history,
                 "seed %d, sequence %d, at the end" % (seed, number), final=True)


def check(run, model, idx, clean, work, root, rng, history, where, final=False):
    """Run gazette-index on the tree and compare with a clean build."""
    _, err = run.index(idx, root)
    model.ran()
    # An id whose winning file cannot give its copy today keeps the copy
    # it has, with a warning, until that file reads again: not comparable.
    if "read again next run" in err and not final:
        history[-1].append("(deferred: %s)" % err.strip().splitlines()[-1][:120])
        return True
    undo = model.put_back(work)
    try:
        shutil.rmtree(clean, ignore_errors=True)
        jobs = rng.choice(["1", "2", "3"])
        clean_rc, clean_err = run.index(clean, root, extra=["-j", jobs])
        want = run.dump(clean)
    finally:
        model.take_back(undo)
    got = run.dump(idx)
    if got == want:
        return True
    print("FAIL: %s: the index differs from a clean build (-j %s, exit %d)"
          % (where, jobs, clean_rc))
    print("  the clean build said:", clean_err.strip()[:600] or "nothing")
    print("  the incremental run said:", err.strip()[:600] or "nothing")
    for i, ops_done in enumerate(history):
        print("  step %d: %s" % (i, ", ".join(ops_done)))
    for line in list(difflib.unified_diff(want, got, "clean", "incremental",
                                          lineterm=""))[:40]:
        print("   ", line[:300])
    return False



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("workdir")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--sequences", type=int, default=8)
    ap.add_argument("--start", type=int, default=0,
                    help="the first sequence (to replay a failure)")
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--seconds", type=float, default=0,
                    help="run sequences until this many seconds have passed")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    as_user = os.geteuid() == 0 and shutil.which("setpriv") is not None
    if os.geteuid() == 0 and not as_user:
        print("note: running as root without setpriv: no file is made unreadable")
    os.chmod(args.workdir, 0o755)
    print("model: seed %d" % seed, flush=True)
    started, number = time.time(), args.start
    while True:
        if not sequence(args, seed, number, as_user):
            print("replay: MODEL_SEED=%d MODEL_START=%d MODEL_SEQUENCES=1 "
                  "TESTS=t205 make quick" % (seed, number))
            return 1
        number += 1
        if args.seconds:
            if time.time() - started > args.seconds:
                break
        elif number >= args.start + args.sequences:
            break
    print("model: %d sequences of %d steps equal to clean builds"
          % (number - args.start, args.steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
