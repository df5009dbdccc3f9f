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
    CC_INVISIBLE,  /* soft hyphen, zero-width (non-)joiner, word joiner */
    CC_RUN         /* a letter of a script written without spaces (Han,
                      Kana, Hangul, Thai, Lao, Khmer, Myanmar): it makes
                      bigrams, never part of a word of other letters */
};

typedef struct uchar {
    enum char_class cls;
    utf8proc_int32_t cp;   /* -1 for an invalid byte or the end of text */
    size_t width;          /* bytes it takes in the input; 0 at the end */
} uchar;

/* Code points LO..HI; tables of them are sorted. */
typedef struct cp_range {
    utf8proc_int32_t lo, hi;
} cp_range;

/* A table and its length, as arguments. */
#define RANGES(t) t, sizeof t / sizeof t[0]

/* Whether CP is in one of the N sorted ranges of T. */
static bool in_ranges(const cp_range *t, size_t n, utf8proc_int32_t cp)
{
    for (size_t i = 0; i < n && t[i].lo <= cp; i++)
        if (cp <= t[i].hi)
            return true;
    return false;
}

/* ---- Folding per language (issue 22) ------------------------------------
 *
 * Accent folding drops every accent of a Latin letter, which is right for
 * English and for a query whose writer left them off, but some languages
 * count a marked letter as a letter of its own: Swedish "får" (sheep) is
 * not "far" (father), Spanish "año" is not "ano", Turkish "ılık" is not
 * "ilik".  An article known to be in such a language keeps those letters.
 * Each rule acts on the decomposed, case-folded code points, so a rule is
 * about lower-case letters only, and each leaves a word its own rules
 * give back unchanged (folding stays idempotent). */

typedef struct fold_map {       /* FROM becomes TO before case folding */
    utf8proc_int32_t from, to;
} fold_map;

typedef struct fold_keep {      /* MARK on BASE is kept */
    utf8proc_int32_t base, mark;
} fold_keep;

typedef struct fold_drop {      /* LO..HI dropped, after BASE only (0: any) */
    utf8proc_int32_t lo, hi, base;
} fold_drop;

typedef struct fold_rules {
    const char *langs;          /* the codes, each followed by a space */
    const fold_map *map;
    size_t nmap;
    const fold_keep *keep;
    size_t nkeep;
    const fold_drop *drop;
    size_t ndrop;
} fold_rules;

#define GRAVE 0x0300
#define ACUTE 0x0301
#define TILDE 0x0303
#define DIAERESIS 0x0308
#define RING 0x030A
#define DOUBLE_ACUTE 0x030B
#define CARON 0x030C

/* Turkish and Azeri: the capital of ı is I and the capital of i is İ, so
 * I folds to ı (İ already folds to i: its dot is dropped as an accent). */
static const fold_map dotless_i[] = { { 'I', 0x0131 } };
/* Swedish and Finnish: å ä ö are the last letters of the alphabet. */
static const fold_keep sv_fi[] = {
    { 'a', RING }, { 'a', DIAERESIS }, { 'o', DIAERESIS },
};
/* Estonian: õ ä ö ü are letters of their own, and š ž of its loanwords. */
static const fold_keep et[] = {
    { 'o', TILDE }, { 'a', DIAERESIS }, { 'o', DIAERESIS },
    { 'u', DIAERESIS }, { 's', CARON }, { 'z', CARON },
};
/* Norwegian and Danish: å (æ ø have no decomposition and are kept by
 * every language). */
static const fold_keep no_da[] = { { 'a', RING } };
/* Spanish: ñ. */
static const fold_keep es[] = { { 'n', TILDE } };
/* Hungarian: the vowels of Snowball's hungarian stemmer (its v is
 * "aeiouáéíóöőúüű"), whose suffix rules (nál, től, ből, ...) and final
 * á -> a, é -> e are written with them: folded, they would not stem. */
static const fold_keep hu[] = {
    { 'a', ACUTE }, { 'e', ACUTE }, { 'i', ACUTE }, { 'o', ACUTE },
    { 'o', DIAERESIS }, { 'o', DOUBLE_ACUTE }, { 'u', ACUTE },
    { 'u', DIAERESIS }, { 'u', DOUBLE_ACUTE },
};
/* Icelandic: á é í ó ú ý ö (æ ð þ have no decomposition). */
static const fold_keep is[] = {
    { 'a', ACUTE }, { 'e', ACUTE }, { 'i', ACUTE }, { 'o', ACUTE },
    { 'u', ACUTE }, { 'y', ACUTE }, { 'o', DIAERESIS },
};
/* Arabic: the short vowels and other harakat (U+064B..U+0652) and the
 * tatweel (U+0640, a stretch of the line) are mostly not written, and
 * hamza and madda over alef (أ إ آ) often not: all dropped, so a word
 * matches however fully it is written.  Hamza on waw and yeh (ؤ ئ) are
 * other letters and stay. */
static const fold_drop ar[] = {
    { 0x064B, 0x0652, 0 }, { 0x0640, 0x0640, 0 }, { 0x0653, 0x0655, 0x0627 },
};

static const fold_rules fold_table[] = {
    { "tr az ", RANGES(dotless_i), NULL, 0, NULL, 0 },
    { "sv fi ", NULL, 0, RANGES(sv_fi), NULL, 0 },
    { "et ", NULL, 0, RANGES(et), NULL, 0 },
    { "no da ", NULL, 0, RANGES(no_da), NULL, 0 },
    { "es ", NULL, 0, RANGES(es), NULL, 0 },
    { "hu ", NULL, 0, RANGES(hu), NULL, 0 },
    { "is ", NULL, 0, RANGES(is), NULL, 0 },
    { "ar ", NULL, 0, NULL, 0, RANGES(ar) },
};

/* The rules of LANG, or NULL for a language (or none) that folds as
 * tokenize.h says, German among them (ä -> a, ß -> ss, as it is written
 * without a keyboard for it). */
static const fold_rules *fold_rules_of(const char *lang)
{
    if (!lang || !lang[0])
        return NULL;
    size_t n = strlen(lang);
    for (size_t i = 0; i < sizeof fold_table / sizeof fold_table[0]; i++)
        for (const char *c = fold_table[i].langs; *c; c = strchr(c, ' ') + 1)
            if (strncmp(c, lang, n) == 0 && c[n] == ' ')
                return &fold_table[i];
    return NULL;
}

static bool rules_keep(const fold_rules *r, utf8proc_int32_t base,
                       utf8proc_int32_t mark)
{
    for (size_t i = 0; r && i < r->nkeep; i++)
        if (r->keep[i].base == base && r->keep[i].mark == mark)
            return true;
    return false;
}

static bool rules_drop(const fold_rules *r, utf8proc_int32_t base,
                       utf8proc_int32_t cp)
{
    for (size_t i = 0; r && i < r->ndrop; i++)
        if (r->drop[i].lo <= cp && cp <= r->drop[i].hi &&
            (!r->drop[i].base || r->drop[i].base == base))
            return true;
    return false;
}

/* utf8proc's custom mapping: the rules' fold_map, before decomposition. */
static utf8proc_int32_t rules_map(utf8proc_int32_t cp, void *data)
{
    const fold_rules *r = data;
    for (size_t i = 0; i < r->nmap; i++)
        if (r->map[i].from == cp)
            return r->map[i].to;
    return cp;
}

/* Whether the ASCII word of LEN bytes at ORIG needs the rules' mapping
 * (Turkish "I"), which the ASCII fast path would skip. */
static bool rules_map_ascii(const fold_rules *r, const char *orig, size_t len)
{
    for (size_t i = 0; r && i < r->nmap; i++)
        if (r->map[i].from < 0x80 && memchr(orig, r->map[i].from, len))
            return true;
    return false;
}

typedef struct scratch {
    char raw[RAW_MAX + 1];                 /* the word as copied, + NUL */
    char orig[RAW_MAX + 1];                /* the same before case folding */
    char surface[SURFACE_MAX + 1];         /* orig normalised, + NUL */
    utf8proc_int32_t cps[CPS_STACK + 1];   /* +1: reencode adds a NUL */
    utf8proc_int32_t *heap;
    size_t heap_cap;                       /* code points, excluding the +1 */
    const fold_rules *rules;               /* the language's, or NULL */
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

/* The letters of the scripts written without spaces between words, where
 * a run of them is cut into overlapping bigrams (tokenize.h). */
static const cp_range run_blocks[] = {
    { 0x0E00, 0x0EFF },     /* Thai, Lao */
    { 0x1000, 0x109F },     /* Myanmar */
    { 0x1100, 0x11FF },     /* Hangul Jamo */
    { 0x1780, 0x17FF },     /* Khmer */
    { 0x19E0, 0x19FF },     /* Khmer symbols */
    { 0x2E80, 0x2FDF },     /* CJK and Kangxi radicals */
    { 0x3005, 0x3006 },     /* 々 〆 (letters, Lm and Lo) */
    { 0x3031, 0x3035 },     /* vertical kana repeat marks */
    { 0x303B, 0x303C },     /* 〻 〼 */
    { 0x3040, 0x30FF },     /* Hiragana, Katakana (with ー) */
    { 0x3130, 0x318F },     /* Hangul compatibility jamo */
    { 0x31F0, 0x31FF },     /* Katakana phonetic extensions */
    { 0x3400, 0x4DBF },     /* CJK extension A */
    { 0x4E00, 0x9FFF },     /* CJK unified ideographs */
    { 0xA960, 0xA97F },     /* Hangul jamo extended A */
    { 0xA9E0, 0xA9FF },     /* Myanmar extended B */
    { 0xAA60, 0xAA7F },     /* Myanmar extended A */
    { 0xAC00, 0xD7FF },     /* Hangul syllables, jamo extended B */
    { 0xF900, 0xFAFF },     /* CJK compatibility ideographs */
    { 0xFF66, 0xFFDC },     /* halfwidth Katakana and Hangul */
    { 0x1B000, 0x1B16F },   /* Kana supplement, extended A, small kana */
    { 0x20000, 0x3134F },   /* CJK extensions B to G, compatibility sup. */
};

/* Whether CP, a letter, is one of run_blocks'.  Most text never gets past
 * the first comparison. */
static bool is_run_letter(utf8proc_int32_t cp)
{
    return cp >= 0x0E00 && in_ranges(RANGES(run_blocks), cp);
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
        return is_run_letter(cp) ? CC_RUN : CC_LETTER;
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
static const cp_range accented_blocks[] = {
    { 0x0041, 0x02AF }, { 0x0370, 0x03E1 }, { 0x03F0, 0x052F },
    { 0x1C80, 0x1C8F }, { 0x1D00, 0x1D2B }, { 0x1D6B, 0x1D9A },
    { 0x1E00, 0x1FFF }, { 0x2184, 0x2184 }, { 0x2C60, 0x2C7F },
    { 0xA640, 0xA69F },
    { 0xA722, 0xA787 }, { 0xA78B, 0xA7FF }, { 0xAB30, 0xAB6F },
    { 0x1DF00, 0x1DFFF },
};

static bool takes_accents(utf8proc_int32_t cp)
{
    return unicode_class(cp) == CC_LETTER &&
           in_ranges(RANGES(accented_blocks), cp);
}

/* Drop the nonspacing marks of decomposed CPS (N code points) that sit
 * on a letter of accented_blocks; returns the new count.  The breve of
 * Cyrillic й and ў stays: they are letters that are always written
 * (мой "my" is not мои "my, plural"). */
static utf8proc_ssize_t drop_accents(const fold_rules *rules,
                                     utf8proc_int32_t *cps,
                                     utf8proc_ssize_t n)
{
    utf8proc_int32_t base = 0;
    bool accented = false;
    utf8proc_ssize_t kept = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        utf8proc_int32_t cp = cps[i];
        if (rules && rules_drop(rules, base, cp))
            continue;
        if (unicode_class(cp) != CC_MARK) {
            base = cp;
            accented = takes_accents(cp);
        } else if (accented &&
                   utf8proc_category(cp) == UTF8PROC_CATEGORY_MN &&
                   !(cp == 0x0306 && (base == 0x0438 || base == 0x0443)) &&
                   !rules_keep(rules, base, cp)) {
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
    /* The language's mapping applies to the word, not to its surface. */
    const fold_rules *rules = options == NORMALISE_OPTIONS ? sc->rules : NULL;
    utf8proc_custom_func map = rules && rules->nmap ? rules_map : NULL;
    void *map_data = (void *)rules;
    utf8proc_ssize_t n = utf8proc_decompose_custom(
        (const utf8proc_uint8_t *)raw, (utf8proc_ssize_t)raw_len, buf,
        CPS_STACK, options, map, map_data);
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
        n = utf8proc_decompose_custom((const utf8proc_uint8_t *)raw,
                                      (utf8proc_ssize_t)raw_len, buf, n,
                                      options, map, map_data);
        if (n < 0)
            return 1;
    }
    /* utf8proc_decompose() leaves the code points decomposed (NFKD and
     * case-folded); the accents go before utf8proc_reencode() composes
     * what is left, so "é" and "e\u0301" both become "e". */
    if (options == NORMALISE_OPTIONS)
        n = drop_accents(rules, buf, n);
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
    bool mapped = rules_map_ascii(sc->rules, sc->orig, w->raw_len);
    if (!w->non_ascii && !mapped) {
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
    /* A mapping of ASCII letters (Turkish I) needs the capitals, which
     * raw has lower-cased already. */
    return normalise(sc, sc->rules && sc->rules->nmap ? sc->orig : sc->raw,
                     w->raw_len, NORMALISE_OPTIONS, norm, norm_len);
}

/* One character of a run (base letter and its marks): [start, end). */
typedef struct run_char {
    size_t start, end;
} run_char;

/* Give the characters A and B (B's start 0 and end 0: A alone) of the
 * run at S as one token at position POS.  Returns 0, the callback's
 * value, or -1 when out of memory. */
static int emit_run(scratch *sc, const unsigned char *s, run_char a,
                    run_char b, unsigned pos, int joined, token_fn fn,
                    void *ctx)
{
    word w = { 0, true, false };
    size_t bounds[2][2] = { { a.start, a.end }, { b.start, b.end } };
    for (int k = 0; k < 2; k++) {
        size_t n = bounds[k][1] - bounds[k][0];
        if (w.raw_len + n > RAW_MAX) {
            w.overflow = true;      /* a letter under hundreds of marks */
            break;
        }
        memcpy(sc->raw + w.raw_len, s + bounds[k][0], n);
        memcpy(sc->orig + w.raw_len, s + bounds[k][0], n);
        w.raw_len += n;
    }
    if (w.overflow)
        return 0;
    const char *norm, *surface;
    size_t norm_len, surface_len;
    int r = word_forms(sc, &w, &norm, &norm_len, &surface, &surface_len);
    if (r < 0)
        return -1;
    if (r > 0 || norm_len == 0 || norm_len > TOKEN_MAX_BYTES)
        return 0;
    token tok = { norm, norm_len, pos, a.start, b.end ? b.end : a.end,
                  surface, surface_len, joined };
    return fn(ctx, &tok);
}

/* The run of letters written without spaces at I (U, a CC_RUN letter):
 * its overlapping bigrams, or its one letter, at consecutive positions
 * from *POS.  Marks go with the letter before them; an invisible
 * character between two letters of the run is dropped, as inside a word.
 * Sets *I past the run.  Returns as emit_run(). */
static int tokenize_run(scratch *sc, const unsigned char *s, size_t len,
                        size_t *i, uchar u, unsigned *pos, token_fn fn,
                        void *ctx)
{
    run_char prev = { 0, 0 }, none = { 0, 0 };
    bool have_prev = false, joined = false;
    uchar next;
    for (;;) {
        /* Here u is a CC_RUN letter at *i. */
        run_char cur = { *i, 0 };
        *i += u.width;
        char_at(s, len, *i, &u);
        /* The halfwidth voicing marks are letters (Lm) to Unicode, but
         * NFKC makes them the combining marks they stand for.  The iota
         * subscript U+0345, the one mark that case-folds into a letter
         * (ι), is left to start a word of its own, or a bigram would
         * not tokenize to itself again. */
        while ((u.cls == CC_MARK && u.cp != 0x0345) ||
               u.cp == 0xFF9E || u.cp == 0xFF9F) {
            *i += u.width;
            char_at(s, len, *i, &u);
        }
        cur.end = *i;
        if (have_prev) {
            int rc = emit_run(sc, s, prev, cur, (*pos)++, joined, fn, ctx);
            if (rc != 0)
                return rc;
            joined = true;
        }
        prev = cur;
        have_prev = true;
        if (u.cls == CC_INVISIBLE) {
            char_at(s, len, *i + u.width, &next);
            if (next.cls == CC_RUN) {
                *i += u.width;
                u = next;
            }
        }
        if (u.cls != CC_RUN)
            break;
    }
    if (joined)
        return 0;
    return emit_run(sc, s, prev, none, (*pos)++, 0, fn, ctx);
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
    const unsigned char *s = (const unsigned char *)text;
    unsigned pos = start_pos;
    int rc = 0;
    size_t i = 0;
    scratch sc;
    uchar u, next, after;

    sc.heap = NULL;
    sc.heap_cap = 0;
    sc.rules = fold_rules_of(lang);
    if (!text)
        len = 0;

    while (i < len) {
        char_at(s, len, i, &u);
        if (u.cls == CC_RUN) {
            rc = tokenize_run(&sc, s, len, &i, u, &pos, fn, ctx);
            if (rc != 0)
                goto done;
            continue;
        }
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
            if (u.cls == CC_SEP || u.cls == CC_RUN)
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
        /* Empty: a word of what the language drops (an Arabic tatweel). */
        if (r > 0 || norm_len == 0 || norm_len > TOKEN_MAX_BYTES)
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
