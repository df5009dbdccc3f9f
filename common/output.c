/* output.c - hits as text for people and JSON Lines for programs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "output.h"

#define C_RESET "\033[0m"
#define C_BOLD  "\033[1m"
#define C_DIM   "\033[2m"
#define C_MATCH "\033[1;31m"
#define C_DATE  "\033[32m"
#define C_SRC   "\033[36m"

char *utf8_repaired(const char *s, size_t len)
{
    /* Each bad byte becomes 3 bytes of U+FFFD at worst. */
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp == 0) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, s + i, (size_t)n);
            o += (size_t)n;
            i += (size_t)n;
        }
    }
    out[o] = '\0';
    return out;
}

static json_t *jstr(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    char *fixed = utf8_repaired(s, strlen(s));
    j = fixed ? json_string(fixed) : NULL;
    free(fixed);
    return j ? j : json_string("");
}

static int write_json(FILE *f, const hit_view *h)
{
    const record *r = h->rec;
    json_t *o = json_object();
    json_t *marks = json_array();
    if (!o || !marks)
        goto fail;
    if (h->snip)
        for (size_t i = 0; i < h->snip->nmarks; i++)
            json_array_append_new(marks, json_pack("[II]",
                (json_int_t)h->snip->marks[i].start,
                (json_int_t)h->snip->marks[i].end));
    json_object_set_new(o, "schema", json_integer(GZ_JSON_SCHEMA));
    json_object_set_new(o, "rank", json_integer(h->rank));
    json_object_set_new(o, "id", jstr(r->id));
    json_object_set_new(o, "score", json_real(h->score));
    json_object_set_new(o, "date", r->date && r->date[0] ? jstr(r->date)
                                                         : json_null());
    json_object_set_new(o, "title", jstr(r->title));
    json_object_set_new(o, "source", jstr(r->source));
    json_object_set_new(o, "url", jstr(r->url));
    json_object_set_new(o, "path", jstr(r->path));
    json_object_set_new(o, "line", json_integer(r->line));
    json_object_set_new(o, "snippet", jstr(h->snip ? h->snip->text : ""));
    json_object_set_new(o, "highlights", marks);
    marks = NULL;
    int rc = json_dumpf(o, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc != 0 || fputc('\n', f) == EOF)
        return -1;
    return 0;
fail:
    json_decref(marks);
    json_decref(o);
    errno = ENOMEM;
    return -1;
}

static void put_snippet(FILE *f, const snippet *s, int color)
{
    size_t at = 0;
    for (size_t i = 0; i < s->nmarks; i++) {
        fwrite(s->text + at, 1, s->marks[i].start - at, f);
        if (color)
            fputs(C_MATCH, f);
        fwrite(s->text + s->marks[i].start, 1,
               s->marks[i].end - s->marks[i].start, f);
        if (color)
            fputs(C_RESET, f);
        at = s->marks[i].end;
    }
    fputs(s->text + at, f);
}

static int write_text(FILE *f, int color, const hit_view *h)
{
    const record *r = h->rec;
    const char *date = r->date && r->date[0] ? r->date : "undated   ";
    const char *title = r->title[0] ? r->title : "(untitled)";
    fprintf(f, "%s%3u.%s %s%s%s  %s%s%s", color ? C_DIM : "", h->rank,
            color ? C_RESET : "", color ? C_DATE : "", date,
            color ? C_RESET : "", color ? C_BOLD : "", title,
            color ? C_RESET : "");
    if (r->source[0])
        fprintf(f, "  %s%s%s", color ? C_SRC : "", r->source,
                color ? C_RESET : "");
    fprintf(f, "  %s[%s]%s\n", color ? C_DIM : "", r->id, color ? C_RESET : "");
    if (h->snip && h->snip->len) {
        fputs("     ", f);
        put_snippet(f, h->snip, color);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

int output_hit(FILE *f, out_format fmt, int color, const hit_view *h)
{
    return fmt == OUT_JSON ? write_json(f, h) : write_text(f, color, h);
}
