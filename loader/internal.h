/* loader/ internals: the structures of programs and images, shared by the
 * files of this room only. */
#ifndef AXOS_LOADER_INTERNAL_H
#define AXOS_LOADER_INTERNAL_H

#include "loader/loader.h"

#define LOADER_FILE_MAX (256u << 20) /* bytes of a program file */
#define LOADER_MSG_MAX 256
#define LOADER_IDLE_MAX 16 /* idle images kept per program; more are closed */
#define LOADER_SEGS 4      /* writable pieces of an image saved for reset */

typedef struct CacheEntry CacheEntry;

struct LoaderImage {
    LoadedProgram *prog;      /* NULL once doomed, or while in a cache */
    bool host_mem;            /* this and snapshot are the host's memory (a
                                 cached program's copy, which may outlive its
                                 kernel), not the kernel's */
    LoaderImage *next;        /* idle list or doomed list */
    void *handle;             /* dlopen's */
    int fd;                   /* the memfd the copy was opened from: kept
                                 open so its /proc/self/fd name, which the
                                 host's loader keys copies by, stays unique */
    ProgramStamp *stamp;      /* in the image */
    ProgramMain start;        /* stamp->start */
    size_t nseg;
    struct {
        unsigned char *addr;
        size_t len;
    } seg[LOADER_SEGS];       /* writable memory of the image (minus RELRO) */
    unsigned char *snapshot;  /* their bytes right after loading (kmem) */
};

struct LoadedProgram {
    unsigned refs;            /* program nodes + busy images */
    CacheEntry *cached;       /* the cache's entry (KernelConfig.program_cache), or NULL */
    unsigned char *bytes;     /* the file's content (kmem; the cache's when cached) */
    size_t size;
    LoaderImage *idle;
    size_t nidle;
    LoadedProgram *next, *prev; /* LoaderState.programs */
};

typedef struct LoaderState {
    LoadedProgram *programs;
    LoaderImage *doomed;      /* closed at the next loader_collect */
    uint64_t images, busy;
    char error[LOADER_MSG_MAX];
} LoaderState;

/* An entry of a ProgramCache (cache.c): a checked file and idle copies. */
struct CacheEntry {
    char *file;
    uint64_t dev, ino;        /* the file as it was checked: a changed file */
    int64_t fsize, mtime_s, mtime_ns; /* is loaded afresh */
    unsigned char *bytes;     /* its content (host memory) */
    size_t size;
    LoaderImage *idle;        /* copies no kernel holds (host memory) */
    size_t nidle;
    CacheEntry *next;
};

/* cache.c. The entry for file when the cache holds it unchanged; a new
 * entry holding a copy of its checked bytes (NULL: no memory, the load
 * goes on uncached); an idle copy (NULL: none); give a copy to the cache
 * (false: the cache is full or absent, close it instead). */
CacheEntry *cache_find(ProgramCache *c, const char *file);
CacheEntry *cache_add(ProgramCache *c, const char *file, const unsigned char *bytes, size_t n);
LoaderImage *cache_take(CacheEntry *e);
bool cache_keep(CacheEntry *e, LoaderImage *img);

/* Check a program file's bytes before anything of it runs (elf.c).
 * Returns 0, or -AX_ENOEXEC with a one-line reason in msg (without the
 * file name). */
int loader_check_elf(const unsigned char *bytes, size_t n, char *msg, size_t msgsz);

/* May a program call the host function `name`? (allow.c) */
bool loader_host_call_allowed(const char *name);

/* Copies (image.c). Open a fresh copy of lp's bytes: 0 and *out, or
 * -AX_EMFILE / -AX_ENOMEM / -AX_ENOEXEC with a reason in msg. */
int image_open(Kernel *k, LoadedProgram *lp, LoaderImage **out, char *msg, size_t msgsz);
/* Put an idle image's writable memory back as it was after loading. */
void image_reset(LoaderImage *img);
/* dlclose and free (k may be NULL for a copy in the host's memory). */
void image_close(Kernel *k, LoaderImage *img);

#endif
