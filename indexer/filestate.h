/* filestate.h - what the index remembers of each input file.
 *
 * Per file: its size, mtime and the crc32 of its content when it was last
 * indexed, where that read left off (so that a file that only grew is
 * read on from there), and the ids of the articles it gave.  Kept in the index's
 * metadata (key "gazette.file:" + a 64-bit hash of the path), so it is
 * written in the same commit as the documents and the two never disagree.
 * Knows nothing of the corpus formats: corpus_end is kept as it is.
 */
#ifndef GZ_FILESTATE_H
#define GZ_FILESTATE_H

#include <stddef.h>
#include "corpus.h"
#include "writer.h"

#define FILESTATE_PREFIX "gazette.file:"

typedef struct filestate {
    char *path;             /* absolute */
    long long size;
    long long mtime_ns;
    unsigned long crc;      /* zlib crc32 of the raw file bytes */
    int feed;               /* 1 once the file was read as a feed: it keeps
                               the articles of the items it dropped, also
                               when it is later no feed (an error page
                               fetched in its place), until it is removed */
    corpus_end end;         /* where the read of its first SIZE bytes left
                               off (kind CORPUS_TAIL_NONE: the next read
                               is whole) */
    char **ids;             /* the articles the file gave */
    size_t nids, cap;
} filestate;

/* Read the state of PATH into *FS.  *FOUND is 0 when the index has none
 * (FS is then empty, its path set).  Returns GZ_OK, GZ_ECORRUPT for an
 * entry of another shape, or the wrapper's status. */
gz_status filestate_get(index_writer *w, const char *path, filestate *fs,
                        int *found);

/* Write FS, replacing any state of the same path (not yet committed). */
gz_status filestate_put(index_writer *w, const filestate *fs);

/* Forget PATH. */
gz_status filestate_remove(index_writer *w, const char *path);

/* Call FN with the state of every file, in key order, until it returns
 * non-zero.  FS is freed after the call.  FN may change metadata. */
typedef int (*filestate_fn)(void *ctx, const filestate *fs);
gz_status filestate_each(index_writer *w, filestate_fn fn, void *ctx);

/* Append ID to FS's ids (copied).  0, or -1 when out of memory. */
int filestate_add_id(filestate *fs, const char *id);

void filestate_free(filestate *fs);

#endif
