/* parallel.c - build parts in threads, merge them by compaction. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "layout.h"
#include "parallel.h"

typedef struct part {
    char *path;
    const char *language;
    update_opts opts;
    char *const *paths;
    size_t n;
    update_result res;
    gz_status status;
    char error[1024];   /* gz_last_error() is per thread: kept for main */
} part;

static void *build_part(void *arg)
{
    part *p = arg;
    index_writer *w = NULL;
    gz_status s = writer_open(p->path, WRITER_CREATE | WRITER_NO_SYNC |
                                       WRITER_SCRATCH, p->language, &w);
    if (s == GZ_OK)
        s = update_run(w, &p->opts, p->paths, p->n, &p->res);
    if (w) {
        /* A stopped part is scratch about to be removed: no commit. */
        gz_status c = writer_close(w, s == GZ_OK && !p->res.interrupted);
        if (s == GZ_OK)
            s = c;
    }
    if (s != GZ_OK)
        snprintf(p->error, sizeof p->error, "%s", gz_last_error());
    p->status = s;
    return NULL;
}

static char *part_path(const char *dest, unsigned k)
{
    size_t len = strlen(dest) + 32;
    char *path = malloc(len);
    if (path)
        snprintf(path, len, "%s.part-%u", dest, k);
    return path;
}

/* Write into the merged DEST the bookkeeping of the files PL split,
 * which no part had whole. */
static gz_status write_split_states(const char *dest, const char *language,
                                    const plan *pl)
{
    int any = 0;
    for (size_t i = 0; i < pl->n; i++)
        any |= pl->pieces[i].split;
    if (!any)
        return GZ_OK;
    index_writer *w = NULL;
    gz_status st = writer_open(dest, 0, language, &w);
    if (st == GZ_OK)
        st = plan_write_states(pl, w);
    if (w) {
        gz_status c = writer_close(w, st == GZ_OK);
        if (st == GZ_OK)
            st = c;
    }
    return st;
}

/* Run the parts PS[0..PARTS) each in its own thread and wait for them
 * all.  Returns GZ_OK or the first failure (a part's, with its message). */
static gz_status run_parts(part *ps, unsigned parts, int progress,
                           const update_progress *shared)
{
    pthread_t *tids = calloc(parts, sizeof *tids);
    gz_status st = tids ? GZ_OK : gz_error_set(GZ_EOOM, "out of memory");
    unsigned started = 0;
    for (; st == GZ_OK && started < parts; started++)
        if (pthread_create(&tids[started], NULL, build_part, &ps[started]) != 0) {
            st = gz_error_set(GZ_EOOM, "cannot start an indexing thread");
            break;
        }
    for (unsigned k = 0; k < started; k++)
        pthread_join(tids[k], NULL);
    free(tids);
    if (progress) {
        /* The parts drew the line while they ran; end it with the whole. */
        unsigned long files = shared->files, articles = shared->articles;
        fprintf(stderr, "\r\033[Kindexing: %lu/%lu files, %lu articles, merging\r\033[K",
                files, files, articles);
    }
    for (unsigned k = 0; st == GZ_OK && k < parts; k++)
        if (ps[k].status != GZ_OK)
            st = gz_error_set(ps[k].status, "%s", ps[k].error);
    return st;
}

gz_status parallel_build(const char *dest, const char *language,
                         const update_opts *opts, unsigned parts,
                         char *const *paths, size_t n, update_result *res)
{
    memset(res, 0, sizeof *res);
    part *ps = calloc(parts, sizeof *ps);
    const char **srcs = calloc(parts, sizeof *srcs);
    update_progress shared = { 0, 0, 0, 0 };
    plan pl = { NULL, 0 };
    char **files = NULL;
    long long *work = NULL;
    size_t nfiles = 0;
    gz_status st = GZ_OK;
    if (!ps || !srcs) {
        st = gz_error_set(GZ_EOOM, "out of memory");
        goto done;
    }
    /* One plan for all the parts (plan.h says why). */
    if ((st = update_files(opts, paths, n, &files, &work, &nfiles)) != GZ_OK ||
        (st = plan_make(files, work, nfiles, parts, &pl)) != GZ_OK)
        goto done;
    plan_show(&pl);
    for (unsigned k = 0; k < parts; k++) {
        part *p = &ps[k];
        p->path = part_path(dest, k);
        if (!p->path || (st = layout_remove(p->path)) != GZ_OK) {
            if (!p->path)
                st = gz_error_set(GZ_EOOM, "out of memory");
            goto done;
        }
        p->language = language;
        p->opts = *opts;
        p->opts.part = k;
        p->opts.parts = parts;
        p->opts.shared = &shared;
        p->opts.plan = &pl;
        /* Each part draws while it runs (update.c's show_progress()
         * takes turns): one that finished early leaves no stale line. */
        p->opts.progress = opts->progress;
        p->paths = paths;
        p->n = n;
        srcs[k] = p->path;
    }
    if ((st = run_parts(ps, parts, opts->progress, &shared)) != GZ_OK)
        goto done;
    /* Stopped (a signal): no merge; the parts are removed below and the
     * caller drops the whole build. */
    for (unsigned k = 0; k < parts; k++)
        if (ps[k].res.interrupted)
            goto done;
    if (opts->stop && *opts->stop) {
        res->interrupted = 1;
        goto done;
    }

    /* Merge in part order, keeping the latest copy of each article. */
    if ((st = layout_remove(dest)) == GZ_OK)
        st = writer_merge(srcs, parts, dest);
    if (st == GZ_OK)
        st = write_split_states(dest, language, &pl);

done:
    for (unsigned k = 0; ps && k < parts; k++) {
        update_result_add(res, &ps[k].res);
        if (ps[k].path)
            layout_remove(ps[k].path);
        free(ps[k].path);
    }
    if (st != GZ_OK || res->interrupted)
        layout_remove(dest);
    free(ps);
    free(srcs);
    plan_free(&pl);
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    free(work);
    return st;
}
