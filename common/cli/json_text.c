/* json_text.c - any text as a JSON string (json_text.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/json_text.h"
#include "utf8.h"

json_t *json_text(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    size_t len;
    char *fixed = utf8_repair(s, strlen(s), &len);
    j = fixed ? json_string(fixed) : NULL;
    free(fixed);
    return j ? j : json_string("");
}

/* json_dump_callback()'s writer into a FILE.  Outside strings JSON text
 * is ASCII, and C2 never continues a character, so each C2 80-C2 9F is a
 * C1 control inside a string; a C2 that ends a piece waits for the next. */
typedef struct c1_writer {
    FILE *f;
    int held_c2;
} c1_writer;

static int put_c1_escaped(const char *buf, size_t size, void *data)
{
    static const char hex[] = "0123456789abcdef";
    c1_writer *w = data;
    const unsigned char *p = (const unsigned char *)buf;
    for (size_t i = 0; i < size; i++) {
        if (w->held_c2 && p[i] >= 0x80 && p[i] <= 0x9f) {
            if (fprintf(w->f, "\\u00%c%c", hex[p[i] >> 4], hex[p[i] & 15]) < 0)
                return -1;
            w->held_c2 = 0;
            continue;
        }
        if (w->held_c2 && putc(0xc2, w->f) == EOF)
            return -1;
        w->held_c2 = p[i] == 0xc2;
        if (!w->held_c2 && putc(p[i], w->f) == EOF)
            return -1;
    }
    return 0;
}

int json_text_dumpf(const json_t *j, FILE *f, size_t flags)
{
    c1_writer w = { f, 0 };
    if (json_dump_callback(j, put_c1_escaped, &w, flags) != 0 ||
        (w.held_c2 && putc(0xc2, f) == EOF))
        return -1;
    return ferror(f) ? -1 : 0;
}

int json_text_dump_file(const json_t *j, const char *path, size_t flags)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = json_text_dumpf(j, f, flags);
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}
