/* test_layout.c - which folders layout_check() takes for an index, and
 * layout_contains()'s answer for the spellings of a path that end inside
 * an index: "..", links (also dangling ones, and chains of them), folders
 * not made yet, the root.
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
#include <unistd.h>

#include "layout.h"
#include "test_dir.h"

static int setup(void **state)
{
    test_dir *t = test_dir_new("index");
    *state = t;
    return t ? 0 : -1;
}

static int teardown(void **state)
{
    return *state ? test_dir_free(*state) : 0;
}

/* DIR/NAME, written into BUF (256 bytes). */
static const char *in(const test_dir *t, const char *name, char *buf)
{
    snprintf(buf, 256, "%s/%s", t->dir, name);
    return buf;
}

static void make(const test_dir *t, const char *name, int dir)
{
    char p[256];
    in(t, name, p);
    if (dir) {
        assert_int_equal(mkdir(p, 0755), 0);
    } else {
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fclose(f);
    }
}

static void link_to(const test_dir *t, const char *target, const char *name)
{
    char p[256];
    assert_int_equal(symlink(target, in(t, name, p)), 0);
}

static int inside(const char *index, const char *path)
{
    int yes = -1;
    assert_int_equal(layout_contains(index, path, &yes), GZ_OK);
    return yes;
}

/* ---- layout_check() ------------------------------------------------------- */

static void test_missing_empty_and_leftovers_are_taken(void **state)
{
    test_dir *t = *state;
    assert_int_equal(layout_check(t->path), GZ_OK);
    make(t, "index", 1);
    assert_int_equal(layout_check(t->path), GZ_OK);
    const char *own[] = { "index/writer.pid", "index/XAPIANDB.tmp",
                          "index/gen-1", "index/gen-2.part-0",
                          "index/lost+found" };
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) {
        make(t, own[i], i >= 2);
        assert_int_equal(layout_check(t->path), GZ_OK);
    }
    /* Made into an index by layout_ensure(), which keeps what is there. */
    int created = 0;
    assert_int_equal(layout_ensure(t->path, &created), GZ_OK);
    assert_int_equal(created, 1);
    assert_int_equal(layout_check(t->path), GZ_OK);
}

static void test_other_folders_and_files_are_refused(void **state)
{
    test_dir *t = *state;
    char p[256];
    make(t, "index", 1);
    make(t, "index/gen-1", 1);
    make(t, "index/notes.txt", 0);
    assert_int_equal(layout_check(t->path), GZ_EINVAL);
    assert_non_null(strstr(gz_last_error(), "is not empty and holds no "
                           "Gazette index: give a new or empty folder"));
    int created = 1;
    assert_int_equal(layout_ensure(t->path, &created), GZ_EINVAL);
    assert_int_equal(created, 0);
    assert_int_equal(access(in(t, "index/XAPIANDB", p), F_OK), -1);
    /* A database on its own, such as a generation: no stub, so not an
     * index of this layout. */
    make(t, "db", 1);
    make(t, "db/iamglass", 0);
    assert_int_equal(layout_check(in(t, "db", p)), GZ_EINVAL);
    assert_int_equal(layout_check(in(t, "index/notes.txt", p)), GZ_EINVAL);
    assert_non_null(strstr(gz_last_error(), "is not a folder"));
}

static void test_a_stub_naming_no_generation_is_corrupt(void **state)
{
    test_dir *t = *state;
    char p[256];
    make(t, "index", 1);
    FILE *f = fopen(in(t, "index/XAPIANDB", p), "w");
    assert_non_null(f);
    fputs("auto elsewhere\n", f);
    fclose(f);
    assert_int_equal(layout_check(t->path), GZ_ECORRUPT);
}

/* ---- layout_contains() ----------------------------------------------------- */

static void test_spellings_inside(void **state)
{
    test_dir *t = *state;
    char i[256], p[256];
    make(t, "index", 1);
    make(t, "index/XAPIANDB", 0);
    in(t, "index", i);
    assert_int_equal(inside(i, in(t, "index", p)), 1);
    assert_int_equal(inside(i, in(t, "index/", p)), 1);
    assert_int_equal(inside(i, in(t, "index/XAPIANDB", p)), 1);
    assert_int_equal(inside(i, in(t, "index/./gen-2/x", p)), 1);
    assert_int_equal(inside(i, in(t, "index/gen-2/../../index/r", p)), 1);
    assert_int_equal(inside(i, in(t, "no/../index/r", p)), 1);
    assert_int_equal(inside(i, in(t, "index/gen-2/..", p)), 1);
    /* Links: to the index, to a file in it, dangling into it, a chain. */
    link_to(t, "index", "to-index");
    link_to(t, "index/XAPIANDB", "to-stub");
    link_to(t, "index/new/r.json", "dangling");
    link_to(t, "dangling", "to-dangling");
    assert_int_equal(inside(i, in(t, "to-index/XAPIANDB", p)), 1);
    assert_int_equal(inside(i, in(t, "to-stub", p)), 1);
    assert_int_equal(inside(i, in(t, "dangling", p)), 1);
    assert_int_equal(inside(i, in(t, "to-dangling", p)), 1);
    assert_int_equal(inside(in(t, "to-index", p), i), 1);
    /* The root holds everything. */
    assert_int_equal(inside("/", i), 1);
}

static void test_spellings_outside(void **state)
{
    test_dir *t = *state;
    char i[256], p[256];
    in(t, "index", i);
    make(t, "index", 1);
    assert_int_equal(inside(i, in(t, "index.json", p)), 0);
    assert_int_equal(inside(i, in(t, "index/../r.json", p)), 0);
    assert_int_equal(inside(i, in(t, "other/index/r.json", p)), 0);
    assert_int_equal(inside(i, t->dir), 0);
    link_to(t, "index/..", "up");
    assert_int_equal(inside(i, in(t, "up/r.json", p)), 0);
    /* An index not made yet, and a path that is. */
    assert_int_equal(inside(in(t, "new/idx", p), i), 0);
}

static void test_unresolvable_paths_are_eio(void **state)
{
    test_dir *t = *state;
    char i[256], p[256];
    int yes;
    in(t, "index", i);
    link_to(t, "loop-b", "loop-a");
    link_to(t, "loop-a", "loop-b");
    assert_int_equal(layout_contains(i, in(t, "loop-a", p), &yes), GZ_EIO);
    make(t, "file", 0);
    assert_int_equal(layout_contains(i, in(t, "file/x", p), &yes), GZ_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_missing_empty_and_leftovers_are_taken,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_folders_and_files_are_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_stub_naming_no_generation_is_corrupt,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_spellings_inside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spellings_outside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unresolvable_paths_are_eio,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
