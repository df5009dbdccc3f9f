/* test_walk.c - the order files are read in (indexer/walk.h): walk_order()
 * on paths must be the order in which a walk of their folder meets them,
 * since the file read last wins an id that several files give. */
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

#include "walk.h"
#include "test_dir.h"

static void test_components_before_siblings(void **state)
{
    (void)state;
    assert_true(walk_order("a/b", "a-c") < 0);     /* strcmp says > */
    assert_true(walk_order("a-c", "a/b") > 0);
    assert_true(walk_order("a/z", "a.b") < 0);
    assert_true(walk_order("a", "a/b") < 0);
    assert_true(walk_order("a/b", "a/b") == 0);
    assert_true(walk_order("x/\xc3\xa9", "x/z") > 0);  /* bytes, unsigned */
    assert_true(walk_order("b", "a/zzz") > 0);
}

typedef struct seen {
    char *paths[400];
    size_t n;
} seen;

static int on_file(void *ctx, const char *path)
{
    seen *s = ctx;
    if (s->n < 400)
        s->paths[s->n++] = strdup(path);
    return 0;
}

static int on_error(void *ctx, const char *path, int err, walk_problem p)
{
    (void)ctx, (void)path, (void)err, (void)p;
    return 1;
}

static int by_walk_order(const void *a, const void *b)
{
    return walk_order(*(char *const *)a, *(char *const *)b);
}

/* Random trees of names made of bytes around '/' in value ('-', '.',
 * '0', 'a', 'A', '_'): a recursive walk meets the files in walk_order(). */
static void test_walk_meets_files_in_walk_order(void **state)
{
    (void)state;
    static const char alphabet[] = "-.0aA_~";
    srand(17);
    for (int round = 0; round < 30; round++) {
        test_dir *t = test_dir_new("tree");
        assert_non_null(t);
        assert_int_equal(mkdir(t->path, 0755), 0);
        for (int f = 0; f < 40; f++) {
            char path[256];
            int len = snprintf(path, sizeof path, "%s", t->path);
            int depth = rand() % 3;
            for (int d = 0; d <= depth; d++) {
                char name[8];
                int n = 1 + rand() % 3;
                for (int k = 0; k < n; k++)
                    name[k] = alphabet[rand() % (sizeof alphabet - 1)];
                name[n] = '\0';
                len += snprintf(path + len, sizeof path - len, "/%s%s", name,
                                d == depth ? ".txt" : "");
                if (d < depth)
                    mkdir(path, 0755);  /* may exist, or be a file: */
            }
            FILE *fp = fopen(path, "w");  /* then this fails: skipped */
            if (fp)
                fclose(fp);
        }
        seen s = { .n = 0 };
        char *roots[] = { t->path };
        assert_int_equal(walk_paths(roots, 1, 0, on_file, on_error, &s), 0);
        assert_true(s.n > 0);
        char *sorted[400];
        memcpy(sorted, s.paths, s.n * sizeof *sorted);
        qsort(sorted, s.n, sizeof *sorted, by_walk_order);
        for (size_t i = 0; i < s.n; i++)
            assert_string_equal(sorted[i], s.paths[i]);
        for (size_t i = 0; i < s.n; i++)
            free(s.paths[i]);
        test_dir_free(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_components_before_siblings),
        cmocka_unit_test(test_walk_meets_files_in_walk_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
