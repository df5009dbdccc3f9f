/* gz-dump INDEX [QUERY...]: everything a user can observe of INDEX, as
 * text that two indexes can be compared by (tests/e2e/model.py compares an
 * incrementally kept index with a clean build of the same files).
 *
 * First every article, sorted by id, one a line:
 *   "article<TAB>ID<TAB>DATE<TAB>TITLE<TAB>SOURCE<TAB>URL<TAB>PATH<TAB>LINE
 *    <TAB>BODY<TAB>AUTHOR<TAB>SITE<TAB>LANG" (author and site since issue
 *    19, lang since issue 22)
 * with backslash, tab and newline written as \\, \t and \n; then, for
 * each QUERY, its first 50 hits without collapsing and with it:
 *   "query<TAB>QNUM<TAB>nocollapse|collapse<TAB>RANK<TAB>ID<TAB>SCORE<TAB>
 *    SIMILAR"
 * (the score with 6 decimals, as gazette-search's TSV) or
 *   "query<TAB>QNUM<TAB>MODE<TAB>error<TAB>STATUS".
 * Uses include/gazette.h only.  Exit 0, or 2 when INDEX cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

static void field(const char *s)
{
    putchar('\t');
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\\\", stdout);
        else if (*s == '\t')
            fputs("\\t", stdout);
        else if (*s == '\n')
            fputs("\\n", stdout);
        else
            putchar(*s);
    }
}

static int by_id(const void *a, const void *b)
{
    const gz_article *x = *(const gz_article *const *)a;
    const gz_article *y = *(const gz_article *const *)b;
    return strcmp(x->id, y->id);
}

static int dump_articles(gz_index *ix)
{
    gz_search_options o;
    gz_search_options_init(&o);
    o.collapse = 0;
    o.limit = 100000000;
    gz_results *r = NULL;
    gz_status st = gz_search(ix, "*", &o, &r, NULL);
    if (st != GZ_OK) {
        fprintf(stderr, "gz-dump: %s: %s\n", gz_strerror(st), gz_last_error());
        return -1;
    }
    size_t n = gz_results_count(r);
    const gz_article **all = calloc(n + 1, sizeof *all);
    if (!all) {
        gz_results_free(r);
        fprintf(stderr, "gz-dump: out of memory\n");
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        all[i] = gz_results_article(r, i);
    qsort(all, n, sizeof *all, by_id);
    for (size_t i = 0; i < n; i++) {
        const gz_article *a = all[i];
        fputs("article", stdout);
        const char *text[] = { a->id, a->date, a->title, a->source, a->url,
                               a->path };
        for (size_t k = 0; k < sizeof text / sizeof *text; k++)
            field(text[k]);
        printf("\t%ld", a->line);
        field(a->body);
        field(a->author);
        field(a->site);
        field(a->lang ? a->lang : "");
        putchar('\n');
    }
    free(all);
    gz_results_free(r);
    return 0;
}

static void dump_query(gz_index *ix, const char *query, int qnum, int collapse)
{
    const char *mode = collapse ? "collapse" : "nocollapse";
    gz_search_options o;
    gz_search_options_init(&o);
    o.collapse = collapse;
    o.limit = 50;
    gz_results *r = NULL;
    gz_status st = gz_search(ix, query, &o, &r, NULL);
    if (st != GZ_OK) {
        printf("query\t%d\t%s\terror\t%s\n", qnum, mode, gz_strerror(st));
        return;
    }
    for (size_t i = 0; i < gz_results_count(r); i++)
        printf("query\t%d\t%s\t%zu\t%s\t%.6f\t%lu\n", qnum, mode, i + 1,
               gz_results_article(r, i)->id, gz_results_score(r, i),
               gz_results_similar(r, i));
    gz_results_free(r);
}

int main(int argc, char **argv)
{
    if (argc < 2 || !gz_version_check(GAZETTE_VERSION_MAJOR,
                                      GAZETTE_VERSION_MINOR)) {
        fprintf(stderr, "usage: gz-dump INDEX [QUERY...]\n");
        return 2;
    }
    gz_index *ix = NULL;
    gz_status st = gz_index_open(argv[1], &ix);
    if (st != GZ_OK) {
        fprintf(stderr, "gz-dump: %s: %s\n", gz_strerror(st), gz_last_error());
        return 2;
    }
    int rc = dump_articles(ix);
    for (int q = 2; rc == 0 && q < argc; q++) {
        dump_query(ix, argv[q], q - 1, 0);
        dump_query(ix, argv[q], q - 1, 1);
    }
    gz_index_close(ix);
    return rc ? 2 : 0;
}
