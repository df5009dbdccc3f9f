/* query.c - parse a query string into a gz_qnode tree.
 *
 * Every node and string lives in the gz_query's pool, so freeing a query
 * is one walk over the pool whatever the tree's shape. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "query.h"
#include "tokenize.h"

struct gz_query {
    gz_qnode *root;
    void **pool;            /* every allocation, freed by query_free() */
    size_t npool, cpool;
    const char **stems;     /* distinct positive stems, for highlighting */
    size_t nstems, cstems;
};

static void *pool_alloc(gz_query *q, size_t size)
{
    if (q->npool == q->cpool) {
        size_t n = q->cpool ? q->cpool * 2 : 32;
        void **p = realloc(q->pool, n * sizeof *p);
        if (!p)
            return NULL;
        q->pool = p;
        q->cpool = n;
    }
    void *mem = calloc(1, size);
    if (mem)
        q->pool[q->npool++] = mem;
    return mem;
}

static char *pool_strndup(gz_query *q, const char *s, size_t len)
{
    char *copy = pool_alloc(q, len + 1);
    if (copy)
        memcpy(copy, s, len);
    return copy;
}

static gz_qnode *node_new(gz_query *q, gz_qop op)
{
    gz_qnode *n = pool_alloc(q, sizeof *n);
    if (n)
        n->op = op;
    return n;
}

static int node_add_child(gz_query *q, gz_qnode *parent, gz_qnode *child)
{
    /* Children arrays are pool memory too; grow by copying. */
    if ((parent->nchildren & (parent->nchildren - 1)) == 0) {
        size_t cap = parent->nchildren ? parent->nchildren * 2 : 1;
        gz_qnode **c = pool_alloc(q, cap * sizeof *c);
        if (!c)
            return -1;
        if (parent->nchildren)
            memcpy(c, parent->children, parent->nchildren * sizeof *c);
        parent->children = c;
    }
    parent->children[parent->nchildren++] = child;
    return 0;
}

static int remember_stem(gz_query *q, const char *stem)
{
    for (size_t i = 0; i < q->nstems; i++)
        if (strcmp(q->stems[i], stem) == 0)
            return 0;
    if (q->nstems == q->cstems) {
        size_t n = q->cstems ? q->cstems * 2 : 8;
        const char **s = realloc(q->stems, n * sizeof *s);
        if (!s)
            return -1;
        q->stems = s;
        q->cstems = n;
    }
    q->stems[q->nstems++] = stem;
    return 0;
}

typedef struct word_ctx {
    gz_query *q;
    stemmer *st;
    gz_qnode *parent;
} word_ctx;

static int add_word(void *vctx, const token *tok)
{
    word_ctx *ctx = vctx;
    size_t slen;
    const char *stem = stemmer_stem(ctx->st, tok->word, tok->len, &slen);
    gz_qnode *n = node_new(ctx->q, GZ_Q_TERM);
    if (!n || !(n->term = pool_strndup(ctx->q, stem, slen)))
        return -1;
    if (remember_stem(ctx->q, n->term) != 0)
        return -1;
    return node_add_child(ctx->q, ctx->parent, n);
}

gz_status query_parse(const char *text, stemmer *st, int flags,
                      gz_query **out, size_t *err_col)
{
    gz_query *q = calloc(1, sizeof *q);
    if (!q)
        return gz_error_set(GZ_EOOM, "out of memory parsing the query");
    gz_qnode *root = node_new(q, flags & QUERY_ANY ? GZ_Q_OR : GZ_Q_AND);
    if (!root)
        goto oom;
    word_ctx ctx = { q, st, root };
    if (tokenize(text, strlen(text), 1, add_word, &ctx, NULL) != 0)
        goto oom;
    if (root->nchildren == 0) {
        if (err_col)
            *err_col = 0;
        query_free(q);
        return gz_error_set(GZ_EPARSE, "the query has no words to search for");
    }
    q->root = root->nchildren == 1 ? root->children[0] : root;
    *out = q;
    return GZ_OK;

oom:
    query_free(q);
    return gz_error_set(GZ_EOOM, "out of memory parsing the query");
}

const gz_qnode *query_tree(const gz_query *q)
{
    return q->root;
}

size_t query_stem_count(const gz_query *q)
{
    return q->nstems;
}

const char *query_stem(const gz_query *q, size_t i)
{
    return i < q->nstems ? q->stems[i] : NULL;
}

void query_free(gz_query *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->npool; i++)
        free(q->pool[i]);
    free(q->pool);
    free(q->stems);
    free(q);
}
