/* Memory room internals: per-process accounting and the heap's block set. */
#ifndef AXOS_MEM_MEM_INTERNAL_H
#define AXOS_MEM_MEM_INTERNAL_H

#include "mem/mem.h"

typedef struct ProcMem {
    uint64_t allocated; /* regions + attachments + heap */
    uint64_t limit;     /* 0: unlimited */
    uint64_t peak;
    /* the heap: an open-addressing set of live block addresses, so a bad
     * pointer given to heap_free is recognised without touching it */
    void **heap_slots;
    size_t heap_cap;    /* power of two, or 0 */
    size_t heap_tombs;
} ProcMem;

typedef struct MemState {
    uint64_t total_allocated;
} MemState;

void heap_release_all(Kernel *k, Proc *p);

#endif
