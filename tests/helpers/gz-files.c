/* gz-files - print the file bookkeeping of an index (indexer/filestate.h).
 *
 *   gz-files INDEX
 *
 * Test helper: one line a file, in key order,
 *   "PATH<TAB>SIZE<TAB>MTIME_NS<TAB>CRC<TAB>FEED<TAB>ID<TAB>ID..."
 * so that two indexes of the same files can be compared by their
 * bookkeeping (t215: a build in pieces writes what one thread writes).
 * Exit 0, or 2 when the index cannot be read. */
#include <stdio.h>

#include "cli/report.h"
#include "error.h"
#include "filestate.h"

static int print_file(void *ctx, const filestate *fs)
{
    (void)ctx;
    printf("%s\t%lld\t%lld\t%lu\t%d\t%d\t%ld\t%lld", fs->path, fs->size,
           fs->mtime_ns, fs->crc, fs->feed, fs->end.kind, fs->end.lines,
           fs->end.bytes);
    for (size_t i = 0; i < fs->nids; i++)
        printf("\t%s", fs->ids[i]);
    putchar('\n');
    return 0;
}

int main(int argc, char **argv)
{
    report_set_program("gz-files");
    if (argc != 2) {
        report_error("usage: gz-files INDEX");
        return 2;
    }
    index_writer *w = NULL;
    gz_status st = writer_open(argv[1], 0, NULL, &w);
    if (st == GZ_OK)
        st = filestate_each(w, print_file, NULL);
    writer_close(w, 0);
    if (st != GZ_OK) {
        report_status(st, argv[1]);
        return 2;
    }
    return 0;
}
