/* Task stacks.
 *
 * While the host allows it, each stack is its own mapping with a PROT_NONE
 * guard page below: an overflow faults at once. Freed ones are pooled so
 * spawn rarely pays for mmap and munmap. Stack memory is host address
 * space, not kernel heap, so it is outside KernelConfig.alloc.
 *
 * A guarded stack costs two host mappings, and Linux allows a process
 * vm.max_map_count of them (65530 by default), so past about 32,000 live
 * tasks mmap or mprotect fail. From then on the kernel carves stacks out
 * of slabs, one mapping per STACK_SLAB stacks with no guard pages, and puts
 * a canary at the base of each: the scheduler checks it whenever the task
 * gives up the CPU and ends an overflowing task with SIGSEGV. That check is
 * after the fact (the overflow may already have written into the stack
 * below), which is why guarded stacks come first. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kernel/sched.h"

/* Under valgrind, a switch between task stacks looks like a wild jump of
 * the stack pointer, and memcheck then reports the new stack's frames as
 * uninitialised. Telling it where each stack lies, for as long as a task
 * owns it, keeps memcheck exact. The request costs a few instructions
 * when valgrind is absent, on spawn and exit only. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define STACK_VALGRIND 1
#endif
#endif

static void stack_vg_register(Kernel *k, Proc *p) {
#ifdef STACK_VALGRIND
    char *top = (char *)p->stack + p->stack_map_size;
    p->stack_vg_id = VALGRIND_STACK_REGISTER(top - k->stack_size, top);
#else
    (void)k, (void)p;
#endif
}

static void stack_vg_deregister(Proc *p) {
#ifdef STACK_VALGRIND
    VALGRIND_STACK_DEREGISTER(p->stack_vg_id);
#else
    (void)p;
#endif
}

#define STACK_POOL_MAX 256
#define STACK_SLAB 64
#define STACK_CANARY 0x5354414b43414e59ULL /* "STAKCANY" */

/* Host mappings left for everything else (the host program, malloc's
 * large blocks, slabs) when guarded stacks have used their share. */
#define MAP_HEADROOM 8192

static size_t page_size(void) {
    long ps = sysconf(_SC_PAGESIZE);
    return ps > 0 ? (size_t)ps : 4096;
}

/* A guarded stack of its own mapping; NULL when the host refuses. */
static void *stack_map_guarded(size_t map) {
    void *base = mmap(NULL, map, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        return NULL;
    if (mprotect(base, page_size(), PROT_NONE) != 0) {
        munmap(base, map);
        return NULL;
    }
    return base;
}

/* Map a new slab and put its stacks on the free list. The free list has
 * room for every slab stack there is, so releasing one never allocates. */
static int stack_slab_grow(Kernel *k) {
    size_t bytes = k->stack_size * STACK_SLAB;
    if (kmem_grow(k, &k->slabs, &k->slabs_cap, sizeof(void *), k->nslabs + 1, 8) < 0 ||
        kmem_grow(k, &k->slab_free, &k->slab_free_cap, sizeof(void *),
                  (k->nslabs + 1) * STACK_SLAB, STACK_SLAB) < 0)
        return -AX_ENOMEM;
    void *slab = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (slab == MAP_FAILED)
        return -AX_ENOMEM;
    k->slabs[k->nslabs++] = slab;
    for (size_t i = STACK_SLAB; i-- > 0;)
        k->slab_free[k->slab_free_len++] = (char *)slab + i * k->stack_size;
    return 0;
}

/* How many guarded stacks this kernel may hold: half of what the host
 * allows (each takes two mappings), less headroom. Several kernels in one
 * process each assume the whole budget; when the host refuses anyway,
 * allocation falls back to slabs then too. */
void sched_stack_budget(Kernel *k) {
    long max = 65530; /* Linux's default vm.max_map_count */
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    if (f) {
        if (fscanf(f, "%ld", &max) != 1)
            max = 65530;
        fclose(f);
    }
    k->guarded_max = max > 2 * MAP_HEADROOM ? (size_t)(max - MAP_HEADROOM) / 2 : 0;
}

int sched_stack_alloc(Kernel *k, Proc *p) {
    size_t map = k->stack_size + page_size();
    if (k->stack_pool_len > 0) {
        p->stack = k->stack_pool[--k->stack_pool_len];
        p->stack_map_size = map;
        p->stack_in_slab = false;
        stack_vg_register(k, p);
        return 0;
    }
    if (!k->stack_slab_mode && k->guarded_stacks < k->guarded_max) {
        void *base = stack_map_guarded(map);
        if (base) {
            k->guarded_stacks++;
            p->stack = base;
            p->stack_map_size = map;
            p->stack_in_slab = false;
            stack_vg_register(k, p);
            return 0;
        }
        k->stack_slab_mode = true; /* the host refused: its budget is spent */
    }
    if (k->slab_free_len == 0 && stack_slab_grow(k) < 0)
        return -AX_ENOMEM;
    p->stack = k->slab_free[--k->slab_free_len];
    p->stack_map_size = k->stack_size;
    p->stack_in_slab = true;
    *(uint64_t *)p->stack = STACK_CANARY;
    stack_vg_register(k, p);
    return 0;
}

bool sched_stack_overflowed(const Proc *p) {
    return p->stack_in_slab && *(const uint64_t *)p->stack != STACK_CANARY;
}

void sched_stack_release(Kernel *k, Proc *p) {
    void *stack = p->stack;
    if (!stack)
        return;
    p->stack = NULL;
    stack_vg_deregister(p);
    if (p->stack_in_slab) {
        /* room was reserved when the slab was mapped */
        k->slab_free[k->slab_free_len++] = stack;
        return;
    }
    if (k->stack_pool_len < STACK_POOL_MAX &&
        kmem_grow(k, &k->stack_pool, &k->stack_pool_cap, sizeof(void *), k->stack_pool_len + 1,
                  16) == 0) {
        k->stack_pool[k->stack_pool_len++] = stack;
        return;
    }
    munmap(stack, p->stack_map_size);
    k->guarded_stacks--;
}

void sched_stack_pool_drain(Kernel *k) {
    size_t map = k->stack_size + page_size();
    while (k->stack_pool_len > 0) {
        munmap(k->stack_pool[--k->stack_pool_len], map);
        k->guarded_stacks--;
    }
    kmem_free(k, k->stack_pool);
    k->stack_pool = NULL;
    k->stack_pool_cap = 0;
    while (k->nslabs > 0)
        munmap(k->slabs[--k->nslabs], k->stack_size * STACK_SLAB);
    kmem_free(k, k->slabs);
    kmem_free(k, k->slab_free);
    k->slabs = k->slab_free = NULL;
    k->slabs_cap = k->slab_free_cap = k->slab_free_len = 0;
}
