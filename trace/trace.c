/* Tracing: interim, counters only (they live in Kernel.stats). The event
 * ring and its exports come with the tracing room (issue 9). */
#include "trace/trace.h"

typedef struct TraceState {
    bool enabled;
} TraceState;

int trace_init(Kernel *k) {
    k->trace = kmem_alloc(k, sizeof(TraceState));
    return k->trace ? 0 : -AX_ENOMEM;
}

void trace_fini(Kernel *k) {
    kmem_free(k, k->trace);
    k->trace = NULL;
}

bool trace_enabled(Kernel *k) {
    return k->trace->enabled;
}

void trace_syscall(Kernel *k, Proc *p, SyscallNo no, const SyscallArgs *a, int64_t ret,
                   uint64_t t0) {
}

void trace_emit(Kernel *k, TraceCategory cat, const char *name, int pid, const char *detail) {
}
