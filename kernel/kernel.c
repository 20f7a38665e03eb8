/* Kernel lifetime and the host API that is not about running tasks. */
#include <stdio.h>
#include <string.h>

#include "console/console.h"
#include "ipc/ipc.h"
#include "kernel/fd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "loader/loader.h"
#include "mem/mem.h"
#include "signal/signal.h"
#include "sim/sim.h"
#include "trace/trace.h"
#include "vfs/vfs.h"
#include "window/window.h"

#define BOOT_TIME_DEFAULT_NS 1767225600000000000ULL /* 2026-01-01T00:00:00Z */

static bool config_faults_valid(const KernelConfig *cfg) {
    if (cfg->nfaults > AX_FAULT_RULES_MAX || (cfg->nfaults && !cfg->faults) ||
        (cfg->crash_model != 0 && cfg->crash_model != 1))
        return false;
    for (size_t i = 0; i < cfg->nfaults; i++)
        if (kernel_fault_rule_check(&cfg->faults[i], NULL) < 0)
            return false;
    return true;
}

static bool config_valid(const KernelConfig *cfg) {
    return config_faults_valid(cfg) && (cfg->sched == AX_SCHED_FIFO || cfg->sched == AX_SCHED_RANDOM) &&
           (cfg->clock == AX_CLOCK_VIRTUAL || cfg->clock == AX_CLOCK_HOST) &&
           cfg->window_backend >= AX_WINDOW_AUTO && cfg->window_backend <= AX_WINDOW_NONE &&
           cfg->screen_width >= 0 && cfg->screen_width <= AX_WINDOW_MAX_SIDE &&
           cfg->screen_height >= 0 && cfg->screen_height <= AX_WINDOW_MAX_SIDE &&
           (cfg->stack_guard == AX_STACK_GUARD_AUTO || cfg->stack_guard == AX_STACK_GUARD_OFF) &&
           vfs_accounts_valid(cfg);
}

Kernel *kernel_create(const KernelConfig *cfg_in) {
    KernelConfig cfg = {0};
    if (cfg_in)
        cfg = *cfg_in;
    if (!config_valid(&cfg))
        return NULL;
    if (!cfg.alloc)
        cfg.alloc = kmem_host_alloc;
    if (!cfg.stack_size)
        cfg.stack_size = AX_DEFAULT_STACK_SIZE;
    cfg.stack_size = (cfg.stack_size + 4095) & ~(size_t)4095;
    if (!cfg.trace_ring)
        cfg.trace_ring = AX_DEFAULT_TRACE_RING;
    if (!cfg.boot_time_ns)
        cfg.boot_time_ns = BOOT_TIME_DEFAULT_NS;
    if (!cfg.max_procs)
        cfg.max_procs = AX_DEFAULT_MAX_PROCS;
    if (!cfg.max_session_procs || cfg.max_session_procs > cfg.max_procs)
        cfg.max_session_procs = cfg.max_procs;
    if (!cfg.max_regions)
        cfg.max_regions = AX_DEFAULT_MAX_REGIONS;
    if (!cfg.max_files)
        cfg.max_files = AX_DEFAULT_MAX_FILES;

    Kernel *k = cfg.alloc(cfg.alloc_ud, NULL, sizeof *k);
    if (!k)
        return NULL;
    memset(k, 0, sizeof *k);
    k->cfg = cfg;
    k->stack_size = cfg.stack_size;
    sched_stack_budget(k);
    k->sched_rng = cfg.seed;
    if (cfg.clock == AX_CLOCK_HOST)
        kernel_work_set(k, KWORK_HOST_CLOCK);
    if (cfg.sched == AX_SCHED_RANDOM)
        kernel_work_set(k, KWORK_RANDOM);
    k->digest = 0xcbf29ce484222325ULL ^ cfg.seed;
    k->host_base_ns = clock_host_ns();

    /* In dependency order; kernel_destroy undoes whatever got done. */
    if (trace_init(k) < 0 || console_init(k) < 0 || vfs_init(k) < 0 || mem_init(k) < 0 ||
        ipc_init(k) < 0 || proc_init(k) < 0 || window_init(k) < 0 || sim_init(k) < 0) {
        kernel_destroy(k);
        return NULL;
    }
    return k;
}

void kernel_destroy(Kernel *k) {
    if (!k)
        return;
    Kernel *outer = kernel_current;
    kernel_current = k;
    proc_fini(k);
    if (k->disk_close) /* every process is gone: what they wrote is final */
        k->disk_close(k);
    ipc_fini(k);
    window_fini(k);
    mem_fini(k);
    vfs_fini(k);
    loader_fini(k);
    console_fini(k);
    trace_fini(k);
    sim_fini(k);
    obj_cache_drain(k);
    sched_stack_pool_drain(k);
    kmem_free(k, k->timers);
    kernel_current = outer == k ? NULL : outer;
    k->cfg.alloc(k->cfg.alloc_ud, k, 0);
}

int kernel_install_program(Kernel *k, const char *path, ProgramMain main) {
    if (!k || !path || !main)
        return -AX_EINVAL;
    return vfs_install_program(k, path, main);
}

/* Host-spawned processes start with the console on fds 0, 1 and 2. */
static int kernel_console_fds(Kernel *k, Proc *init) {
    for (int fd = 0; fd < 3; fd++) {
        KObject *o;
        int r = console_open(k, AX_O_RDWR, fd, &o); /* stream = host stdin/stdout/stderr */
        if (r < 0)
            return r;
        if ((r = fd_install_at(k, init, o, fd, false)) < 0) {
            obj_unref(k, o);
            return r;
        }
    }
    return 0;
}

int kernel_setenv(Kernel *k, const char *name, const char *value) {
    if (!k || !name || !*name || strchr(name, '=') || !value)
        return -AX_EINVAL;
    return proc_env_set(k, k->init, name, value, true);
}

/* The base environment's defaults: PATH, and HOME from the session's
 * account (what kernel_setenv set stays). */
static int kernel_session_env(Kernel *k, Proc *init) {
    char home[64];
    snprintf(home, sizeof home, k->cfg.session == AX_SESSION_USER ? "/home/%s" : "/root",
             vfs_session_user(k));
    int r = proc_env_get(init, "PATH") ? 0 : proc_env_set(k, init, "PATH", "/bin", true);
    if (r == 0 && !proc_env_get(init, "HOME"))
        r = proc_env_set(k, init, "HOME", home, true);
    return r;
}

SyscallResult kernel_spawn(Kernel *k, const char *path, char *const argv[]) {
    char *const default_argv[] = {(char *)path, NULL};
    Proc *init = k->init;
    /* init lends its fd table and environment for the duration of the
     * spawn, so the child is built by the one spawn path. */
    int r = kernel_console_fds(k, init);
    if (r == 0)
        r = kernel_session_env(k, init);
    if (r == 0) {
        SpawnAttr attr = {.flags = AX_SPAWN_SETSID};
        Kernel *outer = kernel_current;
        kernel_current = k;
        r = proc_spawn(k, init, path, argv ? argv : default_argv, NULL, &attr, true);
        kernel_current = outer;
        if (r > 0 && console_fg_pgrp(k) == 0)
            console_set_fg_pgrp(k, r);
    }
    for (int fd = 0; fd < 3; fd++)
        if (fd_get(init, fd))
            fd_close(k, init, fd);
    if (r < 0)
        return (SyscallResult){-1, (SyscallError)-r};
    return (SyscallResult){r, AX_OK};
}

int kernel_kill(Kernel *k, int pid, int sig) {
    Proc *p = proc_find(k, pid);
    if (!p || p == k->init)
        return -AX_ESRCH;
    if (sig < 1 || sig >= AX_NSIG)
        return -AX_EINVAL;
    if (p->state == PROC_ZOMBIE)
        return 0; /* it exists until reaped; the signal has no effect */
    Kernel *outer = kernel_current;
    kernel_current = k;
    sig_send(k, p, sig);
    kernel_current = outer;
    return 0;
}

size_t kernel_console_push_input(Kernel *k, const void *buf, size_t n) {
    return buf ? console_push_input(k, buf, n) : 0;
}

size_t kernel_console_take_output(Kernel *k, void *buf, size_t n) {
    return buf ? console_take_output(k, buf, n) : 0;
}

uint64_t kernel_now(Kernel *k) {
    return clock_now(k);
}

uint64_t kernel_trace_digest(Kernel *k) {
    return kernel_digest_value(k);
}

void kernel_trace_summary(Kernel *k, TraceSummary *out) {
    *out = k->stats;
    out->uptime_ns = clock_now(k);
    /* the dispatcher counts bytes per call; these two are read's and write's */
    out->bytes_read = k->stats.syscalls[AX_SYS_read].bytes;
    out->bytes_written = k->stats.syscalls[AX_SYS_write].bytes;
    out->tasks_run = k->stats.context_switches;
}

void kernel_stats(Kernel *k, KernelStats *out) {
    memset(out, 0, sizeof *out);
    out->procs = k->nprocs;
    out->tasks = k->ntasks;
    out->objects = k->nobjects;
    out->fds = k->nfds;
    out->nodes = vfs_node_count(k);
    out->regions = mem_region_count(k);
    out->shm_segments = mem_shm_count(k);
    out->timers = k->ntimers;
    out->stacks = k->nstacks;
    out->stack_maps = k->nslabs;
    loader_stats(k, &out->images, &out->images_busy);
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            out->heap_blocks += p->heap_blocks;
}

void **sys_tls(void) {
    Kernel *k = kernel_current;
    return k && k->cur ? &k->cur->user_slot : NULL;
}

void sys_set_exit_hook(void (*fn)(void)) {
    Kernel *k = kernel_current;
    if (k && k->cur)
        k->cur->exit_hook = fn;
}
