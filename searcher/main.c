/* gazette-search - ranked search over a Gazette index.
 *
 * Opens the index or shards (shards.c), runs one query (or one a line with --batch) and writes
 * the results.  The query is parsed by query.c, run through xapian_wrap.h,
 * shown by snippet.c and output.c; options are cli.c's.  Exit as grep:
 * 0 some match, 1 no match, 2 error.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "error.h"
#include "output.h"
#include "query.h"
#include "record.h"
#include "schema.h"
#include "searcher.h"
#include "shards.h"
#include "snippet.h"
#include "stem.h"
#include "xapian_wrap.h"

#define SNIPPET_WORDS 30

/* The terminal column of byte COL of TEXT: UTF-8 continuation bytes take
 * no column. */
static int display_column(const char *text, size_t col)
{
    int n = 0;
    for (size_t i = 0; i < col && text[i]; i++)
        if (((unsigned char)text[i] & 0xc0) != 0x80)
            n++;
    return n;
}

/* Show where a query failed: the reason, the query, a caret under the
 * column.  A long query is shown as a window of about ECHO_COLUMNS
 * around the column (whole UTF-8 characters, "…" where cut), so a 16 KiB
 * query does not fill the screen twice. */
#define ECHO_COLUMNS 72
static void report_parse_error(const char *query, size_t col, long line)
{
    if (line)
        report_error("line %ld: %s", line, gz_last_error());
    else
        report_error("%s", gz_last_error());
    size_t len = strlen(query), from = 0, to = len;
    if (col > len)
        col = len;
    if (display_column(query, len) > ECHO_COLUMNS) {
        from = col > ECHO_COLUMNS / 2 ? col - ECHO_COLUMNS / 2 : 0;
        while (from > 0 && ((unsigned char)query[from] & 0xc0) == 0x80)
            from--;
        to = from;
        while (to < len && display_column(query + from, to - from) < ECHO_COLUMNS)
            to++;
        while (to < len && ((unsigned char)query[to] & 0xc0) == 0x80)
            to++;
    }
    const char *pre = from ? "\u2026" : "", *post = to < len ? "\u2026" : "";
    fprintf(stderr, "  %s%.*s%s\n  %*s^\n", pre, (int)(to - from), query + from,
            post, display_column(query + from, col - from) + (from ? 1 : 0), "");
}

int write_failed(void)
{
    /* A reader that went away (| head -1) wants no more and no message,
     * also when SIGPIPE is ignored and the write only fails with EPIPE. */
    if (errno == EPIPE)
        exit(EXIT_MATCH);
    report_error("writing results: %s", strerror(errno));
    return -1;
}

/* Write the hits of one query in the chosen mode. */
static int show_hits(searcher *s, match_hits *hits, const gz_query *q, long qnum)
{
    const search_cli *cli = &s->cli;
    if (cli->mode == MODE_COUNT)
        return output_count(stdout, cli->format, qnum,
                            match_hits_total(hits, NULL, NULL)) ? write_failed() : 0;

    size_t nstems = query_stem_count(q);
    const char **stems = malloc((nstems + 1) * sizeof *stems);
    char **paths = NULL;
    size_t npaths = 0;
    if (!stems || (cli->mode == MODE_FILES &&
                   !(paths = calloc(match_hits_count(hits) + 1, sizeof *paths)))) {
        free(stems);
        report_error("out of memory");
        return -1;
    }
    for (size_t i = 0; i < nstems; i++)
        stems[i] = query_stem(q, i);

    int rc = 0;
    for (size_t i = 0; i < match_hits_count(hits) && rc == 0; i++) {
        size_t len;
        const char *data = match_hits_data(hits, i, &len);
        record rec;
        gz_status st = record_decode(data, len, &rec);
        if (st != GZ_OK) {
            report_status(st, "reading a hit");
            rc = -1;
            break;
        }
        if (cli->mode == MODE_IDS) {
            rc = output_value(stdout, qnum, rec.id, cli->nul) ? write_failed() : 0;
        } else if (cli->mode == MODE_FILES) {
            /* Each file once, at the rank of its best article. */
            int seen = 0;
            for (size_t k = 0; k < npaths && !seen; k++)
                seen = strcmp(paths[k], rec.path) == 0;
            if (!seen) {
                if (!(paths[npaths] = strdup(rec.path))) {
                    report_error("out of memory");
                    rc = -1;
                } else {
                    npaths++;
                    rc = output_value(stdout, qnum, rec.path, cli->nul)
                         ? write_failed() : 0;
                }
            }
        } else {
            snippet snip;
            st = snippet_make(rec.body, rec.body_len, s->st, stems, nstems,
                              SNIPPET_WORDS, &snip);
            if (st != GZ_OK) {
                report_status(st, "making a snippet");
                rc = -1;
            } else {
                hit_view h = { cli->search.offset + (unsigned)i + 1,
                               match_hits_score(hits, i), &rec, &snip, qnum,
                               match_hits_similar(hits, i) };
                rc = output_hit(stdout, cli->format, cli->color, &h)
                     ? write_failed() : 0;
                snippet_free(&snip);
            }
        }
        record_free(&rec);
    }
    for (size_t k = 0; k < npaths; k++)
        free(paths[k]);
    free(paths);
    free(stems);
    return rc;
}

/* Parse and run TEXT.  Returns EXIT_MATCH, EXIT_NOMATCH or EXIT_ERROR. */
static int run_query(searcher *s, const char *text, long qnum)
{
    search_cli *cli = &s->cli;
    gz_query *q = NULL;
    match_hits *hits = NULL;
    size_t col = 0;
    int status = EXIT_ERROR;
    query_opts qo = { cli->any ? QUERY_ANY | (cli->stopwords ? QUERY_STOPWORDS : 0)
                               : 0, cli->today };

    gz_status st = query_parse(text, s->st, &qo, &q, &col);
    if (st == GZ_OK && cli->like &&
        terms_like(s, q, cli->like) != GZ_OK)
        goto done;  /* reported */
    if (st == GZ_OK)
        st = query_restrict_dates(q, cli->dates);
    if (st != GZ_OK) {
        if (st == GZ_EPARSE)
            report_parse_error(text, col, qnum);
        else
            report_status(st, "query");
        if (qnum && output_query_error(stdout, cli->format, qnum,
                                       gz_last_error()) != 0)
            write_failed();
        goto done;
    }
    if (cli->explain) {
        char *mine = query_describe(q);
        char *xap = gz_query_describe(query_tree(q));
        if (!mine || !xap)
            report_error("out of memory");
        else if (printf("query:  %s\nxapian: %s\n", mine, xap) < 0)
            write_failed();
        else
            status = EXIT_MATCH;
        free(mine);
        free(xap);
        goto done;
    }
    if (cli->histogram) {
        status = histogram_run(s, q);
        goto done;
    }
    if (cli->terms) {
        status = terms_run(s, q);
        goto done;
    }
    if ((st = match_run(s->db, query_tree(q), &cli->search, &hits)) != GZ_OK) {
        report_status(st, s->index);
        goto done;
    }
    if (show_hits(s, hits, q, qnum) != 0)
        goto done;
    unsigned long lower = 0, upper = 0;
    match_hits_total(hits, &lower, &upper);
    if (cli->suggest && !cli->like &&
        suggest_run(s, text, &qo, upper, qnum) != 0)
        goto done;
    status = lower > 0 || match_hits_count(hits) > 0 ? EXIT_MATCH : EXIT_NOMATCH;
done:
    match_hits_free(hits);
    query_free(q);
    return status;
}

/* One query a line from stdin; the worst outcome decides the exit. */
/* One line of F into LINE (room for QUERY_MAX_BYTES + 1 bytes and a
 * NUL), without its end of line; the bytes past the room are read and
 * dropped, so a line of any length costs no more memory, and *N counts
 * them all.  Returns -1 at the end of F. */
static int read_line(FILE *f, char *line, ssize_t *n)
{
    int c;
    *n = 0;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (*n <= QUERY_MAX_BYTES)
            line[*n] = (char)c;
        if (*n < SSIZE_MAX)
            (*n)++;
    }
    if (c == EOF && *n == 0)
        return -1;
    line[*n <= QUERY_MAX_BYTES ? *n : QUERY_MAX_BYTES + 1] = '\0';
    return 0;
}

static int run_batch(searcher *s)
{
    static char line[QUERY_MAX_BYTES + 2];
    ssize_t n;
    long qnum = 0;
    int any_match = 0, any_error = 0;
    while (read_line(stdin, line, &n) == 0) {
        qnum++;
        while (n > 0 && n <= QUERY_MAX_BYTES && line[n - 1] == '\r')
            line[--n] = '\0';
        /* A query the parser would refuse anyway is refused here, before
         * it is searched, echoed or grown further; and a NUL would cut it
         * short without a word. */
        int nul = n <= QUERY_MAX_BYTES && memchr(line, '\0', (size_t)n) != NULL;
        if (nul || (size_t)n > QUERY_MAX_BYTES) {
            char msg[128];
            if (nul)
                snprintf(msg, sizeof msg, "the query holds a NUL byte");
            else
                snprintf(msg, sizeof msg, "the query is longer than %d bytes "
                         "(%zd)", QUERY_MAX_BYTES, n);
            report_error("line %ld: %s", qnum, msg);
            any_error = 1;
            if (output_query_error(stdout, s->cli.format, qnum, msg) != 0) {
                write_failed();
                break;
            }
            continue;
        }
        if (strspn(line, " \t") == (size_t)n)
            continue;   /* a blank line asks nothing */
        /* A long batch sees what cron committed meanwhile. */
        gz_status st = gz_db_reopen(s->db);
        if (st != GZ_OK) {
            report_status(st, s->index);
            any_error = 1;
            break;
        }
        int rc = run_query(s, line, qnum);
        any_match |= rc == EXIT_MATCH;
        any_error |= rc == EXIT_ERROR;
        if (ferror(stdout))
            break;
    }
    if (fflush(stdout) != 0) {
        write_failed();
        return EXIT_ERROR;
    }
    return any_error ? EXIT_ERROR : any_match ? EXIT_MATCH : EXIT_NOMATCH;
}

static int show_article(searcher *s, const char *id)
{
    char *idterm = schema_idterm(id), *data = NULL;
    size_t len;
    int status = EXIT_ERROR;
    if (!idterm) {
        report_error("out of memory");
        return EXIT_ERROR;
    }
    gz_status st = gz_db_get_data(s->db, idterm, &data, &len);
    if (st == GZ_ENOTFOUND) {
        report_error("no article with id '%s' in %s", id, s->index);
        status = EXIT_NOMATCH;
    } else if (st != GZ_OK) {
        report_status(st, s->index);
    } else {
        record rec;
        if ((st = record_decode(data, len, &rec)) != GZ_OK) {
            report_status(st, id);
        } else {
            status = output_article(stdout, s->cli.format, &rec) ||
                     fflush(stdout) ? (write_failed(), EXIT_ERROR) : EXIT_MATCH;
            record_free(&rec);
        }
    }
    free(data);
    free(idterm);
    return status;
}

int main(int argc, char **argv)
{
    report_set_program("gazette-search");
    searcher s = { .db = NULL };
    int rc = cli_parse(argc, argv, &s.cli);
    if (rc != CLI_OK) {
        cli_free(&s.cli);
        return rc == CLI_EXIT_OK ? EXIT_MATCH : EXIT_ERROR;
    }

    int status = EXIT_ERROR;
    char *default_index = NULL;
    const char *const *paths = s.cli.indexes;
    size_t npaths = s.cli.nindexes;
    if (npaths == 0) {
        if (!(default_index = config_default_index())) {
            report_error("no index given: use -d DIR or set GAZETTE_INDEX");
            goto done;
        }
        paths = (const char *const *)&default_index;
        npaths = 1;
    }
    s.index = npaths == 1 ? paths[0] : "the shards";
    shards_opts so = { s.cli.timeout_ms, s.cli.allow_partial };
    if (shards_open(paths, npaths, &so, &s.db, &s.st) != 0)
        goto done;

    if (s.cli.show)
        status = show_article(&s, s.cli.show);
    else if (s.cli.batch)
        status = run_batch(&s);
    else {
        status = run_query(&s, s.cli.query, 0);
        if (status != EXIT_ERROR && fflush(stdout) != 0)
            status = (write_failed(), EXIT_ERROR);
    }

done:
    stemmer_free(s.st);
    gz_db_close(s.db);
    free(default_index);
    cli_free(&s.cli);
    return status;
}
