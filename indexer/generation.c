/* generation.c - begin / commit / abandon a generation over layout.c. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "generation.h"
#include "layout.h"

void generation_clean(const char *index)
{
    int gen, n;
    unsigned k;
    char tail;
    if (layout_generation(index, &gen) != GZ_OK)
        return;
    DIR *d = opendir(index);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (sscanf(e->d_name, "gen-%d.part-%u%c", &n, &k, &tail) != 2 &&
            (sscanf(e->d_name, "gen-%d%c", &n, &tail) != 1 || n == gen))
            continue;
        char *path = layout_file(index, e->d_name);
        if (path)
            (void)layout_remove(path);
        free(path);
    }
    closedir(d);
}

gz_status generation_begin(const char *index, generation *g)
{
    g->index = index;
    g->path = NULL;
    gz_status st = layout_generation(index, &g->live);
    if (st != GZ_OK)
        return st;
    if (!(g->path = layout_gen_path(index, g->live + 1)))
        return gz_error_set(GZ_EOOM, "out of memory");
    /* On failure G->path stays, for the message and generation_abandon(). */
    return layout_remove(g->path);
}

gz_status generation_commit(generation *g)
{
    gz_status st = layout_switch(g->index, g->live + 1);
    int now;
    /* A stub that could not be replaced (a full disk) still names N: the
     * new generation is scratch, and left there it would keep the disk
     * full until the next run.  Past the stub, it is the index. */
    if (st != GZ_OK && layout_generation(g->index, &now) == GZ_OK &&
        now == g->live) {
        generation_abandon(g);
        return st;
    }
    free(g->path);
    g->path = NULL;
    return st;
}

void generation_abandon(generation *g)
{
    if (!g->path)
        return;
    (void)layout_discard(g->path);
    free(g->path);
    g->path = NULL;
}
