/* timeline.c - days into periods. */
#include <stdio.h>
#include <stdlib.h>

#include "date.h"
#include "timeline.h"

/* Periods are stepped through as plain day numbers (date.h's calendar). */
static long days_from(int ymd)
{
    return date_days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static int ymd_from(long z)
{
    return date_civil_from_days(z);
}

/* The period of KIND holding DAY: its first and last day and label. */
static void period_of(period_kind kind, int day, period *p)
{
    long z = days_from(day);
    int y = day / 10000, m = day / 100 % 100;
    switch (kind) {
    case PERIOD_DAY:
        p->start = p->end = day;
        snprintf(p->label, sizeof p->label, "%04d-%02d-%02d", y, m, day % 100);
        break;
    case PERIOD_WEEK: {
        long monday = z - date_weekday(z);
        /* The ISO year is the year of the week's Thursday; the week
         * number counts Thursdays of that year up to this one. */
        int thursday = ymd_from(monday + 3);
        int iso_year = thursday / 10000;
        long week = (monday + 3 - days_from(iso_year * 10000 + 101)) / 7 + 1;
        p->start = ymd_from(monday);
        p->end = ymd_from(monday + 6);
        snprintf(p->label, sizeof p->label, "%04d-W%02d", iso_year, (int)week);
        break;
    }
    case PERIOD_MONTH:
        p->start = y * 10000 + m * 100 + 1;
        /* The day before the next month's first: day arithmetic, no
         * table, so a stray month (a value this index did not write)
         * reads nothing out of bounds. */
        p->end = ymd_from(days_from(m == 12 ? (y + 1) * 10000 + 101
                                            : y * 10000 + (m + 1) * 100 + 1) - 1);
        snprintf(p->label, sizeof p->label, "%04d-%02d", y, m);
        break;
    case PERIOD_YEAR:
        p->start = y * 10000 + 101;
        p->end = y * 10000 + 1231;
        snprintf(p->label, sizeof p->label, "%04d", y);
        break;
    }
    p->count = 0;
}

int timeline_build(period_kind kind, const day_count *days, size_t n,
                   int lo, int hi, timeline *out)
{
    out->periods = NULL;
    out->n = 0;
    out->max = 0;
    if (lo > hi)
        return 0;
    /* Count first: the number of periods decides the allocation. */
    size_t count = 0;
    period p;
    period_of(kind, lo, &p);
    for (;;) {
        if (++count > TIMELINE_MAX_PERIODS)
            return -2;
        if (p.end >= hi)
            break;
        period_of(kind, ymd_from(days_from(p.end) + 1), &p);
    }
    if (!(out->periods = calloc(count, sizeof *out->periods)))
        return -1;
    size_t d = 0;
    for (size_t i = 0; i < count; i++) {
        period *q = &out->periods[i];
        period_of(kind, i ? ymd_from(days_from(q[-1].end) + 1) : lo, q);
        while (d < n && days[d].day < q->start)
            d++;
        for (; d < n && days[d].day <= q->end; d++)
            q->count += days[d].count;
        if (q->count > out->max)
            out->max = q->count;
    }
    out->n = count;
    return 0;
}

void timeline_free(timeline *t)
{
    free(t->periods);
    t->periods = NULL;
    t->n = 0;
}
