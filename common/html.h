/* html.h - HTML: bytes into libxml2's tree, markup into text, a page into
 * an article.
 *
 * The one place Gazette parses HTML (web pages, WARC responses, a feed
 * item's HTML content).  Never prints, never touches the network, never
 * loads a DTD or an external entity, and never recurses over the tree, so
 * a page nested 100,000 deep costs memory, not stack.  Knows nothing of the
 * index.
 *
 * Character set, decided once per page (html_charset()), as a browser does
 * but trusting bytes over labels where they disagree:
 *  1. a byte-order mark (UTF-8, UTF-16LE/BE);
 *  2. bytes that are valid UTF-8 are UTF-8, whatever the page declares
 *     (../shared/formats' qq.html declares gb2312 and is UTF-8; text in a
 *     legacy charset is almost never valid UTF-8 by chance);
 *  3. the transport's charset (HTTP Content-Type), when iconv knows it;
 *  4. the page's <meta charset> or <meta http-equiv=Content-Type> in its
 *     first HTML_CHARSET_PROBE bytes, when iconv knows it;
 *  5. else windows-1252, the web's default for pages without a label.
 * Labels are read as WHATWG's Encoding Standard reads them: iso-8859-1 and
 * us-ascii mean windows-1252, gb2312 means GBK.  A page that says UTF-8
 * but is not valid UTF-8 has its bad bytes replaced with U+FFFD.
 */
#ifndef GZ_HTML_H
#define GZ_HTML_H

#include <stddef.h>
#include <libxml/HTMLparser.h>

#include "gazette.h"
#include "html_meta.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How far into a page a <meta> charset is looked for (the HTML standard
 * asks for 1024 bytes; real pages put it after long <head> scripts). */
#define HTML_CHARSET_PROBE 8192

/* A text being built from markup: blank space collapsed to one space,
 * paragraph and line breaks kept.  Zero-initialise; free S with free().
 * S is NUL-terminated whenever LEN > 0. */
typedef struct html_text {
    char *s;
    size_t len, cap;
    int pending;        /* what separates the next text from the last:
                           0 nothing, ' ' a space, 1 a line, 2 a paragraph */
} html_text;

/* The charset to read BYTES (LEN) with, as the rule above decides, given
 * the transport's label TRANSPORT (may be NULL).  Returns a name iconv
 * knows ("UTF-8", "windows-1252", "GBK", ...), valid until the next call
 * on this thread. */
const char *html_charset(const char *bytes, size_t len, const char *transport);

/* libxml2's error handlers as they were before html_xml_quiet_begin(). */
typedef struct html_xml_quiet {
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
} html_xml_quiet;

/* Silence libxml2's error handlers on this thread for one parse (they
 * print to stderr), saving them into *SAVED, and initialise libxml2 once.
 * ON_ERROR (may be NULL), given CTX, still sees each error, for a reader
 * that reports where a document breaks (feed.c).  Every parse of HTML or
 * XML in Gazette runs between this and html_xml_quiet_end(SAVED). */
void html_xml_quiet_begin(html_xml_quiet *saved, xmlStructuredErrorFunc on_error,
                          void *ctx);
void html_xml_quiet_end(const html_xml_quiet *saved);

/* The name of the first element of the markup in BUF (LEN bytes): after
 * byte-order marks, blank space, the XML declaration and processing
 * instructions, comments and a DOCTYPE (its internal subset too), within
 * the first HTML_ROOT_PROBE bytes; NUL bytes are dropped first, so the
 * ASCII of UTF-16 and UTF-32 reads too.  The name, prefix included
 * ("rdf:RDF"), as written, is copied into NAME (SIZE bytes, cut; "" when
 * the probe ends first).  Returns 1 when the text is markup (it starts
 * with '<' after the prolog, or has a prolog), else 0.  How a corpus
 * file is told a page or a feed (corpus.c, feed_sniff()). */
#define HTML_ROOT_PROBE 16384
int html_root_element(const char *buf, size_t len, char *name, size_t size);

/* Parse LEN bytes of HTML into *OUT (free with xmlFreeDoc()), reading
 * them in html_charset(BYTES, LEN, TRANSPORT).  libxml2 recovers from any
 * markup, so every input gives a tree.  Returns GZ_OK, GZ_EOOM. */
gz_status html_parse(const char *bytes, size_t len, const char *transport,
                     htmlDocPtr *out);

/* 1 when element NODE holds no reader text whatever it contains: script,
 * style, noscript, template, head, iframe, object, embed, svg, math,
 * canvas, select, textarea, button, and rt/rp (ruby readings, which
 * are not the text they annotate). */
int html_is_hidden(const xmlNode *node);

/* 1 when element NODE starts a new paragraph of text (p, div, h1-h6, li,
 * table rows, blockquote, pre, figure, section, ...); <br> is a line. */
int html_is_block(const xmlNode *node);

/* Append the text of NODE and everything below it to OUT: text nodes and
 * entities as UTF-8, blank space (NBSP included) collapsed to one space,
 * a paragraph break ("\n\n") around each block element, a line break
 * ("\n") for each <br> and each line of a <pre>, hidden elements
 * (html_is_hidden()) and comments left out; no break or space at the
 * start.  Stops at HTML_TEXT_MAX bytes.  Returns GZ_OK, GZ_EOOM. */
#define HTML_TEXT_MAX ((size_t)16 << 20)
gz_status html_node_text(const xmlNode *node, html_text *out);

/* html_node_text(), leaving out each element for which SKIP(element, ARG)
 * is nonzero with everything below it, as if it were hidden, except that
 * a skipped block still ends a paragraph and a skipped inline element
 * still parts words.  Hidden elements are left out without asking SKIP. */
gz_status html_node_text_skip(const xmlNode *node,
                              int (*skip)(const xmlNode *, void *), void *arg,
                              html_text *out);

/* The node after NODE in document order inside TOP's subtree: NODE's
 * first child, unless SKIP_CHILDREN or it has none, else the next node
 * after NODE's subtree; NULL past the end of TOP's.  A walk over a tree
 * of any depth without recursion: for (n = top; n; n = html_next(n, top,
 * 0)). */
xmlNode *html_next(const xmlNode *node, const xmlNode *top, int skip_children);

/* Append UTF-8 text T (N bytes) to OUT with the same blank-space rule. */
gz_status html_text_put(html_text *out, const char *t, size_t n);

/* End the current line (LEVEL 1) or paragraph (LEVEL 2) of OUT: the next
 * text starts after "\n" or "\n\n".  Nothing is written until more text
 * comes, so breaks never pile up or trail. */
void html_text_break(html_text *out, int level);

/* The text of an HTML fragment (a feed item's description), as
 * html_node_text() gives it, into *OUT (malloc()ed, NUL-terminated, valid
 * UTF-8, *OUT_LEN bytes; "" for a fragment without text).  BYTES are
 * UTF-8 (a feed's parser has decoded them).  Returns GZ_OK, GZ_EOOM. */
gz_status html_fragment_text(const char *bytes, size_t len, char **out,
                             size_t *out_len);

/* A news page as an article: its metadata and its article text. */
typedef struct html_page {
    html_meta meta;
    char *text;         /* the article text (html_article.h), malloc()ed,
                           valid UTF-8, "" when the page has none */
    size_t text_len;
} html_page;

/* Read the page of LEN BYTES (transport charset TRANSPORT and address URL
 * may be NULL) into *OUT (free with html_page_free()).  Returns GZ_OK,
 * GZ_EOOM. */
gz_status html_extract(const char *bytes, size_t len, const char *transport,
                       const char *url, html_page *out);

void html_page_free(html_page *p);

#ifdef __cplusplus
}
#endif

#endif
