/* Unit tests: the query language.  Each test parses a query and compares
 * the tree's description, or the error and its column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "error.h"
#include "query.h"
#include "tokenize.h"

static stemmer *st;
static const query_opts all_words = { .flags = 0, .today = 20210406 };
static const query_opts any_words = { .flags = QUERY_ANY, .today = 20210406 };
static const query_opts any_stop = { .flags = QUERY_ANY | QUERY_STOPWORDS, .today = 20210406 };
static const query_opts all_stop = { .flags = QUERY_STOPWORDS, .today = 20210406 };

static int setup(void **state)
{
    (void)state;
    return stemmer_new("english", &st) == GZ_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    stemmer_free(st);
    return 0;
}

/* Parse TEXT and compare its description with WANT. */
static void parses_as(const char *text, const query_opts *o, const char *want)
{
    gz_query *q = NULL;
    gz_status s = query_parse(text, st, o, &q, NULL);
    if (s != GZ_OK)
        fail_msg("'%s' did not parse: %s", text, gz_last_error());
    char *got = query_describe(q);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("'%s'\n  got  %s\n  want %s", text, got, want);
    free(got);
    query_free(q);
}

/* Parse TEXT, expect a syntax error at COL whose message holds WHY. */
static void fails_at(const char *text, size_t col, const char *why)
{
    gz_query *q = NULL;
    size_t got = 999;
    gz_status s = query_parse(text, st, &all_words, &q, &got);
    if (s != GZ_EPARSE)
        fail_msg("'%s' parsed (status %d)", text, s);
    assert_null(q);
    if (!strstr(gz_last_error(), why))
        fail_msg("'%s': message '%s' lacks '%s'", text, gz_last_error(), why);
    if (got != col)
        fail_msg("'%s': column %zu, want %zu", text, got, col);
}

static void test_words_are_all_required_by_default(void **state)
{
    (void)state;
    parses_as("Olympic boycotts", &all_words, "AND(olymp, boycott)");
    parses_as("  U.S. ", &all_words, "u.s");
}

static void test_any_makes_an_or(void **state)
{
    (void)state;
    parses_as("interest rates", &any_words, "OR(interest, rate)");
}

static void test_lower_case_or_and_not_are_words(void **state)
{
    (void)state;
    parses_as("war or peace", &all_words, "AND(war, or, peac)");
    parses_as("not guilty", &all_words, "AND(not, guilti)");
}

static void test_operators(void **state)
{
    (void)state;
    parses_as("wheat OR corn", &all_words, "OR(wheat, corn)");
    parses_as("wheat AND corn", &all_words, "AND(wheat, corn)");
    parses_as("wheat NOT corn", &all_words, "AND_NOT(wheat, corn)");
    parses_as("wheat -corn", &all_words, "AND_NOT(wheat, corn)");
    parses_as("+wheat corn", &all_words, "AND(wheat, corn)");
    parses_as("wheat corn OR rice", &all_words, "OR(AND(wheat, corn), rice)");
    parses_as("wheat (corn OR rice)", &all_words, "AND(wheat, OR(corn, rice))");
    parses_as("-wheat", &all_words, "AND_NOT(ALL, wheat)");
    parses_as("*", &all_words, "ALL");
    parses_as("wheat -- corn", &all_words, "AND(wheat, corn)");
    parses_as("wheat - corn", &all_words, "AND(wheat, corn)");
    parses_as("* date:2021", &all_words, "FILTER(ALL, filter:Y2021)");
    parses_as("wheat -(corn OR rice)", &all_words, "AND_NOT(wheat, OR(corn, rice))");
}

static void test_phrase_matches_stems_in_order(void **state)
{
    (void)state;
    parses_as("\"fiscal policies\"", &all_words, "PHRASE(fiscal, polici)");
    parses_as("\xe2\x80\x9c" "fiscal policy" "\xe2\x80\x9d", &all_words,
              "PHRASE(fiscal, polici)");
    parses_as("\"boycott\"", &all_words, "boycott");
    /* A run of several words is a phrase. */
    parses_as("U.S.-China", &all_words, "PHRASE(u.s, china)");
    /* A run written without spaces is its bigrams, a phrase (issue 22):
     * 中华人民 finds the text that holds it, and only that. */
    parses_as("\u4e2d\u534e\u4eba\u6c11", &all_words,
              "PHRASE(\u4e2d\u534e, \u534e\u4eba, \u4eba\u6c11)");
    parses_as("\u653f\u5e9c", &all_words, "\u653f\u5e9c");
}

static void test_phrase_slop(void **state)
{
    (void)state;
    parses_as("\"border wall\"~3", &all_words, "PHRASE/5(border, wall)");
    parses_as("\"a b c\"~0 d", &all_words, "AND(PHRASE/3(a, b, c), d)");
    parses_as("(\"a b\"~1)", &all_words, "PHRASE/3(a, b)");
    parses_as("title:\"a b\"~2", &all_words, "PHRASE/4(Sa, Sb)");
    fails_at("\"wall\"~3", 0, "two words or more");
    fails_at("\"a b\"~", 5, "needs a number N from 0 to 1000");
    fails_at("\"a b\"~1001", 5, "from 0 to 1000");
    fails_at("\"a b\"~2x", 5, "from 0 to 1000");
}

static void test_near(void **state)
{
    (void)state;
    parses_as("tariff NEAR/5 wheat", &all_words, "NEAR/6(tariff, wheat)");
    parses_as("tariff NEAR wheat", &all_words, "NEAR/11(tariff, wheat)");
    parses_as("a1 NEAR/2 b1 NEAR/3 c1", &all_words, "NEAR/5(a1, b1, c1)");
}

static void test_fields(void **state)
{
    (void)state;
    parses_as("title:boycotts", &all_words, "Sboycott");
    parses_as("title:\"winter olympics\"", &all_words, "PHRASE(Swinter, Solymp)");
    parses_as("source:Reuters wheat", &all_words, "FILTER(wheat, filter:Kreuters)");
    parses_as("source:\"CNN (Web News)\" wheat", &all_words,
              "FILTER(wheat, filter:Kcnn web news)");
    parses_as("id:reut-00001", &all_words, "filter:Qreut-00001");
}

/* A pretend index whose other languages hold German stems only. */
static int german_only(void *ctx, const char *term)
{
    (void)ctx;
    return strncmp(term, "de:", 3) == 0 || strncmp(term, "Sde:", 4) == 0;
}

/* Issue 22: a word is a SYNONYM over the languages holding its stem; a
 * phrase one per language; no language: the query as before. */
static void test_words_in_each_language(void **state)
{
    (void)state;
    stemmer *de;
    assert_int_equal(stemmer_new("german", &de), GZ_OK);
    schema_lang langs[] = { { "de", de, 1 }, { "fr", NULL, 1 } };
    query_opts o = { .today = 20210406, .langs = langs, .nlangs = 2,
                     .has_term = german_only };
    parses_as("H\xc3\xa4user", &o, "SYNONYM(hauser, de:haus)");
    parses_as("title:H\xc3\xa4user", &o, "SYNONYM(Shauser, Sde:haus)");
    parses_as("\"alte H\xc3\xa4user\"", &o,
              "OR(PHRASE(alt, hauser), PHRASE(de:alt, de:haus))");
    /* exact: words are in no language; the stems exact: ranks by are. */
    parses_as("exact:Haus", &o, "FILTER(SYNONYM(haus, de:haus), EHaus)");
    parses_as("H\xc3\xa4user", &all_words, "hauser");
    o.no_default = 1;       /* --lang de */
    parses_as("H\xc3\xa4user", &o, "de:haus");
    stemmer_free(de);
}

/* Issue 19: author:, site:, url: are filters, as source: and id: are. */
static void test_author_site_url_fields(void **state)
{
    (void)state;
    parses_as("author:Smith wheat", &all_words, "FILTER(wheat, filter:Asmith)");
    parses_as("author:\"Jane Doe\"", &all_words, "filter:Ajane doe");
    /* Several names: each, as the index splits them. */
    parses_as("author:\"Jane Doe and John Smith\"", &all_words,
              "AND(filter:Ajane doe, filter:Ajohn smith)");
    parses_as("author:(\"Jane Doe\" OR smith)", &all_words,
              "OR(filter:Ajane doe, filter:Asmith)");
    fails_at("author:smi*", 10, "'*' goes at the end");
    fails_at("wheat author:\",\"", 6, "no name after 'author:'");

    /* A host, lower-cased; its port, path or scheme dropped. */
    parses_as("site:bbc.co.uk wheat", &all_words, "FILTER(wheat, filter:Hbbc.co.uk)");
    parses_as("site:WWW.BBC.co.uk", &all_words, "filter:Hwww.bbc.co.uk");
    parses_as("site:https://www.bbc.co.uk/news", &all_words,
              "filter:Hwww.bbc.co.uk");
    parses_as("site:uk", &all_words, "filter:Huk");
    fails_at("wheat site:\"BBC News\"", 6, "not a host name");

    /* Issue 22: lang: any way a language is named, as its code. */
    parses_as("lang:de wheat", &all_words, "FILTER(wheat, filter:Lde)");
    parses_as("lang:DE-at", &all_words, "filter:Lde");
    parses_as("lang:german", &all_words, "filter:Lde");
    parses_as("lang:(fr OR es)", &all_words, "OR(filter:Lfr, filter:Les)");
    fails_at("wheat lang:x-klingon", 6, "not a language after 'lang:'");

    /* The url exactly as written, quoted or not. */
    parses_as("url:https://x.org/a?b=1", &all_words, "filter:Uhttps://x.org/a?b=1");
    parses_as("url:\"https://x.org/a (1)\"", &all_words,
              "filter:Uhttps://x.org/a (1)");
    parses_as("url:(\"https://x.org/a\" OR \"https://x.org/b\")", &all_words,
              "OR(filter:Uhttps://x.org/a, filter:Uhttps://x.org/b)");
    /* Unquoted, in parentheses or alone, "https:" would be a field. */
    fails_at("url:(https://x.org/a OR https://x.org/b)", 5,
             "a url goes in quotes or after url: (url:https:...)");
    fails_at("wheat https://x.org/a", 6, "a url goes in quotes");
    fails_at("a url:x^2", 7, "adds no weight");
    parses_as("wheat date:2021-04", &all_words, "FILTER(wheat, filter:M202104)");
    parses_as("date:..2020", &all_words, "DATE(..20201231)");
    parses_as("date:2019..", &all_words, "DATE(20190101..)");
    parses_as("date:7d", &all_words, "OR(filter:D20210330, filter:D20210331, "
              "filter:D20210401, filter:D20210402, filter:D20210403, "
              "filter:D20210404, filter:D20210405, filter:D20210406)");
}

static void test_closed_date_ranges_become_year_month_day_terms(void **state)
{
    (void)state;
    parses_as("date:2020-12-30..2022-02-02", &all_words,
              "OR(filter:D20201230, filter:D20201231, filter:Y2021, "
              "filter:M202201, filter:D20220201, filter:D20220202)");
    parses_as("date:2020-02", &all_words, "filter:M202002");
    parses_as("date:2019-03..2020-02", &all_words,
              "OR(filter:M201903, filter:M201904, filter:M201905, filter:M201906, "
              "filter:M201907, filter:M201908, filter:M201909, filter:M201910, "
              "filter:M201911, filter:M201912, filter:M202001, filter:M202002)");
    /* Too many terms: a value range instead. */
    parses_as("date:1789-04-30..2020", &all_words, "DATE(17890430..20201231)");
}

/* Issue 18: plain dates, counted from the options' today (2021-04-06, a
 * Tuesday).  A value with spaces is quoted, on either side of "..", or
 * spelt with underscores; the quote marks only group. */
static void test_plain_dates_in_date_field(void **state)
{
    (void)state;
    parses_as("date:today", &all_words, "filter:D20210406");
    parses_as("date:Yesterday", &all_words, "filter:D20210405");
    parses_as("date:this_year", &all_words, "filter:Y2021");
    parses_as("date:last_month", &all_words, "filter:M202103");
    parses_as("date:\"last month\"", &all_words, "filter:M202103");
    parses_as("date:\xe2\x80\x9clast month\xe2\x80\x9d", &all_words,
              "filter:M202103");
    parses_as("date:2021-W13", &all_words, "OR(filter:D20210329, "
              "filter:D20210330, filter:D20210331, filter:D20210401, "
              "filter:D20210402, filter:D20210403, filter:D20210404)");
    parses_as("date:last_week", &all_words, "OR(filter:D20210329, "
              "filter:D20210330, filter:D20210331, filter:D20210401, "
              "filter:D20210402, filter:D20210403, filter:D20210404)");
    parses_as("date:\"last week\"..", &all_words, "DATE(20210329..)");
    parses_as("date:..\"last week\"", &all_words, "DATE(..20210404)");
    parses_as("date:\"3 days ago\"..", &all_words, "DATE(20210403..)");
    parses_as("date:last_month..today", &all_words, "OR(filter:M202103, "
              "filter:D20210401, filter:D20210402, filter:D20210403, "
              "filter:D20210404, filter:D20210405, filter:D20210406)");
    parses_as("date:\"last month\"..\"2 days ago\"", &all_words,
              "OR(filter:M202103, filter:D20210401, filter:D20210402, "
              "filter:D20210403, filter:D20210404)");
    parses_as("wheat date:\"this month\" corn", &all_words,
              "FILTER(AND(wheat, corn), filter:M202104)");
    parses_as("(date:\"this month\")", &all_words, "filter:M202104");
}

static void test_plain_date_errors(void **state)
{
    (void)state;
    fails_at("date:\"last fortnight\"", 11, "'last fortnight' is not a date");
    fails_at("date:last_fortnight", 10, "is not a date");
    fails_at("wheat date:\"3 parsecs ago\"..", 14, "is not a date");
    fails_at("date:\"last week", 5, "unbalanced quote");
    fails_at("date:\"2022\"..\"2021\"", 14, "starts after it ends");
    fails_at("date:today..yesterday", 12, "starts after it ends");
    fails_at("date:\"\"", 5, "no date given");
    fails_at("date:2021-W53", 11, "2021 has 52 weeks");
}

static void test_colon_in_running_text_is_punctuation(void **state)
{
    (void)state;
    parses_as("Why it matters: boycott", &all_words,
              "AND(whi, it, matter, boycott)");
    parses_as("10:30 meeting", &all_words, "AND(PHRASE(10, 30), meet)");
}

static void test_any_mode_never_fails_on_syntax(void **state)
{
    (void)state;
    parses_as("what (is \"the AND OR NOT: title:x -", &any_words,
              "OR(what, is, the, and, or, not, titl, x)");
    parses_as("O'Neill's \"policy", &any_words, "OR(o'neil, polici)");
}

static void test_any_drops_stopwords(void **state)
{
    (void)state;
    parses_as("What is the effect of interest rates on the U.S. economy?",
              &any_stop, "OR(effect, interest, rate, u.s, economi)");
    /* Upper-case AND/OR/NOT are English words here, and stop words. */
    parses_as("Articles on TSS AND time sharing, NOT batch", &any_stop,
              "OR(articl, tss, time, share, batch)");
    /* "us" is not on the list: US = United States. */
    parses_as("tariffs on US steel", &any_stop, "OR(tariff, us, steel)");
    parses_as("They don't, won't; it's theirs! Pangolins", &any_stop, "pangolin");
}

static void test_any_of_only_stopwords_keeps_them(void **state)
{
    (void)state;
    parses_as("To be or not to be", &any_stop, "OR(to, be, or, not, to, be)");
    parses_as("the", &any_stop, "the");
}

static void test_stopwords_only_leave_any_mode_queries(void **state)
{
    (void)state;
    /* All-words queries and phrases keep every word: the index has them. */
    parses_as("\"war of the worlds\"", &all_stop, "PHRASE(war, of, the, world)");
    parses_as("the economy", &all_stop, "AND(the, economi)");
    /* Without the flag --any keeps them too. */
    parses_as("the economy", &any_words, "OR(the, economi)");
}

/* Parse TEXT with --any and the stop list on an index stemmed for
 * LANGUAGE; compare with WANT. */
static void any_in(const char *language, const char *text, const char *want)
{
    stemmer *s = NULL;
    assert_int_equal(stemmer_new(language, &s), GZ_OK);
    gz_query *q = NULL;
    assert_int_equal(query_parse(text, s, &any_stop, &q, NULL), GZ_OK);
    char *got = query_describe(q);
    if (strcmp(got, want) != 0)
        fail_msg("%s '%s'\n  got  %s\n  want %s", language, text, got, want);
    free(got);
    query_free(q);
    stemmer_free(s);
}

static void test_stopwords_are_the_index_languages(void **state)
{
    (void)state;
    /* A German index drops German stop words and keeps English ones. */
    any_in("german", "der Haus", "haus");
    any_in("german", "the Haus", "OR(the, haus)");
    any_in("de", "Häuser für die Kinder", "OR(haus, kind)");
    any_in("french", "le chat", "chat");
    any_in("french", "the chat", "OR(the, chat)");
    /* "porter" is English, with the English list. */
    any_in("porter", "the chat", "chat");
    /* A language without a list drops nothing, as before issue 22. */
    any_in("romanian", "the of", "OR(the, of)");
}

static void test_highlights_leave_out_dropped_stopwords(void **state)
{
    (void)state;
    gz_query *q = NULL;
    assert_int_equal(query_parse("the boycott of the games", st, &any_stop, &q,
                                 NULL), GZ_OK);
    assert_int_equal(query_stem_count(q), 2);
    assert_string_equal(query_stem(q, 0), "boycott");
    assert_string_equal(query_stem(q, 1), "game");
    query_free(q);
}

static void test_restrict_dates_wraps_the_tree(void **state)
{
    (void)state;
    gz_query *q;
    assert_int_equal(query_parse("wheat", st, &all_words, &q, NULL), GZ_OK);
    assert_int_equal(query_restrict_dates(q, (date_range){ 20210101, 0 }), GZ_OK);
    char *d = query_describe(q);
    assert_string_equal(d, "FILTER(wheat, DATE(20210101..))");
    free(d);
    query_free(q);
}

static void test_highlight_stems_are_positive_words_only(void **state)
{
    (void)state;
    gz_query *q;
    assert_int_equal(query_parse("boycott boycotts title:olympic -china",
                                 st, &all_words, &q, NULL), GZ_OK);
    assert_int_equal(query_stem_count(q), 3);
    assert_string_equal(query_stem(q, 0), "boycott");
    assert_string_equal(query_stem(q, 1), "olymp");
    assert_string_equal(query_stem(q, 2), "china");
    query_free(q);
}

static void test_syntax_errors_name_the_column(void **state)
{
    (void)state;
    fails_at("?! --", 0, "no words");
    fails_at("", 0, "no words");
    fails_at("wheat \"fiscal policy", 6, "unbalanced quote");
    fails_at("(wheat OR corn", 0, "unbalanced '('");
    fails_at("wheat OR corn)", 13, "unbalanced ')'");
    fails_at("wheat ()", 6, "empty parentheses");
    fails_at("OR wheat", 0, "OR needs something on its left");
    fails_at("wheat OR", 6, "OR needs something on its right");
    fails_at("wheat AND", 6, "AND needs something on its right");
    fails_at("NOT wheat", 0, "NOT needs something on its left");
    fails_at("wheat NOT", 6, "NOT needs something on its right");
    fails_at("wheat OR OR corn", 6, "OR needs something on its right");
    fails_at("wheat NEAR/x corn", 6, "NEAR/N");
    fails_at("\"a b\" NEAR c", 0, "NEAR joins single words");
    fails_at("wheat writer:smith", 6, "unknown field 'writer:' (fields: title, "
             "source, author, site, url, id, date, exact, lang)");
    fails_at("wheat title: corn", 6, "nothing after 'title:'");
    fails_at("wheat date:2021-02-30", 19, "not a real day");
    fails_at("date:2021-13", 10, "month 13");
    fails_at("date:2021-06..2021-01", 14, "starts after it ends");
    fails_at("wheat \"\"", 6, "no word");
}

/* Issue 18: every character is part of the parsed query or the cause of
 * an error; nothing is dropped or turned into another meaning. */
static void test_no_silent_rewrite(void **state)
{
    (void)state;
    /* Syntax of other engines that Gazette does not have yet. */
    fails_at("wheat~2", 5, "'~' goes right after a quoted phrase only");
    fails_at("\"a b\" ~2", 6, "'~' goes right after");
    fails_at("oil*gas", 3, "'*' goes at the end of a word");
    fails_at("wheat title:*", 12, "'*' goes at the end");
    fails_at("\"immigra* law\"", 8, "a wildcard inside a phrase");
    fails_at("wheat **", 6, "'*' goes at the end");
    fails_at("source:reut*", 11, "'*' goes at the end");
    fails_at("exact:immigra*", 13, "'*' goes at the end");
    fails_at("U.S.-Chi*", 0, "a wildcard goes on one word");
    fails_at("o'*", 2, "'*' must follow a letter or digit");
    fails_at("wheat =corn", 6, "exact:word");
    fails_at("=\"a b\"", 0, "exact:");
    fails_at("a|b", 1, "'|' is not an operator");
    /* Signs: one, right before what it applies to. */
    fails_at("crude --oil", 6, "one sign");
    fails_at("crude -+oil", 6, "one sign");
    fails_at("+-oil", 0, "one sign");
    fails_at("--(oil OR gas)", 0, "one sign");
    fails_at("title:-oil", 6, "before the field");
    fails_at("title:+oil", 6, "before the field");
    fails_at("wheat NOT -corn", 10, "NOT and a sign");
    fails_at("wheat NOT +corn", 10, "NOT and a sign");
    /* Punctuation between words separates them, as in the indexed text;
     * signs standing alone are punctuation. */
    parses_as("oil&gas", &all_words, "PHRASE(oil, gas)");
    parses_as("a=b", &all_words, "PHRASE(a, b)");
    parses_as("wheat -- corn", &all_words, "AND(wheat, corn)");
    parses_as("-title:oil", &all_words, "AND_NOT(ALL, Soil)");
    parses_as("id:abc*", &all_words, "filter:Qabc*");
    /* Prefix wildcards: the folded word's prefix over the unstemmed terms
     * (W) or the title's (T). */
    parses_as("Immigra*", &all_words, "Wimmigra*");
    parses_as("wheat -title:oil*", &all_words, "AND_NOT(wheat, Toil*)");
    parses_as("198* OR oil", &all_words, "OR(W198*, oil)");
    /* Exact words: the surface (E) where folding changes it, else the
     * unstemmed word (W), which match; the stems weigh. */
    parses_as("exact:\"New deal\"", &all_words,
              "FILTER(AND(new, deal), PHRASE(ENew, Wdeal))");
    parses_as("exact:US -exact:presided", &all_words,
              "AND_NOT(FILTER(us, EUS), FILTER(presid, Wpresided))");
    parses_as("exact:Café", &all_words, "FILTER(cafe, ECafé)");
    /* --any: no character has a meaning. */
    parses_as("\"border wall\"~3 oil* a|b", &any_words,
              "OR(border, wall, 3, oil, a, b)");
}

static void test_too_long_word_is_refused_not_dropped(void **state)
{
    (void)state;
    char q[200];
    memset(q, 'a', TOKEN_MAX_BYTES);
    q[TOKEN_MAX_BYTES] = '\0';
    gz_query *out = NULL;
    assert_int_equal(query_parse(q, st, &all_words, &out, NULL), GZ_OK);
    query_free(out);
    snprintf(q, sizeof q, "wheat %0*d corn", TOKEN_MAX_BYTES + 1, 7);
    fails_at(q, 6, "longer than 64 bytes");
    snprintf(q, sizeof q, "wheat-%0*d", TOKEN_MAX_BYTES + 1, 7);
    fails_at(q, 6, "longer than 64 bytes");
    snprintf(q, sizeof q, "\"wheat %0*d\"", TOKEN_MAX_BYTES + 1, 7);
    fails_at(q, 7, "longer than 64 bytes");
    snprintf(q, sizeof q, "title:%0*d", TOKEN_MAX_BYTES + 1, 7);
    fails_at(q, 6, "longer than 64 bytes");
    size_t col = 0;
    snprintf(q, sizeof q, "wheat %0*d", TOKEN_MAX_BYTES + 1, 7);
    assert_int_equal(query_parse(q, st, &any_words, &out, &col), GZ_EPARSE);
    assert_int_equal(col, 6);
}

/* A malloc()ed query of N words "w0 w1 ...", each JOINed to the next. */
static char *many_words(int n, const char *join)
{
    size_t cap = (size_t)n * (12 + strlen(join)) + 1, len = 0;
    char *q = malloc(cap);
    assert_non_null(q);
    q[0] = '\0';
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(q + len, cap - len, "%sw%x", i ? join : "", i);
    return q;
}

/* Where word I starts in many_words(N, " ").  */
static size_t word_column(int i)
{
    size_t col = 0;
    char buf[16];
    for (int k = 0; k < i; k++)
        col += (size_t)snprintf(buf, sizeof buf, "w%x ", k);
    return col;
}

static void test_query_longer_than_max_bytes_is_refused(void **state)
{
    (void)state;
    char *q = malloc(QUERY_MAX_BYTES + 2);
    assert_non_null(q);
    memset(q, 'a', QUERY_MAX_BYTES);
    q[QUERY_MAX_BYTES] = '\0';
    gz_query *out = NULL;
    /* At the limit: parsed (one word, too long to be a term). */
    fails_at(q, 0, "longer than 64 bytes");
    q[QUERY_MAX_BYTES] = 'a';
    q[QUERY_MAX_BYTES + 1] = '\0';
    fails_at(q, QUERY_MAX_BYTES, "longer than 16384 bytes (16385)");
    size_t col = 0;
    assert_int_equal(query_parse(q, st, &any_words, &out, &col), GZ_EPARSE);
    assert_null(out);
    assert_int_equal(col, QUERY_MAX_BYTES);
    free(q);
}

static void test_terms_past_max_terms_are_refused_at_the_first_extra(
    void **state)
{
    (void)state;
    char *q = many_words(QUERY_MAX_TERMS, " ");
    gz_query *out = NULL;
    assert_int_equal(query_parse(q, st, &all_words, &out, NULL), GZ_OK);
    query_free(out);
    assert_int_equal(query_parse(q, st, &any_words, &out, NULL), GZ_OK);
    query_free(out);
    free(q);

    q = many_words(QUERY_MAX_TERMS + 1, " ");
    fails_at(q, word_column(QUERY_MAX_TERMS), "more than 1024 terms");
    size_t col = 0;
    assert_int_equal(query_parse(q, st, &any_words, &out, &col), GZ_EPARSE);
    assert_int_equal(col, word_column(QUERY_MAX_TERMS));
    free(q);
    q = many_words(1500, " OR ");   /* 12 KiB */
    fails_at(q, (size_t)(strstr(q, " w400 ") + 1 - q), "more than 1024 terms");
    free(q);
}

static void test_field_terms_count_too(void **state)
{
    (void)state;
    /* date:2021-01-31..2021-12-01 is a day, 10 months and a day: 12
     * terms; 86 of them are 1032. */
    size_t cap = 86 * 32 + 1, len = 0;
    char *q = malloc(cap);
    assert_non_null(q);
    for (int i = 0; i < 86; i++)
        len += (size_t)snprintf(q + len, cap - len, "%sdate:2021-01-31..2021-12-01",
                                i ? " OR " : "");
    gz_query *out = NULL;
    assert_int_equal(query_parse(q, st, &all_words, &out, NULL), GZ_EPARSE);
    assert_non_null(strstr(gz_last_error(), "more than 1024 terms"));
    free(q);
    /* id: and source: are one term each. */
    q = many_words(QUERY_MAX_TERMS, " id:");
    assert_int_equal(query_parse(q, st, &all_words, &out, NULL), GZ_OK);
    query_free(out);
    free(q);
}

static void test_wildcards_past_max_wildcards_are_refused(void **state)
{
    (void)state;
    char q[QUERY_MAX_WILDCARDS * 8 + 16];
    size_t len = 0;
    for (int i = 0; i < QUERY_MAX_WILDCARDS; i++)
        len += (size_t)sprintf(q + len, "%sw%d*", i ? " OR " : "", i);
    gz_query *out = NULL;
    assert_int_equal(query_parse(q, st, &all_words, &out, NULL), GZ_OK);
    /* Each is a term of QUERY_MAX_TERMS, with its cap for the wrapper. */
    const gz_qnode *root = query_tree(out);
    assert_int_equal(root->nchildren, QUERY_MAX_WILDCARDS);
    assert_int_equal(root->children[0]->op, GZ_Q_WILDCARD);
    assert_int_equal(root->children[0]->window, QUERY_WILDCARD_MAX);
    query_free(out);
    size_t col = len + 4;
    sprintf(q + len, " OR title:x*");
    fails_at(q, col + 6, "more than 16 wildcards");
}

static void test_phrase_and_near_words_past_max_positional_are_refused(
    void **state)
{
    (void)state;
    char *q = many_words(QUERY_MAX_POSITIONAL, " ");
    size_t n = strlen(q);
    char *quoted = malloc(n + 3);
    assert_non_null(quoted);
    snprintf(quoted, n + 3, "\"%s\"", q);
    gz_query *out = NULL;
    assert_int_equal(query_parse(quoted, st, &all_words, &out, NULL), GZ_OK);
    query_free(out);
    free(quoted);
    free(q);

    /* 33 two-word phrases: 66 words; the 33rd phrase is refused. */
    q = malloc(33 * 16);
    size_t len = 0;
    for (int i = 0; i < 33; i++)
        len += (size_t)sprintf(q + len, "%s\"a%d b\"", i ? " OR " : "", i);
    char *last = strrchr(q, '"');
    while (last > q && last[-1] != '"')
        last--;
    fails_at(q, (size_t)(last - 1 - q) + 1, "more than 64 words in phrases");
    free(q);

    q = many_words(QUERY_MAX_POSITIONAL + 1, " NEAR ");
    fails_at(q, (size_t)(strstr(q, " NEAR w40") + 1 - q),
             "more than 64 words in phrases");
    free(q);
    q = many_words(QUERY_MAX_POSITIONAL, " NEAR ");
    assert_int_equal(query_parse(q, st, &all_words, &out, NULL), GZ_OK);
    query_free(out);
    free(q);
    /* A run of words is a phrase too. */
    q = many_words(QUERY_MAX_POSITIONAL + 1, "-");
    fails_at(q, 0, "more than 64 words in phrases");
    free(q);
    /* --any has no phrase: 65 words are fine. */
    q = many_words(QUERY_MAX_POSITIONAL + 1, "-");
    assert_int_equal(query_parse(q, st, &any_words, &out, NULL), GZ_OK);
    query_free(out);
    free(q);
}

/* Boosts (issue 18): ^N right after a word, a phrase, a field's value or
 * ')' scales that part's weight; N from more than 0 to 1000, 3 decimals. */
static void test_boosts(void **state)
{
    (void)state;
    parses_as("trump^2 tariffs", &all_words, "AND(trump^2, tariff)");
    parses_as("\"border wall\"^1.5", &all_words, "PHRASE(border, wall)^1.5");
    parses_as("\"border wall\"~3^2", &all_words, "PHRASE/5(border, wall)^2");
    parses_as("title:x^3 y", &all_words, "AND(Sx^3, y)");
    parses_as("title:\"a b\"^0.25", &all_words, "PHRASE(Sa, Sb)^0.25");
    parses_as("(a OR b)^2 c", &all_words, "AND(OR(a, b)^2, c)");
    parses_as("U.S.-China^1000", &all_words, "PHRASE(u.s, china)^1000");
    parses_as("a^0.001 b^1", &all_words, "AND(a^0.001, b^1)");
    fails_at("(a^2)^3", 5, "one boost at most");
    parses_as("((a b)^2 c)^3", &all_words, "AND(AND(a, b)^2, c)^3");
    parses_as("(a NEAR b)^2", &all_words, "NEAR/11(a, b)^2");
    parses_as("a^2 source:reuters", &all_words, "FILTER(a^2, filter:Kreuters)");
    parses_as("(a source:reuters)^2", &all_words, "FILTER(a, filter:Kreuters)^2");
    /* Quoted, ^ separates words as any punctuation; with --any too. */
    parses_as("\"a^2 b\"", &all_words, "PHRASE(a, 2, b)");
    parses_as("trump^2 tariffs", &any_words, "OR(trump, 2, tariff)");
    /* The number. */
    fails_at("a^", 1, "a boost ^N needs a number N");
    fails_at("a^x", 1, "greater than 0 and at most 1000");
    fails_at("a^-1", 1, "a boost ^N needs a number N");
    fails_at("a^0", 1, "a boost ^N needs a number N");
    fails_at("a^0.000", 1, "a boost ^N needs a number N");
    fails_at("a^1000.001", 1, "a boost ^N needs a number N");
    fails_at("a^1001", 1, "a boost ^N needs a number N");
    fails_at("a^1.2345", 1, "at most 3 decimals");
    fails_at("a^.5", 1, "a boost ^N needs a number N");
    fails_at("a^2x b", 1, "a boost ^N needs a number N");
    fails_at("a^2^3", 1, "a boost ^N needs a number N");
    fails_at("\"a b\"^", 5, "a boost ^N needs a number N");
    fails_at("(a b)^x", 5, "a boost ^N needs a number N");
    /* Its place. */
    fails_at("a ^2", 2, "'^' goes right after");
    fails_at("^2", 0, "'^' goes right after");
    fails_at("a (^2 b)", 3, "'^' goes right after");
    fails_at("a OR^2 b", 4, "'^' goes right after");
    fails_at("a NEAR/3^2 b", 8, "'^' goes right after");
    fails_at("a ?^2", 3, "'^' goes right after");
    /* Where it would weigh nothing. */
    fails_at("a -b^2", 4, "excluded");
    fails_at("a NOT b^2", 7, "excluded");
    fails_at("a -(b c^2)", 7, "excluded");
    fails_at("a -(b c)^2", 8, "excluded");
    fails_at("a source:reuters^2", 16, "adds no weight");
    fails_at("a source:\"fox news\"^2", 19, "adds no weight");
    fails_at("a date:2021^2", 11, "adds no weight");
    fails_at("a id:x^2", 6, "adds no weight");
    fails_at("a (source:x OR id:y)^2", 20, "adds no weight");
    fails_at("*^2", 1, "adds no weight");
    fails_at("a^2 NEAR b", 1, "on the whole NEAR group");
    fails_at("a NEAR b^2", 8, "on the whole NEAR group");
    /* A quoted id may hold '^'. */
    parses_as("id:\"x^2\"", &all_words, "filter:Qx^2");
}

/* Grouping in a field (issue 18): each word or phrase inside takes the
 * field. */
static void test_field_groups(void **state)
{
    (void)state;
    parses_as("title:(tariff OR trade)", &all_words, "OR(Stariff, Strade)");
    parses_as("title:(a b)", &all_words, "AND(Sa, Sb)");
    parses_as("title:(a -b)", &all_words, "AND_NOT(Sa, Sb)");
    parses_as("title:(a (b OR \"c d\"))", &all_words,
              "AND(Sa, OR(Sb, PHRASE(Sc, Sd)))");
    parses_as("title:(\"c d\"~2 OR e)^2", &all_words,
              "OR(PHRASE/4(Sc, Sd), Se)^2");
    parses_as("title:(a NEAR/2 b)", &all_words, "NEAR/3(Sa, Sb)");
    parses_as("title:(immigra* OR b)", &all_words, "OR(Timmigra*, Sb)");
    fails_at("source:(reut* OR x)", 12, "'*' goes at the end");
    parses_as("-title:(a OR b) c", &all_words, "AND_NOT(c, OR(Sa, Sb))");
    parses_as("source:(\"Fox News\" OR Reuters) wheat", &all_words,
              "FILTER(wheat, OR(filter:Kfox news, filter:Kreuters))");
    parses_as("id:(reut-00001 OR reut-00002)", &all_words,
              "OR(filter:Qreut-00001, filter:Qreut-00002)");
    parses_as("wheat date:(2020 OR 2021-03)", &all_words,
              "FILTER(wheat, OR(filter:Y2020, filter:M202103))");
    parses_as("title:(a OR b) title:c", &all_words, "AND(OR(Sa, Sb), Sc)");
    fails_at("title:()", 6, "empty parentheses");
    fails_at("title:(a", 6, "unbalanced '('");
    fails_at("title:(", 7, "the query ends where a word was expected");
    fails_at("title:(source:x)", 7, "a field inside title:(...)");
    fails_at("title:(a OR title:b)", 12, "a field inside title:(...)");
    fails_at("title:(a *)", 9, "'*'");
    fails_at("source:(\"fox news\"~2)", 18, "phrase slop");
    fails_at("date:(2021-13)", 11, "month 13");
    fails_at("title: (a)", 0, "nothing after 'title:'");
}

/* NEAR between phrases (issue 18): Xapian 1.4 has no NEAR or PHRASE over
 * anything but terms (UnimplementedError), so it is refused at the
 * operand, with the alternatives. */
static void test_near_joins_words_only(void **state)
{
    (void)state;
    fails_at("\"border wall\" NEAR/5 \"national emergency\"", 0,
             "NEAR joins single words");
    fails_at("\"border wall\" NEAR/5 \"national emergency\"", 0,
             "\"a b c d\"~N");
    fails_at("wall NEAR/5 \"national emergency\"", 12, "NEAR joins single words");
    fails_at("wall NEAR (a OR b)", 10, "NEAR joins single words");
    fails_at("title:(a b) NEAR c", 0, "NEAR joins single words");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_are_all_required_by_default),
        cmocka_unit_test(test_any_makes_an_or),
        cmocka_unit_test(test_lower_case_or_and_not_are_words),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_phrase_matches_stems_in_order),
        cmocka_unit_test(test_phrase_slop),
        cmocka_unit_test(test_near),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_author_site_url_fields),
        cmocka_unit_test(test_words_in_each_language),
        cmocka_unit_test(test_closed_date_ranges_become_year_month_day_terms),
        cmocka_unit_test(test_plain_dates_in_date_field),
        cmocka_unit_test(test_plain_date_errors),
        cmocka_unit_test(test_colon_in_running_text_is_punctuation),
        cmocka_unit_test(test_any_mode_never_fails_on_syntax),
        cmocka_unit_test(test_any_drops_stopwords),
        cmocka_unit_test(test_any_of_only_stopwords_keeps_them),
        cmocka_unit_test(test_stopwords_only_leave_any_mode_queries),
        cmocka_unit_test(test_stopwords_are_the_index_languages),
        cmocka_unit_test(test_highlights_leave_out_dropped_stopwords),
        cmocka_unit_test(test_restrict_dates_wraps_the_tree),
        cmocka_unit_test(test_highlight_stems_are_positive_words_only),
        cmocka_unit_test(test_syntax_errors_name_the_column),
        cmocka_unit_test(test_no_silent_rewrite),
        cmocka_unit_test(test_too_long_word_is_refused_not_dropped),
        cmocka_unit_test(test_wildcards_past_max_wildcards_are_refused),
        cmocka_unit_test(test_query_longer_than_max_bytes_is_refused),
        cmocka_unit_test(test_terms_past_max_terms_are_refused_at_the_first_extra),
        cmocka_unit_test(test_field_terms_count_too),
        cmocka_unit_test(test_phrase_and_near_words_past_max_positional_are_refused),
        cmocka_unit_test(test_boosts),
        cmocka_unit_test(test_field_groups),
        cmocka_unit_test(test_near_joins_words_only),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
