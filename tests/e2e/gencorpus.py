"""gencorpus.py - write a synthetic corpus for the update tests.

gencorpus.py DIR N [SEED]: N short articles with deterministic text, split
over article files in DIR/a/NN/ and JSON Lines files in DIR/feeds/, so a
run takes long enough to be interrupted and a change can be made to either
kind of file."""
import json
import os
import random
import sys

WORDS = ("tariff wheat export import senate budget deficit inflation rate bank "
         "policy election vote court ruling climate energy oil gas health care "
         "insurance tax reform trade china japan europe border security labor "
         "union strike market stocks bonds dollar yen euro growth jobs housing "
         "school student loan farm drought flood storm minister president").split()

def article(rng, i):
    day = "%04d-%02d-%02d" % (2000 + i % 20, 1 + i % 12, 1 + i % 28)
    title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
    paras = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 90))) + "."
             for _ in range(rng.randint(2, 5))]
    return {"id": "g%05d" % i, "date": day, "title": title,
            "body": "\n\n".join(paras), "source": rng.choice(["Wire A", "Wire B", "Daily C"])}

def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    arts = [article(rng, i) for i in range(n)]
    half = n // 2
    for i, a in enumerate(arts[:half]):
        d = os.path.join(out, "a", "%02d" % (i // 200))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, a["id"] + ".txt"), "w", encoding="utf-8") as f:
            f.write("date %s\ntitle %s\nsource %s\n\n%s\n" % (a["date"], a["title"], a["source"], a["body"]))
    os.makedirs(os.path.join(out, "feeds"), exist_ok=True)
    rest = arts[half:]
    per = max(1, len(rest) // 4)
    for k in range(0, len(rest), per):
        with open(os.path.join(out, "feeds", "f%02d.jsonl" % (k // per)), "w", encoding="utf-8") as f:
            for a in rest[k:k + per]:
                f.write(json.dumps(a) + "\n")

main()
