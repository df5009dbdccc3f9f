/* walk.h - turn the paths on the command line into the files to read.
 *
 * A file named on the command line is always read, whatever its name.
 * Directories are walked recursively in name order (so runs are
 * reproducible) and give the files whose names say they are articles:
 * *.txt, *.text, *.jsonl, *.ndjson, each optionally + .gz.  Hidden
 * entries (".git", ".cache") are skipped, and so are symbolic links met
 * inside a directory, so a walk never leaves the tree it was given nor
 * loops.  Knows nothing of the index.
 */
#ifndef GZ_WALK_H
#define GZ_WALK_H

#include <stddef.h>

/* Called for each file to read, in order.  Non-zero stops the walk. */
typedef int (*walk_file_fn)(void *ctx, const char *path);

/* Called for each path that cannot be read (ERR is an errno value).
 * Non-zero stops the walk. */
typedef int (*walk_error_fn)(void *ctx, const char *path, int err);

/* Walk PATHS[0..N).  Returns 0, or the first non-zero callback value. */
int walk_paths(char *const *paths, size_t n, walk_file_fn on_file,
               walk_error_fn on_error, void *ctx);

/* 1 when a file met in a directory walk should be read. */
int walk_wanted_name(const char *name);

#endif
