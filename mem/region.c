/* Memory regions: a process's table of zero-filled byte ranges, each with
 * a protection, named by a small id local to the process (the lowest free
 * one, as fds are). Attachments of shm segments live in the same table
 * (shm.c makes them) and point at the segment's own bytes, so mem_read and
 * mem_write serve both with one lookup and one memcpy. */
#include <limits.h>
#include <string.h>

#include "mem/mem_internal.h"
#include "syscall/handlers.h"

#define PROT_ALL ((uint64_t)(AX_PROT_READ | AX_PROT_WRITE | AX_PROT_EXEC))
#define REGION_CAP_MIN 16

int region_slot(Kernel *k, ProcMem *m) {
    for (size_t i = m->region_hint; i < m->region_cap; i++)
        if (!m->regions[i].data) {
            m->region_hint = i;
            return (int)i;
        }
    size_t cap = m->region_cap ? m->region_cap * 2 : REGION_CAP_MIN;
    if (cap > (size_t)INT_MAX)
        return -AX_ENOMEM; /* ids are ints */
    Region *r = kmem_realloc(k, m->regions, cap * sizeof *r);
    if (!r)
        return -AX_ENOMEM;
    memset(r + m->region_cap, 0, (cap - m->region_cap) * sizeof *r);
    size_t id = m->region_cap;
    m->regions = r;
    m->region_cap = cap;
    m->region_hint = id;
    return (int)id;
}

void region_release(Kernel *k, Proc *p, int id) {
    ProcMem *m = p->mem;
    Region *r = &m->regions[id];
    if (r->seg) {
        mem_sub_account(p->acct, MEM_SHM, r->size);
        m->nattached--;
        shm_detach(k, p, r->seg);
    } else {
        mem_uncharge(k, p->acct, MEM_REGION, r->size);
        m->nprivate--;
        kmem_free(k, r->data);
    }
    memset(r, 0, sizeof *r);
    if ((size_t)id < m->region_hint)
        m->region_hint = (size_t)id;
    k->nregions--;
}

/* Exit and exec: every region goes, attachments detach. */
void region_release_all(Kernel *k, Proc *p) {
    ProcMem *m = p->mem;
    for (size_t i = 0; i < m->region_cap; i++)
        if (m->regions[i].data)
            region_release(k, p, (int)i);
    kmem_free(k, m->regions);
    m->regions = NULL;
    m->region_cap = 0;
    m->region_hint = 0;
}

/* ---- syscalls ---- */

int64_t ksys_mem_alloc(Kernel *k, const SyscallArgs *a) {
    uint64_t size = ARG_U64(0), prot = ARG_U64(1);
    if (size == 0 || size > MEM_SIZE_MAX || (prot & ~PROT_ALL))
        return -AX_EINVAL;
    Proc *p = k->cur;
    ProcMem *m = p->mem;
    /* Limits before the allocation: a refused call touches no figure. */
    if (!mem_fits(k, p->acct, size) || !region_room(k, m))
        return -AX_ENOMEM;
    int id = region_slot(k, m);
    if (id < 0)
        return id;
    unsigned char *data = kmem_alloc(k, (size_t)size);
    if (!data)
        return -AX_ENOMEM;
    mem_charge(k, p->acct, MEM_REGION, size); /* fits, checked above */
    m->regions[id] = (Region){.data = data, .size = size, .prot = (int)prot};
    m->nprivate++;
    k->nregions++;
    return id;
}

int64_t ksys_mem_free(Kernel *k, const SyscallArgs *a) {
    int id = ARG_INT(0);
    if (!region_get(k->cur->mem, id))
        return -AX_EINVAL;
    region_release(k, k->cur, id);
    return 0;
}

/* The hot pair: one lookup, the checks, one memcpy; nothing allocated.
 * Both take (region, offset, buf, n); this checks what they share, in the
 * documented order, and gives the region or NULL with *err set. */
static inline const Region *region_io(Kernel *k, const SyscallArgs *a, int need, int64_t *err) {
    const Region *r = region_get(k->cur->mem, ARG_INT(0));
    if (!r)
        *err = -AX_EINVAL;
    else if (!a->a[2] && a->a[3])
        *err = -AX_EFAULT;
    else if (!(r->prot & need))
        *err = -AX_EACCES;
    else
        return r;
    return NULL;
}

int64_t ksys_mem_read(Kernel *k, const SyscallArgs *a) {
    int64_t err;
    const Region *r = region_io(k, a, AX_PROT_READ, &err);
    if (!r)
        return err;
    uint64_t off = ARG_U64(1);
    size_t n = ARG_SIZE(3);
    if (off >= r->size)
        return 0;
    if (n > r->size - off)
        n = (size_t)(r->size - off);
    if (n) /* buf may be NULL when n is 0 */
        memcpy(ARG_PTR(void *, 2), r->data + off, n);
    return (int64_t)n;
}

int64_t ksys_mem_write(Kernel *k, const SyscallArgs *a) {
    int64_t err;
    const Region *r = region_io(k, a, AX_PROT_WRITE, &err);
    if (!r)
        return err;
    uint64_t off = ARG_U64(1);
    size_t n = ARG_SIZE(3);
    if (off > r->size)
        return -AX_EINVAL;
    if (n > r->size - off)
        n = (size_t)(r->size - off);
    if (n)
        memcpy(r->data + off, ARG_PTR(const void *, 2), n);
    return (int64_t)n;
}

int64_t ksys_mem_protect(Kernel *k, const SyscallArgs *a) {
    Region *r = region_get(k->cur->mem, ARG_INT(0));
    uint64_t prot = ARG_U64(1);
    if (!r || (prot & ~PROT_ALL))
        return -AX_EINVAL;
    r->prot = (int)prot;
    return 0;
}
