/* match.h - one search over an open index: the hits of a page.
 *
 * The ranking policy on top of the wrapper's matcher (xapian_wrap.h's
 * gz_ranking): which order the matcher is asked for, how many candidates
 * a page needs, the near-duplicate merge (signature.h's rule), the
 * re-sorting remote shards need, and the hits handed out.  Must never
 * touch Xapian itself, nor know the query language or the command lines.
 *
 * The pure steps (match_window_*, match_ranked_before, match_sort,
 * match_merge_near) are exported for their unit tests only.
 */
#ifndef GZ_MATCH_H
#define GZ_MATCH_H

#include <stddef.h>
#include "xapian_wrap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum match_order {
    MATCH_RELEVANCE = 0,    /* BM25, ties by date (newest first), then id */
    MATCH_NEWEST,           /* by date descending, then id */
    MATCH_OLDEST            /* by date ascending (undated last), then id */
} match_order;

typedef struct match_opts {
    unsigned offset;        /* skip this many hits */
    unsigned limit;         /* return at most this many */
    match_order sort;
    unsigned date_slot;     /* value slot holding YYYYMMDD (for sorting) */
    unsigned id_slot;       /* value slot holding the article id (ties) */
    /* A value slot whose values, in ascending byte order, are the order
     * of MATCH_NEWEST (schema_order_key()); relevance and newest then
     * read this one value per candidate instead of the two above, which
     * still serve MATCH_OLDEST, and remote shards (which take no key
     * maker) sort exactly as a local index.  0: none (slot 0 is the
     * date's). */
    unsigned order_slot;
    /* A value slot holding each document's data without what a listing
     * does not need (schema.h: the record without its body): the hits'
     * data are read from it, where it is not empty, instead of from the
     * whole document data Xapian must inflate.  0: the document data. */
    unsigned head_slot;
    double bm25_k1, bm25_b; /* 0, 0: Xapian's defaults */
    int exact_count;        /* count every match exactly (slower) */
    /* Pseudo-relevance feedback, relevance order only (any 0: off): the
     * best terms of the first expand_docs hits join the query, as
     * xapian_wrap.h's gz_ranking_opts says.  Costs a second search. */
    unsigned expand_docs, expand_terms;
    double expand_weight;
    int expand_reorder;     /* the terms never bring new matches */
    ranking_tuning tune;    /* ranking.h; given to the wrapper as it is */
    /* The same story once (0: off).  Hits with the same value in
     * copy_slot are one (Xapian's collapse key; the copies of each are
     * counted over the whole match set), and a hit whose value in
     * sketch_slot (a signature.h sketch, SIG_SKETCH_BYTES) shares at
     * least near_min hashes with a better hit's (signature_overlap()) is
     * merged into it, among a window of hits (match_window_first()); each
     * hit shown counts the others it stands for in match_hits_similar(). */
    int collapse;
    unsigned copy_slot, sketch_slot, near_min;
} match_opts;

typedef struct match_hits match_hits;

/* Run the query tree TREE on DB.  On success *OUT holds up to o->limit
 * hits (free with match_hits_free()).  A DatabaseModifiedError makes the
 * whole search run again on a reader gz_db_reopen() brought up to date
 * (GZ_MODIFIED_RETRIES times) before GZ_EMODIFIED is given up.  Also
 * GZ_ECORRUPT, GZ_EXAPIAN, GZ_EIO (a remote shard), GZ_EOOM, GZ_EINVAL
 * (bad tree or argument); the detail is in gz_last_error(). */
gz_status match_run(gz_db *db, const gz_qnode *tree, const match_opts *o,
                    match_hits **out);

size_t match_hits_count(const match_hits *h);
/* Matching documents in all: exact when o->exact_count, else Xapian's
 * estimate, with *LOWER and *UPPER bounds when not NULL. */
unsigned long match_hits_total(const match_hits *h, unsigned long *lower,
                               unsigned long *upper);
double match_hits_score(const match_hits *h, size_t i);
/* How many other matching articles hit I stands for (copies and
 * near-duplicates; 0 without o->collapse). */
unsigned long match_hits_similar(const match_hits *h, size_t i);
unsigned match_hits_docid(const match_hits *h, size_t i);
/* The stored data of hit I (its head_slot value when the search asked for
 * it), owned by H (valid until match_hits_free()). */
const char *match_hits_data(const match_hits *h, size_t i, size_t *len);
void match_hits_free(match_hits *h);

/* ---- The steps, over plain arrays (for their unit tests) ---------------- */

/* One candidate of a window, with the values a step has read for it
 * (NULL where none was read; malloc()ed, owned by the array's user). */
typedef struct match_cand {
    size_t index;               /* its place in the window as fetched */
    gz_candidate c;             /* docid, weight, copies collapsed */
    char *date, *id, *sketch;
    size_t date_len, id_len, sketch_len;
    unsigned long similar;      /* match_merge_near(): what it stands for */
} match_cand;

/* The first window of candidates a collapsing search merges among, for a
 * page of LIMIT hits after OFFSET: 3 * (OFFSET + LIMIT) + 20, enough for
 * the page in all but story-heavy results. */
unsigned match_window_first(unsigned offset, unsigned limit);

/* The next, doubled window after one of WINDOW asked, FETCHED got and
 * STORIES left by the merge, for a page that needs WANT (offset + limit);
 * 0 when the page is full or the matches ran out. */
unsigned match_window_next(unsigned window, size_t fetched, size_t stories,
                           size_t want);

/* Whether A comes before B in the order Xapian's KeyMaker gives a local
 * index (which remote shards cannot take): relevance, then date newest
 * first, then id; or date (undated last for oldest), then id.  Reads
 * weight, date and id. */
int match_ranked_before(const match_cand *a, const match_cand *b,
                        match_order order);

/* Sort C[0..N) by match_ranked_before(), stably.  Returns 0, or -1 when
 * out of memory. */
int match_sort(match_cand *c, size_t n, match_order order);

/* Whether a window of the matcher's order (remote shards: weight and date,
 * or date only, see match.c) fetched as [0, K) of which N came ends
 * inside the tie group of the page's last hit WANT - 1, so that a sort
 * by id could still pull a candidate from beyond it into the page: reads
 * the date (and the weight for relevance) of C[WANT - 1] and C[K - 1]. */
int match_window_tied(const match_cand *c, size_t n, size_t want, size_t k,
                      match_order order);

/* Merge the candidates C[0..N), best first, into stories: a candidate
 * whose sketch (SIG_SKETCH_BYTES) shares at least NEAR_MIN hashes with an
 * earlier story's is counted in the first such story's similar (1 + its
 * copies) instead of being one; a story starts with its own copies.  The
 * stories move to C[0..*STORIES), in order; the merged to the rest of C.
 * Time near-linear in N (sig_index), not N x stories.  Returns 0, or -1
 * when out of memory (C unchanged). */
int match_merge_near(match_cand *c, size_t n, unsigned near_min,
                     size_t *stories);

#ifdef __cplusplus
}
#endif

#endif
