/* lang.c - language codes and their stemmers (lang.h).
 *
 * One table holds every language Gazette has a name for: its ISO 639-1
 * code, the ISO 639-2 codes (terminology and bibliographic) that input
 * also uses, its English name, and the libstemmer algorithm when Snowball
 * has one.  Languages without a stemmer are listed so that their 3-letter
 * codes and names fold onto one code, as declared tags do not agree.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "lang.h"

struct language {
    const char *code;       /* ISO 639-1 */
    const char *t;          /* ISO 639-2/T (and 639-3) */
    const char *b;          /* ISO 639-2/B where it differs, else NULL */
    const char *name;       /* English */
    const char *stemmer;    /* libstemmer algorithm, or NULL */
};

static const struct language languages[] = {
    {"af", "afr", NULL,  "Afrikaans",   NULL},
    {"ar", "ara", NULL,  "Arabic",      "arabic"},
    {"az", "aze", NULL,  "Azerbaijani", NULL},
    {"be", "bel", NULL,  "Belarusian",  NULL},
    {"bg", "bul", NULL,  "Bulgarian",   NULL},
    {"bn", "ben", NULL,  "Bengali",     NULL},
    {"ca", "cat", NULL,  "Catalan",     "catalan"},
    {"cs", "ces", "cze", "Czech",       NULL},
    {"da", "dan", NULL,  "Danish",      "danish"},
    {"de", "deu", "ger", "German",      "german"},
    {"el", "ell", "gre", "Greek",       "greek"},
    {"en", "eng", NULL,  "English",     "english"},
    {"es", "spa", NULL,  "Spanish",     "spanish"},
    {"et", "est", NULL,  "Estonian",    NULL},
    {"eu", "eus", "baq", "Basque",      "basque"},
    {"fa", "fas", "per", "Persian",     NULL},
    {"fi", "fin", NULL,  "Finnish",     "finnish"},
    {"fr", "fra", "fre", "French",      "french"},
    {"ga", "gle", NULL,  "Irish",       "irish"},
    {"he", "heb", NULL,  "Hebrew",      NULL},
    {"hi", "hin", NULL,  "Hindi",       "hindi"},
    {"hr", "hrv", NULL,  "Croatian",    NULL},
    {"hu", "hun", NULL,  "Hungarian",   "hungarian"},
    {"hy", "hye", "arm", "Armenian",    "armenian"},
    {"id", "ind", NULL,  "Indonesian",  "indonesian"},
    {"is", "isl", "ice", "Icelandic",   NULL},
    {"it", "ita", NULL,  "Italian",     "italian"},
    {"ja", "jpn", NULL,  "Japanese",    NULL},
    {"ka", "kat", "geo", "Georgian",    NULL},
    {"kk", "kaz", NULL,  "Kazakh",      NULL},
    {"km", "khm", NULL,  "Khmer",       NULL},
    {"ko", "kor", NULL,  "Korean",      NULL},
    {"lo", "lao", NULL,  "Lao",         NULL},
    {"lt", "lit", NULL,  "Lithuanian",  "lithuanian"},
    {"lv", "lav", NULL,  "Latvian",     NULL},
    {"mk", "mkd", "mac", "Macedonian",  NULL},
    {"ms", "msa", "may", "Malay",       NULL},
    {"my", "mya", "bur", "Burmese",     NULL},
    {"ne", "nep", NULL,  "Nepali",      "nepali"},
    {"nl", "nld", "dut", "Dutch",       "dutch"},
    {"no", "nor", NULL,  "Norwegian",   "norwegian"},
    {"pl", "pol", NULL,  "Polish",      NULL},
    {"pt", "por", NULL,  "Portuguese",  "portuguese"},
    {"ro", "ron", "rum", "Romanian",    "romanian"},
    {"ru", "rus", NULL,  "Russian",     "russian"},
    {"sk", "slk", "slo", "Slovak",      NULL},
    {"sl", "slv", NULL,  "Slovenian",   NULL},
    {"sq", "sqi", "alb", "Albanian",    NULL},
    {"sr", "srp", NULL,  "Serbian",     "serbian"},
    {"sv", "swe", NULL,  "Swedish",     "swedish"},
    {"sw", "swa", NULL,  "Swahili",     NULL},
    {"ta", "tam", NULL,  "Tamil",       "tamil"},
    {"th", "tha", NULL,  "Thai",        NULL},
    {"tl", "tgl", NULL,  "Tagalog",     NULL},
    {"tr", "tur", NULL,  "Turkish",     "turkish"},
    {"uk", "ukr", NULL,  "Ukrainian",   NULL},
    {"ur", "urd", NULL,  "Urdu",        NULL},
    {"vi", "vie", NULL,  "Vietnamese",  NULL},
    {"yi", "yid", NULL,  "Yiddish",     "yiddish"},
    {"zh", "zho", "chi", "Chinese",     NULL},
};
#define N_LANGUAGES (sizeof languages / sizeof languages[0])

/* Codes that name the same language as a code of the table: Norwegian
 * Bokmål and Nynorsk share Snowball's one Norwegian stemmer; iw, in and
 * ji were withdrawn from ISO 639-1 but old pages still declare them. */
static const char *const aliases[][2] = {
    {"nb", "no"}, {"nn", "no"}, {"nob", "no"}, {"nno", "no"},
    {"iw", "he"}, {"in", "id"}, {"ji", "yi"},
    {"porter", "en"},
};

static const struct language *find(const char *code)
{
    for (size_t i = 0; i < N_LANGUAGES; i++)
        if (strcmp(languages[i].code, code) == 0)
            return &languages[i];
    return NULL;
}

/* The primary subtag of TAG (LEN bytes), lower-cased into WORD (SIZE
 * bytes): after leading blank space, up to a BCP 47 hyphen, or the
 * underscore and period of POSIX locales ("en_US.UTF-8"), or blank
 * space.  Its length, or (size_t)-1 when it holds other than letters or
 * does not fit. */
static size_t primary_subtag(const char *tag, size_t len, char *word,
                             size_t size)
{
    size_t n = 0;

    while (len && isspace((unsigned char)*tag))
        tag++, len--;
    while (n < len && tag[n] != '-' && tag[n] != '_' && tag[n] != '.' &&
           !isspace((unsigned char)tag[n])) {
        if (!isalpha((unsigned char)tag[n]) || n + 1 >= size)
            return (size_t)-1;
        word[n] = (char)tolower((unsigned char)tag[n]);
        n++;
    }
    word[n] = '\0';
    return n;
}

/* 1 for a primary subtag WORD (N letters, lower case) that BCP 47 gives
 * to text of no one language: "und" undetermined, "mul" several, "zxx"
 * no linguistic content, "mis" uncoded, "qaa".."qtz" local use, and
 * "x" (and the grandfathered "i") before private-use subtags. */
static int says_none(const char *word, size_t n)
{
    return (n == 1 && (word[0] == 'x' || word[0] == 'i')) ||
           strcmp(word, "und") == 0 || strcmp(word, "mul") == 0 ||
           strcmp(word, "zxx") == 0 || strcmp(word, "mis") == 0 ||
           (n == 3 && word[0] == 'q' && word[1] >= 'a' && word[1] <= 't');
}

int lang_is_none(const char *tag, size_t len)
{
    char word[16];
    size_t n = primary_subtag(tag, len, word, sizeof word);
    return n != (size_t)-1 && (n == 0 || says_none(word, n));
}

int lang_code(const char *tag, size_t len, char out[LANG_MAX])
{
    char word[16];
    size_t n = primary_subtag(tag, len, word, sizeof word);

    out[0] = '\0';
    if (n == (size_t)-1 || n < 2)
        return 0;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(word, aliases[i][0]) == 0) {
            strcpy(out, aliases[i][1]);
            return 1;
        }
    for (size_t i = 0; i < N_LANGUAGES; i++) {
        const struct language *l = &languages[i];
        if (strcmp(word, l->code) == 0 || strcmp(word, l->t) == 0 ||
            (l->b && strcmp(word, l->b) == 0) || strcasecmp(word, l->name) == 0 ||
            (l->stemmer && strcmp(word, l->stemmer) == 0)) {
            strcpy(out, l->code);
            return 1;
        }
    }
    if (n > 3 || says_none(word, n))
        return 0;
    memcpy(out, word, n + 1);
    return 1;
}

const char *lang_stemmer(const char *code)
{
    const struct language *l = code ? find(code) : NULL;
    return l ? l->stemmer : NULL;
}

const char *lang_name(const char *code)
{
    const struct language *l = code ? find(code) : NULL;
    return l ? l->name : NULL;
}
