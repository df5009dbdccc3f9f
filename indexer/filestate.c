/* filestate.c - per-file bookkeeping in the index's metadata.
 *
 * Value layout, NUL-separated because paths may hold any byte but NUL:
 *   "f3" NUL path NUL size NUL mtime_ns NUL crc NUL feed NUL end.kind NUL
 *   end.lines NUL end.bytes NUL id NUL id ...
 * "f2" entries (written before appended files were read on, without the
 * three end fields) and "f1" entries (before feeds, without the feed
 * field either) are still read, as files that cannot be read on and
 * never were feeds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "filestate.h"
#include "hash.h"

#define TAG "f3"

/* The fields before the ids, tag included, of each shape of entry. */
static const struct { const char *tag; int fields; } shapes[] = {
    { TAG, 9 }, { "f2", 6 }, { "f1", 5 },
};

static void key_for(const char *path, char key[64])
{
    /* A hash: metadata keys are short, paths need not be.  The basis is
     * FNV's with its last digit lost, as the keys stored since were made. */
    uint64_t h = hash64(1469598103934665603ULL, path, strlen(path));
    snprintf(key, 64, "%s%016llx", FILESTATE_PREFIX, (unsigned long long)h);
}

static int add_idn(filestate *fs, const char *id, size_t len)
{
    if (fs->nids == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 8;
        char **ids = realloc(fs->ids, cap * sizeof *ids);
        if (!ids)
            return -1;
        fs->ids = ids;
        fs->cap = cap;
    }
    if (!(fs->ids[fs->nids] = strndup(id, len)))
        return -1;
    fs->nids++;
    return 0;
}

int filestate_add_id(filestate *fs, const char *id)
{
    return add_idn(fs, id, strlen(id));
}

void filestate_free(filestate *fs)
{
    for (size_t i = 0; i < fs->nids; i++)
        free(fs->ids[i]);
    free(fs->ids);
    free(fs->path);
    memset(fs, 0, sizeof *fs);
}

static gz_status decode(const char *v, size_t len, filestate *fs)
{
    const char *end = v + len, *field[9];
    const char *p = v;
    int nfields = 0;
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++)
        if (strnlen(v, len) == strlen(shapes[k].tag) &&
            memcmp(v, shapes[k].tag, strlen(shapes[k].tag)) == 0)
            nfields = shapes[k].fields;
    if (nfields == 0)
        return gz_error_set(GZ_ECORRUPT, "file bookkeeping entry of an unknown shape");
    for (int i = 0; i < nfields; i++) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        if (!nul)
            return gz_error_set(GZ_ECORRUPT, "file bookkeeping entry is damaged");
        field[i] = p;
        p = nul + 1;
    }
    free(fs->path);
    if (!(fs->path = strdup(field[1])))
        return gz_error_set(GZ_EOOM, "out of memory");
    fs->size = strtoll(field[2], NULL, 10);
    fs->mtime_ns = strtoll(field[3], NULL, 10);
    fs->crc = strtoul(field[4], NULL, 10);
    fs->feed = nfields > 5 && strcmp(field[5], "1") == 0;
    if (nfields > 6) {
        fs->end.kind = (int)strtol(field[6], NULL, 10);
        fs->end.lines = strtol(field[7], NULL, 10);
        fs->end.bytes = strtoll(field[8], NULL, 10);
    }
    while (p < end) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        if (!nul)
            nul = end;
        if (add_idn(fs, p, (size_t)(nul - p)) != 0)
            return gz_error_set(GZ_EOOM, "out of memory");
        p = nul + 1;
    }
    return GZ_OK;
}

gz_status filestate_get(index_writer *w, const char *path, filestate *fs,
                        int *found)
{
    char key[64], *v = NULL;
    size_t len;
    memset(fs, 0, sizeof *fs);
    *found = 0;
    key_for(path, key);
    gz_status st = writer_get_meta(w, key, &v, &len);
    if (st == GZ_OK && len > 0) {
        st = decode(v, len, fs);
        /* Another path with the same hash: not ours. */
        if (st == GZ_OK && strcmp(fs->path, path) == 0)
            *found = 1;
        else if (st == GZ_OK)
            filestate_free(fs);
    }
    free(v);
    if (st == GZ_OK && !*found && !(fs->path = strdup(path)))
        st = gz_error_set(GZ_EOOM, "out of memory");
    return st;
}

gz_status filestate_put(index_writer *w, const filestate *fs)
{
    char head[192], key[64];
    int n = snprintf(head, sizeof head, "%lld%c%lld%c%lu%c%d%c%d%c%ld%c%lld",
                     fs->size, '\0', fs->mtime_ns, '\0', fs->crc, '\0',
                     fs->feed ? 1 : 0, '\0', fs->end.kind, '\0',
                     fs->end.lines, '\0', fs->end.bytes);
    size_t plen = strlen(fs->path);
    size_t len = sizeof TAG + plen + 1 + (size_t)n + 1;
    for (size_t i = 0; i < fs->nids; i++)
        len += strlen(fs->ids[i]) + 1;
    char *v = malloc(len), *p = v;
    if (!v)
        return gz_error_set(GZ_EOOM, "out of memory");
    memcpy(p, TAG, sizeof TAG);
    p += sizeof TAG;
    memcpy(p, fs->path, plen + 1);
    p += plen + 1;
    memcpy(p, head, (size_t)n + 1);
    p += n + 1;
    for (size_t i = 0; i < fs->nids; i++) {
        size_t l = strlen(fs->ids[i]);
        memcpy(p, fs->ids[i], l + 1);
        p += l + 1;
    }
    key_for(fs->path, key);
    /* The last id's NUL is a terminator, not a separator. */
    gz_status st = writer_set_meta(w, key, v, (size_t)(p - v) - (fs->nids ? 1 : 0));
    free(v);
    return st;
}

gz_status filestate_remove(index_writer *w, const char *path)
{
    char key[64];
    key_for(path, key);
    return writer_set_meta(w, key, "", 0);
}

typedef struct each_ctx {
    index_writer *w;
    filestate_fn fn;
    void *ctx;
    gz_status status;
} each_ctx;

static int each_key(void *vctx, const char *key)
{
    each_ctx *c = vctx;
    char *v = NULL;
    size_t len;
    filestate fs;
    memset(&fs, 0, sizeof fs);
    c->status = writer_get_meta(c->w, key, &v, &len);
    if (c->status == GZ_OK && len > 0)
        c->status = decode(v, len, &fs);
    free(v);
    int rc = c->status != GZ_OK;
    if (!rc && fs.path)
        rc = c->fn(c->ctx, &fs);
    filestate_free(&fs);
    return rc;
}

gz_status filestate_each(index_writer *w, filestate_fn fn, void *ctx)
{
    each_ctx c = { w, fn, ctx, GZ_OK };
    gz_status st = writer_meta_keys(w, FILESTATE_PREFIX, each_key, &c);
    return st != GZ_OK ? st : c.status;
}
