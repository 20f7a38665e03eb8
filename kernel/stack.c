/* Task stacks: mmap'd with a guard page below, kept in a pool for reuse so
 * spawn does not pay for mmap/munmap each time. Stack memory is host
 * address space, not kernel heap, so it is outside KernelConfig.alloc. */
#include <sys/mman.h>
#include <unistd.h>

#include "kernel/sched.h"

#define STACK_POOL_MAX 64

static size_t page_size(void) {
    long ps = sysconf(_SC_PAGESIZE);
    return ps > 0 ? (size_t)ps : 4096;
}

int sched_stack_alloc(Kernel *k, Proc *p) {
    size_t guard = page_size();
    size_t map = k->stack_size + guard;
    void *base;
    if (k->stack_pool_len > 0) {
        base = k->stack_pool[--k->stack_pool_len];
    } else {
        base = mmap(NULL, map, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (base == MAP_FAILED)
            return -AX_ENOMEM;
        if (mprotect(base, guard, PROT_NONE) != 0) {
            munmap(base, map);
            return -AX_ENOMEM;
        }
    }
    p->stack = base;
    p->stack_map_size = map;
    return 0;
}

void sched_stack_release(Kernel *k, void *stack, size_t map_size) {
    if (!stack)
        return;
    if (k->stack_pool_len < STACK_POOL_MAX) {
        if (k->stack_pool_len == k->stack_pool_cap) {
            size_t cap = k->stack_pool_cap ? k->stack_pool_cap * 2 : 8;
            void **pool = kmem_realloc(k, k->stack_pool, cap * sizeof *pool);
            if (pool) {
                k->stack_pool = pool;
                k->stack_pool_cap = cap;
            }
        }
        if (k->stack_pool_len < k->stack_pool_cap) {
            k->stack_pool[k->stack_pool_len++] = stack;
            return;
        }
    }
    munmap(stack, map_size);
}

void sched_stack_pool_drain(Kernel *k) {
    size_t map = k->stack_size + page_size();
    while (k->stack_pool_len > 0)
        munmap(k->stack_pool[--k->stack_pool_len], map);
    kmem_free(k, k->stack_pool);
    k->stack_pool = NULL;
    k->stack_pool_cap = 0;
}

