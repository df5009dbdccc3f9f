/* pending.h - the ids whose winning copy must be chosen again.
 *
 * When the file that gave an article's indexed copy stops giving it (it
 * was edited, renamed or deleted) while other files still give the same
 * id, the copy of the file that now wins must be read again.  The id goes
 * on this list, kept in the index's metadata and written in the same
 * commit as the bookkeeping that made it necessary, so a run killed
 * before it chose the new copy leaves the work to the next run instead of
 * a stale article that no run would ever look at again.
 */
#ifndef GZ_PENDING_H
#define GZ_PENDING_H

#include <stddef.h>
#include "writer.h"

#define PENDING_KEY "gazette.pending"

typedef struct pending pending;

/* Read the list as W holds it into *OUT (free with pending_free()).
 * GZ_OK, GZ_EOOM or the wrapper's status. */
gz_status pending_load(index_writer *w, pending **out);
void pending_free(pending *p);

/* Put ID on the list (once).  GZ_OK or GZ_EOOM. */
gz_status pending_add(pending *p, const char *id);

/* Whether ID is on the list. */
int pending_has(const pending *p, const char *id);

/* The ids on the list, in the order they were added; valid until P
 * changes. */
size_t pending_count(const pending *p);
const char *pending_id(const pending *p, size_t i);

/* Empty the list. */
void pending_clear(pending *p);

/* Write the list into W's metadata (not yet committed) when it changed
 * since it was loaded or saved. */
gz_status pending_save(index_writer *w, pending *p);

#endif
