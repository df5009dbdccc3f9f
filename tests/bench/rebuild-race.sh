#!/bin/sh
# rebuild-race.sh BUILD [REBUILDS] - searches in a loop while gazette-index
# --rebuild swaps generations again and again; prints how many searches
# failed.  A stress run, not a test (t240 runs one rebuild): the race it
# found (an open reading the old generation's name just before the swap)
# showed about once in 100 searches under ASan, where starting is slow.
#   ASAN_OPTIONS=detect_leaks=0 tests/bench/rebuild-race.sh build-asan 25
set -u
. "$(dirname "$0")/lib.sh"
B=$(cd "$1" && pwd); n=${2:-25}
workdir rebuild-race
T=$work
python3 "$top/tests/e2e/gencorpus.py" "$T/c" 300 11 > /dev/null
"$B/gazette-index" -q -d "$T/idx" "$T/c" || exit 2
( i=0; while [ $i -lt "$n" ]; do
      "$B/gazette-index" -q --rebuild -d "$T/idx" "$T/c"; i=$((i + 1))
  done; touch "$T/done" ) &
searches=0; failed=0
while [ ! -e "$T/done" ]; do
    "$B/gazette-search" -d "$T/idx" -o count '*' > /dev/null 2>> "$T/err" ||
        failed=$((failed + 1))
    searches=$((searches + 1))
done
wait
echo "$searches searches during $n rebuilds, $failed failed"
sort "$T/err" | uniq -c | head
[ "$failed" = 0 ]
