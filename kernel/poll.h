/* Waiting on many queues at once: the waiter behind poll, select and
 * epoll_wait (Linux's poll_wqueues).
 *
 * A PollWaiter is the table handed to each object's poll operation: every
 * poll_wait adds one WaitEntry for the task to that queue. The entries
 * stay while the call loops (the first pass registers, later passes only
 * look), so a wake-up on any queue makes the task ready once; the task
 * takes them all off when the call ends. The first POLL_INLINE entries
 * live in the waiter itself (on the caller's stack), more come from kmem
 * in chunks.
 *
 * While a PollWaiter is in use Proc.polls points at it, so that
 * sched_unqueue (a kill, a stop, a signal's or a timeout's wake-up) takes
 * the entries off their queues before the task's stack can go: the call
 * then registers again on its next pass (PollWaiter.armed is false). */
#ifndef AXOS_KERNEL_POLL_H
#define AXOS_KERNEL_POLL_H

#include "kernel/kernel.h"

#define POLL_INLINE 16

typedef struct PollChunk PollChunk;

typedef struct PollWaiter {
    PollTable pt;     /* first: queue() finds the waiter from it */
    Proc *proc;
    bool armed;       /* the entries are on their queues */
    bool timer_set;   /* the deadline is armed on Proc.sleep_timer */
    int error;        /* -AX_ENOMEM once an entry could not be had */
    size_t n;         /* entries used in this registration */
    WaitEntry first[POLL_INLINE];
    PollChunk *chunks;
} PollWaiter;

/* Start a waiter for the current task (Proc.polls points at it). */
void pollwaiter_init(Kernel *k, PollWaiter *w);

/* The table a scan hands to poll operations: registering while the
 * entries are not on their queues, NULL (look only) once they are. Call
 * pollwaiter_armed after the scan. */
static inline PollTable *pollwaiter_table(PollWaiter *w) {
    return w->armed ? NULL : &w->pt;
}
static inline void pollwaiter_armed(PollWaiter *w) {
    w->armed = true;
}

/* Take every entry off its queue and free the chunks: a stopped task
 * registers again when continued, and a killed one (whose stack goes)
 * leaves nothing behind. Idempotent. */
void pollwaiter_detach(Kernel *k, PollWaiter *w);

/* Park the task until a queue it registered on is woken, the kernel
 * clock reaches deadline (ns; UINT64_MAX: never) or a caught signal
 * comes. Returns 1 when woken, 0 when the deadline passed, -AX_ENOMEM
 * when the deadline's timer could not be armed, -KERR_INTR for a signal
 * (the caller returns it: the dispatcher makes it AX_EINTR). */
int pollwaiter_block(Kernel *k, PollWaiter *w, uint64_t deadline);

/* The call is over: detach, free the chunks, clear Proc.polls. */
void pollwaiter_done(Kernel *k, PollWaiter *w);

/* The absolute deadline for a relative timeout of ns (saturating). */
uint64_t poll_deadline(Kernel *k, uint64_t ns);

#endif
