/* The path calls of the "more file calls" block: truncate and access.
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

int64_t ksys_access(Kernel *k, const SyscallArgs *a) {
    int mode = ARG_INT(1);
    if (mode & ~(AX_R_OK | AX_W_OK | AX_X_OK))
        return -AX_EINVAL;
    VNode *n;
    int r = vfs_lookup(k, k->cur, ARG_PTR(const char *, 0), &n);
    if (r < 0)
        return r;
    /* With the real ids, as access(2) judges (a set-uid program asks
     * what its user may do); root passes as in cred_permission. A program
     * node cannot be opened for writing, whoever asks. */
    if ((mode & AX_W_OK) && n->type == VN_PROG)
        return -AX_EACCES;
    if (mode == 0)
        return 0;
    Cred real;
    cred_real_view(&k->cur->cred, &real);
    return cred_permission(&real, n->uid, n->gid, n->perm, n->type == VN_DIR, mode);
}
