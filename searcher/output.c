/* output.c - results as text for people, JSON Lines and TSV for programs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/report.h"
#include "date.h"
#include "output.h"
#include "utf8.h"

#define C_RESET "\033[0m"
#define C_BOLD  "\033[1m"
#define C_DIM   "\033[2m"
#define C_MATCH "\033[1;31m"
#define C_DATE  "\033[32m"
#define C_SRC   "\033[36m"

static json_t *jdate(const char *date)
{
    return date && date[0] ? json_text(date) : json_null();
}

/* Write O as one line and release it. */
static int put_json(FILE *f, json_t *o)
{
    if (!o) {
        errno = ENOMEM;
        return -1;
    }
    int rc = json_text_dumpf(o, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc != 0 || fputc('\n', f) == EOF)
        return -1;
    return 0;
}

/* A new JSON line: an object that opens with the schema version and, when
 * QUERY is not 0, the number of the batch query it answers.  NULL when out
 * of memory (put_json() reports it). */
static json_t *json_line(long query)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "schema", json_integer(GZ_JSON_SCHEMA));
    if (query)
        json_object_set_new(o, "query", json_integer(query));
    return o;
}

/* The stored fields every JSON object about an article carries. */
static void set_record_fields(json_t *o, const record *r)
{
    json_object_set_new(o, "id", json_text(r->id));
    json_object_set_new(o, "date", jdate(r->date));
    json_object_set_new(o, "title", json_text(r->title));
    json_object_set_new(o, "source", json_text(r->source));
    json_object_set_new(o, "url", json_text(r->url));
    json_object_set_new(o, "author", json_text(r->author));
    json_object_set_new(o, "site", json_text(r->site));
    json_object_set_new(o, "lang", json_text(r->lang ? r->lang : ""));
    json_object_set_new(o, "path", json_text(r->path));
    json_object_set_new(o, "line", json_integer(r->line));
}

static int write_json(FILE *f, const hit_view *h)
{
    json_t *o = json_line(h->query);
    json_t *marks = json_array();
    if (!o || !marks) {
        json_decref(o);
        json_decref(marks);
        return put_json(f, NULL);
    }
    if (h->snip)
        for (size_t i = 0; i < h->snip->nmarks; i++)
            json_array_append_new(marks, json_pack("[II]",
                (json_int_t)h->snip->marks[i].start,
                (json_int_t)h->snip->marks[i].end));
    json_object_set_new(o, "rank", json_integer(h->rank));
    json_object_set_new(o, "score", json_real(h->score));
    set_record_fields(o, h->rec);
    json_object_set_new(o, "similar", json_integer((json_int_t)h->similar));
    json_object_set_new(o, "snippet", json_text(h->snip ? h->snip->text : ""));
    json_object_set_new(o, "highlights", marks);
    return put_json(f, o);
}

/* Text for a terminal: the LEN bytes of S with every control character
 * (C0, DEL, C1 U+0080-U+009F) as U+FFFD, so a title or a file name can
 * never move the cursor, recolour or retitle the user's terminal; with
 * LINES, line breaks and tabs are kept (an article's body).  JSON escapes
 * them itself. */
static void put_clean_lines(FILE *f, const char *s, size_t len, int lines)
{
    for (size_t i = 0; i < len; i++) {
        size_t control = utf8_control_len(s + i, len - i);
        if (control && !(lines && (s[i] == '\n' || s[i] == '\t'))) {
            fputs(UTF8_REPLACEMENT, f);
            i += control - 1;
        } else {
            fputc(s[i], f);
        }
    }
}

static void put_clean(FILE *f, const char *s, size_t len)
{
    put_clean_lines(f, s, len, 0);
}

static void put_clean_str(FILE *f, const char *s)
{
    put_clean(f, s, strlen(s));
}

/* Whether F is a terminal, asked once per stream. */
static int is_terminal(FILE *f)
{
    static FILE *asked;
    static int answer;
    if (f != asked) {
        asked = f;
        answer = isatty(fileno(f));
    }
    return answer;
}

/* Output for programs (TSV, ids, paths, --show): byte-exact, as cat is,
 * unless a person is reading it on a terminal; then cleaned as text for
 * people is, LINES kept. */
static void put_exact(FILE *f, const char *s, size_t len, int lines)
{
    if (is_terminal(f))
        put_clean_lines(f, s, len, lines);
    else
        fwrite(s, 1, len, f);
}

/* A TSV field: tabs and line breaks would break the row, so they become
 * spaces. */
static void put_tsv_field(FILE *f, const char *s)
{
    while (s && *s) {
        size_t run = strcspn(s, "\t\n\r");
        put_exact(f, s, run, 0);
        s += run;
        if (*s) {
            fputc(' ', f);
            s++;
        }
    }
}

static int write_tsv(FILE *f, const hit_view *h)
{
    const record *r = h->rec;
    if (h->query)
        fprintf(f, "%ld\t", h->query);
    fprintf(f, "%u\t%.6f\t%s\t", h->rank, h->score,
            r->date && r->date[0] ? r->date : "");
    const char *fields[] = { r->id, r->source, r->title, r->path };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        put_tsv_field(f, fields[i]);
        fputc('\t', f);
    }
    fprintf(f, "%ld\t", r->line);
    put_tsv_field(f, h->snip ? h->snip->text : "");
    fprintf(f, "\t%lu\t", h->similar);
    /* Added by schema 2: after the columns a program already counts. */
    put_tsv_field(f, r->author);
    fputc('\t', f);
    put_tsv_field(f, r->site);
    /* Added by schema 3, after the columns of schema 2. */
    fputc('\t', f);
    put_tsv_field(f, r->lang ? r->lang : "");
    fputc('\n', f);
    return ferror(f) ? -1 : 0;
}


static void put_snippet(FILE *f, const snippet *s, int color)
{
    size_t at = 0;
    for (size_t i = 0; i < s->nmarks; i++) {
        put_clean(f, s->text + at, s->marks[i].start - at);
        if (color)
            fputs(C_MATCH, f);
        put_clean(f, s->text + s->marks[i].start,
                  s->marks[i].end - s->marks[i].start);
        if (color)
            fputs(C_RESET, f);
        at = s->marks[i].end;
    }
    put_clean_str(f, s->text + at);
}

static int write_text(FILE *f, int color, const hit_view *h)
{
    const record *r = h->rec;
    const char *date = r->date && r->date[0] ? r->date : "undated   ";
    const char *title = r->title[0] ? r->title : "(untitled)";
    if (h->query)
        fprintf(f, "%ld:", h->query);
    fprintf(f, "%s%3u.%s %s%s%s  %s", color ? C_DIM : "", h->rank,
            color ? C_RESET : "", color ? C_DATE : "", date,
            color ? C_RESET : "", color ? C_BOLD : "");
    put_clean_str(f, title);
    fputs(color ? C_RESET : "", f);
    if (r->source[0]) {
        fprintf(f, "  %s", color ? C_SRC : "");
        put_clean_str(f, r->source);
        fputs(color ? C_RESET : "", f);
    }
    fprintf(f, "  %s[", color ? C_DIM : "");
    put_clean_str(f, r->id);
    fprintf(f, "]%s", color ? C_RESET : "");
    if (h->similar)
        fprintf(f, "  %s(+%lu similar)%s", color ? C_DIM : "", h->similar,
                color ? C_RESET : "");
    fputc('\n', f);
    if (h->snip && h->snip->len) {
        fputs("     ", f);
        put_snippet(f, h->snip, color);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

int output_hit(FILE *f, out_format fmt, int color, const hit_view *h)
{
    switch (fmt) {
    case OUT_JSON: return write_json(f, h);
    case OUT_TSV: return write_tsv(f, h);
    case OUT_TEXT: break;
    }
    return write_text(f, color, h);
}

int output_count(FILE *f, out_format fmt, long query, unsigned long count)
{
    if (fmt == OUT_JSON) {
        json_t *o = json_line(query);
        if (o)
            json_object_set_new(o, "count", json_integer((json_int_t)count));
        return put_json(f, o);
    }
    if (query)
        fprintf(f, "%ld\t", query);
    fprintf(f, "%lu\n", count);
    return ferror(f) ? -1 : 0;
}

int output_value(FILE *f, out_format fmt, long query, const char *name,
                 const char *value, int nul_end)
{
    if (fmt == OUT_JSON) {
        json_t *o = json_line(query);
        if (o)
            json_object_set_new(o, name, json_text(value));
        return put_json(f, o);
    }
    if (query)
        fprintf(f, "%ld\t", query);
    if (fmt == OUT_TSV)
        put_tsv_field(f, value);
    else
        put_exact(f, value, strlen(value), 0);
    fputc(nul_end ? '\0' : '\n', f);
    return ferror(f) ? -1 : 0;
}

int output_no_hits(FILE *f, out_format fmt, long query)
{
    if (fmt == OUT_JSON) {
        json_t *o = json_line(query);
        if (o)
            json_object_set_new(o, "hits", json_integer(0));
        return put_json(f, o);
    }
    fprintf(f, "%ld\thits\t0\n", query);
    return ferror(f) ? -1 : 0;
}

int output_showing(FILE *f, int color, unsigned first, unsigned last,
                   unsigned long total, int estimate)
{
    /* An estimate below what is shown would read as a contradiction. */
    if (total < last)
        total = last;
    fprintf(f, "%sshowing %u-%u of %s%lu%s\n", color ? C_DIM : "", first,
            last, estimate ? "about " : "", total, color ? C_RESET : "");
    return ferror(f) ? -1 : 0;
}

int output_query_error(FILE *f, out_format fmt, long query, const char *msg)
{
    if (fmt == OUT_JSON) {
        json_t *o = json_line(query);
        if (o)
            json_object_set_new(o, "error", json_text(msg));
        return put_json(f, o);
    }
    fprintf(f, "%ld\terror\t", query);
    put_tsv_field(f, msg);
    fputc('\n', f);
    return ferror(f) ? -1 : 0;
}

/* A header line of the article file format. */
static void put_header(FILE *f, const char *name, const char *value)
{
    fprintf(f, "%s ", name);
    put_exact(f, value, strlen(value), 0);
    fputc('\n', f);
}

int output_article(FILE *f, out_format fmt, const record *r)
{
    if (fmt == OUT_JSON) {
        json_t *o = json_line(0);
        if (o) {
            set_record_fields(o, r);
            json_object_set_new(o, "body", json_text(r->body));
        }
        return put_json(f, o);
    }
    /* The article file format, so the output can be indexed again, in
     * the language it was indexed in (declared or detected): a lang
     * line, which the article file reader reads. */
    const char *names[] = { "date", "title", "source", "author", "url",
                            "site", "lang" };
    const char *values[] = { r->date ? r->date : "", r->title, r->source,
                             r->author, r->url, r->site, r->lang };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (values[i][0])
            put_header(f, names[i], values[i]);
    put_header(f, "id", r->id);
    fputc('\n', f);
    put_exact(f, r->body, r->body_len, 1);
    if (r->body_len && r->body[r->body_len - 1] != '\n')
        fputc('\n', f);
    return ferror(f) ? -1 : 0;
}

/* A bar of COUNT / MAX of WIDTH columns: whole blocks and an eighth-block
 * for the rest where the terminal speaks UTF-8, '#' otherwise.  A count
 * above 0 always shows. */
static void put_bar(FILE *f, unsigned long count, unsigned long max,
                    int width, int utf8)
{
    if (!max || width <= 0)
        return;
    unsigned long eighths = (unsigned long)((double)count / (double)max *
                                            width * 8 + 0.5);
    if (count && !eighths)
        eighths = 1;
    if (!utf8) {
        for (unsigned long i = 0; i < (eighths + 7) / 8; i++)
            fputc('#', f);
        return;
    }
    static const char *const part[] = { "", "\u258f", "\u258e", "\u258d",
        "\u258c", "\u258b", "\u258a", "\u2589" };
    for (unsigned long i = 0; i < eighths / 8; i++)
        fputs("\u2588", f);
    fputs(part[eighths % 8], f);
}

int output_period(FILE *f, out_format fmt, const period_view *p)
{
    char start[11], end[11];
    if (p->start) {
        date_format(p->start, start);
        date_format(p->end, end);
    }
    if (fmt == OUT_JSON) {
        json_t *o = json_line(0);
        if (o) {
            json_object_set_new(o, "period", p->start ? json_text(p->label) : json_null());
            json_object_set_new(o, "start", p->start ? json_text(start) : json_null());
            json_object_set_new(o, "end", p->start ? json_text(end) : json_null());
            json_object_set_new(o, "count", json_integer((json_int_t)p->count));
        }
        return put_json(f, o);
    }
    if (fmt == OUT_TSV) {
        fprintf(f, "%s\t%s\t%s\t%lu\n", p->label, p->start ? start : "",
                p->start ? end : "", p->count);
        return ferror(f) ? -1 : 0;
    }
    fprintf(f, "%-*s  %*lu", p->label_width, p->label, p->count_width,
            p->count);
    if (p->count)
        fputs("  ", f);
    if (p->color && p->count)
        fputs(C_DATE, f);
    put_bar(f, p->count, p->max, p->bar_width, p->utf8);
    if (p->color && p->count)
        fputs(C_RESET, f);
    fputc('\n', f);
    return ferror(f) ? -1 : 0;
}

int output_term(FILE *f, out_format fmt, const term_view *t)
{
    if (fmt == OUT_JSON) {
        json_t *o = json_line(0);
        if (o) {
            json_object_set_new(o, "term", json_text(t->word));
            json_object_set_new(o, "stem", json_text(t->stem));
            json_object_set_new(o, "weight", json_real(t->weight));
            json_object_set_new(o, "matches", json_integer((json_int_t)t->matches));
            json_object_set_new(o, "articles", json_integer((json_int_t)t->articles));
        }
        return put_json(f, o);
    }
    if (fmt == OUT_TSV) {
        put_tsv_field(f, t->word);
        fputc('\t', f);
        put_tsv_field(f, t->stem);
        fprintf(f, "\t%.6f\t%lu\t%lu\n", t->weight, t->matches, t->articles);
        return ferror(f) ? -1 : 0;
    }
    double in = t->total ? 100.0 * (double)t->matches / (double)t->total : 0;
    double all = t->doccount ? 100.0 * (double)t->articles / (double)t->doccount : 0;
    fprintf(f, "%s%-20s%s %6lu of the matches (%5.1f%%), %5.1f%% of all articles\n",
            t->color ? C_BOLD : "", t->word, t->color ? C_RESET : "",
            t->matches, in, all);
    return ferror(f) ? -1 : 0;
}

int output_suggestion(FILE *f, long query, const char *suggestion,
                      unsigned long matches)
{
    if (query)
        fprintf(f, "%ld:", query);
    fputs("Did you mean: ", f);
    report_put_text(f, suggestion);
    fprintf(f, "  (%lu match%s)\n", matches, matches == 1 ? "" : "es");
    return ferror(f) ? -1 : 0;
}
