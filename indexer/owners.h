/* owners.h - how many input files give each article id.
 *
 * An article is deleted only when no file gives it any more: the shared
 * corpus, for one, holds every article twice (a .txt file and a line of a
 * .jsonl.gz), and removing one form must not remove the article.  Built
 * only when a run has something to delete, so a run over an unchanged
 * corpus never pays for it.
 */
#ifndef GZ_OWNERS_H
#define GZ_OWNERS_H

#include <stddef.h>

typedef struct owners owners;

/* NULL when out of memory. */
owners *owners_new(void);
void owners_free(owners *o);

/* Add DELTA (+1 or -1) to ID's count and return the new count, or -1
 * when out of memory.  Counts never go below 0. */
long owners_add(owners *o, const char *id, int delta);

/* ID's count (0 when unknown). */
long owners_count(const owners *o, const char *id);

#endif
