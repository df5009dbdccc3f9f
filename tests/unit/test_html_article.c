/* test_html_article.c - common/html_article.h: a news page's article
 * text without its boilerplate, one rule a page. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "html_article.h"
#include "utf8.h"

/* Three paragraphs of article prose, long enough and with commas, as a
 * story's body has them. */
#define STORY                                                               \
    "<p>The council met on Tuesday, after weeks of delay, to vote on the " \
    "new budget for the harbour, which has been closed since spring.</p>"  \
    "<p>Residents, shop owners and fishermen filled the hall, and many "   \
    "of them spoke against the plan, saying it would cost too much.</p>"  \
    "<p>The mayor said the vote, the first in two years, would be held "   \
    "again next month, once the figures have been checked.</p>"

static char *article_of(const char *page)
{
    htmlDocPtr doc = NULL;
    html_text t = {0};

    assert_int_equal(html_parse(page, strlen(page), NULL, &doc), GZ_OK);
    assert_int_equal(html_article_text(doc, &t), GZ_OK);
    xmlFreeDoc(doc);
    if (!t.s)
        t.s = strdup("");
    assert_true(utf8_valid(t.s, strlen(t.s)));
    return t.s;
}

#define assert_has(text, part) do {                                         \
        if (!strstr(text, part))                                            \
            fail_msg("\"%s\" not in \"%s\"", part, text);                   \
    } while (0)
#define assert_lacks(text, part) do {                                       \
        if (strstr(text, part))                                             \
            fail_msg("\"%s\" in \"%s\"", part, text);                       \
    } while (0)

static void test_story_kept_with_its_paragraphs(void **state)
{
    (void)state;
    char *t = article_of("<body><div><div class=story>" STORY
                         "</div></div></body>");
    assert_has(t, "The council met on Tuesday");
    assert_has(t, "spring.\n\nResidents, shop owners");
    assert_has(t, "figures have been checked.");
    free(t);
}

static void test_navigation_header_footer_dropped(void **state)
{
    (void)state;
    char *t = article_of(
        "<body><header><a href=/>Home</a> <a href=/news>News</a></header>"
        "<nav><ul><li><a href=/a>Politics</a><li><a href=/b>Sport</a></ul>"
        "</nav><main><article>" STORY "</article></main>"
        "<footer><p>Copyright 2024 The Harbour Gazette, all rights "
        "reserved, reproduction forbidden.</p></footer></body>");
    assert_has(t, "The council met");
    assert_lacks(t, "Politics");
    assert_lacks(t, "Home");
    assert_lacks(t, "Copyright");
    free(t);
}

static void test_share_bar_comments_related_dropped(void **state)
{
    (void)state;
    char *t = article_of(
        "<body><div id=content><div class=article-body>" STORY
        "<div class=share-tools><span>Share this article</span></div>"
        "</div><section id=comments><h3>12 comments</h3>"
        "<p>Well, I never thought, honestly, that they would vote, but "
        "here we are, again, with the same old plan.</p></section>"
        "<div class=related-stories><h3>Read more</h3><p>Harbour closed, "
        "again, after storm, say officials, in a statement.</p></div>"
        "</div></body>");
    assert_has(t, "The council met");
    assert_lacks(t, "Share this");
    assert_lacks(t, "same old plan");
    assert_lacks(t, "after storm");
    free(t);
}

static void test_headings_in_the_article_kept(void **state)
{
    (void)state;
    char *t = article_of("<body><div class=post>" STORY
                         "<h2>What happens next</h2>" STORY
                         "</div></body>");
    assert_has(t, "checked.\n\nWhat happens next\n\nThe council");
    free(t);
}

static void test_link_list_in_the_article_dropped(void **state)
{
    (void)state;
    char *t = article_of(
        "<body><div class=main>" STORY
        "<ul><li><a href=/1>Storm hits the coast, again, this week</a>"
        "<li><a href=/2>Fishermen, angry, block the port road</a>"
        "<li><a href=/3>Mayor, under fire, defends spending</a></ul>"
        STORY "</div></body>");
    assert_has(t, "The council met");
    assert_lacks(t, "Storm hits");
    free(t);
}

/* Where the page says its article is, all of it is taken, though each
 * paragraph in its own wrapper votes for that wrapper alone. */
static void test_marked_article_taken_whole(void **state)
{
    (void)state;
    char *t = article_of(
        "<body><div class=menu-wrap><a href=/>Home</a></div><article>"
        "<div><div>" STORY "</div></div>"
        "<section><p>Residents filled the hall and spoke against the plan "
        "for a long time.</p></section>"
        "<div><p>The mayor said the vote would be held again next month "
        "once the figures are checked.</p></div></article></body>");
    assert_has(t, "The council met");
    assert_has(t, "Residents filled");
    assert_has(t, "The mayor said");
    assert_lacks(t, "Home");
    free(t);
}

static void test_page_without_article_gives_its_text(void **state)
{
    (void)state;
    char *t = article_of("<body><h1>Opening hours</h1><div>Monday to "
                         "Friday</div><div>9 to 5</div></body>");
    assert_string_equal(t, "Opening hours\n\nMonday to Friday\n\n9 to 5");
    free(t);
}

static void test_empty_page(void **state)
{
    (void)state;
    char *t = article_of("");
    assert_string_equal(t, "");
    free(t);
}

/* 100,000 nested elements around the story: no recursion, so no stack
 * overflow (and no quadratic walk up the nesting). */
static void test_deep_nesting(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    const char *story = STORY;
    size_t n = DEPTH * 5 + strlen(story) + 64;
    char *page = malloc(n), *p = page;
    char *t;

    assert_non_null(page);
    p += sprintf(p, "<body>");
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, "<div>");
    p += sprintf(p, "%s", story);
    t = article_of(page);
    assert_has(t, "The council met");
    assert_has(t, "figures have been checked.");
    free(t);
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_story_kept_with_its_paragraphs),
        cmocka_unit_test(test_navigation_header_footer_dropped),
        cmocka_unit_test(test_share_bar_comments_related_dropped),
        cmocka_unit_test(test_headings_in_the_article_kept),
        cmocka_unit_test(test_link_list_in_the_article_dropped),
        cmocka_unit_test(test_marked_article_taken_whole),
        cmocka_unit_test(test_page_without_article_gives_its_text),
        cmocka_unit_test(test_empty_page),
        cmocka_unit_test(test_deep_nesting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
