/* feed.h - RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds -> one article per item.
 *
 * A feed file is parsed whole with libxml2 (recovering, never loading a
 * DTD, an external entity or anything from the network, entities never
 * substituted by the parser) and handed out item by item.  Never prints:
 * what goes wrong goes to the caller's feed_problem_fn.  Knows nothing of
 * the index; common/corpus.c turns items into articles.
 *
 * Character set, decided once per file, as html.h decides a page's (the
 * bytes win over labels where they disagree):
 *  1. a byte-order mark or the zero bytes of UTF-16/32: libxml2 reads them;
 *  2. bytes that are valid UTF-8 are UTF-8, whatever the file declares;
 *  3. the transport's charset (HTTP Content-Type), when iconv knows it;
 *  4. the XML declaration's encoding= (a declared UTF-8 that is not valid
 *     has its bad bytes replaced with U+FFFD);
 *  5. else windows-1252: undeclared legacy bytes (Big5, KOI8-R, ...)
 *     come out as mojibake, but as valid UTF-8, and the words of the
 *     windows-1252 feeds that are the common case come out right.
 *
 * Ill-formed XML is read as far as libxml2 can recover it, with one
 * warning naming the line of the first error.  Entities: the five of XML
 * and character references as XML says; an undeclared entity that HTML 4
 * names (&nbsp; &hellip; &eacute; ...) gives its character, as feedparser
 * does; a declared internal entity gives its replacement text only when
 * that holds no markup and no further reference (so "billion laughs"
 * costs nothing); an external entity is never read.  Deeper than 256
 * elements, libxml2 stops (the rest is reported unreadable).
 */
#ifndef GZ_FEED_H
#define GZ_FEED_H

#include <stddef.h>

#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A problem with the file at LINE (1-based; 0 when no line applies):
 * REJECTED 1 when nothing more is read from the file, 0 for a warning
 * (items still come).  MESSAGE names no file: the caller knows it. */
typedef void (*feed_problem_fn)(void *ctx, long line, int rejected,
                                const char *message);

/* One item (RSS <item>, Atom <entry>).  Every string is valid, NUL-free
 * UTF-8 with blank space trimmed, valid until the next feed_next() or
 * feed_close(). */
typedef struct feed_item {
    const char *id;      /* RSS <guid> / Atom <id>; else the link; else
                            NULL (the caller makes one) */
    const char *title;   /* as text ("" when none) */
    const char *link;    /* RSS <link> (else a permalink <guid>); Atom
                            <link rel="alternate"> or without rel, made
                            absolute against xml:base; NULL when none */
    const char *author;  /* <author>, dc:creator, Atom author's <name>;
                            NULL when none */
    const char *date;    /* "YYYY-MM-DD" (date_parse_published()) or NULL:
                            the first of these that holds a day, in this
                            order: pubDate, Atom published, Atom 0.3
                            issued, dc:date, dcterms:issued,
                            dcterms:created, Atom 0.3 created, then the
                            dates of change: Atom updated, Atom 0.3
                            modified, dcterms:modified */
    const char *text;    /* content:encoded / Atom content / xhtml:body,
                            else description / Atom summary /
                            dc:description: HTML (escaped, CDATA or
                            naked markup) turned to text with
                            html_fragment_text(); Atom type="text" as
                            plain text, type="xhtml" as inline markup,
                            Atom 0.3 mode="base64" decoded; "" if none.
                            At most CORPUS_MAX_ARTICLE_BYTES */
    size_t text_len;
    const char *source;  /* the channel's / feed's title, or NULL */
    const char *lang;    /* the first that names a language (lang.h's
                            lang_code(): junk and "und" pass on) of:
                            the xml:lang of the item, else of the
                            elements around it (the channel, the feed);
                            the channel's <language> / dc:language;
                            as written ("en-gb"), or NULL */
    long line;           /* the item's line in the file */
} feed_item;

typedef struct feed_reader feed_reader;

/* 1 when BUF (LEN bytes) is an RSS, RDF or Atom document: its root
 * element is rss, rdf:RDF (any prefix) or feed, after a byte-order mark,
 * the XML declaration, comments, processing instructions, a doctype and
 * blank space (html_root_element()).  An HTML page named .xml is not a feed. */
int feed_sniff(const char *buf, size_t len);

/* Parse the LEN BYTES of a feed file, read with the charset rule above
 * (TRANSPORT may be NULL), into *OUT.  PROBLEM (may be NULL) hears, with
 * CTX, of an ill-formed document (once) and of a document that holds no
 * feed.  Returns GZ_OK, GZ_EOOM, or GZ_EINVAL for a file of 2 GiB or
 * more (the parser counts in int). */
gz_status feed_open(const char *bytes, size_t len, const char *transport,
                    feed_problem_fn problem, void *ctx, feed_reader **out);

/* The next item into *IT.  Returns 1 for an item, 0 at the end, -1 when
 * the rest cannot be read (already reported: no root element, a root
 * that is not a feed, or out of memory). */
int feed_next(feed_reader *f, feed_item *it);

/* The feed's own title (the channel's or the Atom feed's), as items give
 * it in SOURCE; NULL when it has none. */
const char *feed_title(const feed_reader *f);

/* Free F and its items (NULL is fine). */
void feed_close(feed_reader *f);

#ifdef __cplusplus
}
#endif

#endif
