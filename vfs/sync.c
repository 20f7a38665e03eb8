/* sync, fsync: the calls that reach an open file's inode, or the whole
 * tree's backing store. (futimens is with the other attributes, attr.c.) */
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
