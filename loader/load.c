/* kernel_load_program, the lifetime of loaded programs, and the pool of
 * images each keeps for the processes that run it. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/internal.h"
#include "vfs/vfs.h"

static LoaderState *loader_state(Kernel *k) {
    if (!k->loader)
        k->loader = kmem_alloc(k, sizeof *k->loader);
    return k->loader;
}

static int load_fail(Kernel *k, int err, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int load_fail(Kernel *k, int err, const char *file, const char *fmt, ...) {
    LoaderState *ls = k->loader;
    if (!ls)
        return err;
    int n = snprintf(ls->error, sizeof ls->error, "%s: ", file);
    if (n < 0 || (size_t)n >= sizeof ls->error)
        n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ls->error + n, sizeof ls->error - (size_t)n, fmt, ap);
    va_end(ap);
    return err;
}

/* The host's errno for a failed open or read, as an axos error (Linux
 * numbers, so the common ones carry over as they are). */
static int load_host_error(int e) {
    switch (e) {
    case ENOENT: case EACCES: case ENOTDIR: case ENAMETOOLONG: case ELOOP: case EISDIR:
    case ENOMEM: case EMFILE: case ENFILE:
        return -e;
    default:
        return -AX_EIO;
    }
}

/* Read the whole file into kmem. */
static int load_read(Kernel *k, const char *file, LoadedProgram *lp) {
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        return load_fail(k, load_host_error(e), file, "%s", strerror(e));
    }
    struct stat st;
    int r = 0;
    if (fstat(fd, &st) != 0)
        r = load_fail(k, load_host_error(errno), file, "%s", strerror(errno));
    else if (S_ISDIR(st.st_mode))
        r = load_fail(k, -AX_EISDIR, file, "is a directory");
    else if (!S_ISREG(st.st_mode))
        r = load_fail(k, -AX_ENOEXEC, file, "not a regular file");
    else if ((uint64_t)st.st_size > LOADER_FILE_MAX)
        r = load_fail(k, -AX_EFBIG, file, "larger than %u MiB", LOADER_FILE_MAX >> 20);
    else if (!(lp->bytes = kmem_alloc(k, st.st_size ? (size_t)st.st_size : 1)))
        r = load_fail(k, -AX_ENOMEM, file, "out of memory");
    lp->size = 0;
    while (r == 0 && lp->size < (size_t)st.st_size) {
        ssize_t got = read(fd, lp->bytes + lp->size, (size_t)st.st_size - lp->size);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            r = load_fail(k, -AX_EIO, file, "cannot read it: %s",
                          got < 0 ? strerror(errno) : "it shrank while being read");
            break;
        }
        lp->size += (size_t)got;
    }
    close(fd);
    return r;
}

static void program_link(LoaderState *ls, LoadedProgram *lp) {
    lp->next = ls->programs;
    if (ls->programs)
        ls->programs->prev = lp;
    ls->programs = lp;
}

static void program_unlink(LoaderState *ls, LoadedProgram *lp) {
    if (lp->prev)
        lp->prev->next = lp->next;
    else
        ls->programs = lp->next;
    if (lp->next)
        lp->next->prev = lp->prev;
}

/* Send an image to the doomed list: closed at the next collection. */
static void image_doom(LoaderState *ls, LoaderImage *img) {
    img->prog = NULL;
    img->next = ls->doomed;
    ls->doomed = img;
}

/* Free a program nobody refers to; its idle images go to its cache
 * entry, or are doomed. */
static void program_free(Kernel *k, LoadedProgram *lp) {
    LoaderState *ls = k->loader;
    while (lp->idle) {
        LoaderImage *img = lp->idle;
        lp->idle = img->next;
        if (cache_keep(lp->cached, img))
            ls->images--;
        else
            image_doom(ls, img);
    }
    program_unlink(ls, lp);
    if (!lp->cached)
        kmem_free(k, lp->bytes);
    kmem_free(k, lp);
}

void loader_program_ref(LoadedProgram *lp) {
    lp->refs++;
}

void loader_program_unref(Kernel *k, LoadedProgram *lp) {
    if (lp && --lp->refs == 0)
        program_free(k, lp);
}

int kernel_load_program(Kernel *k, const char *path, const char *file) {
    if (!k)
        return -AX_EINVAL;
    LoaderState *ls = loader_state(k);
    if (!ls)
        return -AX_ENOMEM;
    ls->error[0] = '\0';
    if (!path || !file)
        return load_fail(k, -AX_EINVAL, file ? file : "(null)", "no path to install it at");
    LoadedProgram *lp = kmem_alloc(k, sizeof *lp);
    if (!lp)
        return load_fail(k, -AX_ENOMEM, file, "out of memory");
    program_link(ls, lp);
    lp->refs = 1; /* ours until the node takes it */
    char why[LOADER_MSG_MAX];
    LoaderImage *img = NULL;
    int r = 0;
    ProgramCache *cache = k->cfg.program_cache;
    if ((lp->cached = cache_find(cache, file))) { /* read and checked before */
        lp->bytes = lp->cached->bytes;
        lp->size = lp->cached->size;
        img = cache_take(lp->cached);
    } else if ((r = load_read(k, file, lp)) == 0 &&
               (r = loader_check_elf(lp->bytes, lp->size, why, sizeof why)) < 0) {
        load_fail(k, r, file, "%s", why);
    } else if (r == 0 && (lp->cached = cache_add(cache, file, lp->bytes, lp->size))) {
        kmem_free(k, lp->bytes);
        lp->bytes = lp->cached->bytes;
    }
    /* One copy now: the host's loader gets its say before the program is
     * installed, and the first process finds an image ready. */
    if (r == 0 && img)
        img->prog = lp;
    else if (r == 0 && (r = image_open(k, lp, &img, why, sizeof why)) < 0)
        load_fail(k, r, file, "%s", why);
    if (r == 0) {
        ls->images++;
        lp->idle = img;
        lp->nidle = 1;
        r = vfs_install_loaded(k, path, lp);
        if (r < 0)
            load_fail(k, r, file, "cannot install it at %s: %s", path,
                      sys_strerror((SyscallError)-r));
    }
    loader_program_unref(k, lp); /* the node holds its own reference */
    loader_collect(k);
    return r;
}

const char *kernel_load_error(Kernel *k) {
    return k && k->loader ? k->loader->error : "";
}

int loader_image_get(Kernel *k, LoadedProgram *lp, LoaderImage **out, ProgramMain *start) {
    LoaderState *ls = k->loader;
    LoaderImage *img = lp->idle;
    if (img) {
        lp->idle = img->next;
        lp->nidle--;
        image_reset(img);
    } else if ((img = cache_take(lp->cached))) {
        img->prog = lp;
        image_reset(img);
        ls->images++;
    } else {
        char why[LOADER_MSG_MAX];
        int r = image_open(k, lp, &img, why, sizeof why);
        if (r < 0)
            return r;
        ls->images++;
    }
    img->next = NULL;
    lp->refs++;
    ls->busy++;
    *out = img;
    *start = img->start;
    return 0;
}

void loader_image_put(Kernel *k, LoaderImage *img) {
    if (!img)
        return;
    LoaderState *ls = k->loader;
    LoadedProgram *lp = img->prog;
    ls->busy--;
    if (lp->nidle >= LOADER_IDLE_MAX) {
        image_doom(ls, img);
    } else {
        img->next = lp->idle;
        lp->idle = img;
        lp->nidle++;
    }
    loader_program_unref(k, lp);
}

void loader_collect(Kernel *k) {
    LoaderState *ls = k->loader;
    if (!ls)
        return;
    while (ls->doomed) {
        LoaderImage *img = ls->doomed;
        ls->doomed = img->next;
        ls->images--;
        image_close(k, img);
    }
}

void loader_fini(Kernel *k) {
    LoaderState *ls = k->loader;
    if (!ls)
        return;
    /* The VFS let go of its programs already; anything left is freed
     * regardless (kernel_destroy runs no task). */
    while (ls->programs)
        program_free(k, ls->programs);
    loader_collect(k);
    kmem_free(k, ls);
    k->loader = NULL;
}

void loader_stats(Kernel *k, uint64_t *images, uint64_t *busy) {
    *images = k->loader ? k->loader->images : 0;
    *busy = k->loader ? k->loader->busy : 0;
}
