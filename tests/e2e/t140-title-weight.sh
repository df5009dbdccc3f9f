# A title match ranks above the same match in the body (issue: BM25 with
# title matches weighted above body matches), and ties in score are broken
# by date, newest first, then by id.
. "$(dirname "$0")/lib.sh"

c="$T/c"; mkdir -p "$c"
# Same length, same date: only where "pangolin" stands differs.
printf 'date 2020-01-01\ntitle pangolin rescue\nid t-match-2\n\nzoo news today about many animals\n' > "$c/a.txt"
printf 'date 2020-01-01\ntitle zoo news today\nid body-match\n\npangolin rescue about many animals\n' > "$c/b.txt"
printf 'date 2020-01-01\ntitle pangolin rescue\nid t-match-1\n\nzoo news today about many animals\n' > "$c/c.txt"
# Identical text on three dates: equal scores, so date then id decide.
for d in 2019-05-05 2021-05-05; do
    printf 'date %s\ntitle okapi\nid okapi-%s\n\nokapi sighting\n' "$d" "$d" > "$c/okapi-$d.txt"
done
printf 'date 2021-05-05\ntitle okapi\nid okapi-0-same-day\n\nokapi sighting\n' > "$c/okapi-x.txt"
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"

# (Two of them share their body: --no-collapse keeps both.)
expect_exit 0 "$SRCH" -d "$T/idx" -o ids --no-collapse pangolin
# The two title matches are equal and ordered by id; the body match is last.
[ "$(tr '\n' ' ' < "$T/out")" = "t-match-1 t-match-2 body-match " ] ||
    fail "title matches do not rank first: $(tr '\n' ' ' < "$T/out")"

expect_exit 0 "$SRCH" -d "$T/idx" -o ids --no-collapse okapi
[ "$(tr '\n' ' ' < "$T/out")" = "okapi-0-same-day okapi-2021-05-05 okapi-2019-05-05 " ] ||
    fail "ties not broken by date then id: $(tr '\n' ' ' < "$T/out")"
# Collapsed by default: the best-ranked copy stands for the other two.
expect_exit 0 "$SRCH" -d "$T/idx" -f tsv okapi
[ "$(cut -f4,10 "$T/out" | tr '\t\n' ': ')" = "okapi-0-same-day:2 " ] ||
    fail "copies not collapsed: $(cat "$T/out")"
expect_exit 0 "$SRCH" -d "$T/idx" -o ids --no-collapse okapi
[ "$(tr '\n' ' ' < "$T/out")" = "okapi-0-same-day okapi-2021-05-05 okapi-2019-05-05 " ] ||
    fail "ties not broken by date then id: $(tr '\n' ' ' < "$T/out")"
exit 0
