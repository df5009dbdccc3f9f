/* Unit tests: copy keys ignore everything but the words; sketches tell
 * an edited copy from another story. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "signature.h"

static signature sig(const char *text)
{
    signature s;
    assert_int_equal(signature_make(text, strlen(text), &s), 0);
    return s;
}

static const char story[] =
    "RIO DE JANEIRO, March 13 - The growth rate of Brazilian industrial "
    "output slowed in January to 6.09 pct above the same 1986 month after "
    "rising 6.71 pct in December, Brazilian Geography and Statistics "
    "Institute figures show. The result is in line with the declining "
    "trend in the growth rate since October, the Institute said. In the "
    "12 months to end-January industrial production was 10.48 pct above "
    "the 12 months to end-January last year.";

static void test_reformatted_copy_has_the_same_key(void **state)
{
    (void)state;
    char copy[sizeof story + 64];
    /* Other case, spacing, punctuation and line breaks: the same words. */
    snprintf(copy, sizeof copy, "  rio de janeiro march 13 the GROWTH rate of "
             "Brazilian\n\nindustrial output slowed in January to 6.09 pct "
             "above the same 1986 month; after rising 6.71 pct in December "
             "Brazilian Geography and Statistics Institute figures show... "
             "The result is in line with the declining trend in the growth "
             "rate since October the Institute said In the 12 months to end "
             "January industrial production was 10.48 pct above the 12 "
             "months to end January last year");
    signature a = sig(story), b = sig(copy);
    assert_memory_equal(a.key, b.key, SIG_KEY_BYTES);
    assert_int_equal(signature_overlap(a.sketch, b.sketch), SIG_HASHES);
}

static void test_edited_copy_is_near_not_equal(void **state)
{
    (void)state;
    char edited[sizeof story + 64];
    /* One word changed near the start, a sentence added at the end. */
    snprintf(edited, sizeof edited, "%s", story);
    memcpy(strstr(edited, "growth"), "rythm ", 6);
    strcat(edited, " Officials expect a recovery.");
    signature a = sig(story), b = sig(edited);
    assert_memory_not_equal(a.key, b.key, SIG_KEY_BYTES);
    assert_true(signature_overlap(a.sketch, b.sketch) >= SIG_NEAR_MIN);
}

static void test_other_story_is_far(void **state)
{
    (void)state;
    signature a = sig(story);
    signature b = sig("Showers continued throughout the week in the Bahia "
                      "cocoa zone, alleviating the drought since early "
                      "January and improving prospects for the coming "
                      "temporao, although normal humidity levels have not "
                      "been restored, Comissaria Smith said in its weekly "
                      "review.");
    assert_memory_not_equal(a.key, b.key, SIG_KEY_BYTES);
    assert_true(signature_overlap(a.sketch, b.sketch) < SIG_NEAR_MIN / 2);
}

static void test_no_words_no_signature(void **state)
{
    (void)state;
    signature s = sig(" -- ... \n\n");
    assert_int_equal(s.words, 0);
    s = sig("");
    assert_int_equal(s.words, 0);
    /* Short bodies still get one, and the same one for the same words. */
    signature a = sig("Untraded."), b = sig("UNTRADED");
    assert_int_equal(a.words, 1);
    assert_memory_equal(a.key, b.key, SIG_KEY_BYTES);
    assert_memory_equal(a.sketch, b.sketch, SIG_SKETCH_BYTES);
}

/* ---- The index of sketches -------------------------------------------- */

/* SKETCH with its hashes at the positions where MASK (a bit per position)
 * is set replaced by other values: SIG_HASHES minus that many are shared. */
static void differ_at(unsigned char *out, const unsigned char *sketch,
                      uint32_t mask)
{
    memcpy(out, sketch, SIG_SKETCH_BYTES);
    for (unsigned i = 0; i < SIG_HASHES; i++)
        if (mask & (1u << i))
            out[4 * i] ^= 0x80;
}

static unsigned bits(uint32_t x)
{
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* A sketch of distinct hashes, seeded by SEED. */
static void some_sketch(unsigned char *out, uint32_t seed)
{
    for (unsigned i = 0; i < SIG_SKETCH_BYTES; i++) {
        seed = seed * 1103515245u + 12345u;
        out[i] = (unsigned char)(seed >> 16);
    }
}

static void test_index_finds_the_first_near_sketch_added(void **state)
{
    (void)state;
    static unsigned char a[SIG_SKETCH_BYTES], b[SIG_SKETCH_BYTES],
        a2[SIG_SKETCH_BYTES], q[SIG_SKETCH_BYTES];
    some_sketch(a, 1);
    some_sketch(b, 2);
    /* Near a: the first 8 positions differ, 24 shared. */
    differ_at(a2, a, 0xffu);
    sig_index *ix = sig_index_new(3, SIG_NEAR_MIN);
    assert_non_null(ix);
    size_t v = 99;
    assert_int_equal(sig_index_first_near(ix, a, &v), 0);
    sig_index_add(ix, b, 7);
    sig_index_add(ix, a2, 8);
    sig_index_add(ix, a, 9);
    /* a2 and a are both near a: the first added wins. */
    assert_int_equal(sig_index_first_near(ix, a, &v), 1);
    assert_int_equal(v, 8);
    assert_int_equal(sig_index_first_near(ix, b, &v), 1);
    assert_int_equal(v, 7);
    /* 7 positions differ from a, 15 from a2: near a only. */
    differ_at(q, a, 0x7f000000u);
    assert_int_equal(sig_index_first_near(ix, q, &v), 1);
    assert_int_equal(v, 9);
    /* 9 differ from a, spread out, and more from a2: near none. */
    differ_at(q, a, 0x62222222u);
    assert_int_equal(bits(0x62222222u), 9);
    assert_true(bits(0x62222222u ^ 0xffu) >= 9);
    assert_int_equal(sig_index_first_near(ix, q, &v), 0);
    sig_index_free(ix);
}

/* A page's merge asks the index once a hit and adds the hit's story when
 * it is new: over thousands of different stories, the sketches compared
 * stay about as many as the stories, not their square (deep pages were
 * quadratic when each hit was compared with every story before it). */
static void test_index_cost_does_not_grow_with_the_stories(void **state)
{
    (void)state;
    enum { STORIES = 5000 };
    static unsigned char sk[STORIES][SIG_SKETCH_BYTES];
    sig_index *ix = sig_index_new(STORIES, SIG_NEAR_MIN);
    assert_non_null(ix);
    size_t v;
    for (uint32_t i = 0; i < STORIES; i++) {
        some_sketch(sk[i], 1000 + i * 7919u);
        if (!sig_index_first_near(ix, sk[i], &v))
            sig_index_add(ix, sk[i], i);
    }
    assert_true(sig_index_compared(ix) <= STORIES);
    /* The same stories again: each is found, with few comparisons. */
    size_t before = sig_index_compared(ix);
    for (uint32_t i = 0; i < STORIES; i++) {
        assert_int_equal(sig_index_first_near(ix, sk[i], &v), 1);
        assert_int_equal(v, i);
    }
    assert_true(sig_index_compared(ix) - before <= 2 * STORIES);
    sig_index_free(ix);
}

/* Whatever positions differ, a sketch is found exactly when at least
 * NEAR_MIN are shared, for every threshold. */
static void test_index_finds_every_pattern_of_differences(void **state)
{
    (void)state;
    static unsigned char base[SIG_SKETCH_BYTES], q[SIG_SKETCH_BYTES];
    some_sketch(base, 42);
    uint32_t seed = 7;
    for (unsigned near_min = 0; near_min <= SIG_HASHES + 1; near_min++) {
        sig_index *ix = sig_index_new(1, near_min);
        assert_non_null(ix);
        sig_index_add(ix, base, 5);
        for (unsigned trial = 0; trial < 2000; trial++) {
            seed = seed * 1664525u + 1013904223u;
            uint32_t mask = seed ^ (seed >> 7);
            /* Few differences are where the threshold is: favour them. */
            if (trial % 2)
                mask &= (mask >> 3) & (mask >> 11);
            size_t v = 0;
            int near = SIG_HASHES - bits(mask) >= near_min;
            differ_at(q, base, mask);
            assert_int_equal(sig_index_first_near(ix, q, &v), near);
            if (near)
                assert_int_equal(v, 5);
        }
        sig_index_free(ix);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reformatted_copy_has_the_same_key),
        cmocka_unit_test(test_edited_copy_is_near_not_equal),
        cmocka_unit_test(test_other_story_is_far),
        cmocka_unit_test(test_no_words_no_signature),
        cmocka_unit_test(test_index_finds_the_first_near_sketch_added),
        cmocka_unit_test(test_index_finds_every_pattern_of_differences),
        cmocka_unit_test(test_index_cost_does_not_grow_with_the_stories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
