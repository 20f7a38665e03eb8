/* u_heap_check: walk the heap and check every invariant uheap.h states.
 * For tests and tools; O(blocks). */
#include "uheap.h"
#include "ulib_internal.h"

#define FAIL_IF(cond)                                                                              \
    do {                                                                                           \
        if (cond)                                                                                  \
            return -1;                                                                             \
    } while (0)

/* The blocks of one chunk of small blocks, in address order. */
static int check_chunk(const UChunk *c, UHeapStats *st)
{
    char *end = (char *)c->base + c->size;
    UBlock *b = uh_first_block(c);
    int prev_free = 0;
    size_t prev_size = 0;
    for (;;) {
        FAIL_IF((char *)b + UH_HDR > end);
        size_t head = b_head(b);
        size_t size = head & ~(size_t)UB_FLAGS;
        FAIL_IF(!!(head & UB_PREV_FREE) != prev_free);
        FAIL_IF(prev_free && get_word(&b->prev_size) != prev_size);
        if (size == 0) { /* the sentinel, at the very end */
            FAIL_IF((char *)b + UH_HDR != end || (head & ~(size_t)UB_PREV_FREE));
            return 0;
        }
        FAIL_IF(size < UH_MIN_BLOCK || size % UH_ALIGN || (head & UB_LARGE));
        FAIL_IF(!!(head & UB_FIRST) != (b == uh_first_block(c)));
        FAIL_IF((size_t)(end - (char *)b) < size + UH_HDR);
        int is_free = !!(head & UB_FREE);
        FAIL_IF(is_free && prev_free); /* free neighbours are always merged */
        if (is_free) {
            st->free_blocks++;
            st->free_bytes += size;
        } else {
            st->used_blocks++;
            st->used_bytes += size;
        }
        prev_free = is_free;
        prev_size = size;
        b = b_at(b, size);
    }
}

/* Every list holds free blocks of its own size range, linked both ways,
 * and the bitmaps say which lists hold any. Returns the blocks seen, or
 * -1. `bound` stops a walk that would loop. */
static long check_lists(const UHeap *h, size_t bound)
{
    size_t seen = 0;
    for (unsigned fl = 0; fl < UH_FL_COUNT; fl++) {
        FAIL_IF(!!(h->fl_map & (1u << fl)) != !!h->sl_map[fl]);
        for (unsigned sl = 0; sl < UH_SL_COUNT; sl++) {
            UBlock *b = h->lists[fl][sl];
            FAIL_IF(!!(h->sl_map[fl] & (1u << sl)) != !!b);
            UBlock *prev = NULL;
            for (; b; prev = b, b = get_link(&b->next_free)) {
                FAIL_IF(++seen > bound);
                size_t head = b_head(b);
                FAIL_IF(!(head & UB_FREE) || get_link(&b->prev_free) != prev);
                unsigned f, s;
                map_size(head & ~(size_t)UB_FLAGS, &f, &s);
                FAIL_IF(f != fl || s != sl);
            }
        }
    }
    return (long)seen;
}

static int check_quick(const UHeap *h, UHeapStats *st)
{
    size_t total = 0;
    for (unsigned c = 0; c < UH_QUICK_CLASSES; c++) {
        size_t n = 0;
        for (UBlock *b = h->quick[c]; b; b = get_link(&b->next_free)) {
            FAIL_IF(++n > uh_quick_limit(c));
            size_t head = b_head(b);
            FAIL_IF(head & (UB_FREE | UB_LARGE));
            FAIL_IF((head & ~(size_t)UB_FLAGS) != (c + 2) * 16);
            FAIL_IF(get_link(&b->prev_free) != (const UBlock *)h);
            st->used_bytes -= (c + 2) * 16; /* free to the program */
        }
        FAIL_IF(n + h->quick_room[c] != uh_quick_limit(c));
        total += n;
    }
    FAIL_IF(total != h->quick_total);
    st->cached_blocks = total;
    return 0;
}

static int check_large(const UHeap *h, UHeapStats *st)
{
    const UChunk *prev = NULL;
    for (const UChunk *c = h->large; c; prev = c, c = c->next) {
        FAIL_IF(c->prev != prev || c->base != c);
        FAIL_IF(++st->large_blocks > ((size_t)1 << 40));
        /* the block follows the header, after an alignment gap */
        UBlock *b = NULL;
        for (char *at = (char *)(c + 1); at + UH_HDR <= (char *)c->base + c->size; at += UH_ALIGN)
            if ((size_t)(at - (char *)c) == get_word(&((UBlock *)at)->prev_size)) {
                b = (UBlock *)at;
                break;
            }
        FAIL_IF(!b);
        size_t head = b_head(b);
        FAIL_IF(!(head & UB_LARGE) || (head & (UB_FREE | UB_FIRST)));
        FAIL_IF((head & ~(size_t)UB_FLAGS) + ((char *)b - (char *)c) != c->size);
        st->chunks++;
        st->chunk_bytes += c->size;
        st->used_blocks++;
        st->used_bytes += c->size;
    }
    return 0;
}

int uh_check(UHeap *h, UHeapStats *st)
{
    const UChunk *prev = NULL;
    int newest_seen = 0, home_seen = 0;
    for (const UChunk *c = h->chunks; c; prev = c, c = c->next) {
        FAIL_IF(c->prev != prev);
        FAIL_IF(c != h->home && c->base != c);
        newest_seen |= c == h->newest;
        home_seen |= c == h->home;
        st->chunks++;
        st->chunk_bytes += c->size;
        FAIL_IF(check_chunk(c, st) < 0);
    }
    FAIL_IF(!newest_seen || !home_seen);
    FAIL_IF(check_lists(h, st->free_blocks) != (long)st->free_blocks);
    FAIL_IF(check_quick(h, st) < 0);
    st->used_blocks -= st->cached_blocks;
    return check_large(h, st);
}

int u_heap_check(UHeapStats *out)
{
    UHeapStats st = {0};
    UArea *a = ulib_area_if_made();
    int rc = a ? uh_check(&((UHome *)a)->heap, &st) : 0;
    if (out)
        *out = st;
    return rc;
}
