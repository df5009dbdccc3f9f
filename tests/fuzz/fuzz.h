/* fuzz.h - what every fuzz target in tests/fuzz/ shares.
 *
 * A target defines LLVMFuzzerTestOneInput() and nothing else that a
 * driver needs: libFuzzer (clang, build-fuzz/) calls it with mutated
 * inputs, tests/fuzz/replay_main.c (any compiler, build/) with the files
 * of the seed and regression corpora.  A target checks the contract its
 * module's header promises and stops the process with FUZZ_CHECK() when
 * it is broken, so a broken promise is found like a crash: libFuzzer
 * saves the input, the replay driver fails.  Targets must be cheap per
 * input and keep no state between inputs but caches (a stemmer). */
#ifndef GZ_FUZZ_H
#define GZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() rather than assert(): the check must hold in every build,
 * NDEBUG or not, and abort() is what libFuzzer reports as a crash. */
#define FUZZ_CHECK(cond)                                                    \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__,        \
                    __LINE__, #cond);                                       \
            abort();                                                        \
        }                                                                   \
    } while (0)

/* 1 when S (N bytes) is valid UTF-8 (no surrogates, nothing above
 * U+10FFFF, shortest forms only) and holds no NUL.  Independent of the
 * validators in common/, so it can check them. */
static inline int fuzz_utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        unsigned c = p[i], cp, len, k;
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            len = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, cp = c & 0x07;
        else
            return 0;
        if (n - i < len)
            return 0;
        for (k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return 0;
        i += len;
    }
    return 1;
}

#endif
