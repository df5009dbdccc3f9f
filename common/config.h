/* config.h - settings both programs take from the environment.
 *
 * GAZETTE_INDEX names the default index; otherwise it lives under
 * $XDG_DATA_HOME/gazette/index (~/.local/share/gazette/index), the place
 * users look for a tool's data.  Never creates anything.
 */
#ifndef GZ_CONFIG_H
#define GZ_CONFIG_H

#ifdef __cplusplus
extern "C" {
#endif

/* The index to use when no -d/--index is given, malloc()ed (free() it);
 * NULL when out of memory or when no home directory is known. */
char *config_default_index(void);

#ifdef __cplusplus
}
#endif

#endif
