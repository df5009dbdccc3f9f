/* xapian_wrap.h - a thin, task-shaped C API over Xapian.
 *
 * The only door to Xapian: xapian_wrap.cc is the only C++ file in Gazette
 * and no C++ or Xapian type crosses this header.  Every call catches every
 * exception and returns a gz_status with the detail (Xapian's own text) in
 * gz_last_error().  Knows nothing of the corpus formats, the tokenizer or
 * the command lines: it is handed terms and query trees ready-made.
 *
 * Ownership: strings passed in are copied; strings handed out are owned by
 * the handle named at each call, or by the caller where it says "free()".
 */
#ifndef GZ_XAPIAN_WRAP_H
#define GZ_XAPIAN_WRAP_H

#include <stddef.h>
#include "gazette.h"
#include "ranking.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Documents under construction --------------------------------------
 * A gz_doc is built without touching any index, so worker threads can
 * build documents in parallel and hand them to the one writer. */
typedef struct gz_doc gz_doc;

/* Returns NULL when out of memory. */
gz_doc *gz_doc_new(void);
void gz_doc_free(gz_doc *doc);

/* Add TERM (LEN bytes) at position POS, raising its within-document
 * frequency by WDF_INC. */
gz_status gz_doc_add_posting(gz_doc *doc, const char *term, size_t len,
                             unsigned pos, unsigned wdf_inc);
/* Add TERM without a position and without weight (a boolean filter term
 * such as "Y2021" or "Qreut-00001"). */
gz_status gz_doc_add_boolean(gz_doc *doc, const char *term, size_t len);
/* Offer WORD (LEN bytes, as it should be suggested) to "did you mean":
 * the writer adds it to Xapian's spelling table with the document. */
gz_status gz_doc_add_spelling(gz_doc *doc, const char *word, size_t len);
/* The larger of DOC's number of distinct terms and of distinct spelling
 * words so far: what its indexing will hold in memory grows with it. */
size_t gz_doc_distinct(const gz_doc *doc);
/* Set value SLOT (used for date range filtering and sorting). */
gz_status gz_doc_set_value(gz_doc *doc, unsigned slot, const char *value,
                           size_t len);
/* Set the stored data (Xapian compresses it; do not compress it first). */
gz_status gz_doc_set_data(gz_doc *doc, const char *data, size_t len);

/* ---- Writing ------------------------------------------------------------ */
typedef struct gz_writer gz_writer;

/* Open the index at PATH for writing, creating it if CREATE is non-zero
 * and it does not exist.  Returns GZ_OK and sets *OUT; GZ_ELOCKED when
 * another writer holds it; GZ_ENOTFOUND when it does not exist and CREATE
 * is 0; GZ_EVERSION, GZ_ECORRUPT, GZ_EIO (cannot create the directory),
 * GZ_EXAPIAN. */
gz_status gz_writer_open(const char *path, int create, gz_writer **out);

/* CREATE may also hold GZ_WRITER_NO_SYNC: commits are not fsync()ed, and
 * GZ_WRITER_SCRATCH: the spelling words of every commit are kept until
 * gz_writer_close() commits (or until GZ_WRITER_SPELLING_MAX distinct
 * words wait at a commit), so a commit can leave documents without their
 * words in the spelling table; after a failed commit such a writer can
 * only be closed without committing.  Both for a database that is
 * completed or thrown away whole (the parts of a parallel build, a
 * --rebuild's generation), never for an index a crash must leave intact.
 * The cap bounds memory: about 80 bytes a waiting word, and 730 while
 * Xapian adds them (the largest file of ../shared/corpus has about 92,000). */
#define GZ_WRITER_CREATE  1
#define GZ_WRITER_NO_SYNC 2
#define GZ_WRITER_SCRATCH 4
#define GZ_WRITER_SPELLING_MAX 100000

/* Add DOC, replacing every document that has the boolean term IDTERM
 * (the article's "Q<id>"), so re-indexing an article never duplicates it.
 * DOC stays owned by the caller. */
gz_status gz_writer_replace(gz_writer *w, const char *idterm, gz_doc *doc);

/* Delete every document with the boolean term IDTERM.  Deleting an id
 * that is not there is not an error. */
gz_status gz_writer_delete(gz_writer *w, const char *idterm);

/* The stored data of the document with the boolean term IDTERM, as this
 * writer sees it (uncommitted changes included): *DATA is malloc()ed and
 * NUL-terminated (free() it).  GZ_ENOTFOUND when there is none. */
gz_status gz_writer_get_data(gz_writer *w, const char *idterm, char **data,
                             size_t *len);

/* The value in SLOT of the document with the boolean term IDTERM, as
 * this writer sees it (uncommitted changes included), without reading
 * the rest of the document: its first CAP bytes into OUT, its length
 * into *LEN ("" when the document has none).  GZ_ENOTFOUND when there
 * is no such document. */
gz_status gz_writer_get_value(gz_writer *w, const char *idterm,
                              unsigned slot, char *out, size_t cap,
                              size_t *len);

/* Set or (with VALUE "") remove a metadata entry; written by the next
 * commit together with the documents. */
gz_status gz_writer_set_metadata(gz_writer *w, const char *key,
                                 const char *value, size_t len);

/* Read a metadata entry as it stands in this writer (uncommitted changes
 * included).  *VALUE is malloc()ed and NUL-terminated (free() it); an
 * absent key gives "". */
gz_status gz_writer_get_metadata(gz_writer *w, const char *key,
                                 char **value, size_t *len);

/* Call FN with every metadata key that starts with PREFIX, in key order,
 * until FN returns non-zero.  Keys are NUL-terminated and valid during the
 * call; FN may set or remove metadata. */
typedef int (*gz_metadata_key_fn)(void *ctx, const char *key);
gz_status gz_writer_metadata_keys(gz_writer *w, const char *prefix,
                                  gz_metadata_key_fn fn, void *ctx);

/* Make every change so far durable, atomically (a scratch writer's
 * spelling words excepted: see GZ_WRITER_SCRATCH). */
gz_status gz_writer_commit(gz_writer *w);

/* About how many bytes W's uncommitted documents and waiting spelling
 * words hold in memory (Xapian buffers a batch until the commit).  A
 * caller that commits when it passes GZ_WRITER_PENDING_MAX bounds the
 * batch whatever its articles' words, where a count of articles cannot:
 * ordinary batches of 1,000 articles stay under it. */
#define GZ_WRITER_PENDING_MAX ((size_t)128 << 20)
size_t gz_writer_pending(const gz_writer *w);

/* Number of documents as the writer sees them. */
gz_status gz_writer_doccount(gz_writer *w, unsigned long *count);

/* Close, committing pending changes when COMMIT is non-zero and dropping
 * them otherwise (for a scratch writer, also the spelling words of what
 * it committed).  W is freed in every case; the status says whether the
 * commit worked: GZ_EINVAL, nothing committed, for a scratch writer whose
 * earlier commit failed. */
gz_status gz_writer_close(gz_writer *w, int commit);

/* ---- Query trees ---------------------------------------------------------
 * Built by query.c from the query language, turned into a Xapian query
 * here.  Nodes are plain C; the tree is owned by whoever built it. */
typedef enum gz_qop {
    GZ_Q_TERM,      /* term; weighted */
    GZ_Q_BOOLEAN,   /* term; filters only, adds no weight */
    GZ_Q_AND,       /* all children */
    GZ_Q_OR,        /* any child */
    GZ_Q_AND_NOT,   /* children[0] without any of the others */
    GZ_Q_FILTER,    /* children[0] weighted, restricted to children[1..] */
    GZ_Q_PHRASE,    /* children (terms, or ORs of terms: a word written
                       two ways) in order within `window` positions
                       (0: exactly adjacent) */
    GZ_Q_NEAR,      /* children within `window` positions, any order */
    GZ_Q_RANGE,     /* value `slot` between lo and hi inclusive; "" = open */
    GZ_Q_ALL,       /* every document */
    GZ_Q_NONE,      /* no document */
    GZ_Q_WILDCARD,  /* every term that starts with `term`, as one term
                       (Xapian's OP_WILDCARD, OP_SYNONYM); more than
                       `window` of them (per database) is an error when
                       the query runs: GZ_EPARSE, "'immi*' matches more
                       than 1000 words; type more letters" */
    GZ_Q_SYNONYM    /* children (terms, or phrases of them) as one term:
                       a word in each language of the index (issue 22),
                       Xapian's OP_SYNONYM */
} gz_qop;

typedef struct gz_qnode {
    gz_qop op;
    const char *term;           /* TERM, BOOLEAN, WILDCARD */
    struct gz_qnode **children; /* AND, OR, AND_NOT, FILTER, PHRASE, NEAR */
    size_t nchildren;
    unsigned window;            /* PHRASE, NEAR; WILDCARD: the cap */
    unsigned slot;              /* RANGE */
    const char *lo, *hi;        /* RANGE */
    double scale;               /* multiply this subtree's weight (0 = 1) */
} gz_qnode;

/* ---- Reading and searching ---------------------------------------------- *
 * A writer may commit while a reader reads.  An open that commits
 * overtook is tried again; a read of a revision the writer has since
 * discarded (DatabaseModifiedError) runs again on a reopened reader; a few
 * times each, before GZ_EMODIFIED or GZ_ECORRUPT is given up.  A reader
 * whose reopen failed fails every read of a table (GZ_EXAPIAN) until a
 * reopen succeeds; gz_db_doccount() reads none (the count is the version
 * file's: after a failed reopen, the new one's).  gz_db_spellings() is not
 * rerun, as its callback has seen part of the words, nor is a ranking
 * (below), whose caller reruns its whole search. */
typedef struct gz_db gz_db;

/* Open the index at PATH for searching.  Returns GZ_OK and sets *OUT;
 * GZ_ENOTFOUND (no index there), GZ_EVERSION, GZ_ECORRUPT, GZ_EMODIFIED
 * (commits kept overtaking the open), GZ_EXAPIAN. */
gz_status gz_db_open(const char *path, gz_db **out);

/* Open the N indexes PATHS[0..N) as one (Xapian's add_database): a search
 * ranks them together with combined statistics, as one index.  Returns as
 * gz_db_open(), naming the path that failed; GZ_EINVAL for no paths or an
 * empty one. */
gz_status gz_db_open_many(const char *const *paths, size_t n, gz_db **out);

/* Open the remote database served by xapian-tcpsrv at HOST:PORT, waiting
 * at most TIMEOUT_MS milliseconds to connect and for each answer (0: no
 * limit).  Returns as gz_db_open(); GZ_EIO when the server cannot be
 * reached (Xapian's NetworkError, the detail names HOST:PORT). */
gz_status gz_db_open_remote(const char *host, unsigned port,
                            unsigned timeout_ms, gz_db **out);

/* Combine the open databases DBS[0..N) into one *OUT (Xapian's
 * add_database): a search ranks them together with combined statistics,
 * as one index; metadata is read from the first.  Takes every DBS[i]
 * (each is freed and set to NULL, also on failure); close only *OUT.
 * GZ_OK, GZ_EOOM, GZ_EINVAL. */
gz_status gz_db_combine(gz_db **dbs, size_t n, gz_db **out);
void gz_db_close(gz_db *db);

/* Bring the reader up to the latest commit. */
gz_status gz_db_reopen(gz_db *db);

gz_status gz_db_doccount(gz_db *db, unsigned long *count);

/* As gz_writer_get_metadata(). */
gz_status gz_db_get_metadata(gz_db *db, const char *key, char **value,
                             size_t *len);

/* The stored data of the document with boolean term IDTERM.  *DATA is
 * malloc()ed (free() it).  GZ_ENOTFOUND when there is no such document. */
gz_status gz_db_get_data(gz_db *db, const char *idterm, char **data,
                         size_t *len);

/* The smallest and largest value in SLOT over all documents (the date
 * range of an index), malloc()ed (free() both); "" when no document has
 * one.  GZ_OK or the usual statuses. */
gz_status gz_db_date_bounds(gz_db *db, unsigned slot, char **lo, char **hi);

/* ---- Ranking ------------------------------------------------------------
 * The part of a search that needs Xapian's matcher: rank the matches of a
 * query and hand out windows of candidates.  match.h builds a search from
 * it (which order, how many, near-duplicates, re-sorting, the hits).
 *
 * A DatabaseModifiedError is not retried here: a call gives GZ_EMODIFIED
 * and the caller runs its whole search again (a new gz_ranking) on the
 * reader gz_db_reopen() brings up to date, at most GZ_MODIFIED_RETRIES
 * times, as the calls above do inside. */
#define GZ_MODIFIED_RETRIES 5

typedef struct gz_ranking gz_ranking;

/* Whether some database of DB is served by xapian-tcpsrv, whose matcher
 * takes no gz_sort_key with a default and only one key (Xapian's remote
 * backend has no KeyMaker). */
int gz_db_has_remote(const gz_db *db);

/* A key that orders matches: the value in SLOT, in ascending byte order
 * or DESCENDING; a document without one has the value MISSING (NULL:
 * ""). */
typedef struct gz_sort_key {
    unsigned slot;
    int descending;
    const char *missing;
} gz_sort_key;

typedef struct gz_ranking_opts {
    double bm25_k1, bm25_b; /* 0, 0: Xapian's defaults */
    /* By weight, ties by the keys in turn; with KEYS_FIRST by the keys,
     * ties by weight.  One key without MISSING is Xapian's value sort,
     * which every backend takes; more keys, or MISSING, its KeyMaker. */
    int keys_first;
    gz_sort_key keys[2];
    size_t nkeys;           /* 1 or 2 */
    /* Non-zero: Xapian's collapse key, matches with the same value in
     * COLLAPSE_SLOT are one candidate (empty values never collapse). */
    int collapse;
    unsigned collapse_slot;
    /* Pseudo-relevance feedback (any 0: off), before any window is
     * fetched: the first expand_docs matches in the order above are
     * taken as relevant, Xapian's ESet (Bo1) picks up to expand_terms
     * terms from them (not the query's own, no prefixed term), each
     * weighted by its share of the ESet weight, all together
     * expand_weight times as heavy as the query's words.  Where the
     * query's words are alternatives (an OR at the top, as --any makes)
     * the terms join them and may bring new articles; where the words
     * are required they only reorder what the query matches.  The
     * query's filters and exclusions always apply.  Costs a search. */
    unsigned expand_docs, expand_terms;
    double expand_weight;
    int expand_reorder;     /* the terms only reorder, even under an OR */
    /* Proximity, length normalisation and when feedback applies, as
     * ranking.h says; all zero: plain BM25 (min_normlen 0 is Xapian's
     * 0.5), feedback whenever asked. */
    ranking_tuning tune;
} gz_ranking_opts;

/* Prepare to rank the matches of QUERY in DB as OPTS asks; nothing is
 * fetched yet.  *OUT (free with gz_ranking_free()) reads DB and must be
 * freed before DB is reopened or closed.  GZ_EINVAL (bad tree, no key),
 * GZ_EMODIFIED (while expanding), GZ_ECORRUPT, GZ_EXAPIAN, GZ_EOOM. */
gz_status gz_ranking_new(gz_db *db, const gz_qnode *query,
                         const gz_ranking_opts *opts, gz_ranking **out);

/* Rank and hold the candidates [FIRST, FIRST + COUNT) in rank order
 * (fewer where the matches run out), looking at at least CHECK matches
 * (Xapian's check_at_least: with DB's document count the totals are
 * exact); replaces the window held before.  GZ_EMODIFIED, GZ_ECORRUPT,
 * GZ_EXAPIAN, GZ_EIO (a remote shard), GZ_EOOM. */
gz_status gz_ranking_fetch(gz_ranking *r, unsigned first, unsigned count,
                           unsigned check);

/* The candidates held, and the matches in all: Xapian's estimate with
 * its *LOWER and *UPPER bounds (each may be NULL). */
size_t gz_ranking_count(const gz_ranking *r);
unsigned long gz_ranking_total(const gz_ranking *r, unsigned long *lower,
                               unsigned long *upper);

/* Candidate I (0 is the window's first) as the matcher ranked it. */
typedef struct gz_candidate {
    unsigned docid;
    double weight;
    unsigned long collapsed;    /* matches collapsed into it */
} gz_candidate;
void gz_ranking_candidate(const gz_ranking *r, size_t i, gz_candidate *out);

/* The value in SLOT of candidate I, malloc()ed and NUL-terminated (free()
 * it; "" when it has none).  GZ_EMODIFIED, GZ_ECORRUPT, GZ_EXAPIAN,
 * GZ_EIO, GZ_EOOM. */
gz_status gz_ranking_value(gz_ranking *r, size_t i, unsigned slot,
                           char **value, size_t *len);

/* The stored data of candidate I, malloc()ed and NUL-terminated (free()
 * it): its value in HEAD_SLOT where that is not empty (0: always the
 * document data).  Statuses as gz_ranking_value(). */
gz_status gz_ranking_data(gz_ranking *r, size_t i, unsigned head_slot,
                          char **data, size_t *len);

void gz_ranking_free(gz_ranking *r);

/* ---- The match set as a whole ---------------------------------------------
 * For timelines and term lists: these look at every match (exact), not
 * at a first page. */

/* Count the matches of QUERY by their value in SLOT (Xapian's
 * ValueCountMatchSpy over every match).  FN gets each distinct non-empty
 * value (LEN bytes, NUL-terminated) with its count, in value order, until
 * it returns non-zero; *TOTAL the number of matches, those without a
 * value included. */
typedef int (*gz_value_count_fn)(void *ctx, const char *value, size_t len,
                                 unsigned long count);
gz_status gz_db_value_counts(gz_db *db, const gz_qnode *query,
                             unsigned slot, gz_value_count_fn fn, void *ctx,
                             unsigned long *total);

/* The terms that best tell a set of articles from the whole index:
 * Xapian's ESet over the first RSET_MAX hits of a query (by BM25),
 * leaving out the query's own terms, every prefixed (capitalised) term
 * and those ACCEPT (may be NULL; called with ACCEPT_CTX) returns 0 for.
 * The Bo1 model weighs a term by its occurrences in the set, which suits
 * one article; with BY_DOCUMENTS, by how many of the set's articles hold
 * it (Robertson's offer weight, Xapian's "trad"), which long articles
 * cannot dominate. */
typedef int (*gz_term_ok_fn)(void *ctx, const char *term, size_t len);
typedef struct gz_eset_opts {
    unsigned rset_max, nterms;
    int by_documents;
    gz_term_ok_fn accept;
    void *accept_ctx;
} gz_eset_opts;
/* FN gets each term with its weight, best first, until it returns
 * non-zero; *RSET_SIZE (may be NULL) how many hits made the set. */
typedef int (*gz_eset_fn)(void *ctx, const char *term, size_t len,
                          double weight);
gz_status gz_db_eset(gz_db *db, const gz_qnode *query,
                     const gz_eset_opts *opts, gz_eset_fn fn, void *ctx,
                     unsigned long *rset_size);

/* How many documents TERM indexes. */
gz_status gz_db_termfreq(gz_db *db, const char *term, unsigned long *count);

/* Call FN with every term of DB that starts with PREFIX (NUL-terminated,
 * valid during the call), in byte order, until it returns non-zero. */
typedef int (*gz_term_fn)(void *ctx, const char *term);
gz_status gz_db_terms(gz_db *db, const char *prefix, gz_term_fn fn,
                      void *ctx);

/* The word of the spelling table nearest WORD (at most MAX_EDITS edits;
 * the most frequent among the nearest), malloc()ed; "" when there is none
 * or the index keeps none (a remote shard). */
gz_status gz_db_spelling(gz_db *db, const char *word, unsigned max_edits,
                         char **out);

/* How often WORD was added to the spelling table (0: never, or a remote
 * shard's). */
gz_status gz_db_spelling_freq(gz_db *db, const char *word,
                              unsigned long *freq);

/* Call FN with every word of the spelling table and how often it was
 * added, in byte order, until FN returns non-zero (none for a remote
 * shard's).  WORD is NUL-terminated and valid during the call. */
typedef int (*gz_spelling_fn)(void *ctx, const char *word,
                              unsigned long freq);
gz_status gz_db_spellings(gz_db *db, gz_spelling_fn fn, void *ctx);

/* Write a compacted copy of the index at SRC to the new directory DST
 * (Xapian's compaction: smaller, faster to search, same documents). */
gz_status gz_compact(const char *src, const char *dst);

/* Merge the indexes SRCS[0..N) into the new directory DST by compaction,
 * renumbering documents in the order given (a later source's documents
 * get higher ids).  Metadata keys found in several sources take the first
 * source's value. */
gz_status gz_compact_many(const char *const *srcs, size_t n, const char *dst);

/* For every term starting with PREFIX that indexes more than one
 * document, delete all of them but the one with the highest document id
 * (after gz_compact_many(): the one from the latest source).  *REMOVED
 * counts the deleted documents.  Not committed. */
gz_status gz_writer_dedup(gz_writer *w, const char *prefix,
                          unsigned long *removed);

/* Describe QUERY the way Xapian prints it ("Query(...)"), malloc()ed. */
char *gz_query_describe(const gz_qnode *query);

/* The version of the Xapian library in use ("1.4.22"). */
const char *gz_xapian_version(void);

#ifdef __cplusplus
}
#endif

#endif
