/* shards.c - open the indexes one search runs over (see shards.h).
 * Reads stub files itself rather than leaving them to Xapian so that a
 * shard that fails is named, a timeout reaches remote shards, and the
 * others can go on without it, and so that stub files that loop or name
 * one database twice are refused before Xapian follows them.  Must never
 * accept a stub line Xapian 1.4 would read differently.  Never prints: every failure is a status and
 * a message, every skipped shard a warning handed to the caller. */
#include <ctype.h>
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

/* ITEMS, N items of SIZE bytes in room for *CAP, with room for one more:
 * moved and *CAP grown when full; NULL (ITEMS untouched) out of memory. */
static void *room(void *items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return items;
    size_t more = *cap ? 2 * *cap : 8;
    void *p = realloc(items, more * size);
    if (p)
        *cap = more;
    return p;
}

static gz_status add_shard(shard_list *l, char *name, char *path, char *host,
                           unsigned port)
{
    shard *s;
    if (!name || (!path && !host) ||
        !(s = room(l->s, &l->cap, l->n, sizeof *s)))
        goto oom;
    l->s = s;
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

/* PATH relative to the directory of STUB, malloc()ed: Xapian's
 * resolve_relative_path(). */
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

/* One line of stub file STUB (LINE, trimmed, not blank) into *OUT: a
 * local entry's path relative to STUB's folder, or a remote one. */
static gz_status parse_line(const char *stub, long lineno, char *line,
                            shard *out)
{
    *out = (shard){ NULL, NULL, NULL, 0 };
    char *rest = line + strcspn(line, " \t");
    if (*rest)
        *rest++ = '\0';
    rest += strspn(rest, " \t");
    if (!*rest)
        goto bad;
    if (strcmp(line, "auto") == 0 || strcmp(line, "glass") == 0 ||
        strcmp(line, "chert") == 0) {
        out->path = beside(stub, rest);
        out->name = out->path ? strdup(out->path) : NULL;
        goto made;
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
        out->name = strdup(rest);
        *colon = '\0';
        out->host = strdup(rest);
        out->port = (unsigned)port;
        goto made;
    }
bad:
    return gz_error_set(GZ_EFORMAT, "%s:%ld: not a shard line ('auto PATH' "
                        "or 'remote HOST:PORT')", stub, lineno);
made:
    if (out->name && (out->path || out->host))
        return GZ_OK;
    free(out->name);
    free(out->path);
    free(out->host);
    return gz_error_set(GZ_EOOM, "out of memory");
}

/* ---- Following stub files as Xapian would, loops and repeats refused ---- */

/* Far beyond any real layout; a bound on the recursion whatever the files
 * say. */
#define STUB_DEPTH_MAX 32

/* An entry the user wrote: a -d, or a line of a stub file of theirs (not
 * of an index's own XAPIANDB, which Gazette writes). */
typedef struct listing {
    const char *name;   /* the path or HOST:PORT, as resolved */
    const char *where;  /* "STUB:LINE", or "-d PATH" */
} listing;

/* A database reached, and the entry that first reached it. */
typedef struct reached {
    char *key;      /* its real path, or "host:PORT" for a remote one */
    char *where;
} reached;

/* One walk over the -d paths and every stub file they lead to.  Xapian
 * opens a stub inside a stub by recursion, with no check: a stub file
 * that leads back to itself overflows the stack, and one database reached
 * twice is searched twice, each article counted twice.  So every stub is
 * read here first, and every database must be reached once. */
typedef struct stub_walk {
    shard_list *shards;     /* the shards to open; NULL: only check */
    reached *seen;
    size_t nseen, cap;
    struct {
        char *real;
        const char *name;
    } stack[STUB_DEPTH_MAX];    /* the stub files being read, outermost first */
    size_t depth;
} stub_walk;

static gz_status walk_entry(stub_walk *w, const char *path, const listing *by,
                            const char *at);

/* The database KEY (malloc()ed, taken) is reached through the entry BY:
 * refused when it was reached before. */
static gz_status reach(stub_walk *w, char *key, const listing *by)
{
    if (!key)
        return gz_error_set(GZ_EOOM, "out of memory");
    for (size_t i = 0; i < w->nseen; i++)
        if (strcmp(w->seen[i].key, key) == 0) {
            free(key);
            return gz_error_set(GZ_EFORMAT, "%s: %s is listed twice (first "
                                "by %s): a shard searched twice would count "
                                "each of its articles twice", by->where,
                                by->name, w->seen[i].where);
        }
    reached *seen = room(w->seen, &w->cap, w->nseen, sizeof *seen);
    if (!seen)
        goto oom;
    w->seen = seen;
    char *first = strdup(by->where);
    if (!first)
        goto oom;
    w->seen[w->nseen++] = (reached){ key, first };
    return GZ_OK;
oom:
    free(key);
    return gz_error_set(GZ_EOOM, "out of memory");
}

/* The stub file STUB, reached by the line AT, is already being read from
 * W->stack[FROM] on: refused, naming the loop. */
static gz_status looped(const stub_walk *w, size_t from, const char *stub,
                        const char *at)
{
    char chain[2048] = "";
    size_t len = 0;
    for (size_t i = from; i < w->depth && len < sizeof chain; i++)
        len += (size_t)snprintf(chain + len, sizeof chain - len, "%s -> ",
                                w->stack[i].name);
    return gz_error_set(GZ_EFORMAT, "%s: %s leads back to itself (%s%s): "
                        "stub files must not loop", at, stub, chain, stub);
}

/* "host:PORT" in lower case: the key of the remote shard E. */
static char *remote_key(const shard *e)
{
    size_t n = strlen(e->host) + 16;
    char *key = malloc(n);
    if (key) {
        snprintf(key, n, "%s:%u", e->host, e->port);
        for (char *k = key; *k; k++)
            *k = (char)tolower((unsigned char)*k);
    }
    return key;
}

/* Walk the entry on line LINENO of the stub file STUB (LINE, trimmed, not
 * blank); BY: the entry the stub is an index's own XAPIANDB of, or NULL
 * for a stub file of the user's, whose every line is a shard. */
static gz_status walk_line(stub_walk *w, const char *stub, long lineno,
                           char *line, const listing *by)
{
    shard e;
    gz_status st = parse_line(stub, lineno, line, &e);
    if (st != GZ_OK)
        return st;
    size_t n = strlen(stub) + 24;
    char *here = malloc(n);
    if (!here) {
        st = gz_error_set(GZ_EOOM, "out of memory");
        goto done;
    }
    snprintf(here, n, "%s:%ld", stub, lineno);
    listing mine = { e.name, here };
    if (e.path) {
        st = walk_entry(w, e.path, by, here);
    } else if ((st = reach(w, remote_key(&e), by ? by : &mine)) == GZ_OK &&
               !by && w->shards) {
        st = add_shard(w->shards, e.name, NULL, e.host, e.port);
        e = (shard){ NULL, NULL, NULL, 0 };
    }
done:
    free(here);
    free(e.name);
    free(e.path);
    free(e.host);
    return st;
}

/* Read the stub file STUB, reached by the line AT, and walk each of its
 * entries; BY as walk_line()'s. */
static gz_status walk_stub(stub_walk *w, const char *stub, const listing *by,
                           const char *at)
{
    char *real = realpath(stub, NULL);
    if (!real)
        return gz_error_set(GZ_EIO, "%s: %s", stub, strerror(errno));
    for (size_t i = 0; i < w->depth; i++)
        if (strcmp(w->stack[i].real, real) == 0) {
            free(real);
            return looped(w, i, stub, at);
        }
    if (w->depth == STUB_DEPTH_MAX) {
        free(real);
        return gz_error_set(GZ_EFORMAT, "%s: %s: stub files nested more than "
                            "%d deep", at, stub, STUB_DEPTH_MAX);
    }
    FILE *f = fopen(stub, "r");
    if (!f) {
        free(real);
        return gz_error_set(GZ_EIO, "%s: %s", stub, strerror(errno));
    }
    w->stack[w->depth].real = real;
    w->stack[w->depth++].name = stub;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0, entries = 0;
    gz_status rc = GZ_OK;
    while (rc == GZ_OK && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && strchr(" \t\r\n", line[len - 1]))
            line[--len] = '\0';
        char *p = line + strspn(line, " \t");
        if (*p && *p != '#') {
            entries++;
            rc = walk_line(w, stub, lineno, p, by);
        }
    }
    free(line);
    fclose(f);
    free(w->stack[--w->depth].real);
    if (rc == GZ_OK && entries == 0)
        rc = gz_error_set(GZ_EFORMAT, "%s: a stub file that lists no shard",
                          stub);
    return rc;
}

/* Does the folder DIR hold FILE?  -1 on OOM. */
static int holds(const char *dir, const char *file)
{
    struct stat sb;
    char *path = layout_file(dir, file);
    int yes = path && stat(path, &sb) == 0;
    free(path);
    return path ? yes : -1;
}

/* Walk PATH, reached by the line AT, as Xapian opens it: a file is a
 * stub, a folder holding a database is that database, and any other
 * folder with an XAPIANDB (an index's) is that stub.  A path that is no
 * database at all is left for its opening to name.  BY: the entry whose
 * index's own XAPIANDB reaches PATH, or NULL when PATH is an entry of the
 * user's itself, a shard to open. */
static gz_status walk_entry(stub_walk *w, const char *path, const listing *by,
                            const char *at)
{
    listing mine = { path, at };
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
        return walk_stub(w, path, by, at);
    gz_status st = GZ_OK;
    if (!by && w->shards)
        st = add_shard(w->shards, strdup(path), strdup(path), NULL, 0);
    if (st != GZ_OK || stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return st;
    int glass = holds(path, "iamglass"), chert = holds(path, "iamchert"),
        stubbed = holds(path, "XAPIANDB");
    if (glass < 0 || chert < 0 || stubbed < 0)
        return gz_error_set(GZ_EOOM, "out of memory");
    if (glass || chert || !stubbed) {
        /* Gone since the stat(): a generation a --rebuild has just
         * replaced, say.  Its opening will tell. */
        char *real = realpath(path, NULL);
        if (!real && errno != ENOMEM)
            return GZ_OK;
        return reach(w, real, by ? by : &mine);
    }
    char *stub = layout_file(path, "XAPIANDB");
    st = stub ? walk_stub(w, stub, by ? by : &mine, at)
              : gz_error_set(GZ_EOOM, "out of memory");
    free(stub);
    return st;
}

/* Walk the -d paths PATHS[0..N), adding the shards to open to SHARDS
 * (NULL: only check). */
static gz_status walk_paths(const char *const *paths, size_t n,
                            shard_list *shards)
{
    stub_walk w = { .shards = shards };
    gz_status st = GZ_OK;
    for (size_t i = 0; i < n && st == GZ_OK; i++) {
        size_t len = strlen(paths[i]) + 4;
        char *where = malloc(len);
        if (where) {
            snprintf(where, len, "-d %s", paths[i]);
            st = walk_entry(&w, paths[i], NULL, where);
        } else {
            st = gz_error_set(GZ_EOOM, "out of memory");
        }
        free(where);
    }
    for (size_t i = 0; i < w.nseen; i++) {
        free(w.seen[i].key);
        free(w.seen[i].where);
    }
    free(w.seen);
    return st;
}

gz_status shards_check(const char *path)
{
    return walk_paths(&path, 1, NULL);
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
    if ((st = walk_paths(paths, n, &l)) != GZ_OK)
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
