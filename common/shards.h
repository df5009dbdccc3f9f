/* shards.h - open the indexes one search runs over as one database.
 *
 * Each path names a Gazette index directory or a stub file (Xapian's stub
 * database format) listing shards, one a line:
 *     auto PATH          a local index (relative: to the stub's directory)
 *     remote HOST:PORT   an index served by xapian-tcpsrv
 * Blank lines and lines starting with '#' are ignored.  An entry may be
 * a stub file in turn.  Stub files that lead back to themselves, and
 * entries that reach one database twice (by any spelling of its path, a
 * symbolic link, another stub or the XAPIANDB an index folder holds;
 * remote ones by HOST:PORT) are refused: Xapian would recurse until the
 * stack overflows, or count the database's articles twice.  Every shard is
 * opened on its own first, so a shard that is down is named, and skipped
 * when partial results are allowed; each is checked against the schema
 * (a remote one through its own metadata) and all must share one stemmer;
 * then they are combined (Xapian's add_database) so statistics, and so
 * scores, equal one index holding every article.  Knows nothing of
 * queries or output, and never prints: search.c is its only user.
 */
#ifndef GZ_SHARDS_H
#define GZ_SHARDS_H

#include <stddef.h>
#include "search.h"
#include "stem.h"
#include "xapian_wrap.h"

/* Open every shard of PATHS[0..N) as one *DB with the stemmer *ST of
 * their language (close and free both).  A shard that cannot be opened
 * is an error naming it, unless OPTS->allow_partial, where it is a
 * warning given to OPTS->warn (when not NULL) and the search goes on over
 * the others (not when none is left).  Returns GZ_OK or the status of
 * what failed, with a message that names the shard ("NAME: REASON")
 * ready to be shown as it is in gz_last_error(); GZ_EFORMAT for a stub
 * file that is not one, loops or lists a database twice, naming the
 * stub file and line and the entry. */
gz_status shards_open(const char *const *paths, size_t n,
                      const search_open_opts *opts, gz_db **db, stemmer **st);

/* Refuse PATH, an index, a shard or a stub file about to be opened some
 * other way (for writing), when opening it would follow stub files in a
 * loop or reach one database twice.  Returns GZ_OK (also when PATH is no
 * index: opening it will say so), GZ_EFORMAT (with the stub file, line
 * and entry in gz_last_error()), GZ_EIO (a stub file cannot be read),
 * GZ_EOOM. */
gz_status shards_check(const char *path);

#endif
