/* Changing an inode's owner and mode: chmod, fchmod, chown, fchown,
 * lchown, and the host's kernel_chmod / kernel_chown. Whether the caller
 * may, and what the mode becomes, is the credentials module's decision
 * (cred_chmod, cred_chown, cred_chown_mode). */
#include "kernel/fd.h"
#include "syscall/handlers.h"
#include "vfs/internal.h"

/* The node path names for p, a name for an fd (/dev/stdin, /dev/fd/N)
 * standing for the fd's file as stat sees it: *out NULL when that is no
 * inode of the file system (a pipe, the console). */
static int attr_lookup(Kernel *k, Proc *p, const char *path, VNode **out) {
    VPath vp;
    int r = vfs_walk(k, p, path, VW_FOLLOW, &vp);
    if (r < 0)
        return r;
    if (!vp.node)
        return -AX_ENOENT;
    if (vp.node->type == VN_FDLINK) {
        *out = vfs_obj_node(fd_get(vp.fd_proc, vp.fd));
        return 0;
    }
    if ((vp.flags & VP_SLASH) && vp.node->type != VN_DIR)
        return -AX_ENOTDIR;
    *out = vp.node;
    return 0;
}

static int attr_chmod(Kernel *k, Proc *p, VNode *n, uint32_t mode) {
    if (!n)
        return 0; /* an object outside the tree: nothing lasting to change */
    mode &= 07777;
    if (p) {
        int r = cred_chmod(&p->cred, n->uid, n->gid, &mode);
        if (r < 0)
            return r;
    }
    n->perm = mode;
    vnode_touch_meta(k, n);
    return 0;
}

static int attr_chown(Kernel *k, Proc *p, VNode *n, uint32_t uid, uint32_t gid) {
    if (!n)
        return 0;
    if (p) {
        int r = cred_chown(&p->cred, n->uid, n->gid, n->perm, n->type == VN_DIR, uid, gid);
        if (r < 0)
            return r;
    }
    if (uid != AX_ID_NONE)
        n->uid = uid;
    if (gid != AX_ID_NONE)
        n->gid = gid;
    n->perm = cred_chown_mode(n->perm, n->type == VN_DIR);
    vnode_touch_meta(k, n);
    return 0;
}

/* The node open at fd for p (NULL: an object outside the tree). */
static int attr_fd_node(Proc *p, int fd, VNode **out) {
    KObject *o = fd_get(p, fd);
    if (!o)
        return -AX_EBADF;
    *out = vfs_obj_node(o);
    return 0;
}

int64_t ksys_chmod(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_lookup(k, k->cur, ARG_PTR(const char *, 0), &n);
    return r < 0 ? r : attr_chmod(k, k->cur, n, (uint32_t)ARG_U64(1));
}

int64_t ksys_fchmod(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_fd_node(k->cur, ARG_INT(0), &n);
    return r < 0 ? r : attr_chmod(k, k->cur, n, (uint32_t)ARG_U64(1));
}

int64_t ksys_chown(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_lookup(k, k->cur, ARG_PTR(const char *, 0), &n);
    return r < 0 ? r : attr_chown(k, k->cur, n, (uint32_t)ARG_U64(1), (uint32_t)ARG_U64(2));
}

int64_t ksys_fchown(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_fd_node(k->cur, ARG_INT(0), &n);
    return r < 0 ? r : attr_chown(k, k->cur, n, (uint32_t)ARG_U64(1), (uint32_t)ARG_U64(2));
}

int64_t ksys_lchown(Kernel *k, const SyscallArgs *a) {
    /* The names for fds are links of their own (lstat shows AX_S_IFLNK):
     * lchown changes nothing that lasts on them, as on a Linux
     * /proc/self/fd link. A symbolic link takes the new owner itself. */
    VPath vp;
    int r = vfs_walk(k, k->cur, ARG_PTR(const char *, 0), 0, &vp);
    if (r < 0)
        return r;
    if (!vp.node)
        return -AX_ENOENT;
    if ((vp.flags & VP_SLASH) && vp.node->type != VN_DIR)
        return -AX_ENOTDIR;
    VNode *n = vp.node->type == VN_FDLINK ? NULL : vp.node;
    return attr_chown(k, k->cur, n, (uint32_t)ARG_U64(1), (uint32_t)ARG_U64(2));
}

int kernel_chmod(Kernel *k, const char *path, uint32_t mode) {
    if (!k)
        return -AX_EINVAL;
    VNode *n;
    int r = attr_lookup(k, NULL, path, &n);
    return r < 0 ? r : attr_chmod(k, NULL, n, mode);
}

int kernel_chown(Kernel *k, const char *path, uint32_t uid, uint32_t gid) {
    if (!k)
        return -AX_EINVAL;
    VNode *n;
    int r = attr_lookup(k, NULL, path, &n);
    return r < 0 ? r : attr_chown(k, NULL, n, uid, gid);
}
