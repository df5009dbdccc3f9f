/* fuzz_date.c - libFuzzer target for common/date.c.
 *
 * The input is the date text itself, passed without a NUL after it (the
 * parsers take a length), so a read past the end is caught by the
 * sanitizers.  Checks date.h's promises: a success gives real days with
 * lo <= hi (0 only for an open end of a range); a failure is GZ_EPARSE
 * with a column inside the text and leaves the outputs alone; a day
 * printed by date_format() parses back to itself.  TODAY is fixed (and
 * once a leap day) so every run of an input gives the same answer.
 * date_parse_published() either gives a real "YYYY-MM-DD" that reads back
 * as itself, or leaves its output alone. */
#include <string.h>

#include "date.h"
#include "fuzz.h"

static int is_day(int day)
{
    return date_valid(day / 10000, day / 100 % 100, day % 100);
}

static void check_round_trip(int day, int today)
{
    char buf[11];
    int lo = -1, hi = -1;

    date_format(day, buf);
    FUZZ_CHECK(strlen(buf) == 10);
    FUZZ_CHECK(date_parse_period(buf, 10, today, &lo, &hi, NULL) == GZ_OK);
    FUZZ_CHECK(lo == day && hi == day);
}

static void check_period(const char *text, size_t len, int today)
{
    int lo = -1, hi = -1;
    size_t col = (size_t)-1;
    gz_status st = date_parse_period(text, len, today, &lo, &hi, &col);

    if (st == GZ_OK) {
        FUZZ_CHECK(is_day(lo) && is_day(hi) && lo <= hi);
        FUZZ_CHECK(col == (size_t)-1);      /* not touched on success */
        check_round_trip(lo, today);
        check_round_trip(hi, today);
    } else {
        FUZZ_CHECK(st == GZ_EPARSE);
        FUZZ_CHECK(col <= len);
        FUZZ_CHECK(lo == -1 && hi == -1);
    }
}

static void check_range(const char *text, size_t len, int today)
{
    date_range r = { -1, -1 };
    size_t col = (size_t)-1;
    gz_status st = date_parse_range(text, len, today, &r, &col);

    if (st == GZ_OK) {
        FUZZ_CHECK(r.lo == 0 || is_day(r.lo));
        FUZZ_CHECK(r.hi == 0 || is_day(r.hi));
        FUZZ_CHECK(!(r.lo && r.hi) || r.lo <= r.hi);
        FUZZ_CHECK(col == (size_t)-1);
        /* The intersection with itself is itself. */
        date_range self = date_range_intersect(r, r);
        FUZZ_CHECK(self.lo == r.lo && self.hi == r.hi);
    } else {
        FUZZ_CHECK(st == GZ_EPARSE);
        FUZZ_CHECK(col <= len);
        FUZZ_CHECK(r.lo == -1 && r.hi == -1);
    }
}

static void check_published(const char *text, size_t len)
{
    char out[11] = "untouched", again[11];

    if (date_parse_published(text, len, out)) {
        FUZZ_CHECK(date_is_day(out, strlen(out)));
        FUZZ_CHECK(date_parse_published(out, 10, again) == 1);
        FUZZ_CHECK(memcmp(out, again, 11) == 0);
    } else {
        FUZZ_CHECK(strcmp(out, "untouched") == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int todays[] = { 20210406, 20240229, 10101 };
    const char *text = (const char *)data;

    check_published(text, size);

    for (size_t i = 0; i < sizeof todays / sizeof *todays; i++) {
        check_period(text, size, todays[i]);
        check_range(text, size, todays[i]);
    }
    return 0;
}
