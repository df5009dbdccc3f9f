/* json_text.c - any text as a JSON string (json_text.h). */
#include <stdlib.h>
#include <string.h>

#include "cli/json_text.h"
#include "utf8.h"

json_t *json_text(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    size_t len;
    char *fixed = utf8_repair(s, strlen(s), &len);
    j = fixed ? json_string(fixed) : NULL;
    free(fixed);
    return j ? j : json_string("");
}
