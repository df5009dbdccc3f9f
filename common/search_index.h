/* search_index.h - what an open search_index holds, for the two files of
 * the search path (search.c, analyst.c) only; everyone else sees the
 * opaque type of search.h. */
#ifndef GZ_SEARCH_INDEX_H
#define GZ_SEARCH_INDEX_H

#include "search.h"
#include "lang.h"
#include "match.h"
#include "schema.h"
#include "xapian_wrap.h"

/* The most languages besides its default an index is searched in. */
#define SEARCH_LANGS_MAX 64

struct search_index {
    gz_db *db;      /* every shard, combined */
    stemmer *st;    /* of their default language */
    char *name;     /* for messages: the path, or "the shards" */
    char code[LANG_MAX];    /* the default language's code */
    schema_lang def;        /* { code, st, 0 } */
    /* The other languages it holds (its L terms), each with its stemmer
     * (NULL: none), for queries across them (issue 22); none in an
     * index of one language. */
    schema_lang langs[SEARCH_LANGS_MAX];
    char lang_codes[SEARCH_LANGS_MAX][LANG_MAX];
    size_t nlangs;
};

/* The language SI's articles of language CODE (a record's lang) are
 * indexed in: one of SI->langs, else the default (CODE "", the default's
 * code, or a language past SEARCH_LANGS_MAX). */
const schema_lang *search_lang(const search_index *si, const char *code);

/* Make Q find the articles like article ID (gazette-search --like): its
 * best terms as alternatives, Q only restricting them.  GZ_OK; GZ_EINVAL
 * (ID is no article id); GZ_ENOTFOUND ("no article with id 'ID' in
 * NAME"); the index's statuses. */
gz_status search_like(search_index *si, gz_query *q, const char *id);

#endif
