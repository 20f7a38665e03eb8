/* ipc/ internals: what Kernel.ipc holds. */
#ifndef AXOS_IPC_IPC_STATE_H
#define AXOS_IPC_IPC_STATE_H

#include "ipc/socket.h"

typedef struct MsgQueue MsgQueue;
typedef struct MsgState {
    MsgQueue **queues;    /* by msqid; NULL once removed */
    size_t cap, next_id, count;
} MsgState;

typedef struct SemSet SemSet;
typedef struct SemUndo SemUndo;
typedef struct SemState {
    SemSet **sets;        /* by semid; NULL once removed */
    size_t cap, next_id, count;
    uint64_t total;       /* semaphores in every set */
    SemUndo *undos;       /* every process's undo records */
} SemState;

typedef struct LockFile LockFile;
typedef struct LockState {
    LockFile *files;      /* every locked file (ipc/lock.h) */
    size_t nfiles, nlocks;
} LockState;

typedef struct IpcState {
    SockState sock;
    MsgState msg;
    SemState sem;
    LockState lock;
} IpcState;

/* msg.c, sem.c: free what is left (ipc_fini) */
void msg_fini(Kernel *k);
void sem_fini(Kernel *k);
void lock_fini(Kernel *k);
/* sem.c: apply and free p's SEM_UNDO records (ipc_proc_exit) */
void sem_proc_exit(Kernel *k, Proc *p);

#endif
