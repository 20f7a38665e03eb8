/* sys_dispatch: the single entry into the kernel.
 *
 * 1. find the calling task (none: AX_ESRCH);
 * 2. when tracing or a fault plan is on, go the slow way: stamp the start
 *    for the trace event and let the plan (sim/) fail, shorten, delay or
 *    crash the call before its handler;
 * 3. call the handler from the table built out of syscalls.def;
 * 4. when it says "would block", park the task and call it again once
 *    woken; a caught signal ends the wait with AX_EINTR (or the partial
 *    count, when bytes already moved), or, under SA_RESTART, runs its
 *    handlers and starts the call over;
 * 5. count the call, fold it into the digest, record a trace event;
 * 6. deliver pending unblocked signals before returning to the task. */
#include "kernel/sched.h"
#include "signal/signal.h"
#include "sim/sim.h"
#include "syscall/handlers.h"
#include "trace/trace.h"

typedef int64_t (*Handler)(Kernel *k, const SyscallArgs *a);

static const Handler dispatch_table[AX_SYS_COUNT] = {
#define AX_SYSCALL(num, name, fmt) [num] = ksys_##name,
#include "axos/syscalls.def"
#undef AX_SYSCALL
};

static const char *const dispatch_names[AX_SYS_COUNT] = {
#define AX_SYSCALL(num, name, fmt) [num] = #name,
#include "axos/syscalls.def"
#undef AX_SYSCALL
};

const char *sys_name(SyscallNo no) {
    return (unsigned)no < AX_SYS_COUNT ? dispatch_names[no] : NULL;
}

static inline SyscallResult dispatch_result(int64_t r) {
    if (ksys_is_error(r))
        return (SyscallResult){-1, (SyscallError)-r};
    return (SyscallResult){r, AX_OK};
}

/* A call that cannot start: no running task, an unknown number, or no
 * argument block. Out of line, so the checks cost the fast path a branch
 * each and no constants. */
static __attribute__((noinline, cold)) SyscallResult dispatch_reject(const Kernel *k, unsigned no) {
    if (!k || !k->cur)
        return (SyscallResult){-1, AX_ESRCH};
    if (no >= AX_SYS_COUNT || !dispatch_table[no])
        return (SyscallResult){-1, AX_ENOSYS};
    return (SyscallResult){-1, AX_EFAULT};
}

/* Calls that SA_RESTART starts over after an interrupting handler (Linux
 * restarts these; never sleep or pause). */
static const bool dispatch_restartable[AX_SYS_COUNT] = {
    [AX_SYS_open] = true, /* a FIFO's open waits for its other end */
    [AX_SYS_openat] = true,
    [AX_SYS_read] = true,
    [AX_SYS_write] = true,
    [AX_SYS_waitpid] = true,
    /* sockets, as Linux restarts them when no SO_*TIMEO is set (those
     * waits end with EAGAIN, and sock_wait clears the restart) */
    [AX_SYS_accept4] = true,
    [AX_SYS_connect] = true,
    [AX_SYS_sendto] = true,
    [AX_SYS_recvfrom] = true,
    [AX_SYS_sendmsg] = true,
    [AX_SYS_recvmsg] = true,
    /* file lock waits (signal(7): flock, F_SETLKW) */
    [AX_SYS_flock] = true,
    [AX_SYS_fcntl_lock] = true,
};

/* Calls whose handler, called again as a retry, only looks whether what
 * it waits for has come (and parks again if not): a wake that is both
 * "it came" and "a signal" ends them with the result, the signal handled
 * after it, as Linux's wait loops test their condition before
 * signal_pending (do_wait finds the exited child). A sleep may not: its
 * retry takes the disarmed timer for an expiry. */
static const bool dispatch_recheck[AX_SYS_COUNT] = {
    [AX_SYS_waitpid] = true,
};

/* The wait was interrupted: a call that may look again does, and one
 * whose condition still does not hold is taken off the queue it parked on
 * again, to end with -KERR_INTR. */
static int64_t dispatch_recheck_call(Kernel *k, Proc *p, const SyscallArgs *a, unsigned no) {
    if (!dispatch_recheck[no])
        return -KERR_INTR;
    p->retry = true;
    int64_t r = dispatch_table[no](k, a);
    if (r != -KERR_BLOCK)
        return r;
    sched_unqueue(k, p);
    return -KERR_INTR;
}

/* The handler did not finish: it said "would block" (the task is parked)
 * or that a caught signal ended its in-place wait. Switch away and call it
 * again each time the task is woken, until it finishes. An interrupted
 * wait ends with the count already moved, or AX_EINTR; or, when the call
 * is restartable and every pending handler has SA_RESTART, the handlers
 * run here, outside the call, and it starts over from the top. */
static int64_t dispatch_wait_out(Kernel *k, Proc *p, const SyscallArgs *a, int64_t r) {
    unsigned no = p->sys_no;
    for (;;) {
        if (r == -KERR_BLOCK) {
            if (sched_block(k)) {
                p->retry = true;
                r = dispatch_table[no](k, a);
                continue;
            }
            r = dispatch_recheck_call(k, p, a, no);
        }
        if (r != -KERR_INTR)
            return r;
        if (p->io_done)
            return (int64_t)p->io_done;
        if (!dispatch_restartable[no] || p->no_restart || !sig_restart_ok(p))
            return -AX_EINTR;
        /* the handlers may make calls of their own, which start as any
         * call does: not a retry, nothing moved */
        uint64_t start = p->sys_start;
        p->retry = false;
        sig_deliver(k);
        p->sys_no = no;
        p->sys_start = start;
        r = dispatch_table[no](k, a);
    }
}

/* Out of line: only calls that wait come here. Proc.retry and io_done
 * are set only in here (and by the handlers it calls again), and put back
 * when the call ends, so every call starts with them clear without the
 * dispatcher storing them each time. */
static __attribute__((noinline)) int64_t dispatch_unfinished(Kernel *k, const SyscallArgs *a,
                                                              int64_t r) {
    Proc *p = k->cur;
    r = dispatch_wait_out(k, p, a, r);
    p->retry = false;
    p->no_restart = false;
    p->io_done = 0;
    return r;
}

/* Under the host clock the host must get its turn now and then (to pass
 * on a ^C, fire timers) even while a task calls without ever blocking, as
 * `yes` does: every 1024 calls it goes back to the host. */
static void dispatch_host_turn(Kernel *k, Proc *p) {
    if (++k->switches_since_host < 1024)
        return;
    sched_make_ready(k, p);
    sched_request_host(k);
    p->ru.nivcsw++; /* preempted: an involuntary switch */
    sched_switch(k);
}

/* What only a traced kernel, one on the host clock or one the host has
 * interrupted does after a call (KWORK_SYSCALL). Out of line: the usual kernel (virtual clock, tracing
 * off) pays one branch for it, and no registers kept for it across the
 * handler. */
static __attribute__((noinline)) void dispatch_extra(Kernel *k, const SyscallArgs *a, int64_t r) {
    Proc *p = k->cur;
    if (trace_enabled(k))
        trace_syscall(k, p, (SyscallNo)p->sys_no, a, r, p->sys_start);
    if (k->work & KWORK_INTERRUPT) { /* the host asked for control back */
        sched_make_ready(k, p);
        sched_request_host(k);
        p->ru.nivcsw++;
        sched_switch(k);
    } else if (k->work & KWORK_HOST_CLOCK) {
        sched_charge(k, false); /* the call's time is system time */
        dispatch_host_turn(k, p);
    }
}

/* The handler of a call made while tracing or a fault plan is on, or
 * under the host clock (KWORK_ENTRY): out of line, so the usual kernel
 * pays the one branch it paid for tracing alone. Under the host clock the
 * time since the last mark is the task's user time (sched_charge); the
 * call's own is charged to its system time as it ends (dispatch_extra).
 * The start is stamped for the trace event
 * (trace_set_enabled stamps the calls already under way; tracing reads
 * the clock itself, as under the host clock k->now is stale); then the
 * plan may take the call's place, or hand the handler a smaller count (in
 * `room`, on this frame, which lasts as long as the call, waits
 * included). The call is counted and traced with the arguments the
 * program passed; the fault's own event says what was changed. */
static __attribute__((noinline)) int64_t dispatch_slow(Kernel *k, Proc *p, Handler h,
                                                      const SyscallArgs *a) {
    SyscallArgs room;
    int64_t r;
    if (k->work & KWORK_HOST_CLOCK)
        sched_charge(k, true);
    if (trace_enabled(k))
        p->sys_start = trace_now(k);
    if ((k->work & KWORK_FAULT) && sim_syscall_enter(k, p, &a, &room, &r))
        return r;
    r = h(k, a);
    if (r == -KERR_BLOCK || r == -KERR_INTR)
        r = dispatch_unfinished(k, a, r);
    return r;
}

SyscallResult sys_dispatch(SyscallNo no, const SyscallArgs *a) {
    Kernel *k = kernel_current;
    unsigned n = (unsigned)no;
    Handler h;
    if (!k || !k->cur || n >= AX_SYS_COUNT || !(h = dispatch_table[n]) || !a)
        return dispatch_reject(k, n);

    Proc *p = k->cur;
    p->sys_no = n; /* retry and io_done are clear (dispatch_unfinished) */
    int64_t r;
    if (k->work & KWORK_ENTRY) {
        r = dispatch_slow(k, p, h, a);
    } else {
        r = h(k, a);
        if (r == -KERR_BLOCK || r == -KERR_INTR)
            r = dispatch_unfinished(k, a, r);
    }

    trace_syscall_done(k, (SyscallNo)n, a, r);
    if (k->work & KWORK_SYSCALL)
        dispatch_extra(k, a, r);
    /* the caller is running again, so it is k->cur: not kept in a
     * register across the handler */
    if (sig_deliverable(k->cur))
        sig_deliver(k);
    return dispatch_result(r);
}
