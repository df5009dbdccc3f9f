/* signature.h - what makes two articles "the same story".
 *
 * Computed at index time from the body's words (tokenize.h's, so case,
 * punctuation, spacing and markup never count) and stored in two value
 * slots (schema.h):
 *  - the copy key: 64-bit FNV-1a of the word sequence.  Articles with the
 *    same words in the same order share it; Xapian collapses on it, so
 *    exact and reformatted copies are counted over the whole match set.
 *  - the MinHash sketch: SIG_HASHES minimum hashes of the body's 3-word
 *    shingles.  The share of equal positions in two sketches estimates
 *    the Jaccard overlap of their shingle sets; articles estimated to
 *    overlap by SIG_NEAR_MIN of SIG_HASHES or more are near-duplicates
 *    (the same wire story lightly edited), merged among the hits fetched
 *    for a page (see match_opts.sketch_slot).
 * A body without words gets neither, and is never collapsed.
 */
#ifndef GZ_SIGNATURE_H
#define GZ_SIGNATURE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SIG_HASHES 32
/* 24 of 32: an estimated three-quarters of the shingles shared. */
#define SIG_NEAR_MIN 24
#define SIG_KEY_BYTES 8
#define SIG_SKETCH_BYTES (SIG_HASHES * 4)

typedef struct signature {
    unsigned char key[SIG_KEY_BYTES];        /* big-endian copy key */
    unsigned char sketch[SIG_SKETCH_BYTES];  /* SIG_HASHES big-endian u32 */
    size_t words;                            /* 0: no signature */
} signature;

/* A signature built word by word, for a caller that tokenizes the body
 * anyway (schema.c): signer_init(), signer_add() with every word of the
 * body in order (tokenize.h's normalised words), signer_finish(). */
typedef struct signer {
    uint64_t key;               /* FNV-1a over every word, space-separated */
    uint64_t recent[3];         /* hashes of the last three words */
    uint32_t min[SIG_HASHES];
    size_t words;
} signer;
void signer_init(signer *s);
void signer_add(signer *s, const char *word, size_t len);
void signer_finish(signer *s, signature *out);

/* The signature of TEXT (LEN bytes of UTF-8) in one call.  Returns 0, or
 * -1 when out of memory (tokenize()'s only failure). */
int signature_make(const char *text, size_t len, signature *out);

/* How many of the SIG_HASHES positions two sketches (SIG_SKETCH_BYTES
 * each) share. */
unsigned signature_overlap(const unsigned char *a, const unsigned char *b);

/* An index of sketches that finds, among many, the first one added that
 * shares at least NEAR_MIN hashes with a given sketch, in time that does
 * not grow with the sketches added unless many are alike: the answer of
 * signature_overlap() against each in turn, exactly, without comparing
 * each.  A page's near-duplicate merge asks it once a candidate. */
typedef struct sig_index sig_index;

/* An index for at most MOST sketches.  Returns NULL when out of memory. */
sig_index *sig_index_new(size_t most, unsigned near_min);

/* Add SKETCH (SIG_SKETCH_BYTES, kept by pointer: it must stay valid and
 * unchanged until sig_index_free()) with the caller's VALUE, after the
 * sketches added before it.  At most MOST in all (an assertion). */
void sig_index_add(sig_index *ix, const unsigned char *sketch, size_t value);

/* Whether a sketch added shares at least near_min hashes with SKETCH;
 * if so the VALUE of the first such one added is put in *VALUE. */
int sig_index_first_near(sig_index *ix, const unsigned char *sketch,
                         size_t *value);

/* How many sketches sig_index_first_near() has compared SKETCH with, in
 * all: what its cost grows with (a test's measure, not a clock's). */
size_t sig_index_compared(const sig_index *ix);

void sig_index_free(sig_index *ix);

#ifdef __cplusplus
}
#endif

#endif
