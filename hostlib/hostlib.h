/* Host libraries loaded at their first use.
 *
 * A library axos links is loaded, relocated and paged in by every run,
 * whether the run needs it or not: SQLite, libgcrypt and libedit together
 * cost a REPL more start-up than the whole kernel's boot. The ones only
 * some runs need (the disk, the digests, line editing, SDL) are opened
 * with dlopen when first used instead, and called through a table of
 * function pointers; their headers still give the prototypes.
 *
 * A table is a struct of n function pointers and nothing else, in the
 * order of its HostLib's names. Loading is thread-safe and happens once
 * per host process; the library then stays loaded. */
#ifndef AXOS_HOSTLIB_H
#define AXOS_HOSTLIB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct HostLib {
    const char *soname;       /* e.g. "libsqlite3.so.0": the ABI name, not the -dev link */
    const char *prefix;       /* prepended to each name, e.g. "sqlite3_" */
    const char *const *names; /* n function names, without the prefix */
    size_t n;
    void *table;              /* the struct of n function pointers to fill */
    size_t table_size;        /* its sizeof: must be n pointers */
    int state;                /* 0 not tried, 1 loaded, -1 missing (set by hostlib_load) */
} HostLib;

/* Load l's library and fill its table, the first time it is asked; later
 * calls return the first answer. false when the library or any one of
 * its functions is missing: the table is then left untouched (zeroed, if
 * it started so) and the library closed again. */
bool hostlib_load(HostLib *l);

/* A HostLib for soname whose functions are prefix + each of the names
 * array's entries, filling table (a struct variable, not a pointer). */
#define HOSTLIB_INIT(so, pre, names_, table_)                                                      \
    {.soname = (so), .prefix = (pre), .names = (names_),                                           \
     .n = sizeof(names_) / sizeof((names_)[0]), .table = &(table_), .table_size = sizeof(table_)}

#endif
