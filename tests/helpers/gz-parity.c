/* gz-parity INDEX < QUERIES: run each query through libgazette and print
 * its hits, for tests/e2e/t315-library-parity.sh to compare with
 * gazette-search's.  Uses include/gazette.h and nothing else, as any
 * program using the library would.
 *
 * Each line of QUERIES is "OPTIONS<TAB>QUERY"; OPTIONS is "-" or a comma
 * list of n=LIMIT, offset=N, sort=relevance|newest|oldest, since=DATE,
 * until=DATE, on=DATE, now=DATE, any, nocollapse, expand, bm25=K1:B,
 * lang=A:B (--lang A,B).
 * Each hit is printed as "QNUM<TAB>RANK<TAB>ID<TAB>SCORE<TAB>SIMILAR<TAB>
 * SNIPPET" (the score with 6 decimals, as gazette-search's TSV), a failed
 * query as "QNUM<TAB>error<TAB>STATUS".  Exit 0, or 2 on a bad line or index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

/* Apply the option NAME[=VALUE] to O.  0, or -1 when unknown. */
static int set_option(gz_search_options *o, char *name)
{
    char *value = strchr(name, '=');
    if (value)
        *value++ = '\0';
    if (strcmp(name, "any") == 0)
        o->any = 1;
    else if (strcmp(name, "nocollapse") == 0)
        o->collapse = 0;
    else if (strcmp(name, "expand") == 0)
        o->expand = 1;
    else if (!value)
        return -1;
    else if (strcmp(name, "n") == 0)
        o->limit = (unsigned)strtoul(value, NULL, 10);
    else if (strcmp(name, "offset") == 0)
        o->offset = (unsigned)strtoul(value, NULL, 10);
    else if (strcmp(name, "sort") == 0)
        o->order = strcmp(value, "newest") == 0 ? GZ_ORDER_NEWEST
                 : strcmp(value, "oldest") == 0 ? GZ_ORDER_OLDEST
                 : GZ_ORDER_RELEVANCE;
    else if (strcmp(name, "since") == 0)
        o->since = value;
    else if (strcmp(name, "until") == 0)
        o->until = value;
    else if (strcmp(name, "on") == 0)
        o->on = value;
    else if (strcmp(name, "now") == 0)
        o->now = value;
    else if (strcmp(name, "lang") == 0) {
        for (char *c = value; *c; c++)
            if (*c == ':')
                *c = ',';
        o->lang = value;
    } else if (strcmp(name, "bm25") == 0 && strchr(value, ':')) {
        o->bm25_k1 = strtod(value, NULL);
        o->bm25_b = strtod(strchr(value, ':') + 1, NULL);
    } else
        return -1;
    return 0;
}

/* Run one line (OPTIONS<TAB>QUERY) as query QNUM. */
static int run_line(gz_index *ix, char *line, long qnum)
{
    char *tab = strchr(line, '\t');
    if (!tab) {
        fprintf(stderr, "gz-parity: line %ld has no tab\n", qnum);
        return -1;
    }
    *tab = '\0';
    gz_search_options o;
    gz_search_options_init(&o);
    if (strcmp(line, "-") != 0)
        for (char *name = strtok(line, ","); name; name = strtok(NULL, ","))
            if (set_option(&o, name) != 0) {
                fprintf(stderr, "gz-parity: line %ld: unknown option %s\n",
                        qnum, name);
                return -1;
            }
    gz_results *r = NULL;
    gz_status st = gz_search(ix, tab + 1, &o, &r, NULL);
    if (st != GZ_OK) {
        printf("%ld\terror\t%s\n", qnum, gz_strerror(st));
        return 0;
    }
    for (size_t i = 0; i < gz_results_count(r); i++) {
        const char *snippet = gz_results_snippet(r, i, NULL, NULL);
        const gz_article *a = gz_results_article(r, i);
        printf("%ld\t%zu\t%s\t%.6f\t%lu\t%s\t%s\t%s\t%s\n", qnum,
               o.offset + i + 1, a->id, gz_results_score(r, i),
               gz_results_similar(r, i), snippet ? snippet : "?", a->author,
               a->site, a->url);
    }
    gz_results_free(r);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2 || !gz_version_check(GAZETTE_VERSION_MAJOR,
                                       GAZETTE_VERSION_MINOR)) {
        fprintf(stderr, "usage: gz-parity INDEX < QUERIES\n");
        return 2;
    }
    gz_index *ix = NULL;
    gz_status st = gz_index_open(argv[1], &ix);
    if (st != GZ_OK) {
        fprintf(stderr, "gz-parity: %s: %s\n", gz_strerror(st), gz_last_error());
        return 2;
    }
    char line[20000];
    long qnum = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        rc = run_line(ix, line, ++qnum);
    }
    gz_index_close(ix);
    return rc ? 2 : 0;
}
