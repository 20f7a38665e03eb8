/* The simulation room: fault plans and assertions (docs/simulation.md).
 *
 * The rest of the kernel reaches it through two hooks only, both behind
 * the KWORK_FAULT bit of Kernel.work, which is set while the plan has
 * rules: the dispatcher's slow path calls sim_syscall_enter before a
 * handler, and kmem calls sim_alloc_fails before an allocation. With no
 * plan the dispatcher's fast path tests the same word it tested for
 * tracing alone, so an empty plan costs it nothing.
 *
 * SimState is made on first use (a plan set, an assertion made), so a
 * kernel that never simulates anything allocates nothing for it. */
#ifndef AXOS_SIM_SIM_H
#define AXOS_SIM_SIM_H

#include "kernel/kernel.h"

typedef struct SimState {
    FaultRule rules[AX_FAULT_RULES_MAX];
    uint64_t matches[AX_FAULT_RULES_MAX]; /* calls each rule matched */
    uint64_t fires[AX_FAULT_RULES_MAX];   /* times each fired */
    size_t nrules;
    unsigned nsys_rules, nalloc_rules;
    uint64_t rng;                 /* the plan's own stream (splitmix64) */
    bool busy;                    /* inside the hook: its own allocations never fault */

    FaultFired *fired;            /* the log, oldest first */
    size_t nfired, fired_cap;

    /* per syscall number, worked out once from syscalls.def */
    uint16_t class_of[AX_SYS_COUNT];  /* AX_FAULT_CLASS_* bit */
    int8_t path_arg[AX_SYS_COUNT];    /* first 's' argument, or -1 */
    int8_t fd_arg[AX_SYS_COUNT];      /* the fd argument, or -1 */
    int8_t len_arg[AX_SYS_COUNT];     /* byte count of the buffer, or -1 */

    AssertInfo *asserts;          /* in the order first made */
    size_t nasserts, asserts_cap;
    uint64_t assert_failures;
    uint64_t crashes;             /* power losses (crash.c) */
} SimState;

/* The state, made on first use: NULL when memory runs out. */
SimState *sim_state(Kernel *k);
/* Free it (kernel_destroy). */
void sim_fini(Kernel *k);
/* Take KernelConfig's plan at boot: 0, -AX_EINVAL or -AX_ENOMEM. */
int sim_init(Kernel *k);

/* Before p's call of syscall p->sys_no with arguments *a (only while
 * KWORK_FAULT is set). Returns true when a fault took the call's place:
 * *r is its result and the handler must not run. Otherwise the handler
 * runs, with *a pointing at `room` (a short read or write's smaller
 * count) or unchanged; a delay has already been waited out. */
bool sim_syscall_enter(Kernel *k, Proc *p, const SyscallArgs **a, SyscallArgs *room, int64_t *r);

/* Before a kernel allocation (only while KWORK_FAULT is set): must it
 * fail? */
bool sim_alloc_fails(Kernel *k);

/* A draw in [0, bound) (bound >= 1) from the plan's stream. */
uint64_t sim_draw_below(SimState *s, uint64_t bound);
/* crash.c: a power loss now; self (the caller, or NULL from the host)
 * is left alive for its caller to kill. 0 or -AX_ENOMEM. */
int sim_power_loss(Kernel *k, Proc *self);

/* plan.c: the per-call tables. */
void sim_tables_init(SimState *s);

#endif
