/* test_writer.c - the write path (common/writer.h): what gazette-index and
 * gz_indexer both write through.
 *
 * Every test works in a fresh mkdtemp() directory, removed at the end.
 */
#define _XOPEN_SOURCE 700     /* nftw() */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "record.h"
#include "schema.h"
#include "writer.h"
#include "xapian_wrap.h"
#include "test_dir.h"

static int setup(void **state)
{
    *state = test_dir_new("db");
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    return test_dir_free(*state);
}

/* ---- Helpers --------------------------------------------------------------- */

static article make_article(const char *id, const char *date, const char *body)
{
    article a = { .id = id, .date = date, .title = "A title",
                  .source = "Capital Ledger", .url = "", .body = body,
                  .body_len = strlen(body), .line = 1 };
    return a;
}

static index_writer *open_new(const char *path, const char *language)
{
    index_writer *w = NULL;
    assert_int_equal(writer_open(path, WRITER_CREATE, language, &w), GZ_OK);
    assert_non_null(w);
    return w;
}

static void add(index_writer *w, const char *id, const char *date)
{
    article a = make_article(id, date, "Wheat exports rose again this year.");
    int taken = -1;
    assert_int_equal(writer_add(w, &a, "/news/a.txt", &taken), GZ_OK);
    assert_int_equal(taken, 1);
}

static unsigned long count(index_writer *w)
{
    unsigned long n = 99;
    assert_int_equal(writer_count(w, &n), GZ_OK);
    return n;
}

/* The stored date of article ID in the database at PATH, into BUF
 * ("" when there is no such article). */
static const char *date_of(const char *path, const char *id, char *buf,
                           size_t cap)
{
    gz_db *db = NULL;
    char *idterm = schema_idterm(id), *data = NULL;
    size_t len = 0;
    record r;
    buf[0] = '\0';
    assert_int_equal(gz_db_open(path, &db), GZ_OK);
    gz_status st = gz_db_get_data(db, idterm, &data, &len);
    if (st == GZ_OK) {
        assert_int_equal(record_decode(data, len, &r), GZ_OK);
        snprintf(buf, cap, "%s", r.date);
        record_free(&r);
    } else {
        assert_int_equal(st, GZ_ENOTFOUND);
    }
    free(data);
    free(idterm);
    gz_db_close(db);
    return buf;
}

/* ---- Tests ------------------------------------------------------------------- */

static void test_add_then_delete_then_commit_keeps_the_rest(void **state)
{
    test_dir *f = *state;
    index_writer *w = open_new(f->path, NULL);
    add(w, "a", "2020-01-01");
    add(w, "b", "2020-01-02");
    add(w, "a", "2020-01-03");      /* replaces, never duplicates */
    assert_int_equal(count(w), 2);
    assert_int_equal(writer_delete(w, "b"), GZ_OK);
    assert_int_equal(writer_delete(w, "never-there"), GZ_OK);
    assert_int_equal(writer_commit(w), GZ_OK);
    assert_int_equal(writer_close(w, 0), GZ_OK);

    w = open_new(f->path, NULL);
    assert_int_equal(count(w), 1);
    assert_int_equal(writer_close(w, 0), GZ_OK);
    char date[32];
    assert_string_equal(date_of(f->path, "a", date, sizeof date), "2020-01-03");
    assert_string_equal(date_of(f->path, "b", date, sizeof date), "");
}

static void test_close_without_commit_drops_the_changes(void **state)
{
    test_dir *f = *state;
    index_writer *w = open_new(f->path, NULL);
    add(w, "kept", "2020-01-01");
    assert_int_equal(writer_close(w, 1), GZ_OK);

    w = open_new(f->path, NULL);
    add(w, "dropped", "2020-01-02");
    assert_int_equal(writer_delete(w, "kept"), GZ_OK);
    assert_int_equal(writer_set_meta(w, "gazette.test", "x", 1), GZ_OK);
    assert_int_equal(count(w), 1);
    assert_int_equal(writer_close(w, 0), GZ_OK);

    w = open_new(f->path, NULL);
    char *v = NULL;
    assert_int_equal(count(w), 1);
    assert_int_equal(writer_get_meta(w, "gazette.test", &v, NULL), GZ_OK);
    assert_string_equal(v, "");
    free(v);
    assert_int_equal(writer_close(w, 0), GZ_OK);
    char date[32];
    assert_string_equal(date_of(f->path, "kept", date, sizeof date),
                        "2020-01-01");
    assert_string_equal(date_of(f->path, "dropped", date, sizeof date), "");
}

static int collect_key(void *ctx, const char *key)
{
    char *buf = ctx;
    strcat(buf, key);
    strcat(buf, " ");
    return 0;
}

static void test_metadata_round_trip(void **state)
{
    test_dir *f = *state;
    index_writer *w = open_new(f->path, NULL);
    char *v = NULL;
    size_t len = 0;
    /* Values are bytes: a NUL inside is kept. */
    assert_int_equal(writer_set_meta(w, "gazette.file:1", "a\0b", 3), GZ_OK);
    assert_int_equal(writer_set_meta(w, "gazette.file:2", "two", 3), GZ_OK);
    assert_int_equal(writer_set_meta(w, "gazette.other", "x", 1), GZ_OK);
    /* Uncommitted changes are seen by the writer itself. */
    assert_int_equal(writer_get_meta(w, "gazette.file:1", &v, &len), GZ_OK);
    assert_int_equal(len, 3);
    assert_memory_equal(v, "a\0b", 3);
    free(v);
    assert_int_equal(writer_close(w, 1), GZ_OK);

    w = open_new(f->path, NULL);
    assert_int_equal(writer_get_meta(w, "gazette.file:2", &v, &len), GZ_OK);
    assert_string_equal(v, "two");
    free(v);
    char keys[256] = "";
    assert_int_equal(writer_meta_keys(w, "gazette.file:", collect_key, keys),
                     GZ_OK);
    assert_string_equal(keys, "gazette.file:1 gazette.file:2 ");
    /* Length 0 removes the entry. */
    assert_int_equal(writer_set_meta(w, "gazette.file:1", "", 0), GZ_OK);
    keys[0] = '\0';
    assert_int_equal(writer_meta_keys(w, "gazette.file:", collect_key, keys),
                     GZ_OK);
    assert_string_equal(keys, "gazette.file:2 ");
    assert_int_equal(writer_close(w, 1), GZ_OK);

    writer_summary s;
    assert_int_equal(writer_summary_read(f->path, "gazette.other", &s), GZ_OK);
    assert_string_equal(s.meta, "x");
    assert_int_equal(s.count, 0);
    assert_string_equal(s.first, "");
    writer_summary_free(&s);
}

static void test_an_id_the_index_cannot_hold_is_einval(void **state)
{
    test_dir *f = *state;
    index_writer *w = open_new(f->path, NULL);
    char long_id[SCHEMA_ID_MAX + 2];
    memset(long_id, 'x', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    article a = make_article(long_id, NULL, "Body.");
    int taken = -1;
    assert_int_equal(writer_add(w, &a, "", &taken), GZ_EINVAL);
    assert_int_equal(taken, 0);
    assert_non_null(strstr(gz_last_error(), "article id longer than"));
    a.id = "";
    assert_int_equal(writer_add(w, &a, "", NULL), GZ_EINVAL);
    /* The longest id there may be is taken. */
    long_id[SCHEMA_ID_MAX] = '\0';
    a.id = long_id;
    assert_int_equal(writer_add(w, &a, "", &taken), GZ_OK);
    assert_int_equal(taken, 1);
    assert_int_equal(count(w), 1);
    assert_int_equal(writer_close(w, 0), GZ_OK);
}

static void test_a_shard_writer_skips_the_other_shards(void **state)
{
    test_dir *f = *state;
    index_writer *w = open_new(f->path, NULL);
    writer_keep_shard(w, 1, 3);
    unsigned long kept = 0;
    char id[16];
    for (int i = 0; i < 30; i++) {
        snprintf(id, sizeof id, "art-%d", i);
        article a = make_article(id, NULL, "Body.");
        int taken = -1;
        assert_int_equal(writer_add(w, &a, "", &taken), GZ_OK);
        assert_int_equal(taken, schema_shard_of(id, 3) == 1);
        kept += (unsigned long)taken;
    }
    assert_true(kept > 0 && kept < 30);
    assert_int_equal(count(w), kept);
    assert_int_equal(writer_close(w, 0), GZ_OK);
}

static void test_the_stemmer_is_the_index_s_unless_replacing(void **state)
{
    test_dir *f = *state;
    index_writer *w = open_new(f->path, "french");
    assert_string_equal(writer_language(w), "french");
    assert_int_equal(writer_close(w, 1), GZ_OK);

    assert_int_equal(writer_open(f->path, 0, NULL, &w), GZ_OK);
    assert_string_equal(writer_language(w), "french");
    assert_int_equal(writer_close(w, 0), GZ_OK);
    assert_int_equal(writer_open(f->path, 0, "english", &w), GZ_EVERSION);
    assert_null(w);
    assert_int_equal(writer_open(f->path, WRITER_REPLACING, "english", &w),
                     GZ_OK);
    assert_string_equal(writer_language(w), "english");
    assert_int_equal(writer_close(w, 0), GZ_OK);
    assert_int_equal(writer_open(f->path, 0, "klingon", &w), GZ_EVERSION);
    char other[160];
    snprintf(other, sizeof other, "%s/absent", f->dir);
    assert_int_equal(writer_open(other, 0, NULL, &w), GZ_ENOTFOUND);
    assert_null(w);
    snprintf(other, sizeof other, "%s/new", f->dir);
    assert_int_equal(writer_open(other, WRITER_CREATE, "klingon", &w),
                     GZ_EINVAL);
    assert_null(w);
}

static void test_merge_keeps_the_latest_part_s_copy(void **state)
{
    test_dir *f = *state;
    char a[160], b[160], dst[160];
    snprintf(a, sizeof a, "%s/part-0", f->dir);
    snprintf(b, sizeof b, "%s/part-1", f->dir);
    snprintf(dst, sizeof dst, "%s/merged", f->dir);
    index_writer *w = open_new(a, NULL);
    add(w, "same", "2001-01-01");
    add(w, "only-a", "2003-03-03");
    assert_int_equal(writer_close(w, 1), GZ_OK);
    w = open_new(b, NULL);
    add(w, "same", "2002-02-02");
    assert_int_equal(writer_close(w, 1), GZ_OK);

    const char *parts[] = { a, b };
    assert_int_equal(writer_merge(parts, 2, dst), GZ_OK);
    char date[32];
    assert_string_equal(date_of(dst, "same", date, sizeof date), "2002-02-02");
    assert_string_equal(date_of(dst, "only-a", date, sizeof date),
                        "2003-03-03");
    writer_summary s;
    assert_int_equal(writer_summary_read(dst, SCHEMA_META_STEMMER, &s), GZ_OK);
    assert_int_equal(s.count, 2);
    assert_string_equal(s.meta, "english");
    writer_summary_free(&s);

    snprintf(a, sizeof a, "%s/compacted", f->dir);
    assert_int_equal(writer_compact(dst, a), GZ_OK);
    assert_int_equal(writer_summary_read(a, "none", &s), GZ_OK);
    assert_int_equal(s.count, 2);
    writer_summary_free(&s);
}

/* An article the index already holds exactly so is not written again
 * (WRITER_SAME), uncommitted copies included; a writer that opened an
 * empty index does not look (nothing there to weigh) and writes it. */
static void test_an_identical_article_is_not_written_again(void **state)
{
    test_dir *f = *state;
    index_writer *w = open_new(f->path, NULL);
    article a = make_article("a", "2020-01-01", "Wheat exports rose.");
    int taken = -1;
    assert_int_equal(writer_add(w, &a, "/news/a.txt", &taken), GZ_OK);
    assert_int_equal(taken, WRITER_ADDED);
    assert_int_equal(writer_add(w, &a, "/news/a.txt", &taken), GZ_OK);
    assert_int_equal(taken, WRITER_ADDED);  /* empty when opened */
    assert_int_equal(writer_close(w, 1), GZ_OK);

    w = open_new(f->path, NULL);
    assert_int_equal(writer_add(w, &a, "/news/a.txt", &taken), GZ_OK);
    assert_int_equal(taken, WRITER_SAME);
    assert_int_equal(writer_add(w, &a, "/news/b.txt", &taken), GZ_OK);
    assert_int_equal(taken, WRITER_ADDED);  /* another path */
    assert_int_equal(writer_add(w, &a, "/news/b.txt", &taken), GZ_OK);
    assert_int_equal(taken, WRITER_SAME);   /* uncommitted, seen */
    a.date = NULL;
    assert_int_equal(writer_add(w, &a, "/news/b.txt", &taken), GZ_OK);
    assert_int_equal(taken, WRITER_ADDED);
    assert_int_equal(count(w), 1);
    assert_int_equal(writer_close(w, 1), GZ_OK);
    char date[32];
    assert_string_equal(date_of(f->path, "a", date, sizeof date), "");
}

static void test_summary_of_no_index_is_enotfound(void **state)
{
    test_dir *f = *state;
    writer_summary s;
    assert_int_equal(writer_summary_read(f->path, "none", &s), GZ_ENOTFOUND);
    assert_null(s.first);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_add_then_delete_then_commit_keeps_the_rest),
        T(test_close_without_commit_drops_the_changes),
        T(test_metadata_round_trip),
        T(test_an_id_the_index_cannot_hold_is_einval),
        T(test_a_shard_writer_skips_the_other_shards),
        T(test_the_stemmer_is_the_index_s_unless_replacing),
        T(test_merge_keeps_the_latest_part_s_copy),
        T(test_an_identical_article_is_not_written_again),
        T(test_summary_of_no_index_is_enotfound),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
