/* hash.h - the one 64-bit hash of bytes: FNV-1a.
 *
 * Used where a stable fingerprint of text is stored or compared: the
 * tail of a url or id cut to fit a term (url_fit()), a feed item's made
 * id, the body's copy key and sketch (signature.c), a file's bookkeeping
 * key (indexer/filestate.c), an article's content hash (schema.c).  Its
 * values are stored in indexes, so they must never change: FNV-1a 64 as
 * published, byte by byte, the same on every machine.  Not for
 * anything an adversary could aim at (no seed, no collision resistance).
 */
#ifndef GZ_HASH_H
#define GZ_HASH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* FNV-1a 64's offset basis: the hash of no bytes. */
#define HASH64_INIT 0xcbf29ce484222325ull

/* H continued over the LEN bytes at DATA: hash64(HASH64_INIT, s, n) is
 * FNV-1a 64 of S, and hashing in pieces gives what hashing the whole
 * does. */
uint64_t hash64(uint64_t h, const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
