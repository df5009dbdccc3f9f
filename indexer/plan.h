/* plan.h - how a build from nothing shares its files out to its parts.
 *
 * parallel.c builds PARTS databases at once and merges them in part
 * order, the later part's copy of an id winning.  The plan gives each
 * part a contiguous run of the work in walk order, so that the merge
 * keeps what one sequential run keeps.  A JSON Lines file (plain or
 * gzip) through which a boundary between parts runs is cut there into
 * pieces: the lines that start in a range of its uncompressed bytes
 * (corpus_set_range()), so one big file is read by every part, and two
 * copies of an id in it still leave the later line's.
 *
 * The plan is made once, by the thread that starts the parts, and handed
 * to them all: parts that each made it from their own look at a file
 * that grows during the build could cut it at different places, and a
 * line would be read twice or never.  A part writes the bookkeeping of
 * the pieces it reads into the plan, not into its database; after the
 * merge, plan_write_states() writes each split file's bookkeeping as one
 * read of the whole file would have.
 */
#ifndef GZ_PLAN_H
#define GZ_PLAN_H

#include <stddef.h>
#include "filestate.h"

/* A JSON Lines file is cut only into pieces of at least this much work
 * (update.c's work_of(): the text's bytes, a gzip file's three times its
 * size): a piece of a few hundred articles is worth a part's start. */
#define PLAN_MIN_PIECE ((long long)1 << 20)

typedef struct plan_piece {
    char *path;
    long long start, end;   /* the lines starting in [start, end) of the
                               uncompressed text; end -1: to the end */
    long long work_from, work;  /* its share of the file's work */
    unsigned part;
    int split;              /* the file is read in several pieces */
    int read;               /* a split piece read to its end: STATE holds
                               its bookkeeping (ids of its lines only) */
    filestate state;
} plan_piece;

typedef struct plan {
    plan_piece *pieces;     /* in walk order; a file's pieces in order */
    size_t n;
} plan;

/* Plan PARTS parts over the files PATHS[0..N) (in walk order) of work
 * WORK[0..N) into *P.  With the environment variable GAZETTE_PIECE_CUTS
 * set (tests only: t216) to uncompressed byte offsets "O1,O2,...", every
 * JSON Lines file is cut at those of them that lie within its estimated
 * size instead, its pieces going to the parts in order.  Returns GZ_OK
 * or GZ_EOOM. */
gz_status plan_make(char *const *paths, const long long *work, size_t n,
                    unsigned parts, plan *p);

/* Which piece of PATH part PART of PARTS reads: *PIECE (NULL for the
 * whole file) and 1, or 0 when it reads none of PATH.  Paths are asked
 * in walk order; *AT (0 at first) is where the search goes on.  A file
 * missing from the plan (it appeared since) is read by the last part. */
int plan_piece_of(plan *p, size_t *at, const char *path, unsigned part,
                  unsigned parts, plan_piece **piece);

/* Write into W the bookkeeping of each split file, as one read of the
 * whole file writes it: every piece's ids in order, the size, mtime and
 * crc the first piece saw, size -1 (read again next time) when a piece
 * had a rejection, was not read, or saw another size or mtime (the file
 * changed during the build).  Returns GZ_OK or the writer's status. */
gz_status plan_write_states(const plan *p, index_writer *w);

/* Print the plan's split files' pieces on stderr when the environment
 * variable GAZETTE_SHOW_PIECES is set (tests: t215 checks that a big
 * file is cut). */
void plan_show(const plan *p);

void plan_free(plan *p);

#endif
