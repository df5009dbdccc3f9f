/* walk.c - recursive, sorted directory walk that walks each directory once
 * and never loops, with or without following symbolic links. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "walk.h"

static int ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && strncasecmp(s + len - n, suffix, n) == 0;
}

int walk_wanted_name(const char *name)
{
    size_t len = strlen(name);
    if (ends_with(name, len, ".gz"))
        len -= 3;
    static const char *const wanted[] = {
        ".txt", ".text", ".jsonl", ".ndjson", ".html", ".htm", ".xhtml",
        ".rss", ".atom", ".xml", ".warc", ".arc"
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        if (ends_with(name, len, wanted[i]))
            return 1;
    return 0;
}

int walk_order(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a;
    const unsigned char *y = (const unsigned char *)b;
    while (*x && *x == *y)
        x++, y++;
    int cx = *x == '/' ? 1 : *x ? *x + 1 : 0;
    int cy = *y == '/' ? 1 : *y ? *y + 1 : 0;
    return cx - cy;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- Directories seen, by device and inode ----------------------------- */

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
    int used;
} dir_id;

/* An open-addressing set of every directory entered, and the stack of
 * those being walked (their count is small: the depth of the tree). */
typedef struct walker {
    int flags;
    walk_file_fn on_file;
    walk_error_fn on_error;
    void *ctx;
    dir_id *seen;
    size_t cap, used;       /* cap: a power of two */
    dir_id *stack;
    size_t depth, stack_cap;
} walker;

static size_t dir_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15u ^ (uint64_t)dev;
    return (size_t)(h ^ (h >> 29));
}

static dir_id *dir_slot(dir_id *set, size_t cap, dev_t dev, ino_t ino)
{
    size_t i = dir_hash(dev, ino) & (cap - 1);
    while (set[i].used && !(set[i].dev == dev && set[i].ino == ino))
        i = (i + 1) & (cap - 1);
    return &set[i];
}

/* Add the directory to the set: 1 when new, 0 when seen before, -1 out of
 * memory. */
static int dir_add(walker *w, dev_t dev, ino_t ino)
{
    if (2 * (w->used + 1) > w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        dir_id *set = calloc(cap, sizeof *set);
        if (!set)
            return -1;
        for (size_t i = 0; i < w->cap; i++)
            if (w->seen[i].used)
                *dir_slot(set, cap, w->seen[i].dev, w->seen[i].ino) = w->seen[i];
        free(w->seen);
        w->seen = set;
        w->cap = cap;
    }
    dir_id *s = dir_slot(w->seen, w->cap, dev, ino);
    if (s->used)
        return 0;
    s->dev = dev;
    s->ino = ino;
    s->used = 1;
    w->used++;
    return 1;
}

static int on_stack(const walker *w, dev_t dev, ino_t ino)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->stack[i].dev == dev && w->stack[i].ino == ino)
            return 1;
    return 0;
}

/* ---- The walk ------------------------------------------------------------ */

static int walk_dir(walker *w, const char *dir, const struct stat *st);

static int walk_entry(walker *w, const char *path, int top)
{
    struct stat st;
    int follow = top || (w->flags & WALK_FOLLOW_SYMLINKS);
    if (lstat(path, &st) != 0)
        return w->on_error(w->ctx, path, errno, WALK_UNREADABLE);
    if (S_ISLNK(st.st_mode)) {
        if (!follow)
            return 0;   /* a walk stays in its tree */
        if (stat(path, &st) != 0)
            return w->on_error(w->ctx, path, errno,
                               errno == ELOOP ? WALK_LOOP : WALK_BROKEN_LINK);
    }
    if (S_ISDIR(st.st_mode))
        return walk_dir(w, path, &st);
    if (!S_ISREG(st.st_mode))
        return top ? w->on_error(w->ctx, path, EINVAL, WALK_NOT_FILE) : 0;
    if (!top) {
        const char *base = strrchr(path, '/');
        if (!walk_wanted_name(base ? base + 1 : path))
            return 0;
    }
    return w->on_file(w->ctx, path);
}

/* Enter the directory DIR (of identity ST): 1 when it is to be walked;
 * 0 when it is not, with *RC what the walk returns for it. */
static int enter_dir(walker *w, const char *dir, const struct stat *st,
                     int *rc)
{
    /* Each directory once: a second way in is a loop when it leads back
     * to a directory being walked (a link to an ancestor), else a
     * duplicate (two links to one place, or a root named twice). */
    int added = dir_add(w, st->st_dev, st->st_ino);
    if (added < 0) {
        w->on_error(w->ctx, dir, ENOMEM, WALK_UNREADABLE);
        *rc = -1;
        return 0;
    }
    if (added == 0) {
        *rc = on_stack(w, st->st_dev, st->st_ino)
                  ? w->on_error(w->ctx, dir, ELOOP, WALK_LOOP) : 0;
        return 0;
    }
    if (w->depth == w->stack_cap) {
        size_t cap = w->stack_cap ? w->stack_cap * 2 : 32;
        dir_id *s = realloc(w->stack, cap * sizeof *s);
        if (!s) {
            w->on_error(w->ctx, dir, ENOMEM, WALK_UNREADABLE);
            *rc = -1;
            return 0;
        }
        w->stack = s;
        w->stack_cap = cap;
    }
    w->stack[w->depth].dev = st->st_dev;
    w->stack[w->depth].ino = st->st_ino;
    w->depth++;
    return 1;
}

/* The names in D but the hidden ones, sorted, into *NAMES[0..*N) (each
 * malloc()ed, freed by the caller also on failure).  Returns 0, -1 when
 * out of memory, or readdir's errno. */
static int list_names(DIR *d, char ***names, size_t *n)
{
    size_t cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            size_t c = cap ? cap * 2 : 64;
            char **p = realloc(*names, c * sizeof *p);
            if (!p)
                return -1;
            *names = p;
            cap = c;
        }
        if (!((*names)[*n] = strdup(e->d_name)))
            return -1;
        (*n)++;
    }
    if (errno != 0)
        return errno;
    if (*n > 1)     /* an empty folder's *NAMES is NULL: no qsort() */
        qsort(*names, *n, sizeof **names, cmp_names);
    return 0;
}

/* Walk DIR's entries NAMES[0..N) in order. */
static int walk_names(walker *w, const char *dir, char **names, size_t n)
{
    int rc = 0;
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len = dlen + 1 + strlen(names[i]) + 1;
        char *path = malloc(len);
        if (!path) {
            w->on_error(w->ctx, dir, ENOMEM, WALK_UNREADABLE);
            return -1;
        }
        memcpy(path, dir, dlen);
        path[dlen] = '/';
        strcpy(path + dlen + 1, names[i]);
        rc = walk_entry(w, path, 0);
        free(path);
    }
    return rc;
}

static int walk_dir(walker *w, const char *dir, const struct stat *st)
{
    int rc = 0;
    if (!enter_dir(w, dir, st, &rc))
        return rc;
    char **names = NULL;
    size_t n = 0;
    DIR *d = opendir(dir);
    int err = d ? list_names(d, &names, &n) : errno;
    if (err < 0) {
        w->on_error(w->ctx, dir, ENOMEM, WALK_UNREADABLE);
        rc = -1;
    } else if (err > 0) {
        /* Nothing of a directory half read is walked: its files must not
         * look vanished only in part. */
        rc = w->on_error(w->ctx, dir, err, WALK_UNREADABLE);
    } else {
        rc = walk_names(w, dir, names, n);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (d)
        closedir(d);
    w->depth--;
    return rc;
}

int walk_paths(char *const *paths, size_t n, int flags, walk_file_fn on_file,
               walk_error_fn on_error, void *ctx)
{
    walker w = { .flags = flags, .on_file = on_file, .on_error = on_error,
                 .ctx = ctx };
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = walk_entry(&w, paths[i], 1);
    free(w.seen);
    free(w.stack);
    return rc;
}
