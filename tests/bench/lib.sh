# lib.sh - sourced by every benchmark script of tests/bench (setup.sh
# aside: lib.sh runs it), as tests/e2e/lib.sh is by the e2e tests:
#
#   . "$(dirname "$0")/lib.sh"
#
# Gives: $top (the top of the tree), $B (the build folder, default build;
# relative to $top unless absolute), $bin (that folder, absolute), $IDX and
# $SRCH (its gazette-index and gazette-search; IDX=PROGRAM and
# SRCH=PROGRAM measure others), $shared (../shared, or $GAZETTE_SHARED),
# and
#   need_shared PART     unless $shared/PART (corpus, formats/html) is there,
#                        print "skip: ../shared/PART is absent" and exit 0:
#                        a benchmark without its input measures nothing,
#                        and `make bench` goes on
#   need_built TARGET FILE...   exit 2 saying "TARGET: FILE is missing: run
#                        make TARGET" unless every FILE is executable
#   need_time            skip (exit 0) unless GNU time is /usr/bin/time
#   need_peers           tests/bench/setup.sh: install what the bench
#                        compares with, when missing
#   workdir NAME         $work: a fresh ${TMPDIR:-/tmp}/gazette-NAME.XXXXXX,
#                        removed at exit
#   secs CMD...          the wall seconds of CMD, $secs_digits (default 3)
#                        decimals; its stdout dropped, its stderr in
#                        $work/err, its exit status ignored
#   median               the median of the numbers on stdin (separated by
#                        blanks or newlines) as it was written; of an even
#                        count, the mean of the two in the middle, with as
#                        many decimals as they have
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
case $B in
    /*) bin=$B ;;
    *) bin=$top/$B ;;
esac
IDX=${IDX:-$bin/gazette-index}
SRCH=${SRCH:-$bin/gazette-search}
shared=${GAZETTE_SHARED:-$top/../shared}
secs_digits=3

need_shared() {
    [ -d "$shared/$1" ] || { echo "skip: ../shared/$1 is absent"; exit 0; }
}
need_built() {
    _target=$1; shift
    for _f in "$@"; do
        [ -x "$_f" ] || { echo "$_target: $_f is missing: run make $_target" >&2; exit 2; }
    done
}
need_time() {
    [ -x /usr/bin/time ] || { echo "skip: GNU time (/usr/bin/time) is absent"; exit 0; }
}
need_peers() {
    "$top/tests/bench/setup.sh"
}
workdir() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-$1.XXXXXX")
    trap 'rm -rf "$work"' EXIT
}
secs() {
    _s=$(date +%s.%N); "$@" > /dev/null 2> "$work/err" || true; _e=$(date +%s.%N)
    echo "$_s $_e" | awk -v d="$secs_digits" '{printf "%." d "f", $2 - $1}'
}
median() {
    tr ' ' '\n' | grep . | sort -n | awk '{a[NR] = $1}
        END {
            if (NR % 2) { print a[(NR + 1) / 2]; exit }
            split(a[NR / 2], p, ".")
            printf "%." length(p[2]) "f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2
        }'
}
