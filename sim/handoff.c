/* kernel_fs_copy: boot a fresh kernel on the disk another one left.
 *
 * After a power loss (sim/crash.c) the file system holds what a real disk
 * would. A program's recovery code is best tested the way it runs in
 * life: in a machine that booted afresh on that disk, with no state of
 * the one that crashed (no pid counters, no timers, no idle program
 * copies, a new clock). This copies the stored file tree of one kernel
 * into another, through the same interface the SQLite disk loads a tree
 * by (vfs/image.h): what a disk keeps is what crosses, nothing more. A
 * file with several names (hard links) arrives as one file per name:
 * vfs_image_list does not say which names share a node. */
#include "ipc/fifo.h"
#include "kernel/kernel.h"
#include "vfs/image.h"

#define HANDOFF_CHUNK 65536

typedef struct Handoff {
    Kernel *from, *to;
    VNode *dir;       /* the directory of `to` being filled */
    char *buf;        /* HANDOFF_CHUNK bytes (to's kmem) */
} Handoff;

static int handoff_dir(Handoff *h, VNode *from_dir, VNode *to_dir);

static int handoff_file(Handoff *h, VNode *src, VNode *dst, uint64_t size) {
    for (uint64_t off = 0; off < size;) {
        size_t want = size - off < HANDOFF_CHUNK ? (size_t)(size - off) : HANDOFF_CHUNK;
        size_t got = vfs_image_read(src, off, h->buf, want);
        if (got == 0)
            break;
        int r = vfs_image_fill(h->to, dst, off, h->buf, got);
        if (r < 0)
            return r;
        off += got;
    }
    return vfs_image_size(h->to, dst, size); /* holes and a shrunk tail */
}

/* vfs_image_list's callback: one name of the source directory. */
static int handoff_one(void *ud, const char *name, size_t len, VNode *src) {
    Handoff *h = ud;
    VImageNode info;
    vfs_image_stat(h->from, src, &info);
    info.id = 0; /* the store ids of `from` mean nothing to `to` */
    VNode *dst;
    int r = vfs_image_add(h->to, h->dir, name, len, &info, ipc_fifo_node_ops(), &dst);
    if (r < 0)
        return r;
    /* a symbolic link's target is its content: one fill, as vfs_image_fill
     * asks (a target is far below HANDOFF_CHUNK) */
    if ((info.mode & AX_S_IFMT) == AX_S_IFREG || (info.mode & AX_S_IFMT) == AX_S_IFLNK)
        return handoff_file(h, src, dst, info.size);
    if ((info.mode & AX_S_IFMT) == AX_S_IFDIR)
        return handoff_dir(h, src, dst);
    return 0;
}

/* Recursion follows the tree's depth, which paths of at most
 * AX_PATH_MAX bytes bound (two bytes a level): a few thousand small
 * frames of the host's stack. */
static int handoff_dir(Handoff *h, VNode *from_dir, VNode *to_dir) {
    VNode *outer = h->dir;
    h->dir = to_dir;
    int r = vfs_image_list(h->from, from_dir, handoff_one, h);
    h->dir = outer;
    return r;
}

int kernel_fs_copy(Kernel *to, Kernel *from) {
    if (!to || !from || to == from)
        return -AX_EINVAL;
    if (to->cur || from->cur || to->nprocs > 1 || to->disk)
        return -AX_EBUSY;
    VNode *from_root = vfs_image_resolve(from, "/");
    if (!from_root)
        return -AX_EINVAL;
    Handoff h = {.from = from, .to = to, .buf = kmem_alloc(to, HANDOFF_CHUNK)};
    if (!h.buf)
        return -AX_ENOMEM;
    VImageNode root;
    vfs_image_stat(from, from_root, &root);
    root.id = 0;
    Kernel *outer = kernel_current;
    kernel_current = to;
    VNode *to_root = vfs_image_reset(to, &root);
    int r = handoff_dir(&h, from_root, to_root);
    vfs_image_settle(to);
    kernel_current = outer;
    kmem_free(to, h.buf);
    return r;
}
