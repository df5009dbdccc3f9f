#!/usr/bin/env python3
"""bruteforce.py CORPUS SEARCH INDEX - helper of t150-brute-force-queries.sh.

Loads every article of CORPUS/*/articles.jsonl.gz, tokenizes and stems each
one once with a plain-Python copy of the rules in common/tokenize.h and
common/schema.c (an untitled article's title is its first sentence, as
doc/DECISIONS.md says), then for each query below compares the set of ids
`SEARCH -d INDEX -o ids -n 100000 -- QUERY` prints with the set a
brute-force scan of the articles gives.  Exits 1 if any set differs, if a
brute-force set is empty, or if no set is larger than 10.

Independent of the C code on purpose: Python's unicodedata instead of
utf8proc, the pure-Python Snowball stemmer (snowballstemmer.english_stemmer,
not libstemmer), and each query's meaning written out by hand below rather
than parsed from the query text.
"""
import gzip
import json
import os
import pickle
import re
import subprocess
import sys
import time
import unicodedata

import snowballstemmer.english_stemmer as english

DATASETS = ("reuters21578", "allsides_news", "presidential_speeches")
FIELD_GAP = 100        # schema.h SCHEMA_FIELD_GAP
TOKEN_MAX_BYTES = 64   # tokenize.h
RAW_MAX = 4 * TOKEN_MAX_BYTES

# ---- Tokenizer (common/tokenize.h) -------------------------------------------

SEP, LETTER, DIGIT, MARK, APOS, PERIOD, COMMA, INVIS, RUN = range(9)
WORD_CLASSES = (LETTER, DIGIT, MARK)

# Scripts written without spaces (issue 22), whose runs of letters become
# overlapping bigrams: by the start of a letter's Unicode name, where the
# C code has ranges of code points.
RUN_SCRIPTS = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH",
               "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA", "HANGUL",
               "HALFWIDTH HANGUL", "THAI", "LAO", "KHMER", "MYANMAR",
               "IDEOGRAPHIC ITERATION MARK", "IDEOGRAPHIC CLOSING MARK",
               "VERTICAL KANA REPEAT", "VERTICAL IDEOGRAPHIC ITERATION MARK",
               "MASU MARK", "KANGXI RADICAL", "CJK RADICAL")
# NFKC makes the halfwidth voicing marks (letters to Unicode) combining
# marks, so they go with the letter before them.
HALFWIDTH_VOICING = "\uff9e\uff9f"


def char_class(ch):
    if ch in "'\u2019\u02bc":
        return APOS
    if ch in "\u00ad\u200c\u200d\u2060":
        return INVIS
    if ch == '.':
        return PERIOD
    if ch == ',':
        return COMMA
    cat = unicodedata.category(ch)[0]
    if cat == 'L' and unicodedata.name(ch, '').startswith(RUN_SCRIPTS):
        return RUN
    return {'L': LETTER, 'N': DIGIT, 'M': MARK}.get(cat, SEP)


# Accent folding (tokenize.h): the scripts whose marks are accents, by the
# start of a letter's Unicode name rather than by code point ranges (as the
# C code does), so that a wrong range there shows up as a difference here.
ACCENTED_SCRIPTS = ("LATIN ", "GREEK ", "CYRILLIC ")
ALWAYS_WRITTEN = {"\u0439", "\u045e"}      # Cyrillic й and ў keep their breve


def fold_accents(word):
    """WORD without the accents of its Latin, Greek and Cyrillic letters."""
    clusters = []                  # [base, marks...] as written
    for ch in unicodedata.normalize('NFD', word):
        if clusters and unicodedata.category(ch).startswith('M'):
            clusters[-1].append(ch)
        else:
            clusters.append([ch])
    out = []
    for base, *marks in clusters:
        cat = unicodedata.category(base)
        name = unicodedata.name(base, '')
        if cat.startswith('L') and name.startswith(ACCENTED_SCRIPTS):
            keep = [m for m in marks if unicodedata.category(m) != 'Mn'
                    or unicodedata.normalize('NFC', base + m) in ALWAYS_WRITTEN]
        else:
            keep = marks
        out.append(base + ''.join(keep))
    return unicodedata.normalize('NFC', ''.join(out))


def utf8_len(s):
    return len(s.encode('utf-8', 'surrogatepass'))


class Tokenizer:
    """Words and stems.  A "chunk" is a maximal run of word characters with
    single joiners (apostrophe, period, comma, invisible) between them: no
    word crosses a chunk's edge, so plain chunks (almost all) take a fast
    path and only the others go through a port of tokenize.c's loop."""

    def __init__(self, chars=()):
        self.cls = {}
        self.stemmer = english.EnglishStemmer()
        self.stems = {}
        self.learn(set(chars) | {chr(c) for c in range(128)})

    def learn(self, chars):
        """(Re)build the chunk pattern to know every character of CHARS."""
        for ch in chars:
            self.classify(ch)
        word, join = [], []
        for ch, c in sorted(self.cls.items()):
            if c in WORD_CLASSES or c == RUN:
                word.append(re.escape(ch))
            elif c != SEP:
                join.append(re.escape(ch))
        w = '[' + ''.join(word) + ']+'
        self.chunk_re = re.compile(w + '(?:[' + ''.join(join) + ']' + w + ')*')
        self.known = frozenset(self.cls)

    def classify(self, ch):
        c = self.cls.get(ch)
        if c is None:
            c = self.cls[ch] = char_class(ch)
        return c

    def stem(self, word):
        s = self.stems.get(word)
        if s is None:
            # stem.c: numbers, versions and acronyms are kept as they are.
            if any(c in '0123456789.' for c in word):
                s = word
            else:
                s = self.stemmer.stemWord(word)
            s = self.stems[word] = sys.intern(s)
        return s

    def words(self, text):
        """The normalised words of TEXT in order, one per position; None
        for a word that is skipped (too long) but still takes a position."""
        return (w for w, _ in self.forms(text))

    def forms(self, text):
        """(word, surface) for each word of TEXT: the surface is the word
        before case folding (tokenize.h token.surface); (None, None) for a
        skipped word."""
        if not self.known.issuperset(text):
            self.learn(set(text))
        for m in self.chunk_re.finditer(text):
            chunk = m.group()
            if chunk.isascii() and chunk.isalnum():
                yield (chunk.lower(), chunk) if len(chunk) <= TOKEN_MAX_BYTES else (None, None)
            else:
                yield from self._slow(chunk)

    def _slow(self, s):
        n = len(s)
        cls = [self.classify(ch) for ch in s] + [SEP, SEP]
        i = 0
        while i < n:
            if cls[i] == RUN:
                i = yield from self._run(s, cls, i)
                continue
            if cls[i] not in WORD_CLASSES:
                i += 1
                continue
            raw = []
            last_base = SEP          # class of the last letter or digit
            seg_bases = 0            # letters/digits since start or last kept '.'
            seg_letters = True
            while True:
                u = cls[i]
                raw.append(s[i])
                if u != MARK:
                    last_base = u
                    seg_bases += 1
                    if u != LETTER:
                        seg_letters = False
                i += 1
                u = cls[i]
                if u in WORD_CLASSES:
                    continue
                if u in (SEP, RUN):
                    break
                nxt = cls[i + 1]
                if u == APOS:
                    if i + 1 < n and s[i + 1] in 'sS' and cls[i + 2] not in WORD_CLASSES:
                        i += 2               # possessive 's: dropped
                        break
                    if last_base == LETTER and nxt == LETTER:
                        raw.append("'")      # don't, o'neill
                        i += 1
                        continue
                    break
                if u == PERIOD:
                    if last_base == DIGIT and nxt == DIGIT:
                        keep = True          # 3.5
                    elif seg_bases == 1 and seg_letters and nxt == LETTER:
                        keep = cls[i + 2] not in (LETTER, DIGIT)   # u.s
                    else:
                        keep = False
                    if not keep:
                        break
                    raw.append('.')
                    seg_bases, seg_letters = 0, True
                    i += 1
                    continue
                if u == COMMA:
                    if last_base == DIGIT and nxt == DIGIT:
                        i += 1               # 1,000 -> 1000
                        continue
                    break
                if nxt in WORD_CLASSES:      # invisible inside a word: dropped
                    i += 1
                    continue
                break
            yield self._forms(''.join(raw))

    @staticmethod
    def _forms(w):
        """(word, surface) of the characters W of one word."""
        surface = w
        if w.isascii():
            w = w.lower()
        else:
            if utf8_len(w) > RAW_MAX:
                return None, None
            surface = unicodedata.normalize('NFKC', surface)
            w = unicodedata.normalize('NFKC', unicodedata.normalize('NFKC', w).casefold())
            w = fold_accents(w)
        return (w, surface) if utf8_len(w) <= TOKEN_MAX_BYTES else (None, None)

    def _run(self, s, cls, i):
        """Yield the bigrams of the run of RUN letters at I (its letter
        alone if it has one), each letter with the marks after it; return
        where the run ends."""
        chars = []
        while True:
            j = i + 1
            while (cls[j] == MARK and s[j] != '\u0345') or \
                    (j < len(s) and s[j] in HALFWIDTH_VOICING):
                j += 1
            chars.append(s[i:j])
            i = j
            if cls[i] == INVIS and cls[i + 1] == RUN:
                i += 1
            if cls[i] != RUN:
                break
        if len(chars) == 1:
            yield self._forms(chars[0])
        for a, b in zip(chars, chars[1:]):
            yield self._forms(a + b)
        return i

    def stems_of(self, text):
        st = self.stem
        return [None if w is None else st(w) for w in self.words(text)]


def self_test(tk):
    """The examples of tokenize.h, so a wrong port shows up as itself."""
    cases = {
        "U.S. policy.": ["u.s", "policy"], "e.g. this": ["e.g", "this"],
        "Beijing\u2019s states' 1980's it's": ["beijing", "states", "1980", "it"],
        "don't O\u2019Neill": ["don't", "o'neill"], "3.5 1,000": ["3.5", "1000"],
        "Allen-Ebrahimian": ["allen", "ebrahimian"], "U.S.-China": ["u.s", "china"],
        "co\u00adoperate": ["cooperate"], "a.Bc": ["a", "bc"], "U.S.A.": ["u.s.a"],
        "Caf\u00c9 \ufb01scal": ["cafe", "fiscal"], "x" * 65 + " y": [None, "y"],
        "\u0130stanbul \u0131spanak Stra\u00dfe \u00d8rsted \u0141\u00f3d\u017a":
            ["istanbul", "\u0131spanak", "strasse", "\u00f8rsted", "\u0142odz"],
        "\u0391\u03b8\u03ae\u03bd\u03b1 \u0451\u043b\u043a\u0430 \u043c\u043e\u0439":
            ["\u03b1\u03b8\u03b7\u03bd\u03b1", "\u0435\u043b\u043a\u0430",
             "\u043c\u043e\u0439"],
        "\u0939\u093f\u0928\u094d\u0926\u0940 \u304c\u3063\u3053\u3046 \ud55c\uad6d\uc5b4":
            ["\u0939\u093f\u0928\u094d\u0926\u0940", "\u304c\u3063",
             "\u3063\u3053", "\u3053\u3046", "\ud55c\uad6d", "\uad6d\uc5b4"],
        "abc\u4e2d\u6587def 2024\u5e74 \u4e2d": ["abc", "\u4e2d\u6587", "def", "2024",
                                                "\u5e74", "\u4e2d"],
    }
    for text, want in cases.items():
        got = list(tk.words(text))
        assert got == want, f"tokenizer self-test: {text!r} gave {got}, want {want}"
    assert tk.stem("rates") == "rate" and tk.stem("u.s") == "u.s" and tk.stem("1980s") == "1980s"

# ---- Articles ------------------------------------------------------------------

BLANK = b" \t\r\n\v\f"
ABBREVIATIONS = {w.encode() for w in (
    "Mr Mrs Ms Dr St Sen Rep Gov Gen Col Lt Sgt Capt Cmdr Adm Prof Rev Hon Jr Sr "
    "Mt Ft Inc Corp Co Ltd No vs Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()}
TITLE_MAX_BYTES = 240   # corpus.h CORPUS_TITLE_MAX_BYTES


def first_sentence(body):
    """The title of an untitled article (doc/DECISIONS.md "Title"; corpus.c
    first_sentence()): the first sentence of the first paragraph, at most
    240 bytes, where the period of "U.S." or "Mr." ends no sentence."""
    def alpha(c):
        return 97 <= (c | 0x20) <= 122

    def abbreviation(b, i):
        w = i
        while w > 0 and (alpha(b[w - 1]) or b[w - 1] >= 0x80):
            w -= 1
        return w < i and ((i - w == 1 and alpha(b[w])) or b[w:i] in ABBREVIATIONS)

    b = body.encode("utf-8").lstrip(BLANK)
    nl = b.find(b"\n")
    para = nl if nl >= 0 else len(b)
    end = para
    for i in range(para):
        c = b[i]
        if c not in b".?!":
            continue
        j = i + 1
        while j < para and b[j] in b"\"')":
            j += 1
        while j + 3 <= para and b[j:j + 2] == b"\xe2\x80" and b[j + 2] in (0x99, 0x9D):
            j += 3
        if j < para and b[j] not in b" \t":
            continue
        if c == ord(".") and abbreviation(b, i):
            continue
        end = j
        break
    b = b[:end].rstrip(BLANK)
    if len(b) <= TITLE_MAX_BYTES:
        return b.decode("utf-8")
    n = TITLE_MAX_BYTES - 3
    i = n
    while i > 0 and b[i] not in b" \t":
        i -= 1
    if i > 0:
        n = i
    else:
        while n > 0 and (b[n] & 0xC0) == 0x80:
            n -= 1
    while n > 0 and b[n - 1] in BLANK + b",;:":
        n -= 1
    return b[:n].decode("utf-8") + "\u2026"



class Doc:
    __slots__ = ("a", "title", "body", "body_start", "all", "titles", "forms")

    def __init__(self, a, tk):
        self.a = a
        if not a["title"]:
            a["title"] = first_sentence(a["body"])
        self.title = tk.stems_of(a["title"])        # positions 1..
        # schema.c: the body starts SCHEMA_FIELD_GAP after the position that
        # follows the last title word.
        self.body_start = len(self.title) + 1 + FIELD_GAP
        self.body = tk.stems_of(a["body"])
        self.titles = frozenset(self.title)
        self.all = self.titles.union(self.body)
        # (word, surface) by position, title then body: for wildcards and
        # exact words (the unstemmed W, T and E terms of schema.c).
        self.forms = {}
        for start, text in ((1, a["title"]), (self.body_start, a["body"])):
            for i, f in enumerate(tk.forms(text)):
                if f[0] is not None:
                    self.forms[start + i] = f

    def positions(self, stem, title_only=False):
        p = [i + 1 for i, s in enumerate(self.title) if s == stem]
        if not title_only:
            b = self.body_start
            p += [b + i for i, s in enumerate(self.body) if s == stem]
        return p

# ---- What each query means ----------------------------------------------------


class Words:
    """A word, or a phrase of words (quoted, or a run such as U.S.-China),
    anywhere in the article or, with title=True, in its title."""

    def __init__(self, text, title=False):
        self.text, self.title = text, title

    def bind(self, tk):
        self.stems = [s for s in tk.stems_of(self.text) if s is not None]
        assert self.stems, self.text

    def words(self):
        return [self]

    def match(self, d):
        have = d.titles if self.title else d.all
        if any(s not in have for s in self.stems):
            return False
        if len(self.stems) == 1:
            return True
        first, *rest = [set(d.positions(s, self.title)) for s in self.stems]
        return any(all(p + k + 1 in ps for k, ps in enumerate(rest)) for p in first)

    def __repr__(self):
        return ("title:" if self.title else "") + "/".join(self.stems)


class Slop:
    """The words of a phrase in order, with at most N other positions among
    them ("a b"~N)."""

    def __init__(self, text, n, title=False):
        self.w, self.n = Words(text, title), n

    def bind(self, tk):
        self.w.bind(tk)

    def words(self):
        return [self.w]

    def match(self, d):
        stems, title = self.w.stems, self.w.title
        if any(s not in (d.titles if title else d.all) for s in stems):
            return False
        span = self.n + len(stems)
        pos = [sorted(d.positions(s, title)) for s in stems]

        def fits(i, prev, first):
            if i == len(pos):
                return True
            return any(fits(i + 1, p, first) for p in pos[i]
                       if prev < p < first + span)
        return any(fits(1, p, p) for p in pos[0])


class Near:
    """Two words whose positions differ by at most N, in either order."""

    def __init__(self, a, b, n):
        self.a, self.b, self.n = Words(a), Words(b), n

    def bind(self, tk):
        self.a.bind(tk)
        self.b.bind(tk)

    def words(self):
        return [self.a, self.b]

    def match(self, d):
        if not (self.a.match(d) and self.b.match(d)):
            return False
        pb = d.positions(self.b.stems[0])
        return any(abs(x - y) <= self.n for x in d.positions(self.a.stems[0]) for y in pb)


class Prefix:
    """word*: a word (title=True: a title word) that starts with PREFIX,
    written folded; never a stem."""

    def __init__(self, prefix, title=False):
        self.prefix, self.title = prefix, title

    def bind(self, tk):
        pass

    def words(self):
        return []

    def match(self, d):
        last = len(d.title) if self.title else None
        return any(w.startswith(self.prefix) for p, (w, _) in d.forms.items()
                   if last is None or p <= last)


class Exact:
    """exact:"a b": the words side by side, each given by hand as ("E",
    surface) where the query word has capitals or accents (that surface
    only) or ("W", word) where it has none (that word, unstemmed, in any
    case)."""

    def __init__(self, *words):
        self.want = words

    def bind(self, tk):
        # Each word's stem is in the article whenever the word is.
        self.stems = [tk.stem(w.lower()) for _, w in self.want]

    def words(self):
        return []

    def fits(self, d, p, k):
        f = d.forms.get(p)
        kind, v = self.want[k]
        return f is not None and f[0 if kind == "W" else 1] == v

    def match(self, d):
        if any(s not in d.all for s in self.stems):
            return False
        return any(all(self.fits(d, p + k, k) for k in range(len(self.want)))
                   for p in d.forms if self.fits(d, p, 0))


class And:
    def __init__(self, *kids):
        self.kids = kids

    def bind(self, tk):
        for k in self.kids:
            k.bind(tk)

    def words(self):
        return [w for k in self.kids for w in k.words()]

    def match(self, d):
        return all(k.match(d) for k in self.kids)


class Or(And):
    def match(self, d):
        return any(k.match(d) for k in self.kids)


class Not(And):
    def match(self, d):
        return not self.kids[0].match(d)


class Source:
    """source:VALUE: the value's words (case-folded, not stemmed) are one
    word of the source name or the whole name."""

    def __init__(self, value):
        self.value = value
        self.cache = {}

    def bind(self, tk):
        self.tk = tk
        self.name = " ".join(w for w in tk.words(self.value) if w)

    def words(self):
        return []

    def match(self, d):
        src = d.a["source"]
        r = self.cache.get(src)
        if r is None:
            ws = [w for w in self.tk.words(src) if w]
            r = self.cache[src] = self.name in ws or self.name == " ".join(ws)
        return r


class Id(Source):
    def bind(self, tk):
        pass

    def match(self, d):
        return d.a["id"] == self.value


class Date(Source):
    """Dated within [lo, hi], both 'YYYY-MM-DD' and inclusive, None = open."""

    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi

    def bind(self, tk):
        pass

    def match(self, d):
        x = d.a["date"]
        return bool(x) and (self.lo is None or x >= self.lo) and (self.hi is None or x <= self.hi)


W = Words
QUERIES = [
    # phrases
    (['"trade deficit"'], W("trade deficit")),
    (['"interest rates"'], W("interest rates")),
    (['"white house"'], W("white house")),
    (['"fiscal policy"'], W("fiscal policy")),
    (['"health care"'], W("health care")),
    (['"federal reserve board"'], W("federal reserve board")),
    (['U.S.-China'], W("u.s china")),
    (['"1,000 tonnes"'], W("1000 tonnes")),
    (['"3.5 pct"'], W("3.5 pct")),
    # the word rules of tokenize.h at work
    (['"Beijing\u2019s"'], W("beijing")),
    (['O\u2019Neill'], W("o'neill")),
    (["1980's"], W("1980")),
    (['state-of-the-art'], W("state of the art")),
    (['na\u00efve'], W("na\u00efve")),
    # accents folded (tokenize.h): each way round, in phrases, fields, NEAR
    (['caf\u00e9'], W("cafe")),
    (['cafe'], W("caf\u00e9")),
    (['r\u00e9sum\u00e9'], W("resume")),
    (['naive'], W("na\u00efve")),
    (['Erdogan'], W("erdo\u011fan")),
    (['\u0130stanbul'], W("istanbul")),
    (['"Pe\u00f1a Nieto"'], W("pena nieto")),
    (['"sao paulo"'], W("s\u00e3o paulo")),
    (['"d\u00e9j\u00e0 vu"'], W("deja vu")),
    (['"Pe\u00f1a Nieto" title:mexico'], And(W("pena nieto"), W("m\u00e9xico", title=True))),
    (['Orban NEAR/5 hungary'], Near("orb\u00e1n", "hungary", 5)),
    (['GONZ\u00c1LEZ OR munoz'], Or(W("gonzalez"), W("mu\u00f1oz"))),
    (['prot\u00e9g\u00e9 -mentor'], And(W("protege"), Not(W("mentor")))),
    (['L\u00f3pez Obrador'], And(W("lopez"), W("obrador"))),
    # NOT, minus
    (['wheat -export'], And(W("wheat"), Not(W("export")))),
    (['tariff NOT japan'], And(W("tariff"), Not(W("japan")))),
    # OR
    (['coffee OR cocoa'], Or(W("coffee"), W("cocoa"))),
    (['(soybean OR soybeans) tariff'], And(Or(W("soybean"), W("soybeans")), W("tariff"))),
    # fields
    (['title:oil'], W("oil", title=True)),
    (['title:"interest rates"'], W("interest rates", title=True)),
    (['source:reuters wheat'], And(Source("Reuters"), W("wheat"))),
    (['source:"CNN (Web News)" immigration'], And(Source("CNN (Web News)"), W("immigration"))),
    (['source:"fox news" immigration'], And(Source("Fox News"), W("immigration"))),
    (['source:"Miller Center (President Abraham Lincoln)" slavery'],
     And(Source("Miller Center (President Abraham Lincoln)"), W("slavery"))),
    (['source:times tax'], And(Source("times"), W("tax"))),
    (['id:reut-00001'], Id("reut-00001")),
    # dates
    (['oil date:1987-03'], And(W("oil"), Date("1987-03-01", "1987-03-31"))),
    (['wheat date:1987-03-01..1987-03-31'], And(W("wheat"), Date("1987-03-01", "1987-03-31"))),
    (['election date:2016'], And(W("election"), Date("2016-01-01", "2016-12-31"))),
    (['date:..1800 war'], And(W("war"), Date(None, "1800-12-31"))),
    (['tax date:2019..'], And(W("tax"), Date("2019-01-01", None))),
    (['--since', '2016-11', '--until', '2017-01', '--', 'election'],
     And(W("election"), Date("2016-11-01", "2017-01-31"))),
    (['--on', '1987-04-01', '--', 'oil'], And(W("oil"), Date("1987-04-01", "1987-04-01"))),
    # plain dates (issue 18), counted from a fixed --now; weeks run Monday
    # to Sunday.  1987-03-10 is a Tuesday, 2016-11-13 a Sunday, 2017-01-02
    # a Monday.
    (['--now', '1987-03-10', '--on', 'last week', '--', 'oil'],
     And(W("oil"), Date("1987-03-02", "1987-03-08"))),
    (['--now', '1987-04-01', '--since', 'last month', '--', 'wheat'],
     And(W("wheat"), Date("1987-03-01", None))),
    (['--now', '1987-04-15', '--', 'oil date:last_month..yesterday'],
     And(W("oil"), Date("1987-03-01", "1987-04-14"))),
    (['--now', '2017-01-20', '--on', 'this month', '--', 'election'],
     And(W("election"), Date("2017-01-01", "2017-01-31"))),
    (['--now', '2017-01-01', '--', 'election date:"last year"'],
     And(W("election"), Date("2016-01-01", "2016-12-31"))),
    (['--now', '2016-11-09', '--', 'election date:yesterday'],
     And(W("election"), Date("2016-11-08", "2016-11-08"))),
    (['--now', '2016-11-09', '--since', '2 weeks ago', '--', 'trump'],
     And(W("trump"), Date("2016-10-26", None))),
    (['--now', '1987-03-31', '--until', '1 month ago', '--', 'coffee'],
     And(W("coffee"), Date(None, "1987-02-28"))),   # March 31 - 1 month
    (['--now', '2016-11-13', '--', 'election date:"this week"'],
     And(W("election"), Date("2016-11-07", "2016-11-13"))),
    (['--now', '2017-01-02', '--', 'date:"last week".. trump'],
     And(W("trump"), Date("2016-12-26", None))),
    (['--now', '1987-03-05', '--', 'oil date:"3 days ago"'],   # until --now
     And(W("oil"), Date("1987-03-02", "1987-03-05"))),
    (['election date:2016-W45'], And(W("election"), Date("2016-11-07", "2016-11-13"))),
    # NEAR
    (['tariff NEAR/3 japan'], Near("tariff", "japan", 3)),
    (['tariff NEAR/1 japan'], Near("tariff", "japan", 1)),
    (['oil NEAR opec'], Near("oil", "opec", 10)),
    # phrase slop
    (['"border wall"~3'], Slop("border wall", 3)),
    (['"interest rates"~2'], Slop("interest rates", 2)),
    (['"trade deficit"~0'], Slop("trade deficit", 0)),
    (['"oil prices"~5 opec'], And(Slop("oil prices", 5), W("opec"))),
    (['"federal reserve board"~4'], Slop("federal reserve board", 4)),
    (['title:"trade war"~3'], Slop("trade war", 3, title=True)),
    # boosts (issue 18): ^N scales a part's weight, so the set is that of
    # the query without it; a third element, when there is one, is what
    # every hit ranked first must match (all hits matching it come before
    # all the others): a boost of 1000 outweighs any unboosted word
    (['trump^2 tariffs'], And(W("trump"), W("tariffs"))),
    (['"interest rates"^1.5 fed'], And(W("interest rates"), W("fed"))),
    (['title:oil^3 opec'], And(W("oil", title=True), W("opec"))),
    (['(coffee OR cocoa)^2 brazil'], And(Or(W("coffee"), W("cocoa")), W("brazil"))),
    (['"border wall"~3^2'], Slop("border wall", 3)),
    (['wheat^1000 OR corn'], Or(W("wheat"), W("corn")), W("wheat")),
    (['tariff OR "trade deficit"^1000'], Or(W("tariff"), W("trade deficit")),
     W("trade deficit")),
    (['coffee OR title:(brazil OR colombia)^1000'],
     Or(W("coffee"), W("brazil", title=True), W("colombia", title=True)),
     Or(W("brazil", title=True), W("colombia", title=True))),
    # grouping in a field (issue 18): each word or phrase inside takes it
    (['title:(tariff OR trade)'], Or(W("tariff", title=True), W("trade", title=True))),
    (['title:(oil OR gas) opec'],
     And(Or(W("oil", title=True), W("gas", title=True)), W("opec"))),
    (['title:(trade -war) china'],
     And(W("trade", title=True), Not(W("war", title=True)), W("china"))),
    (['title:("interest rates" OR inflation)'],
     Or(W("interest rates", title=True), W("inflation", title=True))),
    (['opec -title:(oil OR crude)'],
     And(W("opec"), Not(Or(W("oil", title=True), W("crude", title=True))))),
    (['source:("Fox News" OR Reuters) immigration'],
     And(Or(Source("Fox News"), Source("Reuters")), W("immigration"))),
    (['immigration source:(reuters OR "CNN (Web News)")'],
     And(W("immigration"), Or(Source("Reuters"), Source("CNN (Web News)")))),
    (['id:(reut-00001 OR reut-00002)'], Or(Id("reut-00001"), Id("reut-00002"))),
    (['oil date:(1987-03 OR 1987-05-01..1987-05-10)'],
     And(W("oil"), Or(Date("1987-03-01", "1987-03-31"), Date("1987-05-01", "1987-05-10")))),
    # prefix wildcards: folded words, not stems; the title's for title:
    (['immigra*'], Prefix("immigra")),
    (['Tariff*'], Prefix("tariff")),
    (['title:immigra*'], Prefix("immigra", title=True)),
    (['presid* -president'], And(Prefix("presid"), Not(W("president")))),
    (['opec*', 'oil'], And(Prefix("opec"), W("oil"))),
    (['198* date:2016'], And(Prefix("198"), Date("2016-01-01", "2016-12-31"))),
    (['title:tariff* OR title:sanction*'],
     Or(Prefix("tariff", title=True), Prefix("sanction", title=True))),
    (['wheat -export*'], And(W("wheat"), Not(Prefix("export")))),
    # exact words: a word with capitals is that surface, one without is
    # the unstemmed word in any case
    (['exact:"New Deal"'], Exact(("E", "New"), ("E", "Deal"))),
    (['exact:"new deal"'], Exact(("W", "new"), ("W", "deal"))),
    (['exact:US'], Exact(("E", "US"))),
    (['exact:us', 'tariff'], And(Exact(("W", "us")), W("tariff"))),
    (['exact:president', '-exact:presidents'],
     And(Exact(("W", "president")), Not(Exact(("W", "presidents"))))),
    (['exact:presided'], Exact(("W", "presided"))),
    (['exact:"white house" -exact:"White House"'],
     And(Exact(("W", "white"), ("W", "house")), Not(Exact(("E", "White"), ("E", "House"))))),
    (['exact:"Federal Reserve" exact:Fed'],
     And(Exact(("E", "Federal"), ("E", "Reserve")), Exact(("E", "Fed")))),
    (['exact:"U.S." immigra*'], And(Exact(("E", "U.S")), Prefix("immigra"))),
    (['title:opec* exact:OPEC'], And(Prefix("opec", title=True), Exact(("E", "OPEC")))),
    # combinations
    (['"interest rates" -fed date:1987'],
     And(W("interest rates"), Not(W("fed")), Date("1987-01-01", "1987-12-31"))),
    (['(title:tariff OR title:tariffs) (japan OR china) -"trade deficit"'],
     And(Or(W("tariff", title=True), W("tariffs", title=True)),
         Or(W("japan"), W("china")), Not(W("trade deficit")))),
]

# ---- Running --------------------------------------------------------------------


def context(d, spec):
    """A few words of text around the query's words in article D."""
    out = []
    for w in spec.words():
        stem = w.stems[0]
        pos = d.positions(stem, w.title)
        seq = "title" if pos and pos[0] <= len(d.title) else "body"
        toks = d.title if seq == "title" else d.body
        if pos:
            i = pos[0] - 1 if seq == "title" else pos[0] - d.body_start
            near = " ".join(s or "_" for s in toks[max(0, i - 4):i + 6])
            out.append(f"{w!r} at {pos[:6]}: stems '{near}'")
        else:
            out.append(f"{w!r}: not among the article's stems")
        m = re.search(r"\b" + re.escape(stem[:4]), d.a["title"] + "\n" + d.a["body"], re.I)
        if m:
            t = (d.a["title"] + "\n" + d.a["body"])[max(0, m.start() - 60):m.end() + 60]
            out.append("text: " + " ".join(t.split()))
    return out


def ranks_first(spec, tk, hits):
    """True when the HITS (Docs in rank order) matching SPEC all come before
    those that do not, and there are some of both."""
    spec.bind(tk)
    flags = [d is not None and spec.match(d) for d in hits]
    n = sum(flags)
    if 0 < n < len(flags) and all(flags[:n]):
        return True
    late = [i for i, f in enumerate(flags) if f and i >= n]
    print(f"  {n} of {len(flags)} hits match what the boost should rank "
          f"first; ranks of those ranked later: {late[:5]}")
    return False


def load_corpus(corpus):
    """(Tokenizer, [Doc]) for every article of CORPUS's JSON Lines.

    Tokenizing takes half a minute; with $GAZETTE_TEST_CACHE set (tests/
    run.sh sets it) the Docs are kept in a pickle there, reused while the
    JSON Lines and this file are unchanged (their sizes and mtimes)."""
    paths = [f"{corpus}/{ds}/articles.jsonl.gz" for ds in DATASETS]
    key = repr([(p, os.stat(p).st_size, os.stat(p).st_mtime_ns)
                for p in paths + [os.path.abspath(__file__)]])
    cache_dir = os.environ.get("GAZETTE_TEST_CACHE")
    cache = os.path.join(cache_dir, "bruteforce-docs.pickle") if cache_dir else None
    if cache and os.path.exists(cache):
        try:
            with open(cache, "rb") as f:
                got_key, chars, docs = pickle.load(f)
            if got_key == key:
                return Tokenizer(chars), docs
        except Exception:   # any unreadable cache is rebuilt
            pass
    arts = []
    for p in paths:
        with gzip.open(p, "rt", encoding="utf-8") as f:
            arts += [json.loads(line) for line in f]
    chars = set()
    for a in arts:
        chars.update(a["title"])
        chars.update(a["body"])
        chars.update(a["source"])
    tk = Tokenizer(chars)
    docs = [Doc(a, tk) for a in arts]
    if cache:
        os.makedirs(cache_dir, exist_ok=True)
        tmp = f"{cache}.{os.getpid()}"
        with open(tmp, "wb") as f:
            pickle.dump((key, chars, docs), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    return tk, docs


def main():
    corpus, search, index = sys.argv[1:4]
    t0 = time.time()
    tk, docs = load_corpus(corpus)
    self_test(tk)
    by_id = {d.a["id"]: d for d in docs}
    print(f"{len(docs)} articles, {sum(len(d.title) + len(d.body) for d in docs)} words, "
          f"{len(tk.stems)} distinct, tokenized in {time.time() - t0:.0f} s", flush=True)
    assert len(docs) == 28789 and len(by_id) == len(docs)

    bad = 0
    biggest = 0
    for args, spec, *first in QUERIES:
        spec.bind(tk)
        want = {d.a["id"] for d in docs if spec.match(d)}
        argv = args if '--' in args else ['--'] + args
        r = subprocess.run([search, "-d", index, "-o", "ids", "-n", "100000",
                            "--no-collapse"] + argv,
                           capture_output=True, text=True)
        ranked = r.stdout.split()
        got = set(ranked)
        label = " ".join(args)
        print(f"{label:62} brute {len(want):5}  gazette {len(got):5}", flush=True)
        if first and not ranks_first(first[0], tk, [by_id.get(i) for i in ranked]):
            bad += 1
        biggest = max(biggest, len(want), len(got))
        if r.returncode not in (0, 1) or r.returncode != (0 if got else 1):
            print(f"  exit {r.returncode}: {r.stderr.strip()}")
            bad += 1
        if not want:
            print("  the brute-force set is empty: this query proves nothing")
            bad += 1
        if want != got:
            bad += 1
            for name, ids in (("only brute force finds", want - got),
                              ("only gazette finds", got - want)):
                if ids:
                    print(f"  {name} {len(ids)}:")
                for i in sorted(ids)[:5]:
                    d = by_id.get(i)
                    if d is None:
                        print(f"    {i}: no such article in the corpus")
                        continue
                    print(f"    {i} ({d.a['date']}, {d.a['source']}): {d.a['title'][:70]!r}")
                    for line in context(d, spec):
                        print(f"      {line}")
    if biggest <= 10:
        print("no set has more than 10 ids: -n is not exercised")
        bad += 1
    print(f"{len(QUERIES)} queries, {bad} problems, {time.time() - t0:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    # Through the module, so that pickled Docs name bruteforce.Doc (which
    # analyst.py can load), not __main__.Doc.
    import bruteforce
    sys.exit(bruteforce.main())
