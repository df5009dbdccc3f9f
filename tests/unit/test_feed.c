/* test_feed.c - common/feed.h: the fields of an item, the charset and
 * entity rules, feed_sniff(), and hostile feeds (billion laughs, XXE,
 * HTML, truncation, binary, 100,000-deep nesting).  Inputs are copied
 * into buffers of exactly their length, so AddressSanitizer catches a
 * read past the end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "feed.h"
#include "utf8.h"

/* What the problem callback heard. */
typedef struct heard {
    int warnings, rejections;
    long line;
    char message[256];
} heard;

static void on_problem(void *ctx, long line, int rejected, const char *message)
{
    heard *h = ctx;
    if (rejected)
        h->rejections++;
    else
        h->warnings++;
    h->line = line;
    snprintf(h->message, sizeof h->message, "%s", message);
}

/* Open LEN bytes of S (an exact copy) into a reader. */
static feed_reader *open_feed(const char *s, size_t len, const char *charset,
                              heard *h, char **copy)
{
    feed_reader *f = NULL;
    *copy = malloc(len ? len : 1);
    assert_non_null(*copy);
    memcpy(*copy, s, len);
    memset(h, 0, sizeof *h);
    assert_int_equal(feed_open(*copy, len, charset, on_problem, h, &f), GZ_OK);
    assert_non_null(f);
    return f;
}

static void assert_valid_item(const feed_item *it)
{
    const char *fields[] = { it->id, it->title, it->link, it->author, it->date,
                             it->source, it->lang };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (fields[i])
            assert_true(utf8_valid(fields[i], strlen(fields[i])));
    assert_non_null(it->text);
    assert_int_equal(strlen(it->text), it->text_len);
    assert_true(utf8_valid(it->text, it->text_len));
}

static void test_rss_item_fields(void **state)
{
    (void)state;
    static const char rss[] =
        "<?xml version=\"1.0\"?>\n"
        "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "     xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
        "<channel><title>The Gazette</title><language>en-gb</language>\n"
        "<item>\n"
        "  <title>Budget &amp; taxes</title>\n"
        "  <link>https://example.org/a</link>\n"
        "  <guid isPermaLink=\"false\">urn:x:1</guid>\n"
        "  <author>jo@example.org (Jo Bloggs)</author>\n"
        "  <dc:date>2021-04-07</dc:date>\n"
        "  <pubDate>Tue, 06 Apr 2021 23:30:00 -0500</pubDate>\n"
        "  <description>short</description>\n"
        "  <content:encoded><![CDATA[<p>First <b>para</b>.</p><script>evil()</script><p>Second.</p>]]></content:encoded>\n"
        "</item>\n"
        "<item><link> https://example.org/b </link><description>&lt;p&gt;Only &lt;i&gt;this&lt;/i&gt;&lt;/p&gt;</description></item>\n"
        "</channel></rss>\n";
    heard h;
    char *copy;
    feed_item it;
    feed_reader *f = open_feed(rss, sizeof rss - 1, NULL, &h, &copy);

    assert_string_equal(feed_title(f), "The Gazette");
    assert_int_equal(feed_next(f, &it), 1);
    assert_valid_item(&it);
    assert_string_equal(it.id, "urn:x:1");
    assert_string_equal(it.title, "Budget & taxes");
    assert_string_equal(it.link, "https://example.org/a");
    assert_string_equal(it.author, "Jo Bloggs");
    assert_string_equal(it.date, "2021-04-06");    /* pubDate first, as written */
    assert_string_equal(it.text, "First para.\n\nSecond.");
    assert_string_equal(it.source, "The Gazette");
    assert_string_equal(it.lang, "en-gb");
    assert_int_equal(it.line, 5);

    assert_int_equal(feed_next(f, &it), 1);
    assert_valid_item(&it);
    assert_string_equal(it.id, "https://example.org/b");   /* no guid: the link */
    assert_string_equal(it.link, "https://example.org/b");
    assert_string_equal(it.title, "");
    assert_null(it.author);
    assert_null(it.date);
    assert_string_equal(it.text, "Only this");
    assert_int_equal(feed_next(f, &it), 0);
    assert_int_equal(h.warnings + h.rejections, 0);
    feed_close(f);
    free(copy);
}

static void test_atom_entry_fields(void **state)
{
    (void)state;
    static const char atom[] =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\" xml:base=\"https://example.org/news/\">\n"
        "<title type=\"html\">Die &lt;b&gt;Zeitung&lt;/b&gt;</title>\n"
        "<entry>\n"
        "<id>tag:example.org,2021:1</id>\n"
        "<title type=\"text\">a &lt;b&gt; tag</title>\n"
        "<link rel=\"enclosure\" href=\"x.mp3\"/><link href=\"2021/eins.html\"/>\n"
        "<author><name>Erika Mustermann</name><email>e@example.org</email></author>\n"
        "<updated>2021-04-09T10:00:00Z</updated><published>2021-04-08T01:00:00+02:00</published>\n"
        "<summary>Kurz</summary>\n"
        "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Eins</p><p>Zwei</p></div></content>\n"
        "</entry></feed>\n";
    heard h;
    char *copy;
    feed_item it;
    feed_reader *f = open_feed(atom, sizeof atom - 1, NULL, &h, &copy);

    assert_int_equal(feed_next(f, &it), 1);
    assert_valid_item(&it);
    assert_string_equal(it.id, "tag:example.org,2021:1");
    assert_string_equal(it.title, "a <b> tag");
    assert_string_equal(it.link, "https://example.org/news/2021/eins.html");
    assert_string_equal(it.author, "Erika Mustermann");
    assert_string_equal(it.date, "2021-04-08");    /* published over updated */
    assert_string_equal(it.text, "Eins\n\nZwei");
    assert_string_equal(it.source, "Die Zeitung");
    assert_string_equal(it.lang, "de");
    assert_int_equal(feed_next(f, &it), 0);
    feed_close(f);
    free(copy);
}

/* An item's language: the nearest xml:lang that names one (the item's,
 * then the channel's or feed's), else <language>; "und" and junk pass on
 * to the next, as written ("de-DE"). */
static void test_item_lang_first_that_names_one(void **state)
{
    (void)state;
    static const char rss[] =
        "<rss version=\"2.0\"><channel xml:lang=\"und\"><title>T</title>"
        "<language>fr-CA</language>\n"
        "<item xml:lang=\"de-DE\"><title>a</title></item>\n"
        "<item xml:lang=\"??\"><title>b</title></item>\n"
        "<item><title>c</title></item>\n"
        "</channel></rss>\n";
    static const char atom[] =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"pt_BR\">"
        "<title>T</title>\n"
        "<entry xml:lang=\"x-klingon\"><id>1</id><title>a</title></entry>\n"
        "</feed>\n";
    static const char junk[] =
        "<rss version=\"2.0\"><channel><title>T</title>"
        "<language>(none)</language>\n"
        "<item><title>a</title></item>\n"
        "</channel></rss>\n";
    static const char *const want[] = {"de-DE", "fr-CA", "fr-CA"};
    heard h;
    char *copy;
    feed_item it;
    feed_reader *f = open_feed(rss, sizeof rss - 1, NULL, &h, &copy);

    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        assert_int_equal(feed_next(f, &it), 1);
        assert_valid_item(&it);
        assert_string_equal(it.lang, want[i]);
    }
    assert_int_equal(feed_next(f, &it), 0);
    assert_int_equal(h.warnings + h.rejections, 0);
    feed_close(f);
    free(copy);

    f = open_feed(atom, sizeof atom - 1, NULL, &h, &copy);
    assert_int_equal(feed_next(f, &it), 1);
    assert_string_equal(it.lang, "pt_BR");
    feed_close(f);
    free(copy);

    f = open_feed(junk, sizeof junk - 1, NULL, &h, &copy);
    assert_int_equal(feed_next(f, &it), 1);
    assert_null(it.lang);
    assert_int_equal(h.warnings + h.rejections, 0);
    feed_close(f);
    free(copy);
}

/* HTML's entities without a DTD give their characters; an unknown one
 * stays as written. */
static void test_undeclared_html_entities(void **state)
{
    (void)state;
    static const char rss[] =
        "<rss><channel><item><title>A&nbsp;B&hellip; caf&eacute; &bogus; &#X41;</title>"
        "</item></channel></rss>";
    heard h;
    char *copy;
    feed_item it;
    feed_reader *f = open_feed(rss, sizeof rss - 1, NULL, &h, &copy);

    assert_int_equal(feed_next(f, &it), 1);
    assert_string_equal(it.title, "A B\xe2\x80\xa6 caf\xc3\xa9 &bogus; A");
    feed_close(f);
    free(copy);
}

/* Undeclared windows-1252 bytes: smart quotes as UTF-8, and a warning. */
static void test_undeclared_legacy_bytes(void **state)
{
    (void)state;
    static const char rss[] =
        "<rss><channel><item><title>don\x92t \x93quote\x94</title></item></channel></rss>";
    heard h;
    char *copy;
    feed_item it;
    feed_reader *f = open_feed(rss, sizeof rss - 1, NULL, &h, &copy);

    assert_int_equal(feed_next(f, &it), 1);
    assert_string_equal(it.title, "don\xe2\x80\x99t \xe2\x80\x9cquote\xe2\x80\x9d");
    assert_int_equal(h.warnings, 1);
    feed_close(f);
    free(copy);
}

/* A literal and its length, NUL bytes inside it counted. */
#define S(lit) lit, sizeof lit - 1

static void test_sniff(void **state)
{
    (void)state;
    static const struct { const char *s; size_t n; int want; } cases[] = {
        { S("<rss version=\"2.0\">"), 1 },
        { S("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE rss [<!ENTITY a \"b\">]>\n<rss>"), 1 },
        { S("<rdf:RDF xmlns:rdf=\"x\">"), 1 },
        { S("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"), 1 },
        { S("<\0r\0s\0s\0>\0"), 1 },                     /* UTF-16LE */
        { S("<!DOCTYPE html><html><body>rss</body></html>"), 0 },
        { S("<?xml version=\"1.0\"?><html><feed>"), 0 },
        { S("<rssfeed>"), 0 },
        { S("\x89PNG\r\n\x1a\n"), 0 },
        { S(""), 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *copy = malloc(cases[i].n ? cases[i].n : 1);
        assert_non_null(copy);
        memcpy(copy, cases[i].s, cases[i].n);
        if (feed_sniff(copy, cases[i].n) != cases[i].want)
            print_error("case %zu\n", i);
        assert_int_equal(feed_sniff(copy, cases[i].n), cases[i].want);
        free(copy);
    }
}

/* Read every item of S, checking each; returns how many, and the total
 * text length in *TEXT. */
static int read_all(const char *s, size_t n, heard *h, size_t *text, int *last)
{
    char *copy;
    feed_item it;
    int items = 0, got;
    feed_reader *f = open_feed(s, n, NULL, h, &copy);

    *text = 0;
    while ((got = feed_next(f, &it)) == 1) {
        assert_valid_item(&it);
        *text += it.text_len + strlen(it.title);
        items++;
    }
    *last = got;
    feed_close(f);
    free(copy);
    return items;
}

/* Nested internal entities ("billion laughs"): no expansion, bounded. */
static void test_billion_laughs(void **state)
{
    (void)state;
    static const char doc[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
        " <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
        "]>\n<rss><channel><item><title>&lol9;</title>"
        "<description>&lol9;&lol9;&lol;</description></item></channel></rss>\n";
    heard h;
    size_t text;
    int last;
    int items = read_all(doc, sizeof doc - 1, &h, &text, &last);
    assert_true(last == 0 || last == -1);
    assert_true(items <= 1);
    assert_true(text < 4096);           /* 3 billion bytes if expanded */
}

/* An external entity is never read. */
static void test_xxe_not_read(void **state)
{
    (void)state;
    static const char doc[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        "<rss><channel><title>&x;</title><item><title>t &x;</title>"
        "<description>d &x;</description></item></channel></rss>\n";
    char *copy;
    heard h;
    feed_item it;
    feed_reader *f = open_feed(doc, sizeof doc - 1, NULL, &h, &copy);

    assert_true(!feed_title(f) || !strstr(feed_title(f), "root:"));
    assert_int_equal(feed_next(f, &it), 1);
    assert_null(strstr(it.title, "root:"));
    assert_null(strstr(it.text, "root:"));
    assert_string_equal(it.title, "t");
    feed_close(f);
    free(copy);
}

/* A page that is really HTML: not sniffed, and refused if opened. */
static void test_html_is_not_a_feed(void **state)
{
    (void)state;
    static const char page[] =
        "<!DOCTYPE html>\n<html><head><title>News</title></head>"
        "<body><p>Hello &nbsp; world</p></body></html>\n";
    heard h;
    size_t text;
    int last;

    assert_int_equal(feed_sniff(page, sizeof page - 1), 0);
    assert_int_equal(read_all(page, sizeof page - 1, &h, &text, &last), 0);
    assert_int_equal(last, -1);
    assert_int_equal(h.rejections, 1);
    assert_non_null(strstr(h.message, "<html>"));
}

/* A feed cut short: the items before the cut, one warning naming a line. */
static void test_truncated_feed(void **state)
{
    (void)state;
    static const char doc[] =
        "<rss><channel><title>T</title>\n"
        "<item><title>one</title></item>\n"
        "<item><title>two</title></item>\n"
        "<item><title>thr";
    heard h;
    size_t text;
    int last;
    int items = read_all(doc, sizeof doc - 1, &h, &text, &last);

    assert_true(items >= 2);
    assert_int_equal(last, 0);
    assert_int_equal(h.warnings, 1);
    assert_int_equal(h.rejections, 0);
    assert_int_equal(h.line, 4);
    assert_non_null(strstr(h.message, "line 4"));
}

static void test_binary_data(void **state)
{
    (void)state;
    char buf[4096];
    uint32_t x = 12345;
    heard h;
    size_t text;
    int last;

    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (char)(x >> 16);
    }
    assert_int_equal(feed_sniff(buf, sizeof buf), 0);
    read_all(buf, sizeof buf, &h, &text, &last);
    assert_int_equal(last, -1);
    assert_int_equal(h.rejections, 1);
    /* An empty file too. */
    read_all("", 0, &h, &text, &last);
    assert_int_equal(last, -1);
}

/* 100,000 nested elements inside an item: no stack overflow; libxml2
 * stops at its depth limit and says so. */
static void test_deep_nesting(void **state)
{
    (void)state;
    const size_t depth = 100000;
    const char *head = "<rss><channel><item><title>deep</title><description>";
    size_t n = strlen(head) + depth * 7 + 64, k;
    char *doc = malloc(n);
    heard h;
    size_t text;
    int last;

    assert_non_null(doc);
    k = (size_t)sprintf(doc, "%s", head);
    for (size_t i = 0; i < depth; i++)
        k += (size_t)sprintf(doc + k, "<b>");
    k += (size_t)sprintf(doc + k, "x");
    for (size_t i = 0; i < depth; i++)
        k += (size_t)sprintf(doc + k, "</b>");
    k += (size_t)sprintf(doc + k, "</description></item></channel></rss>");
    int items = read_all(doc, k, &h, &text, &last);
    assert_true(items <= 1);
    assert_true(last == 0 || last == -1);
    assert_int_equal(h.warnings + h.rejections >= 1, 1);
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rss_item_fields),
        cmocka_unit_test(test_atom_entry_fields),
        cmocka_unit_test(test_item_lang_first_that_names_one),
        cmocka_unit_test(test_undeclared_html_entities),
        cmocka_unit_test(test_undeclared_legacy_bytes),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_xxe_not_read),
        cmocka_unit_test(test_html_is_not_a_feed),
        cmocka_unit_test(test_truncated_feed),
        cmocka_unit_test(test_binary_data),
        cmocka_unit_test(test_deep_nesting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
