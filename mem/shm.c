/* SysV-like shared memory: segments named by a key, attached into the
 * region tables of processes.
 *
 * An attachment's region points at the segment's own bytes, so a write by
 * one attacher is visible to every other at once: there is no private copy,
 * and shm_sync / shm_refresh have nothing to do but check their argument.
 * A segment lives from shmget until AX_IPC_RMID has been given and its
 * last attachment is gone (detach, exit, exec or kill); one that is never
 * removed lives until the kernel does, as SysV segments outlive their
 * creators. shmids count up from 0 and are never reused, so a stale id
 * cannot reach a newer segment. */
#include <limits.h>
#include <string.h>

#include "kernel/timer.h"
#include "mem/mem_internal.h"
#include "syscall/handlers.h"

#define SHM_MAX_SEGMENTS AX_SHMMNI
#define SHM_FLAGS_OK ((uint64_t)(AX_IPC_CREAT | AX_IPC_EXCL | 0777))
#define SHM_PROT_OK ((uint64_t)(AX_PROT_READ | AX_PROT_WRITE | AX_PROT_EXEC))
/* The bytes follow the header in one block, 16-byte aligned. */
#define SHM_HDR ((sizeof(ShmSeg) + 15) & ~(size_t)15)

/* Index of shmid in the table (sorted: ids only grow), or -1. */
static long shm_index(const ShmState *s, int shmid) {
    size_t lo = 0, hi = s->nsegs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int id = s->segs[mid]->shmid;
        if (id == shmid)
            return (long)mid;
        if (id < shmid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static ShmSeg *shm_find(const ShmState *s, int shmid) {
    long i = shm_index(s, shmid);
    return i < 0 ? NULL : s->segs[i];
}

/* The live segment with this key; removed ones have lost theirs. */
static ShmSeg *shm_find_key(const ShmState *s, int key) {
    for (size_t i = 0; i < s->nsegs; i++)
        if (s->segs[i]->key == key && !s->segs[i]->removed)
            return s->segs[i];
    return NULL;
}

static int64_t shm_create(Kernel *k, int key, uint64_t size, uint32_t mode) {
    ShmState *s = k->shm;
    if (size == 0 || size > MEM_SIZE_MAX)
        return -AX_EINVAL;
    if (s->nsegs >= SHM_MAX_SEGMENTS || s->next_shmid == INT_MAX)
        return -AX_ENOSPC;
    if (!mem_fits_system(k, size))
        return -AX_ENOMEM;
    if (kmem_grow(k, &s->segs, &s->segs_cap, sizeof *s->segs, s->nsegs + 1, 8) < 0)
        return -AX_ENOMEM;
    ShmSeg *seg = kmem_alloc(k, SHM_HDR + (size_t)size);
    if (!seg)
        return -AX_ENOMEM;
    seg->shmid = s->next_shmid++;
    seg->key = key;
    seg->size = size;
    seg->creator_pid = k->cur->pid;
    cred_ipc_owner_init(&seg->owner, &k->cur->cred, mode);
    seg->ctime = clock_now(k);
    seg->data = (unsigned char *)seg + SHM_HDR;
    s->segs[s->nsegs++] = seg;
    s->shm_bytes += size;
    mem_add_system(k, MEM_SHM, size);
    return seg->shmid;
}

static void shm_destroy(Kernel *k, ShmSeg *seg) {
    ShmState *s = k->shm;
    size_t i = (size_t)shm_index(s, seg->shmid);
    memmove(&s->segs[i], &s->segs[i + 1], (s->nsegs - i - 1) * sizeof *s->segs);
    s->nsegs--;
    s->shm_bytes -= seg->size;
    mem_sub_system(k, MEM_SHM, seg->size);
    kmem_free(k, seg);
}

void shm_detach(Kernel *k, Proc *p, ShmSeg *seg) {
    seg->nattch--;
    seg->dtime = clock_now(k);
    seg->last_pid = p->pid;
    if (seg->removed && seg->nattch == 0)
        shm_destroy(k, seg);
}

void shm_fini(Kernel *k) {
    ShmState *s = k->shm;
    for (size_t i = 0; i < s->nsegs; i++)
        kmem_free(k, s->segs[i]);
    kmem_free(k, s->segs);
    s->segs = NULL;
    s->nsegs = s->segs_cap = 0;
}

static void shm_fill_info(const ShmSeg *seg, ShmInfo *info) {
    memset(info, 0, sizeof *info);
    info->shmid = seg->shmid;
    info->key = seg->key;
    info->size = seg->size;
    info->attach_count = seg->nattch;
    info->creator_pid = seg->creator_pid;
    info->last_pid = seg->last_pid;
    info->removed = seg->removed;
    info->ctime_ns = seg->ctime;
    info->atime_ns = seg->atime;
    info->dtime_ns = seg->dtime;
    info->mode = seg->owner.mode;
    info->uid = seg->owner.uid;
    info->gid = seg->owner.gid;
    info->cuid = seg->owner.cuid;
    info->cgid = seg->owner.cgid;
}

/* The caller's attachment with this region id, or NULL. */
static Region *shm_attachment(Kernel *k, int id) {
    Region *r = region_get(k->cur->mem, id);
    return r && r->seg ? r : NULL;
}

/* ---- syscalls ---- */

int64_t ksys_shmget(Kernel *k, const SyscallArgs *a) {
    int key = ARG_INT(0);
    uint64_t size = ARG_U64(1), flags = ARG_U64(2);
    if (flags & ~SHM_FLAGS_OK)
        return -AX_EINVAL;
    if (key != AX_IPC_PRIVATE) {
        ShmSeg *seg = shm_find_key(k->shm, key);
        if (seg) {
            if ((flags & AX_IPC_CREAT) && (flags & AX_IPC_EXCL))
                return -AX_EEXIST;
            /* the access the flags' bits ask, as Linux's ipc_check_perms */
            int want = (int)(((flags >> 6) | (flags >> 3) | flags) & 7);
            int denied = cred_ipc_access(&k->cur->cred, &seg->owner, want);
            if (denied)
                return denied;
            if (size > seg->size)
                return -AX_EINVAL;
            return seg->shmid;
        }
        if (!(flags & AX_IPC_CREAT))
            return -AX_ENOENT;
    }
    return shm_create(k, key, size, (uint32_t)flags & 0777);
}

int64_t ksys_shmat(Kernel *k, const SyscallArgs *a) {
    ShmSeg *seg = shm_find(k->shm, ARG_INT(0));
    uint64_t prot = ARG_U64(1);
    if (!seg || (prot & ~SHM_PROT_OK))
        return -AX_EINVAL;
    /* read, and write for a writable attachment; before EIDRM (Linux) */
    int denied = cred_ipc_access(&k->cur->cred, &seg->owner,
                                 (prot & AX_PROT_WRITE) ? AX_R_OK | AX_W_OK : AX_R_OK);
    if (denied)
        return denied;
    if (seg->removed)
        return -AX_EIDRM;
    Proc *p = k->cur;
    ProcMem *m = p->mem;
    if (!mem_fits_account(p->acct, seg->size) || !region_room(k, m))
        return -AX_ENOMEM;
    int id = region_slot(k, m);
    if (id < 0)
        return id;
    m->regions[id] = (Region){.data = seg->data, .size = seg->size, .prot = (int)prot, .seg = seg};
    mem_add_account(p->acct, MEM_SHM, seg->size);
    m->nattached++;
    k->nregions++;
    seg->nattch++;
    seg->atime = clock_now(k);
    seg->last_pid = p->pid;
    return id;
}

int64_t ksys_shmdt(Kernel *k, const SyscallArgs *a) {
    int id = ARG_INT(0);
    if (!shm_attachment(k, id))
        return -AX_EINVAL;
    region_release(k, k->cur, id);
    return 0;
}

int64_t ksys_shmctl(Kernel *k, const SyscallArgs *a) {
    ShmSeg *seg = shm_find(k->shm, ARG_INT(0));
    int cmd = ARG_INT(1);
    ShmInfo *info = ARG_PTR(ShmInfo *, 2);
    if (!seg)
        return -AX_EINVAL;
    int denied = cmd == AX_IPC_STAT ? cred_ipc_access(&k->cur->cred, &seg->owner, AX_R_OK)
                 : cmd == AX_IPC_RMID || cmd == AX_IPC_SET
                     ? cred_ipc_control(&k->cur->cred, &seg->owner)
                     : 0;
    if (denied)
        return denied;
    switch (cmd) {
    case AX_IPC_STAT:
        if (!info)
            return -AX_EFAULT;
        shm_fill_info(seg, info);
        return 0;
    case AX_IPC_SET: {
        if (!info)
            return -AX_EFAULT;
        int r = cred_ipc_set(&seg->owner, info->uid, info->gid, info->mode);
        if (r < 0)
            return r;
        seg->ctime = clock_now(k); /* shm_ctime: the last change, as Linux */
        return 0;
    }
    case AX_IPC_RMID:
        /* Its key goes at once, so shmget(key) makes a fresh segment. */
        seg->removed = true;
        seg->key = AX_IPC_PRIVATE;
        if (seg->nattch == 0)
            shm_destroy(k, seg);
        return 0;
    default:
        return -AX_EINVAL;
    }
}

int64_t ksys_shm_sync(Kernel *k, const SyscallArgs *a) {
    return shm_attachment(k, ARG_INT(0)) ? 0 : -AX_EINVAL;
}

int64_t ksys_shm_refresh(Kernel *k, const SyscallArgs *a) {
    return shm_attachment(k, ARG_INT(0)) ? 0 : -AX_EINVAL;
}

int64_t ksys_shm_list(Kernel *k, const SyscallArgs *a) {
    ShmInfo *out = ARG_PTR(ShmInfo *, 0);
    size_t count = ARG_SIZE(1);
    const ShmState *s = k->shm;
    if (!out && count)
        return -AX_EFAULT;
    for (size_t i = 0; i < count && i < s->nsegs; i++)
        shm_fill_info(s->segs[i], &out[i]);
    return (int64_t)s->nsegs;
}
