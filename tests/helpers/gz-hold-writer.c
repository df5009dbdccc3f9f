/* gz-hold-writer - hold an index's write lock until stdin closes.
 *
 * Test helper: lets a shell test start a second writer while this one
 * holds the lock.  Prints "locked" once it holds it.  Exit 0, or 2 when
 * the index cannot be opened. */
#include <stdio.h>

#include "cli/report.h"
#include "error.h"
#include "xapian_wrap.h"

int main(int argc, char **argv)
{
    report_set_program("gz-hold-writer");
    if (argc != 2) {
        report_error("usage: gz-hold-writer INDEX");
        return 2;
    }
    gz_writer *w;
    gz_status st = gz_writer_open(argv[1], 1, &w);
    if (st != GZ_OK) {
        report_status(st, argv[1]);
        return 2;
    }
    puts("locked");
    fflush(stdout);
    while (getchar() != EOF)
        ;
    gz_writer_close(w, 0);
    return 0;
}
