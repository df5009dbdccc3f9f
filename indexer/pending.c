/* pending.c - the ids whose winning copy must be chosen again.
 *
 * Value layout: the ids, each ended by a NUL (ids hold no NUL). */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "owners.h"
#include "pending.h"

struct pending {
    char **ids;
    size_t n, cap;
    owners *set;        /* the same ids, for pending_has() */
    int changed;
};

gz_status pending_add(pending *p, const char *id)
{
    if (pending_has(p, id))
        return GZ_OK;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        char **ids = realloc(p->ids, cap * sizeof *ids);
        if (!ids)
            return gz_error_set(GZ_EOOM, "out of memory");
        p->ids = ids;
        p->cap = cap;
    }
    if (!(p->ids[p->n] = strdup(id)) || owners_add(p->set, id, 1) < 0) {
        free(p->ids[p->n]);
        return gz_error_set(GZ_EOOM, "out of memory");
    }
    p->n++;
    p->changed = 1;
    return GZ_OK;
}

gz_status pending_load(index_writer *w, pending **out)
{
    char *value = NULL;
    size_t len = 0;
    pending *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p || !(p->set = owners_new())) {
        free(p);
        return gz_error_set(GZ_EOOM, "out of memory");
    }
    gz_status st = writer_get_meta(w, PENDING_KEY, &value, &len);
    for (size_t at = 0; st == GZ_OK && at < len; at += strlen(value + at) + 1)
        st = pending_add(p, value + at);
    free(value);
    if (st != GZ_OK) {
        pending_free(p);
        return st;
    }
    p->changed = 0;
    *out = p;
    return GZ_OK;
}

void pending_clear(pending *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->ids[i]);
    if (p->n)
        p->changed = 1;
    p->n = 0;
    owners_free(p->set);
    p->set = owners_new();
}

void pending_free(pending *p)
{
    if (!p)
        return;
    pending_clear(p);
    owners_free(p->set);
    free(p->ids);
    free(p);
}

int pending_has(const pending *p, const char *id)
{
    return p->set && owners_count(p->set, id) > 0;
}

size_t pending_count(const pending *p)
{
    return p->n;
}

const char *pending_id(const pending *p, size_t i)
{
    return i < p->n ? p->ids[i] : NULL;
}

gz_status pending_save(index_writer *w, pending *p)
{
    if (!p->changed)
        return GZ_OK;
    if (!p->set)
        return gz_error_set(GZ_EOOM, "out of memory");
    size_t len = 0;
    for (size_t i = 0; i < p->n; i++)
        len += strlen(p->ids[i]) + 1;
    char *value = malloc(len + 1), *at = value;
    if (!value)
        return gz_error_set(GZ_EOOM, "out of memory");
    for (size_t i = 0; i < p->n; i++) {
        size_t k = strlen(p->ids[i]) + 1;
        memcpy(at, p->ids[i], k);
        at += k;
    }
    gz_status st = writer_set_meta(w, PENDING_KEY, value, len);
    free(value);
    if (st == GZ_OK)
        p->changed = 0;
    return st;
}
