/* error.c - the library's status texts and thread-local last error.
 *
 * Must never allocate: it records out-of-memory too.  Never prints: the
 * programs print through cli/report.c. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static _Thread_local char last_error[1024];

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
