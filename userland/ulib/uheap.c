/* The user-space allocator: u_malloc and friends over chunks from the
 * kernel. The layout and the reasons for it are in uheap.h.
 *
 * Nothing here yields: the only syscalls are sys_heap_alloc, _realloc and
 * _free, and each is made while the heap is consistent, so a signal
 * handler that runs on the way out of one finds a usable heap. */
#include <string.h>

#include "uheap.h"

/* ---- the segregated free lists ---- */

static void list_insert(UHeap *h, UBlock *b, size_t size)
{
    unsigned fl, sl;
    map_size(size, &fl, &sl);
    UBlock *first = h->lists[fl][sl];
    set_link(&b->next_free, first);
    set_link(&b->prev_free, NULL);
    if (first)
        set_link(&first->prev_free, b);
    h->lists[fl][sl] = b;
    h->fl_map |= 1u << fl;
    h->sl_map[fl] |= 1u << sl;
}

static void list_remove(UHeap *h, UBlock *b, size_t size)
{
    UBlock *next = get_link(&b->next_free), *prev = get_link(&b->prev_free);
    if (next)
        set_link(&next->prev_free, prev);
    if (prev) {
        set_link(&prev->next_free, next);
        return;
    }
    unsigned fl, sl;
    map_size(size, &fl, &sl);
    h->lists[fl][sl] = next;
    if (!next) {
        h->sl_map[fl] &= ~(1u << sl);
        if (!h->sl_map[fl])
            h->fl_map &= ~(1u << fl);
    }
}

/* The smallest block size list_take(size) is sure to find: size rounded
 * up to the start of a list. */
static inline size_t list_fit(size_t size)
{
    if (size < ((size_t)1 << UH_FL_SHIFT))
        return size;
    unsigned f = 63u - (unsigned)__builtin_clzll(size);
    size_t g = (size_t)1 << (f - UH_SL_BITS);
    return (size + g - 1) & ~(g - 1);
}

/* A free block of at least size bytes (taken off its list), or NULL.
 * The search starts at the list where every block fits, so it is a few
 * bit operations rather than a walk. */
static UBlock *list_take(UHeap *h, size_t size)
{
    unsigned fl, sl;
    map_size(list_fit(size), &fl, &sl);
    if (fl >= UH_FL_COUNT)
        return NULL;
    uint32_t slm = h->sl_map[fl] & (~0u << sl);
    if (!slm) {
        uint32_t flm = h->fl_map & (~0u << fl) & ~(1u << fl);
        if (!flm)
            return NULL;
        fl = (unsigned)__builtin_ctz(flm);
        slm = h->sl_map[fl];
    }
    sl = (unsigned)__builtin_ctz(slm);
    UBlock *b = h->lists[fl][sl];
    list_remove(h, b, b_size(b));
    return b;
}

/* ---- chunks ---- */

_Static_assert(sizeof(UChunk) % UH_ALIGN == 0, "a chunk's first block must stay aligned");

static void chunk_link(UChunk **list, UChunk *c)
{
    c->prev = NULL;
    c->next = *list;
    if (*list)
        (*list)->prev = c;
    *list = c;
}

static void chunk_unlink(UChunk **list, UChunk *c)
{
    if (c->prev)
        c->prev->next = c->next;
    else
        *list = c->next;
    if (c->next)
        c->next->prev = c->prev;
}

/* Lay out c as a chunk of small blocks ending at end (exclusive): one
 * free block, then the sentinel. Returns the block (on no list yet). */
static UBlock *chunk_format(UChunk *c, char *end)
{
    UBlock *b = uh_first_block(c);
    UBlock *sentinel = (UBlock *)(end - UH_HDR);
    size_t size = (size_t)((char *)sentinel - (char *)b);
    POISON(b, (size_t)(end - (char *)b));
    set_word(&b->head, size | UB_FREE | UB_FIRST);
    set_word(&sentinel->prev_size, size);
    set_word(&sentinel->head, UB_PREV_FREE); /* size 0 and in use: merging stops here */
    return b;
}

void uh_init(UHeap *h, void *base, size_t size, size_t used)
{
    memset(h, 0, sizeof *h);
    used = (used + UH_ALIGN - 1) & ~(size_t)(UH_ALIGN - 1);
    UChunk *c = (UChunk *)((char *)base + used);
    c->base = base;
    c->size = size;
    UBlock *b = chunk_format(c, (char *)base + size);
    chunk_link(&h->chunks, c);
    h->home = h->newest = c;
    for (unsigned q = 0; q < UH_QUICK_CLASSES; q++)
        h->quick_room[q] = (uint8_t)uh_quick_limit(q);
    h->next_chunk = UH_HOME_CHUNK * 2;
    list_insert(h, b, b_size(b));
}

/* Is chunk c one free block? */
static int chunk_empty(const UChunk *c)
{
    UBlock *b = uh_first_block(c);
    size_t head = b_head(b);
    return (head & UB_FREE) && b_head(b_at(b, head & ~(size_t)UB_FLAGS)) == UB_PREV_FREE;
}

/* Give an empty chunk back; its block must be on no list. */
static void chunk_release(UHeap *h, UChunk *c)
{
    chunk_unlink(&h->chunks, c);
    UNPOISON(c->base, c->size);
    sys_heap_free(c->base);
}

static void free_block(UHeap *h, UBlock *b);

/* Ask the kernel for a chunk with room for a block of `size` bytes and
 * put its space on the free lists. 0, or -1 when the kernel refuses. */
static int heap_grow(UHeap *h, size_t size)
{
    size_t need = list_fit(size) + sizeof(UChunk) + UH_HDR;
    size_t want = h->next_chunk > need ? h->next_chunk : need;
    SyscallResult r = sys_heap_alloc(want);
    if (r.error != AX_OK && want > need) {
        want = need; /* near the memory limit: only what this block needs */
        r = sys_heap_alloc(want);
    }
    if (r.error != AX_OK)
        return -1;
    UChunk *c = (UChunk *)(uintptr_t)r.value;
    c->base = c;
    c->size = want;
    UBlock *b = chunk_format(c, (char *)c + want);
    /* The newest chunk is kept when it empties, so a loop that fills and
     * empties it does not trade chunks with the kernel. The one it was
     * until now goes if it is empty. */
    UChunk *old = h->newest;
    chunk_link(&h->chunks, c);
    h->newest = c;
    if (old != h->home && chunk_empty(old)) {
        UBlock *ob = uh_first_block(old);
        list_remove(h, ob, b_size(ob));
        chunk_release(h, old);
    }
    if (h->next_chunk < UH_CHUNK_MAX)
        h->next_chunk *= 2;
    list_insert(h, b, b_size(b));
    return 0;
}

/* ---- blocks ---- */

/* Free block b (its head holds its size and flags, UB_FREE clear):
 * merge it with free neighbours, then put it on its list, or give its
 * chunk back when it is the whole of a chunk the heap can spare. */
static void free_block(UHeap *h, UBlock *b)
{
    size_t head = b_head(b);
    size_t size = head & ~(size_t)UB_FLAGS;
    POISON(b_payload(b), size - UH_HDR);
    UBlock *next = b_at(b, size);
    size_t nhead = b_head(next);
    if (nhead & UB_FREE) {
        size_t nsize = nhead & ~(size_t)UB_FLAGS;
        list_remove(h, next, nsize);
        size += nsize;
        next = b_at(b, size);
        nhead = b_head(next);
    }
    if (head & UB_PREV_FREE) {
        size_t psize = get_word(&b->prev_size);
        b = (UBlock *)((char *)b - psize);
        list_remove(h, b, psize);
        size += psize;
        head = b_head(b);
    }
    /* no two free blocks touch, so the merged block's previous is in use */
    set_word(&b->head, size | (head & UB_FIRST) | UB_FREE);
    set_word(&next->prev_size, size);
    set_word(&next->head, nhead | UB_PREV_FREE);
    if ((head & UB_FIRST) && (nhead & ~(size_t)UB_FLAGS) == 0) {
        UChunk *c = uh_chunk_of_first(b);
        if (c != h->newest && c != h->home) {
            chunk_release(h, c);
            return;
        }
    }
    list_insert(h, b, size);
}

/* Cut b down to `want` bytes, freeing the rest when it can be a block. */
static void split_tail(UHeap *h, UBlock *b, size_t want)
{
    size_t size = b_size(b);
    if (size - want < UH_MIN_BLOCK)
        return;
    UBlock *rest = b_at(b, want);
    set_word(&rest->head, size - want); /* its previous (b) is in use */
    b_set_size(b, want);
    free_block(h, rest);
}

static void quick_flush(UHeap *h)
{
    for (unsigned c = 0; c < UH_QUICK_CLASSES; c++) {
        UBlock *b = h->quick[c];
        while (b) {
            UBlock *next = get_link(&b->next_free);
            free_block(h, b);
            b = next;
        }
        h->quick[c] = NULL;
        h->quick_room[c] = (uint8_t)uh_quick_limit(c);
    }
    h->quick_total = 0;
}

void u_heap_trim(void)
{
    void **slot = sys_tls();
    if (slot && *slot)
        quick_flush(&((UHome *)*slot)->heap);
}

/* A block of at least `size` bytes, marked in use and not yet trimmed,
 * or NULL when the kernel has no more memory for the process. */
static UBlock *take_block(UHeap *h, size_t size)
{
    UBlock *b;
    while (!(b = list_take(h, size))) {
        if (h->quick_total)
            quick_flush(h); /* merged, they may make room */
        else if (heap_grow(h, size) < 0)
            return NULL;
    }
    size_t head = b_head(b);
    set_word(&b->head, head & ~(size_t)UB_FREE);
    b_flag(b_at(b, head & ~(size_t)UB_FLAGS), UB_PREV_FREE, 0);
    return b;
}

/* ---- large blocks: a kernel block each ----
 * [UChunk][... alignment gap ...][block head][payload]: the head's
 * prev_size holds the offset of the block from the chunk, its size the
 * bytes from the block to the chunk's end. */

#define LARGE_HDR (sizeof(UChunk) + UH_HDR)

static inline int is_large_request(size_t n)
{
    return n >= UH_LARGE_MIN - UH_OVERHEAD;
}

static void *large_alloc(UHeap *h, size_t n, size_t align)
{
    size_t gap = align > UH_ALIGN ? align : 0;
    if (n > SIZE_MAX / 2 - LARGE_HDR - gap)
        return NULL;
    size_t total = (LARGE_HDR + gap + n + UH_ALIGN - 1) & ~(size_t)(UH_ALIGN - 1);
    SyscallResult r = sys_heap_alloc(total);
    if (r.error != AX_OK)
        return NULL;
    UChunk *c = (UChunk *)(uintptr_t)r.value;
    c->base = c;
    c->size = total;
    uintptr_t p = (uintptr_t)c + LARGE_HDR;
    if (gap)
        p = (p + align - 1) & ~(uintptr_t)(align - 1);
    UBlock *b = b_of((void *)p);
    size_t off = (size_t)((char *)b - (char *)c);
    POISON((char *)c + sizeof *c, total - sizeof *c);
    set_word(&b->prev_size, off);
    set_word(&b->head, (total - off) | UB_LARGE);
    chunk_link(&h->large, c);
    UNPOISON((void *)p, n);
    return (void *)p;
}

static UChunk *large_chunk(UBlock *b)
{
    return (UChunk *)((char *)b - get_word(&b->prev_size));
}

static void large_free(UHeap *h, UBlock *b)
{
    UChunk *c = large_chunk(b);
    chunk_unlink(&h->large, c);
    UNPOISON(c->base, c->size);
    sys_heap_free(c->base);
}

/* Resize a large block that has no alignment gap through the kernel,
 * which grows it in place when the host can. */
static void *large_resize(UHeap *h, UBlock *b, size_t n)
{
    UChunk *c = large_chunk(b);
    size_t total = (LARGE_HDR + n + UH_ALIGN - 1) & ~(size_t)(UH_ALIGN - 1);
    chunk_unlink(&h->large, c);
    UNPOISON(c->base, c->size);
    SyscallResult r = sys_heap_realloc(c->base, total);
    if (r.error != AX_OK) {
        chunk_link(&h->large, c); /* untouched */
        return NULL;
    }
    c = (UChunk *)(uintptr_t)r.value;
    c->base = c;
    c->size = total;
    chunk_link(&h->large, c);
    b = uh_first_block(c);
    POISON(b, total - sizeof *c);
    set_word(&b->prev_size, sizeof *c);
    set_word(&b->head, (total - sizeof *c) | UB_LARGE);
    UNPOISON(b_payload(b), n);
    return b_payload(b);
}

/* ---- the interface ---- */

/* A block from the free lists, or from a new chunk. */
static __attribute__((noinline)) void *alloc_small(UHeap *h, size_t n)
{
    size_t size = uh_block_size(n);
    UBlock *b = take_block(h, size);
    if (!b)
        return NULL;
    split_tail(h, b, size);
    UNPOISON(b_payload(b), n);
    return b_payload(b);
}

void *u_malloc(size_t n)
{
    UHome *home = uh_home();
    if (__builtin_expect(!home, 0))
        return NULL;
    UHeap *h = &home->heap;
    void *p;
    if (__builtin_expect(n <= UH_QUICK_MAX - UH_OVERHEAD, 1)) {
        p = uh_alloc_quick(h, n);
        if (!p)
            p = alloc_small(h, n);
    } else {
        p = is_large_request(n) ? large_alloc(h, n, UH_ALIGN) : alloc_small(h, n);
    }
    if (p)
        JUNK(p, n);
    return p;
}

void *u_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    size_t n = count * size;
    UHome *home = uh_home();
    if (!home)
        return NULL;
    UHeap *h = &home->heap;
    if (is_large_request(n))
        return large_alloc(h, n, UH_ALIGN); /* the kernel zeroes new blocks */
    void *p = n <= UH_QUICK_MAX - UH_OVERHEAD ? uh_alloc_quick(h, n) : NULL;
    if (!p)
        p = alloc_small(h, n);
    if (p)
        memset(p, 0, n);
    return p;
}

/* The heap a block handed out belongs to: the caller's, which must exist
 * by now. */
static inline UHeap *heap_of(void)
{
#ifdef ULIB_HOME_CACHE
    if (__builtin_expect(ulib_home_cache != NULL, 1))
        return &ulib_home_cache->heap;
#endif
    void **slot = sys_tls();
    if (!slot || !*slot)
        uh_corrupt("free of a block this process never allocated");
    return &((UHome *)*slot)->heap;
}

void uh_check_quick_twice(UHeap *h, unsigned c, UBlock *b)
{
    for (UBlock *q = h->quick[c]; q; q = get_link(&q->next_free))
        if (q == b)
            uh_corrupt("double free");
}

/* Free a block that is not on the quick path. */
void uh_free_slow(UHeap *h, void *p)
{
    UBlock *b = b_of(p);
    size_t head = b_head(b);
    if (head & UB_FREE)
        uh_corrupt("double free");
    if (head & UB_LARGE)
        large_free(h, b);
    else
        free_block(h, b);
}

void u_free(void *p)
{
    if (!p)
        return;
    UHeap *h = heap_of();
    if (__builtin_expect(!uh_free_quick(h, p), 0))
        uh_free_slow(h, p);
}

size_t u_malloc_usable_size(void *p)
{
    if (!p)
        return 0;
    UBlock *b = b_of(p);
    size_t head = b_head(b);
    size_t n = (head & ~(size_t)UB_FLAGS) - ((head & UB_LARGE) ? UH_HDR : UH_OVERHEAD);
    UNPOISON(p, n); /* the caller may use all of it now */
    return n;
}

/* Move p's first `keep` bytes to a new block of n bytes. */
static void *realloc_move(void *p, size_t keep, size_t n)
{
    void *q = u_malloc(n);
    if (!q)
        return NULL;
    UNPOISON(p, keep); /* the tail past the old request may be poisoned */
    memcpy(q, p, keep < n ? keep : n);
    u_free(p);
    return q;
}

void *u_realloc(void *p, size_t n)
{
    if (!p)
        return u_malloc(n);
    UHeap *h = heap_of();
    UBlock *b = b_of(p);
    size_t head = b_head(b);
    if (head & UB_FREE)
        uh_corrupt("realloc of a freed block");
    size_t size = head & ~(size_t)UB_FLAGS;
    if (head & UB_LARGE) {
        size_t usable = size - UH_HDR;
        /* a block that shrinks a lot moves to the chunks; one with an
         * alignment gap moves rather than lose its alignment */
        if (n < UH_LARGE_MIN / 2 || get_word(&b->prev_size) != sizeof(UChunk))
            return realloc_move(p, usable, n);
        void *q = large_resize(h, b, n);
        if (q && n > usable)
            JUNK((char *)q + usable, n - usable);
        return q;
    }
    size_t usable = size - UH_OVERHEAD;
    if (is_large_request(n))
        return realloc_move(p, usable, n);
    size_t want = uh_block_size(n);
    if (want > size) {
        /* grow into a free neighbour when there is one big enough */
        UBlock *next = b_at(b, size);
        size_t nhead = b_head(next);
        size_t nsize = nhead & ~(size_t)UB_FLAGS;
        if (!(nhead & UB_FREE) || size + nsize < want)
            return realloc_move(p, usable, n);
        list_remove(h, next, nsize);
        b_set_size(b, size + nsize);
        b_flag(b_at(b, size + nsize), UB_PREV_FREE, 0);
    }
    split_tail(h, b, want);
    UNPOISON(p, n);
    POISON((char *)p + n, b_size(b) - UH_OVERHEAD - n);
    if (n > usable)
        JUNK((char *)p + usable, n - usable);
    return p;
}

void *u_memalign(size_t align, size_t n)
{
    if (!align || (align & (align - 1)))
        return NULL;
    if (align <= UH_ALIGN)
        return u_malloc(n);
    UHome *home = uh_home();
    if (!home)
        return NULL;
    UHeap *h = &home->heap;
    if (n > SIZE_MAX / 4 || is_large_request(n + align + UH_MIN_BLOCK)) {
        void *p = large_alloc(h, n, align);
        if (p)
            JUNK(p, n);
        return p;
    }
    /* a block with room for an aligned one and a free block before it */
    size_t want = uh_block_size(n);
    UBlock *b = take_block(h, want + align + UH_MIN_BLOCK);
    if (!b)
        return NULL;
    uintptr_t p = (uintptr_t)b_payload(b);
    uintptr_t at = (p + align - 1) & ~(uintptr_t)(align - 1);
    if (at != p) {
        if (at - p < UH_MIN_BLOCK)
            at += align;
        size_t front = at - p;
        UBlock *nb = b_at(b, front);
        set_word(&nb->head, b_size(b) - front);
        b_set_size(b, front);
        free_block(h, b); /* it sets nb's UB_PREV_FREE */
        b = nb;
    }
    split_tail(h, b, want);
    UNPOISON(b_payload(b), n);
    JUNK(b_payload(b), n);
    return b_payload(b);
}
