/* test_utf8.c - each rule of common/utf8.h.
 *
 * Inputs are copied into buffers of exactly their length (no NUL after
 * them), so AddressSanitizer and valgrind catch any read past the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "utf8.h"

#define FFFD UTF8_REPLACEMENT

static char *exact_copy(const char *s, size_t len)
{
    char *buf = malloc(len ? len : 1);
    assert_non_null(buf);
    memcpy(buf, s, len);
    return buf;
}

/* IN (LEN bytes) repairs to WANT; a macro so a failure names its line. */
#define assert_repairs_n(in, len, want) do {                               \
        char *buf_ = exact_copy(in, len);                                  \
        size_t out_len_ = 0;                                               \
        char *out_ = utf8_repair(buf_, len, &out_len_);                    \
        assert_non_null(out_);                                             \
        assert_string_equal(out_, want);                                   \
        assert_int_equal(out_len_, strlen(want));                          \
        assert_true(utf8_valid(out_, out_len_));                           \
        free(out_);                                                        \
        free(buf_);                                                        \
    } while (0)
#define assert_repairs(in, want) assert_repairs_n(in, strlen(in), want)

static size_t first_bad(const char *s, size_t len)
{
    char *buf = exact_copy(s, len);
    size_t at = utf8_first_bad(buf, len);
    free(buf);
    return at;
}

static void test_valid_text_is_unchanged(void **state)
{
    (void)state;
    const char *valid[] = {
        "", "plain ASCII, long enough for the eight-byte path",
        "caf\xC3\xA9", "\xE2\x82\xAC 5", "\xF0\x9F\x98\x80",
        "\xF4\x8F\xBF\xBF",                 /* U+10FFFF, the last */
        "\xED\x9F\xBF \xEE\x80\x80",        /* around the surrogates */
        "\xEF\xBB\xBF" "bom", FFFD,
        "\xE2\x80\x9C" "quoted" "\xE2\x80\x9D",
    };
    for (size_t i = 0; i < sizeof valid / sizeof *valid; i++) {
        assert_int_equal(first_bad(valid[i], strlen(valid[i])),
                         UTF8_NOT_FOUND);
        assert_repairs(valid[i], valid[i]);
    }
}

/* Each maximal invalid subpart (Unicode 3.9, D93b) is one U+FFFD: a
 * sequence cut short is one, a byte that can start nothing is one. */
static void test_truncated_sequence_is_one_replacement(void **state)
{
    (void)state;
    assert_repairs("a\xE2\x82" "b", "a" FFFD "b");         /* euro, cut */
    assert_repairs("\xF0\x9F\x98", FFFD);                  /* at the end */
    assert_repairs("\xF0\x9F" "x", FFFD "x");
    assert_repairs("\xC3", FFFD);
    assert_repairs("\xE2\x82\xE2\x82\xAC", FFFD "\xE2\x82\xAC");
}

static void test_overlong_form_replaced(void **state)
{
    (void)state;
    /* C0 and C1 never start a character; E0 80 and F0 80 are overlong
     * at the second byte, so each byte is its own subpart. */
    assert_repairs("\xC0\xAF", FFFD FFFD);
    assert_repairs("\xC1\xBF", FFFD FFFD);
    assert_repairs("\xE0\x80\xAF", FFFD FFFD FFFD);
    assert_repairs("\xF0\x80\x80\xAF", FFFD FFFD FFFD FFFD);
    assert_int_equal(first_bad("ok\xC0\xAF", 4), 2);
}

static void test_surrogate_replaced(void **state)
{
    (void)state;
    assert_repairs("\xED\xA0\x80", FFFD FFFD FFFD);          /* U+D800 */
    assert_repairs("x\xED\xBF\xBFy", "x" FFFD FFFD FFFD "y"); /* U+DFFF */
    /* A CESU-8 pair is two surrogates, not one character. */
    assert_int_equal(first_bad("\xED\xA0\xBD\xED\xB8\x80", 6), 0);
}

static void test_past_u10ffff_replaced(void **state)
{
    (void)state;
    assert_repairs("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD);  /* U+110000 */
    assert_repairs("\xF5\x80\x80\x80", FFFD FFFD FFFD FFFD);
}

static void test_bytes_f5_to_ff_replaced(void **state)
{
    (void)state;
    for (unsigned c = 0xF5; c <= 0xFF; c++) {
        char in[3] = { 'a', (char)c, 'b' };
        assert_repairs_n(in, 3, "a" FFFD "b");
        assert_int_equal(first_bad(in, 3), 1);
    }
}

static void test_stray_continuation_replaced(void **state)
{
    (void)state;
    assert_repairs("\x80", FFFD);
    assert_repairs("a\xBF\xBF" "b", "a" FFFD FFFD "b");
    assert_repairs("\xC3\xA9\xA9", "\xC3\xA9" FFFD);
}

/* Stored strings are C strings: NUL is invalid, found even inside a run
 * of ASCII that the fast path reads eight bytes at a time. */
static void test_nul_is_invalid(void **state)
{
    (void)state;
    assert_int_equal(first_bad("abcdefgh\0jkl", 12), 8);
    assert_int_equal(first_bad("abc\0efghijkl", 12), 3);
    assert_int_equal(first_bad("abcdefghij\xFF", 11), 10);
    assert_false(utf8_valid("a\0b", 3));
    assert_true(utf8_valid("a b", 3));
    assert_repairs_n("a\0b", 3, "a" FFFD "b");
}

static int quote(const char *s, size_t max)
{
    char *buf = exact_copy(s, strlen(s));
    int n = utf8_quote_len(buf, strlen(s), max);
    free(buf);
    return n;
}

/* A message quotes at most MAX bytes and never half a character. */
static void test_quote_len_never_cuts_a_character(void **state)
{
    (void)state;
    assert_int_equal(quote("2021-02-30", 40), 10);         /* all of it */
    assert_int_equal(quote("abcdef", 4), 4);
    assert_int_equal(quote("abc\xC3\xA9", 4), 3);          /* not half é */
    assert_int_equal(quote("abc\xC3\xA9", 5), 5);
    /* Straight quotes are one byte; curly ones three, kept whole. */
    assert_int_equal(quote("\"ab\"cd", 4), 4);
    assert_int_equal(quote("a\xE2\x80\x9C" "b", 2), 1);
    assert_int_equal(quote("a\xE2\x80\x9C" "b", 3), 1);
    assert_int_equal(quote("a\xE2\x80\x9C" "b", 4), 4);
    assert_int_equal(quote("\xE2\x80\x9D" "x", 2), 0);
    assert_int_equal(quote("\xF0\x9F\x98\x80" "x", 3), 0);
}

/* Control characters, which a terminal obeys, are told from text. */
static void test_control_len_c0_del_c1(void **state)
{
    (void)state;
    assert_int_equal(utf8_control_len("\x1B[31m", 5), 1);   /* ESC */
    assert_int_equal(utf8_control_len("\n", 1), 1);
    assert_int_equal(utf8_control_len("\x7F", 1), 1);
    assert_int_equal(utf8_control_len("\xC2\x9B", 2), 2);   /* CSI */
    assert_int_equal(utf8_control_len("\xC2\x80", 2), 2);
    assert_int_equal(utf8_control_len("\xC2\xA0", 2), 0);   /* NBSP */
    assert_int_equal(utf8_control_len("\xC2", 1), 0);
    assert_int_equal(utf8_control_len("a", 1), 0);
    assert_int_equal(utf8_control_len(" ", 1), 0);
    assert_int_equal(utf8_control_len("\xE2\x80\x9C", 3), 0);
}

/* Escaped text: what a message shows of S. */
static const char *escaped(const char *s, size_t n)
{
    static char out[256];
    assert_true(UTF8_ESCAPE_SIZE(n) <= sizeof out);
    size_t len = utf8_escape(s, n, out);
    assert_int_equal(len, strlen(out));
    assert_int_equal(utf8_escape(s, n, NULL), len);
    return out;
}

/* A message shows every control character and invalid byte escaped, so
 * that no input can drive the terminal, and nothing else changed. */
static void test_escape_controls_invalid_bytes_and_backslash(void **state)
{
    (void)state;
    assert_string_equal(escaped("caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D", 14),
                        "caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D");
    assert_string_equal(escaped("\x1B]0;t\x07", 6), "\\x1b]0;t\\x07");
    assert_string_equal(escaped("a\x1B[2Jb", 6), "a\\x1b[2Jb");
    assert_string_equal(escaped("\t\n\r\x7F", 4), "\\x09\\x0a\\x0d\\x7f");
    assert_string_equal(escaped("\xC2\x9B" "31m", 5), "\\u009b31m");  /* CSI */
    assert_string_equal(escaped("\x9B" "31m", 4), "\\x9b31m");  /* invalid */
    assert_string_equal(escaped("\xE2\x82" "x", 3), "\\xe2\\x82x");
    assert_string_equal(escaped("a\\x1b", 5), "a\\\\x1b");
    assert_string_equal(escaped("a\0b", 3), "a\\x00b");
    assert_string_equal(escaped("\xC2\xA0", 2), "\xC2\xA0");       /* NBSP */
    assert_string_equal(escaped("", 0), "");
    /* The worst case fills UTF8_ESCAPE_SIZE exactly. */
    assert_int_equal(utf8_escape("\xFF\xFF", 2, NULL) + 1, UTF8_ESCAPE_SIZE(2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_text_is_unchanged),
        cmocka_unit_test(test_truncated_sequence_is_one_replacement),
        cmocka_unit_test(test_overlong_form_replaced),
        cmocka_unit_test(test_surrogate_replaced),
        cmocka_unit_test(test_past_u10ffff_replaced),
        cmocka_unit_test(test_bytes_f5_to_ff_replaced),
        cmocka_unit_test(test_stray_continuation_replaced),
        cmocka_unit_test(test_nul_is_invalid),
        cmocka_unit_test(test_quote_len_never_cuts_a_character),
        cmocka_unit_test(test_control_len_c0_del_c1),
        cmocka_unit_test(test_escape_controls_invalid_bytes_and_backslash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
