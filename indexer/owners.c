/* owners.c - an open-addressing hash map from id to a count. */
#include <stdlib.h>
#include <string.h>

#include "owners.h"

typedef struct slot {
    char *id;
    long count;
} slot;

struct owners {
    slot *slots;
    size_t cap, used;   /* cap is a power of two */
};

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

owners *owners_new(void)
{
    owners *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->cap = 1024;
    if (!(o->slots = calloc(o->cap, sizeof *o->slots))) {
        free(o);
        return NULL;
    }
    return o;
}

void owners_free(owners *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->cap; i++)
        free(o->slots[i].id);
    free(o->slots);
    free(o);
}

static slot *find(const owners *o, const char *id)
{
    size_t i = hash(id) & (o->cap - 1);
    while (o->slots[i].id && strcmp(o->slots[i].id, id) != 0)
        i = (i + 1) & (o->cap - 1);
    return &o->slots[i];
}

static int grow(owners *o)
{
    owners bigger = { calloc(o->cap * 2, sizeof(slot)), o->cap * 2, o->used };
    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < o->cap; i++)
        if (o->slots[i].id)
            *find(&bigger, o->slots[i].id) = o->slots[i];
    free(o->slots);
    *o = bigger;
    return 0;
}

long owners_add(owners *o, const char *id, int delta)
{
    if ((o->used + 1) * 4 > o->cap * 3 && grow(o) != 0)
        return -1;
    slot *s = find(o, id);
    if (!s->id) {
        if (!(s->id = strdup(id)))
            return -1;
        o->used++;
    }
    s->count += delta;
    if (s->count < 0)
        s->count = 0;
    return s->count;
}

long owners_count(const owners *o, const char *id)
{
    const slot *s = find(o, id);
    return s->id ? s->count : 0;
}
