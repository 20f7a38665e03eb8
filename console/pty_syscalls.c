/* The pseudo-terminal syscalls: posix_openpt, grantpt, unlockpt, ptsname
 * (as ptsname_r) and TIOCSCTTY. */
#include <stdio.h>
#include <string.h>

#include "console/internal.h"
#include "kernel/fd.h"
#include "syscall/handlers.h"

int64_t ksys_posix_openpt(Kernel *k, const SyscallArgs *a) {
    int flags = ARG_INT(0);
    /* POSIX names O_RDWR and O_NOCTTY; Linux's open of /dev/ptmx also
     * takes O_NONBLOCK and O_CLOEXEC. A master is always read and written. */
    if ((flags & AX_O_ACCMODE) != AX_O_RDWR ||
        (flags & ~(AX_O_ACCMODE | AX_O_NOCTTY | AX_O_NONBLOCK | AX_O_CLOEXEC)))
        return -AX_EINVAL;
    if (fd_free_count(k->cur) == 0)
        return -AX_EMFILE;
    KObject *o;
    int r = pty_open_master(k, flags, &o);
    if (r < 0)
        return r;
    int fd = fd_install(k, k->cur, o, 0, (flags & AX_O_CLOEXEC) != 0);
    if (fd < 0)
        obj_unref(k, o);
    return fd;
}

/* The pair behind master fd, or NULL with *err (AX_EBADF: not open;
 * AX_EINVAL: open, not a master, as POSIX's grantpt and unlockpt say). */
static Pty *pty_from_fd(Kernel *k, int fd, int *err) {
    KObject *o = fd_get(k->cur, fd);
    Pty *pty = pty_of_master(o);
    if (!pty)
        *err = o ? -AX_EINVAL : -AX_EBADF;
    return pty;
}

int64_t ksys_grantpt(Kernel *k, const SyscallArgs *a) {
    int err;
    /* Every process may open every node (no owners yet): nothing to grant. */
    return pty_from_fd(k, ARG_INT(0), &err) ? 0 : err;
}

int64_t ksys_unlockpt(Kernel *k, const SyscallArgs *a) {
    int err;
    Pty *pty = pty_from_fd(k, ARG_INT(0), &err);
    if (!pty)
        return err;
    pty_unlock(pty);
    return 0;
}

int64_t ksys_ptsname(Kernel *k, const SyscallArgs *a) {
    char *buf = ARG_PTR(char *, 1);
    size_t size = ARG_SIZE(2);
    int err;
    Pty *pty = pty_from_fd(k, ARG_INT(0), &err);
    if (!pty)
        return err == -AX_EINVAL ? -AX_ENOTTY : err; /* ptsname_r's ENOTTY */
    if (!buf)
        return -AX_EINVAL; /* glibc's ptsname_r */
    char name[32];
    int len = snprintf(name, sizeof name, "/dev/pts/%d", pty_index(pty));
    if ((size_t)len + 1 > size)
        return -AX_ERANGE;
    memcpy(buf, name, (size_t)len + 1);
    return len;
}

int64_t ksys_tiocsctty(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    int force = ARG_INT(1);
    if (!o)
        return -AX_EBADF;
    if (!o->ops->ioctl)
        return -AX_ENOTTY;
    /* Linux: only 1 asks to steal; any other value is a plain request. */
    CttyRequest req = {.proc = k->cur, .force = force == 1};
    return o->ops->ioctl(k, o, KIOC_TIOCSCTTY, &req);
}
