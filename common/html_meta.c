/* html_meta.c - a news page's metadata: one walk over the tree gathers
 * every source (html_meta.h lists them and their order), then each field
 * takes the first source that gives a usable value.
 *
 * Every walk follows parent links, never recursion; JSON-LD is read to a
 * fixed depth (an object, its @graph or array members, their mainEntity).
 * A failed allocation anywhere sets the reader's status, which
 * html_meta_read() returns. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/uri.h>

#include "date.h"
#include "error.h"
#include "html.h"
#include "html_meta.h"
#include "lang.h"

/* A JSON-LD script larger than this is not metadata (and not parsed). */
#define LD_SCRIPT_MAX ((size_t)1 << 20)
/* JSON-LD scripts read per page, bylines and <h1>s looked at. */
#define LD_SCRIPTS_MAX 32
#define BYLINES_MAX 8
/* Text nodes after the first <h1> looked at for a dateline. */
#define DATELINE_TEXTS 48
/* An author longer than this (bytes) is a paragraph, not a name. */
#define AUTHOR_MAX 160
/* Authors joined from one JSON-LD list. */
#define AUTHORS_MAX 16

/* The <meta> keys read, from property=, name=, itemprop= or http-equiv=
 * (compared without case). */
enum meta_key {
    M_OG_TITLE, M_TWITTER_TITLE, M_OG_URL, M_OG_SITE, M_APP_NAME,
    M_ARTICLE_PUBLISHED, M_OG_PUBLISHED, M_ITEMPROP_DATE, M_DATE, M_PUBDATE,
    M_PUBLISHDATE, M_DC_ISSUED, M_DCTERMS_CREATED, M_SAILTHRU, M_PARSELY,
    M_DATE_CREATED, M_AUTHOR, M_DC_CREATOR, M_PARSELY_AUTHOR,
    M_ARTICLE_AUTHOR, M_CONTENT_LANGUAGE,
    M_OG_LOCALE, M_COUNT
};
static const char *const meta_names[M_COUNT] = {
    "og:title", "twitter:title", "og:url", "og:site_name", "application-name",
    "article:published_time", "og:published_time", "datePublished", "date",
    "pubdate", "publishdate", "DC.date.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "dateCreated", "author",
    "DC.creator", "parsely-author", "article:author",
    "content-language", "og:locale",
};

/* 1 when the N bytes at KEY name meta key M: without case, ':' and '.'
 * alike, and without an RDFa "schema:" prefix. */
static int is_key(const char *key, size_t n, int m)
{
    const char *name = meta_names[m];

    if (n > 7 && strncasecmp(key, "schema:", 7) == 0) {
        key += 7;
        n -= 7;
    }
    if (strlen(name) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)key[i]) != tolower((unsigned char)name[i]) &&
            !(strchr(":.", key[i]) && strchr(":.", name[i])))
            return 0;
    return 1;
}

/* What one walk over the page found: the first of each. */
typedef struct reader {
    gz_status st;               /* GZ_EOOM once an allocation failed */
    const char *url;            /* where the page came from, or NULL */
    xmlChar *meta[M_COUNT];
    xmlChar *canonical, *base, *html_lang, *xml_lang;
    xmlNode *title, *article, *time_pub, *time_any, *author_prop, *rel_author;
    xmlNode *time_text;         /* the first <time> without datetime= */
    xmlNode *h1;                /* the first <h1> */
    xmlNode *byline[BYLINES_MAX];
    int bylines, ld_scripts;
    json_t *ld;                 /* the JSON-LD object of the article */
    char *site;                 /* the site's name, once decided */
    char *host;                 /* the page's host without "www.", or NULL */
} reader;

/* ---- strings ------------------------------------------------------------ */

/* S (N bytes) as valid UTF-8 with blank space collapsed and trimmed, or
 * NULL when that leaves nothing (or memory ran out: R->st says). */
static char *clean_n(reader *r, const char *s, size_t n)
{
    html_text t = {0};

    if (s && html_text_put(&t, s, n) != GZ_OK) {
        r->st = GZ_EOOM;
        free(t.s);
        return NULL;
    }
    return t.s;
}

static char *clean(reader *r, const char *s)
{
    return s ? clean_n(r, s, strlen(s)) : NULL;
}

/* The text of NODE and its descendants on one line, or NULL. */
static char *node_text(reader *r, const xmlNode *node)
{
    html_text t = {0};
    char *s;

    if (!node)
        return NULL;
    if (html_node_text(node, &t) != GZ_OK) {
        r->st = GZ_EOOM;
        free(t.s);
        return NULL;
    }
    s = clean(r, t.s);
    free(t.s);
    return s;
}

static char *attr(const xmlNode *node, const char *name)
{
    return (char *)xmlGetProp(node, (const xmlChar *)name);
}

static int is_element(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->name &&
           strcasecmp((const char *)node->name, name) == 0;
}

/* 1 when attribute NAME of NODE holds WORD, in any case. */
static int attr_has(const xmlNode *node, const char *name, const char *word)
{
    char *v = attr(node, name);
    int has = 0;

    if (v)
        for (char *p = v; *p && !has; p++)
            has = strncasecmp(p, word, strlen(word)) == 0;
    xmlFree(v);
    return has;
}

/* ---- JSON-LD ------------------------------------------------------------ */

/* 1 when OBJ's @type (a string or a list) names an article. */
static int ld_is_article(json_t *obj)
{
    json_t *type = json_object_get(obj, "@type");
    size_t i, n = json_is_array(type) ? json_array_size(type) : 1;

    for (i = 0; i < n; i++) {
        const char *t = json_string_value(json_is_array(type)
                                          ? json_array_get(type, i) : type);
        size_t len = t ? strlen(t) : 0;
        if (t && ((len >= 7 && strcmp(t + len - 7, "Article") == 0) ||
                  (len >= 7 && strcmp(t + len - 7, "Posting") == 0) ||
                  strcmp(t, "Report") == 0))
            return 1;
    }
    return 0;
}

/* O when it is an article, else O's mainEntity when that is one. */
static json_t *ld_pick(json_t *o)
{
    json_t *main = json_object_get(o, "mainEntity");

    if (json_is_object(o) && ld_is_article(o))
        return o;
    return json_is_object(main) && ld_is_article(main) ? main : NULL;
}

/* The article in V (an object or a list of them), in the members of their
 * @graph, or in the mainEntity of either: a fixed depth, no recursion. */
static json_t *ld_find_article(json_t *v)
{
    size_t n = json_is_array(v) ? json_array_size(v) : 1;

    for (size_t i = 0; i < n; i++) {
        json_t *o = json_is_array(v) ? json_array_get(v, i) : v;
        json_t *graph = json_object_get(o, "@graph"), *a;
        if ((a = ld_pick(o)) != NULL)
            return a;
        for (size_t j = 0; j < json_array_size(graph); j++)
            if ((a = ld_pick(json_array_get(graph, j))) != NULL)
                return a;
    }
    return NULL;
}

/* Read the JSON-LD of SCRIPT; keep its article when none was found yet. */
static void ld_read(reader *r, const xmlNode *script)
{
    xmlChar *all;
    const char *s;
    size_t n;
    json_t *v, *article;

    if (r->ld || ++r->ld_scripts > LD_SCRIPTS_MAX)
        return;
    /* The text may come in several nodes (libxml2 splits at a CDATA). */
    if (!(all = xmlNodeGetContent(script)))
        return;
    s = (const char *)all;
    n = strlen(s);
    /* Skip a "<!--" or "<![CDATA[" some pages wrap the JSON in. */
    while (n > 0 && *s != '{' && *s != '[') {
        size_t skip = n >= 9 && strncmp(s, "<![CDATA[", 9) == 0 ? 9 : 1;
        s += skip;
        n -= skip;
    }
    v = n <= LD_SCRIPT_MAX ? json_loadb(s, n, JSON_DISABLE_EOF_CHECK, NULL)
                           : NULL;
    if ((article = ld_find_article(v)) != NULL)
        r->ld = json_incref(article);
    json_decref(v);
    xmlFree(all);
}

static const char *ld_string(reader *r, const char *key)
{
    return json_string_value(json_object_get(r->ld, key));
}

/* A JSON-LD thing's name: a string, or an object's "name". */
static const char *ld_name(json_t *v)
{
    return json_is_string(v) ? json_string_value(v)
                             : json_string_value(json_object_get(v, "name"));
}

/* ---- the walk ----------------------------------------------------------- */

/* Note CONTENT under each meta key named in KEYS, a list of names
 * parted by blank space (property="dc:creator twitter:site_name"). */
static void note_meta(reader *r, const char *keys, const char *content)
{
    while (*keys) {
        size_t n;
        keys += strspn(keys, " \t\r\n");
        n = strcspn(keys, " \t\r\n");
        for (int m = 0; n > 0 && m < M_COUNT; m++)
            if (!r->meta[m] && is_key(keys, n, m))
                r->meta[m] = xmlStrdup((const xmlChar *)content);
        keys += n;
    }
}

/* Note the content= of META (or of any element: microdata and RDFa put
 * it on <span>s and <time>s) under its key. */
static void read_meta(reader *r, const xmlNode *node)
{
    static const char *const keys[] = {"property", "name", "itemprop",
                                       "http-equiv"};
    char *content = attr(node, "content");

    for (size_t k = 0; content && content[0] && k < 4; k++) {
        char *key = attr(node, keys[k]);
        if (key)
            note_meta(r, key, content);
        xmlFree(key);
    }
    xmlFree(content);
}

/* Note what element NODE says about the page. */
static void read_element(reader *r, xmlNode *node)
{
    if (xmlHasProp(node, (const xmlChar *)"content"))
        read_meta(r, node);
    if (is_element(node, "link") && !r->canonical &&
             attr_has(node, "rel", "canonical"))
        r->canonical = xmlGetProp(node, (const xmlChar *)"href");
    else if (is_element(node, "base") && !r->base)
        r->base = xmlGetProp(node, (const xmlChar *)"href");
    else if (is_element(node, "title") && !r->title)
        r->title = node;
    else if (is_element(node, "h1") && !r->h1)
        r->h1 = node;
    else if (is_element(node, "article") && !r->article)
        r->article = node;
    else if (is_element(node, "script") && attr_has(node, "type", "ld+json"))
        ld_read(r, node);
    if (is_element(node, "time") && !r->time_pub &&
        xmlHasProp(node, (const xmlChar *)"datetime") &&
        (xmlHasProp(node, (const xmlChar *)"pubdate") ||
         attr_has(node, "itemprop", "datePublished")))
        r->time_pub = node;
    if (is_element(node, "time") && !r->time_any &&
        xmlHasProp(node, (const xmlChar *)"datetime"))
        r->time_any = node;
    else if (is_element(node, "time") && !r->time_text)
        r->time_text = node;
    if (!r->author_prop && !is_element(node, "meta") &&
        attr_has(node, "itemprop", "author"))
        r->author_prop = node;
    if (!r->rel_author && is_element(node, "a") &&
        attr_has(node, "rel", "author"))
        r->rel_author = node;
    if (r->bylines < BYLINES_MAX &&
        (attr_has(node, "class", "byline") || attr_has(node, "id", "byline") ||
         attr_has(node, "data-testid", "byline") ||
         attr_has(node, "class", "author") || attr_has(node, "id", "author")))
        r->byline[r->bylines++] = node;
}

static void read_page(reader *r, xmlNode *root)
{
    r->html_lang = xmlGetProp(root, (const xmlChar *)"lang");
    /* XHTML pages may say it with xml:lang only (2 of the 391 pages of
     * ../shared/formats/html); the HTML parser keeps the name whole. */
    r->xml_lang = xmlGetProp(root, (const xmlChar *)"xml:lang");
    for (xmlNode *node = root; node; node = html_next(node, root, 0))
        if (node->type == XML_ELEMENT_NODE)
            read_element(r, node);
}

/* ---- title -------------------------------------------------------------- */

/* Where in TITLE the separator before its last part starts (*AT) and how
 * long it is; 0 when TITLE has none.  FIRST looks for the first instead. */
static size_t separator(const char *title, int first, size_t *at)
{
    static const char *const seps[] = {
        " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ",
        " \xC2\xBB ", " \xC2\xAB ",
    };
    size_t best_len = 0;

    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
        for (const char *p = strstr(title, seps[i]); p;
             p = strstr(p + 1, seps[i])) {
            size_t pos = (size_t)(p - title);
            if (!best_len || (first ? pos < *at : pos > *at)) {
                *at = pos;
                best_len = strlen(seps[i]);
            }
            if (first)
                break;
        }
    return best_len;
}

/* 1 when the N bytes at HAY hold NEEDLE (M bytes), in any ASCII case. */
static int holds(const char *hay, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; m > 0 && i + m <= n; i++)
        if (strncasecmp(hay + i, needle, m) == 0)
            return 1;
    return 0;
}

/* 1 when PART (N bytes) names SITE: equal, or one holds the other. */
static int names_site(const char *part, size_t n, const char *site)
{
    size_t m = strlen(site);

    return holds(part, n, site, m) || holds(site, m, part, n);
}

/* Cut the parts naming SITE off either end of TITLE (in place); 1 when
 * one was. */
static int strip_name(char *title, const char *site)
{
    size_t at, len;
    int cut = 0;

    while ((len = separator(title, 0, &at)) != 0 &&
           names_site(title + at + len, strlen(title + at + len), site)) {
        title[at] = '\0';
        cut = 1;
    }
    while ((len = separator(title, 1, &at)) != 0 && names_site(title, at, site)) {
        memmove(title, title + at + len, strlen(title + at + len) + 1);
        cut = 1;
    }
    return cut;
}

/* Cut the parts naming the site (its name, or its host: "| heizung.de")
 * off either end of TITLE (in place); when GUESS and none does, the last
 * part when shorter than the rest. */
static void strip_site(reader *r, char *title, int guess)
{
    size_t at, len;
    int cut = 0;

    if (r->site)
        cut = strip_name(title, r->site);
    if (r->host)
        cut |= strip_name(title, r->host);
    if (guess && !cut && (len = separator(title, 0, &at)) != 0 &&
        strlen(title + at + len) < at)
        title[at] = '\0';
}

/* The first <h1> whose text starts TITLE (the only <h1> of a page is as
 * often a site's name as the headline). */
static char *h1_title(reader *r, xmlNode *root, const char *title)
{
    for (xmlNode *n = title ? root : NULL; n; n = html_next(n, root, 0)) {
        char *text = is_element(n, "h1") ? node_text(r, n) : NULL;
        if (text && strncmp(title, text, strlen(text)) == 0)
            return text;
        free(text);
    }
    return NULL;
}

static char *read_title(reader *r, xmlNode *root)
{
    char *page_title = node_text(r, r->title), *t;
    const char *given[] = {(const char *)r->meta[M_OG_TITLE],
                           r->ld ? ld_string(r, "headline") : NULL,
                           (const char *)r->meta[M_TWITTER_TITLE]};

    if ((t = h1_title(r, root, page_title)) != NULL) {
        free(page_title);
        return t;
    }
    for (size_t i = 0; i < sizeof given / sizeof *given; i++)
        if ((t = clean(r, given[i])) != NULL) {
            strip_site(r, t, 0);
            free(page_title);
            return t;
        }
    if (page_title)
        strip_site(r, page_title, 1);
    return page_title;
}

/* ---- date --------------------------------------------------------------- */

static int url_sep(char c)
{
    return c == '/' || c == '-';
}

/* A day written in URL as /YYYY/MM/DD, /YYYY-MM-DD, /YYYY-MM/DD or
 * /YYYYMMDD. */
static int url_day(const char *url, char day[11])
{
    static const char digits[] = "0123456789";

    for (const char *p = url ? strchr(url, '/') : NULL; p;
         p = strchr(p + 1, '/')) {
        const char *y = p + 1;
        char d[11];
        if (strspn(y, digits) == 8)
            snprintf(d, sizeof d, "%.4s-%.2s-%.2s", y, y + 4, y + 6);
        else if (strspn(y, digits) == 4 && url_sep(y[4]) &&
                 strspn(y + 5, digits) == 2 && url_sep(y[7]) &&
                 strspn(y + 8, digits) == 2)
            snprintf(d, sizeof d, "%.4s-%.2s-%.2s", y, y + 5, y + 8);
        else
            continue;
        if (date_parse_published(d, strlen(d), day))
            return 1;
    }
    return 0;
}

static int day_of(const char *s, char day[11])
{
    return s && date_parse_published(s, strlen(s), day);
}

/* The day of <time datetime> NODE. */
/* The day of <time> NODE: its datetime=, else its text. */
static int time_day(reader *r, const xmlNode *node, char day[11])
{
    char *dt = node ? attr(node, "datetime") : NULL;
    char *text = node && !dt ? node_text(r, node) : NULL;
    int ok = day_of(dt ? dt : text, day);

    xmlFree(dt);
    free(text);
    return ok;
}

/* The day of the first <time datetime> within the article. */
static int article_time(reader *r, char day[11])
{
    for (xmlNode *n = r->article; n; n = html_next(n, r->article, 0))
        if (is_element(n, "time") &&
            xmlHasProp(n, (const xmlChar *)"datetime"))
            return time_day(r, n, day);
    return 0;
}

/* The day of a dateline: the first of the text nodes after the first
 * <h1> that is a date and nothing else ("10.11.2021", "26. Januar 2022"). */
static int dateline(reader *r, char day[11])
{
    xmlNode *root = r->h1 ? xmlDocGetRootElement(r->h1->doc) : NULL;
    int texts = 0;

    for (xmlNode *n = r->h1; n && texts < DATELINE_TEXTS;
         n = html_next(n, root, html_is_hidden(n)))
        if (n->type == XML_TEXT_NODE && n->content) {
            char *t = clean(r, (const char *)n->content);
            int ok = t && day_of(t, day);
            texts += t != NULL;
            free(t);
            if (ok)
                return 1;
        }
    return 0;
}

static int read_date(reader *r, const char *canonical, char day[11])
{
    static const enum meta_key metas[] = {
        M_ARTICLE_PUBLISHED, M_OG_PUBLISHED, M_ITEMPROP_DATE, M_DATE,
        M_PUBDATE, M_PUBLISHDATE, M_DC_ISSUED, M_DCTERMS_CREATED, M_SAILTHRU,
        M_PARSELY,
    };

    if (r->ld && day_of(ld_string(r, "datePublished"), day))
        return 1;
    for (size_t i = 0; i < sizeof metas / sizeof *metas; i++)
        if (day_of((const char *)r->meta[metas[i]], day))
            return 1;
    if (time_day(r, r->time_pub, day) || article_time(r, day))
        return 1;
    if ((r->ld && day_of(ld_string(r, "dateCreated"), day)) ||
        day_of((const char *)r->meta[M_DATE_CREATED], day))
        return 1;
    if (time_day(r, r->time_any, day) || time_day(r, r->time_text, day) ||
        dateline(r, day))
        return 1;
    return url_day(canonical, day) || url_day(r->url, day);
}

/* ---- author ------------------------------------------------------------- */

/* S without the label a byline starts with ("By", "Par", "Von",
 * "Written by", "Autor:", ...), in place. */
static void strip_label(char *s)
{
    static const char *const labels[] = {
        "written by", "posted by", "geschrieben von", "ver\xC3\xB6""ffentlicht von",
        "ein beitrag von", "beitrag von", "author", "autor", "auteur", "by",
        "par", "von", "vom", "por", "text",
    };

    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        size_t n = strlen(labels[i]);
        /* "ByAlex Smith": inline markup glues a label to the name. */
        if (strncasecmp(s, labels[i], n) == 0 &&
            (s[n] == ' ' || s[n] == ':' || s[n] == '\0' ||
             (s[n] >= 'A' && s[n] <= 'Z'))) {
            n += strspn(s + n, " :");
            memmove(s, s + n, strlen(s + n) + 1);
            return;
        }
    }
}

/* 1 when the word at S starts a date: a month or weekday name
 * (English, German) or "Updated". */
static int date_word(const char *s)
{
    static const char *const words[] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "januar",
        "februar", "m\xC3\xA4rz", "mai", "juni", "juli", "oktober",
        "dezember", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "montag", "dienstag", "mittwoch", "donnerstag",
        "freitag", "samstag", "sonntag", "updated", "published", "posted",
    };
    size_t n = strcspn(s, " ,.:;|");

    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
            return 1;
    return 0;
}

/* Visible byline text S cut before what follows the names: a date or
 * time (the first digit or date word), a " | " or a bullet, and a
 * trailing comma or dash.  In place. */
static void cut_byline(char *s)
{
    static const char *const ends[] = {" | ", " \xE2\x80\xA2 ", " am ", " on ",
                                       " le ", " \xC2\xB7 "};
    size_t n = 0;

    /* A number starting a word ("r23" is a name). */
    while (s[n] && !(isdigit((unsigned char)s[n]) && (n == 0 || s[n - 1] == ' ')))
        n++;

    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        char *e = strstr(s, ends[i]);
        if (e && (size_t)(e - s) < n)
            n = (size_t)(e - s);
    }
    for (char *w = strchr(s, ' '); w && (size_t)(w - s) < n;
         w = strchr(w + 1, ' '))
        if (date_word(w + 1))
            n = (size_t)(w - s);
    while (n > 0 && strchr(" ,;-|", s[n - 1]))
        n--;
    s[n] = '\0';
}

/* S as an author, its label stripped (and when VISIBLE, what follows the
 * names cut); NULL when it is a URL, the site's own name or too long to
 * be names.  Takes S. */
static char *as_author(reader *r, char *s, int visible)
{
    if (!s)
        return NULL;
    strip_label(s);
    if (visible)
        cut_byline(s);
    if (!s[0] || strstr(s, "://") || strncmp(s, "www.", 4) == 0 ||
        strlen(s) > AUTHOR_MAX || (r->site && strcasecmp(s, r->site) == 0)) {
        free(s);
        return NULL;
    }
    return s;
}

/* JSON-LD's author: a name, a Person, or a list of them joined ", ". */
static char *ld_author(reader *r)
{
    json_t *a = r->ld ? json_object_get(r->ld, "author") : NULL;
    size_t n = json_is_array(a) ? json_array_size(a) : 1;
    html_text t = {0};

    for (size_t i = 0; a && i < n && i < AUTHORS_MAX; i++) {
        char *name = as_author(r, clean(r, ld_name(json_is_array(a)
                                                   ? json_array_get(a, i) : a)),
                               0);
        if (name && t.len > 0 && html_text_put(&t, ", ", 2) != GZ_OK)
            r->st = GZ_EOOM;
        if (name && html_text_put(&t, name, strlen(name)) != GZ_OK)
            r->st = GZ_EOOM;
        free(name);
    }
    return as_author(r, t.s, 0);
}

/* The name in an itemprop=author element: its itemprop=name, or all. */
static char *prop_author(reader *r)
{
    for (xmlNode *n = r->author_prop; n; n = html_next(n, r->author_prop, 0))
        if (n->type == XML_ELEMENT_NODE && attr_has(n, "itemprop", "name")) {
            char *content = attr(n, "content");
            char *s = content ? clean(r, content) : node_text(r, n);
            xmlFree(content);
            return s;
        }
    return node_text(r, r->author_prop);
}

/* 1 when NODE is inside a <form> (a comment form's "Name *"), or holds
 * the byline after it (the inner one is the more precise). */
static int poor_byline(const xmlNode *node, const xmlNode *next)
{
    for (const xmlNode *p = next; p; p = p->parent)
        if (p == node)
            return 1;
    for (const xmlNode *p = node; p; p = p->parent)
        if (is_element(p, "form") || is_element(p, "footer"))
            return 1;
    return 0;
}

static char *read_author(reader *r)
{
    char *a;

    if ((a = ld_author(r)) != NULL ||
        (a = as_author(r, clean(r, (char *)r->meta[M_AUTHOR]), 0)) != NULL ||
        (a = as_author(r, clean(r, (char *)r->meta[M_DC_CREATOR]), 0)) ||
        (a = as_author(r, clean(r, (char *)r->meta[M_PARSELY_AUTHOR]), 0)) ||
        (a = as_author(r, clean(r, (char *)r->meta[M_ARTICLE_AUTHOR]), 0)) ||
        (a = as_author(r, prop_author(r), 1)) != NULL ||
        (a = as_author(r, node_text(r, r->rel_author), 1)) != NULL)
        return a;
    for (int i = 0; i < r->bylines; i++)
        if (!poor_byline(r->byline[i], i + 1 < r->bylines ? r->byline[i + 1]
                                                          : NULL) &&
            (a = as_author(r, node_text(r, r->byline[i]), 1)) != NULL)
            return a;
    return NULL;
}

/* ---- url, site, lang ---------------------------------------------------- */

/* HREF made absolute against <base href> and the page's URL; NULL when
 * it cannot be. */
static char *absolute(reader *r, const char *href)
{
    xmlChar *base = NULL, *abs;
    xmlURIPtr uri;
    char *s = NULL;

    if (!href || !href[0])
        return NULL;
    if (r->base)
        base = xmlBuildURI(r->base, (const xmlChar *)r->url);
    abs = xmlBuildURI((const xmlChar *)href,
                      base ? base : (const xmlChar *)r->url);
    uri = abs ? xmlParseURI((const char *)abs) : NULL;
    if (uri && uri->scheme && uri->server)
        s = clean(r, (const char *)abs);
    xmlFreeURI(uri);
    xmlFree(abs);
    xmlFree(base);
    return s;
}

static char *read_url(reader *r)
{
    json_t *main = r->ld ? json_object_get(r->ld, "mainEntityOfPage") : NULL;
    const char *given[] = {
        (const char *)r->canonical, (const char *)r->meta[M_OG_URL],
        r->ld ? ld_string(r, "url") : NULL,
        json_is_string(main) ? json_string_value(main)
                             : json_string_value(json_object_get(main, "@id")),
    };
    char *u;

    for (size_t i = 0; i < sizeof given / sizeof *given; i++)
        if ((u = absolute(r, given[i])) != NULL)
            return u;
    return NULL;
}

/* The host of URL without a leading "www.", or NULL. */
static char *host_of(reader *r, const char *url)
{
    xmlURIPtr uri = url ? xmlParseURI(url) : NULL;
    char *host = NULL;

    if (uri && uri->server)
        host = clean(r, uri->server + (strncasecmp(uri->server, "www.", 4) == 0
                                       ? 4 : 0));
    xmlFreeURI(uri);
    return host;
}

static char *read_site(reader *r)
{
    json_t *publisher = r->ld ? json_object_get(r->ld, "publisher") : NULL;
    char *s;

    if ((s = clean(r, (const char *)r->meta[M_OG_SITE])) != NULL ||
        (s = clean(r, ld_name(publisher))) != NULL)
        return s;
    return clean(r, (const char *)r->meta[M_APP_NAME]);
}

/* TAG as a BCP 47 tag ("en_us" -> "en-US"), or NULL when it is not one:
 * subtags of 1-8 letters and digits, the first of 2-3 letters; language
 * in lower case, region in upper, script in title case. */
static char *bcp47(reader *r, const char *tag)
{
    char *s = clean(r, tag);
    size_t at = 0, sub = 0;

    if (!s || strlen(s) > 35)
        goto bad;
    while (s[at]) {
        size_t n = strspn(s + at, "abcdefghijklmnopqrstuvwxyz"
                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        if (n == 0 || n > 8 || (sub == 0 && (n < 2 || n > 3)) ||
            (s[at + n] && s[at + n] != '-' && s[at + n] != '_'))
            goto bad;
        for (size_t i = 0; i < n; i++)
            s[at + i] = (char)(sub > 0 && (n == 2 || (n == 4 && i == 0))
                               ? toupper((unsigned char)s[at + i])
                               : tolower((unsigned char)s[at + i]));
        if (sub == 0 && strspn(s, "abcdefghijklmnopqrstuvwxyz") < n)
            goto bad;
        at += n;
        if (s[at]) {
            if (!s[at + 1])
                goto bad;
            s[at++] = '-';
        }
        sub++;
    }
    return s;
bad:
    free(s);
    return NULL;
}

/* The first tag of the list TAG ("de, en" -> "de", as HTTP writes
 * Content-Language) as bcp47() gives it, when lang_code() takes it for a
 * language; else NULL.  Pages are full of junk and of "und": a source
 * that names no language gives way to the next. */
static char *named_lang(reader *r, const char *tag)
{
    char code[LANG_MAX], *first, *l;

    if (!tag)
        return NULL;
    first = clean_n(r, tag, strcspn(tag, ","));
    l = bcp47(r, first);
    free(first);
    if (l && !lang_code(l, strlen(l), code)) {
        free(l);
        l = NULL;
    }
    return l;
}

static char *read_lang(reader *r)
{
    char *l;

    if ((l = named_lang(r, (const char *)r->html_lang)) != NULL ||
        (l = named_lang(r, (const char *)r->xml_lang)) != NULL ||
        (l = named_lang(r, (const char *)r->meta[M_CONTENT_LANGUAGE])) != NULL)
        return l;
    return named_lang(r, (const char *)r->meta[M_OG_LOCALE]);
}

/* ---- the page ----------------------------------------------------------- */

gz_status html_meta_read(htmlDocPtr doc, const char *url, html_meta *out)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    reader r = {.st = GZ_OK, .url = url};
    char day[11];

    memset(out, 0, sizeof *out);
    if (!root)
        return GZ_OK;
    read_page(&r, root);
    out->site = r.site = read_site(&r);
    out->url = read_url(&r);
    r.host = host_of(&r, out->url ? out->url : url);
    out->title = read_title(&r, root);
    out->author = read_author(&r);
    out->lang = read_lang(&r);
    if (read_date(&r, out->url, day) && !(out->date = strdup(day)))
        r.st = GZ_EOOM;
    for (int m = 0; m < M_COUNT; m++)
        xmlFree(r.meta[m]);
    xmlFree(r.canonical);
    xmlFree(r.base);
    xmlFree(r.html_lang);
    xmlFree(r.xml_lang);
    json_decref(r.ld);
    free(r.host);
    if (r.st != GZ_OK) {
        html_meta_free(out);
        return gz_error_set(GZ_EOOM, "out of memory reading a page");
    }
    return GZ_OK;
}

void html_meta_free(html_meta *m)
{
    if (!m)
        return;
    free(m->title);
    free(m->date);
    free(m->author);
    free(m->url);
    free(m->site);
    free(m->lang);
    memset(m, 0, sizeof *m);
}
