/* The host side of scheduling: kernel_run, kernel_run_for, kernel_wait.
 *
 * The host thread runs tasks until none is ready. Then, with timers
 * pending, the virtual clock jumps to the next deadline (the host clock
 * sleeps until it); with none, the kernel says why nothing can progress. */
#include <time.h>

#include "console/console.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "loader/loader.h"
#include "window/window.h"

/* initial-exec: one load from the thread pointer on every syscall, where
 * the default model in position-independent code calls __tls_get_addr. */
_Thread_local Kernel *kernel_current __attribute__((tls_model("initial-exec")));

/* Run the ready tasks until none is ready or one asks for the host. */
static void run_ready(Kernel *k) {
    while (k->rq_head && !(k->work & KWORK_HOST_TURN)) {
        Proc *p = sched_take_ready(k);
        k->switches_since_host = 0;
        ctx_switch(&k->host_ctx, &p->ctx);
        k->cur = NULL;
        sched_after_switch(k);
        if (k->work & KWORK_HOST_CLOCK) {
            ktimer_fire_due(k);
            window_pump(k);
        }
    }
}

/* Classify a kernel where no task is ready and no timer is pending. */
static RunState run_stuck_state(Kernel *k) {
    if (k->ntasks == 0)
        return AX_RUN_EXITED;
    if (console_input_waiters(k) > 0)
        return AX_RUN_INPUT;
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            if (p->state == PROC_BLOCKED && p != k->init)
                return AX_RUN_DEADLOCK;
    return AX_RUN_STOPPED;
}

static void host_sleep_until(Kernel *k, uint64_t deadline) {
    uint64_t now = clock_now(k);
    if (deadline <= now)
        return;
    uint64_t ns = deadline - now;
    struct timespec ts = {(time_t)(ns / 1000000000u), (long)(ns % 1000000000u)};
    nanosleep(&ts, NULL);
}

/* Advance the clock towards the next timer that matters (never past
 * `until`) and fire what is due. Returns false when there is no timer to
 * wait for. Inert periodic timers alone are nothing to wait for: they
 * move the clock only to a finite `until` (kernel_run_for). */
static bool run_idle(Kernel *k, uint64_t until) {
    uint64_t next = ktimer_next_deadline(k);
    if (next == UINT64_MAX && (until == UINT64_MAX || k->ntimers == 0))
        return false;
    uint64_t target = next < until ? next : until;
    uint64_t now = clock_now(k);
    if (target > now) {
        if (k->cfg.clock == AX_CLOCK_HOST) {
            sched_stack_trim(k);
            host_sleep_until(k, target);
        }
        else
            k->now = target;
        k->stats.idle_ns += clock_now(k) - now;
    }
    ktimer_fire_due(k);
    return true;
}

/* The scheduling loop; stops at `until` (kernel ns) or when wait_pid is a
 * zombie (0: no such condition). */
static RunState run_loop(Kernel *k, uint64_t until, int wait_pid) {
    Kernel *outer = kernel_current;
    kernel_current = k;
    k->host_wait_pid = wait_pid;
    RunState state;
    for (;;) {
        kernel_work_clear(k, KWORK_HOST_TURN);
        if (k->interrupted) {
            state = AX_RUN_INTERRUPTED;
            break;
        }
        ktimer_fire_due(k);
        run_ready(k);
        if (k->interrupted)
            continue; /* said at the top */
        if (wait_pid) {
            Proc *w = proc_find(k, wait_pid);
            if (!w || w->state == PROC_ZOMBIE) {
                state = AX_RUN_EXITED;
                break;
            }
        }
        /* Busy tasks do not hold kernel_run_for past its budget under the
         * host clock (the host asked for its turn). */
        if (k->rq_head && !(k->cfg.clock == AX_CLOCK_HOST && clock_now(k) >= until))
            continue;
        if (clock_now(k) >= until) {
            state = AX_RUN_TIMEOUT;
            break;
        }
        if (k->ntasks == 0) {
            state = AX_RUN_EXITED;
            break;
        }
        /* Under the host clock, a task waiting for console input means the
         * host must get control to feed it, timers or not. */
        if (k->cfg.clock == AX_CLOCK_HOST && console_input_waiters(k) > 0 &&
            until == UINT64_MAX) {
            state = AX_RUN_INPUT;
            break;
        }
        if (window_pump(k) > 0)
            continue;
        if (!run_idle(k, until)) {
            state = run_stuck_state(k);
            break;
        }
    }
    if (state == AX_RUN_INTERRUPTED) {
        k->interrupted = 0;
        kernel_work_clear(k, KWORK_INTERRUPT);
    }
    k->host_wait_pid = 0;
    sched_stack_trim(k); /* nothing runs until the host calls again */
    loader_collect(k); /* no task runs now: copies nobody needs can go */
    kernel_current = outer;
    return state;
}

void kernel_interrupt(Kernel *k) {
    k->interrupted = 1;
    kernel_work_set(k, KWORK_INTERRUPT);
}

RunState kernel_run(Kernel *k) {
    return run_loop(k, UINT64_MAX, 0);
}

RunState kernel_run_for(Kernel *k, uint64_t ns) {
    uint64_t now = clock_now(k);
    uint64_t until = clock_after(now, ns);
    return run_loop(k, until, 0);
}

int kernel_wait(Kernel *k, int pid, int *status) {
    Proc *p = proc_find(k, pid);
    if (!p || !p->host_child || p->parent != k->init)
        return -AX_ECHILD;
    RunState state = AX_RUN_EXITED;
    if (p->state != PROC_ZOMBIE)
        state = run_loop(k, UINT64_MAX, pid);
    if (p->state != PROC_ZOMBIE)
        return state == AX_RUN_INTERRUPTED ? -AX_EINTR : -AX_EDEADLK;
    if (status)
        *status = p->exit_status;
    proc_usage_waited(k, k->init, p); /* init waited for it, on the host's behalf */
    proc_reap(k, p);
    return 0;
}
