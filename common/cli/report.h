/* report.h - the programs' messages on stderr: "PROGRAM: error: MESSAGE".
 *
 * Every message, and every text for people written with
 * report_put_text(), shows control characters, invalid UTF-8 and
 * backslashes escaped as utf8_escape() does ("\x1b"): what a file name,
 * the input or an argument holds can never drive the user's terminal.
 *
 * For gazette-index and gazette-search (and the test helpers), never for
 * libgazette, which records failures with error.h and never prints.
 */
#ifndef GZ_CLI_REPORT_H
#define GZ_CLI_REPORT_H

#include <stdio.h>

#include "gazette.h"

/* The name printed before every message ("gazette-index"). */
void report_set_program(const char *name);

/* Print "PROGRAM: error: MESSAGE" / "PROGRAM: warning: MESSAGE" on stderr. */
void report_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "PROGRAM: MESSAGE" on stderr: how a run went, not a problem. */
void report_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "PROGRAM: error: WHAT: STRERROR(STATUS): LAST_ERROR" for a failed
 * library call. */
void report_status(gz_status status, const char *what);

/* Write S to F escaped as messages are: for text meant for people on
 * stdout that quotes input (--status, --explain, "Did you mean").
 * Returns 0, or -1 when F cannot be written. */
int report_put_text(FILE *f, const char *s);

#endif
