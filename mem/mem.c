/* Memory accounting: per-process and system figures and limits. */
#include "mem/mem_internal.h"

int mem_init(Kernel *k) {
    k->shm = kmem_alloc(k, sizeof(MemState));
    return k->shm ? 0 : -AX_ENOMEM;
}

void mem_fini(Kernel *k) {
    kmem_free(k, k->shm);
    k->shm = NULL;
}

int mem_proc_init(Kernel *k, Proc *p) {
    p->mem = kmem_alloc(k, sizeof(ProcMem));
    return p->mem ? 0 : -AX_ENOMEM;
}

void mem_proc_exec(Kernel *k, Proc *p) {
    heap_release_all(k, p);
}

void mem_proc_release(Kernel *k, Proc *p) {
    if (!p->mem)
        return;
    heap_release_all(k, p);
    kmem_free(k, p->mem);
    p->mem = NULL;
}

int mem_charge(Kernel *k, Proc *p, uint64_t n) {
    ProcMem *m = p->mem;
    MemState *s = (MemState *)k->shm;
    if (m->limit && m->allocated + n > m->limit)
        return -AX_ENOMEM;
    if (k->cfg.mem_limit && s->total_allocated + n > k->cfg.mem_limit)
        return -AX_ENOMEM;
    m->allocated += n;
    if (m->allocated > m->peak)
        m->peak = m->allocated;
    s->total_allocated += n;
    return 0;
}

void mem_uncharge(Kernel *k, Proc *p, uint64_t n) {
    ((ProcMem *)p->mem)->allocated -= n;
    ((MemState *)k->shm)->total_allocated -= n;
}

uint64_t mem_region_count(Kernel *k) {
    return k->nregions;
}

uint64_t mem_shm_count(Kernel *k) {
    return 0;
}
