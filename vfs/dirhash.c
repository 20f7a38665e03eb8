/* A directory's entries: an open-addressing hash table with linear
 * probing and backward-shift deletion (no tombstones, so a table that has
 * seen many removals probes as fast as a fresh one).
 *
 * Load stays at most 3/4 (doubling on growth), so a lookup costs a few
 * probes whether the directory holds ten names or a million. Slots hold
 * pointers to entries, which keep their full hash: a probe compares the
 * hash before the name. Lookups allocate nothing. */
#include <string.h>

#include "vfs/internal.h"

#define DIRTAB_MIN_CAP 8

/* FNV-1a over the bytes, then a 64-bit finalizer so that the low bits
 * (the slot index) depend on every byte. */
uint64_t dirtab_hash(const char *name, size_t len) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)name[i];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

DirEnt *dirtab_find(const DirTable *t, const char *name, size_t len, uint64_t hash) {
    if (t->count == 0)
        return NULL;
    size_t mask = t->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        DirEnt *e = t->slots[i];
        if (!e)
            return NULL;
        if (e->hash == hash && e->len == len && memcmp(e->name, name, len) == 0)
            return e;
    }
}

static void place(DirEnt **slots, size_t cap, DirEnt *e) {
    size_t mask = cap - 1;
    size_t i = e->hash & mask;
    while (slots[i])
        i = (i + 1) & mask;
    slots[i] = e;
}

/* Move every entry into a fresh array of new_cap slots. */
static int rehash(Kernel *k, DirTable *t, size_t new_cap) {
    DirEnt **slots = NULL;
    if (new_cap) {
        slots = kmem_alloc(k, new_cap * sizeof *slots);
        if (!slots)
            return -AX_ENOMEM;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i])
                place(slots, new_cap, t->slots[i]);
    }
    kmem_free(k, t->slots);
    t->slots = slots;
    t->cap = new_cap;
    return 0;
}

int dirtab_reserve(Kernel *k, DirTable *t, size_t extra) {
    size_t need = t->count + extra;
    if (need < t->count)
        return -AX_ENOMEM;
    if (need * 4 <= t->cap * 3)
        return 0;
    size_t cap = t->cap ? t->cap : DIRTAB_MIN_CAP;
    while (need * 4 > cap * 3) {
        if (cap > SIZE_MAX / 2 / sizeof(DirEnt *))
            return -AX_ENOMEM;
        cap *= 2;
    }
    return rehash(k, t, cap);
}

void dirtab_insert(DirTable *t, DirEnt *e) {
    place(t->slots, t->cap, e);
    t->count++;
}

void dirtab_remove(DirTable *t, DirEnt *e) {
    size_t mask = t->cap - 1;
    size_t i = e->hash & mask;
    while (t->slots[i] != e)
        i = (i + 1) & mask;
    /* Backward shift: pull later entries of the probe run into the hole
     * when their home slot does not lie (cyclically) between the hole and
     * their current slot. */
    for (size_t j = (i + 1) & mask;; j = (j + 1) & mask) {
        DirEnt *f = t->slots[j];
        if (!f)
            break;
        size_t home = f->hash & mask;
        if (((j - home) & mask) >= ((j - i) & mask)) {
            t->slots[i] = f;
            i = j;
        }
    }
    t->slots[i] = NULL;
    t->count--;
}

void dirtab_shrink(Kernel *k, DirTable *t) {
    /* Give memory back once the table is mostly empty; failing to shrink
     * is harmless. */
    if (t->count == 0)
        rehash(k, t, 0);
    else if (t->cap > DIRTAB_MIN_CAP && t->count * 8 < t->cap)
        rehash(k, t, t->cap / 2);
}

DirEnt *dirtab_next(const DirTable *t, size_t *pos) {
    for (size_t i = *pos; i < t->cap; i++) {
        if (t->slots[i]) {
            *pos = i + 1;
            return t->slots[i];
        }
    }
    *pos = t->cap;
    return NULL;
}
