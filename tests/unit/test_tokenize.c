/* test_tokenize.c - each rule of common/tokenize.h, one test a rule.
 *
 * Inputs are copied into buffers of exactly their length (no NUL after
 * them), so AddressSanitizer and valgrind catch any read past the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tokenize.h"

#define MAX_TOKENS 512

typedef struct seen {
    char word[TOKEN_MAX_BYTES + 1];
    size_t len;
    unsigned pos;
    size_t start, end;
    int joined;
} seen;

typedef struct collected {
    seen tok[MAX_TOKENS];
    int n;
    int stop_after;   /* return non-zero after this many tokens; 0: never */
    const char *lang; /* tokenize_in()'s language; NULL: tokenize() */
    unsigned next_pos;
    int rc;
} collected;

/* The surfaces of TEXT's words, space-separated, into OUT. */
static int collect_surface(void *ctx, const token *t)
{
    char *out = ctx;
    assert_non_null(t->surface);
    assert_int_equal(strlen(t->surface), t->surface_len);
    if (*out)
        strcat(out, " ");
    strcat(out, t->surface);
    return 0;
}

/* The surface is the word before case folding: the same characters and
 * normalisation, capitals kept. */
static void test_surface_keeps_case_only(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        { "The U.S. Deal", "The U.S Deal" },
        { "Beijing\u2019s O\u2019Neill", "Beijing O'Neill" },
        { "1,000 3.5", "1000 3.5" },
        { "Caf\u00e9 CAF\u00c9 Cafe\u0301", "Caf\u00e9 CAF\u00c9 Caf\u00e9" },
        { "co\u00adOperate \uff21\uff22", "coOperate AB" },
        { "\u0130stanbul stra\u00dfe", "\u0130stanbul stra\u00dfe" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[256] = "";
        assert_int_equal(tokenize(cases[i].in, strlen(cases[i].in), 1,
                                  collect_surface, out, NULL), 0);
        assert_string_equal(out, cases[i].want);
    }
}

static int collect(void *ctx, const token *t)
{
    collected *c = ctx;
    assert_true(c->n < MAX_TOKENS);
    assert_true(t->len <= TOKEN_MAX_BYTES);
    assert_int_equal(strlen(t->word), t->len);
    memcpy(c->tok[c->n].word, t->word, t->len + 1);
    c->tok[c->n].len = t->len;
    c->tok[c->n].pos = t->pos;
    c->tok[c->n].start = t->start;
    c->tok[c->n].end = t->end;
    c->tok[c->n].joined = t->joined;
    c->n++;
    if (c->stop_after && c->n == c->stop_after)
        return 42;
    return 0;
}

/* Tokenize LEN bytes of TEXT from a heap copy of exactly LEN bytes. */
static void run_n(collected *c, const char *text, size_t len, unsigned start)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    int stop = c->stop_after;
    const char *lang = c->lang;
    memset(c, 0, sizeof *c);
    c->stop_after = stop;
    c->lang = lang;
    c->rc = lang ? tokenize_in(copy, len, lang, start, collect, c,
                               &c->next_pos)
                 : tokenize(copy, len, start, collect, c, &c->next_pos);
    free(copy);
}

static void run(collected *c, const char *text)
{
    run_n(c, text, strlen(text), 0);
}

/* Assert that TEXT, in the language LANG, gives exactly the words listed
 * in AP (NULL-terminated). */
static void expect_words_va(const char *lang, const char *text, va_list ap)
{
    collected c = { .stop_after = 0, .lang = lang };
    run(&c, text);
    assert_int_equal(c.rc, 0);
    int i = 0;
    for (const char *w; (w = va_arg(ap, const char *)) != NULL; i++) {
        if (i >= c.n)
            fail_msg("\"%s\": word %d missing, expected \"%s\"", text, i, w);
        if (strcmp(c.tok[i].word, w) != 0)
            fail_msg("\"%s\": word %d is \"%s\", expected \"%s\"",
                     text, i, c.tok[i].word, w);
    }
    if (c.n != i)
        fail_msg("\"%s\": %d words, expected %d (extra \"%s\")",
                 text, c.n, i, c.tok[i].word);
}

/* Assert that TEXT gives exactly the words listed (NULL-terminated). */
static void expect_words(const char *text, ...)
{
    va_list ap;
    va_start(ap, text);
    expect_words_va(NULL, text, ap);
    va_end(ap);
}

/* expect_words() for text in the language LANG. */
static void expect_words_in(const char *lang, const char *text, ...)
{
    va_list ap;
    va_start(ap, text);
    expect_words_va(lang, text, ap);
    va_end(ap);
}

static void test_ascii_words_are_lowercased(void **state)
{
    (void)state;
    expect_words("The Quick  brown\tFOX\n", "the", "quick", "brown", "fox",
                 NULL);
    expect_words("", NULL);
    expect_words("  ...  --- !?", NULL);
}

static void test_acronym_us_is_not_pronoun_us(void **state)
{
    (void)state;
    expect_words("U.S.", "u.s", NULL);
    expect_words("the U.S. and us", "the", "u.s", "and", "us", NULL);
    expect_words("U.S", "u.s", NULL);
}

static void test_acronyms_keep_inner_periods(void **state)
{
    (void)state;
    expect_words("the U.K. said", "the", "u.k", "said", NULL);
    expect_words("e.g. this", "e.g", "this", NULL);
    expect_words("U.S.A.", "u.s.a", NULL);
    expect_words("(i.e.)", "i.e", NULL);
}

static void test_acronym_needs_single_letters(void **state)
{
    (void)state;
    /* Two-letter segments are ordinary words joined by a stray period. */
    expect_words("a.Bc", "a", "bc", NULL);
    expect_words("example.com", "example", "com", NULL);
    expect_words("Ph.D.", "ph", "d", NULL);
}

static void test_acronym_then_hyphen_splits(void **state)
{
    (void)state;
    expect_words("U.S.-China talks", "u.s", "china", "talks", NULL);
}

static void test_sentence_final_period_dropped(void **state)
{
    (void)state;
    expect_words("a new policy.", "a", "new", "policy", NULL);
    expect_words("policy.Next", "policy", "next", NULL);
    expect_words("It ended.  Then", "it", "ended", "then", NULL);
}

static void test_curly_apostrophe_possessive_dropped(void **state)
{
    (void)state;
    expect_words("Beijing\xE2\x80\x99s plan", "beijing", "plan", NULL);
    expect_words("Beijing's plan", "beijing", "plan", NULL);
    expect_words("BEIJING'S", "beijing", NULL);
    expect_words("Beijing\xCA\xBCs.", "beijing", NULL);   /* U+02BC */
    expect_words("the 1980's", "the", "1980", NULL);
}

static void test_inner_apostrophe_kept_straight(void **state)
{
    (void)state;
    expect_words("don't", "don't", NULL);
    expect_words("Don\xE2\x80\x99t", "don't", NULL);
    expect_words("O'Neill", "o'neill", NULL);
    expect_words("Beijing'sX", "beijing'sx", NULL);
}

static void test_trailing_and_leading_apostrophes_dropped(void **state)
{
    (void)state;
    expect_words("the states' rights", "the", "states", "rights", NULL);
    expect_words("'quoted'", "quoted", NULL);
    expect_words("\xE2\x80\x98quoted\xE2\x80\x99 word", "quoted", "word",
                 NULL);
    expect_words("rock 'n' roll", "rock", "n", "roll", NULL);
}

static void test_decimal_point_stays_in_number(void **state)
{
    (void)state;
    expect_words("rose 3.5 percent", "rose", "3.5", "percent", NULL);
    expect_words("version 1.2.3", "version", "1.2.3", NULL);
    expect_words("in 2021.", "in", "2021", NULL);
}

static void test_thousands_comma_dropped(void **state)
{
    (void)state;
    expect_words("1,000 people", "1000", "people", NULL);
    expect_words("$1,000,000.50", "1000000.50", NULL);
}

static void test_comma_not_between_digits_separates(void **state)
{
    (void)state;
    expect_words("red,green", "red", "green", NULL);
    expect_words("3, 4", "3", "4", NULL);
    expect_words("in 2020,the", "in", "2020", "the", NULL);
}

static void test_hyphen_parts_take_adjacent_positions(void **state)
{
    (void)state;
    collected c = { .stop_after = 0 };
    run_n(&c, "Bethany Allen-Ebrahimian wrote", 30, 10);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.tok[1].word, "allen");
    assert_string_equal(c.tok[2].word, "ebrahimian");
    assert_int_equal(c.tok[1].pos, 11);
    assert_int_equal(c.tok[2].pos, 12);
    assert_int_equal(c.tok[3].pos, 13);
    /* An en dash separates like a hyphen. */
    expect_words("1990\xE2\x80\x93" "2000", "1990", "2000", NULL);
}

static void test_unicode_case_folded_and_nfkc(void **state)
{
    (void)state;
    /* Precomposed and decomposed spellings give the same word. */
    expect_words("\xC3\x9Cn\xC3\xAF" "c\xC3\xB6" "d\xC3\xA9", "unicode", NULL);
    expect_words("U\xCC\x88" "ni\xCC\x88" "co\xCC\x88" "de\xCC\x81", "unicode",
                 NULL);
    /* ... and so do they where the marks are kept (Hebrew shin + dot). */
    expect_words("\xEF\xAC\xAA", "\xD7\xA9\xD7\x81", NULL);
    expect_words("\xD7\xA9\xD7\x81", "\xD7\xA9\xD7\x81", NULL);
    /* Full case folding: sharp s folds to "ss". */
    expect_words("Stra\xC3\x9F" "e STRASSE", "strasse", "strasse", NULL);
    expect_words("\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1",   /* Αθήνα */
                 "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1", NULL);
}

/* Accents: a mark on a Latin, Greek or Cyrillic letter is dropped, so
 * the word typed without it finds the word written with it. */
static void test_accents_fold_on_latin_greek_cyrillic(void **state)
{
    (void)state;
    expect_words("Caf\xC3\xA9 cafe\xCC\x81 CAF\xC3\x89",    /* café, decomposed, CAFÉ */
                 "cafe", "cafe", "cafe", NULL);
    expect_words("R\xC3\xA9sum\xC3\xA9 Z\xC3\xBCrich S\xC3\xA3o Pe\xC3\xB1" "a",
                 "resume", "zurich", "sao", "pena", NULL);
    expect_words("na\xC3\xAFve \xC3\x85ngstr\xC3\xB6m M\xC3\xA9xico",
                 "naive", "angstrom", "mexico", NULL);
    /* Stacked marks, and a mark below: Vietnamese Việt, pinyin lǜ. */
    expect_words("Vi\xE1\xBB\x87t l\xC7\x9C", "viet", "lu", NULL);
    expect_words("e\xCC\x81\xCC\xA7x", "ex", NULL);
    /* Turkish capital dotted I folds to i + dot above; the dot goes. */
    expect_words("\xC4\xB0stanbul", "istanbul", NULL);
    /* Greek tonos and dialytika: Αθήνα, ΐ. */
    expect_words("\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 \xCE\x90",
                 "\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1", "\xCE\xB9", NULL);
    /* Cyrillic ё is often written е: ёлка -> елка. */
    expect_words("\xD1\x91\xD0\xBB\xD0\xBA\xD0\xB0",
                 "\xD0\xB5\xD0\xBB\xD0\xBA\xD0\xB0", NULL);
    /* Polish: ó and ź fold, ł is a letter of its own (below). */
    expect_words("\xC5\x81\xC3\xB3" "d\xC5\xBA", "\xC5\x82od" "z", NULL);
    /* Many marks on one letter: gone, however many (within the bytes a
     * word may take in the text, 4 * TOKEN_MAX_BYTES). */
    char zalgo[1 + 2 * 100 + 1];
    zalgo[0] = 'a';
    for (int i = 0; i < 100; i++)
        memcpy(zalgo + 1 + 2 * i, "\xCC\x81", 2);
    zalgo[sizeof zalgo - 1] = '\0';
    expect_words(zalgo, "a", NULL);
}

/* Letters that are letters of their own, not accented ones, stay. */
static void test_distinct_letters_do_not_fold(void **state)
{
    (void)state;
    /* No decomposition: ø æ đ ł ı ð þ ħ. */
    expect_words("\xC3\x98rsted \xC3\x86sir \xC4\x90or\xC4\x91" "e",
                 "\xC3\xB8rsted", "\xC3\xA6sir", "\xC4\x91or\xC4\x91" "e", NULL);
    expect_words("\xC5\x81\xC3\xB3" "d\xC5\xBA K\xC4\xB1r\xC4\xB1kkale",
                 "\xC5\x82odz", "k\xC4\xB1r\xC4\xB1kkale", NULL);
    expect_words("\xC3\xB0\xC3\xBE\xC4\xA7", "\xC3\xB0\xC3\xBE\xC4\xA7", NULL);
    /* Dotless ı is not i: ıspanak stays, ISPANAK is ispanak. */
    expect_words("\xC4\xB1spanak ISPANAK", "\xC4\xB1spanak", "ispanak", NULL);
    /* ß is "ss" by case folding, not by accent folding. */
    expect_words("Stra\xC3\x9F" "e", "strasse", NULL);
    /* Russian й and Belarusian ў are always written: мой is not мои. */
    expect_words("\xD0\x9C\xD0\xBE\xD0\xB9 \xD0\xBC\xD0\xBE\xD0\xB8\xCC\x86 \xD1\x9E",
                 "\xD0\xBC\xD0\xBE\xD0\xB9", "\xD0\xBC\xD0\xBE\xD0\xB9", "\xD1\x9E", NULL);
}

/* Marks that are part of the letter in other scripts are kept. */
static void test_marks_of_other_scripts_are_kept(void **state)
{
    (void)state;
    /* Devanagari हिन्दी with its vowel signs and virama; क़ with nukta
     * (U+0958 stays decomposed: a composition exclusion). */
    expect_words("\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5\x80",
                 "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5\x80", NULL);
    expect_words("\xE0\xA5\x98", "\xE0\xA4\x95\xE0\xA4\xBC", NULL);
    /* Hangul 한국어 (decomposes into jamo, recomposes), in bigrams. */
    expect_words("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4",
                 "\xED\x95\x9C\xEA\xB5\xAD", "\xEA\xB5\xAD\xEC\x96\xB4", NULL);
    /* Japanese が keeps its voicing mark: がっこう, in bigrams. */
    expect_words("\xE3\x81\x8C\xE3\x81\xA3\xE3\x81\x93\xE3\x81\x86",
                 "\xE3\x81\x8C\xE3\x81\xA3", "\xE3\x81\xA3\xE3\x81\x93",
                 "\xE3\x81\x93\xE3\x81\x86", NULL);
    /* Hebrew points (שָׁלוֹם), Arabic harakat (كِتَاب), Thai tone marks
     * (ที่). */
    expect_words("\xD7\xA9\xD6\xB8\xD7\x81\xD7\x9C\xD7\x95\xD6\xB9\xD7\x9D",
                 "\xD7\xA9\xD6\xB8\xD7\x81\xD7\x9C\xD7\x95\xD6\xB9\xD7\x9D", NULL);
    expect_words("\xD9\x83\xD9\x90\xD8\xAA\xD9\x8E\xD8\xA7\xD8\xA8",
                 "\xD9\x83\xD9\x90\xD8\xAA\xD9\x8E\xD8\xA7\xD8\xA8", NULL);
    expect_words("\xE0\xB8\x97\xE0\xB8\xB5\xE0\xB9\x88",
                 "\xE0\xB8\x97\xE0\xB8\xB5\xE0\xB9\x88", NULL);
    /* A diacritic after a letter of another script is not a Latin
     * accent: Devanagari ह + combining acute keeps it. */
    expect_words("\xE0\xA4\xB9\xCC\x81", "\xE0\xA4\xB9\xCC\x81", NULL);
}

/* Folding is idempotent: a word, tokenized again, is one word and the
 * same, for generated words mixing letters of many scripts, marks on
 * them, and the letters that must not fold. */
static void test_folding_is_idempotent(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "E", "\xC3\xA9", "\xC3\x89", "\xCC\x81", "\xCC\x88", "\xCC\xA7",
        "\xCC\x86", "\xCD\x85", "\xC4\xB0", "\xC4\xB1", "\xC3\x9F",
        "\xE1\xBA\x9E", "\xC3\xB8", "\xC5\x81", "\xC3\x85", "\xC7\x9C",
        "\xE1\xBB\x87", "\xCE\x91", "\xCE\xAE", "\xE1\xBE\xB3", "\xCE\x90",
        "\xD0\x98", "\xD0\xB8", "\xD0\x99", "\xD1\x91", "\xD1\x83",
        "\xE0\xA4\xB9", "\xE0\xA4\xBF", "\xE0\xA5\x8D", "\xE0\xA5\x98",
        "\xED\x95\x9C", "\xE1\x84\x92", "\xE1\x85\xA1", "\xE3\x81\x8B",
        "\xE3\x82\x99", "\xD7\xA9", "\xD6\xB8", "\xD9\x83", "\xD9\x90",
        "\xE0\xB8\x97", "\xE0\xB9\x88", "\xEF\xAC\x81", "\xEF\xBC\xA1", "7",
    };
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    uint32_t seed = 20261202;
    char buf[4 * TOKEN_MAX_BYTES];

    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t want = 1 + (seed >> 16) % 12;
        for (size_t k = 0; k < want; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % npieces];
            memcpy(buf + len, p, strlen(p));
            len += strlen(p);
        }
        collected once = { .stop_after = 0 }, twice = { .stop_after = 0 };
        run_n(&once, buf, len, 0);
        assert_int_equal(once.rc, 0);
        /* Several words only where letters written without spaces
         * (Hangul, Kana, Thai) make bigrams or stand beside others. */
        for (int k = 0; k < once.n; k++) {
            run(&twice, once.tok[k].word);
            if (twice.n != 1 ||
                strcmp(twice.tok[0].word, once.tok[k].word) != 0)
                fail_msg("round %d: \"%.*s\" gave \"%s\", which gave "
                         "\"%s\"", round, (int)len, buf, once.tok[k].word,
                         twice.n ? twice.tok[0].word : "(nothing)");
        }
    }
}

static void test_fullwidth_letters_fold_to_ascii(void **state)
{
    (void)state;
    expect_words("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", "abc", NULL);
    expect_words("\xEF\xBC\x91\xEF\xBC\x92", "12", NULL);
}

static void test_ligature_expands(void **state)
{
    (void)state;
    expect_words("\xEF\xAC\x81nance", "finance", NULL);
}

static void test_soft_hyphen_inside_word_is_ignored(void **state)
{
    (void)state;
    expect_words("co\xC2\xADoperate", "cooperate", NULL);
    expect_words("end\xC2\xAD next", "end", "next", NULL);
    expect_words("\xE2\x80\x8D" "alone", "alone", NULL);
}

static void test_invalid_utf8_is_a_separator_not_a_crash(void **state)
{
    (void)state;
    /* Lone continuation byte. */
    expect_words("ab\x80" "cd", "ab", "cd", NULL);
    /* Overlong encoding of '/'. */
    expect_words("ab\xC0\xAF" "cd", "ab", "cd", NULL);
    /* UTF-16 surrogate half encoded in UTF-8. */
    expect_words("ab\xED\xA0\x80" "cd", "ab", "cd", NULL);
    /* 0xFF never appears in UTF-8. */
    expect_words("ab\xFF" "cd", "ab", "cd", NULL);
    /* Beyond U+10FFFF. */
    expect_words("ab\xF4\x90\x80\x80" "cd", "ab", "cd", NULL);
    /* Truncated 3-byte and 4-byte sequences at the very end of the buffer
     * (run_n copies exactly these bytes: nothing readable follows). */
    expect_words("ab\xE2\x80", "ab", NULL);
    expect_words("ab\xF0\x9F\x98", "ab", NULL);
    expect_words("\xE2", NULL);
    /* A truncated sequence followed by ASCII resynchronises on it. */
    expect_words("\xE2\x80" "ab", "ab", NULL);
    /* Invalid bytes next to joiners. */
    expect_words("U.\xFF.S.", "u", "s", NULL);
    expect_words("don'\x80t", "don", "t", NULL);
}

static void test_nul_byte_is_separator(void **state)
{
    (void)state;
    collected c = { .stop_after = 0 };
    run_n(&c, "ab\0cd\0", 6, 0);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.tok[0].word, "ab");
    assert_string_equal(c.tok[1].word, "cd");
    assert_int_equal(c.tok[1].start, 3);
}

static void test_text_need_not_be_nul_terminated(void **state)
{
    (void)state;
    collected c = { .stop_after = 0 };
    run_n(&c, "hello world", 8, 0);   /* "hello wo" */
    assert_int_equal(c.n, 2);
    assert_string_equal(c.tok[1].word, "wo");
    assert_int_equal(c.tok[1].end, 8);
    /* A joiner at the very end looks past it without reading past it. */
    expect_words("U.S", "u.s", NULL);
    expect_words("don'", "don", NULL);
    expect_words("3.", "3", NULL);
    expect_words("1,", "1", NULL);
    /* NULL with length 0 is an empty text. */
    unsigned next = 0;
    assert_int_equal(tokenize(NULL, 0, 7, collect, &c, &next), 0);
    assert_int_equal(next, 7);
}

static void test_long_word_skipped_but_takes_position(void **state)
{
    (void)state;
    char text[512];
    collected c = { .stop_after = 0 };

    /* 64 bytes is kept, 65 is skipped but takes position 1. */
    memset(text, 'a', 64);
    memcpy(text + 64, " x ", 3);
    memset(text + 67, 'b', 65);
    memcpy(text + 132, " y", 2);
    run_n(&c, text, 134, 0);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.tok[0].len, 64);
    assert_int_equal(c.tok[0].pos, 0);
    assert_string_equal(c.tok[1].word, "x");
    assert_int_equal(c.tok[1].pos, 1);
    assert_string_equal(c.tok[2].word, "y");
    assert_int_equal(c.tok[2].pos, 3);
    assert_int_equal(c.next_pos, 4);

    /* The limit is after normalisation: 22 fullwidth letters are 66 bytes
     * in the text but 22 after folding; 33 "ﬁ" ligatures are 99 bytes in
     * the text and 66 after expanding. */
    size_t n = 0;
    for (int i = 0; i < 22; i++, n += 3)
        memcpy(text + n, "\xEF\xBD\x81", 3);   /* ａ */
    text[n++] = ' ';
    for (int i = 0; i < 33; i++, n += 3)
        memcpy(text + n, "\xEF\xAC\x81", 3);   /* ﬁ */
    memcpy(text + n, " z", 2);
    n += 2;
    run_n(&c, text, n, 0);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.tok[0].len, 22);
    assert_string_equal(c.tok[1].word, "z");
    assert_int_equal(c.tok[1].pos, 2);

    /* A run far longer than any buffer. */
    size_t big = 1 << 20;
    char *huge = malloc(big);
    assert_non_null(huge);
    memset(huge, 'q', big - 2);
    memcpy(huge + big - 2, " r", 2);
    run_n(&c, huge, big, 5);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.tok[0].word, "r");
    assert_int_equal(c.tok[0].pos, 6);
    /* And a long non-ASCII run, which also goes through utf8proc. */
    for (size_t i = 0; i + 2 <= big; i += 2)
        memcpy(huge + i, "\xC3\xA9", 2);
    run_n(&c, huge, big, 0);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.next_pos, 1);
    free(huge);

    /* One letter decomposing into 18 code points (U+FDFA) takes the
     * heap path without harm. */
    n = 0;
    for (int i = 0; i < 40; i++, n += 3)
        memcpy(text + n, "\xEF\xB7\xBA", 3);
    run_n(&c, text, n, 0);
    assert_int_equal(c.rc, 0);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.next_pos, 1);
}

static void test_positions_start_at_start_pos(void **state)
{
    (void)state;
    collected c = { .stop_after = 0 };
    run_n(&c, "one two three", 13, 100);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.tok[0].pos, 100);
    assert_int_equal(c.tok[2].pos, 102);
    assert_int_equal(c.next_pos, 103);
    run_n(&c, " - ", 3, 9);
    assert_int_equal(c.n, 0);
    assert_int_equal(c.next_pos, 9);
}

static void test_offsets_point_into_original_text(void **state)
{
    (void)state;
    const char *text = "The U.S. and Beijing\xE2\x80\x99s \xEF\xAC\x81nance, "
                       "1,000 don\xE2\x80\x99t policy.";
    collected c = { .stop_after = 0 };
    run(&c, text);
    static const char *const words[] = {
        "the", "u.s", "and", "beijing", "finance", "1000", "don't", "policy",
    };
    static const char *const spans[] = {
        "The", "U.S", "and", "Beijing", "\xEF\xAC\x81nance", "1,000",
        "don\xE2\x80\x99t", "policy",
    };
    assert_int_equal(c.n, 8);
    for (int i = 0; i < 8; i++) {
        assert_string_equal(c.tok[i].word, words[i]);
        size_t span = c.tok[i].end - c.tok[i].start;
        assert_int_equal(span, strlen(spans[i]));
        assert_memory_equal(text + c.tok[i].start, spans[i], span);
    }
}

static void test_callback_nonzero_stops_walk(void **state)
{
    (void)state;
    collected c = { .stop_after = 2 };
    run(&c, "one two three four");
    assert_int_equal(c.rc, 42);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.next_pos, 2);
}

/* Random bytes, biased towards the characters the rules care about: no
 * crash, no read outside the buffer, and every token well-formed. */
static void test_random_bytes_keep_tokens_well_formed(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "Z", "7", ".", ",", "'", "-", " ", "\0", "\x80", "\xC0",
        "\xE2\x80", "\xE2\x80\x99", "\xC3\xA9", "\xCC\x81", "\xEF\xAC\x81",
        "\xC2\xAD", "\xF0\x9F\x98\x80", "\xFF", "s", "\xEF\xB7\xBA",
    };
    static const size_t piece_len[] = {
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 2, 2, 3, 2, 4, 1, 1, 3,
    };
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    char buf[400];
    uint32_t seed = 12345;

    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t want = (seed >> 16) % 300;
        while (len < want) {
            seed = seed * 1103515245u + 12345u;
            uint32_t r = seed >> 16;
            if (r & 1) {
                const size_t k = (r >> 1) % npieces;
                memcpy(buf + len, pieces[k], piece_len[k]);
                len += piece_len[k];
            } else {
                buf[len++] = (char)(r >> 1);
            }
        }
        collected c = { .stop_after = 0 };
        char *copy = malloc(len ? len : 1);
        assert_non_null(copy);
        memcpy(copy, buf, len);
        c.rc = tokenize(copy, len, 0, collect, &c,
                        &c.next_pos);
        free(copy);
        assert_int_equal(c.rc, 0);
        for (int i = 0; i < c.n; i++) {
            assert_true(c.tok[i].start < c.tok[i].end);
            assert_true(c.tok[i].end <= len);
            assert_true(c.tok[i].len > 0);
            if (i > 0) {
                assert_true(c.tok[i].pos > c.tok[i - 1].pos);
                assert_true(c.tok[i].start >= c.tok[i - 1].end);
            }
        }
        assert_true(c.n == 0 || c.next_pos > c.tok[c.n - 1].pos);
    }
}

/* ---- Scripts without spaces (issue 22) ---------------------------------- */

/* A run of Han letters is its overlapping bigrams, at consecutive
 * positions; every bigram after the first is joined to the one before,
 * and each covers the bytes of its two characters. */
static void test_run_becomes_overlapping_bigrams(void **state)
{
    (void)state;
    const char *text = "\u4e2d\u534e\u4eba\u6c11";     /* 中华人民 */
    collected c = { .stop_after = 0 };
    run_n(&c, text, strlen(text), 5);
    static const char *const want[] = {
        "\u4e2d\u534e", "\u534e\u4eba", "\u4eba\u6c11",
    };
    assert_int_equal(c.n, 3);
    for (int i = 0; i < 3; i++) {
        assert_string_equal(c.tok[i].word, want[i]);
        assert_int_equal(c.tok[i].pos, 5 + i);
        assert_int_equal(c.tok[i].joined, i > 0);
        assert_int_equal(c.tok[i].start, 3 * (size_t)i);
        assert_int_equal(c.tok[i].end, 3 * (size_t)i + 6);
    }
    assert_int_equal(c.next_pos, 8);
}

/* A run of one letter is one word, not joined; a run ends at anything
 * that is not one of its letters or marks. */
static void test_run_of_one_letter_and_run_ends(void **state)
{
    (void)state;
    expect_words("\u4e2d", "\u4e2d", NULL);
    /* 中 国。 政府，中国 */
    expect_words("\u4e2d \u56fd\u3002\u653f\u5e9c\uff0c\u4e2d\u56fd",
                 "\u4e2d", "\u56fd", "\u653f\u5e9c", "\u4e2d\u56fd", NULL);
    collected c = { .stop_after = 0 };
    run(&c, "\u4e2d \u653f\u5e9c");
    assert_int_equal(c.n, 2);
    assert_int_equal(c.tok[0].joined, 0);
    assert_int_equal(c.tok[1].joined, 0);
    /* Digits and Latin letters are words of their own beside a run:
     * 2024年3月, abc中文def. */
    expect_words("2024\u5e743\u6708", "2024", "\u5e74", "3", "\u6708", NULL);
    expect_words("abc\u4e2d\u6587def", "abc", "\u4e2d\u6587", "def", NULL);
    expect_words("don't\u4e2d\u6587", "don't", "\u4e2d\u6587", NULL);
    /* A zero-width space separates; a zero-width joiner inside a run is
     * dropped, as inside a word. */
    expect_words("\u4e2d\u200b\u6587", "\u4e2d", "\u6587", NULL);
    expect_words("\u4e2d\u200d\u6587", "\u4e2d\u6587", NULL);
}

/* Kanji and Kana written together are one run (東京都に行く), as are the
 * other scripts without spaces: Hangul, Thai (with its vowel and tone
 * marks on their letter: ที่นี่), Lao, Khmer, Myanmar. */
static void test_every_script_without_spaces_makes_bigrams(void **state)
{
    (void)state;
    expect_words("\u6771\u4eac\u90fd\u306b\u884c\u304f",
                 "\u6771\u4eac", "\u4eac\u90fd", "\u90fd\u306b",
                 "\u306b\u884c", "\u884c\u304f", NULL);
    expect_words("\uc11c\uc6b8\uc2dc", "\uc11c\uc6b8", "\uc6b8\uc2dc", NULL);
    expect_words("\u0e17\u0e35\u0e48\u0e19\u0e35\u0e48",
                 "\u0e17\u0e35\u0e48\u0e19\u0e35\u0e48", NULL);
    expect_words("\u0e44\u0e17\u0e22", "\u0e44\u0e17", "\u0e17\u0e22", NULL);
    expect_words("\u0ea5\u0eb2\u0ea7", "\u0ea5\u0eb2", "\u0eb2\u0ea7", NULL);
    expect_words("\u1781\u17d2\u1798\u17c2\u179a",
                 "\u1781\u17d2\u1798\u17c2", "\u1798\u17c2\u179a", NULL);
    expect_words("\u1019\u103c\u1014\u103a\u1019\u102c",
                 "\u1019\u103c\u1014\u103a", "\u1014\u103a\u1019\u102c", NULL);
    /* Halfwidth Katakana (ｶﾞｽ) becomes fullwidth, its voicing mark
     * joining the letter before it: ガス. */
    expect_words("\uff76\uff9e\uff7d", "\u30ac\u30b9", NULL);
}

/* ---- Folding per language (issue 22) ------------------------------------ */

/* No language, English and the languages without rules fold as today. */
static void test_fold_null_lang_is_today(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "ILIK \u0130L\u0130K \u0131l\u0131k f\u00e5r \u00c5R a\u00f1o "
        "H\u00e4user Stra\u00dfe \u00e9t\u00e9 \u0151r \u00fe\u00f3r",
        "\u0623\u064e\u062d\u0652\u0645\u064e\u062f \u0643\u0640\u062a\u0627\u0628",
    };
    static const char *const langs[] = { "en", "de", "fr", "pt", "xx", "" };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        collected base = { .stop_after = 0 };
        run(&base, texts[t]);
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
            collected c = { .stop_after = 0, .lang = langs[l] };
            run(&c, texts[t]);
            assert_int_equal(c.n, base.n);
            for (int i = 0; i < c.n; i++)
                assert_string_equal(c.tok[i].word, base.tok[i].word);
        }
    }
    /* German stays as it is folded today. */
    expect_words_in("de", "H\u00e4user Stra\u00dfe", "hauser", "strasse",
                    NULL);
}

/* Turkish and Azeri: I is the capital of dotless ı, İ of dotted i, and
 * the two stay apart (ılık "lukewarm" is not ilik "marrow"). */
static void test_fold_turkish_dotless_i(void **state)
{
    (void)state;
    for (const char *const *l = (const char *const[]){ "tr", "az", NULL };
         *l; l++) {
        expect_words_in(*l, "ILIK \u0130L\u0130K \u0131l\u0131k ilik Istanbul",
                        "\u0131l\u0131k", "ilik", "\u0131l\u0131k", "ilik",
                        "\u0131stanbul", NULL);
        /* The other letters still fold: Çağrı -> cagrı. */
        expect_words_in(*l, "\u00c7a\u011fr\u0131", "cagr\u0131", NULL);
    }
    expect_words("ILIK \u0131l\u0131k", "ilik", "\u0131l\u0131k", NULL);
}

/* Swedish and Finnish keep å ä ö (får "gets" is not far "father");
 * Estonian õ ä ö ü; Norwegian and Danish å; other accents still fold. */
static void test_fold_nordic_letters(void **state)
{
    (void)state;
    for (const char *const *l = (const char *const[]){ "sv", "fi", NULL };
         *l; l++)
        expect_words_in(*l, "F\u00c5R far \u00e4r \u00f6 \u00e9t\u00e9",
                        "f\u00e5r", "far", "\u00e4r", "\u00f6", "ete", NULL);
    expect_words_in("et", "\u00d5UN \u00e4\u00f6\u00fc \u0161\u017e \u00e5",
                    "\u00f5un", "\u00e4\u00f6\u00fc", "\u0161\u017e", "a",
                    NULL);
    for (const char *const *l = (const char *const[]){ "no", "da", NULL };
         *l; l++)
        expect_words_in(*l, "P\u00c5 \u00c6r\u00f8 \u00e4 \u00e9",
                        "p\u00e5", "\u00e6r\u00f8", "a", "e", NULL);
    expect_words("f\u00e5r", "far", NULL);
}

/* Spanish keeps ñ (año "year" is not ano), not its acute accents. */
static void test_fold_spanish_enye(void **state)
{
    (void)state;
    expect_words_in("es", "A\u00d1O ano est\u00e1 Espa\u00f1a",
                    "a\u00f1o", "ano", "esta", "espa\u00f1a", NULL);
}

/* Hungarian keeps the vowels its stemmer is written with; Icelandic its
 * accented vowels (æ ð þ are letters everywhere). */
static void test_fold_hungarian_icelandic(void **state)
{
    (void)state;
    expect_words_in("hu", "\u00c1\u00e9\u00ed\u00f3\u00f6\u0151\u00fa\u00fc\u0171 \u00e7",
                    "\u00e1\u00e9\u00ed\u00f3\u00f6\u0151\u00fa\u00fc\u0171",
                    "c", NULL);
    expect_words_in("is", "\u00c1\u00e9\u00ed\u00f3\u00fa\u00fd\u00f6 \u00fe\u00e6\u00f0 \u00e4",
                    "\u00e1\u00e9\u00ed\u00f3\u00fa\u00fd\u00f6",
                    "\u00fe\u00e6\u00f0", "a", NULL);
}

/* Arabic drops the harakat and the tatweel, and hamza and madda over
 * alef: أَحْمَد -> احمد, إسلام -> اسلام, آمن -> امن, كـتـاب -> كتاب; hamza
 * on waw stays (مُؤْمِن -> مؤمن). */
static void test_fold_arabic(void **state)
{
    (void)state;
    expect_words_in("ar",
                    "\u0623\u064e\u062d\u0652\u0645\u064e\u062f "
                    "\u0625\u0633\u0644\u0627\u0645 \u0622\u0645\u0646 "
                    "\u0643\u0640\u062a\u0640\u0627\u0628 "
                    "\u0645\u064f\u0624\u0652\u0645\u0650\u0646 \u0640",
                    "\u0627\u062d\u0645\u062f",
                    "\u0627\u0633\u0644\u0627\u0645", "\u0627\u0645\u0646",
                    "\u0643\u062a\u0627\u0628", "\u0645\u0624\u0645\u0646",
                    NULL);
}

/* Each language's folding is idempotent: its words, tokenized again in
 * it, are themselves. */
static void test_fold_per_language_is_idempotent(void **state)
{
    (void)state;
    static const char *const langs[] = {
        "tr", "az", "sv", "fi", "et", "no", "da", "de", "es", "hu", "is",
        "ar", "en",
    };
    const char *text =
        "ILIK \u0130L\u0130K \u0131l\u0131k F\u00c5R \u00c4\u00d6 \u00d5\u00dc "
        "\u0160\u017d A\u00d1O H\u00e4user Stra\u00dfe \u00c1\u00c9\u00cd\u00d3"
        "\u0150\u00da\u0170 \u00dd\u00de\u00d0 a\u030a o\u0308 n\u0303 "
        "\u0623\u064e\u062d\u0652\u0645\u064e\u062f \u0643\u0640\u062a\u0627\u0628 "
        "\u0627\u0653 \u0648\u0654 \u4e2d\u534e\u4eba\u6c11";
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        collected once = { .stop_after = 0, .lang = langs[l] };
        run(&once, text);
        assert_true(once.n > 10);
        for (int k = 0; k < once.n; k++) {
            collected twice = { .stop_after = 0, .lang = langs[l] };
            run(&twice, once.tok[k].word);
            if (twice.n != 1 ||
                strcmp(twice.tok[0].word, once.tok[k].word) != 0)
                fail_msg("%s: \"%s\" gave \"%s\"", langs[l],
                         once.tok[k].word,
                         twice.n ? twice.tok[0].word : "(nothing)");
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_words_are_lowercased),
        cmocka_unit_test(test_acronym_us_is_not_pronoun_us),
        cmocka_unit_test(test_acronyms_keep_inner_periods),
        cmocka_unit_test(test_acronym_needs_single_letters),
        cmocka_unit_test(test_acronym_then_hyphen_splits),
        cmocka_unit_test(test_sentence_final_period_dropped),
        cmocka_unit_test(test_curly_apostrophe_possessive_dropped),
        cmocka_unit_test(test_inner_apostrophe_kept_straight),
        cmocka_unit_test(test_trailing_and_leading_apostrophes_dropped),
        cmocka_unit_test(test_decimal_point_stays_in_number),
        cmocka_unit_test(test_thousands_comma_dropped),
        cmocka_unit_test(test_comma_not_between_digits_separates),
        cmocka_unit_test(test_hyphen_parts_take_adjacent_positions),
        cmocka_unit_test(test_unicode_case_folded_and_nfkc),
        cmocka_unit_test(test_accents_fold_on_latin_greek_cyrillic),
        cmocka_unit_test(test_distinct_letters_do_not_fold),
        cmocka_unit_test(test_marks_of_other_scripts_are_kept),
        cmocka_unit_test(test_folding_is_idempotent),
        cmocka_unit_test(test_fullwidth_letters_fold_to_ascii),
        cmocka_unit_test(test_ligature_expands),
        cmocka_unit_test(test_soft_hyphen_inside_word_is_ignored),
        cmocka_unit_test(test_invalid_utf8_is_a_separator_not_a_crash),
        cmocka_unit_test(test_nul_byte_is_separator),
        cmocka_unit_test(test_text_need_not_be_nul_terminated),
        cmocka_unit_test(test_long_word_skipped_but_takes_position),
        cmocka_unit_test(test_positions_start_at_start_pos),
        cmocka_unit_test(test_offsets_point_into_original_text),
        cmocka_unit_test(test_callback_nonzero_stops_walk),
        cmocka_unit_test(test_surface_keeps_case_only),
        cmocka_unit_test(test_random_bytes_keep_tokens_well_formed),
        cmocka_unit_test(test_run_becomes_overlapping_bigrams),
        cmocka_unit_test(test_run_of_one_letter_and_run_ends),
        cmocka_unit_test(test_every_script_without_spaces_makes_bigrams),
        cmocka_unit_test(test_fold_null_lang_is_today),
        cmocka_unit_test(test_fold_turkish_dotless_i),
        cmocka_unit_test(test_fold_nordic_letters),
        cmocka_unit_test(test_fold_spanish_enye),
        cmocka_unit_test(test_fold_hungarian_icelandic),
        cmocka_unit_test(test_fold_arabic),
        cmocka_unit_test(test_fold_per_language_is_idempotent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
