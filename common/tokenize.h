/* tokenize.h - UTF-8 text to normalised words with positions.
 *
 * The one definition of a "word" in Gazette, used for indexing, for
 * queries and for highlighting snippets, so the three always agree.
 * Knows nothing of stemming or of Xapian.
 *
 * Rules (each has a unit test in tests/unit/test_tokenize.c):
 *  - Input is UTF-8; invalid bytes are treated as separators (never a
 *    crash, never an out-of-bounds read).  NUL bytes are separators.
 *  - A word is a run of letters, digits and combining marks (Unicode
 *    categories L*, N*, M*).  Words are case-folded (full folding:
 *    Straße -> strasse) and NFKC-normalised.
 *  - Accents are folded: in the word's canonical decomposition, every
 *    nonspacing mark (Mn) on a Latin, Greek or Cyrillic letter is dropped
 *    and the rest recomposed (NFC), so café, cafe\u0301 and CAFÉ are all
 *    "cafe", İstanbul is "istanbul", Αθήνα "αθηνα", ёлка "елка".  Kept:
 *     - letters with no decomposition, which are letters of their own:
 *       ø æ đ ł ı (dotless i stays dotless) ð þ ħ;
 *     - the breve of Cyrillic й and ў, always written (мой is not мои);
 *     - marks on the letters of every other script: Devanagari and Thai
 *       vowel signs, Hebrew and Arabic points, the Japanese voicing mark,
 *       and a stray accent on such a letter.  Hangul stays composed.
 *    Folding is idempotent: a folded word, folded again, is unchanged.
 *  - Folding per language (tokenize_in() with a lang.h code; issue 22):
 *    a language keeps the letters it counts as letters of its own, from
 *    one rule table in tokenize.c: tr/az fold I to ı (İ to i, so ılık and
 *    ilik stay apart); sv/fi keep å ä ö, et õ ä ö ü š ž, no/da å, es ñ,
 *    hu á é í ó ö ő ú ü ű (the vowels of Snowball's hungarian stemmer),
 *    is á é í ó ú ý ö; ar drops the harakat (U+064B..U+0652), the tatweel
 *    and hamza and madda over alef (أ إ آ -> ا).  Every other language,
 *    and none (NULL), folds as above; German too (ä -> a, ß -> ss).  Each
 *    language's folding is idempotent.
 *  - Scripts written without spaces (Han, Hiragana, Katakana, Hangul,
 *    Thai, Lao, Khmer, Myanmar), whatever the language: a run of their
 *    letters (with the marks on them; Kanji and Kana together are one
 *    run) becomes its overlapping bigrams at consecutive positions
 *    (中华人民 -> 中华, 华人, 人民), a run of one letter one word.  Every
 *    bigram after a run's first has token.joined set, and [start, end)
 *    covers its two letters.  A run ends at any other character: digits,
 *    Latin letters and punctuation are words or separators as elsewhere
 *    (2024年 -> 2024, 年; abc中文 -> abc, 中文).
 *  - An apostrophe (' U+0027, ’ U+2019, ʼ U+02BC) between two letters
 *    stays in the word as a straight apostrophe (don't, o'neill); a
 *    possessive 's or a trailing apostrophe is dropped
 *    (Beijing’s -> beijing, states' -> states).  A possessive is dropped
 *    after a number too (1980's -> 1980); "it's" becomes "it".
 *  - Single letters joined by periods are one acronym word with inner
 *    periods kept and the last dropped: U.S. -> u.s (never "us"),
 *    e.g. -> e.g
 *  - A period or comma between two digits stays inside a number:
 *    3.5 -> 3.5; a comma is dropped: 1,000 -> 1000.
 *  - A hyphen separates words; the parts take adjacent positions
 *    (Allen-Ebrahimian -> allen, ebrahimian).
 *  - Any other period or comma ends the word
 *    (policy. -> policy; U.S.-China -> u.s, china).
 *  - Invisible characters inside a word (soft hyphen U+00AD, zero-width
 *    joiner and non-joiner, word joiner U+2060) are dropped:
 *    co<U+00AD>operate -> cooperate.  Elsewhere they are separators.
 *  - Words longer than TOKEN_MAX_BYTES after normalisation are skipped
 *    (they still take a position, so phrases across them do not match),
 *    and so are words of more than 4 * TOKEN_MAX_BYTES bytes in the text
 *    even when folding would shrink them that far (a letter under a
 *    hundred accents).
 */
#ifndef GZ_TOKENIZE_H
#define GZ_TOKENIZE_H

#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TOKEN_MAX_BYTES 64

typedef struct token {
    const char *word;   /* normalised, NUL-terminated; valid during the callback only */
    size_t len;         /* strlen(word) */
    unsigned pos;       /* position: start_pos, start_pos + 1, ... */
    size_t start;       /* byte offset of the word's first byte in the input */
    size_t end;         /* byte offset one past its last byte in the input */
    const char *surface;    /* the word before case folding: the same
                               characters, NFKC, capitals kept ("U.S",
                               "Beijing", "1000"); NUL-terminated, valid
                               during the callback only; NULL for a word
                               whose surface is over 256 bytes */
    size_t surface_len;
    int joined;         /* 1 when the word continues a run of text written
                           without spaces (Han, Kana, Hangul, Thai; issue
                           22), so that a query takes the run's words as a
                           phrase; 0 for a word that stands on its own */
} token;
/* [start, end) covers exactly the input bytes the word was made from:
 * "U.S." gives "U.S" (the last period is dropped like a sentence-final
 * one), "Beijing’s" gives "Beijing", "1,000" gives "1,000". */

/* 1 when folding changed TOK's word: its surface has capitals or accents
 * the word lacks (the surface is what exact matching keeps, schema.c and
 * query.c alike); 0 for a word written as it is folded, or without a
 * surface. */
static inline int token_folded(const token *tok)
{
    return tok->surface && (tok->surface_len != tok->len ||
                            memcmp(tok->surface, tok->word, tok->len) != 0);
}

/* Called once per word, in order.  A non-zero return stops the walk and is
 * returned by tokenize(). */
typedef int (*token_fn)(void *ctx, const token *tok);

/* Split TEXT (LEN bytes, need not be NUL-terminated; NULL with LEN 0 is
 * empty) into words, numbering positions from START_POS.  If NEXT_POS is
 * not NULL it receives the position after the last word (so a caller can
 * leave a gap between fields); when the walk stops early, the position
 * after the last word reached.  Returns 0, the callback's non-zero value,
 * or -1 when out of memory (only a word decomposing into more than 512
 * code points allocates).  Reentrant: all state is on the stack. */
int tokenize(const char *text, size_t len, unsigned start_pos,
             token_fn fn, void *ctx, unsigned *next_pos);

/* tokenize() for text in the language LANG (a lang.h code such as "tr",
 * or NULL when unknown): folding keeps the letters LANG counts as letters
 * of their own (issue 22).  tokenize() is tokenize_in() with LANG NULL. */
int tokenize_in(const char *text, size_t len, const char *lang,
                unsigned start_pos, token_fn fn, void *ctx,
                unsigned *next_pos);

#ifdef __cplusplus
}
#endif

#endif
