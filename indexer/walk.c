/* walk.c - recursive, sorted, symlink-free directory walk. */
#include <dirent.h>
#include <errno.h>
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
    static const char *const wanted[] = { ".txt", ".text", ".jsonl", ".ndjson" };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        if (ends_with(name, len, wanted[i]))
            return 1;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct walker {
    walk_file_fn on_file;
    walk_error_fn on_error;
    void *ctx;
} walker;

static int walk_dir(const walker *w, const char *dir);

static int walk_entry(const walker *w, const char *path, int top)
{
    struct stat st;
    int rc = top ? stat(path, &st) : lstat(path, &st);
    if (rc != 0)
        return w->on_error(w->ctx, path, errno);
    if (S_ISDIR(st.st_mode))
        return walk_dir(w, path);
    if (!top && !S_ISREG(st.st_mode))
        return 0;   /* symlinks, fifos, sockets inside a tree */
    if (!S_ISREG(st.st_mode))
        return w->on_error(w->ctx, path, EINVAL);
    if (!top) {
        const char *base = strrchr(path, '/');
        if (!walk_wanted_name(base ? base + 1 : path))
            return 0;
    }
    return w->on_file(w->ctx, path);
}

static int walk_dir(const walker *w, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return w->on_error(w->ctx, dir, errno);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t c = cap ? cap * 2 : 64;
            char **p = realloc(names, c * sizeof *p);
            if (!p) {
                rc = w->on_error(w->ctx, dir, ENOMEM);
                goto done;
            }
            names = p;
            cap = c;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = w->on_error(w->ctx, dir, ENOMEM);
            goto done;
        }
        n++;
    }
    if (errno != 0) {
        rc = w->on_error(w->ctx, dir, errno);
        goto done;
    }
    qsort(names, n, sizeof *names, cmp_names);
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len = dlen + 1 + strlen(names[i]) + 1;
        char *path = malloc(len);
        if (!path) {
            rc = w->on_error(w->ctx, dir, ENOMEM);
            break;
        }
        memcpy(path, dir, dlen);
        path[dlen] = '/';
        strcpy(path + dlen + 1, names[i]);
        rc = walk_entry(w, path, 0);
        free(path);
    }
done:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

int walk_paths(char *const *paths, size_t n, walk_file_fn on_file,
               walk_error_fn on_error, void *ctx)
{
    walker w = { on_file, on_error, ctx };
    for (size_t i = 0; i < n; i++) {
        int rc = walk_entry(&w, paths[i], 1);
        if (rc != 0)
            return rc;
    }
    return 0;
}
