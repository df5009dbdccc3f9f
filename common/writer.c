/* writer.c - the write path: articles into an index through schema.c and
 * xapian_wrap.h.
 *
 * Composes only: the document is schema.c's, the id term and the id and
 * shard rules schema.c's, Xapian the wrapper's.  Must never grow a rule of
 * its own about what a document holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "error.h"
#include "lang.h"
#include "record.h"
#include "schema.h"
#include "shards.h"
#include "writer.h"
#include "xapian_wrap.h"

/* The languages other than the default an open writer has met, each
 * with its stemmer, made on first use: most articles are in a handful. */
#define WRITER_LANGS_MAX 64

struct index_writer {
    gz_writer *w;
    stemmer *st;
    char code[LANG_MAX];        /* the default language: st's code */
    schema_lang langs[WRITER_LANGS_MAX];
    char lang_codes[WRITER_LANGS_MAX][LANG_MAX];
    size_t n_langs;
    detector *det;              /* made on the first article that declares
                                   no language (its models take 10-20 ms) */
    unsigned shard, shards;     /* with shards > 1, the one shard kept */
    int was_empty;              /* no document when opened: no copy to
                                   compare with (a build from nothing) */
};

/* writer.h's flags in xapian_wrap.h's terms. */
static int wrap_flags(int flags)
{
    return (flags & WRITER_CREATE ? GZ_WRITER_CREATE : 0) |
           (flags & WRITER_NO_SYNC ? GZ_WRITER_NO_SYNC : 0) |
           (flags & WRITER_SCRATCH ? GZ_WRITER_SCRATCH : 0);
}

/* Refuse a database Gazette did not make (schema_db_language()) before
 * it is opened for writing: that takes Xapian's lock, which creates or
 * touches a file in it. */
static gz_status refuse_foreign(const char *path)
{
    gz_db *db = NULL;
    char *language = NULL;
    gz_status st = gz_db_open(path, &db);
    if (st == GZ_OK)
        st = schema_db_language(db, &language);
    free(language);
    gz_db_close(db);
    return st;
}

gz_status writer_open(const char *path, int flags, const char *language,
                      index_writer **out)
{
    int replacing = (flags & WRITER_REPLACING) != 0;
    unsigned long count = 0;
    gz_status st;
    *out = NULL;
    if (!(flags & WRITER_CREATE) && (st = refuse_foreign(path)) != GZ_OK)
        return st;
    index_writer *x = calloc(1, sizeof *x);
    if (!x)
        return gz_error_set(GZ_EOOM, "out of memory opening an index");
    if ((st = shards_check(path)) != GZ_OK ||
        (st = gz_writer_open(path, wrap_flags(flags), &x->w)) != GZ_OK ||
        (st = schema_writer_stemmer(x->w, language, replacing,
                                    &x->st)) != GZ_OK ||
        (st = (replacing ? schema_check_rebuild
                         : schema_check_writer)(x->w, x->st)) != GZ_OK ||
        (st = gz_writer_doccount(x->w, &count)) != GZ_OK)
        goto fail;
    x->was_empty = count == 0;
    /* Every stemmer libstemmer has is a language lang.h knows; "porter"
     * is English. */
    if (!lang_code(stemmer_language(x->st), strlen(stemmer_language(x->st)),
                   x->code))
        strcpy(x->code, "en");
    *out = x;
    return GZ_OK;

fail:
    writer_close(x, 0);
    return st;
}

const char *writer_language(const index_writer *w)
{
    return stemmer_language(w->st);
}

gz_status writer_article_lang(index_writer *w, const article *a,
                              char out[LANG_MAX])
{
    if (a->lang && a->lang[0]) {
        snprintf(out, LANG_MAX, "%s", a->lang);
        return GZ_OK;
    }
    gz_status st = w->det ? GZ_OK : detector_new(&w->det);
    if (st != GZ_OK)
        return st;
    /* The body says the most; a title alone is usually too short to
     * tell, and then the default stands. */
    const char *text = a->body_len ? a->body : a->title;
    size_t len = a->body_len ? a->body_len : (a->title ? strlen(a->title) : 0);
    return detect_lang(w->det, text, len, w->code, out);
}

/* Into *OUT, how W indexes words of language CODE: the index's own
 * stemmer unprefixed for its default language, else CODE's stemmer (or
 * none), made on first use and kept.  *SPARE is a stemmer the caller
 * frees after use (W keeps no more), else NULL. */
static gz_status writer_lang(index_writer *w, const char *code,
                             schema_lang *out, stemmer **spare)
{
    *spare = NULL;
    if (strcmp(code, w->code) == 0) {
        *out = (schema_lang){ w->code, w->st, 0 };
        return GZ_OK;
    }
    for (size_t i = 0; i < w->n_langs; i++)
        if (strcmp(w->lang_codes[i], code) == 0) {
            *out = w->langs[i];
            return GZ_OK;
        }
    stemmer *st = NULL;
    const char *algorithm = lang_stemmer(code);
    gz_status status = algorithm ? stemmer_new(algorithm, &st) : GZ_OK;
    if (status != GZ_OK)
        return status;
    *out = (schema_lang){ code, st, 1 };
    /* Past the cache's room (64 languages in one run), a stemmer per
     * article: slower, the same terms. */
    if (w->n_langs == WRITER_LANGS_MAX) {
        *spare = st;
        return GZ_OK;
    }
    char *kept = w->lang_codes[w->n_langs];
    snprintf(kept, LANG_MAX, "%s", code);
    out->code = kept;
    w->langs[w->n_langs++] = *out;
    return GZ_OK;
}

void writer_keep_shard(index_writer *w, unsigned shard, unsigned shards)
{
    w->shard = shard;
    w->shards = shards;
}

/* Whether W holds the document of IDTERM made of A read from PATH
 * exactly so (its content hash is A's): *SAME. */
static gz_status holds_same(index_writer *w, const char *idterm,
                            const article *a, const char *path, int *same)
{
    char want[SCHEMA_HASH_BYTES], have[SCHEMA_HASH_BYTES];
    size_t len = 0;
    *same = 0;
    gz_status st = gz_writer_get_value(w->w, idterm, SCHEMA_SLOT_HASH, have,
                                       sizeof have, &len);
    if (st == GZ_ENOTFOUND)
        return GZ_OK;
    if (st != GZ_OK)
        return st;
    schema_article_hash(a, path, want);
    /* A document older than the hash has none: it is written again. */
    *same = len == sizeof want && memcmp(have, want, sizeof want) == 0;
    return GZ_OK;
}

gz_status writer_add(index_writer *w, const article *a, const char *path,
                     int *taken)
{
    if (taken)
        *taken = 0;
    if (!schema_id_ok(a->id))
        return a->id[0] ? gz_error_set(GZ_EINVAL, "article id longer than %d "
                                       "bytes", SCHEMA_ID_MAX)
                        : gz_error_set(GZ_EINVAL, "an article needs an id");
    if (w->shards > 1 && schema_shard_of(a->id, w->shards) != w->shard)
        return GZ_OK;
    gz_doc *doc = NULL;
    int cut = 0, same = 0;
    char code[LANG_MAX] = "";
    schema_lang lang = { NULL, NULL, 0 };
    char *idterm = schema_idterm(a->id);
    gz_status st = idterm ? GZ_OK : gz_error_set(GZ_EOOM, "out of memory");
    /* The hash covers the declared language, not the decided one: the
     * decision is a function of the article and the index default, so an
     * unchanged article is known without detecting its language again
     * (65 µs an article on average: BENCHMARKS.md). */
    if (st == GZ_OK && !w->was_empty)
        st = holds_same(w, idterm, a, path, &same);
    stemmer *spare = NULL;
    if (st == GZ_OK && !same &&
        (st = writer_article_lang(w, a, code)) == GZ_OK &&
        (st = writer_lang(w, code, &lang, &spare)) == GZ_OK)
        st = schema_doc_build(&lang, a, path, &doc, &cut);
    stemmer_free(spare);
    if (st == GZ_OK && !same)
        st = gz_writer_replace(w->w, idterm, doc);
    gz_doc_free(doc);
    free(idterm);
    if (st == GZ_OK && taken)
        *taken = same ? WRITER_SAME : cut ? WRITER_CUT : WRITER_ADDED;
    return st;
}

gz_status writer_delete(index_writer *w, const char *id)
{
    char *idterm = schema_idterm(id);
    if (!idterm)
        return gz_error_set(GZ_EOOM, "out of memory");
    gz_status st = gz_writer_delete(w->w, idterm);
    free(idterm);
    return st;
}

/* The stored record of IDTERM without its body (SCHEMA_SLOT_HEAD) into
 * *DATA (malloc()ed, *LEN bytes): what a run asks of an indexed copy is
 * in it, and reading it spares inflating the body (an edit of one big
 * file asks it of every article). */
static gz_status read_head(index_writer *w, const char *idterm, char **data,
                           size_t *len)
{
    size_t cap = 512;
    for (;;) {
        char *buf = malloc(cap);
        if (!buf)
            return gz_error_set(GZ_EOOM, "out of memory");
        gz_status st = gz_writer_get_value(w->w, idterm, SCHEMA_SLOT_HEAD,
                                           buf, cap, len);
        if (st != GZ_OK || *len <= cap) {
            if (st == GZ_OK)
                *data = buf;
            else
                free(buf);
            return st;
        }
        free(buf);
        cap = *len;
    }
}

gz_status writer_source_path(index_writer *w, const char *id, char **path)
{
    *path = NULL;
    if (!schema_id_ok(id))
        return gz_error_set(GZ_EINVAL, "no article id: %.40s", id);
    char *idterm = schema_idterm(id), *data = NULL;
    size_t len = 0;
    record rec;
    gz_status st = idterm ? read_head(w, idterm, &data, &len)
                          : gz_error_set(GZ_EOOM, "out of memory");
    if (st == GZ_OK && (st = record_decode(data, len, &rec)) == GZ_OK) {
        if (!(*path = strdup(rec.path)))
            st = gz_error_set(GZ_EOOM, "out of memory");
        record_free(&rec);
    }
    free(data);
    free(idterm);
    return st;
}

gz_status writer_get_meta(index_writer *w, const char *key, char **value,
                          size_t *len)
{
    size_t ignored;
    return gz_writer_get_metadata(w->w, key, value, len ? len : &ignored);
}

gz_status writer_set_meta(index_writer *w, const char *key,
                          const char *value, size_t len)
{
    return gz_writer_set_metadata(w->w, key, value, len);
}

gz_status writer_meta_keys(index_writer *w, const char *prefix,
                           writer_key_fn fn, void *ctx)
{
    return gz_writer_metadata_keys(w->w, prefix, fn, ctx);
}

gz_status writer_commit(index_writer *w)
{
    return gz_writer_commit(w->w);
}

int writer_heavy(const index_writer *w)
{
    return gz_writer_pending(w->w) >= GZ_WRITER_PENDING_MAX;
}

gz_status writer_count(index_writer *w, unsigned long *count)
{
    return gz_writer_doccount(w->w, count);
}

gz_status writer_close(index_writer *w, int commit)
{
    if (!w)
        return GZ_OK;
    gz_status st = w->w ? gz_writer_close(w->w, commit) : GZ_OK;
    stemmer_free(w->st);
    for (size_t i = 0; i < w->n_langs; i++)
        stemmer_free(w->langs[i].st);
    detector_free(w->det);
    free(w);
    return st;
}

gz_status writer_compact(const char *src, const char *dst)
{
    return gz_compact(src, dst);
}

gz_status writer_merge(const char *const *parts, size_t n, const char *dst)
{
    gz_writer *w = NULL;
    unsigned long removed = 0;
    gz_status st = gz_compact_many(parts, n, dst);
    if (st == GZ_OK)
        st = gz_writer_open(dst, 0, &w);
    /* Compaction numbered the documents in part order: the highest id of
     * each article is its copy from the latest part. */
    if (st == GZ_OK)
        st = gz_writer_dedup(w, SCHEMA_PREFIX_ID, &removed);
    if (w) {
        gz_status c = gz_writer_close(w, st == GZ_OK);
        if (st == GZ_OK)
            st = c;
    }
    return st;
}

gz_status writer_summary_read(const char *path, const char *key,
                              writer_summary *out)
{
    gz_db *db = NULL;
    size_t len;
    memset(out, 0, sizeof *out);
    gz_status st = shards_check(path);
    if (st == GZ_OK)
        st = gz_db_open(path, &db);
    if (st == GZ_OK)
        st = gz_db_doccount(db, &out->count);
    if (st == GZ_OK)
        st = gz_db_date_bounds(db, SCHEMA_SLOT_DATE, &out->first, &out->last);
    if (st == GZ_OK)
        st = gz_db_get_metadata(db, key, &out->meta, &len);
    gz_db_close(db);
    if (st != GZ_OK)
        writer_summary_free(out);
    return st;
}

void writer_summary_free(writer_summary *s)
{
    free(s->first);
    free(s->last);
    free(s->meta);
    memset(s, 0, sizeof *s);
}

const char *writer_engine_version(void)
{
    return gz_xapian_version();
}
