/* update.h - one indexing run: bring the index in line with the files.
 *
 * Incremental: a file whose size and mtime match the index's bookkeeping
 * is not read; when they differ, the crc32 of its content decides; a
 * changed file replaces exactly its articles and the ids it no longer
 * gives are deleted; a file that vanished from under the paths given has
 * its articles deleted (unless keep_missing).  An article still given by
 * another file is never deleted.  Documents and bookkeeping go into the
 * same commits, so a run killed at any moment leaves an index that the
 * next run completes.  Knows nothing of the command line.
 */
#ifndef GZ_UPDATE_H
#define GZ_UPDATE_H

#include <stddef.h>
#include "stem.h"
#include "xapian_wrap.h"

typedef struct update_opts {
    unsigned long commit_every; /* commit after this many new documents */
    int keep_missing;           /* keep the articles of vanished files */
    int progress;               /* a live progress line on stderr */
} update_opts;

/* One rejected input, for --report. */
typedef struct rejection {
    char *path;
    long line;
    char *reason;
} rejection;

typedef struct update_result {
    unsigned long files, unchanged, changed, added_files, vanished;
    unsigned long articles, added, replaced, deleted;
    unsigned long warnings, rejected;
    int bad_path;               /* a path given could not be read at all */
    rejection *rejections;      /* the first UPDATE_MAX_REJECTIONS */
    size_t nrejections;
} update_result;

#define UPDATE_MAX_REJECTIONS 1000

/* Run over PATHS[0..N) into the index open in W, with stemmer ST.
 * Messages about the input go to stderr as they are found.  Commits at
 * the end.  Returns GZ_OK (the run finished, whatever the input held) or
 * the status that stopped it (the last commit stays intact). */
gz_status update_run(gz_writer *w, stemmer *st, const update_opts *opts,
                     char *const *paths, size_t n, update_result *res);

void update_result_free(update_result *res);

#endif
