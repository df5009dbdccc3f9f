/* gazette-search - ranked search over a Gazette index.
 *
 * Opens the index or shards, runs one query (or one a line with --batch)
 * and writes the results.  Opening, parsing, running and reading the
 * hits are search.h's, the path libgazette's gz_search() takes too;
 * what is shown is output.c's; options are cli.c's.  Exit as grep:
 * 0 some match, 1 no match, 2 error.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/report.h"
#include "cli.h"
#include "config.h"
#include "error.h"
#include "output.h"
#include "record.h"
#include "searcher.h"
#include "snippet.h"
#include "utf8.h"

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
 * column.  The query is shown escaped as every message is (cli/report.h),
 * the caret under the escaped text.  A long query is shown as a window of
 * about ECHO_COLUMNS around the column (whole UTF-8 characters, "…" where
 * cut), so a 16 KiB query does not fill the screen twice. */
#define ECHO_COLUMNS 72
static void report_parse_error(const char *query, size_t col, long line)
{
    if (line)
        report_error("line %ld: %s", line, gz_last_error());
    else
        report_error("%s", gz_last_error());
    size_t raw = strlen(query);
    char *shown = malloc(UTF8_ESCAPE_SIZE(raw));
    if (!shown)
        return;     /* the reason alone, then */
    size_t len = utf8_escape(query, raw, shown), from = 0, to = len;
    col = utf8_escape(query, col < raw ? col : raw, NULL);
    if (display_column(shown, len) > ECHO_COLUMNS) {
        from = col > ECHO_COLUMNS / 2 ? col - ECHO_COLUMNS / 2 : 0;
        while (from > 0 && ((unsigned char)shown[from] & 0xc0) == 0x80)
            from--;
        to = from;
        while (to < len && display_column(shown + from, to - from) < ECHO_COLUMNS)
            to++;
        while (to < len && ((unsigned char)shown[to] & 0xc0) == 0x80)
            to++;
    }
    const char *pre = from ? "\u2026" : "", *post = to < len ? "\u2026" : "";
    fprintf(stderr, "  %s%.*s%s\n  %*s^\n", pre, (int)(to - from), shown + from,
            post, display_column(shown + from, col - from) + (from ? 1 : 0), "");
    free(shown);
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

/* Write each file of hit I's record REC once, at the rank of its best
 * article: PATHS[0..*NPATHS) are those written. */
static int show_file(const search_cli *cli, const record *rec, long qnum,
                     char **paths, size_t *npaths)
{
    for (size_t k = 0; k < *npaths; k++)
        if (strcmp(paths[k], rec->path) == 0)
            return 0;
    if (!(paths[*npaths] = strdup(rec->path))) {
        report_error("out of memory");
        return -1;
    }
    (*npaths)++;
    return output_value(stdout, cli->format, qnum, "path", rec->path, cli->nul)
           ? write_failed() : 0;
}

/* Text for a person at a terminal: which hits of how many (N hits of RES
 * are shown).  Into a pipe or a file nothing, so the lines stay hits. */
static int show_header(const search_cli *cli, const search_results *res,
                       size_t n)
{
    if (cli->mode != MODE_SUMMARY || cli->format != OUT_TEXT || n == 0 ||
        !isatty(STDOUT_FILENO))
        return 0;
    unsigned long lower = 0, upper = 0;
    unsigned long total = search_results_total(res, &lower, &upper);
    unsigned first = cli->req.opts.offset + 1;
    return output_showing(stdout, cli->color, first, first + (unsigned)n - 1,
                          total, lower != upper) ? write_failed() : 0;
}

/* Write hit I (record REC) of RES as a summary, with its snippet. */
static int show_summary(searcher *s, const search_results *res, size_t i,
                        const record *rec, const gz_query *q, long qnum)
{
    const search_cli *cli = &s->cli;
    snippet snip;
    gz_status st = search_snippet(s->si, q, rec, cli->req.opts.snippet_words,
                                  &snip);
    if (st != GZ_OK) {
        report_status(st, "making a snippet");
        return -1;
    }
    hit_view h = { cli->req.opts.offset + (unsigned)i + 1,
                   search_results_score(res, i), rec, &snip, qnum,
                   search_results_similar(res, i) };
    int rc = output_hit(stdout, cli->format, cli->color, &h) ? write_failed() : 0;
    snippet_free(&snip);
    return rc;
}

/* Write the hits of one query in the chosen mode. */
static int show_hits(searcher *s, const search_results *res, const gz_query *q,
                     long qnum)
{
    const search_cli *cli = &s->cli;
    if (cli->mode == MODE_COUNT)
        return output_count(stdout, cli->format, qnum,
                            search_results_total(res, NULL, NULL))
               ? write_failed() : 0;

    size_t n = search_results_count(res), npaths = 0;
    char **paths = NULL;
    if (cli->mode == MODE_FILES && !(paths = calloc(n + 1, sizeof *paths))) {
        report_error("out of memory");
        return -1;
    }
    int rc = qnum ? 0 : show_header(cli, res, n);
    for (size_t i = 0; i < n && rc == 0; i++) {
        record rec;
        gz_status st = search_results_record(res, i, &rec);
        if (st != GZ_OK) {
            report_status(st, "reading a hit");
            rc = -1;
            break;
        }
        if (cli->mode == MODE_IDS)
            rc = output_value(stdout, cli->format, qnum, "id", rec.id,
                              cli->nul) ? write_failed() : 0;
        else if (cli->mode == MODE_FILES)
            rc = show_file(cli, &rec, qnum, paths, &npaths);
        else
            rc = show_summary(s, res, i, &rec, q, qnum);
        record_free(&rec);
    }
    /* Every batch query has a line, so that lines can be matched to
     * queries. */
    if (rc == 0 && qnum && n == 0 && output_no_hits(stdout, cli->format, qnum))
        rc = write_failed();
    for (size_t k = 0; k < npaths; k++)
        free(paths[k]);
    free(paths);
    return rc;
}

/* An id that --show or --like asked for is not in the index: no match,
 * said the same way by both. */
static int report_unknown_id(const searcher *s, const char *id)
{
    report_error("no article with id '%s' in %s", id, s->index);
    return EXIT_NOMATCH;
}

/* Report why TEXT (query QNUM of a batch, or 0) could not be parsed, or
 * turned into the articles like --like's, with status ST.  Returns the
 * exit status: no match for an unknown --like id, else an error. */
static int report_query_error(searcher *s, gz_status st, const char *text,
                              size_t col, long qnum)
{
    const search_cli *cli = &s->cli;
    if (cli->like && st == GZ_ENOTFOUND)
        return report_unknown_id(s, cli->like);
    if (st == GZ_EPARSE)
        report_parse_error(text, col, qnum);
    else if (cli->like && st == GZ_EINVAL)
        report_error("--like: %s", gz_last_error());
    else
        report_status(st, cli->like ? s->index : "query");
    if (qnum && output_query_error(stdout, cli->format, qnum,
                                   gz_last_error()) != 0)
        write_failed();
    return EXIT_ERROR;
}

/* --explain: the parsed query and Xapian's. */
static int explain(const gz_query *q)
{
    char *mine, *xap;
    int status = EXIT_ERROR;
    if (search_explain(q, &mine, &xap) != GZ_OK)
        report_error("out of memory");
    else if (fputs("query:  ", stdout) < 0 || report_put_text(stdout, mine) ||
             fputs("\nxapian: ", stdout) < 0 || report_put_text(stdout, xap) ||
             putchar('\n') == EOF)
        write_failed();
    else
        status = EXIT_MATCH;
    free(mine);
    free(xap);
    return status;
}

/* Parse and run TEXT.  Returns EXIT_MATCH, EXIT_NOMATCH or EXIT_ERROR. */
static int run_query(searcher *s, const char *text, long qnum)
{
    search_cli *cli = &s->cli;
    gz_query *q = NULL;
    search_results *res = NULL;
    size_t col = 0;
    int status = EXIT_ERROR;

    gz_status st = search_parse(s->si, text, &cli->req, cli->like, &q, &col);
    if (st != GZ_OK) {
        status = report_query_error(s, st, text, col, qnum);
        goto done;
    }
    if (cli->explain) {
        status = explain(q);
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
    if ((st = search_run(s->si, q, &cli->req, &res)) != GZ_OK) {
        if (st != GZ_EPARSE) {
            report_status(st, s->index);
            goto done;
        }
        /* A query refused as it runs (a wildcard past its cap) is the
         * query's fault, not the index's: said as a parse error is,
         * without the index's name, and with its line in a batch. */
        report_error("%s", gz_last_error());
        if (qnum &&
            output_query_error(stdout, cli->format, qnum, gz_last_error()))
            write_failed();
        goto done;
    }
    if (show_hits(s, res, q, qnum) != 0)
        goto done;
    unsigned long lower = 0, upper = 0;
    search_results_total(res, &lower, &upper);
    if (cli->suggest && !cli->like &&
        suggest_run(s, text, upper, qnum) != 0)
        goto done;
    status = lower > 0 || search_results_count(res) > 0 ? EXIT_MATCH
                                                         : EXIT_NOMATCH;
done:
    search_results_free(res);
    search_query_free(q);
    return status;
}

/* One query a line from stdin; the worst outcome decides the exit. */
/* One line of F into LINE (room for SEARCH_QUERY_MAX_BYTES + 1 bytes and a
 * NUL), without its end of line; the bytes past the room are read and
 * dropped, so a line of any length costs no more memory, and *N counts
 * them all.  Returns -1 at the end of F. */
static int read_line(FILE *f, char *line, ssize_t *n)
{
    int c;
    *n = 0;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (*n <= SEARCH_QUERY_MAX_BYTES)
            line[*n] = (char)c;
        if (*n < SSIZE_MAX)
            (*n)++;
    }
    if (c == EOF && *n == 0)
        return -1;
    line[*n <= SEARCH_QUERY_MAX_BYTES ? *n : SEARCH_QUERY_MAX_BYTES + 1] = '\0';
    return 0;
}

static int run_batch(searcher *s)
{
    static char line[SEARCH_QUERY_MAX_BYTES + 2];
    ssize_t n;
    long qnum = 0;
    int any_match = 0, any_error = 0;
    while (read_line(stdin, line, &n) == 0) {
        qnum++;
        while (n > 0 && n <= SEARCH_QUERY_MAX_BYTES && line[n - 1] == '\r')
            line[--n] = '\0';
        /* A query the parser would refuse anyway is refused here, before
         * it is searched, echoed or grown further; and a NUL would cut it
         * short without a word. */
        int nul = n <= SEARCH_QUERY_MAX_BYTES && memchr(line, '\0', (size_t)n) != NULL;
        if (nul || (size_t)n > SEARCH_QUERY_MAX_BYTES) {
            char msg[128];
            if (nul)
                snprintf(msg, sizeof msg, "the query holds a NUL byte");
            else
                snprintf(msg, sizeof msg, "the query is longer than %d bytes "
                         "(%zd)", SEARCH_QUERY_MAX_BYTES, n);
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
        gz_status st = search_reopen(s->si);
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
    record rec;
    gz_status st = search_article(s->si, id, &rec);
    if (st == GZ_ENOTFOUND)
        return report_unknown_id(s, id);
    if (st != GZ_OK) {
        report_status(st, s->index);
        return EXIT_ERROR;
    }
    int status = output_article(stdout, s->cli.format, &rec) ||
                 fflush(stdout) ? (write_failed(), EXIT_ERROR) : EXIT_MATCH;
    record_free(&rec);
    return status;
}

/* A shard skipped under --allow-partial. */
static void warn(void *ctx, const char *message)
{
    (void)ctx;
    report_warning("%s", message);
}

int main(int argc, char **argv)
{
    report_set_program("gazette-search");
    searcher s = { .si = NULL };
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
    search_open_opts so = { s.cli.timeout_ms, s.cli.allow_partial, warn, NULL };
    if (search_open(paths, npaths, &so, &s.si) != GZ_OK) {
        report_error("%s", gz_last_error());
        goto done;
    }

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
    search_close(s.si);
    free(default_index);
    cli_free(&s.cli);
    return status;
}
