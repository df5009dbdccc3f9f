#!/bin/sh
# lang.sh - `make bench-lang` (issue 22): the multilingual schema against
# the English-only one, side by side in one run; writes $B/bench/lang.md
# (and the raw figures, $B/bench/lang.json).  Not part of `make test` or
# `make bench`.
#
#   B=build [BASE_REV=REV] [ROUNDS=3] [REPS=3] [JOBS=2] tests/bench/lang.sh
#
# Two builds of Gazette:
#  - BASE, the English-only schema: the tree of BASE_REV (default: the
#    commit before the first of issue 22, the parent of the one that added
#    common/lang.h), taken with git archive into $B/bench/base/src and
#    built there with make -j2 (kept, and built again only when BASE_REV
#    names another commit);
#  - NEW, this tree's $B.
# Two inputs:
#  (a) ../shared/corpus's three articles.jsonl.gz (28,789 articles, all
#      English: every article in the index's default language), searched
#      with tests/bench/queries.tsv's 300 queries; NEW's top-10 ids must
#      equal BASE's for every query (the English-only case is unchanged),
#      the mismatches are listed;
#  (b) the 391 web pages of ../shared/formats/html (about a third German,
#      also French, Spanish, Portuguese, Chinese ...), linked into a
#      temporary folder without their *.expected.* files, and this tree's
#      corpus/ (the mixed-language articles, once they are there), searched
#      with tests/bench/lang-queries.tsv (40 queries in English, German,
#      French and Spanish), and again as "lang:X QUERY" by a build whose
#      gazette-search has --lang.
# For each input, ROUNDS builds from nothing with each build, alternating
# (gazette-index -j JOBS, wall and CPU seconds, index size, then --compact
# and its size), then each query in one process per build, REPS times,
# alternating: tests/bench/lang.py measures and writes the tables.
# Run it under `nice -n 19` on a busy machine: its figures are then a
# check of the script, not figures of record.
set -eu
. "$(dirname "$0")/lib.sh"
cd "$top"
need_shared corpus
need_shared formats/html
need_built bench-lang "$B/gazette-index" "$B/gazette-search"
need_time

if [ -z "${BASE_REV:-}" ]; then
    BASE_REV=$(git log --diff-filter=A --format=%H -- common/lang.h | tail -n 1)^
fi
rev=$(git rev-parse --verify "$BASE_REV^{commit}")
base="$bin/bench/base"
if [ "$(cat "$base/rev" 2>/dev/null)" != "$rev" ] || [ ! -x "$base/src/build/gazette-search" ]; then
    echo "bench-lang: building BASE ($BASE_REV, $(git log -1 --format='%h of %cd' --date=short "$rev")) in $base/src" >&2
    rm -rf "$base"
    mkdir -p "$base/src"
    git archive "$rev" | tar -x -C "$base/src"
    make -C "$base/src" -j2 build/gazette-index build/gazette-search > "$base/make.log" 2>&1 ||
        { tail -n 30 "$base/make.log" >&2; echo "bench-lang: BASE does not build" >&2; exit 2; }
    echo "$rev" > "$base/rev"
fi

workdir lang
mkdir "$work/pages"
for f in "$shared"/formats/html/*/*.html*; do
    case $f in
        *.expected.*) ;;
        *) ln -s "$f" "$work/pages/$(basename "$(dirname "$f")")-$(basename "$f")" ;;
    esac
done
pages=$(find "$work/pages" -type l | wc -l)
new="this tree ($(git describe --always --dirty))"
/usr/bin/python3 tests/bench/lang.py --base "$base/src/build" --new "$B" \
    --base-name "$(git log -1 --format='%h of %cd' --date=short "$rev") (BASE_REV $BASE_REV)" \
    --new-name "$new" --out "$B/bench/lang.md" \
    --input "en|tests/bench/queries.tsv|same|(a) ../shared/corpus: the three articles.jsonl.gz, English|$(printf '%s|' "$shared"/corpus/*/articles.jsonl.gz | sed 's/|$//')" \
    --input "multi|tests/bench/lang-queries.tsv|hits|(b) $pages pages of ../shared/formats/html and corpus/: many languages|--follow-symlinks|$work/pages|corpus"
echo "bench-lang: results in $B/bench/lang.md"
