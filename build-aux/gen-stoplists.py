#!/usr/bin/python3
"""gen-stoplists.py - write common/stoplists.{h,c}, the stop lists of
--any queries, one per language (issue 22).

Sources: Snowball's stop lists as Debian's postgresql-15 ships them
(/usr/share/postgresql/15/tsearch_data/LANGUAGE.stop; PostgreSQL takes
them from the Snowball project, src/backend/snowball/README), except
English, which stays the list Gazette has always used
(build-aux/stoplist-english.txt), so that English queries do not move.

Every word is folded as a query folds it: by the tokenizer, in the list's
language (tokenize_in(), through the gz-fold helper), so a change of
folding is picked up by running this again; tests/unit/test_stopwords.c
fails until then.  A word that folds to more than one word is an error.
A word the tokenizer cuts a possessive from (English "let's" is "let",
"he's" "he") is left out: no query holds it, and listing what it folds to
would make a word the list does not name ("let") a stop word.

The output is committed: building needs neither postgresql nor Python.

    make stoplists          # builds gz-fold, runs this, writes the files

or by hand: build-aux/gen-stoplists.py --fold build/tests/gz-fold
"""
import argparse
import os
import subprocess
import sys

PG_DIR = "/usr/share/postgresql/15/tsearch_data"
PG_PACKAGE = "postgresql-15"
HERE = os.path.dirname(os.path.abspath(__file__))
ENGLISH = os.path.join(HERE, "stoplist-english.txt")

# postgresql's file name (the libstemmer name) -> lang.h code.
PG_LISTS = {
    "danish": "da", "dutch": "nl", "finnish": "fi", "french": "fr",
    "german": "de", "hungarian": "hu", "italian": "it", "nepali": "ne",
    "norwegian": "no", "portuguese": "pt", "russian": "ru",
    "spanish": "es", "swedish": "sv", "turkish": "tr",
}

LICENCE = """\
 * Snowball's licence (3-clause BSD), which covers every list:
 *
 *   Copyright (c) 2001, Dr Martin Porter
 *   Copyright (c) 2002, Richard Boulton
 *   All rights reserved.
 *
 *   Redistribution and use in source and binary forms, with or without
 *   modification, are permitted provided that the following conditions
 *   are met:
 *   1. Redistributions of source code must retain the above copyright
 *      notice, this list of conditions and the following disclaimer.
 *   2. Redistributions in binary form must reproduce the above copyright
 *      notice, this list of conditions and the following disclaimer in the
 *      documentation and/or other materials provided with the distribution.
 *   3. Neither the name of the copyright holders nor the names of its
 *      contributors may be used to endorse or promote products derived
 *      from this software without specific prior written permission.
 *
 *   THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS
 *   "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT
 *   LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR
 *   A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT
 *   OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL
 *   SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT
 *   LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE
 *   DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY
 *   THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
 *   (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 *   OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""


def read_list(path):
    """The words of a stop list file: one a line, '|' starts a comment."""
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            word = line.split("|", 1)[0].strip()
            if word:
                words.append(word)
    return words


def fold(helper, pairs):
    """Each (code, word) of PAIRS as the tokenizer folds it in CODE."""
    text = "".join("%s\t%s\n" % (code, word) for code, word in pairs)
    out = subprocess.run([helper], input=text.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout
    lines = out.decode("utf-8").split("\n")[:-1]
    if len(lines) != len(pairs):
        sys.exit("gen-stoplists: %s answered %d lines for %d words"
                 % (helper, len(lines), len(pairs)))
    folded = []
    for (code, word), line in zip(pairs, lines):
        tokens = line.split(" ") if line else []
        if len(tokens) != 1:
            sys.exit("gen-stoplists: %s word %r folds to %d words: %r"
                     % (code, word, len(tokens), line))
        folded.append(None if cut_possessive(word, tokens[0]) else tokens[0])
    return folded


def cut_possessive(word, folded):
    """True when folding WORD cut a possessive 's from it."""
    for apostrophe in ("'", "\u2019"):
        if (word.endswith(apostrophe + "s") and
                len(folded) < len(word) - 1 and not folded.endswith("s")):
            return True
    return False


def fnv1a(data):
    """32-bit FNV-1a, as stoplist_hash() in the generated header."""
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def package_version():
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", PG_PACKAGE],
                              stdout=subprocess.PIPE, check=True,
                              universal_newlines=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def c_string(word):
    """WORD as a C string literal of its UTF-8 bytes (ASCII kept)."""
    out = []
    for b in word.encode("utf-8"):
        if 0x20 <= b < 0x7F and b not in (0x22, 0x5C, 0x3F):
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fold", required=True, help="the gz-fold helper")
    ap.add_argument("--out", default="common", help="directory to write to")
    args = ap.parse_args()

    if not os.path.isdir(PG_DIR):
        sys.exit("gen-stoplists: %s is absent: install the Debian package %s"
                 % (PG_DIR, PG_PACKAGE))
    sources = [("en", ENGLISH, "build-aux/stoplist-english.txt")]
    for name, code in sorted(PG_LISTS.items()):
        sources.append((code, os.path.join(PG_DIR, name + ".stop"),
                        "%s.stop" % name))
    sources.sort()
    codes = [code for code, _, _ in sources]

    pairs, origin = [], []
    for code, path, shown in sources:
        words = read_list(path)
        pairs += [(code, w) for w in words]
        origin.append((code, shown, len(words)))
    folded = fold(args.fold, pairs)

    langs = {}          # folded word -> bit set of its languages
    per_lang = {c: set() for c in codes}
    left_out = []
    for (code, listed), word in zip(pairs, folded):
        if word is None:
            left_out.append("%s %s" % (code, listed))
            continue
        langs[word] = langs.get(word, 0) | (1 << codes.index(code))
        per_lang[code].add(word)
    if len(codes) > 32:
        sys.exit("gen-stoplists: more than 32 languages")

    words = sorted(langs, key=lambda w: w.encode("utf-8"))
    slots = 1
    while slots < 3 * len(words):
        slots *= 2
    table = [0] * slots
    longest_probe = 0
    for i, word in enumerate(words):
        at, probe = fnv1a(word.encode("utf-8")) & (slots - 1), 1
        while table[at]:
            at, probe = (at + 1) & (slots - 1), probe + 1
        table[at] = i + 1
        longest_probe = max(longest_probe, probe)
    max_bytes = max(len(w.encode("utf-8")) for w in words)
    assert len(words) < 65535 and max_bytes < 256

    stamp = ("GENERATED by build-aux/gen-stoplists.py from %s %s's\n"
             " * lists and build-aux/stoplist-english.txt; do not edit."
             % (PG_PACKAGE, package_version()))

    with open(os.path.join(args.out, "stoplists.h"), "w") as h:
        h.write("""/* stoplists.h - the tables of the stop lists, one list per language.
 *
 * %s
 * Defined in stoplists.c; read only by stopwords.c (the lookups,
 * stopwords.h) and its unit test.  Language I of stoplist_codes is bit I
 * of an entry's LANGS.  Every word is folded as the tokenizer folds it in
 * that language, so a query's word is looked up as it comes.  The slots
 * are an open-addressing hash table over the words (stoplist_hash(), then
 * the next slot while taken): at most STOPLIST_LONGEST_PROBE probes.
 */
#ifndef GZ_STOPLISTS_H
#define GZ_STOPLISTS_H

#include <stddef.h>
#include <stdint.h>

#define STOPLIST_LANGUAGES %d
#define STOPLIST_WORDS %d
#define STOPLIST_SLOTS %d           /* a power of two */
#define STOPLIST_MAX_BYTES %d       /* the longest word */
#define STOPLIST_LONGEST_PROBE %d

typedef struct stoplist_entry {
    const char *word;       /* folded, NUL-terminated */
    uint8_t len;            /* strlen(word) */
    uint32_t langs;         /* the languages listing it, a bit each */
} stoplist_entry;

/* The lang.h codes of the lists, in byte order. */
extern const char *const stoplist_codes[STOPLIST_LANGUAGES];
/* The words of every list, each once, in byte order. */
extern const stoplist_entry stoplist_words[STOPLIST_WORDS];
/* 0: empty; else 1 + the word's index in stoplist_words. */
extern const uint16_t stoplist_slots[STOPLIST_SLOTS];

/* 32-bit FNV-1a of the LEN bytes of WORD: the generator places words
 * with the same function. */
static inline uint32_t stoplist_hash(const char *word, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)word[i]) * 16777619u;
    return h;
}

#endif
""" % (stamp, len(codes), len(words), slots, max_bytes, longest_probe))

    with open(os.path.join(args.out, "stoplists.c"), "w") as c:
        c.write("/* stoplists.c - the stop lists of --any queries (stoplists.h).\n")
        c.write(" *\n * %s\n *\n" % stamp)
        c.write(" * PostgreSQL's lists are the Snowball project's "
                "(snowballstem.org);\n * the English list is Snowball's too. "
                "Words read, and left once folded:\n")
        for code, shown, n in origin:
            c.write(" *   %s  %-33s %4d  %4d\n"
                    % (code, shown, n, len(per_lang[code])))
        if left_out:
            c.write(" * Left out, as the tokenizer cuts their possessive 's"
                    " (gen-stoplists.py):\n")
            line = " *  "
            for item in left_out:
                if len(line) + len(item) + 2 > 76:
                    c.write(line + "\n")
                    line = " *  "
                line += " " + item + ","
            c.write(line.rstrip(",") + ".\n")
        c.write(" *\n" + LICENCE + " */\n")
        c.write('#include "stoplists.h"\n\n')
        c.write("const char *const stoplist_codes[STOPLIST_LANGUAGES] = {\n")
        c.write("    " + ", ".join('"%s"' % x for x in codes) + "\n};\n\n")
        c.write("const stoplist_entry stoplist_words[STOPLIST_WORDS] = {\n")
        for word in words:
            c.write("    { %s, %d, 0x%05x },\n"
                    % (c_string(word), len(word.encode("utf-8")), langs[word]))
        c.write("};\n\nconst uint16_t stoplist_slots[STOPLIST_SLOTS] = {\n")
        for i in range(0, slots, 12):
            c.write("    " + ", ".join(str(x) for x in table[i:i + 12]) + ",\n")
        c.write("};\n")
    print("gen-stoplists: %d languages, %d words, %d slots, longest probe %d"
          % (len(codes), len(words), slots, longest_probe))


if __name__ == "__main__":
    main()
