/* ipc/ internals: what Kernel.ipc holds. */
#ifndef AXOS_IPC_IPC_STATE_H
#define AXOS_IPC_IPC_STATE_H

#include "ipc/socket.h"

typedef struct IpcState {
    SockState sock;
} IpcState;

#endif
