/* update.h - one indexing run: bring the index in line with the files.
 *
 * Incremental: a file whose size and mtime match the index's bookkeeping
 * is not read; when they differ, the crc32 of its content decides; a
 * changed file is read again, its articles whose document would change
 * are written (the others, which the index holds exactly so, are not:
 * writer_add()'s WRITER_SAME) and the ids it no longer gives are deleted; a file that vanished from under the paths given has
 * its articles deleted (unless keep_missing).  An article still given by
 * another file is never deleted.  Documents and bookkeeping go into the
 * same commits, so a run killed at any moment leaves an index that the
 * next run completes.  Knows nothing of the command line.
 */
#ifndef GZ_UPDATE_H
#define GZ_UPDATE_H

#include <signal.h>
#include <stddef.h>
#include "plan.h"
#include "writer.h"

/* Counters several parts of one run share, for one progress line. */
typedef struct update_progress {
    _Atomic unsigned long files, articles;
    _Atomic long long bytes;
    _Atomic double drawn;       /* when a part last drew the line */
} update_progress;

typedef struct update_opts {
    unsigned long commit_every; /* commit after this many new documents */
    int keep_missing;           /* keep the articles of vanished files */
    int progress;               /* a live progress line on stderr */
    unsigned part, parts;       /* with parts > 1: read only this part of
                                   the files (PLAN's); part 0 alone
                                   reports problems of the walk */
    plan *plan;                 /* with parts > 1: the files and pieces of
                                   each part; a split file's bookkeeping
                                   goes into it, not into the index */
    update_progress *shared;    /* with parts > 1: the run's counters */
    unsigned shard, shards;     /* with shards > 1: keep only the articles
                                   of that shard (writer_keep_shard()); the
                                   others are as if absent from the files */
    int follow_symlinks;        /* follow links met in directories (walk.h) */
    const volatile sig_atomic_t *stop;
                                /* when set non-zero (by a signal handler),
                                   the run stops before the next file or
                                   article: see update_run() */
} update_opts;

/* One rejected input, for --report. */
typedef struct rejection {
    char *path;
    long line;
    char *reason;
} rejection;

typedef struct update_result {
    unsigned long files, unchanged, changed, added_files, vanished;
    unsigned long appended;     /* files that only grew, read on from where
                                   their last read ended (not "changed") */
    unsigned long articles, added, replaced, deleted;
    unsigned long articles_unchanged;   /* articles read whose document
                                   the index held exactly so, not written
                                   (writer_add()'s WRITER_SAME): articles
                                   = added + replaced + articles_unchanged */
    unsigned long kept;         /* articles of files that could not be read
                                   to their end, kept as they were */
    unsigned long rolled;       /* articles kept though their feed file no
                                   longer holds them (corpus_rolls()) */
    corpus_skips skipped;       /* web archive records that are no article */
    unsigned long warnings, rejected;
    int bad_path;               /* a path given could not be read at all */
    int interrupted;            /* the run stopped early on opts->stop */
    rejection *rejections;      /* the first UPDATE_MAX_REJECTIONS */
    size_t nrejections;
} update_result;

#define UPDATE_MAX_REJECTIONS 1000

/* Run over PATHS[0..N) into the index open in W.
 * Messages about the input go to stderr as they are found.  Commits at
 * the end.  Returns GZ_OK (the run finished, whatever the input held) or
 * the status that stopped it (the last commit stays intact).
 *
 * When *opts->stop becomes non-zero the run stops at the next clean point
 * (before a file or an article), sets res->interrupted and returns GZ_OK
 * after committing what it wrote, as the commits every commit_every
 * articles do: the bookkeeping of a file is written only once the file is
 * read whole, so the next run reads the interrupted file again and
 * finishes the job, and no vanished file is deleted.  A part of a parallel
 * build (parts > 1) does not commit: its scratch database is dropped. */
gz_status update_run(index_writer *w, const update_opts *opts,
                     char *const *paths, size_t n, update_result *res);

void update_result_free(update_result *res);

/* Add the counts and rejections of FROM to INTO (FROM is emptied). */
void update_result_add(update_result *into, update_result *from);

/* The files a run over PATHS[0..N) with OPTS reads, in the order it
 * reads them, into *FILES[0..*COUNT) (absolute paths), and the work of
 * reading each into *WORK (about the bytes of its text), for plan_make().
 * The walk's problems are left to the run to report.  The arrays and the
 * paths are the caller's to free.  Returns GZ_OK or GZ_EOOM. */
gz_status update_files(const update_opts *opts, char *const *paths, size_t n,
                       char ***files, long long **work, size_t *count);

#endif
