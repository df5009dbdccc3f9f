/* timeline.h - matches counted per day, week, month or year
 * (gazette-search --histogram).
 *
 * Turns exact per-day counts (gz_db_value_counts() over the date slot)
 * into consecutive periods, empty ones included, so a chart shows gaps
 * as gaps.  Weeks are ISO 8601 weeks (Monday to Sunday, labelled by the
 * ISO year: 2021-01-03 is in 2020-W53).  Knows nothing of Xapian or of
 * output formats.
 */
#ifndef GZ_TIMELINE_H
#define GZ_TIMELINE_H

#include <stddef.h>

typedef enum period_kind {
    PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_YEAR
} period_kind;

/* A chart of more periods is refused: ask for a coarser period. */
#define TIMELINE_MAX_PERIODS 100000

typedef struct period {
    int start, end;             /* YYYYMMDD, inclusive */
    char label[32];
    unsigned long count;
} period;

typedef struct timeline {
    period *periods;            /* malloc()ed */
    size_t n;
    unsigned long max;          /* the largest count */
} timeline;

/* Add COUNT articles dated DAY (YYYYMMDD). */
typedef struct day_count {
    int day;
    unsigned long count;
} day_count;

/* Build the periods of KIND from the one holding LO to the one holding
 * HI, with the counts of DAYS (N of them, in day order; days outside are
 * ignored).  Returns 0, -1 when out of memory, -2 when there would be
 * more than TIMELINE_MAX_PERIODS. */
int timeline_build(period_kind kind, const day_count *days, size_t n,
                   int lo, int hi, timeline *out);
void timeline_free(timeline *t);

#endif
