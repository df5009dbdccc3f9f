/* gazette-index - build and keep up to date a Gazette index.
 *
 * The command line, the writer lock (with --wait), --rebuild/--compact's
 * generation swap, --status and --report.  The run itself is update.c's;
 * the index is reached only through xapian_wrap.h and layout.h.
 * Exit: 0 done, 1 done but some input was rejected, 2 error, 75 another
 * run holds the index; stopped by SIGINT or SIGTERM, the signal's own
 * status (130, 143) after stopping at a clean point.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "config.h"
#include "error.h"
#include "layout.h"
#include "output.h"
#include "parallel.h"
#include "schema.h"
#include "stem.h"
#include "update.h"
#include "xapian_wrap.h"

enum { EXIT_DONE = 0, EXIT_REJECTED = 1, EXIT_ERROR = 2, EXIT_LOCKED = 75 };

/* Xapian builds its batch in memory; past a thousand or so documents a
 * bigger batch costs more CPU than the commits it saves (measured in
 * BENCHMARKS.md). */
#define DEFAULT_COMMIT_EVERY 1000
#define META_LAST_RUN "gazette.last_run"
#define PID_FILE "writer.pid"
#define META_SHARD "gazette.shard"      /* "K/N" for --shard K/N, else absent */

typedef struct options {
    const char *index, *language, *report;
    update_opts update;
    double wait;
    int quiet, status, rebuild, compact;
    long jobs;                  /* writer threads of a full build */
    char shard_mark[32];        /* "K/N" with --shard, else "" */
} options;

static void usage(FILE *f)
{
    fputs(
"Usage: gazette-index [OPTIONS] [--] PATH...\n"
"       gazette-index [-d DIR] --status\n"
"Bring a Gazette index up to date with the articles in PATH (files or\n"
"directories, walked recursively).  Incremental: unchanged files are not\n"
"read, changed files replace their articles, files gone from under PATH\n"
"have their articles deleted.\n"
"\n"
"  -d, --index DIR        the index (default $GAZETTE_INDEX, else\n"
"                         ~/.local/share/gazette/index)\n"
"  -l, --language NAME    stemmer language of a new index or a --rebuild\n"
"                         (default english; otherwise the index's)\n"
"      --commit-every N   commit every N articles (default 1000)\n"
"      --keep-missing     keep the articles of files that vanished\n"
"      --follow-symlinks  follow symbolic links met in directories, also out\n"
"                         of PATH (loops are detected and skipped)\n"
"      --shard K/N        keep only the articles of shard K of N (0 <= K < N,\n"
"                         by a hash of the article id)\n"
"      --wait SECONDS     wait for another run to finish (default 0)\n"
"  -j, --jobs N           threads for a full build (default: the cores)\n"
"      --rebuild          build a new index beside the live one, swap it in\n"
"      --compact          compact the index after the run\n"
"      --report FILE      write the run's counts and rejections as JSON\n"
"      --status           print the index's articles, dates, size, last run\n"
"  -q, --quiet            no summary line, no progress\n"
"  -h, --help             this help\n"
"  -V, --version          print versions and exit\n"
"\n"
"Files read in a directory: *.txt *.text *.jsonl *.ndjson, optionally .gz.\n"
"Exit status: 0 done, 1 done but some input was rejected, 2 error,\n"
"75 the index is being updated by another run (try later),\n"
"130 or 143 stopped by SIGINT or SIGTERM (what was read is committed).\n", f);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- Signals ------------------------------------------------------------------ */

/* The signal that asked the run to stop, or 0.  The handler only sets it;
 * the run polls it (update.h) and stops at a clean point. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

/* Catch SIGINT and SIGTERM, unless they were ignored when the program
 * started (nohup, a background job of a script): then they stay ignored.
 * SA_RESETHAND: a second signal ends the program at once, as kill -9
 * would, which the index survives (a build from nothing leaves scratch
 * that the next run removes).  SA_RESTART: nothing is interrupted in the
 * middle; the flag is polled. */
static void catch_stop_signals(void)
{
    static const int sigs[] = { SIGINT, SIGTERM };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART | SA_RESETHAND;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

static const char *signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

/* The pid of the run holding the index, from the file it leaves. */
static long holder_pid(const char *index)
{
    char *path = layout_file(index, PID_FILE);
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
    char *path = layout_file(index, PID_FILE);
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f) {
        fprintf(f, "%ld\n", (long)getpid());
        fclose(f);
    }
    free(path);
}

/* Open INDEX for writing, waiting up to WAIT seconds for the lock. */
static gz_status open_writer(const char *index, double wait, gz_writer **w)
{
    double until = now() + wait;
    for (;;) {
        gz_status st = gz_writer_open(index, 0, w);
        /* A --rebuild may swap generations under a waiting run: the one it
         * resolved can vanish, so "not found" while waiting is retried. */
        if ((st != GZ_ELOCKED && st != GZ_ENOTFOUND) ||
            (st == GZ_ENOTFOUND && wait <= 0) || now() >= until ||
            stop_signal)
            return st;
        struct timespec pause = { 0, 200 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
}

static int parse_number(const char *opt, const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || end == s || v < 0 || v != v) {
        report_error("%s: '%s' is not a number", opt, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* --shard K/N: 0 <= K < N, 2 <= N <= 1024. */
static int parse_shard(const char *s, options *o)
{
    unsigned k, n;
    char end;
    if (sscanf(s, "%u/%u%c", &k, &n, &end) != 2 || n < 2 || n > 1024 ||
        k >= n || s[0] == '-' || strchr(s, '+') || strchr(s, ' ')) {
        report_error("--shard: '%s' is not K/N with 0 <= K < N and 2 <= N "
                     "<= 1024", s);
        return -1;
    }
    o->update.shard = k;
    o->update.shards = n;
    snprintf(o->shard_mark, sizeof o->shard_mark, "%u/%u", k, n);
    return 0;
}

/* An index built as one shard takes only that shard's runs, and an index
 * holding articles of every shard takes no --shard, so a cron line with a
 * wrong or missing --shard cannot mix shards.  --rebuild re-reads every
 * file and may change the mark. */
static gz_status check_shard_mark(gz_writer *w, const options *o)
{
    char *stored = NULL;
    unsigned long count = 0;
    gz_status st = gz_writer_get_metadata(w, META_SHARD, &stored, NULL);
    if (st == GZ_OK)
        st = gz_writer_doccount(w, &count);
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

static int parse_options(int argc, char **argv, options *o)
{
    enum { OPT_COMMIT = 256, OPT_KEEP, OPT_WAIT, OPT_REBUILD, OPT_COMPACT,
           OPT_REPORT, OPT_STATUS, OPT_SHARD, OPT_FOLLOW };
    o->jobs = sysconf(_SC_NPROCESSORS_ONLN);
    if (o->jobs < 1)
        o->jobs = 1;
    if (o->jobs > 8)
        o->jobs = 8;
    static const struct option opts[] = {
        { "index", required_argument, NULL, 'd' },
        { "language", required_argument, NULL, 'l' },
        { "commit-every", required_argument, NULL, OPT_COMMIT },
        { "keep-missing", no_argument, NULL, OPT_KEEP },
        { "follow-symlinks", no_argument, NULL, OPT_FOLLOW },
        { "wait", required_argument, NULL, OPT_WAIT },
        { "rebuild", no_argument, NULL, OPT_REBUILD },
        { "compact", no_argument, NULL, OPT_COMPACT },
        { "report", required_argument, NULL, OPT_REPORT },
        { "status", no_argument, NULL, OPT_STATUS },
        { "shard", required_argument, NULL, OPT_SHARD },
        { "jobs", required_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    int c;
    double v;
    while ((c = getopt_long(argc, argv, "+d:l:j:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->index = optarg; break;
        case 'l': o->language = optarg; break;
        case 'q': o->quiet = 1; break;
        case OPT_COMMIT:
            if (parse_number("--commit-every", optarg, &v) != 0)
                return -1;
            if (v < 1 || v != (double)(unsigned long)v) {
                report_error("--commit-every: '%s' is not a positive number",
                             optarg);
                return -1;
            }
            o->update.commit_every = (unsigned long)v;
            break;
        case OPT_KEEP: o->update.keep_missing = 1; break;
        case OPT_FOLLOW: o->update.follow_symlinks = 1; break;
        case 'j':
            if (parse_number("--jobs", optarg, &v) != 0)
                return -1;
            if (v < 1 || v > 64 || v != (double)(long)v) {
                report_error("--jobs: '%s' is not a number from 1 to 64", optarg);
                return -1;
            }
            o->jobs = (long)v;
            break;
        case OPT_WAIT:
            if (parse_number("--wait", optarg, &o->wait) != 0)
                return -1;
            break;
        case OPT_REBUILD: o->rebuild = 1; break;
        case OPT_COMPACT: o->compact = 1; break;
        case OPT_REPORT: o->report = optarg; break;
        case OPT_STATUS: o->status = 1; break;
        case OPT_SHARD:
            if (parse_shard(optarg, o) != 0)
                return -1;
            break;
        case 'h': usage(stdout); return 1;
        case 'V':
            printf("gazette-index %s (Xapian %s, libstemmer %s)\n",
                   GAZETTE_VERSION_STRING, gz_xapian_version(),
                   stemmer_library_version());
            return 1;
        default: usage(stderr); return -1;
        }
    }
    if (!o->status && optind >= argc) {
        report_error("no PATH to index (try --help)");
        return -1;
    }
    if (o->status && optind < argc) {
        report_error("--status takes no PATH");
        return -1;
    }
    return 0;
}

/* ---- --status ---------------------------------------------------------------- */

static int print_status(const char *index)
{
    gz_db *db = NULL;
    char *lo = NULL, *hi = NULL, *last = NULL;
    unsigned long count = 0;
    size_t len;
    int rc = EXIT_ERROR;
    gz_status st = gz_db_open(index, &db);
    if (st == GZ_ENOTFOUND) {
        report_error("%s: no index there", index);
        return EXIT_ERROR;
    }
    if (st != GZ_OK ||
        (st = gz_db_doccount(db, &count)) != GZ_OK ||
        (st = gz_db_date_bounds(db, SCHEMA_SLOT_DATE, &lo, &hi)) != GZ_OK ||
        (st = gz_db_get_metadata(db, META_LAST_RUN, &last, &len)) != GZ_OK) {
        report_status(st, index);
        goto done;
    }
    printf("index:     %s\n", index);
    printf("articles:  %lu\n", count);
    if (lo[0] && hi[0])
        printf("dates:     %.4s-%.2s-%.2s .. %.4s-%.2s-%.2s\n", lo, lo + 4,
               lo + 6, hi, hi + 4, hi + 6);
    else
        printf("dates:     none\n");
    printf("size:      %.1f MB\n", layout_size(index) / 1e6);
    json_t *j = last[0] ? json_loads(last, 0, NULL) : NULL;
    if (j) {
        printf("last run:  %s, exit %d (%lld articles read, %lld rejected, "
               "%lld deleted)\n",
               json_string_value(json_object_get(j, "finished")),
               (int)json_integer_value(json_object_get(j, "exit")),
               json_integer_value(json_object_get(j, "articles")),
               json_integer_value(json_object_get(j, "rejected")),
               json_integer_value(json_object_get(j, "deleted")));
        json_decref(j);
    } else {
        printf("last run:  none recorded\n");
    }
    rc = fflush(stdout) == 0 ? EXIT_DONE : EXIT_ERROR;
done:
    free(lo);
    free(hi);
    free(last);
    gz_db_close(db);
    return rc;
}

/* ---- Reports ----------------------------------------------------------------- */

static json_t *run_json(const options *o, const update_result *r, int exit_code,
                        double seconds, int with_rejections)
{
    char stamp[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z", localtime_r(&t, &tm));
    /* Paths are bytes: json_pack()'s "s" refuses any that are not UTF-8
     * (and the whole report, or the rejection, with it). */
    json_t *j = json_pack("{s:i, s:o?, s:s, s:i, s:f, s:I, s:I, s:I, s:I, s:I, "
                          "s:I, s:I, s:I, s:I, s:I, s:I}",
        "schema", 1, "index", json_text(o->index), "finished", stamp,
        "exit", exit_code,
        "seconds", seconds,
        "files", (json_int_t)r->files, "unchanged", (json_int_t)r->unchanged,
        "changed", (json_int_t)r->changed, "new_files", (json_int_t)r->added_files,
        "vanished", (json_int_t)r->vanished, "articles", (json_int_t)r->articles,
        "added", (json_int_t)r->added, "replaced", (json_int_t)r->replaced,
        "deleted", (json_int_t)r->deleted, "warnings", (json_int_t)r->warnings,
        "rejected", (json_int_t)r->rejected);
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

static int write_report(const char *file, json_t *j)
{
    if (!j || json_dump_file(j, file, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
        report_error("--report %s: cannot write it", file);
        return -1;
    }
    return 0;
}

/* ---- The run ------------------------------------------------------------------ */

/* Remove what a run killed at the wrong moment (kill -9, a second signal,
 * a crash) left in INDEX's directory: the parts of a parallel build
 * (gen-N.part-K) and a generation that was being built (--rebuild,
 * --compact) but never switched to.  Only these names, only inside INDEX,
 * and only while this run holds the lock, so no other run is writing
 * them; searches open only the generation the stub names. */
static void remove_leftovers(const char *index)
{
    int gen, n;
    unsigned k;
    char tail;
    if (layout_generation(index, &gen) != GZ_OK)
        return;
    DIR *d = opendir(index);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (sscanf(e->d_name, "gen-%d.part-%u%c", &n, &k, &tail) != 2 &&
            (sscanf(e->d_name, "gen-%d%c", &n, &tail) != 1 || n == gen))
            continue;
        char *path = layout_file(index, e->d_name);
        /* A failure leaves the scratch, which harms nothing but disk. */
        if (path)
            (void)layout_remove(path);
        free(path);
    }
    closedir(d);
}

/* Compact the generation in use into the next one and swap it in. */
static gz_status compact_index(const char *index, int gen, int quiet)
{
    char *from = layout_gen_path(index, gen), *to = layout_gen_path(index, gen + 1);
    gz_status st = from && to ? GZ_OK : gz_error_set(GZ_EOOM, "out of memory");
    long long before = layout_size(from);
    if (st == GZ_OK)
        st = layout_remove(to);
    if (st == GZ_OK)
        st = gz_compact(from, to);
    if (st == GZ_OK)
        st = layout_switch(index, gen + 1);
    if (st == GZ_OK && !quiet)
        fprintf(stderr, "gazette-index: compacted %s: %.1f MB -> %.1f MB\n",
                index, before / 1e6, layout_size(to) / 1e6);
    free(from);
    free(to);
    return st;
}

int main(int argc, char **argv)
{
    report_set_program("gazette-index");
    options o = { .update = { .commit_every = DEFAULT_COMMIT_EVERY } };
    int rc = parse_options(argc, argv, &o);
    if (rc != 0)
        return rc > 0 ? EXIT_DONE : EXIT_ERROR;
    char *default_index = NULL;
    if (!o.index && !(o.index = default_index = config_default_index())) {
        report_error("no index given: use -d DIR or set GAZETTE_INDEX");
        return EXIT_ERROR;
    }
    if (o.status) {
        rc = print_status(o.index);
        free(default_index);
        return rc;
    }
    o.update.progress = !o.quiet && isatty(STDERR_FILENO);
    o.update.stop = &stop_signal;
    catch_stop_signals();

    double start = now();
    int status = EXIT_ERROR, created = 0, gen = 0;
    gz_writer *live = NULL, *w = NULL;
    stemmer *st_ = NULL;
    char *gen_path = NULL;
    update_result res;
    memset(&res, 0, sizeof res);
    gz_status st = layout_ensure(o.index, &created);
    if (st == GZ_OK)
        st = open_writer(o.index, o.wait, &live);
    if (st == GZ_ELOCKED && stop_signal) {
        report_error("%s: interrupted by %s while waiting for another run; "
                     "nothing was changed", o.index, signal_name(stop_signal));
        status = 128 + stop_signal;
        goto done;
    }
    if (st == GZ_ELOCKED) {
        long pid = holder_pid(o.index);
        if (pid > 0)
            report_error("%s: index is being updated by another run (pid %ld); "
                         "try later", o.index, pid);
        else
            report_error("%s: index is being updated by another run; try later",
                         o.index);
        status = EXIT_LOCKED;
        goto done;
    }
    if (st != GZ_OK) {
        report_status(st, o.index);
        goto done;
    }
    write_pid(o.index);
    remove_leftovers(o.index);
    unsigned long held = 0;
    if ((st = schema_writer_stemmer(live, o.language, o.rebuild,
                                    &st_)) != GZ_OK ||
        (st = (o.rebuild ? schema_check_rebuild
                         : schema_check_writer)(live, st_)) != GZ_OK ||
        (st = check_shard_mark(live, &o)) != GZ_OK ||
        (st = gz_writer_doccount(live, &held)) != GZ_OK) {
        report_status(st, o.index);
        goto done;
    }
    /* A build from nothing (a new index, an index left empty by a build
     * that failed or was interrupted, or --rebuild) writes parts on every
     * core and merges them into a new generation. */
    int parallel = (created || held == 0 || o.rebuild) && o.jobs > 1;
    if ((o.rebuild || o.compact || parallel) &&
        (st = layout_generation(o.index, &gen)) != GZ_OK) {
        report_status(st, o.index);
        goto done;
    }

    w = live;
    if (parallel) {
        gen_path = layout_gen_path(o.index, gen + 1);
        if (!gen_path) {
            report_error("out of memory");
            goto done;
        }
        st = parallel_build(gen_path, stemmer_language(st_), &o.update,
                            (unsigned)o.jobs, argv + optind,
                            (size_t)(argc - optind), &res);
        if (st == GZ_OK && !stop_signal)
            st = gz_writer_open(gen_path, 0, &w);
        if (st != GZ_OK) {
            w = live;
            report_status(st, o.index);
            goto done;
        }
    } else if (o.rebuild) {
        /* The live index stays open, holding the lock, while the new
         * generation is built beside it. */
        gen_path = layout_gen_path(o.index, gen + 1);
        if (!gen_path || (st = layout_remove(gen_path)) != GZ_OK ||
            (st = gz_writer_open(gen_path, GZ_WRITER_CREATE |
                                GZ_WRITER_SCRATCH, &w)) != GZ_OK ||
            (st = schema_check_writer(w, st_)) != GZ_OK) {
            report_status(st, gen_path ? gen_path : o.index);
            goto done;
        }
    }
    if (!parallel)
        st = update_run(w, st_, &o.update, argv + optind,
                        (size_t)(argc - optind), &res);
    if (st != GZ_OK) {
        report_status(st, o.index);
        goto done;
    }
    /* Stopped by a signal.  A new generation (a build from nothing,
     * --rebuild) is all or nothing: dropped, the index stays as it was.
     * An update in place has committed what it read, like its commits
     * every --commit-every articles; its summary is recorded below. */
    int sig = stop_signal;
    if (sig && (parallel || o.rebuild)) {
        if (w != live)
            gz_writer_close(w, 0);
        w = live;
        layout_remove(gen_path);
        report_error("%s: interrupted by %s: the new index was dropped, the "
                     "index is as it was", o.index, signal_name(sig));
        status = 128 + sig;
        goto done;
    }
    status = sig ? 128 + sig : res.bad_path ? EXIT_ERROR
             : res.rejected ? EXIT_REJECTED : EXIT_DONE;

    /* The run's summary goes into the index with its last commit. */
    json_t *last = run_json(&o, &res, status, now() - start, 0);
    char *text = last ? json_dumps(last, JSON_COMPACT) : NULL;
    json_decref(last);
    if (text)
        st = gz_writer_set_metadata(w, META_LAST_RUN, text, strlen(text));
    free(text);
    if (st == GZ_OK)
        st = gz_writer_set_metadata(w, META_SHARD, o.shard_mark,
                                    strlen(o.shard_mark));
    if (st == GZ_OK)
        st = gz_writer_commit(w);
    if (st != GZ_OK) {
        report_status(st, o.index);
        status = EXIT_ERROR;
        goto done;
    }
    unsigned long total = 0;
    gz_writer_doccount(w, &total);
    if (o.rebuild || parallel) {
        st = gz_writer_close(w, 1);
        w = live;
        if (st == GZ_OK)
            st = layout_switch(o.index, ++gen);
        if (st != GZ_OK) {
            report_status(st, o.index);
            status = EXIT_ERROR;
            goto done;
        }
    }
    /* A signal skips the compaction: the index is complete without it. */
    if (o.compact && !sig &&
        (st = compact_index(o.index, gen, o.quiet)) != GZ_OK) {
        report_status(st, o.index);
        status = EXIT_ERROR;
        goto done;
    }
    if (!o.quiet)
        fprintf(stderr,
                "gazette-index: %lu files (%lu unchanged, %lu changed, %lu new, "
                "%lu vanished); %lu articles read, %lu deleted; %lu rejected, "
                "%lu warnings; %.1f s; the index holds %lu articles\n",
                res.files, res.unchanged, res.changed, res.added_files,
                res.vanished, res.articles, res.deleted, res.rejected,
                res.warnings, now() - start, total);
    if (sig)
        report_error("%s: interrupted by %s after %lu articles: they are "
                     "committed; the next run goes on from there", o.index,
                     signal_name(sig), res.articles);

done:
    if (o.report) {
        json_t *j = run_json(&o, &res, status, now() - start, 1);
        if (write_report(o.report, j) != 0 && status == EXIT_DONE)
            status = EXIT_ERROR;
        json_decref(j);
    }
    if (w && w != live)
        gz_writer_close(w, 0);
    if (live) {
        /* Everything worth keeping is committed: a failed run drops its
         * last, unfinished batch. */
        gz_writer_close(live, 0);
    }
    update_result_free(&res);
    stemmer_free(st_);
    free(gen_path);
    free(default_index);
    if (status > 128) {
        /* Die of the signal, now that everything is in order, so that a
         * calling shell sees it and stops too (a script's loop on ^C). */
        fflush(NULL);
        signal(status - 128, SIG_DFL);
        raise(status - 128);
    }
    return status;
}
