/* detect.h - the language of an article that declares none (issue 22).
 *
 * libexttextcat (LibreOffice's n-gram detector) names candidates; Gazette
 * answers a language only when it can do something with it (a Snowball
 * stemmer, or a script it cuts into bigrams) and when the text confirms
 * it: enough letters, the index default not among the candidates, and
 * the language's function words making up enough of the text's words (or,
 * for scripts without spaces and scripts of their own, enough of its
 * letters in that script).  Everything else is the FALLBACK, the index's
 * default: a wrong language costs recall on every query, a missed one
 * only stemming.  The rules and their thresholds are in doc/DECISIONS.md
 * "Languages (issue 22)"; the figures in BENCHMARKS.md.
 *
 * The answer is a pure function of the text and FALLBACK: the same
 * article gets the same language in every build, whatever else is
 * indexed with it, on any thread.
 *
 * Thread-safety: a detector is used by one thread at a time (it holds
 * libexttextcat's handle, whose answer buffer it reuses); make one per
 * writer thread.  Different detectors share nothing and run concurrently.
 * Knows nothing of articles, the index or Xapian.
 */
#ifndef GZ_DETECT_H
#define GZ_DETECT_H

#include <stddef.h>

#include "gazette.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct detector detector;

/* Bytes of an article's text a detector looks at by default: the first
 * 4 KiB, cut back to a character boundary (BENCHMARKS.md: accuracy and
 * CPU against the window). */
#define DETECT_WINDOW 4096

/* Load libexttextcat's language models (163: 10-20 ms of CPU) from
 * its Debian data directory.  Returns GZ_OK and sets *OUT (free with
 * detector_free()), GZ_EIO when the models cannot be read (package
 * libexttextcat-data missing), or GZ_EOOM. */
gz_status detector_new(detector **out);

void detector_free(detector *d);

/* Look at the first BYTES bytes of each text from now on (0: DETECT_WINDOW).
 * A knob for measurement (tests/bench/lang-accuracy.sh); the indexer keeps
 * the default, since the answer depends on it. */
void detector_set_window(detector *d, size_t bytes);

/* The language of TEXT (LEN bytes of UTF-8; invalid bytes count as
 * neither letters nor words): a lang.h code written NUL-terminated to
 * OUT.  FALLBACK (a lang.h code, the index's default) is the answer
 * whenever the text does not show another language; NULL or "" gives ""
 * then.  Returns GZ_OK, or GZ_EINVAL for a NULL D or OUT, or for a NULL
 * TEXT with LEN > 0; GZ_EOOM. */
gz_status detect_lang(detector *d, const char *text, size_t len,
                      const char *fallback, char out[LANG_MAX]);

/* What decided the last detect_lang() on D, for people and the
 * measurement: libexttextcat's answer, the shares counted and the rule
 * that gave the answer, e.g. "[de][nl] letters 812 words 131 de 0.41
 * en 0.02: confirmed".  Owned by D; valid until the next call. */
const char *detector_explain(const detector *d);

#ifdef __cplusplus
}
#endif

#endif
