/* report.c - the programs' messages on stderr, one shape for all:
 *
 *     gazette-index: error: corpus/a.jsonl:12: invalid JSON: ...
 *
 * Linked into gazette-index and gazette-search, never into libgazette
 * (the library never prints).  Must never allocate: it reports
 * out-of-memory too. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/report.h"
#include "error.h"

static const char *program = "gazette";

void report_set_program(const char *name)
{
    const char *slash = strrchr(name, '/');
    program = slash ? slash + 1 : name;
}

static void report(const char *kind, const char *fmt, va_list ap)
{
    /* One fprintf per line, so lines from several threads never interleave. */
    char line[2048];
    vsnprintf(line, sizeof line, fmt, ap);
    fprintf(stderr, "%s: %s: %s\n", program, kind, line);
}

void report_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report("error", fmt, ap);
    va_end(ap);
}

void report_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report("warning", fmt, ap);
    va_end(ap);
}

void report_status(gz_status status, const char *what)
{
    const char *detail = gz_last_error();
    if (detail[0])
        report_error("%s: %s: %s", what, gz_strerror(status), detail);
    else
        report_error("%s: %s", what, gz_strerror(status));
}
