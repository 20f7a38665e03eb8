/* The IPC room's state: one block per kernel, set up and torn down with
 * it. */
#include "ipc/ipc.h"
#include "ipc/ipc_state.h"
#include "ipc/lock.h"

int ipc_init(Kernel *k) {
    k->ipc = kmem_alloc(k, sizeof *k->ipc);
    return k->ipc ? 0 : -AX_ENOMEM;
}

/* After proc_fini: every fd is closed, so every socket has been released
 * (the collector freed those that only messages held). */
void ipc_fini(Kernel *k) {
    if (!k->ipc)
        return;
    sock_names_fini(k);
    msg_fini(k);
    sem_fini(k);
    lock_fini(k);
    kmem_free(k, k->ipc);
    k->ipc = NULL;
}

void ipc_proc_exit(Kernel *k, Proc *p) {
    if (p->sem_undo)
        sem_proc_exit(k, p);
    if (p->rec_locks)
        reclock_release_all(k, p);
}

void ipc_fd_closed(Kernel *k, Proc *p, KObject *o) {
    reclock_fd_closed(k, p, o);
}

SockState *sock_state(Kernel *k) {
    return &k->ipc->sock;
}
