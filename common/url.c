/* url.c - the host name of a url, or of a site given by hand. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"
#include "url.h"
#include "utf8.h"

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* The length of "scheme://" at the start of S (RFC 3986: a letter, then
 * letters, digits, '+', '-', '.'), or 0. */
static size_t scheme_len(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0 || !is_alpha((unsigned char)s[0]))
        return 0;
    while (i < len && (is_alpha((unsigned char)s[i]) ||
                       is_digit((unsigned char)s[i]) || s[i] == '+' ||
                       s[i] == '-' || s[i] == '.'))
        i++;
    if (len - i < 3 || memcmp(s + i, "://", 3) != 0)
        return 0;
    return i + 3;
}

static int host_byte(unsigned char c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.' ||
           c >= 0x80;
}

/* The host of AUTH, the LEN bytes after "scheme://" (or a site written
 * by hand), lower-cased into OUT; 0 when there is none. */
static size_t authority_host(const char *auth, size_t len, char *out)
{
    size_t end = 0;
    while (end < len && auth[end] != '/' && auth[end] != '?' &&
           auth[end] != '#')
        end++;
    /* The user information ends at the last '@' of the authority. */
    const char *h = auth;
    for (size_t i = end; i > 0; i--)
        if (auth[i - 1] == '@') {
            h = auth + i;
            break;
        }
    size_t hlen = (size_t)(auth + end - h), n = 0;
    if (hlen > 0 && h[0] == '[') {              /* an IPv6 literal */
        const char *close = memchr(h, ']', hlen);
        if (!close)
            return 0;
        n = (size_t)(close - h) + 1;
        for (size_t i = 1; i + 1 < n; i++)
            if (!is_digit((unsigned char)h[i]) && !is_alpha((unsigned char)h[i]) &&
                h[i] != ':' && h[i] != '.')
                return 0;
        if (n < hlen && h[n] != ':')
            return 0;
    } else {
        while (n < hlen && host_byte((unsigned char)h[n]))
            n++;
        if (n < hlen && h[n] != ':')           /* "BBC News", "a,b" */
            return 0;
        while (n > 0 && h[n - 1] == '.')       /* the DNS root */
            n--;
        if (n == 0 || h[0] == '.')
            return 0;
        for (size_t i = 1; i < n; i++)
            if (h[i] == '.' && h[i - 1] == '.')  /* an empty label */
                return 0;
    }
    if (n == 0 || n > URL_HOST_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    out[n] = '\0';
    return n;
}

size_t url_host(const char *url, size_t len, char *out)
{
    size_t s = scheme_len(url, len);
    out[0] = '\0';
    return s ? authority_host(url + s, len - s, out) : 0;
}

size_t url_site(const char *site, size_t len, char *out)
{
    while (len > 0 && (*site == ' ' || *site == '\t')) {
        site++;
        len--;
    }
    while (len > 0 && (site[len - 1] == ' ' || site[len - 1] == '\t'))
        len--;
    size_t s = scheme_len(site, len);
    out[0] = '\0';
    return authority_host(site + s, len - s, out);
}

size_t url_article_site(const char *site, const char *url, char *out,
                        int *refused)
{
    size_t n = site[0] ? url_site(site, strlen(site), out) : 0;
    *refused = site[0] && n == 0;
    return n ? n : url_host(url, strlen(url), out);
}

size_t url_fit(const char *s, size_t n, size_t max, char *out)
{
    if (n <= max) {
        memcpy(out, s, n);
        out[n] = '\0';
        return n;
    }
    uint64_t h = hash64(HASH64_INIT, s, n);
    size_t keep = (size_t)utf8_quote_len(s, n, max - URL_FIT_HASH);
    memcpy(out, s, keep);
    snprintf(out + keep, URL_FIT_HASH + 1, "#%016llx", (unsigned long long)h);
    return keep + URL_FIT_HASH;
}

int url_host_is_ip(const char *host, size_t len)
{
    if (len > 0 && host[0] == '[')
        return 1;
    for (size_t i = 0; i < len; i++)
        if (!is_digit((unsigned char)host[i]) && host[i] != '.')
            return 0;
    return len > 0;
}
