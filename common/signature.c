/* signature.c - copy keys and MinHash sketches of article bodies, and
 * the index that finds near sketches among many. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "signature.h"
#include "tokenize.h"

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
    s->key = HASH64_INIT;
    memset(s->min, 0xff, sizeof s->min);
}

void signer_add(signer *c, const char *word, size_t len)
{
    if (c->words)
        c->key = hash64(c->key, " ", 1);
    c->key = hash64(c->key, word, len);
    c->recent[0] = c->recent[1];
    c->recent[1] = c->recent[2];
    c->recent[2] = hash64(HASH64_INIT, word, len);
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

/* ---- The index of sketches ---------------------------------------------
 *
 * Two sketches sharing at least near_min of SIG_HASHES hashes differ in
 * at most D = SIG_HASHES - near_min positions, so of D + 1 disjoint
 * bands of positions at least one is equal in both (pigeonhole).  Each
 * band of each sketch added is filed in a hash table under its hashes; a
 * query compares only the sketches sharing one of its bands, in the
 * order added and only while earlier than the best found, so its answer
 * is that of comparing every sketch, and unrelated stories (sharing no
 * band of 3 or 4 hashes) cost nothing.  Merging a page's window by
 * comparing each hit with every story before it took 6 s for 24,000
 * Reuters hits (BENCHMARKS.md, "Deep paging"). */

#define NO_NODE UINT32_MAX

typedef struct band_slot {
    uint64_t key;           /* the band's number and hashes, hashed */
    uint32_t head, tail;    /* its first and last node; NO_NODE: empty */
} band_slot;

struct sig_index {
    unsigned near_min, bands;
    size_t count, most;
    const unsigned char **sketch;   /* [most], in the order added */
    size_t *value;                  /* [most] */
    /* Node S * bands + B is band B of sketch S; next[] chains the nodes
     * of one slot in the order added. */
    uint32_t *next;
    band_slot *slot;
    size_t mask;                    /* slots - 1, slots a power of two */
    size_t compared;                /* signature_overlap() calls so far */
};

sig_index *sig_index_new(size_t most, unsigned near_min)
{
    sig_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->near_min = near_min;
    ix->bands = near_min >= 1 && near_min <= SIG_HASHES
                    ? SIG_HASHES - near_min + 1 : 0;
    ix->most = most;
    size_t nodes = most * ix->bands, slots = 16;
    if (most > NO_NODE / (SIG_HASHES + 1))
        goto fail;
    while (slots < 2 * nodes)
        slots *= 2;
    ix->mask = slots - 1;
    ix->sketch = malloc((most + 1) * sizeof *ix->sketch);
    ix->value = malloc((most + 1) * sizeof *ix->value);
    ix->next = malloc((nodes + 1) * sizeof *ix->next);
    ix->slot = malloc(slots * sizeof *ix->slot);
    if (!ix->sketch || !ix->value || !ix->next || !ix->slot)
        goto fail;
    for (size_t i = 0; i < slots; i++)
        ix->slot[i].head = NO_NODE;
    return ix;
fail:
    sig_index_free(ix);
    return NULL;
}

size_t sig_index_compared(const sig_index *ix)
{
    return ix->compared;
}

void sig_index_free(sig_index *ix)
{
    if (!ix)
        return;
    free(ix->sketch);
    free(ix->value);
    free(ix->next);
    free(ix->slot);
    free(ix);
}

/* The key band B of SKETCH is filed under: its number and hashes. */
static uint64_t band_key(const sig_index *ix, const unsigned char *sketch,
                         unsigned b)
{
    unsigned char number = (unsigned char)b;
    size_t from = 4 * (b * SIG_HASHES / ix->bands);
    size_t to = 4 * ((b + 1) * SIG_HASHES / ix->bands);
    return hash64(hash64(HASH64_INIT, (const char *)&number, 1),
                 (const char *)sketch + from, to - from);
}

/* The slot filed under KEY, else the empty one where it would go (the
 * table is never more than half full). */
static band_slot *band_find(const sig_index *ix, uint64_t key)
{
    size_t i = mix(key) & ix->mask;
    while (ix->slot[i].head != NO_NODE && ix->slot[i].key != key)
        i = (i + 1) & ix->mask;
    return &ix->slot[i];
}

void sig_index_add(sig_index *ix, const unsigned char *sketch, size_t value)
{
    assert(ix->count < ix->most);
    size_t s = ix->count++;
    ix->sketch[s] = sketch;
    ix->value[s] = value;
    for (unsigned b = 0; b < ix->bands; b++) {
        uint32_t node = (uint32_t)(s * ix->bands + b);
        uint64_t key = band_key(ix, sketch, b);
        band_slot *slot = band_find(ix, key);
        ix->next[node] = NO_NODE;
        if (slot->head == NO_NODE) {
            slot->key = key;
            slot->head = node;
        } else
            ix->next[slot->tail] = node;
        slot->tail = node;
    }
}

int sig_index_first_near(sig_index *ix, const unsigned char *sketch,
                         size_t *value)
{
    /* Every sketch shares at least none. */
    size_t best = ix->near_min ? ix->count : 0;
    for (unsigned b = 0; b < ix->bands; b++) {
        const band_slot *slot = band_find(ix, band_key(ix, sketch, b));
        for (uint32_t node = slot->head; node != NO_NODE;
             node = ix->next[node]) {
            size_t s = node / ix->bands;
            if (s >= best)
                break;
            ix->compared++;
            if (signature_overlap(ix->sketch[s], sketch) >= ix->near_min) {
                best = s;
                break;
            }
        }
    }
    if (best >= ix->count)
        return 0;
    *value = ix->value[best];
    return 1;
}
