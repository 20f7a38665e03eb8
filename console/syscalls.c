/* Console syscalls. Interim: push/take only; terminal control comes with
 * the line discipline. */
#include "console/console.h"
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

int64_t ksys_tcgetattr(Kernel *k, const SyscallArgs *a) { return -AX_ENOTTY; }
int64_t ksys_tcsetattr(Kernel *k, const SyscallArgs *a) { return -AX_ENOTTY; }
int64_t ksys_tcsetpgrp(Kernel *k, const SyscallArgs *a) { return -AX_ENOTTY; }
int64_t ksys_tcgetpgrp(Kernel *k, const SyscallArgs *a) { return -AX_ENOTTY; }
int64_t ksys_tcgetwinsize(Kernel *k, const SyscallArgs *a) { return -AX_ENOTTY; }
int64_t ksys_tcsetwinsize(Kernel *k, const SyscallArgs *a) { return -AX_ENOTTY; }
