/* Regular files: open objects whose priv is the (referenced) VNode. Every
 * open object of a file shares that one node, so two fds see each other's
 * writes at once, and an unlinked file lives on until its last close.
 *
 * Data is one kmem block grown by doubling (amortised O(1) appends). A
 * write or truncate that cannot get the memory fails with AX_ENOSPC, as
 * Linux's tmpfs does, and leaves the file as it was. */
#include <string.h>

#include "kernel/timer.h"
#include "vfs/internal.h"

/* Make room for cap >= need bytes. Returns 0 or -AX_ENOSPC. */
static int file_reserve(Kernel *k, VNode *n, size_t need) {
    if (need <= n->u.file.cap)
        return 0;
    size_t cap = n->u.file.cap ? n->u.file.cap : 64;
    while (cap < need)
        cap = cap > VFS_FILE_MAX / 2 ? VFS_FILE_MAX : cap * 2;
    char *data = kmem_realloc(k, n->u.file.data, cap);
    if (!data)
        return -AX_ENOSPC;
    n->u.file.data = data;
    n->u.file.cap = cap;
    return 0;
}

int vfs_file_resize(Kernel *k, VNode *n, uint64_t len) {
    if (len > VFS_FILE_MAX)
        return -AX_EFBIG;
    size_t size = n->u.file.size;
    if (len > size) {
        int r = file_reserve(k, n, (size_t)len);
        if (r < 0)
            return r;
        memset(n->u.file.data + size, 0, (size_t)len - size);
    } else if (len == 0 && n->u.file.data) {
        kmem_free(k, n->u.file.data);
        n->u.file.data = NULL;
        n->u.file.cap = 0;
    } else if (len < n->u.file.cap / 4) {
        /* Give back most of a buffer that shrank a lot; keeping it is fine. */
        char *data = kmem_realloc(k, n->u.file.data, (size_t)len);
        if (data) {
            n->u.file.data = data;
            n->u.file.cap = (size_t)len;
        }
    }
    n->u.file.size = (size_t)len;
    vnode_touch_content(k, n);
    return 0;
}

static int64_t file_read(Kernel *k, KObject *o, void *buf, size_t n) {
    VNode *v = o->priv;
    v->atime = clock_now(k);
    if (o->offset < 0 || (uint64_t)o->offset >= v->u.file.size)
        return 0;
    size_t avail = v->u.file.size - (size_t)o->offset;
    if (n > avail)
        n = avail;
    memcpy(buf, v->u.file.data + o->offset, n);
    o->offset += (int64_t)n;
    return (int64_t)n;
}

static int64_t file_write(Kernel *k, KObject *o, const void *buf, size_t n) {
    VNode *v = o->priv;
    uint64_t pos = (o->flags & AX_O_APPEND) ? v->u.file.size : (uint64_t)o->offset;
    if (n == 0)
        return 0;
    if (pos > VFS_FILE_MAX || n > VFS_FILE_MAX - pos)
        return -AX_EFBIG;
    size_t end = (size_t)(pos + n);
    size_t size = v->u.file.size;
    if (end > size) {
        int r = file_reserve(k, v, end);
        if (r < 0)
            return r;
        if (pos > size) /* a write past the end: the gap reads as zeros */
            memset(v->u.file.data + size, 0, (size_t)pos - size);
        v->u.file.size = end;
    }
    memcpy(v->u.file.data + pos, buf, n);
    o->offset = (int64_t)end;
    vnode_touch_content(k, v);
    return (int64_t)n;
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
