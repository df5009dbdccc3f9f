#!/bin/sh
# shards.sh - query latency over 1, 2, 4 and 8 shards, local and remote
# (over loopback, xapian-tcpsrv), against the single index of the same
# articles, and the build time and size of each index.
#
#   tests/bench/shards.sh [OUT.md]
#
# Corpus: Reuters from ../shared/corpus (19,779 articles), split with
# gazette-index --shard K/N; every index is built from nothing with the
# default --jobs, so each is merged by compaction as a real build's would
# be (size, wall time of its build).  60 queries (words of Reuters titles, fixed
# seed), one gazette-search process per query, top 10, output to /dev/null;
# the configurations alternate query by query; 3 rounds; median per query,
# then p50/p95 over the queries.  Every configuration must give the same
# ids in the same order.
set -eu
. "$(dirname "$0")/lib.sh"
need_shared corpus
command -v xapian-tcpsrv > /dev/null || { echo "skip: xapian-tcpsrv is missing (xapian-tools)"; exit 0; }
out=${1:-}
workdir shards
w=$work
pids=""
trap 'for p in $pids; do kill -KILL "$p" 2>/dev/null; done; rm -rf "$w"' EXIT
src="$shared/corpus/reuters21578/articles.jsonl.gz"

SHARD_COUNTS="2 4 8"
# build NAME ARGS...: index into $w/NAME, one "NAME seconds KiB" line in
# $w/sizes
build() {
    name=$1; shift
    t0=$(date +%s.%N)
    "$IDX" -q "$@" -d "$w/$name" "$src"
    t1=$(date +%s.%N)
    echo "$name $(awk "BEGIN { print $t1 - $t0 }") $(du -sk "$w/$name" | cut -f1)" >> "$w/sizes"
}
build single
for n in $SHARD_COUNTS; do
    k=0
    while [ $k -lt $n ]; do
        build "s$n-$k" --shard "$k/$n"
        k=$((k + 1))
    done
done

port=27400
serve() { # serve DIR: start xapian-tcpsrv, echo "remote 127.0.0.1:PORT"
    while :; do
        port=$((port + 1))
        setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 "$1/$(sed -n 's/^auto //p' "$1/XAPIANDB")" > /dev/null 2>&1 &
        pid=$!
        sleep 0.3
        if kill -0 "$pid" 2>/dev/null; then pids="$pids $pid"; echo "remote 127.0.0.1:$port"; return; fi
    done
}
for n in $SHARD_COUNTS; do
    : > "$w/local$n.stub"; : > "$w/remote$n.stub"
    k=0
    while [ $k -lt $n ]; do
        echo "auto $w/s$n-$k" >> "$w/local$n.stub"
        serve "$w/s$n-$k" >> "$w/remote$n.stub"
        k=$((k + 1))
    done
done
serve "$w/single" > "$w/remote1.stub"

/usr/bin/python3 - "$SRCH" "$w" "$src" "$out" <<'PY'
import gzip, json, random, re, statistics, subprocess, sys, time
srch, w, src, out = sys.argv[1:5]
titles = [json.loads(l)["title"] for l in gzip.open(src, "rt")]
rng = random.Random(7)
words = [x for t in titles for x in re.findall(r"[A-Za-z]{5,}", t)]
queries = [" ".join(rng.sample(words, rng.choice([1, 1, 2]))) for _ in range(60)]
configs = [("single index", ["-d", f"{w}/single"]),
           ("1 remote (tcpsrv)", ["-d", f"{w}/remote1.stub"]),
           ("2 local shards", ["-d", f"{w}/local2.stub"]),
           ("2 remote shards", ["-d", f"{w}/remote2.stub"]),
           ("4 local shards", ["-d", f"{w}/local4.stub"]),
           ("4 remote shards", ["-d", f"{w}/remote4.stub"]),
           ("8 local shards", ["-d", f"{w}/local8.stub"]),
           ("8 remote shards", ["-d", f"{w}/remote8.stub"])]
times = {name: [[] for _ in queries] for name, _ in configs}
hits = {}
for rnd in range(3):
    for qi, q in enumerate(queries):
        for name, args in configs:
            t = time.perf_counter()
            r = subprocess.run([srch] + args + ["-f", "tsv", "-n", "10", "--", q],
                               capture_output=True, text=True)
            times[name][qi].append((time.perf_counter() - t) * 1000)
            if r.returncode not in (0, 1):
                sys.exit(f"{name}: {q}: exit {r.returncode}: {r.stderr}")
            ids = [l.split("\t")[3] for l in r.stdout.splitlines()]
            hits.setdefault(q, {})[name] = ids
same = all(len(set(tuple(v) for v in h.values())) == 1 for h in hits.values())
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
base = statistics.median([statistics.median(x) for x in times["single index"]])
rows = ["| configuration | p50 ms | p95 ms | p50 vs single index |", "| --- | ---: | ---: | ---: |"]
for name, _ in configs:
    meds = [statistics.median(x) for x in times[name]]
    p50 = pct(meds, 50)
    rows.append(f"| {name} | {p50:.1f} | {pct(meds, 95):.1f} | {p50 / base:.2f}x |")
rows.append("")
rows.append(f"Same ids in the same order in every configuration for all {len(queries)} queries: {'yes' if same else 'NO'}.")
builds = {}
for line in open(f"{w}/sizes"):
    name, secs, kib = line.split()
    n = 1 if name == "single" else int(name[1:].split("-")[0])
    builds.setdefault(n, []).append((float(secs), int(kib)))
rows += ["", "| index | shards | MB per shard (min–max) | MB in all | build s per shard (min–max) | build s in all |",
         "| --- | ---: | ---: | ---: | ---: | ---: |"]
for n, bs in sorted(builds.items()):
    mb = [k / 1024 for _, k in bs]
    secs = [t for t, _ in bs]
    rows.append(f"| {'single index' if n == 1 else f'{n} shards'} | {n} | {min(mb):.1f}–{max(mb):.1f} | {sum(mb):.1f} "
                f"| {min(secs):.2f}–{max(secs):.2f} | {sum(secs):.2f} |")
text = "\n".join(rows)
print(text)
if out:
    open(out, "w").write(text + "\n")
PY
