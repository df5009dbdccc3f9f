/* gz-detect - detect_lang() over texts read from stdin, for the
 * measurement of `make lang-accuracy` (tests/bench/lang-accuracy.sh).
 *
 *   gz-detect [-f FALLBACK] [-w WINDOW_BYTES] < RECORDS
 *
 * Each record is its length in bytes in decimal, a newline, and that many
 * bytes of text.  For each, one line: the code answered (or "-" for ""),
 * the thread CPU microseconds detect_lang() took, and detector_explain(),
 * separated by tabs.  FALLBACK defaults to "en"; "" gives none.  Exit 0,
 * or 2 on bad usage, a bad record or a failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/report.h"
#include "detect.h"
#include "error.h"

static double cpu_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
    const char *fallback = "en";
    size_t window = 0;
    int opt;

    report_set_program("gz-detect");
    while ((opt = getopt(argc, argv, "f:w:")) != -1) {
        if (opt == 'f')
            fallback = optarg;
        else if (opt == 'w')
            window = strtoul(optarg, NULL, 10);
        else {
            report_error("usage: gz-detect [-f FALLBACK] [-w WINDOW_BYTES] < RECORDS");
            return 2;
        }
    }
    detector *d;
    gz_status st = detector_new(&d);
    if (st != GZ_OK) {
        report_status(st, "gz-detect");
        return 2;
    }
    detector_set_window(d, window);
    unsigned long len;
    char *text = NULL;
    int rc = 0;
    while (scanf("%lu", &len) == 1 && getchar() == '\n') {
        char *t = realloc(text, len + 1);
        if (!t || fread(t, 1, len, stdin) != len) {
            free(t);
            text = NULL;
            report_error("a record cut short or out of memory");
            rc = 2;
            break;
        }
        text = t;
        char out[LANG_MAX];
        double t0 = cpu_us();
        st = detect_lang(d, text, len, fallback, out);
        double us = cpu_us() - t0;
        if (st != GZ_OK) {
            report_status(st, "gz-detect");
            rc = 2;
            break;
        }
        printf("%s\t%.1f\t%s\n", out[0] ? out : "-", us, detector_explain(d));
    }
    free(text);
    detector_free(d);
    return fflush(stdout) == 0 ? rc : 2;
}
