/* gazette-index - build and keep up to date a Gazette index.
 *
 * The command line and the signals that stop a run; the run itself, step
 * by step, is run.c's (the reading update.c's), and the index is reached
 * only through writer.h.
 * Exit: 0 done, 1 done but some input was rejected, 2 error, 75 another
 * run holds the index; stopped by SIGINT or SIGTERM, the signal's own
 * status (130, 143) after stopping at a clean point.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/report.h"
#include "config.h"
#include "error.h"
#include "extract.h"
#include "layout.h"
#include "run.h"
#include "stem.h"
#include "walk.h"
#include "writer.h"

/* Xapian builds its batch in memory; past a thousand or so documents a
 * bigger batch costs more CPU than the commits it saves (measured in
 * BENCHMARKS.md). */
#define DEFAULT_COMMIT_EVERY 1000

typedef struct options {
    run_opts run;
    int status;                 /* --status */
    int extract;                /* --extract */
} options;

static void usage(FILE *f)
{
    fputs(
"Usage: gazette-index [OPTIONS] [--] PATH...\n"
"       gazette-index [-d DIR] --status\n"
"       gazette-index --extract [--follow-symlinks] PATH...\n"
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
"      --extract          print the articles PATH holds as JSON Lines (the\n"
"                         input format) and touch no index\n"
"  -q, --quiet            no summary line, no progress\n"
"  -h, --help             this help\n"
"  -V, --version          print versions and exit\n"
"\n"
"Files read in a directory: *.txt *.text *.jsonl *.ndjson *.html *.htm\n"
"*.xhtml *.rss *.atom *.xml *.warc *.arc, optionally .gz; each file's kind\n"
"(article, JSON Lines by name; web page, feed, web archive) is told by its\n"
"content.\n"
"Exit status: 0 done, 1 done but some input was rejected, 2 error,\n"
"75 the index is being updated by another run (try later),\n"
"130 or 143 stopped by SIGINT or SIGTERM (what was read is committed).\n", f);
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
    o->run.update.shard = k;
    o->run.update.shards = n;
    snprintf(o->run.shard_mark, sizeof o->run.shard_mark, "%u/%u", k, n);
    return 0;
}

enum { OPT_COMMIT = 256, OPT_KEEP, OPT_WAIT, OPT_REBUILD, OPT_COMPACT,
       OPT_REPORT, OPT_STATUS, OPT_SHARD, OPT_FOLLOW, OPT_EXTRACT };

/* --commit-every N and --jobs N. */
static int parse_count(int c, const char *arg, options *o)
{
    double v;
    if (c == OPT_COMMIT) {
        if (parse_number("--commit-every", arg, &v) != 0)
            return -1;
        if (v < 1 || v != (double)(unsigned long)v) {
            report_error("--commit-every: '%s' is not a positive number", arg);
            return -1;
        }
        o->run.update.commit_every = (unsigned long)v;
        return 0;
    }
    if (parse_number("--jobs", arg, &v) != 0)
        return -1;
    if (v < 1 || v > 64 || v != (double)(long)v) {
        report_error("--jobs: '%s' is not a number from 1 to 64", arg);
        return -1;
    }
    o->run.jobs = (long)v;
    return 0;
}

/* Take option C (with OPTARG).  0 to go on, 1 to exit at once with 0
 * (--help, --version), -1 to exit with an error (reported). */
static int take_option(int c, options *o)
{
    switch (c) {
    case 'd': o->run.index = optarg; break;
    case 'l': o->run.language = optarg; break;
    case 'q': o->run.quiet = 1; break;
    case OPT_COMMIT: case 'j': return parse_count(c, optarg, o);
    case OPT_KEEP: o->run.update.keep_missing = 1; break;
    case OPT_FOLLOW: o->run.update.follow_symlinks = 1; break;
    case OPT_WAIT: return parse_number("--wait", optarg, &o->run.wait);
    case OPT_REBUILD: o->run.rebuild = 1; break;
    case OPT_COMPACT: o->run.compact = 1; break;
    case OPT_REPORT: o->run.report = optarg; break;
    case OPT_STATUS: o->status = 1; break;
    case OPT_EXTRACT: o->extract = 1; break;
    case OPT_SHARD: return parse_shard(optarg, o);
    case 'h': usage(stdout); return 1;
    case 'V':
        printf("gazette-index %s (Xapian %s, libstemmer %s)\n",
               GAZETTE_VERSION_STRING, writer_engine_version(),
               stemmer_library_version());
        return 1;
    default: usage(stderr); return -1;
    }
    return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
    o->run.jobs = sysconf(_SC_NPROCESSORS_ONLN);
    if (o->run.jobs < 1)
        o->run.jobs = 1;
    if (o->run.jobs > 8)
        o->run.jobs = 8;
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
        { "extract", no_argument, NULL, OPT_EXTRACT },
        { "shard", required_argument, NULL, OPT_SHARD },
        { "jobs", required_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    int c, rc;
    while ((c = getopt_long(argc, argv, "+d:l:j:qhV", opts, NULL)) != -1)
        if ((rc = take_option(c, o)) != 0)
            return rc;
    if (!o->status && optind >= argc) {
        report_error("no PATH to index (try --help)");
        return -1;
    }
    if (o->status && optind < argc) {
        report_error("--status takes no PATH");
        return -1;
    }
    if (o->status && o->extract) {
        report_error("--status and --extract do not go together");
        return -1;
    }
    return 0;
}

/* --report FILE is refused inside the index, however it is spelled: it
 * would overwrite the stub, writer.pid or a table, or vanish with a
 * generation.  0, or -1 (reported). */
static int check_report(const run_opts *ro)
{
    int inside;
    gz_status st = layout_contains(ro->index, ro->report, &inside);
    if (st != GZ_OK) {
        report_status(st, "--report");
        return -1;
    }
    if (inside) {
        report_error("--report %s is inside the index %s: give a file "
                     "outside it", ro->report, ro->index);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    report_set_program("gazette-index");
    options o = { .run = { .update = { .commit_every = DEFAULT_COMMIT_EVERY } } };
    int rc = parse_options(argc, argv, &o);
    if (rc != 0)
        return rc > 0 ? EXIT_DONE : EXIT_ERROR;
    run_opts *ro = &o.run;
    char *default_index = NULL;
    if (o.extract)
        return extract_paths(argv + optind, (size_t)(argc - optind),
                             ro->update.follow_symlinks ? WALK_FOLLOW_SYMLINKS
                                                        : 0);
    if (!ro->index && !(ro->index = default_index = config_default_index())) {
        report_error("no index given: use -d DIR or set GAZETTE_INDEX");
        return EXIT_ERROR;
    }
    if (o.status) {
        rc = run_status(ro->index);
        free(default_index);
        return rc;
    }
    if (ro->report && check_report(ro) != 0) {
        free(default_index);
        return EXIT_ERROR;
    }
    ro->paths = argv + optind;
    ro->npaths = (size_t)(argc - optind);
    ro->update.progress = !ro->quiet && isatty(STDERR_FILENO);
    ro->update.stop = &stop_signal;
    catch_stop_signals();
    int status = run_index(ro);
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
