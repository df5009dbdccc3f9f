/* html_article.h - the text of the article in a news page, without the
 * page's boilerplate: navigation, headers and footers, share bars,
 * teasers, comments, captions that are not the story, cookie and
 * subscription notices.
 *
 * Reads the parsed page only (html.h's tree); knows nothing of metadata,
 * the index or the corpus.  Never prints, never recurses over the tree.
 * Scored on ../shared/formats by tests/formats/score_text.py (t730);
 * BENCHMARKS.md has the figures.
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
 * (html_text_break()): the container where most prose and fewest links
 * are (the whole <article> or itemprop=articleBody holding it, when the
 * page marks one), with its siblings that are prose too, in document
 * order; headings
 * inside it are kept, the headline (<h1>) is not (it is the title).  A
 * page where no run of text is long enough to look like prose gives its
 * whole visible text rather than nothing.  Time and memory are linear in
 * the page's size, whatever its nesting.  Uses the _private field of
 * DOC's elements while it runs (NULL again when it returns): not for two
 * threads on one DOC at once.  Returns GZ_OK or GZ_EOOM. */
gz_status html_article_text(htmlDocPtr doc, html_text *out);

#ifdef __cplusplus
}
#endif

#endif
