# Wherever a JSON Lines file is cut into pieces, a parallel build gives
# exactly what one thread gives (issue 21): random cut points, forced with
# GAZETTE_PIECE_CUTS (read by indexer/plan.c for tests only) at line
# starts, one byte either side of them, between '\r' and '\n', in blank
# lines, close together, at and past the end; plain and as gzip members
# cut mid-line.  GAZETTE_SEED=N repeats a run.
. "$(dirname "$0")/lib.sh"

seed=${GAZETTE_SEED:-$(date +%s)}
FAIL_CONTEXT="GAZETTE_SEED=$seed"
c="$T/c"; mkdir -p "$c"
"$PY" "$(dirname "$0")/onefile.py" "$T/one.jsonl" "$seed" 300 64 512 ||
    fail "generating the corpus"
"$PY" - "$T/one.jsonl" "$seed" > "$T/cuts" <<'PY' || fail "choosing cut points"
import random, sys
data = open(sys.argv[1], "rb").read()
rnd = random.Random(int(sys.argv[2]))
starts = [0] + [i + 1 for i, b in enumerate(data) if b == 10]
crlf = [i for i in range(1, len(data)) if data[i] == 10 and data[i - 1] == 13]
def point():
    k = rnd.random()
    if k < 0.4:
        return rnd.choice(starts) + rnd.choice([-1, 0, 0, 1])
    if k < 0.55:
        return rnd.choice(crlf)
    if k < 0.65:
        return len(data) + rnd.choice([0, 0, 5])
    return rnd.randrange(1, len(data))
for _ in range(12):
    n = rnd.randint(1, 3)
    cuts = sorted({max(1, point()) for _ in range(n)})
    if rnd.random() < 0.2:
        cuts = sorted(set(cuts + [cuts[0] + 1]))[:3]
    print(len(cuts) + 1, ",".join(map(str, cuts)))
PY

# build J INDEX FILE [CUTS]: what a user can see of the build, in INDEX.*.
build() {
    rm -rf "$2"
    GAZETTE_PIECE_CUTS=${4:-} GAZETTE_SHOW_PIECES=1 "$IDX" -j "$1" -d "$2" "$3" 2> "$2.stderr"
    [ $? -le 1 ] || { cat "$2.stderr" >&2; fail "-j $1 build of $3 cut at ${4:-}"; }
    grep -v '^gazette-index: [0-9]* files\|^gazette-index: piece ' "$2.stderr" | sort > "$2.err"
    grep -c '^gazette-index: piece ' "$2.stderr" > "$2.pieces"
    "$BIN/tests/gz-dump" "$2" w1 w2 far > "$2.dump" || fail "dumping $2"
    "$BIN/tests/gz-files" "$2" > "$2.files" || fail "bookkeeping of $2"
}
check() {
    file=$1
    ( unset GAZETTE_PIECE_CUTS; build 1 "$T/ref" "$file" )
    while read -r j cuts; do
        build "$j" "$T/cut" "$file" "$cuts"
        [ "$(cat "$T/cut.pieces")" = "$j" ] || fail "$file cut at $cuts: $(cat "$T/cut.pieces") pieces, not $j"
        for k in dump err files; do
            cmp -s "$T/ref.$k" "$T/cut.$k" ||
                { diff "$T/ref.$k" "$T/cut.$k" | cut -c1-300 | head -n 10 >&2; fail "$file cut at $cuts: $k differs from -j 1"; }
        done
    done < "$T/cuts"
}

cp "$T/one.jsonl" "$c/a.jsonl"
check "$c/a.jsonl"
rm "$c/a.jsonl"
size=$(wc -c < "$T/one.jsonl")
cut1=$(( (seed % 97 + 1) * size / 100 ))
head -c "$cut1" "$T/one.jsonl" | gzip -c > "$c/a.jsonl.gz"
tail -c +$((cut1 + 1)) "$T/one.jsonl" | gzip -c >> "$c/a.jsonl.gz"
check "$c/a.jsonl.gz"
