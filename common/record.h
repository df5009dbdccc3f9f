/* record.h - the document data stored with each article in the index.
 *
 * One record per document: the fields needed to show a hit without going
 * back to the corpus.  Fields are NUL-separated (article text is NUL-free,
 * corpus.c guarantees it), behind a format tag, so decoding is a scan and
 * never a parse.  Xapian compresses the stored data itself; nothing here
 * compresses it again.  Knows nothing of Xapian.
 */
#ifndef GZ_RECORD_H
#define GZ_RECORD_H

#include <stddef.h>
#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct record {
    const char *id, *path, *title, *date, *source, *url, *author, *site,
               *body;
    const char *lang;   /* the article's language, a lang.h code ("de");
                           "" in records older than schema 6 */
    size_t body_len;
    long line;          /* line of PATH where the article starts */
    char *owned;        /* the decoded copy; record_free() releases it */
} record;

/* Encode R into a malloc()ed buffer (free() it) of *LEN bytes.  NULL
 * fields are stored as "".  Returns NULL when out of memory. */
char *record_encode(const record *r, size_t *len);

/* Decode DATA (LEN bytes, as record_encode made it, or an older
 * schema's "gz2" record, which has no lang, or "gz1" record, which has no
 * author, site and lang: they are "") into
 * *R.  The strings
 * point into a copy owned by *R: release it with record_free().  Returns
 * GZ_OK, GZ_ECORRUPT for data of another shape, GZ_EOOM. */
gz_status record_decode(const char *data, size_t len, record *r);
void record_free(record *r);

#ifdef __cplusplus
}
#endif

#endif
