/* detect_words.h - the function words detect.c counts to confirm that a
 * text is in the language libexttextcat named (issue 22).
 *
 * Private to detect.c.  The lists are Snowball's stop lists in full (and
 * a short hand-written list for Catalan, Indonesian and Romanian), made
 * into common/detect_words.c by build-aux/detect-words.py.  Another part
 * of issue 22 builds per-language stop lists for queries
 * (common/stoplists.c, stopword_in()); once that is on main, these two
 * calls become calls of it and this file and its generator go.
 * Knows nothing of detection, tokenising or Xapian.
 */
#ifndef GZ_DETECT_WORDS_H
#define GZ_DETECT_WORDS_H

#include <stddef.h>

/* 1 when there is a list of function words for CODE (a lang.h code). */
int detect_words_has(const char *code);

/* 1 when WORD (LEN bytes of lower-case UTF-8) is a function word of
 * CODE; 0 otherwise, and for a code without a list. */
int detect_word_is(const char *code, const char *word, size_t len);

#endif
