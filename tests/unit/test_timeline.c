/* Unit tests: days into periods, empty periods kept, ISO weeks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "timeline.h"

static void test_months_keep_empty_ones(void **state)
{
    (void)state;
    const day_count days[] = { { 20200131, 2 }, { 20200201, 1 },
                               { 20200229, 4 }, { 20200415, 7 } };
    timeline t;
    assert_int_equal(timeline_build(PERIOD_MONTH, days, 4, 20200131, 20200415,
                                    &t), 0);
    assert_int_equal(t.n, 4);
    assert_string_equal(t.periods[0].label, "2020-01");
    assert_int_equal(t.periods[0].count, 2);
    assert_int_equal(t.periods[1].start, 20200201);
    assert_int_equal(t.periods[1].end, 20200229);   /* a leap year */
    assert_int_equal(t.periods[1].count, 5);
    assert_string_equal(t.periods[2].label, "2020-03");
    assert_int_equal(t.periods[2].count, 0);
    assert_int_equal(t.periods[3].count, 7);
    assert_int_equal(t.max, 7);
    timeline_free(&t);
}

static void test_iso_weeks_cross_years(void **state)
{
    (void)state;
    /* 2020-12-31 is a Thursday: week 53 of 2020 runs to Sunday
     * 2021-01-03; Monday 2021-01-04 starts 2021-W01.  2018-12-31 (a
     * Monday) is in 2019-W01. */
    const day_count days[] = { { 20201231, 1 }, { 20210103, 2 },
                               { 20210104, 4 } };
    timeline t;
    assert_int_equal(timeline_build(PERIOD_WEEK, days, 3, 20201231, 20210104,
                                    &t), 0);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.periods[0].label, "2020-W53");
    assert_int_equal(t.periods[0].start, 20201228);
    assert_int_equal(t.periods[0].end, 20210103);
    assert_int_equal(t.periods[0].count, 3);
    assert_string_equal(t.periods[1].label, "2021-W01");
    assert_int_equal(t.periods[1].count, 4);
    timeline_free(&t);
    assert_int_equal(timeline_build(PERIOD_WEEK, NULL, 0, 20181231, 20181231,
                                    &t), 0);
    assert_string_equal(t.periods[0].label, "2019-W01");
    timeline_free(&t);
}

static void test_days_and_years(void **state)
{
    (void)state;
    const day_count days[] = { { 17890430, 1 }, { 17890501, 3 } };
    timeline t;
    assert_int_equal(timeline_build(PERIOD_DAY, days, 2, 17890429, 17890502,
                                    &t), 0);
    assert_int_equal(t.n, 4);
    assert_string_equal(t.periods[0].label, "1789-04-29");
    assert_int_equal(t.periods[0].count, 0);
    assert_int_equal(t.periods[1].count, 1);
    assert_int_equal(t.periods[2].count, 3);
    timeline_free(&t);
    assert_int_equal(timeline_build(PERIOD_YEAR, days, 2, 17890430, 17921231,
                                    &t), 0);
    assert_int_equal(t.n, 4);
    assert_string_equal(t.periods[3].label, "1792");
    assert_int_equal(t.periods[0].count, 4);
    timeline_free(&t);
}

static void test_too_many_periods_refused(void **state)
{
    (void)state;
    timeline t;
    assert_int_equal(timeline_build(PERIOD_DAY, NULL, 0, 10101, 99991231, &t),
                     -2);
    assert_null(t.periods);
    assert_int_equal(timeline_build(PERIOD_YEAR, NULL, 0, 10101, 99991231, &t),
                     0);
    assert_int_equal(t.n, 9999);
    timeline_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_months_keep_empty_ones),
        cmocka_unit_test(test_iso_weeks_cross_years),
        cmocka_unit_test(test_days_and_years),
        cmocka_unit_test(test_too_many_periods_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
