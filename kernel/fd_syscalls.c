/* The syscalls that act on any fd through its object's operations. */
#include <string.h>

#include "kernel/fd.h"
#include "kernel/sched.h"
#include "syscall/handlers.h"

/* Largest count a read or write accepts (SSIZE_MAX). */
#define IO_MAX ((size_t)INT64_MAX)

/* What a read or write of 0 bytes with a NULL buffer hands the object:
 * no op ever sees NULL, so none needs to guard its memcpy or memset (a
 * NULL argument to those is undefined even with a length of 0). */
static unsigned char io_nothing;

static int64_t io_check(Proc *p, int fd, const void *buf, size_t n, KObject **out) {
    KObject *o = fd_get(p, fd);
    if (!o)
        return -AX_EBADF;
    if (n > IO_MAX)
        return -AX_EINVAL;
    if (!buf && n > 0)
        return -AX_EFAULT;
    *out = o;
    return 0;
}

int64_t ksys_read(Kernel *k, const SyscallArgs *a) {
    KObject *o;
    void *buf = ARG_PTR(void *, 1);
    size_t n = ARG_SIZE(2);
    int64_t r = io_check(k->cur, ARG_INT(0), buf, n, &o);
    if (r < 0)
        return r;
    if (!obj_readable(o) || !o->ops->read)
        return -AX_EBADF;
    return o->ops->read(k, o, buf ? buf : &io_nothing, n);
}

int64_t ksys_write(Kernel *k, const SyscallArgs *a) {
    KObject *o;
    const void *buf = ARG_PTR(const void *, 1);
    size_t n = ARG_SIZE(2);
    int64_t r = io_check(k->cur, ARG_INT(0), buf, n, &o);
    if (r < 0)
        return r;
    if (!obj_writable(o) || !o->ops->write)
        return -AX_EBADF;
    return o->ops->write(k, o, buf ? buf : &io_nothing, n);
}

/* pread and pwrite: the object's read or write at off, its own offset
 * put back afterwards. Only objects with offsets take them (files,
 * directories, devices), and their reads and writes never wait, so no
 * other task can see the offset moved meanwhile. The checks come in
 * Linux's order: the offset, the fd, seekability, then read's own. */
static int64_t io_at(Kernel *k, const SyscallArgs *a, bool write) {
    int64_t off = ARG_I64(3);
    if (off < 0)
        return -AX_EINVAL;
    KObject *o;
    void *buf = ARG_PTR(void *, 1);
    size_t n = ARG_SIZE(2);
    int64_t r = io_check(k->cur, ARG_INT(0), buf, n, &o);
    if (r < 0)
        return r;
    if (!o->ops->lseek)
        return -AX_ESPIPE;
    if (write ? !obj_writable(o) || !o->ops->write : !obj_readable(o) || !o->ops->read)
        return -AX_EBADF;
    int64_t saved = o->offset;
    o->offset = off;
    r = write ? o->ops->write(k, o, buf, n) : o->ops->read(k, o, buf, n);
    o->offset = saved;
    return r;
}

int64_t ksys_pread(Kernel *k, const SyscallArgs *a) {
    return io_at(k, a, false);
}

int64_t ksys_pwrite(Kernel *k, const SyscallArgs *a) {
    return io_at(k, a, true);
}

int64_t ksys_close(Kernel *k, const SyscallArgs *a) {
    return fd_close(k, k->cur, ARG_INT(0));
}

int64_t ksys_lseek(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    if (!o)
        return -AX_EBADF;
    int whence = ARG_INT(2);
    if (whence != AX_SEEK_SET && whence != AX_SEEK_CUR && whence != AX_SEEK_END)
        return -AX_EINVAL;
    if (!o->ops->lseek)
        return -AX_ESPIPE;
    return o->ops->lseek(k, o, ARG_I64(1), whence);
}

int64_t ksys_dup(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    if (!o)
        return -AX_EBADF;
    int fd = fd_install(k, k->cur, obj_ref(o), 0, false);
    if (fd < 0)
        obj_unref(k, o);
    return fd;
}

int64_t ksys_dup2(Kernel *k, const SyscallArgs *a) {
    int oldfd = ARG_INT(0), newfd = ARG_INT(1);
    KObject *o = fd_get(k->cur, oldfd);
    if (!o || newfd < 0 || newfd >= AX_OPEN_MAX)
        return -AX_EBADF;
    if (oldfd == newfd)
        return newfd;
    int r = fd_install_at(k, k->cur, obj_ref(o), newfd, false);
    if (r < 0)
        obj_unref(k, o);
    return r;
}

/* Fill a FileStat from an object (for fstat and the vfs's stat). */
int obj_stat(Kernel *k, KObject *o, FileStat *st) {
    memset(st, 0, sizeof *st);
    if (o->ops->stat)
        return o->ops->stat(k, o, st);
    st->mode = o->ops->stat_mode | 0600;
    st->nlink = 1;
    st->dev = 3;
    return 0;
}

int64_t ksys_fstat(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    FileStat *st = ARG_PTR(FileStat *, 1);
    if (!o)
        return -AX_EBADF;
    if (!st)
        return -AX_EFAULT;
    FileStat tmp;
    int r = obj_stat(k, o, &tmp);
    if (r == 0)
        *st = tmp;
    return r;
}

int64_t ksys_readdir(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    DirEntry *ents = ARG_PTR(DirEntry *, 1);
    size_t count = ARG_SIZE(2);
    if (!o)
        return -AX_EBADF;
    if (!o->ops->readdir)
        return -AX_ENOTDIR;
    if (!ents && count > 0)
        return -AX_EFAULT;
    return o->ops->readdir(k, o, ents, count);
}

int64_t ksys_fcntl(Kernel *k, const SyscallArgs *a) {
    Proc *p = k->cur;
    int fd = ARG_INT(0);
    int64_t arg = ARG_I64(2);
    KObject *o = fd_get(p, fd);
    if (!o)
        return -AX_EBADF;
    switch (ARG_INT(1)) {
    case AX_F_DUPFD: {
        if (arg < 0 || arg >= AX_OPEN_MAX)
            return -AX_EINVAL;
        int r = fd_install(k, p, obj_ref(o), (int)arg, false);
        if (r < 0)
            obj_unref(k, o);
        return r;
    }
    case AX_F_GETFD:
        return p->fds.cloexec[fd] ? AX_FD_CLOEXEC : 0;
    case AX_F_SETFD:
        p->fds.cloexec[fd] = (arg & AX_FD_CLOEXEC) != 0;
        return 0;
    case AX_F_GETFL:
        return o->flags;
    case AX_F_SETFL: {
        const uint32_t settable = AX_O_APPEND | AX_O_NONBLOCK;
        o->flags = (o->flags & ~settable) | ((uint32_t)arg & settable);
        return 0;
    }
    default:
        return -AX_EINVAL;
    }
}

int64_t ksys_ftruncate(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    int64_t len = ARG_I64(1);
    if (!o)
        return -AX_EBADF;
    if (len < 0 || !obj_writable(o) || !o->ops->truncate)
        return -AX_EINVAL;
    return o->ops->truncate(k, o, len);
}
