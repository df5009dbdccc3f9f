/* run.h - one run of gazette-index, as a list of named steps.
 *
 * Take the index (the writer lock, waiting with --wait), check it, choose
 * how to build (in place, or a new generation: in parallel parts or with
 * one writer), build, record the run's summary in the index, switch
 * generations, compact, report.  update.c does the reading; generation.h
 * keeps the live index whole; writer.h is the only way to the index.
 * Knows nothing of the command line's syntax (main.c's).
 */
#ifndef GZ_RUN_H
#define GZ_RUN_H

#include <stddef.h>
#include "update.h"

/* Exit statuses; a run stopped by a signal ends with 128 + the signal. */
enum { EXIT_DONE = 0, EXIT_REJECTED = 1, EXIT_ERROR = 2, EXIT_LOCKED = 75 };

typedef struct run_opts {
    const char *index;          /* the index directory */
    const char *language;       /* --language, or NULL */
    const char *report;         /* --report FILE, or NULL */
    update_opts update;         /* update.opts->stop: the signal flag */
    double wait;                /* --wait SECONDS */
    int quiet, rebuild, compact;
    long jobs;                  /* writer threads of a full build */
    char shard_mark[32];        /* "K/N" with --shard, else "" */
    char *const *paths;         /* PATH... */
    size_t npaths;
} run_opts;

/* Bring O->index up to date with O->paths.  Every message goes to
 * stderr; --report's file is written whatever the outcome.  Returns the
 * exit status: EXIT_DONE, EXIT_REJECTED (some input was rejected),
 * EXIT_ERROR, EXIT_LOCKED (another run holds the index), or 128 + the
 * signal that stopped the run (the caller then dies of it). */
int run_index(const run_opts *o);

/* Print --status of INDEX on stdout.  Returns EXIT_DONE or EXIT_ERROR. */
int run_status(const char *index);

#endif
