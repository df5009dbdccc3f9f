/* terms.c - the terms of a match set: --terms N.
 *
 * Takes the first TERMS_SET matches by relevance as the set, asks which
 * terms set it apart (search_distinctive(): Xapian's ESet) and shows each
 * with exact counts.  Stems are shown as the word the first hits write
 * most often for them, so a term can be typed back into a query.  (--like
 * ID, the articles like one, is search_parse()'s.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/report.h"
#include "error.h"
#include "output.h"
#include "record.h"
#include "searcher.h"

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

/* ---- How a stem is written --------------------------------------------------- */

typedef struct spelling {
    const search_terms *terms;
    char **word;                /* per term: the most frequent form */
    unsigned *best, **forms_n;  /* its count; counts per form */
    char ***forms;              /* per term: the forms seen */
    size_t *nforms;
    int failed;
} spelling;

static int see_word(void *ctx, const token *tok, const char *stem,
                    size_t slen)
{
    spelling *sp = ctx;
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

/* Read how the first hits of Q write the stems of SP's terms. */
static gz_status find_spellings(searcher *s, const gz_query *q, spelling *sp)
{
    search_request req = s->cli.req;
    req.opts.offset = 0;
    req.opts.limit = TERMS_SPELL_HITS;
    req.opts.collapse = 0;
    req.opts.expand = GZ_EXPAND_NEVER;
    search_results *res = NULL;
    gz_status st = search_run(s->si, q, &req, &res);
    size_t n = st == GZ_OK ? search_results_count(res) : 0;
    for (size_t i = 0; st == GZ_OK && i < n && !sp->failed; i++) {
        record rec;
        if ((st = search_results_record(res, i, &rec)) != GZ_OK)
            break;
        if (search_record_words(s->si, &rec, see_word, sp) < 0)
            sp->failed = 1;
        record_free(&rec);
    }
    search_results_free(res);
    if (st == GZ_OK && sp->failed)
        st = gz_error_set(GZ_EOOM, "out of memory reading the hits");
    return st;
}

static void spelling_free(spelling *sp)
{
    for (size_t i = 0; sp->forms && i < sp->terms->n; i++) {
        for (size_t k = 0; k < sp->nforms[i]; k++)
            free(sp->forms[i][k]);
        free(sp->forms[i]);
        free(sp->forms_n[i]);
    }
    free(sp->word);
    free(sp->best);
    free(sp->forms_n);
    free(sp->forms);
    free(sp->nforms);
}

/* The candidate terms of Q's matches into *L, with how the hits write
 * them into *SP. */
static gz_status candidates(searcher *s, const gz_query *q,
                            unsigned long total, search_terms *l,
                            spelling *sp)
{
    unsigned want = s->cli.terms * TERMS_CANDIDATES;
    if (want < TERMS_MIN_CANDIDATES)
        want = TERMS_MIN_CANDIDATES;
    gz_status st = GZ_OK;
    if (total)
        st = search_distinctive(s->si, q, TERMS_SET, want, l, NULL);
    if (st != GZ_OK || !l->n)
        return st;
    sp->word = calloc(l->n, sizeof *sp->word);
    sp->best = calloc(l->n, sizeof *sp->best);
    sp->forms_n = calloc(l->n, sizeof *sp->forms_n);
    sp->forms = calloc(l->n, sizeof *sp->forms);
    sp->nforms = calloc(l->n, sizeof *sp->nforms);
    return sp->word && sp->best && sp->forms_n && sp->forms && sp->nforms
           ? find_spellings(s, q, sp)
           : gz_error_set(GZ_EOOM, "out of memory");
}

/* Fill VIEWS[0..L->n) and rank the candidates by how much more common
 * they are among the matches than in the archive (fg - bg) * fg / bg,
 * the "JLH" score of Elasticsearch's significant terms: a word in every
 * match but also in half the archive ("said") ranks below one in a third
 * of the matches and almost nowhere else. */
static gz_status rank_terms(searcher *s, const gz_query *q,
                            const search_terms *l, const spelling *sp,
                            unsigned long total, unsigned long doccount,
                            term_view *views)
{
    for (size_t i = 0; i < l->n; i++) {
        term_view *v = &views[i];
        v->stem = l->term[i];
        v->word = sp->word[i] ? sp->word[i] : l->term[i];
        v->total = total;
        v->doccount = doccount;
        v->color = s->cli.color;
        gz_status st = search_count(s->si, q, l->term[i], &v->matches);
        if (st == GZ_OK)
            st = search_termfreq(s->si, l->term[i], &v->articles);
        if (st != GZ_OK)
            return st;
        double fg = (double)v->matches / (double)total;
        double bg = doccount ? (double)v->articles / (double)doccount : 1;
        v->weight = bg > 0 && fg > bg ? (fg - bg) * fg / bg : 0;
    }
    qsort(views, l->n, sizeof *views, by_weight);
    return GZ_OK;
}

int terms_run(searcher *s, const gz_query *q)
{
    search_terms l = { NULL, NULL, 0, 0 };
    spelling sp = { .terms = &l };
    unsigned long total = 0, doccount = 0;
    term_view *views = NULL;
    int status = EXIT_ERROR;

    gz_status st = search_count(s->si, q, NULL, &total);
    if (st == GZ_OK)
        st = search_doccount(s->si, &doccount);
    if (st == GZ_OK)
        st = candidates(s, q, total, &l, &sp);
    if (st == GZ_OK && !(views = calloc(l.n ? l.n : 1, sizeof *views)))
        st = gz_error_set(GZ_EOOM, "out of memory");
    if (st == GZ_OK)
        st = rank_terms(s, q, &l, &sp, total, doccount, views);
    if (st != GZ_OK) {
        report_status(st, s->index);
        goto done;
    }
    for (size_t i = 0; i < l.n && i < s->cli.terms; i++)
        if (output_term(stdout, s->cli.format, &views[i]) != 0) {
            write_failed();
            goto done;
        }
    status = total ? EXIT_MATCH : EXIT_NOMATCH;
done:
    spelling_free(&sp);
    free(views);
    search_terms_free(&l);
    return status;
}
