/* Regular file data: fixed-size blocks found through a radix tree.
 *
 * A file's bytes live in blocks of FDATA_BLOCK (64 KiB) bytes, block i
 * holding bytes [i * 64 KiB, (i + 1) * 64 KiB). A block that was never
 * written is a hole: it takes no memory and reads as zeros. A block is
 * allocated the first time a write reaches it, at the smallest power of
 * two (from 64 bytes) that holds what was written, and grows by doubling
 * up to the full 64 KiB: so a small file costs about its size, a large
 * one whole blocks, and nothing is ever copied as a file grows beyond one
 * block (the old single buffer doubled and copied, and stopped at 1 GiB).
 * Partial blocks are kernel heap; whole ones come from fpool.c.
 *
 * The blocks hang from a radix tree of 64-way nodes whose height grows
 * with the highest block (a tree of height h reaches 64^h blocks; height
 * 0 is one block, the root itself). Offsets go to INT64_MAX, block
 * numbers to 2^47: at most 8 levels.
 *
 * Every allocated byte of a block beyond the file's size is zero (a
 * truncation zeroes the tail it cuts off), so growing the size by
 * ftruncate or by a write past the end needs no zeroing of old blocks.
 *
 * Accounting: a block is charged to the process that last grew it (the
 * writer, as a memory cgroup charges a page), which it holds a reference
 * to until the block is freed; nodes are charged to the system only. */
#include <string.h>

#include "kernel/account.h"
#include "vfs/internal.h"

#define FDATA_FAN_SHIFT 6
#define FDATA_FAN (1u << FDATA_FAN_SHIFT)
#define FDATA_MIN_CAP 64

typedef struct FBlock {
    MemAccount *acct;    /* charged for cap bytes; NULL: the system alone */
    unsigned char *data; /* cap bytes */
    FChunk *chunk;       /* a whole block's pool chunk; NULL: data is kmem */
    uint32_t cap;        /* bytes of data, a power of two up to FDATA_BLOCK */
} FBlock;

typedef struct FNode {
    void *slot[FDATA_FAN];
} FNode;

/* Blocks a tree of height h reaches (h <= 8; 64^8 = 2^48 > 2^47). */
static uint64_t fdata_reach(unsigned h) {
    return (uint64_t)1 << (FDATA_FAN_SHIFT * h);
}

static FBlock *fdata_get(const FData *d, uint64_t index) {
    if (index >= fdata_reach(d->height))
        return NULL;
    void *p = d->root;
    for (unsigned h = d->height; h > 0 && p; h--)
        p = ((FNode *)p)->slot[(index >> (FDATA_FAN_SHIFT * (h - 1))) & (FDATA_FAN - 1)];
    return p;
}

/* Nodes fdata_slot would create for index: new roots to raise the
 * height, and the missing part of the path. */
static unsigned fdata_missing_nodes(const FData *d, uint64_t index) {
    unsigned h = d->height;
    while (index >= fdata_reach(h))
        h++;
    if (!d->root)
        return h; /* an empty tree: the whole path */
    if (h > d->height) /* the path leaves the old root aside: all of it is new */
        return (h - d->height) + (h - 1);
    const void *p = d->root;
    for (unsigned l = d->height; l > 0; l--) {
        p = ((const FNode *)p)->slot[(index >> (FDATA_FAN_SHIFT * (l - 1))) & (FDATA_FAN - 1)];
        if (!p)
            return l - 1;
    }
    return 0;
}

/* A node, charged to the system (the caller checked that it fits). */
static FNode *fdata_node_new(Kernel *k, FData *d) {
    FNode *n = kmem_alloc(k, sizeof *n);
    if (n) {
        d->nodes++;
        mem_charge(k, NULL, MEM_FILE, sizeof *n);
    }
    return n;
}

/* The slot block index hangs from, creating the path to it. NULL when a
 * node cannot be allocated: the nodes made so far stay, empty. */
static void **fdata_slot(Kernel *k, FData *d, uint64_t index) {
    if (!d->root) {
        while (index >= fdata_reach(d->height))
            d->height++;
    }
    while (index >= fdata_reach(d->height)) {
        FNode *up = fdata_node_new(k, d);
        if (!up)
            return NULL;
        up->slot[0] = d->root;
        d->root = up;
        d->height++;
    }
    void **slot = &d->root;
    for (unsigned h = d->height; h > 0; h--) {
        if (!*slot && !(*slot = fdata_node_new(k, d)))
            return NULL;
        slot = &((FNode *)*slot)->slot[(index >> (FDATA_FAN_SHIFT * (h - 1))) & (FDATA_FAN - 1)];
    }
    return slot;
}

static uint32_t fdata_cap_for(size_t need) {
    uint32_t cap = FDATA_MIN_CAP;
    while (cap < need)
        cap *= 2;
    return cap;
}

static void fdata_prune(Kernel *k, FData *d, uint64_t index);

/* Memory for cap bytes of block data, the first `keep` of them copied
 * from b's (b NULL: none). A whole block comes zeroed from the pool;
 * a partial one from the kernel heap, zeroed past keep by the caller.
 * NULL when the host refuses. */
static unsigned char *fdata_buf(Kernel *k, FBlock *b, uint32_t cap, uint32_t keep, FChunk **chunk) {
    *chunk = NULL;
    if (cap < FDATA_BLOCK)
        return kmem_realloc(k, b ? b->data : NULL, cap);
    unsigned char *data = fpool_alloc(k, &k->vfs->fpool, chunk);
    if (data && keep)
        memcpy(data, kmem_unpoisoned(b->data, keep), keep);
    return data;
}

static void fdata_buf_free(Kernel *k, unsigned char *data, FChunk *chunk) {
    if (chunk)
        fpool_free(k, &k->vfs->fpool, chunk, data);
    else
        kmem_free(k, data);
}

/* Make block index hold bytes [from, need) for a write (need <=
 * FDATA_BLOCK), charging the writer `a`. Every byte the block gains
 * outside that range is zero. Returns the block, or NULL (ENOSPC: a
 * limit, or no memory) with the block's bytes as they were. */
static FBlock *fdata_reserve(Kernel *k, FData *d, uint64_t index, size_t from, size_t need,
                             MemAccount *a) {
    FBlock *b = fdata_get(d, index);
    if (b && b->cap >= need)
        return b;
    uint32_t cap = fdata_cap_for(need), old = b ? b->cap : 0;
    uint64_t nodes = b ? 0 : fdata_missing_nodes(d, index) * (uint64_t)sizeof(FNode);
    /* the writer pays for the whole block it now holds; the system for the
     * growth and the nodes */
    if (!mem_fits_account(a, b && b->acct == a ? cap - old : cap) ||
        !mem_fits(k, NULL, nodes + cap - old))
        return NULL;
    void **slot = fdata_slot(k, d, index); /* b's own slot when it exists */
    FBlock *nb = b ? b : slot ? kmem_alloc(k, sizeof *nb) : NULL;
    FChunk *chunk;
    unsigned char *data = nb ? fdata_buf(k, b, cap, old, &chunk) : NULL;
    if (!data) {
        if (!b) { /* the nodes made for it go again */
            kmem_free(k, nb);
            fdata_prune(k, d, index);
        }
        return NULL;
    }
    if (!chunk) { /* heap memory: zero what the write will not cover */
        if (from > old)
            memset(data + old, 0, from - old);
        size_t tail = need > old ? need : old;
        memset(data + tail, 0, cap - tail);
    } else if (b) { /* moved from the heap into a pool slot */
        fdata_buf_free(k, b->data, b->chunk);
    }
    if (b) {
        mem_uncharge(k, b->acct, MEM_FILE, old);
        mem_account_release(k, b->acct);
    } else {
        d->blocks++;
    }
    nb->data = data;
    nb->chunk = chunk;
    nb->cap = cap;
    d->bytes += cap - old;
    nb->acct = mem_account_hold(a);
    mem_charge(k, a, MEM_FILE, cap); /* fits: checked above */
    *slot = nb;
    return nb;
}

static void fdata_block_free(Kernel *k, FData *d, FBlock *b) {
    mem_uncharge(k, b->acct, MEM_FILE, b->cap);
    mem_account_release(k, b->acct);
    fdata_buf_free(k, b->data, b->chunk);
    d->bytes -= b->cap;
    kmem_free(k, b);
    d->blocks--;
}

static void fdata_node_free(Kernel *k, FData *d, FNode *n) {
    kmem_free(k, n);
    d->nodes--;
    mem_uncharge(k, NULL, MEM_FILE, sizeof *n);
}

/* Free every block at or after block `from` below p (a subtree of height
 * h whose first block is `base`); returns true when p is left empty and
 * was freed. */
static bool fdata_cut(Kernel *k, FData *d, void *p, unsigned h, uint64_t base, uint64_t from) {
    if (h == 0) {
        if (base < from)
            return false;
        fdata_block_free(k, d, p);
        return true;
    }
    FNode *n = p;
    uint64_t span = fdata_reach(h - 1);
    bool empty = true;
    for (unsigned i = 0; i < FDATA_FAN; i++) {
        uint64_t first = base + i * span;
        if (!n->slot[i])
            continue;
        if (first + span > from && fdata_cut(k, d, n->slot[i], h - 1, first, from))
            n->slot[i] = NULL;
        else
            empty = false;
    }
    if (!empty)
        return false;
    fdata_node_free(k, d, n);
    return true;
}

/* Free the empty nodes on block index's path, from the bottom (the nodes
 * fdata_slot made for a block that could not be added after all). */
static void fdata_prune(Kernel *k, FData *d, uint64_t index) {
    FNode *path[8];
    void **slots[8];
    unsigned n = 0;
    void **slot = &d->root;
    for (unsigned h = d->height; h > 0 && *slot; h--) {
        path[n] = *slot;
        slots[n++] = slot;
        slot = &path[n - 1]->slot[(index >> (FDATA_FAN_SHIFT * (h - 1))) & (FDATA_FAN - 1)];
    }
    for (; n > 0; n--) {
        for (unsigned i = 0; i < FDATA_FAN; i++)
            if (path[n - 1]->slot[i])
                return;
        *slots[n - 1] = NULL;
        fdata_node_free(k, d, path[n - 1]);
    }
    d->height = 0; /* the root itself went */
}

void fdata_truncate(Kernel *k, FData *d, uint64_t size) {
    uint64_t from = (size + FDATA_BLOCK - 1) / FDATA_BLOCK; /* first block wholly past size */
    if (d->root && fdata_cut(k, d, d->root, d->height, 0, from)) {
        d->root = NULL;
        d->height = 0;
    }
    /* the block size ends in keeps zeros past it */
    FBlock *b = size % FDATA_BLOCK ? fdata_get(d, size / FDATA_BLOCK) : NULL;
    if (b && b->cap > size % FDATA_BLOCK)
        memset(b->data + size % FDATA_BLOCK, 0, b->cap - size % FDATA_BLOCK);
}

/* The part of a transfer of n bytes from pos that lies in one block, once
 * `done` bytes have moved: its length, with *off its offset in the block
 * and *index the block. */
static size_t fdata_span(uint64_t pos, size_t done, size_t n, size_t *off, uint64_t *index) {
    uint64_t at = pos + done;
    *off = (size_t)(at % FDATA_BLOCK);
    *index = at / FDATA_BLOCK;
    size_t chunk = FDATA_BLOCK - *off;
    return chunk < n - done ? chunk : n - done;
}

size_t fdata_read(const FData *d, uint64_t pos, void *buf, size_t n) {
    unsigned char *out = buf;
    size_t done = 0, off;
    uint64_t index;
    while (done < n) {
        size_t chunk = fdata_span(pos, done, n, &off, &index);
        const FBlock *b = fdata_get(d, index);
        size_t have = b && b->cap > off ? b->cap - off : 0;
        if (have > chunk)
            have = chunk;
        if (have)
            memcpy(out + done, kmem_unpoisoned(b->data + off, have), have);
        memset(out + done + have, 0, chunk - have); /* a hole, or past the block's end */
        done += chunk;
    }
    return done;
}

size_t fdata_write(Kernel *k, FData *d, uint64_t pos, const void *buf, size_t n, MemAccount *a) {
    const unsigned char *in = buf;
    size_t done = 0, off;
    uint64_t index;
    while (done < n) {
        size_t chunk = fdata_span(pos, done, n, &off, &index);
        FBlock *b = fdata_reserve(k, d, index, off, off + chunk, a);
        if (!b)
            break; /* a limit, or no memory: what went in stays */
        memcpy(kmem_unpoisoned(b->data + off, chunk), in + done, chunk);
        done += chunk;
    }
    return done;
}
