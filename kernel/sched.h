/* The scheduler: one FIFO run queue, wait queues, and blocking.
 *
 * A task runs until it blocks, yields or exits; then the next ready task
 * runs, switched to directly (task to task, no trip through the host
 * context). The host context (kernel_run) gets control back when nothing
 * is ready, or when it asked for it (kernel_wait's pid exited, the host
 * clock needs a look). Under AX_SCHED_RANDOM the seeded generator picks
 * which ready task runs next.
 *
 * Blocking works like Linux's ERESTARTSYS: a handler that cannot progress
 * returns sched_wait(k, queue), which parks the caller on queue and returns
 * -KERR_BLOCK; the dispatcher then switches away, and calls the handler
 * again once the task is woken. Handlers therefore keep no state across a
 * wait except what they store in the objects themselves.
 *
 * A handler whose wait sits on a hot path may instead wait in place with
 * sched_wait_here and re-check its condition on waking, as Linux's
 * wait_event_interruptible does: the call is not run again from the top
 * (fd lookup, argument checks). Only for waits where nothing the handler
 * looked up can change meanwhile, and where a stop and continue may simply
 * re-check (pipe reads: the fd is the task's own, and an open read end
 * keeps the pipe alive).
 */
#ifndef AXOS_KERNEL_SCHED_H
#define AXOS_KERNEL_SCHED_H

#include "kernel/kernel.h"

/* Internal "would block" code, never seen by programs. */
#define KERR_BLOCK 512
/* Internal "a caught signal ended the wait" code, from a handler that
 * waited in place (sched_wait_here): the dispatcher turns it into
 * AX_EINTR, or runs the handlers and starts the call over (SA_RESTART),
 * as Linux does with ERESTARTSYS. */
#define KERR_INTR 513

static inline void wq_init(WaitQueue *q) { q->head = q->tail = NULL; }
static inline bool wq_empty(const WaitQueue *q) { return q->head == NULL; }

/* Put e at the back of q. e must be on no queue. */
static inline void wq_add(WaitQueue *q, WaitEntry *e) {
    e->next = NULL;
    e->prev = q->tail;
    if (q->tail)
        q->tail->next = e;
    else
        q->head = e;
    q->tail = e;
    e->queue = q;
}

/* Take e off the queue it is on; a no-op when it is on none. */
static inline void wq_remove(WaitEntry *e) {
    WaitQueue *q = e->queue;
    if (!q)
        return;
    if (e->prev)
        e->prev->next = e->next;
    else
        q->head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        q->tail = e->prev;
    e->queue = NULL; /* next and prev are set again by wq_add */
}

/* Park the current task on q; returns -KERR_BLOCK for the handler to
 * return. Only from a syscall handler running on a task. */
int64_t sched_wait(Kernel *k, WaitQueue *q);

/* Switch away from the current task, already parked on a wait queue by
 * sched_wait. Returns true once woken, false when a caught signal ended
 * the wait (the call then ends with AX_EINTR or its partial count). */
bool sched_block(Kernel *k);

/* Park the current task on q and switch away (the in-place wait above).
 * Returns as sched_block does; on false the handler returns -KERR_INTR
 * (holding nothing: the call may be started over). */
bool sched_wait_here(Kernel *k, WaitQueue *q);

void wq_wake_all_parked(Kernel *k, WaitQueue *q);

/* Wake every waiter on q, in the order they came: a task parked on it
 * (its Proc.wait) is taken off and made ready; an entry with a wake
 * function (poll, epoll) has it called and stays. Inline for the common
 * case of nobody waiting (a pipe read wakes its writers). */
static inline void wq_wake_all(Kernel *k, WaitQueue *q) {
    if (q->head)
        wq_wake_all_parked(k, q);
}

/* Wake p out of whatever wait it is parked in (a signal, a timeout):
 * off its wait queue and onto the run queue. False when p was not
 * blocked (a stopped task stays stopped). */
bool sched_wake(Kernel *k, Proc *p);

/* Take p off whatever queues it is on: the run queue, or the wait queue
 * it is parked on, or every queue a poll of its is parked on. */
void sched_unqueue(Kernel *k, Proc *p);

/* Arm the current task's sleep_timer to end its wait at the absolute
 * kernel time deadline (ns): when it fires, Proc.timed_out is set and the
 * task is woken wherever it waits. Returns 0 or -AX_ENOMEM (the timer
 * heap could not grow; nothing is armed). The caller disarms it
 * (ktimer_disarm) when the call ends; an interrupted wait disarms it. */
int sched_timeout_arm(Kernel *k, uint64_t deadline);

/* Put p at the back of the run queue, state PROC_READY. */
void sched_make_ready(Kernel *k, Proc *p);

/* The current task gives up the CPU; its state must already say why
 * (READY and queued, BLOCKED, STOPPED). Returns when it runs again. */
void sched_switch(Kernel *k);

/* For the host context: take the next ready task off the run queue (as
 * the scheduler would pick it), count the switch and make it current.
 * NULL when nothing is ready. */
Proc *sched_take_ready(Kernel *k);

/* Under AX_CLOCK_HOST: charge the host time since the last mark to the
 * running task, as user time (user: a call starts) or system time (a
 * call ends; a switch), and mark now. Called by the dispatcher and the
 * switch only when k->work has KWORK_HOST_CLOCK. */
void sched_charge(Kernel *k, bool user);
/* The running task's host time since the last mark, not charged yet (0
 * in the host context or under the virtual clock): read from inside a
 * call, it is system time. */
uint64_t sched_uncharged_ns(Kernel *k);

/* The current task ends: switch away for good. Its stack and (when
 * reaped) its Proc are freed once the next context runs. */
_Noreturn void sched_exit_current(Kernel *k);

/* Bookkeeping every context does right after a switch lands in it. */
void sched_after_switch(Kernel *k);

/* Task stacks (kernel/stack.c): a free list over slabs of stacks, each
 * with a guard page below while the host allows, else a canary.
 * alloc: 0 or -AX_ENOMEM (nothing changed); release cannot fail. */
typedef struct StackSlab {
    char *base;       /* the mapping */
    size_t cell;      /* bytes per stack, its guard page included */
    size_t ncells;
    bool guarded;     /* each stack has a guard page below it */
    bool mprotected;  /* ...made by mprotect, counted in guarded_stacks */
} StackSlab;
enum { STACK_GUARD_MADVISE, STACK_GUARD_MPROTECT, STACK_GUARD_NONE };
int sched_stack_alloc(Kernel *k, Proc *p);
/* Choose the guard kind and work out how many mprotect guards the
 * host's mapping limit allows (at kernel creation). */
void sched_stack_budget(Kernel *k);
void sched_stack_release(Kernel *k, Proc *p);
/* Idle: give back what free stacks beyond a warm few hold. */
void sched_stack_trim(Kernel *k);
/* Unmap every slab (kernel_destroy, every task gone). */
void sched_stack_pool_drain(Kernel *k);
/* Has p written below its guard-less stack (its canary is gone)? */
bool sched_stack_overflowed(const Proc *p);

/* Make next the running task without a switch: the execution under way
 * goes on as next (vfork's child takes over its parent's). Counted and
 * traced as a switch. */
void sched_become(Kernel *k, Proc *next);

/* Start p's program on its stack from the top (spawn, exec). */
void sched_task_init(Kernel *k, Proc *p);

/* Ask that control go back to the host context at the next switch. */
void sched_request_host(Kernel *k);

#endif
