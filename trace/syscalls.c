/* The trace syscalls, and the host API calls that mirror them. */
#include <string.h>

#include "kernel/cred.h"
#include "kernel/timer.h"
#include "trace/trace.h"

/* Recording is kernel-wide. Anyone may turn it on (strace must, as an
 * ordinary user; what each reads stays limited to what it may trace), and
 * the real uid that did is noted: turning it off, which ends everyone's
 * recording, is root's (CAP_SYS_ADMIN in Linux's tracing) or that user's
 * own, never another user's. */
int64_t ksys_trace_enable(Kernel *k, const SyscallArgs *a) {
    bool was = trace_enabled(k);
    int r = trace_set_enabled(k, true);
    if (r < 0)
        return r;
    if (!was)
        k->trace->owner_uid = cred_capable(&k->cur->cred) ? AX_ID_NONE : k->cur->cred.ruid;
    return was;
}

int64_t ksys_trace_disable(Kernel *k, const SyscallArgs *a) {
    const Cred *c = &k->cur->cred;
    bool was = trace_enabled(k);
    if (was && !cred_capable(c) && k->trace->owner_uid != c->ruid)
        return -AX_EPERM;
    trace_set_enabled(k, false);
    return was;
}

int64_t ksys_trace_enabled(Kernel *k, const SyscallArgs *a) {
    return trace_enabled(k);
}

/* Kernel-wide control (reset, the filter) is root's: anyone else could
 * wipe or hide what others record. */
int64_t ksys_trace_reset(Kernel *k, const SyscallArgs *a) {
    if (!cred_capable(&k->cur->cred))
        return -AX_EPERM;
    trace_reset(k);
    return 0;
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
    return (int64_t)trace_read(k, out, count, ARG_U64(2), k->cur);
}

int64_t ksys_trace_filter(Kernel *k, const SyscallArgs *a) {
    int pgid = ARG_INT(0);
    if (pgid < 0)
        return -AX_EINVAL;
    if (!cred_capable(&k->cur->cred))
        return -AX_EPERM;
    return kernel_trace_filter(k, pgid);
}

/* ---- host API ---- */

int kernel_trace_enable(Kernel *k, int on) {
    int r = trace_set_enabled(k, on != 0);
    if (r == 0 && on)
        k->trace->owner_uid = AX_ID_NONE; /* the host's: no process turns it off but root */
    return r;
}

size_t kernel_trace_read(Kernel *k, TraceEventInfo *out, size_t count, uint64_t from) {
    return out ? trace_read(k, out, count, from, NULL) : 0;
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
