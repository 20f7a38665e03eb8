/* Whole 64 KiB file blocks, carved out of 2 MiB host mappings.
 *
 * Filling fresh memory is what a large write costs: the host faults every
 * 4 KiB page in and zeroes it, and on a virtual machine that is most of
 * the time (a host tmpfs pays the same). A 2 MiB mapping aligned to 2 MiB,
 * with MADV_HUGEPAGE, lets the host back it with one huge page where it
 * can: one fault for 32 blocks. Like task stacks, this is host address
 * space rather than kernel heap, so it is outside KernelConfig.alloc; the
 * memory limits still count every block (fdata.c charges them).
 *
 * A chunk with free slots is on the partial list; allocation takes the
 * lowest free slot of the first one. A freed slot's pages go back to the
 * host at once (MADV_DONTNEED) unless its chunk empties, in which case
 * the whole chunk is unmapped: memory is returned as files shrink. */
#include <sys/mman.h>

#include "vfs/internal.h"

#define FPOOL_CHUNK ((size_t)2 << 20)
#define FPOOL_SLOTS ((unsigned)(FPOOL_CHUNK / FDATA_BLOCK)) /* 32 */
#define FPOOL_FULL ((uint32_t)((1ull << FPOOL_SLOTS) - 1))

struct FChunk {
    unsigned char *base;     /* FPOOL_CHUNK bytes, 2 MiB aligned */
    uint32_t used;           /* bit i: slot i holds a block */
    FChunk *prev, *next;     /* the partial list (chunks with a free slot) */
};

/* A mapping of FPOOL_CHUNK bytes aligned to FPOOL_CHUNK: map twice the
 * size and give back what lies outside the aligned part. */
static unsigned char *fpool_map(void) {
    size_t span = 2 * FPOOL_CHUNK;
    unsigned char *raw = mmap(NULL, span, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    uintptr_t at = ((uintptr_t)raw + FPOOL_CHUNK - 1) & ~(uintptr_t)(FPOOL_CHUNK - 1);
    unsigned char *base = (unsigned char *)at;
    if (base > raw)
        munmap(raw, (size_t)(base - raw));
    size_t tail = (size_t)(raw + span - (base + FPOOL_CHUNK));
    if (tail)
        munmap(base + FPOOL_CHUNK, tail);
#ifdef MADV_HUGEPAGE
    madvise(base, FPOOL_CHUNK, MADV_HUGEPAGE); /* advice: refusal is harmless */
#endif
    kmem_unpoison(base, FPOOL_CHUNK);
    return base;
}

static void fpool_partial_add(FPool *p, FChunk *c) {
    c->prev = NULL;
    c->next = p->partial;
    if (p->partial)
        p->partial->prev = c;
    p->partial = c;
}

static void fpool_partial_remove(FPool *p, FChunk *c) {
    if (c->prev)
        c->prev->next = c->next;
    else
        p->partial = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->prev = c->next = NULL;
}

unsigned char *fpool_alloc(Kernel *k, FPool *p, FChunk **chunk) {
    FChunk *c = p->partial;
    if (!c) {
        c = kmem_alloc(k, sizeof *c);
        if (!c)
            return NULL;
        if (!(c->base = fpool_map())) {
            kmem_free(k, c);
            return NULL;
        }
        p->chunks++;
        fpool_partial_add(p, c);
    }
    unsigned slot = (unsigned)__builtin_ctz(~c->used);
    c->used |= 1u << slot;
    if (c->used == FPOOL_FULL)
        fpool_partial_remove(p, c);
    *chunk = c;
    return c->base + (size_t)slot * FDATA_BLOCK;
}

void fpool_free(Kernel *k, FPool *p, FChunk *c, unsigned char *data) {
    unsigned slot = (unsigned)((size_t)(data - c->base) / FDATA_BLOCK);
    if (c->used == FPOOL_FULL)
        fpool_partial_add(p, c);
    c->used &= ~(1u << slot);
    if (c->used == 0) {
        fpool_partial_remove(p, c);
        kmem_unpoison(c->base, FPOOL_CHUNK);
        munmap(c->base, FPOOL_CHUNK);
        kmem_free(k, c);
        p->chunks--;
        return;
    }
    /* its pages go back to the host; a new block there reads as zeros */
    madvise(data, FDATA_BLOCK, MADV_DONTNEED);
}
