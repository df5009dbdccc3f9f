/* html_meta.h - what a news page says about itself: headline, date of
 * publication, author, canonical URL, site name, language.
 *
 * Reads the parsed page only (html.h's tree); knows nothing of the article
 * text, the index or the corpus.  Never prints.
 */
#ifndef GZ_HTML_META_H
#define GZ_HTML_META_H

#include <libxml/HTMLparser.h>

#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every field is malloc()ed valid NUL-free UTF-8 with blank space
 * collapsed, or NULL when the page does not say. */
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
