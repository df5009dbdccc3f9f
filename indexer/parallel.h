/* parallel.h - a full build on every core.
 *
 * Xapian has one writer per database, and its writer, not the parsing, is
 * what a build waits for; so a build from nothing writes PARTS databases
 * at once, each from a contiguous run of the files (a big JSON Lines file
 * cut into pieces between them: plan.h), and merges them with Xapian's
 * compaction (DESIGN.md "Speed": two shards in parallel plus a merge took
 * about half the time of one writer).  An article given by files, or
 * pieces, of two parts is kept from the later part, as a sequential run
 * would keep it.
 */
#ifndef GZ_PARALLEL_H
#define GZ_PARALLEL_H

#include "update.h"

/* Build into DEST (a new directory; its parts are written beside it and
 * removed) the index of PATHS[0..N), with the stemmer LANGUAGE, in PARTS
 * threads, and the bookkeeping of every file as one thread writes it.  RES sums the parts' counts.  Returns GZ_OK or the first
 * failure (DEST is then removed). */
gz_status parallel_build(const char *dest, const char *language,
                         const update_opts *opts, unsigned parts,
                         char *const *paths, size_t n, update_result *res);

#endif
