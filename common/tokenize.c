/* tokenize.c - the one definition of a word: UTF-8 text to normalised
 * words, with positions and offsets into the original text.
 *
 * Must never read outside [text, text + len) whatever the bytes are, must
 * not allocate for ordinary words (the indexer calls it on every byte of
 * the corpus), and must never know about stems or Xapian.
 *
 * Offsets: a token's [start, end) covers exactly the input bytes that
 * produced the word, so "U.S." gives "U.S" (the final period, like any
 * sentence-final period, is not part of the word), "Beijing’s" gives
 * "Beijing", and "1,000" gives "1,000". */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tokenize.h"

/* NFKC with full case folding; STABLE so that a Unicode upgrade of utf8proc
 * cannot re-compose text already indexed differently. */
#define NORMALISE_OPTIONS \
    (UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STABLE)
/* The surface form: the same normalisation without the folding (neither
 * case nor accents). */
#define SURFACE_OPTIONS \
    (UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_STABLE)
/* A surface longer than this is not given (the word is then too long to
 * be a term in any case, or nearly). */
#define SURFACE_MAX (4 * TOKEN_MAX_BYTES)

/* No letter shrinks to less than a quarter of its UTF-8 length under
 * NFKC and case folding (the worst is a 4-byte letter such as U+1D400
 * becoming one ASCII byte; compositions shrink less), so a word whose
 * un-normalised bytes exceed this cannot fit in TOKEN_MAX_BYTES after
 * normalisation, unless it is mostly accents to fold away (tokenize.h
 * skips those too: only such text as "a" under a hundred accents).  It
 * bounds the copy of an arbitrarily long run. */
#define RAW_MAX (4 * TOKEN_MAX_BYTES)

/* Code points for normalising one non-ASCII word on the stack; words that
 * decompose into more (rare: U+FDFA alone is 18) use a heap buffer. */
#define CPS_STACK 512

enum char_class {
    CC_SEP,        /* anything that ends a word; also invalid bytes, NUL */
    CC_LETTER,     /* L* */
    CC_DIGIT,      /* N* */
    CC_MARK,       /* M* */
    CC_APOS,       /* ' U+0027, ’ U+2019, ʼ U+02BC */
    CC_PERIOD,     /* . */
    CC_COMMA,      /* , */
    CC_INVISIBLE   /* soft hyphen, zero-width (non-)joiner, word joiner */
};

typedef struct uchar {
    enum char_class cls;
    utf8proc_int32_t cp;   /* -1 for an invalid byte or the end of text */
    size_t width;          /* bytes it takes in the input; 0 at the end */
} uchar;

typedef struct scratch {
    char raw[RAW_MAX + 1];                 /* the word as copied, + NUL */
    char orig[RAW_MAX + 1];                /* the same before case folding */
    char surface[SURFACE_MAX + 1];         /* orig normalised, + NUL */
    utf8proc_int32_t cps[CPS_STACK + 1];   /* +1: reencode adds a NUL */
    utf8proc_int32_t *heap;
    size_t heap_cap;                       /* code points, excluding the +1 */
} scratch;

static inline bool is_word_class(enum char_class c)
{
    return c == CC_LETTER || c == CC_DIGIT || c == CC_MARK;
}

static inline enum char_class ascii_class(unsigned char c)
{
    if ((unsigned)((c | 0x20) - 'a') < 26u)
        return CC_LETTER;
    if ((unsigned)(c - '0') < 10u)
        return CC_DIGIT;
    switch (c) {
    case '\'': return CC_APOS;
    case '.':  return CC_PERIOD;
    case ',':  return CC_COMMA;
    default:   return CC_SEP;
    }
}

static enum char_class unicode_class(utf8proc_int32_t cp)
{
    /* U+02BC is a letter (Lm) to Unicode but an apostrophe to writers of
     * English, so it is tested before the category. */
    switch (cp) {
    case 0x2019: case 0x02BC:
        return CC_APOS;
    case 0x00AD: case 0x200C: case 0x200D: case 0x2060:
        return CC_INVISIBLE;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return CC_LETTER;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return CC_DIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return CC_MARK;
    default:
        return CC_SEP;
    }
}

/* Decode the character at I.  Past the end it is a separator of width 0;
 * an invalid byte is a separator of width 1, so the walk resynchronises on
 * the next byte. */
static inline void char_at(const unsigned char *s, size_t len, size_t i,
                           uchar *u)
{
    if (i >= len) {
        u->cls = CC_SEP;
        u->cp = -1;
        u->width = 0;
        return;
    }
    if (s[i] < 0x80) {
        u->cls = ascii_class(s[i]);
        u->cp = s[i];
        u->width = 1;
        return;
    }
    size_t avail = len - i < 4 ? len - i : 4;
    utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)avail,
                                          &u->cp);
    if (n <= 0) {
        u->cls = CC_SEP;
        u->cp = -1;
        u->width = 1;
        return;
    }
    u->cls = unicode_class(u->cp);
    u->width = (size_t)n;
}

/* The blocks of Latin, Greek and Cyrillic letters (Coptic, 0x03E2-0x03EF,
 * and the modifier letters left out), where a mark is an accent that
 * writers often leave off.  Elsewhere marks are vowels, tones or voicing
 * (Devanagari, Thai, Japanese), written or not by convention of the
 * language (Hebrew, Arabic points), so they are kept. */
static const struct { utf8proc_int32_t lo, hi; } accented_blocks[] = {
    { 0x0041, 0x02AF }, { 0x0370, 0x03E1 }, { 0x03F0, 0x052F },
    { 0x1C80, 0x1C8F }, { 0x1D00, 0x1D2B }, { 0x1D6B, 0x1D9A },
    { 0x1E00, 0x1FFF }, { 0x2184, 0x2184 }, { 0x2C60, 0x2C7F },
    { 0xA640, 0xA69F },
    { 0xA722, 0xA787 }, { 0xA78B, 0xA7FF }, { 0xAB30, 0xAB6F },
    { 0x1DF00, 0x1DFFF },
};

static bool takes_accents(utf8proc_int32_t cp)
{
    if (unicode_class(cp) != CC_LETTER)
        return false;
    size_t n = sizeof accented_blocks / sizeof accented_blocks[0];
    for (size_t i = 0; i < n && accented_blocks[i].lo <= cp; i++)
        if (cp <= accented_blocks[i].hi)
            return true;
    return false;
}

/* Drop the nonspacing marks of decomposed CPS (N code points) that sit
 * on a letter of accented_blocks; returns the new count.  The breve of
 * Cyrillic й and ў stays: they are letters that are always written
 * (мой "my" is not мои "my, plural"). */
static utf8proc_ssize_t drop_accents(utf8proc_int32_t *cps,
                                     utf8proc_ssize_t n)
{
    utf8proc_int32_t base = 0;
    bool accented = false;
    utf8proc_ssize_t kept = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_int32_t cp = cps[i];
        if (unicode_class(cp) != CC_MARK) {
            base = cp;
            accented = takes_accents(cp);
        } else if (accented &&
                   utf8proc_category(cp) == UTF8PROC_CATEGORY_MN &&
                   !(cp == 0x0306 && (base == 0x0438 || base == 0x0443))) {
            continue;
        }
        cps[kept++] = cp;
    }
    return kept;
}

/* Case-fold, NFKC-normalise and fold the accents of RAW into the scratch
 * buffers.  Returns 0 with *OUT set, 1 when the word cannot be normalised
 * (it is then skipped like an over-long word), -1 when out of memory. */
static int normalise(scratch *sc, const char *raw, size_t raw_len,
                     int options, const char **out, size_t *out_len)
{
    utf8proc_int32_t *buf = sc->cps;
    utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)raw,
                                            (utf8proc_ssize_t)raw_len,
                                            buf, CPS_STACK, options);
    if (n < 0)
        return 1;
    if (n > CPS_STACK) {
        if ((size_t)n > sc->heap_cap) {
            utf8proc_int32_t *p = realloc(sc->heap,
                                          ((size_t)n + 1) * sizeof *p);
            if (!p)
                return -1;
            sc->heap = p;
            sc->heap_cap = (size_t)n;
        }
        buf = sc->heap;
        n = utf8proc_decompose((const utf8proc_uint8_t *)raw,
                               (utf8proc_ssize_t)raw_len,
                               buf, n, options);
        if (n < 0)
            return 1;
    }
    /* utf8proc_decompose() leaves the code points decomposed (NFKD and
     * case-folded); the accents go before utf8proc_reencode() composes
     * what is left, so "é" and "e\u0301" both become "e". */
    if (options == NORMALISE_OPTIONS)
        n = drop_accents(buf, n);
    utf8proc_ssize_t m = utf8proc_reencode(buf, n, options);
    if (m < 0)
        return 1;
    *out = (const char *)buf;
    *out_len = (size_t)m;
    return 0;
}

typedef struct word {
    size_t raw_len;
    bool non_ascii;
    bool overflow;   /* more than RAW_MAX bytes: certainly too long */
} word;

/* Add C, which folding leaves alone, to the word. */
static inline void word_add_byte(scratch *sc, word *w, char c)
{
    if (w->raw_len >= RAW_MAX) {
        w->overflow = true;
        return;
    }
    sc->orig[w->raw_len] = c;
    sc->raw[w->raw_len++] = c;
}

static inline void word_add_char(scratch *sc, word *w,
                                 const unsigned char *p, const uchar *u)
{
    if (u->width == 1) {
        /* The ASCII fast path: folding ASCII is lower-casing, and NFKC
         * leaves it alone, so an all-ASCII word needs no utf8proc call. */
        char c = (char)p[0];
        word_add_byte(sc, w, c);
        if ((unsigned)(c - 'A') < 26u)
            sc->raw[w->raw_len - 1] = (char)(c + ('a' - 'A'));
        return;
    }
    w->non_ascii = true;
    if (w->raw_len + u->width > RAW_MAX) {
        w->overflow = true;
        return;
    }
    memcpy(sc->raw + w->raw_len, p, u->width);
    memcpy(sc->orig + w->raw_len, p, u->width);
    w->raw_len += u->width;
}

/* The word W and its surface form (NULL when longer than SURFACE_MAX),
 * as normalise() returns. */
static int word_forms(scratch *sc, const word *w, const char **norm,
                      size_t *norm_len, const char **surface,
                      size_t *surface_len)
{
    sc->orig[w->raw_len] = '\0';
    sc->raw[w->raw_len] = '\0';
    if (!w->non_ascii) {
        *norm = sc->raw;
        *surface = sc->orig;
        *norm_len = *surface_len = w->raw_len;
        return 0;
    }
    /* The surface first: normalise() reuses its buffers. */
    int r = normalise(sc, sc->orig, w->raw_len, SURFACE_OPTIONS, surface,
                      surface_len);
    if (r != 0)
        return r;
    if (*surface_len <= SURFACE_MAX) {
        memcpy(sc->surface, *surface, *surface_len + 1);
        *surface = sc->surface;
    } else {
        *surface = NULL;
        *surface_len = 0;
    }
    return normalise(sc, sc->raw, w->raw_len, NORMALISE_OPTIONS, norm,
                     norm_len);
}

static inline bool is_ascii_s(const uchar *u)
{
    return u->cp == 's' || u->cp == 'S';
}

int tokenize(const char *text, size_t len, unsigned start_pos,
             token_fn fn, void *ctx, unsigned *next_pos)
{
    return tokenize_in(text, len, NULL, start_pos, fn, ctx, next_pos);
}

int tokenize_in(const char *text, size_t len, const char *lang,
                unsigned start_pos, token_fn fn, void *ctx,
                unsigned *next_pos)
{
    (void)lang;     /* every language folds alike until issue 22's rules */
    const unsigned char *s = (const unsigned char *)text;
    unsigned pos = start_pos;
    int rc = 0;
    size_t i = 0;
    scratch sc;
    uchar u, next, after;

    sc.heap = NULL;
    sc.heap_cap = 0;
    if (!text)
        len = 0;

    while (i < len) {
        char_at(s, len, i, &u);
        if (!is_word_class(u.cls)) {
            i += u.width;
            continue;
        }

        word w = { 0, false, false };
        size_t start = i, end = i;
        enum char_class last_base = CC_SEP;   /* last letter or digit */
        /* The segment is the part since the word's start or its last
         * kept period: an acronym is made of one-letter segments. */
        unsigned seg_bases = 0;
        bool seg_letters_only = true;

        for (;;) {
            /* Here u is a word character at i. */
            word_add_char(&sc, &w, s + i, &u);
            if (u.cls != CC_MARK) {
                last_base = u.cls;
                seg_bases++;
                if (u.cls != CC_LETTER)
                    seg_letters_only = false;
            }
            i += u.width;
            end = i;

            char_at(s, len, i, &u);
            if (is_word_class(u.cls))
                continue;
            if (u.cls == CC_SEP)
                break;

            /* A joiner: it belongs to the word only if what follows does. */
            char_at(s, len, i + u.width, &next);
            if (u.cls == CC_APOS) {
                char_at(s, len, i + u.width + next.width, &after);
                if (is_ascii_s(&next) && !is_word_class(after.cls)) {
                    /* Possessive: drop "'s" without making "s" a word. */
                    i += u.width + next.width;
                    break;
                }
                if (last_base == CC_LETTER && next.cls == CC_LETTER) {
                    word_add_byte(&sc, &w, '\'');
                    i += u.width;
                    u = next;
                    continue;
                }
                break;
            }
            if (u.cls == CC_PERIOD) {
                bool keep = false;
                if (last_base == CC_DIGIT && next.cls == CC_DIGIT) {
                    keep = true;
                } else if (seg_bases == 1 && seg_letters_only
                           && next.cls == CC_LETTER) {
                    /* Only if the next segment is one letter too, so
                     * "a.Bc" stays two words. */
                    char_at(s, len, i + u.width + next.width, &after);
                    keep = after.cls != CC_LETTER && after.cls != CC_DIGIT;
                }
                if (!keep)
                    break;
                word_add_byte(&sc, &w, '.');
                seg_bases = 0;
                seg_letters_only = true;
                i += u.width;
                u = next;
                continue;
            }
            if (u.cls == CC_COMMA) {
                if (last_base == CC_DIGIT && next.cls == CC_DIGIT) {
                    i += u.width;
                    u = next;
                    continue;
                }
                break;
            }
            /* CC_INVISIBLE: dropped inside a word, so a soft-hyphenated
             * "co\u00ADoperate" is still "cooperate". */
            if (is_word_class(next.cls)) {
                i += u.width;
                u = next;
                continue;
            }
            break;
        }

        /* Every word takes a position, even one that is skipped, so a
         * phrase never matches across a word that was dropped. */
        unsigned this_pos = pos++;
        if (w.overflow)
            continue;

        const char *norm, *surface;
        size_t norm_len, surface_len;
        int r = word_forms(&sc, &w, &norm, &norm_len, &surface, &surface_len);
        if (r < 0) {
            rc = -1;
            goto done;
        }
        if (r > 0 || norm_len > TOKEN_MAX_BYTES)
            continue;

        token tok = { norm, norm_len, this_pos, start, end, surface,
                      surface_len, 0 };
        rc = fn(ctx, &tok);
        if (rc != 0)
            goto done;
    }

done:
    free(sc.heap);
    if (next_pos)
        *next_pos = pos;
    return rc;
}
