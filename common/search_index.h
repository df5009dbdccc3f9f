/* search_index.h - what an open search_index holds, for the two files of
 * the search path (search.c, analyst.c) only; everyone else sees the
 * opaque type of search.h. */
#ifndef GZ_SEARCH_INDEX_H
#define GZ_SEARCH_INDEX_H

#include "search.h"
#include "match.h"
#include "xapian_wrap.h"

struct search_index {
    gz_db *db;      /* every shard, combined */
    stemmer *st;    /* of their one language */
    char *name;     /* for messages: the path, or "the shards" */
};

/* Make Q find the articles like article ID (gazette-search --like): its
 * best terms as alternatives, Q only restricting them.  GZ_OK; GZ_EINVAL
 * (ID is no article id); GZ_ENOTFOUND ("no article with id 'ID' in
 * NAME"); the index's statuses. */
gz_status search_like(search_index *si, gz_query *q, const char *id);

#endif
