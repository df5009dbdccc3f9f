# Text written without spaces (issue 22): Chinese, Japanese, Thai and
# Korean runs are indexed as overlapping bigrams, so a two-character word
# inside a sentence is found, a longer word is found as the phrase of its
# bigrams (and only where its characters stand together), a pair of
# words that never stand together finds nothing, and the snippet
# highlights the word itself.
. "$(dirname "$0")/lib.sh"

c="$T/c"; mkdir -p "$c"
art() { printf 'date 2021-0%s-01\ntitle %s\nid %s\n\n%s\n' "$1" "$2" "$3" "$4" > "$c/$3.txt"; }
art 1 'News' zh-gov '中华人民共和国政府今天宣布了新的经济政策。'
art 2 'News' zh-paper '人民日报报道了这个消息，政策没有变化。'
art 3 'News' ja-tokyo '東京都は新しい経済対策を発表しました。'
art 4 'News' ja-osaka '大阪の経済は回復している。'
art 5 'News' th-gov 'รัฐบาลไทยประกาศนโยบายใหม่'
art 6 'News' ko-gov '한국 정부는 새로운 경제 정책을 발표했다.'
art 7 'News' en 'The government of China announced a new policy.'
expect_exit 0 "$IDX" -q -d "$T/idx" "$c"

# A two-character word inside a sentence.
check_ids 'zh-gov ' '政府'
check_ids 'zh-gov zh-paper ' '人民'
check_ids 'ja-osaka ja-tokyo ' '経済'
check_ids 'ko-gov ' '정책'
check_ids 'ko-gov ' '정부'
# A longer word is the phrase of its bigrams, in a sentence or alone.
check_ids 'zh-gov ' '中华人民'
check_ids 'zh-gov ' '中华人民共和国'
check_ids 'ja-tokyo ' '経済対策'
check_ids 'th-gov ' 'นโยบาย'
check_ids 'zh-gov ' '"人民共和国" 政府'
check_ids 'zh-gov zh-paper ' '政策'
check_ids 'zh-gov zh-paper ' '政策 OR 政府'
# Words that each occur but never together: nothing.
WANT=1 check_ids '' '中华政府'
WANT=1 check_ids '' '政策人民'
WANT=1 check_ids '' '大阪経済'
# Beside Latin text, each script is its own words.
check_ids 'en ' 'government china'

# The snippet highlights the word, the run's bigrams as one mark.
# highlights QUERY WANT: WANT is the set of (id, (marked text, ...)), in
# Python, that the hits of QUERY show.
highlights() {
    expect_exit 0 "$SRCH" -d "$T/idx" -f json -- "$1"
    "$PY" - "$T/out" "$2" <<'PY' || fail "$1 is not highlighted as itself"
import ast, json, sys
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    h = json.loads(line)
    b = h["snippet"].encode()
    seen.add((h["id"], tuple(b[s:e].decode() for s, e in h["highlights"])))
assert seen == ast.literal_eval(sys.argv[2]), seen
PY
}
highlights '人民共和国' '{("zh-gov", ("人民共和国",))}'
highlights '経済' '{("ja-tokyo", ("経済",)), ("ja-osaka", ("経済",))}'
# As the words of a phrase are, each bigram of the query is marked where
# it stands alone too: บา of รัฐบาล (government) is one of นโยบาย's.
highlights 'นโยบาย' '{("th-gov", ("บา", "นโยบาย"))}'
exit 0
