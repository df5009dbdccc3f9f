/* detect.c - an undeclared article's language (detect.h).
 *
 * The rules, in order (doc/DECISIONS.md "Languages (issue 22)"):
 *  0. A script written in one language only (Hangul, Thai, Lao, Khmer,
 *     Myanmar; Kana for Japanese, Han without Kana for Chinese) holding
 *     MIN_SCRIPT_SHARE of the letters, and at least MIN_OWN_SCRIPT of
 *     them: that language, however short the text.  A headline of eight
 *     Han characters is Chinese; libexttextcat needs far more text to say
 *     so, and rule 1 would call it the fallback.
 *  1. Too few letters to tell: the fallback.  Letters, not bytes: a Han
 *     character is three bytes and about a word, so letters of scripts
 *     without spaces weigh DENSE_WEIGHT.
 *  2. libexttextcat's candidates: UNKNOWN, SHORT, or the fallback among
 *     them: the fallback.
 *  3. Of the other candidates, those Gazette can index in their own
 *     language (detect.h) and that the text confirms: by their function
 *     words (those that are not also the fallback's make up at least
 *     MIN_STOP_SHARE of the text's words, and there are more of them
 *     than of the fallback's), or for a script of their own by the share
 *     of its letters in that script.  The one with the highest share wins
 *     (libexttextcat's candidates are within 3% of each other: Danish
 *     and Norwegian, Catalan and Italian); none: the fallback.  This is
 *     what keeps a figure table ("Shr 27 cts vs 14 cts Net ...", which
 *     libexttextcat calls Catalan or German) in the index's language.
 * One pass over the window counts letters by script and the function
 * words of every language at once.  When no language could then pass
 * rule 3 (the fallback's function words lead, no other script holds half
 * the letters), the answer is the fallback whatever libexttextcat says,
 * and it is not asked: on text in the index's language, the usual case,
 * that is most of the cost saved (BENCHMARKS.md).
 * Never reads past the window, so the answer depends on the text alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <textcat.h>
#include <utf8proc.h>

#include "detect.h"
#include "detect_words.h"
#include "error.h"

#ifndef GZ_TEXTCAT_DATA
#define GZ_TEXTCAT_DATA "/usr/share/libexttextcat/"
#endif

/* Rule 1: weighted letters below this are too few (DECISIONS.md: 40
 * is about eight words of prose or thirteen Han characters). */
#define MIN_LETTERS 40
#define DENSE_WEIGHT 3
/* Rule 3: words needed to judge a share of function words, and the
 * share.  News prose has 30-50% in its own language (Russian, with its
 * cases, from 18%), 0-10% in another; figure tables about 0%. */
#define MIN_WORDS 8
#define MIN_STOP_SHARE 0.15
#define MAX_LISTS 32
/* Rule 3 for scripts: at least half the letters in the language's script. */
#define MIN_SCRIPT_SHARE 0.5
/* Rule 0: letters of a one-language script needed (two Han characters
 * are a word), and Kana per Han letter that make Han text Japanese
 * (Japanese prose is a third Kana or more; Chinese has none). */
#define MIN_OWN_SCRIPT 2
#define KANA_PER_HAN 0.1
/* Longest word looked up (bytes); longer words are no function words. */
#define WORD_MAX 32

enum script {
    S_LATIN_ETC, S_HAN, S_KANA, S_HANGUL, S_THAI, S_LAO, S_KHMER, S_MYANMAR,
    S_ARABIC, S_GREEK, S_ARMENIAN, S_TAMIL, S_DEVANAGARI, S_HEBREW,
    S_CYRILLIC, N_SCRIPTS
};
#define BIT(s) (1u << (s))
/* Scripts written without spaces between words (tokenize.c's bigrams). */
#define DENSE (BIT(S_HAN) | BIT(S_KANA) | BIT(S_HANGUL) | BIT(S_THAI) | \
               BIT(S_LAO) | BIT(S_KHMER) | BIT(S_MYANMAR))

static const struct { unsigned lo, hi; enum script s; } blocks[] = {
    {0x0370, 0x03FF, S_GREEK},    {0x0400, 0x052F, S_CYRILLIC},
    {0x0530, 0x058F, S_ARMENIAN}, {0x0590, 0x05FF, S_HEBREW},
    {0x0600, 0x06FF, S_ARABIC},   {0x0750, 0x077F, S_ARABIC},
    {0x0900, 0x097F, S_DEVANAGARI}, {0x0B80, 0x0BFF, S_TAMIL},
    {0x0E00, 0x0E7F, S_THAI},     {0x0E80, 0x0EFF, S_LAO},
    {0x1000, 0x109F, S_MYANMAR},  {0x1100, 0x11FF, S_HANGUL},
    {0x1780, 0x17FF, S_KHMER},    {0x1F00, 0x1FFF, S_GREEK},
    {0x3040, 0x30FF, S_KANA},     {0x3130, 0x318F, S_HANGUL},
    {0x31F0, 0x31FF, S_KANA},     {0x3400, 0x4DBF, S_HAN},
    {0x4E00, 0x9FFF, S_HAN},      {0xAC00, 0xD7AF, S_HANGUL},
    {0xF900, 0xFAFF, S_HAN},      {0xFB50, 0xFDFF, S_ARABIC},
    {0xFE70, 0xFEFF, S_ARABIC},   {0xFF66, 0xFF9F, S_KANA},
    {0x20000, 0x3FFFF, S_HAN},
};

/* Languages confirmed by their script, where no function words are at
 * hand or words are not separated.  A language not here and without
 * function words (detect_words.h) cannot be confirmed. */
static const struct { const char *code; unsigned scripts; } by_script[] = {
    {"zh", BIT(S_HAN)},   {"ja", BIT(S_HAN) | BIT(S_KANA)},
    {"ko", BIT(S_HANGUL) | BIT(S_HAN)},   {"th", BIT(S_THAI)},
    {"lo", BIT(S_LAO)},   {"km", BIT(S_KHMER)},  {"my", BIT(S_MYANMAR)},
    {"ar", BIT(S_ARABIC)}, {"el", BIT(S_GREEK)}, {"hy", BIT(S_ARMENIAN)},
    {"ta", BIT(S_TAMIL)}, {"hi", BIT(S_DEVANAGARI)},
    {"yi", BIT(S_HEBREW)}, {"sr", BIT(S_CYRILLIC)},
};
#define N_BY_SCRIPT (sizeof by_script / sizeof by_script[0])

struct detector {
    void *textcat;
    candidate_t *candidates;
    size_t window;
    char *buf;              /* the window, NUL-terminated for textcat */
    char explain[256];
};

/* What a pass over the window counted. */
struct counts {
    size_t letters[N_SCRIPTS];
    size_t all_letters;
    size_t weighted;        /* rule 1's letters */
    size_t words;           /* words outside the dense scripts */
    size_t stop[MAX_LISTS]; /* function words, by detect_words list */
    size_t own[MAX_LISTS];  /* those not also the fallback's */
    uint32_t fallback_bit;  /* the fallback's list, or 0 */
};

static enum script script_of(utf8proc_int32_t cp)
{
    if (cp < 0x0370)
        return S_LATIN_ETC;
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if ((unsigned)cp >= blocks[i].lo && (unsigned)cp <= blocks[i].hi)
            return blocks[i].s;
    return S_LATIN_ETC;
}

static int is_letter(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
        return 1;
    default:
        return 0;
    }
}

static void count_word(struct counts *c, const char *word, size_t len)
{
    c->words++;
    uint32_t langs = len <= WORD_MAX ? detect_word_langs(word, len) : 0;
    int theirs = (langs & c->fallback_bit) == 0;
    for (int i = 0; langs; i++, langs >>= 1) {
        c->stop[i] += langs & 1;
        c->own[i] += (langs & 1) && theirs;
    }
}

/* Letters by script, words, and the function words of every list.  A
 * word is a run of two or more letters outside the dense scripts,
 * lower-cased.  Apostrophes end it ("l'homme" is "l" and "homme", as the
 * stop lists have them); invalid bytes too.  A run that touches a digit
 * ("6700L", "APR7") is a code of a table, and a single letter ("a", "e",
 * "i", "o", "y", "L" in "6720H 6570 L") is a function word in half the
 * lists: neither is a word, so a figure table has almost none. */
static void count(const char *s, size_t n, int fb, struct counts *c)
{
    char word[WORD_MAX + 4];
    size_t wl = 0, wletters = 0;
    int digit = 0;          /* the current run touches a digit */

    memset(c, 0, sizeof *c);
    c->fallback_bit = fb >= 0 ? (uint32_t)1 << fb : 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            k = 1;
            cp = -1;
        }
        i += (size_t)k;
        if (cp >= 0 && is_letter(cp)) {
            enum script sc = script_of(cp);
            c->letters[sc]++;
            c->all_letters++;
            if (BIT(sc) & DENSE) {
                c->weighted += DENSE_WEIGHT;
            } else {
                c->weighted++;
                utf8proc_uint8_t enc[4];
                utf8proc_ssize_t el = utf8proc_encode_char(utf8proc_tolower(cp), enc);
                if (wl + (size_t)el <= WORD_MAX)
                    memcpy(word + wl, enc, (size_t)el);
                wl += (size_t)el;   /* past WORD_MAX: a word, never matched */
                wletters++;
                continue;
            }
        }
        int is_digit = cp >= '0' && cp <= '9';
        if (wl && wletters > 1 && !digit && !is_digit)
            count_word(c, word, wl);
        wl = wletters = 0;
        digit = is_digit;
    }
    if (wl && wletters > 1 && !digit)
        count_word(c, word, wl);
}

static int answerable(const char *code)
{
    if (lang_stemmer(code))
        return 1;
    for (size_t i = 0; i < N_BY_SCRIPT; i++)
        if (strcmp(by_script[i].code, code) == 0 &&
            (by_script[i].scripts & DENSE))
            return 1;
    return 0;
}

gz_status detector_new(detector **out)
{
    if (!out)
        return gz_error_set(GZ_EINVAL, "detector_new: no place for the detector");
    *out = NULL;
    detector *d = calloc(1, sizeof *d);
    if (!d)
        return gz_error_set(GZ_EOOM, "out of memory making a language detector");
    d->window = DETECT_WINDOW;
    d->textcat = special_textcat_Init(GZ_TEXTCAT_DATA "fpdb.conf", GZ_TEXTCAT_DATA);
    if (!d->textcat) {
        free(d);
        return gz_error_set(GZ_EIO, "cannot read libexttextcat's language models "
                            "in %s (is libexttextcat-data installed?)",
                            GZ_TEXTCAT_DATA);
    }
    /* Models and text are both UTF-8: n-grams of characters, not bytes. */
    textcat_SetProperty(d->textcat, TCPROP_UTF8AWARE, TC_TRUE);
    d->candidates = textcat_GetClassifyFullOutput(d->textcat);
    d->buf = malloc(d->window + 1);
    if (!d->candidates || !d->buf) {
        detector_free(d);
        return gz_error_set(GZ_EOOM, "out of memory making a language detector");
    }
    *out = d;
    return GZ_OK;
}

void detector_free(detector *d)
{
    if (!d)
        return;
    if (d->candidates)
        textcat_ReleaseClassifyFullOutput(d->textcat, d->candidates);
    textcat_Done(d->textcat);
    free(d->buf);
    free(d);
}

void detector_set_window(detector *d, size_t bytes)
{
    if (!d)
        return;
    size_t w = bytes ? bytes : DETECT_WINDOW;
    char *b = realloc(d->buf, w + 1);
    if (b) {                    /* out of memory: keep the old window */
        d->buf = b;
        d->window = w;
    }
}

const char *detector_explain(const detector *d)
{
    return d ? d->explain : "";
}

/* The first WINDOW bytes of TEXT, cut back to a character boundary. */
static size_t window_of(const char *text, size_t len, size_t window)
{
    if (len <= window)
        return len;
    size_t n = window;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Rule 3's share of CODE in the text counted in C, or -1 when nothing
 * can confirm CODE.  For a language with function words, the share of
 * the words that are its function words and not the fallback's (English
 * "no" and "a" say nothing for Catalan), and 0 unless it has more
 * function words than the fallback; otherwise the share of letters in
 * its script.  FB is the fallback's list, or -1. */
static double share(const struct counts *c, const char *code, int fb)
{
    int li = detect_words_index(code);
    if (li >= 0) {
        if (c->words < MIN_WORDS || (fb >= 0 && c->stop[li] <= c->stop[fb]))
            return 0;
        return (double)c->own[li] / (double)c->words;
    }
    for (size_t i = 0; i < N_BY_SCRIPT; i++) {
        if (strcmp(by_script[i].code, code) != 0)
            continue;
        size_t in = 0;
        for (int sc = 0; sc < N_SCRIPTS; sc++)
            if (by_script[i].scripts & BIT(sc))
                in += c->letters[sc];
        return c->all_letters ? (double)in / (double)c->all_letters : 0;
    }
    return -1;
}

/* Rule 0: the language of a script only it is written in that holds
 * most of C's letters, or NULL. */
static const char *own_script(const struct counts *c)
{
    static const struct { enum script s; const char *code; } one[] = {
        {S_HANGUL, "ko"}, {S_THAI, "th"}, {S_LAO, "lo"}, {S_KHMER, "km"},
        {S_MYANMAR, "my"},
    };
    size_t han = c->letters[S_HAN], kana = c->letters[S_KANA];
    double all = (double)c->all_letters;
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        if (c->letters[one[i].s] >= MIN_OWN_SCRIPT &&
            c->letters[one[i].s] >= MIN_SCRIPT_SHARE * all)
            return one[i].code;
    if (han + kana < MIN_OWN_SCRIPT || han + kana < MIN_SCRIPT_SHARE * all)
        return NULL;
    return kana && kana >= KANA_PER_HAN * han ? "ja" : "zh";
}

static int passes(const char *code, double sh)
{
    return sh >= (detect_words_index(code) >= 0 ? MIN_STOP_SHARE : MIN_SCRIPT_SHARE);
}

/* 1 when some language other than the fallback could pass rule 3: only
 * then can libexttextcat change the answer. */
static int any_could_pass(const struct counts *c, const char *fallback, int fb)
{
    for (int i = 0; i < detect_words_lists(); i++) {
        const char *code = detect_words_code(i);
        if (i != fb && !(fallback && strcmp(code, fallback) == 0) &&
            passes(code, share(c, code, fb)))
            return 1;
    }
    for (size_t i = 0; i < N_BY_SCRIPT; i++) {
        const char *code = by_script[i].code;
        if (!(fallback && strcmp(code, fallback) == 0) &&
            detect_words_index(code) < 0 && passes(code, share(c, code, fb)))
            return 1;
    }
    return 0;
}

/* Rules 2 and 3 over libexttextcat's K candidates: 1 with the answer in
 * X, 0 for the fallback.  Writes the candidates and shares to WHY. */
static int choose(detector *d, int k, const struct counts *c,
                  const char *fallback, int fb, char x[LANG_MAX],
                  char *why, size_t size)
{
    size_t used = 0;
    double best = -1;

    why[0] = '\0';
    for (int i = 0; i < k; i++) {
        char code[LANG_MAX];
        const char *name = d->candidates[i].name;
        int w = snprintf(why + used, size - used, "[%s]", name);
        if (w > 0 && (size_t)w < size - used)
            used += (size_t)w;
        if (lang_code(name, strlen(name), code) && fallback &&
            strcmp(code, fallback) == 0)
            return 0;
    }
    for (int i = 0; i < k; i++) {
        char code[LANG_MAX];
        const char *name = d->candidates[i].name;
        if (!lang_code(name, strlen(name), code) || !answerable(code))
            continue;
        double sh = share(c, code, fb);
        int w = snprintf(why + used, size - used, " %s %.2f", code, sh);
        if (w > 0 && (size_t)w < size - used)
            used += (size_t)w;
        if (sh > best && passes(code, sh)) {
            best = sh;
            memcpy(x, code, LANG_MAX);
        }
    }
    return best >= 0;
}

gz_status detect_lang(detector *d, const char *text, size_t len,
                      const char *fallback, char out[LANG_MAX])
{
    if (!d || !out || (!text && len))
        return gz_error_set(GZ_EINVAL, "detect_lang: no detector, text or output");
    if (fallback && !*fallback)
        fallback = NULL;
    out[0] = '\0';
    if (fallback)
        snprintf(out, LANG_MAX, "%s", fallback);

    size_t n = window_of(text, len, d->window);
    struct counts c;
    int fb = fallback ? detect_words_index(fallback) : -1;
    count(text, n, fb, &c);
    const char *own = own_script(&c);
    if (own) {
        snprintf(d->explain, sizeof d->explain, "letters %zu: script of %s",
                 c.weighted, own);
        snprintf(out, LANG_MAX, "%s", own);
        return GZ_OK;
    }
    if (c.weighted < MIN_LETTERS) {
        snprintf(d->explain, sizeof d->explain, "letters %zu: too few", c.weighted);
        return GZ_OK;
    }
    if (!any_could_pass(&c, fallback, fb)) {
        snprintf(d->explain, sizeof d->explain,
                 "letters %zu words %zu: no other language could be confirmed",
                 c.weighted, c.words);
        return GZ_OK;
    }

    /* libexttextcat reads up to a NUL, past the size it is given when the
     * text goes on in spaces; it gets its own copy of the window. */
    if (n)
        memcpy(d->buf, text, n);
    d->buf[n] = '\0';
    int k = textcat_ClassifyFull(d->textcat, d->buf, n, d->candidates);
    if (k <= 0) {
        snprintf(d->explain, sizeof d->explain, "letters %zu %s: fallback",
                 c.weighted, k == TEXTCAT_RESULT_SHORT ? "SHORT" : "UNKNOWN");
        return GZ_OK;
    }
    char x[LANG_MAX], why[160];
    int ok = choose(d, k, &c, fallback, fb, x, why, sizeof why);
    snprintf(d->explain, sizeof d->explain, "letters %zu words %zu %s: %s",
             c.weighted, c.words, why, ok ? x : "fallback");
    if (ok)
        memcpy(out, x, LANG_MAX);
    return GZ_OK;
}
