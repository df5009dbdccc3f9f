/* plan.c - the parts of a build from nothing, and the pieces of big files. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/report.h"
#include "corpus.h"
#include "error.h"
#include "plan.h"
#include "walk.h"

/* The most cut points GAZETTE_PIECE_CUTS may give. */
#define PLAN_MAX_TEST_CUTS 64

/* The size of PATH's text (what corpus_set_range() counts in), for
 * cutting it evenly only: nothing depends on it being right, as the last
 * piece runs to the file's end.  A gzip file ends with its last member's
 * size modulo 2^32; of the sizes that leaves, the one nearest three times
 * the file's (news text compresses 2.7 to 3.5 times) is taken, unless it
 * is less than the file (a file of several members, whose last is
 * small): then three times the file. */
static long long text_size(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    unsigned char head[2], tail[4];
    long long size = -1, text;
    if (fd < 0)
        return 0;
    if (fstat(fd, &sb) == 0)
        size = (long long)sb.st_size;
    text = size;
    if (size >= 18 && pread(fd, head, 2, 0) == 2 && head[0] == 0x1f &&
        head[1] == 0x8b && pread(fd, tail, 4, size - 4) == 4) {
        long long isize = tail[0] | tail[1] << 8 | tail[2] << 16 |
                          (long long)tail[3] << 24;
        long long want = 3 * size, wrap = (long long)1 << 32;
        while (isize + wrap / 2 < want)
            isize += wrap;
        text = isize >= size ? isize : want;
    }
    close(fd);
    return text > 0 ? text : 0;
}

static gz_status add_piece(plan *p, size_t *cap, const char *path,
                           const plan_piece *piece)
{
    if (p->n == *cap) {
        size_t more = *cap ? *cap * 2 : 64;
        plan_piece *ps = realloc(p->pieces, more * sizeof *ps);
        if (!ps)
            return gz_error_set(GZ_EOOM, "out of memory planning the parts");
        p->pieces = ps;
        *cap = more;
    }
    plan_piece *to = &p->pieces[p->n];
    *to = *piece;
    if (!(to->path = strdup(path)))
        return gz_error_set(GZ_EOOM, "out of memory planning the parts");
    p->n++;
    return GZ_OK;
}

/* GAZETTE_PIECE_CUTS's offsets into CUTS (room for PLAN_MAX_TEST_CUTS),
 * in increasing order; their count, or -1 when the variable is unset or
 * empty. */
static int test_cuts(long long *cuts)
{
    const char *s = getenv("GAZETTE_PIECE_CUTS");
    int n = 0;
    if (!s || !*s)
        return -1;
    while (*s && n < PLAN_MAX_TEST_CUTS) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (end == s)
            break;
        if (v > 0 && (n == 0 || v > cuts[n - 1]))
            cuts[n++] = v;
        s = *end == ',' ? end + 1 : end;
    }
    return n;
}

/* Where file of WORK, whose work starts at BEFORE of TOTAL, is cut: the
 * boundaries between parts that fall in it at least PLAN_MIN_PIECE from
 * either end, as work offsets into CUTS (room for PARTS - 1). */
static int part_cuts(long long before, long long work, long long total,
                     unsigned parts, long long *cuts)
{
    int n = 0;
    if (work < 2 * PLAN_MIN_PIECE)
        return 0;
    for (unsigned k = 1; k < parts; k++) {
        long long at = (long long)((long double)total * k / parts) - before;
        if (at >= PLAN_MIN_PIECE && at <= work - PLAN_MIN_PIECE)
            cuts[n++] = at;
    }
    return n;
}

/* The part whose share of TOTAL holds the work offset AT. */
static unsigned part_at(long double at, long long total, unsigned parts)
{
    unsigned part = (unsigned)(at * parts / (total ? total : 1));
    return part < parts ? part : parts - 1;
}

/* Add the pieces of PATH, of WORK starting at BEFORE of TOTAL. */
static gz_status plan_file(plan *p, size_t *cap, const char *path,
                           long long work, long long before, long long total,
                           unsigned parts)
{
    long long cuts[PLAN_MAX_TEST_CUTS + 1], text = 0;
    int forced = -1, n = 0;
    gz_status st;
    plan_piece piece;
    memset(&piece, 0, sizeof piece);
    if (parts > 1 && corpus_is_jsonl(path)) {
        text = text_size(path);
        forced = test_cuts(cuts);
        if (forced >= 0) {      /* text offsets */
            n = forced;
        } else if (text > 0) {  /* work offsets, made text offsets */
            n = part_cuts(before, work, total, parts, cuts);
            for (int k = 0; k < n; k++)
                cuts[k] = (long long)((long double)cuts[k] * text / work);
        }
    }
    cuts[n] = text;     /* the last piece's end, as a text offset */
    piece.split = n > 0;
    for (int k = 0; k <= n; k++) {
        long long from = k ? cuts[k - 1] : 0, to = cuts[k];
        piece.start = from;
        piece.end = k < n ? to : -1;
        piece.work_from = text ? (long long)((long double)from * work / text) : 0;
        piece.work = (text ? (long long)((long double)to * work / text) : work) -
                     piece.work_from;
        piece.part = forced >= 0 ? (unsigned)(k * parts / (n + 1))
                     : part_at(before + piece.work_from + (piece.work + 1) / 2.0L,
                               total, parts);
        plan_piece *last = k ? &p->pieces[p->n - 1] : NULL;
        if (last && last->part == piece.part) {
            /* A part reads one piece of a file: it takes this one too. */
            last->end = piece.end;
            last->work += piece.work;
        } else if ((st = add_piece(p, cap, path, &piece)) != GZ_OK) {
            return st;
        }
    }
    /* Cut points that all gave one part leave one piece: no split. */
    p->pieces[p->n - 1].split &= p->pieces[p->n - 1].start > 0 ||
                                 p->pieces[p->n - 1].end >= 0;
    return GZ_OK;
}

gz_status plan_make(char *const *paths, const long long *work, size_t n,
                    unsigned parts, plan *p)
{
    long long total = 0, before = 0;
    size_t cap = 0;
    gz_status st = GZ_OK;
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < n; i++)
        total += work[i] + 1;
    for (size_t i = 0; st == GZ_OK && i < n; i++) {
        st = plan_file(p, &cap, paths[i], work[i], before, total, parts);
        before += work[i] + 1;
    }
    if (st != GZ_OK)
        plan_free(p);
    return st;
}

int plan_piece_of(plan *p, size_t *at, const char *path, unsigned part,
                  unsigned parts, plan_piece **piece)
{
    *piece = NULL;
    while (*at < p->n && walk_order(p->pieces[*at].path, path) < 0)
        (*at)++;
    if (*at == p->n || strcmp(p->pieces[*at].path, path) != 0)
        return part == parts - 1;
    for (size_t i = *at; i < p->n && strcmp(p->pieces[i].path, path) == 0; i++)
        if (p->pieces[i].part == part) {
            if (p->pieces[i].split)
                *piece = &p->pieces[i];
            return 1;
        }
    return 0;
}

/* Write the bookkeeping of the file split into PC[0..N). */
static gz_status write_state(const plan_piece *pc, size_t n, index_writer *w)
{
    const filestate *first = &pc[0].state;
    filestate all;
    size_t nids = 0;
    int whole = pc[0].read, any = 0;
    memset(&all, 0, sizeof all);
    for (size_t k = 0; k < n; k++) {
        const filestate *fs = &pc[k].state;
        if (!pc[k].read) {
            whole = 0;
            continue;
        }
        any = 1;
        nids += fs->nids;
        all.feed |= fs->feed;
        if (fs->size < 0 || (pc[0].read && (fs->size != first->size ||
                                            fs->mtime_ns != first->mtime_ns)))
            whole = 0;
    }
    if (!any)       /* as for a file the run could not read at all */
        return GZ_OK;
    /* The pieces' ids are borrowed, not copied: only the array is freed. */
    if (!(all.ids = malloc((nids + 1) * sizeof *all.ids)))
        return gz_error_set(GZ_EOOM, "out of memory");
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; pc[k].read && i < pc[k].state.nids; i++)
            all.ids[all.nids++] = pc[k].state.ids[i];
    all.path = pc[0].path;
    all.size = whole ? first->size : -1;
    all.mtime_ns = pc[0].read ? first->mtime_ns : 0;
    all.crc = pc[0].read ? first->crc : 0;
    /* The last piece read on to the end of the file: where it stopped is
     * where a later run reads on from, once the file grows. */
    if (whole && pc[n - 1].read)
        all.end = pc[n - 1].state.end;
    gz_status st = filestate_put(w, &all);
    free(all.ids);
    return st;
}

gz_status plan_write_states(const plan *p, index_writer *w)
{
    gz_status st = GZ_OK;
    for (size_t i = 0, j; st == GZ_OK && i < p->n; i = j) {
        for (j = i + 1; j < p->n && strcmp(p->pieces[j].path,
                                           p->pieces[i].path) == 0; j++)
            ;
        if (p->pieces[i].split)
            st = write_state(&p->pieces[i], j - i, w);
    }
    return st;
}

void plan_show(const plan *p)
{
    if (!getenv("GAZETTE_SHOW_PIECES"))
        return;
    for (size_t i = 0; i < p->n; i++)
        if (p->pieces[i].split)
            report_note("piece %s %lld %lld part %u", p->pieces[i].path,
                        p->pieces[i].start, p->pieces[i].end,
                        p->pieces[i].part);
}

void plan_free(plan *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->pieces[i].path);
        filestate_free(&p->pieces[i].state);
    }
    free(p->pieces);
    memset(p, 0, sizeof *p);
}
