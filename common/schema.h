/* schema.h - how an article becomes a Xapian document, and the checks that
 * keep an index and the code that reads it in agreement.
 *
 * The index schema (DESIGN.md "Words, stems and the index schema"; the
 * prefixes, slots and limits are named in schema_table.h):
 *  - each article is indexed in one language (schema_lang; schema 6,
 *    issue 22): the stems of the index's default language (--language)
 *    are written as they are, those of any other language as
 *    "<code>:<stem>" ("de:haus"), so that German "die" is not English
 *    "die"; a language without a Snowball stemmer has its folded words
 *    so prefixed; boolean term SCHEMA_PREFIX_LANG <code> on every
 *    document (lang:de);
 *  - stems of title and body with positions; title words count
 *    SCHEMA_TITLE_WDF times, so a title match outweighs a body match;
 *  - title stems again under SCHEMA_PREFIX_TITLE, with positions (title:
 *    queries);
 *  - boolean terms SCHEMA_PREFIX_ID <id>, _YEAR <yyyy>, _MONTH <yyyymm>,
 *    _DAY <yyyymmdd>, and _SOURCE <source> for the whole case-folded
 *    source name and for each word of it; _AUTHOR the same for each
 *    author (schema_author_terms()); _SITE <host> for the site and each
 *    of its parent domains (schema_site_terms()); _URL <url>
 *    (schema_url_term());
 *  - value slot SCHEMA_SLOT_DATE holds YYYYMMDD (range filters, sorting),
 *    SCHEMA_SLOT_ID the article id (a stable tie-break in sorting),
 *    SCHEMA_SLOT_ORDER both in one key (schema_order_key()), so that the
 *    matcher reads one value per candidate to break ties, not two,
 *    SCHEMA_SLOT_COPY and SCHEMA_SLOT_SKETCH the body's signature
 *    (signature.h: copies collapse, near-duplicates merge),
 *    SCHEMA_SLOT_HEAD the stored record without its body, so that a
 *    listing (ids, files, titles) inflates no body, SCHEMA_SLOT_HASH the
 *    content hash of the article and path it was made of
 *    (schema_article_hash()), so that an article read again unchanged is
 *    not written again;
 *  - the words of title and body (case-folded, unstemmed, no numbers) in
 *    Xapian's spelling table, for "did you mean";
 *  - the stored record of record.h.
 * An article's words count up to SCHEMA_ARTICLE_TERMS_MAX distinct terms
 * or spelling words; the rest are not indexed (schema_doc_build()).
 * Metadata: "gazette.schema", "gazette.stemmer", "gazette.stemmer_check"
 * (stemmer_fingerprint()), checked on every open.
 */
#ifndef GZ_SCHEMA_H
#define GZ_SCHEMA_H

#include "corpus.h"
#include "lang.h"
#include "schema_table.h"
#include "stem.h"
#include "tokenize.h"
#include "xapian_wrap.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SCHEMA_META_VERSION "gazette.schema"
#define SCHEMA_META_STEMMER "gazette.stemmer"
#define SCHEMA_META_STEMCHECK "gazette.stemmer_check"

/* The language an article's words are indexed in: CODE (a lang.h code,
 * "de"), ST its stemmer (NULL when Snowball has none: words are indexed
 * as folded), PREFIXED non-zero when CODE is not the index's default
 * language, so that every stem is written "<code>:<stem>".  An index's
 * default language is { its code, its stemmer, 0 }. */
typedef struct schema_lang {
    const char *code;
    stemmer *st;
    int prefixed;
} schema_lang;

/* Bytes a stem term made by schema_stem_term() takes at most, NUL
 * included: a code, ':' and a stem of a tokenizer word. */
#define SCHEMA_STEM_MAX (LANG_MAX + 4 * TOKEN_MAX_BYTES + 2)

/* The stem term of WORD (LEN bytes, a tokenize_in() word) in language L:
 * its stem, or "<code>:<stem>" when L is PREFIXED.  Returns it (in BUF,
 * or owned by L's stemmer until its next call) and sets *TERM_LEN.  The
 * index and the query parser both make stems here. */
const char *schema_stem_term(const schema_lang *l, const char *word,
                             size_t len, char buf[SCHEMA_STEM_MAX],
                             size_t *term_len);

/* Build the document for article A read from PATH in language LANG.
 * Returns GZ_OK and sets *OUT (free with gz_doc_free()), or GZ_EOOM /
 * the wrapper's status.  *CUT (may be NULL) is 1 when A's words reached
 * SCHEMA_ARTICLE_TERMS_MAX distinct terms or spelling words: the words
 * from there on are not indexed (the stored record still holds the whole
 * body), else 0. */
gz_status schema_doc_build(const schema_lang *lang, const article *a,
                           const char *path, gz_doc **out, int *cut);

/* The content hash of article A read from PATH: 64 bits of hash64()
 * over every field of A (the date's absence told from an empty date, the
 * declared language included; the language the writer decides is a
 * function of the article and the index, writer_article_lang(), so it
 * needs no place here) and PATH, each behind its length, so that no change to what
 * schema_doc_build() makes a document of, nor bytes moved from one field
 * to the next, gives the same hash.  Written to OUT as SCHEMA_HASH_BYTES
 * bytes, most significant first: the document's SCHEMA_SLOT_HASH value. */
#define SCHEMA_HASH_BYTES 8
void schema_article_hash(const article *a, const char *path,
                         char out[SCHEMA_HASH_BYTES]);

/* Write the term PREFIX (one of SCHEMA_PREFIX_*, or "" for none) followed
 * by the LEN bytes of TEXT into OUT, NUL-terminated; OUT needs
 * strlen(PREFIX) + LEN + 1 bytes.  Returns the term's length.  Every term
 * of the schema is made here, by the indexer and the query parser alike. */
size_t schema_term(char *out, const char *prefix, const char *text,
                   size_t len);

/* Source names are matched as words, unstemmed: "CNN (Web News)" is found
 * by Kcnn, Kweb, Knews and by the whole name "Kcnn web news".  Writes the
 * whole-name term into TERM (NUL-terminated, *TERM_LEN bytes) and, when
 * EACH is not NULL, calls it with every one-word term.  Returns the number
 * of words (0: the name has none), or -1 when EACH returned non-zero. */
typedef int (*source_word_fn)(void *ctx, const char *term, size_t len);
long schema_source_terms(const char *source, size_t len,
                         char term[SCHEMA_SOURCE_MAX], size_t *term_len,
                         source_word_fn each, void *ctx);

/* Authors are matched as sources are, each on its own: AUTHOR (LEN
 * bytes) is split into names at ',', ';', '&' and the word "and" ("Jane
 * Doe, John Smith and Ann Lee" is three names; "Doe, Jane" is two, so
 * the query "Jane Doe" does not find it, but jane and doe do).  EACH is
 * called with each name's whole-name term (SCHEMA_PREFIX_AUTHOR "jane
 * doe"; none for a name longer than SCHEMA_SOURCE_MAX allows) and, when
 * WORDS, with each word's term ("Ajane", "Adoe").  Returns the number of
 * names that hold a word, or -1 when EACH returned non-zero. */
long schema_author_terms(const char *author, size_t len, int words,
                         source_word_fn each, void *ctx);

/* The site's terms: EACH is called with SCHEMA_PREFIX_SITE HOST and,
 * unless HOST (LEN bytes, url.h's host name) is an IP address, with each
 * of its parent domains down to the top-level one ("www.bbc.co.uk":
 * Hwww.bbc.co.uk, Hbbc.co.uk, Hco.uk, Huk), so that site:bbc.co.uk finds
 * every host of the BBC.  Without a list of public suffixes "co.uk" and
 * "uk" cannot be told from a site, and site:uk or site:gov.uk is a
 * question worth asking of policy news.  Returns 0, or EACH's non-zero. */
int schema_site_terms(const char *host, size_t len, source_word_fn each,
                      void *ctx);

/* The url term of URL (LEN bytes) into OUT (SCHEMA_TERM_MAX + 1 bytes,
 * NUL-terminated): SCHEMA_PREFIX_URL URL, exactly as given; a url too
 * long for a term is shortened by url_fit() (its beginning and a hash of
 * the whole, as Xapian's omindex does for its long U terms), so that
 * long urls which differ only at their end stay apart.  Returns the
 * term's length. */
size_t schema_url_term(const char *url, size_t len, char *out);

/* The SCHEMA_SLOT_ORDER value of an article dated YMD ("YYYYMMDD", or
 * NULL: undated) with id ID: keys in ascending byte order put the newest
 * first (each digit of the date complemented to 9), undated articles
 * after every dated one, and equal dates by id, ascending.  OUT needs
 * SCHEMA_ORDER_MAX bytes; returns the key's length. */
#define SCHEMA_ORDER_MAX (8 + SCHEMA_ID_MAX)
size_t schema_order_key(const char *ymd, const char *id, char *out);

/* 1 when ID can be an article id (not empty, at most SCHEMA_ID_MAX bytes). */
int schema_id_ok(const char *id);

/* The shard (0..SHARDS-1) article ID belongs to: FNV-1a (32 bits) of the
 * id's bytes modulo SHARDS, so an article always lands in the same shard
 * (gazette-index --shard K/N).  SHARDS must be at least 1. */
unsigned schema_shard_of(const char *id, unsigned shards);

/* The unique-id term of article ID (SCHEMA_PREFIX_ID ID), malloc()ed;
 * NULL on OOM. */
char *schema_idterm(const char *id);

/* Check the metadata of the index open in W.  A new (empty, unmarked)
 * index is marked with the schema and ST's language and fingerprint.
 * Returns GZ_OK, or GZ_EVERSION with a message saying what differs. */
gz_status schema_check_writer(gz_writer *w, stemmer *st);

/* As schema_check_writer(), for an index that --rebuild is about to
 * replace: another schema version, a libstemmer that stems otherwise or
 * another language (--language) is what the rebuild changes, so only a
 * foreign index (not Gazette's) is refused. */
gz_status schema_check_rebuild(gz_writer *w, stemmer *st);

/* The stemmer for writing to the index open in W: the one it was built
 * with, or LANGUAGE (NULL: English) for a new one.  GZ_EVERSION when
 * LANGUAGE names another than the index's, unless REPLACING (--rebuild,
 * which may change it); GZ_EINVAL for an unknown one. */
gz_status schema_writer_stemmer(gz_writer *w, const char *language,
                                int replacing, stemmer **out);

/* Read the stemmer language an index was built with into *LANGUAGE
 * (malloc()ed), checking the schema version.  Returns GZ_OK, GZ_EVERSION
 * (another schema, or not a Gazette index), or the wrapper's status. */
gz_status schema_db_language(gz_db *db, char **language);

/* Check that ST stems as the one that built DB did.  GZ_OK or GZ_EVERSION. */
gz_status schema_check_db(gz_db *db, stemmer *st);

#ifdef __cplusplus
}
#endif

#endif
