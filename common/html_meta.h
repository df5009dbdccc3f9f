/* html_meta.h - what a news page says about itself: headline, date of
 * publication, author, canonical URL, site name, language.
 *
 * Reads the parsed page only (html.h's tree); knows nothing of the article
 * text, the index or the corpus.  Never prints.  Each field takes the
 * first source below that gives a usable value; the orders were chosen on
 * ../shared/formats (tests/formats/score_meta.py, doc/DECISIONS.md
 * "HTML metadata (issue 19)").  "JSON-LD" is the first object typed
 * *Article, *Posting or Report in a <script type=application/ld+json>
 * (at most 1 MiB, 32 scripts; a "<!--" or "<![CDATA[" wrapper skipped),
 * itself, in its @graph or as mainEntity.
 *
 * title   1. the first <h1> whose text starts <title>'s;
 *         2. og:title, JSON-LD headline, twitter:title, each without the
 *            parts that name the site (below);
 *         3. <title> without the parts that name the site, else without
 *            its last part when that is shorter than the rest.
 *         Parts are split at " | ", " - ", " – ", " — ", " :: ", " · ",
 *         " » ", " « "; a part names the site when one holds the other
 *         or the page's host (canonical URL, else URL; no "www.").
 * date    JSON-LD datePublished; <meta> article:published_time,
 *         og:published_time, datePublished (also microdata or RDFa
 *         content= on any element), date, pubdate, publishdate,
 *         DC.date.issued, dcterms.created, sailthru.date,
 *         parsely-pub-date; <time datetime pubdate> or itemprop=
 *         datePublished; the first <time datetime> in the <article>;
 *         JSON-LD and meta dateCreated; the first <time datetime>; the
 *         first <time>'s text; a dateline (a text node that is a date and
 *         nothing else among the 48 after the first <h1>); the day in the
 *         canonical URL, then in URL (/2021/04/06, /2021-04-06,
 *         /2021-04/06, /20210406).  Every date is read by
 *         date_parse_published(), as written (no time-zone shift).
 * author  JSON-LD author (a name, a Person's name, or a list joined with
 *         ", "); <meta> author, DC.creator, parsely-author,
 *         article:author; an itemprop=author element (its itemprop=name);
 *         <a rel=author>; the first of 8 elements whose class or id (or
 *         data-testid) holds "byline" or "author" that gives a name,
 *         skipping those inside a <form> or <footer> or holding a later
 *         one.  A leading label goes ("By", "Par", "Von", "Written by",
 *         "Autor:", also glued: "ByAlex"); visible text is cut before a
 *         number starting a word, a month or weekday name, " | " or
 *         " • ".  Never a URL, the site's own name, or over 160 bytes.
 * url     link rel=canonical, og:url, JSON-LD url, mainEntityOfPage;
 *         made absolute against <base href> and URL; NULL unless it then
 *         has a scheme and a host.
 * site    og:site_name, JSON-LD publisher's name, application-name.
 * lang    <html lang>, the root's xml:lang, <meta
 *         http-equiv=Content-Language>, og:locale:
 *         the first that is a BCP 47 tag naming a language (lang.h's
 *         lang_code(): not "und", "x-...", junk); of a list ("de, en")
 *         the first tag; as BCP 47 ("en_us" -> "en-US").
 *
 * <meta> keys are matched without case, ':' and '.' alike, each word of a
 * space-separated list, and without an RDFa "schema:" prefix; the first
 * non-empty content of a key counts.  Walks never recurse.
 */
#ifndef GZ_HTML_META_H
#define GZ_HTML_META_H

#include <libxml/HTMLparser.h>

#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every field is malloc()ed valid NUL-free UTF-8 with blank space
 * collapsed and trimmed, or NULL when the page does not say. */
typedef struct html_meta {
    char *title;    /* the headline, without <title>'s " - Site" suffix */
    char *date;     /* "YYYY-MM-DD" (date_parse_published()) */
    char *author;   /* several authors joined with ", " */
    char *url;      /* the canonical URL, absolute */
    char *site;     /* the site's name ("The Guardian") */
    char *lang;     /* the page's language tag ("de", "en-GB") */
} html_meta;

/* Read DOC's metadata into *OUT (zero it first).  URL (may be NULL) is
 * where the page came from (a WARC record's target), used to make
 * relative URLs absolute and as the last source of a date.  Returns GZ_OK
 * (fields the page lacks stay NULL) or GZ_EOOM. */
gz_status html_meta_read(htmlDocPtr doc, const char *url, html_meta *out);

void html_meta_free(html_meta *m);

#ifdef __cplusplus
}
#endif

#endif
