/* test_html.c - common/html.h: the charset rule and markup into text. */
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

/* The text of PAGE as html_parse() and html_node_text() give it. */
static char *page_text(const char *page, size_t len, const char *transport)
{
    htmlDocPtr doc = NULL;
    html_text t = {0};

    assert_int_equal(html_parse(page, len, transport, &doc), GZ_OK);
    assert_non_null(doc);
    assert_int_equal(html_node_text((const xmlNode *)doc, &t), GZ_OK);
    xmlFreeDoc(doc);
    if (!t.s)
        t.s = strdup("");
    assert_true(utf8_valid(t.s, strlen(t.s)));
    return t.s;
}

#define assert_text(page, want) do {                                       \
        char *got_ = page_text(page, strlen(page), NULL);                   \
        assert_string_equal(got_, want);                                    \
        free(got_);                                                         \
    } while (0)

static void test_valid_utf8_wins_over_a_wrong_label(void **state)
{
    (void)state;
    const char *page = "<meta charset=gb2312><p>caf\xC3\xA9</p>";
    assert_string_equal(html_charset(page, strlen(page), NULL), "UTF-8");
    assert_text(page, "caf\xC3\xA9");
}

static void test_label_reads_legacy_bytes(void **state)
{
    (void)state;
    const char *page = "<meta http-equiv=\"Content-Type\" "
                       "content=\"text/html; charset=iso-8859-1\">"
                       "<p>caf\xE9 \x93quoted\x94</p>";
    /* iso-8859-1 means windows-1252: 0x93/0x94 are curly quotes. */
    assert_string_equal(html_charset(page, strlen(page), NULL),
                        "windows-1252");
    assert_text(page, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
}

static void test_transport_label_before_meta(void **state)
{
    (void)state;
    const char *page = "<meta charset=koi8-r><p>\xE9</p>";
    char *got = page_text(page, strlen(page), "windows-1252");
    assert_string_equal(got, "\xC3\xA9");
    free(got);
}

static void test_no_label_is_windows_1252(void **state)
{
    (void)state;
    assert_string_equal(html_charset("<p>\x80</p>", 8, NULL), "windows-1252");
    assert_text("<p>\x80</p>", "\xE2\x82\xAC");
}

static void test_declared_utf8_with_bad_bytes_is_repaired(void **state)
{
    (void)state;
    assert_text("<meta charset=utf-8><p>a\xFF" "b \xC3\xA9</p>",
                "a" UTF8_REPLACEMENT "b \xC3\xA9");
}

static void test_blocks_are_paragraphs_and_br_a_line(void **state)
{
    (void)state;
    assert_text("<body><h1>Title</h1><p>One  <b>bold</b>\n word.</p>"
                "<div>Two<br>lines</div></body>",
                "Title\n\nOne bold word.\n\nTwo\nlines");
}

static void test_hidden_elements_and_comments_give_no_text(void **state)
{
    (void)state;
    assert_text("<head><title>T</title><style>p{}</style></head><body>"
                "<script>var x = 1;</script><!-- note --><p>kept</p>"
                "<noscript>no</noscript><button>Share</button></body>",
                "kept");
}

/* Ruby annotations (furigana) are readings of the text, not the text:
 * "法律ができて" as a reader reads it, not "法律ほうりつができて". */
static void test_ruby_annotations_left_out(void **state)
{
    (void)state;
    assert_text("<p><ruby>\xE6\xB3\x95<rp>(</rp><rt>\xE3\x81\xBB</rt>"
                "<rp>)</rp></ruby>\xE3\x81\x8C</p>",
                "\xE6\xB3\x95\xE3\x81\x8C");
}

static void test_entities_and_nbsp(void **state)
{
    (void)state;
    assert_text("<p>a&nbsp;&amp;&nbsp;b &hellip; &#8364;</p>",
                "a & b \xE2\x80\xA6 \xE2\x82\xAC");
}

static void test_pre_keeps_its_lines(void **state)
{
    (void)state;
    assert_text("<pre>one\n  two</pre>", "one\ntwo");
}

static void test_fragment_text(void **state)
{
    (void)state;
    char *out = NULL;
    size_t n = 0;
    const char *frag = "Some <em>markup</em><p>and a paragraph</p>";
    assert_int_equal(html_fragment_text(frag, strlen(frag), &out, &n), GZ_OK);
    assert_string_equal(out, "Some markup\n\nand a paragraph");
    assert_int_equal(n, strlen(out));
    free(out);
    assert_int_equal(html_fragment_text("", 0, &out, &n), GZ_OK);
    assert_string_equal(out, "");
    free(out);
}

/* The tree is walked without recursion: 100,000 nested elements cost
 * memory, not stack. */
static void test_deep_nesting(void **state)
{
    (void)state;
    const size_t depth = 100000;
    size_t len = depth * 5 + 16, at = 0;
    char *page = malloc(len);
    assert_non_null(page);
    for (size_t i = 0; i < depth; i++)
        at += (size_t)snprintf(page + at, len - at, "<div>");
    at += (size_t)snprintf(page + at, len - at, "deep");
    char *got = page_text(page, at, NULL);
    assert_string_equal(got, "deep");
    free(got);
    free(page);
}

static int skip_class_x(const xmlNode *node, void *arg)
{
    xmlChar *c = xmlGetProp(node, (const xmlChar *)"class");
    int skip = c && strcmp((const char *)c, "x") == 0;
    (void)arg;
    xmlFree(c);
    return skip;
}

static void test_text_skipping_elements(void **state)
{
    (void)state;
    const char *page = "<p>one<span class=x>no</span>two</p>"
                       "<div class=x><p>gone</p></div><p>three</p>";
    htmlDocPtr doc = NULL;
    html_text t = {0};

    assert_int_equal(html_parse(page, strlen(page), NULL, &doc), GZ_OK);
    assert_int_equal(html_node_text_skip((const xmlNode *)doc, skip_class_x,
                                         NULL, &t), GZ_OK);
    /* A skipped element still parts words, and a skipped block
     * paragraphs. */
    assert_string_equal(t.s, "one two\n\nthree");
    free(t.s);
    xmlFreeDoc(doc);
}

static void test_next_walks_in_document_order(void **state)
{
    (void)state;
    const char *page = "<div><p>a<b>b</b></p><p>c</p></div><p>d</p>";
    htmlDocPtr doc = NULL;
    char seen[64] = "";
    const xmlNode *top, *n;

    assert_int_equal(html_parse(page, strlen(page), NULL, &doc), GZ_OK);
    top = xmlDocGetRootElement(doc);
    for (n = top; n; n = html_next(n, top, 0))
        if (n->type == XML_TEXT_NODE)
            strcat(seen, (const char *)n->content);
    assert_string_equal(seen, "abcd");
    /* Skipping the children of the first <div>: only "d". */
    seen[0] = '\0';
    for (n = top; n; n = html_next(n, top, n->name && !strcmp(
                                                 (const char *)n->name, "div")))
        if (n->type == XML_TEXT_NODE)
            strcat(seen, (const char *)n->content);
    assert_string_equal(seen, "d");
    xmlFreeDoc(doc);
}

static void test_binary_data_gives_a_tree(void **state)
{
    (void)state;
    char bytes[4096];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (char)((i * 7919) & 0xFF);
    char *got = page_text(bytes, sizeof bytes, NULL);
    free(got);
    got = page_text("", 0, NULL);
    assert_string_equal(got, "");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_utf8_wins_over_a_wrong_label),
        cmocka_unit_test(test_label_reads_legacy_bytes),
        cmocka_unit_test(test_transport_label_before_meta),
        cmocka_unit_test(test_no_label_is_windows_1252),
        cmocka_unit_test(test_declared_utf8_with_bad_bytes_is_repaired),
        cmocka_unit_test(test_blocks_are_paragraphs_and_br_a_line),
        cmocka_unit_test(test_hidden_elements_and_comments_give_no_text),
        cmocka_unit_test(test_entities_and_nbsp),
        cmocka_unit_test(test_pre_keeps_its_lines),
        cmocka_unit_test(test_fragment_text),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_binary_data_gives_a_tree),
        cmocka_unit_test(test_text_skipping_elements),
        cmocka_unit_test(test_next_walks_in_document_order),
        cmocka_unit_test(test_ruby_annotations_left_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
