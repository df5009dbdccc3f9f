/* gazette-index - build and update a Gazette index from corpus files.
 *
 * The command line, the run's counters and its exit status.  Reading
 * files is corpus.c's job, terms are schema.c's, the index is reached only
 * through xapian_wrap.h.  Exit: 0 done, 1 done but some input was
 * rejected, 2 error, 75 another run holds the index.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "corpus.h"
#include "error.h"
#include "schema.h"
#include "stem.h"
#include "walk.h"
#include "xapian_wrap.h"

enum { EXIT_DONE = 0, EXIT_REJECTED = 1, EXIT_ERROR = 2, EXIT_LOCKED = 75 };

#define DEFAULT_COMMIT_EVERY 10000

typedef struct run {
    gz_writer *w;
    stemmer *st;
    unsigned long commit_every;
    unsigned long files, articles, rejected, warnings, uncommitted;
    int bad_path;       /* a path on the command line could not be read */
    gz_status fatal;    /* set when the run must stop */
} run;

static void usage(FILE *f)
{
    fputs(
"Usage: gazette-index [OPTIONS] [--] PATH...\n"
"Index the articles in PATH (files or directories, walked recursively) into\n"
"a Gazette index; re-running replaces articles by id, never duplicates.\n"
"\n"
"  -d, --index DIR        the index (default $GAZETTE_INDEX, else\n"
"                         ~/.local/share/gazette/index)\n"
"  -l, --language NAME    stemmer language for a new index (default english)\n"
"      --commit-every N   commit every N articles (default 10000)\n"
"  -q, --quiet            no summary line\n"
"  -h, --help             this help\n"
"  -V, --version          print versions and exit\n"
"\n"
"Files read in a directory: *.txt *.text *.jsonl *.ndjson, optionally .gz.\n"
"Exit status: 0 done, 1 done but some input was rejected, 2 error,\n"
"75 the index is being updated by another run.\n", f);
}

static void on_problem(void *ctx, const char *path, long line,
                       long long offset, problem_kind kind, const char *msg)
{
    run *r = ctx;
    char where[64] = "";
    if (line > 0)
        snprintf(where, sizeof where, ":%ld", line);
    else if (offset >= 0)
        snprintf(where, sizeof where, ": at byte %lld", offset);
    if (kind == PROBLEM_WARNING) {
        r->warnings++;
        report_warning("%s%s: %s", path, where, msg);
    } else {
        r->rejected++;
        report_error("%s%s: %s", path, where, msg);
    }
}

static gz_status commit(run *r)
{
    gz_status st = gz_writer_commit(r->w);
    if (st == GZ_OK)
        r->uncommitted = 0;
    return st;
}

static int index_file(void *ctx, const char *path)
{
    run *r = ctx;
    corpus_reader *rd = NULL;
    char *abs = realpath(path, NULL);
    const char *stored = abs ? abs : path;
    gz_status st = corpus_open(path, on_problem, r, &rd);
    if (st != GZ_OK) {
        r->rejected++;
        report_error("%s", gz_last_error());
        free(abs);
        return 0;
    }
    r->files++;
    article a;
    int got;
    while ((got = corpus_next(rd, &a)) == 1) {
        gz_doc *doc = NULL;
        char *idterm = schema_idterm(a.id);
        st = idterm ? schema_doc_build(r->st, &a, stored, &doc)
                    : gz_error_set(GZ_EOOM, "out of memory");
        if (st == GZ_OK)
            st = gz_writer_replace(r->w, idterm, doc);
        gz_doc_free(doc);
        free(idterm);
        if (st != GZ_OK) {
            report_status(st, path);
            r->fatal = st;
            break;
        }
        r->articles++;
        if (++r->uncommitted >= r->commit_every &&
            (st = commit(r)) != GZ_OK) {
            report_status(st, "commit");
            r->fatal = st;
            break;
        }
    }
    corpus_close(rd);
    free(abs);
    return r->fatal != GZ_OK;
}

static int on_walk_error(void *ctx, const char *path, int err)
{
    run *r = ctx;
    r->rejected++;
    r->bad_path = 1;
    report_error("%s: %s", path, err == EINVAL ? "not a regular file or directory"
                                                : strerror(err));
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int exit_for(gz_status st)
{
    return st == GZ_ELOCKED ? EXIT_LOCKED : EXIT_ERROR;
}

/* An existing index keeps its stemmer; a new one takes --language. */
static gz_status choose_stemmer(gz_writer *w, const char *language,
                                stemmer **out)
{
    char *stored = NULL;
    size_t len;
    gz_status st = gz_writer_get_metadata(w, SCHEMA_META_STEMMER, &stored, &len);
    if (st != GZ_OK)
        return st;
    if (stored[0] && language && strcmp(stored, language) != 0) {
        st = gz_error_set(GZ_EVERSION,
            "the index was built with the '%s' stemmer; --language %s needs "
            "a new index", stored, language);
        free(stored);
        return st;
    }
    st = stemmer_new(stored[0] ? stored : language ? language
                                 : STEM_DEFAULT_LANGUAGE, out);
    free(stored);
    return st;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "index", required_argument, NULL, 'd' },
        { "language", required_argument, NULL, 'l' },
        { "commit-every", required_argument, NULL, 'c' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    report_set_program("gazette-index");
    const char *index = NULL, *language = NULL;
    int quiet = 0, c;
    run r = { .commit_every = DEFAULT_COMMIT_EVERY, .fatal = GZ_OK };

    while ((c = getopt_long(argc, argv, "+d:l:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': index = optarg; break;
        case 'l': language = optarg; break;
        case 'q': quiet = 1; break;
        case 'c': {
            char *end;
            errno = 0;
            unsigned long n = strtoul(optarg, &end, 10);
            if (errno || *end || n == 0 || optarg[0] == '-') {
                report_error("--commit-every: '%s' is not a positive number",
                             optarg);
                return EXIT_ERROR;
            }
            r.commit_every = n;
            break;
        }
        case 'h': usage(stdout); return EXIT_DONE;
        case 'V':
            printf("gazette-index %s (Xapian %s, libstemmer)\n",
                   GAZETTE_VERSION_STRING, gz_xapian_version());
            return EXIT_DONE;
        default: usage(stderr); return EXIT_ERROR;
        }
    }
    if (optind >= argc) {
        report_error("no PATH to index (try --help)");
        return EXIT_ERROR;
    }
    char *default_index = NULL;
    if (!index) {
        index = default_index = config_default_index();
        if (!index) {
            report_error("no index given: use -d DIR or set GAZETTE_INDEX");
            return EXIT_ERROR;
        }
    }

    double start = now();
    int status = EXIT_ERROR;
    gz_status st = gz_writer_open(index, 1, &r.w);
    if (st != GZ_OK) {
        if (st == GZ_ELOCKED)
            report_error("%s: index is being updated by another run; try later",
                         index);
        else
            report_status(st, index);
        status = exit_for(st);
        goto done;
    }
    if ((st = choose_stemmer(r.w, language, &r.st)) != GZ_OK ||
        (st = schema_check_writer(r.w, r.st)) != GZ_OK) {
        report_status(st, index);
        goto done;
    }

    walk_paths(argv + optind, (size_t)(argc - optind), index_file,
               on_walk_error, &r);
    if (r.fatal != GZ_OK)
        goto done;
    if ((st = commit(&r)) != GZ_OK) {
        report_status(st, "commit");
        goto done;
    }
    unsigned long total = 0;
    gz_writer_doccount(r.w, &total);
    if (!quiet)
        fprintf(stderr,
                "gazette-index: %lu articles from %lu files, %lu rejected, "
                "%lu warnings, %.1f s; the index holds %lu articles\n",
                r.articles, r.files, r.rejected, r.warnings, now() - start,
                total);
    status = r.bad_path ? EXIT_ERROR : r.rejected ? EXIT_REJECTED : EXIT_DONE;

done:
    if (r.w) {
        /* Only a run that stopped on an error drops its last batch. */
        st = gz_writer_close(r.w, r.fatal == GZ_OK && status != EXIT_ERROR);
        if (st != GZ_OK && status != EXIT_ERROR) {
            report_status(st, "closing the index");
            status = EXIT_ERROR;
        }
    }
    stemmer_free(r.st);
    free(default_index);
    return status;
}
