/* stopwords.h - the English stop list used by ranked (--any) queries.
 *
 * Query-time only: the index keeps every word, so phrases such as
 * "war of the worlds" still match; query.c drops these words from
 * natural-language queries, where they match nearly every article and
 * only add noise to the ranking.  Knows nothing of stemming or Xapian.
 */
#ifndef GZ_STOPWORDS_H
#define GZ_STOPWORDS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Non-zero when WORD (LEN bytes, a word as tokenize() hands it out:
 * case-folded, straight apostrophes) is on the Snowball English stop list. */
int stopword_is(const char *word, size_t len);

/* Non-zero when the stop list applies to queries on an index stemmed for
 * LANGUAGE (a libstemmer name: "english", "porter", "en", "eng"). */
int stopwords_for_language(const char *language);

#ifdef __cplusplus
}
#endif

#endif
