/* html_article.c - a news page's article text.
 *
 * The idea is Readability's: paragraphs vote for the containers they sit
 * in, and the container with most prose and fewest links wins.  Each pass
 * is a walk over an array of the page's elements in document order, so a
 * page costs time in proportion to its size whatever its depth:
 *  1. index: every element once, its parent's index, whether it is
 *     boilerplate (dropped with everything below it), and the visible
 *     text of its own text nodes;
 *  2. sums: text, link text, commas and a few element counts, each
 *     element's added to its parent's, children after parents reversed;
 *  3. votes: each run of text of 25+ characters whose nearest block holds
 *     it scores 1 + commas + length/100 (at most 3) for that block's
 *     container, half of it for the next one up, less further up;
 *     containers start from their tag and class/id, and end scaled by
 *     (1 - link density);
 *  4. the best container: the <article> (or itemprop=articleBody) that
 *     holds it if any, else moved up while a parent scores better or
 *     holds nothing else; and its siblings that score near it or are
 *     prose;
 *  5. the text of those, without the boilerplate, the headline, and the
 *     containers inside that look like link lists or furniture.
 * Boilerplate is what its tag (nav, aside, header, footer), role or
 * visibility says, and under the class/id rule what its class or id says
 * (furniture[], unlikely[]) unless it also says article (likely[]).  A
 * result under ARTICLE_MIN_BYTES is read again without the class/id rule
 * (pages that call their story "text-wrapper share-parent"), and that
 * reading is taken when it gives more than twice the text; a page where
 * no text votes gives its whole visible text.  doc/DECISIONS.md has the
 * figures that chose each rule.
 *
 * The tree is borrowed: each element's _private holds its index + 1
 * while the extractor runs, and is cleared before it returns. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "html_article.h"

#define NONE SIZE_MAX
/* Shorter articles are read again with the class/id rule off. */
#define ARTICLE_MIN_BYTES 500
/* A run of text shorter than this does not vote. */
#define VOTE_MIN_CHARS 25

enum {
    DROP = 1 << 0,      /* boilerplate, with everything below it */
    IN_LINK = 1 << 1,   /* inside an <a> */
    BLOCK = 1 << 2,     /* html_is_block() */
    HAS_BLOCK = 1 << 3, /* has a block child */
    SCORED = 1 << 4,    /* a container that got votes */
    CLEAN = 1 << 5,     /* furniture inside the article: left out */
    ROOT = 1 << 6,      /* one of the subtrees that make the article */
};

typedef struct elem {
    xmlNode *node;
    size_t parent, block;       /* the parent, the nearest block (or NONE) */
    size_t chars, link_chars;   /* non-blank characters below, those in <a> */
    size_t commas;
    size_t own_chars, own_commas; /* those whose nearest block this is */
    unsigned paras, imgs, items, inputs; /* <p>, <img>, <li>, <input> below */
    double score;
    unsigned near_best;         /* how many of the runners-up are below */
    int weight;                 /* class/id: -25 boilerplate, +25 article */
    unsigned flags;
} elem;

typedef struct page {
    elem *e;
    size_t n, cap;
    int strict;                 /* the class/id rule drops elements */
} page;

/* ---- reading an element ------------------------------------------------- */

static int is(const xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->name &&
           strcasecmp((const char *)node->name, name) == 0;
}

static int is_any(const xmlNode *node, const char *const *names)
{
    for (; *names; names++)
        if (is(node, *names))
            return 1;
    return 0;
}

/* The value of attribute NAME of NODE, or NULL (or when it is not plain
 * text). */
static const char *attr(const xmlNode *node, const char *name)
{
    for (const xmlAttr *a = node->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0)
            return a->children && a->children->type == XML_TEXT_NODE
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

/* NODE's class and id, lower-cased and parted by a space, in BUF (SIZE
 * bytes), cut short. */
static const char *class_id(const xmlNode *node, char *buf, size_t size)
{
    const char *parts[2] = {attr(node, "class"), attr(node, "id")};
    size_t n = 0;

    for (int i = 0; i < 2; i++) {
        if (i == 1 && n + 1 < size)
            buf[n++] = ' ';
        for (const char *s = parts[i]; s && *s && n + 1 < size; s++)
            buf[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
    }
    buf[n] = '\0';
    return buf;
}

/* 1 when WORD is one of the alphanumeric runs of S. */
static int has_token(const char *s, const char *word)
{
    size_t w = strlen(word);
    for (const char *p = strstr(s, word); p; p = strstr(p + 1, word)) {
        int before = p == s || !((p[-1] >= 'a' && p[-1] <= 'z') ||
                                 (p[-1] >= '0' && p[-1] <= '9'));
        char a = p[w];
        int after = !((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9'));
        if (before && after)
            return 1;
    }
    return 0;
}

static int has_any(const char *s, const char *const *words, int whole)
{
    for (; *words; words++)
        if (whole ? has_token(s, *words) : strstr(s, *words) != NULL)
            return 1;
    return 0;
}

/* Class/id words of page furniture: share bars, comments, teasers for
 * other stories, notices.  Dropped with what they hold under the class/id
 * rule, unless the name also says article (see likely[]); inside the
 * article dropped when shorter than FURNITURE_MAX_CHARS whatever the rest
 * of the name ("text-wrapper gigya-share-btns", "article-share"). */
static const char *const furniture[] = {
    "comment", "share", "social", "related", "promo", "cookie", "newsletter",
    "breadcrumb", "disqus", "outbrain", "taboola", "sponsor", "advert",
    "gdpr", "consent", "recommend", "subscribe", "signup", "sign-up",
    "popular", "trending", "most-read", "mostread", NULL,
};
#define FURNITURE_MAX_CHARS 500
/* Words of what is usually not the story either, */
static const char *const unlikely[] = {
    "sidebar", "footer", "masthead", "menu", "navbar", "navigation",
    "banner", "popup", "modal", "pagination", "pager", "widget", "toolbar",
    "caption", "credit", "byline", "skyscraper", "shoutbox", "combx",
    "agegate", "header", NULL,
};
/* ... those only as whole words ("ad" but not "shadow" or "head"), */
static const char *const unlikely_tokens[] = {
    "ad", "ads", "nav", "tags", "rss", "print", "skip", "hidden", NULL,
};
/* ... and words that say article, which save a name from the class/id
 * rule ("content-with-sidebar"). */
static const char *const likely[] = {
    "article", "body", "content", "main", "story", "entry", "post", "text",
    "blog", "column", NULL,
};

static int named_unlikely(const char *cid)
{
    return has_any(cid, furniture, 0) || has_any(cid, unlikely, 0) ||
           has_any(cid, unlikely_tokens, 1);
}

/* -25 for a boilerplate name, +25 for an article's, both, or neither. */
static int class_weight(const char *cid)
{
    return (named_unlikely(cid) ? -25 : 0) +
           (has_any(cid, likely, 0) ? 25 : 0);
}

/* 1 when NODE is boilerplate by its tag, role or visibility, or by its
 * class/id when STRICT. */
static int is_boilerplate(const xmlNode *node, const char *cid, int strict)
{
    static const char *const tags[] = {
        "nav", "aside", "footer", "header", "dialog", "menu", NULL,
    };
    static const char *const roles[] = {
        "navigation", "complementary", "banner", "contentinfo", "menu",
        "menubar", "dialog", "alertdialog", "search", NULL,
    };
    const char *role = attr(node, "role"), *style = attr(node, "style");

    if (html_is_hidden(node) || is_any(node, tags) || attr(node, "hidden"))
        return 1;
    if (role && has_any(role, roles, 1))
        return 1;
    if (style && (strstr(style, "display:none") ||
                  strstr(style, "display: none")))
        return 1;
    if (!strict || is(node, "body") || is(node, "html") ||
        is(node, "article") || is(node, "main") || is(node, "a"))
        return 0;
    return named_unlikely(cid) && !has_any(cid, likely, 0);
}

/* ---- 1. index ----------------------------------------------------------- */

static gz_status add_element(page *pg, xmlNode *node)
{
    size_t parent = node->parent && node->parent->type == XML_ELEMENT_NODE &&
                            node->parent->_private
                        ? (size_t)(uintptr_t)node->parent->_private - 1
                        : NONE;
    char cid[256];
    elem *e;

    if (pg->n == pg->cap) {
        size_t cap = pg->cap ? pg->cap * 2 : 1024;
        elem *more = realloc(pg->e, cap * sizeof *more);
        if (!more)
            return gz_error_set(GZ_EOOM, "out of memory reading an article");
        pg->e = more;
        pg->cap = cap;
    }
    e = &pg->e[pg->n];
    memset(e, 0, sizeof *e);
    e->node = node;
    e->parent = parent;
    class_id(node, cid, sizeof cid);
    e->weight = class_weight(cid);
    if ((parent != NONE && (pg->e[parent].flags & DROP)) ||
        is_boilerplate(node, cid, pg->strict))
        e->flags |= DROP;
    if (is(node, "a") || (parent != NONE && (pg->e[parent].flags & IN_LINK)))
        e->flags |= IN_LINK;
    if (html_is_block(node))
        e->flags |= BLOCK;
    e->block = (e->flags & BLOCK) ? pg->n
               : parent != NONE   ? pg->e[parent].block
                                  : NONE;
    e->paras = is(node, "p");
    e->imgs = is(node, "img");
    e->items = is(node, "li");
    e->inputs = is(node, "input");
    node->_private = (void *)(uintptr_t)(pg->n + 1);
    pg->n++;
    return GZ_OK;
}

/* Count the text of text node NODE for its element. */
static void add_text(page *pg, const xmlNode *node)
{
    const unsigned char *s = (const unsigned char *)node->content;
    size_t i, chars = 0, commas = 0;
    elem *e;

    if (!s || !node->parent || !node->parent->_private)
        return;
    e = &pg->e[(uintptr_t)node->parent->_private - 1];
    for (; *s; s++) {
        if (*s == ',' || (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8C) ||
            (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x81))
            commas++;   /* , U+FF0C U+3001 */
        if (*s > ' ' && (*s & 0xC0) != 0x80)
            chars++;
    }
    e->chars += chars;
    e->commas += commas;
    if (e->flags & IN_LINK)
        e->link_chars += chars;
    if ((i = e->block) != NONE) {
        pg->e[i].own_chars += chars;
        pg->e[i].own_commas += commas;
    }
}

static gz_status index_page(page *pg, xmlNode *root)
{
    gz_status st = GZ_OK;
    int skip = 0;

    for (xmlNode *n = root; n && st == GZ_OK; n = html_next(n, root, skip)) {
        skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            st = add_element(pg, n);
            skip = st == GZ_OK && (pg->e[pg->n - 1].flags & DROP);
        } else if (n->type == XML_TEXT_NODE ||
                   n->type == XML_CDATA_SECTION_NODE) {
            add_text(pg, n);
        }
    }
    return st;
}

/* ---- 2. sums ------------------------------------------------------------ */

static void sum_up(page *pg)
{
    for (size_t i = pg->n; i-- > 0;) {
        elem *e = &pg->e[i], *p;
        if (e->parent == NONE || (e->flags & DROP))
            continue;
        p = &pg->e[e->parent];
        p->chars += e->chars;
        p->link_chars += e->link_chars;
        p->commas += e->commas;
        p->paras += e->paras;
        p->imgs += e->imgs;
        p->items += e->items;
        p->inputs += e->inputs;
        if (e->flags & BLOCK)
            p->flags |= HAS_BLOCK;
    }
}

static double link_density(const elem *e)
{
    return e->chars ? (double)e->link_chars / (double)e->chars : 0.0;
}

/* ---- 3. votes ----------------------------------------------------------- */

static double tag_score(const xmlNode *node)
{
    static const char *const plus5[] = {"div", "article", "main", NULL};
    static const char *const plus3[] = {"pre", "td", "blockquote", NULL};
    static const char *const minus3[] = {
        "address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL,
    };
    static const char *const minus5[] = {
        "h1", "h2", "h3", "h4", "h5", "h6", "th", NULL,
    };
    return is_any(node, plus5)    ? 5
           : is_any(node, plus3)  ? 3
           : is_any(node, minus3) ? -3
           : is_any(node, minus5) ? -5
                                  : 0;
}

/* Blocks whose own text is not prose: list items, headlines, captions,
 * table furniture. */
static int votes(const xmlNode *node)
{
    static const char *const not_prose[] = {
        "li", "dt", "dd", "th", "h1", "caption", "figcaption", "address",
        "legend", "summary", "ul", "ol", "dl", "tr", "table", "html", NULL,
    };
    return !is_any(node, not_prose);
}

static void vote(page *pg, size_t from, double score)
{
    size_t c = from;
    for (int level = 0; c != NONE && level < 5; level++, c = pg->e[c].parent) {
        elem *e = &pg->e[c];
        if (is(e->node, "html"))
            break;
        if (!(e->flags & SCORED)) {
            e->flags |= SCORED;
            e->score = tag_score(e->node) + (pg->strict ? e->weight : 0);
        }
        e->score += level == 0 ? score : level == 1 ? score / 2
                                                    : score / (level * 3);
    }
}

/* The best container, or NONE when no text votes. */
static size_t best_container(page *pg)
{
    size_t best = NONE;

    for (size_t i = 0; i < pg->n; i++) {
        elem *e = &pg->e[i];
        double s;
        if ((e->flags & DROP) || e->own_chars < VOTE_MIN_CHARS ||
            !votes(e->node))
            continue;
        s = 1.0 + (double)e->own_commas +
            (e->own_chars >= 300 ? 3.0 : (double)(e->own_chars / 100));
        vote(pg, (e->flags & HAS_BLOCK) || e->parent == NONE ? i : e->parent,
             s);
    }
    for (size_t i = 0; i < pg->n; i++) {
        elem *e = &pg->e[i];
        if (!(e->flags & SCORED))
            continue;
        e->score *= 1.0 - link_density(e);
        if (best == NONE || e->score > pg->e[best].score)
            best = i;
    }
    return best;
}

/* ---- 4. the article's subtrees ------------------------------------------ */

static size_t element_children(const xmlNode *node)
{
    size_t n = 0;
    for (const xmlNode *c = node->children; c; c = c->next)
        n += c->type == XML_ELEMENT_NODE;
    return n;
}

/* The container that holds TOP and at least RUNNERS_UP_MIN of the other
 * RUNNERS_UP best containers scoring 3/4 of it or more: an article in
 * sections (or cut by ads) votes for each section about as much.  TOP
 * itself when they are fewer. */
#define RUNNERS_UP 4
#define RUNNERS_UP_MIN 3
static size_t common_container(page *pg, size_t top)
{
    size_t run[RUNNERS_UP], n = 0;

    for (size_t i = 0; i < pg->n; i++) {
        const elem *e = &pg->e[i];
        size_t k;
        if (i == top || !(e->flags & SCORED) ||
            e->score < 0.75 * pg->e[top].score)
            continue;
        if (n < RUNNERS_UP) {
            run[n++] = i;
            continue;
        }
        k = 0;
        for (size_t j = 1; j < n; j++)
            if (pg->e[run[j]].score < pg->e[run[k]].score)
                k = j;
        if (pg->e[run[k]].score < e->score)
            run[k] = i;
    }
    if (n < RUNNERS_UP_MIN)
        return top;
    for (size_t k = 0; k < n; k++)
        for (size_t a = pg->e[run[k]].parent; a != NONE; a = pg->e[a].parent)
            pg->e[a].near_best++;
    for (size_t a = pg->e[top].parent; a != NONE && !is(pg->e[a].node, "body");
         a = pg->e[a].parent)
        if (pg->e[a].near_best >= RUNNERS_UP_MIN)
            return a;
    return top;
}

/* The nearest <article> or itemprop=articleBody that holds TOP, or NONE:
 * where the page says its article is, all of it is taken, not only the
 * part that scored best (an article of paragraphs each in its own
 * wrapper votes for each wrapper). */
static size_t marked_article(const page *pg, size_t top)
{
    for (size_t a = top; a != NONE; a = pg->e[a].parent) {
        const char *prop = attr(pg->e[a].node, "itemprop");
        if (is(pg->e[a].node, "article") ||
            (prop && strcasecmp(prop, "articleBody") == 0))
            return a;
    }
    return NONE;
}

/* Move TOP up to the article that holds it, else while a parent scores
 * better, or holds nothing else. */
static size_t climb(page *pg, size_t top)
{
    double last, floor;
    size_t marked;

    top = common_container(pg, top);
    if ((marked = marked_article(pg, top)) != NONE &&
        link_density(&pg->e[marked]) < 0.5)
        return marked;
    last = pg->e[top].score;
    floor = last / 3;

    for (size_t p = pg->e[top].parent; p != NONE && !is(pg->e[p].node, "body");
         p = pg->e[p].parent) {
        const elem *e = &pg->e[p];
        if (!(e->flags & SCORED))
            continue;
        if (e->score < floor)
            break;
        if (e->score > last) {
            top = p;
            break;
        }
        last = e->score;
    }
    while (pg->e[top].parent != NONE &&
           !is(pg->e[pg->e[top].parent].node, "body") &&
           element_children(pg->e[pg->e[top].parent].node) == 1)
        top = pg->e[top].parent;
    return top;
}

static size_t index_of(const xmlNode *node)
{
    return node->type == XML_ELEMENT_NODE && node->_private
               ? (size_t)(uintptr_t)node->_private - 1
               : NONE;
}

/* Mark TOP and its siblings that belong to the article as ROOT. */
static void mark_roots(page *pg, size_t top)
{
    const elem *t = &pg->e[top];
    double threshold = t->score * 0.2 > 10 ? t->score * 0.2 : 10;
    const xmlNode *first = t->parent != NONE ? t->node->parent->children
                                             : t->node;

    for (const xmlNode *c = first; c; c = c->next) {
        size_t i = index_of(c);
        elem *e;
        double ld;
        if (i == NONE || (pg->e[i].flags & DROP))
            continue;
        e = &pg->e[i];
        ld = link_density(e);
        if (i == top || ((e->flags & SCORED) && e->score >= threshold) ||
            (is(c, "p") && e->chars > 80 && ld < 0.25))
            e->flags |= ROOT;
        if (t->parent == NONE)
            break;
    }
}

/* ---- 5. cleaning and text ----------------------------------------------- */

/* 1 when element E inside the article looks like furniture: a short
 * element named so (furniture[]), or a container that is a link list, an
 * image gallery, a form, a box of teasers (Readability's conditional
 * cleaning, except that a list of links goes too). */
static int is_furniture(const elem *e)
{
    static const char *const containers[] = {
        "div", "section", "ul", "ol", "dl", "table", "form", "fieldset",
        NULL,
    };
    int list = is(e->node, "ul") || is(e->node, "ol") || is(e->node, "dl");
    double ld = link_density(e);
    char cid[256];

    if (e->chars < FURNITURE_MAX_CHARS &&
        has_any(class_id(e->node, cid, sizeof cid), furniture, 0))
        return 1;
    if (!is_any(e->node, containers))
        return 0;
    if (e->weight + ((e->flags & SCORED) ? e->score : 0) < 0)
        return 1;
    if (e->commas >= 10)
        return 0;
    return (e->imgs > 1 && e->paras * 2 < e->imgs) ||
           (!list && e->items > e->paras + 100) ||
           e->inputs > e->paras / 3 ||
           (!list && e->chars < VOTE_MIN_CHARS && e->imgs != 1 && ld > 0) ||
           (!list && e->weight < 25 && ld > 0.2) ||
           (list && ld > 0.5) || (e->weight >= 25 && ld > 0.5);
}

/* What the article's text leaves out: boilerplate, furniture, and the
 * headline (<h1>), which is the page's title rather than its text. */
static int skip_element(const xmlNode *node, void *arg)
{
    const page *pg = arg;
    size_t i = index_of(node);
    return i == NONE || (pg->e[i].flags & (DROP | CLEAN)) ||
           is(node, "h1");
}

static gz_status article_text(page *pg, html_text *out)
{
    gz_status st = GZ_OK;

    for (size_t i = 0; i < pg->n; i++)
        if (!(pg->e[i].flags & ROOT) && is_furniture(&pg->e[i]))
            pg->e[i].flags |= CLEAN;
    for (size_t i = 0; i < pg->n && st == GZ_OK; i++)
        if (pg->e[i].flags & ROOT) {
            html_text_break(out, 2);
            st = html_node_text_skip(pg->e[i].node, skip_element, pg, out);
        }
    return st;
}

/* ---- the page ----------------------------------------------------------- */

static void page_free(page *pg)
{
    for (size_t i = 0; i < pg->n; i++)
        pg->e[i].node->_private = NULL;
    free(pg->e);
    memset(pg, 0, sizeof *pg);
}

/* Read ROOT into PG (STRICT: the class/id rule) and choose its article;
 * *FOUND = 0 when no text votes. */
static gz_status read_page(xmlNode *root, int strict, page *pg, int *found)
{
    gz_status st;
    size_t top;

    pg->strict = strict;
    *found = 0;
    if ((st = index_page(pg, root)) != GZ_OK)
        return st;
    sum_up(pg);
    if ((top = best_container(pg)) == NONE)
        return GZ_OK;
    mark_roots(pg, climb(pg, top));
    *found = 1;
    return GZ_OK;
}

/* The article text of ROOT, read with STRICT, into OUT. */
static gz_status try_reading(xmlNode *root, int strict, html_text *out)
{
    page pg = {0};
    int found;
    gz_status st = read_page(root, strict, &pg, &found);

    if (st == GZ_OK && found)
        st = article_text(&pg, out);
    page_free(&pg);
    return st;
}

/* Append T (LEN bytes, as html_text builds it) to OUT, breaks kept. */
static gz_status append_text(html_text *out, const char *t, size_t len)
{
    const char *end = t + len;
    gz_status st = GZ_OK;

    while (t < end && st == GZ_OK) {
        const char *nl = memchr(t, '\n', (size_t)(end - t));
        int level;
        st = html_text_put(out, t, nl ? (size_t)(nl - t) : (size_t)(end - t));
        if (!nl)
            break;
        level = nl + 1 < end && nl[1] == '\n' ? 2 : 1;
        html_text_break(out, level);
        t = nl + level;
    }
    return st;
}

gz_status html_article_text(htmlDocPtr doc, html_text *out)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    html_text strict = {0}, relaxed = {0};
    const html_text *best;
    gz_status st;

    if (!root)
        return GZ_OK;
    st = try_reading(root, 1, &strict);
    if (st == GZ_OK && strict.len < ARTICLE_MIN_BYTES)
        st = try_reading(root, 0, &relaxed);
    if (st != GZ_OK)
        goto done;
    /* The relaxed reading only when it finds much more: it also lets in
     * what the class/id rule rightly dropped. */
    best = relaxed.len > 2 * strict.len ? &relaxed : &strict;
    st = best->len ? append_text(out, best->s, best->len)
                   : html_node_text(root, out);
done:
    free(strict.s);
    free(relaxed.s);
    return st;
}
