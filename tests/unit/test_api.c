/* test_api.c - libgazette's public API (include/gazette.h), driven the way
 * another C program would: only gazette.h is included.
 *
 * Every test works in a fresh mkdtemp() directory, removed at the end.
 * Articles are written with gz_indexer and read back with gz_search.
 */
#define _XOPEN_SOURCE 700     /* nftw(), setenv() */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gazette.h"

struct fixture {
    char dir[64];
    char index[128];
};

static int setup_tmpdir(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/gz-test-api-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->index, sizeof f->index, "%s/index", f->dir);
    *state = f;
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int type,
                        struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

static int teardown_tmpdir(void **state)
{
    struct fixture *f = *state;
    int rc = nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return rc;
}

/* ---- Helpers --------------------------------------------------------------- */

static const gz_article articles[] = {
    { .id = "olympics-1", .date = "2021-04-06", .source = "Capital Ledger",
      .title = "U.S. weighs a joint Olympic boycott",
      .body = "The State Department said allies discussed boycotts of the "
              "Winter Games in Beijing.", .path = "/news/a.txt", .line = 1 },
    { .id = "olympics-2", .date = "2021-12-06", .source = "Harbor Times",
      .title = "No officials will go to Beijing",
      .body = "A diplomatic boycott was announced; athletes still compete.",
      .path = "/news/b.txt", .line = 3 },
    { .id = "rates-1", .date = "2019-07-31", .source = "Capital Ledger",
      .title = "Fed cuts interest rates",
      .body = "The central bank cut interest rates for the first time since "
              "2008." },
    { .id = "undated-1", .title = "Wheat exports rise",
      .body = "Wheat and soybean exports rose." },
};
#define NARTICLES (sizeof articles / sizeof articles[0])

/* Index ARTICLES[FROM..TO) into PATH (created, committed). */
static void build(const char *path, size_t from, size_t to)
{
    gz_indexer *w = NULL;
    assert_int_equal(gz_indexer_open(path, GZ_CREATE, NULL, &w), GZ_OK);
    for (size_t i = from; i < to; i++)
        assert_int_equal(gz_indexer_add(w, &articles[i]), GZ_OK);
    assert_int_equal(gz_indexer_commit(w), GZ_OK);
    gz_indexer_close(w);
}

/* The ids QUERY finds in IX with OPTS, space-separated, into BUF. */
static gz_status ids(gz_index *ix, const char *query,
                     const gz_search_options *opts, char *buf, size_t cap)
{
    gz_results *r = NULL;
    gz_status st = gz_search(ix, query, opts, &r, NULL);
    buf[0] = '\0';
    if (st != GZ_OK) {
        assert_null(r);
        return st;
    }
    for (size_t i = 0; i < gz_results_count(r); i++) {
        const gz_article *a = gz_results_article(r, i);
        assert_non_null(a);
        snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", i ? " " : "",
                 a->id);
    }
    gz_results_free(r);
    return GZ_OK;
}

static gz_index *open_index(const char *path)
{
    gz_index *ix = NULL;
    assert_int_equal(gz_index_open(path, &ix), GZ_OK);
    assert_non_null(ix);
    return ix;
}

/* ---- Tests ------------------------------------------------------------------- */

static void test_version_check_accepts_same_major_and_older_minor(void **state)
{
    (void)state;
    assert_string_equal(gz_version(), GAZETTE_VERSION_STRING);
    assert_true(gz_version_check(GAZETTE_VERSION_MAJOR, GAZETTE_VERSION_MINOR));
    assert_true(gz_version_check(GAZETTE_VERSION_MAJOR, 0));
    assert_false(gz_version_check(GAZETTE_VERSION_MAJOR, GAZETTE_VERSION_MINOR + 1));
    assert_false(gz_version_check(GAZETTE_VERSION_MAJOR + 1, 0));
    assert_string_equal(gz_strerror(GZ_EPARSE), "syntax error");
}

static void test_added_articles_are_found_with_every_field(void **state)
{
    struct fixture *f = *state;
    build(f->index, 0, NARTICLES);
    gz_index *ix = open_index(f->index);
    unsigned long count = 0;
    assert_int_equal(gz_index_count(ix, &count), GZ_OK);
    assert_int_equal(count, NARTICLES);

    gz_results *r = NULL;
    assert_int_equal(gz_search(ix, "boycotts", NULL, &r, NULL), GZ_OK);
    assert_int_equal(gz_results_count(r), 2);
    assert_int_equal(gz_results_total(r), 2);
    const gz_article *a = gz_results_article(r, 0);
    /* The title match ranks first. */
    assert_string_equal(a->id, "olympics-1");
    assert_string_equal(a->date, "2021-04-06");
    assert_string_equal(a->title, "U.S. weighs a joint Olympic boycott");
    assert_string_equal(a->source, "Capital Ledger");
    assert_string_equal(a->url, "");
    assert_string_equal(a->path, "/news/a.txt");
    assert_int_equal(a->line, 1);
    assert_non_null(strstr(a->body, "Winter Games"));
    assert_true(gz_results_score(r, 0) > gz_results_score(r, 1));
    assert_true(gz_results_score(r, 1) > 0);
    assert_null(gz_results_article(r, 2));

    /* Stem-aware marks: "boycotts" marks "boycotts". */
    const gz_span *marks;
    size_t nmarks;
    const char *snip = gz_results_snippet(r, 0, &marks, &nmarks);
    assert_non_null(snip);
    assert_int_equal(nmarks, 1);
    assert_memory_equal(snip + marks[0].start, "boycotts",
                        marks[0].end - marks[0].start);
    /* Made once, then the same. */
    assert_ptr_equal(gz_results_snippet(r, 0, NULL, NULL), snip);
    assert_null(gz_results_snippet(r, 5, &marks, &nmarks));
    assert_null(marks);
    gz_results_free(r);

    /* An undated article gives "" for its date. */
    assert_int_equal(gz_search(ix, "wheat", NULL, &r, NULL), GZ_OK);
    assert_int_equal(gz_results_count(r), 1);
    assert_string_equal(gz_results_article(r, 0)->date, "");
    assert_string_equal(gz_results_article(r, 0)->path, "");
    gz_results_free(r);
    gz_index_close(ix);
}

static void test_options_limit_offset_dates_order_any(void **state)
{
    struct fixture *f = *state;
    char buf[256];
    build(f->index, 0, NARTICLES);
    gz_index *ix = open_index(f->index);
    gz_search_options o;
    gz_search_options_init(&o);
    assert_int_equal(o.limit, 10);
    assert_int_equal(o.snippet_words, 30);

    o.order = GZ_ORDER_NEWEST;
    assert_int_equal(ids(ix, "*", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-2 olympics-1 rates-1 undated-1");
    o.order = GZ_ORDER_OLDEST;
    assert_int_equal(ids(ix, "*", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "rates-1 olympics-1 olympics-2 undated-1");
    o.limit = 2;
    o.offset = 1;
    assert_int_equal(ids(ix, "*", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-1 olympics-2");

    gz_search_options_init(&o);
    o.since = "2021";               /* a partial date: all of 2021 */
    o.order = GZ_ORDER_OLDEST;
    assert_int_equal(ids(ix, "*", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-1 olympics-2");
    o.until = "2021-04";            /* includes April 30 */
    assert_int_equal(ids(ix, "*", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-1");
    o.since = "1y";                 /* relative to NOW */
    o.until = NULL;
    o.now = "2022-06-01";
    assert_int_equal(ids(ix, "*", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-2");

    gz_search_options_init(&o);
    assert_int_equal(ids(ix, "beijing zyzzyva", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "");
    o.any = 1;
    assert_int_equal(ids(ix, "beijing zyzzyva", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-2 olympics-1");
    /* Feedback by default only reorders; asked for, it may widen. */
    o.expand = GZ_EXPAND_ALWAYS;
    assert_int_equal(ids(ix, "beijing zyzzyva", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-2 olympics-1 rates-1");
    o.expand = GZ_EXPAND_NEVER;
    assert_int_equal(ids(ix, "beijing zyzzyva", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-2 olympics-1");
    o.expand = 2;
    assert_int_equal(ids(ix, "beijing zyzzyva", &o, buf, sizeof buf), GZ_EINVAL);

    /* limit 0: only the total. */
    gz_results *r = NULL;
    gz_search_options_init(&o);
    o.limit = 0;
    o.exact_total = 1;
    assert_int_equal(gz_search(ix, "*", &o, &r, NULL), GZ_OK);
    assert_int_equal(gz_results_count(r), 0);
    assert_int_equal(gz_results_total(r), NARTICLES);
    gz_results_free(r);
    gz_index_close(ix);
}

static void test_bad_query_or_dates_are_eparse_with_offset(void **state)
{
    struct fixture *f = *state;
    build(f->index, 0, 1);
    gz_index *ix = open_index(f->index);
    gz_results *r = (gz_results *)&r;
    size_t at = 0;
    assert_int_equal(gz_search(ix, "wheat OR (corn", NULL, &r, &at), GZ_EPARSE);
    assert_null(r);
    assert_int_equal(at, 9);
    assert_non_null(strstr(gz_last_error(), "unbalanced"));

    gz_search_options o;
    gz_search_options_init(&o);
    o.since = "2021-13";
    assert_int_equal(gz_search(ix, "boycott", &o, &r, &at), GZ_EPARSE);
    assert_int_equal(at, (size_t)-1);
    assert_non_null(strstr(gz_last_error(), "since"));
    o.since = "2022";
    o.until = "2021";
    assert_int_equal(gz_search(ix, "boycott", &o, &r, NULL), GZ_EINVAL);
    gz_search_options_init(&o);
    o.now = "2021";                 /* not one day */
    assert_int_equal(gz_search(ix, "boycott", &o, &r, NULL), GZ_EPARSE);
    assert_int_equal(gz_search(ix, NULL, NULL, &r, NULL), GZ_EINVAL);
    assert_int_equal(gz_search(NULL, "x", NULL, &r, NULL), GZ_EINVAL);
    gz_index_close(ix);
}

static void test_replace_delete_and_uncommitted_changes(void **state)
{
    struct fixture *f = *state;
    char buf[256];
    build(f->index, 0, NARTICLES);
    gz_index *ix = open_index(f->index);

    gz_indexer *w = NULL;
    assert_int_equal(gz_indexer_open(f->index, 0, NULL, &w), GZ_OK);
    gz_article changed = articles[2];
    changed.title = "Fed holds interest rates";
    assert_int_equal(gz_indexer_add(w, &changed), GZ_OK);
    assert_int_equal(gz_indexer_delete(w, "olympics-2"), GZ_OK);
    assert_int_equal(gz_indexer_delete(w, "no-such-id"), GZ_OK);
    /* Not visible before the commit... */
    assert_int_equal(ids(ix, "boycott", NULL, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-1 olympics-2");
    assert_int_equal(gz_indexer_commit(w), GZ_OK);
    /* ...visible after it, to the same open handle. */
    assert_int_equal(ids(ix, "boycott", NULL, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-1");
    assert_int_equal(ids(ix, "title:holds", NULL, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "rates-1");
    unsigned long count = 0;
    assert_int_equal(gz_index_count(ix, &count), GZ_OK);
    assert_int_equal(count, NARTICLES - 1);

    /* Closing drops what was not committed. */
    assert_int_equal(gz_indexer_delete(w, "olympics-1"), GZ_OK);
    gz_indexer_close(w);
    assert_int_equal(ids(ix, "boycott", NULL, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-1");
    gz_index_close(ix);
}

static void test_bad_articles_are_einval(void **state)
{
    struct fixture *f = *state;
    gz_indexer *w = NULL;
    assert_int_equal(gz_indexer_open(f->index, GZ_CREATE, NULL, &w), GZ_OK);
    char long_id[300];
    memset(long_id, 'x', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    const gz_article bad[] = {
        { .id = NULL, .body = "x" },
        { .id = "", .body = "x" },
        { .id = long_id },
        { .id = "a", .date = "2021-02-30" },
        { .id = "a", .date = "2021" },
        { .id = "a", .date = "7d" },
        { .id = "a", .title = "bad \xff byte" },
        { .id = "a", .body = "\xc3" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(gz_indexer_add(w, &bad[i]), GZ_EINVAL);
    assert_int_equal(gz_indexer_add(w, NULL), GZ_EINVAL);
    assert_int_equal(gz_indexer_add(NULL, &articles[0]), GZ_EINVAL);
    assert_int_equal(gz_indexer_delete(w, ""), GZ_EINVAL);
    /* The smallest article: an id. */
    const gz_article bare = { .id = "bare" };
    assert_int_equal(gz_indexer_add(w, &bare), GZ_OK);
    assert_int_equal(gz_indexer_commit(w), GZ_OK);
    gz_indexer_close(w);

    gz_index *ix = open_index(f->index);
    char buf[64];
    assert_int_equal(ids(ix, "id:bare", NULL, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "bare");
    gz_index_close(ix);
}

/* One id limit, SCHEMA_ID_MAX: 244 bytes (Xapian's 245-byte term less
 * the id prefix), the same as gazette-index's and --like's. */
static void test_id_limit_is_244_bytes(void **state)
{
    struct fixture *f = *state;
    gz_indexer *w = NULL;
    char id242[243], id244[245], id245[246];
    memset(id242, 'a', sizeof id242);
    id242[242] = '\0';
    memset(id244, 'b', sizeof id244);
    id244[244] = '\0';
    memset(id245, 'c', sizeof id245);
    id245[245] = '\0';
    assert_int_equal(gz_indexer_open(f->index, GZ_CREATE, NULL, &w), GZ_OK);
    const gz_article a242 = { .id = id242, .body = "Wombat burrows." };
    const gz_article a244 = { .id = id244, .body = "Numbat tunnels." };
    const gz_article a245 = { .id = id245, .body = "Jackalope." };
    assert_int_equal(gz_indexer_add(w, &a242), GZ_OK);
    assert_int_equal(gz_indexer_add(w, &a244), GZ_OK);
    assert_int_equal(gz_indexer_add(w, &a245), GZ_EINVAL);
    assert_non_null(strstr(gz_last_error(), "longer than 244 bytes"));
    /* The message quotes the id's start, cut before a character: a
     * caller may put it in JSON, which takes no half a character. */
    char wide[246] = "a", want[128] = "id 'a";
    for (int i = 0; i < 122; i++)
        strcat(wide, "\xC3\xA9");                        /* 245 bytes */
    for (int i = 0; i < 19; i++)
        strcat(want, "\xC3\xA9");                        /* 39 bytes */
    strcat(want, "...' is longer than 244 bytes");
    const gz_article wide_id = { .id = wide, .body = "Okapi." };
    assert_int_equal(gz_indexer_add(w, &wide_id), GZ_EINVAL);
    assert_non_null(strstr(gz_last_error(), want));
    assert_int_equal(gz_indexer_commit(w), GZ_OK);
    gz_indexer_close(w);

    gz_index *ix = open_index(f->index);
    char q[300], buf[300];
    snprintf(q, sizeof q, "id:%s", id242);
    assert_int_equal(ids(ix, q, NULL, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, id242);
    assert_int_equal(ids(ix, "numbat", NULL, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, id244);
    assert_int_equal(ids(ix, "jackalope", NULL, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "");
    gz_index_close(ix);
}

static void test_open_errors(void **state)
{
    struct fixture *f = *state;
    gz_index *ix = (gz_index *)&ix;
    gz_indexer *w = (gz_indexer *)&w;
    assert_int_equal(gz_index_open(f->index, &ix), GZ_ENOTFOUND);
    assert_null(ix);
    assert_int_equal(gz_indexer_open(f->index, 0, NULL, &w), GZ_ENOTFOUND);
    assert_null(w);
    assert_int_equal(gz_indexer_open(f->index, GZ_CREATE, "klingon", &w),
                     GZ_EINVAL);
    assert_int_equal(gz_indexer_open(f->index, 4, NULL, &w), GZ_EINVAL);
    assert_int_equal(gz_index_open(f->index, NULL), GZ_EINVAL);

    assert_int_equal(gz_indexer_open(f->index, GZ_CREATE, "french", &w), GZ_OK);
    gz_indexer *second = NULL;
    assert_int_equal(gz_indexer_open(f->index, 0, NULL, &second), GZ_ELOCKED);
    assert_null(second);
    assert_int_equal(gz_indexer_commit(w), GZ_OK);
    gz_indexer_close(w);
    /* The index keeps its stemmer. */
    assert_int_equal(gz_indexer_open(f->index, 0, "english", &w), GZ_EVERSION);
    assert_int_equal(gz_indexer_open(f->index, 0, "french", &w), GZ_OK);
    gz_indexer_close(w);
    gz_index_close(NULL);
    gz_indexer_close(NULL);
    gz_results_free(NULL);
}

static void test_default_index_is_gazette_index(void **state)
{
    struct fixture *f = *state;
    setenv("GAZETTE_INDEX", f->index, 1);
    gz_indexer *w = NULL;
    assert_int_equal(gz_indexer_open(NULL, GZ_CREATE, NULL, &w), GZ_OK);
    assert_int_equal(gz_indexer_add(w, &articles[0]), GZ_OK);
    assert_int_equal(gz_indexer_commit(w), GZ_OK);
    gz_indexer_close(w);
    gz_index *ix = open_index("");
    unsetenv("GAZETTE_INDEX");
    char buf[64];
    assert_int_equal(ids(ix, "boycott", NULL, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "olympics-1");
    gz_index_close(ix);
}

/* Two shards rank exactly as one index holding both. */
static void test_open_many_ranks_as_one_index(void **state)
{
    struct fixture *f = *state;
    char a[160], b[160], c[160];
    snprintf(a, sizeof a, "%s/a", f->dir);
    snprintf(b, sizeof b, "%s/b", f->dir);
    build(f->index, 0, NARTICLES);
    build(a, 0, 2);
    build(b, 2, NARTICLES);

    const char *query = "boycott OR rates OR wheat OR beijing";
    gz_index *one = open_index(f->index), *two = NULL;
    const char *shards[] = { a, b };
    assert_int_equal(gz_index_open_many(shards, 2, &two), GZ_OK);
    gz_results *r1 = NULL, *r2 = NULL;
    assert_int_equal(gz_search(one, query, NULL, &r1, NULL), GZ_OK);
    assert_int_equal(gz_search(two, query, NULL, &r2, NULL), GZ_OK);
    assert_int_equal(gz_results_count(r1), 4);
    assert_int_equal(gz_results_count(r2), 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(gz_results_article(r1, i)->id,
                            gz_results_article(r2, i)->id);
        double d = gz_results_score(r1, i) - gz_results_score(r2, i);
        assert_true(d < 1e-9 && d > -1e-9);
    }
    gz_results_free(r1);
    gz_results_free(r2);
    unsigned long count = 0;
    assert_int_equal(gz_index_count(two, &count), GZ_OK);
    assert_int_equal(count, NARTICLES);
    gz_index_close(one);
    gz_index_close(two);

    /* A shard stemmed for another language cannot join. */
    gz_indexer *w = NULL;
    snprintf(c, sizeof c, "%s/c", f->dir);
    assert_int_equal(gz_indexer_open(c, GZ_CREATE, "french", &w), GZ_OK);
    assert_int_equal(gz_indexer_commit(w), GZ_OK);
    gz_indexer_close(w);
    const char *mixed[] = { a, c };
    assert_int_equal(gz_index_open_many(mixed, 2, &two), GZ_EVERSION);
    assert_null(two);
    const char *missing[] = { a, f->dir };
    assert_int_equal(gz_index_open_many(missing, 2, &two), GZ_ENOTFOUND);
    const char *empty[] = { a, "" };
    assert_int_equal(gz_index_open_many(empty, 2, &two), GZ_EINVAL);
    assert_int_equal(gz_index_open_many(shards, 0, &two), GZ_EINVAL);
}

/* Write TEXT, a stub file, to DIR/NAME, whose path goes into PATH. */
static void stub(char *path, size_t cap, const char *dir, const char *name,
                 const char *text)
{
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_true(fputs(text, fp) >= 0);
    assert_int_equal(fclose(fp), 0);
}

/* A stub file that leads back to itself, or that reaches one index twice,
 * is GZ_EFORMAT naming it (Xapian recursed until the stack ran out, or
 * counted every article twice); no stub file is an index to write in. */
static void test_stub_loops_and_repeats_are_eformat(void **state)
{
    struct fixture *f = *state;
    char self[160], a[160], b[160], twice[160], good[160];
    build(f->index, 0, NARTICLES);
    stub(self, sizeof self, f->dir, "self.stub", "auto self.stub\n");
    stub(a, sizeof a, f->dir, "a.stub", "auto b.stub\n");
    stub(b, sizeof b, f->dir, "b.stub", "auto a.stub\n");
    stub(twice, sizeof twice, f->dir, "twice.stub", "auto index\nauto ./index\n");
    stub(good, sizeof good, f->dir, "good.stub", "# one index\nauto index\n");

    gz_index *ix = (gz_index *)&ix;
    gz_indexer *w = (gz_indexer *)&w;
    const char *looping[] = { self, a };
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(gz_index_open(looping[i], &ix), GZ_EFORMAT);
        assert_null(ix);
        assert_non_null(strstr(gz_last_error(), "leads back to itself"));
        /* A file is no index to write in, whatever it holds. */
        assert_int_equal(gz_indexer_open(looping[i], 0, NULL, &w), GZ_EINVAL);
        assert_null(w);
    }
    assert_int_equal(gz_index_open(a, &ix), GZ_EFORMAT);
    assert_non_null(strstr(gz_last_error(), "b.stub:1: "));
    assert_int_equal(gz_index_open(twice, &ix), GZ_EFORMAT);
    assert_non_null(strstr(gz_last_error(), "twice.stub:2: "));
    assert_non_null(strstr(gz_last_error(), "listed twice"));
    const char *same[] = { f->index, good };
    assert_int_equal(gz_index_open_many(same, 2, &ix), GZ_EFORMAT);
    assert_null(ix);

    unsigned long count = 0;
    assert_int_equal(gz_index_open(good, &ix), GZ_OK);
    assert_int_equal(gz_index_count(ix, &count), GZ_OK);
    assert_int_equal(count, NARTICLES);
    gz_index_close(ix);
}

/* Two copies of one story are one hit by default, as gazette-search shows
 * them, with the other counted as similar; collapse 0 gives both. */
static void test_copies_collapse_by_default(void **state)
{
    struct fixture *f = *state;
    static const char story[] = "The harbour authority said the new container "
        "terminal would double the port's capacity by next spring, and that "
        "dredging of the channel had begun ahead of schedule.";
    gz_article copies[] = {
        { .id = "copy-1", .date = "2022-05-02", .title = "Harbour terminal",
          .source = "Wire A", .body = story },
        { .id = "copy-2", .date = "2022-05-03", .title = "Harbour terminal",
          .source = "Wire B", .body = story },
    };
    gz_indexer *w = NULL;
    assert_int_equal(gz_indexer_open(f->index, GZ_CREATE, NULL, &w), GZ_OK);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(gz_indexer_add(w, &copies[i]), GZ_OK);
    assert_int_equal(gz_indexer_commit(w), GZ_OK);
    gz_indexer_close(w);

    gz_index *ix = open_index(f->index);
    gz_results *r = NULL;
    assert_int_equal(gz_search(ix, "harbour terminal", NULL, &r, NULL), GZ_OK);
    assert_int_equal(gz_results_count(r), 1);
    assert_int_equal(gz_results_similar(r, 0), 1);
    assert_int_equal(gz_results_similar(r, 1), 0);     /* out of range */
    gz_results_free(r);

    gz_search_options o;
    gz_search_options_init(&o);
    assert_int_equal(o.collapse, 1);
    o.collapse = 0;
    char buf[256];
    assert_int_equal(ids(ix, "harbour terminal", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "copy-2 copy-1");      /* ties: newest first */
    o.on = "2022-05-02";
    assert_int_equal(ids(ix, "harbour terminal", &o, buf, sizeof buf), GZ_OK);
    assert_string_equal(buf, "copy-1");

    /* Options out of their range are refused, not misread. */
    gz_search_options_init(&o);
    o.bm25_k1 = 0;
    assert_int_equal(ids(ix, "harbour", &o, buf, sizeof buf), GZ_EINVAL);
    gz_search_options_init(&o);
    o.bm25_b = 1.5;
    assert_int_equal(ids(ix, "harbour", &o, buf, sizeof buf), GZ_EINVAL);
    gz_search_options_init(&o);
    o.on = "2022-13";
    size_t off = 0;
    assert_int_equal(gz_search(ix, "harbour", &o, &r, &off), GZ_EPARSE);
    assert_int_equal(off, (size_t)-1);
    gz_index_close(ix);
}

/* Issue 19: author and site go in and come out; the site is the url's
 * host unless given, and a site that is no host name is refused. */
static void test_author_and_site(void **state)
{
    struct fixture *f = *state;
    gz_article in[] = {
        { .id = "w-1", .date = "2022-05-02", .title = "Harbour",
          .url = "https://News.Example.org/a/1", .author = "Jane Doe",
          .body = "The harbour opened." },
        { .id = "w-2", .date = "2022-05-03", .title = "Harbour two",
          .site = "WWW.example.COM", .body = "The harbour closed." },
    };
    gz_indexer *w = NULL;
    assert_int_equal(gz_indexer_open(f->index, GZ_CREATE, NULL, &w), GZ_OK);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(gz_indexer_add(w, &in[i]), GZ_OK);
    gz_article bad = { .id = "w-3", .site = "Example News", .body = "x" };
    assert_int_equal(gz_indexer_add(w, &bad), GZ_EINVAL);
    assert_non_null(strstr(gz_last_error(), "not a host name"));
    assert_int_equal(gz_indexer_commit(w), GZ_OK);
    gz_indexer_close(w);

    gz_index *ix = open_index(f->index);
    gz_results *r = NULL;
    assert_int_equal(gz_search(ix, "author:\"jane doe\" site:example.org",
                               NULL, &r, NULL), GZ_OK);
    assert_int_equal(gz_results_count(r), 1);
    const gz_article *a = gz_results_article(r, 0);
    assert_string_equal(a->id, "w-1");
    assert_string_equal(a->author, "Jane Doe");
    assert_string_equal(a->site, "news.example.org");
    gz_results_free(r);
    assert_int_equal(gz_search(ix, "site:example.com", NULL, &r, NULL), GZ_OK);
    assert_int_equal(gz_results_count(r), 1);
    a = gz_results_article(r, 0);
    assert_string_equal(a->site, "www.example.com");
    assert_string_equal(a->author, "");
    gz_results_free(r);
    gz_index_close(ix);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup_tmpdir, teardown_tmpdir)
    const struct CMUnitTest tests[] = {
        T(test_version_check_accepts_same_major_and_older_minor),
        T(test_author_and_site),
        T(test_added_articles_are_found_with_every_field),
        T(test_options_limit_offset_dates_order_any),
        T(test_bad_query_or_dates_are_eparse_with_offset),
        T(test_replace_delete_and_uncommitted_changes),
        T(test_bad_articles_are_einval),
        T(test_id_limit_is_244_bytes),
        T(test_open_errors),
        T(test_default_index_is_gazette_index),
        T(test_open_many_ranks_as_one_index),
        T(test_copies_collapse_by_default),
        T(test_stub_loops_and_repeats_are_eformat),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
