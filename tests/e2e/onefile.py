# onefile.py OUT SEED LINES PADMIN PADMAX: a JSON Lines file with what a
# cut into pieces could break near every cut point (t215, t216): lines
# without an id (ids made of the line number), ids given twice (the later
# line wins), the same id on the first and the last line, invalid JSON,
# blank lines, CRLF line ends, a BOM, no final newline.  Each article
# carries an unknown field "pad" of PADMIN to PADMAX random bits, which
# makes the file big at little cost to index.
import json, random, sys
out, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
padmin, padmax = int(sys.argv[4]), int(sys.argv[5])
rnd = random.Random(seed)
words = ["w%d" % i for i in range(3000)]
def body():
    return " ".join(rnd.choice(words) for _ in range(rnd.randint(5, 40)))
def pad():
    return "%x" % rnd.getrandbits(rnd.randint(padmin, padmax))
lines, given = [], []
for i in range(n):
    k = rnd.random()
    if i == 0 or i == n - 1:
        o = {"id": "far", "body": "far copy %d" % i, "title": "far %d" % i}
    elif k < 0.05:
        o = {"body": body(), "date": "2024-01-%02d" % rnd.randint(1, 28)}
    elif k < 0.10 and given:
        o = {"id": rnd.choice(given), "body": "again " + body()}
    elif k < 0.13:
        lines.append('{"id": "bad%d", "body": ' % i)
        continue
    elif k < 0.16:
        lines.append(rnd.choice(["", "   ", "\t"]))
        continue
    else:
        o = {"id": "a%d" % i, "body": body(), "title": "t%d" % i}
        given.append(o["id"])
    o["pad"] = pad()
    lines.append(json.dumps(o))
text = ""
for i, l in enumerate(lines):
    text += l + ("\r\n" if i % 7 == 3 else "\n")
text = "\ufeff" + text.rstrip("\n")
open(out, "w", encoding="utf-8", newline="").write(text)
