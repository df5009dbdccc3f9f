/* search.c - the one search path (see search.h): the defaults, the
 * request's dates and ranges, opening the indexes (shards.c), parsing,
 * running and reading the hits.  The views of the whole match set are
 * analyst.c's.  The wrapper (xapian_wrap.h) is reached from here with
 * options made in one place, wrap_opts(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "query.h"
#include "ranking.h"
#include "schema.h"
#include "search.h"
#include "search_index.h"
#include "shards.h"
#include "signature.h"

_Static_assert(SEARCH_QUERY_MAX_BYTES == QUERY_MAX_BYTES,
               "search.h's SEARCH_QUERY_MAX_BYTES is query.h's limit");

/* ---- Defaults and requests ------------------------------------------------- */

void search_options_init(gz_search_options *o)
{
    memset(o, 0, sizeof *o);
    o->limit = SEARCH_DEFAULT_LIMIT;
    o->order = GZ_ORDER_RELEVANCE;
    o->snippet_words = SEARCH_DEFAULT_SNIPPET_WORDS;
    o->collapse = 1;
    o->stopwords = 1;
    o->expand_docs = RANKING_EXPAND_DOCS;
    o->expand_terms = RANKING_EXPAND_TERMS;
    o->expand_weight = RANKING_EXPAND_WEIGHT;
    o->bm25_k1 = RANKING_BM25_K1;
    o->bm25_b = RANKING_BM25_B;
}

void search_tuning_init(ranking_tuning *t)
{
    t->proximity = RANKING_PROXIMITY;
    t->proximity_window = RANKING_PROXIMITY_WINDOW;
    t->min_normlen = RANKING_MIN_NORMLEN;
    t->bm25plus_delta = RANKING_BM25PLUS_DELTA;
    t->expand_min_match = RANKING_EXPAND_MIN_MATCH;
}

/* The period of option DASH NAME's date TEXT. */
static gz_status option_period(const char *dash, const char *name,
                               const char *text, int today, int *lo, int *hi)
{
    gz_status st = date_parse_period(text, strlen(text), today, lo, hi, NULL);
    if (st != GZ_OK) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", gz_last_error());
        st = gz_error_set(st, "%s%s: %s", dash, name, msg);
    }
    return st;
}

gz_status search_request_dates(search_request *req, const char *dash)
{
    const gz_search_options *o = &req->opts;
    int lo, hi;
    gz_status st;

    req->today = date_today();
    req->dates = (date_range){ 0, 0 };
    if (o->now) {
        if ((st = option_period(dash, "now", o->now, req->today, &lo, &hi)) != GZ_OK)
            return st;
        if (lo != hi)
            return gz_error_set(GZ_EPARSE, "%snow: '%s' is not one day "
                                "(YYYY-MM-DD)", dash, o->now);
        req->today = lo;
    }
    if (o->since) {
        if ((st = option_period(dash, "since", o->since, req->today, &lo, &hi)) != GZ_OK)
            return st;
        req->dates.lo = lo;
    }
    if (o->until) {
        if ((st = option_period(dash, "until", o->until, req->today, &lo, &hi)) != GZ_OK)
            return st;
        req->dates.hi = hi;
    }
    if (o->on) {
        if ((st = option_period(dash, "on", o->on, req->today, &lo, &hi)) != GZ_OK)
            return st;
        req->dates = date_range_intersect(req->dates, (date_range){ lo, hi });
    }
    if (req->dates.lo && req->dates.hi && req->dates.lo > req->dates.hi)
        return gz_error_set(GZ_EINVAL, "the date options leave no day: "
                            "%ssince is after %suntil", dash, dash);
    return GZ_OK;
}

gz_status search_request_check(const search_request *req)
{
    const gz_search_options *o = &req->opts;
    if ((unsigned)o->order > GZ_ORDER_OLDEST)
        return gz_error_set(GZ_EINVAL, "unknown order %d", (int)o->order);
    /* 0 would mean "Xapian's default" to the wrapper: refused, not
     * misread. */
    if (!(o->bm25_k1 > 0 && o->bm25_k1 <= 100) ||
        !(o->bm25_b > 0 && o->bm25_b <= 1))
        return gz_error_set(GZ_EINVAL, "BM25 parameters %g,%g are not K1 "
                            "in (0, 100] and B in (0, 1]", o->bm25_k1,
                            o->bm25_b);
    if (o->expand < GZ_EXPAND_NEVER || o->expand > GZ_EXPAND_ALWAYS ||
        o->expand_docs > 1000 || o->expand_terms > 1000 ||
        !(o->expand_weight >= 0 && o->expand_weight <= 100))
        return gz_error_set(GZ_EINVAL, "expansion parameters out of range");
    const ranking_tuning *t = &req->tune;
    if (!(t->proximity >= 0 && t->proximity <= 10) ||
        t->proximity_window < 2 || t->proximity_window > 100 ||
        !(t->min_normlen > 0 && t->min_normlen <= 1) ||
        !(t->bm25plus_delta >= 0 && t->bm25plus_delta <= 10) ||
        !(t->expand_min_match >= 0 && t->expand_min_match <= 1))
        return gz_error_set(GZ_EINVAL, "ranking settings out of range");
    return GZ_OK;
}

/* REQ as the wrapper's options: the one place they are made. */
static void wrap_opts(const search_request *req, match_opts *so)
{
    const gz_search_options *o = &req->opts;
    *so = (match_opts){
        .offset = o->offset, .limit = o->limit,
        .sort = o->order == GZ_ORDER_NEWEST ? MATCH_NEWEST
              : o->order == GZ_ORDER_OLDEST ? MATCH_OLDEST
              : MATCH_RELEVANCE,
        .date_slot = SCHEMA_SLOT_DATE, .id_slot = SCHEMA_SLOT_ID,
        .order_slot = SCHEMA_SLOT_ORDER,
        .head_slot = req->head_only ? SCHEMA_SLOT_HEAD : 0,
        .bm25_k1 = o->bm25_k1, .bm25_b = o->bm25_b,
        .exact_count = o->exact_total != 0,
        .tune = req->tune,
    };
    /* Asked for, feedback always applies; by default only to natural
     * language whose first hits match it well (ranking.h), and it only
     * reorders: every hit still holds a word of the query. */
    if (o->expand == GZ_EXPAND_ALWAYS)
        so->tune.expand_min_match = 0;
    else
        so->expand_reorder = 1;
    if (o->expand == GZ_EXPAND_ALWAYS ||
        (o->expand == GZ_EXPAND_AUTO && o->any && so->tune.expand_min_match > 0)) {
        so->expand_docs = o->expand_docs;
        so->expand_terms = o->expand_terms;
        so->expand_weight = o->expand_weight;
    }
    if (o->collapse) {
        so->collapse = 1;
        so->copy_slot = SCHEMA_SLOT_COPY;
        so->sketch_slot = SCHEMA_SLOT_SKETCH;
        so->near_min = SIG_NEAR_MIN;
    }
}

/* ---- The indexes ------------------------------------------------------------ */

/* gz_db_terms() callback: keep the language of L term TERM, unless it is
 * the default one or kept already. */
static int keep_language(void *ctx, const char *term)
{
    search_index *si = ctx;
    const char *code = term + SCHEMA_PREFIX_LEN;
    if (strcmp(code, si->code) == 0 || strlen(code) >= LANG_MAX)
        return 0;
    for (size_t i = 0; i < si->nlangs; i++)
        if (strcmp(si->langs[i].code, code) == 0)
            return 0;
    if (si->nlangs == SEARCH_LANGS_MAX)
        return 1;
    const char *algorithm = lang_stemmer(code);
    stemmer *st = NULL;
    if (algorithm && stemmer_new(algorithm, &st) != GZ_OK)
        return 1;
    char *kept = si->lang_codes[si->nlangs];
    snprintf(kept, LANG_MAX, "%s", code);
    si->langs[si->nlangs++] = (schema_lang){ kept, st, 1 };
    return 0;
}

/* The languages SI holds besides its default (its L terms): an index of
 * one language has none, and its queries are what they were. */
static gz_status open_languages(search_index *si)
{
    const char *l = stemmer_language(si->st);
    if (!lang_code(l, strlen(l), si->code))
        strcpy(si->code, "en");
    si->def = (schema_lang){ si->code, si->st, 0 };
    return gz_db_terms(si->db, SCHEMA_PREFIX_LANG, keep_language, si);
}

gz_status search_open(const char *const *paths, size_t n,
                      const search_open_opts *opts, search_index **out)
{
    search_index *si = calloc(1, sizeof *si);
    gz_status st;
    *out = NULL;
    if (!si || !(si->name = strdup(n == 1 ? paths[0] : "the shards"))) {
        free(si);
        return gz_error_set(GZ_EOOM, "out of memory opening an index");
    }
    if ((st = shards_open(paths, n, opts, &si->db, &si->st)) != GZ_OK ||
        (st = open_languages(si)) != GZ_OK) {
        search_close(si);
        return st;
    }
    *out = si;
    return GZ_OK;
}

void search_close(search_index *si)
{
    if (!si)
        return;
    gz_db_close(si->db);
    stemmer_free(si->st);
    for (size_t i = 0; i < si->nlangs; i++)
        stemmer_free(si->langs[i].st);
    free(si->name);
    free(si);
}

const schema_lang *search_lang(const search_index *si, const char *code)
{
    for (size_t i = 0; code && *code && i < si->nlangs; i++)
        if (strcmp(si->langs[i].code, code) == 0)
            return &si->langs[i];
    return &si->def;
}

/* A language first indexed since the last open is searched from now on
 * (the ones kept stay where they are: queries point at them). */
gz_status search_reopen(search_index *si)
{
    gz_status st = gz_db_reopen(si->db);
    if (st == GZ_OK)
        st = gz_db_terms(si->db, SCHEMA_PREFIX_LANG, keep_language, si);
    return st;
}

gz_status search_doccount(search_index *si, unsigned long *count)
{
    return gz_db_doccount(si->db, count);
}

const char *search_xapian_version(void)
{
    return gz_xapian_version();
}

const char *search_name(const search_index *si)
{
    return si->name;
}

/* ---- A query --------------------------------------------------------------- */

/* query_has_term_fn over an open index. */
static int has_term(void *ctx, const char *term)
{
    search_index *si = ctx;
    unsigned long n = 0;
    return gz_db_termfreq(si->db, term, &n) == GZ_OK && n > 0;
}

/* Into QO, the languages of SI a query is stemmed in: all it holds, or
 * those of LIST ("de,fr", --lang; NULL: all) it holds, copied into LANGS;
 * NO_DEFAULT when LIST leaves out the default language.  GZ_EINVAL for a
 * LIST item that names no language. */
static gz_status pick_languages(const search_index *si, const char *list,
                                schema_lang *langs, query_opts *qo)
{
    if (!list) {
        qo->langs = si->langs;
        qo->nlangs = si->nlangs;
        return GZ_OK;
    }
    int has_default = 0;
    size_t n = 0;
    char seen[SEARCH_LANGS_MAX] = { 0 };
    for (const char *s = list; *s;) {
        size_t len = strcspn(s, ", ");
        char code[LANG_MAX];
        if (len > 0 && !lang_code(s, len, code))
            return gz_error_set(GZ_EINVAL, "--lang: '%.*s' names no "
                                "language (de, fr, german)", (int)len, s);
        if (len > 0 && strcmp(code, si->code) == 0)
            has_default = 1;
        for (size_t i = 0; len > 0 && i < si->nlangs; i++)
            if (!seen[i] && strcmp(code, si->langs[i].code) == 0) {
                seen[i] = 1;
                langs[n++] = si->langs[i];
            }
        s += len;
        s += *s != '\0';
    }
    qo->langs = langs;
    qo->nlangs = n;
    qo->no_default = !has_default;
    return GZ_OK;
}

gz_status search_parse(search_index *si, const char *text,
                       const search_request *req, const char *like,
                       gz_query **out, size_t *err_col)
{
    const gz_search_options *o = &req->opts;
    query_opts qo = { o->any ? QUERY_ANY | (o->stopwords ? QUERY_STOPWORDS : 0)
                             : 0, req->today, NULL, 0, 0, has_term, si };
    gz_query *q = NULL;
    schema_lang langs[SEARCH_LANGS_MAX];
    *out = NULL;
    gz_status st = pick_languages(si, o->lang, langs, &qo);
    if (st == GZ_OK)
        st = query_parse(text, si->st, &qo, &q, err_col);
    if (st == GZ_OK && like)
        st = search_like(si, q, like);
    if (st == GZ_OK)
        st = query_restrict_dates(q, req->dates);
    if (st != GZ_OK) {
        query_free(q);
        return st;
    }
    *out = q;
    return GZ_OK;
}

void search_query_free(gz_query *q)
{
    query_free(q);
}

gz_status search_explain(const gz_query *q, char **mine, char **xapian)
{
    *mine = query_describe(q);
    *xapian = gz_query_describe(query_tree(q));
    if (*mine && *xapian)
        return GZ_OK;
    free(*mine);
    free(*xapian);
    *mine = *xapian = NULL;
    return gz_error_set(GZ_EOOM, "out of memory describing the query");
}

gz_status search_snippet(search_index *si, const gz_query *q,
                         const record *rec, unsigned words, snippet *out)
{
    size_t nstems = query_stem_count(q);
    const char **stems = malloc((nstems + 1) * sizeof *stems);
    if (!stems)
        return gz_error_set(GZ_EOOM, "out of memory making a snippet");
    for (size_t k = 0; k < nstems; k++)
        stems[k] = query_stem(q, k);
    gz_status st = snippet_make(rec->body, rec->body_len,
                                search_lang(si, rec->lang), stems, nstems,
                                words, out);
    free(stems);
    return st;
}

typedef struct words_walk {
    const schema_lang *lang;
    search_word_fn fn;
    void *ctx;
} words_walk;

static int walk_word(void *ctx, const token *tok)
{
    words_walk *w = ctx;
    char buf[SCHEMA_STEM_MAX];
    size_t len;
    const char *stem = schema_stem_term(w->lang, tok->word, tok->len, buf,
                                        &len);
    return w->fn(w->ctx, tok, stem, len);
}

int search_record_words(const search_index *si, const record *rec,
                        search_word_fn fn, void *ctx)
{
    words_walk w = { search_lang(si, rec->lang), fn, ctx };
    int rc = tokenize_in(rec->title, strlen(rec->title), w.lang->code, 1,
                         walk_word, &w, NULL);
    if (rc == 0)
        rc = tokenize_in(rec->body, rec->body_len, w.lang->code, 1,
                         walk_word, &w, NULL);
    return rc;
}

/* ---- Running it ------------------------------------------------------------ */

struct search_results {
    match_hits *hits;
};

gz_status search_run(search_index *si, const gz_query *q,
                     const search_request *req, search_results **out)
{
    match_opts so;
    search_results *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return gz_error_set(GZ_EOOM, "out of memory");
    wrap_opts(req, &so);
    gz_status st = match_run(si->db, query_tree(q), &so, &r->hits);
    if (st != GZ_OK) {
        search_results_free(r);
        return st;
    }
    *out = r;
    return GZ_OK;
}

size_t search_results_count(const search_results *r)
{
    return match_hits_count(r->hits);
}

unsigned long search_results_total(const search_results *r,
                                   unsigned long *lower, unsigned long *upper)
{
    return match_hits_total(r->hits, lower, upper);
}

double search_results_score(const search_results *r, size_t i)
{
    return match_hits_score(r->hits, i);
}

unsigned long search_results_similar(const search_results *r, size_t i)
{
    return match_hits_similar(r->hits, i);
}

gz_status search_results_record(const search_results *r, size_t i,
                                 record *out)
{
    size_t len;
    const char *data = match_hits_data(r->hits, i, &len);
    return record_decode(data, len, out);
}

void search_results_free(search_results *r)
{
    if (!r)
        return;
    match_hits_free(r->hits);
    free(r);
}
