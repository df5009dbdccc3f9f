/* error.c - thread-local last error and the programs' message printer.
 *
 * Must never allocate: it is used to report out-of-memory too. */
#include <stdio.h>
#include <string.h>

#include "error.h"

static _Thread_local char last_error[1024];
static const char *program = "gazette";

const char *gz_strerror(gz_status status)
{
    switch (status) {
    case GZ_OK:        return "success";
    case GZ_ENOTFOUND: return "not found";
    case GZ_ELOCKED:   return "index is locked by another writer";
    case GZ_EMODIFIED: return "index was modified during the search";
    case GZ_ECORRUPT:  return "index is corrupt";
    case GZ_EVERSION:  return "index was made by an incompatible version";
    case GZ_EOOM:      return "out of memory";
    case GZ_EXAPIAN:   return "Xapian error";
    case GZ_EIO:       return "input/output error";
    case GZ_EFORMAT:   return "unreadable input";
    case GZ_EPARSE:    return "syntax error";
    case GZ_EINVAL:    return "invalid argument";
    case GZ_EINTERNAL: return "internal error";
    }
    return "unknown error";
}

const char *gz_last_error(void)
{
    return last_error;
}

gz_status gz_error_set(gz_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return status;
}

void gz_error_clear(void)
{
    last_error[0] = '\0';
}

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
