/* The IPC room's per-kernel state (Kernel.ipc): the socket namespace and
 * collector, the SysV message queues and semaphores, the file locks.
 * Set up by kernel_create after the VFS, torn down by kernel_destroy once
 * every process is gone. */
#ifndef AXOS_IPC_IPC_H
#define AXOS_IPC_IPC_H

#include "kernel/kernel.h"

/* 0 or -AX_ENOMEM (nothing is left allocated). */
int ipc_init(Kernel *k);
void ipc_fini(Kernel *k);

/* p is exiting, however it dies: its SEM_UNDO adjustments are applied,
 * its record locks released. */
void ipc_proc_exit(Kernel *k, Proc *p);

/* p closes an fd on o while it holds record locks (Proc.rec_locks): its
 * locks on that file go, as POSIX requires of any close. */
void ipc_fd_closed(Kernel *k, Proc *p, KObject *o);

#endif
