/* searcher.h - what one gazette-search run holds, and the views of a
 * match set beyond a page of hits: a timeline (histogram.c), the terms
 * that set it apart (terms.c), and "did you mean" (suggest.c).  Each
 * reaches the index only through search.h (the articles like one are
 * search_parse()'s).  Each writes to stdout in the chosen format and
 * returns an exit status: 0 some match, 1 none, 2 error (reported). */
#ifndef GZ_SEARCHER_H
#define GZ_SEARCHER_H

#include "cli.h"
#include "search.h"

enum { EXIT_MATCH = 0, EXIT_NOMATCH = 1, EXIT_ERROR = 2 };

typedef struct searcher {
    search_cli cli;
    search_index *si;
    const char *index;      /* for messages: the path or "the shards" */
} searcher;

/* A failed write to stdout: exits quietly for a closed pipe, else reports
 * and returns -1. */
int write_failed(void);

/* --histogram: the matches of Q per period. */
int histogram_run(searcher *s, const gz_query *q);

/* --terms N: the terms that best tell Q's matches from the archive. */
int terms_run(searcher *s, const gz_query *q);

/* "Did you mean": when TEXT (which matched TOTAL articles) finds a few
 * more with its rare words spelled as the index mostly spells them, say
 * so.  Never changes what was searched.  0, or -1 after a failed write. */
int suggest_run(searcher *s, const char *text, unsigned long total,
                long qnum);

#endif
