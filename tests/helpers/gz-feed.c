/* gz-feed: what common/feed.c and date_parse_published() read, for the
 * data-driven checks over ../shared/formats/feeds (tests/e2e/t740).
 *
 *   gz-feed [--charset CS] FILE   one JSON line per item,
 *       {"line","id","title","link","author","date","source","lang","text"}
 *       after one {"feed": title or null},
 *       and one per problem, {"problem","line","rejected"}; then
 *       {"end": 0 | -1} (feed_next()'s last answer)
 *   gz-feed --sniff FILE          prints 1 or 0 (feed_sniff())
 *   gz-feed --date TEXT           prints the day, or nothing (exit 1)
 *
 * Exit 0, 1 for a date without a day, 2 when FILE cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "date.h"
#include "feed.h"

static void print_json(json_t *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    if (s)
        puts(s);
    free(s);
    json_decref(o);
}

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static void on_problem(void *ctx, long line, int rejected, const char *message)
{
    (void)ctx;
    print_json(json_pack("{s:s,s:i,s:b}", "problem", message, "line",
                         (json_int_t)line, "rejected", rejected));
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
        fseek(fp, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, fp) == (size_t)n) {
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    return buf;
}

static int print_items(const char *bytes, size_t len, const char *charset)
{
    feed_reader *f;
    feed_item it;
    int got;

    if (feed_open(bytes, len, charset, on_problem, NULL, &f) != GZ_OK)
        return 2;
    print_json(json_pack("{s:o}", "feed", text_or_null(feed_title(f))));
    while ((got = feed_next(f, &it)) == 1)
        print_json(json_pack("{s:i,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:s%}",
                             "line", (json_int_t)it.line,
                             "id", text_or_null(it.id), "title", it.title,
                             "link", text_or_null(it.link),
                             "author", text_or_null(it.author),
                             "date", text_or_null(it.date),
                             "source", text_or_null(it.source),
                             "lang", text_or_null(it.lang),
                             "text", it.text, it.text_len));
    print_json(json_pack("{s:i}", "end", got));
    feed_close(f);
    return 0;
}

int main(int argc, char **argv)
{
    const char *charset = NULL;
    size_t len = 0;
    char *bytes;
    int status;

    if (argc == 3 && strcmp(argv[1], "--date") == 0) {
        char day[11];
        if (!date_parse_published(argv[2], strlen(argv[2]), day))
            return 1;
        puts(day);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "--charset") == 0) {
        charset = argv[2];
        argv += 2;
        argc -= 2;
    }
    int sniff = argc == 3 && strcmp(argv[1], "--sniff") == 0;
    if (argc != 2 + sniff) {
        fprintf(stderr, "usage: gz-feed [--charset CS | --sniff] FILE | --date TEXT\n");
        return 2;
    }
    if (!(bytes = read_file(argv[1 + sniff], &len))) {
        fprintf(stderr, "gz-feed: %s: cannot read\n", argv[1 + sniff]);
        return 2;
    }
    if (sniff) {
        printf("%d\n", feed_sniff(bytes, len));
        status = 0;
    } else {
        status = print_items(bytes, len, charset);
    }
    free(bytes);
    return status;
}
