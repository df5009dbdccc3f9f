/* detect.c - an undeclared article's language (detect.h).
 *
 * The rules, in order (doc/DECISIONS.md "Languages (issue 22)"):
 *  1. Too few letters to tell: the fallback.  Letters, not bytes: a Han
 *     character is three bytes and about a word, so letters of scripts
 *     without spaces weigh DENSE_WEIGHT.
 *  2. libexttextcat's candidates: UNKNOWN, SHORT, or the fallback among
 *     them: the fallback.  Otherwise the best candidate Gazette can index
 *     in its own language (detect.h).
 *  3. That candidate confirmed by its function words (its share of the
 *     text's words at least MIN_STOP_SHARE and above the fallback's), or
 *     for a script of its own by the share of its letters in that script;
 *     unconfirmed, or with nothing to confirm it by: the fallback.  This
 *     is what keeps a figure table ("Shr 27 cts vs 14 cts Net ...", which
 *     libexttextcat calls Catalan or German) in the index's language.
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

/* Rule 1: weighted letters below this are too few (see BENCHMARKS.md:
 * 60 is about ten words of prose or twenty Han characters). */
#define MIN_LETTERS 60
#define DENSE_WEIGHT 3
/* Rule 3: words needed to judge a share of function words, and the
 * share.  News prose has 30-50% in its own language, 0-15% in another;
 * figure tables about 0%. */
#define MIN_WORDS 8
#define MIN_STOP_SHARE 0.20
/* Rule 3 for scripts: at least half the letters in the language's script. */
#define MIN_SCRIPT_SHARE 0.5
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
    size_t weighted;        /* rule 1's letters */
    size_t words;           /* words outside the dense scripts */
    size_t stop_x, stop_fallback;
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

static void count_word(struct counts *c, const char *word, size_t len,
                       const char *x, const char *fallback)
{
    c->words++;
    if (len == 0 || len > WORD_MAX)
        return;
    if (x && detect_word_is(x, word, len))
        c->stop_x++;
    if (fallback && detect_word_is(fallback, word, len))
        c->stop_fallback++;
}

/* Letters by script and, when X or FALLBACK is given, the words and how
 * many of them are function words of each.  A word is a run of letters
 * outside the dense scripts, lower-cased; apostrophes end it ("l'homme"
 * is "l" and "homme", as the stop lists have them). */
static void count(const char *s, size_t n, const char *x,
                  const char *fallback, struct counts *c)
{
    char word[WORD_MAX + 4];
    size_t wl = 0;
    int in_word = 0;

    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {           /* an invalid byte: a separator */
            k = 1;
            cp = -1;
        }
        i += (size_t)k;
        enum script sc = cp >= 0 ? script_of(cp) : S_LATIN_ETC;
        int letter = cp >= 0 && is_letter(cp);
        if (letter) {
            c->letters[sc]++;
            c->weighted += (BIT(sc) & DENSE) ? DENSE_WEIGHT : 1;
        }
        if (letter && !(BIT(sc) & DENSE)) {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t el = utf8proc_encode_char(utf8proc_tolower(cp), enc);
            if (wl + (size_t)el <= WORD_MAX) {
                memcpy(word + wl, enc, (size_t)el);
            }
            wl += (size_t)el;   /* past WORD_MAX: counted, never matched */
            in_word = 1;
            continue;
        }
        if (in_word && (x || fallback))
            count_word(c, word, wl > WORD_MAX ? 0 : wl, x, fallback);
        else if (in_word)
            c->words++;
        in_word = 0;
        wl = 0;
    }
    if (in_word)
        count_word(c, word, wl > WORD_MAX ? 0 : wl, x, fallback);
}

static size_t letters_total(const struct counts *c)
{
    size_t t = 0;
    for (int s = 0; s < N_SCRIPTS; s++)
        t += c->letters[s];
    return t;
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

/* Rule 2: 1 with the first candidate Gazette can index in X, 0 when
 * there is none or the fallback is a candidate.  RAW gets the candidates
 * as libexttextcat writes them ("[de][nl]"). */
static int pick(detector *d, int n, const char *fallback, char x[LANG_MAX],
                char *raw, size_t rawsize)
{
    size_t used = 0;
    int found = 0, has_fallback = 0;

    raw[0] = '\0';
    for (int i = 0; i < n; i++) {
        char code[LANG_MAX];
        const char *name = d->candidates[i].name;
        int w = snprintf(raw + used, rawsize - used, "[%s]", name);
        if (w > 0 && (size_t)w < rawsize - used)
            used += (size_t)w;
        if (!lang_code(name, strlen(name), code))
            continue;
        if (fallback && strcmp(code, fallback) == 0)
            has_fallback = 1;
        if (!found && answerable(code)) {
            memcpy(x, code, LANG_MAX);
            found = 1;
        }
    }
    return found && !has_fallback;
}

/* Rule 3 for X; writes the shares into EXPLAIN. */
static int confirmed(const char *s, size_t n, const char *x,
                     const char *fallback, char *explain, size_t size)
{
    struct counts c;
    const char *fb = fallback && detect_words_has(fallback) ? fallback : NULL;

    if (detect_words_has(x)) {
        count(s, n, x, fb, &c);
        double sx = c.words ? (double)c.stop_x / (double)c.words : 0;
        double sf = c.words ? (double)c.stop_fallback / (double)c.words : 0;
        snprintf(explain, size, " words %zu %s %.2f %s %.2f", c.words, x, sx,
                 fb ? fb : "-", sf);
        return c.words >= MIN_WORDS && sx >= MIN_STOP_SHARE && sx > sf;
    }
    for (size_t i = 0; i < N_BY_SCRIPT; i++) {
        if (strcmp(by_script[i].code, x) != 0)
            continue;
        count(s, n, NULL, NULL, &c);
        size_t in = 0, all = letters_total(&c);
        for (int sc = 0; sc < N_SCRIPTS; sc++)
            if (by_script[i].scripts & BIT(sc))
                in += c.letters[sc];
        double share = all ? (double)in / (double)all : 0;
        snprintf(explain, size, " script %.2f", share);
        return share >= MIN_SCRIPT_SHARE;
    }
    snprintf(explain, size, " nothing to confirm %s by", x);
    return 0;
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
    count(text, n, NULL, NULL, &c);
    if (c.weighted < MIN_LETTERS) {
        snprintf(d->explain, sizeof d->explain, "letters %zu: too few", c.weighted);
        return GZ_OK;
    }

    /* libexttextcat reads up to a NUL, past the size it is given when the
     * text goes on in spaces; it gets its own copy of the window. */
    if (n)
        memcpy(d->buf, text, n);
    d->buf[n] = '\0';
    int k = textcat_ClassifyFull(d->textcat, d->buf, n, d->candidates);
    char raw[96], x[LANG_MAX], why[128] = "";
    if (k <= 0) {
        snprintf(d->explain, sizeof d->explain, "letters %zu %s: fallback",
                 c.weighted, k == TEXTCAT_RESULT_SHORT ? "SHORT" : "UNKNOWN");
        return GZ_OK;
    }
    if (!pick(d, k, fallback, x, raw, sizeof raw)) {
        snprintf(d->explain, sizeof d->explain, "letters %zu %s: fallback",
                 c.weighted, raw);
        return GZ_OK;
    }
    int ok = confirmed(text, n, x, fallback, why, sizeof why);
    snprintf(d->explain, sizeof d->explain, "letters %zu %s%s: %s", c.weighted,
             raw, why, ok ? "confirmed" : "unconfirmed, fallback");
    if (ok)
        memcpy(out, x, LANG_MAX);
    return GZ_OK;
}
