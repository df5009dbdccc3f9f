/* xapian_wrap.cc - the only C++ in Gazette: xapian_wrap.h over Xapian 1.4.
 *
 * Every extern "C" function here is
 *     try { ... } catch (...) { return gz_map_exception(...); }
 * and gz_map_exception() is the one place an exception becomes a gz_status
 * and a message.  No exception, C++ type or Xapian type leaves this file:
 * strings handed out are malloc()ed copies.
 *
 * Must never know about the corpus formats, the tokenizer, the query
 * language or the command lines.
 */
#include <xapian.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "error.h"
#include "schema_table.h"
#include "xapian_wrap.h"

/* Deeper query trees are refused (GZ_EINVAL) rather than risk the stack. */
static const int GZ_QUERY_MAX_DEPTH = 1000;

struct gz_doc {
    Xapian::Document doc;
    /* Each word once, with its occurrences: a word repeated millions of
     * times must not cost a string each. */
    std::unordered_map<std::string, unsigned> spelling;
};

/* The writer keeps a transaction open at all times, so that pending
 * changes can be dropped: WritableDatabase::close() and its destructor
 * commit pending changes when no transaction is active, and cancel them
 * when one is.  Commits are commit_transaction() + begin_transaction().
 * In a transaction Xapian's own autoflush (XAPIAN_FLUSH_THRESHOLD) does
 * not commit, so the caller's commit interval bounds the batch. */
struct gz_writer {
    Xapian::WritableDatabase db;
    std::string path;
    bool in_transaction;
    /* Spelling words of the documents since the last commit, added to
     * Xapian once per word at the commit: one add_spelling() per
     * occurrence cost a third of the indexing CPU (BENCHMARKS.md).  A
     * scratch writer keeps them until it closes: each flush rewrites
     * (and deflates again) every spelling fragment a new word touches. */
    std::unordered_map<std::string, unsigned> spelling;
    bool scratch;
    /* What the documents since the last commit hold in Xapian's buffers,
     * estimated (gz_writer_pending()). */
    size_t pending;
    /* A scratch writer's commit failed: Xapian dropped the batch, but
     * not its words from SPELLING, nor those a failed flush had cleared;
     * the counts are wrong, so it must not be completed. */
    bool failed;
};

/* Bytes of Xapian's buffers, measured with massif (BENCHMARKS.md): a
 * term of a document costs up to 300 (a posting, its position list and,
 * for a term new to the batch, the term itself), a position 2; a
 * spelling word waiting or being added 730. */
static const size_t GZ_COST_TERM = 300, GZ_COST_POSITION = 2,
                    GZ_COST_SPELLING = 730;

/* What DOC adds to the writer's buffers until the commit. */
static size_t doc_weight(const Xapian::Document &doc)
{
    size_t w = 0;
    for (Xapian::TermIterator t = doc.termlist_begin();
         t != doc.termlist_end(); ++t)
        w += GZ_COST_TERM + GZ_COST_POSITION * t.positionlist_count();
    return w;
}

/* Hand the pending spelling words to Xapian (inside the transaction, so
 * they are committed with the documents, or cancelled with them). */
static void writer_flush_spelling(gz_writer *w)
{
    for (std::unordered_map<std::string, unsigned>::const_iterator i =
             w->spelling.begin(); i != w->spelling.end(); ++i)
        w->db.add_spelling(i->first, i->second);
    w->spelling.clear();
}

/* One database of a gz_db: a local path, or a remote one served by
 * xapian-tcpsrv at HOST:PORT. */
struct gz_part {
    std::string path;                   /* local; "" for a remote one */
    std::string host;
    unsigned port, timeout_ms;
};

struct gz_db {
    Xapian::Database db;
    std::string path;                   /* for messages: the path(s) */
    std::vector<gz_part> parts;         /* empty: just open path */
};

/* Xapian takes a missing position table for an index without positions,
 * and phrases would then quietly match as AND; every Gazette document
 * with a weighted term has positions, so words without positions mean a
 * table was lost. */
static Xapian::Database checked(const Xapian::Database &db)
{
    if (db.get_doclength_upper_bound() > 0 && !db.has_positions())
        throw Xapian::DatabaseCorruptError("the index has words but no "
                                           "positions (position table "
                                           "missing)");
    return db;
}

/* OPEN(), again if it threw DatabaseModifiedError or DatabaseCorruptError.
 *
 * An open reads the version file, then each table's root block.  A writer
 * that commits twice in between may reuse the root block of the revision
 * read, and Xapian 1.4 checks the block's level before its revision
 * (GlassTable::read_root), so this race shows as DatabaseCorruptError
 * ("Expected block 2 to be level 1, not 0") more often than as
 * DatabaseModifiedError.  A new open reads the new version file; damage
 * that is really there fails every time and is reported. */
template <typename F> static Xapian::Database opening(F open)
{
    for (int retry = 0;; retry++) {
        try {
            return open();
        } catch (const Xapian::DatabaseModifiedError &) {
            if (retry == GZ_MODIFIED_RETRIES)
                throw;
        } catch (const Xapian::DatabaseCorruptError &) {
            if (retry == GZ_MODIFIED_RETRIES)
                throw;
        }
    }
}

/* An index folder's XAPIANDB names its live generation; --rebuild and
 * --compact name the next one, then remove the old: an open that read
 * the old name just before may find its files gone (not found, or a table
 * missing).  Reading the stub again finds the new one; a version error is
 * no race. */
static Xapian::Database open_local(const std::string &path)
{
    for (int retry = 0;; retry++) {
        try {
            return opening([&]() { return checked(Xapian::Database(path)); });
        } catch (const Xapian::DatabaseVersionError &) {
            throw;
        } catch (const Xapian::DatabaseOpeningError &) {
            if (retry == GZ_MODIFIED_RETRIES)
                throw;
        }
    }
}

static Xapian::Database open_part(const gz_part &p)
{
    if (p.path.empty())
        return opening([&]() {
            return Xapian::Remote::open(p.host, p.port, p.timeout_ms,
                                        p.timeout_ms);
        });
    return open_local(p.path);
}

/* (Re)open DB's database: its one path, or each of its parts. */
static void db_open_paths(gz_db *db)
{
    if (db->parts.empty()) {
        db->db = open_local(db->path);
        return;
    }
    Xapian::Database all;
    for (size_t i = 0; i < db->parts.size(); i++)
        all.add_database(open_part(db->parts[i]));
    db->db = all;
}

/* ---- Errors ---------------------------------------------------------------
 * Records "[CONTEXT: ]Type: message[ (strerror)]".  CONTEXT (a path, or
 * NULL) is added only when Xapian's message does not name it already.
 * Builds no std::string: it also reports std::bad_alloc. */
static gz_status record_xapian(gz_status status, const char *context,
                               const Xapian::Error &e)
{
    const char *msg = e.get_msg().c_str();
    const char *err = e.get_error_string();
    const char *sep = (context && !std::strstr(msg, context)) ? ": " : "";
    return gz_error_set(status, "%s%s%s: %s%s%s%s",
                        *sep ? context : "", sep, e.get_type(), msg,
                        err ? " (" : "", err ? err : "", err ? ")" : "");
}

/* A wildcard past its cap, said as the query's text said it: Xapian's
 * "Wildcard Wimmi* expands to more than 1000 terms" names the index term
 * (schema_table.h's prefix and the word).  A query error, not Xapian's. */
static gz_status wildcard_error(const Xapian::WildcardError &e)
{
    static const char head[] = "Wildcard ", mid[] = "* expands to more than ";
    const std::string &msg = e.get_msg();
    size_t star = msg.find(mid);
    if (msg.compare(0, sizeof head - 1, head) != 0 || star == std::string::npos
        || star < sizeof head - 1 + SCHEMA_PREFIX_LEN)
        return gz_error_set(GZ_EPARSE, "%s", msg.c_str());
    std::string prefix = msg.substr(sizeof head - 1, SCHEMA_PREFIX_LEN);
    std::string word = msg.substr(sizeof head - 1 + SCHEMA_PREFIX_LEN,
                                  star - (sizeof head - 1 + SCHEMA_PREFIX_LEN));
    unsigned long cap = std::strtoul(msg.c_str() + star + sizeof mid - 1,
                                     NULL, 10);
    bool title = prefix == SCHEMA_PREFIX_TITLE_WORD;
    return gz_error_set(GZ_EPARSE, "'%s%s*' matches more than %lu %swords; "
                        "type more letters", title ? "title:" : "",
                        word.c_str(), cap, title ? "title " : "");
}

/* Classify the exception being handled (call only inside a catch block).
 *
 * DatabaseOpeningError that is neither NotFound nor Version (e.g. "Couldn't
 * detect type of database" for a directory that holds no index) is
 * GZ_ENOTFOUND, unless it carries an operating-system error (permission
 * denied, ...), which is GZ_EIO.  DatabaseCreateError (cannot create the
 * directory) is GZ_EIO.  A plain DatabaseError is GZ_EIO when it carries an
 * operating-system error, or when it is Xapian's "Modifications failed
 * (...)": a commit whose write failed (a full disk) and whose roll-back in
 * memory failed too ("couldn't open at the old revision"); the error is
 * only quoted in the message, but the revision on disk is whole.  Without
 * either it is Xapian finding a table inconsistent with itself - in 1.4
 * reading a block past the end of a truncated table throws
 * DatabaseError("Error reading block N: got end of file") - and so
 * GZ_ECORRUPT. */
static gz_status gz_map_exception(const char *context)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        /* A lock file that cannot even be opened (a read-only index) is
         * not another writer: it is an error to report, not to wait on. */
        if (e.get_error_string() ||
            e.get_msg().find("Couldn't open lockfile") != std::string::npos)
            return record_xapian(GZ_EIO, context, e);
        return record_xapian(GZ_ELOCKED, context, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return record_xapian(GZ_EMODIFIED, context, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return record_xapian(GZ_ECORRUPT, context, e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return record_xapian(GZ_ENOTFOUND, context, e);
    } catch (const Xapian::DatabaseVersionError &e) {
        return record_xapian(GZ_EVERSION, context, e);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return record_xapian(e.get_error_string() ? GZ_EIO : GZ_ENOTFOUND,
                             context, e);
    } catch (const Xapian::DatabaseCreateError &e) {
        return record_xapian(GZ_EIO, context, e);
    } catch (const Xapian::NetworkError &e) {
        /* A remote database that cannot be reached, timed out or went
         * away (NetworkTimeoutError is one). */
        return record_xapian(GZ_EIO, context, e);
    } catch (const Xapian::DatabaseClosedError &e) {
        return record_xapian(GZ_EXAPIAN, context, e);
    } catch (const Xapian::DatabaseError &e) {
        if (std::strcmp(e.get_type(), "DatabaseError") != 0)
            return record_xapian(GZ_EXAPIAN, context, e);
        bool failed_write = e.get_error_string() ||
                            e.get_msg().rfind("Modifications failed (", 0) == 0;
        return record_xapian(failed_write ? GZ_EIO : GZ_ECORRUPT, context, e);
    } catch (const Xapian::WildcardError &e) {
        return wildcard_error(e);
    } catch (const Xapian::Error &e) {
        return record_xapian(GZ_EXAPIAN, context, e);
    } catch (const std::bad_alloc &) {
        return gz_error_set(GZ_EOOM, "%s%sout of memory",
                            context ? context : "", context ? ": " : "");
    } catch (const std::exception &e) {
        return gz_error_set(GZ_EINTERNAL, "%s%sunexpected exception: %s",
                            context ? context : "", context ? ": " : "",
                            e.what());
    } catch (...) {
        return gz_error_set(GZ_EINTERNAL, "%s%sunexpected exception",
                            context ? context : "", context ? ": " : "");
    }
}

/* A malloc()ed, NUL-terminated copy of S; NULL when out of memory. */
/* Run FN, the body of an entry point, so that no exception leaves this
 * file: whatever it throws becomes gz_map_exception(CONTEXT)'s status. */
template <typename F> static gz_status guarded(const char *context, F fn)
{
    try {
        return fn();
    } catch (...) {
        return gz_map_exception(context);
    }
}

static char *copy_out(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p) {
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
    }
    return p;
}

static gz_status copy_out_value(const std::string &s, char **value,
                                size_t *len)
{
    char *p = copy_out(s);
    if (!p)
        return gz_error_set(GZ_EOOM, "out of memory copying %zu bytes",
                            s.size());
    *value = p;
    if (len)
        *len = s.size();
    return GZ_OK;
}

/* An id term must be non-empty: Xapian reads "" as "every document", so
 * replacing or deleting by "" would touch the whole index. */
static bool idterm_ok(const char *idterm)
{
    return idterm && *idterm;
}

/* ---- Documents under construction ---------------------------------------- */

extern "C" gz_doc *gz_doc_new(void)
{
    try {
        return new gz_doc;
    } catch (...) {
        gz_map_exception(NULL);
        return NULL;
    }
}

extern "C" void gz_doc_free(gz_doc *doc)
{
    delete doc;     /* Document's destructor does not throw */
}

/* Called millions of times by the indexer: keep it one call into Xapian. */
extern "C" gz_status gz_doc_add_posting(gz_doc *doc, const char *term,
                                        size_t len, unsigned pos,
                                        unsigned wdf_inc)
{
    return guarded(NULL, [&]() -> gz_status {
        doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
        return GZ_OK;
    });
}

extern "C" gz_status gz_doc_add_boolean(gz_doc *doc, const char *term,
                                        size_t len)
{
    return guarded(NULL, [&]() -> gz_status {
        doc->doc.add_boolean_term(std::string(term, len));
        return GZ_OK;
    });
}

extern "C" gz_status gz_doc_add_spelling(gz_doc *doc, const char *word,
                                         size_t len)
{
    return guarded(NULL, [&]() -> gz_status {
        doc->spelling[std::string(word, len)]++;
        return GZ_OK;
    });
}

extern "C" size_t gz_doc_distinct(const gz_doc *doc)
{
    /* Neither throws: a document built here has no database behind it,
     * so both are the size of a map. */
    size_t terms = doc->doc.termlist_count();
    return terms > doc->spelling.size() ? terms : doc->spelling.size();
}

extern "C" gz_status gz_doc_set_value(gz_doc *doc, unsigned slot,
                                      const char *value, size_t len)
{
    return guarded(NULL, [&]() -> gz_status {
        doc->doc.add_value(slot, std::string(value, len));
        return GZ_OK;
    });
}

extern "C" gz_status gz_doc_set_data(gz_doc *doc, const char *data,
                                     size_t len)
{
    return guarded(NULL, [&]() -> gz_status {
        doc->doc.set_data(std::string(data, len));
        return GZ_OK;
    });
}

/* ---- Writing --------------------------------------------------------------- */

/* Every change goes inside the transaction; begin one again if a failed
 * commit left none. */
static void writer_begin(gz_writer *w)
{
    if (!w->in_transaction) {
        w->db.begin_transaction(true);
        w->in_transaction = true;
    }
}

extern "C" gz_status gz_writer_open(const char *path, int create,
                                    gz_writer **out)
{
    gz_writer *w = NULL;
    if (!path || !*path || !out)
        return gz_error_set(GZ_EINVAL, "gz_writer_open: no path");
    *out = NULL;
    try {
        w = new gz_writer;
        w->path = path;
        w->in_transaction = false;
        w->scratch = (create & GZ_WRITER_SCRATCH) != 0;
        w->pending = 0;
        w->failed = false;
        /* No backend flag: Xapian then follows an index that is a stub
         * (layout.h) to the database it names, where DB_BACKEND_GLASS
         * would create a second, empty database beside the stub.  A new
         * database is glass, Xapian 1.4's default. */
        int flags = (create & GZ_WRITER_CREATE) ? Xapian::DB_CREATE_OR_OPEN
                                                : Xapian::DB_OPEN;
        if (create & GZ_WRITER_NO_SYNC)
            flags |= Xapian::DB_NO_SYNC;
        w->db = Xapian::WritableDatabase(w->path, flags);
        writer_begin(w);
        *out = w;
        return GZ_OK;
    } catch (...) {
        gz_status st = gz_map_exception(path);
        delete w;   /* no transaction yet, or an empty one: nothing to lose */
        return st;
    }
}

extern "C" gz_status gz_writer_replace(gz_writer *w, const char *idterm,
                                       gz_doc *doc)
{
    if (!idterm_ok(idterm) || !doc)
        return gz_error_set(GZ_EINVAL, "%s: replace without an id term",
                            w->path.c_str());
    return guarded(w->path.c_str(), [&]() -> gz_status {
        writer_begin(w);
        /* A document without its id term would never be replaced again,
         * and re-indexing it would duplicate it: make sure it has it. */
        doc->doc.add_boolean_term(idterm);
        w->db.replace_document(idterm, doc->doc);
        w->pending += doc_weight(doc->doc);
        for (std::unordered_map<std::string, unsigned>::const_iterator i =
                 doc->spelling.begin(); i != doc->spelling.end(); ++i)
            w->spelling[i->first] += i->second;
        return GZ_OK;
    });
}

extern "C" gz_status gz_writer_delete(gz_writer *w, const char *idterm)
{
    if (!idterm_ok(idterm))
        return gz_error_set(GZ_EINVAL, "%s: delete without an id term",
                            w->path.c_str());
    return guarded(w->path.c_str(), [&]() -> gz_status {
        writer_begin(w);
        w->db.delete_document(idterm);
        return GZ_OK;
    });
}

/* The stored data of the document with IDTERM in DB (PATH names it). */
static gz_status id_data(const Xapian::Database &db, const std::string &path,
                         const char *idterm, char **data, size_t *len)
{
    Xapian::PostingIterator p = db.postlist_begin(idterm);
    if (p == db.postlist_end(idterm))
        return gz_error_set(GZ_ENOTFOUND, "%s: no document with id term %s",
                            path.c_str(), idterm);
    return copy_out_value(db.get_document(*p).get_data(), data, len);
}

extern "C" gz_status gz_writer_get_data(gz_writer *w, const char *idterm,
                                        char **data, size_t *len)
{
    if (!idterm_ok(idterm) || !data)
        return gz_error_set(GZ_EINVAL, "%s: fetch without an id term",
                            w->path.c_str());
    return guarded(w->path.c_str(), [&]() -> gz_status {
        return id_data(w->db, w->path, idterm, data, len);
    });
}

extern "C" gz_status gz_writer_get_value(gz_writer *w, const char *idterm,
                                         unsigned slot, char *out,
                                         size_t cap, size_t *len)
{
    if (!idterm_ok(idterm) || !out || !len)
        return gz_error_set(GZ_EINVAL, "%s: fetch without an id term",
                            w->path.c_str());
    return guarded(w->path.c_str(), [&]() -> gz_status {
        Xapian::PostingIterator p = w->db.postlist_begin(idterm);
        if (p == w->db.postlist_end(idterm))
            return gz_error_set(GZ_ENOTFOUND, "%s: no document with id "
                                "term %s", w->path.c_str(), idterm);
        /* A lazy document: only the slot's value is read. */
        std::string v = w->db.get_document(*p, Xapian::DOC_ASSUME_VALID)
                            .get_value(slot);
        *len = v.size();
        memcpy(out, v.data(), v.size() < cap ? v.size() : cap);
        return GZ_OK;
    });
}

extern "C" gz_status gz_writer_set_metadata(gz_writer *w, const char *key,
                                            const char *value, size_t len)
{
    if (!key || !*key)
        return gz_error_set(GZ_EINVAL, "%s: empty metadata key",
                            w->path.c_str());
    return guarded(w->path.c_str(), [&]() -> gz_status {
        writer_begin(w);
        w->db.set_metadata(key, std::string(value ? value : "",
                                            value ? len : 0));
        return GZ_OK;
    });
}

extern "C" gz_status gz_writer_get_metadata(gz_writer *w, const char *key,
                                            char **value, size_t *len)
{
    if (!key || !*key || !value)
        return gz_error_set(GZ_EINVAL, "%s: empty metadata key",
                            w->path.c_str());
    return guarded(w->path.c_str(), [&]() -> gz_status {
        return copy_out_value(w->db.get_metadata(key), value, len);
    });
}

extern "C" gz_status gz_writer_metadata_keys(gz_writer *w, const char *prefix,
                                             gz_metadata_key_fn fn, void *ctx)
{
    if (!w || !prefix || !fn)
        return gz_error_set(GZ_EINVAL, "gz_writer_metadata_keys: missing argument");
    return guarded(w->path.c_str(), [&]() -> gz_status {
        /* Copy the keys first: the callback may change metadata. */
        std::vector<std::string> keys;
        for (Xapian::TermIterator k = w->db.metadata_keys_begin(prefix);
             k != w->db.metadata_keys_end(prefix); ++k)
            keys.push_back(*k);
        for (size_t i = 0; i < keys.size(); i++)
            if (fn(ctx, keys[i].c_str()) != 0)
                break;
        return GZ_OK;
    });
}

extern "C" gz_status gz_writer_commit(gz_writer *w)
{
    try {
        if (w->in_transaction) {
            /* Cancelled by Xapian if it fails: "none of the
             * modifications ... will have been applied". */
            if (!w->scratch || w->spelling.size() >= GZ_WRITER_SPELLING_MAX)
                writer_flush_spelling(w);
            w->in_transaction = false;
            w->pending = 0;     /* committed, or dropped by a failure */
            w->db.commit_transaction();
        }
        writer_begin(w);
        return GZ_OK;
    } catch (...) {
        w->failed = w->scratch;
        return gz_map_exception(w->path.c_str());
    }
}

extern "C" size_t gz_writer_pending(const gz_writer *w)
{
    return w->pending + GZ_COST_SPELLING * w->spelling.size();
}

extern "C" gz_status gz_writer_doccount(gz_writer *w, unsigned long *count)
{
    return guarded(w->path.c_str(), [&]() -> gz_status {
        *count = w->db.get_doccount();
        return GZ_OK;
    });
}

extern "C" gz_status gz_writer_close(gz_writer *w, int commit)
{
    gz_status st = GZ_OK;
    if (!w)
        return GZ_OK;
    if (commit && w->failed) {
        st = gz_error_set(GZ_EINVAL, "%s: an earlier commit failed: this "
                          "scratch database cannot be completed",
                          w->path.c_str());
        commit = 0;
    }
    try {
        if (w->in_transaction) {
            if (commit)
                writer_flush_spelling(w);
            w->in_transaction = false;
            if (commit)
                w->db.commit_transaction();
            else
                w->db.cancel_transaction();
        }
    } catch (...) {
        st = gz_map_exception(w->path.c_str());
    }
    try {
        /* No transaction is active now and nothing is pending, so close()
         * commits nothing: it only releases the lock. */
        w->db.close();
    } catch (...) {
        gz_status st2 = gz_map_exception(w->path.c_str());
        if (st == GZ_OK)
            st = st2;
    }
    delete w;
    return st;
}

/* ---- Query trees ------------------------------------------------------------ */

static gz_status bad_tree(const char *why)
{
    return gz_error_set(GZ_EINVAL, "malformed query tree: %s", why);
}

static gz_status build_query(const gz_qnode *n, int depth,
                             const Xapian::Database *db, Xapian::Query &out);

/* 1 when TERM indexes every document of DB (not NULL, not empty).  Such
 * a filter term is the same as every document, and must be asked as such:
 * Xapian 1.4.22 reads an unweighted term of every document from the
 * document-length list, still checking its chunks' keys against the
 * term's name, and fails with "Unexpected end of posting list" when that
 * list has more than one chunk and the document ids have gaps (a -j 2
 * build whose later files replaced articles of earlier ones: source:
 * of a one-source archive; t812). */
static bool every_document(const Xapian::Database *db, const char *term)
{
    if (!db)
        return false;
    Xapian::doccount n = db->get_doccount();
    return n > 0 && db->get_termfreq(term) == n;
}

/* Children FROM..n->nchildren-1 of N, as Xapian queries. */
static gz_status build_children(const gz_qnode *n, size_t from, int depth,
                                const Xapian::Database *db,
                                std::vector<Xapian::Query> &out)
{
    if (n->nchildren && !n->children)
        return bad_tree("children missing");
    out.reserve(n->nchildren - from);
    for (size_t i = from; i < n->nchildren; i++) {
        Xapian::Query q;
        gz_status st = build_query(n->children[i], depth + 1, db, q);
        if (st != GZ_OK)
            return st;
        out.push_back(q);
    }
    return GZ_OK;
}

static bool term_or_terms(const gz_qnode *n)
{
    if (n->op == GZ_Q_TERM)
        return true;
    if (n->op != GZ_Q_OR || n->nchildren == 0)
        return false;
    for (size_t i = 0; i < n->nchildren; i++)
        if (n->children[i]->op != GZ_Q_TERM)
            return false;
    return true;
}

/* AND, OR, PHRASE, NEAR, SYNONYM: one operator over every child. */
static gz_status build_nary(const gz_qnode *n, int depth,
                            const Xapian::Database *db, Xapian::Query &out)
{
    std::vector<Xapian::Query> kids;
    gz_status st;
    if (n->nchildren == 0)
        return bad_tree("operator without operands");
    if ((st = build_children(n, 0, depth, db, kids)) != GZ_OK)
        return st;
    /* Xapian 1.4 throws UnimplementedError for anything but terms and
     * ORs of terms. */
    if (n->op == GZ_Q_PHRASE || n->op == GZ_Q_NEAR)
        for (size_t i = 0; i < n->nchildren; i++)
            if (!term_or_terms(n->children[i]))
                return bad_tree("PHRASE and NEAR take only terms and ORs "
                                "of terms");
    Xapian::Query::op xop = n->op == GZ_Q_AND ? Xapian::Query::OP_AND
                          : n->op == GZ_Q_OR ? Xapian::Query::OP_OR
                          : n->op == GZ_Q_SYNONYM ? Xapian::Query::OP_SYNONYM
                          : n->op == GZ_Q_PHRASE ? Xapian::Query::OP_PHRASE
                          : Xapian::Query::OP_NEAR;
    Xapian::termcount window = 0;
    if (n->op == GZ_Q_PHRASE)
        window = n->window ? n->window
                           : static_cast<Xapian::termcount>(n->nchildren);
    else if (n->op == GZ_Q_NEAR)
        window = n->window;
    out = Xapian::Query(xop, kids.begin(), kids.end(), window);
    return GZ_OK;
}

/* AND_NOT, FILTER: the first child, without or restricted to the rest. */
static gz_status build_first_rest(const gz_qnode *n, int depth,
                                  const Xapian::Database *db,
                                  Xapian::Query &out)
{
    std::vector<Xapian::Query> kids;
    Xapian::Query first;
    gz_status st;
    if (n->nchildren == 0)
        return bad_tree("operator without operands");
    if (!n->children)
        return bad_tree("children missing");
    if ((st = build_query(n->children[0], depth + 1, db, first)) != GZ_OK)
        return st;
    if ((st = build_children(n, 1, depth, db, kids)) != GZ_OK)
        return st;
    if (kids.empty()) {
        out = first;    /* nothing to exclude, nothing to filter by */
    } else if (n->op == GZ_Q_AND_NOT) {
        Xapian::Query rest(Xapian::Query::OP_OR, kids.begin(), kids.end());
        out = Xapian::Query(Xapian::Query::OP_AND_NOT, first, rest);
    } else {
        Xapian::Query rest(Xapian::Query::OP_AND, kids.begin(), kids.end());
        out = Xapian::Query(Xapian::Query::OP_FILTER, first, rest);
    }
    return GZ_OK;
}

static Xapian::Query build_range(const gz_qnode *n)
{
    const char *lo = n->lo ? n->lo : "";
    const char *hi = n->hi ? n->hi : "";
    if (*lo && *hi)
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, n->slot, lo, hi);
    if (*hi)
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, n->slot, hi);
    if (*lo)
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, n->slot, lo);
    /* Open at both ends: every document with a value in the slot;
     * VALUE_GE "" would match all, VALUE_GE "\0" is every non-empty
     * value. */
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, n->slot,
                         std::string(1, '\0'));
}

static gz_status build_query(const gz_qnode *n, int depth,
                             const Xapian::Database *db, Xapian::Query &out)
{
    gz_status st = GZ_OK;
    int op;

    if (!n)
        return bad_tree("null node");
    if (depth > GZ_QUERY_MAX_DEPTH)
        return bad_tree("nested too deeply");
    if (!(n->scale >= 0) || std::isinf(n->scale))
        return bad_tree("weight scale is negative or not a number");

    /* Read as the int C stores: any int is a valid gz_qop in C, not in
     * C++, where loading an out-of-range enum is undefined. */
    static_assert(sizeof n->op == sizeof op, "gz_qop is an int");
    std::memcpy(&op, &n->op, sizeof op);
    switch (op) {
    case GZ_Q_TERM:
    case GZ_Q_BOOLEAN:
        if (!n->term || !*n->term)
            return bad_tree("term node without a term");
        out = Xapian::Query(n->term);
        if (n->op == GZ_Q_BOOLEAN && every_document(db, n->term))
            out = Xapian::Query::MatchAll;
        if (n->op == GZ_Q_BOOLEAN)
            out = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, out, 0.0);
        break;
    case GZ_Q_AND:
    case GZ_Q_OR:
    case GZ_Q_PHRASE:
    case GZ_Q_NEAR:
    case GZ_Q_SYNONYM:
        st = build_nary(n, depth, db, out);
        break;
    case GZ_Q_AND_NOT:
    case GZ_Q_FILTER:
        st = build_first_rest(n, depth, db, out);
        break;
    case GZ_Q_RANGE:
        out = build_range(n);
        break;
    case GZ_Q_ALL:
        out = Xapian::Query::MatchAll;
        break;
    case GZ_Q_WILDCARD:
        if (!n->term || !*n->term || !n->window)
            return bad_tree("wildcard without a prefix or a cap");
        out = Xapian::Query(Xapian::Query::OP_WILDCARD, n->term, n->window,
                            Xapian::Query::WILDCARD_LIMIT_ERROR);
        break;
    case GZ_Q_NONE:
        out = Xapian::Query::MatchNothing;
        break;
    default:
        return bad_tree("unknown operator");
    }
    if (st != GZ_OK)
        return st;

    if (n->scale != 0 && n->scale != 1)
        out = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, out, n->scale);
    return GZ_OK;
}

/* ---- Reading and searching ------------------------------------------------- */

extern "C" gz_status gz_db_open(const char *path, gz_db **out)
{
    gz_db *db = NULL;
    if (!path || !*path || !out)
        return gz_error_set(GZ_EINVAL, "gz_db_open: no path");
    *out = NULL;
    try {
        db = new gz_db;
        db->path = path;
        db->db = open_local(db->path);
        *out = db;
        return GZ_OK;
    } catch (...) {
        gz_status st = gz_map_exception(path);
        delete db;
        return st;
    }
}

extern "C" gz_status gz_db_open_many(const char *const *paths, size_t n,
                                     gz_db **out)
{
    gz_db *db = NULL;
    if (!paths || n == 0 || !out)
        return gz_error_set(GZ_EINVAL, "gz_db_open_many: no paths");
    *out = NULL;
    for (size_t i = 0; i < n; i++)
        if (!paths[i] || !*paths[i])
            return gz_error_set(GZ_EINVAL, "gz_db_open_many: empty path");
    const char *at = paths[0];
    try {
        db = new gz_db;
        for (size_t i = 0; i < n; i++) {
            gz_part p = { paths[i], "", 0, 0 };
            db->parts.push_back(p);
            db->path += (i ? ", " : "") + p.path;
        }
        /* Open them one by one, so a failure names its own path. */
        for (size_t i = 0; i < n; i++) {
            at = paths[i];
            db->db.add_database(open_part(db->parts[i]));
        }
        *out = db;
        return GZ_OK;
    } catch (...) {
        gz_status st = gz_map_exception(at);
        delete db;
        return st;
    }
}

extern "C" gz_status gz_db_open_remote(const char *host, unsigned port,
                                       unsigned timeout_ms, gz_db **out)
{
    gz_db *db = NULL;
    if (!host || !*host || !port || !out)
        return gz_error_set(GZ_EINVAL, "gz_db_open_remote: no host or port");
    *out = NULL;
    char name[300];
    std::snprintf(name, sizeof name, "%s:%u", host, port);
    try {
        db = new gz_db;
        gz_part p = { "", host, port, timeout_ms };
        db->parts.push_back(p);
        db->path = name;
        db->db = open_part(p);
        *out = db;
        return GZ_OK;
    } catch (...) {
        gz_status st = gz_map_exception(name);
        delete db;
        return st;
    }
}

extern "C" gz_status gz_db_combine(gz_db **dbs, size_t n, gz_db **out)
{
    gz_db *db = NULL;
    gz_status st = GZ_OK;
    if (!dbs || n == 0 || !out)
        return gz_error_set(GZ_EINVAL, "gz_db_combine: no databases");
    *out = NULL;
    try {
        db = new gz_db;
        for (size_t i = 0; i < n; i++) {
            gz_db *one = dbs[i];
            if (one->parts.empty()) {
                gz_part p = { one->path, "", 0, 0 };
                db->parts.push_back(p);
            } else {
                db->parts.insert(db->parts.end(), one->parts.begin(),
                                 one->parts.end());
            }
            db->path += (i ? ", " : "") + one->path;
            db->db.add_database(one->db);
        }
        *out = db;
        db = NULL;
    } catch (...) {
        st = gz_map_exception(NULL);
    }
    delete db;
    /* The combined database shares each one's connection or files: the
     * handles go without closing them. */
    for (size_t i = 0; i < n; i++) {
        delete dbs[i];
        dbs[i] = NULL;
    }
    return st;
}

extern "C" void gz_db_close(gz_db *db)
{
    if (!db)
        return;
    try {
        db->db.close();
    } catch (...) {
        gz_map_exception(db->path.c_str());     /* nothing to lose: ignore */
    }
    delete db;
}

/* Bring DB to the latest revision.  After a --rebuild or --compact swapped
 * the index for a new generation, the old one is gone and reopen() cannot
 * follow it; a reopen that failed on one table (overtaken by commits, see
 * opening(), or damage) has left the others at the new revision.  Either
 * way: open the path again.  If that fails too, DB is closed: Xapian has
 * read the new version file, and its next reopen() would keep the mix of
 * revisions; a closed one fails every read and reopens afresh. */
static void reopen_db(gz_db *db)
{
    try {
        db->db.reopen();
    } catch (const Xapian::DatabaseError &) {    /* Opening, Corrupt, ... */
        try {
            db_open_paths(db);
        } catch (...) {
            try {
                db->db.close();
            } catch (...) {
            }
            throw;
        }
    }
}

/* FN() (which reads DB) again on a reopened reader after a
 * DatabaseModifiedError, a few times (GZ_MODIFIED_RETRIES). */
template <typename F> static gz_status retrying(gz_db *db, F fn)
{
    for (int retry = 0;; retry++) {
        try {
            return fn();
        } catch (const Xapian::DatabaseModifiedError &) {
            if (retry == GZ_MODIFIED_RETRIES)
                throw;
            reopen_db(db);
        }
    }
}

extern "C" gz_status gz_db_reopen(gz_db *db)
{
    return guarded(db->path.c_str(), [&]() -> gz_status {
        reopen_db(db);
        return GZ_OK;
    });
}

extern "C" gz_status gz_db_doccount(gz_db *db, unsigned long *count)
{
    return guarded(db->path.c_str(), [&]() -> gz_status {
        *count = db->db.get_doccount();
        return GZ_OK;
    });
}

extern "C" gz_status gz_db_get_metadata(gz_db *db, const char *key,
                                        char **value, size_t *len)
{
    if (!key || !*key || !value)
        return gz_error_set(GZ_EINVAL, "%s: empty metadata key",
                            db->path.c_str());
    return guarded(db->path.c_str(), [&]() -> gz_status {
        return retrying(db, [&]() {
            return copy_out_value(db->db.get_metadata(key), value, len);
        });
    });
}

/* A DatabaseModifiedError reopens the reader and tries again. */
extern "C" gz_status gz_db_get_data(gz_db *db, const char *idterm,
                                    char **data, size_t *len)
{
    if (!idterm_ok(idterm) || !data)
        return gz_error_set(GZ_EINVAL, "%s: fetch without an id term",
                            db->path.c_str());
    return guarded(db->path.c_str(), [&]() -> gz_status {
        return retrying(db, [&]() {
            return id_data(db->db, db->path, idterm, data, len);
        });
    });
}

extern "C" gz_status gz_db_date_bounds(gz_db *db, unsigned slot, char **lo,
                                       char **hi)
{
    if (!db || !lo || !hi)
        return gz_error_set(GZ_EINVAL, "gz_db_date_bounds: missing argument");
    *lo = *hi = NULL;
    return guarded(db->path.c_str(), [&]() -> gz_status {
        std::string low, high;
        retrying(db, [&]() {
            low = db->db.get_value_lower_bound(slot);
            high = db->db.get_value_upper_bound(slot);
            return GZ_OK;
        });
        size_t len;
        gz_status st = copy_out_value(low, lo, &len);
        if (st == GZ_OK)
            st = copy_out_value(high, hi, &len);
        if (st != GZ_OK) {
            std::free(*lo);
            *lo = NULL;
        }
        return st;
    });
}

/* ---- Ranking ----------------------------------------------------------------- */

/* The Enquire of one search and the window it fetched last.  KEYS is
 * declared before ENQUIRE, which points to it, so that it outlives it. */
struct gz_ranking {
    gz_db *db;
    Xapian::MultiValueKeyMaker keys;
    Xapian::Enquire enquire;
    Xapian::MSet mset;
    explicit gz_ranking(gz_db *d) : db(d), enquire(d->db) {}
};

extern "C" int gz_db_has_remote(const gz_db *db)
{
    for (size_t i = 0; i < db->parts.size(); i++)
        if (db->parts[i].path.empty())
            return 1;
    return 0;
}

static void ranking_weighting(gz_ranking *r, const gz_ranking_opts *o)
{
    double k1 = o->bm25_k1 != 0 ? o->bm25_k1 : 1.0;
    double b = o->bm25_b != 0 ? o->bm25_b : 0.5;
    double min_normlen = o->tune.min_normlen != 0 ? o->tune.min_normlen : 0.5;
    if (o->tune.bm25plus_delta > 0)
        r->enquire.set_weighting_scheme(Xapian::BM25PlusWeight(
            k1, 0.0, 1.0, b, min_normlen, o->tune.bm25plus_delta));
    else
        r->enquire.set_weighting_scheme(Xapian::BM25Weight(
            k1, 0.0, 1.0, b, min_normlen));
}

/* One key without a default is Xapian's value sort (the remote backend
 * takes no KeyMaker); anything else a MultiValueKeyMaker. */
static void ranking_order(gz_ranking *r, const gz_ranking_opts *o)
{
    const gz_sort_key &first = o->keys[0];
    if (o->nkeys == 1 && !(first.missing && *first.missing)) {
        if (o->keys_first)
            r->enquire.set_sort_by_value_then_relevance(first.slot,
                                                        first.descending);
        else
            r->enquire.set_sort_by_relevance_then_value(first.slot,
                                                        first.descending);
        return;
    }
    for (size_t i = 0; i < o->nkeys; i++)
        r->keys.add_value(o->keys[i].slot, o->keys[i].descending != 0,
                          o->keys[i].missing ? o->keys[i].missing : "");
    if (o->keys_first)
        r->enquire.set_sort_by_key_then_relevance(&r->keys, false);
    else
        r->enquire.set_sort_by_relevance_then_key(&r->keys, false);
}

/* Pseudo-relevance feedback (gz_ranking_opts.expand_*).  Xapian's
 * ESet (Bo1, the DFR expansion model: no parameter to tune) picks terms
 * from the first hits; the query's own terms are left out by Xapian,
 * prefixed terms (Q ids, S title copies, K sources, Y/M/D dates) here. */
struct expand_decider : public Xapian::ExpandDecider {
    bool operator()(const std::string &term) const {
        return !term.empty() && !schema_term_prefixed(term[0]);
    }
};

/* The expansion terms for QUERY as one OR, each scaled by its share of
 * the ESet's weight, all of them together expand_weight times as heavy
 * as the query's own words.  False when there is nothing to add. */
static bool expansion_terms(Xapian::Enquire &enquire,
                            const Xapian::Query &query,
                            const gz_ranking_opts *o, Xapian::Query &added)
{
    Xapian::MSet top = enquire.get_mset(0, o->expand_docs);
    if (top.empty())
        return false;
    Xapian::RSet rset;
    double top_weight = 0;
    for (Xapian::MSetIterator it = top.begin(); it != top.end(); ++it) {
        rset.add_document(*it);
        top_weight += it.get_weight();
    }
    /* Feedback from hits that hold few of the query's words drifts away
     * from it (RANKING.md). */
    if (!(top_weight / top.size() >=
          o->tune.expand_min_match * top.get_max_possible()))
        return false;
    double words = 0;
    for (Xapian::TermIterator t = query.get_unique_terms_begin();
         t != query.get_unique_terms_end(); ++t)
        if (expand_decider()(*t))
            words++;
    expand_decider decider;
    enquire.set_expansion_scheme("bo1");
    Xapian::ESet eset = enquire.get_eset(o->expand_terms, rset, 0, &decider);
    double sum = 0;
    for (Xapian::ESetIterator e = eset.begin(); e != eset.end(); ++e)
        sum += e.get_weight();
    if (eset.empty() || !(sum > 0) || words == 0)
        return false;
    std::vector<Xapian::Query> terms;
    for (Xapian::ESetIterator e = eset.begin(); e != eset.end(); ++e)
        terms.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                      Xapian::Query(*e),
                                      o->expand_weight * words *
                                      e.get_weight() / sum));
    added = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return true;
}

/* Tree N (built as QUERY) with the expansion terms ADDED where N's words
 * are alternatives (an OR: --any) and not REORDER, so that articles
 * strong in them are found too; where the words are required, or with
 * REORDER, they only add weight (AND_MAYBE).  The filters and exclusions
 * of N still apply to all. */
static gz_status expanded_query(const gz_qnode *n, const Xapian::Query &query,
                                const Xapian::Query &added, bool reorder,
                                const Xapian::Database *db, Xapian::Query &out)
{
    if ((n->op == GZ_Q_FILTER || n->op == GZ_Q_AND_NOT) &&
        n->nchildren > 1 && (n->scale == 0 || n->scale == 1)) {
        Xapian::Query first, inner;
        gz_status st = build_query(n->children[0], 1, db, first);
        if (st == GZ_OK)
            st = expanded_query(n->children[0], first, added, reorder, db, inner);
        std::vector<Xapian::Query> kids;
        if (st == GZ_OK)
            st = build_children(n, 1, 1, db, kids);
        if (st != GZ_OK)
            return st;
        bool filter = n->op == GZ_Q_FILTER;
        Xapian::Query rest(filter ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                           kids.begin(), kids.end());
        out = Xapian::Query(filter ? Xapian::Query::OP_FILTER
                                   : Xapian::Query::OP_AND_NOT, inner, rest);
        return GZ_OK;
    }
    out = Xapian::Query(n->op == GZ_Q_OR && !reorder ? Xapian::Query::OP_OR
                                         : Xapian::Query::OP_AND_MAYBE,
                        query, added);
    return GZ_OK;
}


/* Add the expansion terms to R's query Q (built from TREE), as
 * expanded_query() says, when O asks for feedback. */
static void ranking_expand(gz_ranking *r, const gz_qnode *tree,
                           const Xapian::Query &q, const gz_ranking_opts *o)
{
    Xapian::Query added, expanded;
    if (!o->expand_docs || !o->expand_terms || !(o->expand_weight > 0) ||
        !expansion_terms(r->enquire, q, o, added))
        return;
    if (expanded_query(tree, q, added, o->expand_reorder != 0, &r->db->db,
                       expanded) != GZ_OK)
        /* build_query() accepted this tree already */
        throw Xapian::InvalidArgumentError(gz_last_error());
    r->enquire.set_query(expanded);
}

/* Term proximity (ranking.h): the stems of TREE's word list that stand
 * side by side in the query, each pair within the window in any order
 * (OP_NEAR), as an OR scaled by the proximity weight.  The word list is
 * the OR (--any) or AND under the filters and exclusions; a boosted word,
 * a phrase, a field's or an exact term breaks a pair, as does a repeated
 * word, and --like's weighted terms are never a pair: they are not
 * typed in an order.  False when there is no pair. */
static bool proximity_query(const gz_qnode *tree, const gz_ranking_opts *o,
                            Xapian::Query &out)
{
    const gz_qnode *n = tree;
    while ((n->op == GZ_Q_FILTER || n->op == GZ_Q_AND_NOT) && n->nchildren > 0)
        n = n->children[0];
    if (!(o->tune.proximity > 0) || (n->op != GZ_Q_OR && n->op != GZ_Q_AND) ||
        n->scale != 0)
        return false;
    std::vector<Xapian::Query> pairs;
    for (size_t i = 1; i < n->nchildren; i++) {
        const gz_qnode *a = n->children[i - 1], *b = n->children[i];
        if (a->op != GZ_Q_TERM || b->op != GZ_Q_TERM || a->scale != 0 ||
            b->scale != 0 || schema_term_prefixed(a->term[0]) ||
            schema_term_prefixed(b->term[0]) || strcmp(a->term, b->term) == 0)
            continue;
        Xapian::Query two[2] = { Xapian::Query(a->term), Xapian::Query(b->term) };
        pairs.push_back(Xapian::Query(Xapian::Query::OP_NEAR, two, two + 2,
                                      o->tune.proximity_window));
    }
    if (pairs.empty())
        return false;
    out = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query(Xapian::Query::OP_OR, pairs.begin(),
                                      pairs.end()),
                        o->tune.proximity);
    return true;
}

extern "C" gz_status gz_ranking_new(gz_db *db, const gz_qnode *query,
                                    const gz_ranking_opts *opts,
                                    gz_ranking **out)
{
    gz_ranking *r = NULL;
    if (!db || !opts || !out || opts->nkeys < 1 || opts->nkeys > 2)
        return gz_error_set(GZ_EINVAL, "gz_ranking_new: missing argument");
    *out = NULL;
    try {
        Xapian::Query q;
        gz_status st = build_query(query, 0, &db->db, q);
        if (st != GZ_OK)
            return st;
        r = new gz_ranking(db);
        r->enquire.set_query(q);
        ranking_weighting(r, opts);
        ranking_order(r, opts);
        /* Before the collapse key: feedback reads the first hits as
         * ranked, copies and all. */
        ranking_expand(r, query, q, opts);
        /* Weight only: AND_MAYBE keeps the match set the query's. */
        Xapian::Query near;
        if (!opts->keys_first && proximity_query(query, opts, near))
            r->enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE,
                                               r->enquire.get_query(), near));
        if (opts->collapse)
            r->enquire.set_collapse_key(opts->collapse_slot);
        *out = r;
        return GZ_OK;
    } catch (...) {
        gz_status st = gz_map_exception(db->path.c_str());
        delete r;
        return st;
    }
}

extern "C" gz_status gz_ranking_fetch(gz_ranking *r, unsigned first,
                                      unsigned count, unsigned check)
{
    return guarded(r->db->path.c_str(), [&]() -> gz_status {
        r->mset = Xapian::MSet();   /* a failed fetch holds no window */
        r->mset = r->enquire.get_mset(first, count, check);
        return GZ_OK;
    });
}

extern "C" size_t gz_ranking_count(const gz_ranking *r)
{
    return r->mset.size();
}

extern "C" unsigned long gz_ranking_total(const gz_ranking *r,
                                          unsigned long *lower,
                                          unsigned long *upper)
{
    if (lower)
        *lower = r->mset.get_matches_lower_bound();
    if (upper)
        *upper = r->mset.get_matches_upper_bound();
    return r->mset.get_matches_estimated();
}

/* Reads only what get_mset() brought: nothing here throws. */
extern "C" void gz_ranking_candidate(const gz_ranking *r, size_t i,
                                     gz_candidate *out)
{
    Xapian::MSetIterator it = r->mset[static_cast<Xapian::doccount>(i)];
    out->docid = *it;
    out->weight = it.get_weight();
    out->collapsed = it.get_collapse_count();
}

extern "C" gz_status gz_ranking_value(gz_ranking *r, size_t i, unsigned slot,
                                      char **value, size_t *len)
{
    return guarded(r->db->path.c_str(), [&]() -> gz_status {
        Xapian::MSetIterator it = r->mset[static_cast<Xapian::doccount>(i)];
        return copy_out_value(it.get_document().get_value(slot), value, len);
    });
}

extern "C" gz_status gz_ranking_data(gz_ranking *r, size_t i,
                                     unsigned head_slot, char **data,
                                     size_t *len)
{
    return guarded(r->db->path.c_str(), [&]() -> gz_status {
        Xapian::MSetIterator it = r->mset[static_cast<Xapian::doccount>(i)];
        Xapian::Document doc = it.get_document();
        std::string s;
        if (head_slot)
            s = doc.get_value(head_slot);
        if (s.empty())
            s = doc.get_data();
        return copy_out_value(s, data, len);
    });
}

extern "C" void gz_ranking_free(gz_ranking *r)
{
    delete r;   /* Xapian's destructors do not throw */
}

/* ---- The match set as a whole ---------------------------------------------- */

extern "C" gz_status gz_db_value_counts(gz_db *db, const gz_qnode *query,
                                        unsigned slot, gz_value_count_fn fn,
                                        void *ctx, unsigned long *total)
{
    if (!db || !query || !fn || !total)
        return gz_error_set(GZ_EINVAL, "gz_db_value_counts: missing argument");
    return guarded(db->path.c_str(), [&]() -> gz_status {
        Xapian::Query q;
        gz_status st = build_query(query, 0, &db->db, q);
        if (st != GZ_OK)
            return st;
        return retrying(db, [&]() {
            Xapian::Enquire enquire(db->db);
            enquire.set_query(q);
            /* Boolean weighting: no score is wanted, only the set. */
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            Xapian::ValueCountMatchSpy spy(slot);
            enquire.add_matchspy(&spy);
            /* check_at_least = every document: the spy sees every match,
             * so the counts are exact, not a sample. */
            Xapian::MSet m = enquire.get_mset(0, 0, db->db.get_doccount());
            *total = m.get_matches_estimated();
            /* values_begin() walks the values in order. */
            for (Xapian::TermIterator v = spy.values_begin();
                 v != spy.values_end(); ++v) {
                std::string value = *v;
                if (fn(ctx, value.c_str(), value.size(), v.get_termfreq()) != 0)
                    break;
            }
            return GZ_OK;
        });
    });
}

/* expand_decider, and the caller's own test. */
struct eset_decider : public Xapian::ExpandDecider {
    gz_term_ok_fn ok;
    void *ctx;
    eset_decider(gz_term_ok_fn f, void *c) : ok(f), ctx(c) {}
    bool operator()(const std::string &term) const {
        return expand_decider()(term) &&
               (!ok || ok(ctx, term.data(), term.size()));
    }
};

extern "C" gz_status gz_db_eset(gz_db *db, const gz_qnode *query,
                                const gz_eset_opts *opts, gz_eset_fn fn,
                                void *ctx, unsigned long *rset_size)
{
    if (!db || !query || !opts || !fn || opts->rset_max == 0)
        return gz_error_set(GZ_EINVAL, "gz_db_eset: missing argument");
    return guarded(db->path.c_str(), [&]() -> gz_status {
        Xapian::Query q;
        gz_status st = build_query(query, 0, &db->db, q);
        if (st != GZ_OK)
            return st;
        return retrying(db, [&]() {
            Xapian::Enquire enquire(db->db);
            enquire.set_query(q);
            enquire.set_weighting_scheme(Xapian::BM25Weight());
            Xapian::MSet top = enquire.get_mset(0, opts->rset_max);
            Xapian::RSet rset;
            for (Xapian::MSetIterator it = top.begin(); it != top.end(); ++it)
                rset.add_document(*it);
            if (rset_size)
                *rset_size = top.size();
            if (top.empty())
                return GZ_OK;
            eset_decider decider(opts->accept, opts->accept_ctx);
            enquire.set_expansion_scheme(opts->by_documents ? "trad" : "bo1");
            Xapian::ESet eset = enquire.get_eset(opts->nterms, rset, 0,
                                                 &decider);
            for (Xapian::ESetIterator e = eset.begin(); e != eset.end(); ++e) {
                std::string term = *e;
                if (fn(ctx, term.c_str(), term.size(), e.get_weight()) != 0)
                    break;
            }
            return GZ_OK;
        });
    });
}

extern "C" gz_status gz_db_termfreq(gz_db *db, const char *term,
                                    unsigned long *count)
{
    if (!db || !term || !count)
        return gz_error_set(GZ_EINVAL, "gz_db_termfreq: missing argument");
    return guarded(db->path.c_str(), [&]() -> gz_status {
        return retrying(db, [&]() {
            *count = db->db.get_termfreq(term);
            return GZ_OK;
        });
    });
}

extern "C" gz_status gz_db_terms(gz_db *db, const char *prefix,
                                 gz_term_fn fn, void *ctx)
{
    if (!db || !prefix || !fn)
        return gz_error_set(GZ_EINVAL, "gz_db_terms: missing argument");
    return guarded(db->path.c_str(), [&]() -> gz_status {
        return retrying(db, [&]() {
            for (Xapian::TermIterator t = db->db.allterms_begin(prefix);
                 t != db->db.allterms_end(prefix); ++t)
                if (fn(ctx, (*t).c_str()) != 0)
                    break;
            return GZ_OK;
        });
    });
}

/* FN() on DB's spelling table; a remote shard keeps its table to itself
 * (Xapian throws UnimplementedError), which reads as an empty one. */
template <typename F> static void local_spelling(F fn)
{
    try {
        fn();
    } catch (const Xapian::UnimplementedError &) {
    }
}

extern "C" gz_status gz_db_spelling(gz_db *db, const char *word,
                                    unsigned max_edits, char **out)
{
    if (!db || !word || !out)
        return gz_error_set(GZ_EINVAL, "gz_db_spelling: missing argument");
    *out = NULL;
    return guarded(db->path.c_str(), [&]() -> gz_status {
        std::string s;
        retrying(db, [&]() {
            local_spelling([&]() {
                s = db->db.get_spelling_suggestion(word, max_edits);
            });
            return GZ_OK;
        });
        size_t len;
        return copy_out_value(s, out, &len);
    });
}

extern "C" gz_status gz_db_spelling_freq(gz_db *db, const char *word,
                                         unsigned long *freq)
{
    if (!db || !word || !freq)
        return gz_error_set(GZ_EINVAL, "gz_db_spelling_freq: missing argument");
    *freq = 0;
    return guarded(db->path.c_str(), [&]() -> gz_status {
        /* Xapian 1.4's spellings_begin() leaks its cursor when the revision
         * it reads has been discarded (GlassSpellingWordsList's constructor
         * throws): read the latest one, so that it takes two commits within
         * microseconds for the retry below to be needed. */
        reopen_db(db);
        return retrying(db, [&]() {
            local_spelling([&]() {
                Xapian::TermIterator t = db->db.spellings_begin();
                t.skip_to(word);
                if (t != db->db.spellings_end() && *t == word)
                    *freq = t.get_termfreq();
            });
            return GZ_OK;
        });
    });
}


extern "C" gz_status gz_db_spellings(gz_db *db, gz_spelling_fn fn, void *ctx)
{
    if (!db || !fn)
        return gz_error_set(GZ_EINVAL, "gz_db_spellings: missing argument");
    return guarded(db->path.c_str(), [&]() -> gz_status {
        local_spelling([&]() {
            for (Xapian::TermIterator t = db->db.spellings_begin();
                 t != db->db.spellings_end(); ++t) {
                std::string word = *t;
                if (fn(ctx, word.c_str(), t.get_termfreq()))
                    break;
            }
        });
        return GZ_OK;
    });
}

extern "C" gz_status gz_compact(const char *src, const char *dst)
{
    return gz_compact_many(&src, 1, dst);
}

extern "C" gz_status gz_compact_many(const char *const *srcs, size_t n,
                                     const char *dst)
{
    if (!srcs || n == 0 || !dst)
        return gz_error_set(GZ_EINVAL, "gz_compact: missing path");
    return guarded(srcs[0], [&]() -> gz_status {
        Xapian::Database db;
        for (size_t i = 0; i < n; i++)
            db.add_database(Xapian::Database(srcs[i]));
        /* One source keeps its document ids; several are renumbered in
         * the order given, so later sources get higher ids. */
        int flags = Xapian::DB_BACKEND_GLASS;
        if (n == 1)
            flags |= Xapian::DBCOMPACT_NO_RENUMBER;
        db.compact(dst, flags);
        return GZ_OK;
    });
}

extern "C" gz_status gz_writer_dedup(gz_writer *w, const char *prefix,
                                     unsigned long *removed)
{
    if (!w || !prefix || !*prefix || !removed)
        return gz_error_set(GZ_EINVAL, "gz_writer_dedup: missing argument");
    *removed = 0;
    return guarded(w->path.c_str(), [&]() -> gz_status {
        std::vector<Xapian::docid> drop;
        for (Xapian::TermIterator t = w->db.allterms_begin(prefix);
             t != w->db.allterms_end(prefix); ++t) {
            if (t.get_termfreq() < 2)
                continue;
            /* Postings come in docid order: all but the last go. */
            Xapian::PostingIterator p = w->db.postlist_begin(*t);
            Xapian::docid prev = 0;
            for (; p != w->db.postlist_end(*t); ++p) {
                if (prev)
                    drop.push_back(prev);
                prev = *p;
            }
        }
        for (size_t i = 0; i < drop.size(); i++)
            w->db.delete_document(drop[i]);
        *removed = drop.size();
        return GZ_OK;
    });
}

extern "C" char *gz_query_describe(const gz_qnode *query)
{
    try {
        Xapian::Query q;
        if (build_query(query, 0, NULL, q) != GZ_OK)
            return NULL;
        char *s = copy_out(q.get_description());
        if (!s)
            gz_error_set(GZ_EOOM, "out of memory describing a query");
        return s;
    } catch (...) {
        gz_map_exception(NULL);
        return NULL;
    }
}

extern "C" const char *gz_xapian_version(void)
{
    return Xapian::version_string();
}
