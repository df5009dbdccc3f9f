/* extract.h - gazette-index --extract: what would be indexed, shown.
 *
 * Reads files as a run does (walk.h, corpus.h) and writes every article
 * as one line of the JSON Lines input format on stdout, touching no
 * index: indexing that output gives the same articles (only their path
 * and line differ).  "lang", the declared language's code, is written
 * last and only when the article has one.  Problems go to stderr as a run reports them.
 */
#ifndef GZ_EXTRACT_H
#define GZ_EXTRACT_H

#include <stddef.h>

/* Extract the articles under PATHS[0..N) (walked with WALK_FLAGS).
 * Returns an exit status of run.h: EXIT_DONE, EXIT_REJECTED (some input
 * was rejected), EXIT_ERROR (out of memory, stdout unwritable). */
int extract_paths(char *const *paths, size_t n, int walk_flags);

#endif
