/* ranking.h - the ranking defaults a search runs with when nobody asks
 * for others, and the finer settings only experiments change.
 *
 * search_options_init() and search_tuning_init() (search.c) give them to
 * libgazette's gz_search() and to gazette-search alike:
 * tests/e2e/t315-library-parity.sh checks that the library and the
 * program give the same hits, in the same order with the same scores.
 * The values were chosen by leave-one-collection-out cross-validation on
 * the judged test collections (RANKING.md; the reasons are in
 * doc/DECISIONS.md "Ranking").  C and C++ (the wrapper) both include it;
 * knows nothing else.
 */
#ifndef GZ_RANKING_H
#define GZ_RANKING_H

#define RANKING_BM25_K1 2.0
#define RANKING_BM25_B 0.6
/* Pseudo-relevance feedback (--expand; automatic for --any, below). */
#define RANKING_EXPAND_DOCS 10      /* feedback articles */
#define RANKING_EXPAND_TERMS 20     /* terms they add */
#define RANKING_EXPAND_WEIGHT 0.25  /* against the query's words */

/* The defaults of ranking_tuning, below. */
#define RANKING_PROXIMITY 0.0
#define RANKING_PROXIMITY_WINDOW 8
#define RANKING_MIN_NORMLEN 0.5     /* Xapian's BM25Weight default */
#define RANKING_BM25PLUS_DELTA 0.0
#define RANKING_EXPAND_MIN_MATCH 0.15

/* What the public gz_search_options do not carry: set from
 * $GAZETTE_RANKING by gazette-search, the defaults above everywhere else.
 * Each changes the order of the hits, never their set. */
typedef struct ranking_tuning {
    /* Term proximity: each two words next to each other in the query
     * (after the stop words are left out) that an article holds within
     * PROXIMITY_WINDOW positions, in any order, add PROXIMITY times their
     * two BM25 weights.  0: off.  From 0 to 10; window 2 to 100. */
    double proximity;
    unsigned proximity_window;
    /* BM25's length normalisation: a document shorter than MIN_NORMLEN
     * times the average counts as that long (Xapian's min_normlen, above
     * 0, at most 1); BM25PLUS_DELTA above 0 adds Lv and Zhai's lower bound to each
     * matching word's weight (Xapian's BM25PlusWeight), so that a long
     * document is not scored below one that lacks the word.  0 to 10. */
    double min_normlen, bm25plus_delta;
    /* Feedback for natural language (--any) without --expand: only when
     * the first hits match the query well, their mean weight at least
     * EXPAND_MIN_MATCH (0 to 1) times the highest weight the query could
     * give.  0: none.  --expand applies it always. */
    double expand_min_match;
} ranking_tuning;

#endif
