/* Changing an inode's owner, mode and times: chmod, fchmod, fchmodat,
 * chown, fchown, lchown, fchownat, futimens, utimensat, and the host's
 * kernel_chmod / kernel_chown. Each path call is its *at form with the
 * cwd as the start directory. Whether the caller may, and what the mode
 * becomes, is the credentials module's decision (cred_chmod, cred_chown,
 * cred_chown_mode, cred_owns). */
#include "kernel/fd.h"
#include "kernel/timer.h"
#include "syscall/handlers.h"
#include "vfs/internal.h"

/* The node path names for p, a relative path from dirfd's directory.
 * how VW_FOLLOW: a final link is followed, and a name for an fd
 * (/dev/stdin, /dev/fd/N) stands for the fd's file as stat sees it; how
 * 0: a final link is taken itself (lchown, AT_SYMLINK_NOFOLLOW): *out is
 * a symbolic link's node, NULL for a name for an fd or a /proc link,
 * which keep nothing that lasts (as Linux's /proc/self/fd links). *out is
 * NULL too for an fd's object outside the tree (a pipe, the console).
 * Returns 1 when the path names a link taken itself, else 0, or a path
 * error. */
static int attr_lookup(Kernel *k, Proc *p, int dirfd, const char *path, unsigned how,
                       VNode **out) {
    VNode *start;
    VPath vp;
    int r = vfs_at_start(p, dirfd, path, &start);
    if (r == 0)
        r = vfs_walk_at(k, p, start, path, how, &vp);
    if (r < 0)
        return r;
    if (!vp.node)
        return -AX_ENOENT;
    if (vp.node->type == VN_FDLINK && (how & VW_FOLLOW)) {
        *out = vfs_obj_node(fd_get(vp.fd_proc, vp.fd));
        return 0;
    }
    if ((vp.flags & VP_SLASH) && vp.node->type != VN_DIR)
        return -AX_ENOTDIR;
    switch (vp.node->type) {
    case VN_SYMLINK:
        *out = vp.node;
        return 1;
    case VN_FDLINK:
    case VN_PROCLINK:
        *out = NULL;
        return 1;
    default:
        *out = vp.node;
        return 0;
    }
}

/* What an *at attribute call acts on: the file open at dirfd itself for
 * "" with AX_AT_EMPTY_PATH, else path from dirfd, a final link followed
 * unless AX_AT_SYMLINK_NOFOLLOW. Any other flag bit is -AX_EINVAL (Linux
 * checks them first). Returns as attr_lookup, or -AX_EBADF /
 * -AX_ENOTDIR for dirfd. */
static int attr_at(Kernel *k, Proc *p, int dirfd, const char *path, int flags, VNode **out) {
    if (flags & ~(AX_AT_SYMLINK_NOFOLLOW | AX_AT_EMPTY_PATH))
        return -AX_EINVAL;
    if (vfs_at_empty(flags, path))
        return vfs_at_fd_node(k, p, dirfd, out);
    return attr_lookup(k, p, dirfd, path, (flags & AX_AT_SYMLINK_NOFOLLOW) ? 0 : VW_FOLLOW, out);
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

/* Set n's access and modification times (times NULL: both now), as
 * Linux's utimensat decides who may: explicit times only the owner or
 * root (-AX_EPERM), "now" also whoever may write the file (-AX_EACCES). */
static int attr_times(Kernel *k, Proc *p, VNode *n, const int64_t *times) {
    if (!n)
        return 0; /* an object outside the tree keeps no times */
    int64_t now = (int64_t)clock_now(k);
    int64_t t[2] = {now, now};
    bool explicit = false;
    if (times) {
        if (times[0] == AX_UTIME_OMIT && times[1] == AX_UTIME_OMIT)
            return 0;
        for (int i = 0; i < 2; i++) {
            t[i] = times[i] == AX_UTIME_NOW ? now : times[i];
            explicit |= times[i] != AX_UTIME_NOW && times[i] != AX_UTIME_OMIT;
        }
    }
    if (p && !cred_owns(&p->cred, n->uid)) {
        if (explicit)
            return -AX_EPERM;
        int r = vfs_may(p, n, AX_W_OK);
        if (r < 0)
            return r;
    }
    if (!times || times[0] != AX_UTIME_OMIT)
        n->atime = (uint64_t)t[0];
    if (!times || times[1] != AX_UTIME_OMIT)
        n->mtime = (uint64_t)t[1];
    vnode_touch_meta(k, n);
    return 0;
}

int64_t ksys_chmod(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_lookup(k, k->cur, AX_AT_FDCWD, ARG_PTR(const char *, 0), VW_FOLLOW, &n);
    return r < 0 ? r : attr_chmod(k, k->cur, n, (uint32_t)ARG_U64(1));
}

int64_t ksys_fchmod(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_fd_node(k->cur, ARG_INT(0), &n);
    return r < 0 ? r : attr_chmod(k, k->cur, n, (uint32_t)ARG_U64(1));
}

int64_t ksys_fchmodat(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_at(k, k->cur, ARG_INT(0), ARG_PTR(const char *, 1), ARG_INT(3), &n);
    if (r < 0)
        return r;
    /* A link has no mode of its own to change (Linux's notify_change,
     * before any permission check) */
    if (r == 1)
        return -AX_EOPNOTSUPP;
    return attr_chmod(k, k->cur, n, (uint32_t)ARG_U64(2));
}

int64_t ksys_chown(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_lookup(k, k->cur, AX_AT_FDCWD, ARG_PTR(const char *, 0), VW_FOLLOW, &n);
    return r < 0 ? r : attr_chown(k, k->cur, n, (uint32_t)ARG_U64(1), (uint32_t)ARG_U64(2));
}

int64_t ksys_fchown(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_fd_node(k->cur, ARG_INT(0), &n);
    return r < 0 ? r : attr_chown(k, k->cur, n, (uint32_t)ARG_U64(1), (uint32_t)ARG_U64(2));
}

int64_t ksys_lchown(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_lookup(k, k->cur, AX_AT_FDCWD, ARG_PTR(const char *, 0), 0, &n);
    return r < 0 ? r : attr_chown(k, k->cur, n, (uint32_t)ARG_U64(1), (uint32_t)ARG_U64(2));
}

int64_t ksys_fchownat(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_at(k, k->cur, ARG_INT(0), ARG_PTR(const char *, 1), ARG_INT(4), &n);
    return r < 0 ? r : attr_chown(k, k->cur, n, (uint32_t)ARG_U64(2), (uint32_t)ARG_U64(3));
}

int64_t ksys_futimens(Kernel *k, const SyscallArgs *a) {
    VNode *n;
    int r = attr_fd_node(k->cur, ARG_INT(0), &n);
    return r < 0 ? r : attr_times(k, k->cur, n, ARG_PTR(const int64_t *, 1));
}

int64_t ksys_utimensat(Kernel *k, const SyscallArgs *a) {
    int dirfd = ARG_INT(0);
    const char *path = ARG_PTR(const char *, 1);
    const int64_t *times = ARG_PTR(const int64_t *, 2);
    int flags = ARG_INT(3);
    VNode *n;
    int r;
    /* Linux: path NULL acts on dirfd itself (futimens), which takes no
     * flags; with AX_AT_FDCWD it is a bad path */
    if (!path && dirfd != AX_AT_FDCWD) {
        if (flags)
            return -AX_EINVAL;
        r = attr_fd_node(k->cur, dirfd, &n);
    } else {
        r = attr_at(k, k->cur, dirfd, path, flags, &n);
    }
    return r < 0 ? r : attr_times(k, k->cur, n, times);
}

int kernel_chmod(Kernel *k, const char *path, uint32_t mode) {
    if (!k)
        return -AX_EINVAL;
    VNode *n;
    int r = attr_lookup(k, NULL, AX_AT_FDCWD, path, VW_FOLLOW, &n);
    return r < 0 ? r : attr_chmod(k, NULL, n, mode);
}

int kernel_chown(Kernel *k, const char *path, uint32_t uid, uint32_t gid) {
    if (!k)
        return -AX_EINVAL;
    VNode *n;
    int r = attr_lookup(k, NULL, AX_AT_FDCWD, path, VW_FOLLOW, &n);
    return r < 0 ? r : attr_chown(k, NULL, n, uid, gid);
}
