/* api.c - libgazette's public API (include/gazette.h) over the internal
 * modules.
 *
 * Only composes them, the way gazette-search and gazette-index do: the
 * query language is query.c's, dates date.c's, the document an article
 * becomes schema.c's, the stored record record.c's, snippets snippet.c's,
 * the index layout layout.c's, and Xapian is reached only through
 * xapian_wrap.h.  Must never grow a second version of any of their rules;
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
#include "layout.h"
#include "query.h"
#include "ranking.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "stem.h"
#include "match.h"
#include "utf8.h"
#include "writer.h"
#include "xapian_wrap.h"

#define DEFAULT_LIMIT 10
#define DEFAULT_SNIPPET_WORDS 30    /* as gazette-search's */

struct gz_index {
    gz_db *db;
    stemmer *st;
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

/* Open PATH alone and read the stemmer language it was built with. */
static gz_status open_one(const char *path, gz_db **db, char **language)
{
    *language = NULL;
    gz_status st = gz_db_open(path, db);
    if (st == GZ_OK && (st = schema_db_language(*db, language)) != GZ_OK) {
        gz_db_close(*db);
        *db = NULL;
    }
    return st;
}

gz_status gz_index_open(const char *path, gz_index **out)
{
    return gz_index_open_many(&path, 1, out);
}

gz_status gz_index_open_many(const char *const *paths, size_t n,
                             gz_index **out)
{
    gz_index *ix = NULL;
    char *first_language = NULL, *language = NULL, *default_path = NULL;
    const char **resolved = NULL;
    gz_db *db = NULL;
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
    if (!(ix = calloc(1, sizeof *ix)) ||
        !(resolved = calloc(n, sizeof *resolved))) {
        st = gz_error_set(GZ_EOOM, "out of memory opening an index");
        goto fail;
    }
    if ((st = resolve_path(paths[0], &resolved[0], &default_path)) != GZ_OK)
        goto fail;
    for (size_t i = 1; i < n; i++)
        resolved[i] = paths[i];

    /* Each index is checked on its own: the schema and stemmer marks are
     * per index, and one search needs one stemmer for all. */
    for (size_t i = 0; i < n; i++) {
        if ((st = open_one(resolved[i], &db, &language)) != GZ_OK)
            goto fail;
        if (!ix->st && (st = stemmer_new(language, &ix->st)) != GZ_OK)
            goto fail;
        if (!first_language) {
            first_language = language;
            language = NULL;
        } else if (strcmp(language, first_language) != 0) {
            st = gz_error_set(GZ_EVERSION, "%s is stemmed for '%s' but %s for "
                              "'%s': indexes searched together need one "
                              "stemmer", resolved[0], first_language,
                              resolved[i], language);
            goto fail;
        }
        if ((st = schema_check_db(db, ix->st)) != GZ_OK) {
            char msg[1024];
            snprintf(msg, sizeof msg, "%s", gz_last_error());
            st = gz_error_set(st, "%s: %s", resolved[i], msg);
            goto fail;
        }
        free(language);
        language = NULL;
        if (n == 1) {
            ix->db = db;    /* keep the one already open */
            db = NULL;
        } else {
            gz_db_close(db);
            db = NULL;
        }
    }
    if (n > 1 && (st = gz_db_open_many(resolved, n, &ix->db)) != GZ_OK)
        goto fail;
    free(first_language);
    free(default_path);
    free(resolved);
    *out = ix;
    return GZ_OK;

fail:
    gz_db_close(db);
    free(first_language);
    free(language);
    free(default_path);
    free(resolved);
    gz_index_close(ix);
    return st;
}

gz_status gz_index_count(gz_index *ix, unsigned long *count)
{
    if (!ix || !count)
        return gz_error_set(GZ_EINVAL, "gz_index_count: missing argument");
    gz_status st = gz_db_reopen(ix->db);
    return st == GZ_OK ? gz_db_doccount(ix->db, count) : st;
}

void gz_index_close(gz_index *ix)
{
    if (!ix)
        return;
    gz_db_close(ix->db);
    stemmer_free(ix->st);
    free(ix);
}

/* ---- Searching --------------------------------------------------------------- */

void gz_search_options_init(gz_search_options *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->limit = DEFAULT_LIMIT;
    opts->order = GZ_ORDER_RELEVANCE;
    opts->snippet_words = DEFAULT_SNIPPET_WORDS;
}

/* The period of option NAME's date TEXT, as gazette-search's --since. */
static gz_status option_period(const char *name, const char *text, int today,
                               int *lo, int *hi)
{
    gz_status st = date_parse_period(text, strlen(text), today, lo, hi, NULL);
    if (st != GZ_OK) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", gz_last_error());
        st = gz_error_set(st, "%s: %s", name, msg);
    }
    return st;
}

/* The day relative dates count from and the range SINCE..UNTIL allow. */
static gz_status option_dates(const gz_search_options *o, int *today,
                              date_range *range)
{
    int lo, hi;
    gz_status st;
    *today = date_today();
    range->lo = range->hi = 0;
    if (o->now) {
        if ((st = option_period("now", o->now, *today, &lo, &hi)) != GZ_OK)
            return st;
        if (lo != hi)
            return gz_error_set(GZ_EPARSE, "now: '%s' is not one day "
                                "(YYYY-MM-DD)", o->now);
        *today = lo;
    }
    if (o->since &&
        (st = option_period("since", o->since, *today, &range->lo, &hi)) != GZ_OK)
        return st;
    if (o->until &&
        (st = option_period("until", o->until, *today, &lo, &range->hi)) != GZ_OK)
        return st;
    if (range->lo && range->hi && range->lo > range->hi)
        return gz_error_set(GZ_EINVAL, "the dates leave no day: since %s is "
                            "after until %s", o->since, o->until);
    return GZ_OK;
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
}

gz_status gz_search(gz_index *ix, const char *query,
                    const gz_search_options *opts, gz_results **out,
                    size_t *error_offset)
{
    gz_search_options defaults;
    gz_results *r = NULL;
    match_hits *hits = NULL;
    size_t col = 0;
    int today;
    date_range range;
    gz_status st;

    if (!out)
        return gz_error_set(GZ_EINVAL, "gz_search: OUT is NULL");
    *out = NULL;
    if (!ix || !query)
        return gz_error_set(GZ_EINVAL, "gz_search: no index or no query");
    if (!opts) {
        gz_search_options_init(&defaults);
        opts = &defaults;
    }
    if ((unsigned)opts->order > GZ_ORDER_OLDEST)
        return gz_error_set(GZ_EINVAL, "gz_search: unknown order %d",
                            (int)opts->order);
    if ((st = option_dates(opts, &today, &range)) != GZ_OK) {
        if (st == GZ_EPARSE && error_offset)
            *error_offset = (size_t)-1;
        return st;
    }
    if (!(r = calloc(1, sizeof *r))) {
        st = gz_error_set(GZ_EOOM, "out of memory");
        goto fail;
    }
    r->ix = ix;
    r->snippet_words = opts->snippet_words ? opts->snippet_words
                                           : DEFAULT_SNIPPET_WORDS;

    query_opts qo = { opts->any ? QUERY_ANY | QUERY_STOPWORDS : 0, today };
    if ((st = query_parse(query, ix->st, &qo, &r->query, &col)) != GZ_OK) {
        if (st == GZ_EPARSE && error_offset)
            *error_offset = col;
        goto fail;
    }
    if ((st = query_restrict_dates(r->query, range)) != GZ_OK)
        goto fail;

    match_opts so = {
        .offset = opts->offset, .limit = opts->limit,
        .sort = opts->order == GZ_ORDER_NEWEST ? MATCH_NEWEST
              : opts->order == GZ_ORDER_OLDEST ? MATCH_OLDEST
              : MATCH_RELEVANCE,
        .date_slot = SCHEMA_SLOT_DATE, .id_slot = SCHEMA_SLOT_ID,
        .order_slot = SCHEMA_SLOT_ORDER,
        .bm25_k1 = RANKING_BM25_K1, .bm25_b = RANKING_BM25_B,
        .exact_count = opts->exact_total != 0,
    };
    /* A long-lived handle sees what was committed since it was opened. */
    if ((st = gz_db_reopen(ix->db)) != GZ_OK ||
        (st = match_run(ix->db, query_tree(r->query), &so, &hits)) != GZ_OK)
        goto fail;

    size_t n = match_hits_count(hits);
    r->total = match_hits_total(hits, NULL, NULL);
    if (n && (!(r->records = calloc(n, sizeof *r->records)) ||
              !(r->articles = calloc(n, sizeof *r->articles)) ||
              !(r->scores = calloc(n, sizeof *r->scores)) ||
              !(r->snippets = calloc(n, sizeof *r->snippets)))) {
        st = gz_error_set(GZ_EOOM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *data = match_hits_data(hits, i, &len);
        if ((st = record_decode(data, len, &r->records[i])) != GZ_OK)
            goto fail;
        r->count++;
        article_from_record(&r->articles[i], &r->records[i]);
        r->scores[i] = match_hits_score(hits, i);
    }
    match_hits_free(hits);
    *out = r;
    return GZ_OK;

fail:
    match_hits_free(hits);
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
        size_t nstems = query_stem_count(r->query);
        const char **stems = malloc((nstems + 1) * sizeof *stems);
        if (!stems) {
            gz_error_set(GZ_EOOM, "out of memory making a snippet");
            return NULL;
        }
        for (size_t k = 0; k < nstems; k++)
            stems[k] = query_stem(r->query, k);
        const record *rec = &r->records[i];
        gz_status st = snippet_make(rec->body, rec->body_len, r->ix->st, stems,
                                    nstems, r->snippet_words, &s->snip);
        free(stems);
        if (st != GZ_OK)
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
    free(r->snippets);
    query_free(r->query);
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
    if ((flags & GZ_CREATE) && (st = layout_ensure(where, &created)) != GZ_OK)
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
                            "body" };
    const char *values[] = { a->id, a->date, a->title, a->source, a->url,
                             a->path, a->body };
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
    article art = {
        .id = a->id, .date = a->date && a->date[0] ? a->date : NULL,
        .title = or_empty(a->title), .source = or_empty(a->source),
        .url = or_empty(a->url), .body = or_empty(a->body),
        .body_len = strlen(or_empty(a->body)), .line = a->line,
    };
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
