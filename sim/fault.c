/* Fault injection: the plan a kernel runs under, the hooks that consult
 * it (before a syscall's handler, before a kernel allocation), and the
 * log of what fired. */
#include <stdio.h>
#include <string.h>

#include "kernel/fd.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "signal/signal.h"
#include "sim/sim.h"
#include "trace/trace.h"

SimState *sim_state(Kernel *k) {
    if (k->sim)
        return k->sim;
    SimState *s = kmem_alloc(k, sizeof *s);
    if (!s)
        return NULL;
    /* the plan's draws are a stream of their own, so a plan that draws
     * does not move the scheduler's choices */
    s->rng = k->cfg.seed ^ 0x5eedfa1175eedfa1ULL;
    sim_tables_init(s);
    k->sim = s;
    return s;
}

void sim_fini(Kernel *k) {
    SimState *s = k->sim;
    if (!s)
        return;
    kmem_free(k, s->fired);
    kmem_free(k, s->asserts);
    kmem_free(k, s);
    k->sim = NULL;
}

int sim_init(Kernel *k) {
    const FaultRule *rules = k->cfg.faults;
    size_t n = k->cfg.nfaults;
    k->cfg.faults = NULL; /* the caller's array need not outlive kernel_create */
    k->cfg.nfaults = 0;
    return n ? kernel_set_faults(k, rules, n) : 0;
}

int kernel_set_faults(Kernel *k, const FaultRule *rules, size_t n) {
    if (!k || (!rules && n) || n > AX_FAULT_RULES_MAX)
        return -AX_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (kernel_fault_rule_check(&rules[i], NULL) < 0)
            return -AX_EINVAL;
    if (!n && !k->sim) {
        kernel_work_clear(k, KWORK_FAULT);
        return 0;
    }
    SimState *s = sim_state(k);
    if (!s)
        return -AX_ENOMEM;
    if (n)
        memcpy(s->rules, rules, n * sizeof *rules);
    s->nrules = n;
    s->nsys_rules = s->nalloc_rules = 0;
    for (size_t i = 0; i < n; i++) {
        s->matches[i] = s->fires[i] = 0;
        if (rules[i].action == AX_FAULT_POWERLOSS)
            k->cfg.crash_model = 1; /* what is written from now on may be lost */
        if (rules[i].on == AX_FAULT_ON_ALLOC)
            s->nalloc_rules++;
        else
            s->nsys_rules++;
    }
    if (n)
        kernel_work_set(k, KWORK_FAULT);
    else
        kernel_work_clear(k, KWORK_FAULT);
    return 0;
}

size_t kernel_faults_fired(Kernel *k, FaultFired *out, size_t cap) {
    SimState *s = k ? k->sim : NULL;
    if (!s)
        return 0;
    size_t n = s->nfired < cap ? s->nfired : cap;
    if (out && n)
        memcpy(out, s->fired, n * sizeof *out);
    return s->nfired;
}

/* A draw in [0, 1) from the plan's stream (splitmix64; 53 bits). */
static double fault_draw(SimState *s) {
    uint64_t z = (s->rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

uint64_t sim_draw_below(SimState *s, uint64_t bound) {
    uint64_t d = (uint64_t)(fault_draw(s) * (double)bound);
    return d < bound ? d : bound - 1;
}

/* Does rule r select p's call `no` (match part only)? */
static bool fault_match(const SimState *s, const FaultRule *r, const Proc *p, unsigned no,
                        const SyscallArgs *a) {
    if (r->syscall >= 0 && (unsigned)r->syscall != no)
        return false;
    if (r->classes && !(r->classes & s->class_of[no]))
        return false;
    if (r->pid && r->pid != p->pid)
        return false;
    if (r->proc[0] && strcmp(r->proc, p->name) != 0)
        return false;
    if (r->on == AX_FAULT_ON_ALLOC)
        return true;
    if (r->action == AX_FAULT_SHORT && s->len_arg[no] < 0)
        return false;
    if (r->path[0]) {
        int i = s->path_arg[no];
        const char *path = i >= 0 ? (const char *)(uintptr_t)a->a[i] : NULL;
        if (!path || strncmp(path, r->path, strlen(r->path)) != 0)
            return false;
    }
    if (r->object[0]) {
        int i = s->fd_arg[no];
        const KObject *o = i >= 0 ? fd_get((Proc *)p, (int)(int64_t)a->a[i]) : NULL;
        if (!o || strcmp(o->ops->kind, r->object) != 0)
            return false;
    }
    return true;
}

/* Does rule i fire at this match? Counts the match either way. */
static bool fault_triggers(Kernel *k, SimState *s, size_t i) {
    const FaultRule *r = &s->rules[i];
    uint64_t nth = ++s->matches[i];
    if (r->nth && nth != r->nth)
        return false;
    if (r->max_fires && s->fires[i] >= r->max_fires)
        return false;
    if (r->after_ns && clock_now(k) < r->after_ns)
        return false;
    /* draw only for rules that need it, so an explicit plan draws nothing */
    if (r->probability < 1.0 && !(fault_draw(s) < r->probability))
        return false;
    return true;
}

static const char *const fault_action_names[] = {
    [AX_FAULT_ERRNO] = "errno", [AX_FAULT_SHORT] = "short", [AX_FAULT_DELAY] = "delay",
    [AX_FAULT_SIGNAL] = "signal", [AX_FAULT_FAIL] = "alloc", [AX_FAULT_POWERLOSS] = "powerloss",
};

/* Log the fault, fold it into the digest and record its trace event.
 * False when the log cannot grow: then the fault does not fire, so the
 * log stays the whole truth of what a run went through. */
static bool fault_fire(Kernel *k, SimState *s, size_t i, Proc *p, unsigned no, int64_t arg) {
    if (kmem_grow(k, &s->fired, &s->fired_cap, sizeof *s->fired, s->nfired + 1, 16) < 0)
        return false;
    const FaultRule *r = &s->rules[i];
    FaultFired *f = &s->fired[s->nfired++];
    *f = (FaultFired){.time_ns = k->now, .nth = s->matches[i], .rule = (int)i, .pid = p->pid,
                      .syscall = (int)no, .action = r->action, .arg = arg};
    s->fires[i]++;
    /* what was done to which call, not which rule did it: replaying the
     * run's faults as an explicit list (kernel_fault_replay_rule) gives
     * the same digest */
    kernel_digest_mix(k, 0xfa17000000000000ULL ^ ((uint64_t)no << 32) ^
                             ((uint64_t)r->action << 24) ^ (uint64_t)arg);
    if (trace_enabled(k)) {
        char detail[96];
        const char *what = r->action == AX_FAULT_ERRNO    ? sys_errname((SyscallError)arg)
                           : r->action == AX_FAULT_SIGNAL ? sys_signame((int)arg)
                                                          : "";
        if (r->action == AX_FAULT_SHORT || r->action == AX_FAULT_DELAY)
            snprintf(detail, sizeof detail, "%s %lld rule %zu #%llu", sys_name((SyscallNo)no),
                     (long long)arg, i, (unsigned long long)f->nth);
        else
            snprintf(detail, sizeof detail, "%s %s rule %zu #%llu", sys_name((SyscallNo)no),
                     what ? what : "", i, (unsigned long long)f->nth);
        trace_emit_value(k, TRACE_FAULT, fault_action_names[r->action], p->pid, detail, arg);
    }
    return true;
}

static void fault_delay_fire(Kernel *k, KTimer *t) {
    Proc *p = (Proc *)((char *)t - offsetof(Proc, sleep_timer));
    wq_wake_all(k, &p->sleep_wait);
}

/* Wait ns of kernel time before the call runs. A signal that comes ends
 * the wait early (the call then runs and the signal is handled after it,
 * as if it had come a moment later). A timer heap that cannot grow makes
 * no delay at all. */
static void fault_delay(Kernel *k, Proc *p, uint64_t ns) {
    p->sleep_timer.fire = fault_delay_fire;
    if (ktimer_arm(k, &p->sleep_timer, clock_after(clock_now(k), ns)) < 0)
        return;
    while (ktimer_armed(&p->sleep_timer))
        if (!sched_wait_here(k, &p->sleep_wait)) {
            ktimer_disarm(k, &p->sleep_timer);
            break;
        }
    p->interrupted = false;
}

bool sim_syscall_enter(Kernel *k, Proc *p, const SyscallArgs **ap, SyscallArgs *room,
                       int64_t *r) {
    SimState *s = k->sim;
    if (!s || !s->nsys_rules || s->busy)
        return false;
    const SyscallArgs *a = *ap;
    unsigned no = p->sys_no;
    size_t hit = s->nrules;
    for (size_t i = 0; i < s->nrules; i++) {
        const FaultRule *rule = &s->rules[i];
        if (rule->on != AX_FAULT_ON_SYSCALL || !fault_match(s, rule, p, no, a))
            continue;
        /* every rule counts each call it matches, even once one fired */
        if (fault_triggers(k, s, i) && hit == s->nrules) {
            if (rule->action == AX_FAULT_SHORT && a->a[s->len_arg[no]] < 2)
                continue; /* nothing shorter to give: no fault */
            hit = i;
        }
    }
    if (hit == s->nrules)
        return false;

    const FaultRule *rule = &s->rules[hit];
    int64_t arg = rule->arg;
    s->busy = true;
    if (rule->action == AX_FAULT_SHORT) {
        uint64_t n = a->a[s->len_arg[no]];
        if (!arg)
            arg = 1 + (int64_t)(fault_draw(s) * (double)(n - 1)); /* [1, n-1] */
        else if ((uint64_t)arg >= n)
            arg = (int64_t)n - 1;
        if (arg < 1)
            arg = 1;
    }
    bool fired = fault_fire(k, s, hit, p, no, arg);
    s->busy = false;
    if (!fired)
        return false;

    switch (rule->action) {
    case AX_FAULT_ERRNO:
        *r = -arg;
        return true;
    case AX_FAULT_SHORT:
        *room = *a;
        room->a[s->len_arg[no]] = (uint64_t)arg;
        *ap = room;
        return false;
    case AX_FAULT_DELAY:
        fault_delay(k, p, (uint64_t)arg);
        return false;
    case AX_FAULT_POWERLOSS: /* every other process dies, the disk loses what it may */
        sim_power_loss(k, p);
        sig_send(k, p, AX_SIGKILL); /* and the caller: no return */
        *r = -AX_EINTR;
        return true;
    default: /* AX_FAULT_SIGNAL: SIGKILL ends the task inside sig_send */
        sig_send(k, p, (int)arg);
        *r = -AX_EINTR;
        return true;
    }
}

bool sim_alloc_fails(Kernel *k) {
    SimState *s = k->sim;
    Proc *p = k->cur;
    if (!s || !s->nalloc_rules || s->busy || !p)
        return false;
    unsigned no = p->sys_no;
    /* an exit cannot fail, and the calls that free must not either */
    if (no == AX_SYS_exit)
        return false;
    size_t hit = s->nrules;
    for (size_t i = 0; i < s->nrules; i++) {
        const FaultRule *rule = &s->rules[i];
        if (rule->on != AX_FAULT_ON_ALLOC || !fault_match(s, rule, p, no, NULL))
            continue;
        if (fault_triggers(k, s, i) && hit == s->nrules)
            hit = i;
    }
    if (hit == s->nrules)
        return false;
    s->busy = true;
    bool fired = fault_fire(k, s, hit, p, no, AX_ENOMEM);
    s->busy = false;
    return fired;
}
