/* The IPC room's per-kernel state (Kernel.ipc): the socket namespace and
 * collector; later the SysV message queues, semaphores and file locks.
 * Set up by kernel_create after the VFS, torn down by kernel_destroy once
 * every process is gone. */
#ifndef AXOS_IPC_IPC_H
#define AXOS_IPC_IPC_H

#include "kernel/kernel.h"

/* 0 or -AX_ENOMEM (nothing is left allocated). */
int ipc_init(Kernel *k);
void ipc_fini(Kernel *k);

/* p is exiting, however it dies: its SEM_UNDO adjustments are applied. */
void ipc_proc_exit(Kernel *k, Proc *p);

#endif
