/* replay_main.c - run a fuzz target over files, without libFuzzer.
 *
 *   fuzz-replay-NAME FILE|DIR...
 *
 * Links with one tests/fuzz/fuzz_NAME.c and calls its
 * LLVMFuzzerTestOneInput() once per file (a directory: once per regular
 * file in it, in name order, not recursing), so the seed and regression
 * corpora run in the ordinary gcc build and under valgrind, where
 * libFuzzer is not available.  Each input is copied into a buffer of
 * exactly its size, so a read past its end is caught by AddressSanitizer
 * or valgrind as it is under libFuzzer.  Exit 0 when every input ran
 * (a broken promise aborts the process, naming the check; the file being
 * run is printed first with -v); 2 when a file cannot be read. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int verbose;
static unsigned ran;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL, *exact;
    size_t len = 0, cap = 0, n;

    if (!f) {
        fprintf(stderr, "fuzz-replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (len == cap) {
            uint8_t *b = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (!b) {
                fprintf(stderr, "fuzz-replay: %s: out of memory\n", path);
                free(buf);
                fclose(f);
                return -1;
            }
            buf = b;
        }
        n = fread(buf + len, 1, cap - len, f);
        if (n == 0)
            break;
        len += n;
    }
    if (ferror(f)) {
        fprintf(stderr, "fuzz-replay: %s: read error\n", path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    /* malloc(0) may give NULL; libFuzzer never passes NULL. */
    exact = malloc(len ? len : 1);
    if (!exact) {
        fprintf(stderr, "fuzz-replay: %s: out of memory\n", path);
        free(buf);
        return -1;
    }
    memcpy(exact, buf, len);
    free(buf);
    if (verbose)
        fprintf(stderr, "fuzz-replay: %s (%zu bytes)\n", path, len);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    ran++;
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int run_dir(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name), rc = 0;

    if (n < 0) {
        fprintf(stderr, "fuzz-replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 &&
            S_ISREG(st.st_mode) && run_file(path) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;

    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (strcmp(argv[i], "-v") == 0) {
            verbose = 1;
            continue;
        }
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (run_dir(argv[i]) != 0)
                rc = 2;
        } else if (run_file(argv[i]) != 0) {
            rc = 2;
        }
    }
    if (verbose)
        fprintf(stderr, "fuzz-replay: %u inputs\n", ran);
    return rc;
}
