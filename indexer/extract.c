/* extract.c - gazette-index --extract.
 *
 * The JSON written is the input format's (DESIGN.md "Corpus formats"),
 * field for field, so that the output is itself a corpus file; a title
 * the reader made from the body is written out, and comes back the same. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cli/json_text.h"
#include "cli/report.h"
#include "corpus.h"
#include "error.h"
#include "extract.h"
#include "run.h"
#include "walk.h"

typedef struct extract_run {
    unsigned long rejected;
    int failed;                 /* out of memory, or stdout refused */
    int missing;                /* a path given does not exist */
    char **files;               /* the files to read, in walk_order() */
    size_t nfiles, cap;
} extract_run;

static void on_problem(void *ctx, const char *path, long line,
                       long long offset, problem_kind kind, const char *msg)
{
    extract_run *x = ctx;
    char where[64];

    corpus_problem_where(where, sizeof where, line, offset, kind);
    if (kind == PROBLEM_WARNING) {
        report_warning("%s%s: %s", path, where, msg);
        return;
    }
    x->rejected++;
    report_error("%s%s: %s", path, where, msg);
}

static int put_article(const article *a)
{
    json_t *o = json_object();
    int rc;

    if (!o)
        return -1;
    /* Every string of an article is valid UTF-8 (corpus.h): json_string()
     * takes it as it is. */
    json_object_set_new(o, "id", json_string(a->id));
    json_object_set_new(o, "date", a->date ? json_string(a->date) : json_null());
    json_object_set_new(o, "title", json_string(a->title));
    json_object_set_new(o, "source", json_string(a->source));
    json_object_set_new(o, "url", json_string(a->url));
    json_object_set_new(o, "author", json_string(a->author));
    json_object_set_new(o, "site", json_string(a->site));
    json_object_set_new(o, "body", json_stringn(a->body, a->body_len));
    /* Only when declared: an article without one reads as before. */
    if (a->lang)
        json_object_set_new(o, "lang", json_string(a->lang));
    rc = json_text_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc == 0 && putchar('\n') == EOF)
        rc = -1;
    return rc;
}

/* Read PATH's articles onto stdout.  Non-zero to stop. */
static int extract_file(extract_run *x, const char *path)
{
    corpus_reader *rd = NULL;
    article a;
    gz_status st = corpus_open(path, on_problem, x, &rd);
    int rc;

    if (st != GZ_OK) {
        if (st == GZ_EOOM) {
            report_status(st, path);
            x->failed = 1;
            return 1;
        }
        x->rejected++;
        report_error("%s", gz_last_error());
        return 0;
    }
    while ((rc = corpus_next(rd, &a)) == 1)
        if (put_article(&a) != 0) {
            report_error("cannot write the articles: %s", strerror(errno));
            x->failed = 1;
            break;
        }
    corpus_close(rd);
    return x->failed;
}

/* The files are read after the walk, in walk_order(), as a run reads
 * them, so that of two files giving one id the same copy comes last. */
static int on_file(void *ctx, const char *path)
{
    extract_run *x = ctx;

    if (x->nfiles == x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 64;
        char **files = realloc(x->files, cap * sizeof *files);
        if (!files)
            goto oom;
        x->files = files;
        x->cap = cap;
    }
    if (!(x->files[x->nfiles] = strdup(path)))
        goto oom;
    x->nfiles++;
    return 0;
oom:
    report_error("out of memory listing files");
    x->failed = 1;
    return 1;
}

static int by_walk_order(const void *a, const void *b)
{
    return walk_order(*(char *const *)a, *(char *const *)b);
}

static int on_walk_error(void *ctx, const char *path, int err,
                         walk_problem problem)
{
    extract_run *x = ctx;

    switch (problem) {
    case WALK_LOOP:
        report_warning("%s: symbolic link loop: not followed", path);
        return 0;
    case WALK_BROKEN_LINK:
        report_warning("%s: broken symbolic link: %s", path, strerror(err));
        return 0;
    case WALK_NOT_FILE:
        report_error("%s: not a regular file or directory", path);
        break;
    case WALK_UNREADABLE:
        if (err == ENOMEM) {
            report_error("out of memory listing files");
            x->failed = 1;
            return 1;
        }
        report_error("%s: %s", path, strerror(err));
        break;
    }
    x->rejected++;
    return 0;
}

int extract_paths(char *const *paths, size_t n, int walk_flags)
{
    extract_run x = {0};
    struct stat st;

    /* A path that does not exist is an error, as in a run (exit 2); the
     * others are still read, one at a time so that it is said once. */
    for (size_t i = 0; i < n && !x.failed; i++) {
        if (stat(paths[i], &st) != 0 && errno == ENOENT) {
            report_error("%s: %s", paths[i], strerror(errno));
            x.missing = 1;
            continue;
        }
        walk_paths(paths + i, 1, walk_flags, on_file, on_walk_error, &x);
    }
    qsort(x.files, x.nfiles, sizeof *x.files, by_walk_order);
    for (size_t i = 0; i < x.nfiles && !x.failed; i++)
        if (i == 0 || strcmp(x.files[i], x.files[i - 1]) != 0)
            extract_file(&x, x.files[i]);   /* a file given twice, once */
    for (size_t i = 0; i < x.nfiles; i++)
        free(x.files[i]);
    free(x.files);
    if (fflush(stdout) != 0 && !x.failed) {
        report_error("cannot write the articles: %s", strerror(errno));
        x.failed = 1;
    }
    if (x.failed || x.missing)
        return EXIT_ERROR;
    return x.rejected ? EXIT_REJECTED : EXIT_DONE;
}
