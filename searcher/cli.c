/* cli.c - gazette-search's options. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/report.h"
#include "cli.h"
#include "error.h"
#include "stem.h"

static void usage(FILE *f)
{
    fputs(
"Usage: gazette-search [OPTIONS] [--] QUERY... [OPTIONS] [-- QUERY...]\n"
"Search a Gazette index.  Words are all required, stemmed, ranked by BM25.\n"
"Query syntax: \"a phrase\", a NEAR/5 b, OR, AND, NOT, -word, +word, (...),\n"
"word^2 (a boost), title:word, title:(a OR b), source:name, id:ID,\n"
"date:2021-04, date:2021-01..2021-06, immigra* and title:immigra*\n"
"(prefixes), exact:US, exact:\"New Deal\".\n"
"After the query, -n 3, a bundle (-0o ids) and --limit 3 are options; -n3 and\n"
"an unknown -x are refused; other -words are NOT; after --, all are words.\n"
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
"      --now DATE         count relative dates (7d, today, last week) from DATE\n"
"  -f, --format FORMAT    text (default), json (JSON Lines) or tsv\n"
"  -o, --output WHAT      summary (default), ids, files or count\n"
"  -0, --null             end ids and files with NUL (for xargs -0); text\n"
"                         format only\n"
"      --color WHEN       auto (default), always or never\n"
"      --show ID          print the stored article ID and exit\n"
"      --like ID          articles about the same thing as article ID (QUERY,\n"
"                         if given, only restricts them)\n"
"      --histogram PERIOD count the matches per day, week, month or year\n"
"      --terms N          the N terms that most set the matches apart\n"
"      --no-collapse      show every copy of a story (default: one, with\n"
"                         \"+N similar\")\n"
"      --no-suggest       never say \"did you mean\"\n"
"      --lang LANGS       stem the query's words in these languages only\n"
"                         (de,fr; default: every language of the index)\n"
"      --batch            read one query a line from stdin; JSON Lines out\n"
"      --explain          print the parsed query and exit\n"
"      --expand           add the best terms of the first hits to the query\n"
"                         (pseudo-relevance feedback; relevance order only;\n"
"                         default: --any queries whose first hits match well)\n"
"      --no-expand        never add terms of the first hits\n"
"      --bm25 K1,B        BM25 parameters (advanced; default 2.0,0.6)\n"
"  -h, --help             this help\n"
"  -V, --version          print versions and exit\n"
"\n"
"DATE is 2021, 2021-04, 2021-04-06, 2021-W14 (ISO week), 7d/2w/3m/1y or\n"
"\"3 days ago\" (weeks, months, years), today, yesterday, this or last week,\n"
"month or year (weeks run Monday to Sunday); both ends inclusive.  In a\n"
"query quote spaces or use _: date:last_week, date:\"3 days ago\"..today.\n"
"Exit status: 0 some article matched, 1 none did, 2 error.\n", f);
}

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
 * NAME=VALUE, each NAME a public option or a ranking.h setting, VALUE in
 * [LO, HI] (above LO for the BM25 pair and min_normlen, whose 0 the
 * wrapper reads as Xapian's default; a whole number for a count, 0 or 1
 * for a switch).  Options given on the command line win. */
typedef struct ranking_knob {
    const char *name;
    double lo, hi;
    int above;          /* VALUE must be above LO, not LO itself */
    double *real;       /* one of these three */
    unsigned *count;
    int *flag;
} ranking_knob;

static int parse_ranking_env(const char *env, search_request *req)
{
    gz_search_options *o = &req->opts;
    ranking_tuning *t = &req->tune;
    const ranking_knob knobs[] = {
        { "k1", 0, 100, 1, &o->bm25_k1, NULL, NULL },
        { "b", 0, 1, 1, &o->bm25_b, NULL, NULL },
        { "stopwords", 0, 1, 0, NULL, NULL, &o->stopwords },
        { "expand", -1, 1, 0, NULL, NULL, &o->expand },
        { "expand_docs", 0, 1000, 0, NULL, &o->expand_docs, NULL },
        { "expand_terms", 0, 1000, 0, NULL, &o->expand_terms, NULL },
        { "expand_weight", 0, 100, 0, &o->expand_weight, NULL, NULL },
        { "expand_min_match", 0, 1, 0, &t->expand_min_match, NULL, NULL },
        { "proximity", 0, 10, 0, &t->proximity, NULL, NULL },
        { "proximity_window", 2, 100, 0, NULL, &t->proximity_window, NULL },
        { "min_normlen", 0, 1, 1, &t->min_normlen, NULL, NULL },
        { "bm25plus", 0, 10, 0, &t->bm25plus_delta, NULL, NULL },
    };
    const size_t nknobs = sizeof knobs / sizeof knobs[0];
    char item[64];
    const char *p = env;
    while (*p) {
        size_t n = strcspn(p, ",");
        const char *eq = memchr(p, '=', n);
        size_t i = 0;
        char *end;
        if (!eq || n >= sizeof item)
            goto bad;
        for (; i < nknobs; i++)
            if (strlen(knobs[i].name) == (size_t)(eq - p) &&
                strncmp(p, knobs[i].name, (size_t)(eq - p)) == 0)
                break;
        memcpy(item, eq + 1, n - (size_t)(eq - p) - 1);
        item[n - (size_t)(eq - p) - 1] = '\0';
        if (i == nknobs)
            goto bad;
        const ranking_knob *k = &knobs[i];
        errno = 0;
        double v = strtod(item, &end);
        if (errno || end == item || *end || !(v >= k->lo && v <= k->hi) ||
            (k->above && v == k->lo) ||
            (!k->real && v != (double)(long)v))
            goto bad;
        if (k->real)
            *k->real = v;
        else if (k->count)
            *k->count = (unsigned)v;
        else
            *k->flag = (int)v;
        p += n + (p[n] == ',');
    }
    return 0;
bad:
    report_error("GAZETTE_RANKING: '%s' is not NAME=VALUE[,...] with NAME "
                 "k1, b, stopwords, expand, expand_docs, expand_terms, "
                 "expand_weight, expand_min_match, proximity, "
                 "proximity_window, min_normlen or bm25plus and VALUE in its "
                 "range (RANKING.md)", env);
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

/* VALUE's index in NAMES, or -1. */
static int find_name(const char *value, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(value, names[i]) == 0)
            return i;
    return -1;
}

/* One option's value among NAMES; its index in *OUT. */
static int pick(const char *opt, const char *value, const char *const *names,
                int *out)
{
    if ((*out = find_name(value, names)) >= 0)
        return 0;
    char list[128] = "";
    for (int i = 0; names[i]; i++) {
        strcat(list, i ? (names[i + 1] ? ", " : " or ") : "");
        strcat(list, names[i]);
    }
    report_error("%s: '%s' is not %s", opt, value, list);
    return -1;
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

enum { OPT_ANY = 256, OPT_OFFSET, OPT_COLOR, OPT_SINCE, OPT_UNTIL, OPT_ON,
       OPT_NOW, OPT_SHOW, OPT_BATCH, OPT_EXPLAIN, OPT_BM25, OPT_EXPAND, OPT_NO_EXPAND,
       OPT_PARTIAL, OPT_TIMEOUT, OPT_LIKE, OPT_HISTOGRAM, OPT_TERMS,
       OPT_NO_COLLAPSE, OPT_NO_SUGGEST, OPT_LANG };
static const struct option options[] = {
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
    { "no-expand", no_argument, NULL, OPT_NO_EXPAND },
    { "allow-partial", no_argument, NULL, OPT_PARTIAL },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "like", required_argument, NULL, OPT_LIKE },
    { "histogram", required_argument, NULL, OPT_HISTOGRAM },
    { "terms", required_argument, NULL, OPT_TERMS },
    { "no-collapse", no_argument, NULL, OPT_NO_COLLAPSE },
    { "no-suggest", no_argument, NULL, OPT_NO_SUGGEST },
    { "lang", required_argument, NULL, OPT_LANG },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
};
static const char *const sorts[] = { "relevance", "newest", "oldest", NULL };
static const char *const formats[] = { "text", "json", "tsv", NULL };
static const char *const modes[] = { "summary", "ids", "files", "count", NULL };
static const char *const whens[] = { "auto", "always", "never", NULL };
static const char *const periods[] = { "day", "week", "month", "year", NULL };

/* ---- Defaults ------------------------------------------------------------------ */

/* What a run does when no option says otherwise: a plain search as
 * libgazette's (search_options_init()), changed by $GAZETTE_RANKING. */
static int set_defaults(search_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    search_options_init(&cli->req.opts);
    search_tuning_init(&cli->req.tune);
    cli->timeout_ms = SEARCH_DEFAULT_TIMEOUT_MS;
    cli->suggest = 1;
    const char *ranking = getenv("GAZETTE_RANKING");
    if (ranking && *ranking && parse_ranking_env(ranking, &cli->req) != 0)
        return CLI_ERROR;
    return CLI_OK;
}

/* What follows from the options once all are known: WHEN is --color's
 * choice. */
static void settle(search_cli *cli, int when)
{
    if (cli->batch && !cli->format_given && !cli->nul)
        cli->format = OUT_JSON;
    cli->color = when == 1 || (when == 0 && isatty(STDOUT_FILENO) &&
                               !(getenv("NO_COLOR") && getenv("NO_COLOR")[0]));
    if (cli->format != OUT_TEXT)
        cli->color = 0;
    if (cli->mode == MODE_COUNT) {
        cli->req.opts.exact_total = 1;
        cli->req.opts.collapse = 0;     /* counts articles, not stories */
    }
    /* Ids and paths need no body, nor the inflating of one per hit. */
    if (cli->mode == MODE_IDS || cli->mode == MODE_FILES)
        cli->req.head_only = 1;
}

/* ---- Parsing -------------------------------------------------------------------- */

static int add_index(search_cli *cli, const char *dir)
{
    const char **more = realloc(cli->indexes, (cli->nindexes + 1) *
                                sizeof *more);
    if (!more) {
        report_error("out of memory");
        return -1;
    }
    cli->indexes = more;
    cli->indexes[cli->nindexes++] = dir;
    return 0;
}

static int parse_timeout(const char *s, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long ms = strtoul(s, &end, 10);
    if (errno || *end || !*s || s[0] == '-' || ms > 86400000UL) {
        report_error("--timeout: '%s' is not a number of milliseconds (0 to "
                     "86400000)", s);
        return -1;
    }
    *out = (unsigned)ms;
    return 0;
}

static int parse_terms(const char *s, unsigned *out)
{
    if (parse_count("--terms", s, out) != 0)
        return -1;
    if (*out == 0 || *out > 1000) {
        report_error("--terms: '%s' is not a number of terms from 1 to 1000", s);
        return -1;
    }
    return 0;
}

/* An option that changes what is searched (the request): C with its
 * value ARG.  0, -1 after a message, or 1 when C is not one of them. */
static int search_option(int c, const char *arg, search_cli *cli)
{
    gz_search_options *o = &cli->req.opts;
    int choice;
    switch (c) {
    case 'd': return add_index(cli, arg);
    case OPT_PARTIAL: cli->allow_partial = 1; return 0;
    case OPT_TIMEOUT: return parse_timeout(arg, &cli->timeout_ms);
    case OPT_ANY: o->any = 1; return 0;
    case 'n': return parse_count("--limit", arg, &o->limit);
    case OPT_OFFSET: return parse_count("--offset", arg, &o->offset);
    case 's':
        if (pick("--sort", arg, sorts, &choice) != 0)
            return -1;
        o->order = (gz_order)choice;
        return 0;
    /* Dates are kept as text until --now is known. */
    case OPT_SINCE: o->since = arg; return 0;
    case OPT_UNTIL: o->until = arg; return 0;
    case OPT_ON: o->on = arg; return 0;
    case OPT_NOW: o->now = arg; return 0;
    case OPT_BM25: return parse_bm25("--bm25", arg, &o->bm25_k1, &o->bm25_b);
    case OPT_EXPAND: o->expand = GZ_EXPAND_ALWAYS; return 0;
    case OPT_NO_EXPAND: o->expand = GZ_EXPAND_NEVER; return 0;
    case OPT_LIKE: cli->like = arg; return 0;
    case OPT_NO_COLLAPSE: o->collapse = 0; return 0;
    default: return 1;
    }
}

enum { SHOWN_EXIT = 2 };

/* An option that changes what is shown: as search_option(), and
 * SHOWN_EXIT after --help or --version (printed). */
static int show_option(int c, const char *arg, search_cli *cli, int *when)
{
    int choice;
    switch (c) {
    case 'f':
        if (pick("--format", arg, formats, &choice) != 0)
            return -1;
        cli->format = (out_format)choice;
        cli->format_given = 1;
        return 0;
    case 'o':
        if (pick("--output", arg, modes, &choice) != 0)
            return -1;
        cli->mode = (out_mode)choice;
        return 0;
    case '0': cli->nul = 1; return 0;
    case OPT_COLOR: return pick("--color", arg, whens, when);
    case OPT_SHOW: cli->show = arg; return 0;
    case OPT_BATCH: cli->batch = 1; return 0;
    case OPT_EXPLAIN: cli->explain = 1; return 0;
    case OPT_HISTOGRAM:
        if (pick("--histogram", arg, periods, &choice) != 0)
            return -1;
        cli->histogram = 1;
        cli->period = (period_kind)choice;
        return 0;
    case OPT_TERMS: return parse_terms(arg, &cli->terms);
    case OPT_NO_SUGGEST: cli->suggest = 0; return 0;
    case OPT_LANG: cli->req.opts.lang = arg; return 0;
    case 'h': usage(stdout); return SHOWN_EXIT;
    case 'V':
        printf("gazette-search %s (Xapian %s, libstemmer %s)\n",
               GAZETTE_VERSION_STRING, search_xapian_version(),
               stemmer_library_version());
        return SHOWN_EXIT;
    default: usage(stderr); return -1;
    }
}

/* getopt's spelling of the short options; "+": options stop at the first
 * query word, which after_query() takes from there. */
static const char shorts[] = "+d:n:s:f:o:0hV";

/* Whether short option C takes no value (1), takes one (2), or is none (0). */
static int short_kind(char c)
{
    const char *p = c && c != '+' && c != ':' ? strchr(shorts, c) : NULL;
    return !p ? 0 : p[1] == ':' ? 2 : 1;
}

/* The options in ARGV[1..ARGC), up to the first word not an option or
 * option value (at *NEXT after).  CLI_OK, CLI_EXIT_OK or CLI_ERROR. */
static int run_getopt(int argc, char **argv, search_cli *cli, int *when,
                      int *next)
{
    int c, rc;
    optind = 0;                 /* glibc and musl: start over */
    while ((c = getopt_long(argc, argv, shorts, options, NULL)) != -1) {
        if ((rc = search_option(c, optarg, cli)) == 1)
            rc = show_option(c, optarg, cli, when);
        if (rc == SHOWN_EXIT)
            return CLI_EXIT_OK;
        if (rc != 0)
            return CLI_ERROR;
    }
    *next = optind;
    return CLI_OK;
}

/* Whether S could be the value of short option C, so that "-CS" after
 * the query could mean the option as well as the word NOT CS.  Any text
 * can name a folder, so -d is left out: "-dems" is a word. */
static int could_be_value(char c, const char *s)
{
    switch (c) {
    case 'n': return *s && s[strspn(s, "0123456789")] == '\0';
    case 's': return find_name(s, sorts) >= 0;
    case 'f': return find_name(s, formats) >= 0;
    case 'o': return find_name(s, modes) >= 0;
    default: return 0;
    }
}

enum { A_WORD, A_OPTION, A_REFUSED };

/* What ARG is after the first query word (DECISIONS.md, "Options after
 * the query"): a long option spelled out, "-X" or a bundle of short
 * options ("-0o") is A_OPTION, with *NEEDS_VALUE when the next argument
 * is its value; "-n3" (an option or the word NOT n3?) and an unknown "-x"
 * are A_REFUSED, after a message; anything else is a query word. */
static int classify(const char *arg, int *needs_value)
{
    *needs_value = 0;
    if (strncmp(arg, "--", 2) == 0) {
        size_t len = strcspn(arg + 2, "=");
        for (const struct option *op = options; op->name; op++)
            if (strlen(op->name) == len && strncmp(arg + 2, op->name, len) == 0) {
                *needs_value = op->has_arg == required_argument && !arg[2 + len];
                return A_OPTION;
            }
        return A_WORD;
    }
    const char *body = arg + 1;
    if (arg[0] != '-' || !body[0])
        return A_WORD;
    size_t k = 0;
    while (short_kind(body[k]) == 1)
        k++;
    if (!body[k])
        return A_OPTION;
    if (short_kind(body[k]) == 2 && !body[k + 1]) {
        *needs_value = 1;
        return A_OPTION;
    }
    if (short_kind(body[k]) == 2 && could_be_value(body[k], body + k + 1)) {
        report_error("'%s' after the query could be an option or a word: "
                     "write '%.*s %s' for the option or 'NOT %s' for the "
                     "word", arg, (int)k + 2, arg, body + k + 1, body);
        return A_REFUSED;
    }
    if (!body[1] && ((*body >= 'a' && *body <= 'z') ||
                     (*body >= 'A' && *body <= 'Z') ||
                     (*body >= '0' && *body <= '9'))) {
        report_error("'%s' after the query is not an option (see --help): "
                     "write 'NOT %s' for the word", arg, body);
        return A_REFUSED;
    }
    return A_WORD;
}

/* The arguments of ARGV from the first query word (FIRST) on: options
 * among them are taken as if given before it (GNU getopt's permutation,
 * narrowed by classify() so that "-word" stays NOT word); the query words
 * are gathered at ARGV[FIRST...], their number in *N.  After a "--",
 * every argument is a word.  CLI_OK, CLI_EXIT_OK or CLI_ERROR. */
static int after_query(int argc, char **argv, int first, search_cli *cli,
                       int *when, int *n)
{
    int qc = 0, dashdash = first > 1 && strcmp(argv[first - 1], "--") == 0;
    for (int i = first, rc, value, used; i < argc; i++) {
        if (!dashdash && strcmp(argv[i], "--") == 0) {
            dashdash = 1;
            continue;
        }
        int kind = dashdash ? A_WORD : classify(argv[i], &value);
        if (kind == A_REFUSED)
            return CLI_ERROR;
        if (kind == A_WORD) {
            argv[first + qc++] = argv[i];
            continue;
        }
        /* The option (and its value) alone, through getopt as before the
         * query, so both places read an option alike. */
        char *one[] = { argv[0], argv[i], value && i + 1 < argc ?
                        argv[i + 1] : NULL, NULL };
        if ((rc = run_getopt(one[2] ? 3 : 2, one, cli, when, &used)) != CLI_OK)
            return rc;
        i += used - 2;
    }
    *n = qc;
    return CLI_OK;
}

/* ---- Validating ------------------------------------------------------------------ */

/* The options that do not go together. */
static int check_combinations(const search_cli *cli)
{
    const char *whole = cli->histogram ? "--histogram" : cli->terms ? "--terms"
                        : cli->like ? "--like" : NULL;
    if (whole && (cli->show || cli->batch || cli->explain)) {
        report_error("%s does not go with %s", whole, cli->show ? "--show" :
                     cli->batch ? "--batch" : "--explain");
        return -1;
    }
    if ((cli->histogram || cli->terms) && cli->mode != MODE_SUMMARY) {
        report_error("%s does not go with --output %s", whole,
                     modes[cli->mode]);
        return -1;
    }
    if (cli->histogram && cli->terms) {
        report_error("--histogram does not go with --terms");
        return -1;
    }
    return 0;
}

/* The query of the QC words WORDS, as the mode wants one. */
static int take_query(search_cli *cli, char **words, int qc)
{
    if (cli->show || cli->batch) {
        if (qc) {
            report_error("%s takes no QUERY arguments",
                         cli->show ? "--show" : "--batch");
            return -1;
        }
        return 0;
    }
    if (qc == 0 && !cli->like) {
        report_error("no QUERY given (try --help)");
        return -1;
    }
    /* --like alone: every article may be like it. */
    if (!(cli->query = qc ? join_args(words, qc) : strdup("*"))) {
        report_error("out of memory");
        return -1;
    }
    return 0;
}

/* The output options that do not go together. */
static int check_output(const search_cli *cli)
{
    if (cli->nul && cli->mode != MODE_IDS && cli->mode != MODE_FILES) {
        report_error("-0 goes with --output ids or --output files");
        return -1;
    }
    if (cli->nul && cli->format != OUT_TEXT) {
        report_error("-0 ends raw ids and files: it does not go with "
                     "--format %s", cli->format == OUT_JSON ? "json" : "tsv");
        return -1;
    }
    if (cli->batch && cli->format_given && cli->format == OUT_TEXT &&
        cli->mode == MODE_SUMMARY) {
        report_error("--batch writes --format json or tsv");
        return -1;
    }
    return 0;
}

int cli_parse(int argc, char **argv, search_cli *cli)
{
    int when = 0, first, qc, rc;
    if ((rc = set_defaults(cli)) != CLI_OK ||
        (rc = run_getopt(argc, argv, cli, &when, &first)) != CLI_OK ||
        (rc = after_query(argc, argv, first, cli, &when, &qc)) != CLI_OK)
        return rc;
    if (search_request_dates(&cli->req, "--") != GZ_OK) {
        report_error("%s", gz_last_error());
        return CLI_ERROR;
    }
    if (check_combinations(cli) != 0 ||
        take_query(cli, argv + first, qc) != 0 || check_output(cli) != 0)
        return CLI_ERROR;
    settle(cli, when);
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
