/* fuzz_gzip.c - libFuzzer target for the gzip path of common/corpus.c.
 *
 * Two kinds of input, told apart by the gzip magic bytes 1f 8b:
 *  - a gzip file (truncated, corrupt, concatenated members, trailing
 *    junk ...): read as an article file and as JSON Lines, each checked
 *    by fuzz_corpus.c (a broken stream is reported, never a crash, and
 *    the articles before it are whole);
 *  - anything else is plain text: it is gzip-compressed here and read as
 *    "feed.jsonl.gz" when it starts with '{' (else "article.txt.gz"), and
 *    that reading must give exactly what the plain file gives (same
 *    articles, same problems), since DESIGN.md promises that either
 *    format may be compressed.  One format per input, not both: each
 *    reading costs a few large buffers, which under AddressSanitizer are
 *    an mmap() and a munmap() each and set the pace. */
#include <string.h>

#include <zlib.h>

#include "fuzz.h"
#include "fuzz_corpus.h"

/* SRC as one gzip member, malloc()ed into *OUT. */
static size_t gzip_compress(const uint8_t *src, size_t size, uint8_t **out)
{
    z_stream z;
    size_t cap;

    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip wrapper rather than zlib's. */
    FUZZ_CHECK(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16,
                            8, Z_DEFAULT_STRATEGY) == Z_OK);
    cap = deflateBound(&z, (uLong)size);
    *out = malloc(cap);
    FUZZ_CHECK(*out);
    z.next_in = (Bytef *)src;
    z.avail_in = (uInt)size;
    z.next_out = *out;
    z.avail_out = (uInt)cap;
    FUZZ_CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
    cap = z.total_out;
    deflateEnd(&z);
    return cap;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *gz;
    size_t n;

    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        fuzz_corpus_read("article.txt.gz", data, size);
        fuzz_corpus_read("feed.jsonl.gz", data, size);
        return 0;
    }
    n = gzip_compress(data, size, &gz);
    if (size > 0 && data[0] == '{')
        FUZZ_CHECK(fuzz_corpus_read("feed.jsonl.gz", gz, n) ==
                   fuzz_corpus_read("feed.jsonl", data, size));
    else
        FUZZ_CHECK(fuzz_corpus_read("article.txt.gz", gz, n) ==
                   fuzz_corpus_read("article.txt", data, size));
    free(gz);
    return 0;
}
