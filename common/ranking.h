/* ranking.h - the ranking defaults a search runs with when nobody asks
 * for others.
 *
 * libgazette's gz_search() (api.c) and gazette-search (searcher/cli.c)
 * both rank with these: tests/e2e/t310-install.sh checks that the library
 * and the program give the same hits in the same order.  The values were measured
 * on the judged test collections (RANKING.md).  Knows nothing else.
 */
#ifndef GZ_RANKING_H
#define GZ_RANKING_H

#define RANKING_BM25_K1 2.0
#define RANKING_BM25_B 0.5

#endif
