/* ranking.h - the ranking defaults a search runs with when nobody asks
 * for others.
 *
 * search_options_init() (search.c) gives them to libgazette's gz_search()
 * and to gazette-search alike: tests/e2e/t315-library-parity.sh checks
 * that the library and the program give the same hits, in the same order
 * with the same scores.  The values were measured on the judged test
 * collections (RANKING.md; the reasons are in doc/DECISIONS.md
 * "Ranking").  Knows nothing else.
 */
#ifndef GZ_RANKING_H
#define GZ_RANKING_H

#define RANKING_BM25_K1 2.0
#define RANKING_BM25_B 0.5
/* Pseudo-relevance feedback (--expand, off by default). */
#define RANKING_EXPAND_DOCS 10      /* feedback articles */
#define RANKING_EXPAND_TERMS 20     /* terms they add */
#define RANKING_EXPAND_WEIGHT 0.25  /* against the query's words */

#endif
