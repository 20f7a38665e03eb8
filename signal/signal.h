/* Signals: posting, default actions, masks and delivery.
 *
 * A signal sent to a process that is not running acts at once where POSIX
 * allows no choice: SIGKILL and unblocked fatal defaults end the target
 * where it is suspended (it never runs user code again), stop signals stop
 * it, SIGCONT resumes it. A caught signal is made pending and, when the
 * target is parked in a syscall, wakes it so the call returns AX_EINTR
 * (or starts over, under SA_RESTART: the dispatcher decides).
 * Pending signals are delivered to the running task by sig_deliver, which
 * the dispatcher calls on the way out of every syscall and a task calls as
 * it starts. Handlers run on the task's own stack. */
#ifndef AXOS_SIGNAL_SIGNAL_H
#define AXOS_SIGNAL_SIGNAL_H

#include "kernel/kernel.h"

static inline bool sig_valid(int sig) { return sig >= 1 && sig < AX_NSIG; }

/* Post sig to p, from the kernel or another process (sig 1..64). */
void sig_send(Kernel *k, Proc *p, int sig);

/* Post sig to every member of group pgid; returns how many got it. */
int sig_send_group(Kernel *k, int pgid, int sig);

/* May process from send sig (0: only asking) to process to? kill(2)'s
 * rule, decided by the credentials module: 0 or -AX_EPERM. */
int sig_permitted(const Proc *from, const Proc *to, int sig);

/* kill(-pgid) by from: sig to every member from may signal. Returns the
 * members (zombies count, 0: no such group) and *allowed, how many of
 * them from was allowed to signal. */
int sig_send_group_from(Kernel *k, int pgid, int sig, const Proc *from, int *allowed);

/* Would posting sig to p now change anything (a handler to run, a
 * default action, a new pending bit)? False when p has exited, ignores
 * sig, or has it pending already: standard signals do not queue. */
bool sig_would_act(const Kernel *k, const Proc *p, int sig);

/* Deliver what is pending and unblocked to the current task. */
void sig_deliver(Kernel *k);

/* Anything pending and unblocked for p? (cheap check for the hot path) */
static inline bool sig_deliverable(const Proc *p) {
    return (p->sig.pending & ~p->sig.blocked) != 0;
}

/* May a call that p's pending signals interrupted start over once they
 * are delivered? Only when each of them will run a handler installed with
 * AX_SA_RESTART (a default action or another handler: no). */
bool sig_restart_ok(const Proc *p);

/* ppoll, pselect, epoll_pwait: the current task waits with `mask` as its
 * blocked set (SIGKILL and SIGSTOP stay unblocked). */
void sig_mask_temp(Proc *p, SigSet mask);
/* The call ends: put the task's own mask back now, or, when a signal the
 * temporary mask let through is pending (it interrupted the wait), once
 * sig_deliver has delivered it under the temporary mask, as Linux does. */
void sig_mask_temp_end(Proc *p);

/* New process: everything default, nothing blocked or pending. */
void sig_proc_init(Proc *p);
/* Exec: caught signals reset to default; ignored stay ignored. */
void sig_reset_caught(Kernel *k, Proc *p);
/* The action table a child starts with, in *out (NULL: every action the
 * default): the parent's with caught handlers reset to the default when
 * exec is true (spawn is fork + exec), or all of it (vfork: the child
 * shares the parent's memory, where the handlers are). 0 or -AX_ENOMEM
 * (nothing allocated then). */
int sig_actions_inherit(Kernel *k, const Proc *parent, bool exec, SigAction **out);
/* Free p's action table (the process is being freed). */
void sig_proc_release(Kernel *k, Proc *p);

/* The default action: what sig_action gives for a process with no table. */
extern const SigAction sig_default_action;

/* p's action for sig (1..AX_NSIG-1). Read-only: see sig_action_own. */
static inline const SigAction *sig_action(const Proc *p, int sig) {
    return p->sig.action ? &p->sig.action[sig] : &sig_default_action;
}

/* p's action for sig, to change: makes p's table (every action default)
 * when it has none. NULL when that allocation fails (nothing changed). */
SigAction *sig_action_own(Kernel *k, Proc *p, int sig);

/* Wait status for death by sig. */
static inline int sig_wait_status(int sig) { return sig & 0x7f; }

#endif
