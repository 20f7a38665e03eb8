/* Fuzz ops: memory regions, shared memory, the process heap. */
#include <limits.h>

#include "fuzz.h"

static int fz_region(FzTask *t) {
    uint8_t b = fz_u8(t);
    if (b < 220)
        return b % 8;
    static const int odd[] = {-1, INT_MAX, INT_MIN, 4096};
    return odd[b % 4];
}

static size_t fz_mem_size(FzTask *t) {
    uint8_t b = fz_u8(t);
    if (b < 200)
        return (size_t)fz_u16(t) * (b % 3 == 0 ? 16 : 1); /* up to 1 MiB */
    static const size_t odd[] = {0, (size_t)1 << 40, ((size_t)1 << 40) + 1, SIZE_MAX, 1 << 24};
    return odd[b % 5];
}

static SyscallResult op_mem_alloc(FzTask *t) {
    size_t size = fz_mem_size(t);
    int prot = (fz_u8(t) % 8 == 0) ? (int)fz_u32(t) : fz_u8(t) % 8;
    fz_arm(t, "mem_alloc");
    return sys_mem_alloc(size, prot);
}

static SyscallResult op_mem_free(FzTask *t) {
    int r = fz_region(t);
    fz_arm(t, (fz_u8(t) & 1) ? "shmdt" : "mem_free");
    return t->call[0] == 's' ? sys_shmdt(r) : sys_mem_free(r);
}

static SyscallResult op_mem_rw(FzTask *t) {
    int r = fz_region(t);
    uint8_t b = fz_u8(t);
    size_t off = (b & 0x80) ? (size_t)fz_off(t) : fz_u16(t);
    size_t n = fz_size(t, FZ_SCRATCH);
    if (n > FZ_SCRATCH)
        n = FZ_SCRATCH; /* no AX_EINVAL promise for sizes here: keep them true */
    void *buf = (b % 16 == 0) ? NULL : t->scratch;
    if (b & 1) {
        fz_arm(t, "mem_read");
        return sys_mem_read(r, off, buf, n);
    }
    fz_arm(t, "mem_write");
    return sys_mem_write(r, off, buf, n);
}

static SyscallResult op_mem_protect(FzTask *t) {
    int r = fz_region(t);
    int prot = (fz_u8(t) % 8 == 0) ? (int)fz_u32(t) : fz_u8(t) % 8;
    fz_arm(t, "mem_protect");
    return sys_mem_protect(r, prot);
}

static SyscallResult op_memstats(FzTask *t) {
    uint8_t b = fz_u8(t);
    uint64_t limit = (b & 0x10) ? (uint64_t)fz_mem_size(t) : 0;
    fz_arm(t, "memstats");
    switch (b % 3) {
    case 0:
        return sys_memstats((b & 8) ? NULL : (MemStats *)t->scratch);
    case 1:
        return sys_system_memstats((b & 8) ? NULL : (SystemMemStats *)t->scratch);
    default:
        return sys_set_memlimit(limit);
    }
}

static SyscallResult op_shmget(FzTask *t) {
    int key = fz_u8(t) % 4;
    size_t size = fz_mem_size(t);
    uint8_t b = fz_u8(t);
    int flags = b < 200 ? ((b & 1) ? AX_IPC_CREAT : 0) | ((b & 2) ? AX_IPC_EXCL : 0) | 0600
                        : (int)fz_u32(t);
    fz_arm(t, "shmget");
    return sys_shmget(key, size, flags);
}

static SyscallResult op_shmat(FzTask *t) {
    int id = fz_u8(t) % 6 - 1;
    int prot = fz_u8(t) % 8;
    fz_arm(t, "shmat");
    return sys_shmat(id, prot);
}

static SyscallResult op_shmctl(FzTask *t) {
    int id = fz_u8(t) % 6 - 1;
    uint8_t b = fz_u8(t);
    int cmd = b % 4; /* 1, 3: unknown */
    ShmInfo *info = (b & 8) ? NULL : (ShmInfo *)t->scratch;
    fz_arm(t, "shmctl");
    switch (b % 7) {
    case 4:
        return sys_shm_sync(fz_region(t));
    case 5:
        return sys_shm_refresh(fz_region(t));
    case 6:
        return sys_shm_list(info, (b & 8) ? 0 : fz_u8(t) % (FZ_SCRATCH / sizeof(ShmInfo) + 1));
    default:
        return sys_shmctl(id, cmd, info);
    }
}

/* Heap blocks: own live ones, freed ones, another task's, addresses
 * inside a block, and plain nonsense: the kernel looks them up without
 * reading through them, so any address is a fair question. */
static uintptr_t fz_heap_ptr(FzTask *t) {
    uint8_t b = fz_u8(t);
    switch (b % 6) {
    case 0:
    case 1:
        return t->nptrs ? t->ptrs[fz_u8(t) % t->nptrs] : 0;
    case 2:
        return fz.shared_ptrs[fz_u8(t) % FZ_PTRS];
    case 3:
        return t->nptrs ? t->ptrs[fz_u8(t) % t->nptrs] + 16 : 16;
    case 4:
        return (uintptr_t)t->scratch;
    default:
        return (uintptr_t)fz_u64(t);
    }
}

static SyscallResult op_heap(FzTask *t) {
    uint8_t b = fz_u8(t);
    size_t size = fz_mem_size(t);
    uintptr_t p = fz_heap_ptr(t);
    SyscallResult r;
    switch (b % 3) {
    case 0:
        fz_arm(t, "heap_alloc");
        r = sys_heap_alloc(size);
        break;
    case 1:
        fz_arm(t, "heap_free");
        return sys_heap_free((void *)p);
    default:
        fz_arm(t, "heap_realloc");
        r = sys_heap_realloc((void *)p, size);
        break;
    }
    if (r.error == AX_OK)
        fz_note_ptr(t, (uintptr_t)r.value);
    return r;
}

const FzOp fz_ops_mem[] = {
    op_mem_alloc, op_mem_free, op_mem_rw, op_mem_rw, op_mem_protect, op_memstats,
    op_shmget,    op_shmat,    op_shmctl, op_heap,   op_heap,        NULL,
};
