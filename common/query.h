/* query.h - the query language -> a query tree (xapian_wrap.h's gz_qnode).
 *
 * Syntax (README.md "Query syntax" is the user's version):
 *   words            all required (stemmed), ranked by BM25
 *   "a phrase"       the stems in order, adjacent (“curly” quotes too)
 *   "a phrase"~N     in order, at most N other positions among them
 *                    (title:"a phrase"~N too; N from 0 to 1000)
 *   a NEAR/5 b       words within 5 positions of each other, either order
 *                    (NEAR alone: 10); single words only: Xapian 1.4 has
 *                    no NEAR or phrase over phrases, so "a b" NEAR c is
 *                    an error that names "a b c"~N and AND instead
 *   word^2  "a b"^1.5  title:x^3  (a OR b)^2  title:(a b)^2
 *                    a boost: that part's weight times N, N a decimal
 *                    above 0 and at most 1000 with at most 3 decimals; the
 *                    order of the hits changes, never their set.  Refused
 *                    (no weight to scale) on a filter (source:, id:,
 *                    date:, *), on what '-' or NOT excludes, on a NEAR
 *                    word (boost the group: (a NEAR b)^2), and twice on
 *                    one part ((a^2)^3)
 *   a OR b, a AND b, a NOT b, -word, +word, ( ... )
 *                    operators in upper case only; "or" is a word
 *   title:word  title:"a phrase"   words of the title
 *   source:reuters  source:"CNN (Web News)"   a word of the source, or
 *                    the whole source name; case-insensitive, not stemmed
 *   id:ID            the article with that id (exact, but for a '^',
 *                    which starts a boost: id:"a^b" holds one)
 *   immigra*  title:immigra*   a word (of the title) that starts with the
 *                    prefix: the folded, unstemmed words (GZ_Q_WILDCARD)
 *   exact:US  exact:"New Deal"  unstemmed words: one folding changes
 *                    (capitals, accents) is that surface only, one it
 *                    leaves alone that word in any case (smart case)
 *   date:2021  date:2021-04  date:2021-04-06  date:2021-01..2021-06
 *   date:..2020  date:2019..  date:7d  date:2021-W14
 *   date:today  date:last_week  date:"3 days ago"..   plain dates (date.h);
 *                    in a date: value quote marks only group, so either
 *                    side of ".." may be quoted
 *   *                every article (with filters: `* date:2021`)
 *   title:(a OR b)  source:("Fox News" OR Reuters)  id:(x OR y)
 *   date:(2020 OR 2021-03)
 *                    grouping in a field: each word and phrase inside is
 *                    a value of the field, lexed as anywhere in a query
 *                    (not as a lone id: value, which keeps any character);
 *                    no field or '*' inside; a sign inside applies there
 *                    (title:(a -b))
 * A run of text that holds several words ("U.S.-China", "state-of-the-art",
 * "oil&gas") is a phrase: other punctuation separates words, as in the
 * index.  Nothing is silently rewritten: what other engines read as syntax
 * we lack (word~N, '*' inside a word or a phrase, =word, a|b), two
 * signs (--oil), a sign after a field's colon (title:-oil), NOT with a
 * sign, and a word longer than
 * TOKEN_MAX_BYTES are errors.  With QUERY_ANY the text is natural
 * language: no operator, quote, field or parenthesis means anything, every
 * word is optional and ranked, and nothing in the text can make the parse
 * fail but the absence of any word, a word too long, or the limits below.
 *
 * Words go through the same tokenize() and stemmer as the index, so a
 * query word matches exactly the words the index holds for it.  The tree
 * and every string in it are owned by the gz_query.  Knows nothing of
 * Xapian (the wrapper turns the tree into a Xapian query) nor of the
 * command line.
 */
#ifndef GZ_QUERY_H
#define GZ_QUERY_H

#include <stddef.h>
#include "date.h"
#include "schema.h"
#include "stem.h"
#include "xapian_wrap.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    QUERY_ANY = 1,      /* natural language: rank documents matching any word */
    QUERY_STOPWORDS = 2 /* with QUERY_ANY: leave out the stop words of the
                           stemmer's language (stopwords.h; none for a
                           language without a list) unless the text holds
                           nothing else; the index keeps them, so phrases
                           are unaffected */
};

/* Limits that keep any query quick, whatever its text (a query is refused
 * past them, never cut: nothing is silently rewritten).  Measured on the
 * shared corpus (28,797 articles), -o count: 1024 distinct words run in
 * 0.12 s (all of them) and 0.5 s (--any), 10,000 took 1 s and 7 s; a
 * phrase or NEAR word costs far more than a plain one (each is checked
 * position by position): 64 of them, as 32 phrases of common words or one
 * NEAR/1000 chain, take under 0.9 s, 1000 took 10 s.
 *  - QUERY_MAX_BYTES: the text (bounds the parse, and the error's echo);
 *  - QUERY_MAX_TERMS: the terms of the Xapian query: every word (also in
 *    phrases, title:, --any) and every term a field gives (id:, source:,
 *    and up to 64 for a date: range);
 *  - QUERY_MAX_POSITIONAL: the words of all phrases and NEAR groups
 *    together (a run such as "U.S.-China" is a phrase too). */
#define QUERY_MAX_BYTES 16384
#define QUERY_MAX_TERMS 1024
#define QUERY_MAX_POSITIONAL 64
/* A prefix wildcard (word*, title:word*) is one term of QUERY_MAX_TERMS
 * that may stand for up to QUERY_WILDCARD_MAX words of the index: more is
 * an error when the query runs (never a cut list), and a query holds at
 * most QUERY_MAX_WILDCARDS of them.  There is no shortest prefix: "a*"
 * fails on the cap, "zy*" runs.  Measured in BENCHMARKS.md. */
#define QUERY_WILDCARD_MAX 1000
#define QUERY_MAX_WILDCARDS 16

/* Whether the index holds TERM (a multilingual query asks it of each
 * language's stem). */
typedef int (*query_has_term_fn)(void *ctx, const char *term);

typedef struct query_opts {
    int flags;      /* QUERY_* */
    int today;      /* YYYYMMDD anchoring relative dates; 0: date_today() */
    /* Issue 22: the index's languages besides its default (the parser's
     * stemmer), whose stems carry their code (schema.h).  With none, and
     * NO_DEFAULT 0, a query is what it was before schema 6.  A word
     * becomes OP_SYNONYM of its stem in the default language and in each
     * of LANGS whose stem HAS_TERM finds; a phrase or NEAR group one per
     * language, OR'ed.  NO_DEFAULT (--lang naming other languages only):
     * the default language's stems are left out. */
    const schema_lang *langs;
    size_t nlangs;
    int no_default;
    query_has_term_fn has_term;
    void *term_ctx;
} query_opts;

typedef struct gz_query gz_query;

/* Parse TEXT with stemmer ST.  Returns GZ_OK and sets *OUT (free with
 * query_free()); GZ_EPARSE with the reason in gz_last_error() and the
 * 0-based byte column of the fault in *ERR_COL (may be NULL), also for a
 * query past one of the limits above (with QUERY_ANY too); GZ_EOOM. */
gz_status query_parse(const char *text, stemmer *st, const query_opts *opts,
                      gz_query **out, size_t *err_col);

/* Restrict Q to articles dated within RANGE (inclusive, 0 = open end);
 * undated articles never pass.  Returns GZ_OK or GZ_EOOM. */
gz_status query_restrict_dates(gz_query *q, date_range range);

/* Make Q find the articles like another (gazette-search --like): the
 * TERMS (N index terms, e.g. an ESet of the article, each scaled by
 * WEIGHTS[i]) ranked as alternatives, restricted to what Q matched (its
 * words then filter, without weight; parse "*" for no restriction), and
 * never the article with IDTERM itself.  The terms are highlighted.
 * Returns GZ_OK or GZ_EOOM. */
gz_status query_like(gz_query *q, const char *const *terms,
                     const double *weights, size_t n, const char *idterm);

/* The tree to run, owned by Q. */
const gz_qnode *query_tree(const gz_query *q);

/* The stems a hit's snippet should highlight (the query's positive words,
 * title: words included), owned by Q; for exact: words and wildcards the
 * unstemmed term instead ("ENew", "Wpresident", "Wimmigra*", as
 * snippet_make() takes them). */
size_t query_stem_count(const gz_query *q);
const char *query_stem(const gz_query *q, size_t i);

/* The parsed tree in a compact readable form ("AND(olymp, boycott)"),
 * malloc()ed (free() it); NULL when out of memory. */
char *query_describe(const gz_query *q);

void query_free(gz_query *q);

#ifdef __cplusplus
}
#endif

#endif
