/* terms.c - the terms of a match set: --terms N and --like ID.
 *
 * Both ask Xapian's ESet (gz_db_eset(): Bo1, which weighs a term by how
 * much more often it occurs in the chosen articles than in the whole
 * archive).  --terms takes the first TERMS_SET matches by relevance as
 * the set and shows each term with exact counts; --like takes one
 * article and searches for its best terms.  Stems are shown as the word
 * the first hits write most often for them, so a term can be typed back
 * into a query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "output.h"
#include "record.h"
#include "schema.h"
#include "searcher.h"
#include "stopwords.h"
#include "tokenize.h"

/* The matches an ESet is drawn from: enough to stand for a large set,
 * few enough to stay well under a second (BENCHMARKS.md). */
#define TERMS_SET 1000
/* Hits read to find how a stem is written. */
#define TERMS_SPELL_HITS 50
/* The ESet terms --terms N ranks again: TERMS_CANDIDATES per term shown,
 * and at least TERMS_MIN_CANDIDATES, so that the first terms of a short
 * list are those of a longer one. */
#define TERMS_CANDIDATES 4
#define TERMS_MIN_CANDIDATES 40
/* Terms an article is searched by for --like. */
#define LIKE_TERMS 30

typedef struct term_list {
    char **term;
    double *weight;
    size_t n, cap;
    int failed;
} term_list;

/* Stop words say nothing of a subject, however often they occur. */
static int not_stopword(const char *term, size_t len)
{
    return !stopword_is(term, len);
}

static int add_term(void *ctx, const char *term, size_t len, double weight)
{
    term_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        char **t = realloc(l->term, cap * sizeof *t);
        if (t)
            l->term = t;
        double *w = t ? realloc(l->weight, cap * sizeof *w) : NULL;
        if (!w) {
            l->failed = 1;
            return 1;
        }
        l->weight = w;
        l->cap = cap;
    }
    if (!(l->term[l->n] = strndup(term, len))) {
        l->failed = 1;
        return 1;
    }
    l->weight[l->n++] = weight;
    return 0;
}

static void term_list_free(term_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->term[i]);
    free(l->term);
    free(l->weight);
}

/* ---- How a stem is written --------------------------------------------------- */

typedef struct spelling {
    term_list *terms;
    stemmer *st;
    char **word;                /* per term: the most frequent form */
    unsigned *best, **forms_n;  /* its count; counts per form */
    char ***forms;              /* per term: the forms seen */
    size_t *nforms;
    int failed;
} spelling;

static int see_word(void *ctx, const token *tok)
{
    spelling *sp = ctx;
    size_t slen;
    const char *stem = stemmer_stem(sp->st, tok->word, tok->len, &slen);
    for (size_t i = 0; i < sp->terms->n; i++) {
        if (strlen(sp->terms->term[i]) != slen ||
            memcmp(sp->terms->term[i], stem, slen) != 0)
            continue;
        size_t k = 0;
        while (k < sp->nforms[i] && strcmp(sp->forms[i][k], tok->word) != 0)
            k++;
        if (k == sp->nforms[i]) {
            char **f = realloc(sp->forms[i], (k + 1) * sizeof *f);
            unsigned *c = f ? realloc(sp->forms_n[i], (k + 1) * sizeof *c) : NULL;
            if (f)
                sp->forms[i] = f;
            if (!c || !(f[k] = strdup(tok->word))) {
                sp->failed = 1;
                return 1;
            }
            sp->forms_n[i] = c;
            c[k] = 0;
            sp->nforms[i]++;
        }
        if (++sp->forms_n[i][k] > sp->best[i]) {
            sp->best[i] = sp->forms_n[i][k];
            sp->word[i] = sp->forms[i][k];
        }
        break;
    }
    return 0;
}

/* ---- --terms ---------------------------------------------------------------- */

static int by_weight(const void *a, const void *b)
{
    const term_view *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return strcmp(x->stem, y->stem);
}

/* Exact number of matches of TREE (and of TERM too, when not NULL). */
static gz_status count_matches(gz_db *db, const gz_qnode *tree,
                               const char *term, unsigned long *out)
{
    gz_qnode t = { .op = GZ_Q_BOOLEAN, .term = term };
    gz_qnode *kids[2] = { (gz_qnode *)tree, &t };
    gz_qnode both = { .op = GZ_Q_FILTER, .children = kids, .nchildren = 2 };
    match_opts o = { .limit = 0, .exact_count = 1,
                         .date_slot = SCHEMA_SLOT_DATE, .id_slot = SCHEMA_SLOT_ID,
                         .order_slot = SCHEMA_SLOT_ORDER };
    match_hits *h = NULL;
    gz_status st = match_run(db, term ? &both : tree, &o, &h);
    if (st == GZ_OK)
        *out = match_hits_total(h, NULL, NULL);
    match_hits_free(h);
    return st;
}

/* Read how the first hits of TREE write the stems of SP's terms. */
static gz_status find_spellings(searcher *s, const gz_qnode *tree,
                                spelling *sp)
{
    match_opts o = s->cli.search;
    o.offset = 0;
    o.limit = TERMS_SPELL_HITS;
    o.collapse = 0;
    o.expand_docs = 0;
    match_hits *h = NULL;
    gz_status st = match_run(s->db, tree, &o, &h);
    for (size_t i = 0; st == GZ_OK && i < match_hits_count(h) && !sp->failed; i++) {
        size_t len;
        const char *data = match_hits_data(h, i, &len);
        record rec;
        if ((st = record_decode(data, len, &rec)) != GZ_OK)
            break;
        if (tokenize(rec.title, strlen(rec.title), 1, see_word, sp, NULL) < 0 ||
            tokenize(rec.body, rec.body_len, 1, see_word, sp, NULL) < 0)
            sp->failed = 1;
        record_free(&rec);
    }
    match_hits_free(h);
    if (st == GZ_OK && sp->failed)
        st = gz_error_set(GZ_EOOM, "out of memory reading the hits");
    return st;
}

int terms_run(searcher *s, const gz_query *q)
{
    const gz_qnode *tree = query_tree(q);
    term_list l = { .term = NULL };
    spelling sp = { .terms = &l, .st = s->st };
    unsigned long total = 0, doccount = 0, used = 0;
    int status = EXIT_ERROR;

    gz_status st = count_matches(s->db, tree, NULL, &total);
    if (st == GZ_OK)
        st = gz_db_doccount(s->db, &doccount);
    term_view *views = NULL;
    unsigned want = s->cli.terms * TERMS_CANDIDATES;
    if (want < TERMS_MIN_CANDIDATES)
        want = TERMS_MIN_CANDIDATES;
    gz_eset_opts eo = { TERMS_SET, want, 1, not_stopword };
    if (st == GZ_OK && total)
        st = gz_db_eset(s->db, tree, &eo, add_term, &l, &used);
    if (st == GZ_OK && l.failed)
        st = gz_error_set(GZ_EOOM, "out of memory listing terms");
    if (st == GZ_OK && l.n) {
        sp.word = calloc(l.n, sizeof *sp.word);
        sp.best = calloc(l.n, sizeof *sp.best);
        sp.forms_n = calloc(l.n, sizeof *sp.forms_n);
        sp.forms = calloc(l.n, sizeof *sp.forms);
        sp.nforms = calloc(l.n, sizeof *sp.nforms);
        st = sp.word && sp.best && sp.forms_n && sp.forms && sp.nforms
             ? find_spellings(s, tree, &sp)
             : gz_error_set(GZ_EOOM, "out of memory");
    }
    /* Rank the candidates by how much more common they are among the
     * matches than in the archive (fg - bg) * fg / bg, the "JLH" score
     * of Elasticsearch's significant terms: a word in every match but
     * also in half the archive ("said") ranks below one in a third of
     * the matches and almost nowhere else. */
    views = calloc(l.n ? l.n : 1, sizeof *views);
    if (st == GZ_OK && !views)
        st = gz_error_set(GZ_EOOM, "out of memory");
    for (size_t i = 0; st == GZ_OK && i < l.n; i++) {
        term_view *v = &views[i];
        v->stem = l.term[i];
        v->word = sp.word[i] ? sp.word[i] : l.term[i];
        v->total = total;
        v->doccount = doccount;
        v->color = s->cli.color;
        if ((st = count_matches(s->db, tree, l.term[i], &v->matches)) != GZ_OK ||
            (st = gz_db_termfreq(s->db, l.term[i], &v->articles)) != GZ_OK)
            break;
        double fg = (double)v->matches / (double)total;
        double bg = doccount ? (double)v->articles / (double)doccount : 1;
        v->weight = bg > 0 && fg > bg ? (fg - bg) * fg / bg : 0;
    }
    if (st == GZ_OK) {
        qsort(views, l.n, sizeof *views, by_weight);
        for (size_t i = 0; i < l.n && i < s->cli.terms; i++)
            if (output_term(stdout, s->cli.format, &views[i]) != 0) {
                write_failed();
                goto done;
            }
    }
    if (st != GZ_OK) {
        report_status(st, s->index);
        goto done;
    }
    status = total ? EXIT_MATCH : EXIT_NOMATCH;
done:
    for (size_t i = 0; sp.forms && i < l.n; i++) {
        for (size_t k = 0; k < sp.nforms[i]; k++)
            free(sp.forms[i][k]);
        free(sp.forms[i]);
        free(sp.forms_n[i]);
    }
    free(views);
    free(sp.word);
    free(sp.best);
    free(sp.forms_n);
    free(sp.forms);
    free(sp.nforms);
    term_list_free(&l);
    return status;
}

/* ---- --like ------------------------------------------------------------------ */

gz_status terms_like(searcher *s, gz_query *q, const char *id)
{
    char *idterm = schema_idterm(id), *data = NULL;
    term_list l = { .term = NULL };
    size_t len;
    gz_status st = idterm ? gz_db_get_data(s->db, idterm, &data, &len)
                          : gz_error_set(GZ_EOOM, "out of memory");
    if (st == GZ_ENOTFOUND) {
        report_error("--like: no article with id '%s' in %s", id, s->index);
        goto done;
    }
    gz_qnode self = { .op = GZ_Q_BOOLEAN, .term = idterm };
    gz_eset_opts eo = { 1, LIKE_TERMS, 0, not_stopword };
    if (st == GZ_OK)
        st = gz_db_eset(s->db, &self, &eo, add_term, &l, NULL);
    if (st == GZ_OK && l.failed)
        st = gz_error_set(GZ_EOOM, "out of memory listing terms");
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
    if (st != GZ_OK)
        report_status(st, s->index);
done:
    term_list_free(&l);
    free(data);
    free(idterm);
    return st;
}
