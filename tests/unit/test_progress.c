/* The progress line's estimate of the time left (indexer/progress.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "progress.h"

static const char *text(double left)
{
    static char buf[64];
    progress_left_text(left, buf, sizeof buf);
    return buf;
}

/* Nothing read yet (a big first file) is not "0 s left". */
static void test_nothing_done_is_no_estimate(void **state)
{
    (void)state;
    assert_true(progress_left(0, 1000000, 30.0) < 0);
    assert_string_equal(text(progress_left(0, 1000000, 30.0)), "estimating");
}

/* A rate from the first moments or a sliver of the work is noise. */
static void test_too_little_to_go_by_is_no_estimate(void **state)
{
    (void)state;
    assert_true(progress_left(500000, 1000000, 0.5) < 0);
    assert_true(progress_left(9999, 1000000, 10.0) < 0);
    assert_true(progress_left(10000, 1000000, 10.0) > 0);
}

/* At the rate so far: a quarter in 10 s leaves 30 s. */
static void test_estimate_is_the_rate_so_far(void **state)
{
    (void)state;
    assert_true(progress_left(250, 1000, 10.0) > 29.99);
    assert_true(progress_left(250, 1000, 10.0) < 30.01);
    assert_string_equal(text(progress_left(250, 1000, 10.0)), "30 s left");
    assert_string_equal(text(progress_left(999, 1000, 100.0)), "0 s left");
}

/* Everything read is nothing left, whatever the time: never "142 s". */
static void test_all_done_is_zero_left(void **state)
{
    (void)state;
    assert_true(progress_left(1000, 1000, 50.0) == 0);
    assert_true(progress_left(1200, 1000, 50.0) == 0);  /* a file grew */
    assert_true(progress_left(0, 0, 0.0) == 0);         /* nothing to read */
    assert_string_equal(text(0), "0 s left");
}

static void test_long_waits_in_minutes_and_hours(void **state)
{
    (void)state;
    assert_string_equal(text(99.4), "99 s left");
    assert_string_equal(text(100), "2 min left");
    assert_string_equal(text(3600), "60 min left");
    assert_string_equal(text(7200), "2 h 00 min left");
    assert_string_equal(text(7201), "2 h 01 min left");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nothing_done_is_no_estimate),
        cmocka_unit_test(test_too_little_to_go_by_is_no_estimate),
        cmocka_unit_test(test_estimate_is_the_rate_so_far),
        cmocka_unit_test(test_all_done_is_zero_left),
        cmocka_unit_test(test_long_waits_in_minutes_and_hours),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
