/* signature.c - copy keys and MinHash sketches of article bodies. */
#include <string.h>

#include "signature.h"
#include "tokenize.h"

#define FNV64_OFFSET 14695981039346656037ull
#define FNV64_PRIME 1099511628211ull

static uint64_t fnv64(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV64_PRIME;
    }
    return h;
}

/* splitmix64's finaliser: one well-mixed hash per sketch position from
 * one shingle hash, instead of SIG_HASHES independent hash functions. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

static void add_shingle(signer *c, uint64_t h)
{
    for (unsigned i = 0; i < SIG_HASHES; i++) {
        uint32_t v = (uint32_t)(mix(h + 0x9e3779b97f4a7c15ull * (i + 1)) >> 32);
        if (v < c->min[i])
            c->min[i] = v;
    }
}

void signer_init(signer *s)
{
    memset(s, 0, sizeof *s);
    s->key = FNV64_OFFSET;
    memset(s->min, 0xff, sizeof s->min);
}

void signer_add(signer *c, const char *word, size_t len)
{
    if (c->words)
        c->key = fnv64(c->key, " ", 1);
    c->key = fnv64(c->key, word, len);
    c->recent[0] = c->recent[1];
    c->recent[1] = c->recent[2];
    c->recent[2] = fnv64(FNV64_OFFSET, word, len);
    c->words++;
    if (c->words >= 3)
        add_shingle(c, c->recent[0] * 31 * 31 + c->recent[1] * 31 +
                       c->recent[2]);
}

static int add_word(void *ctx, const token *tok)
{
    signer_add(ctx, tok->word, tok->len);
    return 0;
}

static void put_be(unsigned char *p, uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--) {
        p[i] = (unsigned char)(v & 0xff);
        v >>= 8;
    }
}

void signer_finish(signer *c, signature *out)
{
    /* One or two words make no 3-word shingle: sketch them whole. */
    if (c->words > 0 && c->words < 3)
        add_shingle(c, c->key);
    memset(out, 0, sizeof *out);
    out->words = c->words;
    if (!c->words)
        return;
    put_be(out->key, c->key, SIG_KEY_BYTES);
    for (unsigned i = 0; i < SIG_HASHES; i++)
        put_be(out->sketch + 4 * i, c->min[i], 4);
}

int signature_make(const char *text, size_t len, signature *out)
{
    signer c;
    signer_init(&c);
    if (tokenize(text, len, 1, add_word, &c, NULL) != 0)
        return -1;
    signer_finish(&c, out);
    return 0;
}

unsigned signature_overlap(const unsigned char *a, const unsigned char *b)
{
    unsigned same = 0;
    for (unsigned i = 0; i < SIG_HASHES; i++)
        same += memcmp(a + 4 * i, b + 4 * i, 4) == 0;
    return same;
}
