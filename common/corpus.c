/* corpus.c - read articles out of one corpus file (article file or JSON
 * Lines, plain or gzip).
 *
 * Turns bytes into articles and nothing more: it never prints, never stops
 * at a bad article, never hands out a string that is not NUL-free valid
 * UTF-8, and never holds more than one article or line in memory, bounded
 * by CORPUS_MAX_ARTICLE_BYTES whatever the input. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#include "corpus.h"
#include "date.h"
#include "error.h"
#include "feed.h"
#include "hash.h"
#include "html.h"
#include "lang.h"
#include "schema_table.h"
#include "url.h"
#include "utf8.h"
#include "warc.h"

/* Bytes asked of zlib per gzread(); also the buffer's growth step. */
#define READ_CHUNK (256 * 1024)
/* zlib's own input buffer: larger than its 8 KiB default to cut syscalls. */
#define GZ_INPUT_BUFFER (128 * 1024)
/* How much of an article file is looked at for a NUL byte before it is
 * called binary (what grep and git do). */
#define BINARY_PROBE 8192
/* The most strings one article can need beyond the read buffer and the
 * JSON object: title, id, the NUL-free copies of seven fields, and the
 * authors joined and its NUL-free copy. */
#define MAX_OWNED 11

/* What a file holds: JSON Lines by its name, the rest by its first
 * bytes (corpus_kind_of()). */
typedef enum corpus_kind {
    KIND_UNKNOWN,       /* not looked at yet */
    KIND_ARTICLE,
    KIND_JSONL,
    KIND_HTML,
    KIND_FEED,
    KIND_WARC,
    KIND_OTHER_XML      /* XML that is no page (a sitemap): refused */
} corpus_kind;

struct corpus_reader {
    char *path;
    const char *base;       /* base name, inside path */
    char *base_utf8;        /* base name made valid UTF-8 (JSON Lines ids) */
    char *file_id;          /* base name less .gz and one extension */
    problem_fn problem;
    void *ctx;
    corpus_kind kind;
    gzFile gz;
    long long gz_size;      /* the compressed file's size, for the message */
    long long gz_limit;     /* uncompressed bytes a gzip file may give; 0:
                               a plain file, no limit */
    long long raw_start;    /* the file's byte this read began at, and */
    long long text_start;   /* its offset in the text (corpus_open_at()) */
    int resumed;            /* reads on an earlier read (corpus_open_at()) */
    int resume_arc;         /* ... of an ARC archive */
    int open_line;          /* JSON Lines: the last line had no '\n' */

    /* Unconsumed input is buf[start, end); buf[scan, end) has not yet been
     * searched for '\n', so a long line is never rescanned. */
    char *buf;
    size_t cap, start, end, scan;
    long long buf_off;      /* offset of buf[0] in the uncompressed stream */
    int eof;
    long line;              /* lines consumed so far */
    long long range_start;  /* corpus_set_range(): the piece's first and */
    long long range_end;    /* end offset (-1: the file's end) */
    int before_range;       /* the line being read starts before the
                               piece: its problems are another piece's */
    int finished;           /* corpus_next() has returned 0 or -1 */
    int finish_rc;

    unsigned warnings, rejected;

    /* The current article's storage, released by the next corpus_next(). */
    json_t *obj;
    html_page page;
    warc_reader *warc;      /* a web archive's records, once opened */
    feed_reader *feed;      /* a feed's items, once parsed */
    long long pulled;       /* bytes the WARC reader read past buf */
    char read_error[160];   /* the last read's failure, for warc_pull() */
    char *owned[MAX_OWNED];
    int n_owned;
    char date[11];
    char site[URL_HOST_MAX + 1];
    char lang[LANG_MAX];    /* the article's declared language (lang.h) */
};

/* ---- problems ---------------------------------------------------------- */

static void report(corpus_reader *r, long line, long long offset,
                   problem_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void report(corpus_reader *r, long line, long long offset,
                   problem_kind kind, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    if (r->before_range)
        return;
    if (kind == PROBLEM_WARNING)
        r->warnings++;
    else
        r->rejected++;
    if (!r->problem)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* Messages go into --report's JSON, which holds valid UTF-8 only, yet
     * some quote text that may be cut mid-character: jansson's "invalid
     * escape near '\<first byte of a character>'", or a long message cut
     * by the buffer.  Cut at the first bad byte instead. */
    size_t bad = utf8_first_bad(msg, strlen(msg));
    if (bad != UTF8_NOT_FOUND)
        msg[bad] = '\0';
    r->problem(r->ctx, r->path, line, offset, kind, msg);
}

/* ---- line ends --------------------------------------------------------- */

/* Drop every '\r' that precedes '\n' in S, in place; the new length. */
static size_t strip_crlf(char *s, size_t n)
{
    char *cr = memchr(s, '\r', n);
    size_t i, o;

    if (!cr)
        return n;
    for (i = o = (size_t)(cr - s); i < n; i++)
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
            s[o++] = s[i];
    return o;
}

/* ---- small text rules -------------------------------------------------- */

static int is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
           c == '\f';
}

static int is_alpha_ascii(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_blank_byte(s[i]))
            return 0;
    return 1;
}

/* Words that end in a period without ending the sentence, as they come
 * before a name or a number in news text. */
static const char *const abbreviations[] = {
    "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Col", "Lt",
    "Sgt", "Capt", "Cmdr", "Adm", "Prof", "Rev", "Hon", "Jr", "Sr", "Mt",
    "Ft", "Inc", "Corp", "Co", "Ltd", "No", "vs", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
};

/* Whether the '.' at S[I] belongs to an abbreviation rather than ending a
 * sentence: "U.S." (a single letter after a non-letter or a period) or one
 * of the words above. */
static int period_is_abbreviation(const char *s, size_t i)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = i;

    while (w > 0 && (is_alpha_ascii(p[w - 1]) || p[w - 1] >= 0x80))
        w--;
    if (w == i)
        return 0;
    if (i - w == 1 && is_alpha_ascii(p[w]))
        return 1;
    for (size_t k = 0; k < sizeof abbreviations / sizeof *abbreviations; k++)
        if (strlen(abbreviations[k]) == i - w &&
            memcmp(abbreviations[k], s + w, i - w) == 0)
            return 1;
    return 0;
}

/* The body's first sentence, for an article without a title: up to the
 * first '.', '?' or '!' (with any closing quotes) that is followed by
 * blank space or the end of the first paragraph, else the whole first
 * paragraph; cut at a word boundary with "…" when longer than
 * CORPUS_TITLE_MAX_BYTES.  malloc()ed; NULL when out of memory. */
static char *first_sentence(const char *body, size_t len)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    const char *nl;
    size_t para, end, i, n;
    char *title;

    while (len > 0 && is_blank_byte(*body))
        body++, len--;
    nl = memchr(body, '\n', len);
    para = nl ? (size_t)(nl - body) : len;
    end = para;

    for (i = 0; i < para; i++) {
        char c = body[i];
        size_t j = i + 1;
        if (c != '.' && c != '?' && c != '!')
            continue;
        while (j < para && (body[j] == '"' || body[j] == '\'' ||
                            body[j] == ')'))
            j++;
        /* Closing curly quotes U+2019 and U+201D. */
        while (j + 3 <= para && memcmp(body + j, "\xE2\x80", 2) == 0 &&
               (body[j + 2] == '\x99' || body[j + 2] == '\x9D'))
            j += 3;
        if (j < para && body[j] != ' ' && body[j] != '\t')
            continue;
        if (c == '.' && period_is_abbreviation(body, i))
            continue;
        end = j;
        break;
    }
    while (end > 0 && is_blank_byte(body[end - 1]))
        end--;

    if (end <= CORPUS_TITLE_MAX_BYTES) {
        n = end;
        title = malloc(n + 1);
        if (!title)
            return NULL;
        memcpy(title, body, n);
        title[n] = '\0';
        return title;
    }

    /* Leave room for the ellipsis; prefer the last space, else the last
     * whole UTF-8 character. */
    n = CORPUS_TITLE_MAX_BYTES - (sizeof ellipsis - 1);
    for (i = n; i > 0 && body[i] != ' ' && body[i] != '\t'; i--)
        ;
    if (i > 0)
        n = i;
    else
        n = (size_t)utf8_quote_len(body, end, n);
    while (n > 0 && (is_blank_byte(body[n - 1]) || body[n - 1] == ',' ||
                     body[n - 1] == ';' || body[n - 1] == ':'))
        n--;
    title = malloc(n + sizeof ellipsis);
    if (!title)
        return NULL;
    memcpy(title, body, n);
    memcpy(title + n, ellipsis, sizeof ellipsis);
    return title;
}

/* ---- reading ----------------------------------------------------------- */

/* zlib prefixes its messages with the file's name ("<fd:3>: ..."); the
 * problem callback names the file already. */
static const char *zlib_message(const char *msg)
{
    const char *colon = strstr(msg, ": ");
    return colon ? colon + 2 : msg;
}

/* Why gzread() failed with zlib error ERR (and MSG) at uncompressed byte
 * OFF, into r->read_error. */
static void describe_read_error(corpus_reader *r, long long off, int err,
                                const char *msg)
{
    char *m = r->read_error;
    size_t n = sizeof r->read_error;

    if (err == Z_BUF_ERROR)
        snprintf(m, n, "truncated gzip stream: unexpected end of file at "
                       "uncompressed byte %lld", off);
    else if (err == Z_ERRNO)
        snprintf(m, n, "read error: %s", strerror(errno));
    else if (err == Z_MEM_ERROR)
        snprintf(m, n, "out of memory reading the file");
    else
        snprintf(m, n, "corrupt gzip stream at uncompressed byte %lld: %s",
                 off, zlib_message(msg));
}

/* The message of a gzip file past CORPUS_GZIP_MAX_RATIO, into
 * r->read_error. */
static void describe_bomb(corpus_reader *r)
{
    snprintf(r->read_error, sizeof r->read_error,
             "gzip data expands to more than %d times the file's %lld bytes "
             "(a gzip bomb?): the rest of the file is not read",
             CORPUS_GZIP_MAX_RATIO, r->gz_size);
}

/* Read more input into buf[end...].  Returns 1 when bytes were added, 0 at
 * the end of the input, -1 after reporting (at LINE) why the rest of the
 * file cannot be read.  Moves the buffer: pointers into it are stale. */
static int fill(corpus_reader *r, long line)
{
    unsigned want;
    int n, err;
    const char *msg;

    if (r->eof)
        return 0;
    if (r->gz_limit && r->buf_off + (long long)r->end >= r->gz_limit) {
        /* Everything up to the limit has been handed out; only what lies
         * beyond it is refused. */
        describe_bomb(r);
        report(r, line, r->gz_limit, PROBLEM_REJECTED, "%s", r->read_error);
        return -1;
    }
    if (r->cap - r->end < READ_CHUNK && r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->buf_off += (long long)r->start;
        r->end -= r->start;
        r->scan -= r->start;
        r->start = 0;
    }
    if (r->cap - r->end < READ_CHUNK) {
        size_t cap = r->cap ? r->cap * 2 : 2 * READ_CHUNK;
        char *b;
        /* Callers never let more than CORPUS_MAX_ARTICLE_BYTES pile up
         * before a read, so doubling need not go past this. */
        if (cap > CORPUS_MAX_ARTICLE_BYTES + READ_CHUNK)
            cap = CORPUS_MAX_ARTICLE_BYTES + READ_CHUNK;
        if (cap < r->end + READ_CHUNK)
            cap = r->end + READ_CHUNK;
        b = realloc(r->buf, cap + 1);   /* + 1 for a terminating NUL */
        if (!b) {
            report(r, line, r->buf_off + (long long)r->end, PROBLEM_REJECTED,
                   "out of memory reading the file");
            return -1;
        }
        r->buf = b;
        r->cap = cap;
    }

    want = READ_CHUNK;
    if (r->gz_limit && r->gz_limit - r->buf_off - (long long)r->end < want)
        want = (unsigned)(r->gz_limit - r->buf_off - (long long)r->end);
    n = gzread(r->gz, r->buf + r->end, want);
    if (n > 0) {
        r->end += (size_t)n;
        return 1;
    }
    msg = gzerror(r->gz, &err);
    if (n == 0 && err == Z_OK) {
        r->eof = 1;
        return 0;
    }
    {
        long long off = r->buf_off + (long long)r->end;
        describe_read_error(r, off, err, msg);
        report(r, line, off, PROBLEM_REJECTED, "%s", r->read_error);
    }
    return -1;
}

/* The next line (without its '\n') into *LINE and *LEN; r->line is its
 * number.  Lines longer than CORPUS_MAX_ARTICLE_BYTES are reported and skipped
 * without being held whole.  Within a range (corpus_set_range()), lines
 * that start before it are counted and skipped silently, and the first
 * line that starts at or after its end ends the input.  Returns 1, 0 at
 * the end, -1 when the rest of the file cannot be read (reported). */
static int next_line(corpus_reader *r, char **line, size_t *len,
                     long long *offset)
{
    int skipping = 0;
    long long line_off = r->buf_off + (long long)r->start;

    for (;;) {
        if (r->range_end >= 0 && line_off >= r->range_end)
            return 0;
        r->before_range = line_off < r->range_start;
        char *nl = r->end > r->scan
                       ? memchr(r->buf + r->scan, '\n', r->end - r->scan)
                       : NULL;
        if (nl) {
            size_t at = (size_t)(nl - r->buf);
            size_t start = r->start;
            int mine = !r->before_range;
            r->start = r->scan = at + 1;
            r->line++;
            line_off = r->buf_off + (long long)r->start;
            if (skipping) {
                skipping = 0;
                continue;
            }
            if (!mine)
                continue;
            if (at - start > CORPUS_MAX_ARTICLE_BYTES) {
                report(r, r->line, r->buf_off + (long long)start,
                       PROBLEM_REJECTED, "line longer than %u MiB",
                       (unsigned)(CORPUS_MAX_ARTICLE_BYTES >> 20));
                continue;
            }
            *line = r->buf + start;
            *len = at - start;
            *offset = r->buf_off + (long long)start;
            return 1;
        }
        r->scan = r->end;
        if (!skipping && r->end - r->start > CORPUS_MAX_ARTICLE_BYTES) {
            report(r, r->line + 1, r->buf_off + (long long)r->start,
                   PROBLEM_REJECTED, "line longer than %u MiB",
                   (unsigned)(CORPUS_MAX_ARTICLE_BYTES >> 20));
            skipping = 1;
        }
        if (skipping)       /* forget what was read of the long line */
            r->start = r->scan = r->end;

        int rc = fill(r, r->line + 1);
        if (rc < 0)
            return -1;      /* an incomplete last line is not returned */
        if (rc == 0) {
            if (skipping || r->end == r->start || r->before_range)
                return 0;
            /* A last line without '\n'. */
            r->open_line = 1;
            *line = r->buf + r->start;
            *len = r->end - r->start;
            *offset = r->buf_off + (long long)r->start;
            r->start = r->scan = r->end;
            r->line++;
            return 1;
        }
    }
}

/* ---- the current article's storage ------------------------------------- */

static void release_article(corpus_reader *r)
{
    if (r->obj) {
        json_decref(r->obj);
        r->obj = NULL;
    }
    html_page_free(&r->page);
    for (int i = 0; i < r->n_owned; i++)
        free(r->owned[i]);
    r->n_owned = 0;
}

/* Hand S to the current article; frees it and returns NULL on no room. */
static char *own(corpus_reader *r, char *s)
{
    if (!s)
        return NULL;
    if (r->n_owned == MAX_OWNED) {
        free(s);
        return NULL;
    }
    r->owned[r->n_owned++] = s;
    return s;
}

/* ---- the rules both readers share --------------------------------------- */

/* Apply to A, whose fields the reader has set, the rules every article
 * follows whatever its format, so that both forms of one article give the
 * same article: without a title, it is titled by its body's first
 * sentence; its date must be a real day "YYYY-MM-DD", else it is undated,
 * with a warning (NO_DATE when it has none at all); its site is a host
 * name (corpus.h), the one given or its url's.  DATE is the DATE_LEN
 * bytes given for the date (NULL or "": none), reported at LINE and
 * OFFSET (-1: unknown).  Returns 0, or -1 when out of memory. */
static int finish_article(corpus_reader *r, article *a, const char *date,
                          size_t date_len, long line, long long offset,
                          const char *no_date)
{
    if (!a->title[0] && a->body_len > 0 &&
        !(a->title = own(r, first_sentence(a->body, a->body_len))))
        return -1;

    int refused;
    url_article_site(a->site, a->url, r->site, &refused);
    if (refused)
        report(r, line, offset, PROBLEM_WARNING,
               "site '%.*s' is not a host name; the url's host is taken",
               utf8_quote_len(a->site, strlen(a->site), 40), a->site);
    a->site = r->site;

    a->date = NULL;
    if (!date || date_len == 0) {
        report(r, line, offset, PROBLEM_WARNING, "%s", no_date);
    } else if (!date_is_day(date, date_len)) {
        report(r, line, offset, PROBLEM_WARNING, "invalid date '%.*s'",
               utf8_quote_len(date, date_len, 40), date);
    } else {
        memcpy(r->date, date, 10);
        r->date[10] = '\0';
        a->date = r->date;
    }
    return 0;
}

/* ---- JSON Lines -------------------------------------------------------- */

/* Field KEY of O as a NUL-free string ("" when missing), *LEN its length;
 * NULL when out of memory.  *NUL_SEEN is set when a \u0000 was replaced. */
static const char *json_field(corpus_reader *r, json_t *o, const char *key,
                              long line, long long off, size_t *len,
                              int *nul_seen)
{
    json_t *v = json_object_get(o, key);
    const char *s;
    size_t n;

    *len = 0;
    if (!v || json_is_null(v))
        return "";
    if (!json_is_string(v)) {
        report(r, line, off, PROBLEM_WARNING,
               "field \"%s\" is not a string; ignored", key);
        return "";
    }
    s = json_string_value(v);
    n = json_string_length(v);
    if (memchr(s, '\0', n)) {
        /* Only a \u0000 escape can put a NUL here; jansson has checked
         * the rest, so the repair changes nothing else. */
        char *copy = own(r, utf8_repair(s, n, &n));
        if (!copy)
            return NULL;
        *nul_seen = 1;
        s = copy;
    }
    *len = n;
    return s;
}

/* Field "author" of O: a string as json_field() reads it, or an array's
 * strings joined with ", " (empty and other elements skipped: a byline
 * list may hold objects we do not read).  NULL when out of memory. */
static const char *json_author(corpus_reader *r, json_t *o, long line,
                               long long off, int *nul_seen)
{
    json_t *v = json_object_get(o, "author"), *e;
    size_t i, n, total = 1;
    if (!json_is_array(v))
        return json_field(r, o, "author", line, off, &n, nul_seen);
    /* At most the line's length again: each string took at least 3 bytes
     * of it ('"', '"', ','), and adds 2. */
    json_array_foreach(v, i, e)
        if (json_is_string(e))
            total += json_string_length(e) + 2;
    char *joined = own(r, malloc(total));
    if (!joined)
        return NULL;
    n = 0;
    json_array_foreach(v, i, e) {
        if (!json_is_string(e) || json_string_length(e) == 0)
            continue;
        if (n > 0) {
            memcpy(joined + n, ", ", 2);
            n += 2;
        }
        memcpy(joined + n, json_string_value(e), json_string_length(e));
        n += json_string_length(e);
    }
    joined[n] = '\0';
    if (!memchr(joined, '\0', n))
        return joined;
    *nul_seen = 1;
    return own(r, utf8_repair(joined, n, &n));
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            v |= (unsigned)((c | 0x20) - 'a' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* Rewrite in place each escape of a lone UTF-16 surrogate in the JSON text
 * S as "\ufffd" (the same length), and return how many there were.
 * JavaScript writes a string cut inside a surrogate pair (an emoji cut in
 * half by a truncated snippet) as a lone "\ud83d", which jansson refuses;
 * the article deserves the treatment of any invalid UTF-8: U+FFFD and a
 * warning, not a rejection.  An escaped backslash ("\\ud800") is no
 * escape, and a valid pair is left alone. */
static size_t repair_lone_surrogates(char *s, size_t n)
{
    size_t fixed = 0;
    unsigned hi, lo;

    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\\')
            continue;
        if (s[i + 1] != 'u' || i + 6 > n || !hex4(s + i + 2, &hi)) {
            i++;                    /* any other escape: skip its letter */
            continue;
        }
        if (hi >= 0xD800 && hi <= 0xDBFF && i + 12 <= n && s[i + 6] == '\\' &&
            s[i + 7] == 'u' && hex4(s + i + 8, &lo) && lo >= 0xDC00 &&
            lo <= 0xDFFF) {
            i += 11;                /* a pair: one character */
            continue;
        }
        if (hi >= 0xD800 && hi <= 0xDFFF) {
            memcpy(s + i + 2, "fffd", 4);
            fixed++;
        }
        i += 5;
    }
    return fixed;
}

/* Parse LINE (LEN bytes at offset OFF, not blank) into r->obj: invalid
 * UTF-8 and lone surrogate escapes are repaired with a warning, a raw
 * NUL, invalid JSON or anything but an object rejects the line.  Returns
 * 1, 0 when the line is rejected (reported), -1 when out of memory.  The
 * line is consumed: it may be rewritten where it lies. */
static int load_object(corpus_reader *r, char *line, size_t len,
                       long long off)
{
    size_t fixed_len = 0, surrogates = 0;
    json_error_t jerr;
    const char *nul = memchr(line, '\0', len);
    if (nul) {
        report(r, r->line, off + (nul - line), PROBLEM_REJECTED,
               "NUL byte in the line (column %zu)", (size_t)(nul - line) + 1);
        return 0;
    }
    char *fixed = NULL;
    size_t bad = utf8_first_bad(line, len);
    if (bad != UTF8_NOT_FOUND && !(fixed = utf8_repair(line, len, &fixed_len)))
        return -1;
    char *text = fixed ? fixed : line;
    size_t text_len = fixed ? fixed_len : len;
    json_t *o = json_loadb(text, text_len, JSON_ALLOW_NUL, &jerr);
    if (!o && (surrogates = repair_lone_surrogates(text, text_len)) > 0)
        o = json_loadb(text, text_len, JSON_ALLOW_NUL, &jerr);
    free(fixed);
    if (!o) {
        report(r, r->line, off, PROBLEM_REJECTED,
               "invalid JSON: %s (column %d)", jerr.text, jerr.column);
        return 0;
    }
    if (!json_is_object(o)) {
        json_decref(o);
        report(r, r->line, off, PROBLEM_REJECTED, "not a JSON object");
        return 0;
    }
    r->obj = o;
    if (bad != UTF8_NOT_FOUND)
        report(r, r->line, off + (long long)bad, PROBLEM_WARNING,
               "invalid UTF-8 replaced with U+FFFD (column %zu)", bad + 1);
    if (surrogates > 0)
        report(r, r->line, off, PROBLEM_WARNING,
               "%zu lone UTF-16 surrogate escape%s replaced with U+FFFD",
               surrogates, surrogates > 1 ? "s" : "");
    return 1;
}

static int jsonl_next(corpus_reader *r, article *a)
{
    for (;;) {
        char *line;
        size_t len, body_len, date_len, n;
        long long off;
        const char *id, *date, *title, *source, *url, *author, *site, *body;
        int nul_seen = 0;
        int rc = next_line(r, &line, &len, &off);
        if (rc <= 0)
            return rc;

        if (r->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3;
            len -= 3;
            off += 3;
        }
        if (is_blank_line(line, len))
            continue;
        rc = load_object(r, line, len, off);
        if (rc < 0)
            goto oom;
        if (rc == 0)
            continue;

        json_t *o = r->obj;
        id = json_field(r, o, "id", r->line, off, &n, &nul_seen);
        date = json_field(r, o, "date", r->line, off, &date_len, &nul_seen);
        title = json_field(r, o, "title", r->line, off, &n, &nul_seen);
        source = json_field(r, o, "source", r->line, off, &n, &nul_seen);
        url = json_field(r, o, "url", r->line, off, &n, &nul_seen);
        author = json_author(r, o, r->line, off, &nul_seen);
        site = json_field(r, o, "site", r->line, off, &n, &nul_seen);
        body = json_field(r, o, "body", r->line, off, &body_len, &nul_seen);
        if (!id || !date || !title || !source || !url || !author || !site ||
            !body)
            goto oom;
        if (nul_seen)
            report(r, r->line, off, PROBLEM_WARNING,
                   "\\u0000 replaced with U+FFFD");
        if (!id[0]) {
            size_t idn = strlen(r->base_utf8) + 24;
            char *gen = own(r, malloc(idn));
            if (!gen)
                goto oom;
            snprintf(gen, idn, "%s:%ld", r->base_utf8, r->line);
            id = gen;
        }

        a->id = id;
        a->title = title;
        a->source = source;
        a->url = url;
        a->author = author;
        a->site = site;
        a->body = body;
        a->body_len = body_len;
        a->line = r->line;
        /* A "lang" that names no language (lang_code()) is not declared. */
        json_t *lang = json_object_get(o, "lang");
        if (json_is_string(lang) &&
            lang_code(json_string_value(lang), json_string_length(lang),
                      r->lang))
            a->lang = r->lang;
        if (finish_article(r, a, date, date_len, r->line, off, "no date") != 0)
            goto oom;
        return 1;
    }

oom:
    release_article(r);
    report(r, r->line, -1, PROBLEM_REJECTED, "out of memory");
    return -1;
}

/* ---- article files ----------------------------------------------------- */

enum { H_DATE, H_TITLE, H_SOURCE, H_URL, H_ID, H_AUTHOR, H_SITE, H_NONE };

/* The header key LINE (N bytes, no '\n') starts with, followed by blank
 * space, and in *VAL the offset of its value; H_NONE when there is none. */
static int header_key(const char *s, size_t n, size_t *val)
{
    static const char *const keys[] = {"date", "title", "source", "url",
                                       "id", "author", "site"};
    for (int k = 0; k < H_NONE; k++) {
        size_t kl = strlen(keys[k]), v;
        if (n <= kl || memcmp(s, keys[k], kl) != 0 ||
            (s[kl] != ' ' && s[kl] != '\t'))
            continue;
        for (v = kl; v < n && (s[v] == ' ' || s[v] == '\t'); v++)
            ;
        *val = v;
        return k;
    }
    return H_NONE;
}

/* Split the article text T (N bytes, T[N] writable, valid NUL-free UTF-8)
 * into headers and body, in place.  Returns 1, 0 for a blank file, -1 out
 * of memory. */
static int parse_article(corpus_reader *r, char *t, size_t n, article *a)
{
    const char *hdr[H_NONE] = {NULL};
    size_t p = 0, body_start, body_end;
    long line = 1, date_line = 0;
    const char *date_val = NULL;
    size_t date_len = 0;

    while (p < n && is_blank_byte(t[p]))
        if (t[p++] == '\n')
            line++;
    if (p == n)
        return 0;
    a->line = line;

    /* Header lines: only at the very top, up to a blank line or the first
     * line that is not "key value". */
    body_start = p;
    while (p < n) {
        char *nl = memchr(t + p, '\n', n - p);
        size_t eol = nl ? (size_t)(nl - t) : n, v, e;
        int k;

        if (is_blank_line(t + p, eol - p)) {
            body_start = eol;
            break;
        }
        k = header_key(t + p, eol - p, &v);
        if (k == H_NONE || hdr[k] || (k == H_DATE && date_line))
            break;
        v += p;
        if (k == H_DATE) {
            /* "date" with no number after it is prose, not a header. */
            if (v >= eol || t[v] < '0' || t[v] > '9')
                break;
            for (e = v; e < eol && t[e] != ' ' && t[e] != '\t'; e++)
                ;
            date_val = t + v;
            date_len = e - v;
            date_line = line;
            while (e < eol && (t[e] == ' ' || t[e] == '\t'))
                e++;
            if (e < eol) {          /* the seed: first paragraph follows */
                body_start = e;
                goto headers_done;
            }
        } else {
            for (e = eol; e > v && is_blank_byte(t[e - 1]); e--)
                ;
            t[e] = '\0';    /* the body lies after this line */
            hdr[k] = t + v;
        }
        p = eol < n ? eol + 1 : n;
        body_start = p;
        line++;
    }
headers_done:

    while (body_start < n && is_blank_byte(t[body_start]))
        body_start++;
    for (body_end = n; body_end > body_start && is_blank_byte(t[body_end - 1]);
         body_end--)
        ;
    t[body_end] = '\0';

    a->body = t + body_start;
    a->body_len = body_end - body_start;
    a->source = hdr[H_SOURCE] ? hdr[H_SOURCE] : "";
    a->url = hdr[H_URL] ? hdr[H_URL] : "";
    a->author = hdr[H_AUTHOR] ? hdr[H_AUTHOR] : "";
    a->site = hdr[H_SITE] ? hdr[H_SITE] : "";
    a->id = hdr[H_ID] && hdr[H_ID][0] ? hdr[H_ID] : r->file_id;
    a->title = hdr[H_TITLE] ? hdr[H_TITLE] : "";
    if (finish_article(r, a, date_val, date_len,
                       date_line ? date_line : a->line, -1,
                       "no date line") != 0)
        return -1;
    return 1;
}

/* Read the rest of the file into buf[0, end): 0 when it all came in,
 * -1 (reported) when it cannot be read or is larger than
 * CORPUS_MAX_ARTICLE_BYTES (WHAT names the thing: "article", "page").
 * With PROBE_BINARY, a NUL byte in the first BINARY_PROBE bytes refuses
 * the file as binary. */
static int read_whole(corpus_reader *r, const char *what, int probe_binary)
{
    int probed = !probe_binary, rc;

    for (;;) {
        rc = fill(r, 0);
        if (rc < 0)
            return -1;
        if (!probed && (rc == 0 || r->end >= BINARY_PROBE)) {
            const char *nul = memchr(r->buf, '\0',
                                     r->end < BINARY_PROBE ? r->end
                                                           : BINARY_PROBE);
            probed = 1;
            if (nul) {
                long long at = (long long)(nul - r->buf);
                report(r, 0, at, PROBLEM_REJECTED,
                       "binary file (NUL byte at offset %lld)", at);
                return -1;
            }
        }
        if (rc == 0)
            return 0;
        if (r->end > CORPUS_MAX_ARTICLE_BYTES) {
            report(r, 0, -1, PROBLEM_REJECTED, "%s larger than %u MiB", what,
                   (unsigned)(CORPUS_MAX_ARTICLE_BYTES >> 20));
            return -1;
        }
    }
}

static int file_next(corpus_reader *r, article *a)
{
    size_t skip, n, bad;
    char *t;
    int rc;

    if (read_whole(r, "article", 1) < 0)
        return -1;
    if (r->end == 0)
        return 0;

    skip = r->end >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    t = r->buf + skip;
    n = r->end - skip;
    bad = utf8_first_bad(t, n);
    if (bad != UTF8_NOT_FOUND) {
        long bad_line = 1;
        int was_nul = t[bad] == '\0';
        for (const char *q = t; (q = memchr(q, '\n', (size_t)(t + bad - q)));
             q++)
            bad_line++;
        t = own(r, utf8_repair(t, n, &n));
        if (!t)
            goto oom;
        report(r, bad_line, (long long)(skip + bad), PROBLEM_WARNING,
               was_nul ? "NUL byte replaced with U+FFFD"
                       : "invalid UTF-8 replaced with U+FFFD");
    }
    /* In place: fill() left room for the NUL, as utf8_repair() did. */
    n = strip_crlf(t, n);
    rc = parse_article(r, t, n, a);
    if (rc < 0)
        goto oom;
    return rc;

oom:
    release_article(r);
    report(r, 0, -1, PROBLEM_REJECTED, "out of memory");
    return -1;
}

/* ---- web pages ---------------------------------------------------------- */

/* The kind of the file whose first N bytes are BUF; ROOT (SIZE bytes)
 * gets the name of its first element when it is markup. */
static corpus_kind corpus_kind_of(const char *buf, size_t n, char *root,
                                  size_t size)
{
    size_t skip = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

    if (warc_sniff(buf, n))
        return KIND_WARC;
    if (!html_root_element(buf, n, root, size))
        return KIND_ARTICLE;
    if (feed_sniff(buf, n))
        return KIND_FEED;
    while (skip < n && is_blank_byte(buf[skip]))
        skip++;
    /* Tag soup is a page whatever its first element; an XML document is
     * a page only when it is XHTML. */
    if (n - skip >= 5 && memcmp(buf + skip, "<?xml", 5) == 0 &&
        strcasecmp(root, "html") != 0)
        return KIND_OTHER_XML;
    return KIND_HTML;
}

/* A web address or a feed's guid as an id: itself when it fits
 * SCHEMA_ID_MAX, else its first bytes (cut before a character) and a
 * 64-bit FNV-1a hash of the whole, so that a long address still gives
 * the same id in every run and two long ones sharing a beginning stay
 * apart.  Kept in R's storage; NULL when out of memory. */
static const char *web_id(corpus_reader *r, const char *s)
{
    size_t n = strlen(s);
    char *id;

    if (n <= SCHEMA_ID_MAX)
        return s;
    if (!(id = own(r, malloc(SCHEMA_ID_MAX + 1))))
        return NULL;
    url_fit(s, n, SCHEMA_ID_MAX, id);
    return id;
}

/* Make A of the page of LEN BYTES read with html_extract() (TRANSPORT
 * charset and URL may be NULL), found at LINE / OFFSET.  The id is URL
 * (a WARC record's target), else the page's canonical URL, else the
 * file's id.  Returns 1 with an article, 0 when the page has no text
 * (reported: a rejection for a file that is the page, a warning for a
 * page of an archive, which is not read again for it), -1 out of memory
 * (reported). */
static int page_article(corpus_reader *r, article *a, const char *bytes,
                        size_t len, const char *transport, const char *url,
                        const char *fallback_date, long line,
                        long long offset)
{
    const html_meta *m = &r->page.meta;
    const char *date;

    if (html_extract(bytes, len, transport, url, &r->page) != GZ_OK) {
        report(r, line, offset, PROBLEM_REJECTED, "%s", gz_last_error());
        return -1;
    }
    a->id = url && url[0] ? url : m->url && m->url[0] ? m->url : r->file_id;
    if (!(a->id = web_id(r, a->id))) {
        report(r, line, -1, PROBLEM_REJECTED, "out of memory");
        return -1;
    }
    a->title = m->title ? m->title : "";
    a->source = m->site ? m->site : "";
    a->url = m->url ? m->url : url ? url : "";
    a->author = m->author ? m->author : "";
    a->site = "";       /* finish_article(): the url's host */
    a->body = r->page.text;
    a->body_len = r->page.text_len;
    a->line = line;
    if (a->body_len == 0 && !a->title[0]) {
        report(r, line, offset, url ? PROBLEM_WARNING : PROBLEM_REJECTED,
               "no text in the page%s%s", url ? " " : "", url ? url : "");
        return 0;
    }
    date = m->date ? m->date : fallback_date;
    if (finish_article(r, a, date, date ? strlen(date) : 0, line, offset,
                       "no date in the page") != 0) {
        report(r, line, -1, PROBLEM_REJECTED, "out of memory");
        return -1;
    }
    return 1;
}

/* ---- feeds -------------------------------------------------------------- */

static void feed_problem(void *ctx, long line, int rejected,
                         const char *message)
{
    report(ctx, line, -1, rejected ? PROBLEM_REJECTED : PROBLEM_WARNING, "%s",
           message);
}

/* The id of item IT, which has neither guid nor link: the file's name and
 * a hash of its title and text, the same every time the feed is read
 * again (a line number would move as the feed rolls). */
static const char *made_item_id(corpus_reader *r, const feed_item *it)
{
    const char *title = it->title ? it->title : "";
    uint64_t h = hash64(hash64(HASH64_INIT, title, strlen(title)), it->text,
                        strlen(it->text));
    size_t n = strlen(r->base_utf8) + 18;
    char *id;

    if (!(id = own(r, malloc(n))))
        return NULL;
    snprintf(id, n, "%s#%016llx", r->base_utf8, (unsigned long long)h);
    return web_id(r, id);
}

/* The next item of a feed that has a title or text. */
static int feed_article(corpus_reader *r, article *a)
{
    feed_item it;
    int rc;

    if (!r->feed) {
        if (read_whole(r, "feed", 0) < 0)
            return -1;
        if (feed_open(r->buf, r->end, NULL, feed_problem, r, &r->feed) !=
            GZ_OK) {
            report(r, 0, -1, PROBLEM_REJECTED, "%s", gz_last_error());
            return -1;
        }
    }
    for (;;) {
        release_article(r);
        if ((rc = feed_next(r->feed, &it)) <= 0)
            return rc;
        if ((it.title && it.title[0]) || it.text_len > 0)
            break;
        report(r, it.line, -1, PROBLEM_WARNING,
               "an item without title or text: not indexed");
    }
    a->id = it.id && it.id[0] ? web_id(r, it.id)
            : it.link && it.link[0] ? web_id(r, it.link)
            : made_item_id(r, &it);
    if (!a->id)
        goto oom;
    a->title = it.title ? it.title : "";
    a->source = it.source ? it.source : "";
    a->url = it.link ? it.link : "";
    a->author = it.author ? it.author : "";
    a->site = "";       /* finish_article(): the link's host */
    a->body = it.text;
    a->body_len = it.text_len;
    a->line = it.line;
    if (finish_article(r, a, it.date, it.date ? strlen(it.date) : 0, it.line,
                       -1, "no date in the item") != 0)
        goto oom;
    return 1;

oom:
    report(r, it.line, -1, PROBLEM_REJECTED, "out of memory");
    return -1;
}

/* A file that is one web page. */
static int page_next(corpus_reader *r, article *a)
{
    if (read_whole(r, "page", 0) < 0)
        return -1;
    return page_article(r, a, r->buf, r->end, NULL, NULL, NULL, 1, -1);
}

/* ---- web archives ------------------------------------------------------- */

/* warc_read_fn over the file, past what sniff() holds in buf: the same
 * gzip-bomb limit and messages as fill(). */
static long warc_pull(void *ctx, char *buf, size_t n, const char **err)
{
    corpus_reader *r = ctx;
    long long at = r->buf_off + (long long)r->end + r->pulled;
    unsigned want = n > READ_CHUNK ? READ_CHUNK : (unsigned)n;
    int got, zerr;
    const char *msg;

    if (r->gz_limit && at >= r->gz_limit) {
        describe_bomb(r);
        *err = r->read_error;
        return -1;
    }
    if (r->gz_limit && r->gz_limit - at < want)
        want = (unsigned)(r->gz_limit - at);
    got = gzread(r->gz, buf, want);
    if (got > 0) {
        r->pulled += got;
        return got;
    }
    msg = gzerror(r->gz, &zerr);
    if (got == 0 && zerr == Z_OK)
        return 0;
    describe_read_error(r, at, zerr, msg);
    *err = r->read_error;
    return -1;
}

static void warc_problem(void *ctx, long long offset, int rejected,
                         const char *message)
{
    report(ctx, 0, offset, rejected ? PROBLEM_REJECTED : PROBLEM_WARNING,
           "%s", message);
}

/* The next page of a web archive that has text. */
static int archive_next(corpus_reader *r, article *a)
{
    warc_page p;
    int rc;

    if (!r->warc) {
        if (warc_open(warc_pull, r, r->buf + r->start, r->end - r->start,
                      warc_problem, r, &r->warc) != GZ_OK) {
            report(r, 0, -1, PROBLEM_REJECTED, "out of memory");
            return -1;
        }
        if (r->resumed)
            warc_resume(r->warc, r->buf_off + (long long)r->start,
                        r->resume_arc);
    }
    for (;;) {
        release_article(r);
        rc = warc_next(r->warc, &p);
        if (rc <= 0)
            return rc;
        rc = page_article(r, a, p.body, p.body_len, p.charset, p.uri,
                          p.warc_date, 0, p.offset);
        if (rc != 0)
            return rc;
        memset(a, 0, sizeof *a);
    }
}

/* ---- public ------------------------------------------------------------ */

/* The base name less ".gz" and then one extension: "reut-1.txt.gz" ->
 * "reut-1"; a leading dot is part of the name, not an extension. */
static char *make_file_id(const char *base)
{
    size_t n = strlen(base), fixed_len;
    char *id, *fixed;

    if (n > 3 && strcasecmp(base + n - 3, ".gz") == 0)
        n -= 3;
    for (size_t i = n; i > 1; i--)
        if (base[i - 1] == '.') {
            n = i - 1;
            break;
        }
    id = strndup(base, n);
    if (!id || utf8_first_bad(id, n) == UTF8_NOT_FOUND)
        return id;
    fixed = utf8_repair(id, n, &fixed_len);
    free(id);
    return fixed;
}

/* corpus_open() from byte RAW of the file on. */
static gz_status open_reader(const char *path, long long raw,
                             problem_fn problem, void *ctx,
                             corpus_reader **out)
{
    corpus_reader *r = NULL;
    struct stat st;
    gz_status status;
    size_t fixed_len;
    int fd = -1;

    if (!path || !out)
        return gz_error_set(GZ_EINVAL, "corpus_open: no path");
    *out = NULL;
    r = calloc(1, sizeof *r);
    if (!r)
        return gz_error_set(GZ_EOOM, "out of memory opening %s", path);
    r->problem = problem;
    r->ctx = ctx;
    r->range_end = -1;
    r->kind = corpus_is_jsonl(path) ? KIND_JSONL : KIND_UNKNOWN;
    r->path = strdup(path);
    if (!r->path)
        goto oom;
    r->base = strrchr(r->path, '/');
    r->base = r->base ? r->base + 1 : r->path;
    r->file_id = make_file_id(r->base);
    if (!r->file_id)
        goto oom;
    r->base_utf8 = utf8_repair(r->base, strlen(r->base), &fixed_len);
    if (!r->base_utf8)
        goto oom;

    /* open() + fstat() rather than gzopen(): a directory opens and reads
     * as an I/O error, which deserves a plainer message. */
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        status = gz_error_set(GZ_EIO, "%s: %s", path, strerror(errno));
        goto fail;
    }
    if (fstat(fd, &st) != 0) {
        status = gz_error_set(GZ_EIO, "%s: %s", path, strerror(errno));
        goto fail;
    }
    if (S_ISDIR(st.st_mode)) {
        status = gz_error_set(GZ_EIO, "%s: is a directory", path);
        goto fail;
    }
    if (raw > 0 && lseek(fd, (off_t)raw, SEEK_SET) < 0) {
        status = gz_error_set(GZ_EIO, "%s: %s", path, strerror(errno));
        goto fail;
    }
    r->raw_start = raw;
    r->gz = gzdopen(fd, "rb");
    if (!r->gz)
        goto oom;       /* gzdopen() fails only for want of memory */
    fd = -1;
    /* A failure leaves zlib's default buffer, which still works. */
    (void)gzbuffer(r->gz, GZ_INPUT_BUFFER);
    /* gzdirect() looks at the first bytes: gzip data gets its limit, a
     * plain file (read through zlib unchanged) none. */
    if (!gzdirect(r->gz)) {
        long long limit = (long long)st.st_size * CORPUS_GZIP_MAX_RATIO;
        r->gz_size = (long long)st.st_size;
        /* Never below one whole article plus a byte, so an article file
         * that is merely too big is told so. */
        r->gz_limit = limit > (long long)CORPUS_MAX_ARTICLE_BYTES
                          ? limit : (long long)CORPUS_MAX_ARTICLE_BYTES + 1;
    }

    *out = r;
    return GZ_OK;

oom:
    status = gz_error_set(GZ_EOOM, "out of memory opening %s", path);
fail:
    if (fd >= 0)
        close(fd);
    corpus_close(r);
    return status;
}

gz_status corpus_open(const char *path, problem_fn problem, void *ctx,
                      corpus_reader **out)
{
    return open_reader(path, 0, problem, ctx, out);
}

gz_status corpus_open_at(const char *path, long long raw,
                         const corpus_end *from, problem_fn problem,
                         void *ctx, corpus_reader **out)
{
    int tail = from->kind & ~CORPUS_TAIL_GZIP;
    gz_status st = open_reader(path, raw, problem, ctx, out);
    corpus_reader *r = *out;

    if (st != GZ_OK)
        return st;
    /* zlib tells gzip from plain text by the first bytes it reads, here
     * the tail's; a whole read goes by the file's first bytes. */
    if (!gzdirect(r->gz) != !!(from->kind & CORPUS_TAIL_GZIP) ||
        tail == CORPUS_TAIL_NONE) {
        corpus_close(r);
        *out = NULL;
        return gz_error_set(GZ_EFORMAT, "%s: the bytes from %lld on do not "
                            "continue its last read", path, raw);
    }
    r->kind = tail == CORPUS_TAIL_JSONL ? KIND_JSONL : KIND_WARC;
    r->resumed = 1;
    r->resume_arc = tail == CORPUS_TAIL_ARC;
    r->line = from->lines;
    r->buf_off = r->text_start = from->bytes;
    return GZ_OK;
}

/* Whether the bytes of PATH from FROM to TO are whole gzip members, back
 * to back and nothing else, that inflate to TEXT bytes. */
static int whole_members(const char *path, long long from, long long to,
                         long long text)
{
    unsigned char in[1 << 15], out[1 << 16];
    z_stream z;
    long long at = from, inflated = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC), ended = 1, rc;

    memset(&z, 0, sizeof z);
    if (fd < 0 || inflateInit2(&z, 15 + 16) != Z_OK) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    for (;;) {
        if (z.avail_in == 0) {
            size_t want = to - at < (long long)sizeof in ? (size_t)(to - at)
                                                         : sizeof in;
            ssize_t n = want > 0 ? pread(fd, in, want, (off_t)at) : 0;
            if (n <= 0)
                break;
            at += n;
            z.next_in = in;
            z.avail_in = (uInt)n;
        }
        /* A member ended: what follows must be another (inflate refuses
         * anything but a gzip header). */
        if (ended && inflateReset(&z) != Z_OK)
            break;
        z.next_out = out;
        z.avail_out = sizeof out;
        rc = inflate(&z, Z_NO_FLUSH);
        inflated += (long long)(sizeof out - z.avail_out);
        ended = rc == Z_STREAM_END;
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
    }
    inflateEnd(&z);
    close(fd);
    return at == to && z.avail_in == 0 && ended && inflated == text;
}

void corpus_end_state(const corpus_reader *r, long long size,
                      corpus_end *end)
{
    long long text = r->buf_off + (long long)r->end + r->pulled;

    memset(end, 0, sizeof *end);
    if (!r->finished || r->finish_rc != 0 || r->rejected > 0)
        return;
    if (r->kind == KIND_JSONL && !r->open_line)
        end->kind = CORPUS_TAIL_JSONL;
    else if (r->kind == KIND_WARC)
        end->kind = warc_is_arc(r->warc) ? CORPUS_TAIL_ARC : CORPUS_TAIL_WARC;
    else
        return;
    if (r->gz_limit == 0 ? text - r->text_start != size - r->raw_start
                         : !whole_members(r->path, r->raw_start, size,
                                          text - r->text_start)) {
        end->kind = CORPUS_TAIL_NONE;
        return;
    }
    if (r->gz_limit)
        end->kind |= CORPUS_TAIL_GZIP;
    end->lines = r->line;
    end->bytes = text;
}

/* Look at the first bytes of the file to tell its kind.  0, or -1 when
 * the file cannot be read or is of no kind Gazette reads (reported). */
static int sniff(corpus_reader *r)
{
    char root[16];

    /* One read: gzread() gives all it can (READ_CHUNK is far more than
     * HTML_ROOT_PROBE), and a second one would turn a gzip file cut short
     * into an error before its good records were read. */
    if (r->end == 0 && fill(r, 0) < 0)
        return -1;
    r->kind = corpus_kind_of(r->buf, r->end, root, sizeof root);
    if (r->kind == KIND_OTHER_XML && root[0]) {
        report(r, 0, -1, PROBLEM_REJECTED,
               "XML that is neither a web page nor a feed (its root element "
               "is <%s>)", root);
        return -1;
    }
    if (r->kind == KIND_OTHER_XML) {
        report(r, 0, -1, PROBLEM_REJECTED,
               "XML whose first element is not within its first %d KiB: "
               "not read as a feed nor a page", HTML_ROOT_PROBE >> 10);
        return -1;
    }
    return 0;
}

int corpus_next(corpus_reader *r, article *a)
{
    int rc;

    if (!r || !a)
        return -1;
    memset(a, 0, sizeof *a);
    release_article(r);
    if (r->finished)
        return r->finish_rc;
    if (r->kind == KIND_UNKNOWN && sniff(r) < 0) {
        rc = -1;
    } else {
        switch (r->kind) {
        case KIND_JSONL: rc = jsonl_next(r, a); break;
        case KIND_HTML: rc = page_next(r, a); break;
        case KIND_WARC: rc = archive_next(r, a); break;
        case KIND_FEED: rc = feed_article(r, a); break;
        default: rc = file_next(r, a); break;
        }
    }
    /* An article file or a page holds one article: the next call ends it. */
    if (rc <= 0 || r->kind == KIND_ARTICLE || r->kind == KIND_HTML) {
        r->finished = 1;
        r->finish_rc = rc < 0 ? -1 : 0;
    }
    if (rc <= 0)
        memset(a, 0, sizeof *a);
    return rc;
}

gz_status corpus_set_range(corpus_reader *r, long long start, long long end)
{
    if (r->kind != KIND_JSONL || r->line > 0 || r->end > 0 || start < 0 ||
        (end >= 0 && end < start))
        return gz_error_set(GZ_EINVAL, "%s: no range can be read of it",
                            r->path);
    r->range_start = start;
    r->range_end = end;
    return GZ_OK;
}

void corpus_add_skips(const corpus_reader *r, corpus_skips *to)
{
    warc_counts c;

    if (!r || !r->warc)
        return;
    warc_get_counts(r->warc, &c);
    to->revisit += c.revisit;
    to->request += c.request;
    to->metadata += c.metadata;
    to->other += c.warcinfo + c.other_type + c.resource_non_html +
                 c.response_non_html + c.not_ok_status;
}

int corpus_rolls(const corpus_reader *r)
{
    return r && r->kind == KIND_FEED;
}

unsigned corpus_warnings(const corpus_reader *r)
{
    return r ? r->warnings : 0;
}

long long corpus_bytes_read(const corpus_reader *r)
{
    z_off_t at = r && r->gz ? gzoffset(r->gz) : 0;
    return at > 0 ? (long long)at : 0;
}

unsigned corpus_rejected(const corpus_reader *r)
{
    return r ? r->rejected : 0;
}

void corpus_close(corpus_reader *r)
{
    if (!r)
        return;
    release_article(r);
    warc_close(r->warc);
    feed_close(r->feed);
    /* Truncation has been reported by the reads; gzclose() would only say
     * it again. */
    if (r->gz)
        (void)gzclose(r->gz);
    free(r->buf);
    free(r->base_utf8);
    free(r->file_id);
    free(r->path);
    free(r);
}

void corpus_problem_where(char *where, size_t size, long line,
                          long long offset, problem_kind kind)
{
    if (line > 0 && offset >= 0 && kind == PROBLEM_REJECTED)
        snprintf(where, size, ":%ld: at byte %lld", line, offset);
    else if (line > 0)
        snprintf(where, size, ":%ld", line);
    else if (offset >= 0)
        snprintf(where, size, ": at byte %lld", offset);
    else if (size > 0)
        where[0] = '\0';
}

int corpus_is_jsonl(const char *path)
{
    static const char *const suffixes[] = {".jsonl", ".ndjson", ".jsonl.gz",
                                           ".ndjson.gz"};
    size_t n = path ? strlen(path) : 0;

    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t sl = strlen(suffixes[i]);
        if (n > sl && strcasecmp(path + n - sl, suffixes[i]) == 0 &&
            path[n - sl - 1] != '/')
            return 1;
    }
    return 0;
}
