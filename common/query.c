/* query.c - parse a query string into a gz_qnode tree.
 *
 * A lexer cuts the text into runs (words, quoted phrases, parentheses,
 * operators, field:value); a recursive-descent parser builds the tree:
 *
 *   query   := or END
 *   or      := and ( OR and )*
 *   and     := not ( [AND] not )*
 *   not     := unary ( NOT unary )*
 *   unary   := [ - | + ] near
 *   near    := primary ( NEAR[/n] primary )*
 *   primary := ( ( or ) | "phrase"[~n] | field:value | field:( or ) |
 *                words | * ) [ ^boost ]
 *
 * Inside field:( or ) every word and phrase is a value of the field.
 * Every node and string lives in the gz_query's pool, so freeing a query
 * is one walk over the pool whatever the tree's shape. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "lang.h"
#include "query.h"
#include "schema.h"
#include "stopwords.h"
#include "tokenize.h"
#include "url.h"

#define NEAR_DEFAULT 10
#define NEAR_MAX 1000
#define BOOST_MAX 1000      /* word^N: 0 < N <= BOOST_MAX, 3 decimals */

struct gz_query {
    gz_qnode *root;
    void **pool;            /* every allocation, freed by query_free() */
    size_t npool, cpool;
    const char **stems;     /* distinct positive stems, for highlighting */
    size_t nstems, cstems;
};

/* ---- Pool ---------------------------------------------------------------- */

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
    /* Children arrays are pool memory too; grow by doubling. */
    size_t n = parent->nchildren;
    if ((n & (n - 1)) == 0) {
        gz_qnode **c = pool_alloc(q, (n ? n * 2 : 1) * sizeof *c);
        if (!c)
            return -1;
        if (n)
            memcpy(c, parent->children, n * sizeof *c);
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

/* ---- Parser state ---------------------------------------------------------- */

typedef enum tok_kind {
    T_END, T_WORDS, T_PHRASE, T_LPAREN, T_RPAREN, T_AND, T_OR, T_NOT,
    T_NEAR, T_MINUS, T_PLUS, T_FIELD, T_STAR
} tok_kind;

typedef enum field_kind {
    F_TITLE, F_SOURCE, F_AUTHOR, F_SITE, F_URL, F_ID, F_DATE, F_EXACT,
    F_LANG
} field_kind;

typedef struct lex_tok {
    tok_kind kind;
    size_t start;           /* column of the token */
    size_t vstart, vlen;    /* the words, the phrase's inside, a field's value */
    unsigned near;          /* T_NEAR: the distance; T_PHRASE: the slop */
    int slop;               /* T_PHRASE: followed by ~N */
    size_t slop_col;        /* the '~' */
    field_kind field;       /* T_FIELD */
    int value_quoted;       /* T_FIELD: the value was a "phrase" */
    int grouped;            /* T_FIELD: field:( ... ), the '(' comes next */
    double boost;           /* followed by ^N: N; 0 when not */
    size_t boost_col;       /* the '^' */
    int wildcard;           /* T_WORDS, title: a '*' follows the value */
} lex_tok;

typedef struct parser {
    gz_query *q;
    stemmer *st;
    const char *code;       /* ST's language, as tokenize_in() takes it */
    const query_opts *opts; /* the languages (issue 22); NULL: none */
    const char *text;
    size_t len, pos;
    int today;
    lex_tok tok;            /* the current token */
    gz_status status;       /* first error */
    size_t err_col;
    int depth;
    size_t nterms;          /* terms so far (QUERY_MAX_TERMS) */
    size_t npositional;     /* words in phrases and NEAR (QUERY_MAX_POSITIONAL) */
    int in_field;           /* inside field:( ... ): its words take FIELD */
    field_kind field;
    int excluded;           /* inside what '-' or NOT excludes */
    size_t boost_col;       /* the '^' of the last boost applied */
    size_t nwildcards;      /* QUERY_MAX_WILDCARDS */
} parser;

#define MAX_DEPTH 100

/* Record the first parse error (later ones are consequences of it). */
static gz_qnode *fail_at(parser *p, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static gz_qnode *fail_at(parser *p, size_t col, const char *fmt, ...)
{
    if (p->status == GZ_OK) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        p->status = gz_error_set(GZ_EPARSE, "%s", msg);
        p->err_col = col;
    }
    return NULL;
}

static gz_qnode *oom(parser *p)
{
    if (p->status == GZ_OK)
        p->status = gz_error_set(GZ_EOOM, "out of memory parsing the query");
    return NULL;
}

/* A new OP node whose first child is CHILD; NULL (P's status set) when out
 * of memory. */
static gz_qnode *node_over(parser *p, gz_qop op, gz_qnode *child)
{
    gz_qnode *n = node_new(p->q, op);
    if (!n || node_add_child(p->q, n, child) != 0)
        return oom(p);
    return n;
}

/* ---- Lexer ----------------------------------------------------------------- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Opening and closing quotes: " and the curly “ ” (U+201C, U+201D). */
static size_t quote_mark_len(const char *s, size_t left)
{
    if (left >= 1 && s[0] == '"')
        return 1;
    if (left >= 3 && (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80
        && ((unsigned char)s[2] == 0x9c || (unsigned char)s[2] == 0x9d))
        return 3;
    return 0;
}

static int ends_run(const parser *p, size_t i)
{
    char c = p->text[i];
    return is_space(c) || c == '(' || c == ')' ||
           quote_mark_len(p->text + i, p->len - i);
}

static int count_word(void *ctx, const token *tok)
{
    (void)ctx;
    (void)tok;
    return 0;
}

/* The words of S, counting those too long to be terms (they take a
 * position), so that a run of one such word is refused, not skipped. */
static size_t words_in(const char *s, size_t len)
{
    unsigned end = 1;
    tokenize(s, len, 1, count_word, NULL, &end);
    return end - 1;
}

static const char *const field_names[] = {
    [F_TITLE] = "title", [F_SOURCE] = "source", [F_AUTHOR] = "author",
    [F_SITE] = "site", [F_URL] = "url", [F_ID] = "id", [F_DATE] = "date",
    [F_EXACT] = "exact", [F_LANG] = "lang"
};
#define FIELD_LIST "title, source, author, site, url, id, date, exact, lang"

static int field_named(const char *s, size_t len, field_kind *out)
{
    for (size_t i = 0; i < sizeof field_names / sizeof field_names[0]; i++)
        if (strlen(field_names[i]) == len &&
            strncmp(s, field_names[i], len) == 0) {
            *out = (field_kind)i;
            return 1;
        }
    return 0;
}

/* Refuse the characters of LEN bytes at FROM that other engines give a
 * meaning Gazette does not have (yet): searching "oil*" as "oil" would
 * be a silent rewrite.  In QUOTED text only '*' is refused ("immigra*
 * law"): the rest separates words there, as in the indexed text.  ('^'
 * outside quotes never gets here: lex_run_boost() takes it.)  A
 * wildcard's own '*' is not in [FROM, FROM + LEN) (lex_wildcard()).
 * Returns 0, or -1 with the error set at the character. */
static int refuse_reserved(parser *p, size_t from, size_t len, int quoted)
{
    for (size_t i = from; i < from + len; i++) {
        const char *why = NULL;
        switch (p->text[i]) {
        case '*':
            why = quoted ? "a wildcard inside a phrase is not supported "
                           "(Xapian 1.4 phrases take plain words)"
                         : "'*' goes at the end of a word or title: word "
                           "(immigra*); '*' alone means every article";
            break;
        case '~':
            why = "'~' goes right after a quoted phrase only "
                  "(phrase slop: \"a b\"~N)";
            break;
        case '|':
            why = "'|' is not an operator: write OR";
            break;
        }
        if (why && (!quoted || p->text[i] == '*')) {
            fail_at(p, i, "%s", why);
            return -1;
        }
    }
    return 0;
}

static int is_sign(char c)
{
    return c == '-' || c == '+';
}

/* "a b"~N: the slop N (0 to NEAR_MAX) right after a phrase's closing
 * quote, if there is one.  Returns 0, or -1 with the error set. */
static int lex_slop(parser *p, lex_tok *t)
{
    if (p->pos >= p->len || p->text[p->pos] != '~')
        return 0;
    size_t at = p->pos++;
    t->slop_col = at;
    unsigned long n = 0;
    size_t digits = 0;
    while (p->pos < p->len && isdigit((unsigned char)p->text[p->pos]) &&
           n <= NEAR_MAX) {
        n = n * 10 + (unsigned long)(p->text[p->pos++] - '0');
        digits++;
    }
    if (digits == 0 || n > NEAR_MAX ||
        (p->pos < p->len && !is_space(p->text[p->pos]) &&
         p->text[p->pos] != ')' && p->text[p->pos] != '^')) {
        fail_at(p, at, "phrase slop \"a b\"~N needs a number N from 0 to %d",
                NEAR_MAX);
        return -1;
    }
    t->slop = 1;
    t->near = (unsigned)n;
    return 0;
}

#define BOOST_PLACE "'^' goes right after a word, a phrase, a field's value " \
                    "or ')' (a boost: word^2)"

/* The boost whose '^' is at AT, its number running to END: a decimal
 * (Lucene's digits[.digits]) greater than 0 and at most BOOST_MAX, with
 * at most 3 decimals, read by hand: strtod() would take a sign, an
 * exponent, "inf" and the locale's decimal point.  Returns 0, or -1 with
 * the error set at the '^'. */
static int lex_boost_at(parser *p, lex_tok *t, size_t at, size_t end)
{
    const char *s = p->text;
    unsigned long thousandths = 0, unit = 1000;
    size_t i = at + 1, digits = 0, decimals = 0;
    for (; i < end && isdigit((unsigned char)s[i]) && digits < 5; i++, digits++)
        thousandths = thousandths * 10 + (unsigned long)(s[i] - '0');
    thousandths *= 1000;
    if (digits && i + 1 < end && s[i] == '.')
        for (i++; i < end && isdigit((unsigned char)s[i]) && decimals < 3;
             i++, decimals++)
            thousandths += (unit /= 10) * (unsigned long)(s[i] - '0');
    if (digits == 0 || i != end || thousandths == 0 ||
        thousandths > BOOST_MAX * 1000UL) {
        fail_at(p, at, "a boost ^N needs a number N greater than 0 and at "
                "most %d, with at most 3 decimals (word^2, \"a b\"^1.5)",
                BOOST_MAX);
        return -1;
    }
    t->boost = (double)thousandths / 1000.0;
    t->boost_col = at;
    return 0;
}

/* word^N, title:x^N: the first '^' of the run of *N bytes at FROM starts
 * a boost, and *N is cut to what comes before it.  Returns 0, or -1 with
 * the error set. */
static int lex_run_boost(parser *p, lex_tok *t, size_t from, size_t *n)
{
    const char *hat = memchr(p->text + from, '^', *n);
    if (!hat)
        return 0;
    size_t at = (size_t)(hat - p->text);
    if (at == from) {
        fail_at(p, at, BOOST_PLACE);
        return -1;
    }
    if (lex_boost_at(p, t, at, from + *n) != 0)
        return -1;
    *n = at - from;
    return 0;
}

/* Read a quoted phrase starting at p->pos (on the quote). */
static int lex_quoted(parser *p, size_t *vstart, size_t *vlen)
{
    size_t open = p->pos;
    p->pos += quote_mark_len(p->text + p->pos, p->len - p->pos);
    size_t from = p->pos;
    while (p->pos < p->len) {
        size_t q = quote_mark_len(p->text + p->pos, p->len - p->pos);
        if (q) {
            *vstart = from;
            *vlen = p->pos - from;
            p->pos += q;
            return 0;
        }
        p->pos++;
    }
    fail_at(p, open, "unbalanced quote: no closing '\"'");
    return -1;
}

/* A date: value, from V to the next space, parenthesis or boost '^'
 * outside quote marks (a boost is then refused as on any filter): a plain
 * date with spaces is quoted, whole or on either side of a range ("last
 * week".., date:.."3 days ago"), and the ".." after a quote is the
 * value's, not punctuation to skip.  The marks stay in the token;
 * date_value_range() drops them.  Returns 0, or -1 with the error set. */
static int lex_date_value(parser *p, lex_tok *t, const char *v)
{
    t->vstart = (size_t)(v - p->text);
    p->pos = t->vstart;
    while (p->pos < p->len && !is_space(p->text[p->pos]) &&
           !strchr("()^", p->text[p->pos])) {
        size_t from, len;
        if (!quote_mark_len(p->text + p->pos, p->len - p->pos))
            p->pos++;
        else if (lex_quoted(p, &from, &len) != 0)
            return -1;
    }
    t->vlen = p->pos - t->vstart;
    return 0;
}

/* A run T (its value) that ends in '*' after more text is a prefix
 * wildcard: T's value is what comes before the '*'. */
static void lex_wildcard(lex_tok *t, const char *text)
{
    if (t->vlen > 1 && text[t->vstart + t->vlen - 1] == '*') {
        t->wildcard = 1;
        t->vlen--;
    }
}

/* The value of field T, from V (after the colon) to END (the end of the
 * run; a quoted value follows when V == END).  An id: is exact, so any
 * character of it is the id's; a date: value is checked by its parser.
 * Returns 0, or -1 with the error set. */
static int lex_field_value(parser *p, lex_tok *t, const char *v,
                           const char *end)
{
    if (t->field == F_DATE)
        return lex_date_value(p, t, v);
    if (v == end) {
        t->value_quoted = 1;
        if (lex_quoted(p, &t->vstart, &t->vlen) != 0)
            return -1;
        if (t->field != F_TITLE)
            return 0;
        return refuse_reserved(p, t->vstart, t->vlen, 1) || lex_slop(p, t)
                   ? -1 : 0;
    }
    t->vstart = (size_t)(v - p->text);
    t->vlen = (size_t)(end - v);
    if (t->field != F_TITLE && t->field != F_SOURCE && t->field != F_AUTHOR &&
        t->field != F_EXACT)
        return 0;
    if (is_sign(*v)) {
        fail_at(p, t->vstart, "a sign goes before the field (-%.*sword), "
                "not after its colon", (int)(t->vstart - t->start), p->text + t->start);
        return -1;
    }
    if (t->field == F_TITLE)
        lex_wildcard(t, p->text);
    return refuse_reserved(p, t->vstart, t->vlen, 0);
}

/* Read the next token into p->tok (next() adds the boost that may follow
 * it); runs that hold no word (stray punctuation) are skipped as if they
 * were space. */
static void lex_token(parser *p)
{
    lex_tok *t = &p->tok;
    for (;;) {
        while (p->pos < p->len && is_space(p->text[p->pos]))
            p->pos++;
        memset(t, 0, sizeof *t);
        t->start = p->pos;
        if (p->pos >= p->len) {
            t->kind = T_END;
            return;
        }
        char c = p->text[p->pos];
        if (c == '(' || c == ')') {
            t->kind = c == '(' ? T_LPAREN : T_RPAREN;
            p->pos++;
            return;
        }
        if (quote_mark_len(p->text + p->pos, p->len - p->pos)) {
            t->kind = T_PHRASE;
            if (lex_quoted(p, &t->vstart, &t->vlen) != 0 ||
                refuse_reserved(p, t->vstart, t->vlen, 1) != 0 ||
                lex_slop(p, t) != 0)
                t->kind = T_END;
            return;
        }
        /* A sign stands right before what it applies to; a sign alone
         * ("- x", "wheat --") is punctuation.  Several signs before
         * something ("--oil", "-+oil") have no meaning to guess. */
        if (is_sign(c)) {
            size_t end = p->pos + 1;
            while (end < p->len && is_sign(p->text[end]))
                end++;
            int applies = end < p->len && !is_space(p->text[end]) &&
                          p->text[end] != ')';
            if (applies && end > p->pos + 1) {
                fail_at(p, p->pos, "one sign ('-' or '+') at most before a word");
                t->kind = T_END;
                return;
            }
            if (applies) {
                t->kind = c == '-' ? T_MINUS : T_PLUS;
                p->pos++;
                return;
            }
        }
        size_t from = p->pos;
        while (p->pos < p->len && !ends_run(p, p->pos))
            p->pos++;
        const char *run = p->text + from;
        size_t n = p->pos - from;
        if (lex_run_boost(p, t, from, &n) != 0) {
            t->kind = T_END;
            return;
        }

        if (n == 1 && run[0] == '*') {
            t->kind = T_STAR;
            return;
        }
        if ((n == 3 && memcmp(run, "AND", 3) == 0) ||
            (n == 2 && memcmp(run, "OR", 2) == 0) ||
            (n == 3 && memcmp(run, "NOT", 3) == 0)) {
            t->kind = run[0] == 'A' ? T_AND : run[0] == 'O' ? T_OR : T_NOT;
            return;
        }
        if (n >= 4 && memcmp(run, "NEAR", 4) == 0 &&
            (n == 4 || (n > 5 && run[4] == '/'))) {
            t->kind = T_NEAR;
            t->near = NEAR_DEFAULT;
            if (n > 4) {
                unsigned long d = 0;
                for (size_t i = 5; i < n; i++) {
                    if (!isdigit((unsigned char)run[i]) || d > NEAR_MAX) {
                        fail_at(p, from, "NEAR/N needs a number N from 1 to 1000");
                        t->kind = T_END;
                        return;
                    }
                    d = d * 10 + (unsigned long)(run[i] - '0');
                }
                if (d == 0 || d > NEAR_MAX) {
                    fail_at(p, from, "NEAR/N needs a number N from 1 to 1000");
                    t->kind = T_END;
                    return;
                }
                t->near = (unsigned)d;
            }
            return;
        }
        const char *colon = memchr(run, ':', n);
        if (colon && colon > run) {
            size_t nlen = (size_t)(colon - run);
            int letters = 1;
            for (size_t i = 0; i < nlen; i++)
                if (!isalpha((unsigned char)run[i]))
                    letters = 0;
            int grouped = colon + 1 == run + n && p->pos < p->len &&
                          p->text[p->pos] == '(';
            int has_value = colon + 1 < run + n || grouped ||
                            (p->pos < p->len &&
                             quote_mark_len(p->text + p->pos,
                                            p->len - p->pos));
            if (letters && has_value) {
                char name[16];
                snprintf(name, sizeof name, "%.*s", (int)(nlen < 15 ? nlen : 15), run);
                if (!field_named(run, nlen, &t->field)) {
                    if (run + n - colon > 2 && colon[1] == '/' && colon[2] == '/')
                        fail_at(p, from, "a url goes in quotes or after "
                                "url: (url:%s:...)", name);
                    else
                        fail_at(p, from, "unknown field '%s:' (fields: "
                                FIELD_LIST ")", name);
                    t->kind = T_END;
                    return;
                }
                t->kind = T_FIELD;
                t->grouped = grouped;
                if (!grouped && lex_field_value(p, t, colon + 1, run + n) != 0)
                    t->kind = T_END;
                return;
            }
            if (letters && !has_value) {
                size_t col = from;
                char name[16];
                snprintf(name, sizeof name, "%.*s", (int)(nlen < 15 ? nlen : 15), run);
                if (field_named(run, nlen, &t->field)) {
                    fail_at(p, col, "nothing after '%s:'", name);
                    t->kind = T_END;
                    return;
                }
                /* "Note: ..." in running text: the colon is punctuation. */
            }
        }
        /* "=word", ="a b": another engine's exact form, not ours. */
        if (run[0] == '=' && (n > 1 || (p->pos < p->len && quote_mark_len(
                                  p->text + p->pos, p->len - p->pos)))) {
            fail_at(p, from, "'=' has no meaning here: exact words are "
                    "exact:word or exact:\"a phrase\"");
            t->kind = T_END;
            return;
        }
        t->vstart = from;
        t->vlen = n;
        lex_wildcard(t, p->text);
        if (refuse_reserved(p, from, t->vlen, 0) != 0) {
            t->kind = T_END;
            return;
        }
        if (words_in(run, t->vlen) == 0) {
            if (t->wildcard)
                fail_at(p, from, "'*' goes at the end of a word (immigra*)");
            else if (t->boost)
                fail_at(p, t->boost_col, BOOST_PLACE);
            if (p->status != GZ_OK) {
                t->kind = T_END;
                return;
            }
            continue;
        }
        t->kind = T_WORDS;
        return;
    }
}

/* Move to the next token, with the boost ^N that follows a phrase, a
 * quoted field value or ')'.  A boost anywhere else is an error. */
static void next(parser *p)
{
    lex_tok *t = &p->tok;
    lex_token(p);
    int in_run = t->boost != 0;
    int quoted = t->kind == T_PHRASE || (t->kind == T_FIELD && t->value_quoted);
    if ((quoted || t->kind == T_RPAREN) && !in_run && p->pos < p->len &&
        p->text[p->pos] == '^') {
        size_t at = p->pos;
        while (p->pos < p->len && !ends_run(p, p->pos))
            p->pos++;
        if (lex_boost_at(p, t, at, p->pos) != 0) {
            t->kind = T_END;
            return;
        }
    }
    /* title:^2"a b", title:^2(a): the boost is before the value. */
    int misplaced = t->kind == T_FIELD && in_run && (quoted || t->grouped);
    if (t->boost && (misplaced || !(t->kind == T_WORDS || quoted ||
                                    t->kind == T_FIELD || t->kind == T_RPAREN ||
                                    t->kind == T_STAR))) {
        fail_at(p, t->boost_col, BOOST_PLACE);
        t->kind = T_END;
    }
}

/* ---- Terms ----------------------------------------------------------------- */

typedef struct words_ctx {
    parser *p;
    size_t base;            /* offset of the tokenized text in the query */
    gz_qnode *group;        /* PHRASE or OR/AND the words go into */
    const char *prefix;     /* SCHEMA_PREFIX_TITLE for title:, else "";
                               NULL: exact words (exact_term()) */
    int highlight;
    stopword_langs stop;    /* leave out the stop words of these languages
                               (0: keep every word) */
    unsigned next_pos;      /* the position the next word should have */
    size_t last_end;        /* where the last word ended, in the text */
} words_ctx;

/* Count a term at column COL against QUERY_MAX_TERMS: -1 (with the
 * parse error set) past it. */
static int count_term(parser *p, size_t col)
{
    if (++p->nterms <= QUERY_MAX_TERMS)
        return 0;
    fail_at(p, col, "the query has more than %d terms (words, and the "
            "terms of id:, source: and date:); shorten it", QUERY_MAX_TERMS);
    return -1;
}

/* The tokenizer skips a word too long to be a term but gives it a
 * position: a word between FROM (an offset into C's text) and the next
 * word was skipped when the positions jump.  Refuse it there (at its first
 * letter, digit or non-ASCII byte) rather than search without it.
 * Returns 0, or -1 with the error set. */
static int refuse_skipped(words_ctx *c, const char *text, size_t from,
                          size_t to)
{
    while (from < to && !isalnum((unsigned char)text[from]) &&
           (unsigned char)text[from] < 0x80)
        from++;
    fail_at(c->p, c->base + from, "a word longer than %d bytes (the longest "
            "the index holds)", TOKEN_MAX_BYTES);
    return -1;
}

/* The term exact: gives TOK, as PREFIX and TEXT (LEN bytes): a word that
 * folding changes (capitals, accents) is that surface only, one folding
 * leaves alone is the unstemmed word in any case (smart case). */
static void exact_term(const token *tok, const char **prefix,
                       const char **text, size_t *len)
{
    if (token_folded(tok)) {
        *prefix = SCHEMA_PREFIX_SURFACE;
        *text = tok->surface;
        *len = tok->surface_len;
    } else {
        *prefix = SCHEMA_PREFIX_WORD;
        *text = tok->word;
        *len = tok->len;
    }
}

/* The word a refold() keeps: the one word its language makes of it. */
typedef struct refolded {
    char word[TOKEN_MAX_BYTES + 1];     /* tokenize() words are no longer */
    size_t len;
    int n;
} refolded;

static int keep_word(void *ctx, const token *tok)
{
    refolded *r = ctx;
    if (r->n++ == 0 && tok->len < sizeof r->word) {
        memcpy(r->word, tok->word, tok->len + 1);
        r->len = tok->len;
    }
    return 0;
}

/* TOK's word as language CODE folds it (tokenize_in()): a Spanish index
 * holds "año", a Turkish one "ılık", which the default folding makes
 * "ano" and "ilik".  TOK's surface is folded again; when that is not one
 * word (a surface too long to keep, say), TOK's own word stands. */
static const char *refold(const token *tok, const char *code, refolded *r,
                          size_t *len)
{
    r->n = 0;
    r->len = 0;
    if (tok->surface &&
        tokenize_in(tok->surface, tok->surface_len, code, 0, keep_word, r,
                    NULL) == 0 &&
        r->n == 1 && r->len) {
        *len = r->len;
        return r->word;
    }
    *len = tok->len;
    return tok->word;
}

/* The term PREFIX + TOK's stem in language L, from P's pool; NULL when
 * out of memory. */
static gz_qnode *lang_term(parser *p, const schema_lang *l,
                           const char *prefix, const token *tok)
{
    char buf[SCHEMA_STEM_MAX];
    refolded r;
    size_t wlen, slen, at = strlen(prefix);
    const char *word = refold(tok, l->code, &r, &wlen);
    const char *stem = schema_stem_term(l, word, wlen, buf, &slen);
    gz_qnode *n = node_new(p->q, GZ_Q_TERM);
    char *term = pool_alloc(p->q, at + slen + 1);
    if (!n || !term)
        return NULL;
    schema_term(term, prefix, stem, slen);
    n->term = term;
    return n;
}

/* Whether TOK is a stop word in language CODE, folded as CODE folds it. */
static int stop_in(const token *tok, const char *code)
{
    refolded r;
    size_t len;
    const char *word = refold(tok, code, &r, &len);
    return stopword_in(code, word, len);
}

/* Whether a natural-language query leaves TOK out: it is a stop word in
 * every language it is searched in (C->stop, the default's list, is 0
 * when stop words are kept).  "die" stays in an index of English and
 * German, for its English sense. */
static int left_out(const words_ctx *c, const token *tok)
{
    const query_opts *o = c->p->opts;
    if (!c->stop)
        return 0;
    if (!o || (!o->nlangs && !o->no_default) || !c->prefix)
        return stopword_in_langs(c->stop, tok->word, tok->len);
    if (!o->no_default && !stopword_in_langs(c->stop, tok->word, tok->len))
        return 0;
    for (size_t i = 0; i < o->nlangs; i++)
        if (!stop_in(tok, o->langs[i].code))
            return 0;
    return 1;
}

/* The word whose default-language term is DEF in every language of C's
 * query options that holds its stem (issue 22): DEF alone when no other
 * does (a one-language index's query is the query it always was), else
 * SYNONYM(DEF, de:..., fr:...), DEF left out under NO_DEFAULT.  Under
 * C->stop a language whose stop word TOK is leaves its term out (the
 * default's too), and *DROP is set when no language but those is left
 * ("the" in an index of English and German that holds no German "the").
 * Only the default term was counted against QUERY_MAX_TERMS: the limit
 * is on the words typed.  The terms kept are remembered for highlighting
 * (prefix removed) with C->highlight.  NULL when out of memory. */
static gz_qnode *in_languages(words_ctx *c, gz_qnode *def, const token *tok,
                              int *drop)
{
    parser *p = c->p;
    const query_opts *o = p->opts;
    size_t at = strlen(c->prefix);
    gz_qnode *syn = node_new(p->q, GZ_Q_SYNONYM), *first = NULL;
    int stop = c->stop && stopword_in_langs(c->stop, tok->word, tok->len);
    *drop = 0;
    if (!syn)
        return NULL;
    if (!o->no_default && !stop &&
        (node_add_child(p->q, syn, def) != 0 ||
         (c->highlight && remember_stem(p->q, def->term + at) != 0)))
        return NULL;
    for (size_t i = 0; i < o->nlangs; i++) {
        if (c->stop && stop_in(tok, o->langs[i].code))
            continue;
        gz_qnode *n = lang_term(p, &o->langs[i], c->prefix, tok);
        if (!n)
            return NULL;
        if (!first)
            first = n;
        if (o->has_term && !o->has_term(o->term_ctx, n->term))
            continue;
        if (node_add_child(p->q, syn, n) != 0 ||
            (c->highlight && remember_stem(p->q, n->term + at) != 0))
            return NULL;
    }
    if (syn->nchildren == 0 && stop)
        *drop = 1;
    if (syn->nchildren == 0)    /* in none of the languages asked for */
        return first ? first : def;
    return syn->nchildren == 1 ? syn->children[0] : syn;
}

/* The exact: term DEF of TOK (exact_term()) in every language of C's
 * query options: a language whose folding leaves TOK's surface as it is
 * holds it as the word "Waño" (Spanish keeps ñ) where the default
 * language, folding it ("ano"), holds the surface "Eaño".  DEF when no
 * language differs or the index holds no such word; the word when the
 * index holds it and not DEF; else OR(DEF, word), which PHRASE and NEAR
 * take.  The terms are remembered for highlighting with C->highlight.
 * NULL when out of memory. */
static gz_qnode *exact_in_languages(words_ctx *c, gz_qnode *def,
                                    const token *tok)
{
    parser *p = c->p;
    const query_opts *o = p->opts;
    if (def->term[0] != SCHEMA_PREFIX_SURFACE[0])
        return def;     /* folding changed nothing: no language differs */
    size_t i;
    for (i = 0; i < o->nlangs; i++) {
        refolded r;
        size_t len;
        const char *w = refold(tok, o->langs[i].code, &r, &len);
        if (len == tok->surface_len && memcmp(w, tok->surface, len) == 0)
            break;
    }
    if (i == o->nlangs)
        return def;
    gz_qnode *word = node_new(p->q, GZ_Q_TERM);
    char *term = pool_alloc(p->q, SCHEMA_PREFIX_LEN + tok->surface_len + 1);
    if (!word || !term)
        return NULL;
    schema_term(term, SCHEMA_PREFIX_WORD, tok->surface, tok->surface_len);
    word->term = term;
    if (o->has_term && !o->has_term(o->term_ctx, term))
        return def;
    if (c->highlight && remember_stem(p->q, term) != 0)
        return NULL;
    if (o->has_term && !o->has_term(o->term_ctx, def->term))
        return word;
    gz_qnode *any = node_new(p->q, GZ_Q_OR);
    if (!any || node_add_child(p->q, any, def) != 0 ||
        node_add_child(p->q, any, word) != 0)
        return NULL;
    return any;
}

/* The language a term of a multilingual query is in: the code before
 * its ':' (after PREFIX), or "" for the default language's. */
static size_t term_lang(const gz_qnode *n, const char *prefix, char *code)
{
    const char *t = n->term + strlen(prefix), *colon = strchr(t, ':');
    size_t len = colon && colon - t < LANG_MAX ? (size_t)(colon - t) : 0;
    memcpy(code, t, len);
    code[len] = '\0';
    return len;
}

/* GROUP (a PHRASE or NEAR whose words may be SYNONYMs across languages)
 * as one such group per language whose stems all are there, OR'ed: a
 * phrase's words come from one article, in one language (and Xapian
 * 1.4's PHRASE and NEAR take no SYNONYM).  GROUP itself when it holds no
 * SYNONYM; NULL when out of memory. */
static gz_qnode *split_languages(parser *p, gz_qnode *group,
                                 const char *prefix)
{
    size_t s = 0;
    while (s < group->nchildren && group->children[s]->op != GZ_Q_SYNONYM)
        s++;
    if (s == group->nchildren)
        return group;
    gz_qnode *any = node_new(p->q, GZ_Q_OR);
    if (!any)
        return NULL;
    /* The languages are those of the first SYNONYM's terms. */
    const gz_qnode *syn = group->children[s];
    for (size_t k = 0; k < syn->nchildren; k++) {
        char want[LANG_MAX], code[LANG_MAX];
        term_lang(syn->children[k], prefix, want);
        gz_qnode *one = node_new(p->q, group->op);
        if (!one)
            return NULL;
        one->window = group->window;
        one->scale = group->scale;
        size_t i;
        for (i = 0; i < group->nchildren; i++) {
            gz_qnode *w = group->children[i], *pick = NULL;
            size_t m = w->op == GZ_Q_SYNONYM ? w->nchildren : 1;
            for (size_t j = 0; j < m && !pick; j++) {
                gz_qnode *t = w->op == GZ_Q_SYNONYM ? w->children[j] : w;
                term_lang(t, prefix, code);
                if (strcmp(code, want) == 0)
                    pick = t;
            }
            if (!pick)
                break;      /* a word not in this language */
            if (node_add_child(p->q, one, pick) != 0)
                return NULL;
        }
        if (i == group->nchildren && node_add_child(p->q, any, one) != 0)
            return NULL;
    }
    if (any->nchildren == 0) {
        /* No language holds every word: a phrase nothing matches. */
        gz_qnode *none = node_new(p->q, GZ_Q_NONE);
        return none;
    }
    return any->nchildren == 1 ? any->children[0] : any;
}

static int add_stem(void *vctx, const token *tok)
{
    words_ctx *c = vctx;
    gz_query *q = c->p->q;
    if (tok->pos != c->next_pos)
        return refuse_skipped(c, c->p->text + c->base, c->last_end, tok->start);
    c->next_pos++;
    c->last_end = tok->end;
    if (left_out(c, tok))
        return 0;
    if (count_term(c->p, c->base + tok->start) != 0)
        return -1;
    size_t slen;
    const char *stem = stemmer_stem(c->p->st, tok->word, tok->len, &slen);
    gz_qnode *n = node_new(q, GZ_Q_TERM);
    if (!n)
        return -1;
    const char *prefix = c->prefix, *text = stem;
    size_t len = slen;
    if (!prefix)
        exact_term(tok, &prefix, &text, &len);
    size_t at = strlen(prefix);
    char *term = pool_alloc(q, at + len + 1);
    if (!term)
        return -1;
    schema_term(term, prefix, text, len);
    n->term = term;
    /* exact: words are the words as written, in no language. */
    if (c->prefix && c->p->opts && (c->p->opts->nlangs ||
                                    c->p->opts->no_default)) {
        int drop;
        if (!(n = in_languages(c, n, tok, &drop)))
            return -1;
        if (drop)
            return 0;
    } else {
        if (c->highlight &&
            remember_stem(q, c->prefix ? term + at : term) != 0)
            return -1;
        if (!c->prefix && c->p->opts && c->p->opts->nlangs &&
            !(n = exact_in_languages(c, n, tok)))
            return -1;
    }
    return node_add_child(q, c->group, n);
}

/* Add the words of the LEN bytes at C->base to C->group.  Returns 0, or
 * -1 with P's status set (out of memory unless add_stem() set an error). */
static int add_words(words_ctx *c, size_t len)
{
    const char *text = c->p->text + c->base;
    unsigned end;
    c->next_pos = 1;
    c->last_end = 0;
    if (tokenize_in(text, len, c->p->code, 1, add_stem, c, &end) != 0) {
        oom(c->p);
        return -1;
    }
    if (end != c->next_pos)
        return refuse_skipped(c, text, c->last_end, len);
    return 0;
}

/* Count N words of a phrase or NEAR group at column COL against
 * QUERY_MAX_POSITIONAL: -1 (with the parse error set) past it. */
static int count_positional(parser *p, size_t n, size_t col)
{
    p->npositional += n;
    if (p->npositional <= QUERY_MAX_POSITIONAL)
        return 0;
    fail_at(p, col, "the query has more than %d words in phrases and NEAR "
            "groups (they cost far more than other words); shorten it",
            QUERY_MAX_POSITIONAL);
    return -1;
}

/* The words of TEXT (inside the query) as one term, or a phrase of
 * several. */
static gz_qnode *words_node(parser *p, const char *text, size_t len,
                            const char *prefix, int highlight)
{
    gz_qnode *group = node_new(p->q, GZ_Q_PHRASE);
    if (!group)
        return oom(p);
    words_ctx c = { p, (size_t)(text - p->text), group, prefix, highlight, 0,
                    0, 0 };
    if (add_words(&c, len) != 0)
        return NULL;
    if (group->nchildren == 0)
        return NULL;
    if (group->nchildren > 1 &&
        count_positional(p, group->nchildren, (size_t)(text - p->text)) != 0)
        return NULL;
    if (group->nchildren == 1)
        return group->children[0];
    gz_qnode *n = prefix ? split_languages(p, group, prefix) : group;
    return n ? n : oom(p);
}

/* The one word of a wildcard's text, as tokenize() gives it. */
typedef struct prefix_word {
    char word[TOKEN_MAX_BYTES + 1];
    size_t len, end;
    unsigned words;
} prefix_word;

static int take_prefix_word(void *ctx, const token *tok)
{
    prefix_word *w = ctx;
    memcpy(w->word, tok->word, tok->len + 1);
    w->len = tok->len;
    w->end = tok->end;
    w->words++;
    return 0;
}

/* The wildcard over the terms PREFIX WORD* (LEN bytes), marked in
 * snippets as the words it matches ("Wimmigra*"); NULL when out of
 * memory. */
static gz_qnode *wildcard_term(parser *p, const char *prefix,
                               const char *word, size_t len)
{
    gz_qnode *n = node_new(p->q, GZ_Q_WILDCARD);
    char *term = n ? pool_alloc(p->q, strlen(prefix) + len + 1) : NULL;
    char *mark = pool_alloc(p->q, SCHEMA_PREFIX_LEN + len + 2);
    if (!term || !mark)
        return NULL;
    schema_term(term, prefix, word, len);
    n->term = term;
    n->window = QUERY_WILDCARD_MAX;
    schema_term(mark, SCHEMA_PREFIX_WORD, word, len);
    strcat(mark, "*");
    return remember_stem(p->q, mark) != 0 ? NULL : n;
}

/* The word of TEXT (LEN bytes, right before a '*') as a prefix wildcard
 * over the unstemmed terms with PREFIX (SCHEMA_PREFIX_WORD, or
 * SCHEMA_PREFIX_TITLE_WORD for title:).  One word whose last letter or
 * digit touches the '*'; the cap on its expansion is checked as it runs
 * (xapian_wrap.h GZ_Q_WILDCARD). */
static gz_qnode *wildcard_node(parser *p, const char *text, size_t len,
                               const char *prefix)
{
    size_t col = (size_t)(text - p->text);
    prefix_word w = { "", 0, 0, 0 };
    unsigned end;
    tokenize_in(text, len, p->code, 1, take_prefix_word, &w, &end);
    if (end - 1 != w.words)
        return fail_at(p, col, "a word longer than %d bytes (the longest "
                       "the index holds)", TOKEN_MAX_BYTES);
    if (w.words != 1)
        return fail_at(p, col, "a wildcard goes on one word, not on a run "
                       "of %u ('%.*s')", w.words, (int)len, text);
    if (w.end != len)
        return fail_at(p, col + len, "'*' must follow a letter or digit");
    if (count_term(p, col) != 0)
        return NULL;
    if (++p->nwildcards > QUERY_MAX_WILDCARDS)
        return fail_at(p, col, "the query has more than %d wildcards; "
                       "shorten it", QUERY_MAX_WILDCARDS);
    gz_qnode *n = wildcard_term(p, prefix, w.word, w.len);
    if (!n || !p->opts || !p->opts->nlangs)
        return n ? n : oom(p);
    /* The word as each language of the index folds it: a Spanish
     * article's words start "año", the default folding's "ano". */
    gz_qnode *any = node_new(p->q, GZ_Q_OR);
    if (!any || node_add_child(p->q, any, n) != 0)
        return oom(p);
    for (size_t i = 0; i < p->opts->nlangs; i++) {
        prefix_word v = { "", 0, 0, 0 };
        tokenize_in(text, len, p->opts->langs[i].code, 1, take_prefix_word,
                    &v, NULL);
        size_t k = 0;
        while (k < any->nchildren &&
               strcmp(any->children[k]->term + strlen(prefix), v.word) != 0)
            k++;
        if (v.words != 1 || k < any->nchildren)
            continue;
        if (!(n = wildcard_term(p, prefix, v.word, v.len)) ||
            node_add_child(p->q, any, n) != 0)
            return oom(p);
    }
    return any->nchildren == 1 ? any->children[0] : any;
}

static gz_qnode *boolean_node(parser *p, const char *term, size_t len)
{
    if (count_term(p, p->tok.start) != 0)
        return NULL;
    gz_qnode *n = node_new(p->q, GZ_Q_BOOLEAN);
    if (!n || !(n->term = pool_strndup(p->q, term, len)))
        return oom(p);
    return n;
}

/* A closed date range as few Y<yyyy>, M<yyyymm> and D<yyyymmdd> terms
 * (whole years, then whole months, then single days): Xapian filters on
 * boolean terms several times faster than on a value range.  NULL when it
 * would take more than DATE_TERMS_MAX terms (a range over centuries). */
#define DATE_TERMS_MAX 64

static gz_qnode *date_terms_node(parser *p, date_range r)
{
    char terms[DATE_TERMS_MAX][16];
    size_t n = 0;
    int y = r.lo / 10000, m = r.lo / 100 % 100, d = r.lo % 100;
    for (;;) {
        int cur = y * 10000 + m * 100 + d;
        if (cur > r.hi)
            break;
        if (n == DATE_TERMS_MAX)
            return NULL;
        if (m == 1 && d == 1 && y * 10000 + 1231 <= r.hi) {
            snprintf(terms[n++], 16, SCHEMA_PREFIX_YEAR "%04d", y);
            y++;
        } else if (d == 1 &&
                   y * 10000 + m * 100 + date_days_in_month(y, m) <= r.hi) {
            snprintf(terms[n++], 16, SCHEMA_PREFIX_MONTH "%04d%02d", y, m);
            if (++m > 12) {
                m = 1;
                y++;
            }
        } else {
            snprintf(terms[n++], 16, SCHEMA_PREFIX_DAY "%08d", cur);
            if (++d > date_days_in_month(y, m)) {
                d = 1;
                if (++m > 12) {
                    m = 1;
                    y++;
                }
            }
        }
        if (y > 9999)
            break;
    }
    if (n == 0)
        return node_new(p->q, GZ_Q_NONE);
    gz_qnode *any = node_new(p->q, GZ_Q_OR);
    if (!any)
        return oom(p);
    for (size_t i = 0; i < n; i++) {
        gz_qnode *t = boolean_node(p, terms[i], strlen(terms[i]));
        if (!t || node_add_child(p->q, any, t) != 0)
            return oom(p);
    }
    return any->nchildren == 1 ? any->children[0] : any;
}

static gz_qnode *range_node(parser *p, date_range r)
{
    if (r.lo && r.hi) {
        gz_qnode *terms = date_terms_node(p, r);
        if (terms || p->status != GZ_OK)
            return terms;
    }
    gz_qnode *n = node_new(p->q, GZ_Q_RANGE);
    char *lo = pool_alloc(p->q, 9), *hi = pool_alloc(p->q, 9);
    if (!n || !lo || !hi)
        return oom(p);
    if (r.lo)
        snprintf(lo, 9, "%08d", r.lo);
    if (r.hi)
        snprintf(hi, 9, "%08d", r.hi);
    n->slot = SCHEMA_SLOT_DATE;
    n->lo = lo;
    n->hi = hi;
    return n;
}

/* N, the phrase of token T, within T's slop when it has one. */
static gz_qnode *with_slop(parser *p, const lex_tok *t, gz_qnode *n)
{
    if (!n || !t->slop)
        return n;
    if (n->op != GZ_Q_PHRASE)
        return fail_at(p, t->start, "phrase slop (\"a b\"~N) needs two "
                       "words or more");
    /* In order, with at most N other positions among them. */
    n->window = t->near + (unsigned)n->nchildren;
    return n;
}

/* The range of the date: value V[0..VLEN) with its quote marks, which
 * only group: the date parser reads the value without them, and a fault's
 * column in that is mapped back to V's byte (the first of V when none
 * is left).  Returns as date_parse_range(); GZ_EOOM too. */
static gz_status date_value_range(parser *p, const char *v, size_t vlen,
                                  date_range *r, size_t *col)
{
    char *bare = pool_alloc(p->q, vlen + 1);
    size_t n = 0;
    if (!bare)
        return gz_error_set(GZ_EOOM, "out of memory parsing the query");
    for (size_t i = 0; i < vlen;) {
        size_t q = quote_mark_len(v + i, vlen - i);
        if (q)
            i += q;
        else
            bare[n++] = v[i++];
    }
    gz_status st = date_parse_range(bare, n, p->today, r, col);
    if (st == GZ_OK)
        return st;
    size_t fault = *col, seen = 0;
    *col = 0;
    for (size_t i = 0; i < vlen;) {
        size_t q = quote_mark_len(v + i, vlen - i);
        if (!q && seen++ == fault) {
            *col = i;
            break;
        }
        i += q ? q : 1;
    }
    return st;
}

/* exact:VALUE: the unstemmed words match, their stems weigh (the raw
 * terms have no wdf: schema.c), so an exact query ranks as the stemmed
 * one would among the articles it finds. */
static gz_qnode *exact_node(parser *p, const lex_tok *t)
{
    const char *v = p->text + t->vstart;
    gz_qnode *raw = words_node(p, v, t->vlen, NULL, 1);
    if (!raw)
        return p->status == GZ_OK
               ? fail_at(p, t->start, "no word after 'exact:'") : NULL;
    size_t positional = p->npositional;
    gz_qnode *stems = words_node(p, v, t->vlen, "", 0);
    if (!stems)
        return NULL;
    if (stems->op == GZ_Q_PHRASE) {
        stems->op = GZ_Q_AND;   /* for the weight only: not positional */
        p->npositional = positional;
    }
    gz_qnode *n = node_over(p, GZ_Q_FILTER, stems);
    if (n && node_add_child(p->q, n, raw) != 0)
        return oom(p);
    return n;
}

typedef struct names_ctx {
    parser *p;
    gz_qnode *first, *all;
    long terms;
} names_ctx;

static int add_author_name(void *vctx, const char *term, size_t len)
{
    names_ctx *c = vctx;
    gz_qnode *n = boolean_node(c->p, term, len);
    if (!n)
        return 1;
    c->terms++;
    if (!c->first) {
        c->first = n;
        return 0;
    }
    if (!c->all && !(c->all = node_over(c->p, GZ_Q_AND, c->first)))
        return 1;
    if (node_add_child(c->p->q, c->all, n) != 0) {
        oom(c->p);
        return 1;
    }
    return 0;
}

/* author:VALUE: each name of VALUE, split as the index splits an
 * article's authors (schema_author_terms()), by its whole name. */
static gz_qnode *author_node(parser *p, const lex_tok *t)
{
    names_ctx c = { p, NULL, NULL, 0 };
    long names = schema_author_terms(p->text + t->vstart, t->vlen, 0,
                                     add_author_name, &c);
    if (names < 0)
        return NULL;
    if (names == 0)
        return fail_at(p, t->start, "no name after 'author:'");
    if (c.terms < names)
        return fail_at(p, t->start, "the author's name is too long");
    return c.all ? c.all : c.first;
}

static gz_qnode *field_node(parser *p, const lex_tok *t)
{
    const char *v = p->text + t->vstart;
    size_t vlen = t->vlen;
    switch (t->field) {
    case F_TITLE: {
        if (t->wildcard)
            return wildcard_node(p, v, vlen, SCHEMA_PREFIX_TITLE_WORD);
        gz_qnode *n = words_node(p, v, vlen, SCHEMA_PREFIX_TITLE, 1);
        if (!n && p->status == GZ_OK)
            return fail_at(p, t->start, "no word after 'title:'");
        return with_slop(p, t, n);
    }
    case F_EXACT:
        return exact_node(p, t);
    case F_SOURCE: {
        char term[SCHEMA_SOURCE_MAX];
        size_t len;
        if (schema_source_terms(v, vlen, term, &len, NULL, NULL) <= 0)
            return fail_at(p, t->start, "no word after 'source:'");
        if (len == 0)
            return fail_at(p, t->start, "the source name is too long");
        return boolean_node(p, term, len);
    }
    case F_AUTHOR:
        return author_node(p, t);
    case F_SITE: {
        char host[URL_HOST_MAX + 1], term[SCHEMA_TERM_MAX + 1];
        size_t n = url_site(v, vlen, host);
        if (n == 0)
            return fail_at(p, t->start, "not a host name after 'site:' "
                           "(site:example.com)");
        return boolean_node(p, term, schema_term(term, SCHEMA_PREFIX_SITE,
                                                 host, n));
    }
    case F_LANG: {
        /* lang:de, lang:DE, lang:de-AT and lang:german are one language;
         * a code Gazette does not know is still looked for as written. */
        char code[LANG_MAX], term[SCHEMA_PREFIX_LEN + LANG_MAX];
        if (!lang_code(v, vlen, code))
            return fail_at(p, t->start, "not a language after 'lang:' "
                           "(lang:de, lang:fr)");
        return boolean_node(p, term, schema_term(term, SCHEMA_PREFIX_LANG,
                                                 code, strlen(code)));
    }
    case F_URL: {
        char term[SCHEMA_TERM_MAX + 1];
        if (vlen == 0)
            return fail_at(p, t->start, "no url after 'url:'");
        return boolean_node(p, term, schema_url_term(v, vlen, term));
    }
    case F_ID: {
        if (vlen == 0)
            return fail_at(p, t->start, "no id after 'id:'");
        char *term = pool_alloc(p->q, SCHEMA_PREFIX_LEN + vlen + 1);
        if (!term)
            return oom(p);
        return boolean_node(p, term, schema_term(term, SCHEMA_PREFIX_ID, v,
                                                 vlen));
    }
    case F_DATE: {
        date_range r;
        size_t col = 0;
        gz_status st = date_value_range(p, v, vlen, &r, &col);
        if (st != GZ_OK) {
            if (p->status == GZ_OK) {
                p->status = st;
                p->err_col = t->vstart + col;
            }
            return NULL;
        }
        return range_node(p, r);
    }
    }
    return NULL;
}

/* ---- Grammar --------------------------------------------------------------- */

static gz_qnode *parse_or(parser *p);
static gz_qnode *parse_primary(parser *p);

static int is_filter(const gz_qnode *n)
{
    if (n->op == GZ_Q_BOOLEAN || n->op == GZ_Q_RANGE)
        return 1;
    if (n->op == GZ_Q_AND || n->op == GZ_Q_OR) {
        for (size_t i = 0; i < n->nchildren; i++)
            if (!is_filter(n->children[i]))
                return 0;
        return n->nchildren > 0;
    }
    return 0;
}

/* N with the boost of token T, if it has one.  A boost multiplies the
 * weight of what it follows, so it is refused where there is none to
 * multiply: on a filter, on '*' and on what is excluded. */
static gz_qnode *with_boost(parser *p, const lex_tok *t, gz_qnode *n)
{
    if (!n || !t->boost)
        return n;
    if (p->excluded)
        return fail_at(p, t->boost_col, "a boost on an excluded part has "
                       "no effect (it adds no weight)");
    if (is_filter(n) || n->op == GZ_Q_ALL || n->op == GZ_Q_NONE)
        return fail_at(p, t->boost_col, "a filter (source:, id:, date:, *) "
                       "adds no weight: a boost on it has no effect");
    if (n->scale)
        return fail_at(p, t->boost_col, "one boost at most on a part: "
                       "multiply the numbers, (a^2)^3 is a^6");
    n->scale = t->boost;
    p->boost_col = t->boost_col;
    return n;
}

/* The words or phrase of token T, in the field of the parentheses it is
 * in, if any. */
static gz_qnode *text_node(parser *p, const lex_tok *t)
{
    if (p->in_field) {
        lex_tok f = *t;
        f.kind = T_FIELD;
        f.field = p->field;
        f.value_quoted = t->kind == T_PHRASE;
        if (f.wildcard && f.field != F_TITLE)
            return fail_at(p, t->vstart + t->vlen, "'*' goes at the end of "
                           "a word or title: word (immigra*)");
        if (f.slop && f.field != F_TITLE)
            return fail_at(p, t->slop_col, "phrase slop (\"a b\"~N) goes "
                           "with words and title: only");
        return field_node(p, &f);
    }
    if (t->wildcard)
        return wildcard_node(p, p->text + t->vstart, t->vlen,
                             SCHEMA_PREFIX_WORD);
    gz_qnode *n = words_node(p, p->text + t->vstart, t->vlen, "", 1);
    if (!n && p->status == GZ_OK && t->kind == T_PHRASE)
        return fail_at(p, t->start, "a phrase with no word in it");
    return with_slop(p, t, n);
}

/* field:( ... ): the expression in the parentheses, each of its words
 * and phrases a value of the field.  P's token is the field. */
static gz_qnode *field_group(parser *p)
{
    p->in_field = 1;
    p->field = p->tok.field;
    next(p);        /* the '(' */
    gz_qnode *n = parse_primary(p);
    p->in_field = 0;
    return n;
}

static int starts_operand(tok_kind k)
{
    return k == T_WORDS || k == T_PHRASE || k == T_LPAREN || k == T_FIELD ||
           k == T_MINUS || k == T_PLUS || k == T_STAR;
}

static const char *tok_name(tok_kind k)
{
    switch (k) {
    case T_AND: return "AND";
    case T_OR: return "OR";
    case T_NOT: return "NOT";
    case T_NEAR: return "NEAR";
    case T_RPAREN: return "')'";
    default: return "this";
    }
}

static gz_qnode *parse_primary(parser *p)
{
    lex_tok t = p->tok;
    switch (t.kind) {
    case T_LPAREN: {
        if (++p->depth > MAX_DEPTH)
            return fail_at(p, t.start, "parentheses nested too deep");
        next(p);
        if (p->tok.kind == T_RPAREN)
            return fail_at(p, t.start, "empty parentheses");
        gz_qnode *n = parse_or(p);
        if (!n)
            return NULL;
        if (p->tok.kind != T_RPAREN)
            return fail_at(p, t.start, "unbalanced '(': no closing ')'");
        p->depth--;
        n = with_boost(p, &p->tok, n);
        next(p);
        return n;
    }
    case T_PHRASE:
    case T_WORDS: {
        gz_qnode *n = with_boost(p, &t, text_node(p, &t));
        next(p);
        return n;
    }
    case T_FIELD: {
        if (p->in_field)
            return fail_at(p, t.start, "a field inside %s:(...): write it "
                           "outside the parentheses", field_names[p->field]);
        if (t.grouped)
            return field_group(p);
        gz_qnode *n = with_boost(p, &t, field_node(p, &t));
        next(p);
        return n;
    }
    case T_STAR: {
        if (p->in_field)
            return fail_at(p, t.start, "'*' (every article) inside %s:(...)",
                           field_names[p->field]);
        gz_qnode *n = node_new(p->q, GZ_Q_ALL);
        n = n ? with_boost(p, &t, n) : oom(p);
        next(p);
        return n;
    }
    case T_END:
        if (p->status != GZ_OK)
            return NULL;
        return fail_at(p, t.start, "the query ends where a word was expected");
    case T_MINUS:
    case T_PLUS:
        return fail_at(p, t.start, "'%c' must stand right before a word",
                       t.kind == T_MINUS ? '-' : '+');
    default:
        return fail_at(p, t.start, "%s needs something on its left",
                       tok_name(t.kind));
    }
}

/* N, parsed from column COL, is a NEAR operand: a single word, unboosted.
 * Xapian 1.4's NEAR and PHRASE take terms only (UnimplementedError "only
 * currently support leaf subqueries"), so a phrase is refused with what
 * can be written instead.  Returns 0, or -1 with the error set. */
static int near_operand(parser *p, const gz_qnode *n, size_t col)
{
    /* A word in several languages is split per language at the end of
     * the group (split_languages()). */
    if (n->op != GZ_Q_TERM && n->op != GZ_Q_SYNONYM) {
        fail_at(p, col, "NEAR joins single words, not phrases or groups; "
                "for phrases near each other write one phrase with slop "
                "(\"a b c d\"~N, in order) or join them with AND");
        return -1;
    }
    if (n->scale) {
        fail_at(p, p->boost_col, "a boost goes on the whole NEAR group: "
                "(a NEAR b)^N");
        return -1;
    }
    return 0;
}

static gz_qnode *parse_near(parser *p)
{
    size_t col = p->tok.start;
    gz_qnode *left = parse_primary(p);
    if (!left || p->tok.kind != T_NEAR)
        return left;
    if (near_operand(p, left, col) != 0)
        return NULL;
    gz_qnode *near = node_over(p, GZ_Q_NEAR, left);
    if (!near)
        return NULL;
    unsigned dist = 0;
    while (p->tok.kind == T_NEAR) {
        lex_tok op = p->tok;
        /* The word on the left (first time round) and the one to come. */
        if (count_positional(p, near->nchildren == 1 ? 2 : 1, op.start) != 0)
            return NULL;
        if (op.near > dist)
            dist = op.near;
        next(p);
        if (!starts_operand(p->tok.kind) || p->tok.kind == T_MINUS ||
            p->tok.kind == T_PLUS)
            return fail_at(p, op.start, "NEAR needs a word on its right");
        col = p->tok.start;
        left = parse_primary(p);
        if (!left || near_operand(p, left, col) != 0)
            return NULL;
        if (node_add_child(p->q, near, left) != 0)
            return oom(p);
    }
    /* Within DIST positions of each other: a window one wider than the
     * distance, plus one for each further word. */
    near->window = dist + (unsigned)near->nchildren - 1;
    gz_qnode *n = split_languages(p, near, "");
    return n ? n : oom(p);
}

typedef struct unary {
    gz_qnode *node;
    char sign;      /* '-', '+' or 0 */
    size_t col;     /* the sign's column */
} unary;

static unary parse_unary(parser *p)
{
    unary u = { NULL, 0, 0 };
    if (p->tok.kind == T_MINUS || p->tok.kind == T_PLUS) {
        u.sign = p->tok.kind == T_MINUS ? '-' : '+';
        u.col = p->tok.start;
        next(p);
    }
    p->excluded += u.sign == '-';
    u.node = parse_near(p);
    p->excluded -= u.sign == '-';
    return u;
}

/* The conjunction of the operands gathered for one "and": weighted
 * positives, filters that weigh nothing, and exclusions. */
typedef struct conj {
    gz_qnode *pos, *filters, *neg;
} conj;

static int conj_add(parser *p, gz_qnode **slot, gz_qop op, gz_qnode *n)
{
    if (!*slot && !(*slot = node_new(p->q, op)))
        return -1;
    return node_add_child(p->q, *slot, n);
}

static gz_qnode *single(gz_qnode *n)
{
    return n && n->nchildren == 1 && (n->op == GZ_Q_AND || n->op == GZ_Q_OR)
               ? n->children[0] : n;
}

static gz_qnode *conj_build(parser *p, conj *c)
{
    gz_qnode *pos = single(c->pos), *filters = single(c->filters);
    gz_qnode *n;
    if (pos && filters) {
        n = node_new(p->q, GZ_Q_FILTER);
        if (!n || node_add_child(p->q, n, pos) || node_add_child(p->q, n, filters))
            return oom(p);
    } else if (pos || filters) {
        n = pos ? pos : filters;
    } else if (!(n = node_new(p->q, GZ_Q_ALL))) {
        return oom(p);
    }
    if (c->neg) {
        gz_qnode *x = node_over(p, GZ_Q_AND_NOT, n);
        if (!x)
            return NULL;
        for (size_t i = 0; i < c->neg->nchildren; i++)
            if (node_add_child(p->q, x, c->neg->children[i]) != 0)
                return oom(p);
        n = x;
    }
    return n;
}

static int conj_take(parser *p, conj *c, unary u)
{
    if (u.sign == '-')
        return conj_add(p, &c->neg, GZ_Q_OR, u.node);
    if (is_filter(u.node))
        return conj_add(p, &c->filters, GZ_Q_AND, u.node);
    return conj_add(p, &c->pos, GZ_Q_AND, u.node);
}

/* Step past the binary operator that is P's token.  Returns 1, or 0 with
 * a parse error at the operator when no operand follows it. */
static int take_operator(parser *p)
{
    lex_tok op = p->tok;
    next(p);
    if (starts_operand(p->tok.kind))
        return 1;
    fail_at(p, op.start, "%s needs something on its right", tok_name(op.kind));
    return 0;
}

/* Parse the next operand into C, negated when NEGATE (it follows NOT).
 * Returns 0, or -1 with P's status set. */
static int conj_take_next(parser *p, conj *c, int negate)
{
    p->excluded += negate;
    unary u = parse_unary(p);
    p->excluded -= negate;
    if (!u.node)
        return -1;
    if (negate && u.sign) {
        /* "NOT -x" is not "x": refuse rather than pick a reading. */
        fail_at(p, u.col, "NOT and a sign together ('%c'): write one of them",
                u.sign);
        return -1;
    }
    if (negate)
        u.sign = '-';
    if (conj_take(p, c, u) != 0) {
        oom(p);
        return -1;
    }
    return 0;
}

static gz_qnode *parse_and(parser *p)
{
    conj c = { NULL, NULL, NULL };
    for (;;) {
        if (conj_take_next(p, &c, 0) != 0)
            return NULL;
        while (p->tok.kind == T_NOT)
            if (!take_operator(p) || conj_take_next(p, &c, 1) != 0)
                return NULL;
        if (p->tok.kind == T_AND) {
            if (!take_operator(p))
                return NULL;
            continue;
        }
        if (!starts_operand(p->tok.kind))
            break;
    }
    return conj_build(p, &c);
}

static gz_qnode *parse_or(parser *p)
{
    if (p->tok.kind == T_OR || p->tok.kind == T_AND || p->tok.kind == T_NOT ||
        p->tok.kind == T_NEAR)
        return fail_at(p, p->tok.start, "%s needs something on its left",
                       tok_name(p->tok.kind));
    gz_qnode *left = parse_and(p);
    if (!left || p->tok.kind != T_OR)
        return left;
    gz_qnode *any = node_over(p, GZ_Q_OR, left);
    if (!any)
        return NULL;
    while (p->tok.kind == T_OR) {
        if (!take_operator(p))
            return NULL;
        gz_qnode *right = parse_and(p);
        if (!right)
            return NULL;
        if (node_add_child(p->q, any, right) != 0)
            return oom(p);
    }
    return any;
}

/* ---- Natural language (QUERY_ANY) ------------------------------------------ */

/* Every word of the text, optional.  The stop words of the languages of
 * STOP (0: none) are left out, unless nothing else is left ("to be or not
 * to be" keeps them all). */
static gz_qnode *parse_any(parser *p, stopword_langs stop)
{
    gz_qnode *any = node_new(p->q, GZ_Q_OR);
    if (!any)
        return oom(p);
    words_ctx c = { p, 0, any, "", 1, stop, 0, 0 };
    if (add_words(&c, p->len) != 0)
        return NULL;
    if (any->nchildren == 0 && stop) {
        c.stop = 0;
        if (add_words(&c, p->len) != 0)
            return NULL;
    }
    if (any->nchildren == 0)
        return fail_at(p, 0, "the query has no words to search for");
    return single(any);
}

/* ---- Entry points ---------------------------------------------------------- */

gz_status query_parse(const char *text, stemmer *st, const query_opts *opts,
                      gz_query **out, size_t *err_col)
{
    *out = NULL;
    gz_query *q = calloc(1, sizeof *q);
    if (!q)
        return gz_error_set(GZ_EOOM, "out of memory parsing the query");
    /* The default language's words are folded as its articles' are: a
     * Spanish index holds año, not ano. */
    const char *name = stemmer_language(st);
    char code[LANG_MAX];
    if (!lang_code(name, strlen(name), code))
        code[0] = '\0';
    parser p = { .q = q, .st = st, .code = code[0] ? code : NULL,
                 .opts = opts, .text = text,
                 .len = strlen(text),
                 .today = opts && opts->today ? opts->today : date_today(),
                 .status = GZ_OK };
    int any = opts && (opts->flags & QUERY_ANY);
    gz_qnode *root = NULL;
    if (p.len > QUERY_MAX_BYTES) {
        fail_at(&p, QUERY_MAX_BYTES, "the query is longer than %d bytes "
                "(%zu); shorten it", QUERY_MAX_BYTES, p.len);
    } else if (any) {
        root = parse_any(&p, (opts->flags & QUERY_STOPWORDS)
                             ? stopword_langs_of(stemmer_language(st)) : 0);
    } else {
        if (words_in(text, p.len) == 0 && !strchr(text, '*'))
            fail_at(&p, 0, "the query has no words to search for");
        else
            next(&p);
        if (p.status == GZ_OK)
            root = parse_or(&p);
        if (root && p.status == GZ_OK && p.tok.kind != T_END)
            root = fail_at(&p, p.tok.start, "%s", p.tok.kind == T_RPAREN
                           ? "unbalanced ')': no opening '('" : "unexpected text");
    }
    if (p.status != GZ_OK || !root) {
        if (err_col)
            *err_col = p.err_col;
        query_free(q);
        return p.status != GZ_OK ? p.status
               : gz_error_set(GZ_EPARSE, "the query has no words to search for");
    }
    q->root = root;
    *out = q;
    return GZ_OK;
}

gz_status query_restrict_dates(gz_query *q, date_range range)
{
    if (!range.lo && !range.hi)
        return GZ_OK;
    parser p = { .q = q, .status = GZ_OK };
    gz_qnode *r = range_node(&p, range);
    gz_qnode *f = node_new(q, GZ_Q_FILTER);
    if (!r || !f || node_add_child(q, f, q->root) || node_add_child(q, f, r))
        return gz_error_set(GZ_EOOM, "out of memory");
    q->root = f;
    return GZ_OK;
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

/* ---- Description ----------------------------------------------------------- */

typedef struct buf {
    char *s;
    size_t len, cap;
    int failed;
} buf;

static void put(buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap + n + 1) * 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

static void describe(buf *b, const gz_qnode *n);

static void describe_op(buf *b, const gz_qnode *n)
{
    static const char *const names[] = {
        [GZ_Q_TERM] = "", [GZ_Q_BOOLEAN] = "", [GZ_Q_AND] = "AND",
        [GZ_Q_OR] = "OR", [GZ_Q_AND_NOT] = "AND_NOT", [GZ_Q_FILTER] = "FILTER",
        [GZ_Q_PHRASE] = "PHRASE", [GZ_Q_NEAR] = "NEAR", [GZ_Q_RANGE] = "DATE",
        [GZ_Q_ALL] = "ALL", [GZ_Q_NONE] = "NONE", [GZ_Q_WILDCARD] = "",
        [GZ_Q_SYNONYM] = "SYNONYM"
    };
    char tmp[64];
    switch (n->op) {
    case GZ_Q_TERM:
        put(b, n->term);
        return;
    case GZ_Q_WILDCARD:
        put(b, n->term);
        put(b, "*");
        return;
    case GZ_Q_BOOLEAN:
        put(b, "filter:");
        put(b, n->term);
        return;
    case GZ_Q_RANGE:
        snprintf(tmp, sizeof tmp, "DATE(%s..%s)", n->lo ? n->lo : "",
                 n->hi ? n->hi : "");
        put(b, tmp);
        return;
    case GZ_Q_ALL:
    case GZ_Q_NONE:
        put(b, names[n->op]);
        return;
    default:
        put(b, names[n->op]);
        if (n->op == GZ_Q_NEAR || (n->op == GZ_Q_PHRASE && n->window)) {
            snprintf(tmp, sizeof tmp, "/%u", n->window);
            put(b, tmp);
        }
        put(b, "(");
        for (size_t i = 0; i < n->nchildren; i++) {
            if (i)
                put(b, ", ");
            describe(b, n->children[i]);
        }
        put(b, ")");
    }
}

/* N and its boost ("wheat^2"), shown whenever the tree holds one. */
static void describe(buf *b, const gz_qnode *n)
{
    describe_op(b, n);
    if (n->scale != 0) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "^%g", n->scale);
        put(b, tmp);
    }
}

char *query_describe(const gz_query *q)
{
    buf b = { NULL, 0, 0, 0 };
    describe(&b, q->root);
    if (b.failed) {
        free(b.s);
        return NULL;
    }
    return b.s;
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

/* ---- Related articles ------------------------------------------------------- */

gz_status query_like(gz_query *q, const char *const *terms,
                     const double *weights, size_t n, const char *idterm)
{
    gz_qnode *any = node_new(q, n ? GZ_Q_OR : GZ_Q_NONE);
    gz_qnode *filter = node_new(q, GZ_Q_FILTER);
    gz_qnode *but = node_new(q, GZ_Q_AND_NOT);
    gz_qnode *self = node_new(q, GZ_Q_BOOLEAN);
    char *self_term = self ? pool_strndup(q, idterm, strlen(idterm)) : NULL;
    if (!any || !filter || !but || !self_term)
        return gz_error_set(GZ_EOOM, "out of memory");
    self->term = self_term;
    for (size_t i = 0; i < n; i++) {
        gz_qnode *t = node_new(q, GZ_Q_TERM);
        char *term = t ? pool_strndup(q, terms[i], strlen(terms[i])) : NULL;
        if (!term || node_add_child(q, any, t) || remember_stem(q, term))
            return gz_error_set(GZ_EOOM, "out of memory");
        t->term = term;
        t->scale = weights[i];
    }
    if (node_add_child(q, filter, any) || node_add_child(q, filter, q->root) ||
        node_add_child(q, but, filter) || node_add_child(q, but, self))
        return gz_error_set(GZ_EOOM, "out of memory");
    q->root = but;
    return GZ_OK;
}
