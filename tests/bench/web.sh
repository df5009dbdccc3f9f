#!/bin/sh
# web.sh - the whole path of the web formats, side by side in one run:
# --extract alone, indexing the pages of ../shared/formats/html (-j 1),
# and indexing the same articles as JSON Lines; then a synthetic 1 GiB
# web archive (warc-gen.py, gzip) extracted and indexed.  Five and three
# runs; BENCHMARKS.md quotes the medians.  Usage: tests/bench/web.sh
# (B=build, SHARED=../shared).
. "$(dirname "$0")/lib.sh"
S=${SHARED:-$shared}
workdir web
T=$work
mkdir -p "$T/pages"
for f in "$S"/formats/html/*/*.html*; do case $f in *.expected.*) ;; *) ln -s "$f" "$T/pages/";; esac; done
"$IDX" --extract --follow-symlinks "$T/pages" > "$T/pages.jsonl" 2>/dev/null
echo "pages: $(ls "$T/pages" | wc -l) files, $(du -shL "$T/pages" | cut -f1); as JSON Lines $(du -sh "$T/pages.jsonl" | cut -f1)"
run() { /usr/bin/time -f '%e %M' -o "$T/t" "$@" > /dev/null 2>&1; cat "$T/t"; }
for i in 1 2 3 4 5; do
    a=$(run "$IDX" --extract --follow-symlinks "$T/pages")
    rm -rf "$T/i1" "$T/i2"
    b=$(run "$IDX" -q -j 1 --follow-symlinks -d "$T/i1" "$T/pages")
    c=$(run "$IDX" -q -j 1 -d "$T/i2" "$T/pages.jsonl")
    echo "extract $a | index pages $b | index jsonl $c"
done
python3 tests/bench/warc-gen.py 1024 > "$T/w.warc"
gzip -1 -c "$T/w.warc" > "$T/w.warc.gz"; rm "$T/w.warc"
for i in 1 2 3; do
    a=$(run "$IDX" --extract "$T/w.warc.gz")
    rm -rf "$T/i3"
    b=$(run "$IDX" -q -j 1 -d "$T/i3" "$T/w.warc.gz")
    echo "1 GiB warc.gz: extract $a | index $b"
done
