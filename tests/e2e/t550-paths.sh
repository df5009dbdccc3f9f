# Nothing is ever written outside the index directory and the report file
# the user names: every file system call that creates, changes or removes
# something, in every kind of run (a first build in parallel parts,
# --compact, an update, --rebuild in parallel and not, --status, the default
# index, --follow-symlinks out of the tree, a search, a run stopped by a
# signal), is traced with strace and checked.  Without strace (or ptrace)
# the trace is skipped, and what remains is checked: $TMPDIR, $HOME, the
# working directory and the corpus are left as they were.
. "$(dirname "$0")/lib.sh"

c="$T/c"
"$PY" "$(dirname "$0")/gencorpus.py" "$c" 200 3
mkdir -p "$T/outside" "$T/tmp" "$T/home" "$T/cwd"
printf 'date 2020-01-01\ntitle Out\n\nOkapi out there.\n' > "$T/outside/out.txt"
ln -s "$T/outside" "$c/link"
export TMPDIR="$T/tmp" HOME="$T/home"
unset XDG_DATA_HOME
cd "$T/cwd" || fail "cd"
listing() { (cd "$1" && find . -printf '%p %s %T@ %m\n' | sort); }
listing "$c" > "$T/corpus.before"

tracing=0
if command -v strace > /dev/null &&
   strace -f -qq -o /dev/null true 2> /dev/null; then
    tracing=1
else
    echo "strace is absent or cannot trace here: checking what is left behind only"
fi
n=0
# run INDEXDIR REPORT EXIT CMD...: run CMD (traced), want exit EXIT, and
# check that it wrote only under INDEXDIR (its parents may be made) or
# REPORT ("-" for none).
run() {
    dir=$1 report=$2 want=$3; shift 3
    n=$((n + 1))
    if [ $tracing = 1 ]; then
        # LeakSanitizer (make asan) cannot work under ptrace.
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
        strace -f -y -qq -o "$T/trace.$n" -e trace=open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,rmdir,link,linkat,symlink,symlinkat,truncate,chmod,fchmodat,chown,fchownat,utimensat "$@" > "$T/out" 2> "$T/err"
    else
        "$@" > "$T/out" 2> "$T/err"
    fi
    rc=$?
    [ $rc = "$want" ] || { cat "$T/err" >&2; fail "run $n ($*): exit $rc, want $want"; }
    [ $tracing = 1 ] || return 0
    "$PY" - "$T/trace.$n" "$dir" "$report" "$T/cwd" <<'PY' || fail "run $n ($*) wrote outside $dir"
import os, re, sys
trace, index, report, cwd = sys.argv[1:]
index = os.path.realpath(index)
report = os.path.realpath(report) if report != "-" else None
bad = []
call = re.compile(r'^\d+\s+(\w+)\((.*)$')
arg = re.compile(r'(?:(AT_FDCWD|\d+)<([^>]*)>,\s*)?"((?:[^"\\]|\\.)*)"')
for line in open(trace, encoding="utf-8", errors="replace"):
    m = call.match(line)
    if not m:
        continue
    name, rest = m.groups()
    if name in ("open", "openat") and not re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", rest):
        continue
    for base, path in [(a.group(2), a.group(3)) for a in arg.finditer(rest)]:
        p = os.path.normpath(os.path.join(base or cwd, path.encode().decode("unicode_escape")))
        if p == index or p.startswith(index + "/") or p == report:
            continue
        if name in ("mkdir", "mkdirat") and index.startswith(p + "/"):
            continue    # the parents of a new index
        bad.append(line.strip())
if bad:
    print("\n".join(bad[:20]))
    sys.exit(1)
PY
}

# A first build in parallel parts, with a report and a compaction, the
# index and the report given as relative paths.
run "$T/cwd/idx" "$T/cwd/r1.json" 0 "$IDX" -j 2 --compact --report r1.json -d idx "$c"
# An update.
sed -i 's/"title": "/"title": "New /' "$c"/feeds/f00.jsonl
rm "$c"/a/00/g00000.txt
run "$T/cwd/idx" "$T/r2.json" 0 "$IDX" -j 1 --report "$T/r2.json" -d idx "$c"
# --rebuild, one writer and in parallel parts with --compact.
run "$T/cwd/idx" - 0 "$IDX" -q -j 1 --rebuild -d idx "$c"
run "$T/cwd/idx" - 0 "$IDX" -q -j 2 --rebuild --compact -d idx "$c"
# Links followed out of the tree: read there, written nowhere but the index.
run "$T/cwd/idx" - 0 "$IDX" -q --follow-symlinks -d idx "$c"
expect_exit 0 "$SRCH" -d "$T/cwd/idx" okapi
run "$T/cwd/idx" - 0 "$IDX" --status -d idx
# The default index: $HOME/.local/share/gazette/index, made with its parents.
run "$T/home/.local/share/gazette/index" - 0 "$IDX" -q -j 2 "$c"
# A search writes nothing at all.
run /nonexistent - 0 "$SRCH" -d "$T/cwd/idx" -n 5 --format json tariff
run /nonexistent - 0 "$SRCH" -n 5 tariff

# A parallel build stopped by SIGTERM (untraced: strace would take the
# signal): its scratch parts are inside the index and are removed.
( exec "$IDX" -q -j 2 -d "$T/cwd/idx-sig" "$c" 2> "$T/sig.err" ) &
pid=$!
for i in $(seq 100); do [ -e "$T/cwd/idx-sig/writer.pid" ] && break; sleep 0.02; done
kill -TERM "$pid" 2> /dev/null
wait "$pid"
[ -z "$(ls "$T/cwd/idx-sig" | grep part)" ] || fail "scratch left: $(ls "$T/cwd/idx-sig")"

# What is left: nothing in $TMPDIR, only the default index in $HOME, the
# indexes and the report in the working directory, the corpus unchanged
# but for the edits above.
[ -z "$(ls -A "$T/tmp")" ] || fail "written into TMPDIR: $(ls -A "$T/tmp")"
[ "$(cd "$T/home" && find . -mindepth 1 -maxdepth 3 | sort | tr '\n' ' ')" = "./.local ./.local/share ./.local/share/gazette " ] ||
    fail "written into HOME: $(cd "$T/home" && find . | head)"
[ "$(ls -A "$T/cwd" | tr '\n' ' ')" = "idx idx-sig r1.json " ] || fail "written into the working directory: $(ls -A "$T/cwd")"
listing "$c" > "$T/corpus.after"
diff "$T/corpus.before" "$T/corpus.after" | grep '^[<>]' | grep -v -e ' ./feeds/f00.jsonl ' -e ' ./a/00/g00000.txt ' -e '^[<>] \. ' -e ' ./feeds ' -e ' ./a/00 ' &&
    fail "the corpus changed"
exit 0
