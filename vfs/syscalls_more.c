/* The path calls of the "more file calls" block: truncate, access and
 * faccessat.
 * Like the others in syscalls.c, each checks everything before it changes
 * anything. */
#include "syscall/handlers.h"
#include "vfs/internal.h"

int64_t ksys_truncate(Kernel *k, const SyscallArgs *a) {
    int64_t len = ARG_I64(1);
    if (len < 0) /* Linux checks the length before the path */
        return -AX_EINVAL;
    VNode *n;
    int r = vfs_lookup(k, k->cur, ARG_PTR(const char *, 0), &n);
    if (r < 0)
        return r;
    switch (n->type) {
    case VN_FILE:
        if ((r = vfs_may(k->cur, n, AX_W_OK)) < 0) /* as an open for writing */
            return r;
        return vfs_file_resize(k, n, (uint64_t)len);
    case VN_DIR:
        return -AX_EISDIR;
    case VN_PROG: /* as opening it for writing is */
        return -AX_EACCES;
    default:
        return -AX_EINVAL;
    }
}

/* access and faccessat: n's permission for mode, judged with the real
 * ids unless effective (AX_AT_EACCESS). */
static int access_node(Proc *p, const VNode *n, int mode, bool effective) {
    /* Root passes as in cred_permission. A program node cannot be opened
     * for writing, whoever asks. */
    if ((mode & AX_W_OK) && n->type == VN_PROG)
        return -AX_EACCES;
    if (mode == 0)
        return 0;
    if (effective)
        return cred_permission(&p->cred, n->uid, n->gid, n->perm, n->type == VN_DIR, mode);
    /* With the real ids, as access(2) judges (a set-uid program asks
     * what its user may do). */
    Cred real;
    cred_real_view(&p->cred, &real);
    return cred_permission(&real, n->uid, n->gid, n->perm, n->type == VN_DIR, mode);
}

/* access and faccessat (Linux's faccessat2): mode first, then flags,
 * then the path from dirfd. */
static int64_t access_at(Kernel *k, int dirfd, const char *path, int mode, int flags) {
    Proc *p = k->cur;
    if (mode & ~(AX_R_OK | AX_W_OK | AX_X_OK))
        return -AX_EINVAL;
    if (flags & ~(AX_AT_EACCESS | AX_AT_SYMLINK_NOFOLLOW | AX_AT_EMPTY_PATH))
        return -AX_EINVAL;
    VNode *n, *start;
    int r;
    if (vfs_at_empty(flags, path)) {
        if ((r = vfs_at_fd_node(k, p, dirfd, &n)) < 0)
            return r;
        if (!n) /* a pipe, the console: outside the tree, no modes kept */
            return 0;
    } else {
        unsigned how = (flags & AX_AT_SYMLINK_NOFOLLOW) ? 0 : VW_FOLLOW;
        if ((r = vfs_at_start(p, dirfd, path, &start)) < 0 ||
            (r = vfs_lookup_at(k, p, start, path, how, &n)) < 0)
            return r;
    }
    return access_node(p, n, mode, (flags & AX_AT_EACCESS) != 0);
}

int64_t ksys_access(Kernel *k, const SyscallArgs *a) {
    return access_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0), ARG_INT(1), 0);
}

int64_t ksys_faccessat(Kernel *k, const SyscallArgs *a) {
    return access_at(k, ARG_INT(0), ARG_PTR(const char *, 1), ARG_INT(2), ARG_INT(3));
}
