/* Calls with no meaning in axos yet, and anonymous memory mappings.
 *
 * A program that calls these still loads and runs: the call fails with
 * ENOSYS (or the error its interface uses for that) and nothing reaches
 * the host. Threads, file mappings and dynamic loading are not planned (docs/posix.md).
 * Anonymous private mappings are memory from the process heap, which is
 * what a program that asks for them usually wants. */
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <malloc.h>
#include <stdlib.h>

#include "posix/internal.h"

#define NOSYS(decl)                                                                                 \
    decl {                                                                                          \
        return px_fail(ENOSYS);                                                                    \
    }

/* threads: one task per process */
int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg) {
    (void)t;
    (void)a;
    (void)fn;
    (void)arg;
    return ENOSYS;
}

/* dynamic loading: a program cannot bring in more host code */
void *dlopen(const char *file, int mode) {
    (void)file;
    (void)mode;
    return NULL;
}

char *dlerror(void) {
    static char msg[] = "dynamic loading is not available to programs in axos";
    return msg;
}

void *dlsym(void *h, const char *name) {
    (void)h;
    (void)name;
    return NULL;
}

int dlclose(void *h) {
    (void)h;
    return -1;
}

/* ---- memory mappings ---- */

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    (void)addr;
    (void)prot;
    (void)off;
    if (len == 0 || (flags & (MAP_SHARED | MAP_PRIVATE)) == 0) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    if (!(flags & MAP_ANONYMOUS) || (flags & MAP_SHARED) || (flags & MAP_FIXED)) {
        (void)fd;
        errno = ENOSYS; /* files, sharing and fixed addresses: not in axos */
        return MAP_FAILED;
    }
    void *p = NULL;
    size_t size = (len + 4095) & ~(size_t)4095;
    if (size < len || posix_memalign(&p, 4096, size) != 0) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    memset(p, 0, size);
    return p;
}
void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off) __attribute__((alias("mmap")));

/* Whole mappings only (parts of one cannot go back to the heap). */
int munmap(void *addr, size_t len) {
    if (!addr || ((uintptr_t)addr & 4095) || len == 0 ||
        ((len + 4095) & ~(size_t)4095) != malloc_usable_size(addr))
        return px_fail(EINVAL);
    free(addr);
    return 0;
}

int mprotect(void *addr, size_t len, int prot) {
    (void)len;
    (void)prot;
    return ((uintptr_t)addr & 4095) ? px_fail(EINVAL) : 0;
}

int madvise(void *addr, size_t len, int advice) {
    (void)addr;
    (void)len;
    (void)advice;
    return 0;
}

int mlock(const void *addr, size_t len) {
    (void)addr;
    (void)len;
    return 0;
}

int munlock(const void *addr, size_t len) {
    (void)addr;
    (void)len;
    return 0;
}
