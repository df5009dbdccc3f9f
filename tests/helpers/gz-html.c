/* gz-html FILE...: each HTML page (plain or gzip) as html_extract() reads
 * it, one JSON line a file:
 *   {"file","title","date","author","url","site","lang","lang_code","text"}
 * (null for what the page does not say; lang_code is lang.h's code of
 * lang, what a corpus reader makes article.lang of).  For scoring the
 * extractor on ../shared/formats/html (tests/formats/).  Exit 0, or 2 when a file
 * cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zlib.h>

#include "corpus.h"
#include "html.h"
#include "lang.h"

/* The whole of PATH, gunzipped when it is gzip, in *OUT (*LEN bytes). */
static int slurp(const char *path, char **out, size_t *len)
{
    gzFile gz = gzopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int got;

    if (!gz || !buf)
        goto fail;
    while ((got = gzread(gz, buf + n, (unsigned)(cap - n))) > 0) {
        n += (size_t)got;
        if (n == cap) {
            char *more = cap >= CORPUS_MAX_ARTICLE_BYTES ? NULL
                                                         : realloc(buf, cap * 2);
            if (!more)
                goto fail;
            buf = more;
            cap *= 2;
        }
    }
    if (got < 0)
        goto fail;
    gzclose(gz);
    *out = buf;
    *len = n;
    return 0;
fail:
    if (gz)
        gzclose(gz);
    free(buf);
    return -1;
}

static json_t *text_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

int main(int argc, char **argv)
{
    int status = 0;

    for (int i = 1; i < argc; i++) {
        char *bytes = NULL;
        size_t len = 0;
        html_page page;
        json_t *o;

        if (slurp(argv[i], &bytes, &len) != 0 ||
            html_extract(bytes, len, NULL, NULL, &page) != GZ_OK) {
            fprintf(stderr, "gz-html: %s: cannot read\n", argv[i]);
            free(bytes);
            status = 2;
            continue;
        }
        char code[LANG_MAX] = "";
        if (page.meta.lang)
            lang_code(page.meta.lang, strlen(page.meta.lang), code);
        o = json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s}", "file", argv[i],
                      "title", text_or_null(page.meta.title),
                      "date", text_or_null(page.meta.date),
                      "author", text_or_null(page.meta.author),
                      "url", text_or_null(page.meta.url),
                      "site", text_or_null(page.meta.site),
                      "lang", text_or_null(page.meta.lang),
                      "lang_code", text_or_null(code[0] ? code : NULL),
                      "text", page.text);
        if (o) {
            json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
            putchar('\n');
            json_decref(o);
        }
        html_page_free(&page);
        free(bytes);
    }
    return status;
}
