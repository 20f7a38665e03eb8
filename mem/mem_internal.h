/* Memory room internals: per-process accounting, the region table, the
 * shm segment table and the heap's block set.
 *
 * Who is charged for what:
 *   - a private region or a heap block: its process and the system;
 *   - a shm segment: the system, once, from shmget to its destruction;
 *   - a shm attachment: the attaching process only (as RSS counts shared
 *     pages), since the system already pays for the segment. */
#ifndef AXOS_MEM_MEM_INTERNAL_H
#define AXOS_MEM_MEM_INTERNAL_H

#include "kernel/account.h"
#include "mem/mem.h"

/* Largest region, segment or heap block: far beyond any real use, and it
 * keeps size + header arithmetic from wrapping. */
#define MEM_SIZE_MAX ((uint64_t)1 << 40)

typedef struct ShmSeg {
    int shmid;
    int key;            /* AX_IPC_PRIVATE once removed, as Linux shows it */
    uint64_t size;
    uint32_t nattch;
    bool removed;       /* AX_IPC_RMID given: no new attaches */
    int creator_pid, last_pid;
    uint64_t ctime, atime, dtime;
    IpcOwner owner;     /* owner, creator and mode (kernel/cred.h) */
    unsigned char *data; /* right after the header, in the same block */
} ShmSeg;

/* A slot of a process's region table. The region id is the slot index. */
typedef struct Region {
    unsigned char *data; /* NULL: the slot is free */
    uint64_t size;
    int prot;            /* AX_PROT_* */
    ShmSeg *seg;         /* the segment of an attachment; NULL: private */
} Region;

typedef struct ProcMem {
    /* regions and attachments, indexed by region id */
    Region *regions;
    size_t region_cap;
    size_t region_hint;  /* no free slot below this index */
    uint64_t nprivate, nattached;
    /* the heap: an open-addressing set of live block addresses, so a bad
     * pointer given to heap_free is recognised without touching it */
    void **heap_slots;
    size_t heap_cap;    /* power of two, or 0 */
    size_t heap_tombs;
} ProcMem;

/* The room's kernel-wide state (Kernel.shm). */
typedef struct ShmState {
    uint64_t shm_bytes;       /* sizes of live segments */
    ShmSeg **segs;            /* live segments, in shmid order */
    size_t nsegs, segs_cap;
    int next_shmid;
} ShmState;

/* May m have one more region or attachment (KernelConfig.max_regions)? */
static inline bool region_room(const Kernel *k, const ProcMem *m) {
    return m->nprivate + m->nattached < k->cfg.max_regions;
}

/* The live region with that id, or NULL: the lookup of every region call,
 * so it is inline. */
static inline Region *region_get(ProcMem *m, int id) {
    if (id < 0 || (size_t)id >= m->region_cap || !m->regions[id].data)
        return NULL;
    return &m->regions[id];
}

/* Region table (region.c). region_slot finds (growing the table) the lowest free id:
 * >= 0, or -AX_ENOMEM with nothing visible changed. region_release frees
 * or detaches one region and clears its slot. */
int region_slot(Kernel *k, ProcMem *m);
void region_release(Kernel *k, Proc *p, int id);
void region_release_all(Kernel *k, Proc *p);

/* shm (shm.c): drop one attachment of seg (nothing else about the region),
 * destroying seg when it was removed and this was the last. */
void shm_detach(Kernel *k, Proc *p, ShmSeg *seg);
void shm_fini(Kernel *k);

void heap_release_all(Kernel *k, Proc *p);

#endif
