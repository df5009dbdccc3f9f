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
    char *id, *date, *title, *source, *url, *body;
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

static result *read_path(const char *path)
{
    result *res = calloc(1, sizeof *res);
    corpus_reader *r;
    article a;

    assert_non_null(res);
    assert_int_equal(corpus_open(path, on_problem, res, &r), GZ_OK);
    while ((res->rc = corpus_next(r, &a)) == 1) {
        copied_article *c;
        assert_true(res->n < MAX_ARTICLES);
        check_string(a.id);
        check_string(a.title);
        check_string(a.source);
        check_string(a.url);
        check_string(a.body);
        if (a.date)
            check_string(a.date);
        assert_int_equal(strlen(a.body), a.body_len);
        c = &res->a[res->n++];
        c->id = copy(a.id);
        c->date = copy(a.date);
        c->title = copy(a.title);
        c->source = copy(a.source);
        c->url = copy(a.url);
        c->body = copy(a.body);
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

static void free_result(result *res)
{
    for (int i = 0; i < res->n; i++) {
        copied_article *c = &res->a[i];
        free(c->id);
        free(c->date);
        free(c->title);
        free(c->source);
        free(c->url);
        free(c->body);
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
    res = read_path(write_gz("big.jsonl.gz", text, n));
    free(text);
    assert_int_equal(res->rc, 0);
    assert_int_equal(res->n, 2);
    assert_string_equal(res->a[0].id, "first");
    assert_string_equal(res->a[1].id, "last");
    assert_int_equal(res->a[1].line, 3);
    assert_int_equal(res->rejected, 1);
    assert_problem(res, 1, PROBLEM_REJECTED, 2, "line longer than 64 MiB");
    assert_int_equal(res->p[1].offset, 16);
    free_result(res);
}

/* ---- names and opening ------------------------------------------------- */

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_shape_date_and_first_paragraph),
        cmocka_unit_test(test_title_line_shape),
        cmocka_unit_test(test_title_is_first_sentence_not_acronym_period),
        cmocka_unit_test(test_long_first_sentence_cut_at_word_with_ellipsis),
        cmocka_unit_test(test_headers_any_order),
        cmocka_unit_test(test_no_date_is_warning_and_indexed),
        cmocka_unit_test(test_impossible_date_is_warning),
        cmocka_unit_test(test_leap_years_and_old_dates),
        cmocka_unit_test(test_id_from_file_name),
        cmocka_unit_test(test_binary_file_rejected),
        cmocka_unit_test(test_invalid_utf8_replaced_with_warning),
        cmocka_unit_test(test_crlf_stripped),
        cmocka_unit_test(test_empty_file_gives_no_article),
        cmocka_unit_test(test_bom_skipped),
        cmocka_unit_test(test_truncated_article_file_rejected),
        cmocka_unit_test(test_jsonl_fields_and_missing_id),
        cmocka_unit_test(test_jsonl_bad_line_rejected_rest_read),
        cmocka_unit_test(test_jsonl_invalid_utf8_and_nul_escape),
        cmocka_unit_test(test_jsonl_gz_equals_plain),
        cmocka_unit_test(test_truncated_gzip_keeps_complete_articles_and_reports_offset),
        cmocka_unit_test(test_jsonl_overlong_line_rejected_next_read),
        cmocka_unit_test(test_is_jsonl_by_name),
        cmocka_unit_test(test_open_missing_or_directory_is_eio),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
