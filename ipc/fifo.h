/* What ipc/ gives the rest of the kernel about FIFOs: the operations a
 * FIFO's node carries, for the disk (disk/load.c), which makes FIFO nodes
 * again at boot. */
#ifndef AXOS_IPC_FIFO_H
#define AXOS_IPC_FIFO_H

typedef struct VSpecialOps VSpecialOps;

/* The VSpecialOps of a FIFO node (open waits for the other end...). */
const VSpecialOps *ipc_fifo_node_ops(void);

#endif
