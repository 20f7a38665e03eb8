/* The IPC room's per-kernel state (Kernel.ipc): the socket namespace and
 * collector, the SysV message queues and semaphores, the file locks.
 * Set up by kernel_create after the VFS, torn down by kernel_destroy once
 * every process is gone. */
#ifndef AXOS_IPC_IPC_H
#define AXOS_IPC_IPC_H

#include "kernel/kernel.h"
#include "kernel/cred.h"

/* 0 or -AX_ENOMEM (nothing is left allocated). */
int ipc_init(Kernel *k);
void ipc_fini(Kernel *k);

/* p is exiting, however it dies: its SEM_UNDO adjustments are applied,
 * its record locks released. */
void ipc_proc_exit(Kernel *k, Proc *p);

/* p closes an fd on o while it holds record locks (Proc.rec_locks): its
 * locks on that file go, as POSIX requires of any close. */
void ipc_fd_closed(Kernel *k, Proc *p, KObject *o);

/* SysV permissions, decided by kernel/cred (Linux's ipcperms and
 * ipcctl_obtain_check). The access a msgget/semget flag asks of an
 * existing object: its permission bits folded into rwx (AX_R_OK...). */
static inline int ipc_flag_want(int flags) {
    return ((flags >> 6) | (flags >> 3) | flags) & 7;
}
/* May the caller use o for want? 0 or -AX_EACCES. */
static inline int ipc_access(Kernel *k, const IpcOwner *o, int want) {
    return cred_ipc_access(&k->cur->cred, o, want);
}
/* May the caller remove o or change its owner (IPC_RMID, IPC_SET)? 0 or
 * -AX_EPERM. */
static inline int ipc_control(Kernel *k, const IpcOwner *o) {
    return cred_ipc_control(&k->cur->cred, o);
}
/* IPC_SET: the new owner and permission bits (cred_ipc_set). */
static inline int ipc_set_owner(IpcOwner *o, uint32_t uid, uint32_t gid, uint32_t mode) {
    return cred_ipc_set(o, uid, gid, mode);
}
/* The owner fields of an info struct (IPC_STAT, the listings). */
#define IPC_OWNER_OUT(info, o)                                             \
    do {                                                                   \
        (info)->mode = (o)->mode;                                          \
        (info)->uid = (o)->uid;                                            \
        (info)->gid = (o)->gid;                                            \
        (info)->cuid = (o)->cuid;                                          \
        (info)->cgid = (o)->cgid;                                          \
    } while (0)

#endif
