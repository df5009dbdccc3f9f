/* test_stem.c - the rules of common/stem.h: stems agree across inflections,
 * names are left alone, the cache never changes an answer, and the
 * fingerprint identifies what the stemmer does. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libstemmer.h>

#include "error.h"
#include "stem.h"

static stemmer *make(const char *language)
{
    stemmer *s = NULL;
    assert_int_equal(stemmer_new(language, &s), GZ_OK);
    assert_non_null(s);
    return s;
}

/* The stem of WORD copied out, since the stemmer's copy dies at its next
 * call. */
static char *stem_of(stemmer *s, const char *word)
{
    size_t n = 0;
    const char *r = stemmer_stem(s, word, strlen(word), &n);
    assert_non_null(r);
    assert_int_equal(strlen(r), n);
    char *copy = strdup(r);
    assert_non_null(copy);
    return copy;
}

static void assert_same_stem(stemmer *s, const char *a, const char *b)
{
    char *sa = stem_of(s, a), *sb = stem_of(s, b);
    if (strcmp(sa, sb) != 0)
        fail_msg("\"%s\" stems to \"%s\" but \"%s\" to \"%s\"", a, sa, b, sb);
    free(sa);
    free(sb);
}

static void assert_stem(stemmer *s, const char *word, const char *want)
{
    char *got = stem_of(s, word);
    if (strcmp(got, want) != 0)
        fail_msg("\"%s\" stems to \"%s\", expected \"%s\"", word, got, want);
    free(got);
}

static void test_stem_plural_and_singular_agree(void **state)
{
    (void)state;
    stemmer *s = make(STEM_DEFAULT_LANGUAGE);
    assert_same_stem(s, "boycotts", "boycott");
    assert_same_stem(s, "policies", "policy");
    assert_same_stem(s, "elections", "election");
    assert_same_stem(s, "running", "run");
    stemmer_free(s);
}

static void test_words_with_digits_or_periods_are_not_stemmed(void **state)
{
    (void)state;
    stemmer *s = make(STEM_DEFAULT_LANGUAGE);
    assert_stem(s, "u.s", "u.s");
    assert_stem(s, "1980s", "1980s");
    assert_stem(s, "3.5", "3.5");
    assert_stem(s, "e.g", "e.g");
    assert_stem(s, "covid19", "covid19");
    stemmer_free(s);
}

static void test_acronym_us_stem_differs_from_pronoun_us(void **state)
{
    (void)state;
    stemmer *s = make(STEM_DEFAULT_LANGUAGE);
    char *acronym = stem_of(s, "u.s");
    char *pronoun = stem_of(s, "us");
    assert_string_not_equal(acronym, pronoun);
    free(acronym);
    free(pronoun);
    stemmer_free(s);
}

static void test_unknown_language_is_einval(void **state)
{
    (void)state;
    stemmer *s = (stemmer *)&s;   /* must be reset to NULL */
    gz_error_clear();
    assert_int_equal(stemmer_new("klingon", &s), GZ_EINVAL);
    assert_null(s);
    assert_non_null(strstr(gz_last_error(), "klingon"));
    assert_non_null(strstr(gz_last_error(), "unknown"));
    assert_non_null(strstr(gz_last_error(), "english"));   /* the list */
    assert_int_equal(stemmer_new(NULL, &s), GZ_EINVAL);
    assert_null(s);
}

static void test_other_languages_and_aliases_work(void **state)
{
    (void)state;
    stemmer *fr = make("french");
    assert_string_equal(stemmer_language(fr), "french");
    assert_same_stem(fr, "continuation", "continuations");
    stemmer_free(fr);
    stemmer *en = make("en");   /* a libstemmer alias */
    assert_same_stem(en, "policies", "policy");
    stemmer_free(en);
}

static void test_empty_and_non_ascii_words(void **state)
{
    (void)state;
    stemmer *s = make(STEM_DEFAULT_LANGUAGE);
    size_t n = 99;
    const char *r = stemmer_stem(s, "", 0, &n);
    assert_string_equal(r, "");
    assert_int_equal(n, 0);
    assert_same_stem(s, "caf\xC3\xA9s", "caf\xC3\xA9");
    stemmer_free(s);
}

static void test_word_need_not_be_nul_terminated(void **state)
{
    (void)state;
    stemmer *s = make(STEM_DEFAULT_LANGUAGE);
    size_t n;
    const char *r = stemmer_stem(s, "boycottsXYZ", 8, &n);
    assert_string_equal(r, "boycott");
    assert_int_equal(n, 7);
    r = stemmer_stem(s, "1980sXYZ", 5, &n);   /* the unchanged path */
    assert_string_equal(r, "1980s");
    assert_int_equal(n, 5);
    stemmer_free(s);
}

static void test_long_word_bypasses_cache(void **state)
{
    (void)state;
    stemmer *s = make(STEM_DEFAULT_LANGUAGE);
    char word[400];
    for (size_t i = 0; i < sizeof word; i++)
        word[i] = "boycott"[i % 7];
    memcpy(word + sizeof word - 3, "ing", 3);
    size_t n;
    const char *r = stemmer_stem(s, word, sizeof word, &n);
    assert_int_equal(n, sizeof word - 3);
    assert_int_equal(strlen(r), n);
    assert_memory_equal(r, word, n);
    /* Between the cache's limit and the tokeniser's, twice over. */
    for (int pass = 0; pass < 2; pass++) {
        assert_stem(s, "internationalizationsandmisunderstandings",
                    "internationalizationsandmisunderstand");
        assert_stem(s, "1234567890123456789012345678901234567890s",
                    "1234567890123456789012345678901234567890s");
    }
    word[0] = '7';   /* now unchanged, and longer than the fixed buffer */
    r = stemmer_stem(s, word, sizeof word, &n);
    assert_int_equal(n, sizeof word);
    assert_memory_equal(r, word, sizeof word);
    assert_int_equal(r[n], '\0');
    stemmer_free(s);
}

/* Generated words: the same few stems and suffixes in many combinations,
 * so there are hits, misses and evictions in every set. */
static void make_word(unsigned i, char *out)
{
    static const char *const roots[] = {
        "boycott", "polic", "elect", "nation", "argu", "happ", "condit",
        "invest", "olymp", "univers", "agre", "sky", "econom", "run", "gen",
    };
    static const char *const suffixes[] = {
        "", "s", "es", "ies", "ing", "ed", "ation", "ations", "al", "ally",
        "ness", "ful", "ly", "izes", "izing", "er",
    };
    const size_t nr = sizeof roots / sizeof roots[0];
    const size_t ns = sizeof suffixes / sizeof suffixes[0];
    char middle[16];
    unsigned m = i / (unsigned)(nr * ns);
    size_t k = 0;
    do {   /* a letters-only counter, so every word gets stemmed */
        middle[k++] = (char)('a' + m % 26);
        m /= 26;
    } while (m && k < sizeof middle - 1);
    middle[k] = '\0';
    snprintf(out, 64, "%s%s%s", roots[i % nr], middle,
             suffixes[(i / nr) % ns]);
}

static void test_cache_returns_same_as_uncached(void **state)
{
    (void)state;
    stemmer *s = make(STEM_DEFAULT_LANGUAGE);
    struct sb_stemmer *ref = sb_stemmer_new("english", "UTF_8");
    assert_non_null(ref);
    char word[64];
    /* 70,000 words: the cache grows through each of its sizes to 2 MB
     * (stem.c: about 43,500 misses), and the second pass and the hot word
     * below run in the largest. */
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < 70000; i++) {
            make_word(i, word);
            size_t n;
            const char *got = stemmer_stem(s, word, strlen(word), &n);
            const sb_symbol *want = sb_stemmer_stem(
                ref, (const sb_symbol *)word, (int)strlen(word));
            assert_non_null(want);
            assert_int_equal(n, (size_t)sb_stemmer_length(ref));
            assert_string_equal(got, (const char *)want);
        }
    }
    /* A hot word interleaved with everything else stays right too. */
    for (unsigned i = 0; i < 10000; i++) {
        make_word(i * 7919u, word);
        char *a = stem_of(s, word);
        assert_stem(s, "boycotts", "boycott");
        assert_stem(s, word, a);
        free(a);
    }
    sb_stemmer_delete(ref);
    stemmer_free(s);
}

static void test_fingerprint_stable(void **state)
{
    (void)state;
    stemmer *a = make(STEM_DEFAULT_LANGUAGE);
    stemmer *b = make(STEM_DEFAULT_LANGUAGE);
    char word[64];

    /* Fill b's cache first: the fingerprint must not depend on it. */
    for (unsigned i = 0; i < 5000; i++) {
        make_word(i, word);
        size_t n;
        stemmer_stem(b, word, strlen(word), &n);
    }
    const char *fa = stemmer_fingerprint(a);
    assert_int_equal(strlen(fa), 8);
    assert_int_equal(strspn(fa, "0123456789abcdef"), 8);
    assert_string_equal(fa, stemmer_fingerprint(b));
    assert_ptr_equal(fa, stemmer_fingerprint(a));   /* computed once */

    /* Another algorithm stems the list differently. */
    stemmer *p = make("porter");
    assert_string_not_equal(fa, stemmer_fingerprint(p));
    stemmer_free(p);
    stemmer_free(a);
    stemmer_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stem_plural_and_singular_agree),
        cmocka_unit_test(test_words_with_digits_or_periods_are_not_stemmed),
        cmocka_unit_test(test_acronym_us_stem_differs_from_pronoun_us),
        cmocka_unit_test(test_unknown_language_is_einval),
        cmocka_unit_test(test_other_languages_and_aliases_work),
        cmocka_unit_test(test_empty_and_non_ascii_words),
        cmocka_unit_test(test_word_need_not_be_nul_terminated),
        cmocka_unit_test(test_long_word_bypasses_cache),
        cmocka_unit_test(test_cache_returns_same_as_uncached),
        cmocka_unit_test(test_fingerprint_stable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
