/* Inodes: allocation, reference counting, freeing, stat.
 *
 * A node is freed when it has no name (links) and no holder (refs). A
 * directory holds a reference on its parent, so freeing a directory can
 * free its parent in turn (a chain of removed directories that were only
 * kept alive by a cwd); that chain is walked in a loop, not recursively. */
#include <string.h>

#include "kernel/timer.h"
#include "loader/loader.h"
#include "vfs/internal.h"

VNode *vnode_new(Kernel *k, VnType type, uint32_t perm) {
    VNode *n = kmem_alloc(k, sizeof *n);
    if (!n)
        return NULL;
    Vfs *v = k->vfs;
    n->type = type;
    n->perm = perm & 07777;
    n->ino = v->next_ino++;
    n->atime = n->mtime = n->ctime = clock_now(k);
    v->nodes++;
    return n;
}

/* Free one node whose links and refs are both zero; returns the parent
 * whose reference it held (directories), or NULL. */
static VNode *vnode_free(Kernel *k, VNode *n) {
    VNode *up = NULL;
    switch (n->type) {
    case VN_FILE:
        fdata_truncate(k, &n->u.file.data, 0);
        fdata_truncate(k, &n->u.file.durable, 0);
        vfs_file_bytes_resized(k, n->u.file.size, 0);
        break;
    case VN_DIR:
        /* A removed directory is empty; vfs_fini's teardown emptied it too. */
        kmem_free(k, n->u.dir.tab.slots);
        if (n->u.dir.parent != n)
            up = n->u.dir.parent;
        break;
    case VN_PROG:
        loader_program_unref(k, n->u.prog.loaded);
        break;
    case VN_SYMLINK:
        kmem_free(k, n->u.link.target);
        break;
    default:
        break;
    }
    kmem_free(k, n);
    k->vfs->nodes--;
    return up;
}

void vnode_maybe_free(Kernel *k, VNode *n) {
    while (n && n->links == 0 && n->refs == 0) {
        VNode *up = vnode_free(k, n);
        if (up)
            up->refs--;
        n = up;
    }
}

void vfs_node_ref(VNode *n) {
    if (n)
        n->refs++;
}

void vfs_node_unref(Kernel *k, VNode *n) {
    if (!n)
        return;
    n->refs--;
    vnode_maybe_free(k, n);
}

VNode *vfs_root(Kernel *k) { return k->vfs->root; }

uint64_t vfs_node_count(Kernel *k) { return k->vfs ? k->vfs->nodes : 0; }

void vnode_touch_content(Kernel *k, VNode *n) {
    n->mtime = n->ctime = clock_now(k);
    n->gen = n->data_gen = ++k->vfs->gen;
}

void vnode_touch_meta(Kernel *k, VNode *n) {
    n->ctime = clock_now(k);
    n->gen = ++k->vfs->gen;
}

void vnode_stat(const VNode *n, FileStat *st) {
    memset(st, 0, sizeof *st);
    st->dev = VFS_DEV_MEMFS;
    st->ino = n->ino;
    st->nlink = n->links;
    st->atime_ns = n->atime;
    st->mtime_ns = n->mtime;
    st->ctime_ns = n->ctime;
    st->uid = n->uid;
    st->gid = n->gid;
    switch (n->type) {
    case VN_DIR:
        st->mode = AX_S_IFDIR | n->perm;
        st->nlink = n->links ? 2 + n->u.dir.nsubdirs : 0;
        st->size = n->u.dir.tab.count;
        break;
    case VN_FILE:
        st->mode = AX_S_IFREG | n->perm;
        st->size = n->u.file.size;
        st->blocks = (n->u.file.data.bytes + 511) / 512;
        break;
    case VN_PROG:
        st->mode = AX_S_IFREG | n->perm;
        break;
    case VN_DEV:
        st->dev = VFS_DEV_DEVICES;
        st->mode = AX_S_IFCHR | n->perm;
        st->rdev = n->u.dev.rdev;
        break;
    case VN_FDLINK: /* what lstat would show; stat follows it to the fd */
        st->dev = VFS_DEV_DEVICES;
        st->mode = AX_S_IFLNK | n->perm;
        break;
    case VN_FIFO:
        st->mode = AX_S_IFIFO | n->perm;
        break;
    case VN_SYMLINK: /* size: the target's bytes, as Linux */
        st->mode = AX_S_IFLNK | n->perm;
        st->size = n->u.link.len;
        break;
    case VN_SOCK:
        st->mode = AX_S_IFSOCK | n->perm;
        break;
    case VN_PROC: /* no size until read, as Linux's proc files */
        st->dev = VFS_DEV_PROC;
        st->mode = AX_S_IFREG | n->perm;
        break;
    case VN_PROCLINK: /* what lstat would show */
        st->dev = VFS_DEV_PROC;
        st->mode = AX_S_IFLNK | n->perm;
        break;
    }
    if (n->type == VN_DIR && n->u.dir.procfs)
        st->dev = VFS_DEV_PROC;
}

void vfs_node_stat(const VNode *n, FileStat *st) { vnode_stat(n, st); }

void *vfs_node_priv(const VNode *n) { return n->u.special.priv; }

void vfs_node_set_priv(VNode *n, void *priv) { n->u.special.priv = priv; }

void vfs_obj_release_node(Kernel *k, KObject *o) { vfs_node_unref(k, o->priv); }

VNode *vfs_obj_node(KObject *o) {
    if (o->ops == &vfs_dir_ops)
        return vfs_dir_node(o);
    return o->ops->stat == vfs_obj_stat_node ? o->priv : NULL;
}

int vfs_obj_stat_node(Kernel *k, KObject *o, FileStat *st) {
    vnode_stat(o->priv, st);
    return 0;
}
