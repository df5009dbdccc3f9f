/* generation.h - a new generation of an index: begun beside the live
 * one, then switched in whole or abandoned.
 *
 * --rebuild, --compact and a build from nothing never write the
 * generation searches read (layout.h): they write gen-N+1/ beside gen-N/,
 * and only generation_commit() points the stub at it, with rename(2), so
 * a search opens the old or the new index, never half of one, and a run
 * killed at any moment leaves the old one whole.  Whatever a killed run
 * left behind is scratch the next run removes.  Every call is made while
 * holding the index's writer lock, so no other run writes these names.
 * Knows nothing of Xapian or the schema: directories and the stub only.
 */
#ifndef GZ_GENERATION_H
#define GZ_GENERATION_H

#include "gazette.h"

/* A generation being built.  PATH is NULL once it was committed or
 * abandoned. */
typedef struct generation {
    const char *index;      /* the index directory (not owned) */
    int live;               /* N: the generation the stub names */
    char *path;             /* gen-N+1, malloc()ed */
} generation;

/* Remove what a run killed at the wrong moment (kill -9, a second
 * signal, a crash) left in INDEX's directory: the parts of a parallel
 * build (gen-M.part-K) and every generation but the one the stub names.
 * Failures leave the scratch, which harms nothing but disk. */
void generation_clean(const char *index);

/* Begin generation N+1 of INDEX, N being the stub's: G->path names it,
 * and whatever an earlier run left there is removed, so the caller builds
 * it from nothing (a writer with WRITER_CREATE, a compaction or a merge
 * makes the directory).  Returns GZ_OK; GZ_ENOTFOUND (no stub),
 * GZ_ECORRUPT (a stub naming no generation), GZ_EIO (the leftover cannot
 * be removed: G->path names it), GZ_EOOM.  Finish G with
 * generation_commit() or generation_abandon(), also after a failure. */
gz_status generation_begin(const char *index, generation *g);

/* Switch INDEX to G's generation: the stub is replaced atomically
 * (rename(2)), then every other generation is removed.  G is finished
 * whatever the outcome: when the switch failed before the stub was
 * replaced (a full disk), the new generation is removed at once, as
 * generation_abandon() would; when it failed after, removing the old
 * ones, what is left is scratch for the next run's generation_clean().
 * Returns GZ_OK or GZ_EIO. */
gz_status generation_commit(generation *g);

/* Drop G's generation: the stub still names N and gen-N+1 is removed.
 * Does nothing for a generation already finished (committed or
 * abandoned), so it is safe on every cleanup path. */
void generation_abandon(generation *g);

#endif
