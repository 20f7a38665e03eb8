/* Console syscalls: the host bridge seen from inside (push / take), and
 * terminal control, which goes through the fd's ObjOps.ioctl so that any
 * fd that is not a terminal answers AX_ENOTTY. */
#include "console/internal.h"
#include "kernel/fd.h"
#include "syscall/handlers.h"

int64_t ksys_console_push_input(Kernel *k, const SyscallArgs *a) {
    const void *buf = ARG_PTR(const void *, 0);
    size_t n = ARG_SIZE(1);
    if (!buf && n)
        return -AX_EFAULT;
    return (int64_t)console_push_input(k, buf, n);
}

int64_t ksys_console_take_output(Kernel *k, const SyscallArgs *a) {
    void *buf = ARG_PTR(void *, 0);
    size_t n = ARG_SIZE(1);
    if (!buf && n)
        return -AX_EFAULT;
    return (int64_t)console_take_output(k, buf, n);
}

/* The terminal operation cmd on the caller's fd. */
static int64_t tc_ioctl(Kernel *k, int fd, unsigned cmd, void *arg) {
    KObject *o = fd_get(k->cur, fd);
    if (!o)
        return -AX_EBADF;
    if (!o->ops->ioctl)
        return -AX_ENOTTY;
    return o->ops->ioctl(k, o, cmd, arg);
}

int64_t ksys_tcgetattr(Kernel *k, const SyscallArgs *a) {
    return tc_ioctl(k, ARG_INT(0), KIOC_TCGETS, ARG_PTR(TermAttr *, 1));
}

int64_t ksys_tcsetattr(Kernel *k, const SyscallArgs *a) {
    static const unsigned cmds[] = {
        [AX_TCSANOW] = KIOC_TCSETS, [AX_TCSADRAIN] = KIOC_TCSETSW, [AX_TCSAFLUSH] = KIOC_TCSETSF};
    int action = ARG_INT(1);
    if (action < AX_TCSANOW || action > AX_TCSAFLUSH)
        return -AX_EINVAL;
    return tc_ioctl(k, ARG_INT(0), cmds[action], ARG_PTR(void *, 2));
}

int64_t ksys_tcsetpgrp(Kernel *k, const SyscallArgs *a) {
    int pgid = ARG_INT(1);
    return tc_ioctl(k, ARG_INT(0), KIOC_TIOCSPGRP, &pgid);
}

int64_t ksys_tcgetpgrp(Kernel *k, const SyscallArgs *a) {
    int pgid = 0;
    int64_t r = tc_ioctl(k, ARG_INT(0), KIOC_TIOCGPGRP, &pgid);
    return r < 0 ? r : pgid;
}

int64_t ksys_tcgetwinsize(Kernel *k, const SyscallArgs *a) {
    return tc_ioctl(k, ARG_INT(0), KIOC_TIOCGWINSZ, ARG_PTR(WinSize *, 1));
}

int64_t ksys_tcsetwinsize(Kernel *k, const SyscallArgs *a) {
    return tc_ioctl(k, ARG_INT(0), KIOC_TIOCSWINSZ, ARG_PTR(void *, 1));
}
