/* Symbolic and hard links: symlink, readlink and link, and their *at
 * forms (each plain call is its *at form from the cwd). (Following links
 * is path resolution's, vfs/path.c; lstat is with stat in syscalls.c.)
 *
 * A symbolic link is a node of its own (VN_SYMLINK) holding its target
 * path; its mode is always 0777, as on Linux. A hard link is one more
 * name for an existing inode: VNode.links counts the names and the node
 * lives until the last name and the last holder are gone (vfs/node.c).
 * Each handler checks everything before it changes anything. */
#include <string.h>

#include "kernel/fd.h"
#include "syscall/handlers.h"
#include "vfs/internal.h"
#include "vfs/procfs.h"

/* The checks shared by every call that makes a new name (the new side of
 * link, symlink), in Linux's order (filename_create, then may_create):
 * the name must be new and plain, its directory live and open to p. */
static int new_name_check(Kernel *k, Proc *p, const VPath *vp) {
    if (vp->node) /* also "/", "." and ".." */
        return -AX_EEXIST;
    if (vp->flags & VP_SLASH) /* "new/" cannot name a link */
        return -AX_ENOENT;
    if (!vnode_dir_live(vp->dir))
        return -AX_ENOENT;
    if (vfs_dir_sealed(k, vp->dir))
        return -AX_EACCES;
    return vfs_may_create(p, vp->dir);
}

/* Name n by vp's last component (room not yet reserved). 0 or
 * -AX_ENOMEM, the tree unchanged. */
static int add_name(Kernel *k, const VPath *vp, VNode *n) {
    DirTable *t = &vp->dir->u.dir.tab;
    if (dirtab_reserve(k, t, 1) < 0)
        return -AX_ENOMEM;
    DirEnt *e = dirent_new(k, vp->name, vp->len, vp->hash);
    if (!e) {
        dirtab_shrink(k, t); /* undo the reservation */
        return -AX_ENOMEM;
    }
    tree_link(k, vp->dir, e, n);
    return 0;
}

static int64_t symlink_at(Kernel *k, const char *target, int dirfd, const char *linkpath) {
    Proc *p = k->cur;
    if (!target)
        return -AX_EFAULT;
    size_t tlen = strnlen(target, AX_PATH_MAX);
    if (tlen >= AX_PATH_MAX)
        return -AX_ENAMETOOLONG;
    if (tlen == 0) /* Linux: an empty target names nothing */
        return -AX_ENOENT;
    VNode *start;
    VPath vp;
    int r = vfs_at_start(p, dirfd, linkpath, &start);
    if (r == 0)
        r = vfs_walk_at(k, p, start, linkpath, VW_PARENT, &vp);
    if (r == 0)
        r = new_name_check(k, p, &vp);
    if (r < 0)
        return r;
    VAttrs attrs;
    vfs_new_attrs(p, vp.dir, false, 0777, &attrs);
    attrs.perm = 0777; /* whatever the umask */
    VNode *n = vnode_new(k, VN_SYMLINK, 0777);
    char *copy = n ? kmem_alloc(k, tlen + 1) : NULL;
    if (!copy) {
        if (n)
            vnode_maybe_free(k, n); /* its target is NULL: kmem_free takes it */
        return -AX_ENOMEM;
    }
    memcpy(copy, target, tlen + 1);
    n->u.link.target = copy;
    n->u.link.len = (uint32_t)tlen;
    vfs_set_owner(n, &attrs);
    if ((r = add_name(k, &vp, n)) < 0)
        vnode_maybe_free(k, n);
    return r;
}

int64_t ksys_symlink(Kernel *k, const SyscallArgs *a) {
    return symlink_at(k, ARG_PTR(const char *, 0), AX_AT_FDCWD, ARG_PTR(const char *, 1));
}

int64_t ksys_symlinkat(Kernel *k, const SyscallArgs *a) {
    return symlink_at(k, ARG_PTR(const char *, 0), ARG_INT(1), ARG_PTR(const char *, 2));
}

/* What readlink says of /dev/stdin, /dev/stdout, /dev/stderr: Linux's
 * are links into /proc/self/fd. */
static size_t fdlink_target(int fd, char *buf, size_t size) {
    char t[32] = "/proc/self/fd/";
    size_t len = strlen(t), at = len;
    int digits = 1;
    for (int v = fd; v >= 10; v /= 10)
        digits++;
    for (int i = digits - 1, v = fd; i >= 0; i--, v /= 10)
        t[at + (size_t)i] = (char)('0' + v % 10);
    len += (size_t)digits;
    size_t n = len < size ? len : size;
    memcpy(buf, t, n);
    return n;
}

static int64_t readlink_at(Kernel *k, int dirfd, const char *path, char *buf, size_t size) {
    VNode *start;
    VPath vp;
    int r = vfs_at_start(k->cur, dirfd, path, &start);
    if (r == 0)
        r = vfs_walk_at(k, k->cur, start, path, 0, &vp);
    if (r < 0)
        return r;
    if (!vp.node)
        return -AX_ENOENT;
    VNode *n = vp.node;
    if (n->type != VN_SYMLINK && n->type != VN_FDLINK && n->type != VN_PROCLINK)
        return (vp.flags & VP_SLASH) && n->type != VN_DIR ? -AX_ENOTDIR : -AX_EINVAL;
    /* Linux: a size that is no positive int is EINVAL, then the buffer */
    if (size == 0 || size > INT32_MAX)
        return -AX_EINVAL;
    if (!buf)
        return -AX_EFAULT;
    if (n->type == VN_FDLINK && vp.dir == k->vfs->dev) /* /dev/stdin... */
        return (int64_t)fdlink_target(vp.fd, buf, size);
    if (n->type == VN_PROCLINK) { /* procfs reads it from where it leads */
        vp.link = n;
        if ((r = procfs_follow(k, k->cur, n, &vp.node)) < 0)
            return r;
    }
    if (n->type != VN_SYMLINK) /* /dev/fd/N, /proc/PID/fd/N: the fd's file */
        return procfs_readlink(k, k->cur, &vp, buf, size);
    size_t len = n->u.link.len < size ? n->u.link.len : size; /* no NUL, as POSIX */
    memcpy(buf, n->u.link.target, len);
    return (int64_t)len;
}

int64_t ksys_readlink(Kernel *k, const SyscallArgs *a) {
    return readlink_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0), ARG_PTR(char *, 1),
                       ARG_SIZE(2));
}

int64_t ksys_readlinkat(Kernel *k, const SyscallArgs *a) {
    return readlink_at(k, ARG_INT(0), ARG_PTR(const char *, 1), ARG_PTR(char *, 2), ARG_SIZE(3));
}

/* Linux's may_linkat with fs.protected_hardlinks = 1 (Debian's default):
 * only the owner (or root) may link an inode that is not a plain file it
 * could read and write, or a set-id program. 0 or -AX_EPERM. */
static int link_source_check(Proc *p, const VNode *n) {
    if (!p || p->cred.euid == 0 || p->cred.euid == n->uid)
        return 0;
    bool plain = n->type == VN_FILE || n->type == VN_PROG;
    if (!plain || (n->perm & AX_S_ISUID) || (n->perm & (AX_S_ISGID | 0010)) == (AX_S_ISGID | 0010))
        return -AX_EPERM;
    return vfs_may(p, n, AX_R_OK | AX_W_OK) < 0 ? -AX_EPERM : 0;
}

/* Is n on the devices' side (/dev and the names for fds), which Linux
 * mounts apart from the rest: a link across is AX_EXDEV. (vp->dir is
 * NULL for a file reached through an fd: the node tells.) */
static bool on_devices(Kernel *k, const VPath *vp) {
    return (vp->dir && vfs_dir_sealed(k, vp->dir)) || vp->node->type == VN_DEV ||
           vp->node->type == VN_FDLINK;
}

/* The old side of link and linkat: what oldpath names from dirfd, a final
 * link followed only with how VW_FOLLOW (linkat's AT_SYMLINK_FOLLOW),
 * a name for an fd then standing for the fd's file (as Linux follows
 * /proc/self/fd/N). 0 and *vo with a node, or a path error. */
static int link_old(Kernel *k, Proc *p, int dirfd, const char *path, unsigned how, VPath *vo) {
    VNode *start;
    int r = vfs_at_start(p, dirfd, path, &start);
    if (r == 0)
        r = vfs_walk_at(k, p, start, path, how, vo);
    if (r < 0)
        return r;
    if (!vo->node)
        return -AX_ENOENT;
    if ((vo->flags & VP_SLASH) && vo->node->type != VN_DIR)
        return -AX_ENOTDIR;
    if (vo->node->type == VN_FDLINK && (how & VW_FOLLOW)) {
        VNode *n = vfs_obj_node(fd_get(vo->fd_proc, vo->fd));
        if (!n) /* a pipe, the console: on a file system of its own */
            return -AX_EXDEV;
        vo->node = n;
        vo->dir = NULL;
        vo->flags = 0;
    }
    return 0;
}

/* Give vo's node (resolved by link_old) the new name newpath (from
 * newdirfd), after every check, in Linux's order. */
static int64_t link_to(Kernel *k, Proc *p, const VPath *vo, int newdirfd, const char *newpath) {
    VNode *nstart;
    VPath vn;
    int r = vfs_at_start(p, newdirfd, newpath, &nstart);
    if (r == 0)
        r = vfs_walk_at(k, p, nstart, newpath, VW_PARENT, &vn);
    if (r < 0)
        return r;
    if (vn.node)
        return -AX_EEXIST;
    if (vn.flags & VP_SLASH)
        return -AX_ENOENT;
    VNode *n = vo->node;
    if ((vo->flags & VP_ROOT) || on_devices(k, vo) != vfs_dir_sealed(k, vn.dir))
        return (vo->flags & VP_ROOT) ? -AX_EPERM : -AX_EXDEV;
    if ((r = link_source_check(p, n)) < 0)
        return r;
    if ((r = new_name_check(k, p, &vn)) < 0)
        return r;
    if (n->type == VN_DIR)
        return -AX_EPERM;
    if (n->links == 0) /* a removed file reached through /dev/fd: no new names */
        return -AX_ENOENT;
    if (n->links >= VFS_LINK_MAX)
        return -AX_EMLINK;
    return add_name(k, &vn, n);
}

int64_t ksys_link(Kernel *k, const SyscallArgs *a) {
    /* link(2) does not follow a final link of the old path (Linux; POSIX
     * leaves it open): the new name is one more for the link itself */
    VPath vo;
    int r = link_old(k, k->cur, AX_AT_FDCWD, ARG_PTR(const char *, 0), 0, &vo);
    return r < 0 ? r : link_to(k, k->cur, &vo, AX_AT_FDCWD, ARG_PTR(const char *, 1));
}

int64_t ksys_linkat(Kernel *k, const SyscallArgs *a) {
    Proc *p = k->cur;
    int olddirfd = ARG_INT(0), flags = ARG_INT(4);
    const char *oldpath = ARG_PTR(const char *, 1), *newpath = ARG_PTR(const char *, 3);
    if (flags & ~(AX_AT_SYMLINK_FOLLOW | AX_AT_EMPTY_PATH))
        return -AX_EINVAL;
    VPath vo;
    int r;
    if (vfs_at_empty(flags, oldpath)) {
        /* the file open at olddirfd: Linux (before 6.10) lets only a
         * caller with CAP_DAC_READ_SEARCH name it so, others get ENOENT */
        if (!cred_capable(&p->cred))
            return -AX_ENOENT;
        memset(&vo, 0, sizeof vo);
        if ((r = vfs_at_fd_node(k, p, olddirfd, &vo.node)) < 0)
            return r;
        if (!vo.node)
            return -AX_EXDEV;
    } else {
        unsigned how = (flags & AX_AT_SYMLINK_FOLLOW) ? VW_FOLLOW : 0;
        if ((r = link_old(k, p, olddirfd, oldpath, how, &vo)) < 0)
            return r;
    }
    return link_to(k, p, &vo, ARG_INT(2), newpath);
}
