/* fuzz_article.c - libFuzzer target for the article-file reader of
 * common/corpus.c.
 *
 * The input is the whole content of an article file ("article.txt"),
 * read back through corpus_open()/corpus_next(); fuzz_corpus.c checks
 * corpus.h's promises on what comes out (one article at most, valid
 * UTF-8 strings, a real date or none, problems reported, never a crash). */
#include "fuzz.h"
#include "fuzz_corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_corpus_read("article.txt", data, size);
    return 0;
}
