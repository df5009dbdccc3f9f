/* extract.c - gazette-index --extract.
 *
 * The JSON written is the input format's (DESIGN.md "Corpus formats"),
 * field for field, so that the output is itself a corpus file; a title
 * the reader made from the body is written out, and comes back the same. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

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
    rc = json_text_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc == 0 && putchar('\n') == EOF)
        rc = -1;
    return rc;
}

static int on_file(void *ctx, const char *path)
{
    extract_run *x = ctx;
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

    walk_paths(paths, n, walk_flags, on_file, on_walk_error, &x);
    if (fflush(stdout) != 0 && !x.failed) {
        report_error("cannot write the articles: %s", strerror(errno));
        x.failed = 1;
    }
    if (x.failed)
        return EXIT_ERROR;
    return x.rejected ? EXIT_REJECTED : EXIT_DONE;
}
