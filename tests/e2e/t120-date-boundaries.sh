# Date filters at their boundaries: every date form (query date:, --since,
# --until, --on, relative and plain dates with --now) keeps exactly the articles
# dated from its first day to its last, both included; the day before and
# the day after are out; undated articles never pass a date filter; a date
# that does not exist is an error (exit 2) with a caret under the fault.
. "$(dirname "$0")/lib.sh"

# One tiny article per day, id "dYYYY-MM-DD", all holding the word "wheat".
DAYS="2019-12-31 2020-01-01 2020-01-31 2020-02-01 2020-02-28 2020-02-29 2020-03-01
2020-03-02 2020-04-30
2020-05-01 2020-12-31 2021-01-01 2021-03-29 2021-03-30 2021-03-31 2021-04-01
2021-04-05 2021-04-06 2021-04-07 2021-04-15 2021-04-16 2021-04-22 2021-04-23
2021-04-24 2021-04-29 2021-04-30
2021-05-01 2021-06-30 2021-07-01 2021-12-31 2022-01-01
2020-11-30 2020-12-01 2020-12-20 2020-12-21 2020-12-27 2020-12-28 2021-01-03
2021-01-04 2021-01-10 2021-01-11 2021-02-28 2021-03-01 2021-03-28 2021-04-03
2021-04-04 2021-04-08 2021-04-11 2021-04-12 2023-02-27 2023-02-28 2023-03-01
2024-01-31 2024-02-01 2024-02-28 2024-02-29 2024-03-01"
c="$T/corpus"
mkdir -p "$c"
for d in $DAYS; do
    printf 'date %s\ntitle Harvest of %s\nid d%s\n\nThe wheat harvest report.\n' \
        "$d" "$d" "$d" > "$c/day-$d.txt"
done
printf 'title Harvest of no day\nid undated\n\nThe wheat harvest report.\n' > "$c/undated.txt"
printf 'date 2021-02-30\ntitle Harvest of a day that never was\nid impossible\n\nThe wheat harvest report.\n' \
    > "$c/impossible.txt"

expect_exit 0 "$IDX" -d "$T/idx" "$c"
expect_grep "warning: .*/impossible.txt:1: .*2021-02-30" "$T/err"
expect_grep "warning: .*/undated.txt:1: .*no date" "$T/err"
expect_grep "0 rejected, 2 warnings" "$T/err"
expect_grep "the index holds 59 articles" "$T/err"

# ids LO HI: the sorted ids of the days LO..HI ("-" = open end), one line.
# It also fails unless the corpus holds the day before LO and the day after
# HI, so that every check below really tests both boundaries.
ids() {
    "$PY" - "$1" "$2" $DAYS <<'PY' || fail "boundary days missing for $1..$2"
import datetime, sys
lo, hi, days = sys.argv[1], sys.argv[2], sys.argv[3:]
def near(day, delta):
    d = datetime.date.fromisoformat(day) + datetime.timedelta(days=delta)
    return d.isoformat()
for end, delta in ((lo, -1), (hi, 1)):
    if end != "-":
        assert end in days, "no article on %s" % end
        assert near(end, delta) in days, "no article on %s" % near(end, delta)
keep = [d for d in days if (lo == "-" or d >= lo) and (hi == "-" or d <= hi)]
print(" ".join(sorted("d" + d for d in keep)))
PY
}

# check LO HI ARGS...: gazette-search ARGS finds exactly the days LO..HI.
check() {
    lo=$1 hi=$2; shift 2
    want=$(ids "$lo" "$hi") || exit 1
    "$SRCH" -d "$T/idx" -o ids -n 1000 --no-collapse "$@" > "$T/out" 2> "$T/err"
    rc=$?
    got=$(sort "$T/out" | tr '\n' ' ' | sed 's/ $//')
    [ "$got" = "$want" ] || fail "$*:
    want: $want
    got:  $got"
    if [ -n "$want" ]; then
        [ $rc -eq 0 ] || fail "$*: exit $rc with hits"
    else
        [ $rc -eq 1 ] || fail "$*: exit $rc without hits"
    fi
}

# Without a filter the undated articles are found too.  (The articles
# share their body: --no-collapse lists every copy.)
expect_exit 0 "$SRCH" -d "$T/idx" -o ids -n 1000 --no-collapse wheat
got=$(sort "$T/out" | tr '\n' ' ' | sed 's/ $//')
[ "$got" = "$(ids - -) impossible undated" ] || fail "unfiltered: $got"
expect_exit 0 "$SRCH" -d "$T/idx" --format json id:impossible
grep -q '"date": *null' "$T/out" || fail "an impossible date is kept: $(cat "$T/out")"

# Query dates.
check 2021-01-01 2021-12-31  wheat date:2021
check 2021-04-01 2021-04-30  wheat date:2021-04
check 2021-04-06 2021-04-06  wheat date:2021-04-06
check 2021-01-01 2021-06-30  wheat date:2021-01..2021-06
check -          2020-12-31  wheat date:..2020
check 2021-01-01 -           wheat date:2021..
check 2020-02-01 2020-02-29  wheat date:2020-02     # a leap month
check 2020-02-29 2020-02-29  wheat date:2020-02-29
check 2020-02-29 2020-03-01  wheat date:2020-02-29..2020-03-01

# Options.
check 2021-04-01 -           --since 2021-04 wheat
check -          2021-04-30  --until 2021-04 wheat
check 2021-04-01 2021-04-30  --on 2021-04 wheat
check 2021-04-06 2021-04-06  --on 2021-04-06 wheat
check 2021-04-01 2021-04-30  --since 2021-04-01 --until 2021-04-30 wheat
check 2021-01-01 2021-12-31  --since 2021 --until 2021 wheat
# An option and a query date: the intersection.
check 2021-01-01 2021-04-30  --since 2021 wheat date:..2021-04
check 2021-04-01 2021-06-30  --on 2021 wheat date:2021-04..2021-06
check 2021-04-01 2021-04-06  --until 2021-04-06 wheat date:2021-04

# Relative dates, counted back from --now 2021-04-30.
N="--now 2021-04-30"
check 2021-04-01 -           $N --since 29d wheat
check 2021-03-30 -           $N --since 1m wheat   # a month before April 30
check 2021-04-16 -           $N --since 2w wheat
check -          2020-04-30  $N --until 1y wheat
check 2021-04-23 2021-04-30  $N wheat date:7d
check 2021-04-30 2021-04-30  $N wheat date:0d
check 2021-04-01 2021-04-30  $N --since 29d --until 0d wheat
# Relative dates in a query range.
check 2021-03-30 2021-04-23  $N wheat date:1m..7d
check 2021-04-01 -           $N wheat date:29d..   # open: not "until now"
# A month back from March 31 is the last day of February.
check 2020-02-29 -           --now 2020-03-31 --since 1m wheat

# Plain dates (issue 18), counted from --now 2021-04-07, a Wednesday.
N="--now 2021-04-07"
check 2021-04-07 2021-04-07  $N --on today wheat
check 2021-04-06 2021-04-06  $N --on yesterday wheat
check 2021-04-05 2021-04-11  $N --on "this week" wheat      # Monday..Sunday
check 2021-03-29 2021-04-04  $N --on "last week" wheat
check 2021-04-01 2021-04-30  $N --on "this month" wheat
check 2021-03-01 2021-03-31  $N --on "last month" wheat
check 2021-01-01 2021-12-31  $N --on "this year" wheat
check 2020-01-01 2020-12-31  $N --on "last year" wheat
check 2021-04-05 -           $N --since "this week" wheat   # from its Monday
check 2021-04-01 -           $N --since "this month" wheat  # from the 1st
check -          2020-12-31  $N --until "last year" wheat   # to Dec 31
check -          2021-04-04  $N --until "last week" wheat   # to its Sunday
check 2021-04-04 -           $N --since "3 days ago" wheat
check 2021-03-31 2021-03-31  $N --on "a week ago" wheat
check -          2021-03-31  $N --until "1 week ago" wheat
check 2021-04-06 2021-04-06  $N --on "1 DAY AGO" wheat
check 2021-03-29 2021-04-06  $N --since "last week" --until yesterday wheat
# The same in a query: underscores or quotes for the spaces.
check 2021-04-07 2021-04-07  $N wheat date:today
check 2021-04-06 2021-04-06  $N wheat date:Yesterday
check 2021-03-29 2021-04-04  $N wheat date:last_week
check 2021-03-29 2021-04-04  $N wheat 'date:"last week"'
check 2021-04-01 2021-04-30  $N wheat date:this_month
check 2021-03-01 2021-04-07  $N wheat date:last_month..today
check 2021-04-04 -           $N wheat 'date:"3 days ago"..'
check 2021-04-04 2021-04-07  $N wheat 'date:"3 days ago"'  # alone: until today
check -          2021-04-04  $N wheat 'date:.."last week"'
check 2021-03-29 2021-04-11  $N wheat 'date:"last week".."this week"'
check 2021-04-05 2021-04-11  wheat date:2021-W14         # an ISO week
check 2020-12-28 2021-01-03  wheat date:2020-W53         # across New Year
check 2021-03-29 2021-04-04  $N --since 2021-03 wheat date:last_week
# Weeks across a year boundary: 2021-01-03 is the Sunday of ISO week
# 2020-W53, 2021-01-04 the Monday of 2021-W01.
check 2020-12-28 2021-01-03  --now 2021-01-03 --on "this week" wheat
check 2020-12-21 2020-12-27  --now 2021-01-03 --on "last week" wheat
check 2021-01-04 2021-01-10  --now 2021-01-04 --on "this week" wheat
check 2020-12-28 2021-01-03  --now 2021-01-04 wheat date:last_week
# Months across January, February in leap years, a year back from Feb 29.
check 2020-12-01 2020-12-31  --now 2021-01-15 --on "last month" wheat
check 2020-02-01 2020-02-29  --now 2020-03-15 wheat date:last_month
check 2024-02-01 2024-02-29  --now 2024-02-10 --on "this month" wheat
check 2023-02-28 2023-02-28  --now 2024-02-29 --on "1 year ago" wheat
check 2024-02-29 2024-02-29  --now 2024-03-01 --on yesterday wheat
check 2021-03-30 2021-03-30  --now 2021-04-30 --on "1 month ago" wheat

# A filter that leaves no article: exit 1, nothing printed.
expect_exit 1 "$SRCH" -d "$T/idx" --on 2021-04-02 wheat
[ -s "$T/out" ] && fail "a hit for an empty day: $(cat "$T/out")"

# Errors: exit 2 and a message naming the option or the date.
expect_exit 2 "$SRCH" -d "$T/idx" --since 2021-02-30 wheat
expect_grep "error: --since: .*2021-02-30" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --until 2021-13 wheat
expect_grep "error: --until: .*2021-13" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --on 2021-00 wheat
expect_grep "error: --on: " "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --now 2021-04 wheat
expect_grep "error: --now: .*2021-04.*one day" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --now 2021-02-29 wheat
expect_grep "error: --now: " "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --since 2022 --until 2021 wheat
expect_grep "error: .*--since.*--until" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --since 2021-04-07 --until 2021-04-06 wheat
[ -s "$T/out" ] && fail "hits printed on an error"

# A plain date that is not one: an error naming the accepted forms, never
# a guess.
for bad in "last fortnight" "3 parsecs ago" "-3 days ago" "next week" "tomorrow"; do
    expect_exit 2 "$SRCH" -d "$T/idx" $N --since "$bad" wheat
    expect_grep "error: --since: '$bad' is not a date: .*today, yesterday, this or last week/month/year, or N days/weeks/months/years ago" "$T/err"
done
expect_exit 2 "$SRCH" -d "$T/idx" --on 2021-W53 wheat
expect_grep "error: --on: '2021-W53' is not a real week (2021 has 52 weeks)" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --now "last week" wheat
expect_grep "error: --now: 'last week' is not one day" "$T/err"
expect_exit 2 "$SRCH" -d "$T/idx" --now 0001-01-03 --on "last week" wheat
expect_grep "error: --on: 'last week' goes back before the year 0001" "$T/err"

# A query date that does not exist: the query and a caret under the fault.
# caret QUERY COL: exit 2, stderr's lines 2 and 3 are "  QUERY" and a '^'
# under character COL (0-based) of QUERY.
caret() {
    expect_exit 2 "$SRCH" -d "$T/idx" -- "$1"
    [ -s "$T/out" ] && fail "'$1': hits printed on an error"
    "$PY" - "$T/err" "$1" "$2" <<'PY' || fail "'$1': no caret at column $2:
$(cat "$T/err")"
import os, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
query = os.fsencode(sys.argv[2]).decode("utf-8")
col = int(sys.argv[3])
assert lines[0].startswith("gazette-search: error: "), lines[0]
assert lines[1] == "  " + query, lines[1]
assert lines[2] == "  " + " " * col + "^", repr(lines[2])
PY
}
caret 'wheat date:2021-02-30' 19        # the day: len("wheat date:2021-02-")
expect_grep "2021-02-30" "$T/err"
caret 'wheat date:2021-02-29' 19        # 2021 is not a leap year
caret 'wheat date:2021-13' 16           # the month: len("wheat date:2021-")
caret 'wheat date:2021-01..2021-13' 25  # the month of the range's end
caret 'wheat date:0000' 11              # the year
caret 'wheat date:2022..2021' 17        # a range that runs backwards: its end
caret 'date:2021-04-31 wheat' 13
caret 'wheat date:"last fortnight"' 17  # the word at fault, inside the quotes
caret 'wheat date:last_fortnight' 16
caret 'wheat date:today..yesterday' 18  # backwards: its end
exit 0
