/* Unit tests: the stored record round-trips every field exactly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record.h"

static void test_every_field_round_trips(void **state)
{
    (void)state;
    const char body[] = "First paragraph.\n\nSecond, with \"quotes\" and \xe2\x80\x99.";
    record in = { .id = "reut-00001", .path = "/c/a.txt", .title = "BAHIA COCOA",
                  .date = "1987-02-26", .source = "Reuters", .url = "https://x",
                  .body = body, .body_len = strlen(body), .line = 42 };
    size_t len;
    char *data = record_encode(&in, &len);
    assert_non_null(data);
    record out;
    assert_int_equal(record_decode(data, len, &out), GZ_OK);
    assert_string_equal(out.id, "reut-00001");
    assert_string_equal(out.path, "/c/a.txt");
    assert_string_equal(out.title, "BAHIA COCOA");
    assert_string_equal(out.date, "1987-02-26");
    assert_string_equal(out.source, "Reuters");
    assert_string_equal(out.url, "https://x");
    assert_int_equal(out.body_len, strlen(body));
    assert_memory_equal(out.body, body, strlen(body));
    assert_int_equal(out.line, 42);
    record_free(&out);
    free(data);
}

static void test_null_fields_become_empty(void **state)
{
    (void)state;
    record in = { .id = "x", .line = 1 };
    size_t len;
    char *data = record_encode(&in, &len);
    assert_non_null(data);
    record out;
    assert_int_equal(record_decode(data, len, &out), GZ_OK);
    assert_string_equal(out.date, "");
    assert_string_equal(out.body, "");
    assert_int_equal(out.body_len, 0);
    record_free(&out);
    free(data);
}

static void test_foreign_data_is_ecorrupt_not_a_crash(void **state)
{
    (void)state;
    record out;
    assert_int_equal(record_decode("hello", 5, &out), GZ_ECORRUPT);
    assert_int_equal(record_decode("gz1\0a\0b", 7, &out), GZ_ECORRUPT);
    assert_int_equal(record_decode("", 0, &out), GZ_ECORRUPT);
    record_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_field_round_trips),
        cmocka_unit_test(test_null_fields_become_empty),
        cmocka_unit_test(test_foreign_data_is_ecorrupt_not_a_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
