/* layout.h - where an index's files live, and how a new generation of
 * them replaces the old atomically.
 *
 * An index is a directory INDEX/ holding XAPIANDB, a Xapian stub file
 * ("auto gen-N"), and gen-N/, the database itself.  Readers and writers
 * open INDEX and Xapian follows the stub.  --rebuild and --compact write
 * gen-N+1/ beside gen-N/ and replace the stub with rename(2), so a search
 * opens the old or the new generation, never half of one.  Knows nothing
 * of the schema; reaches Xapian only through xapian_wrap.h.
 */
#ifndef GZ_LAYOUT_H
#define GZ_LAYOUT_H

#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The file a run holding an index's lock leaves in its directory, with
 * its pid. */
#define LAYOUT_PID_FILE "writer.pid"

/* Whether INDEX may be written as an index, asked before anything is
 * written there.  It may when it is missing, or a folder that is
 * - a Gazette index: its stub names a generation ("auto gen-N"), or
 * - empty but for what Gazette's own runs leave before the stub is first
 *   written (a first run killed early): writer.pid, gen-N/, gen-N.part-K/,
 *   XAPIANDB.tmp; and lost+found, the root of a new file system.
 * Returns GZ_OK; GZ_EINVAL for a file, or a folder holding anything else
 * (a corpus, a Xapian database that is not an index of this layout: a
 * generation folder given on its own, another program's), with a message
 * saying what to do; GZ_ECORRUPT for a stub that names no generation;
 * GZ_EIO when INDEX cannot be read.  Reads only. */
gz_status layout_check(const char *index);

/* Make INDEX a new, empty index unless it is one (layout_check() first:
 * nothing is written where it refuses), with any missing parent
 * directories.  *CREATED says which.  Returns GZ_OK, layout_check()'s
 * refusals, GZ_EIO (the directory cannot be made: detail in
 * gz_last_error()), or the wrapper's status. */
gz_status layout_ensure(const char *index, int *created);

/* *INSIDE: whether a file created at PATH would be INDEX's directory or
 * inside it, once ".", ".." and symbolic links are resolved, also those
 * at PATH's end that point to nothing yet, and also when INDEX or PATH's
 * folders do not exist yet.  Returns GZ_OK, GZ_EIO (a path that cannot be
 * resolved: a loop of links, a file where a folder should be, no
 * permission) or GZ_EOOM. */
gz_status layout_contains(const char *index, const char *path, int *inside);

/* The current generation's number, from the stub.  GZ_ENOTFOUND when
 * INDEX has no stub (not an index of this layout). */
gz_status layout_generation(const char *index, int *gen);

/* The path of the file NAME in INDEX's directory ("writer.pid"),
 * malloc()ed; NULL on OOM. */
char *layout_file(const char *index, const char *name);

/* The path of generation GEN of INDEX, malloc()ed; NULL on OOM. */
char *layout_gen_path(const char *index, int gen);

/* Point INDEX's stub at generation GEN (atomically), then remove every
 * other generation's directory.  GZ_OK or GZ_EIO. */
gz_status layout_switch(const char *index, int gen);

/* Remove the directory tree PATH (a leftover generation).  GZ_OK when
 * it is gone or never was, else GZ_EIO. */
gz_status layout_remove(const char *path);

/* As layout_remove(), for a tree no reader ever opened (a generation
 * never switched in): each file is emptied before it is unlinked, so its
 * space comes back at once even if this process still holds it open -
 * Xapian 1.4 leaves the files of a failed compaction open - and a full
 * disk does not stay full until the process ends.  Never for a generation
 * that was live: a search may still be reading it. */
gz_status layout_discard(const char *path);

/* Bytes used by the files under PATH (for --compact's report). */
long long layout_size(const char *path);

#ifdef __cplusplus
}
#endif

#endif
