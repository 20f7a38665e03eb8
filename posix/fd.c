/* The fd calls: open, read, write, close, lseek, dup, pipe, fcntl, the
 * positioned and vectored forms, sync; and their _FORTIFY_SOURCE and
 * large-file names, which glibc's headers substitute. */
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "posix/internal.h"

/* The host's O_* bits (they differ between architectures) as axos's,
 * which are Linux x86-64's. Bits with no effect in axos are accepted and
 * dropped, as a file system that ignores them would; -1 with EINVAL for
 * one that asks for what axos cannot do. */
int px_oflags(int flags) {
    static const struct {
        int host, ax;
    } map[] = {
        {O_CREAT, AX_O_CREAT},   {O_EXCL, AX_O_EXCL},         {O_NOCTTY, AX_O_NOCTTY},
        {O_TRUNC, AX_O_TRUNC},   {O_APPEND, AX_O_APPEND},     {O_NONBLOCK, AX_O_NONBLOCK},
        {O_DIRECTORY, AX_O_DIRECTORY}, {O_CLOEXEC, AX_O_CLOEXEC}, {O_NOFOLLOW, AX_O_NOFOLLOW},
    };
    int ax = flags & O_ACCMODE;
    int rest = flags & ~O_ACCMODE;
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (rest & map[i].host) {
            ax |= map[i].ax;
            rest &= ~map[i].host;
        }
    /* Accepted without effect: memory is always synchronous (SYNC,
     * DSYNC), no access times to spare. */
    rest &= ~(O_SYNC | O_DSYNC | O_NOATIME | O_LARGEFILE | O_ASYNC);
#ifdef O_RSYNC
    rest &= ~O_RSYNC;
#endif
    if (rest)
        return px_fail((rest & (O_TMPFILE & ~O_DIRECTORY)) ? EOPNOTSUPP : EINVAL);
    return ax;
}

/* axos status flags back as the host's (F_GETFL). */
static int px_oflags_host(int64_t ax) {
    int flags = (int)(ax & AX_O_ACCMODE);
    if (ax & AX_O_APPEND)
        flags |= O_APPEND;
    if (ax & AX_O_NONBLOCK)
        flags |= O_NONBLOCK;
    return flags;
}

static int px_open(const char *path, int flags, mode_t mode) {
    int ax = px_oflags(flags);
    if (ax < 0)
        return -1;
    return (int)px_ret(sys_open(path, ax, (uint32_t)mode));
}

int open(const char *path, int flags, ...) {
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return px_open(path, flags, mode);
}
int open64(const char *path, int flags, ...) __attribute__((alias("open")));

/* The fortified open of a call without a mode: glibc calls it when it
 * cannot prove O_CREAT absent; with O_CREAT the mode is missing. */
int __open_2(const char *path, int flags) {
    if (flags & O_CREAT)
        __fortify_fail("invalid open call: O_CREAT without mode");
    return px_open(path, flags, 0);
}
int __open64_2(const char *path, int flags) __attribute__((alias("__open_2")));

int openat(int dirfd, const char *path, int flags, ...) {
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    int ax = px_oflags(flags);
    if (ax < 0)
        return -1;
    return (int)px_ret(sys_openat(dirfd, path, ax, (uint32_t)mode));
}
int openat64(int dirfd, const char *path, int flags, ...) __attribute__((alias("openat")));

int __openat_2(int dirfd, const char *path, int flags) {
    if (flags & O_CREAT)
        __fortify_fail("invalid openat call: O_CREAT without mode");
    return openat(dirfd, path, flags);
}
int __openat64_2(int dirfd, const char *path, int flags) __attribute__((alias("__openat_2")));

int creat(const char *path, mode_t mode) {
    return px_open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}
int creat64(const char *path, mode_t mode) __attribute__((alias("creat")));

ssize_t read(int fd, void *buf, size_t n) {
    return px_ret(sys_read(fd, buf, n));
}

ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen) {
    if (n > buflen)
        __chk_fail();
    return read(fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n) {
    return px_ret(sys_write(fd, buf, n));
}

ssize_t pread(int fd, void *buf, size_t n, off_t off) {
    return px_ret(sys_pread(fd, buf, n, off));
}
ssize_t pread64(int fd, void *buf, size_t n, off_t off) __attribute__((alias("pread")));

ssize_t __pread_chk(int fd, void *buf, size_t n, off_t off, size_t buflen) {
    if (n > buflen)
        __chk_fail();
    return pread(fd, buf, n, off);
}
ssize_t __pread64_chk(int fd, void *buf, size_t n, off_t off, size_t buflen)
    __attribute__((alias("__pread_chk")));

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
    return px_ret(sys_pwrite(fd, buf, n, off));
}
ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off) __attribute__((alias("pwrite")));

/* readv and writev are one read or write through a buffer of the total
 * size: that is exactly their meaning (one call, atomic for a pipe write
 * of at most PIPE_BUF), at the cost of a copy. */
static ssize_t iov_total(const struct iovec *iov, int cnt) {
    if (cnt < 0 || cnt > IOV_MAX)
        return px_fail(EINVAL);
    if (cnt > 0 && !iov)
        return px_fail(EFAULT);
    size_t total = 0;
    for (int i = 0; i < cnt; i++) {
        if (iov[i].iov_len > (size_t)SSIZE_MAX - total)
            return px_fail(EINVAL);
        if (!iov[i].iov_base && iov[i].iov_len)
            return px_fail(EFAULT);
        total += iov[i].iov_len;
    }
    return (ssize_t)total;
}

#define IOV_STACK 4096 /* totals up to this move through the stack */

ssize_t readv(int fd, const struct iovec *iov, int cnt) {
    ssize_t total = iov_total(iov, cnt);
    if (total < 0)
        return -1;
    if (cnt == 1)
        return read(fd, iov[0].iov_base, iov[0].iov_len);
    unsigned char stack[IOV_STACK];
    unsigned char *buf = total <= IOV_STACK ? stack : malloc((size_t)total);
    if (!buf)
        return -1;
    ssize_t got = read(fd, buf, (size_t)total);
    size_t at = 0;
    for (int i = 0; got > 0 && i < cnt && at < (size_t)got; i++) {
        size_t take = (size_t)got - at < iov[i].iov_len ? (size_t)got - at : iov[i].iov_len;
        memcpy(iov[i].iov_base, buf + at, take);
        at += take;
    }
    if (buf != stack)
        free(buf);
    return got;
}

ssize_t writev(int fd, const struct iovec *iov, int cnt) {
    ssize_t total = iov_total(iov, cnt);
    if (total < 0)
        return -1;
    if (cnt == 1)
        return write(fd, iov[0].iov_base, iov[0].iov_len);
    unsigned char stack[IOV_STACK];
    unsigned char *buf = total <= IOV_STACK ? stack : malloc((size_t)total);
    if (!buf)
        return -1;
    size_t at = 0;
    for (int i = 0; i < cnt; i++) {
        memcpy(buf + at, iov[i].iov_base, iov[i].iov_len);
        at += iov[i].iov_len;
    }
    ssize_t put = write(fd, buf, (size_t)total);
    if (buf != stack)
        free(buf);
    return put;
}

int close(int fd) {
    return (int)px_ret(sys_close(fd));
}

off_t lseek(int fd, off_t off, int whence) {
    return px_ret(sys_lseek(fd, off, whence));
}
off_t lseek64(int fd, off_t off, int whence) __attribute__((alias("lseek")));

int dup(int fd) {
    return (int)px_ret(sys_dup(fd));
}

int dup2(int oldfd, int newfd) {
    return (int)px_ret(sys_dup2(oldfd, newfd));
}

int dup3(int oldfd, int newfd, int flags) {
    if ((flags & ~O_CLOEXEC) || oldfd == newfd)
        return px_fail(EINVAL);
    if (dup2(oldfd, newfd) < 0)
        return -1;
    if (flags & O_CLOEXEC)
        sys_fcntl(newfd, AX_F_SETFD, AX_FD_CLOEXEC);
    return newfd;
}

int pipe2(int fds[2], int flags) {
    if (flags & ~(O_CLOEXEC | O_NONBLOCK))
        return px_fail(EINVAL);
    int ax = (flags & O_CLOEXEC ? AX_O_CLOEXEC : 0) | (flags & O_NONBLOCK ? AX_O_NONBLOCK : 0);
    return (int)px_ret(sys_pipe2(fds, ax));
}

int pipe(int fds[2]) {
    return pipe2(fds, 0);
}

int fcntl(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    long arg = va_arg(ap, long); /* every command here takes an int or nothing */
    va_end(ap);
    switch (cmd) {
    case F_DUPFD:
        return (int)px_ret(sys_fcntl(fd, AX_F_DUPFD, (int)arg));
    case F_DUPFD_CLOEXEC: {
        int nfd = (int)px_ret(sys_fcntl(fd, AX_F_DUPFD, (int)arg));
        if (nfd >= 0)
            sys_fcntl(nfd, AX_F_SETFD, AX_FD_CLOEXEC);
        return nfd;
    }
    case F_GETFD:
        return (int)px_ret(sys_fcntl(fd, AX_F_GETFD, 0));
    case F_SETFD:
        return (int)px_ret(sys_fcntl(fd, AX_F_SETFD, (arg & FD_CLOEXEC) ? AX_FD_CLOEXEC : 0));
    case F_GETFL: {
        SyscallResult r = sys_fcntl(fd, AX_F_GETFL, 0);
        return r.error ? (int)px_ret(r) : px_oflags_host(r.value);
    }
    case F_SETFL: {
        /* Linux ignores the access mode and creation bits here. */
        int ax = px_oflags((int)arg & (O_APPEND | O_NONBLOCK));
        return ax < 0 ? -1 : (int)px_ret(sys_fcntl(fd, AX_F_SETFL, ax));
    }
    default:
        /* Record locks, owners, leases: not in axos yet (docs/posix.md). */
        if (sys_fcntl(fd, AX_F_GETFD, 0).error != AX_OK)
            return px_fail(EBADF);
        return px_fail(EINVAL);
    }
}
int fcntl64(int fd, int cmd, ...) __attribute__((alias("fcntl")));

int fsync(int fd) {
    return (int)px_ret(sys_fsync(fd));
}

/* axos writes data and metadata in one transaction: fdatasync is fsync. */
int fdatasync(int fd) {
    return fsync(fd);
}

void sync(void) {
    sys_sync();
}

int syncfs(int fd) {
    if (sys_fcntl(fd, AX_F_GETFD, 0).error != AX_OK)
        return px_fail(EBADF);
    return (int)px_ret(sys_sync());
}

int ftruncate(int fd, off_t len) {
    return (int)px_ret(sys_ftruncate(fd, len));
}
int ftruncate64(int fd, off_t len) __attribute__((alias("ftruncate")));

int truncate(const char *path, off_t len) {
    return (int)px_ret(sys_truncate(path, len));
}
int truncate64(const char *path, off_t len) __attribute__((alias("truncate")));
