# gazette-search-static (`make static-search`: libxapian, libstdc++, zlib
# and libuuid linked in) answers as gazette-search does: for every query
# and output format below, the same bytes on stdout and on stderr and the
# same exit status, over one index, over two shards given as a stub file,
# and over the same shards served by xapian-tcpsrv (when xapian-tools is
# there; one by name, localhost, to use the resolver).  Skipped when the static program has not been built (the tests
# never build it; CI skips this one).
. "$(dirname "$0")/lib.sh"
STATIC="$BIN/gazette-search-static"
[ -x "$STATIC" ] || skip "$STATIC is absent (make static-search builds it)"
case "$SRCH" in "$BIN/gazette-search") ;; *) skip "runs only the programs themselves (GAZETTE_WRAP)" ;; esac

expect_exit 0 "$IDX" -q -d "$T/idx" "$TOP/corpus"
for k in 0 1; do
    expect_exit 0 "$IDX" -q --shard "$k/2" -d "$T/s$k" "$TOP/corpus"
done
printf 'auto %s\nauto %s\n' "$T/s0" "$T/s1" > "$T/shards.stub"
indexes="$T/idx $T/shards.stub"
if command -v xapian-tcpsrv >/dev/null 2>&1; then
    serve "$T/s0"; P0=$PORT
    serve "$T/s1"
    printf 'remote 127.0.0.1:%s\nremote localhost:%s\n' "$P0" "$PORT" > "$T/remote.stub"
    indexes="$indexes $T/remote.stub"
fi
first=$("$SRCH" -d "$T/idx" -n 1 -o ids olympic) || fail "no hit for olympic"

# One case a line: the arguments after -d INDEX, as a JSON list, and the
# standard input (--batch) after a tab when there is one.
cat > "$T/cases" <<EOF
["olympic", "boycott"]
["-f", "json", "-n", "100", "the"]
["-f", "tsv", "-n", "100", "the"]
["--color", "always", "interest", "rates"]
["-o", "ids", "-n", "1000", "the"]
["-0", "-o", "files", "strike"]
["-o", "count", "government"]
["-s", "newest", "--offset", "2", "-n", "5", "-f", "json", "the"]
["-s", "oldest", "--since", "2020", "--until", "2022-06", "the"]
["--any", "-f", "json", "olympic games boycott protest"]
["--expand", "-f", "json", "dockworkers"]
["--no-collapse", "--no-suggest", "-f", "tsv", "the"]
["-f", "json", "\"interest rates\" OR title:strike OR immigra*"]
["-f", "json", "date:2021-01..2021-06", "NOT", "olympic"]
["exact:US", "NEAR/5", "china"]
["--bm25", "1.2,0.75", "-f", "json", "the"]
["--explain", "title:(a OR b) date:last_week \"New Deal\"^2"]
["--histogram", "month", "the"]
["--histogram", "year", "-f", "json", "the"]
["--terms", "10", "olympic"]
["--terms", "5", "-f", "json", "the"]
["--like", "$first"]
["--like", "$first", "-f", "json", "boycott"]
["--show", "$first"]
["--show", "no-such-id"]
["olymic"]
["zzzzqqqq"]
["(unbalanced"]
["--limit", "-3", "x"]
["--version"]
["--help"]
["--batch"]	olympic\n-f json\ninterest rates\n
EOF

# shellcheck disable=SC2086
"$PY" - "$SRCH" "$STATIC" "$T/cases" $indexes <<'PY' || fail "the static gazette-search answers otherwise"
import json, subprocess, sys
dynamic, static, cases, indexes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
bad = n = found = 0
for line in open(cases):
    args, _, stdin = line.rstrip("\n").partition("\t")
    args = json.loads(args)
    stdin = stdin.replace("\\n", "\n").encode()
    for index in indexes:
        argv = ["-d", index] + args
        got = [subprocess.run([prog] + argv, input=stdin, capture_output=True,
                              env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
               for prog in (dynamic, static)]
        n += 1
        found += got[0].returncode == 0 and len(got[0].stdout) > 0
        for what in ("returncode", "stdout", "stderr"):
            d, s = (getattr(r, what) for r in got)
            if d != s:
                bad += 1
                print(f"{' '.join(argv)}: {what} differs:\n  dynamic {d[:300]!r}\n  static  {s[:300]!r}",
                      file=sys.stderr)
if n < 60 or found < 40:
    sys.exit(f"only {n} runs compared, {found} of them with hits")
sys.exit(1 if bad else 0)
PY
