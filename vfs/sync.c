/* sync, fsync, futimens: the calls that reach an open file's inode, or the
 * whole tree's backing store. */
#include "kernel/timer.h"
#include "kernel/fd.h"
#include "syscall/handlers.h"
#include "vfs/internal.h"

int64_t ksys_sync(Kernel *k, const SyscallArgs *a) {
    vfs_sync_all(k);
    if (k->disk_sync)
        k->disk_sync(k); /* as sync(2): a failed write is fsync's to report */
    return 0;
}

int64_t ksys_fsync(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    if (!o)
        return -AX_EBADF;
    VNode *n = vfs_obj_node(o);
    if (!n || n->type == VN_DEV)
        return -AX_EINVAL;
    vfs_durable_sync(k, n); /* a directory's entries are always durable (durable.c) */
    return k->disk_sync ? k->disk_sync(k) : 0;
}

int64_t ksys_futimens(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    const int64_t *times = ARG_PTR(const int64_t *, 1);
    if (!o)
        return -AX_EBADF;
    VNode *n = vfs_obj_node(o);
    if (!n)
        return 0;
    int64_t now = (int64_t)clock_now(k);
    int64_t t[2] = {now, now};
    if (times) {
        for (int i = 0; i < 2; i++)
            t[i] = times[i] == AX_UTIME_NOW ? now : times[i];
        if (times[0] == AX_UTIME_OMIT && times[1] == AX_UTIME_OMIT)
            return 0;
    }
    if (!times || times[0] != AX_UTIME_OMIT)
        n->atime = (uint64_t)t[0];
    if (!times || times[1] != AX_UTIME_OMIT)
        n->mtime = (uint64_t)t[1];
    vnode_touch_meta(k, n);
    return 0;
}
