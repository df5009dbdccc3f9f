/* test_generation.c - a new generation of an index (indexer/generation.h):
 * begun beside the live one, committed with an atomic switch of the stub,
 * or abandoned leaving the live one as it was.
 *
 * Every test works on a fresh index in a mkdtemp() directory, removed at
 * the end.
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
#include <unistd.h>

#include "generation.h"
#include "layout.h"
#include "writer.h"
#include "test_dir.h"

static int setup_index(void **state)
{
    int created = 0;
    test_dir *t = test_dir_new("index");
    *state = t;
    return t && layout_ensure(t->path, &created) == GZ_OK && created ? 0 : -1;
}

static int teardown(void **state)
{
    return *state ? test_dir_free(*state) : 0;
}

/* ---- Helpers --------------------------------------------------------------- */

static int exists(const char *index, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", index, name);
    return access(path, F_OK) == 0;
}

static void make_dir(const char *index, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", index, name);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/%s/junk", index, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fclose(fp);
}

static int stub_generation(const char *index)
{
    int gen = -1;
    assert_int_equal(layout_generation(index, &gen), GZ_OK);
    return gen;
}

/* Build G's generation with one article, ID. */
static void build(generation *g, const char *id)
{
    index_writer *w = NULL;
    article a = { .id = id, .title = "T", .source = "", .url = "",
                  .body = "Body words.", .body_len = 11, .line = 1 };
    assert_int_equal(writer_open(g->path, WRITER_CREATE | WRITER_SCRATCH,
                                 NULL, &w), GZ_OK);
    assert_int_equal(writer_add(w, &a, "", NULL), GZ_OK);
    assert_int_equal(writer_close(w, 1), GZ_OK);
}

/* Articles in the index as a search opens it (through the stub). */
static unsigned long articles(const char *index)
{
    writer_summary s;
    assert_int_equal(writer_summary_read(index, "none", &s), GZ_OK);
    unsigned long n = s.count;
    writer_summary_free(&s);
    return n;
}

/* ---- Tests ------------------------------------------------------------------- */

static void test_begin_names_gen_n_plus_1_beside_the_live_one(void **state)
{
    test_dir *f = *state;
    generation g;
    assert_int_equal(generation_begin(f->path, &g), GZ_OK);
    assert_int_equal(g.live, 1);
    assert_non_null(g.path);
    assert_non_null(strstr(g.path, "/gen-2"));
    assert_false(exists(f->path, "gen-2"));
    build(&g, "new");
    assert_true(exists(f->path, "gen-2"));
    /* Until the commit, searches see the live generation only. */
    assert_int_equal(stub_generation(f->path), 1);
    assert_int_equal(articles(f->path), 0);
    generation_abandon(&g);
}

static void test_abandon_removes_it_and_leaves_the_stub(void **state)
{
    test_dir *f = *state;
    generation g;
    assert_int_equal(generation_begin(f->path, &g), GZ_OK);
    build(&g, "dropped");
    generation_abandon(&g);
    assert_null(g.path);
    assert_false(exists(f->path, "gen-2"));
    assert_true(exists(f->path, "gen-1"));
    assert_int_equal(stub_generation(f->path), 1);
    assert_int_equal(articles(f->path), 0);
    generation_abandon(&g);     /* a second time: nothing happens */
    assert_true(exists(f->path, "gen-1"));
}

static void test_commit_switches_the_stub_and_removes_the_old(void **state)
{
    test_dir *f = *state;
    generation g;
    assert_int_equal(generation_begin(f->path, &g), GZ_OK);
    build(&g, "new");
    assert_int_equal(generation_commit(&g), GZ_OK);
    assert_null(g.path);
    assert_int_equal(stub_generation(f->path), 2);
    assert_true(exists(f->path, "gen-2"));
    assert_false(exists(f->path, "gen-1"));
    /* The stub was replaced by rename(2): no temporary is left. */
    assert_false(exists(f->path, "XAPIANDB.tmp"));
    assert_int_equal(articles(f->path), 1);
    /* Abandoning a committed generation does nothing. */
    generation_abandon(&g);
    assert_true(exists(f->path, "gen-2"));

    /* The next one counts on from there. */
    assert_int_equal(generation_begin(f->path, &g), GZ_OK);
    assert_int_equal(g.live, 2);
    assert_non_null(strstr(g.path, "/gen-3"));
    generation_abandon(&g);
}

static void test_a_killed_run_s_scratch_is_removed_by_the_next(void **state)
{
    test_dir *f = *state;
    /* A --rebuild killed half way, and a parallel build's parts. */
    make_dir(f->path, "gen-2");
    make_dir(f->path, "gen-2.part-0");
    make_dir(f->path, "gen-2.part-1");
    make_dir(f->path, "gen-7");
    make_dir(f->path, "gen-x");        /* not a name of ours: kept */
    generation_clean(f->path);
    assert_false(exists(f->path, "gen-2"));
    assert_false(exists(f->path, "gen-2.part-0"));
    assert_false(exists(f->path, "gen-2.part-1"));
    assert_false(exists(f->path, "gen-7"));
    assert_true(exists(f->path, "gen-x"));
    assert_true(exists(f->path, "gen-1"));
    assert_int_equal(stub_generation(f->path), 1);

    /* begin alone clears the generation it names. */
    make_dir(f->path, "gen-2");
    generation g;
    assert_int_equal(generation_begin(f->path, &g), GZ_OK);
    assert_false(exists(f->path, "gen-2"));
    build(&g, "fresh");
    assert_int_equal(generation_commit(&g), GZ_OK);
    assert_int_equal(articles(f->path), 1);
}

static void test_begin_without_a_stub_is_enotfound(void **state)
{
    test_dir *f = *state;
    generation g;
    assert_int_equal(generation_begin(f->dir, &g), GZ_ENOTFOUND);
    assert_null(g.path);
    generation_abandon(&g);
    generation_clean(f->dir);       /* not an index: nothing touched */
    assert_true(exists(f->dir, "index"));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup_index, teardown)
    const struct CMUnitTest tests[] = {
        T(test_begin_names_gen_n_plus_1_beside_the_live_one),
        T(test_abandon_removes_it_and_leaves_the_stub),
        T(test_commit_switches_the_stub_and_removes_the_old),
        T(test_a_killed_run_s_scratch_is_removed_by_the_next),
        T(test_begin_without_a_stub_is_enotfound),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
