/* json_text.h - any text as a JSON string, for what the programs write
 * for other programs (gazette-search's JSON Lines, gazette-index --report).
 *
 * Paths and messages may hold bytes that are not UTF-8, which jansson
 * refuses: they are shown as U+FFFD (utf8.h's repair) rather than dropped.
 * Linked into the programs, never into libgazette.
 */
#ifndef GZ_CLI_JSON_TEXT_H
#define GZ_CLI_JSON_TEXT_H

#include <stdio.h>

#include <jansson.h>

/* S as a JSON string, invalid UTF-8 shown as U+FFFD (utf8_repair()), so
 * file names of any bytes still give valid JSON; null for NULL; "" when
 * repairing it runs out of memory. */
/* S as a new JSON string (JSON null for NULL), its bytes that are not
 * UTF-8 shown as U+FFFD; "" if even that fails (out of memory). */
json_t *json_text(const char *s);

/* json_dumpf() and json_dump_file() as jansson has them, but each C1
 * control (U+0080-U+009F) escaped as "\u0080"-"\u009f" like the C0
 * ones: JSON allows them raw, jansson writes them raw, and a terminal
 * showing the JSON may obey them (U+009B is CSI).  The same JSON to a
 * parser.  Returns 0, or -1 when it cannot be written. */
int json_text_dumpf(const json_t *j, FILE *f, size_t flags);
int json_text_dump_file(const json_t *j, const char *path, size_t flags);

#endif
