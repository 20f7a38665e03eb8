/* Regular files: open objects whose priv is the (referenced) VNode. Every
 * open object of a file shares that one node, so two fds see each other's
 * writes at once, and an unlinked file lives on until its last close.
 *
 * The data is in blocks (fdata.c): holes cost nothing, a file grows
 * without copying, and up to any offset lseek reaches. A write that
 * cannot get memory for a block (a memory limit, as a full disk for
 * Linux's tmpfs, or the host) stops there: it is short if some bytes went
 * in, and fails with AX_ENOSPC, changing nothing, if none did. */
#include <string.h>

#include "kernel/account.h"
#include "kernel/timer.h"
#include "vfs/internal.h"

void vfs_file_bytes_resized(Kernel *k, uint64_t from, uint64_t to) {
    k->vfs->file_bytes = k->vfs->file_bytes - from + to;
}

/* The size a file now of `size` bytes may grow to under
 * KernelConfig.fs_capacity (which counts every file's size, holes
 * included, as a simple quota would). Only processes are refused: what
 * the host writes (the boot files) counts but always goes in. */
static uint64_t file_size_room(const Kernel *k, uint64_t size) {
    uint64_t cap = k->cfg.fs_capacity, used = k->vfs->file_bytes;
    if (!cap || !k->cur)
        return VFS_FILE_MAX;
    uint64_t room = used < cap ? cap - used : 0;
    return room > VFS_FILE_MAX - size ? VFS_FILE_MAX : size + room;
}

int vfs_file_resize(Kernel *k, VNode *n, uint64_t len) {
    if (len > VFS_FILE_MAX)
        return -AX_EFBIG;
    if (len > n->u.file.size && len > file_size_room(k, n->u.file.size))
        return -AX_ENOSPC;
    if (len != n->u.file.size && vfs_durable_before_change(k, n) < 0)
        return -AX_ENOMEM;
    if (len < n->u.file.size)
        fdata_truncate(k, &n->u.file.data, len);
    vfs_file_bytes_resized(k, n->u.file.size, len);
    n->u.file.size = len;
    vnode_touch_content(k, n);
    return 0;
}

int64_t vfs_file_write_at(Kernel *k, VNode *v, uint64_t pos, const void *buf, size_t n,
                          MemAccount *a) {
    if (n == 0)
        return 0;
    if (pos >= VFS_FILE_MAX)
        return -AX_EFBIG;
    if (n > VFS_FILE_MAX - pos) /* as Linux: short, up to the largest offset */
        n = (size_t)(VFS_FILE_MAX - pos);
    uint64_t limit = file_size_room(k, v->u.file.size); /* a full disk: short, then ENOSPC */
    if (pos >= limit)
        return -AX_ENOSPC;
    if (n > limit - pos)
        n = (size_t)(limit - pos);
    if (vfs_durable_before_change(k, v) < 0)
        return -AX_ENOSPC;
    size_t done = fdata_write(k, &v->u.file.data, pos, buf, n, a);
    if (done == 0)
        return -AX_ENOSPC;
    if (pos + done > v->u.file.size) {
        vfs_file_bytes_resized(k, v->u.file.size, pos + done);
        v->u.file.size = pos + done;
    }
    vnode_touch_content(k, v);
    return (int64_t)done;
}

size_t vfs_file_peek(const VNode *n, uint64_t off, void *buf, size_t len) {
    if (off >= n->u.file.size)
        return 0;
    if (len > n->u.file.size - off)
        len = (size_t)(n->u.file.size - off);
    return fdata_read(&n->u.file.data, off, buf, len);
}

static int64_t file_read(Kernel *k, KObject *o, void *buf, size_t n) {
    VNode *v = o->priv;
    v->atime = clock_now(k);
    if (o->offset < 0 || (uint64_t)o->offset >= v->u.file.size)
        return 0;
    uint64_t avail = v->u.file.size - (uint64_t)o->offset;
    if (n > avail)
        n = (size_t)avail;
    fdata_read(&v->u.file.data, (uint64_t)o->offset, buf, n);
    o->offset += (int64_t)n;
    return (int64_t)n;
}

static int64_t file_write(Kernel *k, KObject *o, const void *buf, size_t n) {
    VNode *v = o->priv;
    uint64_t pos = (o->flags & AX_O_APPEND) ? v->u.file.size : (uint64_t)o->offset;
    if (n == 0)
        return 0;
    int64_t r = vfs_file_write_at(k, v, pos, buf, n, k->cur ? k->cur->acct : NULL);
    if (r > 0)
        o->offset = (int64_t)(pos + (uint64_t)r);
    return r;
}

/* lseek for objects with a size: files (and program nodes, which read as
 * empty files). */
static int64_t seek_sized(KObject *o, int64_t off, int whence, int64_t size) {
    int64_t base;
    switch (whence) {
    case AX_SEEK_SET: base = 0; break;
    case AX_SEEK_CUR: base = o->offset; break;
    case AX_SEEK_END: base = size; break;
    default: return -AX_EINVAL;
    }
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return -AX_EINVAL;
    o->offset = base + off;
    return o->offset;
}

static int64_t file_lseek(Kernel *k, KObject *o, int64_t off, int whence) {
    VNode *v = o->priv;
    return seek_sized(o, off, whence, (int64_t)v->u.file.size);
}

static int file_truncate(Kernel *k, KObject *o, int64_t len) {
    if (len < 0 || !obj_writable(o))
        return -AX_EINVAL;
    return vfs_file_resize(k, o->priv, (uint64_t)len);
}

const ObjOps vfs_file_ops = {
    .kind = "file",
    .read = file_read,
    .write = file_write,
    .lseek = file_lseek,
    .stat = vfs_obj_stat_node,
    .truncate = file_truncate,
    .release = vfs_obj_release_node,
    .reopen = vfs_obj_reopen_node,
    .stat_mode = AX_S_IFREG,
};

/* A program node opened for reading: an empty file (the program is code
 * in the host, not bytes). Opening one for writing is refused at open. */
static int64_t prog_read(Kernel *k, KObject *o, void *buf, size_t n) { return 0; }

static int64_t prog_lseek(Kernel *k, KObject *o, int64_t off, int whence) {
    return seek_sized(o, off, whence, 0);
}

const ObjOps vfs_prog_ops = {
    .kind = "file",
    .read = prog_read,
    .lseek = prog_lseek,
    .stat = vfs_obj_stat_node,
    .release = vfs_obj_release_node,
    .reopen = vfs_obj_reopen_node,
    .stat_mode = AX_S_IFREG,
};
