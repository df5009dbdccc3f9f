/* test_lang.c - language tags to codes, and codes to stemmers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <libstemmer.h>

#include "lang.h"

static const char *code(const char *tag)
{
    static char out[LANG_MAX];
    int ok = lang_code(tag, strlen(tag), out);
    assert_int_equal(ok, out[0] != '\0');
    return out;
}

static void test_tags_fold_to_one_code(void **state)
{
    (void)state;
    const char *german[] = {"de", "DE", "de-DE", "de_AT", "de-CH-1996",
                            " de ", "deu", "ger", "German", "german",
                            "de_DE.UTF-8"};
    for (size_t i = 0; i < sizeof german / sizeof german[0]; i++)
        assert_string_equal(code(german[i]), "de");
    assert_string_equal(code("zh-TW"), "zh");
    assert_string_equal(code("zh-Hant-TW"), "zh");
    assert_string_equal(code("chi"), "zh");
    assert_string_equal(code("pt-BR"), "pt");
    assert_string_equal(code("en-us"), "en");
    assert_string_equal(code("porter"), "en");
}

static void test_norwegian_and_withdrawn_codes(void **state)
{
    (void)state;
    assert_string_equal(code("nb-NO"), "no");
    assert_string_equal(code("nn"), "no");
    assert_string_equal(code("iw"), "he");
    assert_string_equal(code("in"), "id");
    assert_string_equal(code("ji"), "yi");
}

static void test_unknown_codes_are_kept_as_written(void **state)
{
    (void)state;
    assert_string_equal(code("gd"), "gd");      /* Scottish Gaelic */
    assert_string_equal(code("haw-US"), "haw"); /* Hawaiian */
    assert_null(lang_stemmer("gd"));
    assert_null(lang_name("gd"));
}

static void test_what_names_no_language(void **state)
{
    (void)state;
    const char *none[] = {"", " ", "x", "x-klingon", "i-default", "und",
                          "mul", "zxx", "mis", "qaa", "qtz-XX", "1de",
                          "de1", "engl", "englishman", "d\xc3\xa9"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        assert_string_equal(code(none[i]), "");
}

/* Of the tags lang_code() rejects, those that say "no one language" on
 * purpose, which readers do not warn of, and junk, which they do. */
static void test_none_on_purpose_or_junk(void **state)
{
    (void)state;
    const char *none[] = {"", " ", "und", "UND", "mul", "zxx", "mis",
                          "x-klingon", "i-default", "qaa", "qtz-XX",
                          "und-Latn"};
    const char *junk[] = {"!!", "*", "1de", "de1", "engl", "englishman",
                          "d\xc3\xa9", "tlhIngan Hol", "x1"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        assert_true(lang_is_none(none[i], strlen(none[i])));
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        assert_false(lang_is_none(junk[i], strlen(junk[i])));
    /* A language is not "none". */
    assert_false(lang_is_none("de", 2));
    assert_false(lang_is_none("pt_BR", 5));
}

/* Every stemmer the table names is one libstemmer has, and every
 * libstemmer algorithm has a code whose stemmer it is. */
static void test_every_stemmer_is_reachable(void **state)
{
    (void)state;
    for (const char **l = sb_stemmer_list(); *l; l++) {
        char c[LANG_MAX];
        assert_true(lang_code(*l, strlen(*l), c));
        const char *name = lang_stemmer(c);
        assert_non_null(name);
        struct sb_stemmer *sb = sb_stemmer_new(name, "UTF_8");
        assert_non_null(sb);
        sb_stemmer_delete(sb);
        if (strcmp(*l, "porter") != 0)
            assert_string_equal(name, *l);
    }
    assert_null(lang_stemmer("zh"));
    assert_null(lang_stemmer(NULL));
    assert_string_equal(lang_name("de"), "German");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tags_fold_to_one_code),
        cmocka_unit_test(test_norwegian_and_withdrawn_codes),
        cmocka_unit_test(test_unknown_codes_are_kept_as_written),
        cmocka_unit_test(test_what_names_no_language),
        cmocka_unit_test(test_none_on_purpose_or_junk),
        cmocka_unit_test(test_every_stemmer_is_reachable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
