/* layout.c - the stub-and-generations layout of an index. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "layout.h"
#include "xapian_wrap.h"

#define STUB "XAPIANDB"

char *layout_file(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

char *layout_gen_path(const char *index, int gen)
{
    char name[32];
    snprintf(name, sizeof name, "gen-%d", gen);
    return layout_file(index, name);
}

gz_status layout_generation(const char *index, int *gen)
{
    char *stub = layout_file(index, STUB);
    if (!stub)
        return gz_error_set(GZ_EOOM, "out of memory");
    FILE *f = fopen(stub, "r");
    if (!f) {
        gz_status st = errno == ENOENT
            ? gz_error_set(GZ_ENOTFOUND, "%s: no %s stub in the index", index, STUB)
            : gz_error_set(GZ_EIO, "%s: %s", stub, strerror(errno));
        free(stub);
        return st;
    }
    int n = 0;
    int ok = fscanf(f, "auto gen-%d", &n) == 1 && n > 0;
    fclose(f);
    free(stub);
    if (!ok)
        return gz_error_set(GZ_ECORRUPT, "%s: the %s stub names no generation",
                            index, STUB);
    *gen = n;
    return GZ_OK;
}

/* Write the stub through a temporary file, synced, then renamed over the
 * old one: rename(2) is the atomic step. */
static gz_status write_stub(const char *index, int gen)
{
    char *tmp = layout_file(index, STUB ".tmp"), *stub = layout_file(index, STUB);
    gz_status st = GZ_OK;
    if (!tmp || !stub) {
        st = gz_error_set(GZ_EOOM, "out of memory");
        goto done;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        st = gz_error_set(GZ_EIO, "%s: %s", tmp, strerror(errno));
        goto done;
    }
    char line[32];
    int n = snprintf(line, sizeof line, "auto gen-%d\n", gen);
    if (write(fd, line, (size_t)n) != n || fsync(fd) != 0) {
        st = gz_error_set(GZ_EIO, "%s: %s", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        goto done;
    }
    close(fd);
    if (rename(tmp, stub) != 0) {
        st = gz_error_set(GZ_EIO, "%s: %s", stub, strerror(errno));
        unlink(tmp);
        goto done;
    }
    /* Make the rename itself durable. */
    int dfd = open(index, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
done:
    free(tmp);
    free(stub);
    return st;
}

/* mkdir -p PATH's parent directories (not PATH itself): the default index
 * ~/.local/share/gazette/index must work on a machine that has no
 * ~/.local/share yet.  0, or -1 with errno. */
static int make_parents(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
            int e = errno;
            free(copy);
            errno = e;
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

/* Whether NAME, an entry of an index's folder that has no stub yet, is
 * one that Gazette writes there (layout_check()). */
static int own_name(const char *name)
{
    int n;
    unsigned k;
    char tail;
    return strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
           strcmp(name, LAYOUT_PID_FILE) == 0 ||
           strcmp(name, STUB ".tmp") == 0 ||
           strcmp(name, "lost+found") == 0 ||
           sscanf(name, "gen-%d%c", &n, &tail) == 1 ||
           sscanf(name, "gen-%d.part-%u%c", &n, &k, &tail) == 2;
}

/* layout_check(), and *INDEXED: whether INDEX's stub names a generation. */
static gz_status check_folder(const char *index, int *indexed)
{
    struct stat sb;
    int gen;
    *indexed = 0;
    if (stat(index, &sb) != 0)
        return errno == ENOENT ? GZ_OK
               : gz_error_set(GZ_EIO, "%s: %s", index, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return gz_error_set(GZ_EINVAL, "%s is not a folder: give a new or "
                            "empty folder for the index", index);
    gz_status st = layout_generation(index, &gen);
    *indexed = st == GZ_OK;
    if (st != GZ_ENOTFOUND)
        return st;
    DIR *d = opendir(index);
    if (!d)
        return gz_error_set(GZ_EIO, "%s: %s", index, strerror(errno));
    struct dirent *e;
    while ((e = readdir(d)) != NULL && own_name(e->d_name))
        ;
    closedir(d);
    if (e)
        return gz_error_set(GZ_EINVAL, "%s is not empty and holds no Gazette "
                            "index: give a new or empty folder", index);
    return GZ_OK;
}

gz_status layout_check(const char *index)
{
    int indexed;
    return check_folder(index, &indexed);
}

gz_status layout_ensure(const char *index, int *created)
{
    int indexed;
    *created = 0;
    /* A folder without a stub that passes the check is an index whose
     * creation was cut short (or an empty folder made for it): finish
     * creating it. */
    gz_status st = check_folder(index, &indexed);
    if (st != GZ_OK || indexed)
        return st;
    if ((make_parents(index) != 0 || mkdir(index, 0755) != 0) && errno != EEXIST)
        return gz_error_set(GZ_EIO, "cannot create the index %s: %s", index,
                            strerror(errno));
    char *gen = layout_gen_path(index, 1);
    if (!gen)
        return gz_error_set(GZ_EOOM, "out of memory");
    gz_writer *w;
    st = gz_writer_open(gen, 1, &w);
    if (st == GZ_ENOTFOUND) {
        /* A run killed while Xapian made gen-1 left its tables without
         * their version file, which Xapian neither opens nor creates over.
         * No stub names it yet: it is scratch. */
        st = layout_remove(gen);
        if (st == GZ_OK)
            st = gz_writer_open(gen, 1, &w);
    }
    if (st == GZ_OK)
        st = gz_writer_close(w, 1);
    free(gen);
    if (st == GZ_OK)
        st = write_stub(index, 1);
    if (st == GZ_OK)
        *created = 1;
    return st;
}

/* Where a file created at PATH would be: absolute, with ".", ".." and
 * every symbolic link resolved, as realpath(3) does, but also for a link
 * at the end that points to nothing yet, and for folders that do not
 * exist yet (a missing folder is no link: its name is taken as it is).
 * *LINKS counts the links followed, against loops.  malloc()ed, or NULL
 * with errno. */
static char *resolved(const char *path, int *links)
{
    char *r = realpath(path, NULL);
    if (r || errno != ENOENT)
        return r;
    size_t n = strlen(path), cut;
    while (n > 1 && path[n - 1] == '/')
        n--;
    for (cut = n; cut > 0 && path[cut - 1] != '/'; cut--)
        ;
    char *dir = cut == 0 ? strdup(".") : strndup(path, cut > 1 ? cut - 1 : 1);
    char *name = strndup(path + cut, n - cut);
    char target[PATH_MAX];
    struct stat sb;
    ssize_t len;
    if (!dir || !name) {
        errno = ENOMEM;
    } else if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
        /* A link to a file not made yet: the file would be made there. */
        if (++*links > 40)
            errno = ELOOP;
        else if ((len = readlink(path, target, sizeof target - 1)) >= 0) {
            target[len] = '\0';
            char *next = target[0] == '/' ? strdup(target)
                                          : layout_file(dir, target);
            r = next ? resolved(next, links) : NULL;
            free(next);
        }
    } else if ((r = resolved(dir, links)) != NULL &&
               strcmp(name, ".") != 0 && name[0]) {
        char *up = r, *slash = strrchr(up, '/');
        if (strcmp(name, "..") == 0)
            slash[slash == up] = '\0';
        else if (!(r = layout_file(strcmp(up, "/") == 0 ? "" : up, name)))
            errno = ENOMEM;
        if (r != up)
            free(up);
    }
    free(dir);
    free(name);
    return r;
}

gz_status layout_contains(const char *index, const char *path, int *inside)
{
    int links = 0;
    char *i = resolved(index, &links), *p = i ? resolved(path, &links) : NULL;
    gz_status st = GZ_OK;
    *inside = 0;
    if (!p)
        st = gz_error_set(errno == ENOMEM ? GZ_EOOM : GZ_EIO, "%s: %s",
                          i ? path : index, strerror(errno));
    else {
        size_t n = strlen(i);
        *inside = strncmp(p, i, n) == 0 &&
                  (p[n] == '\0' || p[n] == '/' || i[n - 1] == '/');
    }
    free(i);
    free(p);
    return st;
}

/* Remove the tree PATH; with EMPTY, truncate each file first. */
static gz_status remove_tree(const char *path, int empty)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return errno == ENOENT ? GZ_OK
               : gz_error_set(GZ_EIO, "%s: %s", path, strerror(errno));
    if (!S_ISDIR(sb.st_mode)) {
        if (empty && S_ISREG(sb.st_mode))
            (void)truncate(path, 0);    /* unlink() is what must succeed */
        if (unlink(path) != 0)
            return gz_error_set(GZ_EIO, "%s: %s", path, strerror(errno));
        return GZ_OK;
    }
    DIR *d = opendir(path);
    if (!d)
        return gz_error_set(GZ_EIO, "%s: %s", path, strerror(errno));
    gz_status st = GZ_OK;
    struct dirent *e;
    while (st == GZ_OK && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *child = layout_file(path, e->d_name);
        st = child ? remove_tree(child, empty) : gz_error_set(GZ_EOOM, "out of memory");
        free(child);
    }
    closedir(d);
    if (st == GZ_OK && rmdir(path) != 0)
        st = gz_error_set(GZ_EIO, "%s: %s", path, strerror(errno));
    return st;
}

gz_status layout_remove(const char *path)
{
    return remove_tree(path, 0);
}

gz_status layout_discard(const char *path)
{
    return remove_tree(path, 1);
}

gz_status layout_switch(const char *index, int gen)
{
    gz_status st = write_stub(index, gen);
    if (st != GZ_OK)
        return st;
    DIR *d = opendir(index);
    if (!d)
        return gz_error_set(GZ_EIO, "%s: %s", index, strerror(errno));
    struct dirent *e;
    while (st == GZ_OK && (e = readdir(d)) != NULL) {
        int n;
        char tail;
        if (sscanf(e->d_name, "gen-%d%c", &n, &tail) != 1 || n == gen)
            continue;
        char *old = layout_file(index, e->d_name);
        st = old ? layout_remove(old) : gz_error_set(GZ_EOOM, "out of memory");
        free(old);
    }
    closedir(d);
    return st;
}

long long layout_size(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return 0;
    if (!S_ISDIR(sb.st_mode))
        return (long long)sb.st_blocks * 512;
    long long total = 0;
    DIR *d = opendir(path);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *child = layout_file(path, e->d_name);
        if (child)
            total += layout_size(child);
        free(child);
    }
    closedir(d);
    return total;
}
