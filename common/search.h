/* search.h - the one search path: open the indexes, parse a query, run it
 * and read its hits.
 *
 * libgazette's gz_search() (api.c) and gazette-search (searcher/) both
 * stand on this module, the way notmuch's command line stands on
 * libnotmuch, so a search asked the same way gives the same hits through
 * either.  It holds every default a plain search runs with (below, and
 * ranking.h's BM25 parameters), the one mapping from the options to the
 * wrapper's, and the views of a match set the program shows (analyst.c):
 * nothing outside common/ reaches the index but through these calls.
 * Never prints: failures are statuses with gz_last_error(), warnings go
 * to a callback.
 */
#ifndef GZ_SEARCH_H
#define GZ_SEARCH_H

#include <stddef.h>
#include "date.h"
#include "gazette.h"
#include "ranking.h"
#include "record.h"
#include "snippet.h"
#include "stem.h"
#include "tokenize.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Defaults: the one place ---------------------------------------------
 * gz_search_options_init() and gazette-search both take these, and
 * ranking.h's, through search_options_init(). */
#define SEARCH_DEFAULT_LIMIT 10
#define SEARCH_DEFAULT_SNIPPET_WORDS 30
#define SEARCH_DEFAULT_TIMEOUT_MS 10000 /* a remote shard's answer */
/* query.h's QUERY_MAX_BYTES (checked in search.c), for a reader of
 * queries that must size its line without the parser's header. */
#define SEARCH_QUERY_MAX_BYTES 16384

/* Fill O with the defaults of a plain search: limit 10, collapse on,
 * BM25 from ranking.h, stop words left out of --any queries, expansion
 * off (with ranking.h's parameters), snippets of 30 words. */
void search_options_init(gz_search_options *o);

/* Fill T with ranking.h's defaults. */
void search_tuning_init(ranking_tuning *t);

/* ---- A request ------------------------------------------------------------ */

/* One search as asked: the public options, the finer ranking settings,
 * and what they resolve to. */
typedef struct search_request {
    gz_search_options opts;
    ranking_tuning tune;    /* ranking.h's defaults, or $GAZETTE_RANKING's */
    int today;          /* YYYYMMDD relative dates count back from */
    date_range dates;   /* since/until/on; 0 = open */
    int head_only;      /* the hits' records may lack the body (ids, paths
                           only): read from the smaller stored head */
} search_request;

/* Resolve REQ->opts's dates into REQ->today and REQ->dates.  Messages
 * name an option as DASH followed by its name ("--since" for "--").
 * Returns GZ_OK; GZ_EPARSE (a date that cannot be parsed, a NOW that is
 * not one day); GZ_EINVAL (the dates leave no day). */
gz_status search_request_dates(search_request *req, const char *dash);

/* GZ_OK when REQ->opts are in range (a known order, BM25 and expansion
 * parameters as gz_search_options says) and REQ->tune as ranking.h says,
 * else GZ_EINVAL. */
gz_status search_request_check(const search_request *req);

/* ---- The indexes ------------------------------------------------------------ */

typedef struct search_index search_index;

typedef void (*search_warn_fn)(void *ctx, const char *message);

typedef struct search_open_opts {
    unsigned timeout_ms;    /* for remote shards; 0: no limit */
    int allow_partial;      /* skip shards that cannot be opened */
    search_warn_fn warn;    /* told of each skipped shard (may be NULL) */
    void *warn_ctx;
} search_open_opts;

/* Open PATHS[0..N) (index directories or stub files of shards: shards.h)
 * as one index, checking each one's schema and that they share one
 * stemmer.  On failure gz_last_error() names the index or shard.  Close
 * *OUT with search_close(). */
gz_status search_open(const char *const *paths, size_t n,
                      const search_open_opts *opts, search_index **out);
void search_close(search_index *si);

/* Bring SI up to the latest commit. */
gz_status search_reopen(search_index *si);
/* The number of articles as of SI's last reopen. */
gz_status search_doccount(search_index *si, unsigned long *count);
/* "PATH" for one index, "the shards" for several: for messages. */
const char *search_name(const search_index *si);

/* ---- A query --------------------------------------------------------------- */

typedef struct gz_query gz_query;   /* query.h */

/* Parse TEXT for REQ (natural language and stop words from REQ->opts,
 * relative dates from REQ->today), turn it into the articles like
 * article LIKE when LIKE is not NULL (gazette-search --like: TEXT then
 * only restricts them), and restrict it to REQ->dates.  Returns GZ_OK
 * and *OUT (query_free() it, or search_query_free()); GZ_EPARSE with the
 * byte column in *ERR_COL (may be NULL); GZ_EINVAL (LIKE is not an
 * article id); GZ_ENOTFOUND (no article LIKE: "no article with id 'ID'
 * in NAME"); GZ_EOOM; the index's statuses. */
gz_status search_parse(search_index *si, const char *text,
                       const search_request *req, const char *like,
                       gz_query **out, size_t *err_col);
void search_query_free(gz_query *q);

/* The parsed query ("AND(olymp, boycott)") and Xapian's description of
 * it ("Query(...)"), both malloc()ed; GZ_OK or GZ_EOOM. */
gz_status search_explain(const gz_query *q, char **mine, char **xapian);

/* The passage of REC's body that best matches Q, of at most WORDS words,
 * with Q's words marked (snippet.h).  GZ_OK or GZ_EOOM. */
gz_status search_snippet(search_index *si, const gz_query *q,
                         const record *rec, unsigned words, snippet *out);

/* Call FN with each word of REC's title, then of its body, as the index
 * holds it: tokenized and stemmed in REC's language, STEM (LEN bytes)
 * the stem term ("haus", "de:haus"), until FN returns non-zero.
 * Returns 0, FN's non-zero value, or -1 when out of memory (tokenize()). */
typedef int (*search_word_fn)(void *ctx, const token *tok, const char *stem,
                              size_t len);
int search_record_words(const search_index *si, const record *rec,
                        search_word_fn fn, void *ctx);

/* ---- Running it ------------------------------------------------------------ */

typedef struct search_results search_results;

/* Run Q as REQ asks (its limit, offset, order, collapsing, expansion,
 * BM25 parameters) on SI as it stands (search_reopen() first for the
 * latest commit).  Free *OUT with search_results_free(). */
gz_status search_run(search_index *si, const gz_query *q,
                     const search_request *req, search_results **out);

size_t search_results_count(const search_results *r);
/* The matches in all: exact with opts.exact_total, else Xapian's
 * estimate, with *LOWER and *UPPER bounds when not NULL. */
unsigned long search_results_total(const search_results *r,
                                   unsigned long *lower, unsigned long *upper);
double search_results_score(const search_results *r, size_t i);
/* How many other matching articles hit I stands for (collapsed copies
 * and near-duplicates; 0 without collapsing). */
unsigned long search_results_similar(const search_results *r, size_t i);
/* Decode hit I's record into *OUT (record_free() it); only its head
 * when the request was head_only. */
gz_status search_results_record(const search_results *r, size_t i,
                                 record *out);
void search_results_free(search_results *r);

/* ---- The match set as a whole (analyst.c) ---------------------------------
 * What gazette-search shows beside a page of hits; exact, over every
 * match. */

/* The stored article ID into *OUT (record_free() it); GZ_ENOTFOUND when
 * there is none. */
gz_status search_article(search_index *si, const char *id, record *out);

/* Count the matches of Q per day: FN gets each day (YYYYMMDD) with its
 * count, in order, until it returns non-zero; *TOTAL the matches, the
 * undated among them. */
typedef int (*search_day_fn)(void *ctx, int day, unsigned long count);
gz_status search_day_counts(search_index *si, const gz_query *q,
                            search_day_fn fn, void *ctx,
                            unsigned long *total);

/* The exact number of matches of Q, and of Q and TERM when TERM is not
 * NULL. */
gz_status search_count(search_index *si, const gz_query *q, const char *term,
                       unsigned long *out);

/* How many articles the index term TERM is in. */
gz_status search_termfreq(search_index *si, const char *term,
                          unsigned long *count);

/* Terms with weights, best first (malloc()ed: search_terms_free()). */
typedef struct search_terms {
    char **term;
    double *weight;
    size_t n, cap;
} search_terms;
void search_terms_free(search_terms *t);

/* Up to NTERMS terms (no stop word, none of Q's own, no field term) that
 * best tell the first SET_SIZE matches of Q from the whole index, weighed
 * by how many of them hold each (Xapian's ESet, "trad"); *USED (may be
 * NULL) how many matches made the set. */
gz_status search_distinctive(search_index *si, const gz_query *q,
                             unsigned set_size, unsigned nterms,
                             search_terms *out, unsigned long *used);

/* "Did you mean": the word of the index's spelling table nearest WORD
 * (at most MAX_EDITS edits), malloc()ed, "" for none; and how often a
 * word was seen there. */
gz_status search_spelling(search_index *si, const char *word,
                          unsigned max_edits, char **out);
gz_status search_spelling_freq(search_index *si, const char *word,
                               unsigned long *freq);

/* The version of the Xapian library in use ("1.4.22"). */
const char *search_xapian_version(void);

#ifdef __cplusplus
}
#endif

#endif
