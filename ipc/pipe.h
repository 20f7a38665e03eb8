/* ipc/ internals: the pipe a pipe(2) pair and a FIFO share. Nothing
 * outside ipc/ includes this file.
 *
 * A Pipe is the 64 KiB ring and its two wait queues; every object on it
 * (the two ends of pipe(2), each open of a FIFO) has the Pipe as priv, so
 * the read, write and poll operations below serve both kinds. readers and
 * writers count the objects open for each (a FIFO opened O_RDWR counts
 * in both); the Pipe goes when both reach zero. */
#ifndef AXOS_IPC_PIPE_H
#define AXOS_IPC_PIPE_H

#include "kernel/kernel.h"

typedef struct VNode VNode;

typedef struct Pipe {
    uint8_t *buf;
    MemAccount *acct;     /* pays for the buffer: whoever made the pipe */
    bool charged;         /* pipe_charge has been called */
    size_t head; /* index of the oldest byte */
    size_t len;  /* bytes stored */
    unsigned readers, writers;
    WaitQueue read_wait, write_wait;
    uint64_t ino;
    /* FIFOs only */
    VNode *node;          /* the FIFO's inode (referenced), NULL for pipe(2) */
    uint64_t r_counter, w_counter; /* opens for reading / writing so far */
    WaitQueue open_wait;  /* opens waiting for the other end */
} Pipe;

/* A new pipe with its buffer, no readers or writers, to be charged to a
 * (the creator's account; NULL: the system alone), or NULL (a memory
 * limit, or no memory). */
Pipe *pipe_new(Kernel *k, MemAccount *a);
/* Charge the new pipe, once nothing can fail any more (so that a failed
 * call moves no figure, peak included). Cannot fail: pipe_new checked. */
void pipe_charge(Kernel *k, Pipe *p);
/* Free p once it has neither readers nor writers. */
void pipe_free_if_unused(Kernel *k, Pipe *p);

/* The operations of any object on a Pipe (its access mode says which
 * ends it is). A reader's KObject.offset holds the write-open count it
 * has seen (Linux's f_version): no POLLHUP until that count moves, so a
 * FIFO opened O_NONBLOCK before any writer does not read as hung up. */
int64_t pipe_read(Kernel *k, KObject *o, void *dst, size_t n);
int64_t pipe_write(Kernel *k, KObject *o, const void *src, size_t n);
unsigned pipe_poll(Kernel *k, KObject *o, PollTable *pt);
/* The end an object stood for is gone: count it out, wake the other
 * side (EOF for readers, EPIPE for writers). Does not free the pipe. */
void pipe_drop_end(Kernel *k, Pipe *p, const KObject *o);

#endif
