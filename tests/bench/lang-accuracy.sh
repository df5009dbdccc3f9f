#!/bin/sh
# lang-accuracy.sh - `make lang-accuracy` (issue 22): how well and how
# cheaply common/detect.c tells an article's language, through the test
# helper gz-detect.  Writes $B/bench/lang-accuracy.md; not part of test or
# bench.  Measures, with the index default (the fallback) English:
#  (a) ../shared/formats/html pages whose language is known (the JSON's
#      lang, else the page's <html lang>): accuracy on the ground-truth
#      text, whole and its first 200 characters;
#  (b) every article of ../shared/corpus (English): the non-English
#      answers (target none), listed;
#  (c) CPU microseconds per article of (b), and their sum against the CPU
#      of a build of the same articles (BUILD_CPU seconds, default the
#      BASE build of BENCHMARKS.md "Languages (issue 22)"; MEASURE_BUILD=1
#      builds the corpus with gazette-index -j 1 and takes its CPU).
#
#   B=build [WINDOW=bytes] [BUILD_CPU=s] [MEASURE_BUILD=1] tests/bench/lang-accuracy.sh
. "$(dirname "$0")/lib.sh"
need_shared formats/html
need_shared corpus
need_built lang-accuracy "$bin/tests/gz-detect"
mkdir -p "$bin/bench"
exec /usr/bin/python3 "$top/tests/bench/lang-accuracy.py" --detect "$bin/tests/gz-detect" \
    --index "$IDX" --shared "$shared" --out "$bin/bench/lang-accuracy.md"
