/* hash.c - FNV-1a 64. */
#include "hash.h"

#define FNV64_PRIME 0x100000001b3ull

uint64_t hash64(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * FNV64_PRIME;
    return h;
}
