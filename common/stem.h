/* stem.h - libstemmer (Snowball) behind a small cache.
 *
 * One stemmer for index and query time.  A stemmer is not thread-safe:
 * each thread makes its own; each holds a cache of recent stems, 16 KB
 * growing to 2 MB as it is used.
 * Knows nothing of Xapian.
 */
#ifndef GZ_STEM_H
#define GZ_STEM_H

#include <stddef.h>
#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stemmer stemmer;

#define STEM_DEFAULT_LANGUAGE "english"

/* Make a stemmer for LANGUAGE (a libstemmer algorithm name such as
 * "english", "french", "porter").  Returns GZ_OK and sets *OUT (free with
 * stemmer_free()), GZ_EINVAL for a language libstemmer does not know, or
 * GZ_EOOM. */
gz_status stemmer_new(const char *language, stemmer **out);

void stemmer_free(stemmer *s);

/* The stem of WORD (LEN bytes, already tokenised and normalised).  Sets
 * *STEM_LEN.  The result is NUL-terminated and owned by S; it stays valid
 * until the next call on S.  Never fails: a word the stemmer cannot take
 * comes back unchanged.  A word containing an ASCII digit or a period
 * ("1980s", "3.5", "u.s") is a name, not an inflected word, and also comes
 * back unchanged, so "u.s" can never meet "us".  (Only if memory runs out
 * for a word over 255 bytes, which the tokeniser never makes, is it cut.) */
const char *stemmer_stem(stemmer *s, const char *word, size_t len,
                         size_t *stem_len);

/* The language S was made for. */
const char *stemmer_language(const stemmer *s);

/* A fingerprint of what S does: 8 lower-case hex digits, the crc32 of the
 * stems of a fixed list of words joined by newlines.  Stored in the index,
 * so a different libstemmer release that stems differently is caught on
 * open instead of silently missing words.  The string is owned by S.  The
 * first call stems those words, so like stemmer_stem() it ends the life of
 * the last stem returned. */
const char *stemmer_fingerprint(stemmer *s);

/* The version of libstemmer in use, for --version.  libstemmer has no
 * version call: this is the Debian package version the build found
 * (GZ_LIBSTEMMER_VERSION, from the Makefile), else "unknown". */
const char *stemmer_library_version(void);

#ifdef __cplusplus
}
#endif

#endif
