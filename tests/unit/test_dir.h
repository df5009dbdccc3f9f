/* test_dir.h - a fresh directory for each test, removed after it.
 *
 * Header-only, as each unit test is one file: include it after cmocka.h,
 * with _XOPEN_SOURCE 700 defined first (nftw()).
 */
#ifndef GZ_TEST_DIR_H
#define GZ_TEST_DIR_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct test_dir {
    char dir[64];           /* a new mkdtemp() directory */
    char path[128];         /* DIR/SUB: the thing under test, not made */
} test_dir;

/* A new directory under /tmp, and DIR/SUB named in PATH; NULL on failure. */
static test_dir *test_dir_new(const char *sub)
{
    test_dir *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    strcpy(t->dir, "/tmp/gz-test-XXXXXX");
    if (!mkdtemp(t->dir)) {
        free(t);
        return NULL;
    }
    snprintf(t->path, sizeof t->path, "%s/%s", t->dir, sub);
    return t;
}

static int test_dir_remove_entry(const char *path, const struct stat *st,
                                 int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

/* Remove T's directory with all it holds, and free T.  0 or -1. */
static int test_dir_free(test_dir *t)
{
    int rc = nftw(t->dir, test_dir_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(t);
    return rc;
}

#endif
