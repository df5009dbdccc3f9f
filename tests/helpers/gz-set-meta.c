/* gz-set-meta - set one metadata key of an index behind Gazette's back.
 *
 *   gz-set-meta INDEX KEY VALUE
 *
 * Test helper: makes an index look as an older Gazette left it (t560
 * marks one with schema 2).  Exit 0, or 2 when the index cannot be
 * written. */
#include <string.h>

#include "cli/report.h"
#include "error.h"
#include "xapian_wrap.h"

int main(int argc, char **argv)
{
    report_set_program("gz-set-meta");
    if (argc != 4) {
        report_error("usage: gz-set-meta INDEX KEY VALUE");
        return 2;
    }
    gz_writer *w;
    gz_status st = gz_writer_open(argv[1], 0, &w);
    if (st == GZ_OK) {
        st = gz_writer_set_metadata(w, argv[2], argv[3], strlen(argv[3]));
        gz_status c = gz_writer_close(w, st == GZ_OK);
        if (st == GZ_OK)
            st = c;
    }
    if (st != GZ_OK) {
        report_status(st, argv[1]);
        return 2;
    }
    return 0;
}
