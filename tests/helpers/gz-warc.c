/* gz-warc [-q] FILE...: the pages common/warc.c finds in each WARC or ARC
 * FILE (gzip or not, read through zlib as corpus.c does; "-" is stdin).
 *
 * One JSON line a page on stdout (none with -q):
 *   {"file","offset","uri","date","content_type","charset","body_bytes",
 *    "head"}   (head: the body's first 80 bytes, repaired to UTF-8)
 * each problem on stderr as "gz-warc: FILE: offset N: [rejected] MESSAGE",
 * and, per file, a summary line on stderr with the counts of warc.h and
 * the process's peak RSS so far.  For looking at an archive and for the
 * memory and speed figures of BENCHMARKS.md.  Exit 0, 1 when a file could
 * not be read to its end, 2 on a usage error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#include "utf8.h"
#include "warc.h"

static long read_gz(void *ctx, char *buf, size_t n, const char **err)
{
    int errnum;
    int got = gzread(ctx, buf, n > 1u << 30 ? 1u << 30 : (unsigned)n);
    if (got < 0) {
        *err = gzerror(ctx, &errnum);
        return -1;
    }
    return got;
}

static void on_problem(void *ctx, long long offset, int rejected,
                       const char *message)
{
    fprintf(stderr, "gz-warc: %s: offset %lld: %s%s\n", (const char *)ctx,
            offset, rejected ? "rejected: " : "", message);
}

static void print_page(const char *file, const warc_page *p)
{
    size_t head_len;
    char *head = utf8_repair(p->body, p->body_len < 80 ? p->body_len : 80,
                             &head_len);
    json_t *o = json_pack("{s:s, s:I, s:s, s:s?, s:s, s:s?, s:I, s:s}",
                          "file", file, "offset", (json_int_t)p->offset,
                          "uri", p->uri, "date", p->warc_date,
                          "content_type", p->content_type,
                          "charset", p->charset,
                          "body_bytes", (json_int_t)p->body_len,
                          "head", head ? head : "");
    char *line = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

    if (line)
        puts(line);
    free(line);
    json_decref(o);
    free(head);
}

static int read_file(const char *file, int quiet)
{
    gzFile gz = strcmp(file, "-") == 0 ? gzdopen(dup(0), "rb")
                                       : gzopen(file, "rb");
    warc_reader *r = NULL;
    warc_page p;
    warc_counts c;
    struct rusage ru;
    int rc = -1;

    if (!gz) {
        fprintf(stderr, "gz-warc: %s: cannot open\n", file);
        return 1;
    }
    if (warc_open(read_gz, gz, NULL, 0, on_problem, (void *)file, &r) != GZ_OK)
        goto done;
    while ((rc = warc_next(r, &p)) == 1)
        if (!quiet)
            print_page(file, &p);
    warc_get_counts(r, &c);
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "gz-warc: %s: records %lu pages %lu revisit %lu "
            "request %lu metadata %lu warcinfo %lu other %lu "
            "resource_non_html %lu response_non_html %lu not_ok_status %lu "
            "html_skipped %lu damaged %lu; peak RSS %ld KB\n", file,
            c.records, c.pages, c.revisit, c.request, c.metadata, c.warcinfo,
            c.other_type, c.resource_non_html, c.response_non_html,
            c.not_ok_status, c.html_skipped, c.damaged, ru.ru_maxrss);
done:
    warc_close(r);
    gzclose(gz);
    return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int quiet = 0, status = 0;

    if (argc > 1 && strcmp(argv[1], "-q") == 0)
        quiet = 1, argc--, argv++;
    if (argc < 2) {
        fprintf(stderr, "usage: gz-warc [-q] FILE...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        status |= read_file(argv[i], quiet);
    return status;
}
