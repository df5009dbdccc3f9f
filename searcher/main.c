/* gazette-search - ranked search over a Gazette index.
 *
 * The command line only: the query is parsed by query.c, run through
 * xapian_wrap.h, shown by snippet.c and output.c.  Exit as grep: 0 some
 * match, 1 no match, 2 error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "error.h"
#include "output.h"
#include "query.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "stem.h"
#include "xapian_wrap.h"

enum { EXIT_MATCH = 0, EXIT_NOMATCH = 1, EXIT_ERROR = 2 };

#define SNIPPET_WORDS 30

static void usage(FILE *f)
{
    fputs(
"Usage: gazette-search [OPTIONS] [--] QUERY...\n"
"Search a Gazette index; the words of QUERY (joined with spaces) are all\n"
"required, ranked by BM25, stemmed as at indexing.\n"
"\n"
"  -d, --index DIR        the index (default $GAZETTE_INDEX, else\n"
"                         ~/.local/share/gazette/index)\n"
"      --any              rank articles matching any word, not only all\n"
"  -n, --limit N          show at most N hits (default 10)\n"
"      --offset N         skip the first N hits\n"
"  -f, --format FORMAT    text (default) or json (JSON Lines)\n"
"      --color WHEN       auto (default), always or never\n"
"  -h, --help             this help\n"
"  -V, --version          print versions and exit\n"
"\n"
"Exit status: 0 some article matched, 1 none did, 2 error.\n", f);
}

static int parse_count(const char *opt, const char *s, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long n = strtoul(s, &end, 10);
    if (errno || *end || !*s || s[0] == '-' || n > 100000000UL) {
        report_error("%s: '%s' is not a number of hits", opt, s);
        return -1;
    }
    *out = (unsigned)n;
    return 0;
}

static char *join_args(char **argv, int argc)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *q = malloc(len);
    if (!q)
        return NULL;
    q[0] = '\0';
    for (int i = 0; i < argc; i++) {
        if (i)
            strcat(q, " ");
        strcat(q, argv[i]);
    }
    return q;
}

/* Show where a query failed: the query, a caret under the column. */
static void report_parse_error(const char *query, size_t col)
{
    report_error("%s", gz_last_error());
    fprintf(stderr, "  %s\n  %*s^\n", query, (int)col, "");
}

static int show_hits(gz_hits *hits, const gz_search_opts *so,
                     const gz_query *q, stemmer *st, out_format fmt,
                     int color)
{
    const char **stems = malloc((query_stem_count(q) + 1) * sizeof *stems);
    if (!stems) {
        report_error("out of memory");
        return -1;
    }
    for (size_t i = 0; i < query_stem_count(q); i++)
        stems[i] = query_stem(q, i);
    int rc = 0;
    for (size_t i = 0; i < gz_hits_count(hits) && rc == 0; i++) {
        size_t len;
        const char *data = gz_hits_data(hits, i, &len);
        record rec;
        gz_status s = record_decode(data, len, &rec);
        if (s != GZ_OK) {
            report_status(s, "reading a hit");
            rc = -1;
            break;
        }
        snippet snip;
        s = snippet_make(rec.body, rec.body_len, st, stems,
                         query_stem_count(q), SNIPPET_WORDS, &snip);
        if (s != GZ_OK) {
            record_free(&rec);
            report_status(s, "making a snippet");
            rc = -1;
            break;
        }
        hit_view h = { so->offset + (unsigned)i + 1, gz_hits_score(hits, i),
                       &rec, &snip };
        if (output_hit(stdout, fmt, color, &h) != 0) {
            report_error("writing results: %s", strerror(errno));
            rc = -1;
        }
        snippet_free(&snip);
        record_free(&rec);
    }
    free(stems);
    if (rc == 0 && fflush(stdout) != 0) {
        report_error("writing results: %s", strerror(errno));
        rc = -1;
    }
    return rc;
}

int main(int argc, char **argv)
{
    enum { OPT_ANY = 256, OPT_OFFSET, OPT_COLOR };
    static const struct option opts[] = {
        { "index", required_argument, NULL, 'd' },
        { "any", no_argument, NULL, OPT_ANY },
        { "limit", required_argument, NULL, 'n' },
        { "offset", required_argument, NULL, OPT_OFFSET },
        { "format", required_argument, NULL, 'f' },
        { "color", required_argument, NULL, OPT_COLOR },
        { "colour", required_argument, NULL, OPT_COLOR },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    report_set_program("gazette-search");
    const char *index = NULL;
    int flags = 0, color = isatty(STDOUT_FILENO), c;
    out_format fmt = OUT_TEXT;
    gz_search_opts so = { .limit = 10, .date_slot = SCHEMA_SLOT_DATE };

    /* "+": options stop at the first word, so a query may hold "-word"
     * after "--" or after its first word. */
    while ((c = getopt_long(argc, argv, "+d:n:f:hV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': index = optarg; break;
        case OPT_ANY: flags |= QUERY_ANY; break;
        case 'n':
            if (parse_count("--limit", optarg, &so.limit) != 0)
                return EXIT_ERROR;
            break;
        case OPT_OFFSET:
            if (parse_count("--offset", optarg, &so.offset) != 0)
                return EXIT_ERROR;
            break;
        case 'f':
            if (strcmp(optarg, "text") == 0)
                fmt = OUT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                fmt = OUT_JSON;
            else {
                report_error("--format: '%s' is not text or json", optarg);
                return EXIT_ERROR;
            }
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "always") == 0)
                color = 1;
            else if (strcmp(optarg, "never") == 0)
                color = 0;
            else if (strcmp(optarg, "auto") == 0)
                color = isatty(STDOUT_FILENO);
            else {
                report_error("--color: '%s' is not auto, always or never",
                             optarg);
                return EXIT_ERROR;
            }
            break;
        case 'h': usage(stdout); return EXIT_MATCH;
        case 'V':
            printf("gazette-search %s (Xapian %s, libstemmer)\n",
                   GAZETTE_VERSION_STRING, gz_xapian_version());
            return EXIT_MATCH;
        default: usage(stderr); return EXIT_ERROR;
        }
    }
    /* A "--" after the first query word still only separates words. */
    int qc = 0;
    for (int i = optind; i < argc; i++)
        if (strcmp(argv[i], "--") != 0)
            argv[optind + qc++] = argv[i];
    if (qc == 0) {
        report_error("no QUERY given (try --help)");
        return EXIT_ERROR;
    }
    if (fmt == OUT_JSON)
        color = 0;
    if (getenv("NO_COLOR") && getenv("NO_COLOR")[0] && color == isatty(1))
        color = 0;

    int status = EXIT_ERROR;
    char *default_index = NULL, *text = NULL, *language = NULL;
    gz_db *db = NULL;
    stemmer *st = NULL;
    gz_query *q = NULL;
    gz_hits *hits = NULL;
    gz_status s;

    if (!index && !(index = default_index = config_default_index())) {
        report_error("no index given: use -d DIR or set GAZETTE_INDEX");
        goto done;
    }
    if (!(text = join_args(argv + optind, qc))) {
        report_error("out of memory");
        goto done;
    }
    if ((s = gz_db_open(index, &db)) != GZ_OK) {
        if (s == GZ_ENOTFOUND)
            report_error("%s: no index there (build one with gazette-index "
                         "-d %s CORPUS...)", index, index);
        else
            report_status(s, index);
        goto done;
    }
    if ((s = schema_db_language(db, &language)) != GZ_OK ||
        (s = stemmer_new(language, &st)) != GZ_OK ||
        (s = schema_check_db(db, st)) != GZ_OK) {
        report_status(s, index);
        goto done;
    }
    size_t col = 0;
    if ((s = query_parse(text, st, flags, &q, &col)) != GZ_OK) {
        if (s == GZ_EPARSE)
            report_parse_error(text, col);
        else
            report_status(s, "query");
        goto done;
    }
    if ((s = gz_db_search(db, query_tree(q), &so, &hits)) != GZ_OK) {
        report_status(s, index);
        goto done;
    }
    if (show_hits(hits, &so, q, st, fmt, color) != 0)
        goto done;
    status = gz_hits_total(hits, NULL, NULL) > 0 ? EXIT_MATCH : EXIT_NOMATCH;

done:
    gz_hits_free(hits);
    query_free(q);
    stemmer_free(st);
    gz_db_close(db);
    free(language);
    free(text);
    free(default_index);
    return status;
}
