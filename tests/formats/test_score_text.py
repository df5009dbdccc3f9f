#!/usr/bin/python3
"""test_score_text.py - the scoring rules of tests/formats/score_text.py
on made-up texts (no ../shared needed).  Run by
tests/e2e/t730-html-extraction.sh."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_text as st  # noqa: E402


class Tokens(unittest.TestCase):
    def test_word_runs_keep_case_and_accents(self):
        self.assertEqual(st.tokens("Café, au-lait! 3.5 x_y"),
                         ["Café", "au", "lait", "3", "5", "x_y"])

    def test_none_is_empty(self):
        self.assertEqual(st.tokens(None), [])


class Shingles(unittest.TestCase):
    def test_four_grams_counted(self):
        s = st.shingles("a b c d a b c d")
        self.assertEqual(sum(s.values()), 5)
        self.assertEqual(s[("a", "b", "c", "d")], 2)

    def test_short_text_is_one_shorter_shingle(self):
        self.assertEqual(dict(st.shingles("a b c")), {("a", "b", "c"): 1})

    def test_empty_text_has_none(self):
        self.assertEqual(sum(st.shingles(" ,. ").values()), 0)


class PageCounts(unittest.TestCase):
    def test_same_words_other_punctuation_is_perfect(self):
        self.assertEqual(st.page_counts("One two three four five.",
                                        "One, two; three four\n\nfive"),
                         (1.0, 0.0, 0.0))

    def test_counts_normalised_to_one(self):
        # ref: abcd bcde cdef; pred: abcd bcde cdex dexy.
        tp, fp, fn = st.page_counts("a b c d e f", "a b c d e x y")
        self.assertAlmostEqual(tp + fp + fn, 1.0)
        self.assertAlmostEqual(tp, 2 / 5)
        self.assertAlmostEqual(fp, 2 / 5)
        self.assertAlmostEqual(fn, 1 / 5)

    def test_a_repeated_shingle_counts_once_per_copy(self):
        tp, fp, fn = st.page_counts("a b c d", "a b c d a b c d")
        # pred: abcd, bcda, cdab, dabc, abcd: one true, four false.
        self.assertAlmostEqual(tp, 1 / 5)
        self.assertAlmostEqual(fp, 4 / 5)
        self.assertEqual(fn, 0)


class PrecisionRecall(unittest.TestCase):
    def test_both_empty_is_perfect(self):
        self.assertEqual(st.precision_recall(*st.page_counts("", "")),
                         (1.0, 1.0))

    def test_empty_prediction_scores_zero(self):
        self.assertEqual(st.precision_recall(*st.page_counts("a b c d", "")),
                         (0.0, 0.0))

    def test_means_then_f1(self):
        s = st.shingle_scores([("a b c d", "a b c d"),
                               ("a b c d e", "a b c d x y z w")])
        # page 2: tp 1 (abcd), fp 4, fn 1 (bcde) -> P 1/5, R 1/2
        self.assertAlmostEqual(s["precision"], (1 + 1 / 5) / 2)
        self.assertAlmostEqual(s["recall"], (1 + 1 / 2) / 2)
        self.assertAlmostEqual(s["f1"], st.f1(0.6, 0.75))
        self.assertAlmostEqual(s["accuracy"], 0.5)


class Snippets(unittest.TestCase):
    def test_blank_space_normalised_case_kept(self):
        text = "The  quick\u00a0brown\n\nfox. Menu"
        self.assertEqual(st.snippet_counts(text, ["quick brown fox."],
                                           ["menu", "Menu"]),
                         (1, 1, 0, 1))

    def test_micro_average(self):
        s = st.snippet_scores([("a b", ["a", "z"], ["b"]),
                               ("c", ["c"], ["d", "e"])])
        self.assertEqual((s["tp"], s["fp"], s["fn"], s["tn"]), (2, 1, 1, 2))
        self.assertAlmostEqual(s["precision"], 2 / 3)
        self.assertAlmostEqual(s["recall"], 2 / 3)
        self.assertAlmostEqual(s["f1"], 4 / 6)
        self.assertAlmostEqual(s["accuracy"], 4 / 6)


if __name__ == "__main__":
    unittest.main()
