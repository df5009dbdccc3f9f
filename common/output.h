/* output.h - write search hits as text or JSON Lines.
 *
 * The only code that knows how a hit looks to a person (text, optionally
 * coloured) or to a program (JSON Lines, schema GZ_JSON_SCHEMA, documented
 * in README.md).  Never decides what matches; never touches the index.
 */
#ifndef GZ_OUTPUT_H
#define GZ_OUTPUT_H

#include <stdio.h>
#include "record.h"
#include "snippet.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GZ_JSON_SCHEMA 1

typedef enum out_format {
    OUT_TEXT,
    OUT_JSON
} out_format;

typedef struct hit_view {
    unsigned rank;          /* 1-based, counting --offset */
    double score;
    const record *rec;
    const snippet *snip;    /* may be NULL */
} hit_view;

/* Write one hit to F.  COLOR adds ANSI colours to text output.  Returns 0,
 * or -1 when F cannot be written (errno says why; EPIPE for a closed
 * pipe). */
int output_hit(FILE *f, out_format fmt, int color, const hit_view *h);

/* Copy S (LEN bytes) replacing invalid UTF-8 by U+FFFD, so file names of
 * any bytes still give valid JSON.  malloc()ed; NULL when out of memory. */
char *utf8_repaired(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
