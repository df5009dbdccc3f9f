/* error.h - the one place errors are recorded and reported.
 *
 * The library records the detail of a failure with gz_error_set() and
 * returns a gz_status; it never prints.  The programs print through
 * report_error()/report_warning(), which prefix the program name, so every
 * message a user sees has one shape:
 *
 *     gazette-index: corpus/a.jsonl:12: invalid JSON: ...
 */
#ifndef GZ_ERROR_H
#define GZ_ERROR_H

#include <stdarg.h>
#include "gazette.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Record the detail of a failure on this thread (printf-style) and return
 * STATUS, so a caller can write `return gz_error_set(GZ_EIO, "...")`. */
gz_status gz_error_set(gz_status status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Forget the last failure on this thread. */
void gz_error_clear(void);

/* The name printed before every message ("gazette-index"). */
void report_set_program(const char *name);

/* Print "PROGRAM: error: MESSAGE" / "PROGRAM: warning: MESSAGE" on stderr. */
void report_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "PROGRAM: error: WHAT: STRERROR(STATUS): LAST_ERROR" for a failed
 * library call. */
void report_status(gz_status status, const char *what);

#ifdef __cplusplus
}
#endif

#endif
