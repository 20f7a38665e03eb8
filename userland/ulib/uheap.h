/* The user-space allocator's private layout (uheap.c, heap_check.c,
 * area.c). Only ulib includes this.
 *
 * Memory comes from the kernel in chunks (sys_heap_alloc): they count
 * against the process's memory limit and the kernel frees them when the
 * process dies, so a dying process costs O(chunks), whatever it allocated.
 *
 * Inside a chunk, blocks follow each other with boundary tags:
 *
 *     block b: [prev_size][head = size|flags][payload ...................]
 *                                             ^ b + 16, 16-byte aligned
 *
 * size is the distance to the next block (a multiple of 16, at least 32).
 * prev_size is only meaningful while the previous block is free: in use,
 * that word is the last 8 bytes of the previous block's payload, so a
 * block of size S holds S - 8 bytes. Free blocks keep their free-list
 * links in the payload. A chunk ends with a sentinel head of size 0 that
 * is always "in use", so merging stops there.
 *
 * Free blocks sit in segregated lists indexed in two levels, TLSF-style:
 * the first level is the power of two under the size, the second splits
 * that range in UH_SL_COUNT equal parts, and two bitmaps find the
 * smallest non-empty list that fits in a few instructions. Adjacent free
 * blocks are always merged, so no two free blocks touch.
 *
 * In front of the lists, freed small blocks go to per-size quick lists
 * (LIFO, at most uh_quick_limit each: 8 KiB, 16 to 128 blocks) without merging; they still count as
 * in use for their neighbours. A malloc/free pair of a small size is then
 * a pop and a push. They are merged back before the heap asks the kernel
 * for more memory.
 *
 * Blocks of at least UH_LARGE_MIN bytes get a kernel block of their own
 * ("large"), which realloc resizes through sys_heap_realloc (in place when
 * the host can) and free hands straight back.
 */
#ifndef AXOS_ULIB_UHEAP_H
#define AXOS_ULIB_UHEAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ulib.h"

#define UH_ALIGN 16
#define UH_MIN_BLOCK 32
#define UH_HDR 16      /* block start to payload */
#define UH_OVERHEAD 8  /* bytes a used block costs beyond its payload */

/* head flags, in the low bits of the size */
#define UB_FREE 0x1      /* in a free list */
#define UB_PREV_FREE 0x2 /* the previous block is free: prev_size is valid */
#define UB_LARGE 0x4     /* a kernel block of its own; prev_size = offset from its chunk */
#define UB_FIRST 0x8     /* the first block of its chunk */
#define UB_FLAGS 0xf

/* second-level lists per first level, and the sizes the levels cover */
#define UH_SL_BITS 4
#define UH_SL_COUNT (1 << UH_SL_BITS)
#define UH_FL_SHIFT (UH_SL_BITS + 4) /* sizes under 256 share first level 0 */
#define UH_FL_COUNT 17               /* blocks up to 8 MiB */

/* quick lists: block sizes 32..UH_QUICK_MAX in steps of 16 */
#define UH_QUICK_MAX 1024
#define UH_QUICK_CLASSES (UH_QUICK_MAX / 16 - 1)

/* kernel blocks */
#define UH_LARGE_MIN (256 * 1024)        /* block sizes from here get their own */
#define UH_HOME_CHUNK (64 * 1024)        /* the first chunk (the user area's) */
#define UH_CHUNK_MAX (4 * 1024 * 1024)   /* later chunks double up to this */

typedef struct UBlock {
    size_t prev_size;
    size_t head;
    struct UBlock *next_free, *prev_free; /* only while free */
} UBlock;

/* The start of every kernel block the heap holds: chunks of small blocks
 * in one list, large blocks in another. */
typedef struct UChunk {
    struct UChunk *next, *prev;
    void *base;  /* what sys_heap_alloc returned */
    size_t size; /* bytes at base */
} UChunk;

typedef struct UHeap {
    uint32_t fl_map;                          /* bit f: some list of level f non-empty */
    uint32_t sl_map[UH_FL_COUNT];             /* bit s: list (f, s) non-empty */
    UBlock *lists[UH_FL_COUNT][UH_SL_COUNT];
    UBlock *quick[UH_QUICK_CLASSES];
    uint8_t quick_room[UH_QUICK_CLASSES];     /* blocks each list may still take */
    size_t quick_total;                       /* blocks on all quick lists */
    UChunk *chunks;                           /* chunks of small blocks, newest first */
    UChunk *home;                             /* the first chunk: never given back */
    UChunk *newest;                           /* the last chunk made: kept when empty */
    UChunk *large;                            /* large blocks */
    size_t next_chunk;                        /* size of the next chunk to ask for */
} UHeap;

/* What sits at the start of the home chunk, which the process's sys_tls()
 * slot points at: the public user area, then the heap. */
typedef struct UHome {
    UArea area;
    void (*exit_fns[U_ATEXIT_MAX])(void);
    int exit_count;
    UHeap heap;
} UHome;

/* How many blocks quick list c (blocks of (c + 2) * 16 bytes) holds at
 * most: about 8 KiB of them, so the lists keep little memory idle. */
static inline unsigned uh_quick_limit(unsigned c)
{
    unsigned n = 8192u / ((c + 2) * 16);
    return n < 16 ? 16 : n > 128 ? 128 : n;
}

/* The calling process's home, made with its first chunk on first use;
 * NULL when the first chunk cannot be had (or outside a process). */
UHome *uh_home_make(void **slot);
#ifdef ULIB_HOME_CACHE
/* Compiled into the POSIX layer, whose globals belong to one process (each
 * process runs its own copy of the program image): the layer keeps the
 * home in a global (posix/malloc.c), so malloc and free need no
 * sys_tls() call through the loader's table. NULL until the home is made,
 * and while a vfork child borrows the image (the child has a heap of its
 * own: ulib_home_cacheable() says 0 then). */
extern UHome *ulib_home_cache;
int ulib_home_cacheable(void);
#endif
static inline UHome *uh_home(void)
{
#ifdef ULIB_HOME_CACHE
    if (__builtin_expect(ulib_home_cache != NULL, 1))
        return ulib_home_cache;
#endif
    void **slot = sys_tls();
    UHome *home = __builtin_expect(slot && *slot, 1) ? *slot : uh_home_make(slot);
#ifdef ULIB_HOME_CACHE
    if (home && ulib_home_cacheable())
        ulib_home_cache = home;
#endif
    return home;
}

/* Set up the heap in the home chunk: base..base+size is the chunk, whose
 * first `used` bytes hold the home. */
void uh_init(UHeap *h, void *base, size_t size, size_t used);

/* A chunk's first block follows its header (sizeof(UChunk) keeps the
 * 16-byte alignment), and back. */
static inline UBlock *uh_first_block(const UChunk *c) { return (UBlock *)(c + 1); }
static inline UChunk *uh_chunk_of_first(const UBlock *b) { return (UChunk *)b - 1; }

#if defined(__SANITIZE_ADDRESS__)
#define UH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UH_ASAN 1
#endif
#endif

#ifdef UH_ASAN
#include <sanitizer/asan_interface.h>
/* Free space, block heads and the slack past a request are poisoned; the
 * allocator opens its own words only while it reads or writes them. */
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
/* New memory is filled with junk, so code that expects malloc to zero
 * fails in sanitizer builds rather than by chance. */
#define JUNK(p, n) memset((p), 0xbe, (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define JUNK(p, n) ((void)(p), (void)(n))
#endif

/* ---- block words: every access to the allocator's own words in the
 * heap goes through these, so sanitizer builds can keep them poisoned ---- */

static inline size_t get_word(const size_t *w)
{
    UNPOISON(w, sizeof *w);
    size_t v = *w;
    POISON(w, sizeof *w);
    return v;
}

static inline void set_word(size_t *w, size_t v)
{
    UNPOISON(w, sizeof *w);
    *w = v;
    POISON(w, sizeof *w);
}

static inline UBlock *get_link(UBlock *const *l)
{
    UNPOISON(l, sizeof *l);
    UBlock *v = *l;
    POISON(l, sizeof *l);
    return v;
}

static inline void set_link(UBlock **l, UBlock *v)
{
    UNPOISON(l, sizeof *l);
    *l = v;
    POISON(l, sizeof *l);
}

static inline size_t b_head(const UBlock *b) { return get_word(&b->head); }
static inline size_t b_size(const UBlock *b) { return b_head(b) & ~(size_t)UB_FLAGS; }
static inline void *b_payload(UBlock *b) { return (char *)b + UH_HDR; }
static inline UBlock *b_of(void *p) { return (UBlock *)((char *)p - UH_HDR); }
static inline UBlock *b_at(void *b, size_t off) { return (UBlock *)((char *)b + off); }

/* b's size, keeping its flags */
static inline void b_set_size(UBlock *b, size_t size)
{
    set_word(&b->head, size | (b_head(b) & UB_FLAGS));
}

static inline void b_flag(UBlock *b, size_t flag, int on)
{
    size_t h = b_head(b);
    set_word(&b->head, on ? h | flag : h & ~flag);
}

/* The free list (first level, second level) a block of `size` bytes
 * belongs on. */
static inline void map_size(size_t size, unsigned *fl, unsigned *sl)
{
    if (size < ((size_t)1 << UH_FL_SHIFT)) {
        *fl = 0;
        *sl = (unsigned)(size >> 4);
        return;
    }
    unsigned f = 63u - (unsigned)__builtin_clzll(size);
    *fl = f - UH_FL_SHIFT + 1;
    *sl = (unsigned)(size >> (f - UH_SL_BITS)) & (UH_SL_COUNT - 1);
}

/* Report heap corruption the program caused (a double free, a pointer
 * that is not a block) on fd 2 and end the process with SIGABRT. */
_Noreturn void uh_corrupt(const char *what);

/* Is a debug walk's view consistent? (heap_check.c) */
int uh_check(UHeap *h, UHeapStats *out);

/* ---- the fast paths, inline here so that the POSIX layer's malloc and
 * free (posix/malloc.c) reach them without a call ---- */

/* Block size for a request of n bytes (n below UH_LARGE_MIN). */
static inline size_t uh_block_size(size_t n)
{
    return n <= UH_MIN_BLOCK - UH_OVERHEAD ? UH_MIN_BLOCK
                                           : (n + UH_OVERHEAD + UH_ALIGN - 1) & ~(size_t)(UH_ALIGN - 1);
}

/* A block from the quick list of its size (n <= UH_QUICK_MAX -
 * UH_OVERHEAD), or NULL when that list is empty. */
static inline void *uh_alloc_quick(UHeap *h, size_t n)
{
    unsigned c = (unsigned)(uh_block_size(n) >> 4) - 2;
    UBlock *b = h->quick[c];
    if (__builtin_expect(!b, 0))
        return NULL;
    h->quick[c] = get_link(&b->next_free);
    set_link(&b->prev_free, NULL); /* no longer marked as on a quick list */
    h->quick_room[c]++;
    h->quick_total--;
    UNPOISON(b_payload(b), n);
    return b_payload(b);
}

/* A freed block on a quick list carries the heap's address in its second
 * word; a block freed again finds it there, and the list confirms it
 * (ending the process with "double free"). */
void uh_check_quick_twice(UHeap *h, unsigned c, UBlock *b);

/* Put block p (not NULL, handed out by h) on its quick list: 1, or 0 when
 * it is not a small block in use or its list is full (uh_free_slow). */
static inline int uh_free_quick(UHeap *h, void *p)
{
    UBlock *b = b_of(p);
    size_t head = b_head(b);
    /* small and in use (UB_FIRST and UB_PREV_FREE may be set) */
    if (__builtin_expect(head > (UH_QUICK_MAX | UB_FLAGS) || (head & UB_FREE), 0))
        return 0;
    size_t size = head & ~(size_t)UB_FLAGS;
    unsigned c = (unsigned)(size >> 4) - 2;
    if (__builtin_expect(h->quick_room[c] == 0, 0))
        return 0;
    if (__builtin_expect(get_link(&b->prev_free) == (UBlock *)h, 0))
        uh_check_quick_twice(h, c, b);
    POISON(p, size - UH_OVERHEAD);
    set_link(&b->next_free, h->quick[c]);
    set_link(&b->prev_free, (UBlock *)h);
    h->quick[c] = b;
    h->quick_room[c]--;
    h->quick_total++;
    return 1;
}

/* Free p the general way (double frees, large blocks, full quick lists). */
void uh_free_slow(UHeap *h, void *p);

#endif
