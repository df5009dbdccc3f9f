# Accents are folded at index and query time (tokenize.h): a word typed
# with or without its accents finds it written either way, in words,
# phrases, fields and NEAR, and the snippet highlights the accented word
# for the plain query.  Letters of their own (ø, dotless ı) are not folded
# into others, and other scripts keep their marks.
. "$(dirname "$0")/lib.sh"

c="$T/c"; mkdir -p "$c"
art() { printf 'date 2021-0%s-01\ntitle %b\nid %s\n\n%b\n' "$1" "$2" "$3" "$4" > "$c/$3.txt"; }
art 1 'Caf\303\251 society' accented 'The caf\303\251 on the corner served the mayor.'
art 2 'Downtown' plain 'A new cafe opened downtown last week.'
art 3 'Talks' dotted 'Ministers met in \304\260stanbul for talks on grain.'
art 4 'Shipping' undotted 'Grain ships wait off Istanbul again.'
art 5 'Visit' pena 'Pe\303\261a Nieto visited S\303\243o Paulo on Monday.'
art 6 'Visit again' pena-plain 'President Pena Nieto flew back from Sao Paulo.'
art 7 'Wind' orsted '\303\230rsted builds wind farms at sea.'
art 8 'Names' orsted-plain 'A physicist named Orsted studied magnets.'
art 9 'Spinach' dotless 'Turkish \304\261spanak is spinach.'
art 1 'Hindi' hindi 'The word \340\244\271\340\244\277\340\244\250\340\245\215\340\244\246\340\245\200 means Hindi.'
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"

check_ids 'accented plain ' cafe
check_ids 'accented plain ' "$(printf 'caf\303\251')"
check_ids 'accented plain ' "$(printf 'CAF\303\211')"
check_ids 'accented plain ' "$(printf 'cafe\314\201')"          # e + combining acute
check_ids 'accented ' "$(printf 'title:caf\303\251')"
check_ids 'accented ' 'title:cafe'
check_ids 'dotted undotted ' istanbul
check_ids 'dotted undotted ' "$(printf '\304\260stanbul')"
check_ids 'pena pena-plain ' '"pena nieto"'
check_ids 'pena pena-plain ' "$(printf '"Pe\303\261a Nieto" "s\303\243o paulo"')"
check_ids 'pena pena-plain ' '"sao paulo"'
check_ids 'pena pena-plain ' pena NEAR/5 "$(printf 's\303\243o')"
# ø and dotless ı are letters of their own.
check_ids 'orsted ' "$(printf '\303\270rsted')"
check_ids 'orsted-plain ' orsted
check_ids 'dotless ' "$(printf '\304\261spanak')"
WANT=1 check_ids '' ispanak
# Devanagari keeps its vowel signs: without them it is another word.
check_ids 'hindi ' "$(printf '\340\244\271\340\244\277\340\244\250\340\245\215\340\244\246\340\245\200')"
WANT=1 check_ids '' "$(printf '\340\244\271\340\244\250\340\244\246')"

# The plain query highlights the accented word in the snippet.
expect_exit 0 "$SRCH" -d "$T/idx" -f json -- cafe
"$PY" - "$T/out" <<'PY' || fail "cafe does not highlight the café"
import json, sys
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(line)
    b = h["snippet"].encode()
    marked = [b[s:e].decode() for s, e in h["highlights"]]
    seen.add((h["id"], tuple(marked)))
want = {("accented", ("caf\u00e9",)), ("plain", ("cafe",))}
assert seen == want, seen
PY
exit 0
