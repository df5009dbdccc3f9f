/* shards.c - open the indexes one search runs over (see shards.h).
 * Reads stub files itself rather than leaving them to Xapian so that a
 * shard that fails is named, a timeout reaches remote shards, and the
 * others can go on without it.  Must never accept a stub line Xapian 1.4
 * would read differently.  Never prints: every failure is a status and
 * a message, every skipped shard a warning handed to the caller. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "layout.h"
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

static gz_status add_shard(shard_list *l, char *name, char *path, char *host,
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
    return GZ_OK;
oom:
    free(name);
    free(path);
    free(host);
    return gz_error_set(GZ_EOOM, "out of memory");
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
static gz_status parse_line(const char *stub, long lineno, char *line,
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
        if (rest[0] == ':')
            return gz_error_set(GZ_EFORMAT, "%s:%ld: 'remote :PROGRAM' (a "
                                "shard run through a program) is not "
                                "supported: use remote HOST:PORT", stub,
                                lineno);
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
    return gz_error_set(GZ_EFORMAT, "%s:%ld: not a shard line ('auto PATH' "
                        "or 'remote HOST:PORT')", stub, lineno);
}

/* The shards of one -d: a stub file's lines, or the index at PATH. */
static gz_status read_shards(const char *path, shard_list *l)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return add_shard(l, strdup(path), strdup(path), NULL, 0);
    FILE *f = fopen(path, "r");
    if (!f)
        return gz_error_set(GZ_EIO, "%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    size_t before = l->n;
    gz_status rc = GZ_OK;
    while (rc == GZ_OK && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && strchr(" \t\r\n", line[len - 1]))
            line[--len] = '\0';
        char *p = line + strspn(line, " \t");
        if (*p && *p != '#')
            rc = parse_line(path, lineno, p, l);
    }
    free(line);
    fclose(f);
    if (rc == GZ_OK && l->n == before)
        rc = gz_error_set(GZ_EFORMAT, "%s: a stub file that lists no shard",
                          path);
    return rc;
}

static gz_status open_shard(const shard *s, const search_open_opts *opts,
                            gz_db **db)
{
    if (s->path)
        return gz_db_open(s->path, db);
    return gz_db_open_remote(s->host, s->port, opts->timeout_ms, db);
}

/* Rewrite the last error as "NAME: STRERROR(ST): DETAIL", the way a
 * program shows a failed call, so that the message names the shard. */
static gz_status named(gz_status st, const char *name)
{
    char detail[1024];
    snprintf(detail, sizeof detail, "%s", gz_last_error());
    if (detail[0])
        return gz_error_set(st, "%s: %s: %s", name, gz_strerror(st), detail);
    return gz_error_set(st, "%s: %s", name, gz_strerror(st));
}

/* What the shards opened so far share: one stemmer, for one language. */
typedef struct shared_lang {
    stemmer *st;
    char *language;
    const char *name;   /* the first shard's */
} shared_lang;

/* Check the shard S, open as DB: its language is the others' and its
 * schema is this version's. */
static gz_status check_shard(const shard *s, gz_db *db, shared_lang *lang)
{
    char *language = NULL;
    gz_status st = schema_db_language(db, &language);
    if (st == GZ_OK && !lang->st)
        st = stemmer_new(language, &lang->st);
    if (st != GZ_OK) {
        free(language);
        return named(st, s->name);
    }
    if (!lang->language) {
        lang->language = language;
        lang->name = s->name;
    } else {
        int same = strcmp(language, lang->language) == 0;
        if (!same)
            gz_error_set(GZ_EVERSION, "%s is stemmed for '%s' but %s for "
                         "'%s': shards searched together need one stemmer",
                         lang->name, lang->language, s->name, language);
        free(language);
        if (!same)
            return GZ_EVERSION;
    }
    st = schema_check_db(db, lang->st);
    return st == GZ_OK ? GZ_OK : named(st, s->name);
}

/* Open the shard S into DBS[*NDBS] and check it; a shard that cannot be
 * opened is only a warning when OPTS allow partial results (and there is
 * another).  *SKIPPED tells which. */
static gz_status open_checked(const shard *s, size_t nshards,
                              const search_open_opts *opts, shared_lang *lang,
                              gz_db **dbs, size_t *ndbs)
{
    gz_db *db = NULL;
    gz_status st = open_shard(s, opts, &db);
    if (st != GZ_OK) {
        if (opts->allow_partial && nshards > 1) {
            if (opts->warn) {
                char msg[2048];
                snprintf(msg, sizeof msg, "shard %s is unavailable (%s: %s); "
                         "results leave out its articles", s->name,
                         gz_strerror(st), gz_last_error());
                opts->warn(opts->warn_ctx, msg);
            }
            return GZ_OK;
        }
        /* The hint must not lead gazette-index to a folder it refuses
         * (layout_check()): the corpus itself, say. */
        if (st == GZ_ENOTFOUND && s->path && layout_check(s->path) == GZ_EINVAL)
            return gz_error_set(st, "%s: no index there, nor an empty folder "
                                "for one (build one in a new folder: "
                                "gazette-index -d NEWDIR CORPUS...)", s->name);
        if (st == GZ_ENOTFOUND && s->path)
            return gz_error_set(st, "%s: no index there (build one with "
                                "gazette-index -d %s CORPUS...)", s->name,
                                s->name);
        return named(st, s->name);
    }
    dbs[(*ndbs)++] = db;
    return check_shard(s, db, lang);
}

gz_status shards_open(const char *const *paths, size_t n,
                      const search_open_opts *opts, gz_db **out,
                      stemmer **st_out)
{
    shard_list l = { NULL, 0, 0 };
    gz_db **dbs = NULL;
    size_t ndbs = 0;
    shared_lang lang = { NULL, NULL, NULL };
    gz_status st = GZ_OK;

    *out = NULL;
    *st_out = NULL;
    for (size_t i = 0; i < n && st == GZ_OK; i++)
        st = read_shards(paths[i], &l);
    if (st != GZ_OK)
        goto done;
    if (!(dbs = calloc(l.n, sizeof *dbs))) {
        st = gz_error_set(GZ_EOOM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < l.n && st == GZ_OK; i++)
        st = open_checked(&l.s[i], l.n, opts, &lang, dbs, &ndbs);
    if (st != GZ_OK)
        goto done;
    if (ndbs == 0) {
        st = gz_error_set(GZ_ENOTFOUND, "no shard could be opened");
        goto done;
    }
    if (ndbs == 1) {
        *out = dbs[0];
    } else if ((st = gz_db_combine(dbs, ndbs, out)) != GZ_OK) {
        /* The shards were taken, whatever happened. */
        st = named(st, "combining the shards");
    }
    ndbs = 0;
    if (st == GZ_OK) {
        *st_out = lang.st;
        lang.st = NULL;
    }
done:
    for (size_t i = 0; i < ndbs; i++)
        gz_db_close(dbs[i]);
    free(dbs);
    free(lang.language);
    stemmer_free(lang.st);
    free_list(&l);
    return st;
}
