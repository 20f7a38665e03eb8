/* Signal syscalls: kill, dispositions, masks, pending, pause, sigtimedwait. */
#include <limits.h>

#include "kernel/poll.h"
#include "kernel/proc.h"
#include "kernel/timer.h"
#include "kernel/sched.h"
#include "signal/signal.h"
#include "syscall/handlers.h"

#define UNCATCHABLE(sig) ((sig) == AX_SIGKILL || (sig) == AX_SIGSTOP)

/* Post sig (0: none) to every process kill(pid) names that the caller
 * may signal. Returns 0, -AX_ESRCH (it names none) or -AX_EPERM (Linux:
 * a process or group of which the caller may signal none; kill(-1)
 * passes over whom it may not signal). Zombies count as targets, as
 * Linux counts them until they are reaped, but get nothing. */
static int kill_targets(Kernel *k, int pid, int sig) {
    Proc *me = k->cur;
    if (pid > 0) {
        Proc *p = proc_find(k, pid);
        if (!p)
            return -AX_ESRCH;
        int r = sig_permitted(me, p, sig);
        if (r == 0 && sig != 0)
            sig_send(k, p, sig); /* a no-op on a zombie or init */
        return r;
    }
    if (pid != -1) {
        int allowed, n = sig_send_group_from(k, pid == 0 ? me->pgid : -pid, sig, me, &allowed);
        return n == 0 ? -AX_ESRCH : allowed == 0 ? -AX_EPERM : 0;
    }
    /* -1: every process but init and the caller (Linux) */
    int n = 0;
    proc_reap_hold(k); /* orphans that die are freed after the walk */
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            if (p != k->init && p != me) {
                n++;
                if (sig != 0 && sig_permitted(me, p, sig) == 0)
                    sig_send(k, p, sig);
            }
    proc_reap_release(k);
    return n > 0 ? 0 : -AX_ESRCH;
}

int64_t ksys_kill(Kernel *k, const SyscallArgs *a) {
    int pid = ARG_INT(0), sig = ARG_INT(1);
    /* -INT_MIN names no group (and negating it is undefined): ESRCH, as
     * Linux gives. The target is looked up before the signal is checked,
     * so a missing one is ESRCH whatever the signal, as on Linux. */
    if (pid == INT_MIN)
        return -AX_ESRCH;
    if (sig < 0 || sig >= AX_NSIG)
        return kill_targets(k, pid, 0) == -AX_ESRCH ? -AX_ESRCH : -AX_EINVAL;
    return kill_targets(k, pid, sig);
}

int64_t ksys_signal(Kernel *k, const SyscallArgs *a) {
    int sig = ARG_INT(0);
    if (!sig_valid(sig) || UNCATCHABLE(sig))
        return -AX_EINVAL;
    SigHandler want = ARG_PTR(SigHandler, 1);
    if (want == AX_SIG_DFL && !k->cur->sig.action)
        return (int64_t)(uintptr_t)AX_SIG_DFL; /* no table: already the default */
    SigAction *act = sig_action_own(k, k->cur, sig);
    if (!act)
        return -AX_ENOMEM;
    SigHandler old = act->handler;
    act->handler = want;
    act->mask = 0;
    act->flags = 0;
    if (act->handler == AX_SIG_IGN)
        k->cur->sig.pending &= ~AX_SIGBIT(sig);
    return (int64_t)(uintptr_t)old;
}

int64_t ksys_sigaction(Kernel *k, const SyscallArgs *a) {
    int sig = ARG_INT(0);
    const SigAction *act = ARG_PTR(const SigAction *, 1);
    SigAction *old = ARG_PTR(SigAction *, 2);
    if (!sig_valid(sig) || (act && UNCATCHABLE(sig)))
        return -AX_EINVAL;
    SigAction prev = *sig_action(k->cur, sig);
    /* setting the default where there is no table changes nothing */
    if (act && (k->cur->sig.action || act->handler != AX_SIG_DFL || act->mask || act->flags)) {
        SigAction *cur = sig_action_own(k, k->cur, sig);
        if (!cur)
            return -AX_ENOMEM;
        *cur = *act;
        if (cur->handler == AX_SIG_IGN)
            k->cur->sig.pending &= ~AX_SIGBIT(sig);
    }
    if (old)
        *old = prev;
    return 0;
}

int64_t ksys_sigprocmask(Kernel *k, const SyscallArgs *a) {
    int how = ARG_INT(0);
    const SigSet *set = ARG_PTR(const SigSet *, 1);
    SigSet *old = ARG_PTR(SigSet *, 2);
    SigState *s = &k->cur->sig;
    SigSet prev = s->blocked;
    if (set) {
        switch (how) {
        case AX_SIG_BLOCK:
            s->blocked |= *set;
            break;
        case AX_SIG_UNBLOCK:
            s->blocked &= ~*set;
            break;
        case AX_SIG_SETMASK:
            s->blocked = *set;
            break;
        default:
            return -AX_EINVAL;
        }
        s->blocked &= ~(AX_SIGBIT(AX_SIGKILL) | AX_SIGBIT(AX_SIGSTOP));
    }
    if (old)
        *old = prev;
    return 0;
}

static int64_t sig_mask_one(Kernel *k, int sig, bool block) {
    if (!sig_valid(sig) || UNCATCHABLE(sig))
        return -AX_EINVAL;
    if (block)
        k->cur->sig.blocked |= AX_SIGBIT(sig);
    else
        k->cur->sig.blocked &= ~AX_SIGBIT(sig);
    return 0;
}

int64_t ksys_sigblock(Kernel *k, const SyscallArgs *a) {
    return sig_mask_one(k, ARG_INT(0), true);
}

int64_t ksys_sigunblock(Kernel *k, const SyscallArgs *a) {
    return sig_mask_one(k, ARG_INT(0), false);
}

int64_t ksys_sigpending(Kernel *k, const SyscallArgs *a) {
    SigSet *set = ARG_PTR(SigSet *, 0);
    if (!set)
        return -AX_EFAULT;
    *set = k->cur->sig.pending;
    return *set != 0;
}

int64_t ksys_pause(Kernel *k, const SyscallArgs *a) {
    /* Nothing wakes this queue: only a signal ends the wait (AX_EINTR). */
    return sched_wait(k, &k->cur->sleep_wait);
}

/* sigtimedwait: take a pending signal of `set` without running its
 * handler (POSIX sigwait, sigwaitinfo, sigtimedwait; Linux's
 * rt_sigtimedwait). The caller blocks the signals it waits for; while it
 * waits, sig_send wakes it for one of them (SigState.waiting) instead of
 * leaving the signal pending unseen. A signal outside the set that the
 * caller catches ends the wait with EINTR, never restarted (signal(7)). */
int64_t ksys_sigtimedwait(Kernel *k, const SyscallArgs *a) {
    const SigSet *setp = ARG_PTR(const SigSet *, 0);
    const int64_t *timeout = ARG_PTR(const int64_t *, 1);
    if (!setp)
        return -AX_EFAULT;
    if (timeout && *timeout < 0)
        return -AX_EINVAL;
    Proc *p = k->cur;
    SigSet want = *setp & ~(AX_SIGBIT(AX_SIGKILL) | AX_SIGBIT(AX_SIGSTOP));
    uint64_t deadline = !timeout ? UINT64_MAX : poll_deadline(k, (uint64_t)*timeout);
    bool armed = false;
    int64_t r;
    for (;;) {
        SigSet ready = p->sig.pending & want;
        if (ready) {
            int sig = __builtin_ctzll(ready) + 1;
            p->sig.pending &= ~AX_SIGBIT(sig);
            r = sig;
            break;
        }
        if ((timeout && *timeout == 0) || (armed && p->timed_out)) {
            r = -AX_EAGAIN;
            break;
        }
        if (deadline != UINT64_MAX && !armed) {
            if (sched_timeout_arm(k, deadline) < 0) {
                r = -AX_ENOMEM;
                break;
            }
            armed = true;
        }
        p->sig.waiting = want;
        bool woken = sched_wait_here(k, &p->sleep_wait);
        p->sig.waiting = 0;
        if (!woken) {
            p->no_restart = true;
            r = -KERR_INTR;
            break;
        }
    }
    if (armed)
        ktimer_disarm(k, &p->sleep_timer);
    return r;
}
