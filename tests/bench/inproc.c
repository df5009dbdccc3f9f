/* inproc.c - Gazette's in-process query latency: the library with the index
 * open, as an application linking libgazette would search it.
 *
 *   build/bench/inproc -d INDEX [-n RUNS] < tests/bench/queries.tsv
 *
 * Opens INDEX once (as gazette-search does: gz_db_open, the index's
 * stemmer, the schema check) and times that.  Then, for every query of the
 * query set (column 2 of queries.tsv), RUNS times: parse (query_parse), run
 * the top 10 (match_run, BM25 with gazette-search's default parameters)
 * and read the stored fields of each hit (record_decode: id, date, title,
 * from the record without its body, SCHEMA_SLOT_HEAD, as gazette-search
 * -o ids reads them); and, separately timed, the same from the whole
 * record plus each hit's snippet (snippet_make), which gazette-search's
 * text output adds.  Prints one line per query:
 *
 *   KIND <TAB> HITS <TAB> MEDIAN_US <TAB> MEDIAN_US_WITH_SNIPPETS
 *
 * and a first line "# open_us N (...)": the open and each of its steps.  A query that fails prints HITS -1.
 * For benchmarks only: never part of the programs or the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "query.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "stem.h"
#include "match.h"
#include "xapian_wrap.h"

/* gazette-search's ranking defaults (common/ranking.h). */
#define BENCH_BM25_K1 2.0
#define BENCH_BM25_B 0.5
#define BENCH_SNIPPET_WORDS 30

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

/* One timed run of TEXT.  Returns the number of hits, or -1 on failure. */
static long run_once(gz_db *db, stemmer *st, const match_opts *so,
                     const char *text, int with_snippets)
{
    gz_query *q = NULL;
    match_hits *hits = NULL;
    query_opts qo = { 0, 0 };
    long n = -1;
    if (query_parse(text, st, &qo, &q, NULL) != GZ_OK)
        goto done;
    match_opts o = *so;
    o.head_slot = with_snippets ? 0 : SCHEMA_SLOT_HEAD;
    if (match_run(db, query_tree(q), &o, &hits) != GZ_OK)
        goto done;
    size_t nstems = query_stem_count(q);
    const char *stems[64];
    if (nstems > 64)
        nstems = 64;
    for (size_t i = 0; i < nstems; i++)
        stems[i] = query_stem(q, i);
    for (size_t i = 0; i < match_hits_count(hits); i++) {
        size_t len;
        const char *data = match_hits_data(hits, i, &len);
        record rec;
        if (record_decode(data, len, &rec) != GZ_OK)
            goto done;
        if (with_snippets) {
            snippet snip;
            if (snippet_make(rec.body, rec.body_len, st, stems, nstems,
                             BENCH_SNIPPET_WORDS, &snip) != GZ_OK) {
                record_free(&rec);
                goto done;
            }
            snippet_free(&snip);
        }
        record_free(&rec);
    }
    n = (long)match_hits_count(hits);
done:
    match_hits_free(hits);
    query_free(q);
    return n;
}

int main(int argc, char **argv)
{
    const char *index = NULL;
    int runs = 20, c;
    report_set_program("inproc");
    while ((c = getopt(argc, argv, "d:n:")) != -1) {
        if (c == 'd')
            index = optarg;
        else if (c == 'n' && atoi(optarg) > 0)
            runs = atoi(optarg);
        else {
            fprintf(stderr, "usage: inproc -d INDEX [-n RUNS] < queries.tsv\n");
            return 2;
        }
    }
    if (!index) {
        fprintf(stderr, "usage: inproc -d INDEX [-n RUNS] < queries.tsv\n");
        return 2;
    }

    gz_db *db = NULL;
    stemmer *st = NULL;
    char *language = NULL;
    gz_status s;
    double t[5];
    t[0] = now_us();
    if ((s = gz_db_open(index, &db)) != GZ_OK ||
        (t[1] = now_us(), s = schema_db_language(db, &language)) != GZ_OK ||
        (t[2] = now_us(), s = stemmer_new(language, &st)) != GZ_OK ||
        (t[3] = now_us(), s = schema_check_db(db, st)) != GZ_OK) {
        report_status(s, index);
        return 2;
    }
    t[4] = now_us();
    printf("# open_us %.1f (gz_db_open %.1f, schema_db_language %.1f, "
           "stemmer_new %.1f, schema_check_db %.1f)\n", t[4] - t[0],
           t[1] - t[0], t[2] - t[1], t[3] - t[2], t[4] - t[3]);

    match_opts so;
    memset(&so, 0, sizeof so);
    so.limit = 10;
    so.date_slot = SCHEMA_SLOT_DATE;
    so.id_slot = SCHEMA_SLOT_ID;
    so.order_slot = SCHEMA_SLOT_ORDER;
    so.bm25_k1 = BENCH_BM25_K1;
    so.bm25_b = BENCH_BM25_B;

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
            hits = run_once(db, st, &so, text, 0);
            double b = now_us();
            if (hits >= 0 && run_once(db, st, &so, text, 1) < 0)
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
    stemmer_free(st);
    gz_db_close(db);
    free(language);
    return status;
}
