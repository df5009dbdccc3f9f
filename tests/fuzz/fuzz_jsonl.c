/* fuzz_jsonl.c - libFuzzer target for the JSON Lines reader of
 * common/corpus.c.
 *
 * The input is the whole content of a JSON Lines file ("feed.jsonl"),
 * read back through corpus_open()/corpus_next(); fuzz_corpus.c checks
 * corpus.h's promises on every article and problem (a bad line is
 * reported and skipped, the rest still read; strings valid UTF-8; dates
 * real or NULL; lines rising). */
#include "fuzz.h"
#include "fuzz_corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_corpus_read("feed.jsonl", data, size);
    return 0;
}
