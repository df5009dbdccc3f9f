/* detect_words.h - the function words detect.c counts to confirm that a
 * text is in the language libexttextcat named (issue 22).
 *
 * Private to detect.c.  The lists are Snowball's stop lists in full (and
 * short hand-written ones for Catalan, Indonesian and Romanian), made
 * into detect_words_table.h by build-aux/detect-words.py as one table:
 * a word's lookup gives every list it is on, so a pass over a text counts
 * the function words of all languages at once, which lets detect.c skip
 * libexttextcat on text plainly in the index's language.  The query-time
 * stop lists of issue 22 (common/stoplists.c, stopword_in(code, ...))
 * answer one language per call; using them here would take one lookup
 * per language and word.  Knows nothing of detection or Xapian.
 */
#ifndef GZ_DETECT_WORDS_H
#define GZ_DETECT_WORDS_H

#include <stddef.h>
#include <stdint.h>

/* The number of lists (at most 32); list I is of language
 * detect_words_code(I), a lang.h code (NULL for I out of range). */
int detect_words_lists(void);
const char *detect_words_code(int i);

/* The list of CODE, or -1 when there is none. */
int detect_words_index(const char *code);

/* The lists WORD (LEN bytes of lower-case UTF-8) is on: bit I for list I;
 * 0 for a word on none. */
uint32_t detect_word_langs(const char *word, size_t len);

#endif
