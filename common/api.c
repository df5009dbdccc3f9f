/* api.c - libgazette's public API (include/gazette.h) over the internal
 * modules.
 *
 * Only composes them, the way gazette-search and gazette-index do: a
 * search is search.c's (the one search path gazette-search takes too:
 * its defaults, dates, parsing, ranking and hits), the document an
 * article becomes schema.c's, the stored record record.c's, the index
 * layout layout.c's, and Xapian is reached only through xapian_wrap.h.  Must never grow a second version of any of their rules;
 * what it adds is checking the caller's arguments and owning the memory
 * the header promises.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "corpus.h"
#include "date.h"
#include "error.h"
#include "lang.h"
#include "layout.h"
#include "record.h"
#include "schema.h"
#include "search.h"
#include "snippet.h"
#include "stem.h"
#include "match.h"
#include "url.h"
#include "utf8.h"
#include "writer.h"
#include "xapian_wrap.h"

struct gz_index {
    search_index *si;
};

typedef struct result_snippet {
    int made;
    snippet snip;
    gz_span *spans;
} result_snippet;

struct gz_results {
    gz_index *ix;               /* its stemmer makes the snippets */
    gz_query *query;            /* owns the stems to highlight */
    size_t count;
    unsigned long total;
    unsigned snippet_words;
    record *records;            /* own the strings of ARTICLES */
    gz_article *articles;
    double *scores;
    unsigned long *similar;
    result_snippet *snippets;
};

struct gz_indexer {
    index_writer *w;
};

/* ---- Versions -------------------------------------------------------------- */

const char *gz_version(void)
{
    return GAZETTE_VERSION_STRING;
}

int gz_version_check(int major, int minor)
{
    return major == GAZETTE_VERSION_MAJOR && minor >= 0 &&
           minor <= GAZETTE_VERSION_MINOR;
}

/* ---- Opening for search ------------------------------------------------------ */

/* PATH, or the default index when PATH is NULL or "".  *FREE_ME is what
 * the caller frees. */
static gz_status resolve_path(const char *path, const char **out,
                              char **free_me)
{
    *free_me = NULL;
    if (path && *path) {
        *out = path;
        return GZ_OK;
    }
    if (!(*free_me = config_default_index()))
        return gz_error_set(GZ_EINVAL, "no index given, and no default: "
                            "set GAZETTE_INDEX or HOME");
    *out = *free_me;
    return GZ_OK;
}

gz_status gz_index_open(const char *path, gz_index **out)
{
    return gz_index_open_many(&path, 1, out);
}

gz_status gz_index_open_many(const char *const *paths, size_t n,
                             gz_index **out)
{
    gz_index *ix = NULL;
    char *default_path = NULL;
    const char *first = NULL;
    gz_status st;

    if (!out)
        return gz_error_set(GZ_EINVAL, "gz_index_open: OUT is NULL");
    *out = NULL;
    if (!paths || n == 0)
        return gz_error_set(GZ_EINVAL, "gz_index_open_many: no index given");
    /* Only a lone index may be the default one. */
    if (n > 1)
        for (size_t i = 0; i < n; i++)
            if (!paths[i] || !*paths[i])
                return gz_error_set(GZ_EINVAL, "gz_index_open_many: index "
                                    "%zu of %zu is NULL or \"\"", i + 1, n);
    if ((st = resolve_path(paths[0], &first, &default_path)) != GZ_OK)
        return st;
    if (!(ix = calloc(1, sizeof *ix))) {
        free(default_path);
        return gz_error_set(GZ_EOOM, "out of memory opening an index");
    }
    /* As gazette-search opens its -d: stub files of shards too, every
     * shard checked on its own; the library never skips one. */
    search_open_opts so = { SEARCH_DEFAULT_TIMEOUT_MS, 0, NULL, NULL };
    st = n == 1 ? search_open(&first, 1, &so, &ix->si)
                : search_open(paths, n, &so, &ix->si);
    free(default_path);
    if (st != GZ_OK) {
        gz_index_close(ix);
        return st;
    }
    *out = ix;
    return GZ_OK;
}

gz_status gz_index_count(gz_index *ix, unsigned long *count)
{
    if (!ix || !count)
        return gz_error_set(GZ_EINVAL, "gz_index_count: missing argument");
    gz_status st = search_reopen(ix->si);
    return st == GZ_OK ? search_doccount(ix->si, count) : st;
}

void gz_index_close(gz_index *ix)
{
    if (!ix)
        return;
    search_close(ix->si);
    free(ix);
}

/* ---- Searching --------------------------------------------------------------- */

void gz_search_options_init(gz_search_options *opts)
{
    if (opts)
        search_options_init(opts);
}

static void article_from_record(gz_article *a, const record *r)
{
    a->id = r->id;
    a->date = r->date;
    a->title = r->title;
    a->source = r->source;
    a->url = r->url;
    a->path = r->path;
    a->line = r->line;
    a->body = r->body;
    a->author = r->author;
    a->site = r->site;
    a->lang = r->lang;
}

/* Copy the hits of RES into R, decoded, as the header hands them out. */
static gz_status take_hits(gz_results *r, const search_results *res)
{
    size_t n = search_results_count(res);
    r->total = search_results_total(res, NULL, NULL);
    if (n && (!(r->records = calloc(n, sizeof *r->records)) ||
              !(r->articles = calloc(n, sizeof *r->articles)) ||
              !(r->scores = calloc(n, sizeof *r->scores)) ||
              !(r->similar = calloc(n, sizeof *r->similar)) ||
              !(r->snippets = calloc(n, sizeof *r->snippets))))
        return gz_error_set(GZ_EOOM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        gz_status st = search_results_record(res, i, &r->records[i]);
        if (st != GZ_OK)
            return st;
        r->count++;
        article_from_record(&r->articles[i], &r->records[i]);
        r->scores[i] = search_results_score(res, i);
        r->similar[i] = search_results_similar(res, i);
    }
    return GZ_OK;
}

/* OPTS (NULL: the defaults) as a request, checked, its dates resolved. */
static gz_status make_request(const gz_search_options *opts,
                              search_request *req, size_t *error_offset)
{
    memset(req, 0, sizeof *req);
    if (opts)
        req->opts = *opts;
    else
        search_options_init(&req->opts);
    search_tuning_init(&req->tune);
    gz_status st = search_request_check(req);
    if (st == GZ_OK && (st = search_request_dates(req, "")) == GZ_EPARSE &&
        error_offset)
        *error_offset = (size_t)-1;
    return st;
}

gz_status gz_search(gz_index *ix, const char *query,
                    const gz_search_options *opts, gz_results **out,
                    size_t *error_offset)
{
    search_request req;
    gz_results *r = NULL;
    search_results *res = NULL;
    size_t col = 0;
    gz_status st;

    if (!out)
        return gz_error_set(GZ_EINVAL, "gz_search: OUT is NULL");
    *out = NULL;
    if (!ix || !query)
        return gz_error_set(GZ_EINVAL, "gz_search: no index or no query");
    if ((st = make_request(opts, &req, error_offset)) != GZ_OK)
        return st;
    if (!(r = calloc(1, sizeof *r)))
        return gz_error_set(GZ_EOOM, "out of memory");
    r->ix = ix;
    r->snippet_words = req.opts.snippet_words ? req.opts.snippet_words
                                              : SEARCH_DEFAULT_SNIPPET_WORDS;
    if ((st = search_parse(ix->si, query, &req, NULL, &r->query, &col)) != GZ_OK) {
        if (st == GZ_EPARSE && error_offset)
            *error_offset = col;
        goto fail;
    }
    /* A long-lived handle sees what was committed since it was opened. */
    if ((st = search_reopen(ix->si)) != GZ_OK ||
        (st = search_run(ix->si, r->query, &req, &res)) != GZ_OK ||
        (st = take_hits(r, res)) != GZ_OK)
        goto fail;
    search_results_free(res);
    *out = r;
    return GZ_OK;

fail:
    search_results_free(res);
    gz_results_free(r);
    return st;
}

size_t gz_results_count(const gz_results *r)
{
    return r ? r->count : 0;
}

unsigned long gz_results_total(const gz_results *r)
{
    return r ? r->total : 0;
}

const gz_article *gz_results_article(const gz_results *r, size_t i)
{
    return r && i < r->count ? &r->articles[i] : NULL;
}

double gz_results_score(const gz_results *r, size_t i)
{
    return r && i < r->count ? r->scores[i] : 0;
}

unsigned long gz_results_similar(const gz_results *r, size_t i)
{
    return r && i < r->count ? r->similar[i] : 0;
}

const char *gz_results_snippet(gz_results *r, size_t i, const gz_span **marks,
                               size_t *nmarks)
{
    if (marks)
        *marks = NULL;
    if (nmarks)
        *nmarks = 0;
    if (!r || i >= r->count) {
        gz_error_set(GZ_EINVAL, "gz_results_snippet: no hit %zu", i);
        return NULL;
    }
    result_snippet *s = &r->snippets[i];
    if (!s->made) {
        if (search_snippet(r->ix->si, r->query, &r->records[i],
                           r->snippet_words, &s->snip) != GZ_OK)
            return NULL;
        if (s->snip.nmarks &&
            !(s->spans = malloc(s->snip.nmarks * sizeof *s->spans))) {
            snippet_free(&s->snip);
            gz_error_set(GZ_EOOM, "out of memory making a snippet");
            return NULL;
        }
        for (size_t k = 0; k < s->snip.nmarks; k++) {
            s->spans[k].start = s->snip.marks[k].start;
            s->spans[k].end = s->snip.marks[k].end;
        }
        s->made = 1;
    }
    if (marks)
        *marks = s->spans;
    if (nmarks)
        *nmarks = s->snip.nmarks;
    return s->snip.text;
}

void gz_results_free(gz_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        record_free(&r->records[i]);
        if (r->snippets[i].made) {
            snippet_free(&r->snippets[i].snip);
            free(r->snippets[i].spans);
        }
    }
    free(r->records);
    free(r->articles);
    free(r->scores);
    free(r->similar);
    free(r->snippets);
    search_query_free(r->query);
    free(r);
}

/* ---- Indexing ---------------------------------------------------------------- */

/* Articles go in through writer.h, the way gazette-index writes them:
 * what is added here is only the checks of the caller's arguments. */

gz_status gz_indexer_open(const char *path, int flags, const char *language,
                          gz_indexer **out)
{
    gz_indexer *ix = NULL;
    char *default_path = NULL;
    const char *where = NULL;
    int created;
    gz_status st;

    if (!out)
        return gz_error_set(GZ_EINVAL, "gz_indexer_open: OUT is NULL");
    *out = NULL;
    if (flags & ~GZ_CREATE)
        return gz_error_set(GZ_EINVAL, "gz_indexer_open: unknown flags %#x",
                            (unsigned)(flags & ~GZ_CREATE));
    if ((st = resolve_path(path, &where, &default_path)) != GZ_OK)
        return st;
    if (!(ix = calloc(1, sizeof *ix))) {
        st = gz_error_set(GZ_EOOM, "out of memory opening an index");
        goto fail;
    }
    /* A new language is refused before anything is created for it. */
    if (language) {
        stemmer *probe;
        if ((st = stemmer_new(language, &probe)) != GZ_OK)
            goto fail;
        stemmer_free(probe);
    }
    /* Both refuse a folder that is not an index before writing in it. */
    st = (flags & GZ_CREATE) ? layout_ensure(where, &created)
                             : layout_check(where);
    if (st != GZ_OK)
        goto fail;
    if ((st = writer_open(where, 0, language, &ix->w)) != GZ_OK)
        goto fail;
    free(default_path);
    *out = ix;
    return GZ_OK;

fail:
    free(default_path);
    gz_indexer_close(ix);
    return st;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Check A as the header promises, before anything is written. */
static gz_status article_check(const gz_article *a)
{
    if (!a->id || !a->id[0])
        return gz_error_set(GZ_EINVAL, "an article needs an id");
    if (!schema_id_ok(a->id))
        return gz_error_set(GZ_EINVAL, "id '%.*s...' is longer than %d bytes",
                            utf8_quote_len(a->id, strlen(a->id), 40), a->id,
                            SCHEMA_ID_MAX);
    const char *names[] = { "id", "date", "title", "source", "url", "path",
                            "body", "author", "site" };
    const char *values[] = { a->id, a->date, a->title, a->source, a->url,
                             a->path, a->body, a->author, a->site };
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        if (values[i] && !utf8_valid(values[i], strlen(values[i])))
            return gz_error_set(GZ_EINVAL, "article %s: the %s is not UTF-8",
                                utf8_valid(a->id, strlen(a->id)) ? a->id : "?",
                                names[i]);
    if (a->date && a->date[0]) {
        /* A day, written in full: "2021" is a period, not a date. */
        if (!date_is_day(a->date, strlen(a->date)))
            return gz_error_set(GZ_EINVAL, "article %s: date '%s' is not a "
                                "day YYYY-MM-DD", a->id, a->date);
    }
    if (a->body && strlen(a->body) > CORPUS_MAX_ARTICLE_BYTES)
        return gz_error_set(GZ_EINVAL, "article %s: the body is over %zu bytes",
                            a->id, (size_t)CORPUS_MAX_ARTICLE_BYTES);
    return GZ_OK;
}

gz_status gz_indexer_add(gz_indexer *w, const gz_article *a)
{
    if (!w || !a)
        return gz_error_set(GZ_EINVAL, "gz_indexer_add: missing argument");
    gz_status st = article_check(a);
    if (st != GZ_OK)
        return st;
    char site[URL_HOST_MAX + 1];
    int refused;
    url_article_site(or_empty(a->site), or_empty(a->url), site, &refused);
    if (refused)
        return gz_error_set(GZ_EINVAL, "article %s: site '%s' is not a host "
                            "name", a->id, a->site);
    article art = {
        .id = a->id, .date = a->date && a->date[0] ? a->date : NULL,
        .title = or_empty(a->title), .source = or_empty(a->source),
        .url = or_empty(a->url), .author = or_empty(a->author), .site = site,
        .body = or_empty(a->body), .body_len = strlen(or_empty(a->body)),
        .line = a->line,
    };
    /* As a JSON Lines "lang": a tag that names no language is none. */
    char lang[LANG_MAX];
    if (a->lang && lang_code(a->lang, strlen(a->lang), lang))
        art.lang = lang;
    /* An article the index holds exactly so is not written again
     * (WRITER_SAME): still success, as the caller asked for it to be
     * there and it is. */
    return writer_add(w->w, &art, or_empty(a->path), NULL);
}

gz_status gz_indexer_delete(gz_indexer *w, const char *id)
{
    if (!w || !id || !id[0])
        return gz_error_set(GZ_EINVAL, "gz_indexer_delete: no id");
    return writer_delete(w->w, id);
}

gz_status gz_indexer_commit(gz_indexer *w)
{
    if (!w)
        return gz_error_set(GZ_EINVAL, "gz_indexer_commit: no indexer");
    return writer_commit(w->w);
}

void gz_indexer_close(gz_indexer *w)
{
    if (!w)
        return;
    writer_close(w->w, 0);
    free(w);
}
