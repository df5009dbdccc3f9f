/* shards.h - open the indexes one search runs over as one database.
 *
 * Each path names a Gazette index directory or a stub file (Xapian's stub
 * database format) listing shards, one a line:
 *     auto PATH          a local index (relative: to the stub's directory)
 *     remote HOST:PORT   an index served by xapian-tcpsrv
 * Blank lines and lines starting with '#' are ignored.  Every shard is
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
 * ready to be shown as it is in gz_last_error(). */
gz_status shards_open(const char *const *paths, size_t n,
                      const search_open_opts *opts, gz_db **db, stemmer **st);

#endif
