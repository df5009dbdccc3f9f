# A filter term that every document holds (source: of a one-source
# archive, date: of a one-year one) finds every document, also in an
# index whose document ids have gaps and whose document-length list spans
# several chunks: two files giving the same 6,000 ids, built by two jobs,
# the later copies winning.  Xapian 1.4.22 failed such a query with
# "Unexpected end of posting list for 'Kwire'", which gazette-search
# reported as a corrupt index (xapian_wrap.cc every_document()).
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/c"
python3 - "$T/c" <<'PY'
import json, sys
for name in "ab":
    with open("%s/%s.jsonl" % (sys.argv[1], name), "w") as f:
        for i in range(6000):
            f.write(json.dumps({"id": "a%d" % i, "title": "Budget vote %d" % i,
                                "source": "Wire",
                                "date": "2024-01-%02d" % (1 + i % 28),
                                "body": "The council voted on item %d (%s)." % (i, name)}) + "\n")
PY
expect_exit 0 "$IDX" -q -j 2 -d "$T/idx" "$T/c"
for q in 'source:wire' 'date:2024' 'council source:wire' '* date:2024'; do
    expect_exit 0 "$SRCH" -d "$T/idx" -o count "$q"
    [ "$(cat "$T/out")" = 6000 ] || fail "'$q' counts $(cat "$T/out"), not 6000"
done
# The later copies won: no article of a.jsonl is left.
expect_exit 1 "$SRCH" -d "$T/idx" -o count 'source:wire "(a)"'
