/* analyst.c - the match set as a whole, for gazette-search's views beside
 * a page of hits (search.h): one stored article (--show), the matches per
 * day (--histogram), exact counts and the terms that set a set of
 * articles apart (--terms, --like), the spelling table ("did you mean").
 * Only reaches the index; the views themselves (charts, term lists,
 * corrected queries) are made in searcher/. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "query.h"
#include "schema.h"
#include "search_index.h"
#include "stopwords.h"

/* Terms an article is searched by for --like. */
#define LIKE_TERMS 30

gz_status search_article(search_index *si, const char *id, record *out)
{
    char *idterm = schema_idterm(id), *data = NULL;
    size_t len;
    if (!idterm)
        return gz_error_set(GZ_EOOM, "out of memory");
    gz_status st = gz_db_get_data(si->db, idterm, &data, &len);
    if (st == GZ_OK)
        st = record_decode(data, len, out);
    free(data);
    free(idterm);
    return st;
}

/* ---- Per day ----------------------------------------------------------------- */

typedef struct day_ctx {
    search_day_fn fn;
    void *ctx;
} day_ctx;

static int one_day(void *ctx, const char *value, size_t len,
                   unsigned long count)
{
    day_ctx *d = ctx;
    /* The date slot holds YYYYMMDD (schema.h); anything else is not a
     * day this index wrote, and is counted as undated. */
    if (len != 8 || strspn(value, "0123456789") != 8)
        return 0;
    return d->fn(d->ctx, atoi(value), count);
}

gz_status search_day_counts(search_index *si, const gz_query *q,
                            search_day_fn fn, void *ctx,
                            unsigned long *total)
{
    day_ctx d = { fn, ctx };
    return gz_db_value_counts(si->db, query_tree(q), SCHEMA_SLOT_DATE,
                              one_day, &d, total);
}

/* ---- Counts ------------------------------------------------------------------ */

gz_status search_count(search_index *si, const gz_query *q, const char *term,
                       unsigned long *out)
{
    const gz_qnode *tree = query_tree(q);
    gz_qnode t = { .op = GZ_Q_BOOLEAN, .term = term };
    gz_qnode *kids[2] = { (gz_qnode *)tree, &t };
    gz_qnode both = { .op = GZ_Q_FILTER, .children = kids, .nchildren = 2 };
    match_opts o = { .limit = 0, .exact_count = 1,
                         .date_slot = SCHEMA_SLOT_DATE, .id_slot = SCHEMA_SLOT_ID,
                         .order_slot = SCHEMA_SLOT_ORDER };
    match_hits *h = NULL;
    gz_status st = match_run(si->db, term ? &both : tree, &o, &h);
    if (st == GZ_OK)
        *out = match_hits_total(h, NULL, NULL);
    match_hits_free(h);
    return st;
}

gz_status search_termfreq(search_index *si, const char *term,
                          unsigned long *count)
{
    return gz_db_termfreq(si->db, term, count);
}

/* ---- Distinctive terms ------------------------------------------------------- */

typedef struct term_adder {
    search_terms *t;
    int failed;
} term_adder;

/* The stop words an ESet leaves out: the default language's as they are
 * (as they always were), the other languages' as their stems ("de:werd"
 * for "werden"): German inflects its stop words, and stemming changes
 * them more than it does English ones. */
typedef struct stop_filter {
    stopword_langs def;
    const schema_lang *lang;    /* while collecting */
    char **stems;               /* sorted */
    size_t n, cap;
    int failed;
} stop_filter;

static int add_stop_stem(void *ctx, const char *word, size_t len)
{
    stop_filter *f = ctx;
    char buf[SCHEMA_STEM_MAX];
    size_t slen;
    const char *stem = schema_stem_term(f->lang, word, len, buf, &slen);
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 256;
        char **s = realloc(f->stems, cap * sizeof *s);
        if (!s)
            return f->failed = 1;
        f->stems = s;
        f->cap = cap;
    }
    if (!(f->stems[f->n] = strndup(stem, slen)))
        return f->failed = 1;
    f->n++;
    return 0;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void stop_filter_free(stop_filter *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->stems[i]);
    free(f->stems);
}

static gz_status stop_filter_init(const search_index *si, stop_filter *f)
{
    memset(f, 0, sizeof *f);
    f->def = stopword_langs_of(stemmer_language(si->st));
    for (size_t i = 0; i < si->nlangs && !f->failed; i++) {
        f->lang = &si->langs[i];
        stopword_each(f->lang->code, add_stop_stem, f);
    }
    if (f->failed) {
        stop_filter_free(f);
        return gz_error_set(GZ_EOOM, "out of memory listing terms");
    }
    if (f->n)   /* qsort(NULL, 0, ...) is undefined (UBSan says so) */
        qsort(f->stems, f->n, sizeof *f->stems, by_string);
    return GZ_OK;
}

/* Stop words say nothing of a subject, however often they occur. */
static int not_stopword(void *ctx, const char *term, size_t len)
{
    const stop_filter *f = ctx;
    if (f->n && memchr(term, ':', len)) {
        char key[SCHEMA_STEM_MAX];
        const char *k = key;
        if (len >= sizeof key)
            return 1;
        memcpy(key, term, len);
        key[len] = '\0';
        return !bsearch(&k, f->stems, f->n, sizeof *f->stems, by_string);
    }
    return !stopword_in_langs(f->def, term, len);
}

static int add_term(void *ctx, const char *term, size_t len, double weight)
{
    term_adder *a = ctx;
    search_terms *l = a->t;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        char **t = realloc(l->term, cap * sizeof *t);
        if (t)
            l->term = t;
        double *w = t ? realloc(l->weight, cap * sizeof *w) : NULL;
        if (!w) {
            a->failed = 1;
            return 1;
        }
        l->weight = w;
        l->cap = cap;
    }
    if (!(l->term[l->n] = strndup(term, len))) {
        a->failed = 1;
        return 1;
    }
    l->weight[l->n++] = weight;
    return 0;
}

void search_terms_free(search_terms *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->term[i]);
    free(t->term);
    free(t->weight);
    memset(t, 0, sizeof *t);
}

/* Xapian's ESet of the first RSET_MAX matches of TREE into *OUT. */
static gz_status eset_terms(search_index *si, const gz_qnode *tree,
                            unsigned rset_max, unsigned nterms,
                            int by_documents, search_terms *out,
                            unsigned long *used)
{
    term_adder a = { out, 0 };
    stop_filter stop;
    gz_status st = stop_filter_init(si, &stop);
    if (st != GZ_OK)
        return st;
    gz_eset_opts eo = { rset_max, nterms, by_documents, not_stopword, &stop };
    st = gz_db_eset(si->db, tree, &eo, add_term, &a, used);
    if (st == GZ_OK && a.failed)
        st = gz_error_set(GZ_EOOM, "out of memory listing terms");
    stop_filter_free(&stop);
    return st;
}

gz_status search_distinctive(search_index *si, const gz_query *q,
                             unsigned set_size, unsigned nterms,
                             search_terms *out, unsigned long *used)
{
    return eset_terms(si, query_tree(q), set_size, nterms, 1, out, used);
}

gz_status search_like(search_index *si, gz_query *q, const char *id)
{
    if (!schema_id_ok(id))
        return gz_error_set(GZ_EINVAL, "'%s' is not an article id", id);
    char *idterm = schema_idterm(id), *data = NULL;
    search_terms l = { NULL, NULL, 0, 0 };
    size_t len;
    gz_status st = idterm ? gz_db_get_data(si->db, idterm, &data, &len)
                          : gz_error_set(GZ_EOOM, "out of memory");
    if (st == GZ_ENOTFOUND)
        gz_error_set(st, "no article with id '%s' in %s", id, si->name);
    gz_qnode self = { .op = GZ_Q_BOOLEAN, .term = idterm };
    if (st == GZ_OK)
        st = eset_terms(si, &self, 1, LIKE_TERMS, 0, &l, NULL);
    if (st == GZ_OK) {
        /* Each term as heavy as its share of the article's ESet weight,
         * the mean term weighing as much as one query word. */
        double sum = 0;
        for (size_t i = 0; i < l.n; i++)
            sum += l.weight[i];
        for (size_t i = 0; i < l.n; i++)
            l.weight[i] = sum > 0 ? l.weight[i] * (double)l.n / sum : 1;
        st = query_like(q, (const char *const *)l.term, l.weight, l.n, idterm);
    }
    search_terms_free(&l);
    free(data);
    free(idterm);
    return st;
}

/* ---- Spelling ---------------------------------------------------------------- */

gz_status search_spelling(search_index *si, const char *word,
                          unsigned max_edits, char **out)
{
    return gz_db_spelling(si->db, word, max_edits, out);
}

gz_status search_spelling_freq(search_index *si, const char *word,
                               unsigned long *freq)
{
    return gz_db_spelling_freq(si->db, word, freq);
}
