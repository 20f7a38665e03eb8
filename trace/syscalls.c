/* The trace syscalls, and the host API calls that mirror them. */
#include <string.h>

#include "kernel/timer.h"
#include "trace/trace.h"

int64_t ksys_trace_enable(Kernel *k, const SyscallArgs *a) {
    bool was = trace_enabled(k);
    int r = trace_set_enabled(k, true);
    return r < 0 ? r : was;
}

int64_t ksys_trace_disable(Kernel *k, const SyscallArgs *a) {
    bool was = trace_enabled(k);
    trace_set_enabled(k, false);
    return was;
}

int64_t ksys_trace_enabled(Kernel *k, const SyscallArgs *a) {
    return trace_enabled(k);
}

/* Kernel-wide control (reset, the filter) is the host's: a process could
 * otherwise wipe or hide what others record. */
int64_t ksys_trace_reset(Kernel *k, const SyscallArgs *a) {
    return -AX_EPERM;
}

int64_t ksys_trace_summary(Kernel *k, const SyscallArgs *a) {
    TraceSummary *out = ARG_PTR(TraceSummary *, 0);
    if (!out)
        return -AX_EFAULT;
    kernel_trace_summary(k, out);
    return 0;
}

int64_t ksys_trace_event(Kernel *k, const SyscallArgs *a) {
    const char *name = ARG_PTR(const char *, 0);
    const char *detail = ARG_PTR(const char *, 1);
    if (!name)
        return -AX_EFAULT;
    /* The name is part of the event, so the digest sees it (tracing on or
     * off); the call itself is folded in by the dispatcher. */
    uint64_t h = 0xC0570000000000ULL;
    for (size_t i = 0; i < TRACE_NAME_MAX && name[i]; i++)
        h = (h ^ (unsigned char)name[i]) * 0x100000001b3ULL;
    kernel_digest_mix(k, h);
    if (trace_enabled(k))
        trace_custom(k, k->cur, name, detail);
    return 0;
}

int64_t ksys_trace_digest(Kernel *k, const SyscallArgs *a) {
    uint64_t *out = ARG_PTR(uint64_t *, 0);
    if (!out)
        return -AX_EFAULT;
    *out = kernel_digest_value(k);
    return 0;
}

int64_t ksys_trace_read(Kernel *k, const SyscallArgs *a) {
    TraceEventInfo *out = ARG_PTR(TraceEventInfo *, 0);
    size_t count = ARG_SIZE(1);
    if (!out && count > 0)
        return -AX_EFAULT;
    return (int64_t)trace_read(k, out, count, ARG_U64(2), k->cur->pid);
}

int64_t ksys_trace_filter(Kernel *k, const SyscallArgs *a) {
    return ARG_INT(0) < 0 ? -AX_EINVAL : -AX_EPERM;
}

/* ---- host API ---- */

int kernel_trace_enable(Kernel *k, int on) {
    return trace_set_enabled(k, on != 0);
}

size_t kernel_trace_read(Kernel *k, TraceEventInfo *out, size_t count, uint64_t from) {
    return out ? trace_read(k, out, count, from, 0) : 0;
}

void kernel_trace_reset(Kernel *k) {
    trace_reset(k);
}

int kernel_trace_filter(Kernel *k, int pgid) {
    if (pgid < 0)
        return -AX_EINVAL;
    int was = k->trace->filter_pgid;
    k->trace->filter_pgid = pgid;
    return was;
}
