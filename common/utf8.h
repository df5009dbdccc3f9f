/* utf8.h - the UTF-8 rules, written once: which bytes are valid text, how
 * invalid text is repaired, how much of a string a message may quote, and
 * which characters a terminal must not be sent.
 *
 * Valid means Unicode's definition (3.9, table 3-7): no overlong form, no
 * UTF-16 surrogate (U+D800-U+DFFF), nothing past U+10FFFF, no byte F5-FF,
 * no stray continuation byte, no sequence cut short.  NUL counts as invalid
 * too: every string Gazette stores or prints is a C string.  Repair
 * replaces each maximal invalid subpart (3.9, D93b) by one U+FFFD, the
 * "best practice" browsers and Python follow, so "\xE2\x82" (a euro sign
 * cut short) is one replacement and "\xC0\xAF" (an overlong '/') two.
 * Knows nothing of articles, JSON or terminals. */
#ifndef GZ_UTF8_H
#define GZ_UTF8_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* U+FFFD REPLACEMENT CHARACTER, encoded. */
#define UTF8_REPLACEMENT "\xEF\xBF\xBD"
#define UTF8_REPLACEMENT_LEN 3

/* utf8_first_bad()'s answer for text that is all valid. */
#define UTF8_NOT_FOUND ((size_t)-1)

/* The offset of the first byte of S (N bytes) that starts an invalid
 * sequence or is NUL, or UTF8_NOT_FOUND.  Fast on ASCII. */
size_t utf8_first_bad(const char *s, size_t n);

/* 1 when the N bytes of S are valid, NUL-free UTF-8. */
int utf8_valid(const char *s, size_t n);

/* A malloc()ed, NUL-terminated copy of S (N bytes) with every maximal
 * invalid subpart and every NUL replaced by one U+FFFD; its length in
 * *OUT_LEN.  Valid text comes back unchanged.  NULL when out of memory. */
char *utf8_repair(const char *s, size_t n, size_t *out_len);

/* How many of the N bytes of S a message may quote, or a title cut short
 * may keep: all of them when N <= MAX, else at most MAX, cut before a
 * character rather than inside it (a cut character is invalid in
 * --report's JSON and garbage on a terminal).  For use as printf's "%.*s"
 * precision, so an int. */
int utf8_quote_len(const char *s, size_t n, size_t max);

/* The length of the control character at S (N > 0 bytes left): 1 for C0
 * (U+0000-U+001F) and DEL, 2 for C1 (U+0080-U+009F, encoded C2 80-C2 9F),
 * 0 for anything else.  Such characters move a terminal's cursor or
 * change its colours and title, so text for people shows them as U+FFFD. */
size_t utf8_control_len(const char *s, size_t n);

/* The most bytes utf8_escape() writes for N bytes of input, its NUL
 * included: an invalid byte takes four. */
#define UTF8_ESCAPE_SIZE(n) (4 * (size_t)(n) + 1)

/* Write the N bytes of S to OUT as text that cannot drive a terminal and
 * still says what the bytes were, the way C writes them: a C0 control
 * or DEL as "\x1b", a C1 control as "\u009b", each byte of an invalid
 * sequence (NUL included) as "\xNN", a backslash as "\\" (so that a
 * file named "a\x1b" and one named "a" ESC read apart); the rest
 * unchanged.  OUT holds UTF8_ESCAPE_SIZE(N) bytes and ends with a NUL;
 * with OUT NULL nothing is written.  Returns the length of the escaped
 * text.  For messages: the programs' errors and warnings quote file
 * names, input and arguments through it. */
size_t utf8_escape(const char *s, size_t n, char *out);

#ifdef __cplusplus
}
#endif

#endif
