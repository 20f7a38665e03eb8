/* Kernel allocations, routed through KernelConfig.alloc. */
#include <stdlib.h>
#include <string.h>

#include "kernel/kernel.h"
#include "sim/sim.h"

void *kmem_host_alloc(void *ud, void *ptr, size_t size) {
    (void)ud;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

/* A fault plan's alloc rules (sim/) may refuse an allocation made inside
 * a syscall; the bit keeps that to one test when there is no plan. */
static inline bool kmem_faulted(Kernel *k) {
    return __builtin_expect(k->work & KWORK_FAULT, 0) && sim_alloc_fails(k);
}

void *kmem_alloc(Kernel *k, size_t n) {
    if (kmem_faulted(k))
        return NULL;
    /* The host's calloc knows when memory is zero already (pages fresh
     * from the system), so a big block's pages are neither written nor
     * made resident until used: a process heap's chunks cost what the
     * process touches. */
    if (k->cfg.alloc == kmem_host_alloc)
        return calloc(1, n ? n : 1);
    void *p = k->cfg.alloc(k->cfg.alloc_ud, NULL, n ? n : 1);
    if (p)
        memset(p, 0, n);
    return p;
}

void *kmem_realloc(Kernel *k, void *p, size_t n) {
    if (kmem_faulted(k))
        return NULL;
    return k->cfg.alloc(k->cfg.alloc_ud, p, n ? n : 1);
}

void kmem_free(Kernel *k, void *p) {
    if (p)
        k->cfg.alloc(k->cfg.alloc_ud, p, 0);
}

int kmem_grow(Kernel *k, void *arrp, size_t *cap, size_t elem, size_t need, size_t first) {
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : first;
    while (n < need)
        n *= 2;
    /* arrp points at a T*: copy it as bytes rather than through a void **
     * lvalue, which strict aliasing does not allow for other T */
    void *old, *grown;
    memcpy(&old, arrp, sizeof old);
    grown = kmem_realloc(k, old, n * elem);
    if (!grown)
        return -AX_ENOMEM;
    memcpy(arrp, &grown, sizeof grown);
    *cap = n;
    return 0;
}

char *kmem_strdup(Kernel *k, const char *s) {
    size_t n = strlen(s) + 1;
    if (kmem_faulted(k))
        return NULL;
    char *d = k->cfg.alloc(k->cfg.alloc_ud, NULL, n);
    if (d)
        memcpy(d, s, n);
    return d;
}
