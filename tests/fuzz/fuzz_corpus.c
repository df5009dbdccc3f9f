/* fuzz_corpus.c - write a fuzz input to a scratch file and read it back
 * through corpus_open()/corpus_next(), checking corpus.h's promises.
 *
 * The promises checked: every string of an article is non-NULL, NUL-free
 * valid UTF-8 and BODY_LEN long; DATE is NULL or a real YYYY-MM-DD; lines
 * are 1-based and rise; SITE is a host name (no upper-case letter, no
 * blank, no '/'); an article file gives at most one article; -1
 * comes only after a PROBLEM_REJECTED, and once 0 or -1 has come it keeps
 * coming; each problem names the file and has a valid UTF-8 message (it
 * ends up in --report's JSON, which must stay well-formed); the counters
 * agree with the callbacks. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "corpus.h"
#include "date.h"
#include "fuzz.h"
#include "fuzz_corpus.h"

typedef struct reading {
    const char *path;
    const char *name;
    unsigned problems, warnings, rejected;
    uLong crc;
} reading;

static char scratch_dir[256];

static void remove_scratch_dir(void)
{
    if (scratch_dir[0])
        rmdir(scratch_dir);
}

/* The directory, made on first use: RAM-backed when /dev/shm is there,
 * as one file is written per input. */
static const char *scratch(void)
{
    const char *tmp = getenv("TMPDIR");

    if (scratch_dir[0])
        return scratch_dir;
    if (!tmp || !tmp[0])
        tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(scratch_dir, sizeof scratch_dir, "%s/gz-fuzz-XXXXXX", tmp);
    if (!mkdtemp(scratch_dir)) {
        fprintf(stderr, "fuzz_corpus: mkdtemp %s: %s\n", scratch_dir,
                strerror(errno));
        abort();
    }
    atexit(remove_scratch_dir);
    return scratch_dir;
}

static void write_file(const char *path, const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

    FUZZ_CHECK(fd >= 0);
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        FUZZ_CHECK(n > 0);
        data += n;
        size -= (size_t)n;
    }
    FUZZ_CHECK(close(fd) == 0);
}

static void digest(reading *rd, const char *s, size_t n)
{
    rd->crc = crc32(rd->crc, (const Bytef *)s, (uInt)n);
    rd->crc = crc32(rd->crc, (const Bytef *)"\x1f", 1);
}

static void digest_long(reading *rd, long long v)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    digest(rd, num, strlen(num));
}

static void on_problem(void *ctx, const char *path, long line,
                       long long offset, problem_kind kind,
                       const char *message)
{
    reading *rd = ctx;

    FUZZ_CHECK(path && strcmp(path, rd->path) == 0);
    FUZZ_CHECK(kind == PROBLEM_WARNING || kind == PROBLEM_REJECTED);
    FUZZ_CHECK(line >= 0 && offset >= -1);
    FUZZ_CHECK(message && message[0]);
    FUZZ_CHECK(fuzz_utf8_ok(message, strlen(message)));
    rd->problems++;
    if (kind == PROBLEM_WARNING)
        rd->warnings++;
    else
        rd->rejected++;
    digest_long(rd, line);
    digest_long(rd, offset);
    digest_long(rd, kind);
    digest(rd, message, strlen(message));
}

static void check_string(const char *s)
{
    FUZZ_CHECK(s);
    FUZZ_CHECK(fuzz_utf8_ok(s, strlen(s)));
}

static void check_article(reading *rd, const article *a, long prev_line)
{
    size_t nl = strlen(rd->name);

    check_string(a->id);
    check_string(a->title);
    check_string(a->source);
    check_string(a->url);
    check_string(a->author);
    check_string(a->site);
    FUZZ_CHECK(!strpbrk(a->site, "ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\n/"));
    check_string(a->body);
    FUZZ_CHECK(a->id[0]);
    FUZZ_CHECK(strlen(a->body) == a->body_len);
    if (a->date) {
        const char *d = a->date;
        FUZZ_CHECK(strlen(d) == 10 && d[4] == '-' && d[7] == '-');
        FUZZ_CHECK(date_valid(atoi(d), atoi(d + 5), atoi(d + 8)));
    }
    FUZZ_CHECK(a->line >= 1 && a->line > prev_line);

    /* An id made of the file name ("feed.jsonl:3") is digested without
     * it, so the same lines under another name digest the same. */
    if (strncmp(a->id, rd->name, nl) == 0 && a->id[nl] == ':')
        digest(rd, a->id + nl, strlen(a->id + nl));
    else
        digest(rd, a->id, strlen(a->id));
    digest(rd, a->date ? a->date : "-", a->date ? 10 : 1);
    digest(rd, a->title, strlen(a->title));
    digest(rd, a->source, strlen(a->source));
    digest(rd, a->url, strlen(a->url));
    digest(rd, a->author, strlen(a->author));
    digest(rd, a->site, strlen(a->site));
    digest(rd, a->body, a->body_len);
    digest_long(rd, a->line);
}

uint32_t fuzz_corpus_read(const char *name, const uint8_t *data, size_t size)
{
    char path[512];
    reading rd = { path, name, 0, 0, 0, crc32(0L, Z_NULL, 0) };
    corpus_reader *r = NULL;
    article a;
    long prev_line = 0, articles = 0, lines = 1;
    int rc;

    snprintf(path, sizeof path, "%s/%s", scratch(), name);
    write_file(path, data, size);
    FUZZ_CHECK(corpus_open(path, on_problem, &rd, &r) == GZ_OK && r);
    /* The reader holds the file open: unlinked now, it is gone even if
     * a check below aborts the process. */
    unlink(path);

    /* No more articles than lines: a JSON line is one article at most,
     * an article file one in all.  Only a plain file's lines can be
     * counted on its bytes. */
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    while ((rc = corpus_next(r, &a)) == 1) {
        check_article(&rd, &a, prev_line);
        prev_line = a.line;
        articles++;
        FUZZ_CHECK(corpus_is_jsonl(path) || articles == 1);
        if (!strstr(name, ".gz"))
            FUZZ_CHECK(articles <= lines);
    }
    FUZZ_CHECK(rc == 0 || rc == -1);
    FUZZ_CHECK(rc == 0 || rd.rejected > 0);
    FUZZ_CHECK(a.id == NULL && a.body == NULL);
    digest_long(&rd, rc);
    FUZZ_CHECK(corpus_next(r, &a) == rc && corpus_next(r, &a) == rc);
    FUZZ_CHECK(corpus_warnings(r) == rd.warnings);
    FUZZ_CHECK(corpus_rejected(r) == rd.rejected);
    corpus_close(r);
    return (uint32_t)rd.crc;
}
