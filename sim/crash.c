/* Power loss (kernel_crash, the powerloss fault action): every process
 * dies at once, with no handler run, and the file system keeps what a
 * real one may keep after the power goes (vfs/durable.c: per file, the
 * seed keeps, drops or tears what was written since its last fsync).
 * The same Kernel then goes on as a fresh boot would on that disk: the
 * host spawns the program's recovery into it. */
#include <stdio.h>

#include "signal/signal.h"
#include "sim/sim.h"
#include "trace/trace.h"
#include "vfs/vfs.h"

/* A draw in [0, bound) from the plan's stream (bound >= 1). */
static uint64_t crash_draw(void *ud, uint64_t bound) {
    return sim_draw_below(ud, bound);
}

/* SIGKILL every process but init and `self`, in pid-table order. Each
 * death may free its Proc, so the walk starts over after each. */
static void crash_kill_all(Kernel *k, Proc *self) {
    for (bool killed = true; killed;) {
        killed = false;
        for (size_t b = 0; b < k->pid_hash_cap && !killed; b++)
            for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
                if (p != k->init && p != self && p->state != PROC_ZOMBIE) {
                    sig_send(k, p, AX_SIGKILL);
                    killed = true;
                    break;
                }
    }
}

int sim_power_loss(Kernel *k, Proc *self) {
    SimState *s = sim_state(k);
    if (!s)
        return -AX_ENOMEM;
    crash_kill_all(k, self);
    VfsCrashStats st;
    int e = vfs_crash(k, crash_draw, s, &st);
    s->crashes++;
    kernel_digest_mix(k, 0xc4a5000000000000ULL ^ (st.kept << 40) ^ (st.dropped << 20) ^ st.torn);
    if (trace_enabled(k)) {
        char detail[96];
        snprintf(detail, sizeof detail, "files kept %llu dropped %llu torn %llu",
                 (unsigned long long)st.kept, (unsigned long long)st.dropped,
                 (unsigned long long)st.torn);
        trace_emit(k, TRACE_FAULT, "powerloss", self ? self->pid : 0, detail);
    }
    return e;
}

int kernel_crash(Kernel *k) {
    if (!k)
        return -AX_EINVAL;
    if (k->cur)
        return -AX_EBUSY; /* from a task: the powerloss fault action */
    if (!k->cfg.crash_model)
        return -AX_EINVAL; /* nothing was tracked: a crash could lose nothing */
    Kernel *outer = kernel_current;
    kernel_current = k;
    int e = sim_power_loss(k, NULL);
    kernel_current = outer;
    return e;
}

uint64_t kernel_crashes(Kernel *k) {
    return k && k->sim ? k->sim->crashes : 0;
}

uint64_t kernel_fs_used(Kernel *k) {
    return k ? vfs_file_bytes(k) : 0;
}
