/* snippet.h - the best-matching passage of a hit, with the matched words
 * marked.
 *
 * Stem-aware: the body is tokenised and stemmed exactly as at index time,
 * in the article's own language, so a search for "boycott" marks
 * "boycotts" and one for "Haus" marks a German article's "Häuser"
 * ("de:haus"); exact words and prefixes mark what they match.  Produces
 * plain text and byte ranges; colouring or escaping is output.c's
 * business.
 */
#ifndef GZ_SNIPPET_H
#define GZ_SNIPPET_H

#include <stddef.h>
#include "gazette.h"
#include "stem.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct snippet_mark {
    size_t start, end;  /* byte range of a matched word in snippet.text */
} snippet_mark;

typedef struct snippet {
    char *text;         /* NUL-terminated, whitespace runs made one space */
    size_t len;
    snippet_mark *marks;
    size_t nmarks;
} snippet;

struct schema_lang;     /* schema.h */

/* Choose the window of at most MAX_WORDS words of BODY (LEN bytes), an
 * article indexed in language LANG, that holds the most distinct STEMS
 * (then the most matches), and fill *OUT.  STEMS are stem terms as
 * schema_stem_term() writes them ("haus" in the default language,
 * "de:haus" in another); an entry may also be an unstemmed term of
 * schema_table.h, for the words it stands for: "Wword" (that word),
 * "Wpre*" or "Tpre*" (the words that start with "pre"), "ESurface" (that
 * surface form).  With no match, the opening words.  An ellipsis "…"
 * marks text cut at either end.  Returns GZ_OK or GZ_EOOM; release with
 * snippet_free(). */
gz_status snippet_make(const char *body, size_t len,
                       const struct schema_lang *lang,
                       const char *const *stems, size_t nstems,
                       unsigned max_words, snippet *out);

void snippet_free(snippet *s);

#ifdef __cplusplus
}
#endif

#endif
