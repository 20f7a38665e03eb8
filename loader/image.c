/* Images: private copies of a loaded program in the host's address space.
 *
 * The host's dynamic loader keeps one copy of a library per file (it
 * compares names, then device and inode), so each image is opened from a
 * memfd of its own holding the program's bytes: a new inode every time.
 * The memfd stays open while the image lives, because its name
 * (/proc/self/fd/N) is how the loader recognises the copy: a later memfd
 * given the same number would otherwise be taken for it.
 *
 * After opening, the image's writable memory (data, bss, the GOT; not the
 * RELRO part the loader made read-only) is saved, so an image whose
 * process ended can be handed to the next one as good as new. */
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/internal.h"

#if defined(__SANITIZE_ADDRESS__)
#define IMAGE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IMAGE_ASAN 1
#endif
#endif

/* Copy an image's globals, redzones included. Under AddressSanitizer the
 * gaps between an instrumented image's globals are poisoned, and memcpy
 * would report them, so the copy is done by hand, unchecked. */
#ifdef IMAGE_ASAN
__attribute__((no_sanitize("address"))) static void image_copy(unsigned char *dst,
                                                                const unsigned char *src,
                                                                size_t n) {
    volatile unsigned char *d = dst;
    for (size_t i = 0; i < n; i++)
        d[i] = src[i];
}
#else
static void image_copy(unsigned char *dst, const unsigned char *src, size_t n) {
    memcpy(dst, src, n);
}
#endif

/* The kernel's entry points, as every image receives them. */
static void image_bind(ProgramStamp *st) {
    st->imports = (ProgramImports){
        .dispatch = sys_dispatch,
        .tls = sys_tls,
        .set_exit_hook = sys_set_exit_hook,
        .strerror = sys_strerror,
        .errname = sys_errname,
        .name = sys_name,
        .signame = sys_signame,
        .sigbyname = sys_sigbyname,
    };
}

typedef struct SegWalk {
    ElfW(Addr) base;
    const char *name;
    LoaderImage *img;
    bool found;
    bool overflow;
} SegWalk;

static void seg_add(SegWalk *w, uintptr_t from, uintptr_t to) {
    if (from >= to)
        return;
    if (w->img->nseg == LOADER_SEGS) {
        w->overflow = true;
        return;
    }
    w->img->seg[w->img->nseg].addr = (unsigned char *)from;
    w->img->seg[w->img->nseg].len = to - from;
    w->img->nseg++;
}

/* dl_iterate_phdr callback: the image's writable PT_LOAD ranges, minus
 * the pages RELRO made read-only (the loader protects from the page
 * holding the RELRO start to the page boundary below its end). */
static int seg_walk(struct dl_phdr_info *info, size_t size, void *ud) {
    SegWalk *w = ud;
    if (info->dlpi_addr != w->base || !info->dlpi_name || strcmp(info->dlpi_name, w->name) != 0)
        return 0;
    const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t r0 = 0, r1 = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_GNU_RELRO) {
            r0 = (w->base + ph->p_vaddr) & ~(page - 1);
            r1 = (w->base + ph->p_vaddr + ph->p_memsz) & ~(page - 1);
        }
    }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
            continue;
        uintptr_t a = w->base + ph->p_vaddr, b = a + ph->p_memsz;
        if (r1 <= a || r0 >= b) {
            seg_add(w, a, b);
        } else {
            seg_add(w, a, r0 > a ? r0 : a);
            seg_add(w, r1 < b ? r1 : b, b);
        }
    }
    w->found = true;
    return 1;
}

static int image_snapshot(Kernel *k, LoaderImage *img, char *msg, size_t msgsz) {
    struct link_map *lm;
    if (dlinfo(img->handle, RTLD_DI_LINKMAP, &lm) != 0) {
        snprintf(msg, msgsz, "the host's loader cannot describe it");
        return -AX_ENOEXEC;
    }
    SegWalk w = {.base = lm->l_addr, .name = lm->l_name, .img = img};
    dl_iterate_phdr(seg_walk, &w);
    if (!w.found || w.overflow) {
        snprintf(msg, msgsz, "its writable segments cannot be found or are too many");
        return -AX_ENOEXEC;
    }
    size_t total = 0;
    for (size_t i = 0; i < img->nseg; i++)
        total += img->seg[i].len;
    img->snapshot = img->host_mem ? malloc(total ? total : 1) : kmem_alloc(k, total ? total : 1);
    if (!img->snapshot)
        return -AX_ENOMEM;
    unsigned char *s = img->snapshot;
    for (size_t i = 0; i < img->nseg; i++) {
        image_copy(s, img->seg[i].addr, img->seg[i].len);
        s += img->seg[i].len;
    }
    return 0;
}

void image_reset(LoaderImage *img) {
    const unsigned char *s = img->snapshot;
    for (size_t i = 0; i < img->nseg; i++) {
        image_copy(img->seg[i].addr, s, img->seg[i].len);
        s += img->seg[i].len;
    }
}

/* A memfd holding the program's bytes; -errno-style AX code on failure. */
static int image_memfd(const LoadedProgram *lp) {
    int fd = memfd_create("axos-program", MFD_CLOEXEC);
    if (fd < 0)
        return errno == EMFILE || errno == ENFILE ? -AX_EMFILE : -AX_ENOMEM;
    size_t done = 0;
    while (done < lp->size) {
        ssize_t w = write(fd, lp->bytes + done, lp->size - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            close(fd);
            return -AX_ENOMEM;
        }
        done += (size_t)w;
    }
    return fd;
}

/* A copy of a cached program may outlive its kernel: the host's memory. */
static void image_free(Kernel *k, LoaderImage *img) {
    if (img->host_mem) {
        free(img->snapshot);
        free(img);
    } else {
        kmem_free(k, img->snapshot);
        kmem_free(k, img);
    }
}

int image_open(Kernel *k, LoadedProgram *lp, LoaderImage **out, char *msg, size_t msgsz) {
    LoaderImage *img = lp->cached ? calloc(1, sizeof *img) : kmem_alloc(k, sizeof *img);
    if (!img)
        return -AX_ENOMEM;
    img->host_mem = lp->cached != NULL;
    img->fd = image_memfd(lp);
    if (img->fd < 0) {
        int r = img->fd;
        image_free(k, img);
        snprintf(msg, msgsz, "no host file descriptor or memory for a copy");
        return r;
    }
    char name[64];
    snprintf(name, sizeof name, "/proc/self/fd/%d", img->fd);
    img->handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!img->handle) {
        const char *why = dlerror();
        snprintf(msg, msgsz, "the host's loader refused it: %s", why ? why : "unknown reason");
        close(img->fd);
        image_free(k, img);
        return -AX_ENOEXEC;
    }
    img->stamp = dlsym(img->handle, "axos_program_stamp");
    int r = -AX_ENOEXEC;
    if (!img->stamp || img->stamp->magic != AX_PROGRAM_MAGIC || !img->stamp->start) {
        snprintf(msg, msgsz, "its axos_program_stamp is missing or damaged once loaded");
    } else {
        image_bind(img->stamp);
        img->start = img->stamp->start;
        r = image_snapshot(k, img, msg, msgsz);
    }
    if (r < 0) {
        image_close(k, img);
        return r;
    }
    img->prog = lp;
    *out = img;
    return 0;
}

void image_close(Kernel *k, LoaderImage *img) {
    if (img->handle)
        dlclose(img->handle);
    if (img->fd >= 0)
        close(img->fd);
    image_free(k, img);
}
