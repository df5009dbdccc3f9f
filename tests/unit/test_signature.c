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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reformatted_copy_has_the_same_key),
        cmocka_unit_test(test_edited_copy_is_near_not_equal),
        cmocka_unit_test(test_other_story_is_far),
        cmocka_unit_test(test_no_words_no_signature),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
