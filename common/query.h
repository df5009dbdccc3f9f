/* query.h - the query language -> a query tree (xapian_wrap.h's gz_qnode).
 *
 * Words go through the same tokenize() and stemmer as the index, so a
 * query word matches exactly the words the index holds for it.  The tree
 * and every string in it are owned by the gz_query.  Knows nothing of
 * Xapian (the wrapper turns the tree into a Xapian query) nor of the
 * command line.
 */
#ifndef GZ_QUERY_H
#define GZ_QUERY_H

#include <stddef.h>
#include "stem.h"
#include "xapian_wrap.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    QUERY_ANY = 1   /* rank documents matching any word, not only all */
};

typedef struct gz_query gz_query;

/* Parse TEXT with stemmer ST.  FLAGS is a set of QUERY_*.  Returns GZ_OK
 * and sets *OUT (free with query_free()); GZ_EPARSE with the reason in
 * gz_last_error() and the 0-based byte column in *ERR_COL (may be NULL);
 * GZ_EOOM. */
gz_status query_parse(const char *text, stemmer *st, int flags,
                      gz_query **out, size_t *err_col);

/* The tree to run, owned by Q. */
const gz_qnode *query_tree(const gz_query *q);

/* The stems a hit's snippet should highlight (the query's positive
 * words), owned by Q. */
size_t query_stem_count(const gz_query *q);
const char *query_stem(const gz_query *q, size_t i);

void query_free(gz_query *q);

#ifdef __cplusplus
}
#endif

#endif
