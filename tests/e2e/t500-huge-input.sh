# Input far beyond any article: a 3 GB file of one line (sparse, so it
# costs no disk), a 100 MB article file and a 100 MB JSON line.  Each is
# rejected with the file, the line or offset and the limit
# (CORPUS_MAX_ARTICLE_BYTES, 16 MiB), never held whole in memory; the
# articles around it and an article just under the limit are indexed.
. "$(dirname "$0")/lib.sh"

c="$T/c"
mkdir -p "$c"
# The sparse files go to a tmpfs when there is one: reading a hole there
# costs nothing, while a disk file system fills the page cache with 3 GB
# of zeros on the first read (7-9 s here instead of under 1 s).
size=3G
sparse=$(mktemp -d /dev/shm/gazette-test.XXXXXX 2>/dev/null) || { sparse="$T/sparse"; mkdir "$sparse"; size=1G; }
trap 'rm -rf "$sparse"; rm -rf "$T"' EXIT
# One JSON line of $size (a hole of NUL bytes) between two good lines.
printf '%s\n' '{"id":"before","date":"2020-01-01","title":"t","body":"Aardvark first."}' > "$sparse/huge.jsonl"
truncate -s $size "$sparse/huge.jsonl" 2>/dev/null || skip "cannot make a $size sparse file here"
printf '\n%s\n' '{"id":"after","date":"2020-01-02","title":"t","body":"Zebu last."}' >> "$sparse/huge.jsonl"
# An article file whose first 8 KiB are text, then nothing up to $size:
# past the binary probe, so only the size limit stops it.
"$PY" - "$sparse/hole.txt" $size <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("date 2020-01-03\ntitle Hole\n\n" + "tapir " * 2000)
    f.truncate(int(sys.argv[2][:-1]) << 30)
PY
echo "sparse files of $size in $sparse"
# A 100 MB article and a 100 MB JSON line, made of words.
"$PY" - "$c" <<'PY'
import json, os, sys
d = sys.argv[1]
words = ("okapi quagga serow gerenuk " * 20 + "\n")
big = words * (100_000_000 // len(words) + 1)
with open(os.path.join(d, "big.txt"), "w") as f:
    f.write("date 2020-01-04\ntitle Big\n\n" + big)
with open(os.path.join(d, "big.jsonl"), "w") as f:
    f.write(json.dumps({"id": "j-small", "date": "2020-01-05", "body": "Ibex before."}) + "\n")
    f.write(json.dumps({"id": "j-big", "date": "2020-01-05", "body": big}) + "\n")
    f.write(json.dumps({"id": "j-after", "date": "2020-01-05", "body": "Markhor after."}) + "\n")
# 15 MiB: under the limit, indexed.
with open(os.path.join(d, "under.txt"), "w") as f:
    w = "nilgai bongo eland kudu " * 20 + "\n"
    f.write("date 2020-01-06\ntitle Under\n\n" + w * (15_000_000 // len(w)))
PY
printf 'date 2020-01-07\ntitle Small\n\nA small saiga.\n' > "$c/small.txt"

start=$(date +%s)
timed "$IDX" -j 1 -d "$T/idx" "$c" "$sparse" > "$T/out" 2> "$T/err"
rc=$?
secs=$(( $(date +%s) - start ))
[ $rc = 1 ] || { cat "$T/err" >&2; fail "exit $rc, want 1"; }
[ -f "$T/time" ] && echo "indexing the huge files: $(tail -n 1 "$T/time")"
expect_grep "error: .*/huge.jsonl:2: .*line longer than 16 MiB" "$T/err"
expect_grep "error: .*/hole.txt: .*article larger than 16 MiB" "$T/err"
expect_grep "error: .*/big.txt: .*article larger than 16 MiB" "$T/err"
expect_grep "error: .*/big.jsonl:2: .*line longer than 16 MiB" "$T/err"
expect_grep "4 rejected" "$T/err"

found() { expect_exit 0 "$SRCH" -d "$T/idx" -o ids "$1"; expect_grep "^$2\$" "$T/out"; }
found aardvark before; found zebu after; found saiga small
found ibex j-small; found markhor j-after; found nilgai under
expect_exit 1 "$SRCH" -d "$T/idx" okapi
expect_exit 1 "$SRCH" -d "$T/idx" tapir

# Bounded: the 3 GB are read once for the checksum and once streaming, the
# 100 MB never held whole.
peak_rss_below 262144 ": the reader held too much"
[ $secs -lt 60 ] || fail "took $secs s"

exit 0
