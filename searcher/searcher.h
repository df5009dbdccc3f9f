/* searcher.h - what one gazette-search run holds, and the views of a
 * match set beyond a page of hits: a timeline (histogram.c), the terms
 * that set it apart and the articles like one (terms.c), and "did you
 * mean" (suggest.c).  Each writes to stdout in the chosen format and
 * returns an exit status: 0 some match, 1 none, 2 error (reported). */
#ifndef GZ_SEARCHER_H
#define GZ_SEARCHER_H

#include "cli.h"
#include "query.h"
#include "stem.h"
#include "xapian_wrap.h"

enum { EXIT_MATCH = 0, EXIT_NOMATCH = 1, EXIT_ERROR = 2 };

typedef struct searcher {
    search_cli cli;
    gz_db *db;
    stemmer *st;
    const char *index;
} searcher;

/* A failed write to stdout: exits quietly for a closed pipe, else reports
 * and returns -1. */
int write_failed(void);

/* --histogram: the matches of Q per period. */
int histogram_run(searcher *s, const gz_query *q);

/* --terms N: the terms that best tell Q's matches from the archive. */
int terms_run(searcher *s, const gz_query *q);

/* --like ID: turn Q (the user's restriction, or "*") into the articles
 * like ID.  GZ_OK, GZ_ENOTFOUND (no such article: reported), or an error
 * status (reported). */
gz_status terms_like(searcher *s, gz_query *q, const char *id);

/* "Did you mean": when TEXT (which matched TOTAL articles) finds a few
 * more with its rare words spelled as the index mostly spells them, say
 * so.  Never changes what was searched.  0, or -1 after a failed write. */
int suggest_run(searcher *s, const char *text, const query_opts *qo,
                unsigned long total, long qnum);

#endif
