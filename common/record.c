/* record.c - encode and decode the stored document record.
 *
 * Layout: "gz3" NUL id NUL path NUL line NUL title NUL date NUL source NUL
 * url NUL author NUL site NUL lang NUL body.  The body is last so it needs
 * no terminator of its own and may be any length.  "gz2" (schema 5) is
 * the same without lang, "gz1" (schema 4) without author, site and lang;
 * both are still decoded, so that an old index's records read as records
 * until it is rebuilt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "record.h"

#define RECORD_TAG "gz3"
#define RECORD_FIELDS 12 /* tag + 11 fields */
#define RECORD_TAG_V2 "gz2"
#define RECORD_FIELDS_V2 11
#define RECORD_TAG_V1 "gz1"
#define RECORD_FIELDS_V1 9

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

char *record_encode(const record *r, size_t *len)
{
    char line[32];
    snprintf(line, sizeof line, "%ld", r->line);
    const char *parts[RECORD_FIELDS] = {
        RECORD_TAG, or_empty(r->id), or_empty(r->path), line,
        or_empty(r->title), or_empty(r->date), or_empty(r->source),
        or_empty(r->url), or_empty(r->author), or_empty(r->site),
        or_empty(r->lang), or_empty(r->body)
    };
    size_t lens[RECORD_FIELDS];
    size_t total = 0;
    for (int i = 0; i < RECORD_FIELDS; i++) {
        lens[i] = (i == RECORD_FIELDS - 1 && r->body) ? r->body_len
                                                      : strlen(parts[i]);
        total += lens[i] + 1;
    }
    char *buf = malloc(total);
    if (!buf)
        return NULL;
    char *p = buf;
    for (int i = 0; i < RECORD_FIELDS; i++) {
        memcpy(p, parts[i], lens[i]);
        p += lens[i];
        if (i < RECORD_FIELDS - 1)
            *p++ = '\0';
    }
    *len = (size_t)(p - buf);
    return buf;
}

/* Split COPY (LEN bytes, NUL-terminated past them) into N fields, the
 * last running to the end.  Returns 0, or -1 when fewer are there. */
static int split_fields(char *copy, size_t len, const char **field, int n)
{
    char *p = copy, *end = copy + len;
    for (int i = 0; i < n; i++) {
        field[i] = p;
        if (i == n - 1)
            break;
        char *nul = memchr(p, '\0', (size_t)(end - p));
        if (!nul)
            return -1;
        p = nul + 1;
    }
    return 0;
}

gz_status record_decode(const char *data, size_t len, record *r)
{
    memset(r, 0, sizeof *r);
    /* One extra byte terminates the body. */
    char *copy = malloc(len + 1);
    if (!copy)
        return gz_error_set(GZ_EOOM, "out of memory decoding a record");
    memcpy(copy, data, len);
    copy[len] = '\0';

    const char *field[RECORD_FIELDS];
    int v1 = strcmp(copy, RECORD_TAG_V1) == 0;
    int v2 = strcmp(copy, RECORD_TAG_V2) == 0;
    int n = v1 ? RECORD_FIELDS_V1 : v2 ? RECORD_FIELDS_V2 : RECORD_FIELDS;
    if ((!v1 && !v2 && strcmp(copy, RECORD_TAG) != 0) ||
        split_fields(copy, len, field, n) != 0)
        goto corrupt;
    r->owned = copy;
    r->id = field[1];
    r->path = field[2];
    r->line = strtol(field[3], NULL, 10);
    r->title = field[4];
    r->date = field[5];
    r->source = field[6];
    r->url = field[7];
    r->author = v1 ? "" : field[8];
    r->site = v1 ? "" : field[9];
    r->lang = v1 || v2 ? "" : field[10];
    r->body = field[n - 1];
    r->body_len = (size_t)(copy + len - field[n - 1]);
    return GZ_OK;

corrupt:
    free(copy);
    memset(r, 0, sizeof *r);
    return gz_error_set(GZ_ECORRUPT, "stored document record has an unknown shape");
}

void record_free(record *r)
{
    free(r->owned);
    memset(r, 0, sizeof *r);
}
