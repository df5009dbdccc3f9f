#!/usr/bin/env python3
"""scripts.py BASE_BIN NEW_BIN [OUT.md] - issue 22's scripts without spaces,
measured: the pages of ../shared/formats/html whose expected text is mostly
Chinese or Japanese, indexed with two builds of Gazette (BASE_BIN and
NEW_BIN hold gazette-index and gazette-search; NEW: runs as overlapping
bigrams, BASE: a run as one word), each page in an index of its own.

For each page: the index's size (du of the index after xapian-compact), and how many of its words are
found by a search of the page's index:
  - picked: two-character words read off the expected text by hand (政府 in
    "...送上太空的政府机构..."), each inside a longer run;
  - sampled: up to 40 distinct two-character pieces of runs of 3 or more
    Han/Kana letters of the expected text, every 7th one (not all words:
    it measures how much of a sentence a query can reach).
Prints a Markdown table (and writes it to OUT.md).  Not part of make test.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HTML = os.path.join(os.path.dirname(__file__), "../../../shared/formats/html")
PAGES = {   # page -> two-character words inside its sentences, by hand
    "readability/gmw": ["政府", "太空", "地球", "火星", "酒精"],
    "readability/youth": ["悉尼", "政治", "考题", "国家", "留学"],
    "readability/pixnet": ["寒流", "道路", "招牌", "原木", "色彩"],
    "readability/qq": ["收购", "公司", "记忆", "知识", "人类"],
    "readability/yahoo-4": ["暗号", "保護", "発表", "販売", "東京"],
    "readability/hukumusume": ["童話", "日本", "英語", "音声", "朗読"],
    "scrapinghub-aeb/f105de6e63ca91ea482f60193f6252092557f969f2fd128ff68c0d4d6b90dd7d":
        ["書籍", "一般", "端末", "作業", "用途"],
    "scrapinghub-aeb/85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3":
        ["不正", "改造", "販売", "男性", "逮捕"],
}
RUN = re.compile("[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]{3,}")


def run(*cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=False, text=True)


def sample(text):
    pieces = []
    for m in RUN.finditer(text):
        r = m.group()
        pieces += [r[i:i + 2] for i in range(len(r) - 1)]
    seen = list(dict.fromkeys(pieces))
    return seen[::7][:40]


def measure(bindir, page_file, lists, tmp):
    """Index PAGE_FILE with the build in BINDIR: (index bytes, and for
    each list of LISTS the number of its words found)."""
    src = os.path.join(tmp, "src")
    os.makedirs(src, exist_ok=True)
    for f in os.listdir(src):
        os.unlink(os.path.join(src, f))
    # A copy: gazette-index does not follow a link to a file (t520).
    shutil.copy(page_file, src)
    idx = os.path.join(tmp, "idx")
    subprocess.run(["rm", "-rf", idx, idx + ".c"], check=True)
    r = run(os.path.join(bindir, "gazette-index"), "-q", "-d", idx, src)
    if r.returncode != 0:
        sys.exit(f"{bindir}: indexing {page_file} failed: {r.stderr}")
    gen = max((os.path.join(idx, d) for d in os.listdir(idx)
               if os.path.isdir(os.path.join(idx, d))), key=os.path.getmtime,
              default=idx)
    db = gen if os.path.exists(os.path.join(gen, "iamglass")) else idx
    run("xapian-compact", db, idx + ".c")
    size = int(run("du", "-sb", idx + ".c").stdout.split()[0])
    found = []
    for words in lists:
        found.append(0)
        for w in words:
            r = run(os.path.join(bindir, "gazette-search"), "-d", idx, "-o", "ids", "--", w)
            found[-1] += r.returncode == 0 and r.stdout.strip() != ""
    return (size, *found)


def main():
    base, new = sys.argv[1:3]
    rows = ["| page | CJK letters | index bytes (base / bigrams) "
            "| picked words found (base / bigrams) | sampled pairs found (base / bigrams) |",
            "|---|---|---|---|---|"]
    tot = [0] * 8
    with tempfile.TemporaryDirectory() as tmp:
        for page, picked in PAGES.items():
            meta = json.load(open(os.path.join(HTML, page + ".json")))
            text = meta["text"]
            for w in picked:
                assert w in text, (page, w)
            pf = os.path.join(HTML, os.path.dirname(page), meta["file"])
            sampled = sample(text)
            b = measure(base, pf, (picked, sampled), tmp)
            n = measure(new, pf, (picked, sampled), tmp)
            letters = len(re.findall("[\u3040-\u30ff\u4e00-\u9fff]", text))
            name = page.split("/")[-1][:16]
            rows.append(f"| {name} | {letters} | {b[0]:,} / {n[0]:,} "
                        f"| {b[1]} / {n[1]} of {len(picked)} | {b[2]} / {n[2]} of {len(sampled)} |")
            for k, v in enumerate((letters, b[0], n[0], b[1], n[1], len(picked), b[2], n[2])):
                tot[k] += v
            tot.append(len(sampled))
    t = tot
    rows.append(f"| all {len(PAGES)} | {t[0]} | {t[1]:,} / {t[2]:,} "
                f"| {t[3]} / {t[4]} of {t[5]} | {t[6]} / {t[7]} of {sum(t[8:])} |")
    out = "\n".join(rows) + "\n"
    print(out, end="")
    if len(sys.argv) > 3:
        open(sys.argv[3], "w").write(out)


if __name__ == "__main__":
    main()
