/* Unit tests: query words become the same stems the index holds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "query.h"

static stemmer *st;

static int setup(void **state)
{
    (void)state;
    return stemmer_new("english", &st) == GZ_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    stemmer_free(st);
    return 0;
}

static void test_words_are_all_required_by_default(void **state)
{
    (void)state;
    gz_query *q;
    assert_int_equal(query_parse("Olympic boycotts", st, 0, &q, NULL), GZ_OK);
    const gz_qnode *t = query_tree(q);
    assert_int_equal(t->op, GZ_Q_AND);
    assert_int_equal(t->nchildren, 2);
    assert_int_equal(t->children[0]->op, GZ_Q_TERM);
    assert_string_equal(t->children[0]->term, "olymp");
    assert_string_equal(t->children[1]->term, "boycott");
    assert_int_equal(query_stem_count(q), 2);
    query_free(q);
}

static void test_any_makes_an_or(void **state)
{
    (void)state;
    gz_query *q;
    assert_int_equal(query_parse("interest rates", st, QUERY_ANY, &q, NULL), GZ_OK);
    assert_int_equal(query_tree(q)->op, GZ_Q_OR);
    query_free(q);
}

static void test_one_word_is_a_term(void **state)
{
    (void)state;
    gz_query *q;
    assert_int_equal(query_parse("  U.S. ", st, 0, &q, NULL), GZ_OK);
    assert_int_equal(query_tree(q)->op, GZ_Q_TERM);
    assert_string_equal(query_tree(q)->term, "u.s");
    query_free(q);
}

static void test_repeated_word_highlighted_once(void **state)
{
    (void)state;
    gz_query *q;
    assert_int_equal(query_parse("boycott boycotts", st, 0, &q, NULL), GZ_OK);
    assert_int_equal(query_stem_count(q), 1);
    assert_string_equal(query_stem(q, 0), "boycott");
    query_free(q);
}

static void test_query_without_words_is_a_parse_error(void **state)
{
    (void)state;
    gz_query *q = NULL;
    size_t col = 99;
    assert_int_equal(query_parse("?! --", st, 0, &q, &col), GZ_EPARSE);
    assert_null(q);
    assert_int_equal(col, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_are_all_required_by_default),
        cmocka_unit_test(test_any_makes_an_or),
        cmocka_unit_test(test_one_word_is_a_term),
        cmocka_unit_test(test_repeated_word_highlighted_once),
        cmocka_unit_test(test_query_without_words_is_a_parse_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
