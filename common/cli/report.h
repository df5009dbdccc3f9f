/* report.h - the programs' messages on stderr: "PROGRAM: error: MESSAGE".
 *
 * For gazette-index and gazette-search (and the test helpers), never for
 * libgazette, which records failures with error.h and never prints.
 */
#ifndef GZ_CLI_REPORT_H
#define GZ_CLI_REPORT_H

#include "gazette.h"

/* The name printed before every message ("gazette-index"). */
void report_set_program(const char *name);

/* Print "PROGRAM: error: MESSAGE" / "PROGRAM: warning: MESSAGE" on stderr. */
void report_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "PROGRAM: error: WHAT: STRERROR(STATUS): LAST_ERROR" for a failed
 * library call. */
void report_status(gz_status status, const char *what);

#endif
