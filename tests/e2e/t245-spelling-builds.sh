# The spelling table ("did you mean") holds the same words and counts
# however the index was built: one writer adding the words at each commit,
# the parts of a parallel build and a --rebuild's generation adding them
# once when they close (GZ_WRITER_SCRATCH), and incremental runs after.
. "$(dirname "$0")/lib.sh"

c="$T/c"
mkdir -p "$c"
cp -r "$TOP/corpus/." "$c/bundled"
"$PY" "$(dirname "$0")/gencorpus.py" "$c/gen" 2000 5
if [ -f "$SHARED/corpus/reuters21578/articles.jsonl.gz" ]; then
    # 1,500 Reuters articles: a vocabulary of thousands of words.
    zcat "$SHARED/corpus/reuters21578/articles.jsonl.gz" | head -n 1500 > "$c/reuters.jsonl"
else
    echo "../shared absent: the bundled and generated articles only"
fi

spellings() { "$BIN/tests/gz-spellings" "$1" > "$2" || fail "cannot read the spelling table of $1"; }

expect_exit 0 "$IDX" -q -j 1 --commit-every 100 -d "$T/one" "$c"
spellings "$T/one" "$T/one.txt"
words=$(wc -l < "$T/one.txt")
echo "$words words in the spelling table"
[ "$words" -ge 500 ] || fail "only $words words in the spelling table"
# Counts are occurrences: the generated corpus writes "tariff" many times.
awk -F'\t' '$1 == "tariff" && $2 > 100 { found = 1 } END { exit !found }' "$T/one.txt" ||
    fail "tariff not counted: $(grep '^tariff' "$T/one.txt")"

for jobs in 2 3; do
    expect_exit 0 "$IDX" -q -j "$jobs" -d "$T/par$jobs" "$c"
    spellings "$T/par$jobs" "$T/par$jobs.txt"
    cmp -s "$T/one.txt" "$T/par$jobs.txt" ||
        { diff "$T/one.txt" "$T/par$jobs.txt" | head >&2; fail "-j $jobs: another spelling table"; }
done
cp -r "$T/one" "$T/re"
expect_exit 0 "$IDX" -q -j 1 --rebuild --commit-every 100 -d "$T/re" "$c"
spellings "$T/re" "$T/re.txt"
cmp -s "$T/one.txt" "$T/re.txt" ||
    { diff "$T/one.txt" "$T/re.txt" | head >&2; fail "--rebuild: another spelling table"; }

# An incremental run on top of a parallel build adds its words at its
# commits: the new article's word is there, counted once per occurrence.
printf 'date 2024-02-02\ntitle Zyzzyva census\nid zyz-1\n\nThe zyzzyva count rose.\n' > "$c/zyz.txt"
expect_exit 0 "$IDX" -q -d "$T/par2" "$c"
spellings "$T/par2" "$T/inc.txt"
expect_grep '^zyzzyva	2$' "$T/inc.txt"
expect_exit 0 "$IDX" -q -j 2 -d "$T/fresh" "$c"
spellings "$T/fresh" "$T/fresh.txt"
cmp -s "$T/inc.txt" "$T/fresh.txt" ||
    { diff "$T/inc.txt" "$T/fresh.txt" | head >&2; fail "incremental run: another spelling table than a fresh build"; }
exit 0
