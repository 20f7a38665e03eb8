/* The run queue, wait queues and the switch between tasks. */
#include "kernel/sched.h"
#include "kernel/poll.h"
#include "kernel/proc.h"
#include "kernel/timer.h"
#include "signal/signal.h"
#include "syscall/handlers.h"
#include "trace/trace.h"

/* The run queue: an intrusive doubly-linked list through Proc.q_next / q_prev. */
static void list_append(Proc **head, Proc **tail, Proc *p) {
    p->q_next = NULL;
    p->q_prev = *tail;
    if (*tail)
        (*tail)->q_next = p;
    else
        *head = p;
    *tail = p;
}

static void list_remove(Proc **head, Proc **tail, Proc *p) {
    if (p->q_prev)
        p->q_prev->q_next = p->q_next;
    else
        *head = p->q_next;
    if (p->q_next)
        p->q_next->q_prev = p->q_prev;
    else
        *tail = p->q_prev;
    p->q_next = p->q_prev = NULL;
}

int64_t sched_wait(Kernel *k, WaitQueue *q) {
    wq_add(q, &k->cur->wait);
    return -KERR_BLOCK;
}

/* Take the first task off a list (FIFO order: no predecessor to fix). */
static Proc *list_pop_head(Proc **head, Proc **tail) {
    Proc *p = *head;
    *head = p->q_next;
    if (*head)
        (*head)->q_prev = NULL;
    else
        *tail = NULL;
    p->q_next = NULL;
    return p;
}

static inline void sched_ready(Kernel *k, Proc *p) {
    p->state = PROC_READY;
    list_append(&k->rq_head, &k->rq_tail, p);
}

void sched_make_ready(Kernel *k, Proc *p) {
    sched_ready(k, p);
}

bool sched_wake(Kernel *k, Proc *p) {
    if (p->state != PROC_BLOCKED || p->vfork_child) /* a vfork parent waits for its child only */
        return false;
    sched_unqueue(k, p);
    sched_ready(k, p);
    return true;
}

/* A task's own entry (Proc.wait) was taken off its queue: make it ready. */
static inline void wq_ready_entry(Kernel *k, WaitEntry *e) {
    e->queue = NULL;
    Proc *p = (Proc *)((char *)e - offsetof(Proc, wait));
    if (p->state == PROC_BLOCKED)
        sched_ready(k, p);
}

/* The queue from the first entry with a wake function on. A wake
 * function may make tasks ready and wake other queues, but takes no
 * entry off this one: the walk keeps the next entry before each call. */
static __attribute__((noinline)) void wq_wake_from(Kernel *k, WaitQueue *q, WaitEntry *e) {
    do {
        WaitEntry *next = e->next;
        if (e->wake) {
            e->wake(k, e);
        } else {
            wq_remove(e);
            wq_ready_entry(k, e);
        }
        e = next;
    } while (e);
}

/* Tasks parked at the front are popped as from a plain FIFO (the pipe
 * ping-pong's case: one reader); the rest of the queue, from the first
 * poll or epoll entry on, is walked out of line. */
void wq_wake_all_parked(Kernel *k, WaitQueue *q) {
    WaitEntry *e;
    while ((e = q->head) && !e->wake) {
        q->head = e->next;
        if (q->head)
            q->head->prev = NULL;
        else
            q->tail = NULL;
        wq_ready_entry(k, e);
    }
    if (e)
        wq_wake_from(k, q, e);
}

void sched_unqueue(Kernel *k, Proc *p) {
    if (p->wait.queue)
        wq_remove(&p->wait);
    else if (p->state == PROC_READY)
        list_remove(&k->rq_head, &k->rq_tail, p);
    if (p->polls)
        pollwaiter_detach(k, p->polls);
}

static void sched_timeout_fire(Kernel *k, KTimer *t) {
    Proc *p = (Proc *)((char *)t - offsetof(Proc, sleep_timer));
    p->timed_out = true;
    sched_wake(k, p); /* a stopped task sees it once continued */
}

int sched_timeout_arm(Kernel *k, uint64_t deadline) {
    Proc *p = k->cur;
    p->timed_out = false;
    p->sleep_timer.fire = sched_timeout_fire;
    return ktimer_arm(k, &p->sleep_timer, deadline);
}

/* splitmix64: the seeded choice among ready tasks (AX_SCHED_RANDOM). */
static uint64_t sched_rand(Kernel *k) {
    uint64_t z = (k->sched_rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* AX_SCHED_RANDOM: take a seeded choice among the ready tasks. The queue
 * is walked to count it (the FIFO path keeps no length: it is not worth a
 * counter on every switch for a mode that explores interleavings). */
static __attribute__((noinline)) Proc *sched_pick_random(Kernel *k) {
    uint64_t len = 0;
    for (Proc *q = k->rq_head; q; q = q->q_next)
        len++;
    if (len == 1) /* no choice: the seeded sequence is not drawn from */
        return list_pop_head(&k->rq_head, &k->rq_tail);
    uint64_t n = sched_rand(k) % len;
    Proc *p = k->rq_head;
    while (n--)
        p = p->q_next;
    list_remove(&k->rq_head, &k->rq_tail, p);
    return p;
}

/* Take the next task off the run queue (FIFO, or the seed's choice), or
 * NULL when none is ready. */
static inline __attribute__((always_inline)) Proc *sched_pick(Kernel *k, bool random) {
    if (!k->rq_head)
        return NULL;
    if (random)
        return sched_pick_random(k);
    return list_pop_head(&k->rq_head, &k->rq_tail);
}

void sched_request_host(Kernel *k) {
    kernel_work_set(k, KWORK_HOST_TURN);
}

/* Make next the running task (NULL: the host context), counting the
 * switch and folding it into the digest. */
static inline __attribute__((always_inline)) void sched_set_current(Kernel *k, Proc *next) {
    if (next) {
        k->stats.context_switches++; /* tasks_run is the same count (kernel_trace_summary) */
        /* The pid alone: the other events' words carry a tag in their high
         * bits or are hashed, so a switch needs no tag of its own. */
        kernel_digest_mix(k, (uint32_t)next->pid);
        next->state = PROC_RUNNING;
    }
    k->cur = next;
}

/* Under the host clock, the CPU time since the last mark goes to the
 * running task: to its user time at the start of a call (it was in its
 * own code), to its system time at a call's end or a switch (every
 * switch away happens inside a call). The host context (cur NULL) is
 * idle: nobody's. One clock read per mark, which only host-clock kernels
 * pay (under the virtual clock running takes no time). */
void sched_charge(Kernel *k, bool user) {
    uint64_t t = clock_host_ns();
    Proc *p = k->cur;
    if (p) {
        uint64_t d = t - k->run_start;
        if (user) {
            p->ru.utime_ns += d;
            k->cpu_user_ns += d;
        } else {
            p->ru.stime_ns += d;
            k->cpu_sys_ns += d;
        }
    }
    k->run_start = t;
}

uint64_t sched_uncharged_ns(Kernel *k) {
    if (!k->cur || !(k->work & KWORK_HOST_CLOCK))
        return 0;
    return clock_host_ns() - k->run_start;
}

/* sched_next when k->work has switch work (KWORK_SWITCH): the host asked
 * for its turn (kernel_wait's pid exited; under the host clock, every 1024
 * calls), the host clock charges CPU time, the seed picks, or tracing
 * records the switch. */
static __attribute__((noinline)) Proc *sched_next_work(Kernel *k) {
    if (k->work & KWORK_HOST_CLOCK)
        sched_charge(k, false);
    Proc *next = NULL;
    if (!(k->work & KWORK_HOST_TURN))
        next = sched_pick(k, k->work & KWORK_RANDOM);
    sched_set_current(k, next);
    if (next && trace_enabled(k))
        trace_emit(k, TRACE_SCHED, "switch", next->pid, NULL);
    return next;
}

/* Who runs when the running context gives up the CPU: the next ready
 * task, made current, or NULL for the host context. Inlined: it is on
 * every switch's path, where the usual kernel pays one branch for the
 * unusual cases. */
static inline __attribute__((always_inline)) Proc *sched_next(Kernel *k) {
    if (k->work & KWORK_SWITCH)
        return sched_next_work(k);
    Proc *next = sched_pick(k, false);
    sched_set_current(k, next);
    return next;
}

void sched_become(Kernel *k, Proc *next) {
    if (k->work & KWORK_HOST_CLOCK)
        sched_charge(k, false);
    sched_set_current(k, next);
    if (trace_enabled(k))
        trace_emit(k, TRACE_SCHED, "switch", next->pid, NULL);
}

Proc *sched_take_ready(Kernel *k) {
    return sched_next(k);
}

static inline Context *sched_context_of(Kernel *k, Proc *p) {
    return p ? &p->ctx : &k->host_ctx;
}

/* A task on a guard-less stack that overflowed dies as a guard page would
 * have made it die: SIGSEGV. */
static void sched_check_stack(Kernel *k, Proc *self) {
    if (!sched_stack_overflowed(self))
        return;
    sched_unqueue(k, self);
    proc_exit(k, self, sig_wait_status(AX_SIGSEGV));
}

/* sched_switch, for callers that hold the current task already. False
 * when no other task was ready and self runs on (no switch happened). */
static inline __attribute__((always_inline)) bool sched_switch_from(Kernel *k, Proc *self) {
    if (self->stack_canary)
        sched_check_stack(k, self);
    Proc *next = sched_next(k);
    if (next == self) /* it was the only ready task */
        return false;
    ctx_switch(&self->ctx, sched_context_of(k, next));
    sched_after_switch(k);
    return true;
}

void sched_switch(Kernel *k) {
    sched_switch_from(k, k->cur);
}

bool sched_block(Kernel *k) {
    Proc *p = k->cur;
    uint64_t t0 = k->now;
    p->state = PROC_BLOCKED;
    p->ru.nvcsw++; /* a switch away to wait (getrusage's ru_nvcsw) */
    sched_switch(k);
    /* A call's kernel time is the time it waits: nothing else moves the
     * kernel clock while a task runs. */
    k->stats.syscalls[p->sys_no].time_ns += k->now - t0;
    if (!p->interrupted)
        return true;
    p->interrupted = false;
    ktimer_disarm(k, &p->sleep_timer);
    return false;
}

bool sched_wait_here(Kernel *k, WaitQueue *q) {
    sched_wait(k, q);
    return sched_block(k);
}

/* sys_yield: the caller goes to the back of the run queue and the next
 * ready task runs (the caller itself, when no other is ready). Here
 * rather than with the other process calls: it is the scheduler's whole
 * job, and one call deep on the task-switch path. */
int64_t ksys_yield(Kernel *k, const SyscallArgs *a) {
    (void)a;
    Proc *self = k->cur;
    sched_ready(k, self);
    if (sched_switch_from(k, self))
        self->ru.nivcsw++; /* switched away still runnable (ru_nivcsw), as Linux counts */
    return 0;
}

void sched_exit_current(Kernel *k) {
    Proc *self = k->cur;
    k->dead = self;
    ctx_jump(&self->ctx, sched_context_of(k, sched_next(k)));
    __builtin_unreachable();
}

/* The task that switched away for good: free its stack (and its Proc,
 * when nobody waits for it), then the hang-ups its exit left to do.
 * Out of line: most switches have no dead task. */
static __attribute__((noinline)) void sched_bury(Kernel *k, Proc *dead) {
    k->dead = NULL;
    if (dead->vfork_parent) {
        /* It left its parent's stack: by exiting (its context says where),
         * or by exec (vfork_leave does; it lives on, on its own stack). */
        bool alive = dead->state != PROC_ZOMBIE;
        vfork_handback(k, dead, alive ? k->vfork_leave.sp : dead->ctx.sp);
        if (alive)
            return;
    }
    proc_task_free(k, dead);
    if (dead->autoreap)
        proc_reap(k, dead);
    ExitGroups groups = k->dead_groups;
    proc_exit_hangups(k, &groups);
}

void sched_after_switch(Kernel *k) {
    if (k->dead)
        sched_bury(k, k->dead);
}

/* Every task starts here, on its own stack. */
static void sched_task_entry(void) {
    Kernel *k = kernel_current;
    Proc *p = k->cur;
    ctx_entered(&p->ctx);
    sched_after_switch(k);
    if (sig_deliverable(p))
        sig_deliver(k);
    int status = p->main(p->argc, p->argv);
    sys_exit(status);
}

void sched_task_init(Kernel *k, Proc *p) {
    size_t guard = p->stack_map_size - k->stack_size;
    ctx_init(&p->ctx, (char *)p->stack + guard, k->stack_size, sched_task_entry);
}
