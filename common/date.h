/* date.h - absolute, partial, relative and plain dates -> inclusive day
 * ranges.
 *
 * Days are ints YYYYMMDD (20210406), so comparing two days is comparing
 * two ints and a range's ends print straight into the index's date value.
 * Both ends of a range are inclusive; 0 means "open" (no bound).
 *
 * Forms (each has unit tests at its boundaries in tests/unit/test_date.c):
 *   2021            the whole year        20210101..20211231
 *   2021-04         the whole month       20210401..20210430
 *   2021-04-06      that day
 *   2021-W14        ISO 8601 week 14 of 2021, Monday to Sunday (week 1
 *                   holds January 4; 2021-W53 does not exist, 2020-W53
 *                   does)
 *   7d 2w 3m 1y     that many days/weeks/months/years before TODAY, as one
 *                   day (a month back from March 31 is the last day of
 *                   February); 0d is today
 *   3 days ago      the same in words: N (1 to 5 digits, or "a") then day,
 *                   week, month or year (singular or plural) then "ago";
 *                   "0 days ago" is today.  No sign: "-3 days ago" is an
 *                   error
 *   today yesterday that day
 *   this week, last week, this month, last month, this year, last year
 *                   the whole period holding TODAY, or the one before it;
 *                   a week runs Monday to Sunday (ISO 8601)
 *   A..B  A..  ..B  a range: from the first day of A to the last day of B
 * Words are matched in any case and may be joined by spaces or underscores
 * ("last_week", as notmuch spells it); nothing else is read as a word (no
 * "tomorrow", "next week", "fortnight", leading or trailing space).
 * A relative date alone as a range ("7d", "3 days ago") means from then
 * until TODAY; a period word alone ("last week") means that period.
 * A date that does not exist (2021-02-30, month 13, year 0) is an error,
 * never a guess.  Knows nothing of Xapian or of the command line.
 */
#ifndef GZ_DATE_H
#define GZ_DATE_H

#include <stddef.h>
#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct date_range {
    int lo, hi;     /* YYYYMMDD, inclusive; 0 = open */
} date_range;

/* The calendar rule, written once: the proleptic Gregorian calendar,
 * years 0001-9999 (speeches from 1789 are in the corpus), leap years
 * every 4 years but not every 100, yet every 400 (2000-02-29 exists,
 * 1900-02-29 does not). */

/* 1 when Y-M-D is a real calendar day. */
int date_valid(int y, int m, int d);

/* The number of days of month M (1..12) of year Y. */
int date_days_in_month(int y, int m);

/* The day number of Y-M-D: days since 1970-01-01 (negative before), so
 * that days are stepped through and counted by plain arithmetic (relative
 * dates, timelines), never by mktime(). */
long date_days_from_civil(int y, int m, int d);

/* The day (YYYYMMDD) of day number Z: date_days_from_civil()'s inverse. */
int date_civil_from_days(long z);

/* The ISO 8601 weekday of day number Z: 0 for Monday to 6 for Sunday
 * (day 0, 1970-01-01, was a Thursday). */
int date_weekday(long z);

/* 1 when S[0..N) is exactly "YYYY-MM-DD" naming a real day (date_valid());
 * the form of a stored article date. */
int date_is_day(const char *s, size_t n);

/* Today's local date as YYYYMMDD (0 if the clock cannot be read). */
int date_today(void);

/* Parse one date TEXT (LEN bytes) of any form above but a range into the
 * period it covers, [*LO, *HI] (a day gives LO == HI).  TODAY anchors the
 * relative forms.  Returns GZ_OK, or GZ_EPARSE with the reason in
 * gz_last_error() and the 0-based byte offset of the fault in *ERR_COL
 * (may be NULL), or GZ_EINVAL when a relative form meets a TODAY that is
 * not a real day.  The fault's offset is that of the field at fault when
 * the shape is right but a value is not (the month of "2021-13-01", 5;
 * the day of "2021-02-30", 8; the week of "2021-W53", 6; the year of
 * "0000", 0), of the first word that does not fit a plain form (the
 * "fortnight" of "last fortnight", 5), else of the whole date (bad shape,
 * or a date counted back before year 1).  A week that would end after
 * 9999-12-31 ends there.  On failure the
 * outputs are unchanged; on success *ERR_COL is not touched. */
gz_status date_parse_period(const char *text, size_t len, int today,
                            int *lo, int *hi, size_t *err_col);

/* Parse TEXT as a date or a range ("A", "A..B", "A..", "..B") into *OUT.
 * A range whose start is after its end is an error.  Returns as
 * date_parse_period().  *ERR_COL is an offset in the whole TEXT: within A
 * or B as above (the month of "2021-01..2021-13" is 14); the start of B
 * for a range that runs backwards; the second ".." of "A..B..C"; 0 for
 * "" and "..". */
gz_status date_parse_range(const char *text, size_t len, int today,
                           date_range *out, size_t *err_col);

/* The intersection of A and B (for --since with date: in the query).
 * An empty intersection gives lo > hi (both non-zero). */
date_range date_range_intersect(date_range a, date_range b);

/* The day of publication written in TEXT (LEN bytes), a date as feeds
 * and web pages write it, into OUT as "YYYY-MM-DD": the day as written,
 * in the writer's own time zone (a "2021-04-06T23:30:00-05:00" is the
 * 6th), never moved to UTC (doc/DECISIONS.md says why).  Forms, each
 * with an optional weekday before it and time and zone after it (a zone
 * is a name of at most 5 letters, "Etc/GMT", or an offset, checked but
 * never applied):
 *   ISO 8601 / W3C-DTF  "2021-04-06", "2021-04-06T10:00:00.5Z",
 *                       "2021-04-06 10:00:00 -05:00", "20210406",
 *                       "2003-012-31", two-digit "03-12-31", "031231"
 *   RFC 822             "Tue, 06 Apr 2021 10:00:00 GMT", "06 Apr 21",
 *                       "Thu Aug 30 2012 17:26:16 +0200", asctime
 *                       "Sun Jan  4 16:29:06 2004"
 *   pages               "April 6, 2021", "6 April 2021", "6th April 2021",
 *                       "06.04.2021" (day first), "2021/04/06"
 *   other               Greek and Hungarian month names, Korean
 *                       "2004년 05월 28일", "오후" (PM), Perforce
 *                       "Fri, 2006/09/15 08:19:53 EDT"
 * Month names: English (3 letters or more), German, Greek, Hungarian.
 * Two-digit years are 2000-2049 or 1950-1999 (RFC 2822).  Refused (0):
 * no day (a year or a month alone), a day first or month first with "/"
 * or "-" when both are 12 or less ("04/06/2021"), any part out of range
 * (hour 25, zone -99:99, 2021-02-30), any word or number left over.
 * Returns 1 with a real day, else 0 (OUT untouched). */
int date_parse_published(const char *text, size_t len, char out[11]);

/* Write DAY as "YYYY-MM-DD" (11 bytes with the NUL) into BUF. */
void date_format(int day, char buf[11]);

#ifdef __cplusplus
}
#endif

#endif
