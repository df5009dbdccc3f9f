/* html_article.c - a news page's article text.  First version: the whole
 * visible text of <body>; boilerplate removal comes next (issue 19). */
#include "html_article.h"

gz_status html_article_text(htmlDocPtr doc, html_text *out)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    return root ? html_node_text(root, out) : GZ_OK;
}
