/* malloc and friends: ulib's allocator (userland/ulib/uheap.c, compiled
 * into the layer), which takes memory from the kernel in chunks and hands
 * out blocks without a syscall; the process heap dies with the process,
 * however it dies. Its state hangs off the process's sys_tls() slot, so a
 * vfork child, a process of its own, gets a heap of its own too: what it
 * allocates goes away with its exec or exit and the parent's heap is
 * untouched. free() in a vfork child does nothing: the block may be the
 * parent's, which the child's heap cannot take.
 *
 * The image's globals are its process's, so the heap's home is also kept
 * in one (ulib_home_cache, uheap.h): a malloc+free pair then makes no
 * call through the loader's table to find it, which is what kept the
 * layer's pair behind the host's (docs/posix.md, "Cost"). A vfork child
 * never sees the cache (vfork.c clears it while the child runs). */
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "posix/internal.h"
#include "uheap.h"
#include "ulib.h"
#include "ulib_internal.h"

UHome *ulib_home_cache;

int ulib_home_cacheable(void) {
    return !px_in_vfork_child();
}

void *malloc(size_t size) {
    UHome *home = ulib_home_cache;
    void *p;
    if (__builtin_expect(home && size <= UH_QUICK_MAX - UH_OVERHEAD, 1) &&
        (p = uh_alloc_quick(&home->heap, size)) != NULL) {
        JUNK(p, size);
        return p;
    }
    p = u_malloc(size);
    if (!p)
        errno = ENOMEM;
    return p;
}

void free(void *p) {
    UHome *home = ulib_home_cache;
    if (__builtin_expect(home && p, 1)) {
        if (__builtin_expect(!uh_free_quick(&home->heap, p), 0))
            uh_free_slow(&home->heap, p);
    } else if (p && !px_in_vfork_child()) {
        u_free(p);
    }
}

void *calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = u_calloc(count, size);
    if (!p)
        errno = ENOMEM;
    return p;
}

/* glibc's realloc(p, 0) frees p and returns NULL. */
void *realloc(void *p, size_t size) {
    if (p && size == 0) {
        free(p);
        return NULL;
    }
    void *q = u_realloc(p, size);
    if (!q)
        errno = ENOMEM;
    return q;
}

void *reallocarray(void *p, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, count * size);
}

static void *aligned(size_t align, size_t size) {
    void *p = u_memalign(align, size);
    if (!p)
        errno = ENOMEM;
    return p;
}

int posix_memalign(void **out, size_t align, size_t size) {
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    int saved = errno;
    void *p = aligned(align, size);
    errno = saved; /* posix_memalign reports by its value */
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

void *aligned_alloc(size_t align, size_t size) {
    if (align == 0 || (align & (align - 1))) {
        errno = EINVAL;
        return NULL;
    }
    return aligned(align, size);
}

void *memalign(size_t align, size_t size) {
    return aligned_alloc(align, size);
}

void *valloc(size_t size) {
    return aligned(4096, size);
}

void *pvalloc(size_t size) {
    return aligned(4096, (size + 4095) & ~(size_t)4095);
}

size_t malloc_usable_size(void *p) {
    return p ? u_malloc_usable_size(p) : 0;
}

/* ---- the allocating string functions, so that free can take their
 * results back (the host's would use the host's malloc) ---- */

char *strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}
char *__strdup(const char *s) __attribute__((alias("strdup")));

char *strndup(const char *s, size_t n) {
    size_t len = strnlen(s, n);
    char *d = malloc(len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}
char *__strndup(const char *s, size_t n) __attribute__((alias("strndup")));

/* ---- what ulib's user area (area.c) needs from around it ---- */

/* ulib's exit hook flushes ulib's streams; a layer program's are stdio's,
 * which exit() has flushed already (a second flush finds nothing). */
void ulib_flush_all(void) {
    px_stdio_flush_all();
}

/* The heap's last words when it finds itself corrupt. */
int u_write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}
