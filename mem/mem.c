/* Memory accounting: per-process and system figures and limits, the
 * lifecycle of a process's memory, and the stats syscalls. */
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

uint64_t mem_proc_bytes(const Proc *p) {
    return p->mem ? p->mem->allocated : 0;
}

bool mem_fits_proc(const Proc *p, uint64_t n) {
    const ProcMem *m = p->mem;
    return !m->limit || (n <= m->limit && m->allocated <= m->limit - n);
}

bool mem_fits_system(const Kernel *k, uint64_t n) {
    uint64_t lim = k->cfg.mem_limit;
    return !lim || (n <= lim && k->shm->total_allocated <= lim - n);
}

void mem_add_proc(Proc *p, uint64_t n) {
    ProcMem *m = p->mem;
    m->allocated += n;
    if (m->allocated > m->peak)
        m->peak = m->allocated;
}

void mem_sub_proc(Proc *p, uint64_t n) {
    p->mem->allocated -= n;
}

void mem_add_system(Kernel *k, uint64_t n) {
    k->shm->total_allocated += n;
}

void mem_sub_system(Kernel *k, uint64_t n) {
    k->shm->total_allocated -= n;
}

int mem_charge(Kernel *k, Proc *p, uint64_t n) {
    if (!mem_fits_proc(p, n) || !mem_fits_system(k, n))
        return -AX_ENOMEM;
    mem_add_proc(p, n);
    mem_add_system(k, n);
    return 0;
}

void mem_uncharge(Kernel *k, Proc *p, uint64_t n) {
    mem_sub_proc(p, n);
    mem_sub_system(k, n);
}

uint64_t mem_region_count(Kernel *k) {
    return k->nregions;
}

uint64_t mem_shm_count(Kernel *k) {
    return k->shm ? k->shm->nsegs : 0;
}

/* ---- syscalls ---- */

int64_t ksys_memstats(Kernel *k, const SyscallArgs *a) {
    MemStats *out = ARG_PTR(MemStats *, 0);
    if (!out)
        return -AX_EFAULT;
    Proc *p = k->cur;
    const ProcMem *m = p->mem;
    memset(out, 0, sizeof *out);
    out->allocated = m->allocated;
    out->limit = m->limit;
    out->peak = m->peak;
    out->region_count = m->nprivate;
    out->shm_count = m->nattached;
    out->heap_bytes = p->heap_bytes;
    return 0;
}

int64_t ksys_set_memlimit(Kernel *k, const SyscallArgs *a) {
    k->cur->mem->limit = ARG_U64(0);
    return 0;
}

int64_t ksys_system_memstats(Kernel *k, const SyscallArgs *a) {
    SystemMemStats *out = ARG_PTR(SystemMemStats *, 0);
    if (!out)
        return -AX_EFAULT;
    const ShmState *s = k->shm;
    memset(out, 0, sizeof *out);
    out->total_allocated = s->total_allocated;
    out->system_limit = k->cfg.mem_limit;
    out->shm_count = s->nsegs;
    out->shm_total_size = s->shm_bytes;
    return 0;
}
