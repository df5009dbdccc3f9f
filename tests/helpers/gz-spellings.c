/* gz-spellings - print an index's spelling table, one "word<TAB>count"
 * line per word, in byte order.
 *
 * Test helper: lets a shell test compare the tables of indexes built in
 * different ways (t245).  Exit 0, or 2 when the index cannot be read. */
#include <stdio.h>

#include "cli/report.h"
#include "error.h"
#include "xapian_wrap.h"

static int print_word(void *ctx, const char *word, unsigned long freq)
{
    (void)ctx;
    return printf("%s\t%lu\n", word, freq) < 0;
}

int main(int argc, char **argv)
{
    report_set_program("gz-spellings");
    if (argc != 2) {
        report_error("usage: gz-spellings INDEX");
        return 2;
    }
    gz_db *db;
    gz_status st = gz_db_open(argv[1], &db);
    if (st == GZ_OK)
        st = gz_db_spellings(db, print_word, NULL);
    if (st != GZ_OK) {
        report_status(st, argv[1]);
        return 2;
    }
    gz_db_close(db);
    return fflush(stdout) == 0 ? 0 : 2;
}
