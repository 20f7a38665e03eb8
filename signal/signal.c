/* Signal posting, default actions, stop/continue and delivery. */
#include <string.h>

#include "kernel/proc.h"
#include "kernel/sched.h"
#include "signal/signal.h"
#include "trace/trace.h"

typedef enum SigDefault { SIGDEF_TERM, SIGDEF_IGNORE, SIGDEF_STOP, SIGDEF_CONT } SigDefault;

/* POSIX default actions (core-dumping ones terminate: axos dumps no core). */
static SigDefault sig_default(int sig) {
    switch (sig) {
    case AX_SIGCHLD:
    case AX_SIGURG:
    case AX_SIGWINCH:
        return SIGDEF_IGNORE;
    case AX_SIGCONT:
        return SIGDEF_CONT;
    case AX_SIGSTOP:
    case AX_SIGTSTP:
    case AX_SIGTTIN:
    case AX_SIGTTOU:
        return SIGDEF_STOP;
    default:
        return SIGDEF_TERM;
    }
}

#define STOP_SIGS (AX_SIGBIT(AX_SIGSTOP) | AX_SIGBIT(AX_SIGTSTP) | AX_SIGBIT(AX_SIGTTIN) | AX_SIGBIT(AX_SIGTTOU))
#define UNBLOCKABLE (AX_SIGBIT(AX_SIGKILL) | AX_SIGBIT(AX_SIGSTOP))

const SigAction sig_default_action = {AX_SIG_DFL, 0, 0};

void sig_proc_init(Proc *p) {
    memset(&p->sig, 0, sizeof p->sig);
}

void sig_proc_release(Kernel *k, Proc *p) {
    kmem_free(k, p->sig.action);
    p->sig.action = NULL;
}

SigAction *sig_action_own(Kernel *k, Proc *p, int sig) {
    if (!p->sig.action && !(p->sig.action = kmem_alloc(k, AX_NSIG * sizeof(SigAction))))
        return NULL; /* kmem_alloc zeroes: AX_SIG_DFL, no mask, no flags */
    return &p->sig.action[sig];
}

/* Caught handlers in t (AX_NSIG entries) back to the default; true when
 * some action is left that is not the default (an ignored signal). */
static bool sig_table_reset_caught(SigAction *t) {
    bool ignored = false;
    for (int s = 1; s < AX_NSIG; s++) {
        if (t[s].handler == AX_SIG_IGN)
            ignored = true;
        else
            t[s] = sig_default_action;
    }
    return ignored;
}

void sig_reset_caught(Kernel *k, Proc *p) {
    if (p->sig.action && !sig_table_reset_caught(p->sig.action))
        sig_proc_release(k, p); /* all default again: no table */
}

int sig_actions_inherit(Kernel *k, const Proc *parent, bool exec, SigAction **out) {
    *out = NULL;
    const SigAction *from = parent->sig.action;
    if (!from)
        return 0;
    if (exec) {
        bool ignored = false;
        for (int s = 1; s < AX_NSIG && !ignored; s++)
            ignored = from[s].handler == AX_SIG_IGN;
        if (!ignored)
            return 0; /* the reset leaves every action the default */
    }
    SigAction *t = kmem_alloc(k, AX_NSIG * sizeof *t);
    if (!t)
        return -AX_ENOMEM;
    memcpy(t, from, AX_NSIG * sizeof *t);
    if (exec)
        sig_table_reset_caught(t);
    *out = t;
    return 0;
}

/* Every signal event is folded into the digest, as tracing records it. */
static void sig_event(Kernel *k, const char *what, Proc *p, int sig) {
    uint64_t kind = (uint64_t)(unsigned char)what[0] << 8 | (unsigned char)what[1];
    kernel_digest_mix(k, 0x5160000000ULL ^ kind << 40 ^ (uint64_t)sig << 24 ^ (uint32_t)p->pid);
    if (trace_enabled(k))
        trace_emit(k, TRACE_SIGNAL, what, p->pid, sys_signame(sig));
}

/* POSIX: SIGTSTP, SIGTTIN and SIGTTOU whose default action would stop a
 * process of an orphaned group are discarded (nobody is left to continue
 * it). SIGSTOP always stops. */
static bool sig_stop_discarded(Kernel *k, const Proc *p, int sig) {
    return sig != AX_SIGSTOP && proc_pgrp_orphaned(k, p->pgid, p->sid);
}

/* Stop p where it is (it is not the running task). */
static void sig_stop_other(Kernel *k, Proc *p, int sig) {
    if (p->state == PROC_STOPPED)
        return;
    sched_unqueue(k, p); /* a parked call is simply retried after SIGCONT */
    p->state = PROC_STOPPED;
    k->nstopped++;
    p->stop_sig = sig;
    p->report = (p->report & ~PROC_REPORT_CONTINUED) | PROC_REPORT_STOPPED;
    sig_event(k, "stop", p, sig);
    proc_notify_parent(k, p, false);
}

/* The running task stops itself; returns once continued. */
static void sig_stop_self(Kernel *k, int sig) {
    Proc *p = k->cur;
    p->state = PROC_STOPPED;
    k->nstopped++;
    p->stop_sig = sig;
    p->report = (p->report & ~PROC_REPORT_CONTINUED) | PROC_REPORT_STOPPED;
    sig_event(k, "stop", p, sig);
    proc_notify_parent(k, p, false);
    p->ru.nvcsw++; /* stopped: a voluntary switch, as Linux counts it */
    sched_switch(k);
    p->interrupted = false; /* set by sig_continue for parked calls only */
}

static void sig_continue(Kernel *k, Proc *p) {
    p->sig.pending &= ~STOP_SIGS;
    if (p->state != PROC_STOPPED)
        return;
    k->nstopped--;
    p->report = (p->report & ~PROC_REPORT_STOPPED) | PROC_REPORT_CONTINUED;
    /* A call parked before the stop ends with AX_EINTR if a caught signal
     * is waiting; otherwise it is retried. */
    p->interrupted = sig_deliverable(p);
    sched_make_ready(k, p);
    sig_event(k, "continue", p, AX_SIGCONT);
    proc_notify_parent(k, p, false);
}

/* A caught signal ends the target's wait: the call returns AX_EINTR. */
static void sig_interrupt(Kernel *k, Proc *p) {
    if (sched_wake(k, p))
        p->interrupted = true;
}

void sig_send(Kernel *k, Proc *p, int sig) {
    if (p->state == PROC_ZOMBIE || p == k->init)
        return;
    SigSet bit = AX_SIGBIT(sig);
    k->stats.signals_sent++;
    sig_event(k, "send", p, sig);
    if (p->vfork_child) {
        /* A vfork parent's stack is in use until its child lets go: the
         * signal waits, whatever it is, and acts when it resumes. */
        p->sig.pending |= bit;
        return;
    }

    if (sig == AX_SIGKILL) {
        k->stats.signals_delivered++;
        proc_exit(k, p, sig_wait_status(sig)); /* no return when p is current */
        return;
    }
    if (sig == AX_SIGCONT)
        sig_continue(k, p);
    else if (bit & STOP_SIGS)
        p->sig.pending &= ~AX_SIGBIT(AX_SIGCONT);

    SigHandler h = sig_action(p, sig)->handler;
    bool blocked = (p->sig.blocked & bit) != 0;
    /* A sigtimedwait waits for it: pending, for that call to take, and
     * the waiter wakes (a blocked signal would not wake it, a caught one
     * would run its handler instead). An unblocked default action acts
     * as usual, as on Linux. */
    if ((p->sig.waiting & bit) && (blocked || h != AX_SIG_DFL)) {
        p->sig.pending |= bit;
        sched_wake(k, p);
        return;
    }
    /* An ignored signal is discarded at once unless blocked: then it stays
     * pending (sigpending shows it) until it is unblocked, when delivery
     * discards it, or SIG_IGN is set again. POSIX leaves it open; Linux
     * keeps it, and so does axos. */
    if (h == AX_SIG_IGN && !blocked)
        return;
    if (h == AX_SIG_DFL) {
        SigDefault d = sig_default(sig);
        if ((d == SIGDEF_IGNORE || d == SIGDEF_CONT) && !blocked)
            return;
        /* Unblocked defaults act at once on a task that is not running; a
         * stopped one keeps fatal signals pending until SIGCONT, as Linux
         * does (SIGKILL aside). SIGSTOP cannot be blocked. */
        if ((!blocked || sig == AX_SIGSTOP) && p != k->cur && p->state != PROC_STOPPED) {
            if (d == SIGDEF_STOP && sig_stop_discarded(k, p, sig))
                return;
            k->stats.signals_delivered++;
            if (d == SIGDEF_TERM)
                proc_exit(k, p, sig_wait_status(sig));
            else
                sig_stop_other(k, p, sig);
            return;
        }
        p->sig.pending |= bit;
        return;
    }
    p->sig.pending |= bit;
    if (!blocked && p != k->cur)
        sig_interrupt(k, p);
}

bool sig_would_act(const Kernel *k, const Proc *p, int sig) {
    if (p->state == PROC_ZOMBIE || p == k->init)
        return false;
    SigSet bit = AX_SIGBIT(sig);
    SigHandler h = sig_action(p, sig)->handler;
    if ((h == AX_SIG_IGN || (h == AX_SIG_DFL && sig_default(sig) == SIGDEF_IGNORE)) &&
        !(p->sig.blocked & bit))
        return false;
    return !(p->sig.pending & bit);
}

int sig_permitted(const Proc *from, const Proc *to, int sig) {
    /* POSIX lets SIGCONT through within a session, whoever the ids */
    return cred_may_signal(&from->cred, &to->cred, sig == AX_SIGCONT && from->sid == to->sid);
}

int sig_send_group(Kernel *k, int pgid, int sig) {
    int allowed;
    return sig_send_group_from(k, pgid, sig, NULL, &allowed);
}

int sig_send_group_from(Kernel *k, int pgid, int sig, const Proc *from, int *allowed) {
    int n = 0;
    *allowed = 0;
    bool self = false;
    proc_reap_hold(k); /* members may die, and orphans be freed, mid-walk */
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next) {
            if (p->pgid != pgid || p == k->init)
                continue;
            n++; /* a zombie still counts: it exists until reaped */
            if (from && sig_permitted(from, p, sig) < 0)
                continue;
            ++*allowed;
            if (p->state == PROC_ZOMBIE)
                continue;
            if (p == k->cur) {
                self = true; /* last: the caller may not come back */
                continue;
            }
            if (sig != 0)
                sig_send(k, p, sig);
        }
    proc_reap_release(k);
    if (self && sig != 0)
        sig_send(k, k->cur, sig);
    return n;
}

static void sig_run_handler(Kernel *k, Proc *p, int sig, SigAction *act) {
    SigHandler h = act->handler;
    SigSet saved = p->sig.blocked;
    p->sig.blocked |= act->mask;
    if (!(act->flags & AX_SA_NODEFER))
        p->sig.blocked |= AX_SIGBIT(sig);
    p->sig.blocked &= ~UNBLOCKABLE;
    if (act->flags & AX_SA_RESETHAND)
        act->handler = AX_SIG_DFL;
    h(sig);
    p->sig.blocked = saved;
}

bool sig_restart_ok(const Proc *p) {
    SigSet set = p->sig.pending & ~p->sig.blocked;
    bool any = false;
    while (set) {
        int sig = __builtin_ctzll(set) + 1;
        set &= set - 1;
        const SigAction *act = sig_action(p, sig);
        if (act->handler == AX_SIG_IGN)
            continue;
        if (act->handler == AX_SIG_DFL || !(act->flags & AX_SA_RESTART))
            return false;
        any = true;
    }
    return any;
}

void sig_mask_temp(Proc *p, SigSet mask) {
    p->sig.saved = p->sig.blocked;
    p->sig.blocked = mask & ~UNBLOCKABLE;
}

void sig_mask_temp_end(Proc *p) {
    if (sig_deliverable(p)) {
        p->sig.restore = true; /* sig_deliver, on the call's way out */
        return;
    }
    p->sig.blocked = p->sig.saved;
}

void sig_deliver(Kernel *k) {
    Proc *p = k->cur;
    SigSet set;
    while ((set = p->sig.pending & ~p->sig.blocked) != 0) {
        int sig = __builtin_ctzll(set) + 1;
        p->sig.pending &= ~AX_SIGBIT(sig);
        const SigAction *act = sig_action(p, sig);
        if (act->handler == AX_SIG_IGN)
            continue;
        if (act->handler == AX_SIG_DFL && sig_default(sig) == SIGDEF_STOP &&
            sig_stop_discarded(k, p, sig))
            continue;
        k->stats.signals_delivered++;
        sig_event(k, "deliver", p, sig);
        if (act->handler != AX_SIG_DFL) {
            /* a caught signal: p has a table of its own */
            sig_run_handler(k, p, sig, &p->sig.action[sig]);
            continue;
        }
        switch (sig_default(sig)) {
        case SIGDEF_TERM:
            proc_exit(k, p, sig_wait_status(sig)); /* does not return */
            return;
        case SIGDEF_STOP:
            sig_stop_self(k, sig);
            break;
        default:
            break;
        }
    }
    if (p->sig.restore) {
        p->sig.restore = false;
        p->sig.blocked = p->sig.saved;
        if (sig_deliverable(p)) /* the mask put back lets through others */
            sig_deliver(k);
    }
}
