/* stem.c - libstemmer (Snowball) behind a small per-stemmer cache.
 *
 * Must give the same stem for a word at index and at query time: the cache
 * only ever holds a copy of what libstemmer said, never a second opinion.
 * Knows nothing of Xapian; words arrive already tokenised (tokenize.c). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

#include <libstemmer.h>
#include <zlib.h>

#include "error.h"
#include "stem.h"

/* News repeats a small vocabulary endlessly: on 48 MB of news, 32,768
 * entries (2 MB) answer 97% of words (16,384 answer 94%, and are 20%
 * slower overall), and libstemmer costs many times a hit.
 * Two-way sets, so a hot word does not lose its place to one unlucky
 * collision; an entry is one 64-byte cache line holding the word and its
 * stem side by side, which is why only words of up to about 28 bytes fit
 * (longer ones are rare and go straight to libstemmer).
 * The cache starts at CACHE_SETS_MIN sets and, each time it has missed
 * CACHE_GROW times its entries, is emptied and made CACHE_GROW * CACHE_WAYS
 * times larger (128, 512, 2048, 8192, then CACHE_SETS sets): a query stems
 * a few hundred words, and every page of cache it touched was a page
 * fault, 10-30 us each on our machine (BENCHMARKS.md). */
#define CACHE_SETS 16384           /* power of two */
#define CACHE_SETS_MIN 128         /* power of two: 16 KB */
#define CACHE_GROW 2
#define CACHE_WAYS 2
#define CACHE_LINE 64
#define CACHE_TEXT (CACHE_LINE - 7)

/* Words up to this length are copied into the stemmer itself when they
 * come back unchanged, so that path cannot fail for any tokeniser word. */
#define PASSTHROUGH_MAX 255

typedef struct stem_cache_entry {
    uint32_t hash;
    uint8_t word_len;              /* 0: empty */
    uint8_t stem_len;
    uint8_t age;                   /* 0: used last in its set */
    char text[CACHE_TEXT];         /* word, then stem, then NUL */
} stem_cache_entry;

_Static_assert(sizeof(stem_cache_entry) == CACHE_LINE,
               "a cache entry is one cache line");
_Static_assert((CACHE_SETS & (CACHE_SETS - 1)) == 0 &&
               (CACHE_SETS_MIN & (CACHE_SETS_MIN - 1)) == 0 &&
               ((CACHE_GROW * CACHE_WAYS) & (CACHE_GROW * CACHE_WAYS - 1)) == 0,
               "set counts stay powers of two: a hash is masked, not divided");

struct stemmer {
    struct sb_stemmer *sb;
    char *language;
    stem_cache_entry (*cache)[CACHE_WAYS];   /* SETS sets */
    size_t sets;
    size_t misses;                 /* since the cache was made */
    char fingerprint[9];           /* "" until first asked for */
    char passthrough[PASSTHROUGH_MAX + 1];
    char *big;                     /* unchanged words longer than that */
    size_t big_cap;
};

/* Varied enough that any change in how English suffixes are stripped, or in
 * this file's own rule for numbers and acronyms, changes the crc. */
static const char *const fingerprint_words[] = {
    "running", "policies", "policy", "boycotts", "generously",
    "nationalization", "argued", "happiness", "relational", "conditional",
    "hopefully", "don't", "elections", "economic", "economy",
    "investigated", "olympics", "universities", "agreed", "skies",
    "dying", "fluently", "generalizations", "caresses", "ponies",
    "news", "was", "u.s", "1980s", "3.5", "café", "naïve", "knightly",
};

static gz_status unknown_language(const char *language)
{
    char known[768];
    size_t used = 0;
    known[0] = '\0';
    for (const char **l = sb_stemmer_list(); *l; l++) {
        int n = snprintf(known + used, sizeof known - used, "%s%s",
                         used ? ", " : "", *l);
        if (n < 0 || (size_t)n >= sizeof known - used)
            break;
        used += (size_t)n;
    }
    return gz_error_set(GZ_EINVAL,
                        "unknown stemming language \"%s\" (known: %s)",
                        language, known);
}

gz_status stemmer_new(const char *language, stemmer **out)
{
    stemmer *s = NULL;
    gz_status st;

    *out = NULL;
    if (!language)
        return gz_error_set(GZ_EINVAL, "no stemming language given");
    s = calloc(1, sizeof *s);
    if (!s) {
        st = gz_error_set(GZ_EOOM, "out of memory making a stemmer");
        goto fail;
    }
    s->language = strdup(language);
    if (!s->language) {
        st = gz_error_set(GZ_EOOM, "out of memory making a stemmer");
        goto fail;
    }
    s->sets = CACHE_SETS_MIN;
    s->cache = calloc(s->sets, sizeof *s->cache);
    if (!s->cache) {
        st = gz_error_set(GZ_EOOM, "out of memory making a stemmer");
        goto fail;
    }
    s->sb = sb_stemmer_new(language, "UTF_8");
    if (!s->sb) {
        /* libstemmer says NULL both for a name it does not know and for
         * out of memory; asking for a name it surely knows tells the two
         * apart. */
        const char **list = sb_stemmer_list();
        struct sb_stemmer *probe = list[0] ? sb_stemmer_new(list[0], "UTF_8")
                                           : NULL;
        if (probe || !list[0]) {
            sb_stemmer_delete(probe);
            st = unknown_language(language);
        } else {
            st = gz_error_set(GZ_EOOM, "out of memory making a stemmer");
        }
        goto fail;
    }
    *out = s;
    return GZ_OK;

fail:
    stemmer_free(s);
    return st;
}

void stemmer_free(stemmer *s)
{
    if (!s)
        return;
    sb_stemmer_delete(s->sb);
    free(s->language);
    free(s->big);
    free(s->cache);
    free(s);
}

const char *stemmer_language(const stemmer *s)
{
    return s->language;
}

/* Numbers, versions and acronyms ("1980", "3.5", "u.s") are names, not
 * inflected words: stemming them only risks collisions ("u.s" and "us"). */
static bool keep_unstemmed(const char *word, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (word[i] == '.' || (unsigned)(word[i] - '0') < 10u)
            return true;
    return false;
}

static uint32_t word_hash(const char *word, size_t len)
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)word[i];
        h *= 16777619u;
    }
    return h;
}

/* WORD unchanged, NUL-terminated in memory owned by S.  Only a word longer
 * than PASSTHROUGH_MAX (never one from the tokeniser) needs the heap; if
 * that fails it comes back cut to PASSTHROUGH_MAX bytes rather than not at
 * all, because stemmer_stem() has no way to fail. */
static const char *unchanged(stemmer *s, const char *word, size_t len,
                             size_t *stem_len)
{
    char *dst = s->passthrough;
    if (len > PASSTHROUGH_MAX) {
        if (len + 1 > s->big_cap) {
            char *p = realloc(s->big, len + 1);
            if (p) {
                s->big = p;
                s->big_cap = len + 1;
            }
        }
        if (len + 1 <= s->big_cap)
            dst = s->big;
        else
            len = PASSTHROUGH_MAX;
    }
    memcpy(dst, word, len);
    dst[len] = '\0';
    *stem_len = len;
    return dst;
}

/* Ask libstemmer.  Returns NULL when it cannot take the word (too long for
 * an int, or out of memory); the result is libstemmer's own buffer. */
static const char *sb_stem(stemmer *s, const char *word, size_t len,
                           size_t *stem_len)
{
    if (len > INT_MAX)
        return NULL;
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)word,
                                         (int)len);
    if (!r)
        return NULL;
    int n = sb_stemmer_length(s->sb);
    if (n < 0)
        return NULL;
    *stem_len = (size_t)n;
    return (const char *)r;
}

/* Replace S's cache by an empty one CACHE_GROW * CACHE_WAYS times larger
 * (at most CACHE_SETS sets); returns the set of hash H in the cache now in
 * use.  Without memory for it, the old cache stays, to grow later. */
static stem_cache_entry *grow_cache(stemmer *s, uint32_t h,
                                    stem_cache_entry *set)
{
    size_t sets = s->sets * CACHE_GROW * CACHE_WAYS;
    if (sets > CACHE_SETS)
        sets = CACHE_SETS;
    stem_cache_entry (*cache)[CACHE_WAYS] = calloc(sets, sizeof *cache);
    s->misses = 0;
    if (!cache)
        return set;
    free(s->cache);
    s->cache = cache;
    s->sets = sets;
    return s->cache[h & (sets - 1)];
}

const char *stemmer_stem(stemmer *s, const char *word, size_t len,
                         size_t *stem_len)
{
    const char *r;
    size_t n;

    if (len == 0 || len >= CACHE_TEXT) {
        if (len == 0 || keep_unstemmed(word, len))
            return unchanged(s, word, len, stem_len);
        r = sb_stem(s, word, len, stem_len);
        return r ? r : unchanged(s, word, len, stem_len);
    }

    uint32_t h = word_hash(word, len);
    stem_cache_entry *set = s->cache[h & (s->sets - 1)];
    for (int w = 0; w < CACHE_WAYS; w++) {
        stem_cache_entry *e = &set[w];
        if (e->hash == h && e->word_len == len
            && memcmp(e->text, word, len) == 0) {
            for (int o = 0; o < CACHE_WAYS; o++)
                if (set[o].age < e->age)
                    set[o].age++;
            e->age = 0;
            *stem_len = e->stem_len;
            return e->text + len;
        }
    }

    if (keep_unstemmed(word, len)) {
        r = word;
        n = len;
    } else {
        r = sb_stem(s, word, len, &n);
        if (!r)
            return unchanged(s, word, len, stem_len);
    }
    if (len + n + 1 > CACHE_TEXT) {
        /* Too long to share a line with its word: answered uncached. */
        if (r == word)
            return unchanged(s, word, len, stem_len);
        *stem_len = n;
        return r;
    }
    if (++s->misses > CACHE_GROW * CACHE_WAYS * s->sets && s->sets < CACHE_SETS)
        set = grow_cache(s, h, set);

    stem_cache_entry *victim = &set[0];
    for (int w = 1; w < CACHE_WAYS; w++)
        if (set[w].word_len == 0
            || (victim->word_len != 0 && set[w].age > victim->age))
            victim = &set[w];
    for (int o = 0; o < CACHE_WAYS; o++)
        if (set[o].age < CACHE_WAYS - 1)
            set[o].age++;
    victim->age = 0;
    victim->hash = h;
    victim->word_len = (uint8_t)len;
    victim->stem_len = (uint8_t)n;
    memcpy(victim->text, word, len);
    memcpy(victim->text + len, r, n);
    victim->text[len + n] = '\0';
    *stem_len = n;
    return victim->text + len;
}

const char *stemmer_fingerprint(stemmer *s)
{
    if (s->fingerprint[0])
        return s->fingerprint;
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t count = sizeof fingerprint_words / sizeof fingerprint_words[0];
    for (size_t i = 0; i < count; i++) {
        size_t n;
        const char *stem = stemmer_stem(s, fingerprint_words[i],
                                        strlen(fingerprint_words[i]), &n);
        if (i > 0)
            crc = crc32(crc, (const Bytef *)"\n", 1);
        crc = crc32(crc, (const Bytef *)stem, (uInt)n);
    }
    snprintf(s->fingerprint, sizeof s->fingerprint, "%08lx",
             (unsigned long)(crc & 0xffffffffUL));
    return s->fingerprint;
}

#ifndef GZ_LIBSTEMMER_VERSION
#define GZ_LIBSTEMMER_VERSION "unknown"
#endif

const char *stemmer_library_version(void)
{
    return GZ_LIBSTEMMER_VERSION[0] ? GZ_LIBSTEMMER_VERSION : "unknown";
}
