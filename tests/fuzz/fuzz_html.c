/* fuzz_html.c - libFuzzer target for web pages read by common/corpus.c
 * (sniffed by content, parsed by common/html.c).
 *
 * The input is a whole file ("page.html"); fuzz_corpus.c checks
 * corpus.h's promises on what comes out, whatever kind the content turns
 * out to be. */
#include "fuzz.h"
#include "fuzz_corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_corpus_read("page.html", data, size);
    return 0;
}
