/* corpus.h - read articles out of one corpus file.
 *
 * Formats (DESIGN.md "Corpus formats"), chosen by the file name:
 *  - *.jsonl, *.ndjson (optionally + .gz): JSON Lines, one article a line,
 *    {"id","date","title","body","source","url","author","site","lang"}
 *    ("language" read for a missing or empty "lang"); other
 *    fields ignored; "author" may also be an array of strings, joined
 *    with ", " (its other elements ignored).
 *  - anything else (optionally + .gz): an article file.  Optional leading
 *    blank space; a first line "date YYYY-MM-DD" that may carry the first
 *    paragraph after the date (the seed's shape); optional header lines
 *    "title ...", "source ...", "url ...", "id ...", "author ...",
 *    "site ...", "lang ..."; a blank line; the
 *    body.  Header lines count only at the very top, up to the first blank
 *    line or the first line that is not "key value" (a "date" line must
 *    have a number after "date"), each key once; the body is the rest,
 *    blank space around it trimmed, '\r' before '\n' dropped.
 * Without a title (no title line, or an empty or missing JSON "title") the
 * title is the first sentence of the body's first paragraph: up to a '.',
 * '?' or '!' followed by blank space, a period after a lone letter
 * ("U.S.") or after a title word ("Mr.", "Sen.") not counting; cut at a
 * word boundary with an ellipsis (U+2026) past CORPUS_TITLE_MAX_BYTES.
 * The site is a host name (url.h), never a display name (a publication's
 * name is its source): the given "site" as a host, lower-cased
 * ("News.Example.com" -> "news.example.com"; a url or "host:port/path"
 * gives its host), else the host of the url ("https://www.BBC.co.uk/x"
 * -> "www.bbc.co.uk"), else "".  A given site that is no host name
 * ("BBC News") is a warning, and the url's host is taken.
 * The language is the one the input declares, as a lang.h code: the
 * JSON "lang" or the "lang" header line; a page's html_meta lang; a feed
 * item's lang (feed.h); a web archive page's HTTP Content-Language, else
 * its page's.  A JSON or header value that names none, unless it says so
 * on purpose (lang_is_none(): "und", ""), is a warning at its line, and
 * the article is read without one; in pages, feeds and archives such a
 * value gives way to the next source, without a word.
 * Gzip is detected by content (zlib reads plain files unchanged).
 *
 * The reader never stops at a bad article: it reports the problem through
 * the problem callback with the file, the line (or byte offset) and the
 * reason, and goes on with the next article.  Knows nothing of Xapian or
 * of the index; never prints.
 */
#ifndef GZ_CORPUS_H
#define GZ_CORPUS_H

#include <stddef.h>
#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An article file, or one JSON line, longer than this (uncompressed) is
 * rejected without ever being held whole; a JSON Lines reader goes on with
 * the next line.  Indexing an article holds its text about five times over
 * (a 60 MB article: 310 MB peak RSS, 17 s), and its distinct words up to
 * SCHEMA_ARTICLE_TERMS_MAX, and every writer thread of a parallel build
 * may hold one, while the longest article of the shared corpus is 188 KB:
 * 16 MiB keeps a hostile file to about 100 MB a thread over the batch's
 * memory and still takes any real article. */
#define CORPUS_MAX_ARTICLE_BYTES ((size_t)16 << 20)

/* A gzip file whose data expands to more than this many times its size on
 * disk (once past CORPUS_MAX_ARTICLE_BYTES) is a gzip bomb: the reader
 * stops there and rejects the rest of the file; the complete articles
 * before that point are kept.  News text compresses 3 to 4 times (the
 * shared corpus: 2.7 to 3.5); deflate can reach about 1000 times. */
#define CORPUS_GZIP_MAX_RATIO 100

/* The most bytes of a title taken from the body (ellipsis included): room
 * for the seed's 208-byte first sentence, and longer than any real title
 * in the corpus (231 bytes at most). */
#define CORPUS_TITLE_MAX_BYTES 240

/* One article.  Every string is valid UTF-8 (invalid bytes replaced by
 * U+FFFD), NUL-free, NUL-terminated and owned by the reader: valid until
 * the next corpus_next() or corpus_close().  Missing fields are "" (never
 * NULL) except DATE, which is NULL when the article has no valid date. */
typedef struct article {
    const char *id;     /* the "id" field / "id" header, else the file's
                           base name less ".gz" and then one extension
                           ("reut-1.txt.gz" -> "reut-1"); for JSON Lines
                           without an id (or with ""), "<base name>:<line>"
                           ("articles.jsonl.gz:12") */
    const char *date;   /* "YYYY-MM-DD", a real calendar day, or NULL */
    const char *title;
    const char *source;
    const char *url;
    const char *author; /* as given: several are joined with ", " */
    const char *site;   /* a host name, lower-cased (see above), or "" */
    const char *body;
    size_t body_len;
    long line;          /* line of the file where the article starts (1-based) */
    const char *lang;   /* the language the input declares, a lang.h code
                           ("de"), or NULL: not declared (issue 22) */
} article;

typedef enum problem_kind {
    PROBLEM_WARNING,    /* the article is indexed anyway (no date, bad UTF-8) */
    PROBLEM_REJECTED    /* this article, or the rest of the file, is not indexed */
} problem_kind;

/* A problem in PATH at LINE (0 when unknown) or, for binary and gzip
 * errors, at byte OFFSET of the uncompressed stream (-1 when unknown).
 * MESSAGE is a complete sentence fragment such as "invalid JSON: ...",
 * valid UTF-8 whatever the input, and is valid during the call only. */
typedef void (*problem_fn)(void *ctx, const char *path, long line,
                           long long offset, problem_kind kind,
                           const char *message);

typedef struct corpus_reader corpus_reader;

/* Open PATH.  PROBLEM (may be NULL) is told of every problem found later.
 * Returns GZ_OK and sets *OUT, GZ_EIO when the file cannot be opened
 * (detail in gz_last_error()), GZ_EOOM. */
gz_status corpus_open(const char *path, problem_fn problem, void *ctx,
                      corpus_reader **out);

/* Where a read that reached the end of its file left off, so that a
 * later run can read on from there once the file has grown
 * (corpus_end_state(), corpus_open_at()). */
typedef struct corpus_end {
    int kind;           /* CORPUS_TAIL_NONE (the file cannot be read on:
                           its next read is whole), else what it holds,
                           with CORPUS_TAIL_GZIP set when gzip */
    long lines;         /* lines of the text read */
    long long bytes;    /* bytes of the text read (uncompressed) */
} corpus_end;

enum {
    CORPUS_TAIL_NONE,
    CORPUS_TAIL_JSONL,  /* its text ended with '\n' (or was empty) */
    CORPUS_TAIL_WARC,   /* the text ended at a record boundary */
    CORPUS_TAIL_ARC
};
#define CORPUS_TAIL_GZIP 0x10   /* the file read ended where a gzip
                                   member did, with nothing after it */

/* Open PATH to read on from byte RAW, where an earlier read of it that
 * left off as FROM said ended (FROM->kind not CORPUS_TAIL_NONE): its
 * articles and problems get the lines, byte offsets and ids a read of the
 * whole file gives them.  Returns GZ_OK and sets *OUT; GZ_EFORMAT when
 * the bytes at RAW cannot go on from there (a gzip file's do not begin a
 * gzip member, a plain file's do, which a whole read takes as plain
 * text): the whole file is to be read; GZ_EIO, GZ_EOOM as
 * corpus_open(). */
gz_status corpus_open_at(const char *path, long long raw,
                         const corpus_end *from, problem_fn problem,
                         void *ctx, corpus_reader **out);

/* Once corpus_next() has returned 0: into *END, whether R's read ended
 * where a later read can go on from, and how far it came.  SIZE is the
 * file's size before the read began: a read that went past it (the file
 * grew meanwhile) cannot be read on from SIZE, nor can one that had a
 * rejection, a feed, a page or an article file, a JSON Lines file whose
 * last line had no '\n', or a gzip file whose bytes from where R began
 * to SIZE are not whole gzip members (zlib ignores bytes after the last
 * member, so what follows them is never read).  That check inflates
 * those bytes once more. */
void corpus_end_state(const corpus_reader *r, long long size,
                      corpus_end *end);

/* Read the next article into *A.  Returns 1 with an article, 0 at the end
 * of the file, -1 when the rest of the file cannot be read (a read error,
 * a truncated gzip stream, binary data, an article file over
 * CORPUS_MAX_ARTICLE_BYTES, gzip data past CORPUS_GZIP_MAX_RATIO, no
 * memory): that has already been reported
 * through the problem callback as PROBLEM_REJECTED.  Articles returned
 * before a truncation are complete; the broken one is never returned.
 * Once it has returned 0 or -1 it keeps returning the same.  A blank
 * article file gives no article and no problem. */
int corpus_next(corpus_reader *r, article *a);

/* Read only the piece of R's JSON Lines file (a reader just opened) that
 * starts at byte START of the uncompressed text and ends at END (-1: the
 * file's end): the lines that start in [START, END).  Lines before the
 * piece are read and counted, so line numbers, the ids of lines without
 * one ("<base name>:<line>") and the problems' places are those of a
 * whole read, but they give no article and no problem: pieces that
 * cover a file, side by side, give each of its articles and problems
 * exactly once (a parallel build's parts, indexer/parallel.c).  For a
 * gzip file the piece's prefix is decompressed again.  Returns GZ_OK, or
 * GZ_EINVAL for a file of another format or a reader already read. */
gz_status corpus_set_range(corpus_reader *r, long long start, long long end);

/* How far through its file R is: the bytes of the file (the gzip
 * file's, not the text's) read so far, read-ahead included.  For a
 * progress line. */
long long corpus_bytes_read(const corpus_reader *r);

/* 1 when R's file is a feed (RSS or Atom), known once corpus_next() has
 * been called.  Feeds drop old items as new ones come, so the indexer
 * keeps an article its feed file no longer holds, where any other file's
 * missing article is deleted. */
int corpus_rolls(const corpus_reader *r);

/* The records of a web archive that are no article, counted for the
 * summary: revisits (a crawler's note that a page had not changed),
 * requests, metadata, and the rest (warcinfo, non-HTML responses and
 * resources, responses of a status other than 2xx, other types).  Pages
 * skipped with a problem (too big, an unknown encoding) are not counted
 * here: their problem was reported. */
typedef struct corpus_skips {
    unsigned long revisit, request, metadata, other;
} corpus_skips;

/* Add R's skipped records so far to *TO (all zero for a file that is not
 * a web archive). */
void corpus_add_skips(const corpus_reader *r, corpus_skips *to);

/* Number of problems of each kind seen so far in this file. */
unsigned corpus_warnings(const corpus_reader *r);
unsigned corpus_rejected(const corpus_reader *r);

void corpus_close(corpus_reader *r);

/* Where a problem at LINE / OFFSET (as problem_fn gives them) lies, for
 * a message "PATH<where>: MESSAGE": ":12", ": at byte 4096", and for a
 * rejection with both, ":12: at byte 4096" (a rejection loses input: the
 * byte finds the place in a file too big for an editor); "" for neither.
 * Written into WHERE (SIZE bytes). */
void corpus_problem_where(char *where, size_t size, long line,
                          long long offset, problem_kind kind);

/* 1 when PATH's name says JSON Lines (.jsonl, .ndjson, with or without .gz). */
int corpus_is_jsonl(const char *path);

#ifdef __cplusplus
}
#endif

#endif
