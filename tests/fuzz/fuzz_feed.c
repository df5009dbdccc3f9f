/* fuzz_feed.c - libFuzzer target for common/feed.c.
 *
 * The input is a feed file, passed without a NUL after it.  Checks
 * feed.h's promises: feed_sniff() answers 0 or 1; feed_open() succeeds on
 * any bytes (or runs out of memory); every item's strings are valid,
 * NUL-free UTF-8, TEXT_LEN is the text's length and at most
 * CORPUS_MAX_ARTICLE_BYTES, a date is a real "YYYY-MM-DD"; feed_next()
 * ends with 0 or -1, and a -1 or a refusal was reported. */
#include <string.h>

#include "corpus.h"
#include "date.h"
#include "feed.h"
#include "fuzz.h"

static void count_problem(void *ctx, long line, int rejected, const char *message)
{
    int *rejections = ctx;
    FUZZ_CHECK(line >= 0);
    FUZZ_CHECK(message && fuzz_utf8_ok(message, strlen(message)));
    *rejections += rejected;
}

static void check_string(const char *s)
{
    if (s)
        FUZZ_CHECK(fuzz_utf8_ok(s, strlen(s)));
}

static void check_item(const feed_item *it)
{
    check_string(it->id);
    check_string(it->link);
    check_string(it->author);
    check_string(it->source);
    check_string(it->lang);
    FUZZ_CHECK(it->title && fuzz_utf8_ok(it->title, strlen(it->title)));
    FUZZ_CHECK(it->text && strlen(it->text) == it->text_len);
    FUZZ_CHECK(it->text_len <= CORPUS_MAX_ARTICLE_BYTES);
    FUZZ_CHECK(fuzz_utf8_ok(it->text, it->text_len));
    FUZZ_CHECK(!it->date || date_is_day(it->date, strlen(it->date)));
    FUZZ_CHECK(it->line >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    feed_reader *f = NULL;
    feed_item it;
    int rejections = 0, got, items = 0;

    int sniffed = feed_sniff(bytes, size);
    FUZZ_CHECK(sniffed == 0 || sniffed == 1);
    gz_status st = feed_open(bytes, size, NULL, count_problem, &rejections, &f);
    if (st != GZ_OK) {
        FUZZ_CHECK(st == GZ_EOOM && !f);
        return 0;
    }
    while ((got = feed_next(f, &it)) == 1) {
        check_item(&it);
        items++;
    }
    FUZZ_CHECK(got == 0 || got == -1);
    FUZZ_CHECK(got == 0 || rejections > 0);
    FUZZ_CHECK(!feed_title(f) || fuzz_utf8_ok(feed_title(f), strlen(feed_title(f))));
    feed_close(f);
    return 0;
}
