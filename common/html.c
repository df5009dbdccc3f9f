/* html.c - HTML bytes into libxml2's tree, and markup into text.
 *
 * libxml2's HTML parser recovers from any markup and builds its tree
 * without recursion; everything here walks that tree by its parent links,
 * never by recursion.  libxml2 reports through thread-wide handlers that
 * print to stderr by default: each parse silences them and puts the
 * caller's back, so a program linking libgazette keeps its own. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLtree.h>
#include <libxml/encoding.h>
#include <libxml/xmlerror.h>

#include "error.h"
#include "html.h"
#include "html_article.h"
#include "utf8.h"

/* ---- the character set -------------------------------------------------- */

/* WHATWG's reading of the labels that differ from iconv's. */
static const char *whatwg_label(const char *label)
{
    static const char *const alias[][2] = {
        {"iso-8859-1", "windows-1252"}, {"iso8859-1", "windows-1252"},
        {"latin1", "windows-1252"},     {"us-ascii", "windows-1252"},
        {"ascii", "windows-1252"},      {"gb2312", "GBK"},
        {"x-gbk", "GBK"},               {"utf8", "UTF-8"},
    };
    for (size_t i = 0; i < sizeof alias / sizeof *alias; i++)
        if (strcasecmp(label, alias[i][0]) == 0)
            return alias[i][1];
    return label;
}

/* LABEL (N bytes) as a charset name iconv knows, copied into BUF (SIZE
 * bytes), or NULL. */
static const char *known_charset(const char *label, size_t n, char *buf,
                                 size_t size)
{
    const char *name;
    xmlCharEncodingHandlerPtr h;

    while (n > 0 && (*label == ' ' || *label == '"' || *label == '\''))
        label++, n--;
    while (n > 0 && (label[n - 1] == ' ' || label[n - 1] == '"' ||
                     label[n - 1] == '\''))
        n--;
    if (n == 0 || n >= size)
        return NULL;
    memcpy(buf, label, n);
    buf[n] = '\0';
    name = whatwg_label(buf);
    if (strcasecmp(name, "utf-8") == 0)
        return "UTF-8";
    h = xmlFindCharEncodingHandler(name);
    if (!h)
        return NULL;
    xmlCharEncCloseFunc(h);
    if (name != buf) {
        snprintf(buf, size, "%s", name);
    }
    return buf;
}

/* The charset a <meta> in the first HTML_CHARSET_PROBE bytes names
 * ("charset=" inside a meta tag, either form), or NULL. */
static const char *meta_charset(const char *bytes, size_t len, char *buf,
                                size_t size)
{
    size_t n = len < HTML_CHARSET_PROBE ? len : HTML_CHARSET_PROBE;
    const char *end = bytes + n;

    for (const char *p = bytes; p + 5 < end; p++) {
        const char *tag_end, *cs;
        if (p[0] != '<' || strncasecmp(p + 1, "meta", 4) != 0)
            continue;
        tag_end = memchr(p, '>', (size_t)(end - p));
        if (!tag_end)
            return NULL;
        for (cs = p; cs + 8 <= tag_end; cs++)
            if (strncasecmp(cs, "charset=", 8) == 0)
                break;
        if (cs + 8 <= tag_end) {
            const char *v = cs + 8, *e = v;
            while (v < tag_end && (*v == '"' || *v == '\'' || *v == ' '))
                v++;
            e = v;
            while (e < tag_end && *e != '"' && *e != '\'' && *e != ';' &&
                   *e != ' ' && *e != '/' && *e != '>')
                e++;
            return known_charset(v, (size_t)(e - v), buf, size);
        }
        p = tag_end;
    }
    return NULL;
}

const char *html_charset(const char *bytes, size_t len, const char *transport)
{
    static _Thread_local char buf[64];
    const char *cs;

    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        return "UTF-8";
    if (len >= 2 && memcmp(bytes, "\xFF\xFE", 2) == 0)
        return "UTF-16LE";
    if (len >= 2 && memcmp(bytes, "\xFE\xFF", 2) == 0)
        return "UTF-16BE";
    if (utf8_first_bad(bytes, len) == UTF8_NOT_FOUND)
        return "UTF-8";
    if (transport &&
        (cs = known_charset(transport, strlen(transport), buf, sizeof buf)))
        return cs;
    if ((cs = meta_charset(bytes, len, buf, sizeof buf)))
        return cs;
    return "windows-1252";
}

/* ---- the first element -------------------------------------------------- */

/* Past the end of the construct at P[I] closed by END, or N. */
static size_t skip_past(const char *p, size_t n, size_t i, const char *end)
{
    size_t k = strlen(end);

    for (; i + k <= n; i++)
        if (memcmp(p + i, end, k) == 0)
            return i + k;
    return n;
}

static int is_name_byte(char c)
{
    return c == ':' || c == '_' || c == '-' || c == '.' ||
           (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

int html_root_element(const char *buf, size_t len, char *name, size_t size)
{
    char p[HTML_ROOT_PROBE];
    size_t n = 0, i = 0, from, k;
    int prolog = 0;

    if (size > 0)
        name[0] = '\0';
    for (size_t j = 0; j < len && n < sizeof p; j++)
        if (buf[j])
            p[n++] = buf[j];
    while (i < n && strchr("\xEF\xBB\xBF\xFE\xFF", p[i]))
        i++;                                    /* byte-order marks */
    while (i < n) {
        if (strchr(" \t\r\n\f", p[i])) {
            i++;
            continue;
        }
        if (n - i >= 2 && p[i] == '<' && p[i + 1] == '?') {
            i = skip_past(p, n, i, "?>");
        } else if (n - i >= 4 && memcmp(p + i, "<!--", 4) == 0) {
            i = skip_past(p, n, i + 4, "-->");
        } else if (n - i >= 2 && p[i] == '<' && p[i + 1] == '!') {
            size_t gt = skip_past(p, n, i, ">"), sq = skip_past(p, n, i, "[");
            i = sq < gt ? skip_past(p, n, skip_past(p, n, sq, "]"), ">") : gt;
        } else {
            break;
        }
        prolog = 1;
    }
    if (i >= n || p[i] != '<')
        return prolog;
    for (from = ++i; i < n && is_name_byte(p[i]); i++)
        ;
    k = i - from < size ? i - from : size ? size - 1 : 0;
    if (size > 0) {
        memcpy(name, p + from, k);
        name[k] = '\0';
    }
    return 1;
}

/* ---- parsing ------------------------------------------------------------ */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

static void silent(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

static void silent_structured(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

void html_xml_quiet_begin(html_xml_quiet *saved, xmlStructuredErrorFunc on_error,
                          void *ctx)
{
    pthread_once(&xml_once, xml_init);
    saved->generic = xmlGenericError;
    saved->generic_ctx = xmlGenericErrorContext;
    saved->structured = xmlStructuredError;
    saved->structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(ctx, on_error ? on_error : silent_structured);
}

void html_xml_quiet_end(const html_xml_quiet *saved)
{
    xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic);
    xmlSetStructuredErrorFunc(saved->structured_ctx, saved->structured);
}

gz_status html_parse(const char *bytes, size_t len, const char *transport,
                     htmlDocPtr *out)
{
    const char *charset = html_charset(bytes, len, transport);
    html_xml_quiet quiet;
    char *repaired = NULL;
    size_t n = len;

    *out = NULL;
    if (len > (size_t)INT32_MAX)
        return gz_error_set(GZ_EINVAL, "HTML page larger than 2 GiB");
    if (strcmp(charset, "UTF-8") == 0 &&
        utf8_first_bad(bytes, len) != UTF8_NOT_FOUND) {
        repaired = utf8_repair(bytes, len, &n);
        if (!repaired)
            return gz_error_set(GZ_EOOM, "out of memory reading HTML");
        bytes = repaired;
    }
    html_xml_quiet_begin(&quiet, NULL, NULL);
    /* NONET: never fetch; IGNORE_ENC: the charset chosen above wins over
     * the page's own <meta>, which rule 2 may have overruled; HUGE lifts
     * the 256-element depth limit, past which libxml2 drops the rest of
     * the page (the walks here need no stack; the page's size bounds the
     * tree). */
    *out = htmlReadMemory(bytes, (int)n, NULL, charset,
                          HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                          HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                          HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                          XML_PARSE_HUGE);
    html_xml_quiet_end(&quiet);
    free(repaired);
    if (*out)
        return GZ_OK;
    /* htmlReadMemory() fails on an empty input or for want of memory; an
     * empty page is an empty tree. */
    *out = htmlNewDocNoDtD(NULL, NULL);
    return *out ? GZ_OK : gz_error_set(GZ_EOOM, "out of memory reading HTML");
}

/* ---- elements ----------------------------------------------------------- */

static int name_in(const xmlNode *node, const char *const *names, size_t n)
{
    if (!node || node->type != XML_ELEMENT_NODE || !node->name)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp((const char *)node->name, names[i]) == 0)
            return 1;
    return 0;
}

int html_is_hidden(const xmlNode *node)
{
    static const char *const hidden[] = {
        "script", "style", "noscript", "template", "head", "iframe",
        "object", "embed", "svg", "math", "canvas", "select", "textarea",
        "button", "rt", "rp",
    };
    return name_in(node, hidden, sizeof hidden / sizeof *hidden);
}

int html_is_block(const xmlNode *node)
{
    static const char *const block[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "tr", "table", "thead", "tbody", "tfoot",
        "caption", "blockquote", "pre", "figure", "figcaption", "section",
        "article", "main", "header", "footer", "nav", "aside", "address",
        "form", "fieldset", "hr", "body", "html", "center", "details",
        "summary", "dialog", "hgroup", "legend", "menu", "picture", "video",
        "audio", "td", "th",
    };
    return name_in(node, block, sizeof block / sizeof *block);
}

static int is_name(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->name &&
           strcasecmp((const char *)node->name, name) == 0;
}

/* ---- text --------------------------------------------------------------- */

static gz_status grow(html_text *t, size_t more)
{
    size_t cap;
    char *s;

    if (t->len + more + 1 <= t->cap)
        return GZ_OK;
    cap = t->cap ? t->cap : 256;
    while (cap < t->len + more + 1)
        cap *= 2;
    s = realloc(t->s, cap);
    if (!s)
        return gz_error_set(GZ_EOOM, "out of memory extracting text");
    t->s = s;
    t->cap = cap;
    return GZ_OK;
}

/* Write what separates the next text from the last. */
static gz_status put_pending(html_text *t)
{
    static const char *const sep[] = {"", "\n", "\n\n"};
    const char *s = t->pending == ' ' ? " " : sep[t->pending];
    size_t n = strlen(s);
    gz_status st;

    t->pending = 0;
    if (t->len == 0 || n == 0)
        return GZ_OK;
    if ((st = grow(t, n)) != GZ_OK)
        return st;
    memcpy(t->s + t->len, s, n + 1);
    t->len += n;
    return GZ_OK;
}

/* The length of the blank-space character at S (N > 0 bytes), or 0:
 * ASCII blank space and U+00A0 NO-BREAK SPACE, which pages use as a
 * space. */
static size_t blank_len(const char *s, size_t n)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' ||
        *s == '\v')
        return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return 0;
}

gz_status html_text_put(html_text *t, const char *s, size_t n)
{
    size_t i = 0;
    gz_status st;

    /* libxml2 passes some bad bytes through (a page that lies about being
     * UTF-8); text handed out is valid whatever the page. */
    if (utf8_first_bad(s, n) != UTF8_NOT_FOUND) {
        size_t fixed_len;
        char *fixed = utf8_repair(s, n, &fixed_len);
        if (!fixed)
            return gz_error_set(GZ_EOOM, "out of memory extracting text");
        st = html_text_put(t, fixed, fixed_len);
        free(fixed);
        return st;
    }
    while (i < n) {
        size_t b = blank_len(s + i, n - i), run = 0;
        if (b) {
            if (t->pending == 0 && t->len > 0)
                t->pending = ' ';
            i += b;
            continue;
        }
        while (i + run < n && !blank_len(s + i + run, n - i - run))
            run++;
        if (t->len + run > HTML_TEXT_MAX)
            return GZ_OK;
        if ((st = put_pending(t)) != GZ_OK || (st = grow(t, run)) != GZ_OK)
            return st;
        memcpy(t->s + t->len, s + i, run);
        t->len += run;
        t->s[t->len] = '\0';
        i += run;
    }
    return GZ_OK;
}

void html_text_break(html_text *t, int level)
{
    if (t->len == 0)
        return;
    if (t->pending == ' ' || t->pending < level)
        t->pending = level;
}

/* A <pre>'s text keeps its lines. */
static gz_status put_pre_text(html_text *t, const char *s, size_t n)
{
    gz_status st;

    for (;;) {
        const char *nl = memchr(s, '\n', n);
        size_t line = nl ? (size_t)(nl - s) : n;
        if ((st = html_text_put(t, s, line)) != GZ_OK || !nl)
            return st;
        html_text_break(t, 1);
        s += line + 1;
        n -= line + 1;
    }
}

/* What entering or leaving element NODE does to T: blocks and lines
 * break, images and inputs part words. */
static void element_edge(html_text *t, const xmlNode *node)
{
    if (is_name(node, "br"))
        html_text_break(t, 1);
    else if (html_is_block(node))
        html_text_break(t, 2);
    else if (is_name(node, "img") || is_name(node, "input"))
        html_text_put(t, " ", 1);
}

gz_status html_node_text(const xmlNode *top, html_text *t)
{
    return html_node_text_skip(top, NULL, NULL, t);
}

gz_status html_node_text_skip(const xmlNode *top,
                              int (*skip)(const xmlNode *, void *), void *arg,
                              html_text *t)
{
    const xmlNode *node = top;
    gz_status st = GZ_OK;
    /* How many <pre> the walk is in: counted on the way down and up, as
     * looking up from each text node would cost the depth each time. */
    size_t pre = 0;

    while (node && st == GZ_OK) {
        int descend = 0;
        if (skip && node->type == XML_ELEMENT_NODE && !html_is_hidden(node) &&
            skip(node, arg)) {
            if (html_is_block(node))
                html_text_break(t, 2);
            else
                st = html_text_put(t, " ", 1);
        } else if (node->type == XML_TEXT_NODE ||
                   node->type == XML_CDATA_SECTION_NODE) {
            const char *s = (const char *)node->content;
            size_t n = s ? strlen(s) : 0;
            st = pre ? put_pre_text(t, s, n) : html_text_put(t, s, n);
        } else if ((node->type == XML_ELEMENT_NODE ||
                    node->type == XML_DOCUMENT_NODE ||
                    node->type == XML_HTML_DOCUMENT_NODE) &&
                   !html_is_hidden(node)) {
            element_edge(t, node);
            descend = node->children != NULL;
        }
        if (descend) {
            pre += is_name(node, "pre");
            node = node->children;
            continue;
        }
        /* Leave NODE, and every parent whose last child it was. */
        while (node != top && !node->next) {
            node = node->parent;
            pre -= is_name(node, "pre");
            if (node->type == XML_ELEMENT_NODE)
                element_edge(t, node);
        }
        if (node == top)
            break;
        node = node->next;
    }
    return st;
}

xmlNode *html_next(const xmlNode *node, const xmlNode *top, int skip_children)
{
    if (!skip_children && node->children)
        return node->children;
    while (node != top && !node->next)
        node = node->parent;
    return node == top ? NULL : node->next;
}

gz_status html_fragment_text(const char *bytes, size_t len, char **out,
                             size_t *out_len)
{
    html_text t = {0};
    htmlDocPtr doc = NULL;
    gz_status st;

    *out = NULL;
    *out_len = 0;
    if ((st = html_parse(bytes, len, "UTF-8", &doc)) != GZ_OK)
        return st;
    st = html_node_text((const xmlNode *)doc, &t);
    xmlFreeDoc(doc);
    if (st != GZ_OK) {
        free(t.s);
        return st;
    }
    if (!t.s && !(t.s = strdup("")))
        return gz_error_set(GZ_EOOM, "out of memory extracting text");
    *out = t.s;
    *out_len = t.len;
    return GZ_OK;
}

/* ---- a page ------------------------------------------------------------- */

gz_status html_extract(const char *bytes, size_t len, const char *transport,
                       const char *url, html_page *out)
{
    htmlDocPtr doc = NULL;
    html_text t = {0};
    gz_status st;

    memset(out, 0, sizeof *out);
    if ((st = html_parse(bytes, len, transport, &doc)) != GZ_OK)
        return st;
    if ((st = html_meta_read(doc, url, &out->meta)) != GZ_OK ||
        (st = html_article_text(doc, &t)) != GZ_OK)
        goto fail;
    if (!t.s && !(t.s = strdup(""))) {
        st = gz_error_set(GZ_EOOM, "out of memory reading a page");
        goto fail;
    }
    out->text = t.s;
    out->text_len = t.len;
    xmlFreeDoc(doc);
    return GZ_OK;

fail:
    free(t.s);
    xmlFreeDoc(doc);
    html_page_free(out);
    return st;
}

void html_page_free(html_page *p)
{
    if (!p)
        return;
    html_meta_free(&p->meta);
    free(p->text);
    p->text = NULL;
    p->text_len = 0;
}
