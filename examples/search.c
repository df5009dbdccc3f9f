/* search.c - search a Gazette index from C: `search INDEX QUERY...`.
 *
 *     cc search.c -o search $(pkg-config --cflags --libs gazette)
 *     ./search ~/news.idx olympic boycott
 *
 * Prints the ten best hits: rank, date, title and [id], then the snippet.
 * Exit status as gazette-search: 0 some match, 1 none, 2 error. */
#include <stdio.h>
#include <string.h>

#include <gazette.h>

int main(int argc, char **argv)
{
    char query[4096] = "";
    gz_index *ix = NULL;
    gz_results *res = NULL;
    size_t at = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: %s INDEX QUERY...\n", argv[0]);
        return 2;
    }
    if (!gz_version_check(GAZETTE_VERSION_MAJOR, GAZETTE_VERSION_MINOR)) {
        fprintf(stderr, "search: libgazette %s is too old\n", gz_version());
        return 2;
    }
    for (int i = 2; i < argc; i++) {    /* the words, joined by spaces */
        if (strlen(query) + strlen(argv[i]) + 2 > sizeof query)
            return fprintf(stderr, "search: query too long\n"), 2;
        strcat(strcat(query, i > 2 ? " " : ""), argv[i]);
    }

    gz_status st = gz_index_open(argv[1], &ix);
    if (st == GZ_OK)
        st = gz_search(ix, query, NULL, &res, &at);
    if (st != GZ_OK) {
        fprintf(stderr, "search: %s: %s\n", gz_strerror(st), gz_last_error());
        if (st == GZ_EPARSE)
            fprintf(stderr, "  %s\n  %*s^\n", query, (int)at, "");
        gz_index_close(ix);
        return 2;
    }

    for (size_t i = 0; i < gz_results_count(res); i++) {
        const gz_article *a = gz_results_article(res, i);
        const char *snippet = gz_results_snippet(res, i, NULL, NULL);
        printf("%zu. %s  %s  [%s]\n   %s\n", i + 1,
               a->date[0] ? a->date : "undated", a->title, a->id,
               snippet ? snippet : "");
    }
    int found = gz_results_count(res) > 0;
    gz_results_free(res);
    gz_index_close(ix);
    return found ? 0 : 1;
}
