/* update.c - the incremental indexing run. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "cli/report.h"
#include "corpus.h"
#include "error.h"
#include "filestate.h"
#include "owners.h"
#include "pending.h"
#include "progress.h"
#include "schema_table.h"
#include "update.h"
#include "walk.h"

typedef struct file_list {
    char **paths;           /* absolute */
    long long *sizes;
    size_t n, cap;
} file_list;

typedef struct run {
    index_writer *w;
    const update_opts *opts;
    update_result *res;
    file_list files;
    char **roots;           /* absolute paths given on the command line */
    size_t nroots;
    owners *seen;           /* the files met in this walk: their stored
                               paths and their real paths */
    char **unwalked;        /* directories the walk could not read: what
                               lies under them is not "vanished" */
    size_t nunwalked;
    int quiet_walk;         /* another part reports the walk's problems */
    owners *owners;         /* id -> files giving it; built on first need */
    pending *pending;       /* ids whose winning copy must be chosen again */
    int fresh;              /* the index was empty: no copy to weigh */
    unsigned long uncommitted;
    long long bytes_done, bytes_total;  /* work_of() the files */
    long long file_work;        /* the file being read, as work_of() */
    long long file_counted;     /* how much of it is in bytes_done */
    long long file_work_from;   /* where the piece read starts, as work */
    plan_piece *piece;          /* the piece of the file read, or NULL */
    double started, last_progress;
    const char *current;    /* the file being read, for problems */
    int file_rejected;      /* this file had a rejection */
    int stopped;            /* opts->stop was seen set */
    gz_status fatal;
} run;

/* Whether to stop now (a signal asked for it): checked before each file,
 * each article and each block of a checksum, so a stop never waits long. */
static int stop_asked(run *r)
{
    if (!r->stopped && r->opts->stop && *r->opts->stop)
        r->stopped = 1;
    return r->stopped;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- Problems -------------------------------------------------------------- */

static void remember_rejection(run *r, const char *path, long line,
                               const char *reason)
{
    update_result *res = r->res;
    if (res->nrejections >= UPDATE_MAX_REJECTIONS)
        return;
    if (!res->rejections) {
        res->rejections = calloc(UPDATE_MAX_REJECTIONS, sizeof *res->rejections);
        if (!res->rejections)
            return;
    }
    rejection *x = &res->rejections[res->nrejections];
    x->path = strdup(path);
    x->reason = strdup(reason);
    x->line = line;
    if (x->path && x->reason)
        res->nrejections++;
    else {
        free(x->path);
        free(x->reason);
    }
}

/* Whether a progress line is on the screen: any part's, in a parallel
 * build. */
static int progress_drawn(const run *r)
{
    update_progress *sh = r->opts->shared;
    return r->opts->progress && (sh ? sh->drawn : r->last_progress) > 0;
}

static void clear_progress(run *r)
{
    if (progress_drawn(r))
        fputs("\r\033[K", stderr);
}

/* One input rejected: counted, reported on stderr as "PATH WHERE: REASON"
 * (WHERE NULL: REASON is a library message that names the place itself
 * and is reported alone), and kept for --report with PATH and LINE.  The
 * file being read is read again by the next run. */
static void reject(run *r, const char *path, long line, const char *where,
                   const char *reason)
{
    clear_progress(r);
    if (where)
        report_error("%s%s: %s", path, where, reason);
    else
        report_error("%s", reason);
    r->res->rejected++;
    r->file_rejected = 1;
    remember_rejection(r, path, line, reason);
}

static void on_problem(void *ctx, const char *path, long line,
                       long long offset, problem_kind kind, const char *msg)
{
    run *r = ctx;
    char where[64];
    corpus_problem_where(where, sizeof where, line, offset, kind);
    if (kind != PROBLEM_WARNING) {
        reject(r, path, line, where, msg);
        return;
    }
    clear_progress(r);
    r->res->warnings++;
    report_warning("%s%s: %s", path, where, msg);
}

/* Whether to draw the line at time T: four times a second at most, the
 * parts of a parallel build taking turns. */
static int progress_due(run *r, double t, int force)
{
    update_progress *sh = r->opts->shared;
    double last = sh ? sh->drawn : r->last_progress;
    do {
        if (!force && t - last < 0.25)
            return 0;
    } while (sh && !atomic_compare_exchange_weak(&sh->drawn, &last, t));
    r->last_progress = t;
    return 1;
}

static void show_progress(run *r, int force)
{
    if (!r->opts->progress)
        return;
    double t = now();
    if (!progress_due(r, t, force))
        return;
    update_progress *sh = r->opts->shared;
    unsigned long files = sh ? sh->files : r->res->files;
    unsigned long articles = sh ? sh->articles : r->res->articles;
    long long done = sh ? sh->bytes : r->bytes_done;
    double secs = t - r->started;
    char left[32];
    progress_left_text(progress_left(done, r->bytes_total, secs), left,
                       sizeof left);
    fprintf(stderr, "\r\033[Kindexing: %lu/%zu files, %lu articles, %.1f MB/s, %s",
            files, r->files.n, articles, secs > 0 ? done / 1e6 / secs : 0,
            left);
}

/* The work reading PATH's first BYTES costs, for the progress line: about
 * the text's size, so a gzip file's bytes count three times. */
static long long work_of(const char *path, long long bytes)
{
    size_t len = strlen(path);
    int gz = len > 3 && strcmp(path + len - 3, ".gz") == 0;
    return bytes * (gz ? 3 : 1);
}

/* DONE of the file being read (as work_of() counts) is read: counted as
 * it goes, not when the file is finished, or a big file is a long wait
 * at "0 s left".  Never past the size the walk saw (the file may grow). */
static void count_work(run *r, long long done)
{
    long long more = (done < r->file_work ? done : r->file_work) - r->file_counted;
    if (more <= 0)
        return;
    r->file_counted += more;
    r->bytes_done += more;
    if (r->opts->shared)
        r->opts->shared->bytes += more;
}

/* ---- The walk ---------------------------------------------------------------- */

static int add_file(void *ctx, const char *path)
{
    run *r = ctx;
    file_list *f = &r->files;
    if (stop_asked(r))
        return 1;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 256;
        char **p = realloc(f->paths, cap * sizeof *p);
        long long *s = p ? realloc(f->sizes, cap * sizeof *s) : NULL;
        if (!p || !s) {
            if (p)
                f->paths = p;
            r->fatal = gz_error_set(GZ_EOOM, "out of memory listing files");
            return 1;
        }
        f->paths = p;
        f->sizes = s;
        f->cap = cap;
    }
    char *abs = realpath(path, NULL);
    if (!abs && r->quiet_walk)
        return 0;
    if (!abs) {
        reject(r, path, 0, "", strerror(errno));
        return 0;
    }
    /* The same file named twice (or reached twice) is read once. */
    if (owners_count(r->seen, abs) > 0) {
        free(abs);
        return 0;
    }
    if (owners_add(r->seen, abs, 1) < 0) {
        free(abs);
        r->fatal = gz_error_set(GZ_EOOM, "out of memory listing files");
        return 1;
    }
    /* The walk starts from the roots' real paths, so without links
     * followed PATH is ABS.  Through a link the file keeps the path the
     * link gives it: it is under a root, so it vanishes (and its articles
     * go) when the link does. */
    if (r->opts->follow_symlinks && strcmp(abs, path) != 0) {
        char *logical = strdup(path);
        free(abs);
        if (!logical || owners_add(r->seen, logical, 1) < 0) {
            free(logical);
            r->fatal = gz_error_set(GZ_EOOM, "out of memory listing files");
            return 1;
        }
        abs = logical;
    }
    struct stat sb;
    f->sizes[f->n] = stat(abs, &sb) == 0 ? work_of(abs, sb.st_size) : 0;
    r->bytes_total += f->sizes[f->n];
    f->paths[f->n++] = abs;
    return 0;
}

/* Remember that nothing under PATH was seen, so that its files, which
 * the index may hold, are not taken for vanished: a directory that cannot
 * be read today (a permission, a mount that is down) must not empty the
 * index of its articles. */
static int keep_unwalked(run *r, const char *path)
{
    char **p = realloc(r->unwalked, (r->nunwalked + 1) * sizeof *p);
    if (!p)
        return -1;
    r->unwalked = p;
    if (!(p[r->nunwalked] = strdup(path)))
        return -1;
    r->nunwalked++;
    return 0;
}

static int on_walk_error(void *ctx, const char *path, int err,
                         walk_problem problem)
{
    run *r = ctx;
    char why[256];
    if (err == ENOMEM) {
        r->fatal = gz_error_set(GZ_EOOM, "out of memory listing files");
        return 1;
    }
    if (problem != WALK_LOOP && keep_unwalked(r, path) != 0) {
        r->fatal = gz_error_set(GZ_EOOM, "out of memory listing files");
        return 1;
    }
    if (r->quiet_walk)
        return 0;
    clear_progress(r);
    switch (problem) {
    case WALK_LOOP:
        /* Everything the loop leads to is walked already: nothing lost. */
        r->res->warnings++;
        report_warning("%s: symbolic link loop: not followed", path);
        return 0;
    case WALK_BROKEN_LINK:
        r->res->warnings++;
        report_warning("%s: broken symbolic link: %s", path, strerror(err));
        return 0;
    case WALK_NOT_FILE:
        snprintf(why, sizeof why, "not a regular file or directory");
        break;
    case WALK_UNREADABLE:
        snprintf(why, sizeof why, "%s", strerror(err));
        break;
    }
    reject(r, path, 0, "", why);
    return 0;
}

/* ---- Ownership and deletion ------------------------------------------------- */

static int count_owner_ids(void *ctx, const filestate *fs)
{
    run *r = ctx;
    for (size_t i = 0; i < fs->nids; i++)
        if (owners_add(r->owners, fs->ids[i], 1) < 0)
            return 1;
    return 0;
}

/* Build the id -> files map from the bookkeeping as it now stands. */
static gz_status need_owners(run *r)
{
    if (r->owners)
        return GZ_OK;
    if (!(r->owners = owners_new()))
        return gz_error_set(GZ_EOOM, "out of memory");
    gz_status st = filestate_each(r->w, count_owner_ids, r);
    if (st != GZ_OK) {
        owners_free(r->owners);
        r->owners = NULL;
    }
    return st;
}

static gz_status delete_id(run *r, const char *id)
{
    gz_status st = writer_delete(r->w, id);
    if (st == GZ_OK)
        r->res->deleted++;
    return st;
}

/* IDS were given by the file FROM and no longer are (it changed or
 * vanished): the bookkeeping is already updated.  Delete the ones no file
 * gives now; of the others, the ones whose indexed copy is FROM's must
 * take the copy of the file that now wins (resolve_pending()). */
static gz_status drop_ids(run *r, char *const *ids, size_t n, const char *from)
{
    if (n == 0)
        return GZ_OK;
    gz_status st = need_owners(r);
    for (size_t i = 0; st == GZ_OK && i < n; i++) {
        if (owners_count(r->owners, ids[i]) == 0) {
            st = delete_id(r, ids[i]);
            continue;
        }
        char *source = NULL;
        st = writer_source_path(r->w, ids[i], &source);
        if (st == GZ_ENOTFOUND)
            st = GZ_OK;     /* another shard's, or never written */
        else if (st == GZ_OK && strcmp(source, from) == 0)
            st = pending_add(r->pending, ids[i]);
        free(source);
    }
    return st;
}

/* Whether the index's copy of ID comes from a file that sorts after PATH
 * and still gives it, so that PATH's copy must not replace it (*LATER). */
static gz_status later_copy(run *r, const char *path, const char *id,
                            int *later)
{
    *later = 0;
    if (r->fresh || pending_has(r->pending, id))
        return GZ_OK;
    char *source = NULL;
    gz_status st = writer_source_path(r->w, id, &source);
    if (st == GZ_ENOTFOUND || st == GZ_EINVAL)
        return GZ_OK;   /* none, or an id writer_add() will refuse */
    /* A file sorting after PATH has not been read yet in this run (the
     * files are read in walk_order()), so it still gives ID unless ID is
     * pending, which was checked above. */
    if (st == GZ_OK)
        *later = walk_order(source, path) > 0;
    free(source);
    return st;
}

/* The pending ids go in the same commit as the bookkeeping that made
 * them pending. */
static gz_status run_commit(run *r)
{
    gz_status st = r->pending ? pending_save(r->w, r->pending) : GZ_OK;
    if (st == GZ_OK)
        st = writer_commit(r->w);
    if (st == GZ_OK)
        r->uncommitted = 0;
    return st;
}

static gz_status commit_if_due(run *r)
{
    if (r->uncommitted < r->opts->commit_every && !writer_heavy(r->w))
        return GZ_OK;
    return run_commit(r);
}

/* ---- One file ------------------------------------------------------------------ */

/* The crc32 of PATH into *CRC and, in the same pass, of its first PREFIX
 * bytes into *PREFIX_CRC (-1 when it has fewer, or PREFIX < 0): whether
 * the file only grew since its last read. */
static gz_status file_crc(run *r, const char *path, long long prefix,
                          unsigned long *crc, long long *prefix_crc)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return gz_error_set(GZ_EIO, "%s: %s", path, strerror(errno));
    unsigned char buf[1 << 16];
    uLong c = crc32(0L, Z_NULL, 0);
    long long at = 0;
    ssize_t n;
    *prefix_crc = prefix == 0 ? (long long)c : -1;
    /* A file of gigabytes takes seconds: a stop does not wait for it
     * (the caller sees r->stopped and drops the file). */
    while ((n = read(fd, buf, sizeof buf)) > 0 && !stop_asked(r)) {
        long long split = prefix > at && prefix <= at + n ? prefix - at : 0;
        if (split > 0) {
            c = crc32(c, buf, (uInt)split);
            *prefix_crc = (long long)c;
        }
        c = crc32(c, buf + split, (uInt)(n - split));
        at += n;
    }
    int err = errno;
    close(fd);
    if (n < 0)
        return gz_error_set(GZ_EIO, "%s: %s", path, strerror(err));
    *crc = c;
    return GZ_OK;
}

/* The article at PATH:LINE was indexed only up to the word limit. */
static void warn_cut(run *r, const char *path, long line)
{
    char msg[128];
    snprintf(msg, sizeof msg, "more than %d distinct words: the words from "
             "there on are not searchable", SCHEMA_ARTICLE_TERMS_MAX);
    on_problem(r, path, line, -1, PROBLEM_WARNING, msg);
}

/* A set of OLD's ids, for lookups in files of many articles. */
static owners *id_set(const filestate *fs)
{
    owners *set = owners_new();
    for (size_t i = 0; set && i < fs->nids; i++)
        if (owners_add(set, fs->ids[i], 1) < 0) {
            owners_free(set);
            return NULL;
        }
    return set;
}

/* Add article A of PATH to the index, unless a file that wins over PATH
 * gives it or the index holds it exactly so (counted unchanged); either
 * way PATH gives it (into NEW_FS). */
static gz_status take_article(run *r, const char *path, const article *a,
                              const owners *old_ids, filestate *new_fs)
{
    int later = 0, taken = 0;
    gz_status st = later_copy(r, path, a->id, &later);
    if (st == GZ_OK && !later)
        st = writer_add(r->w, a, path, &taken);
    if (st == GZ_EINVAL) {
        /* An id the index cannot hold: the input's fault. */
        on_problem(r, path, a->line, -1, PROBLEM_REJECTED, gz_last_error());
        return GZ_OK;
    }
    if (st != GZ_OK || !(taken || later))
        return st;  /* !taken: another shard's, not this index's business */
    if (taken == WRITER_CUT)
        warn_cut(r, path, a->line);
    if (filestate_add_id(new_fs, a->id) != 0)
        return gz_error_set(GZ_EOOM, "out of memory");
    r->res->articles++;
    if (r->opts->shared)
        r->opts->shared->articles++;
    /* The index holds it exactly so: nothing written, nothing to commit. */
    if (taken == WRITER_SAME) {
        r->res->articles_unchanged++;
        return GZ_OK;
    }
    if (owners_count(old_ids, a->id) > 0)
        r->res->replaced++;
    else
        r->res->added++;
    r->uncommitted++;
    return commit_if_due(r);
}

/* Read PATH's articles into the index, from RD (NULL: from its start);
 * NEW_FS collects their ids, and where the read of its SIZE bytes ended.
 * *CUT is set when the file could not be read to its end, *ROLLS when it
 * is a feed (corpus_rolls()). */
static gz_status read_articles(run *r, const char *path, corpus_reader *rd,
                               long long size, const filestate *old,
                               filestate *new_fs, int *cut, int *rolls)
{
    owners *old_ids = id_set(old);
    *cut = 0;
    *rolls = 0;
    if (!old_ids) {
        corpus_close(rd);
        return gz_error_set(GZ_EOOM, "out of memory");
    }
    gz_status st = rd ? GZ_OK : corpus_open(path, on_problem, r, &rd);
    if (st != GZ_OK) {
        reject(r, path, 0, NULL, gz_last_error());
        owners_free(old_ids);
        *cut = 1;
        return GZ_OK;   /* the input's fault, not the run's */
    }
    if (r->piece)
        st = corpus_set_range(rd, r->piece->start, r->piece->end);
    article a;
    int more = 0;
    while (st == GZ_OK && !stop_asked(r) && (more = corpus_next(rd, &a)) == 1) {
        st = take_article(r, path, &a, old_ids, new_fs);
        count_work(r, work_of(path, corpus_bytes_read(rd)) - r->file_work_from);
        show_progress(r, 0);
    }
    *cut = more < 0;
    *rolls = corpus_rolls(rd);
    if (more == 0 && st == GZ_OK && !r->stopped)
        corpus_end_state(rd, size, &new_fs->end);
    corpus_add_skips(rd, &r->res->skipped);
    corpus_close(rd);
    owners_free(old_ids);
    return st;
}

/* The file gave OLD's ids and now gives FRESH's (its bookkeeping is
 * written): move the ownership, and delete the ids no file gives now. */
static gz_status forget_gone_ids(run *r, const filestate *old,
                                 const filestate *fresh)
{
    gz_status st = GZ_OK;
    char **gone = calloc(old->nids + 1, sizeof *gone);
    owners *kept = id_set(fresh);
    size_t ngone = 0;
    if (!gone || !kept) {
        free(gone);
        owners_free(kept);
        return gz_error_set(GZ_EOOM, "out of memory");
    }
    for (size_t i = 0; i < old->nids; i++)
        if (owners_count(kept, old->ids[i]) == 0)
            gone[ngone++] = old->ids[i];
    if (r->owners) {
        for (size_t i = 0; i < old->nids; i++)
            owners_add(r->owners, old->ids[i], -1);
        for (size_t i = 0; i < fresh->nids; i++)
            if (owners_add(r->owners, fresh->ids[i], 1) < 0)
                st = gz_error_set(GZ_EOOM, "out of memory");
    }
    if (st == GZ_OK)
        st = drop_ids(r, gone, ngone, old->path);
    free(gone);
    owners_free(kept);
    return st;
}

/* A file that could not be read to its end, and a feed, still give the
 * ids they gave before and did not give this time: their articles are
 * kept as they were (counted in *COUNT).  The cut file is read again by
 * the next run (size -1); the feed keeps them until it is removed. */
static gz_status keep_unread_ids(const filestate *old, filestate *fresh,
                                 unsigned long *count)
{
    owners *read = id_set(fresh);
    if (!read)
        return gz_error_set(GZ_EOOM, "out of memory");
    gz_status st = GZ_OK;
    for (size_t i = 0; st == GZ_OK && i < old->nids; i++) {
        if (owners_count(read, old->ids[i]) > 0)
            continue;
        if (filestate_add_id(fresh, old->ids[i]) != 0)
            st = gz_error_set(GZ_EOOM, "out of memory");
        else
            (*count)++;
    }
    owners_free(read);
    return st;
}

/* A reader of what PATH holds past the OLD->size bytes its last read
 * ended at, when those are unchanged (their crc is PREFIX_CRC) and that
 * read can go on from there; else NULL: the file is read whole. */
static corpus_reader *open_tail(run *r, const char *path,
                                const filestate *old, long long prefix_crc)
{
    corpus_reader *rd = NULL;
    if (old->size <= 0 || old->feed || old->end.kind == CORPUS_TAIL_NONE ||
        prefix_crc != (long long)old->crc)
        return NULL;
    /* A tail that cannot go on from there (say, bytes that are no gzip
     * member after a gzip file) is no failure: the whole file is read. */
    if (corpus_open_at(path, old->size, &old->end, on_problem, r, &rd) != GZ_OK)
        return NULL;
    return rd;
}

/* Read PATH, changed, new or grown (SIZE bytes, MTIME, CRC), whose
 * bookkeeping was OLD: its articles replace the ones it gave, or, read
 * on by TAIL (open_tail(), NULL: the whole file), join them. */
static gz_status reread_file(run *r, const char *path, corpus_reader *tail,
                             long long size, long long mtime,
                             unsigned long crc, const filestate *old)
{
    filestate fresh;
    memset(&fresh, 0, sizeof fresh);
    gz_status st = GZ_OK;
    int cut = 0, rolls = 0;
    r->file_rejected = 0;
    if (!(fresh.path = strdup(path)))
        st = gz_error_set(GZ_EOOM, "out of memory");
    /* Read on: the file still gives what it gave, and then the tail's. */
    for (size_t i = 0; tail && st == GZ_OK && i < old->nids; i++)
        if (filestate_add_id(&fresh, old->ids[i]) != 0)
            st = gz_error_set(GZ_EOOM, "out of memory");
    if (st == GZ_OK)
        st = read_articles(r, path, tail, size, old, &fresh, &cut, &rolls);
    else
        corpus_close(tail);
    /* Stopped inside the file: what was read of it is in the index, but
     * its bookkeeping stays as it was, so the next run reads it again
     * (and only then deletes the ids it no longer gives). */
    if (st != GZ_OK || r->stopped)
        goto done;
    /* A feed fetched over with an error page, a login wall or nothing
     * must not take its articles with it. */
    if (old->feed && !rolls && !cut) {
        on_problem(r, path, 0, -1, PROBLEM_WARNING,
                   "was a feed and no longer reads as one (an error page "
                   "saved in its place?): its articles are kept");
        rolls = 1;
    }
    fresh.feed = rolls || old->feed;
    if ((cut || rolls) &&
        (st = keep_unread_ids(old, &fresh, cut ? &r->res->kept
                                               : &r->res->rolled)) != GZ_OK)
        goto done;
    /* A file with a rejection is read again next time (and its problem
     * reported again) rather than remembered as done. */
    fresh.size = r->file_rejected ? -1 : size;
    if (r->file_rejected)
        memset(&fresh.end, 0, sizeof fresh.end);
    fresh.mtime_ns = mtime;
    fresh.crc = crc;
    if (r->piece) {
        /* Part of the file's ids: parallel_build() writes them all. */
        r->piece->state = fresh;
        r->piece->read = 1;
        memset(&fresh, 0, sizeof fresh);
        goto done;
    }
    if ((st = filestate_put(r->w, &fresh)) == GZ_OK)
        st = forget_gone_ids(r, old, &fresh);
done:
    filestate_free(&fresh);
    return st;
}

static gz_status update_file(run *r, const char *path, long long listed_size)
{
    filestate old;
    int found;
    gz_status st = filestate_get(r->w, path, &old, &found);
    if (st != GZ_OK)
        return st;
    /* A piece after a file's first is no file of its own for the
     * counts, and the first piece's part takes the whole file's crc. */
    int first = !r->piece || r->piece->start == 0;
    r->file_work = r->piece ? r->piece->work : listed_size;
    r->file_work_from = r->piece ? r->piece->work_from : 0;
    r->file_counted = 0;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        reject(r, path, 0, "", strerror(errno));
        goto done;
    }
    long long mtime = (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
    r->res->files += first;
    if (r->opts->shared)
        r->opts->shared->files += first;
    if (found && old.size == (long long)sb.st_size && old.mtime_ns == mtime) {
        r->res->unchanged++;
        goto done;
    }
    unsigned long crc = 0;
    long long prefix_crc = -1;
    if (first && (st = file_crc(r, path, found ? old.size : -1, &crc,
                                &prefix_crc)) != GZ_OK) {
        /* Unreadable today: what it gave stays until it reads again. */
        reject(r, path, 0, NULL, gz_last_error());
        r->res->kept += old.nids;
        st = GZ_OK;
        goto done;
    }
    if (r->stopped)
        goto done;
    if (found && old.size == (long long)sb.st_size && old.crc == crc) {
        /* Touched, not changed: remember the new mtime only. */
        r->res->unchanged++;
        old.mtime_ns = mtime;
        st = filestate_put(r->w, &old);
        goto done;
    }
    corpus_reader *tail = NULL;
    if (found && (long long)sb.st_size > old.size)
        tail = open_tail(r, path, &old, prefix_crc);
    if (tail)
        r->res->appended++;
    else if (found)
        r->res->changed++;
    else
        r->res->added_files += first;
    st = reread_file(r, path, tail, (long long)sb.st_size, mtime, crc, &old);
done:
    count_work(r, listed_size);
    filestate_free(&old);
    return st;
}

/* ---- Vanished files -------------------------------------------------------------- */

/* Whether PATH is DIR or lies under it. */
static int under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 &&
           (path[n] == '\0' || path[n] == '/' || (n == 1 && dir[0] == '/'));
}

static int under_unwalked(const run *r, const char *path)
{
    for (size_t i = 0; i < r->nunwalked; i++)
        if (under(path, r->unwalked[i]))
            return 1;
    return 0;
}

static int under_roots(const run *r, const char *path)
{
    for (size_t i = 0; i < r->nroots; i++)
        if (under(path, r->roots[i]))
            return 1;
    return 0;
}

typedef struct vanished_list {
    filestate *items;
    size_t n, cap;
} vanished_list;

static int collect_vanished(void *ctx, const filestate *fs)
{
    void **c = ctx;
    run *r = c[0];
    vanished_list *v = c[1];
    if (!under_roots(r, fs->path) || owners_count(r->seen, fs->path) > 0)
        return 0;
    if (under_unwalked(r, fs->path)) {
        r->res->kept += fs->nids;   /* cannot be read today */
        return 0;
    }
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        filestate *p = realloc(v->items, cap * sizeof *p);
        if (!p)
            return 1;
        v->items = p;
        v->cap = cap;
    }
    /* Copy: FS is freed after the call. */
    filestate *copy = &v->items[v->n];
    memset(copy, 0, sizeof *copy);
    if (!(copy->path = strdup(fs->path)))
        return 1;
    v->n++;
    for (size_t i = 0; i < fs->nids; i++)
        if (filestate_add_id(copy, fs->ids[i]) != 0)
            return 1;
    return 0;
}

static gz_status remove_vanished(run *r)
{
    vanished_list v = { NULL, 0, 0 };
    void *ctx[2] = { r, &v };
    gz_status st = filestate_each(r->w, collect_vanished, ctx);
    for (size_t i = 0; st == GZ_OK && i < v.n; i++) {
        filestate *fs = &v.items[i];
        r->res->vanished++;
        if (r->opts->keep_missing)
            continue;
        if ((st = filestate_remove(r->w, fs->path)) != GZ_OK)
            break;
        if (r->owners)
            for (size_t k = 0; k < fs->nids; k++)
                owners_add(r->owners, fs->ids[k], -1);
        st = drop_ids(r, fs->ids, fs->nids, fs->path);
    }
    for (size_t i = 0; i < v.n; i++)
        filestate_free(&v.items[i]);
    free(v.items);
    return st;
}

/* ---- Ids given by several files ------------------------------------------- */

/* A pending id and the file that now wins it (NULL: none gives it). */
typedef struct contest {
    char *id;
    char *winner;
} contest;

typedef struct contests {
    contest *items;     /* sorted by id for find_winners() */
    size_t n;
    int oom;
} contests;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const contest *)a)->id, ((const contest *)b)->id);
}

static int by_winner(const void *a, const void *b)
{
    return strcmp(((const contest *)a)->winner, ((const contest *)b)->winner);
}

static int find_winners(void *ctx, const filestate *fs)
{
    contests *c = ctx;
    for (size_t i = 0; i < fs->nids; i++) {
        contest key = { fs->ids[i], NULL };   /* only read */
        contest *x = bsearch(&key, c->items, c->n, sizeof key, by_id);
        if (!x || (x->winner && walk_order(fs->path, x->winner) <= 0))
            continue;
        free(x->winner);
        if (!(x->winner = strdup(fs->path))) {
            c->oom = 1;
            return 1;
        }
    }
    return 0;
}

/* Index the copies of WANT[0..N)'s ids that PATH gives (the last one in
 * the file, as a clean build would); the ids it does not give stay
 * pending, with a warning. */
static gz_status take_copies(run *r, const char *path, contest *want, size_t n)
{
    owners *ids = owners_new(), *found = owners_new();
    corpus_reader *rd = NULL;
    gz_status st = ids && found ? GZ_OK : gz_error_set(GZ_EOOM, "out of memory");
    for (size_t i = 0; st == GZ_OK && i < n; i++)
        if (owners_add(ids, want[i].id, 1) < 0)
            st = gz_error_set(GZ_EOOM, "out of memory");
    /* Its problems were reported when it was read. */
    if (st == GZ_OK && corpus_open(path, NULL, NULL, &rd) == GZ_OK) {
        article a;
        while (st == GZ_OK && corpus_next(rd, &a) == 1) {
            if (owners_count(ids, a.id) == 0)
                continue;
            if ((st = writer_add(r->w, &a, path, NULL)) == GZ_OK &&
                owners_add(found, a.id, 1) < 0)
                st = gz_error_set(GZ_EOOM, "out of memory");
        }
        corpus_close(rd);
    }
    for (size_t i = 0; st == GZ_OK && i < n; i++) {
        if (owners_count(found, want[i].id) > 0)
            continue;
        r->res->warnings++;
        report_warning("%s: no longer gives article %s, which it was the "
                       "last file to give: read again next run", path,
                       want[i].id);
        st = pending_add(r->pending, want[i].id);
    }
    owners_free(ids);
    owners_free(found);
    return st;
}

/* Give each pending id the copy of the file that now wins it: the last
 * in walk_order() of the files whose bookkeeping lists it, as in a clean
 * build.  Ids that cannot be settled now stay pending. */
static gz_status resolve_pending(run *r)
{
    contests c = { NULL, pending_count(r->pending), 0 };
    if (c.n == 0)
        return GZ_OK;
    if (!(c.items = calloc(c.n, sizeof *c.items)))
        return gz_error_set(GZ_EOOM, "out of memory");
    /* Copies: the list is emptied, then given back what stays pending. */
    gz_status st = GZ_OK;
    for (size_t i = 0; st == GZ_OK && i < c.n; i++)
        if (!(c.items[i].id = strdup(pending_id(r->pending, i))))
            st = gz_error_set(GZ_EOOM, "out of memory");
    if (st == GZ_OK) {
        qsort(c.items, c.n, sizeof *c.items, by_id);
        st = filestate_each(r->w, find_winners, &c);
    }
    if (st == GZ_OK && c.oom)
        st = gz_error_set(GZ_EOOM, "out of memory");
    /* The ones whose indexed copy is already the winner's, or that no
     * file gives, are settled here; the others go to the front. */
    size_t stale = 0;
    for (size_t i = 0; st == GZ_OK && i < c.n; i++) {
        contest *x = &c.items[i];
        char *source = NULL;
        if (!x->winner) {
            st = writer_delete(r->w, x->id);
            continue;
        }
        st = writer_source_path(r->w, x->id, &source);
        if (st == GZ_ENOTFOUND || (st == GZ_OK && strcmp(source, x->winner) != 0)) {
            contest t = c.items[stale];
            c.items[stale++] = *x;
            *x = t;
            st = GZ_OK;
        }
        free(source);
    }
    qsort(c.items, stale, sizeof *c.items, by_winner);
    if (st == GZ_OK)
        pending_clear(r->pending);
    for (size_t i = 0, j; st == GZ_OK && i < stale; i = j) {
        for (j = i + 1; j < stale && strcmp(c.items[j].winner, c.items[i].winner) == 0; j++)
            ;
        st = take_copies(r, c.items[i].winner, c.items + i, j - i);
    }
    for (size_t i = 0; i < c.n; i++) {
        free(c.items[i].id);
        free(c.items[i].winner);
    }
    free(c.items);
    return st;
}

/* ---- The run ----------------------------------------------------------------------- */

typedef struct sized_path {
    char *path;
    long long size;
} sized_path;

static int by_walk_order(const void *a, const void *b)
{
    return walk_order(((const sized_path *)a)->path,
                      ((const sized_path *)b)->path);
}

/* Put F in walk_order(), whatever the order of the paths given: the
 * file read last wins an id that several files give, so a run, a clean
 * build and a parallel build's parts must all read in the same order. */
static gz_status sort_files(file_list *f)
{
    sized_path *all = malloc((f->n + 1) * sizeof *all);
    if (!all)
        return gz_error_set(GZ_EOOM, "out of memory listing files");
    for (size_t i = 0; i < f->n; i++)
        all[i] = (sized_path){ f->paths[i], f->sizes[i] };
    qsort(all, f->n, sizeof *all, by_walk_order);
    for (size_t i = 0; i < f->n; i++) {
        f->paths[i] = all[i].path;
        f->sizes[i] = all[i].size;
    }
    free(all);
    return GZ_OK;
}

/* Walk PATHS[0..N) into R's list of files (and its roots). */
static gz_status list_files(run *r, char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *abs = realpath(paths[i], NULL);
        if (!abs) {
            /* A path that is gone is an error, never "everything under it
             * vanished": a typo must not empty the index. */
            if (!r->quiet_walk)
                report_error("%s: %s", paths[i], strerror(errno));
            r->res->bad_path = 1;
            continue;
        }
        r->roots[r->nroots++] = abs;
    }
    walk_paths(r->roots, r->nroots,
               r->opts->follow_symlinks ? WALK_FOLLOW_SYMLINKS : 0, add_file,
               on_walk_error, r);
    return r->fatal != GZ_OK ? r->fatal : sort_files(&r->files);
}

/* What the index holds before the run: the ids still pending from a run
 * that stopped early, and whether there is any copy to weigh at all (a
 * build into an empty index reads files in order and needs no lookups). */
static gz_status begin_run(run *r)
{
    unsigned long count = 0;
    gz_status st = pending_load(r->w, &r->pending);
    if (st == GZ_OK)
        st = writer_count(r->w, &count);
    r->fresh = st == GZ_OK && count == 0 && pending_count(r->pending) == 0;
    return st;
}

static void run_free(run *r)
{
    for (size_t i = 0; i < r->files.n; i++)
        free(r->files.paths[i]);
    free(r->files.paths);
    free(r->files.sizes);
    for (size_t i = 0; i < r->nroots; i++)
        free(r->roots[i]);
    free(r->roots);
    for (size_t i = 0; i < r->nunwalked; i++)
        free(r->unwalked[i]);
    free(r->unwalked);
    owners_free(r->seen);
    owners_free(r->owners);
    pending_free(r->pending);
}

gz_status update_run(index_writer *w, const update_opts *opts,
                     char *const *paths, size_t n, update_result *res)
{
    memset(res, 0, sizeof *res);
    writer_keep_shard(w, opts->shard, opts->shards);
    run r = { .w = w, .opts = opts, .res = res, .fatal = GZ_OK,
              .started = now(), .quiet_walk = opts->parts > 1 && opts->part > 0 };
    gz_status status = GZ_OK;
    size_t planned = 0;
    r.roots = calloc(n + 1, sizeof *r.roots);
    r.seen = owners_new();
    if (!r.roots || !r.seen) {
        status = gz_error_set(GZ_EOOM, "out of memory");
        goto done;
    }
    if ((status = list_files(&r, paths, n)) != GZ_OK ||
        (status = begin_run(&r)) != GZ_OK)
        goto done;
    r.started = now();  /* the rate is the reading's, not the walk's */
    for (size_t i = 0; i < r.files.n && status == GZ_OK && !stop_asked(&r);
         i++) {
        r.piece = NULL;
        if (opts->parts > 1 &&
            !plan_piece_of(opts->plan, &planned, r.files.paths[i], opts->part,
                           opts->parts, &r.piece))
            continue;
        show_progress(&r, 0);
        status = update_file(&r, r.files.paths[i], r.files.sizes[i]);
    }
    r.piece = NULL;
    /* A stopped run has not seen every file: none is taken for vanished. */
    if (status == GZ_OK && !r.stopped)
        status = remove_vanished(&r);
    if (status == GZ_OK && !r.stopped)
        status = resolve_pending(&r);
    /* A part of a parallel build that stopped is scratch to be dropped:
     * its commit would only cost time. */
    if (status == GZ_OK && !(r.stopped && opts->parts > 1))
        status = run_commit(&r);
    res->interrupted = r.stopped;
    if (opts->parts <= 1)
        show_progress(&r, 1);
    clear_progress(&r);
done:
    run_free(&r);
    return status;
}

gz_status update_files(const update_opts *opts, char *const *paths, size_t n,
                       char ***files, long long **work, size_t *count)
{
    update_result res;
    memset(&res, 0, sizeof res);
    run r = { .opts = opts, .res = &res, .fatal = GZ_OK, .quiet_walk = 1 };
    gz_status st = GZ_OK;
    r.roots = calloc(n + 1, sizeof *r.roots);
    r.seen = owners_new();
    if (!r.roots || !r.seen)
        st = gz_error_set(GZ_EOOM, "out of memory");
    if (st == GZ_OK && (st = list_files(&r, paths, n)) == GZ_OK) {
        *files = r.files.paths;
        *work = r.files.sizes;
        *count = r.files.n;
        memset(&r.files, 0, sizeof r.files);
    }
    run_free(&r);
    update_result_free(&res);
    return st;
}

void update_result_free(update_result *res)
{
    for (size_t i = 0; i < res->nrejections; i++) {
        free(res->rejections[i].path);
        free(res->rejections[i].reason);
    }
    free(res->rejections);
    memset(res, 0, sizeof *res);
}

void update_result_add(update_result *into, update_result *from)
{
    into->files += from->files;
    into->unchanged += from->unchanged;
    into->changed += from->changed;
    into->appended += from->appended;
    into->added_files += from->added_files;
    into->vanished += from->vanished;
    into->articles += from->articles;
    into->added += from->added;
    into->replaced += from->replaced;
    into->articles_unchanged += from->articles_unchanged;
    into->deleted += from->deleted;
    into->kept += from->kept;
    into->rolled += from->rolled;
    into->skipped.revisit += from->skipped.revisit;
    into->skipped.request += from->skipped.request;
    into->skipped.metadata += from->skipped.metadata;
    into->skipped.other += from->skipped.other;
    into->warnings += from->warnings;
    into->rejected += from->rejected;
    into->bad_path |= from->bad_path;
    into->interrupted |= from->interrupted;
    for (size_t i = 0; i < from->nrejections; i++) {
        if (into->nrejections < UPDATE_MAX_REJECTIONS && (into->rejections ||
            (into->rejections = calloc(UPDATE_MAX_REJECTIONS, sizeof(rejection))))) {
            into->rejections[into->nrejections++] = from->rejections[i];
        } else {
            free(from->rejections[i].path);
            free(from->rejections[i].reason);
        }
    }
    from->nrejections = 0;
    update_result_free(from);
}
