/* date.c - parse dates and date ranges into inclusive YYYYMMDD day ranges.
 *
 * Calendar arithmetic counts days with date_days_from_civil(), never
 * mktime(): the answer must not depend on TZ, on DST or on the range of
 * time_t.
 * Only date_today() reads the clock and the time zone.  Must never print;
 * every failure goes through gz_error_set(). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "error.h"
#include "utf8.h"

#define DATE_FORMS "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, " \
    "7d/2w/3m/1y, today, yesterday, this or last week/month/year, " \
    "or N days/weeks/months/years ago"

/* A relative count longer than this is more likely a typo than a wish to
 * go back 274 years, and keeping it short keeps the arithmetic in int. */
#define RELATIVE_MAX_DIGITS 5

/* Messages quote what the user typed; past this it stops helping. */
#define QUOTE_MAX 80

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"
};

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12
        && d >= 1 && d <= date_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil and civil_from_days
 * (https://howardhinnant.github.io/date_algorithms.html): exact for the
 * proleptic Gregorian calendar.  Shifting the year to start on March 1
 * puts the leap day last, so a day's position in the year needs no table.
 * An era is 400 years; it is floored, not truncated, so that January and
 * February of year 0 (era -1), which a stray date value can name, still
 * count right. */
long date_days_from_civil(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;                              /* [0, 399] */
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;      /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

int date_civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    long y = yoe + era * 400 + (m <= 2);
    return (int)(y * 10000 + m * 100 + d);
}

int date_weekday(long z)
{
    long r = (z + 3) % 7;
    return (int)(r < 0 ? r + 7 : r);
}

int date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (now == (time_t)-1 || !localtime_r(&now, &tm))
        return 0;
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

void date_format(int day, char buf[11])
{
    /* By hand rather than snprintf: a stray DAY must still fit in 11
     * bytes, and the compiler cannot prove that for "%04d". */
    unsigned v = (unsigned)day;
    unsigned y = v / 10000 % 10000, m = v / 100 % 100, d = v % 100;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

date_range date_range_intersect(date_range a, date_range b)
{
    date_range r;
    r.lo = !a.lo ? b.lo : !b.lo ? a.lo : a.lo > b.lo ? a.lo : b.lo;
    r.hi = !a.hi ? b.hi : !b.hi ? a.hi : a.hi < b.hi ? a.hi : b.hi;
    return r;
}

/* Record where the fault is and pass STATUS through, so a failure is one
 * `return at(...)` line. */
static gz_status at(size_t *err_col, size_t col, gz_status status)
{
    if (err_col)
        *err_col = col;
    return status;
}

/* 1 when S[0..N) are all ASCII digits; their value in *VAL.  isdigit()
 * would accept other digits in some locales. */
static int digits(const char *s, size_t n, int *val)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *val = v;
    return 1;
}

int date_is_day(const char *s, size_t n)
{
    int y, m, d;
    return n == 10 && digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &m)
        && s[7] == '-' && digits(s + 8, 2, &d) && date_valid(y, m, d);
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int is_unit(char c)
{
    c = ascii_lower(c);
    return c == 'd' || c == 'w' || c == 'm' || c == 'y';
}

/* 1 when W[0..N) is the lower-case word LIT in any case. */
static int word_is(const char *w, size_t n, const char *lit)
{
    size_t i = 0;
    while (i < n && lit[i] && ascii_lower(w[i]) == lit[i])
        i++;
    return i == n && !lit[i];
}

/* The days numbered ZLO..ZHI as YYYYMMDD into *LO, *HI.  Returns -1 when
 * ZLO is before 0001-01-01; a ZHI past 9999-12-31 is cut there (the week
 * of 9999-12-31 ends in a year that cannot be written, and no article is
 * dated after it). */
static int days_period(long zlo, long zhi, int *lo, int *hi)
{
    long last = date_days_from_civil(9999, 12, 31);
    if (zlo < date_days_from_civil(1, 1, 1))
        return -1;
    *lo = date_civil_from_days(zlo);
    *hi = date_civil_from_days(zhi < last ? zhi : last);
    return 0;
}

/* The day COUNT units (d, w, m or y, lower case) before the real day
 * TODAY, into *DAY; -1 when it is before the year 0001.  Months and years
 * move the month and keep the day, which may not exist there: clamp to
 * the month's last day (March 31 - 1m is the end of February), as a
 * reader counting on a calendar would. */
static int go_back(int today, long count, char unit, int *day)
{
    int ty = today / 10000, tm = today / 100 % 100, td = today % 100;
    if (unit == 'd' || unit == 'w') {
        long z = date_days_from_civil(ty, tm, td) - count * (unit == 'w' ? 7 : 1);
        int unused;
        return days_period(z, z, day, &unused);
    }
    long months = (long)ty * 12 + (tm - 1) - count * (unit == 'y' ? 12 : 1);
    if (months < 12)
        return -1;
    int y = (int)(months / 12), m = (int)(months % 12) + 1;
    int d = td < date_days_in_month(y, m) ? td : date_days_in_month(y, m);
    *day = y * 10000 + m * 100 + d;
    return 0;
}

/* The day, week (Monday to Sunday, ISO 8601), month or year (UNIT d, w, m
 * or y) holding the real day TODAY, or BACK of them before it, into *LO,
 * *HI.  Returns -1 when it starts before the year 0001. */
static int calendar_period(int today, char unit, int back, int *lo, int *hi)
{
    int ty = today / 10000, tm = today / 100 % 100;
    long z = date_days_from_civil(ty, tm, today % 100);
    if (unit == 'd')
        return days_period(z - back, z - back, lo, hi);
    if (unit == 'w') {
        long monday = z - date_weekday(z) - 7L * back;
        return days_period(monday, monday + 6, lo, hi);
    }
    int from;
    if (go_back(today, back, unit, &from) != 0)
        return -1;
    int y = from / 10000, m = unit == 'm' ? from / 100 % 100 : 1;
    *lo = y * 10000 + m * 100 + 1;
    *hi = unit == 'm' ? y * 10000 + m * 100 + date_days_in_month(y, m)
                      : y * 10000 + 1231;
    return 0;
}

/* GZ_OK when TODAY, which S[0..N) at COL is counted from, is a real day. */
static gz_status real_today(const char *s, size_t n, int today, size_t col,
                            size_t *err_col)
{
    if (date_valid(today / 10000, today / 100 % 100, today % 100))
        return GZ_OK;
    return at(err_col, col, gz_error_set(GZ_EINVAL,
              "cannot resolve '%.*s': today (%d) is not a real day",
              utf8_quote_len(s, n, QUOTE_MAX), s, today));
}

static gz_status before_year_1(const char *s, size_t n, size_t col,
                               size_t *err_col)
{
    return at(err_col, col, gz_error_set(GZ_EPARSE,
              "'%.*s' goes back before the year 0001",
              utf8_quote_len(s, n, QUOTE_MAX), s));
}

/* ---- Plain-language dates --------------------------------------------------
 * "today", "yesterday", "this|last week|month|year", "N units ago".  Words
 * are split at runs of spaces or underscores (notmuch's "last_week"), in
 * any case. */

#define WORDS_MAX 3

/* Split S[0..N) into words at runs of ' ' and '_': their offsets in AT,
 * their lengths in LEN.  Returns the number of words, WORDS_MAX + 1 when
 * there are more, 0 when S starts or ends with a separator (refused, as
 * " 2021" is). */
static size_t split_words(const char *s, size_t n, size_t at[WORDS_MAX],
                          size_t len[WORDS_MAX])
{
    size_t k = 0, i = 0;
    if (n == 0 || s[0] == ' ' || s[0] == '_' || s[n - 1] == ' ' ||
        s[n - 1] == '_')
        return 0;
    while (i < n) {
        size_t from = i;
        while (i < n && s[i] != ' ' && s[i] != '_')
            i++;
        if (k == WORDS_MAX)
            return WORDS_MAX + 1;
        at[k] = from;
        len[k++] = i - from;
        while (i < n && (s[i] == ' ' || s[i] == '_'))
            i++;
    }
    return k;
}

/* The unit letter of W[0..N) ("day" or "days" is 'd'; plural only when
 * PLURAL), or 0. */
static char unit_word(const char *w, size_t n, int plural)
{
    static const char *const names[4] = { "day", "week", "month", "year" };
    for (int i = 0; i < 4; i++)
        if (word_is(w, n, names[i]) ||
            (plural && n > 1 && ascii_lower(w[n - 1]) == 's' &&
             word_is(w, n - 1, names[i])))
            return "dwmy"[i];
    return 0;
}

/* The count of "N units ago": 1 to RELATIVE_MAX_DIGITS digits, or "a";
 * -1 for anything else. */
static long count_word(const char *w, size_t n)
{
    int v;
    if (word_is(w, n, "a"))
        return 1;
    return n >= 1 && n <= RELATIVE_MAX_DIGITS && digits(w, n, &v) ? v : -1;
}

/* S[0..N) in words, at offset COL of the caller's text.  Outputs as
 * parse_one(); on a form that is not one of these, the fault is the first
 * word that does not fit. */
static gz_status parse_words(const char *s, size_t n, int today, int *lo,
                             int *hi, int *is_relative, size_t col,
                             size_t *err_col)
{
    size_t at_[WORDS_MAX], len[WORDS_MAX], bad = 0;
    size_t k = split_words(s, n, at_, len);
    long count = -1;
    int back = -1;
    char unit = 0;

    if (k == 1) {
        back = word_is(s, n, "today") ? 0 : word_is(s, n, "yesterday") ? 1 : -1;
        unit = back >= 0 ? 'd' : 0;
    } else if (k == 2) {
        back = word_is(s, len[0], "this") ? 0 : word_is(s, len[0], "last") ? 1 : -1;
        unit = back < 0 ? 0 : unit_word(s + at_[1], len[1], 0);
        bad = back < 0 ? 0 : 1;
    } else if (k == 3 && (count = count_word(s, len[0])) >= 0) {
        unit = unit_word(s + at_[1], len[1], 1);
        bad = 1;
        if (unit && !word_is(s + at_[2], len[2], "ago")) {
            unit = 0;
            bad = 2;
        }
    }
    if (!unit)
        return at(err_col, col + (k >= 1 && k <= WORDS_MAX ? at_[bad] : 0),
                  gz_error_set(GZ_EPARSE, "'%.*s' is not a date: " DATE_FORMS,
                               utf8_quote_len(s, n, QUOTE_MAX), s));

    gz_status status = real_today(s, n, today, col, err_col);
    if (status != GZ_OK)
        return status;
    int day_lo, day_hi;
    if (count >= 0 ? go_back(today, count, unit, &day_lo) != 0
                   : calendar_period(today, unit, back, &day_lo, &day_hi) != 0)
        return before_year_1(s, n, col, err_col);
    *lo = day_lo;
    *hi = count >= 0 ? day_lo : day_hi;
    *is_relative = count >= 0;
    return GZ_OK;
}

/* "2021-W14": the Monday to Sunday of ISO 8601 week 14 of 2021.  Week 1 is
 * the week holding January 4, so a year has 52 or 53 weeks and its first
 * and last weeks may start or end in the next or previous year.  S[0..8)
 * has the shape already; COL as parse_one(). */
static gz_status parse_iso_week(const char *s, int y, int w, int *lo,
                                int *hi, size_t col, size_t *err_col)
{
    long jan4 = date_days_from_civil(y, 1, 4);
    long week1 = jan4 - date_weekday(jan4);
    long next_jan4 = date_days_from_civil(y + 1, 1, 4);
    int weeks = (int)((next_jan4 - date_weekday(next_jan4) - week1) / 7);
    if (w < 1 || w > weeks)
        return at(err_col, col + 6, gz_error_set(GZ_EPARSE,
                  "'%.8s' is not a real week (%04d has %d weeks)", s, y,
                  weeks));
    long monday = week1 + 7L * (w - 1);
    if (days_period(monday, monday + 6, lo, hi) != 0)
        return before_year_1(s, 8, col, err_col);
    return GZ_OK;
}

/* "7d", "2w", "3m", "1y": one day, COUNT units before TODAY.  S[N-1] is
 * the unit, already checked.  COL as parse_one(). */
static gz_status parse_relative(const char *s, size_t n, int count, int today,
                                int *day, size_t col, size_t *err_col)
{
    gz_status status = real_today(s, n, today, col, err_col);
    if (status != GZ_OK)
        return status;
    if (go_back(today, count, ascii_lower(s[n - 1]), day) != 0)
        return before_year_1(s, n, col, err_col);
    return GZ_OK;
}

/* Parse S[0..N) as YYYY, YYYY-MM or YYYY-MM-DD (or hand YYYY-Www on):
 * the shape first, so "2021-1-5" is a syntax error, not a guess at
 * January 5; then the values, pointing at the field at fault.  COL as
 * parse_one(). */
static gz_status parse_absolute(const char *s, size_t n, int *lo, int *hi,
                                size_t col, size_t *err_col)
{
    int q = utf8_quote_len(s, n, QUOTE_MAX);
    int y, m = 0, d = 0;
    int week = n == 8 && digits(s, 4, &y) && s[4] == '-' &&
               (s[5] == 'W' || s[5] == 'w') && digits(s + 6, 2, &m);
    if (!week && !((n == 4 || n == 7 || n == 10) && digits(s, 4, &y)
                   && (n < 7 || (s[4] == '-' && digits(s + 5, 2, &m)))
                   && (n < 10 || (s[7] == '-' && digits(s + 8, 2, &d)))))
        return at(err_col, col, gz_error_set(GZ_EPARSE,
                  "'%.*s' is not a date: " DATE_FORMS, q, s));

    if (y < 1)
        return at(err_col, col, gz_error_set(GZ_EPARSE,
                  "'%.*s' is not a real date: there is no year 0000 "
                  "(years run from 0001 to 9999)", q, s));
    if (week)
        return parse_iso_week(s, y, m, lo, hi, col, err_col);
    if (n >= 7 && (m < 1 || m > 12))
        return at(err_col, col + 5, gz_error_set(GZ_EPARSE,
                  "'%.*s' is not a real date: month %d does not exist",
                  q, s, m));
    if (n == 10 && !date_valid(y, m, d)) {
        if (d == 0)
            return at(err_col, col + 8, gz_error_set(GZ_EPARSE,
                      "'%.*s' is not a real day (days start at 01)", q, s));
        return at(err_col, col + 8, gz_error_set(GZ_EPARSE,
                  "'%.*s' is not a real day (%s %04d has %d days)",
                  q, s, month_names[m - 1], y, date_days_in_month(y, m)));
    }

    *lo = y * 10000 + (n >= 7 ? m : 1) * 100 + (n == 10 ? d : 1);
    *hi = n == 4 ? y * 10000 + 1231
        : n == 7 ? y * 10000 + m * 100 + date_days_in_month(y, m)
        : *lo;
    return GZ_OK;
}

/* Parse S[0..N), a part of the caller's text starting at offset COL, as any
 * form but a range.  *IS_RELATIVE tells the range parser whether a lone
 * date runs until today.  Outputs are written only on success. */
static gz_status parse_one(const char *s, size_t n, int today, int *lo,
                           int *hi, int *is_relative, size_t col,
                           size_t *err_col)
{
    if (n == 0)
        return at(err_col, col, gz_error_set(GZ_EPARSE,
                  "no date given: " DATE_FORMS));
    /* Words: a letter first ("today") or a separator ("3 days ago"). */
    if (ascii_lower(s[0]) >= 'a' && ascii_lower(s[0]) <= 'z')
        return parse_words(s, n, today, lo, hi, is_relative, col, err_col);
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '_')
            return parse_words(s, n, today, lo, hi, is_relative, col,
                               err_col);

    /* Relative: 1 to 5 digits and a unit letter. */
    int count;
    if (n >= 2 && n - 1 <= RELATIVE_MAX_DIGITS && is_unit(s[n - 1])
        && digits(s, n - 1, &count)) {
        int day = 0;
        gz_status status = parse_relative(s, n, count, today, &day, col,
                                          err_col);
        if (status != GZ_OK)
            return status;
        *lo = *hi = day;
        *is_relative = 1;
        return GZ_OK;
    }
    *is_relative = 0;
    return parse_absolute(s, n, lo, hi, col, err_col);
}

gz_status date_parse_period(const char *text, size_t len, int today,
                            int *lo, int *hi, size_t *err_col)
{
    int is_relative;
    return parse_one(text, len, today, lo, hi, &is_relative, 0, err_col);
}

/* Offset of the first ".." in S[0..N), or N when there is none.  Not
 * memmem(): it is a GNU extension. */
static size_t find_dots(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            return i;
    return n;
}

gz_status date_parse_range(const char *text, size_t len, int today,
                           date_range *out, size_t *err_col)
{
    int lo, hi, is_relative;
    gz_status status;
    size_t dots = find_dots(text, len);

    if (dots == len) {
        status = parse_one(text, len, today, &lo, &hi, &is_relative, 0,
                           err_col);
        if (status != GZ_OK)
            return status;
        /* "since 7d" is what a lone relative date means to a reader; a
         * single day a week ago would almost never be wanted. */
        out->lo = lo;
        out->hi = is_relative ? today : hi;
        return GZ_OK;
    }

    int q = utf8_quote_len(text, len, QUOTE_MAX);
    size_t b = dots + 2, blen = len - b;
    if (dots == 0 && blen == 0)
        return at(err_col, 0, gz_error_set(GZ_EPARSE,
                  "'..' is not a range: give a start, an end or both"));
    size_t more = find_dots(text + b, blen);
    if (more != blen)
        return at(err_col, b + more, gz_error_set(GZ_EPARSE,
                  "'%.*s' is not a range: a range has only one '..'", q, text));

    /* A's period gives the start and B's the end, so "2021..2022" is all
     * of both years. */
    date_range r = { 0, 0 };
    int unused;
    if (dots > 0) {
        status = parse_one(text, dots, today, &r.lo, &unused, &is_relative,
                           0, err_col);
        if (status != GZ_OK)
            return status;
    }
    if (blen > 0) {
        status = parse_one(text + b, blen, today, &unused, &r.hi, &is_relative,
                           b, err_col);
        if (status != GZ_OK)
            return status;
    }
    if (r.lo && r.hi && r.lo > r.hi) {
        char from[11], to[11];
        date_format(r.lo, from);
        date_format(r.hi, to);
        return at(err_col, b, gz_error_set(GZ_EPARSE,
                  "range starts after it ends: %.*s (%s is after %s)",
                  q, text, from, to));
    }
    *out = r;
    return GZ_OK;
}

/* ---- Publication dates ----------------------------------------------------
 * Dates as feeds and pages write them, read as tokens: numbers, words
 * (ASCII letters and any UTF-8 bytes, so Greek, Hungarian and Korean words
 * are words) and the punctuation "-/.:,+".  A date is: an optional weekday,
 * the date proper (numbers and at most one month name), an optional time
 * and zone, and for asctime a year after them; anything else, or any part
 * out of range, refuses the whole string.  The zone is read only to check
 * it: the day is the day as written. */

#define PUB_TOKENS_MAX 32

typedef struct pub_tok {
    char kind;          /* 'n' number, 'w' word, else the punctuation */
    int space;          /* blank space before it */
    const char *s;
    size_t len;
    long val;           /* a number's value (first 9 digits) */
} pub_tok;

/* What a date proper says; 0 where it does not say it. */
typedef struct pub_date {
    int y, m, d, y_digits;
} pub_date;

static int pub_blank(const char *s, size_t n, size_t i)
{
    return s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
           ((unsigned char)s[i] == 0xC2 && i + 1 < n &&
            (unsigned char)s[i + 1] == 0xA0);
}

static int pub_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Split S[0..N) into T; returns the count, or -1 for a character no date
 * holds or too many tokens. */
static int pub_tokens(const char *s, size_t n, pub_tok *t)
{
    int k = 0, space = 0;
    size_t i = 0;
    while (i < n) {
        if (pub_blank(s, n, i)) {
            i += (unsigned char)s[i] == 0xC2 ? 2 : 1;
            space = 1;
            continue;
        }
        if (k == PUB_TOKENS_MAX)
            return -1;
        pub_tok *x = &t[k++];
        size_t from = i;
        x->space = space;
        x->s = s + i;
        x->val = 0;
        space = 0;
        if (s[i] >= '0' && s[i] <= '9') {
            x->kind = 'n';
            for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
                if (i - from < 9)
                    x->val = x->val * 10 + (s[i] - '0');
        } else if (pub_letter((unsigned char)s[i])) {
            x->kind = 'w';
            while (i < n && pub_letter((unsigned char)s[i]) &&
                   !pub_blank(s, n, i))
                i++;
        } else if (strchr("-/.:,+", s[i]) && s[i] != '\0') {
            x->kind = s[i++];
        } else {
            return -1;
        }
        x->len = (size_t)(s + i - x->s);
    }
    return k;
}

/* 1 when word W is LIT, ASCII letters in any case, other bytes exact. */
static int pub_word_is(const pub_tok *w, const char *lit)
{
    size_t n = strlen(lit);
    if (w->kind != 'w' || w->len != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_lower(w->s[i]) != ascii_lower(lit[i]))
            return 0;
    return 1;
}

/* 1 when word W is the first 3 or more letters of English NAME. */
static int pub_abbrev_of(const pub_tok *w, const char *name)
{
    if (w->kind != 'w' || w->len < 3 || w->len > strlen(name))
        return 0;
    for (size_t i = 0; i < w->len; i++)
        if (ascii_lower(w->s[i]) != ascii_lower(name[i]))
            return 0;
    return 1;
}

/* The month (1-12) word W names, in English (3 letters or more), German,
 * Greek (feedparser's abbreviations) or Hungarian; else 0. */
static int pub_month(const pub_tok *w)
{
    static const char *const other[][2] = {
        {"3", "m\xc3\xa4rz"}, {"5", "mai"}, {"6", "juni"}, {"7", "juli"},
        {"10", "oktober"}, {"12", "dezember"},
        {"1", "\xce\x99\xce\xb1\xce\xbd"}, {"2", "\xce\xa6\xce\xb5\xce\xb2"},
        {"3", "\xce\x9c\xce\xac\xcf\x8e"}, {"3", "\xce\x9c\xce\xb1\xcf\x8e"},
        {"4", "\xce\x91\xcf\x80\xcf\x81"}, {"5", "\xce\x9c\xce\xac\xce\xb9"},
        {"5", "\xce\x9c\xce\xb1\xcf\x8a"}, {"5", "\xce\x9c\xce\xb1\xce\xb9"},
        {"6", "\xce\x99\xce\xbf\xcf\x8d\xce\xbd"}, {"6", "\xce\x99\xce\xbf\xce\xbd"},
        {"7", "\xce\x99\xce\xbf\xcf\x8d\xce\xbb"}, {"7", "\xce\x99\xce\xbf\xce\xbb"},
        {"8", "\xce\x91\xcf\x8d\xce\xb3"}, {"8", "\xce\x91\xcf\x85\xce\xb3"},
        {"9", "\xce\xa3\xce\xb5\xcf\x80"}, {"10", "\xce\x9f\xce\xba\xcf\x84"},
        {"11", "\xce\x9d\xce\xbf\xce\xad"}, {"11", "\xce\x9d\xce\xbf\xce\xb5"},
        {"12", "\xce\x94\xce\xb5\xce\xba"},
        {"1", "janu\xc3\xa1r"}, {"2", "febru\xc3\xa1r"},
        {"3", "m\xc3\xa1rcius"}, {"4", "\xc3\xa1prilis"},
        {"5", "m\xc3\xa1jus"}, {"6", "j\xc3\xbanius"}, {"7", "j\xc3\xbalius"},
        {"8", "augusztus"}, {"9", "szeptember"}, {"10", "okt\xc3\xb3" "ber"},
    };
    for (int i = 0; i < 12; i++)
        if (pub_abbrev_of(w, month_names[i]))
            return i + 1;
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        if (pub_word_is(w, other[i][1]))
            return atoi(other[i][0]);
    return 0;
}

static int pub_weekday(const pub_tok *w)
{
    static const char *const names[] = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday",
    };
    static const char *const greek[] = {
        "\xce\x9a\xcf\x85\xcf\x81", "\xce\x94\xce\xb5\xcf\x85",
        "\xce\xa4\xcf\x81\xce\xb9", "\xce\xa4\xce\xb5\xcf\x84",
        "\xce\xa0\xce\xb5\xce\xbc", "\xce\xa0\xce\xb1\xcf\x81",
        "\xce\xa3\xce\xb1\xce\xb2",
    };
    for (int i = 0; i < 7; i++)
        if (pub_abbrev_of(w, names[i]) || pub_word_is(w, greek[i]))
            return 1;
    return 0;
}

/* AM and PM, in English and in Korean (feedparser's "nate" form). */
static int pub_meridian(const pub_tok *w)
{
    return pub_word_is(w, "am") || pub_word_is(w, "pm") ||
           pub_word_is(w, "\xec\x98\xa4\xec\xa0\x84") ||
           pub_word_is(w, "\xec\x98\xa4\xed\x9b\x84");
}

/* A year of DIGITS digits: four as written, two as RFC 2822 reads them
 * (00-49 are 2000-2049, 50-99 are 1950-1999); else 0. */
static int pub_year(long v, size_t digits)
{
    if (digits == 4)
        return (int)v;
    if (digits == 2)
        return (int)(v < 50 ? 2000 + v : 1900 + v);
    return 0;
}

/* Numbers NUM (COUNT) around one month name
 * (month M): a four-digit one is the year and the other the day; else the
 * first is the day and the second a two-digit year ("01 Jan 04"). */
static int pub_with_month(const pub_tok *const *num, int count, int m,
                          pub_date *out)
{
    out->m = m;
    if (count == 1 && num[0]->len <= 2) {
        out->d = (int)num[0]->val;
        return 1;                           /* the year may follow the time */
    }
    if (count != 2)
        return 0;
    int yi = num[0]->len == 4 ? 0 : num[1]->len == 4 ? 1 : num[1]->len == 2 ? 1 : -1;
    if (yi < 0 || num[1 - yi]->len > 2)
        return 0;
    out->d = (int)num[1 - yi]->val;
    out->y = pub_year(num[yi]->val, num[yi]->len);
    return out->y != 0;
}
/* Three numbers (or one run of 6 or 8 digits) without a month name, all
 * separated by SEP: year first (ISO 8601, "2021/04/06"; Google's
 * "2003-012-31" too), day first with dots (German "06.04.2021"), or with
 * the year last and "/" or "-" only when the day is the number above 12;
 * "04/06/2021" is April to one reader and June to another, so no day. */
static int pub_numeric(const pub_tok *const *num, int count, char sep,
                       pub_date *out)
{
    if (count == 1 && (num[0]->len == 8 || num[0]->len == 6)) {
        long v = num[0]->val;
        out->d = (int)(v % 100);
        out->m = (int)(v / 100 % 100);
        out->y = pub_year(v / 10000, num[0]->len - 4);
        return 1;
    }
    if (count != 3)
        return 0;
    int a = (int)num[0]->val, b = (int)num[1]->val, c = (int)num[2]->val;
    if (num[0]->len == 4 && (num[1]->len <= 2 ||
                             (num[1]->len == 3 && num[1]->s[0] == '0'))
        && num[2]->len <= 2) {
        out->y = a, out->m = b, out->d = c;
        return 1;
    }
    if (num[0]->len <= 2 && num[1]->len <= 2 && num[2]->len == 4) {
        if (sep != '.' && a <= 12 && b <= 12)
            return 0;
        int day_first = sep == '.' || a > 12;
        out->y = c, out->d = day_first ? a : b, out->m = day_first ? b : a;
        return 1;
    }
    if (sep == '-' && num[0]->len == 2 && num[1]->len == 2 && num[2]->len == 2) {
        out->y = pub_year(a, 2), out->m = b, out->d = c;
        return 1;
    }
    return 0;
}

/* The suffix glued to the number T[I]: Korean year, month, day
 * (feedparser's "onblog" form) 'y', 'm', 'd'; an English ordinal ("6th")
 * 'o'; else 0. */
static char pub_suffix(const pub_tok *t, int n, int i)
{
    if (i + 1 >= n || t[i + 1].space || t[i + 1].kind != 'w')
        return 0;
    const pub_tok *w = &t[i + 1];
    if (pub_word_is(w, "\xeb\x85\x84"))
        return 'y';
    if (pub_word_is(w, "\xec\x9b\x94"))
        return 'm';
    if (pub_word_is(w, "\xec\x9d\xbc"))
        return 'd';
    if (pub_word_is(w, "st") || pub_word_is(w, "nd") ||
        pub_word_is(w, "rd") || pub_word_is(w, "th"))
        return 'o';
    return 0;
}

/* The date proper from T[*I] on, up to the time or the end; *I moves past
 * it.  Returns 1 when it names a month and a day (the year may come after
 * the time, as in asctime). */
static int pub_read_date(const pub_tok *t, int n, int *i, pub_date *out)
{
    const pub_tok *num[4];
    int count = 0, month = 0, tagged = 0;
    char sep = 0;
    while (*i < n) {
        const pub_tok *x = &t[*i];
        char suffix = x->kind == 'n' ? pub_suffix(t, n, *i) : 0;
        if (x->kind == 'n' && *i + 1 < n && t[*i + 1].kind == ':')
            break;                                      /* the time */
        if (suffix && suffix != 'o') {
            int *field = suffix == 'y' ? &out->y : suffix == 'm' ? &out->m : &out->d;
            *field = (int)x->val;
            tagged = 1;
            *i += 2;
        } else if (x->kind == 'n') {
            if (count == 4)
                return 0;
            num[count++] = x;
            *i += 1 + (suffix == 'o');
        } else if (x->kind == 'w' && pub_month(x)) {
            if (month)
                return 0;
            month = pub_month(x);
            (*i)++;
        } else if ((x->kind == '-' || x->kind == '/' || x->kind == '.') &&
                   *i + 1 < n && (t[*i + 1].kind == 'n' || pub_month(&t[*i + 1]))) {
            if (sep && sep != x->kind && !month)
                return 0;
            sep = x->kind;
            (*i)++;
        } else if (x->kind == ',' || x->kind == '.') {
            (*i)++;
        } else {
            break;
        }
    }
    if (tagged)
        return !count && !month && out->y && out->m && out->d;
    if (month)
        return pub_with_month(num, count, month, out);
    return pub_numeric(num, count, sep, out);
}

/* The time at T[*I], "h:mm", "hh:mm:ss" or "hh:mm:ss.fff": 1 and *I past
 * it, 0 when there is none, -1 when it is not a time of day. */
static int pub_read_time(const pub_tok *t, int n, int *i)
{
    int k = *i, parts = 0;
    long v[3] = {0, 0, 0};
    if (!(k + 2 < n && t[k].kind == 'n' && t[k + 1].kind == ':'))
        return 0;
    for (;;) {
        if (k >= n || t[k].kind != 'n' || t[k].len > 2 || parts == 3)
            return -1;
        v[parts++] = t[k++].val;
        if (k < n && t[k].kind == ':')
            k++;
        else
            break;
    }
    if (parts < 2 || v[0] > 23 || v[1] > 59 || v[2] > 60)
        return -1;
    if (parts == 3 && k + 1 < n && t[k].kind == '.' && t[k + 1].kind == 'n' &&
        !t[k + 1].space)
        k += 2;
    *i = k;
    return 1;
}

/* An optional zone after the time: a name ("GMT", "MEST", "Etc/GMT",
 * "Z"), an offset ("+0200", "-05:00", "+01"), or a name then an offset
 * ("GMT-01:01").  Returns 0 when an offset is malformed. */
static int pub_read_zone(const pub_tok *t, int n, int *i)
{
    int k = *i;
    if (k < n && t[k].kind == 'w' && t[k].len <= 5 &&
        (unsigned char)t[k].s[0] < 0x80) {
        k++;
        if (k + 1 < n && t[k].kind == '/' && t[k + 1].kind == 'w')
            k += 2;
    }
    if (k < n && (t[k].kind == '+' || t[k].kind == '-')) {
        long hh, mm = 0;
        if (++k >= n || t[k].kind != 'n' || t[k].space)
            return 0;
        if (t[k].len == 4) {
            hh = t[k].val / 100, mm = t[k].val % 100;
            k++;
        } else if (t[k].len <= 2) {
            hh = t[k++].val;
            if (k < n && t[k].kind == ':') {
                if (++k >= n || t[k].kind != 'n' || t[k].len > 2)
                    return 0;
                mm = t[k++].val;
            }
        } else {
            return 0;
        }
        if (hh > 23 || mm > 59)
            return 0;
    }
    *i = k;
    return 1;
}

int date_parse_published(const char *text, size_t len, char out[11])
{
    pub_tok t[PUB_TOKENS_MAX];
    pub_date d = {0, 0, 0, 0};
    int n = pub_tokens(text, len, t), i = 0;

    if (n <= 0)
        return 0;
    /* A weekday: a known one, or a short word and a comma in a language
     * not listed here (Italian "mer, 16 nov 2022"). */
    if (pub_weekday(&t[0]) || (n > 1 && t[0].kind == 'w' && t[0].len <= 4 &&
                               t[1].kind == ',' && !pub_month(&t[0])))
        i += 1 + (n > 1 && t[1].kind == ',');
    if (!pub_read_date(t, n, &i, &d))
        return 0;
    while (i < n && (t[i].kind == ',' || pub_word_is(&t[i], "t") ||
                     pub_word_is(&t[i], "at") || pub_meridian(&t[i])))
        i++;
    int time = pub_read_time(t, n, &i);
    if (time < 0)
        return 0;
    if (time) {
        if (i < n && pub_meridian(&t[i]))
            i++;
        if (!pub_read_zone(t, n, &i))
            return 0;
    }
    if (!d.y && i < n && t[i].kind == 'n' && t[i].len == 4)
        d.y = (int)t[i++].val;                      /* asctime */
    if (i != n || !date_valid(d.y, d.m, d.d))
        return 0;
    date_format(d.y * 10000 + d.m * 100 + d.d, out);
    return 1;
}
