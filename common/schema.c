/* schema.c - article -> Xapian document, and the index's identity checks.
 *
 * The only place that decides which terms an article gets; the query side
 * (query.c) must produce the same terms, so both go through tokenize_in()
 * and schema_stem_term() with the same language. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "hash.h"
#include "record.h"
#include "schema.h"
#include "signature.h"
#include "tokenize.h"
#include "url.h"

typedef struct posting_ctx {
    const schema_lang *lang;
    gz_doc *doc;
    unsigned wdf;
    int with_title_prefix;
    signer *sig;            /* the body's signature, while in the body */
    gz_status status;
    int cut;                /* stopped at SCHEMA_ARTICLE_TERMS_MAX */
} posting_ctx;

/* Add PREFIX WORD (LEN bytes) at POS, raising its frequency by WDF.  The
 * unstemmed terms (W, T, E) take WDF 0: Xapian's document length is the
 * sum of every term's wdf, so counting them would change every article's
 * BM25 length normalisation, and with it the ranking of every query;
 * they match, the stems weigh. */
static gz_status add_prefixed(gz_doc *doc, const char *prefix,
                              const char *word, size_t len, unsigned pos,
                              unsigned wdf)
{
    char term[SCHEMA_PREFIX_LEN + SCHEMA_STEM_MAX];
    if (SCHEMA_PREFIX_LEN + len >= sizeof term)
        return GZ_OK;   /* a surface too long to match anything typed */
    size_t tlen = schema_term(term, prefix, word, len);
    return gz_doc_add_posting(doc, term, tlen, pos, wdf);
}

/* The most terms one word adds: its stem, W word and E surface, and in
 * the title its S stem and T word too. */
#define WORD_TERMS_MAX 5

static int add_word(void *vctx, const token *tok)
{
    posting_ctx *ctx = vctx;
    /* Stop while all of this word's terms and its spelling word fit. */
    if (gz_doc_distinct(ctx->doc) + WORD_TERMS_MAX >= SCHEMA_ARTICLE_TERMS_MAX) {
        ctx->cut = 1;
        return 1;
    }
    char buf[SCHEMA_STEM_MAX];
    size_t slen;
    const char *stem = schema_stem_term(ctx->lang, tok->word, tok->len, buf,
                                        &slen);
    if (ctx->sig)
        signer_add(ctx->sig, tok->word, tok->len);
    gz_doc *doc = ctx->doc;
    gz_status st = gz_doc_add_posting(doc, stem, slen, tok->pos, ctx->wdf);
    if (st == GZ_OK)
        st = add_prefixed(doc, SCHEMA_PREFIX_WORD, tok->word, tok->len,
                          tok->pos, 0);
    /* The surface only where folding changed it: a lower-case word is
     * found as exactly by its W term. */
    if (st == GZ_OK && token_folded(tok))
        st = add_prefixed(doc, SCHEMA_PREFIX_SURFACE, tok->surface,
                          tok->surface_len, tok->pos, 0);
    /* The words "did you mean" may offer: whole words, not numbers. */
    if (st == GZ_OK && !strpbrk(tok->word, "0123456789"))
        st = gz_doc_add_spelling(doc, tok->word, tok->len);
    if (st == GZ_OK && ctx->with_title_prefix)
        st = add_prefixed(doc, SCHEMA_PREFIX_TITLE, stem, slen, tok->pos, 1);
    if (st == GZ_OK && ctx->with_title_prefix)
        st = add_prefixed(doc, SCHEMA_PREFIX_TITLE_WORD, tok->word, tok->len,
                          tok->pos, 0);
    ctx->status = st;
    return st != GZ_OK;
}

typedef struct source_ctx {
    const char *prefix;
    char *full;
    size_t len;
    long words;
    int too_long;       /* the whole name does not fit in one term */
    source_word_fn each;
    void *ctx;
} source_ctx;

static int add_source_word(void *vctx, const token *tok)
{
    source_ctx *c = vctx;
    if (c->too_long || c->len + tok->len + 2 >= SCHEMA_SOURCE_MAX) {
        c->too_long = 1;
    } else {
        if (c->len > SCHEMA_PREFIX_LEN)
            c->full[c->len++] = ' ';
        memcpy(c->full + c->len, tok->word, tok->len);
        c->len += tok->len;
        c->full[c->len] = '\0';
    }
    c->words++;
    if (!c->each)
        return 0;
    char term[TOKEN_MAX_BYTES * 4 + 2];
    size_t len = schema_term(term, c->prefix, tok->word, tok->len);
    return c->each(c->ctx, term, len);
}

/* schema_source_terms() under PREFIX: a source's, an author's. */
static long name_terms(const char *prefix, const char *name, size_t len,
                       char term[SCHEMA_SOURCE_MAX], size_t *term_len,
                       source_word_fn each, void *ctx)
{
    source_ctx c = { prefix, term, 0, 0, 0, each, ctx };
    c.len = schema_term(term, prefix, "", 0);
    if (tokenize(name, len, 1, add_source_word, &c, NULL) != 0)
        return -1;
    /* A name cut short would match other names: no whole-name term. */
    *term_len = c.too_long ? 0 : c.len;
    return c.words;
}

long schema_source_terms(const char *source, size_t len,
                         char term[SCHEMA_SOURCE_MAX], size_t *term_len,
                         source_word_fn each, void *ctx)
{
    return name_terms(SCHEMA_PREFIX_SOURCE, source, len, term, term_len,
                      each, ctx);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The length of the separator of two author names at S[I] (N bytes):
 * ',', ';', '&', or the word "and" between blanks; 0 for none. */
static size_t author_separator(const char *s, size_t n, size_t i)
{
    if (s[i] == ',' || s[i] == ';' || s[i] == '&')
        return 1;
    if (i > 0 && is_blank(s[i - 1]) && i + 4 <= n &&
        strncasecmp(s + i, "and", 3) == 0 && is_blank(s[i + 3]))
        return 3;
    return 0;
}

long schema_author_terms(const char *author, size_t len, int words,
                         source_word_fn each, void *ctx)
{
    long names = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        size_t sep = i < len ? author_separator(author, len, i) : 1;
        if (sep == 0)
            continue;
        char term[SCHEMA_SOURCE_MAX];
        size_t term_len;
        long n = name_terms(SCHEMA_PREFIX_AUTHOR, author + start, i - start,
                            term, &term_len, words ? each : NULL, ctx);
        if (n < 0 || (n > 0 && term_len > 0 && each(ctx, term, term_len)))
            return -1;
        names += n > 0;
        i += sep - 1;
        start = i + 1;
    }
    return names;
}

int schema_site_terms(const char *host, size_t len, source_word_fn each,
                      void *ctx)
{
    char term[SCHEMA_TERM_MAX + 1];
    if (len == 0 || SCHEMA_PREFIX_LEN + len > SCHEMA_TERM_MAX)
        return 0;
    int ip = url_host_is_ip(host, len);
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (ip || host[i - 1] != '.'))
            continue;
        int rc = each(ctx, term, schema_term(term, SCHEMA_PREFIX_SITE,
                                             host + i, len - i));
        if (rc != 0)
            return rc;
    }
    return 0;
}

size_t schema_url_term(const char *url, size_t len, char *out)
{
    size_t plen = schema_term(out, SCHEMA_PREFIX_URL, "", 0);
    return plen + url_fit(url, len, SCHEMA_TERM_MAX - plen, out + plen);
}

static int add_boolean_term(void *doc, const char *term, size_t len)
{
    return gz_doc_add_boolean(doc, term, len) != GZ_OK;
}

/* corpus.c hands out only valid "YYYY-MM-DD" dates. */
static void date_ymd(const char *date, char ymd[9])
{
    memcpy(ymd, date, 4);
    memcpy(ymd + 4, date + 5, 2);
    memcpy(ymd + 6, date + 8, 2);
    ymd[8] = '\0';
}

/* The date value and terms of an article dated YMD ("YYYYMMDD"). */
static gz_status add_date_terms(gz_doc *doc, const char ymd[9])
{
    char term[SCHEMA_PREFIX_LEN + 9];
    gz_status st = gz_doc_set_value(doc, SCHEMA_SLOT_DATE, ymd, 8);
    if (st != GZ_OK)
        return st;
    const size_t lens[] = { 4, 6, 8 };
    const char *const prefixes[] = { SCHEMA_PREFIX_YEAR, SCHEMA_PREFIX_MONTH,
                                     SCHEMA_PREFIX_DAY };
    for (int i = 0; i < 3; i++) {
        size_t len = schema_term(term, prefixes[i], ymd, lens[i]);
        if ((st = gz_doc_add_boolean(doc, term, len)) != GZ_OK)
            return st;
    }
    return GZ_OK;
}

int schema_id_ok(const char *id)
{
    size_t len = strlen(id);
    return len > 0 && len <= SCHEMA_ID_MAX;
}

unsigned schema_shard_of(const char *id, unsigned shards)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return shards ? h % shards : 0;
}

size_t schema_order_key(const char *ymd, const char *id, char *out)
{
    for (int i = 0; i < 8; i++)
        out[i] = ymd ? (char)('9' - (ymd[i] - '0')) : '~';
    size_t len = strnlen(id, SCHEMA_ID_MAX);
    memcpy(out + 8, id, len);
    return 8 + len;
}

size_t schema_term(char *out, const char *prefix, const char *text,
                   size_t len)
{
    size_t plen = strlen(prefix);
    memcpy(out, prefix, plen);
    memcpy(out + plen, text, len);
    out[plen + len] = '\0';
    return plen + len;
}

char *schema_idterm(const char *id)
{
    size_t len = strlen(id);
    char *term = malloc(SCHEMA_PREFIX_LEN + len + 1);
    if (!term)
        return NULL;
    schema_term(term, SCHEMA_PREFIX_ID, id, len);
    return term;
}

const char *schema_stem_term(const schema_lang *l, const char *word,
                             size_t len, char buf[SCHEMA_STEM_MAX],
                             size_t *term_len)
{
    if (!l->prefixed)
        return stemmer_stem(l->st, word, len, term_len);
    const char *stem = word;
    size_t slen = len;
    if (l->st)
        stem = stemmer_stem(l->st, word, len, &slen);
    size_t clen = strlen(l->code);
    /* The tokenizer's words fit (TOKEN_MAX_BYTES); a stem never grows
     * past four times its word, but cut rather than overrun. */
    if (clen + 1 + slen >= SCHEMA_STEM_MAX)
        slen = SCHEMA_STEM_MAX - clen - 2;
    memcpy(buf, l->code, clen);
    buf[clen] = ':';
    memcpy(buf + clen + 1, stem, slen);
    buf[clen + 1 + slen] = '\0';
    *term_len = clen + 1 + slen;
    return buf;
}

/* The stems, spellings and title terms of A's title and body, and the
 * body's signature values; *CUT set when the words stopped at
 * SCHEMA_ARTICLE_TERMS_MAX. */
static gz_status add_text_terms(gz_doc *doc, const schema_lang *lang,
                                const article *a, int *cut)
{
    signer signer;
    posting_ctx pc = { lang, doc, SCHEMA_TITLE_WDF, 1, NULL, GZ_OK, 0 };
    unsigned next = 1;
    signer_init(&signer);
    if (tokenize_in(a->title, strlen(a->title), lang->code, 1, add_word, &pc,
                    &next) != 0 && !pc.cut)
        goto token_fail;
    pc.wdf = 1;
    pc.with_title_prefix = 0;
    pc.sig = &signer;
    if (!pc.cut && tokenize_in(a->body, a->body_len, lang->code,
                               next + SCHEMA_FIELD_GAP, add_word, &pc,
                               NULL) != 0 && !pc.cut)
        goto token_fail;
    *cut = pc.cut;

    signature sig;
    signer_finish(&signer, &sig);
    if (!sig.words)
        return GZ_OK;
    gz_status status = gz_doc_set_value(doc, SCHEMA_SLOT_COPY,
                                        (char *)sig.key, SIG_KEY_BYTES);
    if (status != GZ_OK)
        return status;
    return gz_doc_set_value(doc, SCHEMA_SLOT_SKETCH, (char *)sig.sketch,
                            SIG_SKETCH_BYTES);

token_fail:
    return pc.status != GZ_OK ? pc.status
           : gz_error_set(GZ_EOOM, "out of memory tokenizing");
}

/* The source's one-word terms and, when it fits, its whole-name term. */
static gz_status add_source_terms(gz_doc *doc, const char *source)
{
    char term[SCHEMA_SOURCE_MAX];
    size_t term_len;
    long words = schema_source_terms(source, strlen(source), term, &term_len,
                                     add_boolean_term, doc);
    if (words < 0 || (words > 0 && term_len > 0 &&
                      gz_doc_add_boolean(doc, term, term_len) != GZ_OK))
        return gz_error_set(GZ_EOOM, "out of memory indexing the source");
    return GZ_OK;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* The author, site and url terms of A. */
static gz_status add_web_terms(gz_doc *doc, const article *a)
{
    const char *author = or_empty(a->author), *site = or_empty(a->site),
               *url = or_empty(a->url);
    char term[SCHEMA_TERM_MAX + 1];
    if (schema_author_terms(author, strlen(author), 1, add_boolean_term,
                            doc) < 0 ||
        schema_site_terms(site, strlen(site), add_boolean_term, doc) != 0 ||
        (url[0] && add_boolean_term(doc, term, schema_url_term(url,
                                        strlen(url), term)) != 0))
        return gz_error_set(GZ_EOOM, "out of memory indexing the author, "
                            "site or url");
    return GZ_OK;
}

/* The unique-id term and the id and order values of article ID dated YMD
 * (NULL: undated). */
static gz_status add_id_terms(gz_doc *doc, const char *id, const char *ymd)
{
    char *idterm = schema_idterm(id);
    if (!idterm)
        return gz_error_set(GZ_EOOM, "out of memory");
    gz_status status = gz_doc_add_boolean(doc, idterm, strlen(idterm));
    free(idterm);
    if (status != GZ_OK ||
        (status = gz_doc_set_value(doc, SCHEMA_SLOT_ID, id,
                                   strlen(id))) != GZ_OK)
        return status;
    char order[SCHEMA_ORDER_MAX];
    size_t order_len = schema_order_key(ymd, id, order);
    return gz_doc_set_value(doc, SCHEMA_SLOT_ORDER, order, order_len);
}

/* Encode R and store it as the document's data, or (SLOT >= 0) in value
 * slot SLOT. */
static gz_status store_record(gz_doc *doc, const record *r, int slot)
{
    size_t len;
    char *data = record_encode(r, &len);
    if (!data)
        return gz_error_set(GZ_EOOM, "out of memory encoding a record");
    gz_status status = slot < 0 ? gz_doc_set_data(doc, data, len)
                       : gz_doc_set_value(doc, (unsigned)slot, data, len);
    free(data);
    return status;
}

/* A's stored record (from PATH, in language LANG) as the document's
 * data, and the same record without its body, for listings that show
 * none. */
static gz_status add_records(gz_doc *doc, const article *a, const char *lang,
                             const char *path)
{
    record r = {
        .id = a->id, .path = path, .title = a->title, .date = a->date,
        .source = a->source, .url = a->url, .author = a->author,
        .site = a->site, .lang = lang, .body = a->body,
        .body_len = a->body_len, .line = a->line
    };
    gz_status status = store_record(doc, &r, -1);
    if (status != GZ_OK)
        return status;
    r.body = "";
    r.body_len = 0;
    return store_record(doc, &r, SCHEMA_SLOT_HEAD);
}

/* H continued over the number N, as 8 bytes least significant first,
 * whatever the machine. */
static uint64_t hash_number(uint64_t h, uint64_t n)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(n >> (8 * i));
    return hash64(h, b, sizeof b);
}

/* H continued over LEN bytes of S behind their length. */
static uint64_t hash_field(uint64_t h, const char *s, size_t len)
{
    return hash64(hash_number(h, len), s, len);
}

void schema_article_hash(const article *a, const char *path,
                         char out[SCHEMA_HASH_BYTES])
{
    const char *const text[] = { a->id, a->title, a->source, a->url,
                                 a->author, a->site, a->lang, path };
    uint64_t h = HASH64_INIT;
    for (size_t i = 0; i < sizeof text / sizeof *text; i++)
        h = hash_field(h, or_empty(text[i]), strlen(or_empty(text[i])));
    /* No length is this large: an absent date is not "". */
    h = a->date ? hash_field(h, a->date, strlen(a->date))
                : hash_number(h, UINT64_MAX);
    h = hash_field(h, a->body, a->body_len);
    h = hash_number(h, (uint64_t)a->line);
    for (int i = SCHEMA_HASH_BYTES - 1; i >= 0; i--, h >>= 8)
        out[i] = (char)(h & 0xff);
}

/* The document's SCHEMA_SLOT_HASH value. */
static gz_status add_hash(gz_doc *doc, const article *a, const char *path)
{
    char hash[SCHEMA_HASH_BYTES];
    schema_article_hash(a, path, hash);
    return gz_doc_set_value(doc, SCHEMA_SLOT_HASH, hash, sizeof hash);
}

/* The language term of CODE: what lang:CODE looks for. */
static gz_status add_lang_term(gz_doc *doc, const char *code)
{
    char term[SCHEMA_PREFIX_LEN + LANG_MAX];
    size_t len = schema_term(term, SCHEMA_PREFIX_LANG, code,
                             strnlen(code, LANG_MAX - 1));
    return gz_doc_add_boolean(doc, term, len);
}

gz_status schema_doc_build(const schema_lang *lang, const article *a,
                           const char *path, gz_doc **out, int *cut)
{
    gz_status status;
    int ignored;
    gz_doc *doc = gz_doc_new();
    if (!doc)
        return gz_error_set(GZ_EOOM, "out of memory building a document");

    char ymd[9];
    if (a->date)
        date_ymd(a->date, ymd);
    /* The language term first: the words' limit counts it. */
    if ((status = add_lang_term(doc, lang->code)) != GZ_OK ||
        (status = add_text_terms(doc, lang, a, cut ? cut : &ignored)) != GZ_OK ||
        (status = add_source_terms(doc, a->source)) != GZ_OK ||
        (status = add_web_terms(doc, a)) != GZ_OK ||
        (a->date && (status = add_date_terms(doc, ymd)) != GZ_OK) ||
        (status = add_id_terms(doc, a->id, a->date ? ymd : NULL)) != GZ_OK ||
        (status = add_records(doc, a, lang->code, path)) != GZ_OK ||
        (status = add_hash(doc, a, path)) != GZ_OK)
        goto fail;
    *out = doc;
    return GZ_OK;

fail:
    gz_doc_free(doc);
    return status;
}

static gz_status get_meta(gz_writer *w, gz_db *db, const char *key, char **v)
{
    size_t len;
    return w ? gz_writer_get_metadata(w, key, v, &len)
             : gz_db_get_metadata(db, key, v, &len);
}

/* Compare the index's marks with what this build would write.  With W and
 * an unmarked index, mark it instead.  REPLACING: the index is about to be
 * rebuilt, so its schema version and stemmer do not count. */
static gz_status check(gz_writer *w, gz_db *db, stemmer *st, int replacing)
{
    char *version = NULL, *lang = NULL, *fp = NULL;
    char want_version[16];
    gz_status status;
    snprintf(want_version, sizeof want_version, "%d", GAZETTE_SCHEMA_VERSION);

    if ((status = get_meta(w, db, SCHEMA_META_VERSION, &version)) != GZ_OK ||
        (status = get_meta(w, db, SCHEMA_META_STEMMER, &lang)) != GZ_OK ||
        (status = get_meta(w, db, SCHEMA_META_STEMCHECK, &fp)) != GZ_OK)
        goto done;

    if (!version[0] && w) {
        unsigned long count = 0;
        if ((status = gz_writer_doccount(w, &count)) != GZ_OK)
            goto done;
        if (count != 0) {
            status = gz_error_set(GZ_EVERSION,
                "the index holds %lu documents but was not made by Gazette",
                count);
            goto done;
        }
        const char *l = stemmer_language(st), *f = stemmer_fingerprint(st);
        if ((status = gz_writer_set_metadata(w, SCHEMA_META_VERSION,
                  want_version, strlen(want_version))) != GZ_OK ||
            (status = gz_writer_set_metadata(w, SCHEMA_META_STEMMER, l,
                  strlen(l))) != GZ_OK ||
            (status = gz_writer_set_metadata(w, SCHEMA_META_STEMCHECK, f,
                  strlen(f))) != GZ_OK)
            goto done;
        status = GZ_OK;
        goto done;
    }
    if (!version[0] && !w) {
        unsigned long count = 0;
        if ((status = gz_db_doccount(db, &count)) != GZ_OK)
            goto done;
        if (count == 0)
            goto done;  /* not yet marked: see schema_db_language() */
    }
    if (strcmp(version, want_version) != 0 && !(replacing && version[0])) {
        status = version[0]
            ? gz_error_set(GZ_EVERSION,
                  "index schema %s, this Gazette reads schema %s; rebuild it "
                  "with gazette-index --rebuild", version, want_version)
            : gz_error_set(GZ_EVERSION, "not a Gazette index (no schema mark)");
        goto done;
    }
    if (strcmp(lang, stemmer_language(st)) != 0 && !replacing) {
        status = gz_error_set(GZ_EVERSION,
            "index was built with the '%s' stemmer, not '%s'", lang,
            stemmer_language(st));
        goto done;
    }
    if (strcmp(fp, stemmer_fingerprint(st)) != 0 && !replacing) {
        status = gz_error_set(GZ_EVERSION,
            "index was built by a libstemmer that stems differently "
            "(check %s, this one %s); rebuild it with gazette-index --rebuild",
            fp, stemmer_fingerprint(st));
        goto done;
    }
    status = GZ_OK;
done:
    free(version);
    free(lang);
    free(fp);
    return status;
}

gz_status schema_check_writer(gz_writer *w, stemmer *st)
{
    return check(w, NULL, st, 0);
}

gz_status schema_check_rebuild(gz_writer *w, stemmer *st)
{
    return check(w, NULL, st, 1);
}

gz_status schema_check_db(gz_db *db, stemmer *st)
{
    return check(NULL, db, st, 0);
}

gz_status schema_db_language(gz_db *db, char **language)
{
    char *version = NULL;
    gz_status status = get_meta(NULL, db, SCHEMA_META_VERSION, &version);
    if (status != GZ_OK)
        return status;
    int known = version[0] != '\0';
    free(version);
    if (!known) {
        /* A new index whose first run has not committed yet: empty, not
         * foreign. */
        unsigned long count = 0;
        if ((status = gz_db_doccount(db, &count)) != GZ_OK)
            return status;
        if (count != 0)
            return gz_error_set(GZ_EVERSION, "not a Gazette index (no schema mark)");
        *language = strdup(STEM_DEFAULT_LANGUAGE);
        return *language ? GZ_OK : gz_error_set(GZ_EOOM, "out of memory");
    }
    return get_meta(NULL, db, SCHEMA_META_STEMMER, language);
}

gz_status schema_writer_stemmer(gz_writer *w, const char *language,
                                int replacing, stemmer **out)
{
    char *stored = NULL;
    size_t len;
    gz_status st = gz_writer_get_metadata(w, SCHEMA_META_STEMMER, &stored, &len);
    if (st != GZ_OK)
        return st;
    if (replacing && language)
        st = stemmer_new(language, out);
    else if (stored[0] && language && strcmp(stored, language) != 0)
        st = gz_error_set(GZ_EVERSION, "the index was built with the '%s' "
                          "stemmer, not '%s' (use --rebuild to change it)",
                          stored, language);
    else
        st = stemmer_new(stored[0] ? stored : language ? language
                                     : STEM_DEFAULT_LANGUAGE, out);
    free(stored);
    return st;
}
