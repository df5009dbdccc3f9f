/* test_article_hash.c - hash64() (common/hash.h) and the content hash of
 * an article's document (schema_article_hash()): any change to what goes
 * into the document changes the hash, so that a changed article is never
 * taken for the one the index holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hash.h"
#include "schema.h"

static void test_hash64_is_fnv1a_64(void **state)
{
    (void)state;
    /* The reference values of FNV-1a 64. */
    assert_true(hash64(HASH64_INIT, "", 0) == 0xcbf29ce484222325ull);
    assert_true(hash64(HASH64_INIT, "a", 1) == 0xaf63dc4c8601ec8cull);
    assert_true(hash64(HASH64_INIT, "foobar", 6) == 0x85944171f73967e8ull);
    /* Continued in pieces, the same as in one go. */
    assert_true(hash64(hash64(HASH64_INIT, "foo", 3), "bar", 3) ==
                hash64(HASH64_INIT, "foobar", 6));
}

static article base(void)
{
    article a = { .id = "k1", .date = "2020-01-02", .title = "Wheat prices",
                  .source = "Ledger", .url = "https://example.com/a",
                  .author = "Ann Lee", .site = "example.com",
                  .body = "Wheat rose.", .body_len = 11, .line = 7 };
    return a;
}

/* The hash of A read from PATH. */
static uint64_t hash_of(const article *a, const char *path)
{
    char v[SCHEMA_HASH_BYTES];
    schema_article_hash(a, path, v);
    uint64_t h = 0;
    for (int i = 0; i < SCHEMA_HASH_BYTES; i++)
        h = h << 8 | (unsigned char)v[i];
    return h;
}

static void test_the_same_article_hashes_alike(void **state)
{
    (void)state;
    article a = base(), b = base();
    char body[] = "Wheat rose.";
    b.body = body;  /* equal bytes elsewhere */
    assert_true(hash_of(&a, "/c/a.jsonl") == hash_of(&b, "/c/a.jsonl"));
}

static void test_every_field_changes_it(void **state)
{
    (void)state;
    article a = base();
    uint64_t h = hash_of(&a, "/c/a.jsonl");
    article x;
#define CHANGED(field, value) \
    do { x = base(); x.field = value; \
         assert_true(hash_of(&x, "/c/a.jsonl") != h); } while (0)
    CHANGED(id, "k2");
    CHANGED(date, "2020-01-03");
    CHANGED(date, NULL);
    CHANGED(title, "Wheat price");
    CHANGED(source, "Ledgers");
    CHANGED(url, "https://example.com/b");
    CHANGED(author, "Ann Lea");
    CHANGED(site, "example.org");
    CHANGED(body, "Wheat ros!.");
    CHANGED(body_len, 10);
    CHANGED(line, 8);
    /* The language it declares: its terms are another language's. */
    CHANGED(lang, "de");
#undef CHANGED
    assert_true(hash_of(&a, "/c/b.jsonl") != h);
    assert_true(hash_of(&a, "") != h);
    x = base(); x.lang = "e";
    assert_true(hash_of(&x, "n/c/a.jsonl") != hash_of(&a, "/c/a.jsonl"));
}

static void test_a_missing_date_is_not_an_empty_one(void **state)
{
    (void)state;
    article a = base(), b = base();
    a.date = NULL;
    b.date = "";
    assert_true(hash_of(&a, "p") != hash_of(&b, "p"));
}

static void test_bytes_moved_between_fields_change_it(void **state)
{
    (void)state;
    article a = base(), b = base();
    a.title = "ab";
    a.source = "c";
    b.title = "a";
    b.source = "bc";
    assert_true(hash_of(&a, "p") != hash_of(&b, "p"));
    /* The last field and the path. */
    a = base();
    b = base();
    a.body = "Wheat";
    a.body_len = 5;
    b.body = "Whea";
    b.body_len = 4;
    assert_true(hash_of(&a, "tp") != hash_of(&b, "p"));
    /* An empty field and its neighbour. */
    a = base();
    b = base();
    a.author = "";
    a.site = "x";
    b.author = "x";
    b.site = "";
    assert_true(hash_of(&a, "p") != hash_of(&b, "p"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash64_is_fnv1a_64),
        cmocka_unit_test(test_the_same_article_hashes_alike),
        cmocka_unit_test(test_every_field_changes_it),
        cmocka_unit_test(test_a_missing_date_is_not_an_empty_one),
        cmocka_unit_test(test_bytes_moved_between_fields_change_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
