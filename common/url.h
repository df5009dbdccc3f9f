/* url.h - the one part of a web address Gazette reads: its host name.
 *
 * An article's site (corpus.h) is a host name, lower-cased: the host of
 * its url "scheme://[user[:password]@]HOST[:port][/path?query#fragment]",
 * or a site given as such.  A host is a DNS name (ASCII letters, digits,
 * '-', '_', '.', and any byte >= 0x80 for an internationalised name left
 * in Unicode), or an IP literal ("192.0.2.1", "[2001:db8::1]").  Only
 * ASCII letters are lower-cased (a Unicode name is kept as written); a
 * trailing '.' (the DNS root) is dropped.  Knows nothing of Xapian or of
 * the index; the query parser and the corpus reader take the same rule.
 */
#ifndef GZ_URL_H
#define GZ_URL_H

#include <stddef.h>
#include "schema_table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest host kept: a host is one index term (SCHEMA_PREFIX_SITE
 * host), so it takes what the prefix leaves of SCHEMA_TERM_MAX; DNS
 * allows 253 bytes, no real site comes near. */
#define URL_HOST_MAX (SCHEMA_TERM_MAX - SCHEMA_PREFIX_LEN)

/* The host of URL (LEN bytes), lower-cased, into OUT (URL_HOST_MAX + 1
 * bytes, NUL-terminated).  Returns its length, or 0 when URL has no
 * "scheme://" or no valid host ("mailto:x@y", "file:///x", "not a url",
 * a host over URL_HOST_MAX bytes). */
size_t url_host(const char *url, size_t len, char *out);

/* As url_host() for a site written by hand: a url, or a host with an
 * optional port and path ("www.BBC.co.uk", "bbc.co.uk:443/news").
 * Returns 0 when SITE is no host name ("BBC News"). */
size_t url_site(const char *site, size_t len, char *out);

/* An article's site (corpus.h, gazette.h): SITE as url_site() reads it,
 * else URL's host (url_host()), else "", into OUT (URL_HOST_MAX + 1
 * bytes).  Returns its length; *REFUSED is 1 when SITE was given but is
 * no host name (its url's host is taken), else 0.  The one rule of the
 * corpus reader and of gz_indexer_add(). */
size_t url_article_site(const char *site, const char *url, char *out,
                        int *refused);

/* S (N bytes of valid UTF-8) made to fit in MAX bytes (MAX >
 * URL_FIT_HASH): S itself when N <= MAX, else its first bytes, cut before
 * a character, then '#' and 16 hex digits of a 64-bit FNV-1a hash of the
 * whole of S, so that a long address gives the same text in every run
 * and two long ones that share a beginning stay apart (omindex shortens
 * its long url terms the same way, with a 32-bit hash).  Writes OUT (MAX
 * + 1 bytes, NUL-terminated) and returns its length.  The one way a long
 * address is shortened: web ids (corpus.c) and url terms (schema.c). */
#define URL_FIT_HASH 17
size_t url_fit(const char *s, size_t n, size_t max, char *out);

/* 1 when HOST (LEN bytes, as url_host() gives it) is an IP address
 * literal, which has no parent domains. */
int url_host_is_ip(const char *host, size_t len);

#ifdef __cplusplus
}
#endif

#endif
