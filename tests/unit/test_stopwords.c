/* test_stopwords.c - the stop lists of --any: lookups, languages, and
 * that the generated lists hold words as the tokenizer folds them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lang.h"
#include "stoplists.h"
#include "stopwords.h"
#include "tokenize.h"

static int english(const char *word)
{
    return stopword_in(NULL, word, strlen(word));
}

static void test_english_list_is_the_old_one(void **state)
{
    (void)state;
    /* First, last and some middle entries of Snowball's list. */
    static const char *const on[] = { "a", "yourselves", "don't", "the", "whom",
                                      "i", "own", "against", "you've" };
    static const char *const off[] = { "us", "u.s", "", "thee", "aa", "zz",
                                       "yourself ", "dont", "rate",
                                       /* "let's" folds to "let", which
                                        * the list does not name */
                                       "let", "let's", "it's" };
    for (size_t i = 0; i < sizeof on / sizeof on[0]; i++)
        if (!english(on[i]))
            fail_msg("'%s' should be a stop word", on[i]);
    for (size_t i = 0; i < sizeof off / sizeof off[0]; i++)
        if (english(off[i]))
            fail_msg("'%s' should not be a stop word", off[i]);
    /* Only LEN bytes count: the word need not end with a NUL. */
    assert_true(stopword_in(NULL, "theirs", 5));      /* "their" */
    assert_true(stopword_in(NULL, "thematic", 4));    /* "them" */
    assert_false(stopword_in(NULL, "thematic", 5));
    assert_false(stopword_in(NULL, "agai", 4));
}

static void test_every_name_of_english_is_english(void **state)
{
    (void)state;
    stopword_langs en = stopword_langs_of(NULL);
    assert_int_not_equal(en, 0);
    assert_int_equal(stopword_langs_of("en"), en);
    assert_int_equal(stopword_langs_of("english"), en);
    assert_int_equal(stopword_langs_of("porter"), en);
    assert_int_equal(stopword_langs_of("en-GB"), en);
    /* Unknown: no language lang.h has a name for. */
    assert_int_equal(stopword_langs_of(""), en);
    assert_int_equal(stopword_langs_of("xq"), en);
    assert_int_equal(stopword_langs_of("klingon"), en);
}

static void test_languages_without_a_list_have_none(void **state)
{
    (void)state;
    static const char *const none[] = { "zh", "ar", "pl", "romanian", "ja" };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        assert_int_equal(stopword_langs_of(none[i]), 0);
        assert_false(stopword_in(none[i], "the", 3));
    }
}

static void test_each_language_its_own_words(void **state)
{
    (void)state;
    assert_true(stopword_in("de", "der", 3));
    assert_true(stopword_in("german", "und", 3));
    assert_false(stopword_in("de", "the", 3));
    assert_false(stopword_in("en", "der", 3));
    assert_false(stopword_in("de", "haus", 4));
    /* Folded as the tokenizer folds: für -> fur, daß -> dass. */
    assert_true(stopword_in("de", "fur", 3));
    assert_true(stopword_in("de", "dass", 4));
    assert_true(stopword_in("fr", "ete", 3));
    assert_true(stopword_in("es", "el", 2));
    assert_true(stopword_in("ru", "\320\270", 2));          /* и */
    assert_true(stopword_in("no", "og", 2));
    /* "die" is German, and not English. */
    assert_true(stopword_in("de", "die", 3));
    assert_false(stopword_in(NULL, "die", 3));
}

static void test_a_set_is_any_of_its_languages(void **state)
{
    (void)state;
    stopword_langs de_en = stopword_langs_of("de") | stopword_langs_of("en");
    assert_true(stopword_in_langs(de_en, "der", 3));
    assert_true(stopword_in_langs(de_en, "the", 3));
    assert_false(stopword_in_langs(de_en, "le", 2));
    assert_false(stopword_in_langs(0, "the", 3));
}

typedef struct one_word {
    const char *want;
    size_t want_len;
    int n, same;
} one_word;

static int count_word(void *ctx, const token *tok)
{
    one_word *w = ctx;
    w->n++;
    w->same = tok->len == w->want_len &&
              memcmp(tok->word, w->want, w->want_len) == 0;
    return 0;
}

/* The generated lists must hold words as queries hand them out: every
 * word, tokenized in each language listing it, is one word, itself.
 * When folding changes (per-language folding), this fails until
 * `make stoplists` regenerates them. */
static void test_every_listed_word_is_folded(void **state)
{
    (void)state;
    for (size_t i = 0; i < STOPLIST_WORDS; i++) {
        const stoplist_entry *e = &stoplist_words[i];
        assert_int_equal(strlen(e->word), e->len);
        assert_int_not_equal(e->langs, 0);
        for (unsigned l = 0; l < STOPLIST_LANGUAGES; l++) {
            if (!(e->langs & (1u << l)))
                continue;
            one_word w = { e->word, e->len, 0, 0 };
            assert_int_equal(tokenize_in(e->word, e->len, stoplist_codes[l],
                                         1, count_word, &w, NULL), 0);
            if (w.n != 1 || !w.same)
                fail_msg("%s '%s' is not folded (%d words); run make "
                         "stoplists", stoplist_codes[l], e->word, w.n);
            if (!stopword_in(stoplist_codes[l], e->word, e->len))
                fail_msg("%s '%s' is not found", stoplist_codes[l], e->word);
        }
    }
}

static void test_every_list_is_a_language(void **state)
{
    (void)state;
    for (unsigned l = 0; l < STOPLIST_LANGUAGES; l++) {
        assert_non_null(lang_name(stoplist_codes[l]));
        assert_int_equal(stopword_langs_of(stoplist_codes[l]), 1u << l);
        if (l > 0)
            assert_true(strcmp(stoplist_codes[l - 1], stoplist_codes[l]) < 0);
    }
}

typedef struct listed {
    const char *code;
    size_t n;
    int und, the;
    char last[STOPLIST_MAX_BYTES + 1];
} listed;

static int see_listed(void *ctx, const char *word, size_t len)
{
    listed *l = ctx;
    char w[STOPLIST_MAX_BYTES + 1];
    assert_true(len > 0 && len < sizeof w);
    memcpy(w, word, len);
    w[len] = '\0';
    if (!stopword_in(l->code, word, len))
        fail_msg("%s '%s' is handed out but not a stop word", l->code, w);
    assert_true(l->n == 0 || strcmp(l->last, w) < 0);
    strcpy(l->last, w);
    l->und |= strcmp(w, "und") == 0;
    l->the |= strcmp(w, "the") == 0;
    l->n++;
    return l->n == 1000;    /* a stop is returned */
}

/* stopword_each() hands out a list's words, each once and in byte order,
 * and no other's; a language without a list has none. */
static void test_each_word_of_a_list(void **state)
{
    (void)state;
    listed de = { "de", 0, 0, 0, "" }, en = { "en", 0, 0, 0, "" },
           zh = { "zh", 0, 0, 0, "" };
    assert_int_equal(stopword_each("de", see_listed, &de), 0);
    assert_true(de.n > 200 && de.und && !de.the);
    assert_int_equal(stopword_each("en", see_listed, &en), 0);
    assert_true(en.n > 100 && en.the && !en.und);
    assert_int_equal(stopword_each("zh", see_listed, &zh), 0);
    assert_int_equal(zh.n, 0);
    size_t total = 0;
    for (unsigned l = 0; l < STOPLIST_LANGUAGES; l++) {
        listed x = { stoplist_codes[l], 0, 0, 0, "" };
        stopword_each(stoplist_codes[l], see_listed, &x);
        total += x.n;
    }
    size_t want = 0;
    for (size_t i = 0; i < STOPLIST_WORDS; i++)
        want += (size_t)__builtin_popcount(stoplist_words[i].langs);
    assert_int_equal(total, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_list_is_the_old_one),
        cmocka_unit_test(test_every_name_of_english_is_english),
        cmocka_unit_test(test_languages_without_a_list_have_none),
        cmocka_unit_test(test_each_language_its_own_words),
        cmocka_unit_test(test_a_set_is_any_of_its_languages),
        cmocka_unit_test(test_every_listed_word_is_folded),
        cmocka_unit_test(test_every_list_is_a_language),
        cmocka_unit_test(test_each_word_of_a_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
