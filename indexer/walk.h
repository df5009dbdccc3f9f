/* walk.h - turn the paths on the command line into the files to read.
 *
 * A file named on the command line is always read, whatever its name, and
 * a symbolic link named there is followed.  Directories are walked
 * recursively in name order (so runs are reproducible) and give the files
 * whose names say they are articles: *.txt, *.text, *.jsonl, *.ndjson,
 * web pages, feeds and web archives (*.html, *.htm, *.xhtml, *.rss,
 * *.atom, *.xml, *.warc, *.arc), each optionally + .gz (what a file
 * holds is then told by its content, corpus.h).  Hidden entries (".git", ".cache") are skipped.
 * Symbolic links met inside a directory are skipped too, so a walk never
 * leaves the tree it was given, unless WALK_FOLLOW_SYMLINKS: then they are
 * followed wherever they lead, and a file is given under the path that
 * leads to it through the links ("ROOT/latest/a.txt").  Either way each
 * directory is walked once, by its device and inode: a link (or a bind
 * mount) back to a directory being walked is a loop, reported and not
 * entered; one to a directory already walked is skipped quietly.  Knows
 * nothing of the index.
 */
#ifndef GZ_WALK_H
#define GZ_WALK_H

#include <stddef.h>

enum { WALK_FOLLOW_SYMLINKS = 1 };

typedef enum walk_problem {
    WALK_UNREADABLE,    /* stat() or opendir()/readdir() failed: ERR says why */
    WALK_NOT_FILE,      /* a path given is neither a regular file nor a
                           directory (a fifo, a device) */
    WALK_LOOP,          /* a link leads back to a directory being walked */
    WALK_BROKEN_LINK    /* WALK_FOLLOW_SYMLINKS: a link leads nowhere (ERR) */
} walk_problem;

/* Called for each file to read, in order.  Non-zero stops the walk. */
typedef int (*walk_file_fn)(void *ctx, const char *path);

/* Called for each path that cannot be walked; for a directory, nothing
 * under PATH was seen.  ERR is an errno value.  Non-zero stops the walk. */
typedef int (*walk_error_fn)(void *ctx, const char *path, int err,
                             walk_problem problem);

/* Walk PATHS[0..N) with FLAGS (WALK_*).  Returns 0, the first non-zero
 * callback value, or -1 out of memory (reported through ON_ERROR as
 * WALK_UNREADABLE with ENOMEM first). */
int walk_paths(char *const *paths, size_t n, int flags, walk_file_fn on_file,
               walk_error_fn on_error, void *ctx);

/* The order of paths A and B in a walk of their common directory: byte
 * order of their components, which is strcmp() with '/' below every other
 * byte ("a/b" before "a-c").  <0, 0 or >0.  gazette-index reads files in
 * this order whatever the order of the paths given, so the file that
 * comes last wins an id that several files give, in every kind of run. */
int walk_order(const char *a, const char *b);

/* 1 when a file met in a directory walk should be read. */
int walk_wanted_name(const char *name);

#endif
