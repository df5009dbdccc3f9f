/* report.c - the programs' messages on stderr, one shape for all:
 *
 *     gazette-index: error: corpus/a.jsonl:12: invalid JSON: ...
 *
 * Every message quotes what it was given (file names, input, arguments)
 * through utf8_escape(), here and nowhere else, so that no caller can
 * let a control character reach the user's terminal.  Linked into
 * gazette-index and gazette-search, never into libgazette (the library
 * never prints).  Must never allocate: it reports out-of-memory too. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/report.h"
#include "error.h"
#include "utf8.h"

/* The longest message, before escaping; longer ones are cut. */
#define REPORT_MAX 2048

static const char *program = "gazette";

void report_set_program(const char *name)
{
    const char *slash = strrchr(name, '/');
    program = slash ? slash + 1 : name;
}

/* KIND NULL: a status line, "PROGRAM: MESSAGE". */
static void report(const char *kind, const char *fmt, va_list ap)
{
    char line[REPORT_MAX], shown[UTF8_ESCAPE_SIZE(REPORT_MAX)];
    int n = vsnprintf(line, sizeof line, fmt, ap);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    utf8_escape(line, len, shown);
    /* One fprintf per line, so lines from several threads never interleave. */
    fprintf(stderr, "%s: %s%s%s\n", program, kind ? kind : "",
            kind ? ": " : "", shown);
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

void report_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(NULL, fmt, ap);
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

int report_put_text(FILE *f, const char *s)
{
    size_t n = strlen(s);
    char shown[UTF8_ESCAPE_SIZE(REPORT_MAX)];
    /* In pieces cut between characters, so that no character is taken
     * for an invalid sequence. */
    while (n > 0) {
        size_t piece = (size_t)utf8_quote_len(s, n, REPORT_MAX);
        if (piece == 0)
            piece = n < REPORT_MAX ? n : REPORT_MAX;
        size_t len = utf8_escape(s, piece, shown);
        if (fwrite(shown, 1, len, f) != len)
            return -1;
        s += piece;
        n -= piece;
    }
    return ferror(f) ? -1 : 0;
}
