/* snippet.c - pick and copy the best passage of a body.
 *
 * One pass tokenises and stems the body, a sliding window scores each
 * passage.  The body can be a long speech, so the cost stays linear. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schema.h"
#include "snippet.h"
#include "tokenize.h"
#include "utf8.h"

typedef struct word_span {
    size_t start, end;
    int stem;           /* index into the query's stems, or -1 */
} word_span;

typedef struct collect_ctx {
    const schema_lang *lang;
    const char *const *stems;
    size_t nstems;
    unsigned char first[256];   /* first bytes of the stems (english) */
    int by_first;
    word_span *words;
    size_t n, cap;
} collect_ctx;

/* Whether TOK is the word that TERM, an unstemmed term (snippet.h),
 * stands for. */
static int raw_term_matches(const char *term, const token *tok)
{
    const char *text = term + SCHEMA_PREFIX_LEN;
    size_t len = strlen(text);
    if (term[0] == SCHEMA_PREFIX_SURFACE[0])
        return tok->surface && strcmp(tok->surface, text) == 0;
    if (len && text[len - 1] == '*')
        return tok->len >= len - 1 && memcmp(tok->word, text, len - 1) == 0;
    return strcmp(tok->word, text) == 0;
}

static int collect(void *vctx, const token *tok)
{
    collect_ctx *c = vctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        word_span *w = realloc(c->words, cap * sizeof *w);
        if (!w)
            return -1;
        c->words = w;
        c->cap = cap;
    }
    int match = -1;
    for (size_t i = 0; i < c->nstems && match < 0; i++)
        if (schema_term_prefixed(c->stems[i][0]) &&
            raw_term_matches(c->stems[i], tok))
            match = (int)i;
    /* The English stemmers only cut and rewrite endings, so a word whose
     * first byte starts no query stem cannot stem to one: most of a long
     * body is never stemmed. */
    if (match < 0 && c->nstems &&
        (!c->by_first || c->first[(unsigned char)tok->word[0]])) {
        char buf[SCHEMA_STEM_MAX];
        size_t slen;
        const char *stem = schema_stem_term(c->lang, tok->word, tok->len,
                                            buf, &slen);
        for (size_t i = 0; i < c->nstems; i++)
            if (strcmp(c->stems[i], stem) == 0) {
                match = (int)i;
                break;
            }
    }
    c->words[c->n++] = (word_span){ tok->start, tok->end, match };
    return 0;
}

/* The window [s, s + width) with the most distinct stems, then the most
 * matches; the earliest on a tie.  It is then moved to start a few words
 * before its first match, which can only add matches at its end. */
static size_t best_window(const word_span *w, size_t n, size_t width,
                          unsigned *seen)
{
    size_t best = 0, distinct = 0, matches = 0;
    long best_score = -1;
    for (size_t end = 0; end + 1 < n + width; end++) {
        if (end < n && w[end].stem >= 0) {
            matches++;
            if (seen[w[end].stem]++ == 0)
                distinct++;
        }
        if (end >= width) {
            const word_span *out = &w[end - width];
            if (out->stem >= 0) {
                matches--;
                if (--seen[out->stem] == 0)
                    distinct--;
            }
        }
        size_t start = end + 1 >= width ? end + 1 - width : 0;
        long score = (long)(distinct * 100000 + matches);
        if (start < n && score > best_score) {
            best_score = score;
            best = start;
        }
    }
    size_t stop = best + width < n ? best + width : n;
    for (size_t i = best; i < stop; i++)
        if (w[i].stem >= 0) {
            best = i > best + 3 ? i - 3 : best;
            break;
        }
    return best;
}

static const char ELLIPSIS[] = "\xe2\x80\xa6";

gz_status snippet_make(const char *body, size_t len, const schema_lang *lang,
                       const char *const *stems, size_t nstems,
                       unsigned max_words, snippet *out)
{
    memset(out, 0, sizeof *out);
    collect_ctx c = { .lang = lang, .stems = stems, .nstems = nstems };
    const char *name = lang->st ? stemmer_language(lang->st) : "";
    c.by_first = !lang->prefixed && (strcmp(name, "english") == 0 ||
                                     strcmp(name, "porter") == 0);
    for (size_t i = 0; i < nstems; i++)
        if (!schema_term_prefixed(stems[i][0]))
            c.first[(unsigned char)stems[i][0]] = 1;
    unsigned *seen = calloc(nstems + 1, sizeof *seen);
    if (!seen || tokenize_in(body, len, lang->code, 1, collect, &c, NULL) != 0)
        goto oom;
    if (c.n == 0) {
        out->text = strdup("");
        free(seen);
        free(c.words);
        return out->text ? GZ_OK : gz_error_set(GZ_EOOM, "out of memory");
    }
    size_t width = max_words ? max_words : 30;
    size_t first = best_window(c.words, c.n, width, seen);
    size_t last = first + width < c.n ? first + width - 1 : c.n - 1;

    size_t from = c.words[first].start, to = c.words[last].end;
    /* Keep closing punctuation ("boycott." or a quote) with the last word:
     * up to 3 bytes, whole characters only (".\u201d" is 4). */
    size_t tail = 0;
    while (to + tail < len && tail < 4 && body[to + tail] != ' ' &&
           body[to + tail] != '\n' && body[to + tail] != '\t')
        tail++;
    to += (size_t)utf8_quote_len(body + to, tail, 3);
    size_t cap = (to - from) + 2 * sizeof ELLIPSIS + 1;
    out->text = malloc(cap);
    out->marks = malloc((last - first + 1) * sizeof *out->marks);
    if (!out->text || !out->marks)
        goto oom;

    /* The matched words as spans of the body, overlapping ones merged:
     * the bigrams of a run without spaces share a character (中华, 华人),
     * and one mark covers all that match in a row.  Words come in order
     * of start and of end, so a span only ever grows at its end. */
    size_t nspans = 0;
    word_span *spans = c.words;     /* reused in place: spans <= words */
    for (size_t k = first; k <= last; k++) {
        if (c.words[k].stem < 0)
            continue;
        if (nspans && c.words[k].start < spans[nspans - 1].end) {
            if (c.words[k].end > spans[nspans - 1].end)
                spans[nspans - 1].end = c.words[k].end;
            continue;
        }
        spans[nspans++] = c.words[k];
    }

    char *p = out->text;
    if (first > 0) {
        memcpy(p, ELLIPSIS, sizeof ELLIPSIS - 1);
        p += sizeof ELLIPSIS - 1;
    }
    size_t m = 0;
    int in_space = 0;
    for (size_t i = from; i < to; i++) {
        if (m < nspans && i == spans[m].start)
            out->marks[out->nmarks].start = (size_t)(p - out->text);
        unsigned char ch = (unsigned char)body[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            if (!in_space)
                *p++ = ' ';
            in_space = 1;
        } else {
            *p++ = (char)ch;
            in_space = 0;
        }
        if (m < nspans && i + 1 == spans[m].end) {
            out->marks[out->nmarks++].end = (size_t)(p - out->text);
            m++;
        }
    }
    if (last + 1 < c.n) {
        memcpy(p, ELLIPSIS, sizeof ELLIPSIS - 1);
        p += sizeof ELLIPSIS - 1;
    }
    *p = '\0';
    out->len = (size_t)(p - out->text);
    free(seen);
    free(c.words);
    return GZ_OK;

oom:
    free(seen);
    free(c.words);
    snippet_free(out);
    return gz_error_set(GZ_EOOM, "out of memory making a snippet");
}

void snippet_free(snippet *s)
{
    free(s->text);
    free(s->marks);
    memset(s, 0, sizeof *s);
}
