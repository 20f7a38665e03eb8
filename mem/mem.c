/* The memory room's lifetime and a process's memory from spawn to exit.
 * The figures and limits are account.c's. */
#include <string.h>

#include "mem/mem_internal.h"
#include "syscall/handlers.h"

int mem_init(Kernel *k) {
    k->shm = kmem_alloc(k, sizeof(ShmState));
    return k->shm ? 0 : -AX_ENOMEM;
}

/* After proc_fini: no process is attached any more, so what is left are
 * segments nobody removed, which SysV keeps until the machine goes. */
void mem_fini(Kernel *k) {
    if (!k->shm)
        return;
    shm_fini(k);
    kmem_free(k, k->shm);
    k->shm = NULL;
}

int mem_proc_init(Kernel *k, Proc *p) {
    p->mem = kmem_alloc(k, sizeof(ProcMem));
    return p->mem ? 0 : -AX_ENOMEM;
}

void mem_proc_exec(Kernel *k, Proc *p) {
    region_release_all(k, p);
    heap_release_all(k, p);
}

void mem_proc_release(Kernel *k, Proc *p) {
    if (!p->mem)
        return;
    region_release_all(k, p);
    heap_release_all(k, p);
    kmem_free(k, p->mem);
    p->mem = NULL;
}

uint64_t mem_region_count(Kernel *k) {
    return k->nregions;
}

uint64_t mem_shm_count(Kernel *k) {
    return k->shm ? k->shm->nsegs : 0;
}

/* ---- the figures ---- */

int64_t ksys_memstats(Kernel *k, const SyscallArgs *a) {
    MemStats *out = ARG_PTR(MemStats *, 0);
    if (!out)
        return -AX_EFAULT;
    Proc *p = k->cur;
    const MemAccount *acct = p->acct;
    memset(out, 0, sizeof *out);
    out->allocated = acct->allocated;
    out->limit = acct->limit;
    out->peak = acct->peak;
    out->region_count = p->mem->nprivate;
    out->shm_count = p->mem->nattached;
    out->heap_bytes = acct->bytes[MEM_HEAP];
    out->stack_bytes = acct->bytes[MEM_STACK];
    out->pipe_bytes = acct->bytes[MEM_PIPE];
    out->file_bytes = acct->bytes[MEM_FILE];
    out->sock_bytes = acct->bytes[MEM_SOCK];
    return 0;
}

int64_t ksys_system_memstats(Kernel *k, const SyscallArgs *a) {
    SystemMemStats *out = ARG_PTR(SystemMemStats *, 0);
    if (!out)
        return -AX_EFAULT;
    const ShmState *s = k->shm;
    memset(out, 0, sizeof *out);
    out->total_allocated = k->mem_total;
    out->system_limit = k->cfg.mem_limit;
    out->shm_count = s->nsegs;
    out->shm_total_size = s->shm_bytes;
    out->stack_bytes = k->mem_bytes[MEM_STACK];
    out->pipe_bytes = k->mem_bytes[MEM_PIPE];
    out->file_bytes = k->mem_bytes[MEM_FILE];
    out->sock_bytes = k->mem_bytes[MEM_SOCK];
    return 0;
}
