#!/usr/bin/env python3
"""feeds.py GZ_FEED FORMATS_DIR: score common/feed.c and date_parse_published()
on ../shared/formats/feeds (see its README), one line per folder:

  <folder> <passed>/<checked> <percent>

A check is one stated expectation we can hold the reader to:
 * feedparser (wellformed/, illformed/, encoding/, entities/): each check
   on a field Gazette reads (feed.title -> the feed's title; an entry's
   title, link, id/guid, author, content/summary/description -> text,
   *_parsed dates -> the day), plus "bozo" (a warning iff the feed is not
   well-formed).  Text is compared by its visible words (\\w+ runs), as the
   expected values are feedparser's sanitised HTML.
 * feed-rs: item_count, each item's title, first link and day, and
   parse_ok (false -> a reported problem).
 * dates.json: the day (the writer's, from the string's own offset) or the
   refusal; strings without a day (a year or month alone) must be refused.
Dates: feedparser's and feed-rs's expectations are UTC; the day expected
is the UTC instant moved back by the offset the raw string itself writes.
With -v, every failed check is printed.
"""
import datetime
import glob
import html.parser
import json
import os
import re
import subprocess
import sys

GZ, DIR = sys.argv[1], sys.argv[2]
VERBOSE = "-v" in sys.argv
WORD = re.compile(r"\w+")

# Zone names feedparser knows (its _rfc822 / asctime / Korean parsers),
# in hours east of UTC.
ZONES = {"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "ETC/GMT": 0,
         "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
         "PST": -8, "PDT": -7, "AT": -4, "ET": -5, "CT": -6, "MT": -7,
         "PT": -8, "MET": 1, "MEST": 2}
KOREAN = ("\ub144", "\uc624\ud6c4", "\uc624\uc804")


def offset_minutes(raw):
    """The offset RAW writes for itself, in minutes east of UTC."""
    if any(k in raw for k in KOREAN):
        return 9 * 60
    s = raw.strip()
    m = re.search(r"([+-])(\d\d):?(\d\d)?(?:\s+\d{4})?$", s)
    if m and re.search(r"\d:\d\d(:\d\d)?(\.\d+)?\s*(GMT|UTC)?\s*[+-]", s) \
            or (m and re.search(r"T\d", s)):
        sign = -1 if m.group(1) == "-" else 1
        return sign * (int(m.group(2)) * 60 + int(m.group(3) or 0))
    m = re.search(r"([A-Za-z]+(?:/[A-Za-z]+)?)$", s)
    if m and m.group(1).upper() in ZONES:
        return ZONES[m.group(1).upper()] * 60
    return 0


def local_day(utc, raw):
    t = datetime.datetime.strptime(utc[:19], "%Y-%m-%dT%H:%M:%S")
    t += datetime.timedelta(minutes=offset_minutes(raw))
    return "%04d-%02d-%02d" % (t.year, t.month, t.day)


def run(*args):
    p = subprocess.run([GZ, *args], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8")


def read_feed(path, charset=None):
    args = ["--charset", charset, path] if charset else [path]
    rc, out = run(*args)
    res = {"items": [], "problems": [], "title": None, "end": None, "rc": rc}
    for line in out.splitlines():
        o = json.loads(line)
        if "problem" in o:
            res["problems"].append(o)
        elif "feed" in o:
            res["title"] = o["feed"]
        elif "end" in o:
            res["end"] = o["end"]
        else:
            res["items"].append(o)
    return res


def words(s):
    return WORD.findall(s or "")


class Visible(html.parser.HTMLParser):
    """The text a reader sees in feedparser's sanitised HTML."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style") and self.hidden > 0

    def handle_data(self, data):
        if not self.hidden:
            self.out.append(data)


def visible_words(s):
    v = Visible()
    v.feed(s or "")
    v.close()
    return words(" ".join(v.out))


def same_url(a, b):
    """Equal, the scheme and host compared without case (RFC 3986 6.2.2.1)."""
    if a is None or b is None:
        return a == b
    split = lambda u: re.match(r"^([^:/]+://[^/]*)(.*)$", u, re.S)
    ma, mb = split(a), split(b)
    if ma and mb:
        return ma.group(1).lower() == mb.group(1).lower() and ma.group(2) == mb.group(2)
    return a == b


class Score:
    def __init__(self):
        self.folders = {}

    def check(self, folder, ok, what):
        p, n = self.folders.get(folder, (0, 0))
        self.folders[folder] = (p + bool(ok), n + 1)
        if not ok and VERBOSE:
            print("  miss %s: %s" % (folder, what))


def charset_of(meta):
    ct = (meta.get("http_headers") or {}).get("Content-type") or ""
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", ct)
    return m.group(1) if m else None


def raw_date_of(xml_text, line):
    """The first date element's text from LINE on (the entry's)."""
    rest = "\n".join(xml_text.splitlines()[max(line - 1, 0):])
    m = re.search(r"<(?:\w+:)?(?:pubDate|published|issued|date|created|updated|modified)[^>]*>([^<]*)<", rest)
    return m.group(1) if m else ""


ENTRY = re.compile(r"^entries\[(\d+)\]\.(.*)$")


def feedparser_check(score, folder, meta, res, xml_text):
    checks = meta.get("checks") or []
    for c in checks:
        path, op, want = c["path"], c["op"], c.get("value")
        if op != "==":
            continue
        if path in ("feed.title", "feed.title_detail.value"):
            score.check(folder, words(res["title"]) in (visible_words(want), words(want)),
                        "%s feed.title %r != %r" % (meta["file_"], res["title"], want))
            continue
        m = ENTRY.match(path)
        if not m:
            continue
        i, field = int(m.group(1)), m.group(2)
        item = res["items"][i] if i < len(res["items"]) else None
        got = None
        if field in ("title", "title_detail.value"):
            got, cmp = item and item["title"], "words"
        elif field in ("link", "links[0].href"):
            got, cmp = item and item["link"], "exact"
        elif field in ("id", "guid"):
            got, cmp = item and item["id"], "exact"
        elif field in ("author", "author_detail.name", "authors[0].name"):
            got, cmp = item and item["author"], "words"
        elif field in ("content[0].value", "summary", "description"):
            # The text is the content, else the summary: a check on the
            # summary of an entry that has content is not ours.
            if field != "content[0].value" and re.search(
                    r"<(content|content:encoded|xhtml:body|body)[\s>]", xml_text):
                continue
            got, cmp = item and item["text"], "words"
        elif field.endswith("_parsed") and c.get("value_utc"):
            raw = raw_date_of(xml_text, item["line"]) if item else ""
            want, cmp = local_day(c["value_utc"], raw), "exact"
            got = item and item["date"]
        else:
            continue
        if cmp == "words":
            # Expected values are HTML, or plain text for type="text".
            ok = item is not None and words(got) in (visible_words(want), words(want))
        elif field.startswith("link"):
            ok = item is not None and same_url(got, want)
        else:
            ok = item is not None and got == want
        score.check(folder, ok, "%s %s: got %r want %r" % (meta["file_"], path, got, want))
    # bozo: not well-formed XML (or, for feedparser, a charset it had to
    # guess or override: a warning here only when the bytes had to be
    # guessed).  A well-formed feed must give no warning.
    structural = folder.endswith(("illformed", "wellformed"))
    if meta.get("bozo") is not None and (structural or not meta["bozo"]):
        warned = bool(res["problems"])
        score.check(folder + " bozo", warned == bool(meta["bozo"]),
                    "%s bozo %s, problems %s" % (meta["file_"], meta["bozo"], res["problems"]))


def feedparser(score):
    root = os.path.join(DIR, "feedparser")
    for js in sorted(glob.glob(os.path.join(root, "**", "*.json"), recursive=True)):
        if js.endswith("dates.json"):
            continue
        meta = json.load(open(js, encoding="utf-8"))
        xml = js[:-5] + ".xml"
        if not os.path.exists(xml):
            continue
        meta["file_"] = os.path.relpath(xml, root)
        folder = "feedparser/" + os.path.relpath(js, root).split(os.sep)[0]
        res = read_feed(xml, charset_of(meta))
        xml_text = open(xml, "rb").read().decode("utf-8", "replace")
        feedparser_check(score, folder, meta, res, xml_text)


def feed_rs(score):
    root = os.path.join(DIR, "feed-rs")
    for js in sorted(glob.glob(os.path.join(root, "*", "*.json"))):
        meta = json.load(open(js, encoding="utf-8"))
        xml = js[:-5] + ".xml"
        name = os.path.relpath(xml, root)
        folder = "feed-rs"
        res = read_feed(xml)
        if not meta.get("parse_ok", True):
            score.check(folder, res["problems"], "%s: no problem reported" % name)
            continue
        score.check(folder, len(res["items"]) == meta["item_count"],
                    "%s item_count %d != %d" % (name, len(res["items"]), meta["item_count"]))
        for want, got in zip(meta["items"], res["items"]):
            if want.get("title"):
                score.check(folder, words(got["title"]) == words(want["title"]),
                            "%s title %r != %r" % (name, got["title"], want["title"]))
            if want.get("links"):
                score.check(folder, same_url(got["link"], want["links"][0]),
                            "%s link %r != %r" % (name, got["link"], want["links"][0]))
            utc = want.get("published") or want.get("updated")
            if utc and want.get("raw_date"):
                day = local_day(utc, want["raw_date"])
                score.check(folder, got["date"] == day,
                            "%s date %r != %r (%s)" % (name, got["date"], day, want["raw_date"]))


def dates(score):
    cases = json.load(open(os.path.join(DIR, "feedparser", "dates.json"), encoding="utf-8"))["cases"]
    for c in cases:
        raw, utc = c["input"], c["expected_utc"]
        # A year or a month alone names no day: refused by rule.
        has_day = utc is not None and not re.fullmatch(r"-\d\d-?\d\d|\d{4}(-\d\d)?", raw.strip())
        want = local_day(utc, raw) if has_day else None
        rc, out = run("--date", raw)
        got = out.strip() if rc == 0 else None
        score.check("dates.json", got == want, "%r: got %r want %r" % (raw, got, want))


def main():
    score = Score()
    dates(score)
    feedparser(score)
    feed_rs(score)
    for folder, (p, n) in sorted(score.folders.items()):
        print("%-28s %4d/%-4d %5.1f%%" % (folder, p, n, 100.0 * p / n))


main()
