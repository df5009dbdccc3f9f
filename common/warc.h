/* warc.h - a streaming reader of WARC (and ARC) web archives that hands out
 * the HTML pages they hold, one at a time.
 *
 * Input.  The reader pulls bytes through READ: the uncompressed stream
 * (corpus.c reads the file through zlib's gzread(), which joins gzip
 * members, so gzip-per-record, whole-file gzip and plain files all arrive
 * as one plain stream).  The caller may already have read the first bytes
 * to sniff the format: PREFIX/PREFIX_LEN are handed back first.  Blank
 * lines (CR, LF) before the first record are skipped as between records;
 * the first record says whether the file is WARC or ARC.
 *
 * What becomes a page:
 *  - a `response` record whose HTTP status is 2xx and whose HTTP
 *    Content-Type is text/html or application/xhtml+xml;
 *  - a `resource` record whose WARC Content-Type is text/html or
 *    application/xhtml+xml (a page saved without its HTTP headers);
 *  - in an ARC file, a record whose HTTP response is the same as above.
 * Every other record is skipped and counted (warc_counts): revisit
 * records (headers only: they must never become empty pages), request,
 * metadata, warcinfo (and ARC's version block), conversion and
 * continuation, non-HTML responses and resources, and responses of any
 * status but 2xx (a 3xx redirect or a 404 page is not the article).
 *
 * HTTP bodies are de-chunked (Transfer-Encoding: chunked; a body that says
 * chunked but does not start with a chunk-size line is read as it is; a
 * missing last chunk or a chunk size that lies is reported and what was
 * read is kept) and decoded (Content-Encoding gzip, x-gzip, deflate with or
 * without its zlib wrapper, br; identity).  A body with another encoding
 * is skipped with a message; a corrupt or cut gzip/deflate body is
 * reported and what decoded before the damage is kept (a Brotli one is
 * skipped: how much of it decodes depends on where the reads end).
 *
 * Memory.  Records are streamed: a record's block is held only when it is
 * a page to hand out, and then only up to CORPUS_MAX_ARTICLE_BYTES decoded.
 * A bigger page (or a decompression bomb) is skipped with a message and
 * the rest of its record is read past without being held.  Header blocks
 * are bounded by WARC_MAX_HEADER_BYTES.
 *
 * Damage.  A record that does not start with "WARC/" where one should (a
 * Content-Length too short, junk between records), a header block that is
 * not one, or a missing Content-Length is reported with its offset; the
 * reader then resynchronises: it scans forward to the next line that
 * starts with "WARC/1." and goes on from there, so every good record
 * before and after the damage is read.  A Content-Length too long eats
 * the records it covers (they cannot be told from payload without holding
 * it), and the reader resynchronises after it.  A file cut short loses
 * only its last record.  In an ARC file damage loses the rest of the
 * file (ARC records have no marker to resynchronise on).
 *
 * Every string handed out is valid, NUL-free UTF-8 except BODY, which is
 * the raw entity body (any bytes, charset as the page says).  Knows nothing
 * of HTML extraction, Xapian or the index; never prints.
 */
#ifndef GZ_WARC_H
#define GZ_WARC_H

#include <stddef.h>
#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest WARC or HTTP header block read (a bigger one is damage):
 * real ones are under 2 KB; 64 KiB leaves room for long cookies. */
#define WARC_MAX_HEADER_BYTES ((size_t)64 << 10)

/* Read up to N bytes into BUF.  Returns the bytes read (> 0), 0 at the
 * end, -1 on an error it has described in *ERR (a static or CTX-owned
 * string, valid until the next call). */
typedef long (*warc_read_fn)(void *ctx, char *buf, size_t n,
                             const char **err);

/* A problem at byte OFFSET of the uncompressed stream (the record's
 * offset, or where the damage is).  REJECTED is 1 when a record or the
 * rest of the stream is lost, 0 when the page is handed out anyway (a
 * missing last chunk).  MESSAGE is valid UTF-8, valid during the call. */
typedef void (*warc_problem_fn)(void *ctx, long long offset, int rejected,
                                const char *message);

/* One HTML page.  Everything is owned by the reader and valid until the
 * next warc_next() or warc_close(). */
typedef struct warc_page {
    const char *uri;          /* WARC-Target-URI (ARC: the URL), blanks and
                                 the <...> some wget versions write around
                                 it removed; "" when there is none */
    const char *warc_date;    /* "YYYY-MM-DD" of WARC-Date (ARC: the archive
                                 date), NULL when none or invalid */
    const char *content_type; /* "text/html" or "application/xhtml+xml" */
    const char *charset;      /* the Content-Type's charset parameter
                                 (letters, digits, "-_.:+" only), or NULL */
    const char *content_language; /* the HTTP Content-Language's first tag
                                 ("de, en" -> "de"; letters, digits,
                                 "-_.:+" only, at most 35 bytes), as
                                 written, or NULL; a resource record
                                 (no HTTP head) has none */
    const char *body;         /* the entity body, de-chunked and decoded;
                                 may hold NULs; body[body_len] == '\0' */
    size_t body_len;
    long long offset;         /* the record's offset in the stream */
} warc_page;

/* What the reader met, for the summary.  RECORDS counts every record
 * whose header was read; each is then either a page or counted once in
 * one of the others.  DAMAGED counts what was reported and lost: a record
 * whose header or body could not be read, or a stretch of junk skipped
 * where a record should have started (so it may exceed the records lost). */
typedef struct warc_counts {
    unsigned long records, pages;
    unsigned long revisit, request, metadata, warcinfo, other_type;
    unsigned long resource_non_html, response_non_html, not_ok_status;
    unsigned long html_skipped;   /* too big, or an unknown encoding */
    unsigned long damaged;
} warc_counts;

typedef struct warc_reader warc_reader;

/* Start reading.  PROBLEM (may be NULL) is told of every problem.
 * Returns GZ_OK and sets *OUT, GZ_EINVAL (READ or OUT NULL), GZ_EOOM. */
gz_status warc_open(warc_read_fn read, void *rctx, const char *prefix,
                    size_t prefix_len, warc_problem_fn problem, void *pctx,
                    warc_reader **out);

/* Make R, just opened, read on an archive read before up to stream
 * offset OFFSET (a record boundary): the stream READ gives is what comes
 * after it, offsets count from OFFSET, and the records are ARC's when
 * ARC (warc_is_arc() of the earlier read), whatever their first bytes. */
void warc_resume(warc_reader *r, long long offset, int arc);

/* 1 when R reads an ARC file (known once warc_next() has been called). */
int warc_is_arc(const warc_reader *r);

/* The next page into *P.  Returns 1 with a page, 0 at the end, -1 when
 * the rest cannot be read (a read error, an ARC file damaged, no memory),
 * already reported through the problem callback.  After 0 or -1 it keeps
 * returning the same. */
int warc_next(warc_reader *r, warc_page *p);

void warc_get_counts(const warc_reader *r, warc_counts *out);

void warc_close(warc_reader *r);

/* 1 when BUF (LEN bytes, the start of the uncompressed stream) begins like
 * a WARC file ("WARC/1.0", "WARC/1.1", "WARC/0.1x") or an ARC file
 * ("filedesc://"), else 0. */
int warc_sniff(const char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
