/* Unit tests: an index records its schema and stemmer, and an index made
 * by another schema or stemmer is refused on open, never misread. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "error.h"
#include "layout.h"
#include "record.h"
#include "schema.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/gz-schema-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return layout_remove(dir) == GZ_OK ? 0 : -1;
}

static char *path_of(const char *name)
{
    static char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

/* A marked index, then KEY set to VALUE behind the schema's back. */
static void make_index(const char *name, const char *key, const char *value)
{
    stemmer *st;
    gz_writer *w;
    assert_int_equal(stemmer_new("english", &st), GZ_OK);
    assert_int_equal(gz_writer_open(path_of(name), 1, &w), GZ_OK);
    assert_int_equal(schema_check_writer(w, st), GZ_OK);
    gz_doc *doc = gz_doc_new();
    assert_non_null(doc);
    assert_int_equal(gz_doc_add_posting(doc, "wheat", 5, 1, 1), GZ_OK);
    assert_int_equal(gz_writer_replace(w, "Qa", doc), GZ_OK);
    gz_doc_free(doc);
    if (key)
        assert_int_equal(gz_writer_set_metadata(w, key, value, strlen(value)), GZ_OK);
    assert_int_equal(gz_writer_close(w, 1), GZ_OK);
    stemmer_free(st);
}

static gz_status check_as(const char *name, const char *language)
{
    stemmer *st;
    gz_db *db;
    assert_int_equal(stemmer_new(language, &st), GZ_OK);
    assert_int_equal(gz_db_open(path_of(name), &db), GZ_OK);
    gz_status s = schema_check_db(db, st);
    gz_db_close(db);
    stemmer_free(st);
    return s;
}

/* What gazette-index --rebuild's check says of the index NAME. */
static gz_status rebuild_check_as(const char *name, const char *language)
{
    stemmer *st;
    gz_writer *w;
    assert_int_equal(stemmer_new(language, &st), GZ_OK);
    assert_int_equal(gz_writer_open(path_of(name), 0, &w), GZ_OK);
    gz_status s = schema_check_rebuild(w, st);
    assert_int_equal(gz_writer_close(w, 0), GZ_OK);
    stemmer_free(st);
    return s;
}

/* --shard K/N: FNV-1a of the id's bytes, so a shard never depends on the
 * platform or the run (0xe40c292c is FNV-1a 32 of "a"). */
static void test_shard_of_id_is_fnv1a_modulo_shards(void **state)
{
    (void)state;
    assert_int_equal(schema_shard_of("a", 1000), 0xe40c292cu % 1000);
    assert_int_equal(schema_shard_of("", 7), 2166136261u % 7);
    unsigned counts[3] = { 0, 0, 0 };
    char id[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(id, sizeof id, "reut-%05d", i);
        counts[schema_shard_of(id, 3)]++;
    }
    for (int k = 0; k < 3; k++)
        assert_true(counts[k] > 800 && counts[k] < 1200);
}

static void test_own_index_passes(void **state)
{
    (void)state;
    make_index("ok", NULL, NULL);
    assert_int_equal(check_as("ok", "english"), GZ_OK);
}

static void test_newer_schema_is_eversion(void **state)
{
    (void)state;
    make_index("newer", SCHEMA_META_VERSION, "99");
    assert_int_equal(check_as("newer", "english"), GZ_EVERSION);
    assert_non_null(strstr(gz_last_error(), "schema 99"));
}

/* Schema 3 added the order slot: a schema-2 index would sort ties by
 * document id, so it is refused with the way out. */
static void test_schema_2_is_eversion(void **state)
{
    (void)state;
    make_index("two", SCHEMA_META_VERSION, "2");
    assert_int_equal(check_as("two", "english"), GZ_EVERSION);
    assert_non_null(strstr(gz_last_error(), "schema 2"));
    assert_non_null(strstr(gz_last_error(), "--rebuild"));
    /* ... which accepts it (and leaves its marks to the new index). */
    assert_int_equal(rebuild_check_as("two", "english"), GZ_OK);
    assert_int_equal(check_as("two", "english"), GZ_EVERSION);
}

/* An index NAME marked schema VERSION is refused, with the way out,
 * which accepts it. */
static void refused_until_rebuilt(const char *name, const char *version)
{
    char want[32];
    snprintf(want, sizeof want, "index schema %s", version);
    make_index(name, SCHEMA_META_VERSION, version);
    assert_int_equal(check_as(name, "english"), GZ_EVERSION);
    assert_non_null(strstr(gz_last_error(), want));
    assert_non_null(strstr(gz_last_error(), "--rebuild"));
    assert_int_equal(rebuild_check_as(name, "english"), GZ_OK);
}

/* Schema 4 folds accents (tokenize.h): in a schema-3 index "café" is
 * the term "café", which the query "cafe" (or "café") no longer names. */
static void test_schema_3_is_eversion(void **state)
{
    (void)state;
    refused_until_rebuilt("three", "3");
}

/* Schema 5 adds author, site and url terms and the gz2 record: a
 * schema-4 index has none of them, so author: site: url: would find
 * nothing there; it is refused, with what to do. */
static void test_schema_4_is_eversion(void **state)
{
    (void)state;
    assert_int_equal(GAZETTE_SCHEMA_VERSION, 6);
    refused_until_rebuilt("four", "4");
}

/* Schema 6 (issue 22) stems each article in its language and cuts text
 * written without spaces into bigrams: a schema-5 index stemmed every
 * article as one language and holds such a run as one word; it is
 * refused, with what to do. */
static void test_schema_5_is_eversion(void **state)
{
    (void)state;
    refused_until_rebuilt("five", "5");
}

/* The number of articles of index NAME with TERM. */
static unsigned long termfreq(const char *name, const char *term)
{
    gz_db *db;
    unsigned long n = 0;
    assert_int_equal(gz_db_open(path_of(name), &db), GZ_OK);
    assert_int_equal(gz_db_termfreq(db, term, &n), GZ_OK);
    gz_db_close(db);
    return n;
}

/* Index A into index NAME in language LANG. */
static void index_article_in(const char *name, const article *a,
                             const schema_lang *lang)
{
    gz_writer *w;
    gz_doc *doc = NULL;
    assert_int_equal(gz_writer_open(path_of(name), 1, &w), GZ_OK);
    assert_int_equal(schema_doc_build(lang, a, "/a.jsonl", &doc, NULL), GZ_OK);
    char *idterm = schema_idterm(a->id);
    assert_int_equal(gz_writer_replace(w, idterm, doc), GZ_OK);
    free(idterm);
    gz_doc_free(doc);
    assert_int_equal(gz_writer_close(w, 1), GZ_OK);
}

static void index_article(const char *name, const article *a)
{
    stemmer *st;
    assert_int_equal(stemmer_new("english", &st), GZ_OK);
    schema_lang en = { "en", st, 0 };
    index_article_in(name, a, &en);
    stemmer_free(st);
}

/* Schema 6: the default language's stems as they were, another
 * language's behind its code, a language without a stemmer's words
 * folded and prefixed; an L term each; exact words unprefixed. */
static void test_each_article_stemmed_in_its_language(void **state)
{
    (void)state;
    stemmer *en_st, *de_st;
    assert_int_equal(stemmer_new("english", &en_st), GZ_OK);
    assert_int_equal(stemmer_new("german", &de_st), GZ_OK);
    schema_lang en = { "en", en_st, 0 }, de = { "de", de_st, 1 },
                zz = { "zz", NULL, 1 };
    article a = { .id = "en1", .date = "2021-04-06", .title = "Houses",
                  .source = "", .url = "", .body = "The houses die.",
                  .body_len = 15, .line = 1 };
    index_article_in("langs", &a, &en);
    a.id = "de1";
    a.title = "H\xc3\xa4user";
    a.body = "Die H\xc3\xa4user.";
    a.body_len = strlen(a.body);
    index_article_in("langs", &a, &de);
    a.id = "zz1";
    a.title = "Walking";
    a.body = "Walking.";
    a.body_len = 8;
    index_article_in("langs", &a, &zz);
    stemmer_free(en_st);
    stemmer_free(de_st);

    const char *one[] = { "Len", "Lde", "Lzz", "hous", "Shous", "die",
                          "de:haus", "Sde:haus", "de:die", "zz:walking",
                          "Szz:walking", "Wwalking", "Twalking" };
    for (size_t i = 0; i < sizeof one / sizeof *one; i++)
        if (termfreq("langs", one[i]) != 1)
            fail_msg("term '%s' not in exactly one article", one[i]);
    assert_int_equal(termfreq("langs", "Whauser"), 1);
    assert_int_equal(termfreq("langs", "Wdie"), 2);
    assert_int_equal(termfreq("langs", "walk"), 0);
    assert_int_equal(termfreq("langs", "haus"), 0);

    /* The stored record says the language. */
    gz_db *db;
    char *data = NULL;
    size_t len = 0;
    record r;
    assert_int_equal(gz_db_open(path_of("langs"), &db), GZ_OK);
    assert_int_equal(gz_db_get_data(db, "Qde1", &data, &len), GZ_OK);
    assert_int_equal(record_decode(data, len, &r), GZ_OK);
    assert_string_equal(r.lang, "de");
    record_free(&r);
    free(data);
    gz_db_close(db);
}

/* Each author's whole name and words, unstemmed (as the source's); the
 * site and each of its parent domains; the url whole. */
static void test_author_site_and_url_terms(void **state)
{
    (void)state;
    article a = { .id = "a1", .date = "2021-04-06", .title = "T",
                  .source = "BBC News", .url = "https://www.bbc.co.uk/news/1",
                  .author = "Jane Doe, John Smith and Ann Lee; Bo & Al",
                  .site = "www.bbc.co.uk", .body = "Wheat.", .body_len = 6,
                  .line = 1 };
    index_article("fields", &a);
    const char *present[] = {
        "Ajane doe", "Ajohn smith", "Aann lee", "Abo", "Aal", "Ajane",
        "Adoe", "Ajohn", "Asmith", "Aann", "Alee",
        "Hwww.bbc.co.uk", "Hbbc.co.uk", "Hco.uk", "Huk",
        "Uhttps://www.bbc.co.uk/news/1",
    };
    for (size_t i = 0; i < sizeof present / sizeof *present; i++)
        if (termfreq("fields", present[i]) != 1)
            fail_msg("no term '%s'", present[i]);
    const char *absent[] = { "Ajane doe john smith and ann lee bo al", "Aand",
                             "Hwww", "Hnews", "Ajanes" };
    for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
        if (termfreq("fields", absent[i]) != 0)
            fail_msg("term '%s' should not be there", absent[i]);

    /* An IP address has no parent domains; no site, no url: no terms. */
    article b = { .id = "b1", .date = NULL, .title = "T", .source = "",
                  .url = "", .author = "", .site = "192.0.2.1",
                  .body = "Oats.", .body_len = 5, .line = 1 };
    index_article("ip", &b);
    assert_int_equal(termfreq("ip", "H192.0.2.1"), 1);
    assert_int_equal(termfreq("ip", "H0.2.1"), 0);
    assert_int_equal(termfreq("ip", "H1"), 0);
    assert_int_equal(termfreq("ip", "U"), 0);
    assert_int_equal(termfreq("ip", "H"), 0);
}

/* A url longer than a term keeps its beginning and a hash of the rest
 * (omindex's way), so that two long urls that differ only at their end
 * still have two terms. */
static void test_long_url_term_is_hashed_and_unique(void **state)
{
    (void)state;
    char url[600], t1[SCHEMA_TERM_MAX + 1], t2[SCHEMA_TERM_MAX + 1];
    size_t n = schema_url_term("https://x.org/a", 15, t1);
    assert_int_equal(n, 16);
    assert_string_equal(t1, SCHEMA_PREFIX_URL "https://x.org/a");

    memcpy(url, "https://x.org/", 14);
    memset(url + 14, 'q', 500);
    url[514] = '\0';
    size_t n1 = schema_url_term(url, 514, t1);
    assert_int_equal(n1, strlen(t1));
    assert_true(n1 <= SCHEMA_TERM_MAX);
    assert_memory_equal(t1 + 1, url, 100);
    /* The same url: the same term. */
    assert_int_equal(schema_url_term(url, 514, t2), n1);
    assert_string_equal(t1, t2);
    /* Another ending: another term. */
    url[513] = 'r';
    schema_url_term(url, 514, t2);
    assert_string_not_equal(t1, t2);
    /* The longest url kept whole, and one byte more. */
    assert_int_equal(schema_url_term(url, SCHEMA_TERM_MAX - 1, t1),
                     SCHEMA_TERM_MAX);
    assert_memory_equal(t1 + 1, url, SCHEMA_TERM_MAX - 1);
    assert_true(schema_url_term(url, SCHEMA_TERM_MAX, t1) <= SCHEMA_TERM_MAX);
    assert_memory_not_equal(t1 + 1, url, SCHEMA_TERM_MAX - 1);
    /* Never a character cut in two: the kept part is whole UTF-8. */
    for (size_t i = 14; i < 514; i += 2)
        memcpy(url + i, "\xc3\xa9", 2);
    n1 = schema_url_term(url, 514, t1);
    size_t i = 1 + 14;
    while (i < n1 && (unsigned char)t1[i] >= 0x80)
        i++;
    assert_true(i < n1);                /* the hash, in ASCII, follows */
    assert_int_equal((i - 15) % 2, 0);
}

struct keyed { const char *ymd, *id; char key[SCHEMA_ORDER_MAX + 1]; };

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

/* Ascending keys: newest first, equal dates by id (bytes, a prefix
 * first), the undated last and among themselves by id. */
static void test_order_key_sorts_newest_then_id_undated_last(void **state)
{
    (void)state;
    struct keyed k[] = {
        { NULL, "u2", "" }, { "19870101", "r", "" }, { "20210406", "b", "" },
        { "20210406", "ab", "" }, { NULL, "u1", "" }, { "20210407", "z", "" },
        { "20210406", "a", "" }, { "99991231", "y", "" }, { "00010101", "x", "" },
    };
    const char *want = "y z a ab b r x u1 u2";
    size_t n = sizeof k / sizeof k[0];
    for (size_t i = 0; i < n; i++) {
        size_t len = schema_order_key(k[i].ymd, k[i].id, k[i].key);
        assert_int_equal(len, 8 + strlen(k[i].id));
        k[i].key[len] = '\0';
    }
    assert_string_equal(k[2].key, "79789593b");
    assert_string_equal(k[0].key, "~~~~~~~~u2");
    qsort(k, n, sizeof k[0], by_key);
    char got[64] = "";
    for (size_t i = 0; i < n; i++) {
        strcat(got, i ? " " : "");
        strcat(got, k[i].id);
    }
    assert_string_equal(got, want);
}

static void test_other_stemmer_is_eversion(void **state)
{
    (void)state;
    make_index("french", NULL, NULL);
    assert_int_equal(check_as("french", "french"), GZ_EVERSION);
    /* --rebuild --language french changes it. */
    assert_int_equal(rebuild_check_as("french", "french"), GZ_OK);
    assert_non_null(strstr(gz_last_error(), "'english' stemmer"));
}

static void test_stemmer_that_stems_differently_is_eversion(void **state)
{
    (void)state;
    make_index("fp", SCHEMA_META_STEMCHECK, "00000000");
    assert_int_equal(check_as("fp", "english"), GZ_EVERSION);
    assert_non_null(strstr(gz_last_error(), "stems differently"));
    assert_int_equal(rebuild_check_as("fp", "english"), GZ_OK);
}

static void test_foreign_xapian_database_is_eversion(void **state)
{
    (void)state;
    gz_writer *w;
    assert_int_equal(gz_writer_open(path_of("foreign"), 1, &w), GZ_OK);
    gz_doc *doc = gz_doc_new();
    assert_int_equal(gz_doc_add_boolean(doc, "Qx", 2), GZ_OK);
    assert_int_equal(gz_writer_replace(w, "Qx", doc), GZ_OK);
    gz_doc_free(doc);
    assert_int_equal(gz_writer_close(w, 1), GZ_OK);
    assert_int_equal(check_as("foreign", "english"), GZ_EVERSION);
    assert_non_null(strstr(gz_last_error(), "not a Gazette index"));
    assert_int_equal(rebuild_check_as("foreign", "english"), GZ_EVERSION);
    assert_non_null(strstr(gz_last_error(), "not made by Gazette"));
}

/* One id limit: Xapian's term limit less the id prefix, and an id that
 * long is stored, found by its term and ordered by its key. */
static void test_id_limit_is_term_limit_less_prefix(void **state)
{
    (void)state;
    char id[SCHEMA_ID_MAX + 2];
    assert_int_equal(SCHEMA_ID_MAX, 244);
    assert_int_equal(SCHEMA_ID_MAX, SCHEMA_TERM_MAX - SCHEMA_PREFIX_LEN);
    assert_int_equal(strlen(SCHEMA_PREFIX_ID), SCHEMA_PREFIX_LEN);
    memset(id, 'x', sizeof id);
    id[242] = '\0';
    assert_true(schema_id_ok(id));
    id[242] = 'x';
    id[SCHEMA_ID_MAX] = '\0';
    assert_true(schema_id_ok(id));
    id[SCHEMA_ID_MAX] = 'x';
    id[SCHEMA_ID_MAX + 1] = '\0';
    assert_false(schema_id_ok(id));
    assert_false(schema_id_ok(""));

    /* The longest id goes into an index as Xapian takes it. */
    id[SCHEMA_ID_MAX] = '\0';
    stemmer *st;
    gz_writer *w;
    gz_doc *doc = NULL;
    article a = { .id = id, .date = "2021-04-06", .title = "Long id",
                  .source = "", .url = "", .body = "Wheat.", .body_len = 6,
                  .line = 1 };
    assert_int_equal(stemmer_new("english", &st), GZ_OK);
    assert_int_equal(gz_writer_open(path_of("longid"), 1, &w), GZ_OK);
    schema_lang en = { "en", st, 0 };
    assert_int_equal(schema_doc_build(&en, &a, "/a.jsonl", &doc, NULL), GZ_OK);
    char *idterm = schema_idterm(id);
    assert_non_null(idterm);
    assert_int_equal(strlen(idterm), SCHEMA_TERM_MAX);
    assert_int_equal(gz_writer_replace(w, idterm, doc), GZ_OK);
    gz_doc_free(doc);
    assert_int_equal(gz_writer_close(w, 1), GZ_OK);
    stemmer_free(st);

    /* Found by its term... */
    gz_db *db;
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(gz_db_open(path_of("longid"), &db), GZ_OK);
    assert_int_equal(gz_db_get_data(db, idterm, &data, &len), GZ_OK);
    assert_true(len > 0);
    free(data);
    gz_db_close(db);
    free(idterm);

    /* ... and ordered by a key that holds all of it. */
    char key[SCHEMA_ORDER_MAX];
    assert_int_equal(schema_order_key("20210406", id, key),
                     8 + SCHEMA_ID_MAX);
    assert_memory_equal(key + 8, id, SCHEMA_ID_MAX);
}

/* An article's words stop at SCHEMA_ARTICLE_TERMS_MAX distinct terms or
 * spelling words, in the title as in the body; words repeated any number
 * of times never stop it. */
static void test_words_stop_at_the_limit(void **state)
{
    (void)state;
    size_t n = SCHEMA_ARTICLE_TERMS_MAX + 10, cap = n * 8 + 1, len = 0;
    char *many = malloc(cap), *same = malloc(cap);
    assert_non_null(many);
    assert_non_null(same);
    for (size_t k = 0; k < n; k++) {
        char w[8] = "zq";
        size_t i = 2;
        for (size_t x = k; i < 2 || x; x /= 26)
            w[i++] = (char)('a' + x % 26);
        w[i++] = ' ';
        memcpy(many + len, w, i);
        len += i;
    }
    many[len] = '\0';
    for (size_t k = 0; k < n; k++)
        memcpy(same + 6 * k, "okapi ", 6);
    same[6 * n] = '\0';

    stemmer *st;
    gz_doc *doc = NULL;
    int cut = -1;
    article a = { .id = "t", .date = NULL, .title = many, .source = "",
                  .url = "", .body = "Gerenuk.", .body_len = 8, .line = 1 };
    assert_int_equal(stemmer_new("english", &st), GZ_OK);
    schema_lang en = { "en", st, 0 };
    assert_int_equal(schema_doc_build(&en, &a, "", &doc, &cut), GZ_OK);
    assert_int_equal(cut, 1);
    assert_true(gz_doc_distinct(doc) < SCHEMA_ARTICLE_TERMS_MAX);
    gz_doc_free(doc);

    a.title = "Okapi";
    a.body = same;
    a.body_len = 6 * n;
    assert_int_equal(schema_doc_build(&en, &a, "", &doc, &cut), GZ_OK);
    assert_int_equal(cut, 0);
    gz_doc_free(doc);
    stemmer_free(st);
    free(many);
    free(same);
}

/* Every term is its prefix then its text; a prefix is what tells a term
 * from a word's stem. */
static void test_terms_are_prefix_then_text(void **state)
{
    (void)state;
    char term[32];
    assert_int_equal(schema_term(term, SCHEMA_PREFIX_YEAR, "20210406", 4), 5);
    assert_string_equal(term, "Y2021");
    assert_int_equal(schema_term(term, SCHEMA_PREFIX_DAY, "20210406", 8), 9);
    assert_string_equal(term, "D20210406");
    assert_int_equal(schema_term(term, "", "wheat", 5), 5);
    assert_string_equal(term, "wheat");
    char *idterm = schema_idterm("reut-1");
    assert_string_equal(idterm, "Qreut-1");
    free(idterm);

    const char *prefixes[] = { SCHEMA_PREFIX_ID, SCHEMA_PREFIX_TITLE,
                               SCHEMA_PREFIX_SOURCE, SCHEMA_PREFIX_YEAR,
                               SCHEMA_PREFIX_MONTH, SCHEMA_PREFIX_DAY,
                               SCHEMA_PREFIX_WORD, SCHEMA_PREFIX_TITLE_WORD,
                               SCHEMA_PREFIX_SURFACE, SCHEMA_PREFIX_AUTHOR,
                               SCHEMA_PREFIX_SITE, SCHEMA_PREFIX_URL };
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        assert_int_equal(strlen(prefixes[i]), SCHEMA_PREFIX_LEN);
        assert_true(schema_term_prefixed(prefixes[i][0]));
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(prefixes[i], prefixes[j]);
    }
    /* Stems are case-folded: lower case, digits, UTF-8 lead bytes. */
    assert_false(schema_term_prefixed('w'));
    assert_false(schema_term_prefixed('2'));
    assert_false(schema_term_prefixed('\xc3'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shard_of_id_is_fnv1a_modulo_shards),
        cmocka_unit_test(test_own_index_passes),
        cmocka_unit_test(test_newer_schema_is_eversion),
        cmocka_unit_test(test_schema_2_is_eversion),
        cmocka_unit_test(test_schema_3_is_eversion),
        cmocka_unit_test(test_schema_4_is_eversion),
        cmocka_unit_test(test_schema_5_is_eversion),
        cmocka_unit_test(test_author_site_and_url_terms),
        cmocka_unit_test(test_each_article_stemmed_in_its_language),
        cmocka_unit_test(test_long_url_term_is_hashed_and_unique),
        cmocka_unit_test(test_order_key_sorts_newest_then_id_undated_last),
        cmocka_unit_test(test_other_stemmer_is_eversion),
        cmocka_unit_test(test_stemmer_that_stems_differently_is_eversion),
        cmocka_unit_test(test_foreign_xapian_database_is_eversion),
        cmocka_unit_test(test_id_limit_is_term_limit_less_prefix),
        cmocka_unit_test(test_words_stop_at_the_limit),
        cmocka_unit_test(test_terms_are_prefix_then_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
