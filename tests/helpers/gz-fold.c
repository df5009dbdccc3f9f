/* gz-fold - fold words as the tokenizer does, in a given language.
 *
 * Reads lines "CODE<TAB>TEXT" (CODE a lang.h code, "-" for none) and
 * prints, for each, the words tokenize_in() makes of TEXT in that
 * language, separated by single spaces, one line per input line (empty
 * when TEXT holds no word).  Used by build-aux/gen-stoplists.py, so that
 * the generated stop lists hold words exactly as queries hand them out.
 * Exit 0, 1 on a malformed line, 2 when out of memory or output fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/report.h"
#include "tokenize.h"

static int print_word(void *ctx, const token *tok)
{
    int *first = ctx;
    if (!*first && putchar(' ') == EOF)
        return 1;
    *first = 0;
    return fwrite(tok->word, 1, tok->len, stdout) != tok->len;
}

int main(void)
{
    report_set_program("gz-fold");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab) {
            report_error("a line without a tab: '%s'", line);
            free(line);
            return 1;
        }
        *tab = '\0';
        const char *code = strcmp(line, "-") == 0 ? NULL : line;
        const char *text = tab + 1;
        int first = 1;
        if (tokenize_in(text, strlen(text), code, 1, print_word, &first,
                        NULL) != 0 || putchar('\n') == EOF) {
            report_error("cannot fold '%s'", text);
            free(line);
            return 2;
        }
    }
    free(line);
    return fflush(stdout) == 0 ? 0 : 2;
}
