/* warc.c - the WARC/ARC record reader (warc.h has the contract).
 *
 * Three layers, each only calling the one below:
 *  - the input window: a buffer over READ with the stream offset of its
 *    first byte, lines out of it, a block of a known length streamed
 *    through it, and the scan for "\nWARC/1." that resynchronises;
 *  - the body pipeline: raw block bytes -> de-chunking -> decoding (zlib,
 *    Brotli) -> the page's body, which stops growing past
 *    CORPUS_MAX_ARTICLE_BYTES (the rest of the record is then only read
 *    past, never decoded: that is what stops a decompression bomb);
 *  - records: the WARC or ARC header, the HTTP head, and the decision
 *    whether the record is a page.
 */
#include "warc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <brotli/decode.h>
#include <zlib.h>

#include "corpus.h"
#include "date.h"
#include "utf8.h"

/* The window holds a whole header line (at most WARC_MAX_HEADER_BYTES)
 * after it has been compacted. */
#define WINDOW_SIZE (2 * WARC_MAX_HEADER_BYTES)
#define RESYNC_MARK "\nWARC/1."
#define RESYNC_MARK_LEN 8
#define MAX_MEDIA_TYPE 64
#define MAX_CHARSET 40
/* The longest Content-Language tag kept: a BCP 47 tag with script,
 * region and a variant ("zh-Hant-TW", "sl-Latn-IT-rozaj") fits. */
#define MAX_LANGUAGE 35
#define MAX_RECORD_TYPE 32
#define MAX_MESSAGE 512

typedef enum encoding {
    ENC_IDENTITY, ENC_GZIP, ENC_DEFLATE, ENC_BROTLI, ENC_UNKNOWN
} encoding;

typedef enum chunk_state {
    CH_OFF,             /* not chunked */
    CH_FIRST,           /* before the first size line: chunked or not? */
    CH_SIZE, CH_EXT, CH_DATA, CH_DATA_END, CH_TRAILER, CH_TRAILER_LINE,
    CH_DONE, CH_BAD
} chunk_state;

/* The fields of a WARC header (or an ARC header line), and of the HTTP
 * head inside a response. */
typedef struct header {
    char type[MAX_RECORD_TYPE];
    char media[MAX_MEDIA_TYPE];     /* lower-case, "" when none */
    char charset[MAX_CHARSET + 1];  /* "" when none or not plausible */
    char language[MAX_LANGUAGE + 1];/* Content-Language's first tag, or "" */
    char date[11];                  /* "YYYY-MM-DD" or "" */
    long long length;               /* -1 when missing */
    int status;                     /* HTTP status, 0 when none */
    int chunked;
    encoding enc;
    char enc_name[32];              /* for the message on an unknown one */
} header;

struct warc_reader {
    warc_read_fn read;
    void *rctx;
    const char *prefix;
    size_t prefix_len, prefix_pos;
    warc_problem_fn problem;
    void *pctx;

    /* The window: unread bytes are buf[start, end); buf[start - 1], when
     * start > 0, is the byte just consumed (a line start is after '\n'). */
    char *buf;
    size_t start, end;
    long long buf_offset;       /* stream offset of buf[0] */
    int eof, failed;
    int finished, result;       /* warc_next()'s sticky end */
    int started, is_arc;

    long long rec_offset;
    long long remaining;        /* bytes of the record's block left */
    header warc, http;
    const header *page_header;  /* which of the two typed the page */
    char *uri;                  /* the cleaned, repaired target URI */

    /* The body pipeline of the page being read. */
    char *body;
    size_t body_len, body_cap;
    int dropped;                /* too big or undecodable: read past */
    chunk_state chunk;
    unsigned long long chunk_left;
    int chunk_digits;
    encoding enc;
    int dec_live, dec_end, dec_error;
    z_stream z;
    BrotliDecoderState *br;
    unsigned char head[2];      /* deflate's first bytes: zlib or raw? */
    size_t head_len;
    char out[16384];

    warc_counts counts;
};

/* ---- Messages ------------------------------------------------------ */

static void report(warc_reader *r, long long offset, int rejected,
                   const char *fmt, ...)
{
    char msg[MAX_MESSAGE];
    va_list ap;

    if (!r->problem)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* A URI is valid UTF-8 and other input is ASCII-cleaned (ascii_copy()),
     * but a read error's text is the caller's, and vsnprintf() may cut a
     * character. */
    if (!utf8_valid(msg, strlen(msg))) {
        size_t n;
        char *fixed = utf8_repair(msg, strlen(msg), &n);
        r->problem(r->pctx, offset, rejected, fixed ? fixed : "(message lost)");
        free(fixed);
        return;
    }
    r->problem(r->pctx, offset, rejected, msg);
}

/* Up to SIZE - 1 bytes of S (N) into DST, every byte that is not printable
 * ASCII as '?': for quoting input in a message or keeping a token. */
static void ascii_copy(char *dst, size_t size, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n && i + 1 < size; i++)
        dst[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    dst[i] = '\0';
}

/* ---- The input window ---------------------------------------------- */

static long long window_offset(const warc_reader *r)
{
    return r->buf_offset + (long long)r->start;
}

/* Read more into the window.  Returns the bytes added (> 0), 0 at the end
 * or when the window is full, -1 after a read error (reported once). */
static long fill(warc_reader *r)
{
    long n;
    const char *err = "unknown error";

    if (r->failed)
        return -1;
    if (r->start > 1 && (r->start == r->end || r->start > WINDOW_SIZE / 2)) {
        size_t keep = r->start - 1;     /* keep the byte just consumed */
        memmove(r->buf, r->buf + keep, r->end - keep);
        r->buf_offset += (long long)keep;
        r->start -= keep;
        r->end -= keep;
    }
    if (r->end == WINDOW_SIZE || r->eof)
        return 0;
    if (r->prefix_pos < r->prefix_len) {
        size_t m = r->prefix_len - r->prefix_pos;
        if (m > WINDOW_SIZE - r->end)
            m = WINDOW_SIZE - r->end;
        memcpy(r->buf + r->end, r->prefix + r->prefix_pos, m);
        r->prefix_pos += m;
        r->end += m;
        return (long)m;
    }
    n = r->read(r->rctx, r->buf + r->end, WINDOW_SIZE - r->end, &err);
    if (n < 0) {
        r->failed = 1;
        report(r, r->buf_offset + (long long)r->end, 1,
               "read error: %s; the rest of the file is lost",
               err ? err : "unknown error");
        return -1;
    }
    if (n == 0)
        r->eof = 1;
    r->end += (size_t)n;
    return n;
}

typedef enum line_status {
    LINE_OK, LINE_END, LINE_ERROR, LINE_TOO_LONG, LINE_LIMIT, LINE_CUT
} line_status;

/* The next line, at most LIMIT bytes with its '\n' (which must be in
 * them), into *LINE and *LEN without "\r\n"; consumed.  LINE_LIMIT: no '\n'
 * in LIMIT bytes, LINE_TOO_LONG: none in WARC_MAX_HEADER_BYTES (neither
 * consumes anything); LINE_CUT: the stream ends inside the line;
 * LINE_END: nothing left at all. */
static line_status get_line(warc_reader *r, size_t limit, char **line,
                            size_t *len)
{
    for (;;) {
        size_t avail = r->end - r->start, scan = avail < limit ? avail : limit;
        char *nl = memchr(r->buf + r->start, '\n', scan);
        long got;
        if (nl) {
            *line = r->buf + r->start;
            *len = (size_t)(nl - *line);
            r->start += *len + 1;
            if (*len > 0 && (*line)[*len - 1] == '\r')
                (*len)--;
            return LINE_OK;
        }
        if (scan == limit)
            return LINE_LIMIT;
        if (avail >= WARC_MAX_HEADER_BYTES)
            return LINE_TOO_LONG;
        got = fill(r);
        if (got < 0)
            return LINE_ERROR;
        if (got == 0 && r->eof)
            return r->end == r->start ? LINE_END : LINE_CUT;
    }
}

/* Pass the next R->remaining bytes of the stream to SINK (NULL: drop
 * them).  Returns 0 when all were there, 1 when the stream ended first,
 * -1 on a read error. */
static int stream_block(warc_reader *r,
                        void (*sink)(warc_reader *, const char *, size_t))
{
    while (r->remaining > 0) {
        size_t n = r->end - r->start;
        long got;
        if (n == 0) {
            got = fill(r);
            if (got < 0)
                return -1;
            if (got == 0)
                return 1;
            continue;
        }
        if ((long long)n > r->remaining)
            n = (size_t)r->remaining;
        if (sink)
            sink(r, r->buf + r->start, n);
        r->start += n;
        r->remaining -= (long long)n;
    }
    return 0;
}

/* Consume blank lines between records.  Returns 1 when a byte of
 * something else follows, 0 at the end, -1 on a read error. */
static int skip_blank(warc_reader *r)
{
    for (;;) {
        while (r->start < r->end &&
               (r->buf[r->start] == '\r' || r->buf[r->start] == '\n'))
            r->start++;
        if (r->start < r->end)
            return 1;
        long got = fill(r);
        if (got <= 0)
            return (int)got;
    }
}

/* The first "\nWARC/1." in S (N bytes), or NULL (memmem() is a GNU
 * extension). */
static char *find_mark(char *s, size_t n)
{
    char *end = s + n, *nl;
    while ((nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
        if ((size_t)(end - nl) < RESYNC_MARK_LEN)
            return NULL;
        if (memcmp(nl, RESYNC_MARK, RESYNC_MARK_LEN) == 0)
            return nl;
        s = nl + 1;
    }
    return NULL;
}

/* Move to the next line that starts with "WARC/1.".  Returns 1 there, 0
 * when there is none, -1 on a read error. */
static int resync(warc_reader *r)
{
    for (;;) {
        size_t from = r->start > 0 ? r->start - 1 : r->start;
        char *hit = find_mark(r->buf + from, r->end - from);
        long got;
        if (hit) {
            r->start = (size_t)(hit - r->buf) + 1;
            return 1;
        }
        /* Keep what could be the mark's beginning. */
        if (r->end - r->start >= RESYNC_MARK_LEN)
            r->start = r->end - (RESYNC_MARK_LEN - 1);
        got = fill(r);
        if (got < 0)
            return -1;
        if (got == 0 && r->eof)
            return 0;
    }
}

/* ---- Header fields ------------------------------------------------- */

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && blank(**s))
        (*s)++, (*n)--;
    while (*n > 0 && blank((*s)[*n - 1]))
        (*n)--;
}

static int name_is(const char *line, size_t len, const char *name,
                   const char **value, size_t *vlen)
{
    size_t n = strlen(name);
    if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
        return 0;
    *value = line + n + 1;
    *vlen = len - n - 1;
    trim(value, vlen);
    return 1;
}

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int charset_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || strchr("-_.:+", c);
}

/* A Content-Type value: media type lower-cased into H->media, a plausible
 * charset parameter into H->charset. */
static void parse_content_type(header *h, const char *v, size_t n)
{
    size_t m = 0, i = 0;

    while (i < n && v[i] != ';' && !blank(v[i]) && m + 1 < sizeof h->media)
        h->media[m++] = (char)lower((unsigned char)v[i++]);
    h->media[m] = '\0';
    while (i < n) {
        const char *p = memchr(v + i, ';', n - i), *val;
        size_t start, vlen;
        if (!p)
            break;
        start = (size_t)(p - v) + 1;
        while (start < n && blank(v[start]))
            start++;
        i = start;
        if (n - start < 8 || strncasecmp(v + start, "charset", 7) != 0)
            continue;
        val = v + start + 7;
        vlen = n - start - 7;
        trim(&val, &vlen);
        if (vlen == 0 || *val != '=')
            continue;
        val++, vlen--;
        vlen = strcspn(val, ";") < vlen ? strcspn(val, ";") : vlen;
        trim(&val, &vlen);
        if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"')
            val++, vlen -= 2;
        h->charset[0] = '\0';
        for (size_t k = 0; k < vlen; k++)
            if (!charset_char(val[k]))
                return;
        if (vlen > 0 && vlen <= MAX_CHARSET) {
            memcpy(h->charset, val, vlen);
            h->charset[vlen] = '\0';
        }
        return;
    }
}

/* A Content-Language value: its first tag ("de, en" -> "de") into
 * H->language when it has a tag's characters only, else "".  Whether it
 * names a language is corpus.c's question (lang.h): this file only keeps
 * the bytes. */
static void parse_content_language(header *h, const char *v, size_t n)
{
    size_t k = 0;

    h->language[0] = '\0';
    while (k < n && v[k] != ',')
        k++;
    trim(&v, &k);
    if (k == 0 || k > MAX_LANGUAGE)
        return;
    for (size_t i = 0; i < k; i++)
        if (!charset_char(v[i]))
            return;
    memcpy(h->language, v, k);
    h->language[k] = '\0';
}

static int is_html(const char *media)
{
    return strcmp(media, "text/html") == 0 ||
           strcmp(media, "application/xhtml+xml") == 0;
}

/* "YYYY-MM-DD" from the first ten bytes of an ISO 8601 WARC-Date, or the
 * first eight digits of ARC's YYYYMMDDhhmmss. */
static void parse_date(header *h, const char *v, size_t n, int arc)
{
    char d[11];
    if (arc) {
        if (n < 8)
            return;
        snprintf(d, sizeof d, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
    } else {
        if (n < 10)
            return;
        memcpy(d, v, 10);
        d[10] = '\0';
    }
    if (date_is_day(d, 10))
        memcpy(h->date, d, sizeof d);
}

static int parse_length(const char *v, size_t n, long long *out)
{
    long long x = 0;
    if (n == 0 || n > 18)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return 0;
        x = x * 10 + (v[i] - '0');
    }
    *out = x;
    return 1;
}

/* The target URI: blanks and the <...> some wget versions write around
 * it removed, invalid UTF-8 and NULs repaired.  0 when out of memory. */
static int set_uri(warc_reader *r, const char *v, size_t n)
{
    size_t len;
    trim(&v, &n);
    if (n >= 2 && v[0] == '<' && v[n - 1] == '>') {
        v++, n -= 2;
        trim(&v, &n);
    }
    free(r->uri);
    r->uri = utf8_repair(v, n, &len);
    return r->uri != NULL;
}

/* Content-Encoding: one coding (identity allowed around it). */
static void parse_encoding(header *h, const char *v, size_t n)
{
    static const struct { const char *name; encoding enc; } known[] = {
        { "gzip", ENC_GZIP }, { "x-gzip", ENC_GZIP },
        { "deflate", ENC_DEFLATE }, { "br", ENC_BROTLI },
        { "identity", ENC_IDENTITY }, { "none", ENC_IDENTITY },
    };
    ascii_copy(h->enc_name, sizeof h->enc_name, v, n);
    h->enc = n == 0 ? ENC_IDENTITY : ENC_UNKNOWN;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strlen(known[i].name) == n &&
            strncasecmp(known[i].name, v, n) == 0)
            h->enc = known[i].enc;
}

static void header_reset(header *h)
{
    memset(h, 0, sizeof *h);
    h->length = -1;
}

/* ---- The body pipeline --------------------------------------------- */

static void dec_reset(warc_reader *r)
{
    if (r->dec_live)
        inflateEnd(&r->z);
    if (r->br)
        BrotliDecoderDestroyInstance(r->br);
    r->dec_live = 0;
    r->br = NULL;
}

static void drop_page(warc_reader *r, const char *fmt, const char *arg)
{
    char what[MAX_MESSAGE];
    if (r->dropped)
        return;
    r->dropped = 1;
    snprintf(what, sizeof what, fmt, arg);
    report(r, r->rec_offset, 1, "page %s skipped: %s", r->uri ? r->uri : "",
           what);
    r->counts.html_skipped++;
    dec_reset(r);
}

static void append(warc_reader *r, const char *p, size_t n)
{
    if (r->dropped || n == 0)
        return;
    if (n > CORPUS_MAX_ARTICLE_BYTES - r->body_len) {
        char limit[32];
        snprintf(limit, sizeof limit, "%zu", CORPUS_MAX_ARTICLE_BYTES);
        drop_page(r, "its body is bigger than %s bytes", limit);
        return;
    }
    if (r->body_len + n + 1 > r->body_cap) {
        size_t cap = r->body_cap ? r->body_cap : 16384;
        char *grown;
        while (cap < r->body_len + n + 1)
            cap *= 2;
        if (cap > CORPUS_MAX_ARTICLE_BYTES + 1)
            cap = CORPUS_MAX_ARTICLE_BYTES + 1;
        grown = realloc(r->body, cap);
        if (!grown) {
            drop_page(r, "%s", "out of memory");
            return;
        }
        r->body = grown;
        r->body_cap = cap;
    }
    memcpy(r->body + r->body_len, p, n);
    r->body_len += n;
}

static void inflate_push(warc_reader *r, const char *p, size_t n)
{
    int rc;
    r->z.next_in = (Bytef *)p;
    r->z.avail_in = (uInt)n;
    do {
        r->z.next_out = (Bytef *)r->out;
        r->z.avail_out = sizeof r->out;
        rc = inflate(&r->z, Z_NO_FLUSH);
        append(r, r->out, sizeof r->out - r->z.avail_out);
        if (rc == Z_STREAM_END)
            r->dec_end = 1;     /* what follows the stream is ignored */
        else if (rc != Z_OK && rc != Z_BUF_ERROR)
            r->dec_error = 1;
    } while (!r->dropped && !r->dec_end && !r->dec_error &&
             (r->z.avail_in > 0 || r->z.avail_out == 0));
}

static void brotli_push(warc_reader *r, const char *p, size_t n)
{
    const uint8_t *in = (const uint8_t *)p;
    BrotliDecoderResult rc;
    do {
        uint8_t *out = (uint8_t *)r->out;
        size_t avail_out = sizeof r->out;
        rc = BrotliDecoderDecompressStream(r->br, &n, &in, &avail_out, &out,
                                           NULL);
        append(r, r->out, sizeof r->out - avail_out);
        if (rc == BROTLI_DECODER_RESULT_SUCCESS)
            r->dec_end = 1;
        else if (rc == BROTLI_DECODER_RESULT_ERROR)
            r->dec_error = 1;
    } while (!r->dropped && !r->dec_end && !r->dec_error &&
             (n > 0 || rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT));
}

/* Deflate as HTTP means it has a zlib wrapper, but servers often send it
 * raw: the first two bytes tell (RFC 1950's header check). */
static int start_deflate(warc_reader *r)
{
    unsigned h = (unsigned)r->head[0] << 8 | r->head[1];
    int zlib = r->head_len == 2 && (r->head[0] & 0x0f) == 8 && h % 31 == 0;
    if (inflateInit2(&r->z, zlib ? 15 : -15) != Z_OK)
        return 0;
    r->dec_live = 1;
    return 1;
}

/* Decoded bytes of the entity body. */
static void decode_push(warc_reader *r, const char *p, size_t n)
{
    if (r->dropped || r->dec_end || r->dec_error)
        return;
    switch (r->enc) {
    case ENC_DEFLATE:
        if (!r->dec_live) {
            while (n > 0 && r->head_len < 2)
                r->head[r->head_len++] = (unsigned char)*p++, n--;
            if (r->head_len < 2)
                return;
            if (!start_deflate(r)) {
                drop_page(r, "%s", "out of memory");
                return;
            }
            inflate_push(r, (const char *)r->head, 2);
        }
        if (n > 0)
            inflate_push(r, p, n);
        return;
    case ENC_GZIP:
        inflate_push(r, p, n);
        return;
    case ENC_BROTLI:
        brotli_push(r, p, n);
        return;
    default:
        append(r, p, n);
        return;
    }
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)lower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The end of a chunk-size line (C is '\n' when it is one). */
static void chunk_size_end(warc_reader *r, char c)
{
    if (c == '\r' && r->chunk_digits > 0)
        return;
    if (c != '\n' || r->chunk_digits == 0)
        r->chunk = CH_BAD;
    else
        r->chunk = r->chunk_left == 0 ? CH_TRAILER : CH_DATA;
}

/* One byte of a chunk-size line, a chunk's end or the trailer. */
static void dechunk_byte(warc_reader *r, char c)
{
    switch (r->chunk) {
    case CH_SIZE:
        if (hex_value(c) >= 0 && r->chunk_left < (1ULL << 40)) {
            r->chunk_left = r->chunk_left * 16 + (unsigned)hex_value(c);
            r->chunk_digits++;
        } else if (r->chunk_digits > 0 && (c == ';' || blank(c)))
            r->chunk = CH_EXT;
        else
            chunk_size_end(r, c);
        return;
    case CH_EXT:
        if (c == '\n')
            chunk_size_end(r, c);
        return;
    case CH_DATA_END:
        if (c == '\r')
            return;
        r->chunk = c == '\n' ? CH_SIZE : CH_BAD;
        r->chunk_left = 0;
        r->chunk_digits = 0;
        return;
    case CH_TRAILER:            /* at a line start */
        r->chunk = c == '\n' ? CH_DONE : c == '\r' ? CH_TRAILER
                                                   : CH_TRAILER_LINE;
        return;
    case CH_TRAILER_LINE:
        if (c == '\n')
            r->chunk = CH_TRAILER;
        return;
    default:
        return;
    }
}

/* Raw bytes of the entity body, as the record holds them. */
static void body_push(warc_reader *r, const char *p, size_t n)
{
    if (r->chunk == CH_FIRST)
        r->chunk = n > 0 && hex_value(*p) < 0 ? CH_OFF : CH_SIZE;
    if (r->chunk == CH_OFF) {
        decode_push(r, p, n);
        return;
    }
    while (n > 0 && !r->dropped) {
        if (r->chunk == CH_DATA) {
            size_t take = n < r->chunk_left ? n : (size_t)r->chunk_left;
            decode_push(r, p, take);
            p += take, n -= take;
            r->chunk_left -= take;
            if (r->chunk_left == 0)
                r->chunk = CH_DATA_END;
            continue;
        }
        if (r->chunk == CH_DONE || r->chunk == CH_BAD)
            return;
        dechunk_byte(r, *p++);
        n--;
    }
}

static int body_begin(warc_reader *r, encoding enc, int chunked)
{
    dec_reset(r);
    r->body_len = 0;
    r->dropped = 0;
    r->chunk = chunked ? CH_FIRST : CH_OFF;
    r->chunk_left = 0;
    r->chunk_digits = 0;
    r->enc = enc;
    r->dec_end = r->dec_error = 0;
    r->head_len = 0;
    memset(&r->z, 0, sizeof r->z);
    if (enc == ENC_GZIP) {
        /* 15 + 32: a gzip or a zlib wrapper, whichever it is. */
        if (inflateInit2(&r->z, 15 + 32) != Z_OK)
            return 0;
        r->dec_live = 1;
    } else if (enc == ENC_BROTLI) {
        r->br = BrotliDecoderCreateInstance(NULL, NULL, NULL);
        if (!r->br)
            return 0;
    }
    return 1;
}

/* The body is all there: say what was wrong with it.  Returns 1 when
 * there is a page to hand out. */
static int body_end(warc_reader *r)
{
    const char *chunk_problem = NULL, *dec_problem = NULL;

    if (r->enc == ENC_DEFLATE && !r->dec_live && r->head_len > 0 &&
        !r->dropped) {
        if (start_deflate(r))
            inflate_push(r, (const char *)r->head, r->head_len);
    }
    if (r->chunk == CH_BAD)
        chunk_problem = "a chunk size line is not one";
    else if (r->chunk != CH_OFF && r->chunk != CH_DONE &&
             r->chunk != CH_TRAILER && r->chunk != CH_FIRST)
        chunk_problem = "the chunked body ends before its last chunk";
    /* Brotli's decoder hands out its output a window at a time, so how
     * much of a broken body came out would depend on where the reads
     * ended: such a body is dropped whole.  zlib's output is the same
     * whatever the reads. */
    if (r->enc == ENC_BROTLI && !r->dec_end && !r->dropped) {
        r->body_len = 0;
        drop_page(r, "%s", "its Brotli body is corrupt or cut short");
    }
    if (r->enc != ENC_IDENTITY && r->dec_error)
        dec_problem = "the compressed body is corrupt";
    else if (r->enc != ENC_IDENTITY && !r->dec_end && r->body_len > 0)
        dec_problem = "the compressed body is cut short";
    else if (r->enc != ENC_IDENTITY && !r->dec_end)
        dec_problem = "the compressed body is empty or cut short";
    dec_reset(r);
    if (r->dropped)
        return 0;
    if (r->body_len == 0) {
        if (chunk_problem || dec_problem)
            drop_page(r, "%s", dec_problem ? dec_problem : chunk_problem);
        else
            r->counts.html_skipped++;       /* an empty page: nothing to say */
        return 0;
    }
    if (chunk_problem || dec_problem)
        report(r, r->rec_offset, 0, "page %s: %s%s%s; what was read is kept",
               r->uri ? r->uri : "", chunk_problem ? chunk_problem : "",
               chunk_problem && dec_problem ? ", and " : "",
               dec_problem ? dec_problem : "");
    r->body[r->body_len] = '\0';
    return 1;
}

/* ---- Records ------------------------------------------------------- */

typedef enum record_status {
    REC_PAGE, REC_SKIPPED, REC_END, REC_STOP
} record_status;

/* The stream ended (CUT 1) or failed (-1) inside the record. */
static record_status record_cut(warc_reader *r, int cut)
{
    r->counts.damaged++;
    if (cut < 0)
        return REC_STOP;
    report(r, r->rec_offset, 1,
           "the record at offset %lld is cut short (the file ends inside "
           "it); it is lost", r->rec_offset);
    return REC_END;
}

/* The HTTP head at the start of the block: status line and headers,
 * within the block.  Returns 1 read (maybe partly: the block ended), 0
 * cut short, -1 on a read error. */
static int read_http_head(warc_reader *r)
{
    char *line;
    size_t len;
    int first = 1;

    header_reset(&r->http);
    while (r->remaining > 0) {
        const char *v;
        size_t vlen;
        long long before = window_offset(r);
        size_t limit = r->remaining < (long long)WARC_MAX_HEADER_BYTES
                           ? (size_t)r->remaining : WARC_MAX_HEADER_BYTES;
        line_status st = get_line(r, limit, &line, &len);
        if (st == LINE_ERROR)
            return -1;
        if (st == LINE_END || st == LINE_CUT)
            return 0;
        if (st != LINE_OK)
            return 1;           /* no head end in the block: no body */
        r->remaining -= window_offset(r) - before;
        if (first) {
            const char *sp = memchr(line, ' ', len);
            first = 0;
            if (len > 5 && memcmp(line, "HTTP/", 5) == 0 && sp &&
                line + len - sp >= 4 && digit(sp[1]) && digit(sp[2]) &&
                digit(sp[3]))
                r->http.status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 +
                                 (sp[3] - '0');
            continue;
        }
        if (len == 0)
            return 1;
        if (name_is(line, len, "Content-Type", &v, &vlen) && !r->http.media[0])
            parse_content_type(&r->http, v, vlen);
        else if (name_is(line, len, "Transfer-Encoding", &v, &vlen))
            r->http.chunked = vlen >= 7 &&
                              strncasecmp(v + vlen - 7, "chunked", 7) == 0;
        else if (name_is(line, len, "Content-Encoding", &v, &vlen))
            parse_encoding(&r->http, v, vlen);
        else if (name_is(line, len, "Content-Language", &v, &vlen) &&
                 !r->http.language[0])
            parse_content_language(&r->http, v, vlen);
    }
    return 1;
}

/* Read the rest of the block past.  Returns REC_SKIPPED, or what a cut
 * block gives. */
static record_status skip_block(warc_reader *r)
{
    int cut = stream_block(r, NULL);
    return cut ? record_cut(r, cut) : REC_SKIPPED;
}

/* The rest of the block is the page's body, its type in H. */
static record_status page_block(warc_reader *r, const header *h)
{
    int cut;

    if (h->enc == ENC_UNKNOWN) {
        r->dropped = 0;
        drop_page(r, "its Content-Encoding \"%s\" is not one Gazette decodes "
                     "(gzip, deflate, br)", h->enc_name);
        return skip_block(r);
    }
    if (!body_begin(r, h->enc, h->chunked)) {
        report(r, r->rec_offset, 1, "out of memory; the rest of the file "
               "is lost");
        return REC_STOP;
    }
    cut = stream_block(r, body_push);
    if (cut) {
        dec_reset(r);
        return record_cut(r, cut);
    }
    if (!body_end(r))
        return REC_SKIPPED;
    r->page_header = h;
    return REC_PAGE;
}

/* A block that is an HTTP response: a page when 2xx and HTML. */
static record_status http_block(warc_reader *r)
{
    int rc = read_http_head(r);

    if (rc <= 0)
        return record_cut(r, rc < 0 ? -1 : 1);
    if (r->http.status / 100 != 2) {
        r->counts.not_ok_status++;
        return skip_block(r);
    }
    if (!is_html(r->http.media)) {
        r->counts.response_non_html++;
        return skip_block(r);
    }
    return page_block(r, &r->http);
}

/* A block that is the document itself, typed by the record's header. */
static record_status typed_block(warc_reader *r, unsigned long *non_html)
{
    if (!is_html(r->warc.media)) {
        (*non_html)++;
        return skip_block(r);
    }
    return page_block(r, &r->warc);
}

typedef enum header_status {
    HDR_OK, HDR_NOT_WARC, HDR_BAD, HDR_CUT, HDR_ERROR
} header_status;

/* One field line of a WARC header into R->warc.  0 when out of memory. */
static int warc_field(warc_reader *r, const char *line, size_t len)
{
    const char *v;
    size_t n;

    if (name_is(line, len, "WARC-Type", &v, &n))
        ascii_copy(r->warc.type, sizeof r->warc.type, v, n);
    else if (name_is(line, len, "WARC-Target-URI", &v, &n))
        return set_uri(r, v, n);
    else if (name_is(line, len, "WARC-Date", &v, &n))
        parse_date(&r->warc, v, n, 0);
    else if (name_is(line, len, "Content-Type", &v, &n))
        parse_content_type(&r->warc, v, n);
    else if (name_is(line, len, "Content-Length", &v, &n) &&
             !parse_length(v, n, &r->warc.length))
        r->warc.length = -2;
    return 1;
}

/* The WARC header block at the window's start.  *WHY says what is wrong
 * with a HDR_BAD one. */
static header_status read_warc_header(warc_reader *r, const char **why)
{
    long long start = window_offset(r);
    char *line;
    size_t len;
    line_status st;
    int first = 1;

    header_reset(&r->warc);
    free(r->uri);
    r->uri = NULL;
    for (;;) {
        st = get_line(r, WARC_MAX_HEADER_BYTES, &line, &len);
        if (st == LINE_ERROR)
            return HDR_ERROR;
        if (first && (st != LINE_OK || len < 5 || memcmp(line, "WARC/", 5)))
            return st == LINE_CUT || st == LINE_END ? HDR_CUT : HDR_NOT_WARC;
        if (st == LINE_END || st == LINE_CUT)
            return HDR_CUT;
        if (st != LINE_OK ||
            window_offset(r) - start > (long long)WARC_MAX_HEADER_BYTES) {
            *why = "a header block longer than 64 KiB";
            return HDR_BAD;
        }
        if (!first && len == 0)
            break;
        if (!first && !warc_field(r, line, len)) {
            *why = "no memory for its target URI";
            return HDR_BAD;
        }
        first = 0;
    }
    if (r->warc.length < 0) {
        *why = "no valid Content-Length";
        return HDR_BAD;
    }
    return HDR_OK;
}

/* After damage: on to the next "WARC/1." at a line start. */
static record_status skip_damage(warc_reader *r)
{
    int rc = resync(r);
    return rc < 0 ? REC_STOP : rc == 0 ? REC_END : REC_SKIPPED;
}

static record_status warc_record(warc_reader *r)
{
    const char *why = "";
    const char *type;

    switch (read_warc_header(r, &why)) {
    case HDR_NOT_WARC:
        r->counts.damaged++;
        report(r, r->rec_offset, 1, "no WARC record starts at offset %lld "
               "(the previous record's Content-Length is wrong, or junk): "
               "skipping to the next line that starts with \"WARC/1.\"",
               r->rec_offset);
        return skip_damage(r);
    case HDR_BAD:
        r->counts.records++;
        r->counts.damaged++;
        report(r, r->rec_offset, 1, "the WARC record at offset %lld has %s: "
               "skipping to the next line that starts with \"WARC/1.\"",
               r->rec_offset, why);
        return skip_damage(r);
    case HDR_CUT:
        return record_cut(r, 1);
    case HDR_ERROR:
        return REC_STOP;
    case HDR_OK:
        break;
    }
    r->counts.records++;
    r->remaining = r->warc.length;
    type = r->warc.type;
    if (strcmp(type, "response") == 0)
        return strcmp(r->warc.media, "application/http") == 0
                   ? http_block(r)
                   : typed_block(r, &r->counts.response_non_html);
    if (strcmp(type, "resource") == 0)
        return typed_block(r, &r->counts.resource_non_html);
    if (strcmp(type, "revisit") == 0)
        r->counts.revisit++;
    else if (strcmp(type, "request") == 0)
        r->counts.request++;
    else if (strcmp(type, "metadata") == 0)
        r->counts.metadata++;
    else if (strcmp(type, "warcinfo") == 0)
        r->counts.warcinfo++;
    else
        r->counts.other_type++;
    return skip_block(r);
}

/* Fill the window until it holds N bytes or the stream ends; returns how
 * many it holds (-1 on a read error). */
static long peek(warc_reader *r, size_t n)
{
    while (r->end - r->start < n) {
        long got = fill(r);
        if (got < 0)
            return -1;
        if (got == 0)
            break;
    }
    return (long)(r->end - r->start);
}

/* An ARC header line, "URL IP-address Archive-date Content-type
 * Archive-length" (version 1; version 2 has more fields, the length
 * always last), into R->warc. */
static int parse_arc_header(warc_reader *r, const char *line, size_t len)
{
    const char *field[16];
    size_t flen[16], n = 0, i = 0;

    while (i < len && n < 16) {
        while (i < len && line[i] == ' ')
            i++;
        if (i == len)
            break;
        field[n] = line + i;
        while (i < len && line[i] != ' ')
            i++;
        flen[n] = (size_t)(line + i - field[n]);
        n++;
    }
    if (n < 5 || i < len || !parse_length(field[n - 1], flen[n - 1],
                                          &r->warc.length))
        return 0;
    parse_date(&r->warc, field[2], flen[2], 1);
    parse_content_type(&r->warc, field[3], flen[3]);
    return set_uri(r, field[0], flen[0]);
}

static record_status arc_record(warc_reader *r)
{
    char *line;
    size_t len;
    line_status st = get_line(r, WARC_MAX_HEADER_BYTES, &line, &len);
    long have;

    header_reset(&r->warc);
    if (st == LINE_ERROR)
        return REC_STOP;
    if (st == LINE_END || st == LINE_CUT)
        return record_cut(r, 1);
    if (st != LINE_OK || !parse_arc_header(r, line, len)) {
        r->counts.damaged++;
        report(r, r->rec_offset, 1, "no ARC record header at offset %lld; "
               "the rest of the file is lost (ARC has no record marker to "
               "resynchronise on)", r->rec_offset);
        return REC_STOP;
    }
    r->counts.records++;
    r->remaining = r->warc.length;
    if (strncmp(r->uri, "filedesc://", 11) == 0) {
        r->counts.warcinfo++;           /* the version block */
        return skip_block(r);
    }
    have = peek(r, 5);
    if (have < 0)
        return REC_STOP;
    if (r->remaining >= 5 && have >= 5 &&
        memcmp(r->buf + r->start, "HTTP/", 5) == 0)
        return http_block(r);
    /* ARC has only one kind of record: the server's answer. */
    return typed_block(r, &r->counts.response_non_html);
}

/* ---- The interface ------------------------------------------------- */

gz_status warc_open(warc_read_fn read, void *rctx, const char *prefix,
                    size_t prefix_len, warc_problem_fn problem, void *pctx,
                    warc_reader **out)
{
    warc_reader *r;

    if (!read || !out || (prefix_len > 0 && !prefix))
        return GZ_EINVAL;
    *out = NULL;
    r = calloc(1, sizeof *r);
    if (!r)
        goto fail;
    r->buf = malloc(WINDOW_SIZE);
    if (!r->buf)
        goto fail;
    r->read = read;
    r->rctx = rctx;
    r->prefix = prefix;
    r->prefix_len = prefix_len;
    r->problem = problem;
    r->pctx = pctx;
    *out = r;
    return GZ_OK;

fail:
    free(r);
    return GZ_EOOM;
}

void warc_resume(warc_reader *r, long long offset, int arc)
{
    r->buf_offset = offset;
    r->started = 1;
    r->is_arc = arc;
}

int warc_is_arc(const warc_reader *r)
{
    return r && r->is_arc;
}

static int finish(warc_reader *r, int result)
{
    r->finished = 1;
    r->result = result;
    return result;
}

int warc_next(warc_reader *r, warc_page *p)
{
    if (!r || !p)
        return -1;
    while (!r->finished) {
        int rc = skip_blank(r);
        record_status st;

        if (rc <= 0)
            return finish(r, rc);
        r->rec_offset = window_offset(r);
        if (!r->started) {
            r->started = 1;
            if (peek(r, 11) < 0)
                return finish(r, -1);
            r->is_arc = warc_sniff(r->buf + r->start, r->end - r->start) &&
                        r->buf[r->start] == 'f';
        }
        st = r->is_arc ? arc_record(r) : warc_record(r);
        if (st == REC_END)
            return finish(r, 0);
        if (st == REC_STOP)
            return finish(r, -1);
        if (st == REC_PAGE) {
            r->counts.pages++;
            p->uri = r->uri ? r->uri : "";
            p->warc_date = r->warc.date[0] ? r->warc.date : NULL;
            p->content_type = r->page_header->media;
            p->charset = r->page_header->charset[0] ? r->page_header->charset
                                                    : NULL;
            p->content_language = r->page_header->language[0]
                                      ? r->page_header->language : NULL;
            p->body = r->body;
            p->body_len = r->body_len;
            p->offset = r->rec_offset;
            return 1;
        }
    }
    return r->result;
}

void warc_get_counts(const warc_reader *r, warc_counts *out)
{
    if (r && out)
        *out = r->counts;
}

void warc_close(warc_reader *r)
{
    if (!r)
        return;
    dec_reset(r);
    free(r->uri);
    free(r->body);
    free(r->buf);
    free(r);
}

int warc_sniff(const char *buf, size_t len)
{
    if (len >= 11 && memcmp(buf, "filedesc://", 11) == 0)
        return 1;
    if (len < 8 || memcmp(buf, "WARC/", 5) != 0)
        return 0;
    if (buf[5] == '1' && buf[6] == '.' && digit(buf[7]))
        return 1;
    return len >= 9 && buf[5] == '0' && buf[6] == '.' && buf[7] == '1' &&
           digit(buf[8]);
}
