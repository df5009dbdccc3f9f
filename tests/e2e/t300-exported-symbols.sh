# libgazette.so exports exactly the functions include/gazette.h declares:
# every dynamic symbol it defines starts with gz_, every GZ_EXPORT function
# of the header is there, and no internal gz_ function (gz_db_open ...)
# leaks out.  The programs link the static library.
. "$(dirname "$0")/lib.sh"

so="$BIN/libgazette.so.3"
[ -f "$so" ] || fail "$so was not built"
command -v nm >/dev/null || skip "nm (binutils) is not installed"

# What the header declares: every function, and those marked GZ_EXPORT.
"$PY" - "$TOP/include/gazette.h" "$T/declared" "$T/marked" <<'PY' || fail "cannot parse the header"
import re, sys
text = open(sys.argv[1]).read()
text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)      # comments
text = re.sub(r'^\s*#.*$', ' ', text, flags=re.M)       # preprocessor lines
text = re.sub(r'extern\s+"C"\s*\{', ' ', text)
decls = [d.strip() for d in text.split(';')]
declared, marked = set(), set()
for d in decls:
    if d.startswith('typedef') or '{' in d or '}' in d:
        continue
    m = re.search(r'\b(gz_\w+)\s*\(', d)
    if m:
        declared.add(m.group(1))
        if re.match(r'GZ_EXPORT\b', d):
            marked.add(m.group(1))
open(sys.argv[2], 'w').write(''.join(n + '\n' for n in sorted(declared)))
open(sys.argv[3], 'w').write(''.join(n + '\n' for n in sorted(marked)))
PY
[ "$(wc -l < "$T/declared")" -ge 15 ] || fail "found only $(wc -l < "$T/declared") functions in gazette.h"
for f in gz_index_open gz_search gz_results_snippet gz_indexer_add gz_version_check; do
    grep -qx "$f" "$T/declared" || fail "gazette.h does not declare $f"
done
unmarked=$(comm -23 "$T/declared" "$T/marked")
[ -z "$unmarked" ] || fail "declared in gazette.h without GZ_EXPORT: $unmarked"

# What the library exports (version nodes, type A, are not symbols).
nm -D --defined-only "$so" > "$T/nm" || fail "nm failed on $so"
awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' "$T/nm" | sort -u > "$T/exported"
bad=$(grep -v '^gz_' "$T/exported" | head -n 10)
[ -z "$bad" ] || fail "exported without the gz_ prefix: $bad"
missing=$(comm -23 "$T/marked" "$T/exported")
[ -z "$missing" ] || fail "in gazette.h but not exported: $missing"
extra=$(comm -13 "$T/marked" "$T/exported")
[ -z "$extra" ] || fail "exported but not in gazette.h: $extra"

# The linker version script lists the same functions.
sed -n 's/^[[:space:]]*\(gz_[a-z0-9_]*\);.*/\1/p' "$TOP/build-aux/libgazette.map" | sort > "$T/map"
cmp -s "$T/map" "$T/marked" || { diff "$T/marked" "$T/map" >&2; fail "build-aux/libgazette.map differs from gazette.h"; }

# The soname, the development symlink, and programs that do not need it.
readelf -d "$so" | grep -q 'SONAME.*\[libgazette\.so\.3\]' || fail "no soname libgazette.so.3"
[ "$(readlink "$BIN/libgazette.so")" = libgazette.so.3 ] || fail "libgazette.so is not a link to libgazette.so.3"
for p in "$IDX" "$SRCH"; do
    readelf -d "$p" | grep -q 'NEEDED.*libgazette' && fail "$p needs libgazette.so"
done
exit 0
