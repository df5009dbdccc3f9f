/* test_url.c - the host of a url, and of a site written by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "url.h"

static const char *host(const char *url)
{
    static char out[URL_HOST_MAX + 1];
    size_t n = url_host(url, strlen(url), out);
    assert_int_equal(n, strlen(out));
    return out;
}

static const char *site(const char *s)
{
    static char out[URL_HOST_MAX + 1];
    size_t n = url_site(s, strlen(s), out);
    assert_int_equal(n, strlen(out));
    return out;
}

static void test_host_of_a_url(void **state)
{
    (void)state;
    assert_string_equal(host("https://www.BBC.co.uk/news/uk-1"), "www.bbc.co.uk");
    assert_string_equal(host("http://example.com"), "example.com");
    assert_string_equal(host("http://example.com?q=1"), "example.com");
    assert_string_equal(host("http://example.com#top"), "example.com");
    assert_string_equal(host("HTTP://user:pw@Example.com:8080/a@b"), "example.com");
    assert_string_equal(host("https://example.com./x"), "example.com");
    assert_string_equal(host("http://192.0.2.1:80/"), "192.0.2.1");
    assert_string_equal(host("http://[2001:DB8::1]:443/x"), "[2001:db8::1]");
    assert_string_equal(host("https://b\xc3\xbc" "cher.de/x"), "b\xc3\xbc" "cher.de");
}

static void test_no_host(void **state)
{
    (void)state;
    assert_string_equal(host(""), "");
    assert_string_equal(host("www.bbc.co.uk/news"), "");   /* no scheme */
    assert_string_equal(host("mailto:a@b.org"), "");
    assert_string_equal(host("file:///etc/passwd"), "");
    assert_string_equal(host("http://"), "");
    assert_string_equal(host("http://user@:80/"), "");
    assert_string_equal(host("http://a..b/"), "");
    assert_string_equal(host("http://.a/"), "");
    assert_string_equal(host("http://bad host/"), "");
    assert_string_equal(host("http://[::1/"), "");
    assert_string_equal(host("1http://a.b/"), "");

    char longurl[400] = "http://";
    memset(longurl + 7, 'a', URL_HOST_MAX + 1);
    longurl[7 + URL_HOST_MAX + 1] = '\0';
    assert_string_equal(host(longurl), "");
    longurl[7 + URL_HOST_MAX] = '\0';
    assert_int_equal(strlen(host(longurl)), URL_HOST_MAX);
}

static void test_site_written_by_hand(void **state)
{
    (void)state;
    assert_string_equal(site("www.BBC.co.uk"), "www.bbc.co.uk");
    assert_string_equal(site("  bbc.co.uk:443/news "), "bbc.co.uk");
    assert_string_equal(site("https://www.Reuters.com/x"), "www.reuters.com");
    assert_string_equal(site("BBC News"), "");
    assert_string_equal(site(""), "");
}

static void test_ip_literals(void **state)
{
    (void)state;
    assert_true(url_host_is_ip("192.0.2.1", 9));
    assert_true(url_host_is_ip("[::1]", 5));
    assert_false(url_host_is_ip("bbc.co.uk", 9));
    assert_false(url_host_is_ip("1.example", 9));
}

/* A long address: its beginning, whole characters only, '#' and 16 hex
 * digits of a hash of all of it; the same every time, another for
 * another ending. */
static void test_fit_long_addresses(void **state)
{
    (void)state;
    char s[400], a[64], b[64];
    assert_int_equal(url_fit("https://x.org/a", 15, 40, a), 15);
    assert_string_equal(a, "https://x.org/a");
    memset(s, 'q', sizeof s);
    memcpy(s, "https://x.org/", 14);
    assert_int_equal(url_fit(s, 40, 40, a), 40);
    assert_memory_equal(a, s, 40);
    assert_int_equal(url_fit(s, sizeof s, 40, a), 40);
    assert_memory_equal(a, s, 40 - URL_FIT_HASH);
    assert_int_equal(a[40 - URL_FIT_HASH], '#');
    assert_int_equal(strspn(a + 41 - URL_FIT_HASH, "0123456789abcdef"), 16);
    assert_int_equal(url_fit(s, sizeof s, 40, b), 40);
    assert_string_equal(a, b);
    s[sizeof s - 1] = 'r';
    url_fit(s, sizeof s, 40, b);
    assert_string_not_equal(a, b);
    /* "é" is two bytes: the cut falls before one, never inside. */
    for (size_t i = 14; i + 1 < sizeof s; i += 2)
        memcpy(s + i, "\xc3\xa9", 2);
    size_t n = url_fit(s, sizeof s, 40, a);
    assert_int_equal(n, 39);
    assert_int_equal(a[22], '#');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host_of_a_url),
        cmocka_unit_test(test_no_host),
        cmocka_unit_test(test_site_written_by_hand),
        cmocka_unit_test(test_ip_literals),
        cmocka_unit_test(test_fit_long_addresses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
