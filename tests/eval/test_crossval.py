#!/usr/bin/python3
"""test_crossval.py - the selection rule and the grid of tests/eval/crossval.py
on made-up scores (no ../shared needed).  Run by tests/e2e/t162-ranking-cv.sh.

The made-up MAPs, as ratios to a best baseline MAP of 1 (so MAP = ratio):

    setting  a       b     c      worst  mean
    k1=1     1.10    1.05  1.00   1.00   1.05
    k1=2     1.02    1.02  1.02   1.02   1.02     best worst case
    k1=3     1.0185  1.06  1.06   1.0185 1.0462   0.0015 below it: in the band
    k1=4     1.0175  1.20  1.20   1.0175 1.1392   0.0025 below it: out

On all three, k1=3 (the band is k1=2 and k1=3; k1=3 has the better mean).
Leaving out a: k1=4 (worst 1.20).  Leaving out b: the band on a, c is
k1=2 (1.02) and k1=3 (1.0185), not k1=4 (1.0175): k1=3.  Leaving out c:
k1=1 alone (1.05, the others at most 1.02).
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crossval  # noqa: E402

RATIOS = {
    "k1=1": (1.10, 1.05, 1.00),
    "k1=2": (1.02, 1.02, 1.02),
    "k1=3": (1.0185, 1.06, 1.06),
    "k1=4": (1.0175, 1.20, 1.20),
}
NAMES = ("a", "b", "c")
ORDER = list(RATIOS)


def table(base):
    """MAPs giving RATIOS against the best baseline MAPs BASE."""
    return {s: {c: {"map": r * base[c], "ndcg_cut_10": r / 2, "P_10": r / 4}
                for c, r in zip(NAMES, rs)} for s, rs in RATIOS.items()}


class Choose(unittest.TestCase):
    def test_folds_and_all(self):
        for base in ({"a": 1.0, "b": 1.0, "c": 1.0}, {"a": 0.5, "b": 0.25, "c": 0.125}):
            cv = crossval.cross_validate(table(base), base, NAMES, ORDER)
            self.assertEqual(cv["all"], "k1=3", base)
            self.assertEqual(cv["folds"], {"a": "k1=4", "b": "k1=3", "c": "k1=1"}, base)

    def test_band_is_relative_to_best_worst_case(self):
        base = {"a": 1.0, "b": 1.0, "c": 1.0}
        t = table(base)
        # Without k1=3 in the grid, k1=2 is alone in the band on all three.
        self.assertEqual(crossval.choose(t, base, NAMES, ["k1=1", "k1=2", "k1=4"]), "k1=2")
        # A wider band lets k1=4 in, and its mean wins.
        self.assertEqual(crossval.choose(t, base, NAMES, ORDER, tolerance=0.003), "k1=4")

    def test_equal_means_take_the_first_in_grid_order(self):
        base = {"a": 1.0, "b": 1.0, "c": 1.0}
        t = table(base)
        t["k1=3,b=0.5"] = dict(t["k1=3"])
        self.assertEqual(crossval.choose(t, base, NAMES, ORDER + ["k1=3,b=0.5"]), "k1=3")
        self.assertEqual(crossval.choose(t, base, NAMES, ["k1=3,b=0.5"] + ORDER), "k1=3,b=0.5")

    def test_one_collection(self):
        base = {"a": 1.0, "b": 1.0, "c": 1.0}
        self.assertEqual(crossval.choose(table(base), base, ["b"], ORDER), "k1=4")


class Grid(unittest.TestCase):
    def test_lines_products_comments(self):
        grid = crossval.parse_grid([
            "# a comment\n",
            "\n",
            "k1=1.2|2, b=0.4|0.5  # two by two\n",
            "k1=2,b=0.5\n",                       # said twice: kept once
            "expand=1\n",
        ])
        self.assertEqual(grid, ["k1=1.2,b=0.4", "k1=1.2,b=0.5", "k1=2,b=0.4",
                                "k1=2,b=0.5", "expand=1"])

    def test_bad_lines(self):
        for bad in ("k1", "k1=", "=2", "k1=1||2", "k1=1,k1=2", "k 1=2"):
            with self.assertRaises(ValueError, msg=bad):
                crossval.parse_grid([bad + "\n"])

    def test_parts(self):
        self.assertEqual(crossval.parts("k1=2,b=0.5"), [("k1", "2"), ("b", "0.5")])
        self.assertEqual(crossval.parts(""), [])


class AndQueries(unittest.TestCase):
    def test_plain_words(self):
        self.assertEqual(crossval.plain_words('What is "TSS" (Time-Sharing), AND/OR NOT x*?'),
                         "what is tss time sharing and or not x")
        self.assertEqual(crossval.plain_words("title:Été l'année"), "title été l année")


if __name__ == "__main__":
    unittest.main()
