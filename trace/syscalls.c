/* Trace syscalls: interim until the tracing room lands. */
#include <string.h>

#include "kernel/timer.h"
#include "syscall/handlers.h"
#include "trace/trace.h"

int64_t ksys_trace_enable(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_trace_disable(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_trace_enabled(Kernel *k, const SyscallArgs *a) { return trace_enabled(k); }
int64_t ksys_trace_reset(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }
int64_t ksys_trace_event(Kernel *k, const SyscallArgs *a) { return -AX_ENOSYS; }

int64_t ksys_trace_summary(Kernel *k, const SyscallArgs *a) {
    TraceSummary *out = ARG_PTR(TraceSummary *, 0);
    if (!out)
        return -AX_EFAULT;
    kernel_trace_summary(k, out);
    return 0;
}

int64_t ksys_trace_digest(Kernel *k, const SyscallArgs *a) {
    uint64_t *out = ARG_PTR(uint64_t *, 0);
    if (!out)
        return -AX_EFAULT;
    *out = k->digest;
    return 0;
}
