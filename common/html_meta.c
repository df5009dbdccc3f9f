/* html_meta.c - a news page's metadata.  First version: <title> and
 * <html lang> only; the sources and their order come next (issue 19). */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "html.h"
#include "html_meta.h"

/* The first element named NAME in document order, or NULL. */
static xmlNode *find_element(xmlNode *node, const char *name)
{
    while (node) {
        if (node->type == XML_ELEMENT_NODE && node->name &&
            strcmp((const char *)node->name, name) == 0)
            return node;
        if (node->children) {
            node = node->children;
            continue;
        }
        while (node && !node->next)
            node = node->parent;
        if (node)
            node = node->next;
    }
    return NULL;
}

gz_status html_meta_read(htmlDocPtr doc, const char *url, html_meta *out)
{
    xmlNode *root = xmlDocGetRootElement(doc), *title;
    html_text t = {0};
    gz_status st;

    (void)url;
    memset(out, 0, sizeof *out);
    title = root ? find_element(root, "title") : NULL;
    if (title) {
        /* <title> is inside <head>, which html_node_text() hides. */
        for (xmlNode *c = title->children; c; c = c->next)
            if (c->type == XML_TEXT_NODE && c->content &&
                (st = html_text_put(&t, (const char *)c->content,
                                    strlen((const char *)c->content))) != GZ_OK) {
                free(t.s);
                return st;
            }
        out->title = t.s;
    }
    if (root) {
        xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
        if (lang && lang[0] && !(out->lang = strdup((const char *)lang))) {
            xmlFree(lang);
            html_meta_free(out);
            return gz_error_set(GZ_EOOM, "out of memory reading a page");
        }
        xmlFree(lang);
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
