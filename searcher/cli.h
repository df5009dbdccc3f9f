/* cli.h - gazette-search's command line -> a search_cli.
 *
 * Only parses and checks the options; never opens the index.  What they
 * ask of a search is a search_request (search.h), the very options
 * libgazette's gz_search() takes, with the same defaults.  Dates are
 * resolved here so that a bad --since is an error before any search.
 */
#ifndef GZ_SEARCH_CLI_H
#define GZ_SEARCH_CLI_H

#include "output.h"
#include "search.h"
#include "timeline.h"

typedef enum out_mode {
    MODE_SUMMARY,   /* the hits, in --format */
    MODE_IDS,       /* one id a line */
    MODE_FILES,     /* each file once, in rank order */
    MODE_COUNT      /* the exact number of matches */
} out_mode;

typedef struct search_cli {
    const char **indexes;   /* every -d (malloc()ed array, strings are
                               argv's); none: the default index */
    size_t nindexes;
    int allow_partial;      /* --allow-partial: skip shards that are down */
    unsigned timeout_ms;    /* --timeout: for remote shards (0: none) */
    char *query;            /* the query words joined with spaces (malloc()ed) */
    search_request req;     /* --any, --limit, --offset, --sort, the dates,
                               --no-collapse, --expand, --bm25 (and
                               $GAZETTE_RANKING) */
    out_format format;
    int format_given;
    out_mode mode;
    int nul;                /* -0 */
    int color;
    int explain;            /* --explain */
    int batch;              /* --batch */
    const char *show;       /* --show ID */
    int histogram;          /* --histogram given: count per period */
    period_kind period;
    const char *like;       /* --like ID */
    unsigned terms;         /* --terms N (0: not asked) */
    int suggest;            /* "did you mean" (default; --no-suggest) */
} search_cli;

enum { CLI_OK = 0, CLI_EXIT_OK = -1, CLI_ERROR = 2 };

/* Parse ARGV into *CLI.  Returns CLI_OK to go on, CLI_EXIT_OK after
 * --help or --version (already printed), or CLI_ERROR after a message. */
int cli_parse(int argc, char **argv, search_cli *cli);

void cli_free(search_cli *cli);

#endif
