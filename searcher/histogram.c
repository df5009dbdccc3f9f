/* histogram.c - gazette-search --histogram: exact counts per period.
 *
 * Every match is counted by its day (search_day_counts(), a match spy
 * over the whole match set), never estimated from a page of hits.  The chart runs from the first to the last period with a match,
 * or from --since / to --until where those are given, empty periods
 * included; matches without a date are counted on a line of their own. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/report.h"
#include "error.h"
#include "output.h"
#include "searcher.h"
#include "timeline.h"

typedef struct days {
    day_count *v;
    size_t n, cap;
    unsigned long dated;
    int failed;
} days;

static int add_day(void *ctx, int day, unsigned long count)
{
    days *d = ctx;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 1024;
        day_count *v = realloc(d->v, cap * sizeof *v);
        if (!v) {
            d->failed = 1;
            return 1;
        }
        d->v = v;
        d->cap = cap;
    }
    d->v[d->n].day = day;
    d->v[d->n++].count = count;
    d->dated += count;
    return 0;
}

/* Columns for the bars: the terminal's, else $COLUMNS, else 80. */
static int terminal_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col > 0)
        return ws.ws_col;
    const char *env = getenv("COLUMNS");
    int n = env ? atoi(env) : 0;
    return n > 0 ? n : 80;
}

static int speaks_utf8(void)
{
    /* LC_CTYPE only: numbers keep their '.' whatever the locale. */
    if (!setlocale(LC_CTYPE, ""))
        return 0;
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

static int digits(unsigned long n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

int histogram_run(searcher *s, const gz_query *q)
{
    const search_cli *cli = &s->cli;
    days d = { .v = NULL };
    timeline t = { .periods = NULL };
    unsigned long total = 0;
    int status = EXIT_ERROR;

    gz_status st = search_day_counts(s->si, q, add_day, &d, &total);
    if (st == GZ_OK && d.failed)
        st = gz_error_set(GZ_EOOM, "out of memory counting dates");
    if (st != GZ_OK) {
        report_status(st, s->index);
        goto done;
    }
    unsigned long undated = total - d.dated;
    int lo = cli->req.dates.lo ? cli->req.dates.lo : d.n ? d.v[0].day : 0;
    int hi = cli->req.dates.hi ? cli->req.dates.hi : d.n ? d.v[d.n - 1].day : 0;
    if (lo && hi) {
        int rc = timeline_build(cli->period, d.v, d.n, lo, hi, &t);
        if (rc == -1) {
            report_error("out of memory building the histogram");
            goto done;
        }
        if (rc == -2) {
            static const char *const names[] = { "day", "week", "month", "year" };
            report_error("--histogram %s: more than %d periods from %d to %d; "
                         "take a longer period or narrow the dates with "
                         "--since/--until", names[cli->period],
                         TIMELINE_MAX_PERIODS, lo, hi);
            goto done;
        }
    }

    period_view v = { .label = NULL };
    v.max = t.max > undated ? t.max : undated;
    v.label_width = t.n ? (int)strlen(t.periods[0].label) : 0;
    if (undated && v.label_width < 7)
        v.label_width = 7;
    v.count_width = digits(v.max);
    if (cli->format == OUT_TEXT) {
        v.utf8 = speaks_utf8();
        v.color = cli->color;
        v.bar_width = terminal_width() - v.label_width - v.count_width - 5;
        if (v.bar_width < 10)
            v.bar_width = 10;
    }
    for (size_t i = 0; i < t.n; i++) {
        v.label = t.periods[i].label;
        v.start = t.periods[i].start;
        v.end = t.periods[i].end;
        v.count = t.periods[i].count;
        if (output_period(stdout, cli->format, &v) != 0) {
            write_failed();
            goto done;
        }
    }
    if (undated) {
        v.label = "undated";
        v.start = v.end = 0;
        v.count = undated;
        if (output_period(stdout, cli->format, &v) != 0) {
            write_failed();
            goto done;
        }
    }
    status = total ? EXIT_MATCH : EXIT_NOMATCH;
done:
    timeline_free(&t);
    free(d.v);
    return status;
}
