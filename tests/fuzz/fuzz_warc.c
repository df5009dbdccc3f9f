/* fuzz_warc.c - libFuzzer target for common/warc.c.
 *
 * The input is the uncompressed stream of a WARC or ARC file.  It is read
 * twice: in reads as large as the reader asks, with the first bytes handed
 * over as the sniffed prefix, and in reads of 1 to 7 bytes (the size from
 * the input's first byte), and both readings must give the same pages,
 * problems and counts: no rule may depend on where a read ends.  Checks
 * warc.h's promises on every page (strings valid NUL-free UTF-8, a real
 * day or NULL, an HTML type, a plausible charset, the body NUL-terminated
 * and within CORPUS_MAX_ARTICLE_BYTES, offsets rising inside the input)
 * and every problem (valid UTF-8, an offset inside the input), and that
 * without read errors the reader ends with 0 except on a damaged ARC
 * file. */
#include <string.h>

#include "corpus.h"
#include "fuzz.h"
#include "warc.h"

typedef struct source {
    const uint8_t *data;
    size_t size, pos, step;
} source;

/* What one reading gave, kept small: a hash of everything handed out. */
typedef struct outcome {
    unsigned long long hash;
    int rc;
    warc_counts counts;
    long long last_offset;
    size_t size;
} outcome;

static void mix(unsigned long long *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        *h = (*h ^ s[i]) * 1099511628211ULL;
    *h = (*h ^ 0xff) * 1099511628211ULL;
}

static long read_source(void *ctx, char *buf, size_t n, const char **err)
{
    source *src = ctx;
    (void)err;
    if (n > src->step)
        n = src->step;
    if (n > src->size - src->pos)
        n = src->size - src->pos;
    memcpy(buf, src->data + src->pos, n);
    src->pos += n;
    return (long)n;
}

static void on_problem(void *ctx, long long offset, int rejected,
                       const char *message)
{
    outcome *o = ctx;
    FUZZ_CHECK(message && fuzz_utf8_ok(message, strlen(message)));
    FUZZ_CHECK(offset >= 0 && offset <= (long long)o->size);
    FUZZ_CHECK(rejected == 0 || rejected == 1);
    mix(&o->hash, &offset, sizeof offset);
    mix(&o->hash, message, strlen(message));
}

static int charset_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 40)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || strchr("-_.:+", s[i])))
            return 0;
    return 1;
}

static void check_page(outcome *o, const warc_page *p)
{
    FUZZ_CHECK(p->uri && fuzz_utf8_ok(p->uri, strlen(p->uri)));
    FUZZ_CHECK(!p->warc_date ||
               (strlen(p->warc_date) == 10 && p->warc_date[4] == '-' &&
                p->warc_date[7] == '-'));
    FUZZ_CHECK(p->content_type &&
               (strcmp(p->content_type, "text/html") == 0 ||
                strcmp(p->content_type, "application/xhtml+xml") == 0));
    FUZZ_CHECK(!p->charset || charset_ok(p->charset));
    FUZZ_CHECK(p->body && p->body_len > 0 && p->body[p->body_len] == '\0');
    FUZZ_CHECK(p->body_len <= CORPUS_MAX_ARTICLE_BYTES);
    FUZZ_CHECK(p->offset > o->last_offset && p->offset < (long long)o->size);
    o->last_offset = p->offset;
    mix(&o->hash, p->uri, strlen(p->uri));
    mix(&o->hash, p->body, p->body_len);
}

static void read_once(const uint8_t *data, size_t size, size_t step,
                      size_t prefix, outcome *o)
{
    source src = { data, size, prefix, step };
    warc_reader *r;
    warc_page p;
    unsigned long pages = 0;
    size_t blank = 0;
    int rc;

    while (blank < size && (data[blank] == '\r' || data[blank] == '\n'))
        blank++;
    memset(o, 0, sizeof *o);
    o->size = size;
    o->last_offset = -1;
    FUZZ_CHECK(warc_open(read_source, &src, (const char *)data, prefix,
                         on_problem, o, &r) == GZ_OK);
    while ((rc = warc_next(r, &p)) == 1) {
        check_page(o, &p);
        pages++;
    }
    FUZZ_CHECK(warc_next(r, &p) == rc);     /* the end is sticky */
    warc_get_counts(r, &o->counts);
    FUZZ_CHECK(o->counts.pages == pages);
    FUZZ_CHECK(o->counts.records >= pages);
    /* -1 only for an ARC file's damage (no read errors here).  The
     * reader skips blank lines before the first record as it does between
     * records, so an ARC file may start with CRs and LFs. */
    FUZZ_CHECK(rc == 0 || (rc == -1 && size - blank >= 11 &&
                           memcmp(data + blank, "filedesc://", 11) == 0));
    o->rc = rc;
    warc_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    outcome big, small;

    read_once(data, size, (size_t)-1, size < 11 ? size : 11, &big);
    read_once(data, size, 1 + (size ? data[0] % 7 : 0), 0, &small);
    FUZZ_CHECK(big.rc == small.rc && big.hash == small.hash);
    FUZZ_CHECK(memcmp(&big.counts, &small.counts, sizeof big.counts) == 0);
    return 0;
}
