/* match.c - one search: the ranking policy over xapian_wrap.h's matcher.
 *
 * A search asks the matcher for one order (ranking_opts()), fetches a
 * window of candidates, re-sorts it where the matcher could not give the
 * whole order (remote shards), merges near-duplicates among a window
 * larger than the page (widened until the page is full), and copies out
 * the hits of the page.  Must never call Xapian, nor know the query
 * language: the wrapper does the one, query.c the other.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "match.h"
#include "signature.h"

typedef struct match_hit {
    unsigned docid;
    double weight;
    unsigned long similar;  /* copies collapsed and near-duplicates merged */
    char *data;             /* malloc()ed, NUL-terminated */
    size_t len;
} match_hit;

struct match_hits {
    match_hit *hit;
    size_t count;
    unsigned long total, lower, upper;
};

/* One attempt at a search, and the window it holds. */
typedef struct attempt {
    const match_opts *o;
    gz_ranking *r;
    int resort;             /* the matcher gives weight and date only */
    unsigned check;         /* Xapian's check_at_least */
    match_cand *c;          /* the window's candidates, N of them */
    size_t n;
    size_t stories;         /* after the merge: C[0..STORIES) are shown */
} attempt;

/* ---- The steps, over plain arrays ------------------------------------- */

unsigned match_window_first(unsigned offset, unsigned limit)
{
    return (offset + limit) * 3 + 20;
}

unsigned match_window_next(unsigned window, size_t fetched, size_t stories,
                           size_t want)
{
    if (stories >= want || fetched < window)
        return 0;
    return window * 2;
}

/* Byte order, the shorter first on a common prefix (std::string's). */
static int bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int d = n ? memcmp(a, b, n) : 0;
    if (d != 0)
        return d;
    return alen < blen ? -1 : alen > blen;
}

/* Dates for MATCH_OLDEST: the undated sort as "99999999", after all. */
static int oldest_cmp(const match_cand *a, const match_cand *b)
{
    static const char last[] = "99999999";
    return bytes_cmp(a->date_len ? a->date : last,
                     a->date_len ? a->date_len : sizeof last - 1,
                     b->date_len ? b->date : last,
                     b->date_len ? b->date_len : sizeof last - 1);
}

int match_ranked_before(const match_cand *a, const match_cand *b,
                        match_order order)
{
    if (order == MATCH_RELEVANCE && a->c.weight != b->c.weight)
        return a->c.weight > b->c.weight;
    int d = bytes_cmp(a->date, a->date_len, b->date, b->date_len);
    if (d != 0)
        return order == MATCH_OLDEST ? oldest_cmp(a, b) < 0 : d > 0;
    return bytes_cmp(a->id, a->id_len, b->id, b->id_len) < 0;
}

/* Merge sort of C[0..N) through TMP (as large), stable. */
static void sort_runs(match_cand *c, match_cand *tmp, size_t n,
                      match_order order)
{
    if (n < 2)
        return;
    size_t half = n / 2, i = 0, j = half, k = 0;
    sort_runs(c, tmp, half, order);
    sort_runs(c + half, tmp, n - half, order);
    while (i < half && j < n)
        tmp[k++] = match_ranked_before(&c[j], &c[i], order) ? c[j++] : c[i++];
    while (i < half)
        tmp[k++] = c[i++];
    while (j < n)
        tmp[k++] = c[j++];
    memcpy(c, tmp, n * sizeof *c);
}

int match_sort(match_cand *c, size_t n, match_order order)
{
    if (n < 2)
        return 0;
    match_cand *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return -1;
    sort_runs(c, tmp, n, order);
    free(tmp);
    return 0;
}

int match_window_tied(const match_cand *c, size_t n, size_t want, size_t k,
                      match_order order)
{
    if (want == 0 || n < k)
        return 0;
    const match_cand *last = &c[want - 1], *edge = &c[k - 1];
    int tie = bytes_cmp(last->date, last->date_len, edge->date,
                        edge->date_len) == 0;
    if (order == MATCH_RELEVANCE)
        tie = tie && last->c.weight == edge->c.weight;
    return tie;
}

int match_merge_near(match_cand *c, size_t n, unsigned near_min,
                     size_t *stories)
{
    /* The stories' sketches, filed so that each candidate meets only
     * the stories it may be near (signature.h's index), not all. */
    sig_index *ix = sig_index_new(n, near_min);
    if (!ix)
        return -1;
    size_t count = 0, k;
    for (size_t i = 0; i < n; i++) {
        match_cand *x = &c[i];
        const unsigned char *sketch = (const unsigned char *)x->sketch;
        int sketched = x->sketch_len == SIG_SKETCH_BYTES;
        if (sketched && sig_index_first_near(ix, sketch, &k)) {
            c[k].similar += 1 + x->c.collapsed;
            continue;
        }
        /* C[count..i) are merged ones: swap the new story before them,
         * so that every string stays in the array (and each sketch
         * where the index points). */
        match_cand story = *x;
        story.similar = story.c.collapsed;
        *x = c[count];
        c[count] = story;
        if (sketched)
            sig_index_add(ix, sketch, count);
        count++;
    }
    sig_index_free(ix);
    *stories = count;
    return 0;
}

/* ---- One attempt -------------------------------------------------------- */

/* The order to ask the matcher for; returns 1 when it can give weight
 * and date only and match_sort() must finish it (see remote_window()). */
static int ranking_opts(const match_opts *o, int remote, gz_ranking_opts *ro)
{
    int oldest = o->sort == MATCH_OLDEST;
    int resort = 0;
    memset(ro, 0, sizeof *ro);
    ro->bm25_k1 = o->bm25_k1;
    ro->bm25_b = o->bm25_b;
    ro->tune = o->tune;
    ro->keys_first = o->sort != MATCH_RELEVANCE;
    /* Ties are broken by date (newest first for relevance) and then by
     * the article id, so the order never depends on document ids and is
     * the same after a rebuild.  Undated articles sort last by date.  The
     * order value gives relevance and newest their whole order in one
     * key, which remote shards take too. */
    if (o->order_slot && !oldest) {
        ro->keys[0] = (gz_sort_key){ o->order_slot, 0, NULL };
        ro->nkeys = 1;
    } else if (remote) {
        ro->keys[0] = (gz_sort_key){ o->date_slot, !oldest, NULL };
        ro->nkeys = 1;
        resort = 1;
    } else {
        ro->keys[0] = (gz_sort_key){ o->date_slot, !oldest,
                                     oldest ? "99999999" : NULL };
        ro->keys[1] = (gz_sort_key){ o->id_slot, 0, NULL };
        ro->nkeys = 2;
    }
    if (o->sort == MATCH_RELEVANCE) {
        ro->expand_docs = o->expand_docs;
        ro->expand_terms = o->expand_terms;
        ro->expand_weight = o->expand_weight;
        ro->expand_reorder = o->expand_reorder;
    }
    /* The copies of a hit are counted among the matches the matcher
     * looks at: with relevance order every copy that ranks as high as
     * the window's last hit, with a date order every match.  Looking at
     * every match for relevance order too would make "the" 4x slower
     * (BENCHMARKS.md). */
    ro->collapse = o->collapse;
    ro->collapse_slot = o->copy_slot;
    return resort;
}

static void cands_free(match_cand *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(c[i].date);
        free(c[i].id);
        free(c[i].sketch);
    }
    free(c);
}

/* Fetch candidates [FIRST, FIRST + COUNT) into A's window. */
static gz_status fetch(attempt *a, unsigned first, unsigned count,
                       unsigned check)
{
    cands_free(a->c, a->n);
    a->c = NULL;
    a->n = 0;
    gz_status st = gz_ranking_fetch(a->r, first, count, check);
    if (st != GZ_OK)
        return st;
    size_t n = gz_ranking_count(a->r);
    if (n && !(a->c = calloc(n, sizeof *a->c)))
        return gz_error_set(GZ_EOOM, "out of memory for %zu hits", n);
    for (size_t i = 0; i < n; i++) {
        a->c[i].index = i;
        gz_ranking_candidate(a->r, i, &a->c[i].c);
    }
    a->n = n;
    return GZ_OK;
}

/* Read value SLOT of candidate C into *V, unless read already. */
static gz_status read_value(attempt *a, match_cand *c, unsigned slot,
                            char **v, size_t *len)
{
    if (*v)
        return GZ_OK;
    return gz_ranking_value(a->r, c->index, slot, v, len);
}

static gz_status read_date(attempt *a, match_cand *c)
{
    return read_value(a, c, a->o->date_slot, &c->date, &c->date_len);
}

/* Xapian 1.4's remote backend takes no KeyMaker, so over remote shards
 * without an order value (match_opts.order_slot), and for oldest first,
 * the matcher sorts by weight and date only (by date only for the date
 * orders) and the article id breaks the remaining ties here: candidates
 * are fetched from the first, widening the window until the tie group at
 * its end is whole, then sorted into the local order.  (For oldest first
 * the matcher puts undated articles first, not last.)  WANT: the
 * candidates the caller needs. */
static gz_status remote_window(attempt *a, unsigned want)
{
    gz_status st;
    for (unsigned k = want + 16;; k *= 2) {
        if ((st = fetch(a, 0, k, a->check > k ? a->check : k)) != GZ_OK)
            return st;
        if (want && a->n >= k &&
            ((st = read_date(a, &a->c[want - 1])) != GZ_OK ||
             (st = read_date(a, &a->c[k - 1])) != GZ_OK))
            return st;
        if (!match_window_tied(a->c, a->n, want, k, a->o->sort))
            break;
    }
    for (size_t i = 0; i < a->n; i++)
        if ((st = read_date(a, &a->c[i])) != GZ_OK ||
            (st = read_value(a, &a->c[i], a->o->id_slot, &a->c[i].id,
                             &a->c[i].id_len)) != GZ_OK)
            return st;
    if (match_sort(a->c, a->n, a->o->sort) != 0)
        return gz_error_set(GZ_EOOM, "out of memory sorting %zu hits",
                            a->n);
    return GZ_OK;
}

/* Fetch the window a page needs: WINDOW candidates from the first to
 * merge among (0: the page itself), in the order of match_opts.sort. */
static gz_status fetch_window(attempt *a, unsigned window)
{
    const match_opts *o = a->o;
    if (a->resort)
        return remote_window(a, window ? window : o->offset + o->limit);
    if (window)
        return fetch(a, 0, window, a->check);
    return fetch(a, o->offset, o->limit, a->check);
}

/* Merge the window's near-duplicates into A->stories. */
static gz_status merge_window(attempt *a)
{
    for (size_t i = 0; i < a->n; i++) {
        match_cand *c = &a->c[i];
        gz_status st = read_value(a, c, a->o->sketch_slot, &c->sketch,
                                  &c->sketch_len);
        if (st != GZ_OK)
            return st;
    }
    if (match_merge_near(a->c, a->n, a->o->near_min, &a->stories) != 0)
        return gz_error_set(GZ_EOOM, "out of memory merging %zu hits", a->n);
    return GZ_OK;
}

/* Copy the page's hits out of A's window into *OUT. */
static gz_status copy_hits(attempt *a, match_hits **out)
{
    const match_opts *o = a->o;
    gz_status st = GZ_OK;
    match_hits *h = calloc(1, sizeof *h);
    if (!h)
        return gz_error_set(GZ_EOOM, "out of memory for the hits");
    /* The window starts at the first match when it was widened or
     * re-sorted, at the page otherwise. */
    size_t first = a->resort || o->collapse ? o->offset : 0;
    size_t n = o->collapse ? a->stories : a->n;
    n = n > first ? n - first : 0;
    if (n > o->limit)
        n = o->limit;
    if (n && !(h->hit = calloc(n, sizeof *h->hit))) {
        st = gz_error_set(GZ_EOOM, "out of memory for %zu hits", n);
        goto fail;
    }
    for (size_t i = first; i < first + n; i++) {
        const match_cand *c = &a->c[i];
        match_hit *hit = &h->hit[h->count];
        st = gz_ranking_data(a->r, c->index, o->head_slot, &hit->data,
                             &hit->len);
        if (st != GZ_OK)
            goto fail;
        hit->docid = c->c.docid;
        hit->weight = c->c.weight;
        hit->similar = o->collapse ? c->similar : 0;
        h->count++;
    }
    h->total = gz_ranking_total(a->r, &h->lower, &h->upper);
    *out = h;
    return GZ_OK;
fail:
    match_hits_free(h);
    return st;
}

/* One attempt: rank, fetch (a wider window while near-duplicates leave
 * the page short), copy the page out. */
static gz_status search_once(gz_db *db, const gz_qnode *tree,
                             const match_opts *o, match_hits **out)
{
    attempt a = { .o = o };
    gz_ranking_opts ro;
    unsigned long count = 0;
    a.resort = ranking_opts(o, gz_db_has_remote(db), &ro);
    gz_status st = gz_ranking_new(db, tree, &ro, &a.r);
    if (st != GZ_OK)
        return st;
    if (o->exact_count && (st = gz_db_doccount(db, &count)) != GZ_OK)
        goto fail;
    a.check = (unsigned)count;
    size_t want = (size_t)o->offset + o->limit;
    unsigned window = o->collapse ? match_window_first(o->offset, o->limit)
                                  : 0;
    for (;;) {
        if ((st = fetch_window(&a, window)) != GZ_OK)
            goto fail;
        if (!window)
            break;
        if ((st = merge_window(&a)) != GZ_OK)
            goto fail;
        if (!(window = match_window_next(window, a.n, a.stories, want)))
            break;
    }
    st = copy_hits(&a, out);
fail:
    cands_free(a.c, a.n);
    gz_ranking_free(a.r);
    return st;
}

gz_status match_run(gz_db *db, const gz_qnode *tree, const match_opts *o,
                    match_hits **out)
{
    if (!db || !o || !out)
        return gz_error_set(GZ_EINVAL, "match_run: missing argument");
    *out = NULL;
    for (int retry = 0;; retry++) {
        gz_status st = search_once(db, tree, o, out);
        if (st != GZ_EMODIFIED || retry == GZ_MODIFIED_RETRIES)
            return st;
        if ((st = gz_db_reopen(db)) != GZ_OK)
            return st;
    }
}

/* ---- The hits ------------------------------------------------------------- */

size_t match_hits_count(const match_hits *h)
{
    return h->count;
}

unsigned long match_hits_total(const match_hits *h, unsigned long *lower,
                               unsigned long *upper)
{
    if (lower)
        *lower = h->lower;
    if (upper)
        *upper = h->upper;
    return h->total;
}

double match_hits_score(const match_hits *h, size_t i)
{
    return h->hit[i].weight;
}

unsigned long match_hits_similar(const match_hits *h, size_t i)
{
    return i < h->count ? h->hit[i].similar : 0;
}

unsigned match_hits_docid(const match_hits *h, size_t i)
{
    return h->hit[i].docid;
}

const char *match_hits_data(const match_hits *h, size_t i, size_t *len)
{
    if (len)
        *len = h->hit[i].len;
    return h->hit[i].data;
}

void match_hits_free(match_hits *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->count; i++)
        free(h->hit[i].data);
    free(h->hit);
    free(h);
}
