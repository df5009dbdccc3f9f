/* test_html_meta.c - common/html_meta.h: each source of each field, the
 * order between them, and pages that lie or break. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "html.h"
#include "utf8.h"

/* PAGE's metadata as html_meta_read() gives it, read from URL. */
static html_meta meta_of(const char *page, const char *url)
{
    htmlDocPtr doc = NULL;
    html_meta m;
    const char *const *f;

    assert_int_equal(html_parse(page, strlen(page), NULL, &doc), GZ_OK);
    assert_int_equal(html_meta_read(doc, url, &m), GZ_OK);
    xmlFreeDoc(doc);
    f = (const char *const[]){m.title, m.date, m.author, m.url, m.site, m.lang};
    for (int i = 0; i < 6; i++)
        if (f[i]) {
            assert_true(utf8_valid(f[i], strlen(f[i])));
            assert_true(f[i][0] != '\0');
        }
    return m;
}

#define assert_field(page, url, field, want) do {                          \
        html_meta m_ = meta_of(page, url);                                  \
        const char *want_ = (want);                                         \
        if (want_)                                                          \
            assert_string_equal(m_.field, want_);                           \
        else                                                                \
            assert_null(m_.field);                                          \
        html_meta_free(&m_);                                                \
    } while (0)

#define LD(json) "<script type=\"application/ld+json\">" json "</script>"

/* ---- title -------------------------------------------------------------- */

static void test_title_og_before_title(void **state)
{
    (void)state;
    assert_field("<title>Page - Site</title>"
                 "<meta property=og:title content=' The  headline '>",
                 NULL, title, "The headline");
}

static void test_title_json_ld_headline(void **state)
{
    (void)state;
    assert_field("<title>Page | Site</title>"
                 LD("{\"@type\":\"NewsArticle\",\"headline\":\"LD head\"}")
                 "<meta name=twitter:title content='Tweet head'>",
                 NULL, title, "LD head");
}

static void test_title_twitter(void **state)
{
    (void)state;
    assert_field("<title>Page | Site</title>"
                 "<meta name=twitter:title content='Tweet head'>",
                 NULL, title, "Tweet head");
}

static void test_title_h1_matching_title(void **state)
{
    (void)state;
    assert_field("<title>Rates rise again: a view - Daily</title>"
                 "<h1>Menu</h1><h1>Rates rise again: a view</h1>",
                 NULL, title, "Rates rise again: a view");
}

static void test_title_h1_before_og(void **state)
{
    (void)state;
    /* og:title often carries a kicker or the site; the <h1> that starts
     * <title> is the headline as printed. */
    assert_field("<title>Rates rise - Daily</title>"
                 "<meta property=og:title content='Economy: Rates rise'>"
                 "<h1>Rates rise</h1>", NULL, title, "Rates rise");
    /* The only <h1> of a page is often the site's name. */
    assert_field("<title>Rates rise - Daily</title><h1>Lorem</h1>", NULL,
                 title, "Rates rise");
}

static void test_title_suffix_removed(void **state)
{
    (void)state;
    assert_field("<title>Rates rise again | The Daily Paper</title>", NULL,
                 title, "Rates rise again");
    assert_field("<title>Rates rise again \xE2\x80\x93 Daily</title>", NULL,
                 title, "Rates rise again");
    /* The part naming the site goes, wherever it is. */
    assert_field("<meta property=og:site_name content='Daily'>"
                 "<title>Daily :: Rates rise again</title>", NULL,
                 title, "Rates rise again");
    assert_field("<title>Just a title</title>", NULL, title, "Just a title");
    /* The page's host names the site too. */
    assert_field("<title>heizung.de | Rates rise again</title>",
                 "https://www.heizung.de/a.html", title, "Rates rise again");
}

static void test_og_title_loses_site_suffix(void **state)
{
    (void)state;
    assert_field("<meta property=og:site_name content='The Paper'>"
                 "<meta property=og:title content='Rates rise | The Paper'>",
                 NULL, title, "Rates rise");
}

/* ---- date --------------------------------------------------------------- */

static void test_date_json_ld_first(void **state)
{
    (void)state;
    assert_field("<meta property=article:published_time content=2020-01-02>"
                 LD("{\"@type\":\"NewsArticle\","
                    "\"datePublished\":\"2021-04-06T23:30:00-05:00\"}"),
                 NULL, date, "2021-04-06");
}

static void test_date_json_ld_graph(void **state)
{
    (void)state;
    assert_field(LD("{\"@context\":\"https://schema.org\",\"@graph\":["
                    "{\"@type\":\"WebSite\",\"name\":\"S\"},"
                    "{\"@type\":[\"Article\"],\"datePublished\":\"2019-10-16\","
                    "\"author\":[{\"@type\":\"Person\",\"name\":\"A One\"},"
                    "{\"name\":\"B Two\"}]}]}"),
                 NULL, date, "2019-10-16");
    assert_field(LD("[{\"@type\":\"BlogPosting\",\"author\":\"C Three\"}]"),
                 NULL, author, "C Three");
}

static void test_json_ld_in_cdata(void **state)
{
    (void)state;
    assert_field(LD("\n<![CDATA[\n{\"@type\":\"Article\",\"publisher\":"
                    "{\"name\":\"Wiki\"}}\n]]>\n"), NULL, site, "Wiki");
}

static void test_malformed_json_ld_is_ignored(void **state)
{
    (void)state;
    assert_field(LD("{\"@type\":\"NewsArticle\",\"datePublished\":")
                 LD("not json at all")
                 "<meta property=article:published_time content=2020-01-02>",
                 NULL, date, "2020-01-02");
}

static void test_date_meta_sources(void **state)
{
    (void)state;
    assert_field("<meta property=article:published_time content="
                 "'2020-01-02T10:00:00Z'><meta name=date content=2019-01-01>",
                 NULL, date, "2020-01-02");
    assert_field("<meta itemprop=datePublished content=2018-03-04>", NULL,
                 date, "2018-03-04");
    assert_field("<meta name=DC.date.issued content=2017-05-06>", NULL,
                 date, "2017-05-06");
    assert_field("<meta name=sailthru.date content='2016-07-08 10:00:00'>",
                 NULL, date, "2016-07-08");
}

static void test_date_time_element(void **state)
{
    (void)state;
    assert_field("<p><time datetime=2001-01-01>old</time></p>"
                 "<article><time datetime=2015-02-03T08:00>x</time></article>",
                 NULL, date, "2015-02-03");
    assert_field("<time datetime=2001-01-01>x</time>"
                 "<time pubdate datetime=2014-02-03>y</time>",
                 NULL, date, "2014-02-03");
}

static void test_date_dateline_after_h1(void **state)
{
    (void)state;
    assert_field("<p>2001-01-01</p><h1>Head</h1><p>By A, <em>2021-04-06</em>"
                 "</p><p>2020-01-01</p>", NULL, date, "2021-04-06");
    assert_field("<h1>Head</h1><time>2019-05-06</time>", NULL, date,
                 "2019-05-06");
    /* A date inside a sentence is not a dateline. */
    assert_field("<h1>Head</h1><p>On 2021-04-06 it rained.</p>", NULL, date,
                 NULL);
}

static void test_date_from_url(void **state)
{
    (void)state;
    assert_field("<p>x</p>", "https://example.com/news/2021/04/06/story",
                 date, "2021-04-06");
    assert_field("<p>x</p>", "https://example.com/2021-04-07/story",
                 date, "2021-04-07");
    assert_field("<p>x</p>", "https://example.com/a/20210408/story.html",
                 date, "2021-04-08");
    assert_field("<p>x</p>", "http://example.com/local/2020-02/19/c_1.htm",
                 date, "2020-02-19");
    /* The canonical URL before the one passed in, and no day that is not
     * one. */
    assert_field("<link rel=canonical href='/2020/02/03/story'>",
                 "https://example.com/x/2021/04/06/y", date, "2020-02-03");
    assert_field("<p>x</p>", "https://example.com/2021/02/30/story", date,
                 NULL);
}

/* ---- author ------------------------------------------------------------- */

static void test_author_json_ld_forms(void **state)
{
    (void)state;
    assert_field(LD("{\"@type\":\"NewsArticle\",\"author\":"
                    "[{\"name\":\"A One\"},\"B Two\"]}")
                 "<meta name=author content=Other>", NULL, author,
                 "A One, B Two");
    assert_field(LD("{\"@type\":\"Article\",\"author\":{\"name\":\"By Z\"}}"),
                 NULL, author, "Z");
}

static void test_author_meta_never_a_url(void **state)
{
    (void)state;
    assert_field("<meta property=article:author "
                 "content='https://facebook.com/someone'>"
                 "<meta name=author content='  Par  Marie Curie '>",
                 NULL, author, "Marie Curie");
}

static void test_author_meta_order_and_lists(void **state)
{
    (void)state;
    assert_field("<meta name=author content='A Writer'>"
                 "<meta name=DC.creator content='D Creator'>", NULL, author,
                 "A Writer");
    assert_field("<meta property='dc:creator twitter:site_name' "
                 "content='D Creator'>", NULL, author, "D Creator");
    assert_field("<meta name=parsely-author content='P Writer'>", NULL,
                 author, "P Writer");
    /* The site's own name is not an author. */
    assert_field("<meta property=og:site_name content='Daily'>"
                 "<meta name=author content=daily>"
                 "<span class=byline>By Jo Doe</span>", NULL, author,
                 "Jo Doe");
}

static void test_byline_labels_and_dates(void **state)
{
    (void)state;
    assert_field("<div class=byline><span>By</span><a>Alex Smith</a> "
                 "Thursday, November 9, 2023</div>", NULL, author,
                 "Alex Smith");
    assert_field("<div class=author>Geschrieben von<b>Elisa Marvena</b> am "
                 "21. April</div>", NULL, author, "Elisa Marvena");
    /* The inner byline is the more precise; a form's is no byline. */
    assert_field("<form><label class=author>Name *</label></form>"
                 "<div class=byline>Posted by <span class=author>Kim Lee"
                 "</span> | 5 comments</div>", NULL, author, "Kim Lee");
    assert_field("<div class=byline>By</div>", NULL, author, NULL);
    /* A number inside a word is part of a name; a footer's credit is no
     * byline. */
    assert_field("<span class=author>r23 21.01.2009</span>", NULL, author,
                 "r23");
    assert_field("<footer><span class=author>Theme by X</span></footer>",
                 NULL, author, NULL);
}

static void test_author_in_the_page(void **state)
{
    (void)state;
    assert_field("<p>By <span itemprop=author>Jane Roe</span></p>", NULL,
                 author, "Jane Roe");
    assert_field("<p><a rel=author href=/jd>John Doe</a></p>", NULL, author,
                 "John Doe");
    assert_field("<div class='article-byline'>Von Max Muster</div>", NULL,
                 author, "Max Muster");
}

/* ---- url, site, lang ---------------------------------------------------- */

static void test_canonical_made_absolute(void **state)
{
    (void)state;
    assert_field("<link rel=canonical href='/news/story?id=1'>"
                 "<meta property=og:url content='https://other.example/'>",
                 "https://example.com/a/b.html", url,
                 "https://example.com/news/story?id=1");
    assert_field("<base href='https://base.example/dir/'>"
                 "<link rel=canonical href='story.html'>", NULL, url,
                 "https://base.example/dir/story.html");
    assert_field("<meta property=og:url content='https://o.example/s'>",
                 NULL, url, "https://o.example/s");
    /* Relative with nothing to resolve it against: not a URL. */
    assert_field("<link rel=canonical href='/story'>", NULL, url, NULL);
}

static void test_site_sources(void **state)
{
    (void)state;
    assert_field("<meta property=og:site_name content='The Guardian'>"
                 LD("{\"@type\":\"NewsArticle\",\"publisher\":"
                    "{\"name\":\"Guardian News\"}}"),
                 NULL, site, "The Guardian");
    assert_field(LD("{\"@type\":\"NewsArticle\",\"publisher\":"
                    "{\"name\":\"Guardian News\"}}"),
                 NULL, site, "Guardian News");
    assert_field("<meta name=application-name content=App>", NULL, site,
                 "App");
    assert_field("<title>x</title>", NULL, site, NULL);
}

static void test_lang_sources(void **state)
{
    (void)state;
    assert_field("<html lang=EN_gb><p>x</p></html>", NULL, lang, "en-GB");
    assert_field("<meta http-equiv=Content-Language content=de>", NULL,
                 lang, "de");
    assert_field("<meta property=og:locale content=en_US>", NULL, lang,
                 "en-US");
    assert_field("<html lang='not a tag!'><p>x</p></html>", NULL, lang, NULL);
}

/* The first source that names a language wins: "und", junk and private
 * use give way to the next; of Content-Language's list, the first. */
static void test_lang_first_that_names_a_language(void **state)
{
    (void)state;
    assert_field("<html lang=es-ES><meta http-equiv=Content-Language "
                 "content=de><p>x</p></html>", NULL, lang, "es-ES");
    assert_field("<html lang=und><meta http-equiv=Content-Language "
                 "content='de, en'><meta property=og:locale content=fr_FR>"
                 "<p>x</p></html>", NULL, lang, "de");
    assert_field("<html lang='x-klingon'><meta http-equiv=Content-Language "
                 "content='*'><meta property=og:locale content=pt_BR>"
                 "<p>x</p></html>", NULL, lang, "pt-BR");
    assert_field("<html lang=zh-hant-tw><p>x</p></html>", NULL, lang,
                 "zh-Hant-TW");
    /* XHTML's xml:lang comes after lang. */
    assert_field("<html xmlns='http://www.w3.org/1999/xhtml' xml:lang=en>"
                 "<p>x</p></html>", NULL, lang, "en");
    assert_field("<html xml:lang=en lang=de><p>x</p></html>", NULL, lang,
                 "de");
    assert_field("<html lang='' xml:lang=en><p>x</p></html>", NULL, lang,
                 "en");
    assert_field("<html lang=''><meta property=og:locale content=und>"
                 "<p>x</p></html>", NULL, lang, NULL);
}

/* ---- hostile pages ------------------------------------------------------ */

static void test_empty_and_deep_pages(void **state)
{
    (void)state;
    html_meta m = meta_of("", NULL);
    assert_null(m.title);
    assert_null(m.date);
    html_meta_free(&m);

    size_t depth = 100000, n = 0;
    char *page = malloc(depth * 5 + 64);
    assert_non_null(page);
    for (size_t i = 0; i < depth; i++, n += 5)
        memcpy(page + n, "<div>", 5);
    strcpy(page + n, "<time datetime=2012-12-12>x</time>");
    m = meta_of(page, NULL);
    free(page);
    html_meta_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_og_before_title),
        cmocka_unit_test(test_title_json_ld_headline),
        cmocka_unit_test(test_title_twitter),
        cmocka_unit_test(test_title_h1_matching_title),
        cmocka_unit_test(test_title_h1_before_og),
        cmocka_unit_test(test_title_suffix_removed),
        cmocka_unit_test(test_og_title_loses_site_suffix),
        cmocka_unit_test(test_date_json_ld_first),
        cmocka_unit_test(test_date_json_ld_graph),
        cmocka_unit_test(test_json_ld_in_cdata),
        cmocka_unit_test(test_malformed_json_ld_is_ignored),
        cmocka_unit_test(test_date_meta_sources),
        cmocka_unit_test(test_date_time_element),
        cmocka_unit_test(test_date_dateline_after_h1),
        cmocka_unit_test(test_date_from_url),
        cmocka_unit_test(test_author_json_ld_forms),
        cmocka_unit_test(test_author_meta_never_a_url),
        cmocka_unit_test(test_author_meta_order_and_lists),
        cmocka_unit_test(test_byline_labels_and_dates),
        cmocka_unit_test(test_author_in_the_page),
        cmocka_unit_test(test_canonical_made_absolute),
        cmocka_unit_test(test_site_sources),
        cmocka_unit_test(test_lang_sources),
        cmocka_unit_test(test_lang_first_that_names_a_language),
        cmocka_unit_test(test_empty_and_deep_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
