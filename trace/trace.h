/* Tracing: the event ring and its exports. The always-on counters live in
 * Kernel.stats and the digest in Kernel.digest (kernel/kernel.h); this room
 * records events while tracing is enabled. */
#ifndef AXOS_TRACE_TRACE_H
#define AXOS_TRACE_TRACE_H

#include "kernel/kernel.h"

typedef enum TraceCategory {
    TRACE_SYSCALL,
    TRACE_SCHED,
    TRACE_PROC,
    TRACE_SIGNAL,
    TRACE_TIMER,
    TRACE_MEMORY,
    TRACE_IPC,
    TRACE_CUSTOM,
} TraceCategory;

int trace_init(Kernel *k);
void trace_fini(Kernel *k);

/* Is event recording on? (one load; the hot path checks this first) */
bool trace_enabled(Kernel *k);

/* Record a syscall event: arguments, result, start time. */
void trace_syscall(Kernel *k, Proc *p, SyscallNo no, const SyscallArgs *a, int64_t ret,
                   uint64_t t0);
/* Record any other event; detail may be NULL. */
void trace_emit(Kernel *k, TraceCategory cat, const char *name, int pid, const char *detail);

#endif
