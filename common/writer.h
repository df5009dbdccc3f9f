/* writer.h - the one way an article gets into an index.
 *
 * gazette-index's run (indexer/) and the public gz_indexer (api.c) both
 * write through these calls, so an article becomes the same document,
 * under the same id term, with the same stemmer and schema checks,
 * whichever door it came in by.  Each call is shaped like a task of the
 * indexer, not like Xapian's classes: open an index with its stemmer
 * chosen and its schema checked, add an article, delete one, keep
 * bookkeeping in the metadata, commit, close; compact, merge the parts of
 * a parallel build; read what --status shows.  No C++ or Xapian type
 * crosses this header; it is the indexer's only way to Xapian.
 *
 * Every call returns a gz_status with the detail in gz_last_error().
 */
#ifndef GZ_WRITER_H
#define GZ_WRITER_H

#include <stddef.h>
#include "corpus.h"
#include "gazette.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct index_writer index_writer;

/* Flags of writer_open(). */
#define WRITER_CREATE    1  /* make the database if it does not exist */
#define WRITER_NO_SYNC   2  /* commits are not fsync()ed */
#define WRITER_SCRATCH   4  /* completed or thrown away whole (the parts
                               of a parallel build, a --rebuild's new
                               generation): xapian_wrap.h's
                               GZ_WRITER_SCRATCH, never for an index a
                               crash must leave intact */
#define WRITER_REPLACING 8  /* the live index a --rebuild replaces: its
                               stemmer may change to LANGUAGE, and another
                               schema version or libstemmer is accepted
                               (schema_check_rebuild()) */

/* Open the database at PATH for writing (the index directory, whose stub
 * names its generation, or a generation or part directly), with the
 * stemmer it was built with, or LANGUAGE (NULL: English) for a new one,
 * and its schema checked; a new, empty database is marked with the
 * schema and the stemmer (schema_check_writer()).  Without WRITER_CREATE,
 * a database Gazette did not make (articles, no schema mark) is refused
 * before its lock is taken, so nothing is written in it.  On success *OUT
 * must be closed with writer_close().  Returns GZ_OK; GZ_ELOCKED (another
 * writer holds it); GZ_ENOTFOUND (absent, without WRITER_CREATE);
 * GZ_EVERSION (not made by Gazette; another schema, stemmer or
 * libstemmer; LANGUAGE names another stemmer than the index's, without
 * WRITER_REPLACING); GZ_EINVAL (an unknown LANGUAGE); GZ_EFORMAT (PATH
 * is a stub file that loops or names one database twice:
 * shards_check()); GZ_ECORRUPT, GZ_EIO, GZ_EXAPIAN, GZ_EOOM. */
gz_status writer_open(const char *path, int flags, const char *language,
                      index_writer **out);

/* The stemmer language of W's index ("english"), owned by W. */
const char *writer_language(const index_writer *w);

/* The language article A is indexed in, a lang.h code written to OUT:
 * its declared A->lang, else the language detect.h reads in its text,
 * which is W's index default (its --language) unless the text shows
 * another.  The one place that decides it, a pure function of the
 * article as read and the index, so that an incremental build gives the
 * article the terms a clean one does.  Returns GZ_OK, GZ_EIO when the
 * detector's models cannot be read, or GZ_EOOM. */
gz_status writer_article_lang(index_writer *w, const article *a,
                              char out[LANG_MAX]);

/* From now on, with SHARDS > 1, writer_add() takes only the articles of
 * shard SHARD of SHARDS (schema_shard_of()) and skips the others, which
 * are no business of this index (gazette-index --shard K/N). */
void writer_keep_shard(index_writer *w, unsigned shard, unsigned shards);

/* Add article A, read from PATH (stored for --output files; "" for
 * none), replacing any article with the same id, so adding twice never
 * duplicates.  *TAKEN (may be NULL) is WRITER_ADDED when A was added,
 * WRITER_CUT when it was added but its words stopped at
 * SCHEMA_ARTICLE_TERMS_MAX (schema_doc_build(): say so), WRITER_SAME
 * when W already holds A's document exactly so (the same content hash,
 * schema_article_hash(), uncommitted changes included): nothing is
 * written, as writing would change nothing; 0 when it belongs to another
 * shard than W keeps (nothing written).  A writer that opened an empty
 * index never looks (a build from nothing pays no lookup) and never
 * says WRITER_SAME.  Not visible before writer_commit().  Returns GZ_OK;
 * GZ_EINVAL when A's id cannot be an article id (empty, or longer than
 * the schema allows: the message says which; nothing written, W is
 * fine); GZ_EOOM or the wrapper's status. */
#define WRITER_ADDED 1
#define WRITER_CUT   2
#define WRITER_SAME  3
gz_status writer_add(index_writer *w, const article *a, const char *path,
                     int *taken);

/* Delete the article ID.  An id that is not there is not an error. */
gz_status writer_delete(index_writer *w, const char *id);

/* The file the article ID was read from, as W sees it (uncommitted
 * changes included): *PATH is malloc()ed ("" when the article came with
 * none).  GZ_ENOTFOUND when W holds no article ID; GZ_EINVAL when ID
 * cannot be an article id. */
gz_status writer_source_path(index_writer *w, const char *id, char **path);

/* Read the metadata entry KEY as it stands in W (uncommitted changes
 * included).  *VALUE is malloc()ed and NUL-terminated (free() it), ""
 * for an absent key; *LEN (may be NULL) its length. */
gz_status writer_get_meta(index_writer *w, const char *key, char **value,
                          size_t *len);

/* Set KEY to VALUE (LEN bytes), or remove it with LEN 0; written by the
 * next commit together with the documents. */
gz_status writer_set_meta(index_writer *w, const char *key,
                          const char *value, size_t len);

/* Call FN with every metadata key that starts with PREFIX, in key order,
 * until FN returns non-zero.  KEY is valid during the call; FN may set
 * or remove metadata. */
typedef int (*writer_key_fn)(void *ctx, const char *key);
gz_status writer_meta_keys(index_writer *w, const char *prefix,
                           writer_key_fn fn, void *ctx);

/* Make every change so far durable, atomically: after a crash the index
 * holds the last commit exactly. */
gz_status writer_commit(index_writer *w);

/* 1 when W's uncommitted articles hold so much memory (a batch of
 * articles with many distinct words) that it should commit now, before
 * its count of articles says so; else 0. */
int writer_heavy(const index_writer *w);

/* The number of articles as W sees them (uncommitted changes included). */
gz_status writer_count(index_writer *w, unsigned long *count);

/* Close W, committing its pending changes when COMMIT is non-zero and
 * dropping them otherwise, and release the index's lock.  W is freed in
 * every case (NULL is accepted); the status says whether the commit
 * worked. */
gz_status writer_close(index_writer *w, int commit);

/* Write a compacted copy of the database at SRC into the new directory
 * DST: the same articles and metadata, smaller and faster to search. */
gz_status writer_compact(const char *src, const char *dst);

/* Merge the databases PARTS[0..N) into the new directory DST, in the
 * order given, and keep one copy of each article: the one from the
 * latest part, as one sequential run over the parts' files in order
 * would.  Metadata found in several parts takes the first part's value.
 * DST is committed; on failure it may be left half made (remove it). */
gz_status writer_merge(const char *const *parts, size_t n, const char *dst);

/* What gazette-index --status shows of an index. */
typedef struct writer_summary {
    unsigned long count;    /* articles */
    char *first, *last;     /* the oldest and newest date, "YYYYMMDD";
                               both "" when no article is dated */
    char *meta;             /* the metadata entry asked for; "" if absent */
} writer_summary;

/* Read the summary of the index at PATH, with the metadata entry KEY,
 * without taking the writer's lock (a run may be going on).  Free it with
 * writer_summary_free().  Returns GZ_OK; GZ_ENOTFOUND (no index there);
 * GZ_EFORMAT (as writer_open()); GZ_EVERSION, GZ_ECORRUPT, GZ_EMODIFIED, GZ_EXAPIAN, GZ_EOOM. */
gz_status writer_summary_read(const char *path, const char *key,
                              writer_summary *out);
void writer_summary_free(writer_summary *s);

/* The version of the Xapian library in use ("1.4.22"), for --version. */
const char *writer_engine_version(void);

#ifdef __cplusplus
}
#endif

#endif
