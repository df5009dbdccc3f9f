/* stopwords.c - lookups in the stop lists (stopwords.h).
 *
 * The words of every list live once, in one hash table generated with
 * them (stoplists.h): a word is found with one hash and a probe or two,
 * whatever the number of languages, and the languages listing it come
 * with it as a bit set, so a set of languages costs what one does.
 */
#include <string.h>

#include "lang.h"
#include "stoplists.h"
#include "stopwords.h"

/* The bit of the list of CODE, 0 when no list has it. */
static stopword_langs list_of(const char *code)
{
    for (unsigned i = 0; i < STOPLIST_LANGUAGES; i++)
        if (strcmp(stoplist_codes[i], code) == 0)
            return (stopword_langs)1 << i;
    return 0;
}

stopword_langs stopword_langs_of(const char *language)
{
    char code[LANG_MAX];
    /* A language lang.h cannot read, or one it reads but has no name for
     * (a well-formed code of its own), is treated as no language. */
    if (!language || !lang_code(language, strlen(language), code) ||
        !lang_name(code))
        return list_of("en");
    return list_of(code);
}

int stopword_in_langs(stopword_langs langs, const char *word, size_t len)
{
    if (!langs || len == 0 || len > STOPLIST_MAX_BYTES)
        return 0;
    uint32_t at = stoplist_hash(word, len) & (STOPLIST_SLOTS - 1);
    for (;;) {
        unsigned slot = stoplist_slots[at];
        if (slot == 0)
            return 0;
        const stoplist_entry *e = &stoplist_words[slot - 1];
        if (e->len == len && memcmp(e->word, word, len) == 0)
            return (e->langs & langs) != 0;
        at = (at + 1) & (STOPLIST_SLOTS - 1);
    }
}

int stopword_in(const char *code, const char *word, size_t len)
{
    return stopword_in_langs(stopword_langs_of(code), word, len);
}

int stopword_each(const char *code, int (*fn)(void *ctx, const char *word,
                                              size_t len),
                  void *ctx)
{
    stopword_langs langs = stopword_langs_of(code);
    for (unsigned i = 0; langs && i < STOPLIST_WORDS; i++) {
        const stoplist_entry *e = &stoplist_words[i];
        int rc = (e->langs & langs) ? fn(ctx, e->word, e->len) : 0;
        if (rc)
            return rc;
    }
    return 0;
}
