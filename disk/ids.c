/* The set of node ids a disk holds, with the sync epoch that last saw
 * each: after a walk, the ids not seen are the nodes that are gone.
 * Open addressing with linear probing; ids are never 0. */
#include "disk/disk.h"
#include "kernel/kmem.h"

static size_t slot_of(const IdSet *s, uint64_t id)
{
    uint64_t h = id * 0x9e3779b97f4a7c15ULL;
    return (size_t)(h >> 17) & (s->cap - 1);
}

static int grow(Kernel *k, IdSet *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *ids = kmem_alloc(k, cap * sizeof *ids);
    uint32_t *epoch = kmem_alloc(k, cap * sizeof *epoch);
    if (!ids || !epoch) {
        kmem_free(k, ids);
        kmem_free(k, epoch);
        return -AX_ENOMEM;
    }
    IdSet n = {ids, epoch, cap, 0};
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->ids[i])
            continue;
        size_t j = slot_of(&n, s->ids[i]);
        while (n.ids[j])
            j = (j + 1) & (cap - 1);
        n.ids[j] = s->ids[i];
        n.epoch[j] = s->epoch[i];
        n.count++;
    }
    kmem_free(k, s->ids);
    kmem_free(k, s->epoch);
    *s = n;
    return 0;
}

int ids_add(Kernel *k, IdSet *s, uint64_t id, uint32_t epoch)
{
    if ((s->count + 1) * 4 > s->cap * 3 && grow(k, s) < 0)
        return -AX_ENOMEM;
    size_t i = slot_of(s, id);
    while (s->ids[i] && s->ids[i] != id)
        i = (i + 1) & (s->cap - 1);
    if (!s->ids[i])
        s->count++;
    s->ids[i] = id;
    s->epoch[i] = epoch;
    return 0;
}

bool ids_mark(IdSet *s, uint64_t id, uint32_t epoch)
{
    if (!s->cap)
        return false;
    for (size_t i = slot_of(s, id); s->ids[i]; i = (i + 1) & (s->cap - 1)) {
        if (s->ids[i] == id) {
            s->epoch[i] = epoch;
            return true;
        }
    }
    return false;
}

/* Take slot i out, moving later entries of its probe run back (backward
 * shift deletion, so lookups never meet a hole inside a run). */
static void remove_at(IdSet *s, size_t i)
{
    size_t mask = s->cap - 1;
    s->ids[i] = 0;
    s->count--;
    for (size_t j = (i + 1) & mask; s->ids[j]; j = (j + 1) & mask) {
        size_t home = slot_of(s, s->ids[j]);
        /* can the entry at j move back to i? only if i lies between its
         * home and j, cyclically */
        if (((j - home) & mask) >= ((j - i) & mask)) {
            s->ids[i] = s->ids[j];
            s->epoch[i] = s->epoch[j];
            s->ids[j] = 0;
            i = j;
        }
    }
}

int ids_sweep(IdSet *s, uint32_t epoch, int (*fn)(void *ud, uint64_t id), void *ud)
{
    for (size_t i = 0; i < s->cap;) {
        if (!s->ids[i] || s->epoch[i] == epoch) {
            i++;
            continue;
        }
        int r = fn(ud, s->ids[i]);
        if (r < 0)
            return r;
        remove_at(s, i); /* something may have moved into i: look again */
    }
    return 0;
}

void ids_free(Kernel *k, IdSet *s)
{
    kmem_free(k, s->ids);
    kmem_free(k, s->epoch);
    *s = (IdSet){0};
}
