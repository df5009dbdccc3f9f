/* html_article.h - the text of the article in a news page, without the
 * page's boilerplate: navigation, headers and footers, share bars,
 * teasers, comments, captions that are not the story, cookie and
 * subscription notices.
 *
 * Reads the parsed page only (html.h's tree); knows nothing of metadata,
 * the index or the corpus.  Never prints, never recurses over the tree.
 */
#ifndef GZ_HTML_ARTICLE_H
#define GZ_HTML_ARTICLE_H

#include <libxml/HTMLparser.h>

#include "gazette.h"
#include "html.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Append the article text of DOC to OUT, paragraphs separated by "\n\n"
 * (html_text_break()).  A page without a recognisable article gives its
 * whole visible text rather than nothing.  Returns GZ_OK or GZ_EOOM. */
gz_status html_article_text(htmlDocPtr doc, html_text *out);

#ifdef __cplusplus
}
#endif

#endif
