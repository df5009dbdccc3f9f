/* config.c - the default index path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", a, b);
    return s;
}

char *config_default_index(void)
{
    const char *env = getenv("GAZETTE_INDEX");
    if (env && env[0])
        return strdup(env);
    const char *data = getenv("XDG_DATA_HOME");
    if (data && data[0] == '/')
        return join(data, "/gazette/index");
    const char *home = getenv("HOME");
    if (home && home[0])
        return join(home, "/.local/share/gazette/index");
    return NULL;
}
