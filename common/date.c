/* date.c - parse dates and date ranges into inclusive YYYYMMDD day ranges.
 *
 * Calendar arithmetic counts days with date_days_from_civil(), never
 * mktime(): the answer must not depend on TZ, on DST or on the range of
 * time_t.
 * Only date_today() reads the clock and the time zone.  Must never print;
 * every failure goes through gz_error_set(). */
#include <time.h>

#include "date.h"
#include "error.h"
#include "utf8.h"

#define DATE_FORMS "expected YYYY, YYYY-MM, YYYY-MM-DD or a number " \
                   "followed by d, w, m or y"

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

static int is_unit(char c)
{
    return c == 'd' || c == 'w' || c == 'm' || c == 'y'
        || c == 'D' || c == 'W' || c == 'M' || c == 'Y';
}

/* "7d", "2w", "3m", "1y": one day, COUNT units before TODAY.  S[N-1] is the
 * unit, already checked.  COL is S's offset in the caller's text. */
static gz_status parse_relative(const char *s, size_t n, int count, int today,
                                int *day, size_t col, size_t *err_col)
{
    int ty = today / 10000, tm = today / 100 % 100, td = today % 100;
    if (!date_valid(ty, tm, td))
        return at(err_col, col, gz_error_set(GZ_EINVAL,
                  "cannot resolve '%.*s': today (%d) is not a real day",
                  utf8_quote_len(s, n, QUOTE_MAX), s, today));

    char unit = s[n - 1];
    if (unit == 'd' || unit == 'D' || unit == 'w' || unit == 'W') {
        long days = (long)count * (unit == 'w' || unit == 'W' ? 7 : 1);
        long z = date_days_from_civil(ty, tm, td) - days;
        if (z < date_days_from_civil(1, 1, 1))
            goto before_year_1;
        *day = date_civil_from_days(z);
        return GZ_OK;
    }

    /* Months and years move the month and keep the day, which may not
     * exist there: clamp to the month's last day (March 31 - 1m is the end
     * of February), as a reader counting on a calendar would. */
    long months = (long)ty * 12 + (tm - 1)
                - (long)count * (unit == 'y' || unit == 'Y' ? 12 : 1);
    if (months < 12)
        goto before_year_1;
    int y = (int)(months / 12), m = (int)(months % 12) + 1;
    int d = td < date_days_in_month(y, m) ? td : date_days_in_month(y, m);
    *day = y * 10000 + m * 100 + d;
    return GZ_OK;

before_year_1:
    return at(err_col, col, gz_error_set(GZ_EPARSE,
              "'%.*s' goes back before the year 0001",
              utf8_quote_len(s, n, QUOTE_MAX), s));
}

/* Parse S[0..N), a part of the caller's text starting at offset COL, as any
 * form but a range.  *IS_RELATIVE tells the range parser whether a lone
 * date runs until today.  Outputs are written only on success. */
static gz_status parse_one(const char *s, size_t n, int today, int *lo,
                           int *hi, int *is_relative, size_t col,
                           size_t *err_col)
{
    int q = utf8_quote_len(s, n, QUOTE_MAX);
    if (n == 0)
        return at(err_col, col, gz_error_set(GZ_EPARSE,
                  "no date given: " DATE_FORMS));

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

    /* Absolute: the shape first, so "2021-1-5" is a syntax error, not a
     * guess at January 5. */
    int y, m = 0, d = 0;
    if (!((n == 4 || n == 7 || n == 10) && digits(s, 4, &y)
          && (n < 7 || (s[4] == '-' && digits(s + 5, 2, &m)))
          && (n < 10 || (s[7] == '-' && digits(s + 8, 2, &d)))))
        return at(err_col, col, gz_error_set(GZ_EPARSE,
                  "'%.*s' is not a date: " DATE_FORMS, q, s));

    /* Then the values, pointing at the field at fault. */
    if (y < 1)
        return at(err_col, col, gz_error_set(GZ_EPARSE,
                  "'%.*s' is not a real date: there is no year 0000 "
                  "(years run from 0001 to 9999)", q, s));
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

    if (n == 4) {
        *lo = y * 10000 + 101;
        *hi = y * 10000 + 1231;
    } else if (n == 7) {
        *lo = y * 10000 + m * 100 + 1;
        *hi = y * 10000 + m * 100 + date_days_in_month(y, m);
    } else {
        *lo = *hi = y * 10000 + m * 100 + d;
    }
    *is_relative = 0;
    return GZ_OK;
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
