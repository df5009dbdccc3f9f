/* gazette.h - the public C API of libgazette.
 *
 * Everything a program needs to report Gazette's errors.  The search and
 * index calls grow here as they become public; until then they live in
 * common/ and are used by gazette-index and gazette-search only.
 *
 * No C++ type and no Xapian type ever appears in this header. */
#ifndef GAZETTE_H
#define GAZETTE_H

#ifdef __cplusplus
extern "C" {
#endif

#define GAZETTE_VERSION_MAJOR 0
#define GAZETTE_VERSION_MINOR 1
#define GAZETTE_VERSION_PATCH 0
#define GAZETTE_VERSION_STRING "0.1.0"

/* The schema written into every index.  An index made with another schema
 * is refused with GZ_EVERSION rather than searched wrongly. */
#define GAZETTE_SCHEMA_VERSION 1

/* Every fallible call returns one of these.  The detail of the last failure
 * on the calling thread is in gz_last_error(). */
typedef enum gz_status {
    GZ_OK = 0,
    GZ_ENOTFOUND,   /* no index (or no document) where one was named */
    GZ_ELOCKED,     /* another writer holds the index */
    GZ_EMODIFIED,   /* the index changed under a reader; reopen and retry */
    GZ_ECORRUPT,    /* a table of the index is damaged */
    GZ_EVERSION,    /* made by another Xapian format, schema or stemmer */
    GZ_EOOM,        /* out of memory */
    GZ_EXAPIAN,     /* any other error Xapian reported */
    GZ_EIO,         /* an operating-system error reading or writing a file */
    GZ_EFORMAT,     /* input that is not an article (binary, bad JSON ...) */
    GZ_EPARSE,      /* a query or a date that cannot be parsed */
    GZ_EINVAL,      /* a bad argument */
    GZ_EINTERNAL    /* a bug: an exception nobody expected */
} gz_status;

/* A short, constant, English description of STATUS.  Never NULL. */
const char *gz_strerror(gz_status status);

/* The message of the last failure on the calling thread (with the file,
 * the line and Xapian's own text where there are some), or "" when there
 * was none.  The string belongs to the library and stays valid until the
 * next failing call on the same thread. */
const char *gz_last_error(void);

#ifdef __cplusplus
}
#endif

#endif
