/* cli.c - gazette-search's options. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "ranking.h"
#include "schema.h"
#include "signature.h"
#include "stem.h"

static void usage(FILE *f)
{
    fputs(
"Usage: gazette-search [OPTIONS] [--] QUERY...\n"
"Search a Gazette index.  Words are all required, stemmed, ranked by BM25.\n"
"Query syntax: \"a phrase\", a NEAR/5 b, OR, AND, NOT, -word, +word, (...),\n"
"title:word, source:name, id:ID, date:2021-04, date:2021-01..2021-06.\n"
"\n"
"  -d, --index DIR        the index (default $GAZETTE_INDEX, else\n"
"                         ~/.local/share/gazette/index); repeat it to search\n"
"                         shards as one, or give a stub file of shards\n"
"      --allow-partial    search the shards that answer, warn of the others\n"
"      --timeout MS       wait at most MS ms for a remote shard (default\n"
"                         10000; 0: no limit)\n"
"      --any              natural language: rank articles matching any word\n"
"  -n, --limit N          show at most N hits (default 10)\n"
"      --offset N         skip the first N hits\n"
"  -s, --sort ORDER       relevance (default), newest or oldest\n"
"      --since DATE       only articles dated DATE or later\n"
"      --until DATE       only articles dated DATE or earlier\n"
"      --on DATE          only articles dated within DATE\n"
"      --now DATE         count relative dates (7d, 2w, 3m, 1y) back from DATE\n"
"  -f, --format FORMAT    text (default), json (JSON Lines) or tsv\n"
"  -o, --output WHAT      summary (default), ids, files or count\n"
"  -0, --null             end ids and files with NUL (for xargs -0)\n"
"      --color WHEN       auto (default), always or never\n"
"      --show ID          print the stored article ID and exit\n"
"      --like ID          articles about the same thing as article ID (QUERY,\n"
"                         if given, only restricts them)\n"
"      --histogram PERIOD count the matches per day, week, month or year\n"
"      --terms N          the N terms that most set the matches apart\n"
"      --no-collapse      show every copy of a story (default: one, with\n"
"                         \"+N similar\")\n"
"      --no-suggest       never say \"did you mean\"\n"
"      --batch            read one query a line from stdin; JSON Lines out\n"
"      --explain          print the parsed query and exit\n"
"      --expand           add the best terms of the first hits to the query\n"
"                         (pseudo-relevance feedback; relevance order only)\n"
"      --bm25 K1,B        BM25 parameters (advanced; default 2.0,0.5)\n"
"  -h, --help             this help\n"
"  -V, --version          print versions and exit\n"
"\n"
"DATE is 2021, 2021-04, 2021-04-06 or 7d, 2w, 3m, 1y ago; both ends inclusive.\n"
"Exit status: 0 some article matched, 1 none did, 2 error.\n", f);
}

/* The ranking defaults, measured on the judged test collections
 * (RANKING.md; the reasons are in doc/DECISIONS.md "Ranking").  BM25's
 * come from ranking.h, shared with the library's gz_search(). */
#define RANK_BM25_K1 RANKING_BM25_K1
#define RANK_BM25_B RANKING_BM25_B
#define RANK_EXPAND_DOCS 10     /* --expand: feedback articles */
#define RANK_EXPAND_TERMS 20    /* terms added */
#define RANK_EXPAND_WEIGHT 0.25 /* their weight against the query's words */

/* A number in (LO, HI] from S (all of it).  0 on success. */
static int parse_real(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (errno || end == s || *end || !(x > lo && x <= hi))
        return -1;
    *out = x;
    return 0;
}

/* --bm25 K1,B: K1 in (0, 100], B in (0, 1] (0 would mean "Xapian's
 * default" to the wrapper, so it is refused rather than misread). */
static int parse_bm25(const char *opt, const char *s, double *k1, double *b)
{
    char k[64];
    const char *comma = strchr(s, ',');
    double x, y;
    if (!comma || (size_t)(comma - s) >= sizeof k)
        goto bad;
    memcpy(k, s, (size_t)(comma - s));
    k[comma - s] = '\0';
    if (parse_real(k, 0, 100, &x) != 0 || parse_real(comma + 1, 0, 1, &y) != 0)
        goto bad;
    *k1 = x;
    *b = y;
    return 0;
bad:
    report_error("%s: '%s' is not K1,B (K1 above 0 up to 100, B above 0 up "
                 "to 1)", opt, s);
    return -1;
}

/* $GAZETTE_RANKING, for ranking experiments (RANKING.md): comma-separated
 * NAME=VALUE among k1, b, stopwords (0/1), expand (0/1), expand_docs,
 * expand_terms, expand_weight.  Options given on the command line win. */
static int parse_ranking_env(const char *env, search_cli *cli, int *expand,
                             double fb[3])
{
    static const char *const names[] = { "k1", "b", "stopwords", "expand",
        "expand_docs", "expand_terms", "expand_weight", NULL };
    static const double hi[] = { 100, 1, 1, 1, 1000, 1000, 100 };
    char item[64];
    const char *p = env;
    while (*p) {
        size_t n = strcspn(p, ",");
        const char *eq = memchr(p, '=', n);
        int i = 0;
        double v;
        if (!eq || n >= sizeof item)
            goto bad;
        for (; names[i]; i++)
            if (strlen(names[i]) == (size_t)(eq - p) &&
                strncmp(p, names[i], (size_t)(eq - p)) == 0)
                break;
        memcpy(item, eq + 1, n - (size_t)(eq - p) - 1);
        item[n - (size_t)(eq - p) - 1] = '\0';
        if (!names[i] || parse_real(item, i == 2 || i == 3 ? -1 : 0, hi[i], &v) != 0)
            goto bad;
        switch (i) {
        case 0: cli->search.bm25_k1 = v; break;
        case 1: cli->search.bm25_b = v; break;
        case 2: cli->stopwords = v != 0; break;
        case 3: *expand = v != 0; break;
        default: fb[i - 4] = v; break;
        }
        p += n + (p[n] == ',');
    }
    return 0;
bad:
    report_error("GAZETTE_RANKING: '%s' is not NAME=VALUE[,...] with NAME "
                 "k1, b, stopwords, expand, expand_docs, expand_terms or "
                 "expand_weight and VALUE in its range", env);
    return -1;
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

/* One option's value among NAMES; its index in *OUT. */
static int pick(const char *opt, const char *value, const char *const *names,
                int *out)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(value, names[i]) == 0) {
            *out = i;
            return 0;
        }
    char list[128] = "";
    for (int i = 0; names[i]; i++) {
        strcat(list, i ? (names[i + 1] ? ", " : " or ") : "");
        strcat(list, names[i]);
    }
    report_error("%s: '%s' is not %s", opt, value, list);
    return -1;
}

static int parse_date_option(const char *opt, const char *value, int today,
                             int *lo, int *hi)
{
    gz_status st = date_parse_period(value, strlen(value), today, lo, hi, NULL);
    if (st != GZ_OK) {
        report_error("%s: %s", opt, gz_last_error());
        return -1;
    }
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
    char *p = q;
    for (int i = 0; i < argc; i++) {
        if (i)
            *p++ = ' ';
        size_t n = strlen(argv[i]);
        memcpy(p, argv[i], n);
        p += n;
    }
    *p = '\0';
    return q;
}

int cli_parse(int argc, char **argv, search_cli *cli)
{
    enum { OPT_ANY = 256, OPT_OFFSET, OPT_COLOR, OPT_SINCE, OPT_UNTIL, OPT_ON,
           OPT_NOW, OPT_SHOW, OPT_BATCH, OPT_EXPLAIN, OPT_BM25, OPT_EXPAND,
           OPT_PARTIAL, OPT_TIMEOUT, OPT_LIKE, OPT_HISTOGRAM, OPT_TERMS,
           OPT_NO_COLLAPSE, OPT_NO_SUGGEST };
    static const struct option opts[] = {
        { "index", required_argument, NULL, 'd' },
        { "any", no_argument, NULL, OPT_ANY },
        { "limit", required_argument, NULL, 'n' },
        { "offset", required_argument, NULL, OPT_OFFSET },
        { "sort", required_argument, NULL, 's' },
        { "since", required_argument, NULL, OPT_SINCE },
        { "until", required_argument, NULL, OPT_UNTIL },
        { "on", required_argument, NULL, OPT_ON },
        { "now", required_argument, NULL, OPT_NOW },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "null", no_argument, NULL, '0' },
        { "color", required_argument, NULL, OPT_COLOR },
        { "colour", required_argument, NULL, OPT_COLOR },
        { "show", required_argument, NULL, OPT_SHOW },
        { "batch", no_argument, NULL, OPT_BATCH },
        { "explain", no_argument, NULL, OPT_EXPLAIN },
        { "bm25", required_argument, NULL, OPT_BM25 },
        { "expand", no_argument, NULL, OPT_EXPAND },
        { "allow-partial", no_argument, NULL, OPT_PARTIAL },
        { "timeout", required_argument, NULL, OPT_TIMEOUT },
        { "like", required_argument, NULL, OPT_LIKE },
        { "histogram", required_argument, NULL, OPT_HISTOGRAM },
        { "terms", required_argument, NULL, OPT_TERMS },
        { "no-collapse", no_argument, NULL, OPT_NO_COLLAPSE },
        { "no-suggest", no_argument, NULL, OPT_NO_SUGGEST },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    static const char *const sorts[] = { "relevance", "newest", "oldest", NULL };
    static const char *const formats[] = { "text", "json", "tsv", NULL };
    static const char *const modes[] = { "summary", "ids", "files", "count", NULL };
    static const char *const whens[] = { "auto", "always", "never", NULL };
    static const char *const periods[] = { "day", "week", "month", "year", NULL };

    memset(cli, 0, sizeof *cli);
    cli->search.limit = 10;
    cli->search.date_slot = SCHEMA_SLOT_DATE;
    cli->search.id_slot = SCHEMA_SLOT_ID;
    cli->search.order_slot = SCHEMA_SLOT_ORDER;
    cli->search.bm25_k1 = RANK_BM25_K1;
    cli->search.bm25_b = RANK_BM25_B;
    cli->stopwords = 1;
    cli->timeout_ms = 10000;
    cli->suggest = 1;
    cli->search.collapse = 1;
    cli->search.copy_slot = SCHEMA_SLOT_COPY;
    cli->search.sketch_slot = SCHEMA_SLOT_SKETCH;
    cli->search.near_min = SIG_NEAR_MIN;
    int expand = 0;
    double fb[3] = { RANK_EXPAND_DOCS, RANK_EXPAND_TERMS, RANK_EXPAND_WEIGHT };
    const char *ranking = getenv("GAZETTE_RANKING");
    if (ranking && *ranking && parse_ranking_env(ranking, cli, &expand, fb) != 0)
        return CLI_ERROR;
    int when = 0, choice, c;
    /* Date options are kept as text until --now is known. */
    const char *since = NULL, *until = NULL, *on = NULL, *now = NULL;

    /* "+": options stop at the first query word, so a query may hold a
     * "-word" after its first word or after "--". */
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:n:s:f:o:0hV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': {
            const char **more = realloc(cli->indexes, (cli->nindexes + 1) *
                                        sizeof *more);
            if (!more) {
                report_error("out of memory");
                return CLI_ERROR;
            }
            cli->indexes = more;
            cli->indexes[cli->nindexes++] = optarg;
            break;
        }
        case OPT_PARTIAL: cli->allow_partial = 1; break;
        case OPT_TIMEOUT: {
            char *end;
            errno = 0;
            unsigned long ms = strtoul(optarg, &end, 10);
            if (errno || *end || !*optarg || optarg[0] == '-' ||
                ms > 86400000UL) {
                report_error("--timeout: '%s' is not a number of "
                             "milliseconds (0 to 86400000)", optarg);
                return CLI_ERROR;
            }
            cli->timeout_ms = (unsigned)ms;
            break;
        }
        case OPT_ANY: cli->any = 1; break;
        case 'n':
            if (parse_count("--limit", optarg, &cli->search.limit) != 0)
                return CLI_ERROR;
            break;
        case OPT_OFFSET:
            if (parse_count("--offset", optarg, &cli->search.offset) != 0)
                return CLI_ERROR;
            break;
        case 's':
            if (pick("--sort", optarg, sorts, &choice) != 0)
                return CLI_ERROR;
            cli->search.sort = (match_order)choice;
            break;
        case OPT_SINCE: since = optarg; break;
        case OPT_UNTIL: until = optarg; break;
        case OPT_ON: on = optarg; break;
        case OPT_NOW: now = optarg; break;
        case 'f':
            if (pick("--format", optarg, formats, &choice) != 0)
                return CLI_ERROR;
            cli->format = (out_format)choice;
            cli->format_given = 1;
            break;
        case 'o':
            if (pick("--output", optarg, modes, &choice) != 0)
                return CLI_ERROR;
            cli->mode = (out_mode)choice;
            break;
        case '0': cli->nul = 1; break;
        case OPT_COLOR:
            if (pick("--color", optarg, whens, &when) != 0)
                return CLI_ERROR;
            break;
        case OPT_SHOW: cli->show = optarg; break;
        case OPT_BATCH: cli->batch = 1; break;
        case OPT_EXPLAIN: cli->explain = 1; break;
        case OPT_BM25:
            if (parse_bm25("--bm25", optarg, &cli->search.bm25_k1,
                           &cli->search.bm25_b) != 0)
                return CLI_ERROR;
            break;
        case OPT_EXPAND: expand = 1; break;
        case OPT_LIKE: cli->like = optarg; break;
        case OPT_HISTOGRAM:
            if (pick("--histogram", optarg, periods, &choice) != 0)
                return CLI_ERROR;
            cli->histogram = 1;
            cli->period = (period_kind)choice;
            break;
        case OPT_TERMS:
            if (parse_count("--terms", optarg, &cli->terms) != 0)
                return CLI_ERROR;
            if (cli->terms == 0 || cli->terms > 1000) {
                report_error("--terms: '%s' is not a number of terms from 1 "
                             "to 1000", optarg);
                return CLI_ERROR;
            }
            break;
        case OPT_NO_COLLAPSE: cli->search.collapse = 0; break;
        case OPT_NO_SUGGEST: cli->suggest = 0; break;
        case 'h': usage(stdout); return CLI_EXIT_OK;
        case 'V':
            printf("gazette-search %s (Xapian %s, libstemmer %s)\n",
                   GAZETTE_VERSION_STRING, gz_xapian_version(),
                   stemmer_library_version());
            return CLI_EXIT_OK;
        default: usage(stderr); return CLI_ERROR;
        }
    }

    cli->today = date_today();
    if (now) {
        int lo, hi;
        if (parse_date_option("--now", now, cli->today, &lo, &hi) != 0)
            return CLI_ERROR;
        if (lo != hi) {
            report_error("--now: '%s' is not one day (YYYY-MM-DD)", now);
            return CLI_ERROR;
        }
        cli->today = lo;
    }
    int lo, hi;
    if (since) {
        if (parse_date_option("--since", since, cli->today, &lo, &hi) != 0)
            return CLI_ERROR;
        cli->dates.lo = lo;
    }
    if (until) {
        if (parse_date_option("--until", until, cli->today, &lo, &hi) != 0)
            return CLI_ERROR;
        cli->dates.hi = hi;
    }
    if (on) {
        if (parse_date_option("--on", on, cli->today, &lo, &hi) != 0)
            return CLI_ERROR;
        cli->dates = date_range_intersect(cli->dates, (date_range){ lo, hi });
    }
    if (cli->dates.lo && cli->dates.hi && cli->dates.lo > cli->dates.hi) {
        report_error("the date options leave no day: --since is after --until");
        return CLI_ERROR;
    }

    /* A "--" after the first query word still only separates words; an
     * option after the words (before any "--") is a mistake worth naming
     * rather than a query for "since". */
    int qc = 0, dashdash = optind > 1 && strcmp(argv[optind - 1], "--") == 0;
    for (int i = optind; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            dashdash = 1;
            continue;
        }
        if (!dashdash && strncmp(argv[i], "--", 2) == 0) {
            for (const struct option *op = opts; op->name; op++)
                if (strncmp(argv[i] + 2, op->name, strlen(op->name)) == 0 &&
                    (argv[i][2 + strlen(op->name)] == '\0' ||
                     argv[i][2 + strlen(op->name)] == '=')) {
                    report_error("options go before the query: move %s before "
                                 "the words (or put -- before a query that "
                                 "starts with -)", argv[i]);
                    return CLI_ERROR;
                }
        }
        argv[optind + qc++] = argv[i];
    }
    const char *whole = cli->histogram ? "--histogram" : cli->terms ? "--terms"
                        : cli->like ? "--like" : NULL;
    if (whole && (cli->show || cli->batch || cli->explain)) {
        report_error("%s does not go with %s", whole, cli->show ? "--show" :
                     cli->batch ? "--batch" : "--explain");
        return CLI_ERROR;
    }
    if ((cli->histogram || cli->terms) && cli->mode != MODE_SUMMARY) {
        report_error("%s does not go with --output %s", whole,
                     modes[cli->mode]);
        return CLI_ERROR;
    }
    if (cli->histogram && cli->terms) {
        report_error("--histogram does not go with --terms");
        return CLI_ERROR;
    }
    if (cli->like && !schema_id_ok(cli->like)) {
        report_error("--like: '%s' is not an article id", cli->like);
        return CLI_ERROR;
    }
    if (cli->show || cli->batch) {
        if (qc) {
            report_error("%s takes no QUERY arguments",
                         cli->show ? "--show" : "--batch");
            return CLI_ERROR;
        }
    } else if (qc == 0 && cli->like) {
        /* --like alone: every article may be like it. */
        if (!(cli->query = strdup("*"))) {
            report_error("out of memory");
            return CLI_ERROR;
        }
    } else if (qc == 0) {
        report_error("no QUERY given (try --help)");
        return CLI_ERROR;
    } else if (!(cli->query = join_args(argv + optind, qc))) {
        report_error("out of memory");
        return CLI_ERROR;
    }
    if (cli->nul && cli->mode != MODE_IDS && cli->mode != MODE_FILES) {
        report_error("-0 goes with --output ids or --output files");
        return CLI_ERROR;
    }
    if (cli->batch && !cli->format_given)
        cli->format = OUT_JSON;
    if (cli->batch && cli->format == OUT_TEXT && cli->mode == MODE_SUMMARY) {
        report_error("--batch writes --format json or tsv");
        return CLI_ERROR;
    }

    if (expand) {
        cli->search.expand_docs = (unsigned)fb[0];
        cli->search.expand_terms = (unsigned)fb[1];
        cli->search.expand_weight = fb[2];
    }

    cli->color = when == 1 || (when == 0 && isatty(STDOUT_FILENO) &&
                               !(getenv("NO_COLOR") && getenv("NO_COLOR")[0]));
    if (cli->format != OUT_TEXT)
        cli->color = 0;
    if (cli->mode == MODE_COUNT) {
        cli->search.exact_count = 1;
        cli->search.collapse = 0;   /* counts articles, not stories */
    }
    /* Ids and paths need no body, nor the inflating of one per hit. */
    if (cli->mode == MODE_IDS || cli->mode == MODE_FILES)
        cli->search.head_slot = SCHEMA_SLOT_HEAD;
    return CLI_OK;
}

void cli_free(search_cli *cli)
{
    free(cli->query);
    cli->query = NULL;
    free(cli->indexes);
    cli->indexes = NULL;
    cli->nindexes = 0;
}
