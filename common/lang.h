/* lang.h - language codes: what an article's declared language is, and
 * which Snowball stemmer a language takes.
 *
 * A language is kept as a code: the primary subtag of a BCP 47 tag,
 * lower-cased, with the ISO 639-1 two-letter code where the language has
 * one ("de-DE", "DE", "deu", "ger" and "german" are all "de"; "nb" and
 * "nn" are "no", the code Snowball's Norwegian stemmer is filed under).
 * A code Gazette knows nothing of is kept as written if it has the shape
 * of one (2 or 3 ASCII letters), so that lang: finds it; its words are
 * not stemmed.  Knows nothing of articles, stemming itself or Xapian.
 */
#ifndef GZ_LANG_H
#define GZ_LANG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes a code takes, NUL included. */
#define LANG_MAX 4

/* The code of TAG (LEN bytes): a BCP 47 tag ("en", "pt-BR", "zh_TW",
 * " de "), an ISO 639-2/3 code ("deu"), an English language name or a
 * libstemmer algorithm name ("german", "porter").  Writes the code,
 * NUL-terminated, into OUT and returns 1; returns 0 (OUT is "") for text
 * that names no language: empty, "und", "mul", "zxx", private use
 * ("x-klingon"), a primary subtag of other than 2 or 3 letters. */
int lang_code(const char *tag, size_t len, char out[LANG_MAX]);

/* 1 when TAG (LEN bytes) declares on purpose that its text is of no one
 * known language: blank, "und", "mul", "zxx", "mis", a local-use code
 * ("qaa".."qtz") or private use ("x-klingon"), whatever subtags follow;
 * 0 otherwise (a language lang_code() takes, or junk).  Readers warn of
 * a tag lang_code() rejects unless it says none on purpose. */
int lang_is_none(const char *tag, size_t len);

/* The libstemmer algorithm of CODE ("de" -> "german"; "en" -> "english"),
 * or NULL when Snowball has no stemmer for it (zh, ja, pl, ...). */
const char *lang_stemmer(const char *code);

/* The English name of CODE ("German"), or NULL for a code not in the
 * table. */
const char *lang_name(const char *code);

#ifdef __cplusplus
}
#endif

#endif
