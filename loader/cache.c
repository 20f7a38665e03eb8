/* Program caches: checked program files, and idle copies of them, kept
 * across kernels (kernel_program_cache_new, KernelConfig.program_cache).
 *
 * A sweep makes a fresh kernel per seed, and loading a program into each
 * costs what a fresh load costs: the file read and checked again, and a
 * new copy opened by the host's dynamic loader (most of it). With a cache
 * the file is read and checked once, and a copy whose kernel is gone goes
 * back to the cache instead of being closed; the next kernel's process
 * gets it reset to its state at load (image_reset), as a copy reused
 * within one kernel does. Nothing of a kernel stays in a cached copy: its
 * writable memory is put back as it was, and what it calls the kernel
 * through (the stamp's table) is the same functions for every kernel. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loader/internal.h"

struct ProgramCache {
    CacheEntry *entries;
};

ProgramCache *kernel_program_cache_new(void) {
    return calloc(1, sizeof(ProgramCache));
}

void kernel_program_cache_free(ProgramCache *c) {
    if (!c)
        return;
    while (c->entries) {
        CacheEntry *e = c->entries;
        c->entries = e->next;
        while (e->idle) {
            LoaderImage *img = e->idle;
            e->idle = img->next;
            image_close(NULL, img);
        }
        free(e->file);
        free(e->bytes);
        free(e);
    }
    free(c);
}

/* The entry for file, if the file is the one cached (same inode, size
 * and modification time); NULL otherwise. */
CacheEntry *cache_find(ProgramCache *c, const char *file) {
    struct stat st;
    if (!c || stat(file, &st) != 0)
        return NULL;
    for (CacheEntry *e = c->entries; e; e = e->next)
        if (strcmp(e->file, file) == 0) {
            if (e->dev == st.st_dev && e->ino == st.st_ino && e->fsize == st.st_size &&
                e->mtime_s == st.st_mtim.tv_sec && e->mtime_ns == st.st_mtim.tv_nsec)
                return e;
            return NULL; /* changed since: loaded afresh, the old entry stays unused */
        }
    return NULL;
}

/* Remember a checked file's bytes (copied to the host's memory). NULL
 * when memory runs out: the load goes on uncached. */
CacheEntry *cache_add(ProgramCache *c, const char *file, const unsigned char *bytes, size_t n) {
    struct stat st;
    if (!c || stat(file, &st) != 0)
        return NULL;
    CacheEntry *e = calloc(1, sizeof *e);
    if (!e || !(e->file = strdup(file)) || !(e->bytes = malloc(n ? n : 1))) {
        if (e)
            free(e->file);
        free(e);
        return NULL;
    }
    memcpy(e->bytes, bytes, n);
    e->size = n;
    e->dev = st.st_dev;
    e->ino = st.st_ino;
    e->fsize = st.st_size;
    e->mtime_s = st.st_mtim.tv_sec;
    e->mtime_ns = st.st_mtim.tv_nsec;
    e->next = c->entries;
    c->entries = e;
    return e;
}

LoaderImage *cache_take(CacheEntry *e) {
    LoaderImage *img = e ? e->idle : NULL;
    if (img) {
        e->idle = img->next;
        e->nidle--;
        img->next = NULL;
    }
    return img;
}

bool cache_keep(CacheEntry *e, LoaderImage *img) {
    if (!e || e->nidle >= LOADER_IDLE_MAX)
        return false;
    img->prog = NULL;
    img->next = e->idle;
    e->idle = img;
    e->nidle++;
    return true;
}
