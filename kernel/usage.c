/* Resource usage: what a process used (CPU time, switches, peak memory),
 * read by getrusage, times, wait4 and /proc, and summed into the parent
 * that waits for it. The CPU time itself is charged by the scheduler and
 * the dispatcher (sched_charge); the switch counts by the switch. */
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/timer.h" /* clock_now */
#include "syscall/handlers.h"

void proc_usage_self(Kernel *k, const Proc *p, ProcUsage *out) {
    *out = p->ru;
    /* the caller's call under way is system time not charged yet */
    if (p == k->cur)
        out->stime_ns += sched_uncharged_ns(k);
    /* a live process's peak is its account's; an exited one noted it as
     * its account went (proc_task_free) */
    if (p->acct && p->acct->peak > out->maxrss)
        out->maxrss = p->acct->peak;
}

uint64_t proc_usage_cpu_ns(Kernel *k, const Proc *p) {
    ProcUsage u;
    proc_usage_self(k, p, &u);
    return u.utime_ns + u.stime_ns;
}

/* Linux's RUSAGE_BOTH: p's own usage and its waited-for children's, the
 * larger of the two peaks. */
static void usage_both(Kernel *k, const Proc *p, ProcUsage *out) {
    proc_usage_self(k, p, out);
    out->utime_ns += p->cru.utime_ns;
    out->stime_ns += p->cru.stime_ns;
    out->nvcsw += p->cru.nvcsw;
    out->nivcsw += p->cru.nivcsw;
    if (p->cru.maxrss > out->maxrss)
        out->maxrss = p->cru.maxrss;
}

void proc_usage_waited(Kernel *k, Proc *waiter, const Proc *child) {
    ProcUsage u;
    usage_both(k, child, &u);
    ProcUsage *c = &waiter->cru;
    c->utime_ns += u.utime_ns;
    c->stime_ns += u.stime_ns;
    c->nvcsw += u.nvcsw;
    c->nivcsw += u.nivcsw;
    if (u.maxrss > c->maxrss)
        c->maxrss = u.maxrss;
}

static void usage_export(const ProcUsage *u, ResourceUsage *out) {
    out->utime_ns = u->utime_ns;
    out->stime_ns = u->stime_ns;
    out->maxrss = u->maxrss;
    out->nvcsw = u->nvcsw;
    out->nivcsw = u->nivcsw;
}

void proc_usage_report(Kernel *k, const Proc *child, ResourceUsage *out) {
    ProcUsage u;
    usage_both(k, child, &u);
    usage_export(&u, out);
}

int64_t ksys_getrusage(Kernel *k, const SyscallArgs *a) {
    int who = ARG_INT(0);
    ResourceUsage *out = ARG_PTR(ResourceUsage *, 1);
    ProcUsage u;
    switch (who) {
    case AX_RUSAGE_SELF:
    case AX_RUSAGE_THREAD: proc_usage_self(k, k->cur, &u); break;
    case AX_RUSAGE_CHILDREN: u = k->cur->cru; break;
    default: return -AX_EINVAL;
    }
    if (!out)
        return -AX_EFAULT;
    usage_export(&u, out);
    return 0;
}

int64_t ksys_times(Kernel *k, const SyscallArgs *a) {
    ProcTimes *out = ARG_PTR(ProcTimes *, 0);
    if (out) {
        ProcUsage u;
        proc_usage_self(k, k->cur, &u);
        out->utime_ns = u.utime_ns;
        out->stime_ns = u.stime_ns;
        out->cutime_ns = k->cur->cru.utime_ns;
        out->cstime_ns = k->cur->cru.stime_ns;
    }
    return (int64_t)clock_now(k);
}
