/* Task stacks: a pool of ready stacks carved out of slabs.
 *
 * A slab is one host mapping holding several stacks ("cells"), each with a
 * guard page below it where the host allows, so an overflow faults at
 * once. Freed stacks go back on a free list and the next spawn takes the
 * one freed last (its pages are still resident): creating a task in the
 * steady state costs no host syscall. When the kernel goes idle, free
 * stacks beyond STACK_WARM are trimmed: slabs with no task left are
 * unmapped, the other free stacks give their pages back (MADV_DONTNEED)
 * and stay mapped.
 *
 * Guard pages, best first:
 *   - MADV_GUARD_INSTALL (Linux 6.13): a guard inside the slab's mapping
 *     at no cost in host mappings, so every stack can have one;
 *   - mprotect(PROT_NONE): each guard splits the mapping, two host
 *     mappings per stack, and Linux allows vm.max_map_count (65530) per
 *     process: guarded stacks stop at about half of that, less headroom;
 *   - none (AX_STACK_GUARD_OFF, or the budget is spent): a canary at the
 *     stack's base that the scheduler checks whenever the task gives up the
 *     CPU, ending an overflowing task with SIGSEGV after the fact.
 * Stack memory is host address space, not kernel heap, so it is outside
 * KernelConfig.alloc. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "kernel/sched.h"

#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102 /* Linux 6.13's value; older headers lack it */
#endif
/* process_madvise's "the calling process" (Linux 6.13's PIDFD_SELF);
 * older hosts answer EBADF and the guards go one madvise at a time */
#define STACK_PIDFD_SELF (-10000)

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

#define STACK_SLAB_FIRST 4  /* cells in the first slab; each next one doubles */
#define STACK_SLAB_MAX 64
#define STACK_WARM 256      /* free stacks kept resident when idle */
#define STACK_CANARY 0x5354414b43414e59ULL /* "STAKCANY" */
/* Free-list entries are stack addresses (page-aligned) with these bits:
 * the stack has no guard page; its pages went back to the host. */
#define STACK_UNGUARDED ((uintptr_t)1)
#define STACK_COLD ((uintptr_t)2)

/* Host mappings left for everything else (the host program, malloc's
 * large blocks) when mprotect guards have used their share. */
#define MAP_HEADROOM 8192

static size_t page_size(void) {
    long ps = sysconf(_SC_PAGESIZE);
    return ps > 0 ? (size_t)ps : 4096;
}

/* How many mprotect-guarded stacks this kernel may hold: half of what the
 * host allows (each takes two mappings), less headroom. Several kernels in
 * one process each assume the whole budget; when the host refuses anyway,
 * stacks go guard-less then too. Read only when a host without
 * MADV_GUARD_INSTALL first needs it, so that a kernel's boot opens no
 * host file for it. */
static size_t stack_mprotect_budget(void) {
    long max = 65530; /* Linux's default vm.max_map_count */
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    if (f) {
        if (fscanf(f, "%ld", &max) != 1)
            max = 65530;
        fclose(f);
    }
    return max > 2 * MAP_HEADROOM ? (size_t)(max - MAP_HEADROOM) / 2 : 0;
}

void sched_stack_budget(Kernel *k) {
    k->guarded_max = SIZE_MAX; /* not read yet: stack_mprotect_budget() */
    k->stack_guard = k->cfg.stack_guard == AX_STACK_GUARD_OFF ? STACK_GUARD_NONE
                                                               : STACK_GUARD_MADVISE;
}

/* MADV_GUARD_INSTALL on the first page of each of the n cells at base,
 * in one host call where the host takes a list of ranges
 * (process_madvise on PIDFD_SELF, Linux 6.13 and later), else one
 * madvise per cell. A call costs about as much as the guard it installs
 * (a syscall on a VM is near a microsecond), and a slab holds up to
 * STACK_SLAB_MAX cells. Returns how many cells, from the first, have
 * their guard. */
static size_t stack_guard_install(char *base, size_t cell, size_t n, size_t page) {
    size_t done = 0;
#if defined(SYS_process_madvise)
    struct iovec iov[STACK_SLAB_MAX];
    if (n <= STACK_SLAB_MAX) {
        for (size_t i = 0; i < n; i++)
            iov[i] = (struct iovec){base + i * cell, page};
        long r = syscall(SYS_process_madvise, STACK_PIDFD_SELF, iov, n, MADV_GUARD_INSTALL, 0);
        if (r > 0)
            done = (size_t)r / page; /* the ranges are advised in order */
    }
#endif
    while (done < n && madvise(base + done * cell, page, MADV_GUARD_INSTALL) == 0)
        done++;
    return done;
}

/* Put guard pages below the n cells at base; false when the host will not
 * (the slab is then made guard-less). Tries the guard kinds in order,
 * remembering for the kernel what the host refused. */
static bool stack_guard_cells(Kernel *k, char *base, size_t cell, size_t n) {
    size_t page = page_size();
    if (k->stack_guard == STACK_GUARD_MADVISE) {
        size_t i = stack_guard_install(base, cell, n, page);
        if (i == n)
            return true;
        if (i > 0)
            return false; /* the host stopped midway: give up on guards here */
        k->stack_guard = STACK_GUARD_MPROTECT; /* an older host */
    }
    if (k->stack_guard == STACK_GUARD_MPROTECT) {
        if (k->guarded_max == SIZE_MAX)
            k->guarded_max = stack_mprotect_budget();
        if (k->guarded_stacks + n <= k->guarded_max) {
            size_t i = 0;
            while (i < n && mprotect(base + i * cell, page, PROT_NONE) == 0)
                i++;
            if (i == n) {
                k->guarded_stacks += n;
                return true;
            }
        }
        k->stack_guard = STACK_GUARD_NONE; /* the budget is spent */
    }
    return false;
}

/* Map a new slab and put its cells on the free list. The free list has
 * room for every stack there is, so releasing one never allocates. */
static int stack_slab_grow(Kernel *k) {
    size_t n = k->slab_next ? k->slab_next : STACK_SLAB_FIRST;
    if (kmem_grow(k, &k->slabs, &k->slabs_cap, sizeof *k->slabs, k->nslabs + 1, 8) < 0 ||
        kmem_grow(k, &k->stack_free, &k->stack_free_cap, sizeof *k->stack_free,
                  k->nstacks + n, 64) < 0)
        return -AX_ENOMEM;
    bool want_guard = k->stack_guard != STACK_GUARD_NONE;
    size_t cell = k->stack_size + (want_guard ? page_size() : 0);
    char *base = mmap(NULL, cell * n, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        return -AX_ENOMEM;
    bool guarded = want_guard && stack_guard_cells(k, base, cell, n);
    if (want_guard && !guarded) {
        /* remap as guard-less cells: simpler than mixing cell sizes */
        munmap(base, cell * n);
        cell = k->stack_size;
        base = mmap(NULL, cell * n, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (base == MAP_FAILED)
            return -AX_ENOMEM;
    }
    k->slabs[k->nslabs++] = (StackSlab){.base = base, .cell = cell, .ncells = n,
                                        .mprotected = guarded && k->stack_guard == STACK_GUARD_MPROTECT,
                                        .guarded = guarded};
    k->nstacks += n;
    k->slab_next = n * 2 < STACK_SLAB_MAX ? n * 2 : STACK_SLAB_MAX;
    for (size_t i = n; i-- > 0;)
        k->stack_free[k->stack_free_len++] =
            (uintptr_t)(base + i * cell) | (guarded ? 0 : STACK_UNGUARDED);
    return 0;
}

int sched_stack_alloc(Kernel *k, Proc *p) {
    if (k->stack_free_len == 0 && stack_slab_grow(k) < 0)
        return -AX_ENOMEM;
    uintptr_t e = k->stack_free[--k->stack_free_len];
    if (k->stack_cold_len > k->stack_free_len)
        k->stack_cold_len = k->stack_free_len;
    p->stack = (void *)(e & ~(STACK_UNGUARDED | STACK_COLD));
    p->stack_canary = e & STACK_UNGUARDED;
    p->stack_map_size = k->stack_size + (p->stack_canary ? 0 : page_size());
    if (p->stack_canary)
        *(uint64_t *)p->stack = STACK_CANARY;
    stack_vg_register(k, p);
    return 0;
}

bool sched_stack_overflowed(const Proc *p) {
    return p->stack_canary && *(const uint64_t *)p->stack != STACK_CANARY;
}

void sched_stack_release(Kernel *k, Proc *p) {
    void *stack = p->stack;
    if (!stack)
        return;
    p->stack = NULL;
    stack_vg_deregister(p);
    /* room was reserved with the slab */
    k->stack_free[k->stack_free_len++] = (uintptr_t)stack | (p->stack_canary ? STACK_UNGUARDED : 0);
}

static int cmp_entry(const void *a, const void *b) {
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_slab(const void *a, const void *b) {
    uintptr_t x = (uintptr_t)((const StackSlab *)a)->base, y = (uintptr_t)((const StackSlab *)b)->base;
    return x < y ? -1 : x > y;
}

static void stack_slab_unmap(Kernel *k, const StackSlab *s) {
    /* the frames of the tasks that ran here leave redzones in the shadow */
    kmem_unpoison(s->base, s->cell * s->ncells);
    munmap(s->base, s->cell * s->ncells);
    k->nstacks -= s->ncells;
    if (s->mprotected)
        k->guarded_stacks -= s->ncells;
}

/* The kernel is idle: keep the STACK_WARM free stacks freed last as they
 * are, unmap slabs where every stack is free, and give the pages of the
 * other free stacks back to the host. Costs O(F log F) in free stacks F,
 * and runs only when more than STACK_WARM of them may hold pages. */
void sched_stack_trim(Kernel *k) {
    if (k->stack_free_len - k->stack_cold_len <= STACK_WARM)
        return;
    size_t warm_at = k->stack_free_len - STACK_WARM; /* [warm_at, len) stay warm */
    uintptr_t *list = k->stack_free; /* entries order as their addresses */
    qsort(list, warm_at, sizeof *list, cmp_entry);
    qsort(k->slabs, k->nslabs, sizeof *k->slabs, cmp_slab);
    /* Free stacks per slab, from the warm ones too (a slab with a warm
     * stack stays). */
    size_t out = 0, at = 0, kept = 0;
    for (size_t si = 0; si < k->nslabs; si++) {
        StackSlab s = k->slabs[si];
        uintptr_t lo = (uintptr_t)s.base, hi = lo + s.cell * s.ncells;
        size_t first = at;
        while (at < warm_at && list[at] < hi)
            at++;
        if (at - first == s.ncells) { /* every stack free, none warm */
            stack_slab_unmap(k, &s);
            continue;
        }
        size_t guard = s.guarded ? page_size() : 0;
        for (size_t i = first; i < at; i++) {
            if (!(list[i] & STACK_COLD))
                madvise((char *)(list[i] & ~STACK_UNGUARDED) + guard, k->stack_size,
                        MADV_DONTNEED);
            list[out++] = list[i] | STACK_COLD;
        }
        k->slabs[kept++] = s;
    }
    k->nslabs = kept;
    size_t cold = out;
    for (size_t i = warm_at; i < k->stack_free_len; i++)
        list[out++] = list[i];
    k->stack_free_len = out;
    k->stack_cold_len = cold;
}

void sched_stack_pool_drain(Kernel *k) {
    while (k->nslabs > 0)
        stack_slab_unmap(k, &k->slabs[--k->nslabs]);
    kmem_free(k, k->slabs);
    kmem_free(k, k->stack_free);
    k->slabs = NULL;
    k->stack_free = NULL;
    k->slabs_cap = k->stack_free_cap = k->stack_free_len = k->stack_cold_len = 0;
}
