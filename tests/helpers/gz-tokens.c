/* gz-tokens - print the words tokenize_in() gives, one a line, for tests
 * and for checking that a tokenizer change leaves text alone.
 *
 * Usage: gz-tokens [--count] [--lang CODE] [FILE...]   (no FILE: stdin)
 * Each file is tokenized whole, positions from 1; each word is printed as
 * "pos<TAB>start<TAB>end<TAB>joined<TAB>word<TAB>surface", then a line
 * "= FILE next_pos" (FILE "-" for standard input).  --count prints only
 * "= FILE next_pos words", so that a timing measures the tokenizer.  Exit 0, or 1 when a
 * file cannot be read or memory runs out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenize.h"

static int print_token(void *ctx, const token *t)
{
    unsigned long *count = ctx;
    if (count) {
        ++*count;
        return 0;
    }
    printf("%u\t%zu\t%zu\t%d\t%s\t%s\n", t->pos, t->start, t->end, t->joined,
           t->word, t->surface ? t->surface : "");
    return 0;
}

/* The whole of F, malloc()ed, its length in *LEN; NULL on failure. */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *p = realloc(buf, cap *= 2);
            if (!p) {
                free(buf);
                return NULL;
            }
            buf = p;
        }
    }
    if (buf && ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int one(const char *name, FILE *f, const char *lang, int count)
{
    size_t len;
    char *text = slurp(f, &len);
    if (!text) {
        fprintf(stderr, "gz-tokens: %s: cannot read it\n", name);
        return 1;
    }
    unsigned next = 0;
    unsigned long words = 0;
    int rc = tokenize_in(text, len, lang, 1, print_token,
                         count ? &words : NULL, &next);
    free(text);
    if (rc != 0) {
        fprintf(stderr, "gz-tokens: %s: out of memory\n", name);
        return 1;
    }
    if (count)
        printf("= %s %u %lu\n", name, next, words);
    else
        printf("= %s %u\n", name, next);
    return 0;
}

int main(int argc, char **argv)
{
    const char *lang = NULL;
    int i = 1, count = 0;
    if (i < argc && strcmp(argv[i], "--count") == 0) {
        count = 1;
        i++;
    }
    if (i + 1 < argc && strcmp(argv[i], "--lang") == 0) {
        lang = argv[i + 1];
        i += 2;
    }
    if (i == argc)
        return one("-", stdin, lang, count);
    int status = 0;
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "gz-tokens: %s: cannot open it\n", argv[i]);
            status = 1;
            continue;
        }
        status |= one(argv[i], f, lang, count);
        fclose(f);
    }
    return status;
}
