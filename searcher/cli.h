/* cli.h - gazette-search's command line -> a search_cli.
 *
 * Only parses and checks the options; never opens the index.  Dates are
 * checked here so that a bad --since is an error before any search.
 */
#ifndef GZ_SEARCH_CLI_H
#define GZ_SEARCH_CLI_H

#include "date.h"
#include "output.h"
#include "timeline.h"
#include "match.h"
#include "xapian_wrap.h"

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
    int any;                /* --any */
    int stopwords;          /* drop stop words from --any queries (default) */
    match_opts search;      /* --limit, --offset, --sort */
    out_format format;
    int format_given;
    out_mode mode;
    int nul;                /* -0 */
    int color;
    int explain;            /* --explain */
    int batch;              /* --batch */
    const char *show;       /* --show ID */
    int today;              /* --now, else today (YYYYMMDD) */
    date_range dates;       /* --since/--until/--on; 0 = open */
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
