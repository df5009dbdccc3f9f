/* test_corpus.c - the corpus reader over small files written here.
 *
 * Every file is made in a fresh mkdtemp() directory; the seed article is
 * read from ../shared (or $GAZETTE_SHARED) when it is there, else from an
 * inline copy of its first lines. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <utf8proc.h>
#include <zlib.h>

#include "corpus.h"

#define MAX_PROBLEMS 64
#define MAX_ARTICLES 512

typedef struct problem {
    long line;
    long long offset;
    problem_kind kind;
    char message[512];
} problem;

typedef struct copied_article {
    char *id, *date, *title, *source, *url, *author, *site, *body;
    char *lang;
    size_t body_len;
    long line;
} copied_article;

/* Everything one file gave: the articles (copied, since the reader's
 * strings die with the next call), the problems and the last return. */
typedef struct result {
    copied_article a[MAX_ARTICLES];
    int n;
    problem p[MAX_PROBLEMS];
    int np;
    int rc;
    unsigned warnings, rejected;
} result;

static char dir[] = "/tmp/gz-test-corpus-XXXXXX";
static char path_buf[4096];

static void on_problem(void *ctx, const char *path, long line,
                       long long offset, problem_kind kind,
                       const char *message)
{
    result *res = ctx;
    assert_non_null(path);
    assert_non_null(message);
    if (res->np < MAX_PROBLEMS) {
        problem *p = &res->p[res->np];
        p->line = line;
        p->offset = offset;
        p->kind = kind;
        snprintf(p->message, sizeof p->message, "%s", message);
    }
    res->np++;
}

static char *copy(const char *s)
{
    char *c;
    if (!s)
        return NULL;
    c = strdup(s);
    assert_non_null(c);
    return c;
}

/* Independent of the reader's own validator. */
static int valid_utf8(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (n > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)n, &cp);
        if (k <= 0 || cp == 0)
            return 0;
        p += k;
        n -= (size_t)k;
    }
    return 1;
}

static void check_string(const char *s)
{
    assert_non_null(s);
    assert_true(valid_utf8(s, strlen(s)));
}

/* What the piece [START, END) of PATH gives (corpus_set_range()); the
 * whole file with START 0 and END -1. */
static result *read_range(const char *path, long long start, long long end)
{
    result *res = calloc(1, sizeof *res);
    corpus_reader *r;
    article a;

    assert_non_null(res);
    assert_int_equal(corpus_open(path, on_problem, res, &r), GZ_OK);
    if (start > 0 || end >= 0)
        assert_int_equal(corpus_set_range(r, start, end), GZ_OK);
    while ((res->rc = corpus_next(r, &a)) == 1) {
        copied_article *c;
        assert_true(res->n < MAX_ARTICLES);
        check_string(a.id);
        check_string(a.title);
        check_string(a.source);
        check_string(a.url);
        check_string(a.author);
        check_string(a.site);
        check_string(a.body);
        if (a.date)
            check_string(a.date);
        /* A lang.h code: 2 or 3 lower-case letters. */
        if (a.lang)
            assert_true(strlen(a.lang) >= 2 && strlen(a.lang) <= 3 &&
                        strspn(a.lang, "abcdefghijklmnopqrstuvwxyz") ==
                            strlen(a.lang));
        assert_int_equal(strlen(a.body), a.body_len);
        c = &res->a[res->n++];
        c->id = copy(a.id);
        c->date = copy(a.date);
        c->title = copy(a.title);
        c->source = copy(a.source);
        c->url = copy(a.url);
        c->author = copy(a.author);
        c->site = copy(a.site);
        c->body = copy(a.body);
        c->lang = copy(a.lang);
        c->body_len = a.body_len;
        c->line = a.line;
    }
    /* The end, once reached, stays. */
    assert_int_equal(corpus_next(r, &a), res->rc);
    res->warnings = corpus_warnings(r);
    res->rejected = corpus_rejected(r);
    corpus_close(r);
    assert_int_equal(res->warnings + res->rejected, (unsigned)res->np);
    return res;
}

static result *read_path(const char *path)
{
    return read_range(path, 0, -1);
}

static void free_result(result *res)
{
    for (int i = 0; i < res->n; i++) {
        copied_article *c = &res->a[i];
        free(c->id);
        free(c->date);
        free(c->title);
        free(c->source);
        free(c->url);
        free(c->author);
        free(c->site);
        free(c->body);
        free(c->lang);
    }
    free(res);
}

static const char *write_file(const char *name, const void *data, size_t n)
{
    FILE *f;
    snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
    f = fopen(path_buf, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path_buf;
}

static const char *write_text(const char *name, const char *text)
{
    return write_file(name, text, strlen(text));
}

static const char *write_gz(const char *name, const void *data, size_t n)
{
    gzFile g;
    snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
    g = gzopen(path_buf, "wb");
    assert_non_null(g);
    if (n > 0)
        assert_int_equal(gzwrite(g, data, (unsigned)n), (int)n);
    assert_int_equal(gzclose(g), Z_OK);
    return path_buf;
}

static result *read_text(const char *name, const char *text)
{
    return read_path(write_text(name, text));
}

static void assert_problem(const result *res, int i, problem_kind kind,
                           long line, const char *message_part)
{
    assert_true(i < res->np && i < MAX_PROBLEMS);
    assert_int_equal(res->p[i].kind, kind);
    assert_int_equal(res->p[i].line, line);
    if (!strstr(res->p[i].message, message_part))
        fail_msg("problem %d: \"%s\" lacks \"%s\"", i, res->p[i].message,
                 message_part);
}

/* ---- article files ----------------------------------------------------- */

static const char seed_title[] =
    "The U.S. has publicly raised the threat of a joint boycott of the 2022 "
    "Winter Olympics in China with its allies and partners, State "
    "Department spokesperson Ned Price said during a press conference on "
    "Tuesday.";

static const char seed_head[] =
    " date 2021-04-06 The U.S. has publicly raised the threat of a joint "
    "boycott of the 2022 Winter Olympics in China with its allies and "
    "partners, State Department spokesperson Ned Price said during a press "
    "conference on Tuesday.\n"
    "\n"
    "Why it matters: An Olympics boycott by the U.S. and its allies could "
    "help persuade the International Criminal Court to open an "
    "investigation into Beijing's actions in Xinjiang, human rights lawyer "
    "Djaouida Siaci tells Axios' Bethany Allen-Ebrahimian.\n"
    "\n"
    "China retaliated with sanctions against the U.S., U.K., EU and "
    "Canadian officials.\n"
    "\n";

static void test_seed_shape_date_and_first_paragraph(void **state)
{
    const char *shared = getenv("GAZETTE_SHARED");
    const char *name = "axios-2021-04-06-olympics-boycott.txt";
    char seed[4096];
    const char *last;
    result *res;

    (void)state;
    snprintf(seed, sizeof seed, "%s/corpus/seed/%s",
             shared ? shared : "../shared", name);
    if (access(seed, R_OK) == 0) {
        res = read_path(seed);
        last = "Olympics sponsors.";
    } else {
        res = read_text(name, seed_head);
        last = "Canadian officials.";
    }

    assert_int_equal(res->rc, 0);
    assert_int_equal(res->np, 0);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->a[0].id, "axios-2021-04-06-olympics-boycott");
    assert_string_equal(res->a[0].date, "2021-04-06");
    assert_int_equal(strlen(seed_title), 208);
    assert_string_equal(res->a[0].title, seed_title);
    assert_int_equal(res->a[0].line, 1);
    /* The first paragraph is the body's, followed by the next one. */
    assert_memory_equal(res->a[0].body, seed_title, strlen(seed_title));
    assert_memory_equal(res->a[0].body + strlen(seed_title),
                        "\n\nWhy it matters: ", 17);
    assert_true(strlen(res->a[0].body) > 500);
    assert_string_equal(res->a[0].body + res->a[0].body_len - strlen(last),
                        last);
    assert_string_equal(res->a[0].source, "");
    assert_string_equal(res->a[0].url, "");
    assert_null(res->a[0].lang);
    free_result(res);
}

static void test_title_line_shape(void **state)
{
    result *res;

    (void)state;
    res = read_text("reut-00001.txt",
                    "date 1987-02-26\n"
                    "title BAHIA COCOA REVIEW\n"
                    "\n"
                    "SALVADOR, Feb 26 - Showers continued.\n"
                    "\n"
                    "The dry period means the temporao will be late.\n");
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->np, 0);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->a[0].id, "reut-00001");
    assert_string_equal(res->a[0].date, "1987-02-26");
    assert_string_equal(res->a[0].title, "BAHIA COCOA REVIEW");
    assert_string_equal(res->a[0].body,
                        "SALVADOR, Feb 26 - Showers continued.\n\n"
                        "The dry period means the temporao will be late.");
    assert_int_equal(res->a[0].line, 1);
    free_result(res);
}

static void test_title_is_first_sentence_not_acronym_period(void **state)
{
    result *res;

    (void)state;
    res = read_text("a.txt", "date 2020-01-01\n\nThe U.S. and the U.K. "
                             "met Mr. Smith on Monday. Then more.\n");
    assert_int_equal(res->np, 0);
    assert_string_equal(res->a[0].title,
                        "The U.S. and the U.K. met Mr. Smith on Monday.");
    free_result(res);

    res = read_text("b.txt", "date 2020-01-01\n\n\"Will it end?\" he "
                             "asked. No.\n");
    assert_string_equal(res->a[0].title, "\"Will it end?\"");
    free_result(res);

    /* No end of sentence in the first paragraph: all of it (the shape of
     * the untitled Reuters items). */
    res = read_text("c.txt", "date 1987-03-26\n\nVOLCKER REAFFIRMS G -6 "
                             "NEGOTIATING PROCESS\n\nWASHINGTON, March 26 - "
                             "Federal Reserve Board Chairman.\n");
    assert_string_equal(res->a[0].title,
                        "VOLCKER REAFFIRMS G -6 NEGOTIATING PROCESS");
    free_result(res);

    res = read_text("d.txt", "date 2020-01-01\n\n3.5 percent rose.\n");
    assert_string_equal(res->a[0].title, "3.5 percent rose.");
    free_result(res);
}

static void test_long_first_sentence_cut_at_word_with_ellipsis(void **state)
{
    char text[2048] = "date 2020-01-01\n\n";
    result *res;
    size_t n;

    (void)state;
    for (int i = 0; i < 60; i++)
        strcat(text, "word ");
    strcat(text, "end.\n");
    res = read_text("long.txt", text);
    n = strlen(res->a[0].title);
    assert_true(n <= CORPUS_TITLE_MAX_BYTES);
    assert_true(n > CORPUS_TITLE_MAX_BYTES - 10);
    assert_string_equal(res->a[0].title + n - 7, "word\xE2\x80\xA6");
    assert_memory_equal(res->a[0].title, "word word ", 10);
    free_result(res);
}

/* A first sentence with no space to cut at is cut before a character,
 * never inside one: the title stays valid UTF-8. */
static void test_long_first_sentence_without_space_cut_at_character(
    void **state)
{
    static const char *const chars[] = { "\xC3\xA9", "\xF0\x9F\x98\x80" };
    (void)state;
    for (size_t k = 0; k < sizeof chars / sizeof *chars; k++) {
        char text[2048] = "date 2020-01-01\n\n";
        size_t clen = strlen(chars[k]);
        for (int i = 0; i < 150; i++)
            strcat(text, chars[k]);
        strcat(text, ".\n");
        result *res = read_text("nospace.txt", text);
        const char *t = res->a[0].title;
        size_t n = strlen(t);
        assert_true(n <= CORPUS_TITLE_MAX_BYTES);
        assert_string_equal(t + n - 3, "\xE2\x80\xA6");
        /* Whole characters only, as many as fit before the ellipsis. */
        assert_int_equal((n - 3) % clen, 0);
        assert_true(n - 3 + clen > CORPUS_TITLE_MAX_BYTES - 3);
        for (size_t i = 0; i < n - 3; i += clen)
            assert_memory_equal(t + i, chars[k], clen);
        free_result(res);
    }
}

static void test_headers_any_order(void **state)
{
    result *res;

    (void)state;
    res = read_text("x.txt.gz",
                    "date 2020-05-01\n"
                    "url https://example.org/a\n"
                    "id my-id\n"
                    "source  Axios \n"
                    "title A title\n"
                    "\n"
                    "Body text.\n");
    assert_int_equal(res->np, 0);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->a[0].id, "my-id");
    assert_string_equal(res->a[0].date, "2020-05-01");
    assert_string_equal(res->a[0].url, "https://example.org/a");
    assert_string_equal(res->a[0].source, "Axios");
    assert_string_equal(res->a[0].title, "A title");
    assert_string_equal(res->a[0].body, "Body text.");
    free_result(res);

    /* The headers end at the first line that is not one; it is body. */
    res = read_text("y.txt", "date 2020-05-01\ntitle T\nSome body.\n"
                             "title not a header\n");
    assert_string_equal(res->a[0].title, "T");
    assert_string_equal(res->a[0].body, "Some body.\ntitle not a header");
    free_result(res);
}

/* author and site: header lines of an article file; site is the url's
 * host, lower-cased, unless given. */
static void test_author_and_site_headers(void **state)
{
    result *res;

    (void)state;
    res = read_text("x.txt",
                    "date 2020-05-01\n"
                    "author Jane Doe\n"
                    "url https://www.Example.ORG:8443/a\n"
                    "\n"
                    "Body text.\n");
    assert_int_equal(res->np, 0);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->a[0].author, "Jane Doe");
    assert_string_equal(res->a[0].site, "www.example.org");
    assert_string_equal(res->a[0].url, "https://www.Example.ORG:8443/a");
    free_result(res);

    res = read_text("y.txt", "date 2020-05-02\nsite News.example.com.\n"
                             "url https://www.example.org/b\n\nBody.\n");
    assert_string_equal(res->a[0].site, "news.example.com");
    assert_string_equal(res->a[0].author, "");
    free_result(res);

    res = read_text("z.txt", "date 2020-05-02\n\nNo url, no site.\n");
    assert_string_equal(res->a[0].site, "");
    assert_string_equal(res->a[0].author, "");
    free_result(res);
}

/* JSON Lines: "author" a string or an array of strings (joined with
 * ", "); "site" a host, else the url's; a site that is no host name is
 * replaced by the url's host, with a warning. */
static void test_jsonl_author_and_site(void **state)
{
    result *res;

    (void)state;
    res = read_text("x.jsonl",
        "{\"id\": \"a\", \"date\": \"2020-01-02\", \"body\": \"b\", "
        "\"author\": \"Jane Doe\", \"url\": \"https://www.BBC.co.uk/n/1\"}\n"
        "{\"id\": \"b\", \"date\": \"2020-01-02\", \"body\": \"b\", "
        "\"author\": [\"Jane Doe\", 7, \"\", \"John\\u0000Smith\"], "
        "\"site\": \"bbc.co.uk\", \"url\": \"https://www.bbc.co.uk/n/2\"}\n"
        "{\"id\": \"c\", \"date\": \"2020-01-02\", \"body\": \"b\", "
        "\"site\": \"BBC News\", \"url\": \"http://user@Host.example:80\"}\n"
        "{\"id\": \"d\", \"date\": \"2020-01-02\", \"body\": \"b\", "
        "\"author\": {\"name\": \"x\"}, \"url\": \"not a url\"}\n");
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 4);
    assert_string_equal(res->a[0].author, "Jane Doe");
    assert_string_equal(res->a[0].site, "www.bbc.co.uk");
    assert_string_equal(res->a[1].author, "Jane Doe, John\xef\xbf\xbdSmith");
    assert_string_equal(res->a[1].site, "bbc.co.uk");
    assert_string_equal(res->a[2].author, "");
    assert_string_equal(res->a[2].site, "host.example");
    assert_string_equal(res->a[3].author, "");
    assert_string_equal(res->a[3].site, "");
    assert_int_equal(res->rejected, 0);
    assert_problem(res, 0, PROBLEM_WARNING, 2, "\\u0000 replaced");
    assert_problem(res, 1, PROBLEM_WARNING, 3, "site 'BBC News' is not a "
                                               "host name");
    assert_problem(res, 2, PROBLEM_WARNING, 4, "field \"author\" is not a "
                                               "string");
    assert_int_equal(res->np, 3);
    free_result(res);
}

static void test_no_date_is_warning_and_indexed(void **state)
{
    result *res;

    (void)state;
    res = read_text("nodate.txt", "\n\n  Just a body. More text.\n");
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 1);
    assert_null(res->a[0].date);
    assert_int_equal(res->a[0].line, 3);
    assert_string_equal(res->a[0].title, "Just a body.");
    assert_string_equal(res->a[0].body, "Just a body. More text.");
    assert_int_equal(res->np, 1);
    assert_int_equal(res->warnings, 1);
    assert_problem(res, 0, PROBLEM_WARNING, 3, "no date line");
    free_result(res);

    /* "date" followed by prose is not a date line. */
    res = read_text("prose.txt", "date night was fun.\n");
    assert_null(res->a[0].date);
    assert_string_equal(res->a[0].body, "date night was fun.");
    assert_problem(res, 0, PROBLEM_WARNING, 1, "no date line");
    free_result(res);

    /* Headers without a date line. */
    res = read_text("h.txt", "title Hello\nsource Me\n\nBody.\n");
    assert_null(res->a[0].date);
    assert_string_equal(res->a[0].title, "Hello");
    assert_string_equal(res->a[0].source, "Me");
    assert_string_equal(res->a[0].body, "Body.");
    assert_int_equal(res->np, 1);
    free_result(res);
}

static void test_impossible_date_is_warning(void **state)
{
    result *res;

    (void)state;
    res = read_text("bad.txt", "\ndate 2021-02-30\ntitle X\n\nBody.\n");
    assert_int_equal(res->n, 1);
    assert_null(res->a[0].date);
    assert_string_equal(res->a[0].title, "X");
    assert_int_equal(res->np, 1);
    assert_problem(res, 0, PROBLEM_WARNING, 2, "invalid date '2021-02-30'");
    free_result(res);
}

static void test_leap_years_and_old_dates(void **state)
{
    static const struct { const char *date; int ok; } cases[] = {
        {"2020-02-29", 1}, {"2000-02-29", 1}, {"1900-02-29", 0},
        {"2021-02-29", 0}, {"1789-04-30", 1}, {"0001-01-01", 1},
        {"9999-12-31", 1}, {"0000-01-01", 0}, {"2021-13-01", 0},
        {"2021-04-31", 0}, {"2021-4-06", 0},  {"2021/04/06", 0},
        {"2021-04-00", 0}, {"20210-04-06", 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[128];
        result *res;
        snprintf(text, sizeof text, "date %s\n\nBody.\n", cases[i].date);
        res = read_text("d.txt", text);
        assert_int_equal(res->n, 1);
        if (cases[i].ok) {
            assert_non_null(res->a[0].date);
            assert_string_equal(res->a[0].date, cases[i].date);
            assert_int_equal(res->np, 0);
        } else {
            if (res->a[0].date)
                fail_msg("%s accepted", cases[i].date);
            assert_problem(res, 0, PROBLEM_WARNING, 1, "invalid date");
        }
        free_result(res);
    }
}

static void test_id_from_file_name(void **state)
{
    static const struct { const char *name, *id; } cases[] = {
        {"reut-00001.txt.gz", "reut-00001"}, {"a.b.txt", "a.b"},
        {"noext", "noext"}, {".hidden", ".hidden"}, {"X.TXT.GZ", "X"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        result *res = read_text(cases[i].name, "date 2020-01-01\n\nB.\n");
        assert_string_equal(res->a[0].id, cases[i].id);
        free_result(res);
    }
}

static void test_binary_file_rejected(void **state)
{
    static const char data[] = "date 2020-01-01\n\nabc\0def\n";
    char big[9000];
    result *res;

    (void)state;
    res = read_path(write_file("bin.txt", data, sizeof data - 1));
    assert_int_equal(res->rc, -1);
    assert_int_equal(res->n, 0);
    assert_int_equal(res->np, 1);
    assert_int_equal(res->rejected, 1);
    assert_int_equal(res->p[0].kind, PROBLEM_REJECTED);
    assert_int_equal(res->p[0].offset, 20);
    assert_string_equal(res->p[0].message,
                        "binary file (NUL byte at offset 20)");
    free_result(res);

    /* The same inside gzip: offsets are of the uncompressed bytes. */
    res = read_path(write_gz("bin.txt.gz", data, sizeof data - 1));
    assert_int_equal(res->rc, -1);
    assert_int_equal(res->p[0].offset, 20);
    free_result(res);

    /* A NUL past the first 8 KiB is only a bad byte. */
    memset(big, 'a', sizeof big);
    memcpy(big, "date 2020-01-01\n\n", 17);
    big[8500] = '\0';
    res = read_path(write_file("late.txt", big, sizeof big));
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 1);
    assert_non_null(strstr(res->a[0].body, "a\xEF\xBF\xBD" "a"));
    assert_problem(res, 0, PROBLEM_WARNING, 3, "NUL byte replaced");
    free_result(res);
}

static void test_invalid_utf8_replaced_with_warning(void **state)
{
    result *res;

    (void)state;
    res = read_text("u.txt", "date 2020-01-01\n"
                             "title Caf\xE9 \xE2\x82\n"
                             "\n"
                             "Fine.\n\nbad \xFF\xFE here \xED\xA0\x80.\n");
    assert_int_equal(res->n, 1);
    assert_int_equal(res->np, 1);
    assert_problem(res, 0, PROBLEM_WARNING, 2,
                   "invalid UTF-8 replaced with U+FFFD");
    assert_int_equal(res->p[0].offset, 25);
    /* One U+FFFD per maximal invalid subpart. */
    assert_string_equal(res->a[0].title, "Caf\xEF\xBF\xBD \xEF\xBF\xBD");
    assert_string_equal(res->a[0].body,
                        "Fine.\n\nbad \xEF\xBF\xBD\xEF\xBF\xBD here "
                        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.");
    free_result(res);
}

static void test_crlf_stripped(void **state)
{
    result *res;

    (void)state;
    res = read_text("crlf.txt", "date 2020-01-01\r\ntitle T\r\n\r\n"
                                "Para one.\r\n\r\nPara two.\r\n");
    assert_int_equal(res->np, 0);
    assert_string_equal(res->a[0].date, "2020-01-01");
    assert_string_equal(res->a[0].title, "T");
    assert_string_equal(res->a[0].body, "Para one.\n\nPara two.");
    free_result(res);

    /* Also on the path that repairs UTF-8. */
    res = read_text("crlf2.txt", "date 2020-01-01\r\n\r\nA\xFF.\r\nB.\r\n");
    assert_string_equal(res->a[0].body, "A\xEF\xBF\xBD.\nB.");
    assert_problem(res, 0, PROBLEM_WARNING, 3, "invalid UTF-8");
    free_result(res);

    res = read_text("crlf.jsonl", "{\"id\":\"a\",\"date\":\"2020-01-01\"}\r\n"
                                  "\r\n{\"id\":\"b\"}\r\n");
    assert_int_equal(res->n, 2);
    assert_string_equal(res->a[1].id, "b");
    assert_int_equal(res->a[1].line, 3);
    free_result(res);
}

static void test_empty_file_gives_no_article(void **state)
{
    static const char *const names[] = {"e.txt", "e.jsonl", "e.txt.gz"};
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        result *res = read_path(write_gz(names[i], "", 0));
        assert_int_equal(res->rc, 0);
        assert_int_equal(res->n, 0);
        assert_int_equal(res->np, 0);
        free_result(res);
        res = read_text(names[i], "");
        assert_int_equal(res->rc, 0);
        assert_int_equal(res->n, 0);
        assert_int_equal(res->np, 0);
        free_result(res);
        res = read_text(names[i], " \n\t\n\n");
        assert_int_equal(res->rc, 0);
        assert_int_equal(res->n, 0);
        assert_int_equal(res->np, 0);
        free_result(res);
    }
}

static void test_bom_skipped(void **state)
{
    result *res;

    (void)state;
    res = read_text("bom.txt", "\xEF\xBB\xBF" "date 2020-01-01\ntitle T\n\nB.\n");
    assert_int_equal(res->np, 0);
    assert_string_equal(res->a[0].date, "2020-01-01");
    assert_string_equal(res->a[0].title, "T");
    free_result(res);

    res = read_text("bom.jsonl", "\xEF\xBB\xBF{\"id\":\"a\",\"date\":"
                                 "\"2020-01-01\"}\n{\"id\":\"b\",\"date\":"
                                 "\"2020-01-02\"}\n");
    assert_int_equal(res->np, 0);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->a[0].id, "a");
    free_result(res);

    /* Only at the very start. */
    res = read_text("bom2.jsonl", "{\"id\":\"a\",\"date\":\"2020-01-01\"}\n"
                                  "\xEF\xBB\xBF{\"id\":\"b\"}\n");
    assert_int_equal(res->n, 1);
    assert_problem(res, 0, PROBLEM_REJECTED, 2, "invalid JSON");
    free_result(res);
}

static void test_truncated_article_file_rejected(void **state)
{
    char text[20000] = "date 2020-01-01\n\n";
    unsigned x = 12345;
    result *res;
    FILE *f;
    char gz[30000];
    size_t n;

    (void)state;
    /* Text that does not compress to nothing, so half the file is half
     * the stream. */
    for (size_t i = strlen(text); i < sizeof text - 1; i++) {
        x = x * 1103515245u + 12345u;
        text[i] = (char)('a' + (x >> 16) % 26);
    }
    text[sizeof text - 1] = '\0';
    write_gz("t.txt.gz", text, strlen(text));
    f = fopen(path_buf, "rb");
    assert_non_null(f);
    n = fread(gz, 1, sizeof gz, f);
    assert_true(n > 1000 && n < sizeof gz);
    fclose(f);
    res = read_path(write_file("cut.txt.gz", gz, n / 2));
    assert_int_equal(res->rc, -1);
    assert_int_equal(res->n, 0);
    assert_int_equal(res->np, 1);
    assert_int_equal(res->p[0].kind, PROBLEM_REJECTED);
    assert_true(res->p[0].offset > 0 &&
                res->p[0].offset < (long long)strlen(text));
    assert_non_null(strstr(res->p[0].message, "truncated gzip"));
    free_result(res);
}

/* ---- JSON Lines -------------------------------------------------------- */

static void test_jsonl_fields_and_missing_id(void **state)
{
    result *res;

    (void)state;
    res = read_text("x.jsonl",
        "{\"id\": \"a1\", \"date\": \"2020-01-02\", \"title\": \"T\", "
        "\"body\": \"B\\n\\nC\", \"source\": \"S\", \"url\": \"U\", "
        "\"extra\": [1, 2]}\n"
        "{\"date\": \"2020-01-03\", \"title\": \"No id\", \"body\": \"x\"}\n"
        "{\"id\": \"a3\", \"date\": \"2020-01-04\", \"title\": 7, "
        "\"source\": null, \"body\": \"First. Second.\"}\n"
        "{\"id\": \"a4\", \"title\": \"t\", \"body\": \"b\"}\n"
        "{\"id\": \"a5\", \"date\": \"1987-02-29\", \"title\": \"\", "
        "\"body\": \"Only one\"}\n");
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 5);

    assert_string_equal(res->a[0].id, "a1");
    assert_string_equal(res->a[0].date, "2020-01-02");
    assert_string_equal(res->a[0].title, "T");
    assert_string_equal(res->a[0].body, "B\n\nC");
    assert_int_equal(res->a[0].body_len, 4);
    assert_string_equal(res->a[0].source, "S");
    assert_string_equal(res->a[0].url, "U");
    assert_int_equal(res->a[0].line, 1);

    assert_string_equal(res->a[1].id, "x.jsonl:2");
    assert_string_equal(res->a[1].title, "No id");
    assert_string_equal(res->a[1].source, "");
    assert_int_equal(res->a[1].line, 2);

    assert_string_equal(res->a[2].title, "First.");
    assert_string_equal(res->a[2].source, "");
    assert_string_equal(res->a[3].id, "a4");
    assert_null(res->a[3].date);
    assert_null(res->a[4].date);
    assert_string_equal(res->a[4].title, "Only one");

    assert_int_equal(res->np, 3);
    assert_int_equal(res->warnings, 3);
    assert_problem(res, 0, PROBLEM_WARNING, 3, "field \"title\" is not a "
                                               "string");
    assert_problem(res, 1, PROBLEM_WARNING, 4, "no date");
    assert_problem(res, 2, PROBLEM_WARNING, 5, "invalid date '1987-02-29'");
    free_result(res);
}

static void test_jsonl_bad_line_rejected_rest_read(void **state)
{
    static const char nul_line[] = "{\"id\": \"n\0\"}\n{\"id\": \"after\"}\n";
    result *res;

    (void)state;
    res = read_text("bad.ndjson",
                    "{\"id\": \"a\", \"date\": \"2020-01-01\"}\n"
                    "{\"id\": \"b\", \n"
                    "\n"
                    "   \n"
                    "[1, 2]\n"
                    "{\"id\": \"e\", \"date\": \"2020-01-05\"}\n"
                    "{\"id\": \"f\"} trailing\n"
                    "{\"id\": \"g\", \"date\": \"2020-01-07\"}");
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 3);
    assert_string_equal(res->a[0].id, "a");
    assert_int_equal(res->a[0].line, 1);
    assert_string_equal(res->a[1].id, "e");
    assert_int_equal(res->a[1].line, 6);
    assert_string_equal(res->a[2].id, "g");
    assert_int_equal(res->a[2].line, 8);
    assert_int_equal(res->np, 3);
    assert_int_equal(res->rejected, 3);
    assert_problem(res, 0, PROBLEM_REJECTED, 2, "invalid JSON: ");
    assert_non_null(strstr(res->p[0].message, "(column "));
    assert_problem(res, 1, PROBLEM_REJECTED, 5, "not a JSON object");
    assert_problem(res, 2, PROBLEM_REJECTED, 7, "invalid JSON: ");
    free_result(res);

    /* A raw NUL rejects its line only. */
    res = read_path(write_file("nul.jsonl", nul_line, sizeof nul_line - 1));
    assert_int_equal(res->n, 1);
    assert_string_equal(res->a[0].id, "after");
    assert_problem(res, 0, PROBLEM_REJECTED, 1, "NUL byte");
    assert_int_equal(res->p[0].offset, 9);
    assert_problem(res, 1, PROBLEM_WARNING, 2, "no date");
    free_result(res);
}

static void test_jsonl_invalid_utf8_and_nul_escape(void **state)
{
    result *res;

    (void)state;
    res = read_text("u.jsonl",
                    "{\"id\": \"a\", \"date\": \"2020-01-01\", "
                    "\"title\": \"Caf\xE9\", \"body\": \"x\\u0000y\"}\n"
                    "{\"id\": \"b\", \"date\": \"2020-01-01\", "
                    "\"body\": \"\xC0\xAF\"}\n");
    assert_int_equal(res->n, 2);
    assert_string_equal(res->a[0].title, "Caf\xEF\xBF\xBD");
    assert_string_equal(res->a[0].body, "x\xEF\xBF\xBDy");
    assert_int_equal(res->a[0].body_len, 5);
    assert_string_equal(res->a[1].body, "\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(res->np, 3);
    assert_problem(res, 0, PROBLEM_WARNING, 1, "invalid UTF-8 replaced");
    assert_problem(res, 1, PROBLEM_WARNING, 1, "\\u0000 replaced");
    assert_problem(res, 2, PROBLEM_WARNING, 2, "invalid UTF-8 replaced");
    free_result(res);
}

static void test_jsonl_gz_equals_plain(void **state)
{
    char text[8192] = "";
    result *plain, *gz;
    char plain_path[4096];

    (void)state;
    for (int i = 0; i < 40; i++) {
        char line[256];
        snprintf(line, sizeof line,
                 "{\"id\": \"id-%d\", \"date\": \"2020-02-%02d\", "
                 "\"title\": \"Title %d\", \"body\": \"Body %d.\\n\\nMore.\", "
                 "\"source\": \"S%d\"}\n", i, i % 28 + 1, i, i, i % 3);
        strcat(text, line);
    }
    snprintf(plain_path, sizeof plain_path, "%s", write_text("p.jsonl", text));
    plain = read_path(plain_path);
    gz = read_path(write_gz("p.jsonl.gz", text, strlen(text)));
    assert_int_equal(plain->n, 40);
    assert_int_equal(gz->n, 40);
    assert_int_equal(plain->np, 0);
    assert_int_equal(gz->np, 0);
    for (int i = 0; i < 40; i++) {
        assert_string_equal(plain->a[i].id, gz->a[i].id);
        assert_string_equal(plain->a[i].date, gz->a[i].date);
        assert_string_equal(plain->a[i].title, gz->a[i].title);
        assert_string_equal(plain->a[i].body, gz->a[i].body);
        assert_string_equal(plain->a[i].source, gz->a[i].source);
        assert_int_equal(plain->a[i].line, gz->a[i].line);
    }
    free_result(plain);
    free_result(gz);

    /* Gzip is known by content, whatever the name says. */
    gz = read_path(write_gz("p.jsonl", text, strlen(text)));
    assert_int_equal(gz->n, 40);
    free_result(gz);
}

static void test_truncated_gzip_keeps_complete_articles_and_reports_offset(
    void **state)
{
    enum { LINES = 300 };
    static char text[LINES * 200];
    static char gz[sizeof text];
    size_t starts[LINES + 1], n, len = 0;
    unsigned x = 1;
    result *res;
    FILE *f;

    (void)state;
    for (int i = 0; i < LINES; i++) {
        starts[i] = len;
        len += (size_t)sprintf(text + len, "{\"id\": \"a%d\", \"date\": "
                               "\"2020-01-01\", \"body\": \"", i);
        for (int k = 0; k < 120; k++) {     /* random letters: little
                                               compression */
            x = x * 1103515245u + 12345u;
            text[len++] = (char)('a' + (x >> 16) % 26);
        }
        len += (size_t)sprintf(text + len, "\"}\n");
    }
    starts[LINES] = len;
    write_gz("whole.jsonl.gz", text, len);
    f = fopen(path_buf, "rb");
    assert_non_null(f);
    n = fread(gz, 1, sizeof gz, f);
    fclose(f);
    res = read_path(write_file("cut.jsonl.gz", gz, n / 2));

    assert_int_equal(res->rc, -1);
    assert_true(res->n > 10 && res->n < LINES);
    for (int i = 0; i < res->n; i++) {
        char id[16];
        snprintf(id, sizeof id, "a%d", i);
        assert_string_equal(res->a[i].id, id);
        assert_int_equal(res->a[i].body_len, 120);
        assert_int_equal(res->a[i].line, i + 1);
    }
    /* One rejection, at the line that broke, naming an offset inside it. */
    assert_int_equal(res->np, 1);
    assert_int_equal(res->rejected, 1);
    assert_problem(res, 0, PROBLEM_REJECTED, res->n + 1,
                   "truncated gzip stream");
    assert_true(res->p[0].offset >= (long long)starts[res->n]);
    assert_true(res->p[0].offset < (long long)starts[res->n + 1]);
    {
        char expect[64];
        snprintf(expect, sizeof expect, "uncompressed byte %lld",
                 res->p[0].offset);
        assert_non_null(strstr(res->p[0].message, expect));
    }
    free_result(res);
}

static void test_jsonl_overlong_line_rejected_next_read(void **state)
{
    const size_t big = CORPUS_MAX_ARTICLE_BYTES + 1000;
    char *text = malloc(big + 100);
    result *res;
    size_t n = 0;

    (void)state;
    assert_non_null(text);
    n += (size_t)sprintf(text, "{\"id\": \"first\"}\n{\"id\": \"x\", \"body\": \"");
    memset(text + n, 'x', big);
    n += big;
    n += (size_t)sprintf(text + n, "\"}\n{\"id\": \"last\"}\n");
    /* Plain: gzip would squeeze the run of 'x' a thousand times and make
     * it a gzip bomb (the next test). */
    res = read_path(write_file("big.jsonl", text, n));
    free(text);
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->a[0].id, "first");
    assert_string_equal(res->a[1].id, "last");
    assert_int_equal(res->a[1].line, 3);
    assert_int_equal(res->rejected, 1);
    assert_problem(res, 1, PROBLEM_REJECTED, 2, "line longer than 16 MiB");
    assert_int_equal(res->p[1].offset, 16);
    free_result(res);
}

/* Gzip data that expands past CORPUS_GZIP_MAX_RATIO times the file's size
 * stops the reader there: the lines before are read, the rest is one
 * rejection naming the limit, and no more than the limit is ever read. */
static void test_gzip_bomb_stops_at_ratio_limit(void **state)
{
    /* 40 MiB of blank lines after two articles: gzip makes it about 40 KiB,
     * a thousandfold, so the limit is the floor (16 MiB + 1). */
    const size_t blank = (size_t)40 << 20;
    const char head[] = "{\"id\": \"a1\", \"date\": \"2020-01-01\"}\n"
                        "{\"id\": \"a2\", \"date\": \"2020-01-01\"}\n";
    const char tail[] = "{\"id\": \"never\", \"date\": \"2020-01-01\"}\n";
    size_t n = sizeof head - 1;
    char *text = malloc(n + blank + sizeof tail);
    result *res;

    (void)state;
    assert_non_null(text);
    memcpy(text, head, n);
    memset(text + n, '\n', blank);
    n += blank;
    memcpy(text + n, tail, sizeof tail - 1);
    n += sizeof tail - 1;
    res = read_path(write_gz("bomb.jsonl.gz", text, n));
    free(text);
    assert_int_equal(res->rc, -1);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->a[0].id, "a1");
    assert_string_equal(res->a[1].id, "a2");
    assert_int_equal(res->np, 1);
    assert_int_equal(res->rejected, 1);
    assert_int_equal(res->p[0].kind, PROBLEM_REJECTED);
    assert_non_null(strstr(res->p[0].message, "gzip bomb"));
    assert_int_equal(res->p[0].offset,
                     (long long)CORPUS_MAX_ARTICLE_BYTES + 1);
    free_result(res);
}

/* Text compresses a few times: far from the ratio, read whole even past
 * the floor of the limit (16 MiB). */
static void test_gzip_of_text_is_no_bomb(void **state)
{
    enum { LINES = 400, BODY = 50000 };
    size_t n = 0;
    char *text = malloc((size_t)LINES * (BODY + 64));
    unsigned x = 7;
    result *res;

    (void)state;
    assert_non_null(text);
    for (int i = 0; i < LINES; i++) {
        n += (size_t)sprintf(text + n, "{\"id\": \"a%d\", \"body\": \"", i);
        for (int k = 0; k < BODY; k++) {
            x = x * 1103515245u + 12345u;
            text[n++] = (char)('a' + (x >> 16) % 26);
        }
        n += (size_t)sprintf(text + n, "\"}\n");
    }
    assert_true(n > CORPUS_MAX_ARTICLE_BYTES);
    res = read_path(write_gz("text.jsonl.gz", text, n));
    free(text);
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, LINES);
    assert_int_equal(res->rejected, 0);
    free_result(res);
}

/* Every class of invalid UTF-8, each between two letters: the number of
 * U+FFFD is the number of maximal invalid subparts (Unicode 3.9, D93b),
 * in an article file and in a JSON line alike. */
static void test_every_invalid_utf8_class_replaced(void **state)
{
    static const struct { const char *bytes; int fffd; } cls[] = {
        { "\xC0\xAF", 2 },             /* overlong 2-byte '/' */
        { "\xC1\xBF", 2 },             /* overlong 2-byte */
        { "\xE0\x80\xAF", 3 },         /* overlong 3-byte */
        { "\xF0\x80\x80\xAF", 4 },     /* overlong 4-byte */
        { "\xED\xA0\x80", 3 },         /* UTF-16 high surrogate */
        { "\xED\xBF\xBF", 3 },         /* UTF-16 low surrogate */
        { "\xC3", 1 },                 /* truncated 2-byte */
        { "\xE2\x82", 1 },             /* truncated 3-byte */
        { "\xF0\x9F\x98", 1 },         /* truncated 4-byte */
        { "\xF5", 1 }, { "\xFE", 1 }, { "\xFF", 1 },   /* never in UTF-8 */
        { "\x80", 1 }, { "\xBF\x80", 2 },               /* lone continuations */
        { "\xF4\x90\x80\x80", 4 },     /* past U+10FFFF */
    };
    char text[128], want[128], json[256];
    result *res;

    (void)state;
    for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++) {
        size_t w = 0;
        snprintf(text, sizeof text, "date 2020-01-01\n\nx%sy\n", cls[i].bytes);
        want[w++] = 'x';
        for (int k = 0; k < cls[i].fffd; k++, w += 3)
            memcpy(want + w, "\xEF\xBF\xBD", 3);
        want[w++] = 'y';
        want[w] = '\0';
        res = read_text("c.txt", text);
        assert_int_equal(res->n, 1);
        if (strcmp(res->a[0].body, want) != 0)
            fail_msg("class %zu: body %s", i, res->a[0].body);
        assert_int_equal(res->np, 1);
        assert_problem(res, 0, PROBLEM_WARNING, 3, "invalid UTF-8 replaced");
        assert_int_equal(res->p[0].offset, 18);
        free_result(res);

        snprintf(json, sizeof json, "{\"id\": \"a\", \"date\": \"2020-01-01\", "
                 "\"body\": \"x%sy\"}\n", cls[i].bytes);
        res = read_text("c.jsonl", json);
        assert_int_equal(res->n, 1);
        if (strcmp(res->a[0].body, want) != 0)
            fail_msg("class %zu in JSON: body %s", i, res->a[0].body);
        assert_problem(res, 0, PROBLEM_WARNING, 1, "invalid UTF-8 replaced");
        free_result(res);
    }
}

/* A NUL byte in the first 8 KiB makes an article file binary (rejected);
 * past them it is replaced like invalid UTF-8. */
static void test_nul_past_the_binary_probe_is_replaced(void **state)
{
    size_t n = 0;
    char *text = malloc(9000);
    result *res;

    (void)state;
    assert_non_null(text);
    n += (size_t)sprintf(text, "date 2020-01-01\n\n");
    memset(text + n, 'a', 8300 - n);
    n = 8300;
    memcpy(text + n, "\nb\0c\n", 6);
    n += 6;
    res = read_path(write_file("nul.txt", text, n));
    free(text);
    assert_int_equal(res->n, 1);
    assert_non_null(strstr(res->a[0].body, "\nb\xEF\xBF\xBD" "c"));
    assert_problem(res, 0, PROBLEM_WARNING, 4, "NUL byte replaced");
    assert_int_equal(res->p[0].offset, 8302);
    free_result(res);
}

/* JavaScript writes a string cut inside a surrogate pair as a lone
 * "\ud83d": U+FFFD and a warning, not a rejected line; a pair, an escaped
 * backslash and the other escapes are left alone. */
static void test_jsonl_lone_surrogate_escapes_replaced(void **state)
{
    result *res;

    (void)state;
    res = read_text("s.jsonl",
        "{\"id\": \"a\", \"date\": \"2020-01-01\", \"title\": \"cut \\ud83d\", "
        "\"body\": \"lo \\udc00 pair \\ud83d\\ude00 esc \\\\ud800 \\n \\u00e9 "
        "end \\uD800\"}\n"
        "{\"id\": \"b\", \"date\": \"2020-01-01\", \"body\": \"fine\"}\n");
    assert_int_equal(res->n, 2);
    assert_string_equal(res->a[0].title, "cut \xEF\xBF\xBD");
    assert_string_equal(res->a[0].body,
                        "lo \xEF\xBF\xBD pair \xF0\x9F\x98\x80 esc \\ud800 \n "
                        "\xC3\xA9 end \xEF\xBF\xBD");
    assert_string_equal(res->a[1].id, "b");
    assert_int_equal(res->rejected, 0);
    assert_int_equal(res->np, 1);
    assert_problem(res, 0, PROBLEM_WARNING, 1,
                   "3 lone UTF-16 surrogate escapes replaced with U+FFFD");
    free_result(res);
}

/* JSON nested 100,000 deep is refused by the parser's depth limit (no
 * stack overflow); the next line is read. */
static void test_jsonl_deep_nesting_rejected_next_read(void **state)
{
    enum { DEEP = 100000 };
    char *text = malloc(2 * DEEP + 100);
    size_t n = 0;
    result *res;

    (void)state;
    assert_non_null(text);
    memset(text, '[', DEEP);
    memset(text + DEEP, ']', DEEP);
    n = 2 * DEEP;
    n += (size_t)sprintf(text + n, "\n{\"id\": \"ok\", \"date\": \"2020-01-01\"}\n");
    res = read_path(write_file("deep.jsonl", text, n));
    free(text);
    assert_int_equal(res->n, 1);
    assert_string_equal(res->a[0].id, "ok");
    assert_problem(res, 0, PROBLEM_REJECTED, 1, "maximum parsing depth");
    free_result(res);
}

/* ---- names and opening ------------------------------------------------- */

/* Append what PIECE gave to ALL (ids, lines and problems, in order). */
static void add_piece(result *all, const result *piece)
{
    for (int i = 0; i < piece->n; i++) {
        assert_true(all->n < MAX_ARTICLES);
        all->a[all->n].id = copy(piece->a[i].id);
        all->a[all->n++].line = piece->a[i].line;
    }
    for (int i = 0; i < piece->np && all->np < MAX_PROBLEMS; i++)
        all->p[all->np++] = piece->p[i];
}

/* Pieces [0, C1), [C1, C2), [C2, end) of PATH give what the whole file
 * gives, in order: each line once, at its line number. */
static void assert_pieces_are_whole(const char *path, const result *whole,
                                    long long c1, long long c2)
{
    result *all = calloc(1, sizeof *all);
    long long cuts[] = { 0, c1, c2, -1 };
    assert_non_null(all);
    for (int k = 0; k < 3; k++) {
        result *piece = read_range(path, cuts[k], cuts[k + 1]);
        add_piece(all, piece);
        free_result(piece);
    }
    if (all->n != whole->n || all->np != whole->np)
        fail_msg("cut at %lld, %lld: %d articles, %d problems, not %d, %d",
                 c1, c2, all->n, all->np, whole->n, whole->np);
    for (int i = 0; i < whole->n; i++) {
        assert_string_equal(all->a[i].id, whole->a[i].id);
        assert_int_equal(all->a[i].line, whole->a[i].line);
    }
    for (int i = 0; i < whole->np; i++) {
        assert_int_equal(all->p[i].line, whole->p[i].line);
        assert_string_equal(all->p[i].message, whole->p[i].message);
    }
    free_result(all);
}

/* Every way of cutting a file in three pieces, plain and gzip: a line
 * starting at a cut is the later piece's, lines without an id keep the
 * id of their line number, an invalid line is reported once. */
static void test_jsonl_pieces_give_the_whole_file(void **state)
{
    (void)state;
    static const char text[] =
        "\xEF\xBB\xBF{\"id\":\"a\",\"body\":\"x\"}\n"
        "{\"body\":\"no id\"}\r\n"
        "\n"
        "  \r\n"
        "{\"id\":\"bad\"\n"
        "{\"id\":\"a\",\"body\":\"again\"}\n"
        "{\"id\":\"b\",\"body\":\"last\"}";
    long long n = (long long)strlen(text);
    for (int gz = 0; gz < 2; gz++) {
        char path[4096];
        snprintf(path, sizeof path, "%s", gz ? write_gz("p.jsonl.gz", text, (size_t)n)
                                             : write_text("p.jsonl", text));
        result *whole = read_path(path);
        assert_int_equal(whole->n, 4);
        assert_string_equal(whole->a[1].id, gz ? "p.jsonl.gz:2" : "p.jsonl:2");
        assert_int_equal(whole->np, 5);     /* 4 without a date, 1 invalid */
        for (long long c1 = 0; c1 <= n + 1; c1++)
            for (long long c2 = c1; c2 <= n + 1; c2 += gz ? 7 : 1)
                assert_pieces_are_whole(path, whole, c1, c2);
        free_result(whole);
    }
}

static void test_range_only_for_json_lines_not_yet_read(void **state)
{
    (void)state;
    corpus_reader *r;
    article a;
    assert_int_equal(corpus_open(write_text("x.txt", "date 2020-01-01\n\nbody\n"),
                                 NULL, NULL, &r), GZ_OK);
    assert_int_equal(corpus_set_range(r, 1, -1), GZ_EINVAL);
    corpus_close(r);
    assert_int_equal(corpus_open(write_text("x.jsonl", "{\"id\":\"a\"}\n"),
                                 NULL, NULL, &r), GZ_OK);
    assert_int_equal(corpus_next(r, &a), 1);
    assert_int_equal(corpus_set_range(r, 1, -1), GZ_EINVAL);
    corpus_close(r);
}

static void test_is_jsonl_by_name(void **state)
{
    (void)state;
    assert_true(corpus_is_jsonl("a.jsonl"));
    assert_true(corpus_is_jsonl("dir/a.NDJSON"));
    assert_true(corpus_is_jsonl("a.jsonl.gz"));
    assert_true(corpus_is_jsonl("a.ndjson.GZ"));
    assert_false(corpus_is_jsonl("a.json"));
    assert_false(corpus_is_jsonl("a.txt.gz"));
    assert_false(corpus_is_jsonl("jsonl"));
    assert_false(corpus_is_jsonl("dir/.jsonl.txt"));
}

static void test_open_missing_or_directory_is_eio(void **state)
{
    corpus_reader *r = (corpus_reader *)1;
    char missing[4200];

    (void)state;
    snprintf(missing, sizeof missing, "%s/none.txt", dir);
    assert_int_equal(corpus_open(missing, NULL, NULL, &r), GZ_EIO);
    assert_null(r);
    assert_non_null(strstr(gz_last_error(), "No such file"));
    assert_int_equal(corpus_open(dir, NULL, NULL, &r), GZ_EIO);
    assert_non_null(strstr(gz_last_error(), "is a directory"));
}

/* ---- set-up ------------------------------------------------------------ */

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    char cmd[sizeof dir + 16];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Both readers finish an article by the same rules (finish_article()):
 * one article written as an article file and as a JSON line gives the
 * same fields, the same title from its first sentence when it has none,
 * and the same date check. */
static void test_both_readers_give_the_same_article(void **state)
{
    static const struct {
        const char *file, *jsonl, *warning, *date;
    } cases[] = {
        { "date 2021-04-06\ntitle Fed holds\nsource Wire\nurl http://u\n"
          "id fed-1\n\nThe Fed held rates.\n\nMore.\n",
          "{\"id\": \"fed-1\", \"date\": \"2021-04-06\", \"title\": "
          "\"Fed holds\", \"source\": \"Wire\", \"url\": \"http://u\", "
          "\"body\": \"The Fed held rates.\\n\\nMore.\"}\n", NULL,
          "2021-04-06" },
        /* No title: the first sentence, past "Mr." and "U.S.". */
        { "date 2000-02-29\nid leap\n\nMr. Smith met U.S. envoys. Then "
          "more.\n\nNext.\n",
          "{\"id\": \"leap\", \"date\": \"2000-02-29\", \"body\": "
          "\"Mr. Smith met U.S. envoys. Then more.\\n\\nNext.\"}\n", NULL,
          "2000-02-29" },
        /* Not a real day: undated, with the same warning. */
        { "date 2021-02-29\nid bad\n\nA narwhal.\n",
          "{\"id\": \"bad\", \"date\": \"2021-02-29\", \"body\": "
          "\"A narwhal.\"}\n", "invalid date '2021-02-29'", NULL },
        { "date 1900-02-29\nid bad\n\nA narwhal.\n",
          "{\"id\": \"bad\", \"date\": \"1900-02-29\", \"body\": "
          "\"A narwhal.\"}\n", "invalid date '1900-02-29'", NULL },
        /* No date at all. */
        { "id none\ntitle Quokka\n\nA quokka.\n",
          "{\"id\": \"none\", \"title\": \"Quokka\", \"body\": "
          "\"A quokka.\"}\n", "no date", NULL },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        result *f = read_text("same.txt", cases[i].file);
        result *j = read_text("same.jsonl", cases[i].jsonl);
        assert_int_equal(f->n, 1);
        assert_int_equal(j->n, 1);
        const copied_article *x = &f->a[0], *y = &j->a[0];
        assert_string_equal(x->id, y->id);
        assert_string_equal(x->title, y->title);
        assert_string_equal(x->source, y->source);
        assert_string_equal(x->url, y->url);
        assert_string_equal(x->body, y->body);
        assert_int_equal(x->body_len, y->body_len);
        if (cases[i].date) {
            assert_non_null(x->date);
            assert_non_null(y->date);
            assert_string_equal(x->date, cases[i].date);
            assert_string_equal(y->date, cases[i].date);
        } else {
            assert_null(x->date);    /* not a real day: undated */
            assert_null(y->date);
        }
        assert_int_equal(f->np, cases[i].warning ? 1 : 0);
        assert_int_equal(j->np, f->np);
        if (cases[i].warning) {
            assert_int_equal(f->p[0].kind, PROBLEM_WARNING);
            assert_int_equal(j->p[0].kind, PROBLEM_WARNING);
            assert_non_null(strstr(f->p[0].message, cases[i].warning));
            assert_non_null(strstr(j->p[0].message, cases[i].warning));
        }
        free_result(f);
        free_result(j);
    }
    /* The first sentence, as the title, for the case that had none. */
    result *j = read_text("title.jsonl", cases[1].jsonl);
    assert_string_equal(j->a[0].title, "Mr. Smith met U.S. envoys.");
    assert_string_equal(j->a[0].date, "2000-02-29");
    free_result(j);
}

/* ---- declared languages ------------------------------------------------- */

/* Article I of RES is of language CODE (NULL: none). */
static void assert_lang(const result *res, int i, const char *code)
{
    assert_true(i < res->n);
    if (!code)
        assert_null(res->a[i].lang);
    else {
        assert_non_null(res->a[i].lang);
        assert_string_equal(res->a[i].lang, code);
    }
}

/* Junk tags in pages, feeds and archives are never warned of. */
static void assert_no_lang_problem(const result *res)
{
    for (int k = 0; k < res->np && k < MAX_PROBLEMS; k++)
        assert_null(strstr(res->p[k].message, "language"));
}

/* The file NAME holding TEXT gives one article, of language CODE (NULL:
 * none), and no word about its language. */
static void assert_one_silent_lang(const char *name, const char *text,
                                   const char *code)
{
    result *res = read_text(name, text);
    assert_int_equal(res->n, 1);
    assert_lang(res, 0, code);
    assert_no_lang_problem(res);
    free_result(res);
}

/* JSON Lines: "lang", else "language"; a tag lang_code() rejects is a
 * warning at its line and the article is read without a language; "und"
 * and "" say none without a warning. */
static void test_jsonl_lang_member(void **state)
{
    (void)state;
    result *res = read_text(
        "lang.jsonl",
        "{\"id\": \"de\", \"date\": \"2020-01-01\", \"lang\": \"de\", \"body\": \"Haus.\"}\n"
        "{\"id\": \"pt\", \"date\": \"2020-01-01\", \"language\": \"pt_BR\", \"body\": \"Casa.\"}\n"
        "{\"id\": \"zh\", \"date\": \"2020-01-01\", \"lang\": \"zh-Hant-TW\", \"body\": \"x\"}\n"
        "{\"id\": \"und\", \"date\": \"2020-01-01\", \"lang\": \"und\", \"body\": \"x\"}\n"
        "{\"id\": \"empty\", \"date\": \"2020-01-01\", \"lang\": \"\", \"body\": \"x\"}\n"
        "{\"id\": \"bad\", \"date\": \"2020-01-01\", \"lang\": \"klingon!\", \"body\": \"Qapla.\"}\n"
        "{\"id\": \"both\", \"date\": \"2020-01-01\", \"lang\": \"es\", \"language\": \"fr\", \"body\": \"x\"}\n"
        "{\"id\": \"empty-lang\", \"date\": \"2020-01-01\", \"lang\": \"\", \"language\": \"French\", \"body\": \"x\"}\n"
        "{\"id\": \"none\", \"date\": \"2020-01-01\", \"body\": \"x\"}\n"
        "{\"id\": \"priv\", \"date\": \"2020-01-01\", \"lang\": \"x-klingon\", \"body\": \"x\"}\n"
        "{\"id\": \"num\", \"date\": \"2020-01-01\", \"lang\": 7, \"body\": \"x\"}\n");
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 11);
    assert_lang(res, 0, "de");
    assert_lang(res, 1, "pt");
    assert_lang(res, 2, "zh");
    assert_lang(res, 3, NULL);
    assert_lang(res, 4, NULL);
    assert_lang(res, 5, NULL);
    assert_string_equal(res->a[5].id, "bad");    /* still read */
    assert_lang(res, 6, "es");
    assert_lang(res, 7, "fr");
    assert_lang(res, 8, NULL);
    assert_lang(res, 9, NULL);
    assert_lang(res, 10, NULL);
    assert_int_equal(res->np, 2);
    assert_problem(res, 0, PROBLEM_WARNING, 6, "invalid language 'klingon!'");
    assert_problem(res, 1, PROBLEM_WARNING, 11, "\"lang\" is not a string");
    free_result(res);
}

/* An article file's "lang" line is a header like "title": anywhere among
 * the header lines, warned of at its own line when it names no
 * language.  After the seed's one-line date it is body text. */
static void test_article_file_lang_line(void **state)
{
    (void)state;
    result *res = read_text("de.txt", "date 2021-04-06\ntitle Haus\n"
                                      "lang de-AT\n\nDie Häuser.\n");
    assert_int_equal(res->np, 0);
    assert_lang(res, 0, "de");
    assert_string_equal(res->a[0].title, "Haus");
    assert_string_equal(res->a[0].body, "Die Häuser.");
    free_result(res);

    res = read_text("first.txt", "lang zh-Hant-TW\ndate 2021-04-06\n\n台灣。\n");
    assert_int_equal(res->np, 0);
    assert_lang(res, 0, "zh");
    assert_string_equal(res->a[0].date, "2021-04-06");
    free_result(res);

    res = read_text("bad.txt", "date 2021-04-06\ntitle Qapla\n"
                               "lang tlhIngan Hol\n\nQapla.\n");
    assert_int_equal(res->n, 1);
    assert_lang(res, 0, NULL);
    assert_string_equal(res->a[0].body, "Qapla.");
    assert_int_equal(res->np, 1);
    assert_problem(res, 0, PROBLEM_WARNING, 3,
                   "invalid language 'tlhIngan Hol'");
    free_result(res);

    res = read_text("und.txt", "date 2021-04-06\nlang und\n\nText.\n");
    assert_int_equal(res->np, 0);
    assert_lang(res, 0, NULL);
    free_result(res);

    /* The seed's shape: the date line carries the first paragraph, so
     * the headers end there and "lang" below is body. */
    res = read_text("seed.txt", "lang en\ndate 2021-04-06 The U.S. spoke.\n"
                                "lang de\n");
    assert_int_equal(res->np, 0);
    assert_lang(res, 0, "en");
    assert_string_equal(res->a[0].body, "The U.S. spoke.\nlang de");
    free_result(res);

    /* Prose that starts with the word is no header when it is not at the
     * top. */
    res = read_text("prose.txt", "date 2021-04-06\n\nlang is a word.\n");
    assert_lang(res, 0, NULL);
    assert_string_equal(res->a[0].body, "lang is a word.");
    free_result(res);
}

/* A page's language: <html lang>, else Content-Language (of a list, the
 * first), else og:locale, the first that names a language; junk is
 * passed over without a word. */
static void test_page_declared_lang(void **state)
{
    static const struct {
        const char *head, *code;
    } cases[] = {
        {"<html lang=\"es-ES\"><head><meta http-equiv=\"Content-Language\" "
         "content=\"de\"></head>", "es"},
        {"<html lang=\"und\"><head><meta http-equiv=\"Content-Language\" "
         "content=\"de, en\"><meta property=\"og:locale\" content=\"fr_FR\">"
         "</head>", "de"},
        {"<html lang=\"!!\"><head><meta http-equiv=\"Content-Language\" "
         "content=\"*\"><meta property=\"og:locale\" content=\"pt_BR\">"
         "</head>", "pt"},
        {"<html lang=\"zh-Hant-TW\"><head></head>", "zh"},
        {"<html lang=\"\"><head></head>", NULL},
        {"<html><head></head>", NULL},
    };
    char page[1024];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(page, sizeof page, "%s<body><p>Text of the page %zu.</p>"
                                    "</body></html>", cases[i].head, i);
        assert_one_silent_lang("p.html", page, cases[i].code);
    }
}

/* A feed item's language: its xml:lang, else the feed's xml:lang, else
 * the channel's <language>, as codes; junk is passed over silently. */
static void test_feed_declared_lang(void **state)
{
    (void)state;
    result *res = read_text(
        "f.rss",
        "<?xml version=\"1.0\"?>\n"
        "<rss version=\"2.0\"><channel><title>T</title>"
        "<language>en-gb</language>\n"
        "<item><title>One</title><description>a</description></item>\n"
        "<item xml:lang=\"de-DE\"><title>Two</title><description>b</description></item>\n"
        "<item xml:lang=\"??\"><title>Three</title><description>c</description></item>\n"
        "</channel></rss>\n");
    assert_int_equal(res->n, 3);
    assert_lang(res, 0, "en");
    assert_lang(res, 1, "de");
    assert_lang(res, 2, "en");
    assert_no_lang_problem(res);
    free_result(res);

    res = read_text(
        "f.atom",
        "<?xml version=\"1.0\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">"
        "<title>T</title>\n"
        "<entry><id>1</id><title>Un</title><content>a</content></entry>\n"
        "<entry xml:lang=\"und\"><id>2</id><title>Deux</title><content>b</content></entry>\n"
        "<entry xml:lang=\"pt_BR\"><id>3</id><title>Tres</title><content>c</content></entry>\n"
        "</feed>\n");
    assert_int_equal(res->n, 3);
    assert_lang(res, 0, "fr");
    assert_lang(res, 1, "fr");
    assert_lang(res, 2, "pt");
    free_result(res);

    res = read_text(
        "u.rss",
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>"
        "<language>und</language>\n"
        "<item><title>One</title><description>a</description></item>\n"
        "</channel></rss>\n");
    assert_int_equal(res->n, 1);
    assert_lang(res, 0, NULL);
    free_result(res);
}

/* A web archive's page: the HTTP Content-Language (its first tag), else
 * what the page declares. */
static void test_warc_declared_lang(void **state)
{
    static const struct {
        const char *header, *html_lang, *code;
    } cases[] = {
        {"Content-Language: de, en\r\n", "fr", "de"},
        {"Content-Language: zh-Hant-TW\r\n", NULL, "zh"},
        {"Content-Language: *\r\n", "fr", "fr"},
        {"Content-Language: und\r\n", "pt_BR", "pt"},
        {"", "es", "es"},
        {"", NULL, NULL},
    };
    char page[512], http[1024], warc[2048];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char attr[64] = "";
        if (cases[i].html_lang)
            snprintf(attr, sizeof attr, " lang=\"%s\"", cases[i].html_lang);
        snprintf(page, sizeof page, "<html%s><body><p>Page %zu.</p></body>"
                                    "</html>", attr, i);
        snprintf(http, sizeof http, "HTTP/1.1 200 OK\r\nContent-Type: "
                                    "text/html\r\n%s\r\n%s",
                 cases[i].header, page);
        snprintf(warc, sizeof warc,
                 "WARC/1.0\r\nWARC-Type: response\r\n"
                 "WARC-Target-URI: http://example.com/%zu\r\n"
                 "WARC-Date: 2021-04-06T10:11:12Z\r\n"
                 "WARC-Record-ID: <urn:uuid:1>\r\n"
                 "Content-Type: application/http; msgtype=response\r\n"
                 "Content-Length: %zu\r\n\r\n%s\r\n\r\n",
                 i, strlen(http), http);
        assert_one_silent_lang("a.warc", warc, cases[i].code);
    }
}

/* ---- kinds by content --------------------------------------------------- */

static void test_page_is_told_by_content_not_name(void **state)
{
    (void)state;
    static const char *const names[] = {"p.txt", "p.html", "p.html.gz"};
    const char *page = "<!DOCTYPE html><html><head><title>Budget vote"
                       "</title></head><body><p>The Senate passed it.</p>"
                       "</body></html>";
    for (size_t i = 0; i < 3; i++) {
        result *res = i == 2 ? read_path(write_gz(names[i], page, strlen(page)))
                             : read_text(names[i], page);
        assert_int_equal(res->rc, 0);
        assert_int_equal(res->n, 1);
        assert_string_equal(res->a[0].id, "p");
        assert_string_equal(res->a[0].title, "Budget vote");
        assert_non_null(strstr(res->a[0].body, "The Senate passed it."));
        assert_null(res->a[0].date);
        /* Undated, as an article file without a date line. */
        assert_int_equal(res->np, 1);
        assert_int_equal(res->p[0].kind, PROBLEM_WARNING);
        free_result(res);
    }
}

static void test_comment_first_is_still_a_page(void **state)
{
    (void)state;
    result *res = read_text("c.txt", "\n<!-- saved by wget -->\n"
                                     "<p>Tariffs rose.</p>");
    assert_int_equal(res->n, 1);
    assert_string_equal(res->a[0].body, "Tariffs rose.");
    free_result(res);
}

static void test_article_file_is_not_a_page(void **state)
{
    (void)state;
    result *res = read_text("a.html", " date 2021-04-06 The U.S. <b> tag.");
    assert_int_equal(res->n, 1);
    assert_string_equal(res->a[0].date, "2021-04-06");
    assert_string_equal(res->a[0].body, "The U.S. <b> tag.");
    free_result(res);
}

static void test_other_xml_is_refused(void **state)
{
    (void)state;
    result *res = read_text("sitemap.xml",
                            "<?xml version=\"1.0\"?>\n<urlset><url><loc>"
                            "https://example.com/</loc></url></urlset>");
    assert_int_equal(res->rc, -1);
    assert_int_equal(res->n, 0);
    assert_int_equal(res->np, 1);
    assert_int_equal(res->p[0].kind, PROBLEM_REJECTED);
    assert_non_null(strstr(res->p[0].message, "<urlset>"));
    free_result(res);
    res = read_text("x.xml", "<?xml version=\"1.0\"?><html><body><p>XHTML"
                             "</p></body></html>");
    assert_int_equal(res->n, 1);
    assert_string_equal(res->a[0].body, "XHTML");
    free_result(res);
}

/* The first element past the probe: unknown XML, never a page of its
 * comment's text. */
static void test_xml_root_past_the_probe_is_refused(void **state)
{
    (void)state;
    size_t n = 20000;
    char *doc = malloc(n + 200);
    assert_non_null(doc);
    strcpy(doc, "<?xml version=\"1.0\"?><!--");
    memset(doc + strlen(doc), 'x', n);
    strcpy(doc + strlen("<?xml version=\"1.0\"?><!--") + n,
           "--><rss><channel><item><title>T</title></item></channel></rss>");
    result *res = read_text("long.xml", doc);
    assert_int_equal(res->n, 0);
    assert_int_equal(res->rejected, 1);
    assert_non_null(strstr(res->p[0].message, "first element"));
    free_result(res);
    free(doc);
}

static void test_page_without_text_is_reported(void **state)
{
    (void)state;
    result *res = read_text("e.html", "<html><body><script>x()</script>"
                                      "</body></html>");
    assert_int_equal(res->n, 0);
    assert_int_equal(res->rejected, 1);
    assert_non_null(strstr(res->p[0].message, "no text"));
    free_result(res);
}

/* Read PATH to its end from RAW (0: corpus_open(), else corpus_open_at()
 * as FROM says) and say where it ended for a file of SIZE bytes. */
static void read_to_end(const char *path, long long raw,
                        const corpus_end *from, long long size,
                        corpus_end *end, char *last_id, long *last_line)
{
    corpus_reader *r;
    article a;
    int rc;

    if (raw == 0)
        assert_int_equal(corpus_open(path, NULL, NULL, &r), GZ_OK);
    else
        assert_int_equal(corpus_open_at(path, raw, from, NULL, NULL, &r),
                         GZ_OK);
    while ((rc = corpus_next(r, &a)) == 1) {
        snprintf(last_id, 64, "%s", a.id);
        *last_line = a.line;
    }
    assert_int_equal(rc, 0);
    corpus_end_state(r, size, end);
    corpus_close(r);
}

static long long size_of(const char *path)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    return (long long)sb.st_size;
}

static void append_bytes(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* A JSON Lines file read on from where its last read ended gives the
 * lines and ids a whole read gives; a gzip file, once a member is
 * appended. */
static void test_read_on_from_the_end(void **state)
{
    static const char *const names[] = {"on.jsonl", "on.jsonl.gz"};
    const char *first = "{\"id\": \"x\", \"body\": \"one\"}\n"
                        "{\"body\": \"two\"}\n";
    const char *more = "\n{\"body\": \"four\"}\n";
    char id[64] = "", path[4096];
    long line = 0;
    corpus_end end, again;

    (void)state;
    for (int gz = 0; gz < 2; gz++) {
        snprintf(path, sizeof path, "%s",
                 gz ? write_gz(names[gz], first, strlen(first))
                    : write_text(names[gz], first));
        long long size = size_of(path);
        read_to_end(path, 0, NULL, size, &end, id, &line);
        assert_int_equal(end.kind, CORPUS_TAIL_JSONL | (gz ? CORPUS_TAIL_GZIP : 0));
        assert_int_equal(end.lines, 2);
        assert_int_equal(end.bytes, (long long)strlen(first));
        if (gz) {
            gzFile g = gzopen(path, "ab");   /* a new member */
            assert_non_null(g);
            assert_int_equal(gzwrite(g, more, (unsigned)strlen(more)),
                             (int)strlen(more));
            assert_int_equal(gzclose(g), Z_OK);
        } else {
            append_bytes(path, more, strlen(more));
        }
        read_to_end(path, size, &end, size_of(path), &again, id, &line);
        assert_string_equal(id, gz ? "on.jsonl.gz:4" : "on.jsonl:4");
        assert_int_equal(line, 4);
        assert_int_equal(again.kind, end.kind);
        assert_int_equal(again.lines, 4);
        assert_int_equal(again.bytes, (long long)(strlen(first) + strlen(more)));
    }
}

/* What a later read cannot go on from: a last line without '\n', bytes
 * after the last gzip member, a file that grew during the read, a tail of
 * a gzip file that is no member. */
static void test_read_on_refused(void **state)
{
    const char *text = "{\"id\": \"x\", \"body\": \"one\"}\n";
    char id[64], path[4096];
    long line;
    corpus_end end;
    corpus_reader *r;

    (void)state;
    snprintf(path, sizeof path, "%s", write_text("open.jsonl", "{\"id\": \"x\"}"));
    read_to_end(path, 0, NULL, size_of(path), &end, id, &line);
    assert_int_equal(end.kind, CORPUS_TAIL_NONE);

    snprintf(path, sizeof path, "%s", write_gz("junk.jsonl.gz", text, strlen(text)));
    long long clean = size_of(path);
    append_bytes(path, "junk\n", 5);
    read_to_end(path, 0, NULL, size_of(path), &end, id, &line);
    assert_int_equal(end.kind, CORPUS_TAIL_NONE);
    assert_int_equal(corpus_open_at(path, clean, &(corpus_end){
                         CORPUS_TAIL_JSONL | CORPUS_TAIL_GZIP, 1,
                         (long long)strlen(text)}, NULL, NULL, &r),
                     GZ_EFORMAT);
    assert_null(r);

    snprintf(path, sizeof path, "%s", write_text("grew.jsonl", text));
    read_to_end(path, 0, NULL, size_of(path) - 1, &end, id, &line);
    assert_int_equal(end.kind, CORPUS_TAIL_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_shape_date_and_first_paragraph),
        cmocka_unit_test(test_both_readers_give_the_same_article),
        cmocka_unit_test(test_jsonl_lang_member),
        cmocka_unit_test(test_article_file_lang_line),
        cmocka_unit_test(test_page_declared_lang),
        cmocka_unit_test(test_feed_declared_lang),
        cmocka_unit_test(test_warc_declared_lang),
        cmocka_unit_test(test_title_line_shape),
        cmocka_unit_test(test_title_is_first_sentence_not_acronym_period),
        cmocka_unit_test(test_long_first_sentence_cut_at_word_with_ellipsis),
        cmocka_unit_test(
            test_long_first_sentence_without_space_cut_at_character),
        cmocka_unit_test(test_headers_any_order),
        cmocka_unit_test(test_no_date_is_warning_and_indexed),
        cmocka_unit_test(test_impossible_date_is_warning),
        cmocka_unit_test(test_leap_years_and_old_dates),
        cmocka_unit_test(test_id_from_file_name),
        cmocka_unit_test(test_binary_file_rejected),
        cmocka_unit_test(test_invalid_utf8_replaced_with_warning),
        cmocka_unit_test(test_crlf_stripped),
        cmocka_unit_test(test_empty_file_gives_no_article),
        cmocka_unit_test(test_page_is_told_by_content_not_name),
        cmocka_unit_test(test_comment_first_is_still_a_page),
        cmocka_unit_test(test_article_file_is_not_a_page),
        cmocka_unit_test(test_other_xml_is_refused),
        cmocka_unit_test(test_page_without_text_is_reported),
        cmocka_unit_test(test_xml_root_past_the_probe_is_refused),
        cmocka_unit_test(test_bom_skipped),
        cmocka_unit_test(test_truncated_article_file_rejected),
        cmocka_unit_test(test_jsonl_fields_and_missing_id),
        cmocka_unit_test(test_author_and_site_headers),
        cmocka_unit_test(test_jsonl_author_and_site),
        cmocka_unit_test(test_jsonl_bad_line_rejected_rest_read),
        cmocka_unit_test(test_jsonl_invalid_utf8_and_nul_escape),
        cmocka_unit_test(test_jsonl_gz_equals_plain),
        cmocka_unit_test(test_truncated_gzip_keeps_complete_articles_and_reports_offset),
        cmocka_unit_test(test_jsonl_overlong_line_rejected_next_read),
        cmocka_unit_test(test_gzip_bomb_stops_at_ratio_limit),
        cmocka_unit_test(test_gzip_of_text_is_no_bomb),
        cmocka_unit_test(test_every_invalid_utf8_class_replaced),
        cmocka_unit_test(test_nul_past_the_binary_probe_is_replaced),
        cmocka_unit_test(test_jsonl_lone_surrogate_escapes_replaced),
        cmocka_unit_test(test_jsonl_deep_nesting_rejected_next_read),
        cmocka_unit_test(test_is_jsonl_by_name),
        cmocka_unit_test(test_jsonl_pieces_give_the_whole_file),
        cmocka_unit_test(test_range_only_for_json_lines_not_yet_read),
        cmocka_unit_test(test_open_missing_or_directory_is_eio),
        cmocka_unit_test(test_read_on_from_the_end),
        cmocka_unit_test(test_read_on_refused),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
