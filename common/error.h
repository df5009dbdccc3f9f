/* error.h - the one place a failure is recorded.
 *
 * The library records the detail of a failure with gz_error_set() and
 * returns a gz_status; it never prints.  The programs print it through
 * cli/report.h, so every message a user sees has one shape.
 */
#ifndef GZ_ERROR_H
#define GZ_ERROR_H

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

#ifdef __cplusplus
}
#endif

#endif
