/* feed.c - RSS and Atom items out of libxml2's tree (feed.h).
 *
 * The whole file is parsed into a tree (feeds are small, and a tree lets
 * an item's fields come in any order); items are then read one by one.
 * Every walk over the tree is a loop over parent pointers, never a
 * recursion.  Elements are matched by local name and by a namespace
 * family, so RSS 0.90/1.0's namespaces, Atom 0.3's and 1.0's, and an
 * undeclared "dc:" prefix all read alike. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "corpus.h"
#include "date.h"
#include "error.h"
#include "feed.h"
#include "html.h"
#include "lang.h"
#include "utf8.h"

/* What bytes that are not UTF-8 and say nothing of their charset are
 * read as (feed.h's rule 5). */
#define FEED_GUESSED_CHARSET "windows-1252"

/* The strings an item owns: id, title, link, author, text, lang. */
#define ITEM_STRINGS 6

/* libxml2's own message about the first error is quoted up to this. */
#define ERROR_QUOTE_MAX 120

struct feed_reader {
    xmlDocPtr doc;
    xmlNode *containers[2];     /* the elements whose children are items */
    int ncontainers, at;
    xmlNode *next;              /* where the search for the next item goes on */
    int unreadable;
    char *source, *lang;        /* the channel's title and language */
    char *owned[ITEM_STRINGS];
    char date[11];
    feed_problem_fn problem;
    void *ctx;
    long error_line;            /* the first error's line; 0 = none yet */
    char error[ERROR_QUOTE_MAX + 1];
};

/* A namespace family: the ones whose elements an item is read from. */
enum { NS_CORE, NS_DC, NS_DCTERMS, NS_CONTENT, NS_XHTML, NS_OTHER };

/* The namespace family of element N and its local name in *LOCAL.  No
 * namespace, RSS 0.90/1.0's and Atom's are the core; an undeclared
 * prefix (libxml2 keeps "dc:date" as the name) is read by its usual
 * meaning. */
static int ns_family(const xmlNode *n, const char **local)
{
    static const struct { const char *uri, *prefix; int family; } known[] = {
        { "http://purl.org/rss/1.0/", NULL, NS_CORE },
        { "http://my.netscape.com/rdf/simple/0.9/", NULL, NS_CORE },
        { "http://www.w3.org/2005/Atom", "atom", NS_CORE },
        { "http://purl.org/atom/ns#", NULL, NS_CORE },
        { "http://backend.userland.com/rss2", NULL, NS_CORE },
        { "http://purl.org/dc/elements/1.1/", "dc", NS_DC },
        { "http://purl.org/dc/terms/", "dcterms", NS_DCTERMS },
        { "http://purl.org/rss/1.0/modules/content/", "content", NS_CONTENT },
        { "http://www.w3.org/1999/xhtml", "xhtml", NS_XHTML },
    };
    const char *name = (const char *)n->name, *colon = strchr(name, ':');
    size_t plen = colon ? (size_t)(colon - name) : 0;

    *local = colon && !n->ns ? colon + 1 : name;
    if (!n->ns && !colon)
        return NS_CORE;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        if (n->ns && n->ns->href &&
            strcmp((const char *)n->ns->href, known[i].uri) == 0)
            return known[i].family;
        if (!n->ns && known[i].prefix && strlen(known[i].prefix) == plen &&
            strncmp(name, known[i].prefix, plen) == 0)
            return known[i].family;
    }
    return NS_OTHER;
}

/* 1 when N is an element of FAMILY named NAME. */
static int is_el(const xmlNode *n, int family, const char *name)
{
    const char *local;
    return n && n->type == XML_ELEMENT_NODE && ns_family(n, &local) == family &&
           strcmp(local, name) == 0;
}

static const xmlNode *child_el(const xmlNode *parent, int family,
                               const char *name)
{
    for (const xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (is_el(c, family, name))
            return c;
    return NULL;
}

/* Attribute NAME of N without a namespace, or NULL (libxml2's string,
 * valid as long as the tree). */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (!a->ns && strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

static int add(xmlBufferPtr b, const char *s, size_t n)
{
    if ((size_t)xmlBufferLength(b) + n > CORPUS_MAX_ARTICLE_BYTES)
        return 0;           /* enough: the text is cut there */
    return xmlBufferAdd(b, (const xmlChar *)s, (int)n) == 0 ? 0 : -1;
}

/* The characters of the entity reference NAME (feed.h's rule): a
 * declared internal entity's text when it holds no markup and no further
 * reference, else the character HTML 4 gives the name, else nothing. */
static int add_entity(xmlBufferPtr b, xmlDocPtr doc, const xmlChar *name)
{
    xmlEntityPtr ent = xmlGetDocEntity(doc, name);
    if (ent) {
        const char *s = (const char *)ent->content;
        if (ent->etype != XML_INTERNAL_GENERAL_ENTITY || !s || strpbrk(s, "&<"))
            return 0;
        return add(b, s, strlen(s));
    }
    const htmlEntityDesc *e = htmlEntityLookup(name);
    if (!e)
        return 0;
    xmlChar u[5];
    int n = xmlCopyCharMultiByte(u, (int)e->value);
    return n > 0 ? add(b, (const char *)u, (size_t)n) : 0;
}

/* The text below NODE, appended to B: text and CDATA of every descendant,
 * entity references as add_entity() reads them.  Returns 0, or -1 out of
 * memory. */
static int raw_text(xmlDocPtr doc, const xmlNode *node, xmlBufferPtr b)
{
    const xmlNode *n = node->children;
    while (n) {
        int st = 0;
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
            n->content)
            st = add(b, (const char *)n->content, strlen((const char *)n->content));
        else if (n->type == XML_ENTITY_REF_NODE)
            st = add_entity(b, doc, n->name);
        if (st < 0)
            return -1;
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n != node && !n->next)
            n = n->parent;
        n = n == node ? NULL : n->next;
    }
    return 0;
}

/* The markup of NODE's children, as written, appended to B (inline XHTML,
 * an RSS description holding naked tags). */
static int markup(xmlDocPtr doc, const xmlNode *node, xmlBufferPtr b)
{
    for (xmlNode *c = node->children; c; c = c->next) {
        if ((size_t)xmlBufferLength(b) > CORPUS_MAX_ARTICLE_BYTES)
            break;
        if (xmlNodeDump(b, doc, c, 0, 0) < 0)
            return -1;
    }
    return 0;
}

static int b64_value(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
         : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decode base64 S (N bytes) in place over S, skipping what is not a
 * base64 digit (blank space, '=' padding); returns the decoded length. */
static size_t base64_decode(char *s, size_t n)
{
    size_t out = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64_value((unsigned char)s[i]);
        if (v < 0)
            continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            s[out++] = (char)(acc >> bits & 0xFF);
        }
    }
    return out;
}

/* 1 when N's text is base64: Atom 0.3's mode="base64", or an Atom 1.0
 * type= that is a MIME type neither text/... nor XML (RFC 4287 4.1.3.3). */
static int is_base64(const xmlNode *n)
{
    const char *mode = attr(n, "mode"), *type = attr(n, "type");
    if (mode)
        return strcmp(mode, "base64") == 0;
    if (!type || !strchr(type, '/') || strncmp(type, "text/", 5) == 0)
        return 0;
    size_t k = strlen(type);
    return !(k >= 4 && (strcmp(type + k - 4, "+xml") == 0 ||
                        strcmp(type + k - 4, "/xml") == 0));
}

/* How an element's text is to be read. */
enum { AS_PLAIN, AS_HTML, AS_MARKUP };

/* Where a text comes from: it decides the reading when no type= says. */
enum { FROM_ATOM, FROM_RSS_BODY, FROM_RSS_TITLE };

/* Atom's type= and 0.3's mode= say how (Atom's default is plain text);
 * RSS holds HTML in its descriptions, and in a title only when a tag or
 * an entity shows it. */
static int text_kind(const xmlNode *n, int from, const char *raw)
{
    const char *type = attr(n, "type"), *mode = attr(n, "mode");
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !(mode && strcmp(mode, "escaped") == 0))
            return AS_MARKUP;
    if (mode && strcmp(mode, "escaped") == 0)
        return AS_HTML;
    if (type)
        return strcmp(type, "text") == 0 || strcmp(type, "text/plain") == 0
               ? AS_PLAIN : AS_HTML;
    if (from == FROM_RSS_BODY ||
        (from == FROM_RSS_TITLE && raw && strpbrk(raw, "<&")))
        return AS_HTML;
    return AS_PLAIN;
}

/* The text of element N, read as text_kind() says, into a malloc()ed,
 * NUL-terminated, valid UTF-8 string with blank space collapsed (*LEN
 * bytes); NULL with GZ_EOOM set when memory runs out. */
static char *element_text(xmlDocPtr doc, const xmlNode *n, int from,
                          size_t *len)
{
    xmlBufferPtr b = xmlBufferCreate();
    char *out = NULL, *repaired = NULL;
    html_text t = {0};

    *len = 0;
    if (!b || raw_text(doc, n, b) < 0)
        goto done;
    int kind = text_kind(n, from, (const char *)xmlBufferContent(b));
    size_t blen = (size_t)xmlBufferLength(b);
    char *s = (char *)xmlBufferContent(b);
    if (kind != AS_MARKUP && is_base64(n)) {
        blen = base64_decode(s, blen);
        if (utf8_first_bad(s, blen) != UTF8_NOT_FOUND) {
            if (!(repaired = utf8_repair(s, blen, &blen)))
                goto done;
            s = repaired;
        }
    }
    if (kind == AS_MARKUP) {
        xmlBufferEmpty(b);
        if (markup(doc, n, b) < 0)
            goto done;
        s = (char *)xmlBufferContent(b);
        blen = (size_t)xmlBufferLength(b);
    }
    if (kind != AS_PLAIN) {
        if (html_fragment_text(s, blen, &out, len) != GZ_OK)
            out = NULL;
        goto done;
    }
    if (html_text_put(&t, s, blen) != GZ_OK)
        goto done;
    out = t.s ? t.s : strdup("");
    *len = t.s ? t.len : 0;
    t.s = NULL;
done:
    free(t.s);
    free(repaired);
    xmlBufferFree(b);
    if (!out)
        gz_error_set(GZ_EOOM, "out of memory reading a feed");
    return out;
}

/* Element N's text as it is (an id, a link), blank space trimmed, valid
 * UTF-8; NULL when empty or out of memory (then *OOM is set). */
static char *trimmed_text(xmlDocPtr doc, const xmlNode *n, int *oom)
{
    xmlBufferPtr b = xmlBufferCreate();
    char *out = NULL;
    if (!b || raw_text(doc, n, b) < 0) {
        *oom = 1;
        goto done;
    }
    const char *s = (const char *)xmlBufferContent(b);
    size_t len = (size_t)xmlBufferLength(b);
    while (len && strchr(" \t\r\n", s[len - 1]))
        len--;
    while (len && strchr(" \t\r\n", *s))
        s++, len--;
    if (len && !(out = utf8_repair(s, len, &len)))
        *oom = 1;
done:
    xmlBufferFree(b);
    return out;
}

/* The dates of an item, in the order feed.h gives: publication first,
 * then change. */
static int date_rank(const xmlNode *n)
{
    static const struct { int family; const char *name; } order[] = {
        { NS_CORE, "pubDate" }, { NS_CORE, "published" },
        { NS_CORE, "issued" }, { NS_DC, "date" }, { NS_DCTERMS, "issued" },
        { NS_DCTERMS, "created" }, { NS_CORE, "created" },
        { NS_CORE, "updated" }, { NS_CORE, "modified" },
        { NS_DCTERMS, "modified" },
    };
    for (int i = 0; i < (int)(sizeof order / sizeof *order); i++)
        if (is_el(n, order[i].family, order[i].name))
            return i;
    return -1;
}

/* The elements of one item that its fields come from. */
typedef struct item_parts {
    const xmlNode *id, *title, *dc_title, *link, *author, *body, *summary;
    const char *href;           /* Atom's <link href>, else NULL */
    int permalink;              /* the RSS guid is a link */
} item_parts;

static void find_link(const xmlNode *c, item_parts *p)
{
    const char *href = attr(c, "href"), *rel = attr(c, "rel");
    if (!href) {
        if (!p->link && !p->href)
            p->link = c;
    } else if (!p->href && (!rel || strcmp(rel, "alternate") == 0)) {
        p->href = href;
    }
}

/* Find the parts of ITEM, and its date into F->date ("" when none). */
static void find_parts(struct feed_reader *f, const xmlNode *item,
                       item_parts *p)
{
    int best = INT_MAX;
    memset(p, 0, sizeof *p);
    f->date[0] = '\0';
    for (const xmlNode *c = item->children; c; c = c->next) {
        const char *local;
        int fam = c->type == XML_ELEMENT_NODE ? ns_family(c, &local) : -1, r;
        if (fam == NS_CORE && (!strcmp(local, "guid") || !strcmp(local, "id"))) {
            if (!p->id) {
                const char *pl = attr(c, "isPermaLink");
                p->id = c;
                p->permalink = !strcmp(local, "guid") && !(pl && !strcmp(pl, "false"));
            }
        } else if (fam == NS_CORE && !strcmp(local, "title")) {
            if (!p->title)
                p->title = c;
        } else if (fam == NS_DC && !strcmp(local, "title")) {
            if (!p->dc_title)
                p->dc_title = c;
        } else if (fam == NS_CORE && !strcmp(local, "link")) {
            find_link(c, p);
        } else if ((fam == NS_CORE && !strcmp(local, "author")) ||
                   (fam == NS_DC && (!strcmp(local, "creator") ||
                                     !strcmp(local, "author")))) {
            if (!p->author)
                p->author = child_el(c, NS_CORE, "name") ? child_el(c, NS_CORE, "name") : c;
        } else if ((fam == NS_CORE && !strcmp(local, "content")) ||
                   (fam == NS_CORE && !strcmp(local, "fullitem")) ||
                   (fam == NS_CONTENT && !strcmp(local, "encoded")) ||
                   (fam == NS_XHTML && !strcmp(local, "body"))) {
            if (!p->body)
                p->body = c;
        } else if ((fam == NS_CORE && (!strcmp(local, "description") ||
                                       !strcmp(local, "summary"))) ||
                   (fam == NS_DC && !strcmp(local, "description"))) {
            if (!p->summary)
                p->summary = c;
        } else if ((r = date_rank(c)) >= 0 && r < best) {
            /* Not xmlNodeGetContent(): it expands entities. */
            int oom = 0;
            char *s = trimmed_text(f->doc, c, &oom);
            if (s && date_parse_published(s, strlen(s), f->date))
                best = r;
            free(s);
        }
    }
}

static void report(struct feed_reader *f, long line, int rejected,
                   const char *message)
{
    if (f->problem)
        f->problem(f->ctx, line, rejected, message);
}

/* Keep S as the item's string number K (freed by the next item). */
static const char *own(struct feed_reader *f, int k, char *s)
{
    f->owned[k] = s;
    return s;
}

/* 1 when TAG (may be NULL) names a language as lang.h reads tags: feeds
 * carry junk and "und", which give way to the next source. */
static int names_lang(const char *tag)
{
    char code[LANG_MAX];
    return tag && lang_code(tag, strlen(tag), code);
}

/* The nearest xml:lang, on ITEM or an element around it, that names a
 * language, repaired to UTF-8 and malloc()ed; NULL when none (*OOM set
 * when out of memory).  xmlNodeGetLang() would stop at the nearest one,
 * junk or not. */
static char *item_lang(const xmlNode *item, int *oom)
{
    for (const xmlNode *n = item; n && n->type == XML_ELEMENT_NODE;
         n = n->parent) {
        xmlChar *lang = xmlGetNsProp(n, (const xmlChar *)"lang",
                                     XML_XML_NAMESPACE);
        size_t len = lang ? strlen((const char *)lang) : 0;
        char *s = NULL;
        if (names_lang((const char *)lang) &&
            !(s = utf8_repair((const char *)lang, len, &len)))
            *oom = 1;
        xmlFree(lang);
        if (s || *oom)
            return s;
    }
    return NULL;
}

static void free_item(struct feed_reader *f)
{
    for (int k = 0; k < ITEM_STRINGS; k++) {
        free(f->owned[k]);
        f->owned[k] = NULL;
    }
}

/* The link of P: Atom's href made absolute against xml:base, else the
 * RSS <link>, else a permalink guid; NULL when none (*OOM on failure). */
static char *item_link(struct feed_reader *f, const xmlNode *item,
                       const item_parts *p, int *oom)
{
    if (p->href) {
        xmlChar *base = xmlNodeGetBase(f->doc, item);
        xmlChar *abs = xmlBuildURI((const xmlChar *)p->href, base);
        const char *s = abs ? (const char *)abs : p->href;
        size_t n = strlen(s);
        char *out = n ? utf8_repair(s, n, &n) : NULL;
        *oom |= n && !out;
        xmlFree(abs);
        xmlFree(base);
        return out;
    }
    if (p->link)
        return trimmed_text(f->doc, p->link, oom);
    return p->id && p->permalink ? trimmed_text(f->doc, p->id, oom) : NULL;
}

/* RSS 1.0's rdf:about, the item's URI; NULL when none (*OOM on failure). */
static char *rdf_about(const xmlNode *item, int *oom)
{
    xmlChar *about = xmlGetNsProp(item, (const xmlChar *)"about",
                                  (const xmlChar *)"http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    size_t n = about ? strlen((const char *)about) : 0;
    char *out = n ? utf8_repair((const char *)about, n, &n) : NULL;
    *oom |= n && !out;
    xmlFree(about);
    return out;
}

/* A text string of the item from element N ("" for none), cut at
 * CORPUS_MAX_ARTICLE_BYTES before a character. */
static char *item_text(struct feed_reader *f, const xmlNode *n, int from,
                       size_t *len, int *oom)
{
    char *s = n ? element_text(f->doc, n, from, len) : strdup("");
    if (!s) {
        *oom = 1;
        return NULL;
    }
    if (!n)
        *len = 0;
    if (*len > CORPUS_MAX_ARTICLE_BYTES) {
        size_t cut = CORPUS_MAX_ARTICLE_BYTES;
        while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        s[*len = cut] = '\0';
    }
    return s;
}

/* Cut S[FROM..TO) out of S (NUL-terminated). */
static void cut_out(char *s, size_t from, size_t to)
{
    memmove(s + from, s + to, strlen(s + to) + 1);
}

/* RSS 2.0's <author> is an e-mail address, usually with the name in
 * parentheses ("me@example.com (Jo Bloggs)") or the other way round
 * ("Jo Bloggs <me@example.com>"): keep the name, in place. */
static void author_name(char *s)
{
    char *open = strchr(s, '('), *close = open ? strchr(open, ')') : NULL;
    char *lt = strchr(s, '<'), *gt = lt ? strchr(lt, '>') : NULL;

    if (lt && gt && memchr(lt, '@', (size_t)(gt - lt))) {
        cut_out(s, (size_t)(lt - s), (size_t)(gt - s) + 1);
    } else if (open && close) {
        int mail_inside = memchr(open, '@', (size_t)(close - open)) != NULL;
        if (mail_inside) {
            cut_out(s, (size_t)(open - s), (size_t)(close - s) + 1);
        } else if (strchr(s, '@')) {
            *close = '\0';
            cut_out(s, 0, (size_t)(open - s) + 1);
        }
    }
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    while (*s == ' ')
        cut_out(s, 0, 1);
}

static int read_item(struct feed_reader *f, const xmlNode *item, feed_item *it)
{
    item_parts p;
    int oom = 0, rss = !is_el(item, NS_CORE, "entry");
    size_t unused;

    find_parts(f, item, &p);
    memset(it, 0, sizeof *it);
    it->link = own(f, 2, item_link(f, item, &p, &oom));
    it->id = p.id ? own(f, 0, trimmed_text(f->doc, p.id, &oom)) : NULL;
    if (!it->id)
        it->id = own(f, 0, rdf_about(item, &oom));
    if (!it->id)
        it->id = it->link;
    const xmlNode *title = p.title ? p.title : p.dc_title;
    it->title = own(f, 1, item_text(f, title, rss ? FROM_RSS_TITLE : FROM_ATOM,
                                    &unused, &oom));
    it->author = p.author ? own(f, 3, item_text(f, p.author, FROM_ATOM,
                                                &unused, &oom)) : NULL;
    if (it->author && rss)
        author_name(f->owned[3]);
    if (it->author && !*it->author)
        it->author = NULL;
    const xmlNode *body = p.body ? p.body : p.summary;
    it->text = own(f, 4, item_text(f, body, rss ? FROM_RSS_BODY : FROM_ATOM,
                                   &it->text_len, &oom));
    it->date = f->date[0] ? f->date : NULL;
    it->source = f->source;
    it->lang = own(f, 5, item_lang(item, &oom));
    if (!it->lang)
        it->lang = f->lang;
    it->line = xmlGetLineNo(item);
    if (!oom)
        return 1;
    gz_error_set(GZ_EOOM, "out of memory reading a feed");
    report(f, it->line, 1, "out of memory reading the item");
    return -1;
}

/* Where LIT (lower case) first is in S[0..N), ASCII case ignored, or
 * NULL.  Not memmem(): a GNU extension. */
static const char *find_ci(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (s[i + j] >= 'A' && s[i + j] <= 'Z' ? s[i + j] | 0x20
                                                             : s[i + j]) == lit[j])
            j++;
        if (j == k)
            return s + i;
    }
    return NULL;
}

/* The length of the entity name at S[0..N) (a letter, then letters and
 * digits) when a ';' ends it, else 0. */
static size_t entity_name(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && k < 32 && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') ||
                               (k > 0 && s[k] >= '0' && s[k] <= '9')))
        k++;
    return k > 0 && k < n && s[k] == ';' ? k : 0;
}

/* Feeds use HTML's entities without declaring them, and libxml2 drops an
 * undeclared entity when the document has no DTD.  So in a document
 * without a doctype, in an ASCII-compatible charset, each "&name;" that
 * XML does not predefine is rewritten before parsing: to a character
 * reference when HTML 4 names it, else to "&amp;name;" (its text kept, as
 * feedparser keeps it); "&#X41;" becomes "&#x41;".  Lines do not move.
 * Returns a malloc()ed copy in *OUT (*OUT_LEN bytes), or leaves *OUT NULL
 * when nothing changes; -1 out of memory. */
static int rewrite_entities(const char *b, size_t n, char **out, size_t *out_len)
{
    static const char *const xml_names[] = { "amp", "lt", "gt", "quot", "apos" };
    char *o = NULL;
    size_t k = 0;
    int changed = 0;

    *out = NULL;
    if (n >= 2 && (b[0] == 0 || b[1] == 0 || (unsigned char)b[0] >= 0xFE))
        return 0;
    if (find_ci(b, n < HTML_ROOT_PROBE ? n : HTML_ROOT_PROBE, "<!doctype"))
        return 0;
    for (int pass = 0; pass < 2; pass++) {
        k = 0;
        for (size_t i = 0; i < n; i++) {
            size_t len = b[i] == '&' ? entity_name(b + i + 1, n - i - 1) : 0;
            char rep[24] = "";
            int known = 0;
            for (size_t x = 0; len && x < 5; x++)
                known |= strlen(xml_names[x]) == len && !memcmp(b + i + 1, xml_names[x], len);
            if (len && !known) {
                char name[33];
                memcpy(name, b + i + 1, len);
                name[len] = '\0';
                const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
                if (e)
                    snprintf(rep, sizeof rep, "&#%u;", e->value);
                else
                    snprintf(rep, sizeof rep, "&amp;");
                i += e ? len + 1 : 0;       /* past the name and ';' */
            } else if (b[i] == '&' && i + 2 < n && b[i + 1] == '#' && b[i + 2] == 'X') {
                snprintf(rep, sizeof rep, "&#x");
                i += 2;
            }
            size_t r = rep[0] ? strlen(rep) : 1;
            changed |= rep[0] != '\0';
            if (pass)
                memcpy(o + k, rep[0] ? rep : b + i, r);
            k += r;
        }
        if (!changed)
            return 0;                   /* no "&name;" to rewrite */
        if (!pass && !(o = malloc(k + 1)))
            return -1;
    }
    *out = o;
    *out_len = k;
    return 0;
}

/* libxml2 calls this for each error while the feed is parsed: keep the
 * first one, to report once. */
static void on_error(void *ctx, xmlErrorPtr err)
{
    struct feed_reader *f = ctx;
    if (f->error_line || !err || err->level < XML_ERR_ERROR)
        return;
    f->error_line = err->line > 0 ? err->line : 1;
    const char *m = err->message ? err->message : "error";
    size_t n = strlen(m), bad = utf8_first_bad(m, n);
    if (bad != UTF8_NOT_FOUND)
        n = bad;
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    snprintf(f->error, sizeof f->error, "%.*s",
             utf8_quote_len(m, n, ERROR_QUOTE_MAX), m);
}

/* The charset to hand libxml2 (feed.h's rule), NULL to let it read the
 * byte-order mark, UTF-16/32 or the declaration; *REPAIR when the bytes
 * are to be read as UTF-8 with bad sequences replaced. */
static const char *feed_charset(const char *b, size_t n, const char *transport,
                                int *repair)
{
    const unsigned char *u = (const unsigned char *)b;
    int utf8_bom = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
    *repair = 0;
    /* libxml2 detects UTF-16 itself but reads UTF-32 only when told. */
    if (n >= 4 && ((u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) ||
                   (u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] == '<')))
        return "UTF-32BE";
    if (n >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
                   (u[0] == '<' && u[1] == 0 && u[2] == 0 && u[3] == 0)))
        return "UTF-32LE";
    if (!utf8_bom && n >= 2 && (u[0] == 0 || u[1] == 0 || (u[0] == 0xFE && u[1] == 0xFF) ||
                                (u[0] == 0xFF && u[1] == 0xFE)))
        return NULL;
    if (utf8_bom || utf8_first_bad(b, n) == UTF8_NOT_FOUND)
        return "UTF-8";
    if (transport && *transport) {
        const char *cs = html_charset(b, n, transport);
        *repair = strcmp(cs, "UTF-8") == 0;
        return cs;
    }
    /* The declaration, within the first line. */
    const char *end = memchr(b, '>', n < 200 ? n : 200);
    const char *enc = n > 5 && memcmp(b, "<?xml", 5) == 0 && end
                      ? find_ci(b, (size_t)(end - b), "encoding") : NULL;
    if (!enc)
        return FEED_GUESSED_CHARSET;
    size_t rest = (size_t)(end - enc);
    if (find_ci(enc, rest, "utf-8")) {
        *repair = 1;
        return "UTF-8";
    }
    return NULL;
}

/* Find the elements whose children are the items, and the feed's title
 * and language; 0, or -1 when the root is no feed (reported). */
static int find_containers(struct feed_reader *f, int *oom)
{
    xmlNode *root = xmlDocGetRootElement(f->doc), *channel = NULL;
    const char *local = "";
    char msg[160];

    if (root)
        ns_family(root, &local);
    if (root && (!strcmp(local, "rss") || !strcmp(local, "RDF"))) {
        for (channel = root->children; channel && !is_el(channel, NS_CORE, "channel");)
            channel = channel->next;
        if (channel)
            f->containers[f->ncontainers++] = channel;
        f->containers[f->ncontainers++] = root;
    } else if (root && !strcmp(local, "feed")) {
        f->containers[f->ncontainers++] = channel = root;
    } else if (root && !strcmp(local, "entry")) {
        /* An Atom entry document (RFC 4287 4.1.2): the one item. */
        f->containers[f->ncontainers++] = (xmlNode *)f->doc;
    } else {
        const char *name = root ? (const char *)root->name : "";
        size_t k = strlen(name), bad = utf8_first_bad(name, k);
        k = bad == UTF8_NOT_FOUND ? k : bad;
        snprintf(msg, sizeof msg, root ? "not a feed: the root element is <%.*s>"
                                       : "not a feed: no XML element in it%.*s",
                 utf8_quote_len(name, k, 40), name);
        report(f, root ? xmlGetLineNo(root) : 0, 1, msg);
        return -1;
    }
    const xmlNode *title = child_el(channel, NS_CORE, "title");
    if (!title)
        title = child_el(channel, NS_DC, "title");
    const xmlNode *lang = child_el(channel, NS_CORE, "language");
    size_t unused;
    if (!lang)
        lang = child_el(channel, NS_DC, "language");
    if (title && !(f->source = element_text(f->doc, title, FROM_ATOM, &unused)))
        *oom = 1;
    if (f->source && !*f->source) {
        free(f->source);
        f->source = NULL;
    }
    f->lang = lang ? trimmed_text(f->doc, lang, oom) : NULL;
    if (f->lang && !names_lang(f->lang)) {
        free(f->lang);
        f->lang = NULL;
    }
    f->next = f->containers[0]->children;
    return 0;
}

gz_status feed_open(const char *bytes, size_t len, const char *transport,
                    feed_problem_fn problem, void *ctx, feed_reader **out)
{
    struct feed_reader *f = calloc(1, sizeof *f);
    html_xml_quiet quiet;
    char *repaired = NULL;
    int repair, oom = 0;
    size_t n = len;

    *out = NULL;
    if (!f)
        return gz_error_set(GZ_EOOM, "out of memory reading a feed");
    if (len > (size_t)INT_MAX) {
        free(f);
        return gz_error_set(GZ_EINVAL, "feed larger than 2 GiB");
    }
    f->problem = problem;
    f->ctx = ctx;
    const char *charset = feed_charset(bytes, len, transport, &repair);
    if (charset && !strncmp(charset, "UTF-32", 6) && len >= 4 &&
        (unsigned char)bytes[charset[6] == 'B' ? 2 : 0] == (charset[6] == 'B' ? 0xFE : 0xFF)) {
        bytes += 4;             /* iconv would read the BOM as a character */
        n = len -= 4;
    }
    if (repair && utf8_first_bad(bytes, len) != UTF8_NOT_FOUND) {
        if (!(repaired = utf8_repair(bytes, len, &n))) {
            free(f);
            return gz_error_set(GZ_EOOM, "out of memory reading a feed");
        }
        bytes = repaired;
    }
    char *rewritten = NULL;
    if (rewrite_entities(bytes, n, &rewritten, &n) != 0) {
        free(repaired);
        free(f);
        return gz_error_set(GZ_EOOM, "out of memory reading a feed");
    }
    if (rewritten)
        bytes = rewritten;
    /* Never NOENT (entities stay references: no expansion, no external
     * file), never DTDLOAD or DTDATTR, never HUGE (its limits bound
     * entity amplification and depth); IGNORE_ENC when the charset is
     * chosen here, so the declaration cannot switch it again. */
    html_xml_quiet_begin(&quiet, on_error, f);
    f->doc = xmlReadMemory(bytes, (int)n, NULL, charset,
                           XML_PARSE_RECOVER | XML_PARSE_NONET |
                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                           (charset ? XML_PARSE_IGNORE_ENC : 0));
    html_xml_quiet_end(&quiet);
    free(repaired);
    free(rewritten);
    if (charset && strcmp(charset, FEED_GUESSED_CHARSET) == 0 && !transport)
        report(f, 0, 0, "not UTF-8 and no charset declared: read as windows-1252");
    if (f->error_line && f->doc) {
        char msg[ERROR_QUOTE_MAX + 96];
        snprintf(msg, sizeof msg, "not well-formed XML at line %ld (%s): "
                 "read as far as it goes", f->error_line, f->error);
        report(f, f->error_line, 0, msg);
    }
    if (!f->doc || find_containers(f, &oom) != 0)
        f->unreadable = 1;
    if (!f->doc && f->error_line)
        report(f, f->error_line, 1, "not a feed: no XML element in it");
    else if (!f->doc)
        report(f, 0, 1, "not a feed: no XML element in it");
    if (oom) {
        feed_close(f);
        return gz_error_set(GZ_EOOM, "out of memory reading a feed");
    }
    *out = f;
    return GZ_OK;
}

int feed_next(feed_reader *f, feed_item *it)
{
    free_item(f);
    if (f->unreadable)
        return -1;
    while (f->at < f->ncontainers) {
        xmlNode *n = f->next;
        while (n && !is_el(n, NS_CORE, "item") && !is_el(n, NS_CORE, "entry"))
            n = n->next;
        if (n) {
            f->next = n->next;
            return read_item(f, n, it);
        }
        if (++f->at < f->ncontainers)
            f->next = f->containers[f->at]->children;
    }
    return 0;
}

const char *feed_title(const feed_reader *f)
{
    return f->source;
}

void feed_close(feed_reader *f)
{
    if (!f)
        return;
    free_item(f);
    free(f->source);
    free(f->lang);
    xmlFreeDoc(f->doc);
    free(f);
}

int feed_sniff(const char *buf, size_t len)
{
    char root[64];
    const char *local;

    if (!html_root_element(buf, len, root, sizeof root))
        return 0;
    local = strrchr(root, ':');
    local = local ? local + 1 : root;
    return strcmp(local, "rss") == 0 || strcmp(local, "RDF") == 0 ||
           strcmp(local, "feed") == 0;
}
