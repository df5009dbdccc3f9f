/* stopwords.c - lookups per second in the stop lists (issue 22), set
 * against the English-only lookup of before (a bsearch over 174 words).
 *
 * Reads words, one a line, as the tokenizer folds them; looks each up
 * ROUNDS times with stopword_is() (the old English lookup, linked in from
 * the old common/stopwords.c), stopword_in_langs() for English, for
 * German, and for a set of 15 languages; prints lookups/s of each and
 * the words the old and new English lookups disagree on (must be none).
 * Not built by make; the command is in doc/DECISIONS.md ("Languages"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stopwords.h"

int stopword_is(const char *word, size_t len);     /* the old lookup */

#define ROUNDS 20

typedef struct words {
    char **w;
    size_t *len, n;
} words;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void report(const char *what, double secs, size_t lookups, size_t hits)
{
    printf("%-28s %8.1f M lookups/s  (%zu stop words)\n", what,
           lookups / secs / 1e6, hits / ROUNDS);
}

static void run(const words *ws, const char *what, stopword_langs langs)
{
    size_t hits = 0;
    double t0 = now();
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < ws->n; i++)
            hits += (size_t)stopword_in_langs(langs, ws->w[i], ws->len[i]);
    report(what, now() - t0, ROUNDS * ws->n, hits);
}

int main(void)
{
    words ws = { NULL, NULL, 0 };
    size_t cap = 0, bufcap = 0;
    char *line = NULL;
    ssize_t got;
    while ((got = getline(&line, &bufcap, stdin)) > 0) {
        if (line[got - 1] == '\n')
            line[--got] = '\0';
        if (ws.n == cap) {
            cap = cap ? 2 * cap : 1024;
            ws.w = realloc(ws.w, cap * sizeof *ws.w);
            ws.len = realloc(ws.len, cap * sizeof *ws.len);
            if (!ws.w || !ws.len)
                return 2;
        }
        if (!(ws.w[ws.n] = strdup(line)))
            return 2;
        ws.len[ws.n++] = (size_t)got;
    }
    free(line);
    printf("%zu words, %d rounds\n", ws.n, ROUNDS);

    size_t hits = 0, differ = 0;
    double t0 = now();
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < ws.n; i++)
            hits += (size_t)(stopword_is(ws.w[i], ws.len[i]) != 0);
    report("old English (bsearch)", now() - t0, ROUNDS * ws.n, hits);

    stopword_langs en = stopword_langs_of("en"), all = 0;
    static const char *const codes[] = { "da", "de", "en", "es", "fi", "fr",
        "hu", "it", "ne", "nl", "no", "pt", "ru", "sv", "tr" };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        all |= stopword_langs_of(codes[i]);
    run(&ws, "new English (hash)", en);
    run(&ws, "new German (hash)", stopword_langs_of("de"));
    run(&ws, "new 15 languages (hash)", all);

    for (size_t i = 0; i < ws.n; i++)
        if ((stopword_is(ws.w[i], ws.len[i]) != 0) !=
            stopword_in_langs(en, ws.w[i], ws.len[i])) {
            if (differ++ < 10)
                printf("differ: '%s'\n", ws.w[i]);
        }
    printf("old and new English disagree on %zu of %zu words\n", differ, ws.n);
    for (size_t i = 0; i < ws.n; i++)
        free(ws.w[i]);
    free(ws.w);
    free(ws.len);
    return differ != 0;
}
