/* test_match.c - the ranking policy of match.c, step by step over plain
 * arrays of candidates: no index (test_xapian_wrap.c runs match_run() on
 * real ones).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "signature.h"
#include "xapian_wrap.h"

/* ---- Candidates ----------------------------------------------------------- */

/* A candidate at place INDEX with WEIGHT, DATE ("" undated) and ID; the
 * strings are static (the steps never free them). */
static match_cand cand(size_t index, double weight, const char *date,
                       const char *id)
{
    match_cand c;
    memset(&c, 0, sizeof c);
    c.index = index;
    c.c.weight = weight;
    c.c.docid = (unsigned)index + 1;
    c.date = (char *)date;
    c.date_len = strlen(date);
    c.id = (char *)id;
    c.id_len = strlen(id);
    return c;
}

/* The ids of C[0..N), joined with ",". */
static const char *ids(const match_cand *c, size_t n)
{
    static char out[1024];
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, ",");
        strcat(out, c[i].id);
    }
    return out;
}

/* A sketch whose first SAME hashes are those of BASE's and the others
 * differ (SIG_SKETCH_BYTES bytes). */
static void make_sketch(unsigned char *out, unsigned char base, unsigned same)
{
    for (unsigned i = 0; i < SIG_HASHES; i++) {
        unsigned char b = i < same ? base : (unsigned char)(base + 1 + i);
        memset(out + 4 * i, b, 4);
        out[4 * i] = (unsigned char)i;
    }
}

/* ---- The window rule --------------------------------------------------------- */

static void test_first_window_is_three_pages_and_twenty(void **state)
{
    (void)state;
    assert_int_equal(match_window_first(0, 10), 50);
    assert_int_equal(match_window_first(20, 10), 110);
    assert_int_equal(match_window_first(0, 0), 20);
}

static void test_window_doubles_until_page_full_or_matches_run_out(void **state)
{
    (void)state;
    /* 50 asked, 50 came, 7 stories for a page of 10: twice as many. */
    assert_int_equal(match_window_next(50, 50, 7, 10), 100);
    /* The page is full. */
    assert_int_equal(match_window_next(50, 50, 10, 10), 0);
    /* Fewer came than asked: the matches ran out. */
    assert_int_equal(match_window_next(50, 49, 3, 10), 0);
}

/* ---- The order a local index gives (remote_window()'s re-sort) -------------- */

static void test_relevance_ties_go_newest_first_then_by_id(void **state)
{
    (void)state;
    match_cand heavy = cand(0, 2.0, "19870101", "z");
    match_cand newer = cand(1, 1.0, "19870302", "b");
    match_cand older_a = cand(2, 1.0, "19870301", "a");
    match_cand older_c = cand(3, 1.0, "19870301", "c");
    match_cand undated = cand(4, 1.0, "", "0");
    assert_true(match_ranked_before(&heavy, &newer, MATCH_RELEVANCE));
    assert_true(match_ranked_before(&newer, &older_a, MATCH_RELEVANCE));
    assert_true(match_ranked_before(&older_a, &older_c, MATCH_RELEVANCE));
    assert_false(match_ranked_before(&older_c, &older_a, MATCH_RELEVANCE));
    assert_true(match_ranked_before(&older_a, &undated, MATCH_RELEVANCE));
    /* Not before itself: a strict order. */
    assert_false(match_ranked_before(&older_a, &older_a, MATCH_RELEVANCE));
}

static void test_date_orders_ignore_weight_and_put_undated_last(void **state)
{
    (void)state;
    match_cand light_new = cand(0, 0.5, "19870302", "b");
    match_cand heavy_old = cand(1, 9.0, "19870301", "a");
    match_cand undated = cand(2, 9.0, "", "a");
    assert_true(match_ranked_before(&light_new, &heavy_old, MATCH_NEWEST));
    assert_true(match_ranked_before(&heavy_old, &light_new, MATCH_OLDEST));
    assert_true(match_ranked_before(&light_new, &undated, MATCH_NEWEST));
    assert_true(match_ranked_before(&light_new, &undated, MATCH_OLDEST));
    assert_false(match_ranked_before(&undated, &heavy_old, MATCH_OLDEST));
}

/* A remote matcher's window for oldest first: undated first, equal dates
 * in any order of id.  The sort gives the local order. */
static void test_sort_gives_the_local_order_of_a_remote_window(void **state)
{
    (void)state;
    match_cand c[] = {
        cand(0, 1, "", "u2"), cand(1, 1, "", "u1"),
        cand(2, 1, "19870301", "c"), cand(3, 1, "19870301", "a"),
        cand(4, 1, "19870302", "b"),
    };
    assert_int_equal(match_sort(c, 5, MATCH_OLDEST), 0);
    assert_string_equal(ids(c, 5), "a,c,b,u1,u2");
    /* Its places in the window go along. */
    assert_int_equal(c[0].index, 3);
    assert_int_equal(c[4].index, 0);
}

static void test_sort_keeps_equal_candidates_in_window_order(void **state)
{
    (void)state;
    /* Equal in weight, date and id (copies on two shards): stable. */
    match_cand c[40];
    for (size_t i = 0; i < 40; i++)
        c[i] = cand(i, 1, "19870301", i % 2 ? "b" : "a");
    assert_int_equal(match_sort(c, 40, MATCH_RELEVANCE), 0);
    for (size_t i = 0; i < 20; i++) {
        assert_string_equal(c[i].id, "a");
        assert_int_equal(c[i].index, 2 * i);
        assert_int_equal(c[20 + i].index, 2 * i + 1);
    }
    assert_int_equal(match_sort(c, 0, MATCH_RELEVANCE), 0);
}

/* The window must widen while its last candidate ties with the page's
 * last hit: a sort by id could bring it into the page. */
static void test_window_tied_when_page_end_and_window_end_tie(void **state)
{
    (void)state;
    match_cand c[] = {
        cand(0, 2, "19870301", "x"), cand(1, 1, "19870301", "y"),
        cand(2, 1, "19870301", "z"), cand(3, 1, "19870302", "w"),
    };
    /* Page of 2 in a window of 3: same date and weight at 1 and 2. */
    assert_true(match_window_tied(c, 3, 2, 3, MATCH_RELEVANCE));
    /* Weight differs: no tie for relevance, a tie for newest. */
    assert_false(match_window_tied(c, 3, 1, 3, MATCH_RELEVANCE));
    assert_true(match_window_tied(c, 3, 1, 3, MATCH_NEWEST));
    /* Date differs. */
    assert_false(match_window_tied(c, 4, 2, 4, MATCH_NEWEST));
    /* The matches ran out, or no page: nothing beyond to pull in. */
    assert_false(match_window_tied(c, 3, 2, 4, MATCH_RELEVANCE));
    assert_false(match_window_tied(c, 3, 0, 3, MATCH_RELEVANCE));
}

/* ---- Near-duplicates ---------------------------------------------------------- */

static void test_near_duplicates_merge_into_the_better_story(void **state)
{
    (void)state;
    static unsigned char s[5][SIG_SKETCH_BYTES];
    make_sketch(s[0], 10, SIG_HASHES);
    make_sketch(s[1], 50, SIG_HASHES);      /* another story */
    make_sketch(s[2], 10, SIG_NEAR_MIN);    /* near the first: merged */
    make_sketch(s[3], 10, SIG_NEAR_MIN - 1); /* not near enough */
    make_sketch(s[4], 50, SIG_HASHES);      /* the second again */
    match_cand c[6];
    const char *names[] = { "a", "b", "a2", "a3", "b2", "x" };
    for (size_t i = 0; i < 6; i++) {
        c[i] = cand(i, 6.0 - (double)i, "19870301", names[i]);
        if (i < 5) {
            c[i].sketch = (char *)s[i];
            c[i].sketch_len = SIG_SKETCH_BYTES;
        }
    }
    c[0].c.collapsed = 2;   /* copies Xapian collapsed */
    c[2].c.collapsed = 1;
    size_t n = 0;
    assert_int_equal(match_merge_near(c, 6, SIG_NEAR_MIN, &n), 0);
    assert_int_equal(n, 4);
    assert_string_equal(ids(c, n), "a,b,a3,x");
    assert_int_equal(c[0].similar, 2 + 1 + 1);  /* its copies, a2 and its copy */
    assert_int_equal(c[1].similar, 1);         /* b2 */
    assert_int_equal(c[2].similar, 0);
    assert_int_equal(c[3].similar, 0);          /* no sketch: alone */
    /* The merged ones stay in the array (their strings are freed there). */
    assert_true((strcmp(c[4].id, "a2") == 0 && strcmp(c[5].id, "b2") == 0) ||
                (strcmp(c[4].id, "b2") == 0 && strcmp(c[5].id, "a2") == 0));
}

static void test_sketch_of_another_length_never_merges(void **state)
{
    (void)state;
    static unsigned char s[SIG_SKETCH_BYTES];
    make_sketch(s, 10, SIG_HASHES);
    match_cand c[2] = { cand(0, 2, "", "a"), cand(1, 1, "", "b") };
    c[0].sketch = c[1].sketch = (char *)s;
    c[0].sketch_len = SIG_SKETCH_BYTES;
    c[1].sketch_len = SIG_SKETCH_BYTES - 4;
    size_t n = 0;
    assert_int_equal(match_merge_near(c, 2, SIG_NEAR_MIN, &n), 0);
    assert_int_equal(n, 2);
}

/* The merge as first written: each candidate against every story before
 * it.  Returns the stories, whose ids go to OUT and counts to SIMILAR. */
static size_t merge_by_comparing_all(const match_cand *c, size_t n,
                                     unsigned near_min, const char **out,
                                     unsigned long *similar)
{
    size_t stories = 0;
    const match_cand **story = calloc(n, sizeof *story);
    assert_non_null(story);
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        if (c[i].sketch_len == SIG_SKETCH_BYTES)
            for (; k < stories; k++)
                if (story[k]->sketch_len == SIG_SKETCH_BYTES &&
                    signature_overlap((const unsigned char *)story[k]->sketch,
                                      (const unsigned char *)c[i].sketch) >=
                        near_min)
                    break;
        if (c[i].sketch_len == SIG_SKETCH_BYTES && k < stories) {
            similar[k] += 1 + c[i].c.collapsed;
        } else {
            similar[stories] = c[i].c.collapsed;
            out[stories] = c[i].id;
            story[stories++] = &c[i];
        }
    }
    free(story);
    return stories;
}

/* Many families of copies, each edited at random positions, some
 * without a sketch: the stories, their order and their counts are those
 * of comparing every pair, for thresholds around the real one. */
static void test_merge_near_equals_comparing_every_story(void **state)
{
    (void)state;
    enum { N = 3000, FAMILIES = 150 };
    static unsigned char sketch[N][SIG_SKETCH_BYTES];
    static char name[N][16];
    static match_cand c[N];
    static const char *want[N];
    static unsigned long similar[N];
    uint32_t seed = 12345;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 1664525u + 1013904223u;
        unsigned family = (seed >> 8) % FAMILIES;
        for (unsigned h = 0; h < SIG_HASHES; h++) {
            seed = seed * 1664525u + 1013904223u;
            /* Each position edited with probability 34/256: two
             * copies share about 24 of 32, either side of the
             * threshold. */
            uint32_t v = (seed >> 24) < 34 ? seed : family * 977u + h;
            memcpy(sketch[i] + 4 * h, &v, 4);
        }
        snprintf(name[i], sizeof name[i], "d%zu", i);
        c[i] = cand(i, (double)(N - i), "19870301", name[i]);
        c[i].c.collapsed = (unsigned)(i % 3);
        if (i % 17 != 5) {
            c[i].sketch = (char *)sketch[i];
            c[i].sketch_len = i % 101 == 7 ? 8 : SIG_SKETCH_BYTES;
        }
    }
    static match_cand work[N];
    const unsigned thresholds[] = { 0, 1, SIG_NEAR_MIN - 4, SIG_NEAR_MIN,
                                    SIG_NEAR_MIN + 4, SIG_HASHES,
                                    SIG_HASHES + 1 };
    for (size_t t = 0; t < sizeof thresholds / sizeof *thresholds; t++) {
        unsigned near_min = thresholds[t];
        size_t expect = merge_by_comparing_all(c, N, near_min, want, similar);
        memcpy(work, c, sizeof work);
        size_t stories = 0;
        assert_int_equal(match_merge_near(work, N, near_min, &stories), 0);
        assert_int_equal(stories, expect);
        /* Near the real threshold both outcomes are common. */
        if (near_min == SIG_NEAR_MIN)
            assert_true(stories > 2 * FAMILIES && stories < N / 2);
        for (size_t k = 0; k < stories; k++) {
            assert_string_equal(work[k].id, want[k]);
            assert_int_equal(work[k].similar, similar[k]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_window_is_three_pages_and_twenty),
        cmocka_unit_test(test_window_doubles_until_page_full_or_matches_run_out),
        cmocka_unit_test(test_relevance_ties_go_newest_first_then_by_id),
        cmocka_unit_test(test_date_orders_ignore_weight_and_put_undated_last),
        cmocka_unit_test(test_sort_gives_the_local_order_of_a_remote_window),
        cmocka_unit_test(test_sort_keeps_equal_candidates_in_window_order),
        cmocka_unit_test(test_window_tied_when_page_end_and_window_end_tie),
        cmocka_unit_test(test_near_duplicates_merge_into_the_better_story),
        cmocka_unit_test(test_sketch_of_another_length_never_merges),
        cmocka_unit_test(test_merge_near_equals_comparing_every_story),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
