/* inproc.c - Gazette's in-process query latency: the library with the index
 * open, as an application linking libgazette would search it.
 *
 *   build/bench/inproc -d INDEX [-n RUNS] [-a] [-e MATCH] [-p W]
 *                      < tests/bench/queries.tsv
 *
 * -a runs the queries as natural language (--any), -e sets ranking.h's
 * expand_min_match (0: no automatic feedback), -p its proximity weight:
 * the side-by-side runs of BENCHMARKS.md's "Ranking signals".
 * Opens INDEX once through the one search path (search_open(): the index,
 * its stemmer, the schema check, as gz_index_open() and gazette-search do)
 * and times that.  Then, for every query of the query set (column 2 of
 * queries.tsv), RUNS times: parse and run the top 10 with the defaults
 * (search_parse(), search_run(); no collapsing, as in the bench's earlier
 * figures) and read each hit's record without its body (id, date, title,
 * as gazette-search -o ids reads them); and, separately timed, the same
 * from the whole record plus each hit's snippet, which gazette-search's
 * text output adds.  Prints one line per query:
 *
 *   KIND <TAB> HITS <TAB> MEDIAN_US <TAB> MEDIAN_US_WITH_SNIPPETS
 *
 * and a first line "# open_us N (...)".  A query that fails prints HITS -1.
 * For benchmarks only: never part of the programs or the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/report.h"
#include "error.h"
#include "record.h"
#include "search.h"
#include "snippet.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One timed run of TEXT through the one search path (search.h), as
 * gz_search() and gazette-search run it.  Returns the number of hits, or
 * -1 on failure. */
static long run_once(search_index *si, const search_request *base,
                     const char *text, int with_snippets)
{
    gz_query *q = NULL;
    search_results *res = NULL;
    search_request req = *base;
    long n = -1;
    req.head_only = !with_snippets;
    if (search_parse(si, text, &req, NULL, &q, NULL) != GZ_OK ||
        search_run(si, q, &req, &res) != GZ_OK)
        goto done;
    for (size_t i = 0; i < search_results_count(res); i++) {
        record rec;
        if (search_results_record(res, i, &rec) != GZ_OK)
            goto done;
        if (with_snippets) {
            snippet snip;
            if (search_snippet(si, q, &rec, req.opts.snippet_words,
                               &snip) != GZ_OK) {
                record_free(&rec);
                goto done;
            }
            snippet_free(&snip);
        }
        record_free(&rec);
    }
    n = (long)search_results_count(res);
done:
    search_results_free(res);
    search_query_free(q);
    return n;
}

int main(int argc, char **argv)
{
    const char *index = NULL;
    static const char usage[] = "usage: inproc -d INDEX [-n RUNS] [-a] "
                                "[-e MATCH] [-p W] < queries.tsv\n";
    int runs = 20, any = 0, c;
    double min_match = -1, proximity = -1;
    report_set_program("inproc");
    while ((c = getopt(argc, argv, "d:n:ae:p:")) != -1) {
        if (c == 'd')
            index = optarg;
        else if (c == 'n' && atoi(optarg) > 0)
            runs = atoi(optarg);
        else if (c == 'a')
            any = 1;
        else if (c == 'e')
            min_match = atof(optarg);
        else if (c == 'p')
            proximity = atof(optarg);
        else {
            fputs(usage, stderr);
            return 2;
        }
    }
    if (!index) {
        fputs(usage, stderr);
        return 2;
    }

    search_index *si = NULL;
    search_open_opts oo = { SEARCH_DEFAULT_TIMEOUT_MS, 0, NULL, NULL };
    double t0 = now_us();
    gz_status s = search_open(&index, 1, &oo, &si);
    if (s != GZ_OK) {
        report_status(s, index);
        return 2;
    }
    printf("# open_us %.1f (search_open: the index, its stemmer, the schema "
           "check)\n", now_us() - t0);

    /* A plain search as gazette-search runs it, but every article counts
     * (no collapsing: the figures of earlier runs of this bench had none). */
    search_request base;
    memset(&base, 0, sizeof base);
    search_options_init(&base.opts);
    search_tuning_init(&base.tune);
    base.opts.collapse = 0;
    base.opts.any = any;
    if (min_match >= 0)
        base.tune.expand_min_match = min_match;
    if (proximity >= 0)
        base.tune.proximity = proximity;
    if ((s = search_request_dates(&base, "--")) != GZ_OK) {
        report_status(s, "dates");
        return 2;
    }

    double *tp = malloc(sizeof *tp * (size_t)runs);
    double *ts = malloc(sizeof *ts * (size_t)runs);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int status = 0;
    if (!tp || !ts) {
        report_error("out of memory");
        return 2;
    }
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        if (line[0] == '#' || len <= 1)
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *kind = line, *text = strchr(line, '\t');
        if (!text)
            continue;
        *text++ = '\0';
        char *end = strchr(text, '\t');
        if (end)
            *end = '\0';
        long hits = 0;
        /* Plain and with-snippets runs alternate, so both see the same
         * state of the caches. */
        for (int r = 0; r < runs && hits >= 0; r++) {
            double a = now_us();
            hits = run_once(si, &base, text, 0);
            double b = now_us();
            if (hits >= 0 && run_once(si, &base, text, 1) < 0)
                hits = -1;
            tp[r] = b - a;
            ts[r] = now_us() - b;
        }
        if (hits < 0) {
            fprintf(stderr, "inproc: %s: %s\n", text, gz_last_error());
            printf("%s\t-1\t0\t0\n", kind);
            status = 1;
            continue;
        }
        printf("%s\t%ld\t%.1f\t%.1f\n", kind, hits, median(tp, runs),
               median(ts, runs));
    }
    free(line);
    free(tp);
    free(ts);
    search_close(si);
    return status;
}
