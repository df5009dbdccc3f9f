/* utf8.c - check, repair, quote and clean UTF-8 text (the rules of utf8.h).
 *
 * The one place that decodes UTF-8 by hand: corpus reading, the library's
 * checks of its input and the programs' output all come here, so that
 * "valid" and "one U+FFFD per broken sequence" mean the same everywhere.
 * Must never allocate except in utf8_repair(), and never print. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* The length of the valid sequence at S (N > 0 bytes left), or minus the
 * length of its maximal invalid subpart, so that each broken sequence
 * becomes exactly one U+FFFD.  LO and HI bound the second byte: that is
 * where overlong forms, surrogates and code points past U+10FFFF show. */
static int sequence(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    unsigned lo = 0x80, hi = 0xBF;
    int len, i;

    if (c < 0x80)
        return c ? 1 : -1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c == 0xE0)
        len = 3, lo = 0xA0;        /* no overlong 3-byte forms */
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
        len = 3;
    else if (c == 0xED)
        len = 3, hi = 0x9F;        /* no UTF-16 surrogates */
    else if (c == 0xF0)
        len = 4, lo = 0x90;        /* no overlong 4-byte forms */
    else if (c >= 0xF1 && c <= 0xF3)
        len = 4;
    else if (c == 0xF4)
        len = 4, hi = 0x8F;        /* nothing above U+10FFFF */
    else
        return -1;                 /* C0, C1, F5-FF, a stray continuation */
    if (n < 2 || s[1] < lo || s[1] > hi)
        return -1;
    for (i = 2; i < len; i++)
        if ((size_t)i >= n || (s[i] & 0xC0) != 0x80)
            return -i;
    return len;
}

size_t utf8_first_bad(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;

    while (i < n) {
        /* Eight ASCII bytes, none NUL, at a time: most text is ASCII. */
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!(w & highs) && !((w - ones) & ~w & highs)) {
                i += 8;
                continue;
            }
        }
        int k = sequence(p + i, n - i);
        if (k < 0)
            return i;
        i += (size_t)k;
    }
    return UTF8_NOT_FOUND;
}

int utf8_valid(const char *s, size_t n)
{
    return utf8_first_bad(s, n) == UTF8_NOT_FOUND;
}

char *utf8_repair(const char *s, size_t n, size_t *out_len)
{
    const unsigned char *p = (const unsigned char *)s;
    char *out, *o;
    size_t i = 0;

    /* One replacement per input byte at worst. */
    if (n > (SIZE_MAX - 1) / UTF8_REPLACEMENT_LEN)
        return NULL;
    out = malloc(UTF8_REPLACEMENT_LEN * n + 1);
    if (!out)
        return NULL;
    o = out;
    while (i < n) {
        int k = sequence(p + i, n - i);
        if (k > 0) {
            memcpy(o, p + i, (size_t)k);
            o += k;
            i += (size_t)k;
        } else {
            memcpy(o, UTF8_REPLACEMENT, UTF8_REPLACEMENT_LEN);
            o += UTF8_REPLACEMENT_LEN;
            i += (size_t)-k;
        }
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

int utf8_quote_len(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return (int)n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return (int)max;
}

size_t utf8_control_len(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x20 || p[0] == 0x7F)
        return 1;
    if (p[0] == 0xC2 && n > 1 && p[1] >= 0x80 && p[1] <= 0x9F)
        return 2;
    return 0;
}

/* Append ESCAPE (LEN bytes) at OUT + AT unless OUT is NULL; the new AT. */
static size_t put(char *out, size_t at, const char *escape, size_t len)
{
    if (out)
        memcpy(out + at, escape, len);
    return at + len;
}

size_t utf8_escape(const char *s, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t at = 0, i = 0;
    while (i < n) {
        int k = sequence(p + i, n - i);
        size_t control = k > 0 ? utf8_control_len(s + i, n - i) : 0;
        if (k > 0 && !control) {
            at = p[i] == '\\' ? put(out, at, "\\\\", 2)
                              : put(out, at, s + i, (size_t)k);
            i += (size_t)k;
        } else if (control == 2) {
            char u[] = { '\\', 'u', '0', '0', hex[p[i + 1] >> 4],
                         hex[p[i + 1] & 15] };
            at = put(out, at, u, sizeof u);
            i += 2;
        } else {
            /* A C0 control or DEL (one byte), or each byte of an invalid
             * sequence. */
            size_t bad = k > 0 ? 1 : (size_t)-k;
            for (size_t j = 0; j < bad; j++, i++) {
                char x[] = { '\\', 'x', hex[p[i] >> 4], hex[p[i] & 15] };
                at = put(out, at, x, sizeof x);
            }
        }
    }
    if (out)
        out[at] = '\0';
    return at;
}
