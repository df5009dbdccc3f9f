/* fuzz_tokenize.c - libFuzzer target for common/tokenize.c and the stem
 * cache of common/stem.c.
 *
 * The input is the text, passed without a NUL after it.  Checks
 * tokenize.h's promises for every word: NUL-terminated valid UTF-8 of
 * 1..TOKEN_MAX_BYTES bytes, positions rising from START_POS, [start, end)
 * inside the input and in order; NEXT_POS past the last word; a walk
 * stopped by the callback returns its value, saw exactly a prefix of the
 * full walk and sets NEXT_POS after the word it stopped at.  Every word is
 * then stemmed by the cached stemmer and compared with libstemmer asked
 * directly (stem.h's rule: a word with a digit or a period comes back
 * unchanged), so a cache collision that hands out the wrong stem is caught.
 * The stemmer lives for the whole process: its cache fills up across
 * inputs, as it does in the indexer. */
#include <string.h>

#include <libstemmer.h>

#include "fuzz.h"
#include "stem.h"
#include "tokenize.h"

#define START_POS 7u
#define STOPPED 42

typedef struct seen {
    unsigned pos;
    size_t start, end;
} seen;

typedef struct walk {
    const char *text;
    size_t size;
    seen *toks;             /* room for size + 1 words: a word takes a byte */
    size_t n;
    size_t stop_at;         /* return STOPPED at this word (1-based); 0 never */
    stemmer *st;
    struct sb_stemmer *ref;
} walk;

static void check_stem(walk *w, const token *t)
{
    size_t n = 0, want_len = t->len;
    const char *stem = stemmer_stem(w->st, t->word, t->len, &n);
    const char *want = t->word;
    int keep = 0;

    FUZZ_CHECK(stem && strlen(stem) == n);
    for (size_t i = 0; i < t->len; i++)
        if (t->word[i] == '.' || (t->word[i] >= '0' && t->word[i] <= '9'))
            keep = 1;
    if (!keep) {
        const sb_symbol *r = sb_stemmer_stem(w->ref, (const sb_symbol *)t->word,
                                             (int)t->len);
        if (r) {
            want = (const char *)r;
            want_len = (size_t)sb_stemmer_length(w->ref);
        }
    }
    FUZZ_CHECK(n == want_len && memcmp(stem, want, n) == 0);
}

static int on_token(void *ctx, const token *t)
{
    walk *w = ctx;

    FUZZ_CHECK(t->word && t->len > 0 && t->len <= TOKEN_MAX_BYTES);
    FUZZ_CHECK(strlen(t->word) == t->len);
    FUZZ_CHECK(fuzz_utf8_ok(t->word, t->len));
    FUZZ_CHECK(t->start < t->end && t->end <= w->size);
    FUZZ_CHECK(t->pos >= START_POS);
    FUZZ_CHECK(w->n <= w->size);
    if (w->n > 0) {
        const seen *prev = &w->toks[w->n - 1];
        FUZZ_CHECK(t->pos > prev->pos);
        /* A bigram that continues a run (issue 22) shares its first
         * character with the one before; any other word starts after it. */
        FUZZ_CHECK(t->joined ? t->start > prev->start && t->end > prev->end
                             : t->start >= prev->end);
    }
    w->toks[w->n].pos = t->pos;
    w->toks[w->n].start = t->start;
    w->toks[w->n].end = t->end;
    w->n++;
    if (w->st)
        check_stem(w, t);
    return w->n == w->stop_at ? STOPPED : 0;
}

static stemmer *st;
static struct sb_stemmer *ref;

/* Freed at exit so that valgrind, replaying, sees no leak. */
static void free_stemmers(void)
{
    stemmer_free(st);
    sb_stemmer_delete(ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    walk full = { 0 }, part = { 0 };
    unsigned next = 0;
    int rc;

    if (!st) {
        FUZZ_CHECK(stemmer_new(STEM_DEFAULT_LANGUAGE, &st) == GZ_OK);
        ref = sb_stemmer_new(STEM_DEFAULT_LANGUAGE, "UTF_8");
        FUZZ_CHECK(ref);
        atexit(free_stemmers);
    }
    full.text = (const char *)data;
    full.size = size;
    full.toks = malloc((size + 1) * sizeof *full.toks);
    FUZZ_CHECK(full.toks);
    full.st = st;
    full.ref = ref;
    rc = tokenize(full.text, size, START_POS, on_token, &full, &next);
    FUZZ_CHECK(rc == 0);
    FUZZ_CHECK(next >= START_POS);
    FUZZ_CHECK(full.n == 0 || next > full.toks[full.n - 1].pos);

    if (full.n > 0) {
        part = full;
        part.toks = malloc((size + 1) * sizeof *part.toks);
        FUZZ_CHECK(part.toks);
        part.n = 0;
        part.stop_at = full.n / 2 + 1;
        part.st = NULL;     /* stemmed once is enough */
        rc = tokenize(part.text, size, START_POS, on_token, &part, &next);
        FUZZ_CHECK(rc == STOPPED && part.n == part.stop_at);
        for (size_t i = 0; i < part.n; i++)
            FUZZ_CHECK(part.toks[i].pos == full.toks[i].pos &&
                       part.toks[i].start == full.toks[i].start &&
                       part.toks[i].end == full.toks[i].end);
        FUZZ_CHECK(next == part.toks[part.n - 1].pos + 1);
        free(part.toks);
    }
    free(full.toks);
    return 0;
}
