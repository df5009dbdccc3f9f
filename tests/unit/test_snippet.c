/* Unit tests: snippets pick the passage with the query's words and mark
 * them, stem-aware. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "schema.h"
#include "snippet.h"
#include "utf8.h"

static stemmer *st, *german;
/* An index of English with German articles in it (issue 22). */
static schema_lang lang = { "en", NULL, 0 }, de = { "de", NULL, 1 };

static int setup(void **state)
{
    (void)state;
    if (stemmer_new("english", &st) != GZ_OK ||
        stemmer_new("german", &german) != GZ_OK)
        return -1;
    lang.st = st;
    de.st = german;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    stemmer_free(st);
    stemmer_free(german);
    return 0;
}

static const char *stem_of(const char *w)
{
    size_t len;
    return strdup(stemmer_stem(st, w, strlen(w), &len));
}

static char *marked(const snippet *s, size_t i)
{
    return strndup(s->text + s->marks[i].start, s->marks[i].end - s->marks[i].start);
}

static void test_search_for_boycott_marks_boycotts(void **state)
{
    (void)state;
    const char *body = "Leaders met.\n\nThe boycotts grew, and the Boycott spread.";
    const char *stems[] = { stem_of("boycott") };
    snippet s;
    assert_int_equal(snippet_make(body, strlen(body), &lang, stems, 1, 30, &s), GZ_OK);
    assert_int_equal(s.nmarks, 2);
    char *a = marked(&s, 0), *b = marked(&s, 1);
    assert_string_equal(a, "boycotts");
    assert_string_equal(b, "Boycott");
    /* Paragraph breaks collapse to one space. */
    assert_non_null(strstr(s.text, "met. The"));
    free(a); free(b);
    snippet_free(&s);
    free((void *)stems[0]);
}

/* A German article's words are stemmed in German and matched against the
 * query's "de:" stems: "Häuser" is marked for a search for "Haus"; the
 * English stem of a word of the same spelling marks nothing there, and
 * the German stem marks nothing in an English article. */
static void test_an_article_is_marked_in_its_language(void **state)
{
    (void)state;
    const char *body = "Die H\u00e4user der Stadt. Ein Haus am See.";
    const char *stems[] = { "de:haus", "die" };
    snippet s;
    assert_int_equal(snippet_make(body, strlen(body), &de, stems, 2, 30, &s),
                     GZ_OK);
    assert_int_equal(s.nmarks, 2);
    char *a = marked(&s, 0), *b = marked(&s, 1);
    assert_string_equal(a, "H\u00e4user");
    assert_string_equal(b, "Haus");
    free(a); free(b);
    snippet_free(&s);

    const char *english = "The house and the Haus; they die.";
    assert_int_equal(snippet_make(english, strlen(english), &lang, stems, 2,
                                  30, &s), GZ_OK);
    assert_int_equal(s.nmarks, 1);
    a = marked(&s, 0);
    assert_string_equal(a, "die");
    free(a);
    snippet_free(&s);
}

/* Exact words and prefixes mark what they match, not their stems' other
 * forms. */
static void test_unstemmed_terms_mark_their_words_only(void **state)
{
    (void)state;
    const char *body = "The US president presided over us. Immigrants came.";
    const char *stems[] = { "Wimmigra*", "EUS", "Wpresident" };
    snippet s;
    assert_int_equal(snippet_make(body, strlen(body), &lang, stems, 3, 30, &s),
                     GZ_OK);
    assert_int_equal(s.nmarks, 3);
    const char *want[] = { "US", "president", "Immigrants" };
    for (size_t i = 0; i < 3; i++) {
        char *m = marked(&s, i);
        assert_string_equal(m, want[i]);
        free(m);
    }
    snippet_free(&s);
}

/* The overlapping bigrams of a run without spaces (issue 22) are marked
 * as one: 华人 and 人民 share 人, and the mark covers 华人民; a bigram
 * alone is marked alone. */
static void test_overlapping_bigrams_make_one_mark(void **state)
{
    (void)state;
    const char *body = "\u4e2d\u534e\u4eba\u6c11\u3002\u653f\u5e9c\u548c"
                       "\u4eba\u6c11";
    const char *stems[] = { "\u534e\u4eba", "\u4eba\u6c11" };
    snippet s;
    assert_int_equal(snippet_make(body, strlen(body), &lang, stems, 2, 30, &s),
                     GZ_OK);
    assert_int_equal(s.nmarks, 2);
    char *a = marked(&s, 0), *b = marked(&s, 1);
    assert_string_equal(a, "\u534e\u4eba\u6c11");
    assert_string_equal(b, "\u4eba\u6c11");
    free(a);
    free(b);
    snippet_free(&s);
}

static void test_window_moves_to_the_matches(void **state)
{
    (void)state;
    char body[4000] = "";
    for (int i = 0; i < 100; i++)
        strcat(body, "filler ");
    strcat(body, "the tariff on wheat exports ");
    for (int i = 0; i < 100; i++)
        strcat(body, "padding ");
    const char *stems[] = { stem_of("tariff"), stem_of("wheat") };
    snippet s;
    assert_int_equal(snippet_make(body, strlen(body), &lang, stems, 2, 10, &s), GZ_OK);
    assert_int_equal(s.nmarks, 2);
    assert_true(strncmp(s.text, "\xe2\x80\xa6", 3) == 0);   /* cut at the start */
    assert_non_null(strstr(s.text, "tariff on wheat"));
    assert_int_equal(strcmp(s.text + s.len - 3, "\xe2\x80\xa6"), 0); /* and the end */
    snippet_free(&s);
    free((void *)stems[0]); free((void *)stems[1]);
}

static void test_distinct_words_beat_repeats(void **state)
{
    (void)state;
    const char *body = "wheat wheat wheat wheat. x x x x x x x x x x x x x x "
                       "wheat tariff here.";
    const char *stems[] = { stem_of("wheat"), stem_of("tariff") };
    snippet s;
    assert_int_equal(snippet_make(body, strlen(body), &lang, stems, 2, 5, &s), GZ_OK);
    assert_non_null(strstr(s.text, "wheat tariff"));
    snippet_free(&s);
    free((void *)stems[0]); free((void *)stems[1]);
}

static void test_no_match_gives_the_opening(void **state)
{
    (void)state;
    const char *body = "One two three four five six.";
    snippet s;
    assert_int_equal(snippet_make(body, strlen(body), &lang, NULL, 0, 3, &s), GZ_OK);
    assert_int_equal(s.nmarks, 0);
    assert_int_equal(strncmp(s.text, "One two three", 13), 0);
    snippet_free(&s);
    assert_int_equal(snippet_make("", 0, &lang, NULL, 0, 3, &s), GZ_OK);
    assert_string_equal(s.text, "");
    snippet_free(&s);
}

/* The punctuation kept after the last word ends on a whole character:
 * ".\u201d" is four bytes, one more than the three kept, and a cut there
 * handed gz_results_snippet()'s callers invalid UTF-8. */
static void test_closing_punctuation_is_not_cut_inside_a_character(void **state)
{
    (void)state;
    const char *bodies[] = { "one two boycott.\xe2\x80\x9d three four",
                             "one two boycott\xe2\x80\x9d. three four",
                             "one two boycott!\xc2\xbb three four",
                             "one two boycott.\xf0\x9f\x98\x80 three" };
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        snippet s;
        assert_int_equal(snippet_make(bodies[i], strlen(bodies[i]), &lang, NULL,
                                      0, 3, &s), GZ_OK);
        assert_true(utf8_valid(s.text, s.len));
        assert_int_equal(strncmp(s.text, "one two boycott", 15), 0);
        snippet_free(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_for_boycott_marks_boycotts),
        cmocka_unit_test(test_an_article_is_marked_in_its_language),
        cmocka_unit_test(test_overlapping_bigrams_make_one_mark),
        cmocka_unit_test(test_window_moves_to_the_matches),
        cmocka_unit_test(test_distinct_words_beat_repeats),
        cmocka_unit_test(test_no_match_gives_the_opening),
        cmocka_unit_test(test_unstemmed_terms_mark_their_words_only),
        cmocka_unit_test(test_closing_punctuation_is_not_cut_inside_a_character),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
