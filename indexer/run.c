/* run.c - gazette-index's run, step by step.
 *
 * Each step prints its own failure and sets the exit status; run_index()
 * only lists them.  A new generation (a build from nothing, --rebuild,
 * --compact) is begun, committed or abandoned through generation.h only,
 * and only while the live index's writer lock is held.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/report.h"
#include "error.h"
#include "generation.h"
#include "layout.h"
#include "cli/json_text.h"
#include "parallel.h"
#include "run.h"
#include "writer.h"

#define META_LAST_RUN "gazette.last_run"
#define META_SHARD "gazette.shard"      /* "K/N" for --shard K/N, else absent */

typedef struct run_state {
    const run_opts *o;
    double start;
    int status;             /* the exit status so far */
    int created;            /* the index was made by this run */
    int parallel;           /* a build from nothing, in parts */
    int sig;                /* the signal that stopped the build, or 0 */
    int building;           /* the build began: the run is worth recording */
    int recorded;           /* the exit status the index's record of this
                               run gives, or -1: none */
    index_writer *live;     /* the index, holding its lock */
    index_writer *w;        /* where articles go: LIVE, or the new
                               generation's writer */
    generation gen;         /* the new generation; gen.path NULL: none */
    unsigned long total;    /* articles in the index after the run */
    update_result res;
} run_state;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The signal that asked the run to stop (the handler's flag), or 0. */
static int stop_asked(const run_opts *o)
{
    return o->update.stop ? *o->update.stop : 0;
}

static const char *signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

/* ---- The lock ------------------------------------------------------------------ */

/* The pid of the run holding the index, from the file it leaves. */
static long holder_pid(const char *index)
{
    char *path = layout_file(index, LAYOUT_PID_FILE);
    long pid = 0;
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f) {
        if (fscanf(f, "%ld", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    free(path);
    return pid;
}

static void write_pid(const char *index)
{
    char *path = layout_file(index, LAYOUT_PID_FILE);
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f) {
        fprintf(f, "%ld\n", (long)getpid());
        fclose(f);
    }
    free(path);
}

/* Open the index for writing, waiting up to --wait seconds for the lock. */
static gz_status open_live(run_state *s)
{
    const run_opts *o = s->o;
    double until = now() + o->wait;
    for (;;) {
        gz_status st = writer_open(o->index, o->rebuild ? WRITER_REPLACING : 0,
                                   o->language, &s->live);
        /* A --rebuild may swap generations under a waiting run: the one it
         * resolved can vanish, so "not found" while waiting is retried. */
        if ((st != GZ_ELOCKED && st != GZ_ENOTFOUND) ||
            (st == GZ_ENOTFOUND && o->wait <= 0) || now() >= until ||
            stop_asked(o))
            return st;
        struct timespec pause = { 0, 200 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
}

/* Make the index if need be and take its writer lock; then remove what
 * a killed run left. */
static int take_index(run_state *s)
{
    const run_opts *o = s->o;
    gz_status st = layout_ensure(o->index, &s->created);
    if (st == GZ_EINVAL) {
        /* Not an index (layout_check()): the message names it and says
         * what to do. */
        report_error("%s", gz_last_error());
        return -1;
    }
    if (st == GZ_OK)
        st = open_live(s);
    if (st == GZ_ELOCKED && stop_asked(o)) {
        int sig = stop_asked(o);
        report_error("%s: interrupted by %s while waiting for another run; "
                     "nothing was changed", o->index, signal_name(sig));
        s->status = 128 + sig;
        return -1;
    }
    if (st == GZ_ELOCKED) {
        long pid = holder_pid(o->index);
        if (pid > 0)
            report_error("%s: index is being updated by another run (pid %ld); "
                         "try later", o->index, pid);
        else
            report_error("%s: index is being updated by another run; try later",
                         o->index);
        s->status = EXIT_LOCKED;
        return -1;
    }
    if (st != GZ_OK) {
        report_status(st, o->index);
        return -1;
    }
    write_pid(o->index);
    generation_clean(o->index);
    return 0;
}

/* ---- Checks and the choice of build ---------------------------------------------- */

/* An index built as one shard takes only that shard's runs, and an index
 * holding articles of every shard takes no --shard, so a cron line with a
 * wrong or missing --shard cannot mix shards.  --rebuild re-reads every
 * file and may change the mark. */
static gz_status check_shard_mark(index_writer *w, const run_opts *o)
{
    char *stored = NULL;
    unsigned long count = 0;
    gz_status st = writer_get_meta(w, META_SHARD, &stored, NULL);
    if (st == GZ_OK)
        st = writer_count(w, &count);
    if (st == GZ_OK && strcmp(stored, o->shard_mark) != 0 && !o->rebuild &&
        count > 0) {
        if (stored[0] && o->shard_mark[0])
            st = gz_error_set(GZ_EINVAL, "the index is shard %s, not %s "
                              "(use --rebuild to re-split it)", stored,
                              o->shard_mark);
        else if (stored[0])
            st = gz_error_set(GZ_EINVAL, "the index is shard %s: give "
                              "--shard %s", stored, stored);
        else
            st = gz_error_set(GZ_EINVAL, "the index holds every shard's "
                              "articles: --shard %s needs a new index or "
                              "--rebuild", o->shard_mark);
    }
    free(stored);
    return st;
}

/* Check the shard mark and choose the build: a build from nothing (a new
 * index, an index left empty by a build that failed or was interrupted,
 * or --rebuild) writes parts on every core and merges them into a new
 * generation. */
static int choose_build(run_state *s)
{
    unsigned long held = 0;
    gz_status st = check_shard_mark(s->live, s->o);
    if (st == GZ_OK)
        st = writer_count(s->live, &held);
    if (st != GZ_OK) {
        report_status(st, s->o->index);
        return -1;
    }
    s->parallel = (s->created || held == 0 || s->o->rebuild) &&
                  s->o->jobs > 1;
    return 0;
}

/* ---- Building ------------------------------------------------------------------- */

/* Build the new generation in parallel parts, merged; then open it to
 * record the run (not when a signal stopped the build). */
static int build_in_parts(run_state *s)
{
    const run_opts *o = s->o;
    gz_status st = generation_begin(o->index, &s->gen);
    if (st == GZ_OK)
        st = parallel_build(s->gen.path, writer_language(s->live), &o->update,
                            (unsigned)o->jobs, o->paths, o->npaths, &s->res);
    if (st == GZ_OK && !stop_asked(o))
        st = writer_open(s->gen.path, 0, writer_language(s->live), &s->w);
    if (st != GZ_OK) {
        report_status(st, o->index);
        return -1;
    }
    return 0;
}

/* The articles of every path into S->w. */
static int read_paths(run_state *s)
{
    gz_status st = update_run(s->w, &s->o->update, s->o->paths, s->o->npaths,
                              &s->res);
    if (st != GZ_OK) {
        report_status(st, s->o->index);
        return -1;
    }
    return 0;
}

/* --rebuild with one writer: the live index stays open, holding the
 * lock, while the new generation is built beside it. */
static int build_beside(run_state *s)
{
    const run_opts *o = s->o;
    gz_status st = generation_begin(o->index, &s->gen);
    if (st == GZ_OK)
        st = writer_open(s->gen.path, WRITER_CREATE | WRITER_SCRATCH,
                         writer_language(s->live), &s->w);
    if (st != GZ_OK) {
        report_status(st, s->gen.path ? s->gen.path : o->index);
        return -1;
    }
    return read_paths(s);
}

static int build(run_state *s)
{
    s->building = 1;
    if (s->parallel)
        return build_in_parts(s);
    if (s->o->rebuild)
        return build_beside(s);
    s->w = s->live;
    return read_paths(s);
}

/* Stopped by a signal.  A new generation (a build from nothing,
 * --rebuild) is all or nothing: dropped, the index stays as it was.  An
 * update in place has committed what it read, like its commits every
 * --commit-every articles; its summary is recorded as any run's. */
static int drop_if_stopped(run_state *s)
{
    s->sig = stop_asked(s->o);
    if (!s->sig || !s->gen.path)
        return 0;
    writer_close(s->w, 0);
    s->w = NULL;
    generation_abandon(&s->gen);
    report_error("%s: interrupted by %s: the new index was dropped, the "
                 "index is as it was", s->o->index, signal_name(s->sig));
    s->status = 128 + s->sig;
    return -1;
}

/* ---- Reports ---------------------------------------------------------------------- */

static json_t *run_json(const run_opts *o, const update_result *r,
                        int exit_code, double seconds, int with_rejections)
{
    char stamp[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z", localtime_r(&t, &tm));
    /* Paths are bytes: json_pack()'s "s" refuses any that are not UTF-8
     * (and the whole report, or the rejection, with it). */
    json_t *j = json_pack("{s:i, s:o?, s:s, s:i, s:f, s:I, s:I, s:I, s:I, s:I, "
                          "s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
        "schema", 1, "index", json_text(o->index), "finished", stamp,
        "exit", exit_code,
        "seconds", seconds,
        "files", (json_int_t)r->files, "unchanged", (json_int_t)r->unchanged,
        "changed", (json_int_t)r->changed, "appended", (json_int_t)r->appended,
        "new_files", (json_int_t)r->added_files,
        "vanished", (json_int_t)r->vanished, "articles", (json_int_t)r->articles,
        "added", (json_int_t)r->added, "replaced", (json_int_t)r->replaced,
        "articles_unchanged", (json_int_t)r->articles_unchanged,
        "deleted", (json_int_t)r->deleted, "kept", (json_int_t)r->kept,
        "rolled", (json_int_t)r->rolled, "warnings", (json_int_t)r->warnings,
        "rejected", (json_int_t)r->rejected);
    if (j)
        json_object_set_new(j, "skipped", json_pack("{s:I, s:I, s:I, s:I}",
            "revisit", (json_int_t)r->skipped.revisit,
            "request", (json_int_t)r->skipped.request,
            "metadata", (json_int_t)r->skipped.metadata,
            "other", (json_int_t)r->skipped.other));
    if (j && with_rejections) {
        json_t *list = json_array();
        for (size_t i = 0; list && i < r->nrejections; i++)
            json_array_append_new(list, json_pack("{s:o?, s:I, s:o?}",
                "path", json_text(r->rejections[i].path),
                "line", (json_int_t)r->rejections[i].line,
                "reason", json_text(r->rejections[i].reason)));
        json_object_set_new(j, "rejections", list ? list : json_null());
    }
    return j;
}

/* --report FILE: the run's counts and rejections, whatever the outcome. */
static void write_report(run_state *s)
{
    const char *file = s->o->report;
    json_t *j = run_json(s->o, &s->res, s->status, now() - s->start, 1);
    if (!j || json_text_dump_file(j, file, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
        report_error("--report %s: cannot write it", file);
        if (s->status == EXIT_DONE)
            s->status = EXIT_ERROR;
    }
    json_decref(j);
}

/* ---- Finishing ---------------------------------------------------------------------- */

/* The run's summary and shard mark go into the index with its last
 * commit. */
static int record_run(run_state *s)
{
    const run_opts *o = s->o;
    gz_status st = GZ_OK;
    json_t *last = run_json(o, &s->res, s->status, now() - s->start, 0);
    char *text = last ? json_dumps(last, JSON_COMPACT) : NULL;
    json_decref(last);
    if (text)
        st = writer_set_meta(s->w, META_LAST_RUN, text, strlen(text));
    free(text);
    if (st == GZ_OK)
        st = writer_set_meta(s->w, META_SHARD, o->shard_mark,
                             strlen(o->shard_mark));
    if (st == GZ_OK)
        st = writer_commit(s->w);
    if (st != GZ_OK) {
        report_status(st, o->index);
        s->status = EXIT_ERROR;
        return -1;
    }
    s->recorded = s->status;
    writer_count(s->w, &s->total);
    return 0;
}

/* A new generation, complete, replaces the live one. */
static int switch_generation(run_state *s)
{
    if (!s->gen.path)
        return 0;
    gz_status st = writer_close(s->w, 1);
    s->w = NULL;
    if (st == GZ_OK)
        st = generation_commit(&s->gen);
    if (st != GZ_OK) {
        report_status(st, s->o->index);
        s->status = EXIT_ERROR;
        return -1;
    }
    return 0;
}

/* --compact: compact the generation in use into the next one and switch
 * to it.  A signal that stopped the build skips it: the index is complete
 * without it.  Xapian's compaction cannot be stopped part-way, so a
 * signal that comes before or during it is acted on before the switch:
 * the compacted copy is dropped, as an interrupted --rebuild's is. */
static int compact(run_state *s)
{
    const run_opts *o = s->o;
    if (!o->compact || s->sig)
        return 0;
    generation g;
    char *from = NULL;
    long long before = 0, after = 0;
    gz_status st = generation_begin(o->index, &g);
    if (st == GZ_OK && !(from = layout_gen_path(o->index, g.live)))
        st = gz_error_set(GZ_EOOM, "out of memory");
    if (st == GZ_OK && !(s->sig = stop_asked(o))) {
        before = layout_size(from);
        st = writer_compact(from, g.path);
    }
    if (st == GZ_OK && !s->sig && !(s->sig = stop_asked(o))) {
        after = layout_size(g.path);
        st = generation_commit(&g);
    }
    generation_abandon(&g);
    free(from);
    if (st != GZ_OK) {
        report_status(st, o->index);
        s->status = EXIT_ERROR;
        return -1;
    }
    if (s->sig) {
        report_error("%s: interrupted by %s during --compact: the compacted "
                     "copy was dropped; the index is up to date, not "
                     "compacted", o->index, signal_name(s->sig));
        s->status = 128 + s->sig;
        return -1;
    }
    if (!o->quiet)
        report_note("compacted %s: %.1f MB -> %.1f MB", o->index,
                    before / 1e6, after / 1e6);
    return 0;
}

/* A run that failed or was stopped after its build began leaves its
 * record in the index, for --status, when the record it committed (if
 * any) says otherwise: a --rebuild's went with its dropped generation, a
 * --compact's was committed before the compaction.  Called once the
 * scratch is removed, which on a full disk makes room for it, and with
 * every writer closed: a generation may have been switched in.  Another
 * run that took the lock meanwhile records its own; a record that cannot
 * be written is not an error of its own (the run's is reported). */
static void record_outcome(run_state *s)
{
    if (!s->building || s->recorded == s->status)
        return;
    json_t *j = run_json(s->o, &s->res, s->status, now() - s->start, 0);
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    index_writer *w = NULL;
    json_decref(j);
    if (text && writer_open(s->o->index, 0, NULL, &w) == GZ_OK &&
        writer_set_meta(w, META_LAST_RUN, text, strlen(text)) == GZ_OK)
        writer_commit(w);
    writer_close(w, 0);
    free(text);
}

/* "A articles read (n new, r replaced, u unchanged)" into OUT: the
 * parenthesis names the counts that are not 0, and is left out when no
 * article was read. */
static void articles_read(const update_result *r, char *out, size_t cap)
{
    const unsigned long n[] = { r->added, r->replaced, r->articles_unchanged };
    const char *const what[] = { "new", "replaced", "unchanged" };
    size_t len = (size_t)snprintf(out, cap, "%lu articles read", r->articles);
    const char *sep = " (";
    for (int i = 0; i < 3 && r->articles; i++) {
        if (!n[i] || len >= cap)
            continue;
        len += (size_t)snprintf(out + len, cap - len, "%s%lu %s", sep, n[i],
                                what[i]);
        sep = ", ";
    }
    if (sep[0] == ',' && len < cap)
        snprintf(out + len, cap - len, ")");
}

static void print_summary(const run_state *s)
{
    const update_result *r = &s->res;
    char kept[96] = "", rolled[96] = "";
    /* Said only when it happens, after the rejections that caused it. */
    if (r->kept)
        snprintf(kept, sizeof kept, ", %lu kept from files that could not "
                 "be read", r->kept);
    if (r->rolled)
        snprintf(rolled, sizeof rolled, ", %lu kept from feeds that no "
                 "longer hold them", r->rolled);
    char appended[48] = "";
    if (r->appended)
        snprintf(appended, sizeof appended, ", %lu appended", r->appended);
    char skipped[160] = "";
    const corpus_skips *k = &r->skipped;
    if (k->revisit + k->request + k->metadata + k->other)
        snprintf(skipped, sizeof skipped, "; %lu archive records skipped "
                 "(%lu revisits, %lu requests, %lu metadata, %lu other)",
                 k->revisit + k->request + k->metadata + k->other,
                 k->revisit, k->request, k->metadata, k->other);
    char read[96];
    articles_read(r, read, sizeof read);
    if (!s->o->quiet)
        report_note("%lu files (%lu unchanged, %lu changed%s, %lu new, "
                    "%lu vanished); %s, %lu deleted%s%s%s; %lu "
                    "rejected, %lu warnings; %.1f s; the index holds %lu "
                    "articles",
                    r->files, r->unchanged, r->changed, appended, r->added_files,
                    r->vanished, read, r->deleted, kept, rolled,
                    skipped, r->rejected,
                    r->warnings, now() - s->start, s->total);
    if (s->sig)
        report_error("%s: interrupted by %s after %lu articles: they are "
                     "committed; the next run goes on from there", s->o->index,
                     signal_name(s->sig), r->articles);
}

/* After the build: the exit status, the run recorded, the generations
 * switched, the compaction, the summary. */
static void finish(run_state *s)
{
    if (drop_if_stopped(s) != 0)
        return;
    s->status = s->sig ? 128 + s->sig : s->res.bad_path ? EXIT_ERROR
                : s->res.rejected ? EXIT_REJECTED : EXIT_DONE;
    if (record_run(s) == 0 && switch_generation(s) == 0 && compact(s) == 0)
        print_summary(s);
}

int run_index(const run_opts *o)
{
    run_state s;
    memset(&s, 0, sizeof s);
    s.o = o;
    s.start = now();
    s.status = EXIT_ERROR;
    s.recorded = -1;
    if (take_index(&s) == 0 && choose_build(&s) == 0 && build(&s) == 0)
        finish(&s);
    if (o->report)
        write_report(&s);
    if (s.w != s.live)
        writer_close(s.w, 0);
    /* A new generation not switched in is scratch (the lock still held). */
    generation_abandon(&s.gen);
    /* Everything worth keeping is committed: a failed run drops its last,
     * unfinished batch. */
    writer_close(s.live, 0);
    record_outcome(&s);
    update_result_free(&s.res);
    return s.status;
}

/* ---- --status --------------------------------------------------------------------- */

static void print_last_run(const char *text)
{
    json_t *j = text[0] ? json_loads(text, 0, NULL) : NULL;
    if (!j) {
        printf("last run:  none recorded\n");
        return;
    }
    printf("last run:  %s, exit %d (%lld articles read, %lld rejected, "
           "%lld deleted)\n",
           json_string_value(json_object_get(j, "finished")),
           (int)json_integer_value(json_object_get(j, "exit")),
           json_integer_value(json_object_get(j, "articles")),
           json_integer_value(json_object_get(j, "rejected")),
           json_integer_value(json_object_get(j, "deleted")));
    json_decref(j);
}

int run_status(const char *index)
{
    writer_summary sum;
    gz_status st = writer_summary_read(index, META_LAST_RUN, &sum);
    if (st == GZ_ENOTFOUND) {
        report_error("%s: no index there", index);
        return EXIT_ERROR;
    }
    if (st != GZ_OK) {
        report_status(st, index);
        return EXIT_ERROR;
    }
    const char *lo = sum.first, *hi = sum.last;
    fputs("index:     ", stdout);
    report_put_text(stdout, index);
    putchar('\n');
    printf("articles:  %lu\n", sum.count);
    if (lo[0] && hi[0])
        printf("dates:     %.4s-%.2s-%.2s .. %.4s-%.2s-%.2s\n", lo, lo + 4,
               lo + 6, hi, hi + 4, hi + 6);
    else
        printf("dates:     none\n");
    printf("size:      %.1f MB\n", layout_size(index) / 1e6);
    print_last_run(sum.meta);
    writer_summary_free(&sum);
    return fflush(stdout) == 0 ? EXIT_DONE : EXIT_ERROR;
}
