/* Calls with no meaning in axos yet, and anonymous memory mappings.
 *
 * A program that calls these still loads and runs: the call fails with
 * ENOSYS (or the error its interface uses for that) and nothing reaches
 * the host. Threads, shared mappings and dynamic loading are not planned
 * (docs/posix.md). Private mappings (anonymous, or of a file) are memory
 * from the process heap, which is what a program that asks for them
 * usually wants. */
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
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

/* ---- memory mappings ----
 *
 * A process's memory is its heap: anonymous private mappings are zeroed
 * heap blocks, and a private mapping of a file is a heap block holding a
 * copy of the file's bytes, read when the mapping is made (POSIX leaves
 * unspecified whether a private mapping sees later changes to the file;
 * this one never does). Bytes past the end of the file read as zeros,
 * where Linux would raise SIGBUS for whole pages past it. Shared file
 * mappings would need the file's pages themselves, which axos does not
 * hand out: ENODEV, as Linux says for files that cannot be mapped. */

#define PX_PAGE 4096

/* The heap block for a mapping of len bytes (page-aligned, zeroed). */
static void *map_block(size_t len) {
    void *p = NULL;
    size_t size = (len + PX_PAGE - 1) & ~(size_t)(PX_PAGE - 1);
    if (size < len || posix_memalign(&p, PX_PAGE, size) != 0) {
        errno = ENOMEM;
        return NULL;
    }
    memset(p, 0, size);
    return p;
}

/* A private copy of len bytes of fd from off; errors as mmap(2) gives
 * them, checked before anything is allocated. */
static void *map_file(size_t len, int prot, int flags, int fd, off_t off) {
    struct stat st;
    if (fstat(fd, &st) < 0)
        return NULL; /* EBADF */
    int mode = fcntl(fd, F_GETFL);
    if (mode < 0)
        return NULL;
    if (!S_ISREG(st.st_mode)) {
        errno = ENODEV;
        return NULL;
    }
    /* a mapping reads the file: the fd must be open for reading (and for
     * writing too, for a shared writable one) */
    if ((mode & O_ACCMODE) == O_WRONLY ||
        ((flags & MAP_SHARED) && (prot & PROT_WRITE) && (mode & O_ACCMODE) != O_RDWR)) {
        errno = EACCES;
        return NULL;
    }
    if (flags & MAP_SHARED) {
        errno = ENODEV;
        return NULL;
    }
    char *p = map_block(len);
    if (!p)
        return NULL;
    size_t want = off >= st.st_size ? 0 : (size_t)(st.st_size - off) < len ? (size_t)(st.st_size - off) : len;
    for (size_t done = 0; done < want;) {
        ssize_t n = pread(fd, p + done, want - done, off + (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : 0;
            free(p);
            if (e) {
                errno = e;
                return NULL;
            }
            break; /* the file shrank meanwhile: zeros from here */
        }
        done += (size_t)n;
    }
    return p;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    (void)addr; /* a hint: the heap decides */
    int type = flags & (MAP_SHARED | MAP_PRIVATE);
    if (len == 0 || (type != MAP_SHARED && type != MAP_PRIVATE)) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    if (flags & MAP_FIXED) {
        errno = ENOSYS; /* a fixed address: the heap cannot promise one */
        return MAP_FAILED;
    }
    void *p;
    if (flags & MAP_ANONYMOUS) {
        if (type == MAP_SHARED) {
            errno = ENOSYS; /* no memory shared with children: no fork */
            return MAP_FAILED;
        }
        p = map_block(len);
    } else {
        if (off < 0 || (off_t)len < 0 || off > INT64_MAX - (off_t)len) {
            errno = EOVERFLOW; /* glibc's answer for an offset it cannot pass on */
            return MAP_FAILED;
        }
        if (off & (PX_PAGE - 1)) {
            errno = EINVAL;
            return MAP_FAILED;
        }
        p = map_file(len, prot, flags, fd, off);
    }
    return p ? p : MAP_FAILED;
}
void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off) __attribute__((alias("mmap")));

/* Whole mappings only (parts of one cannot go back to the heap): len
 * rounds up to the block's pages (the heap may give a block a little
 * more room than it was asked for, never a page more). */
int munmap(void *addr, size_t len) {
    size_t size = (len + PX_PAGE - 1) & ~(size_t)(PX_PAGE - 1);
    size_t usable = addr && !((uintptr_t)addr & (PX_PAGE - 1)) ? malloc_usable_size(addr) : 0;
    if (!addr || ((uintptr_t)addr & (PX_PAGE - 1)) || len == 0 || size < len || usable < size ||
        usable - size >= PX_PAGE)
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
