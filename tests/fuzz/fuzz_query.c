/* fuzz_query.c - libFuzzer target for common/query.c (and the query-tree
 * to Xapian::Query conversion in common/xapian_wrap.cc, which needs no
 * database).
 *
 * The input is the query text (up to its first NUL: query_parse() takes a
 * C string), parsed once as the query language and once as natural
 * language (QUERY_ANY with stop words).  Checks query.h's promises: a
 * failure is GZ_EPARSE with a column inside the text and a reason; a
 * natural-language parse fails only when the text holds no word; a parsed
 * tree is well-formed, describes itself, converts to a Xapian query, and
 * still does with a date restriction; every highlight stem is a string.
 * TODAY is fixed so relative dates give the same tree on every run. */
#include <string.h>

#include "error.h"
#include "fuzz.h"
#include "query.h"
#include "schema_table.h"
#include "tokenize.h"

/* Deeper than the parser's own limit (query.c's MAX_DEPTH) plus the
 * nodes a restriction adds: a tree deeper than this is itself a bug. */
#define TREE_DEPTH_MAX 1000

static void check_tree(const gz_qnode *n, int depth)
{
    FUZZ_CHECK(n && depth < TREE_DEPTH_MAX);
    /* A boost (^N: one per node, N up to 1000) is a positive weight. */
    FUZZ_CHECK(n->scale >= 0 && n->scale <= 1000);
    switch (n->op) {
    case GZ_Q_TERM:
    case GZ_Q_BOOLEAN:
        FUZZ_CHECK(n->term && n->term[0]);
        break;
    case GZ_Q_WILDCARD:
        /* A prefix of the unstemmed words (W, or T in the title) with a
         * word beyond the prefix letter, and the cap to refuse past. */
        FUZZ_CHECK(n->term && n->term[0] && n->term[SCHEMA_PREFIX_LEN]);
        FUZZ_CHECK(strncmp(n->term, SCHEMA_PREFIX_WORD, SCHEMA_PREFIX_LEN) == 0 ||
                   strncmp(n->term, SCHEMA_PREFIX_TITLE_WORD,
                           SCHEMA_PREFIX_LEN) == 0);
        FUZZ_CHECK(n->window == QUERY_WILDCARD_MAX);
        break;
    case GZ_Q_RANGE:
    case GZ_Q_ALL:
    case GZ_Q_NONE:
        break;
    case GZ_Q_AND:
    case GZ_Q_OR:
    case GZ_Q_AND_NOT:
    case GZ_Q_FILTER:
    case GZ_Q_PHRASE:
    case GZ_Q_NEAR:
        FUZZ_CHECK(n->nchildren > 0 && n->children);
        for (size_t i = 0; i < n->nchildren; i++) {
            check_tree(n->children[i], depth + 1);
            /* Xapian 1.4 phrases and NEAR take plain terms only. */
            if (n->op == GZ_Q_PHRASE || n->op == GZ_Q_NEAR)
                FUZZ_CHECK(n->children[i]->op == GZ_Q_TERM &&
                           n->children[i]->scale == 0);
        }
        break;
    default:
        FUZZ_CHECK(!"unknown node type");
    }
}

static int count_word(void *ctx, const token *t)
{
    (void)t;
    ++*(size_t *)ctx;
    return 0;
}

static void check_parse(const char *text, stemmer *st, int flags)
{
    query_opts opts = { .flags = flags, .today = 20210406 };
    gz_query *q = NULL;
    size_t col = (size_t)-1, len = strlen(text);
    gz_status s = query_parse(text, st, &opts, &q, &col);
    char *d;

    if (s != GZ_OK) {
        FUZZ_CHECK(s == GZ_EPARSE && !q);
        FUZZ_CHECK(col <= len);
        FUZZ_CHECK(gz_last_error()[0]);
        /* Natural language refuses only a query without words, or one
         * with a word too long to be a term (never dropped silently). */
        if (flags & QUERY_ANY) {
            size_t words = 0;
            tokenize(text, len, 1, count_word, &words, NULL);
            FUZZ_CHECK(words == 0 ||
                       strstr(gz_last_error(), "a word longer than"));
        }
        return;
    }
    FUZZ_CHECK(q);
    check_tree(query_tree(q), 0);
    for (size_t i = 0; i < query_stem_count(q); i++)
        FUZZ_CHECK(query_stem(q, i) && query_stem(q, i)[0]);
    FUZZ_CHECK(query_stem(q, query_stem_count(q)) == NULL);
    d = query_describe(q);
    FUZZ_CHECK(d && d[0]);
    free(d);
    d = gz_query_describe(query_tree(q));
    FUZZ_CHECK(d);
    free(d);

    date_range r = { 20200101, 20201231 };
    FUZZ_CHECK(query_restrict_dates(q, r) == GZ_OK);
    check_tree(query_tree(q), 0);
    d = gz_query_describe(query_tree(q));
    FUZZ_CHECK(d);
    free(d);
    query_free(q);
}

static stemmer *st;

/* Freed at exit so that valgrind, replaying, sees no leak. */
static void free_stemmer(void)
{
    stemmer_free(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text;

    if (!st) {
        FUZZ_CHECK(stemmer_new(STEM_DEFAULT_LANGUAGE, &st) == GZ_OK);
        atexit(free_stemmer);
    }
    text = malloc(size + 1);
    FUZZ_CHECK(text);
    memcpy(text, data, size);
    text[size] = '\0';
    check_parse(text, st, 0);
    check_parse(text, st, QUERY_ANY | QUERY_STOPWORDS);
    free(text);
    return 0;
}
