/* suggest.c - "did you mean", from the index's own spelling table.
 *
 * Asked only when a query of at most SUGGEST_MAX_WORDS words found fewer
 * than SUGGEST_BELOW articles.  Each word of the query is looked up in
 * Xapian's spelling table (the words of every title and body, counted at
 * index time); the nearest word there (two edits at most, the most
 * frequent of the nearest) replaces a word the index never saw, or one it
 * saw SUGGEST_GAIN times less often, so a rare but real name is not
 * "corrected" towards a common neighbour.  The corrected query is offered
 * only when it finds more articles than the query did; the query itself
 * is never changed.  Field values (source:, id:, date:, exact:),
 * operator words, wildcards' prefixes and numbers are left as they are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "output.h"
#include "searcher.h"
#include "tokenize.h"

#define SUGGEST_BELOW 3
#define SUGGEST_GAIN 10
#define SUGGEST_EDITS 2
/* Each word costs two lookups: a long query is no typing slip. */
#define SUGGEST_MAX_WORDS 32

typedef struct fixer {
    searcher *s;
    const char *text;
    char *out;                  /* the corrected text so far */
    size_t len, cap, copied;    /* copied: bytes of TEXT already in OUT */
    int changed, failed;
    unsigned words;
} fixer;

static int append(fixer *f, const char *s, size_t n)
{
    if (f->len + n + 1 > f->cap) {
        size_t cap = (f->len + n + 1) * 2;
        char *p = realloc(f->out, cap);
        if (!p)
            return -1;
        f->out = p;
        f->cap = cap;
    }
    memcpy(f->out + f->len, s, n);
    f->len += n;
    f->out[f->len] = '\0';
    return 0;
}

/* Whether the word at [START, END) of TEXT is a field's value or an
 * operator, which spelling must not touch. */
static int untouchable(const char *text, size_t start, size_t end)
{
    static const char *const fields[] = { "source:", "id:", "date:",
                                          "exact:" };
    static const char *const ops[] = { "OR", "AND", "NOT", "NEAR" };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (end - start == strlen(ops[i]) &&
            memcmp(text + start, ops[i], end - start) == 0)
            return 1;
    if (end < strlen(text) && text[end] == ':')
        return 1;   /* a field name */
    if (end < strlen(text) && text[end] == '*')
        return 1;   /* a wildcard's prefix is no misspelt word */
    /* Back over the value's opening quote and words to its field name. */
    size_t i = start;
    int quoted = 0;
    while (i > 0 && text[i - 1] != ' ' && text[i - 1] != '\t' && text[i - 1] != ':')
        i--;
    if (i > 0 && text[i - 1] == ':')
        goto field;
    for (size_t k = 0; k < start; k++)
        quoted ^= text[k] == '"';
    if (!quoted)
        return 0;
    while (i > 0 && text[i - 1] != '"')
        i--;
    if (i < 2 || text[i - 2] != ':')
        return 0;
    i--;
field:
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        size_t n = strlen(fields[k]);
        if (i >= n && memcmp(text + i - n, fields[k], n) == 0)
            return 1;
    }
    return 0;
}

static int fix_word(void *ctx, const token *tok)
{
    fixer *f = ctx;
    if (++f->words > SUGGEST_MAX_WORDS)
        return 1;
    if (strpbrk(tok->word, "0123456789") ||
        untouchable(f->text, tok->start, tok->end))
        return 0;
    unsigned long have = 0, would = 0;
    char *better = NULL;
    /* No suggestion is no failure: errors here only mean none. */
    search_index *si = f->s->si;
    if (search_spelling_freq(si, tok->word, &have) == GZ_OK &&
        search_spelling(si, tok->word, SUGGEST_EDITS, &better) == GZ_OK &&
        better && *better && strcmp(better, tok->word) != 0 &&
        search_spelling_freq(si, better, &would) == GZ_OK &&
        would > 0 && would >= SUGGEST_GAIN * have) {
        if (append(f, f->text + f->copied, tok->start - f->copied) ||
            append(f, better, strlen(better))) {
            f->failed = 1;
            free(better);
            return 1;
        }
        f->copied = tok->end;
        f->changed = 1;
    }
    free(better);
    return 0;
}

/* The number of articles TEXT finds, searched as S's query is; 0 when
 * it cannot be parsed or run. */
static unsigned long count_of(searcher *s, const char *text)
{
    search_request req = s->cli.req;
    req.opts.limit = 0;
    req.opts.offset = 0;
    req.opts.exact_total = 1;
    req.opts.collapse = 0;
    req.opts.expand = GZ_EXPAND_NEVER;
    gz_query *q = NULL;
    search_results *res = NULL;
    unsigned long n = 0;
    if (search_parse(s->si, text, &req, NULL, &q, NULL) == GZ_OK &&
        search_run(s->si, q, &req, &res) == GZ_OK)
        n = search_results_total(res, NULL, NULL);
    search_results_free(res);
    search_query_free(q);
    return n;
}

int suggest_run(searcher *s, const char *text, unsigned long total, long qnum)
{
    if (total >= SUGGEST_BELOW)
        return 0;
    fixer f = { .s = s, .text = text };
    if (tokenize(text, strlen(text), 1, fix_word, &f, NULL) != 0 || f.failed ||
        !f.changed ||
        append(&f, text + f.copied, strlen(text) - f.copied) != 0) {
        free(f.out);
        return 0;
    }
    /* The corrected query must parse and find more than the query did. */
    unsigned long better = count_of(s, f.out);
    int rc = 0;
    if (better > total) {
        /* Only a person's text output gets it on stdout: a program's
         * stream (JSON, TSV, ids, files, counts) holds results only. */
        int quiet = s->cli.format != OUT_TEXT || s->cli.mode != MODE_SUMMARY;
        if (output_suggestion(quiet ? stderr : stdout, qnum, f.out, better) != 0 &&
            !quiet)
            rc = write_failed();
    }
    free(f.out);
    return rc;
}
