/* The process heap: blocks that belong to a process and die with it.
 *
 * Each block has a 16-byte header (its size, and whether it is mapped).
 * Blocks under HEAP_MAP_MIN are kmem allocations; bigger ones are host
 * mappings of their own, as task stacks are: their pages are zero from
 * the host and resident only once the process touches them, and realloc
 * moves them with mremap, so growing a large buffer neither copies it nor
 * writes zeroes over its new pages. (Being host address space, they are
 * not KernelConfig.alloc allocations.) The process keeps the set of its
 * live block addresses in a small open-addressing table, so heap_free can
 * tell a block of its own from any other pointer without reading through
 * it, and exit frees them all. */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem/mem_internal.h"
#include "syscall/handlers.h"

#define HEAP_HDR 16
#define HEAP_MAP_MIN (256 * 1024) /* blocks from this size are host mappings */
#define TOMB ((void *)1)

/* A program's allocator may ASan-poison parts of its blocks (ulib poisons
 * its free space); once a block comes back to the kernel, that is over:
 * kmem_unpoison. */

static size_t heap_hash(const void *ptr, size_t cap) {
    uint64_t x = (uint64_t)(uintptr_t)ptr;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x & (cap - 1);
}

/* Slot holding ptr, or NULL. */
static void **heap_find(ProcMem *m, const void *ptr) {
    if (!m->heap_cap)
        return NULL;
    for (size_t i = heap_hash(ptr, m->heap_cap);; i = (i + 1) & (m->heap_cap - 1)) {
        void *s = m->heap_slots[i];
        if (s == ptr)
            return &m->heap_slots[i];
        if (!s)
            return NULL;
    }
}

static void heap_place(ProcMem *m, void *ptr) {
    size_t i = heap_hash(ptr, m->heap_cap);
    while (m->heap_slots[i] && m->heap_slots[i] != TOMB)
        i = (i + 1) & (m->heap_cap - 1);
    m->heap_slots[i] = ptr;
}

/* Make room for one more block. 0 or -AX_ENOMEM (nothing changed). */
static int heap_reserve(Kernel *k, Proc *p) {
    ProcMem *m = p->mem;
    if ((p->heap_blocks + m->heap_tombs + 1) * 4 < m->heap_cap * 3)
        return 0;
    size_t cap = m->heap_cap ? m->heap_cap : 64;
    while ((p->heap_blocks + 1) * 2 >= cap)
        cap *= 2;
    void **slots = kmem_alloc(k, cap * sizeof *slots);
    if (!slots)
        return -AX_ENOMEM;
    void **old = m->heap_slots;
    size_t oldcap = m->heap_cap;
    m->heap_slots = slots;
    m->heap_cap = cap;
    m->heap_tombs = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i] && old[i] != TOMB)
            heap_place(m, old[i]);
    kmem_free(k, old);
    return 0;
}

/* The header: the block's size, then 1 when it is a host mapping. */
static size_t heap_block_size(const void *user) {
    size_t n;
    memcpy(&n, (const char *)user - HEAP_HDR, sizeof n);
    return n;
}

static bool heap_block_mapped(const void *user) {
    size_t m;
    memcpy(&m, (const char *)user - HEAP_HDR + sizeof m, sizeof m);
    return m != 0;
}

static void heap_set_header(char *raw, size_t size, bool mapped) {
    size_t m = mapped;
    memcpy(raw, &size, sizeof size);
    memcpy(raw + sizeof size, &m, sizeof m);
}

static size_t heap_map_len(size_t size) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (size + HEAP_HDR + page - 1) & ~(page - 1);
}

/* Zeroed memory for a block of size bytes and its header, or NULL. */
static char *heap_raw_alloc(Kernel *k, size_t size, bool *mapped) {
    *mapped = size >= HEAP_MAP_MIN;
    if (!*mapped)
        return kmem_alloc(k, size + HEAP_HDR);
    void *raw = mmap(NULL, heap_map_len(size), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    kmem_unpoison(raw, heap_map_len(size));
    return raw;
}

static void heap_raw_free(Kernel *k, void *user) {
    char *raw = (char *)user - HEAP_HDR;
    if (heap_block_mapped(user)) {
        kmem_unpoison(raw, heap_map_len(heap_block_size(user)));
        munmap(raw, heap_map_len(heap_block_size(user)));
    }
    else
        kmem_free(k, raw);
}

/* Resize the block at user to size bytes, keeping its bytes; growth reads
 * as zero. Returns the header's new address, or NULL with the block as it
 * was. */
static char *heap_raw_resize(Kernel *k, void *user, size_t size) {
    char *raw = (char *)user - HEAP_HDR;
    size_t old = heap_block_size(user);
    bool was_mapped = heap_block_mapped(user);
    if (was_mapped || size >= HEAP_MAP_MIN) {
        char *to;
        if (was_mapped) {
            to = mremap(raw, heap_map_len(old), heap_map_len(size), MREMAP_MAYMOVE);
            if (to == MAP_FAILED)
                return NULL;
            /* new pages are zero; the rest of the old last page may not be */
            if (size > old)
                memset(to + HEAP_HDR + old, 0,
                       (heap_map_len(old) < heap_map_len(size) ? heap_map_len(old) - HEAP_HDR
                                                              : size) - old);
        } else {
            bool mapped;
            to = heap_raw_alloc(k, size, &mapped); /* grows past HEAP_MAP_MIN: a mapping now */
            if (!to)
                return NULL;
            memcpy(to + HEAP_HDR, user, old);
            kmem_free(k, raw);
        }
        heap_set_header(to, size, true);
        return to;
    }
    char *to = kmem_realloc(k, raw, size + HEAP_HDR);
    if (!to)
        return NULL;
    if (size > old)
        memset(to + HEAP_HDR + old, 0, size - old); /* as a new block, the growth reads as zero */
    heap_set_header(to, size, false);
    return to;
}

static void *heap_new_block(Kernel *k, Proc *p, size_t size) {
    if (!mem_fits(k, p->acct, size) || heap_reserve(k, p) < 0)
        return NULL;
    bool mapped;
    char *raw = heap_raw_alloc(k, size, &mapped);
    if (!raw)
        return NULL;
    mem_charge(k, p->acct, MEM_HEAP, size); /* fits: cannot fail */
    heap_set_header(raw, size, mapped);
    void *user = raw + HEAP_HDR;
    heap_place(p->mem, user);
    p->heap_blocks++;
    return user;
}

static void heap_drop_block(Kernel *k, Proc *p, void **slot) {
    void *user = *slot;
    size_t size = heap_block_size(user);
    *slot = TOMB;
    ((ProcMem *)p->mem)->heap_tombs++;
    p->heap_blocks--;
    mem_uncharge(k, p->acct, MEM_HEAP, size);
    kmem_unpoison(user, size);
    heap_raw_free(k, user);
}

int64_t ksys_heap_alloc(Kernel *k, const SyscallArgs *a) {
    size_t size = ARG_SIZE(0);
    if (size == 0 || size > MEM_SIZE_MAX)
        return -AX_EINVAL;
    void *user = heap_new_block(k, k->cur, size);
    return user ? (int64_t)(uintptr_t)user : -AX_ENOMEM;
}

int64_t ksys_heap_free(Kernel *k, const SyscallArgs *a) {
    void *ptr = ARG_PTR(void *, 0);
    if (!ptr)
        return 0;
    void **slot = heap_find(k->cur->mem, ptr);
    if (!slot)
        return -AX_EINVAL;
    heap_drop_block(k, k->cur, slot);
    return 0;
}

int64_t ksys_heap_realloc(Kernel *k, const SyscallArgs *a) {
    Proc *p = k->cur;
    void *ptr = ARG_PTR(void *, 0);
    size_t size = ARG_SIZE(1);
    if (size == 0 || size > MEM_SIZE_MAX)
        return -AX_EINVAL;
    if (!ptr) {
        void *user = heap_new_block(k, p, size);
        return user ? (int64_t)(uintptr_t)user : -AX_ENOMEM;
    }
    if (!heap_find(p->mem, ptr))
        return -AX_EINVAL;
    size_t old = heap_block_size(ptr);
    if (size > old && !mem_fits(k, p->acct, size - old))
        return -AX_ENOMEM;
    /* Room for the new address first: after the resize nothing may fail. */
    if (heap_reserve(k, p) < 0)
        return -AX_ENOMEM;
    kmem_unpoison(ptr, old);
    char *raw = heap_raw_resize(k, ptr, size);
    if (!raw)
        return -AX_ENOMEM; /* the old block is untouched */
    if (size > old) {
        mem_charge(k, p->acct, MEM_HEAP, size - old); /* fits: checked above */
    } else {
        mem_uncharge(k, p->acct, MEM_HEAP, old - size);
    }
    void *user = raw + HEAP_HDR;
    if (user != ptr) {
        void **slot = heap_find(p->mem, ptr);
        *slot = TOMB;
        ((ProcMem *)p->mem)->heap_tombs++;
        heap_place(p->mem, user);
    }
    return (int64_t)(uintptr_t)user;
}

void heap_release_all(Kernel *k, Proc *p) {
    ProcMem *m = p->mem;
    for (size_t i = 0; i < m->heap_cap; i++)
        if (m->heap_slots[i] && m->heap_slots[i] != TOMB)
            heap_drop_block(k, p, &m->heap_slots[i]);
    kmem_free(k, m->heap_slots);
    m->heap_slots = NULL;
    m->heap_cap = 0;
    m->heap_tombs = 0;
}
