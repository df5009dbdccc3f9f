"""lang-accuracy.py - the measuring half of tests/bench/lang-accuracy.sh
(`make lang-accuracy`, issue 22): common/detect.c's answers, through
gz-detect, on pages of known language and on the English corpus.

    lang-accuracy.py --detect GZ-DETECT --index GAZETTE-INDEX
                     --shared DIR --out FILE.md

Settings from the environment: WINDOW (bytes detect_lang looks at; 0 or
unset: DETECT_WINDOW), BUILD_CPU (seconds), MEASURE_BUILD (1: measure it).
"""
import argparse
import glob
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

# BENCHMARKS.md "Languages (issue 22)", (a): the BASE build (English-only
# schema) of the three articles.jsonl.gz, -j 2, user + system seconds.
BASE_BUILD_CPU = 93.4
# The languages detect_lang answers (detect.h): those with a Snowball
# stemmer in common/lang.c, and the scripts without spaces.  A page in
# another language (Czech) is right when it gets the fallback.
ANSWERABLE = set("ar ca da de el en es eu fi fr ga hi hu hy id it lt ne nl no pt ro ru sr "
                 "sv ta tr yi zh ja ko th lo km my".split())
ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "ji": "yi"}
HTML_LANG = re.compile(rb'<html[^>]*?\blang\s*=\s*["\']?([A-Za-z]{2,3})', re.I)


def code(tag):
    c = re.split(r"[-_]", tag.strip().lower())[0]
    return ALIASES.get(c, c)


def pages(shared):
    """[(source, name, lang, text)] of the pages with a known language."""
    out = []
    for path in sorted(glob.glob(os.path.join(shared, "formats/html/*/*.json"))):
        with open(path, encoding="utf-8") as f:
            j = json.load(f)
        if "file" not in j:
            continue
        source = os.path.basename(os.path.dirname(path))
        lang = j.get("lang")
        if not lang:
            page = os.path.join(os.path.dirname(path), j["file"])
            with (gzip.open if page.endswith(".gz") else open)(page, "rb") as f:
                m = HTML_LANG.search(f.read(65536))
            lang = m.group(1).decode() if m else None
        # Trafilatura's pages have no full text: their "with" fragments
        # (start, end and a hard middle part of the article) stand in.
        text = j.get("text") or "\n\n".join(j.get("with") or [])
        if lang and text.strip():
            out.append((source, os.path.basename(path)[:-5], code(lang), text))
    return out


def corpus(shared):
    """[(id, title + body)] of every article of the corpus, in its order."""
    out = []
    for path in sorted(glob.glob(os.path.join(shared, "corpus/*/articles.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                out.append((a["id"], (a["title"] + "\n\n" if a["title"] else "") + a["body"]))
    return out


def detect(prog, texts, fallback="en"):
    """[(code, cpu_us, explain)] of gz-detect over TEXTS."""
    with tempfile.TemporaryFile() as f:
        for t in texts:
            b = t.encode("utf-8")
            f.write(b"%d\n" % len(b) + b)
        f.seek(0)
        args = [prog, "-f", fallback]
        if os.environ.get("WINDOW"):
            args += ["-w", os.environ["WINDOW"]]
        r = subprocess.run(args, stdin=f, capture_output=True, check=True)
    rows = [line.split("\t", 2) for line in r.stdout.decode().splitlines()]
    assert len(rows) == len(texts), "gz-detect answered %d of %d" % (len(rows), len(texts))
    return [(c, float(us), why) for c, us, why in rows]


def build_cpu(index, shared):
    if os.environ.get("BUILD_CPU"):
        return float(os.environ["BUILD_CPU"]), "BUILD_CPU given"
    if os.environ.get("MEASURE_BUILD") != "1":
        return BASE_BUILD_CPU, "BASE build of BENCHMARKS.md \"Languages (issue 22)\" (-j 2)"
    with tempfile.TemporaryDirectory() as d:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([index, "-q", "-j", "1", "-d", os.path.join(d, "idx")] +
                       sorted(glob.glob(os.path.join(shared, "corpus/*/articles.jsonl.gz"))),
                       check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
            "measured now: gazette-index -j 1 of the three articles.jsonl.gz")


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--detect", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    md = ["# Language detection (issue 22): `make lang-accuracy`", "",
          "Run of %s, window %s bytes, fallback (index default) en." %
          (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
           os.environ.get("WINDOW") or "DETECT_WINDOW"), ""]

    ps = pages(a.shared)
    # The right answer: the page's language, or the fallback for one
    # Gazette cannot index in its own language.
    want = [p[2] if p[2] in ANSWERABLE else "en" for p in ps]
    whole = detect(a.detect, [p[3] for p in ps])
    short = detect(a.detect, [p[3][:200] for p in ps])
    md += ["## (a) Pages of ../shared/formats/html with a known language", "",
           "Right: the page's language, or en for one Gazette has no stemmer for (%s)." %
           (", ".join(sorted({p[2] for p in ps if p[2] not in ANSWERABLE})) or "none"), "",
           "| source | pages | languages | whole text right | first 200 chars right |",
           "| --- | ---: | --- | ---: | ---: |"]
    sources = sorted({p[0] for p in ps}) + ["all"]
    for s in sources:
        idx = [i for i, p in enumerate(ps) if s in ("all", p[0])]
        langs = {}
        for i in idx:
            langs[ps[i][2]] = langs.get(ps[i][2], 0) + 1
        lw = sum(whole[i][0] == want[i] for i in idx)
        ls = sum(short[i][0] == want[i] for i in idx)
        md.append("| %s | %d | %s | %d (%.1f%%) | %d (%.1f%%) |" % (
            s, len(idx), " ".join("%s %d" % kv for kv in sorted(langs.items(), key=lambda kv: -kv[1])),
            lw, pct(lw, len(idx)), ls, pct(ls, len(idx))))
    md += ["", "Non-English pages only (the ones detection is for):", ""]
    ne = [i for i, p in enumerate(ps) if p[2] != "en"]
    lw = sum(whole[i][0] == want[i] for i in ne)
    ls = sum(short[i][0] == want[i] for i in ne)
    md.append("- %d pages: whole text %d right (%.1f%%), first 200 chars %d (%.1f%%)."
              % (len(ne), lw, pct(lw, len(ne)), ls, pct(ls, len(ne))))
    md += ["", "Wrong answers (page, declared, answer on the whole text: why; "
           "on the first 200 chars: answer):", ""]
    for i, p in enumerate(ps):
        if whole[i][0] != want[i] or short[i][0] != want[i]:
            md.append("- %s/%s: %s -> %s (%s); 200: %s (%s)" % (
                p[0], p[1], p[2], whole[i][0], whole[i][2], short[i][0], short[i][2]))

    arts = corpus(a.shared)
    res = detect(a.detect, [t for _, t in arts])
    wrong = [(arts[i][0], r) for i, r in enumerate(res) if r[0] != "en"]
    us = sorted(r[1] for r in res)
    total_s = sum(us) / 1e6
    cpu, cpu_src = build_cpu(a.index, a.shared)
    md += ["", "## (b) Every article of ../shared/corpus (English)", "",
           "- %d articles; non-English answers: %d." % (len(arts), len(wrong))]
    for aid, r in wrong:
        md.append("  - %s: %s (%s)" % (aid, r[0], r[2]))
    md += ["", "## (c) Cost on the corpus", "",
           "- detect_lang CPU per article: mean %.0f us, p50 %.0f us, p95 %.0f us, max %.0f us."
           % (sum(us) / len(us), us[len(us) // 2], us[int(len(us) * 0.95)], us[-1]),
           "- all %d articles: %.1f s of CPU, against a build's %.1f s (%s): +%.1f%%."
           % (len(arts), total_s, cpu, cpu_src, pct(total_s, cpu))]
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(md) + "\n")
    sys.stdout.write("\n".join(md) + "\n")


main()
