/* fuzz_corpus.h - drive common/corpus.c from a fuzz input.
 *
 * The reader takes a path (the name picks the format and gzip is found by
 * content), so the input is written to a scratch file of the given name in
 * a directory of this process's own (under $TMPDIR, else /dev/shm, else
 * /tmp; removed at exit, left empty by a crash) and read back to the end.
 * Shared by the article, JSON Lines and gzip targets; knows nothing of
 * libFuzzer. */
#ifndef GZ_FUZZ_CORPUS_H
#define GZ_FUZZ_CORPUS_H

#include <stddef.h>
#include <stdint.h>

/* Read DATA (SIZE bytes) as a corpus file called NAME, checking every
 * promise of corpus.h on each article and problem (FUZZ_CHECK() aborts on
 * a broken one).  Returns a digest of everything the reader gave, articles
 * and problems in order, with NAME itself left out (JSON Lines ids made
 * from the file name), so that two readings of the same content under
 * different names, plain and gzip, can be compared. */
uint32_t fuzz_corpus_read(const char *name, const uint8_t *data, size_t size);

#endif
