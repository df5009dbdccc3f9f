/* test_warc.c - the WARC/ARC reader over archives written here, and over
 * every file of ../shared/formats/warc (or $GAZETTE_SHARED/formats/warc)
 * against its inventory, when that is there.
 *
 * Each archive is read twice: in 64 KiB reads and one byte a read, so that
 * no rule depends on where a read ends. */
#define _GNU_SOURCE    /* memmem() */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <brotli/encode.h>
#include <cmocka.h>
#include <jansson.h>
#include <zlib.h>

#include "corpus.h"
#include "warc.h"

/* ---- An archive being written -------------------------------------- */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void putf(text *t, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof buf);
    put(t, buf, (size_t)n);
}

/* A WARC record of TYPE for URI with the WARC Content-Type CTYPE and the
 * block BLOCK (LEN bytes), its Content-Length LEN + LIE. */
static void record_lying(text *t, const char *type, const char *uri,
                         const char *ctype, const char *block, size_t len,
                         long lie)
{
    putf(t, "WARC/1.0\r\nWARC-Type: %s\r\n", type);
    if (uri)
        putf(t, "WARC-Target-URI: %s\r\n", uri);
    putf(t, "WARC-Date: 2021-04-06T10:11:12Z\r\n"
            "WARC-Record-ID: <urn:uuid:1>\r\n"
            "Content-Type: %s\r\nContent-Length: %ld\r\n\r\n",
         ctype, (long)len + lie);
    put(t, block, len);
    put(t, "\r\n\r\n", 4);
}

static void record(text *t, const char *type, const char *uri,
                   const char *ctype, const char *block, size_t len)
{
    record_lying(t, type, uri, ctype, block, len, 0);
}

#define HTTP_CT "application/http; msgtype=response"

/* A response record: HEAD (status line and headers, without the blank
 * line) then BODY (LEN bytes). */
static void response(text *t, const char *uri, const char *head,
                     const char *body, size_t len)
{
    text block = { 0 };
    put(&block, head, strlen(head));
    put(&block, "\r\n\r\n", 4);
    put(&block, body, len);
    record(t, "response", uri, HTTP_CT, block.s, block.len);
    free(block.s);
}

static void html_response(text *t, const char *uri, const char *body)
{
    response(t, uri, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8",
             body, strlen(body));
}

/* ---- Reading ------------------------------------------------------- */

#define MAX_PAGES 64
#define MAX_PROBLEMS 32

typedef struct page_copy {
    char *uri, *date, *ctype, *charset, *language, *body;
    size_t body_len;
    long long offset;
} page_copy;

typedef struct problem {
    long long offset;
    int rejected;
    char message[512];
} problem;

typedef struct result {
    page_copy p[MAX_PAGES];
    int n;
    problem pr[MAX_PROBLEMS];
    int npr;
    int rc;
    warc_counts counts;
} result;

typedef struct source {
    const char *s;
    size_t len, pos, step;
    size_t fail_at;             /* a read error once POS reaches it */
} source;

static long read_source(void *ctx, char *buf, size_t n, const char **err)
{
    source *src = ctx;
    if (src->pos >= src->fail_at) {
        *err = "injected read error";
        return -1;
    }
    if (n > src->step)
        n = src->step;
    if (n > src->len - src->pos)
        n = src->len - src->pos;
    if (src->fail_at - src->pos < n)
        n = src->fail_at - src->pos;
    memcpy(buf, src->s + src->pos, n);
    src->pos += n;
    return (long)n;
}

static void on_problem(void *ctx, long long offset, int rejected,
                       const char *message)
{
    result *res = ctx;
    assert_non_null(message);
    if (res->npr < MAX_PROBLEMS) {
        res->pr[res->npr].offset = offset;
        res->pr[res->npr].rejected = rejected;
        snprintf(res->pr[res->npr].message, sizeof res->pr[0].message, "%s",
                 message);
    }
    res->npr++;
}

static char *dup_or_null(const char *s)
{
    char *d;
    if (!s)
        return NULL;
    d = strdup(s);
    assert_non_null(d);
    return d;
}

static void copy_page(page_copy *c, const warc_page *p)
{
    assert_non_null(p->uri);
    assert_non_null(p->content_type);
    assert_non_null(p->body);
    assert_int_equal(p->body[p->body_len], '\0');
    c->uri = dup_or_null(p->uri);
    c->date = dup_or_null(p->warc_date);
    c->ctype = dup_or_null(p->content_type);
    c->charset = dup_or_null(p->charset);
    c->language = dup_or_null(p->content_language);
    c->body = malloc(p->body_len + 1);
    assert_non_null(c->body);
    memcpy(c->body, p->body, p->body_len + 1);
    c->body_len = p->body_len;
    c->offset = p->offset;
}

static void free_result(result *res)
{
    for (int i = 0; i < res->n && i < MAX_PAGES; i++) {
        free(res->p[i].uri);
        free(res->p[i].date);
        free(res->p[i].ctype);
        free(res->p[i].charset);
        free(res->p[i].language);
        free(res->p[i].body);
    }
    free(res);
}

/* Read everything SRC holds through warc_next(), the first PREFIX bytes
 * handed over as the sniffed prefix. */
static result *read_all(source *src, size_t prefix)
{
    result *res = calloc(1, sizeof *res);
    warc_reader *r = NULL;
    warc_page p;
    int rc;

    assert_non_null(res);
    assert_true(prefix <= src->len);
    src->pos = prefix;
    assert_int_equal(warc_open(read_source, src, src->s, prefix, on_problem,
                               res, &r), GZ_OK);
    while ((rc = warc_next(r, &p)) == 1) {
        if (res->n < MAX_PAGES)
            copy_page(&res->p[res->n], &p);
        res->n++;
    }
    res->rc = rc;
    /* The end is sticky. */
    assert_int_equal(warc_next(r, &p), rc);
    warc_get_counts(r, &res->counts);
    warc_close(r);
    return res;
}

static void assert_same_result(const result *a, const result *b)
{
    assert_int_equal(a->rc, b->rc);
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->npr, b->npr);
    for (int i = 0; i < a->n && i < MAX_PAGES; i++) {
        assert_string_equal(a->p[i].uri, b->p[i].uri);
        assert_int_equal(a->p[i].body_len, b->p[i].body_len);
        assert_memory_equal(a->p[i].body, b->p[i].body, a->p[i].body_len);
        assert_int_equal(a->p[i].offset, b->p[i].offset);
    }
    for (int i = 0; i < a->npr && i < MAX_PROBLEMS; i++) {
        assert_string_equal(a->pr[i].message, b->pr[i].message);
        assert_int_equal(a->pr[i].offset, b->pr[i].offset);
    }
    assert_memory_equal(&a->counts, &b->counts, sizeof a->counts);
}

/* S read in big reads and in one-byte reads, which must agree; the first
 * is returned. */
static result *read_text_len(const char *s, size_t len)
{
    source big = { s, len, 0, 65536, (size_t)-1 };
    source small = { s, len, 0, 1, (size_t)-1 };
    result *a = read_all(&big, len < 7 ? len : 7);
    result *b = read_all(&small, 0);
    assert_same_result(a, b);
    free_result(b);
    return a;
}

static result *read_text(const text *t)
{
    return read_text_len(t->s, t->len);
}

static int problem_says(const result *res, const char *what)
{
    for (int i = 0; i < res->npr && i < MAX_PROBLEMS; i++)
        if (strstr(res->pr[i].message, what))
            return 1;
    return 0;
}

/* ---- Compression --------------------------------------------------- */

/* S deflated with WINDOW bits (31: gzip, 15: zlib, -15: raw). */
static text deflated(const char *s, size_t n, int window)
{
    text t = { 0 };
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, window, 8,
                                  Z_DEFAULT_STRATEGY), Z_OK);
    t.cap = deflateBound(&z, (uLong)n) + 1;
    t.s = malloc(t.cap);
    assert_non_null(t.s);
    z.next_in = (Bytef *)s;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)t.s;
    z.avail_out = (uInt)t.cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    t.len = z.total_out;
    deflateEnd(&z);
    return t;
}

static text brotli(const char *s, size_t n)
{
    text t = { 0 };
    t.cap = BrotliEncoderMaxCompressedSize(n) + 1;
    t.s = malloc(t.cap);
    assert_non_null(t.s);
    t.len = t.cap;
    assert_true(BrotliEncoderCompress(5, 22, BROTLI_MODE_TEXT, n,
                                      (const uint8_t *)s, &t.len,
                                      (uint8_t *)t.s));
    return t;
}

static const char page_html[] =
    "<html><head><title>Boycott</title></head><body><p>The U.S. has "
    "publicly raised the threat of a joint boycott.</p></body></html>";

/* An archive with one response whose body is BODY (LEN) and the headers
 * HEADERS after the status line and Content-Type; then a second page, so
 * that each test also sees the reader go on. */
static result *read_encoded(const char *headers, const char *body, size_t len)
{
    text t = { 0 }, head = { 0 };
    result *res;

    putf(&head, "HTTP/1.1 200 OK\r\nContent-Type: text/html%s", headers);
    response(&t, "http://example.com/a", head.s, body, len);
    html_response(&t, "http://example.com/b", "<p>next</p>");
    res = read_text(&t);
    free(t.s);
    free(head.s);
    return res;
}

/* ---- Which records are pages --------------------------------------- */

static void test_html_response_is_a_page_with_its_fields(void **state)
{
    text t = { 0 };
    result *res;
    (void)state;

    record(&t, "warcinfo", NULL, "application/warc-fields",
           "software: test\r\n", 16);
    response(&t, "<http://example.com/2021/04/06/boycott>",
             "HTTP/1.1 200 OK\r\nServer: x\r\n"
             "content-type:  Text/HTML ; Charset=\"windows-1252\"",
             page_html, strlen(page_html));
    res = read_text(&t);
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->npr, 0);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->p[0].uri, "http://example.com/2021/04/06/boycott");
    assert_string_equal(res->p[0].date, "2021-04-06");
    assert_string_equal(res->p[0].ctype, "text/html");
    assert_string_equal(res->p[0].charset, "windows-1252");
    assert_int_equal(res->p[0].body_len, strlen(page_html));
    assert_string_equal(res->p[0].body, page_html);
    assert_true(res->p[0].offset > 0);
    assert_memory_equal(t.s + res->p[0].offset, "WARC/1.0\r\n", 10);
    assert_int_equal(res->counts.records, 2);
    assert_int_equal(res->counts.pages, 1);
    assert_int_equal(res->counts.warcinfo, 1);
    free_result(res);
    free(t.s);
}

static void test_skipped_records_are_counted_and_revisits_never_pages(void **state)
{
    text t = { 0 };
    const char *revisit = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    result *res;
    (void)state;

    record(&t, "warcinfo", NULL, "application/warc-fields", "a: b\r\n", 6);
    record(&t, "request", "http://e.com/", "application/http; msgtype=request",
           "GET / HTTP/1.1\r\n\r\n", 18);
    record(&t, "revisit", "http://e.com/", HTTP_CT, revisit, strlen(revisit));
    record(&t, "metadata", "http://e.com/", "application/warc-fields",
           "via: x\r\n", 8);
    record(&t, "conversion", "http://e.com/", "text/plain", "txt", 3);
    response(&t, "http://e.com/moved", "HTTP/1.1 301 Moved\r\nContent-Type: text/html",
             "<p>moved</p>", 12);
    response(&t, "http://e.com/gone", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html",
             "<p>gone</p>", 11);
    response(&t, "http://e.com/a.js", "HTTP/1.1 200 OK\r\nContent-Type: application/javascript",
             "var a;", 6);
    response(&t, "http://e.com/x", "HTTP/1.1 200 OK", "<p>no type</p>", 14);
    record(&t, "resource", "http://e.com/r.txt", "text/plain", "plain", 5);
    record(&t, "resource", "http://e.com/r.html", "text/html; charset=utf-8",
           "<p>resource</p>", 15);
    response(&t, "http://e.com/x.xhtml",
             "HTTP/1.0 203 Non-Authoritative\r\nContent-Type: application/xhtml+xml",
             "<p>x</p>", 8);
    res = read_text(&t);
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->npr, 0);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->p[0].uri, "http://e.com/r.html");
    assert_string_equal(res->p[0].ctype, "text/html");
    assert_string_equal(res->p[0].charset, "utf-8");
    assert_string_equal(res->p[0].body, "<p>resource</p>");
    assert_string_equal(res->p[1].uri, "http://e.com/x.xhtml");
    assert_string_equal(res->p[1].ctype, "application/xhtml+xml");
    assert_null(res->p[1].charset);
    assert_int_equal(res->counts.records, 12);
    assert_int_equal(res->counts.pages, 2);
    assert_int_equal(res->counts.warcinfo, 1);
    assert_int_equal(res->counts.request, 1);
    assert_int_equal(res->counts.revisit, 1);
    assert_int_equal(res->counts.metadata, 1);
    assert_int_equal(res->counts.other_type, 1);
    assert_int_equal(res->counts.not_ok_status, 2);
    assert_int_equal(res->counts.response_non_html, 2);
    assert_int_equal(res->counts.resource_non_html, 1);
    assert_int_equal(res->counts.damaged, 0);
    free_result(res);
    free(t.s);
}

static void test_uri_blanks_and_bad_bytes_are_cleaned(void **state)
{
    text t = { 0 };
    result *res;
    (void)state;

    record(&t, "resource", "  <http://e.com/\xff\x01x>  ", "text/html", "<p>a</p>", 8);
    res = read_text(&t);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->p[0].uri, "http://e.com/\xEF\xBF\xBD\x01x");
    free_result(res);
    free(t.s);
}

static void test_invalid_warc_date_is_null_and_charset_junk_dropped(void **state)
{
    text t = { 0 };
    const char *block = "<p>x</p>";
    result *res;
    (void)state;

    putf(&t, "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: u\r\n"
             "WARC-Date: 2021-02-30T00:00:00Z\r\n"
             "Content-Type: text/html; charset=\"a b<\"\r\n"
             "Content-Length: %zu\r\n\r\n%s\r\n\r\n", strlen(block), block);
    res = read_text(&t);
    assert_int_equal(res->n, 1);
    assert_null(res->p[0].date);
    assert_null(res->p[0].charset);
    free_result(res);
    free(t.s);
}

/* Content-Language: the first tag of its list, as written; a value
 * with other characters than a tag's is dropped; a resource record (no
 * HTTP head) has none.  Whether a tag names a language is corpus.c's. */
static void test_content_language_first_tag(void **state)
{
    static const struct {
        const char *header, *want;
    } cases[] = {
        {"\r\nContent-Language: de", "de"},
        {"\r\ncontent-language:  de-DE , en", "de-DE"},
        {"\r\nContent-Language: zh-Hant-TW", "zh-Hant-TW"},
        {"\r\nContent-Language: und", "und"},
        {"\r\nContent-Language: a b<", NULL},
        {"\r\nContent-Language: ", NULL},
        {"\r\nContent-Language: fr\r\nContent-Language: it", "fr"},
        {"", NULL},
    };
    const char *block = "<p>x</p>";
    text t = { 0 };
    result *res;
    (void)state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        res = read_encoded(cases[i].header, page_html, strlen(page_html));
        assert_int_equal(res->n, 2);
        if (cases[i].want)
            assert_string_equal(res->p[0].language, cases[i].want);
        else
            assert_null(res->p[0].language);
        assert_null(res->p[1].language);    /* not carried over */
        free_result(res);
    }
    putf(&t, "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: u\r\n"
             "Content-Type: text/html\r\nContent-Language: de\r\n"
             "Content-Length: %zu\r\n\r\n%s\r\n\r\n", strlen(block), block);
    res = read_text(&t);
    assert_int_equal(res->n, 1);
    assert_null(res->p[0].language);
    free_result(res);
    free(t.s);
}

/* ---- HTTP bodies --------------------------------------------------- */

static void test_chunked_body_is_dechunked(void **state)
{
    const char body[] = "5;ext=1\r\n<p>He\r\n"
                        "9\r\nllo world\r\n"
                        "4\r\n</p>\r\n0\r\nTrailer: x\r\n\r\n";
    result *res;
    (void)state;

    res = read_encoded("\r\nTransfer-Encoding: chunked", body, strlen(body));
    assert_int_equal(res->npr, 0);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->p[0].body, "<p>Hello world</p>");
    assert_string_equal(res->p[1].body, "<p>next</p>");
    free_result(res);
}

static void test_chunked_body_without_last_chunk_is_kept_and_reported(void **state)
{
    const char body[] = "5\r\n<p>He\r\n4\r\nllo";   /* cut inside a chunk */
    result *res;
    (void)state;

    res = read_encoded("\r\nTransfer-Encoding: chunked", body, strlen(body));
    assert_int_equal(res->n, 2);
    assert_string_equal(res->p[0].body, "<p>Hello");
    assert_int_equal(res->npr, 1);
    assert_int_equal(res->pr[0].rejected, 0);
    assert_true(problem_says(res, "chunk"));
    assert_int_equal(res->pr[0].offset, res->p[0].offset);
    free_result(res);
}

static void test_chunk_size_lie_keeps_what_was_read(void **state)
{
    const char body[] = "5\r\n<p>He\r\nzz\r\nllo\r\n0\r\n\r\n";
    result *res;
    (void)state;

    res = read_encoded("\r\nTransfer-Encoding: chunked", body, strlen(body));
    assert_int_equal(res->n, 2);
    assert_string_equal(res->p[0].body, "<p>He");
    assert_int_equal(res->npr, 1);
    assert_true(problem_says(res, "chunk"));
    free_result(res);
}

static void test_chunked_header_on_a_plain_body_reads_it_as_is(void **state)
{
    result *res;
    (void)state;

    res = read_encoded("\r\nTransfer-Encoding: chunked", page_html,
                       strlen(page_html));
    assert_int_equal(res->n, 2);
    assert_string_equal(res->p[0].body, page_html);
    free_result(res);
}

static void test_gzip_deflate_and_brotli_bodies_are_decoded(void **state)
{
    static const struct { const char *header; int window; } cases[] = {
        { "\r\nContent-Encoding: gzip", 31 },
        { "\r\nContent-Encoding: x-gzip", 31 },
        { "\r\nContent-Encoding: deflate", 15 },
        { "\r\nContent-Encoding: deflate", -15 },
        { "\r\nContent-Encoding: br", 0 },
        { "\r\nContent-Encoding: identity", 1 },
    };
    (void)state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        text z;
        result *res;
        if (cases[i].window == 0)
            z = brotli(page_html, strlen(page_html));
        else if (cases[i].window == 1) {
            z.s = strdup(page_html);
            z.len = strlen(page_html);
        } else
            z = deflated(page_html, strlen(page_html), cases[i].window);
        res = read_encoded(cases[i].header, z.s, z.len);
        assert_int_equal(res->npr, 0);
        assert_int_equal(res->n, 2);
        assert_int_equal(res->p[0].body_len, strlen(page_html));
        assert_string_equal(res->p[0].body, page_html);
        free_result(res);
        free(z.s);
    }
}

static void test_chunked_and_gzip_together(void **state)
{
    text z = deflated(page_html, strlen(page_html), 31), body = { 0 };
    size_t half = z.len / 2;
    result *res;
    (void)state;

    putf(&body, "%zx\r\n", half);
    put(&body, z.s, half);
    putf(&body, "\r\n%zx\r\n", z.len - half);
    put(&body, z.s + half, z.len - half);
    put(&body, "\r\n0\r\n\r\n", 7);
    res = read_encoded("\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip",
                       body.s, body.len);
    assert_int_equal(res->npr, 0);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->p[0].body, page_html);
    free_result(res);
    free(z.s);
    free(body.s);
}

static void test_unknown_encoding_skips_the_page(void **state)
{
    result *res;
    (void)state;

    res = read_encoded("\r\nContent-Encoding: zstd", "\x28\xb5\x2f\xfd", 4);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->p[0].uri, "http://example.com/b");
    assert_int_equal(res->npr, 1);
    assert_int_equal(res->pr[0].rejected, 1);
    assert_true(problem_says(res, "zstd"));
    assert_int_equal(res->counts.html_skipped, 1);
    free_result(res);
}

static void test_corrupt_gzip_body_keeps_what_decoded(void **state)
{
    text z = deflated(page_html, strlen(page_html), 31);
    result *res;
    (void)state;

    res = read_encoded("\r\nContent-Encoding: gzip", z.s, z.len - 6);
    assert_int_equal(res->n, 2);
    assert_true(res->p[0].body_len > 0);
    assert_memory_equal(res->p[0].body, page_html, res->p[0].body_len);
    assert_int_equal(res->npr, 1);
    assert_int_equal(res->pr[0].rejected, 0);
    free_result(res);
    free(z.s);

    res = read_encoded("\r\nContent-Encoding: gzip", "not gzip at all", 15);
    assert_int_equal(res->n, 1);            /* nothing decoded: no page */
    assert_string_equal(res->p[0].uri, "http://example.com/b");
    assert_int_equal(res->npr, 1);
    assert_int_equal(res->pr[0].rejected, 1);
    free_result(res);
}

/* How much of a broken Brotli body comes out depends on where the reads
 * end (fuzz_warc found it), so none of it is kept. */
static void test_broken_brotli_body_skips_the_page(void **state)
{
    text z = brotli(page_html, strlen(page_html));
    result *res;
    (void)state;

    res = read_encoded("\r\nContent-Encoding: br", z.s, z.len - 3);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->p[0].uri, "http://example.com/b");
    assert_int_equal(res->npr, 1);
    assert_int_equal(res->pr[0].rejected, 1);
    assert_true(problem_says(res, "Brotli"));
    free_result(res);
    free(z.s);
}

/* ---- Memory -------------------------------------------------------- */

static void test_page_over_the_limit_is_skipped_and_the_next_read(void **state)
{
    size_t n = CORPUS_MAX_ARTICLE_BYTES + 1;
    char *big = malloc(n);
    result *res;
    (void)state;

    assert_non_null(big);
    memset(big, 'a', n);
    res = read_encoded("", big, n);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->p[0].uri, "http://example.com/b");
    assert_int_equal(res->npr, 1);
    assert_int_equal(res->pr[0].rejected, 1);
    assert_true(problem_says(res, "bigger than"));
    assert_int_equal(res->counts.html_skipped, 1);
    free_result(res);

    /* Exactly the limit is a page. */
    res = read_encoded("", big, n - 1);
    assert_int_equal(res->n, 2);
    assert_int_equal(res->p[0].body_len, n - 1);
    free_result(res);
    free(big);
}

static void test_gzip_bomb_stops_at_the_limit(void **state)
{
    size_t n = CORPUS_MAX_ARTICLE_BYTES * 4;
    char *zeros = calloc(1, n);
    text z;
    result *res;
    (void)state;

    assert_non_null(zeros);
    z = deflated(zeros, n, 31);
    free(zeros);
    res = read_encoded("\r\nContent-Encoding: gzip", z.s, z.len);
    assert_int_equal(res->n, 1);
    assert_int_equal(res->npr, 1);
    assert_true(problem_says(res, "bigger than"));
    free_result(res);
    free(z.s);
}

/* ---- Damage -------------------------------------------------------- */

static void test_content_length_too_short_resynchronises(void **state)
{
    text t = { 0 };
    const char *block = "<p>one two three</p>";
    result *res;
    (void)state;

    record(&t, "resource", "http://e.com/1", "text/html", "<p>1</p>", 8);
    record_lying(&t, "resource", "http://e.com/2", "text/html", block,
                 strlen(block), -5);
    record(&t, "resource", "http://e.com/3", "text/html", "<p>3</p>", 8);
    res = read_text(&t);
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 3);
    assert_string_equal(res->p[0].uri, "http://e.com/1");
    /* The record is read to its stated length: the page is cut. */
    assert_string_equal(res->p[1].body, "<p>one two thre");
    assert_string_equal(res->p[2].uri, "http://e.com/3");
    assert_int_equal(res->npr, 1);
    assert_int_equal(res->pr[0].rejected, 1);
    assert_true(problem_says(res, "WARC/1."));
    /* The offset is where the junk starts, inside record 2. */
    assert_int_equal(res->pr[0].offset,
                     (long long)(strstr(t.s, "three</p>") + 4 - t.s));
    assert_int_equal(res->counts.damaged, 1);
    free_result(res);
    free(t.s);
}

static void test_content_length_too_long_loses_only_what_it_covers(void **state)
{
    text t = { 0 }, second = { 0 };
    result *res;
    (void)state;

    record(&t, "resource", "http://e.com/2", "text/html", "<p>2</p>", 8);
    record(&second, "resource", "http://e.com/1", "text/html", "<p>1</p>",
           8);
    record_lying(&second, "resource", "http://e.com/lie", "text/html",
                 "<p>x</p>", 8, 20);
    put(&second, t.s, t.len);
    record(&second, "resource", "http://e.com/3", "text/html", "<p>3</p>",
           8);
    res = read_text(&second);
    assert_int_equal(res->rc, 0);
    assert_string_equal(res->p[0].uri, "http://e.com/1");
    assert_string_equal(res->p[res->n - 1].uri, "http://e.com/3");
    assert_true(res->npr >= 1);
    assert_int_equal(res->pr[0].rejected, 1);
    free_result(res);
    free(t.s);
    free(second.s);
}

static void test_junk_before_the_first_record_is_skipped(void **state)
{
    text t = { 0 };
    result *res;
    (void)state;

    putf(&t, "garbage WARC/1.0 not at a line start\r\n");
    record(&t, "resource", "http://e.com/1", "text/html", "<p>1</p>", 8);
    res = read_text(&t);
    assert_int_equal(res->n, 1);
    assert_int_equal(res->npr, 1);
    assert_int_equal(res->pr[0].offset, 0);
    free_result(res);
    free(t.s);
}

static void test_truncated_file_keeps_pages_before(void **state)
{
    text t = { 0 };
    result *res;
    (void)state;

    record(&t, "resource", "http://e.com/1", "text/html", "<p>1</p>", 8);
    html_response(&t, "http://e.com/2", page_html);
    for (size_t cut = t.len - 30; cut < t.len - 4; cut += 7) {
        res = read_text_len(t.s, cut);
        assert_int_equal(res->n, 1);
        assert_string_equal(res->p[0].uri, "http://e.com/1");
        assert_int_equal(res->npr, 1);
        assert_int_equal(res->pr[0].rejected, 1);
        assert_true(problem_says(res, "cut short"));
        free_result(res);
    }
    /* Cut in the header block too. */
    res = read_text_len(t.s, strstr(strstr(t.s + 1, "WARC/1.0"),
                                    "Content-Length") - t.s);
    assert_int_equal(res->n, 1);
    assert_int_equal(res->npr, 1);
    free_result(res);
    free(t.s);
}

static void test_missing_content_length_resynchronises(void **state)
{
    text t = { 0 };
    result *res;
    (void)state;

    putf(&t, "WARC/1.0\r\nWARC-Type: resource\r\n\r\nbody\r\n\r\n");
    record(&t, "resource", "http://e.com/1", "text/html", "<p>1</p>", 8);
    res = read_text(&t);
    assert_int_equal(res->n, 1);
    assert_int_equal(res->npr, 1);
    assert_true(problem_says(res, "Content-Length"));
    assert_int_equal(res->counts.damaged, 1);
    free_result(res);
    free(t.s);
}

static void test_read_error_is_reported_and_sticky(void **state)
{
    text t = { 0 };
    result *res;
    source src;
    (void)state;

    record(&t, "resource", "http://e.com/1", "text/html", "<p>1</p>", 8);
    record(&t, "resource", "http://e.com/2", "text/html", "<p>2</p>", 8);
    src = (source){ t.s, t.len, 0, 65536, t.len - 20 };
    res = read_all(&src, 0);
    assert_int_equal(res->rc, -1);
    assert_int_equal(res->n, 1);
    assert_true(problem_says(res, "injected read error"));
    free_result(res);
    free(t.s);
}

static void test_empty_and_blank_streams_have_no_pages(void **state)
{
    result *res;
    (void)state;

    res = read_text_len("", 0);
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 0);
    assert_int_equal(res->npr, 0);
    free_result(res);
}

/* ---- ARC ----------------------------------------------------------- */

static void test_arc_records_are_read(void **state)
{
    text t = { 0 }, http = { 0 };
    const char *version = "1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n";
    result *res;
    (void)state;

    putf(&t, "filedesc://test.arc 0.0.0.0 20140216050221 text/plain %zu\n%s\n",
         strlen(version), version);
    putf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n%s", page_html);
    putf(&t, "http://example.com/ 93.184.216.119 20140216050221 text/html %zu\n",
         http.len);
    put(&t, http.s, http.len);
    put(&t, "\n", 1);
    putf(&t, "http://example.com/a.css 93.184.216.119 20140216050221 text/css 3\nabc\n");
    res = read_text(&t);
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->npr, 0);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->p[0].uri, "http://example.com/");
    assert_string_equal(res->p[0].date, "2014-02-16");
    assert_string_equal(res->p[0].body, page_html);
    assert_int_equal(res->counts.records, 3);
    assert_int_equal(res->counts.warcinfo, 1);
    assert_int_equal(res->counts.response_non_html, 1);
    free_result(res);
    free(t.s);
    free(http.s);
}

/* ---- Sniffing ------------------------------------------------------ */

static void test_sniff(void **state)
{
    (void)state;
    assert_true(warc_sniff("WARC/1.0\r\n", 10));
    assert_true(warc_sniff("WARC/1.1\r\n", 10));
    assert_true(warc_sniff("WARC/0.17\r\n", 11));
    assert_true(warc_sniff("WARC/0.18\n", 10));
    assert_true(warc_sniff("filedesc://x.arc 0.0.0.0 2014 text/plain 9\n", 44));
    assert_false(warc_sniff("WARC/2.0\r\n", 10));
    assert_false(warc_sniff("WARC/", 5));
    assert_false(warc_sniff(" date 2021-04-06", 16));
    assert_false(warc_sniff("<html>", 6));
    assert_false(warc_sniff("", 0));
}

/* ---- The shared archives against their inventories ----------------- */

static const char *formats_dir(char *buf, size_t size)
{
    const char *shared = getenv("GAZETTE_SHARED");
    snprintf(buf, size, "%s/formats/warc", shared ? shared : "../shared");
    return access(buf, R_OK) == 0 ? buf : NULL;
}

/* The whole uncompressed stream of PATH (gzip or not), malloc()ed. */
static text slurp_gz(const char *path)
{
    text t = { 0 };
    char buf[65536];
    int n;
    gzFile gz = gzopen(path, "rb");
    assert_non_null(gz);
    while ((n = gzread(gz, buf, sizeof buf)) > 0)
        put(&t, buf, (size_t)n);
    assert_true(n == 0);
    gzclose(gz);
    return t;
}

static int is_html_type(const char *ct)
{
    size_t n = strcspn(ct, "; \t");
    return (n == 9 && strncasecmp(ct, "text/html", 9) == 0) ||
           (n == 21 && strncasecmp(ct, "application/xhtml+xml", 21) == 0);
}

/* The target URIs the inventory's record_list says are pages. */
static size_t expected_pages(json_t *inv, const char **uris, size_t max)
{
    json_t *list = json_object_get(inv, "record_list"), *rec;
    size_t i, n = 0;

    json_array_foreach(list, i, rec) {
        const char *type = json_string_value(json_object_get(rec, "type"));
        const char *ct = json_string_value(json_object_get(rec, "content_type"));
        const char *hct = json_string_value(json_object_get(rec, "http_content_type"));
        const char *status = json_string_value(json_object_get(rec, "http_status"));
        const char *code = status ? strchr(status, ' ') : NULL;
        int page;
        if (type && strcmp(type, "resource") == 0)
            page = ct && is_html_type(ct);
        else if (!type || strcmp(type, "response") == 0)
            page = hct && is_html_type(hct) && code && code[1] == '2';
        else
            page = 0;
        if (page && n < max)
            uris[n++] = json_string_value(json_object_get(rec, "target"));
    }
    return n;
}

static unsigned long inventory_count(json_t *inv, const char *type)
{
    return (unsigned long)json_integer_value(
        json_object_get(json_object_get(inv, "record_types"), type));
}

static int notes_say(json_t *inv, const char *what)
{
    json_t *note;
    size_t i;
    json_array_foreach(json_object_get(inv, "strict_parse_notes"), i, note)
        if (strstr(json_string_value(note) ? json_string_value(note) : "", what))
            return 1;
    return 0;
}

static int find_text(const page_copy *p, const char *s)
{
    return memmem(p->body, p->body_len, s, strlen(s)) != NULL;
}

static void check_shared_file(const char *path, const char *name)
{
    char jpath[4500];
    json_error_t jerr;
    json_t *inv;
    text t;
    result *res;
    const char *uris[MAX_PAGES];
    size_t n;
    /* "unparseable data": records past the damage that a strict reader
     * lost and this one recovers. */
    int recovers;

    assert_true((size_t)snprintf(jpath, sizeof jpath, "%s.json", path) <
                sizeof jpath);
    inv = json_load_file(jpath, 0, &jerr);
    assert_non_null(inv);
    recovers = notes_say(inv, "unparseable");
    t = slurp_gz(path);
    res = read_text(&t);
    print_message("%s: %d pages, %d problems\n", name, res->n, res->npr);
    assert_true(warc_sniff(t.s, t.len));
    assert_int_equal(res->rc, 0);
    n = expected_pages(inv, uris, MAX_PAGES);
    assert_int_equal((size_t)res->n, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(res->p[i].uri, uris[i]);
        assert_true(res->p[i].body_len > 0);
    }
    if (strcmp(json_string_value(json_object_get(inv, "format")), "WARC") == 0) {
        static const char *const types[] = { "revisit", "request", "metadata",
                                             "warcinfo" };
        const unsigned long got[] = { res->counts.revisit, res->counts.request,
                                      res->counts.metadata, res->counts.warcinfo };
        for (size_t i = 0; i < 4; i++) {
            if (recovers)
                assert_true(got[i] >= inventory_count(inv, types[i]));
            else
                assert_int_equal(got[i], inventory_count(inv, types[i]));
        }
        if (!recovers)
            assert_int_equal(res->counts.records,
                             json_integer_value(json_object_get(inv, "records")));
    }
    if (strncmp(name, "transfer_compression_", 21) == 0) {
        assert_int_equal(res->n, 1);
        assert_true(find_text(&res->p[0], "Extremely simple webpage used for "
                              "testing GZip and Brotli transmission "
                              "compression."));
    }
    /* Damage is reported where the inventory knows of it. */
    if (strcmp(name, "example-trunc.warc") == 0) {
        assert_true(res->npr >= 1);
        assert_int_equal(res->counts.request, 1);
    }
    free_result(res);
    free(t.s);
    json_decref(inv);
}

static void test_every_shared_archive_matches_its_inventory(void **state)
{
    char dir[4096], sub[4200], path[4500];
    static const char *const projects[] = { "warcio", "pywb", "jwarc",
                                            "gowarc", "ukwa" };
    int files = 0;
    (void)state;

    if (!formats_dir(dir, sizeof dir)) {
        print_message("skipped: no ../shared/formats/warc\n");
        skip();
    }
    for (size_t i = 0; i < sizeof projects / sizeof *projects; i++) {
        DIR *d;
        struct dirent *e;
        snprintf(sub, sizeof sub, "%s/%s", dir, projects[i]);
        d = opendir(sub);
        assert_non_null(d);
        while ((e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (e->d_name[0] == '.' ||
                (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0))
                continue;
            snprintf(path, sizeof path, "%s/%s", sub, e->d_name);
            check_shared_file(path, e->d_name);
            files++;
        }
        closedir(d);
    }
    assert_int_equal(files, 28);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_response_is_a_page_with_its_fields),
        cmocka_unit_test(test_skipped_records_are_counted_and_revisits_never_pages),
        cmocka_unit_test(test_uri_blanks_and_bad_bytes_are_cleaned),
        cmocka_unit_test(test_invalid_warc_date_is_null_and_charset_junk_dropped),
        cmocka_unit_test(test_content_language_first_tag),
        cmocka_unit_test(test_chunked_body_is_dechunked),
        cmocka_unit_test(test_chunked_body_without_last_chunk_is_kept_and_reported),
        cmocka_unit_test(test_chunk_size_lie_keeps_what_was_read),
        cmocka_unit_test(test_chunked_header_on_a_plain_body_reads_it_as_is),
        cmocka_unit_test(test_gzip_deflate_and_brotli_bodies_are_decoded),
        cmocka_unit_test(test_chunked_and_gzip_together),
        cmocka_unit_test(test_unknown_encoding_skips_the_page),
        cmocka_unit_test(test_corrupt_gzip_body_keeps_what_decoded),
        cmocka_unit_test(test_broken_brotli_body_skips_the_page),
        cmocka_unit_test(test_page_over_the_limit_is_skipped_and_the_next_read),
        cmocka_unit_test(test_gzip_bomb_stops_at_the_limit),
        cmocka_unit_test(test_content_length_too_short_resynchronises),
        cmocka_unit_test(test_content_length_too_long_loses_only_what_it_covers),
        cmocka_unit_test(test_junk_before_the_first_record_is_skipped),
        cmocka_unit_test(test_truncated_file_keeps_pages_before),
        cmocka_unit_test(test_missing_content_length_resynchronises),
        cmocka_unit_test(test_read_error_is_reported_and_sticky),
        cmocka_unit_test(test_empty_and_blank_streams_have_no_pages),
        cmocka_unit_test(test_arc_records_are_read),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_every_shared_archive_matches_its_inventory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
