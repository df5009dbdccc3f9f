/* json_text.h - any text as a JSON string, for what the programs write
 * for other programs (gazette-search's JSON Lines, gazette-index --report).
 *
 * Paths and messages may hold bytes that are not UTF-8, which jansson
 * refuses: they are shown as U+FFFD (utf8.h's repair) rather than dropped.
 * Linked into the programs, never into libgazette.
 */
#ifndef GZ_CLI_JSON_TEXT_H
#define GZ_CLI_JSON_TEXT_H

#include <jansson.h>

/* S as a JSON string, invalid UTF-8 shown as U+FFFD (utf8_repair()), so
 * file names of any bytes still give valid JSON; null for NULL; "" when
 * repairing it runs out of memory. */
/* S as a new JSON string (JSON null for NULL), its bytes that are not
 * UTF-8 shown as U+FFFD; "" if even that fails (out of memory). */
json_t *json_text(const char *s);

#endif
