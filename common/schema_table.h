/* schema_table.h - the index schema's names: term prefixes, value slots
 * and limits, each written once.
 *
 * Every part that writes or reads index terms takes these names (the
 * document builder schema.c, the query parser query.c, the library api.c,
 * the Xapian wrapper and the programs), never a character literal or a
 * number of its own: a second copy is a future disagreement between what
 * the indexer writes and what a search looks for.  Changing a prefix or a
 * slot changes the index format (GAZETTE_SCHEMA_VERSION).
 *
 * No includes and nothing but macros and one inline test, so that C and
 * C++ (xapian_wrap.cc) can both take it as it is. */
#ifndef GZ_SCHEMA_TABLE_H
#define GZ_SCHEMA_TABLE_H

/* ---- Term prefixes ------------------------------------------------------
 * String literals, so that they paste into formats and other literals
 * (SCHEMA_PREFIX_YEAR "%04d").  Each is one upper-case ASCII letter: word
 * terms (stems, "de:haus" in a language other than the index's default)
 * are case-folded and never start with one, which is how a
 * prefixed term is told from a word (schema_term_prefixed()). */
#define SCHEMA_PREFIX_ID     "Q"   /* Q<id>: the article's unique term */
#define SCHEMA_PREFIX_TITLE  "S"   /* S<stem>: title words, with positions */
#define SCHEMA_PREFIX_SOURCE "K"   /* K<name>, K<word>: the source, folded */
#define SCHEMA_PREFIX_AUTHOR "A"   /* A<name>, A<word>: each author, folded */
#define SCHEMA_PREFIX_SITE   "H"   /* H<host>, H<parent domain>: the site */
#define SCHEMA_PREFIX_URL    "U"   /* U<url>: the url as given (schema_url_term) */
#define SCHEMA_PREFIX_YEAR   "Y"   /* Y<yyyy> */
#define SCHEMA_PREFIX_MONTH  "M"   /* M<yyyymm> */
#define SCHEMA_PREFIX_DAY    "D"   /* D<yyyymmdd> */
#define SCHEMA_PREFIX_LANG   "L"   /* L<code>: the article's language, a
                                      lang.h code (issue 22) */
/* The unstemmed words, for prefix wildcards and exact matching (Xapian's
 * raw-plus-stem scheme; doc/DECISIONS.md "Wildcards and exact words"),
 * all with positions, so that phrases may mix them with stems: */
#define SCHEMA_PREFIX_WORD   "W"   /* W<word>: tokenize()'s word, title and
                                      body (numbers too) */
#define SCHEMA_PREFIX_TITLE_WORD "T" /* T<word>: the same, title only */
#define SCHEMA_PREFIX_SURFACE "E"  /* E<surface>: token.surface, where it is
                                      not the word (capitals, accents) */

/* The length in bytes of every prefix above. */
#define SCHEMA_PREFIX_LEN 1

/* 1 when a term whose first byte is FIRST carries a prefix (an id, title,
 * source, author, site, url or date term) rather than being a word's stem: query expansion
 * and term listings offer words only. */
static inline int schema_term_prefixed(char first)
{
    return first >= 'A' && first <= 'Z';
}

/* ---- Value slots -------------------------------------------------------- */
#define SCHEMA_SLOT_DATE   0   /* "YYYYMMDD": date ranges, sorting by date */
#define SCHEMA_SLOT_ID     1   /* the article id: a stable tie-break */
#define SCHEMA_SLOT_COPY   2   /* the body's exact-copy key (signature.h) */
#define SCHEMA_SLOT_SKETCH 3   /* the body's near-duplicate sketch */
#define SCHEMA_SLOT_ORDER  4   /* date and id in one key (schema_order_key) */
#define SCHEMA_SLOT_HEAD   5   /* the stored record without its body */
#define SCHEMA_SLOT_HASH   6   /* the content hash of what made the
                                  document (schema_article_hash()); absent
                                  in documents older than issue 21 */

/* ---- Weights and positions ---------------------------------------------- */
/* Within-document frequency of each title word, so that a title match
 * outweighs a body match. */
#define SCHEMA_TITLE_WDF 2
/* Positions left empty between title and body, so no phrase spans both. */
#define SCHEMA_FIELD_GAP 100

/* ---- Limits ------------------------------------------------------------- */
/* Xapian refuses terms longer than this many bytes. */
#define SCHEMA_TERM_MAX 245
/* The one id limit, in bytes: an id becomes the term SCHEMA_PREFIX_ID id,
 * so it may take what the prefix leaves of SCHEMA_TERM_MAX (245 - 1).
 * Longer ids are refused as input, by gazette-index, gz_indexer_add() and
 * gazette-search --like alike. */
#define SCHEMA_ID_MAX 244
/* The whole-name source term, prefix and NUL included, fits in this many
 * bytes; a longer name is matched by its words only. */
#define SCHEMA_SOURCE_MAX 240
/* An article adds at most this many distinct terms, and as many distinct
 * spelling words: indexing holds each at about 1 KB (Xapian's document,
 * its buffered postings and positions, the spelling fragments), so 16 MiB
 * of words that are all different took 2 GB.  The words past the limit
 * are not indexed (a warning; the body is stored whole); the longest
 * article of ../shared/corpus has 2,775 terms and 3,851 spelling words. */
#define SCHEMA_ARTICLE_TERMS_MAX 100000

#endif
