/* gazette.h - the public C API of libgazette: search Gazette indexes and
 * write articles into them from another C program.
 *
 * This header is the whole public API: libgazette.so exports exactly the
 * functions declared here (GZ_EXPORT) and nothing else.  Build with
 *
 *     cc prog.c $(pkg-config --cflags --libs gazette)
 *
 * and see examples/search.c for a complete program.
 *
 * Conventions, true of every call below unless it says otherwise:
 *  - A fallible call returns a gz_status; GZ_OK (0) is success.  On
 *    failure the detail (file, Xapian's own text ...) is in gz_last_error()
 *    on the calling thread, and the handle a call makes (*OUT) is NULL.
 *  - Strings passed in must be NUL-terminated UTF-8; the library copies
 *    what it keeps, so they may be freed as soon as the call returns.
 *  - Strings and structures handed out belong to the handle named at each
 *    call and stay valid until that handle is freed; never free() them.
 *  - A handle is used by one thread at a time.  Different handles may be
 *    used by different threads at once (open one gz_index per thread).
 *  - Passing NULL where a handle is required gives GZ_EINVAL (the close
 *    and free calls accept NULL and do nothing).
 *
 * No C++ type and no Xapian type ever appears in this header. */
#ifndef GAZETTE_H
#define GAZETTE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define GZ_EXPORT __attribute__((visibility("default")))
#else
#define GZ_EXPORT
#endif

/* ---- Versions ------------------------------------------------------------ */

#define GAZETTE_VERSION_MAJOR 3
#define GAZETTE_VERSION_MINOR 0
#define GAZETTE_VERSION_PATCH 0
#define GAZETTE_VERSION_STRING "3.0.0"

/* The schema written into every index.  An index made with another schema
 * is refused with GZ_EVERSION rather than searched wrongly.  4: accents
 * folded in the index's words (café is the term "cafe"), and the
 * unstemmed words beside the stems (wildcards, exact:).  5: author, site
 * and url terms (author:, site:, url:) and their stored fields.  6: the
 * languages of issue 22: each article stemmed in its language, other
 * languages' stems behind their code ("de:haus"), an L<code> term (lang:)
 * and the stored lang; text without spaces in bigrams. */
#define GAZETTE_SCHEMA_VERSION 6

/* The version of the library in use at run time ("1.0.0"), which may be
 * newer than the GAZETTE_VERSION_STRING a program was compiled with.
 * A static string; never NULL. */
GZ_EXPORT const char *gz_version(void);

/* Non-zero when the library in use serves programs built against version
 * MAJOR.MINOR: its major version is MAJOR and its minor at least MINOR.
 * Call it as gz_version_check(GAZETTE_VERSION_MAJOR, GAZETTE_VERSION_MINOR)
 * before anything else to catch a mismatched libgazette.so. */
GZ_EXPORT int gz_version_check(int major, int minor);

/* ---- Errors -------------------------------------------------------------- */

/* Every fallible call returns one of these.  The detail of the last failure
 * on the calling thread is in gz_last_error(). */
typedef enum gz_status {
    GZ_OK = 0,
    GZ_ENOTFOUND,   /* no index (or no document) where one was named */
    GZ_ELOCKED,     /* another writer holds the index */
    GZ_EMODIFIED,   /* the index changed under a reader; reopen and retry */
    GZ_ECORRUPT,    /* a table of the index is damaged */
    GZ_EVERSION,    /* made by another Xapian format, schema or stemmer */
    GZ_EOOM,        /* out of memory */
    GZ_EXAPIAN,     /* any other error Xapian reported */
    GZ_EIO,         /* an operating-system error reading or writing a file */
    GZ_EFORMAT,     /* input that is not an article (binary, bad JSON ...) */
    GZ_EPARSE,      /* a query or a date that cannot be parsed */
    GZ_EINVAL,      /* a bad argument */
    GZ_EINTERNAL    /* a bug: an exception nobody expected */
} gz_status;

/* A short, constant, English description of STATUS.  Never NULL. */
GZ_EXPORT const char *gz_strerror(gz_status status);

/* The message of the last failure on the calling thread (with the file,
 * the line and Xapian's own text where there are some), or "" when there
 * was none.  The string belongs to the library and stays valid until the
 * next failing call on the same thread. */
GZ_EXPORT const char *gz_last_error(void);

/* ---- Articles ------------------------------------------------------------ */

/* One article: what gz_indexer_add() takes and what a search hit gives.
 *
 * Given to gz_indexer_add(): ID is required (non-empty); every other
 * string may be NULL or "" for "absent".  DATE, when present, is a real
 * calendar day "YYYY-MM-DD".  TITLE is stored as given (gazette-index
 * makes one from the body's first sentence; the library does not).  PATH
 * and LINE say where the article came from (gazette-search --output files
 * prints PATH); the library does not read them.  SITE is a host name
 * ("www.bbc.co.uk", lower-cased when stored; a url or "host:port/path"
 * gives its host), not a display name; absent, it is the host of URL;
 * one that is no host name ("BBC News") is GZ_EINVAL.  AUTHOR is the
 * byline as given, several names joined by ", " or " and ".
 *
 * Handed out by gz_results_article(): no string is NULL; an absent field
 * (an undated article's DATE included) is "". */
typedef struct gz_article {
    const char *id;
    const char *date;       /* "YYYY-MM-DD" */
    const char *title;
    const char *source;     /* the outlet, e.g. "Capital Ledger" */
    const char *url;
    const char *path;       /* the file the article came from */
    long line;              /* the line of PATH where it starts, 1-based; 0 */
    const char *body;       /* the text, paragraphs separated by blank lines */
    /* Since 2.0 (a structure given to gz_indexer_add() grew, hence the
     * new major version: a program built against 1.x cannot load it): */
    const char *author;     /* "Jane Doe, John Smith" */
    const char *site;       /* the site's host name, "www.bbc.co.uk" */
    /* Since 3.0 (the structure grew again: a program built against 2.x
     * cannot load it): */
    const char *lang;       /* the language, a code ("de"): in a hit, the
                               one it was stemmed in; to gz_indexer_add(),
                               the declared one (NULL or "": none) */
} gz_article;

/* ---- Searching ----------------------------------------------------------- */

/* One index, or several searched as one, opened for searching. */
typedef struct gz_index gz_index;

/* Open the index at PATH for searching.  PATH NULL or "" means the default
 * index: $GAZETTE_INDEX, else $XDG_DATA_HOME/gazette/index, else
 * ~/.local/share/gazette/index.  On success *OUT must be closed with
 * gz_index_close().  PATH may also be a stub file listing shards, one a
 * line: "auto DIR" (relative to the stub's directory) or "remote
 * HOST:PORT" (served by xapian-tcpsrv).  Returns GZ_OK; GZ_ENOTFOUND (no
 * index there); GZ_EVERSION (another schema, stemmer or Xapian format);
 * GZ_EFORMAT (PATH is a file but no stub file, or stub files that lead
 * back to themselves or reach one index twice: the message names the
 * stub file and its line); GZ_ECORRUPT; GZ_EIO;
 * GZ_EXAPIAN; GZ_EOOM; GZ_EINVAL (OUT is NULL, or no default index can be
 * named because $HOME is unset). */
GZ_EXPORT gz_status gz_index_open(const char *path, gz_index **out);

/* Open the N indexes PATHS[0..N) (N >= 1) as one: a search ranks their
 * articles together exactly as if they were one index (statistics are
 * combined).  All must have been built with the same stemmer language.
 * An id present in two of them is two articles (one hit and a "similar"
 * with OPTS->collapse, as any two copies of a story).  Returns as
 * gz_index_open(), GZ_EFORMAT also when two paths (or a path and a stub
 * file's line) reach one index, GZ_EVERSION when two differ in stemmer,
 * GZ_EINVAL when N is 0 or a path is NULL or "". */
GZ_EXPORT gz_status gz_index_open_many(const char *const *paths, size_t n,
                                       gz_index **out);

/* The number of articles in IX as of its last commit (reopens first).
 * Returns GZ_OK, GZ_EINVAL, or the statuses of gz_search(). */
GZ_EXPORT gz_status gz_index_count(gz_index *ix, unsigned long *count);

/* Close IX and free it.  Free every gz_results of IX before.  NULL is
 * accepted. */
GZ_EXPORT void gz_index_close(gz_index *ix);

typedef enum gz_order {
    GZ_ORDER_RELEVANCE = 0, /* BM25; ties by date (newest first), then id */
    GZ_ORDER_NEWEST,        /* by date, newest first, then id */
    GZ_ORDER_OLDEST         /* by date, oldest first, then id */
} gz_order;

/* Options of one search: whatever gazette-search can ask of a search, and
 * with the same defaults, so that gz_search() with the defaults gives
 * exactly the hits `gazette-search` gives with its own.  Always fill one
 * with gz_search_options_init() first, then change what you need: fields
 * may be added at the end in later versions. */
typedef struct gz_search_options {
    unsigned limit;         /* at most LIMIT hits (default 10); 0: none,
                               only gz_results_total() (--limit) */
    unsigned offset;        /* skip the first OFFSET hits (default 0) */
    const char *since;      /* only articles dated SINCE or later; NULL: no
                               bound.  DATE is 2021, 2021-04, 2021-04-06,
                               2021-W14 or, counted from NOW, 7d, 2w, 3m,
                               1y, "3 days ago", today, yesterday, "this
                               week", "last month", "last year" ...
                               (gazette-search(1)); a date covers its
                               whole period */
    const char *until;      /* only articles dated UNTIL or earlier; NULL */
    const char *now;        /* "YYYY-MM-DD" that relative and plain dates
                               (in SINCE, UNTIL, ON and the query's date:)
                               count from; NULL: today */
    gz_order order;         /* default GZ_ORDER_RELEVANCE (--sort) */
    int any;                /* non-zero: natural language (--any): any word,
                               no operators, the articles matching most
                               words first.  Default 0: the query language,
                               every word required */
    int exact_total;        /* non-zero: gz_results_total() counts every
                               match exactly (slower).  Default 0 */
    unsigned snippet_words; /* words in a snippet (default 30) */
    /* Since 1.0: */
    const char *on;         /* only articles dated within the DATE ON (as
                               SINCE: "2021-04" is all of April); NULL.
                               Combines with SINCE and UNTIL (--on) */
    int collapse;           /* non-zero (default): the same story once: of
                               articles whose bodies are copies or
                               near-duplicates, only the best ranked is a
                               hit, and gz_results_similar() counts the
                               others.  0: every copy (--no-collapse) */
    int stopwords;          /* with ANY: leave out the stop words of the
                               index's language ("the", "of"; "der", "und"
                               in a German index; none in a language
                               without a list) unless the query holds
                               nothing else (default 1) */
    int expand;             /* pseudo-relevance feedback, relevance order
                               only: the EXPAND_TERMS best terms of the
                               first EXPAND_DOCS hits join the query,
                               EXPAND_WEIGHT times as heavy as its words;
                               costs a second search.  GZ_EXPAND_AUTO (0,
                               the default since 1.1): for ANY queries
                               whose first hits match the query well;
                               GZ_EXPAND_ALWAYS (1, --expand);
                               GZ_EXPAND_NEVER (-1, --no-expand) */
    unsigned expand_docs;   /* default 10; at most 1000 */
    unsigned expand_terms;  /* default 20; at most 1000 */
    double expand_weight;   /* default 0.25; 0 to 100 */
    double bm25_k1;         /* BM25's K1 (--bm25 K1,B): above 0, at most
                               100; default 2.0 */
    double bm25_b;          /* BM25's B: above 0, at most 1; default 0.6 */
    /* Since 3.0: */
    const char *lang;       /* the languages a query's words are stemmed
                               in, "de,fr" (codes or names, --lang): of
                               those the index holds; NULL (default):
                               every language it holds */
} gz_search_options;

/* gz_search_options.expand (since 1.1; before, 0 was never). */
#define GZ_EXPAND_AUTO 0
#define GZ_EXPAND_ALWAYS 1
#define GZ_EXPAND_NEVER (-1)

/* Fill OPTS with the defaults above. */
GZ_EXPORT void gz_search_options_init(gz_search_options *opts);

/* The hits of one search. */
typedef struct gz_results gz_results;

/* Run QUERY (the query language of gazette(7): words, "phrases",
 * a NEAR/5 b, OR, AND, NOT, -word, (...), title:, source:, id:, date:, or
 * natural language with OPTS->any) on IX with OPTS (NULL: the defaults).
 * The index is first brought up to its latest commit, so a long-lived
 * gz_index sees what gazette-index wrote meanwhile.  On success *OUT holds
 * up to OPTS->limit hits and must be freed with gz_results_free() before
 * IX is closed.  Returns GZ_OK (also when nothing matched); GZ_EPARSE (a
 * query or date that cannot be parsed: the reason is in gz_last_error(),
 * and *ERROR_OFFSET, when ERROR_OFFSET is not NULL, is the 0-based byte
 * offset of the fault in QUERY, or (size_t)-1 when the fault is in
 * OPTS->since, until, on or now); GZ_EINVAL (a NULL argument, an option
 * out of its range, or dates that leave no day); GZ_EMODIFIED (the index
 * kept changing under the search); GZ_ECORRUPT; GZ_EIO; GZ_EXAPIAN;
 * GZ_EOOM. */
GZ_EXPORT gz_status gz_search(gz_index *ix, const char *query,
                              const gz_search_options *opts,
                              gz_results **out, size_t *error_offset);

/* The number of hits held in R (at most the limit of the search). */
GZ_EXPORT size_t gz_results_count(const gz_results *r);

/* The number of articles that match in all, whatever the limit and
 * offset: exact with OPTS->exact_total, else Xapian's estimate. */
GZ_EXPORT unsigned long gz_results_total(const gz_results *r);

/* Hit I (0-based; its rank is the search's offset + I + 1), with every
 * field and the body; owned by R.  NULL when I >= gz_results_count(R). */
GZ_EXPORT const gz_article *gz_results_article(const gz_results *r, size_t i);

/* The BM25 score of hit I (higher is better; 0 for a query of filters
 * only, such as `date:2021`); 0 when I is out of range. */
GZ_EXPORT double gz_results_score(const gz_results *r, size_t i);

/* How many other matching articles hit I stands for: its copies and
 * near-duplicates, which OPTS->collapse leaves out of the hits (shown as
 * "+N similar" by gazette-search).  0 without collapsing, or when I is
 * out of range.  Since 1.0. */
GZ_EXPORT unsigned long gz_results_similar(const gz_results *r, size_t i);

/* A matched word's place in a snippet: bytes [START, END) of its text. */
typedef struct gz_span {
    size_t start, end;
} gz_span;

/* The passage of hit I's body that best matches the query: at most
 * OPTS->snippet_words words, whitespace runs made one space, "…" where
 * cut; the query's words (stem-aware: "boycott" marks "boycotts") are at
 * *MARKS[0..*NMARKS) when MARKS and NMARKS are not NULL.  Made on the
 * first call for I and owned by R.  Returns NULL when I is out of range
 * (GZ_EINVAL) or memory runs out (GZ_EOOM); the detail is in
 * gz_last_error(). */
GZ_EXPORT const char *gz_results_snippet(gz_results *r, size_t i,
                                         const gz_span **marks,
                                         size_t *nmarks);

/* Free R and everything it handed out.  NULL is accepted. */
GZ_EXPORT void gz_results_free(gz_results *r);

/* ---- Indexing ------------------------------------------------------------ */

/* An index opened for writing.  One writer at a time per index (Xapian's
 * lock): gazette-index and gz_indexer exclude each other; searches go on
 * meanwhile and see each commit. */
typedef struct gz_indexer gz_indexer;

enum {
    GZ_CREATE = 1           /* gz_indexer_open(): make the index if absent */
};

/* Open the index at PATH (NULL or "": the default index, as
 * gz_index_open()) for writing.  With GZ_CREATE in FLAGS an index that
 * does not exist is made, stemmed for LANGUAGE (a Snowball name such as
 * "english" or "french"; NULL: "english").  An existing index keeps the
 * stemmer it was built with: LANGUAGE NULL takes it, another one is
 * GZ_EVERSION.  On success *OUT must be closed with gz_indexer_close().
 * Nothing is written in a PATH that is not an index: a file, or a
 * non-empty folder holding no Gazette index (a corpus, another program's
 * Xapian database) is GZ_EINVAL; a Xapian database Gazette did not make,
 * GZ_EVERSION.
 * Returns GZ_OK; GZ_ELOCKED (another writer holds the index: try again
 * later); GZ_ENOTFOUND (no index there and no GZ_CREATE); GZ_EVERSION;
 * GZ_EFORMAT (PATH is a stub file that loops or reaches one index twice,
 * as for gz_index_open()); GZ_EINVAL (an unknown LANGUAGE or flag; PATH
 * is not an index, see above); GZ_ECORRUPT; GZ_EIO (cannot create it);
 * GZ_EXAPIAN; GZ_EOOM. */
GZ_EXPORT gz_status gz_indexer_open(const char *path, int flags,
                                    const char *language, gz_indexer **out);

/* Add article A, replacing the article with the same id if there is one
 * (so adding twice never duplicates).  Nothing is visible to searches
 * until gz_indexer_commit().  Articles added here belong to no file:
 * gazette-index deletes one only if a file it reads gave the same id and
 * no longer does.  An article's words are indexed up to its 100,000th
 * distinct word (the rest of the body is stored, not searchable), as
 * gazette-index does.  Adding an article the index already holds exactly
 * so (every field, path and line alike) writes nothing and is GZ_OK all
 * the same: re-adding a whole collection costs a lookup per unchanged
 * article, not its indexing.  Memory grows with the articles added since
 * the last commit: commit every thousand or so.  Returns GZ_OK; GZ_EINVAL (no
 * id, a DATE that is not a real "YYYY-MM-DD" day, a string that is not
 * UTF-8, an id over 244 bytes, a body over 16 MiB); GZ_EXAPIAN; GZ_EIO;
 * GZ_EOOM. */
GZ_EXPORT gz_status gz_indexer_add(gz_indexer *w, const gz_article *a);

/* Delete the article ID.  An id that is not there is not an error.
 * Visible after the next commit.  Returns GZ_OK, GZ_EINVAL (ID NULL or
 * ""), GZ_EXAPIAN, GZ_EIO. */
GZ_EXPORT gz_status gz_indexer_delete(gz_indexer *w, const char *id);

/* Make every change so far durable and visible, atomically: after a crash
 * the index holds the last commit exactly.  Returns GZ_OK, GZ_EIO (a full
 * disk: the changes since the last commit are dropped), GZ_EXAPIAN. */
GZ_EXPORT gz_status gz_indexer_commit(gz_indexer *w);

/* Close W, free it and release the index's lock.  Changes made since the
 * last gz_indexer_commit() are DROPPED: commit first to keep them.  NULL
 * is accepted. */
GZ_EXPORT void gz_indexer_close(gz_indexer *w);

#ifdef __cplusplus
}
#endif

#endif
