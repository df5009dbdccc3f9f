/* shards.c - open the indexes one search runs over (see shards.h).
 * Reads stub files itself rather than leaving them to Xapian so that a
 * shard that fails is named, --timeout reaches remote shards, and the
 * others can go on without it.  Must never accept a stub line Xapian 1.4
 * would read differently. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "schema.h"
#include "shards.h"

typedef struct shard {
    char *name;         /* for messages: the path, or "HOST:PORT" */
    char *path;         /* local; NULL for a remote shard */
    char *host;
    unsigned port;
} shard;

typedef struct shard_list {
    shard *s;
    size_t n, cap;
} shard_list;

static int add_shard(shard_list *l, char *name, char *path, char *host,
                     unsigned port)
{
    if (!name || (!path && !host))
        goto oom;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        shard *more = realloc(l->s, cap * sizeof *more);
        if (!more)
            goto oom;
        l->s = more;
        l->cap = cap;
    }
    l->s[l->n++] = (shard){ name, path, host, port };
    return 0;
oom:
    free(name);
    free(path);
    free(host);
    report_error("out of memory");
    return -1;
}

static void free_list(shard_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->s[i].name);
        free(l->s[i].path);
        free(l->s[i].host);
    }
    free(l->s);
}

/* PATH relative to the directory of STUB, malloc()ed. */
static char *beside(const char *stub, const char *path)
{
    const char *slash = strrchr(stub, '/');
    if (path[0] == '/' || !slash)
        return strdup(path);
    size_t dl = (size_t)(slash - stub) + 1, n = dl + strlen(path) + 1;
    char *p = malloc(n);
    if (p) {
        memcpy(p, stub, dl);
        strcpy(p + dl, path);
    }
    return p;
}

/* One line of stub file STUB (LINE, trimmed, not blank). */
static int parse_line(const char *stub, long lineno, char *line,
                      shard_list *l)
{
    char *rest = line + strcspn(line, " \t");
    if (*rest)
        *rest++ = '\0';
    rest += strspn(rest, " \t");
    if (!*rest)
        goto bad;
    if (strcmp(line, "auto") == 0 || strcmp(line, "glass") == 0 ||
        strcmp(line, "chert") == 0) {
        char *path = beside(stub, rest);
        return add_shard(l, path ? strdup(path) : NULL, path, NULL, 0);
    }
    if (strcmp(line, "remote") == 0) {
        char *colon = strrchr(rest, ':'), *end;
        if (rest[0] == ':') {
            report_error("%s:%ld: 'remote :PROGRAM' (a shard run through a "
                         "program) is not supported: use remote HOST:PORT",
                         stub, lineno);
            return -1;
        }
        if (!colon || colon == rest || strpbrk(rest, " \t"))
            goto bad;
        errno = 0;
        unsigned long port = strtoul(colon + 1, &end, 10);
        if (errno || *end || colon[1] == '\0' || port == 0 || port > 65535)
            goto bad;
        char *name = strdup(rest);
        *colon = '\0';
        return add_shard(l, name, NULL, strdup(rest), (unsigned)port);
    }
bad:
    report_error("%s:%ld: not a shard line ('auto PATH' or 'remote "
                 "HOST:PORT')", stub, lineno);
    return -1;
}

/* The shards of one -d: a stub file's lines, or the index at PATH. */
static int read_shards(const char *path, shard_list *l)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return add_shard(l, strdup(path), strdup(path), NULL, 0);
    FILE *f = fopen(path, "r");
    if (!f) {
        report_error("%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    size_t before = l->n;
    int rc = 0;
    while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && strchr(" \t\r\n", line[len - 1]))
            line[--len] = '\0';
        char *p = line + strspn(line, " \t");
        if (*p && *p != '#')
            rc = parse_line(path, lineno, p, l);
    }
    free(line);
    fclose(f);
    if (rc == 0 && l->n == before) {
        report_error("%s: a stub file that lists no shard", path);
        rc = -1;
    }
    return rc;
}

static gz_status open_shard(const shard *s, const shards_opts *opts,
                            gz_db **db)
{
    if (s->path)
        return gz_db_open(s->path, db);
    return gz_db_open_remote(s->host, s->port, opts->timeout_ms, db);
}

int shards_open(const char *const *paths, size_t n, const shards_opts *opts,
                gz_db **out, stemmer **st_out)
{
    shard_list l = { NULL, 0, 0 };
    gz_db **dbs = NULL;
    size_t ndbs = 0;
    char *language = NULL, *first_language = NULL;
    const char *first_name = NULL;
    stemmer *st = NULL;
    gz_status status;
    int rc = -1;

    *out = NULL;
    *st_out = NULL;
    for (size_t i = 0; i < n; i++)
        if (read_shards(paths[i], &l) != 0)
            goto done;
    if (!(dbs = calloc(l.n, sizeof *dbs))) {
        report_error("out of memory");
        goto done;
    }
    for (size_t i = 0; i < l.n; i++) {
        const shard *s = &l.s[i];
        gz_db *db = NULL;
        if ((status = open_shard(s, opts, &db)) != GZ_OK) {
            if (opts->allow_partial && l.n > 1) {
                report_warning("shard %s is unavailable (%s: %s); results "
                               "leave out its articles", s->name,
                               gz_strerror(status), gz_last_error());
                continue;
            }
            if (status == GZ_ENOTFOUND && s->path)
                report_error("%s: no index there (build one with "
                             "gazette-index -d %s CORPUS...)", s->name,
                             s->name);
            else
                report_status(status, s->name);
            goto done;
        }
        dbs[ndbs++] = db;
        if ((status = schema_db_language(db, &language)) != GZ_OK ||
            (!st && (status = stemmer_new(language, &st)) != GZ_OK)) {
            report_status(status, s->name);
            goto done;
        }
        if (!first_language) {
            first_language = language;
            first_name = s->name;
            language = NULL;
        } else if (strcmp(language, first_language) != 0) {
            report_error("%s is stemmed for '%s' but %s for '%s': shards "
                         "searched together need one stemmer", first_name,
                         first_language, s->name, language);
            goto done;
        }
        free(language);
        language = NULL;
        if ((status = schema_check_db(db, st)) != GZ_OK) {
            report_status(status, s->name);
            goto done;
        }
    }
    if (ndbs == 0) {
        report_error("no shard could be opened");
        goto done;
    }
    if (ndbs == 1) {
        *out = dbs[0];
        ndbs = 0;
    } else {
        status = gz_db_combine(dbs, ndbs, out);
        ndbs = 0;   /* taken, whatever happened */
        if (status != GZ_OK) {
            report_status(status, "combining the shards");
            goto done;
        }
    }
    *st_out = st;
    st = NULL;
    rc = 0;
done:
    for (size_t i = 0; i < ndbs; i++)
        gz_db_close(dbs[i]);
    free(dbs);
    free(language);
    free(first_language);
    stemmer_free(st);
    free_list(&l);
    return rc;
}
