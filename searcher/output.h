/* output.h - write search results as text, JSON Lines or TSV.
 *
 * The only code that knows how a hit looks to a person (text, optionally
 * coloured) or to a program (JSON Lines, schema GZ_JSON_SCHEMA, and TSV,
 * both documented in README.md).  Never decides what matches; never
 * touches the index.  Every writer returns 0, or -1 when the stream cannot
 * be written (errno says why; EPIPE for a closed pipe).
 */
#ifndef GZ_OUTPUT_H
#define GZ_OUTPUT_H

#include <stdio.h>
#include <jansson.h>
#include "cli/json_text.h"
#include "record.h"
#include "snippet.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 2: hits and --show gained "author" and "site", TSV two columns
 * (issue 19).  3: "lang", the article's language, and the TSV's last
 * column (issue 22). */
#define GZ_JSON_SCHEMA 3

typedef enum out_format {
    OUT_TEXT,
    OUT_JSON,
    OUT_TSV
} out_format;

typedef struct hit_view {
    unsigned rank;          /* 1-based, counting --offset */
    double score;
    const record *rec;
    const snippet *snip;    /* may be NULL */
    long query;             /* --batch: the query's line number; 0 otherwise */
    unsigned long similar;  /* other articles of the same story */
} hit_view;

/* One hit.  COLOR adds ANSI colours to text output. */
int output_hit(FILE *f, out_format fmt, int color, const hit_view *h);

/* A count of matches (--output count). */
int output_count(FILE *f, out_format fmt, long query, unsigned long count);

/* A field of a hit alone (--output ids or files): in JSON the object
 * {"NAME": VALUE}, NAME being the hit object's field ("id", "path"); in
 * text VALUE as it is, in TSV with tabs and line breaks as spaces, ended
 * by '\n' or, with NUL_END (text only), by '\0' (for xargs -0).  With
 * QUERY > 0 (batch), "query" in JSON, "QUERY\tVALUE" otherwise. */
int output_value(FILE *f, out_format fmt, long query, const char *name,
                 const char *value, int nul_end);

/* A batch query that wrote no hit (none matched, or the page is past the
 * end), so that every query has a line: {"query": N, "hits": 0} in JSON,
 * "N\thits\t0" otherwise. */
int output_no_hits(FILE *f, out_format fmt, long query);

/* Text on a terminal: "showing FIRST-LAST of [about ]TOTAL" above the
 * hits, "about" when TOTAL is an ESTIMATE. */
int output_showing(FILE *f, int color, unsigned first, unsigned last,
                   unsigned long total, int estimate);

/* A batch query that failed: {"query": N, "error": MESSAGE} in JSON,
 * "N\terror\tMESSAGE" in TSV. */
int output_query_error(FILE *f, out_format fmt, long query, const char *msg);

/* The whole stored article (--show): header lines and body as text, or
 * one JSON object with every field and the body. */
int output_article(FILE *f, out_format fmt, const record *r);

/* One period of a timeline (--histogram).  Text: the label, the count
 * and a bar, in columns of the given widths; JSON/TSV: label, first and
 * last day, count.  START 0: the articles without a date. */
typedef struct period_view {
    const char *label;      /* "2020", "2020-03", "2020-W09", "2020-03-02" */
    int start, end;         /* YYYYMMDD */
    unsigned long count, max;
    int label_width, count_width, bar_width;
    int utf8, color;        /* text only */
} period_view;
int output_period(FILE *f, out_format fmt, const period_view *p);

/* One characteristic term of a match set (--terms). */
typedef struct term_view {
    const char *word;       /* as it is written in the matches */
    const char *stem;       /* as it is indexed */
    double weight;
    unsigned long matches;  /* matches that contain it */
    unsigned long total;    /* matches in all */
    unsigned long articles; /* articles of the index that contain it */
    unsigned long doccount; /* articles in the index */
    int color;
} term_view;
int output_term(FILE *f, out_format fmt, const term_view *t);

/* "Did you mean: SUGGESTION  (N matches)", "QUERY:" first in batch. */
int output_suggestion(FILE *f, long query, const char *suggestion,
                      unsigned long matches);

#ifdef __cplusplus
}
#endif

#endif
