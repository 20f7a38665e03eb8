/* Process syscalls: spawn, exec, exit, wait, ids, groups, environment,
 * time. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/account.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "mem/mem.h"
#include "signal/signal.h"
#include "syscall/handlers.h"

int64_t ksys_spawn(Kernel *k, const SyscallArgs *a) {
    return proc_spawn(k, k->cur, ARG_PTR(const char *, 0), ARG_PTR(char *const *, 1),
                      ARG_PTR(char *const *, 2), ARG_PTR(const SpawnAttr *, 3), false);
}

int64_t ksys_exec(Kernel *k, const SyscallArgs *a) {
    return proc_exec(k, ARG_PTR(const char *, 0), ARG_PTR(char *const *, 1),
                     ARG_PTR(char *const *, 2));
}

int64_t ksys_exit(Kernel *k, const SyscallArgs *a) {
    Proc *p = k->cur;
    void (*hook)(void) = p->exit_hook;
    p->exit_hook = NULL; /* a hook that exits must not run twice */
    if (hook)
        hook();
    proc_exit(k, p, (ARG_INT(0) & 0xff) << 8);
    return 0; /* not reached */
}

/* waitpid and wait4: the first child of the set pid names with something
 * to report; ru (may be NULL) gets its usage. */
static int64_t proc_wait(Kernel *k, int pid, int *status, int options, ResourceUsage *ru) {
    Proc *me = k->cur;
    if (options & ~(AX_WNOHANG | AX_WUNTRACED | AX_WCONTINUED))
        return -AX_EINVAL;
    if (pid == INT_MIN) /* -INT_MIN names no group: ESRCH, as Linux gives */
        return -AX_ESRCH;
    bool any = false;
    for (Proc *c = me->children; c; c = c->sib_next) {
        /* a child freed as it dies (SIGCHLD ignored) is never waited for */
        if (!proc_wait_matches(me, c, pid) || (c->autoreap && c->state == PROC_ZOMBIE))
            continue;
        any = true;
        int st, cpid = c->pid;
        if (c->state == PROC_ZOMBIE) {
            st = c->exit_status;
            if (ru)
                proc_usage_report(k, c, ru);
            proc_usage_waited(k, me, c);
            proc_reap(k, c); /* c is gone */
        } else {
            if ((options & AX_WUNTRACED) && (c->report & PROC_REPORT_STOPPED)) {
                c->report &= ~PROC_REPORT_STOPPED;
                st = (c->stop_sig << 8) | 0x7f;
            } else if ((options & AX_WCONTINUED) && (c->report & PROC_REPORT_CONTINUED)) {
                c->report &= ~PROC_REPORT_CONTINUED;
                st = 0xffff;
            } else {
                continue;
            }
            if (ru) /* a stop or continue: its figures so far */
                proc_usage_report(k, c, ru);
        }
        if (status)
            *status = st;
        return cpid;
    }
    if (!any)
        return -AX_ECHILD;
    if (options & AX_WNOHANG)
        return 0;
    return sched_wait(k, &me->child_wait);
}

int64_t ksys_waitpid(Kernel *k, const SyscallArgs *a) {
    return proc_wait(k, ARG_INT(0), ARG_PTR(int *, 1), ARG_INT(2), NULL);
}

int64_t ksys_wait4(Kernel *k, const SyscallArgs *a) {
    return proc_wait(k, ARG_INT(0), ARG_PTR(int *, 1), ARG_INT(2), ARG_PTR(ResourceUsage *, 3));
}

int64_t ksys_getpid(Kernel *k, const SyscallArgs *a) {
    return k->cur->pid;
}

int64_t ksys_getppid(Kernel *k, const SyscallArgs *a) {
    return k->cur->parent ? k->cur->parent->pid : 0;
}

/* The process pid names for the caller (0: itself), or NULL. */
static Proc *proc_target(Kernel *k, int pid) {
    if (pid == 0)
        return k->cur;
    Proc *p = proc_find(k, pid);
    return p;
}

int64_t ksys_setpgid(Kernel *k, const SyscallArgs *a) {
    Proc *me = k->cur;
    int pid = ARG_INT(0), pgid = ARG_INT(1);
    if (pgid < 0 || pid < 0)
        return -AX_EINVAL;
    Proc *p = proc_target(k, pid);
    if (!p || p->state == PROC_ZOMBIE || (p != me && p->parent != me))
        return -AX_ESRCH;
    if (p->sid != me->sid || p->pid == p->sid)
        return -AX_EPERM; /* other session, or a session leader */
    if (pgid == 0)
        pgid = p->pid;
    if (pgid != p->pid && !proc_pgrp_in_session(k, pgid, me->sid))
        return -AX_EPERM;
    p->pgid = pgid;
    return 0;
}

int64_t ksys_getpgid(Kernel *k, const SyscallArgs *a) {
    Proc *p = proc_target(k, ARG_INT(0));
    return p ? p->pgid : -AX_ESRCH;
}

int64_t ksys_setsid(Kernel *k, const SyscallArgs *a) {
    Proc *me = k->cur;
    if (me->pgid == me->pid || proc_pgrp_in_session(k, me->pid, me->sid))
        return -AX_EPERM;
    Session *s = proc_session_new(k);
    if (!s)
        return -AX_ENOMEM;
    proc_session_leave(k, me);
    me->sid = me->pgid = me->pid;
    proc_session_enter(me, s);
    return me->sid;
}

int64_t ksys_getsid(Kernel *k, const SyscallArgs *a) {
    Proc *p = proc_target(k, ARG_INT(0));
    return p ? p->sid : -AX_ESRCH;
}

static void sleep_timer_fire(Kernel *k, KTimer *t) {
    Proc *p = (Proc *)((char *)t - offsetof(Proc, sleep_timer));
    wq_wake_all(k, &p->sleep_wait);
}

int64_t ksys_sleep(Kernel *k, const SyscallArgs *a) {
    Proc *p = k->cur;
    uint64_t ns = ARG_U64(0);
    if (!p->retry) {
        if (ns == 0)
            return 0;
        uint64_t now = clock_now(k);
        uint64_t deadline = clock_after(now, ns);
        p->sleep_timer.fire = sleep_timer_fire;
        if (ktimer_arm(k, &p->sleep_timer, deadline) < 0)
            return -AX_ENOMEM;
    }
    if (!ktimer_armed(&p->sleep_timer))
        return 0;
    return sched_wait(k, &p->sleep_wait);
}

/* NAME must be non-empty and have no '='. */
static int env_name_check(const char *name) {
    if (!name)
        return -AX_EFAULT;
    if (!*name || strchr(name, '='))
        return -AX_EINVAL;
    return 0;
}

/* Copy s into buf (size bytes) with its NUL; returns its length. */
static int64_t copy_out_string(const char *s, char *buf, size_t size) {
    size_t n = strlen(s);
    if (!buf)
        return -AX_EFAULT;
    if (size < n + 1)
        return -AX_ERANGE;
    memcpy(buf, s, n + 1);
    return (int64_t)n;
}

int64_t ksys_getenv(Kernel *k, const SyscallArgs *a) {
    const char *name = ARG_PTR(const char *, 0);
    int r = env_name_check(name);
    if (r < 0)
        return r;
    const char *v = proc_env_get(k->cur, name);
    if (!v)
        return -AX_ENOENT;
    return copy_out_string(v, ARG_PTR(char *, 1), ARG_SIZE(2));
}

int64_t ksys_setenv(Kernel *k, const SyscallArgs *a) {
    const char *name = ARG_PTR(const char *, 0), *value = ARG_PTR(const char *, 1);
    int r = env_name_check(name);
    if (r < 0)
        return r;
    if (!value)
        return -AX_EFAULT;
    return proc_env_set(k, k->cur, name, value, ARG_INT(2) != 0);
}

int64_t ksys_unsetenv(Kernel *k, const SyscallArgs *a) {
    const char *name = ARG_PTR(const char *, 0);
    int r = env_name_check(name);
    return r < 0 ? r : proc_env_unset(k, k->cur, name);
}

int64_t ksys_environ(Kernel *k, const SyscallArgs *a) {
    size_t i = ARG_SIZE(0);
    if (i >= k->cur->env_count)
        return -AX_ENOENT;
    return copy_out_string(k->cur->env[i], ARG_PTR(char *, 1), ARG_SIZE(2));
}

int64_t ksys_clock_gettime(Kernel *k, const SyscallArgs *a) {
    uint64_t now = clock_now(k);
    switch (ARG_INT(0)) {
    case AX_CLOCK_MONOTONIC:
        return (int64_t)now;
    case AX_CLOCK_REALTIME:
        return (int64_t)(k->cfg.boot_time_ns + now);
    case AX_CLOCK_BOOT_REALTIME:
        return (int64_t)k->cfg.boot_time_ns;
    case AX_CLOCK_PROCESS_CPUTIME_ID:
    case AX_CLOCK_THREAD_CPUTIME_ID:
        return (int64_t)proc_usage_cpu_ns(k, k->cur);
    default:
        return -AX_EINVAL;
    }
}

static char proc_state_char(const Proc *p) {
    switch (p->state) {
    case PROC_READY:
    case PROC_RUNNING:
        return AX_PROC_RUNNING;
    case PROC_STOPPED:
        return AX_PROC_STOPPED;
    case PROC_ZOMBIE:
        return AX_PROC_ZOMBIE;
    default:
        return AX_PROC_SLEEPING;
    }
}

static void proc_fill_info(Kernel *k, const Proc *p, ProcInfo *info) {
    memset(info, 0, sizeof *info);
    info->pid = p->pid;
    info->ppid = p->parent ? p->parent->pid : 0;
    info->pgid = p->pgid;
    info->sid = p->sid;
    info->state = proc_state_char(p);
    info->exit_status = p->exit_status;
    info->start_ns = p->start_ns;
    info->cpu_ns = proc_usage_cpu_ns(k, p);
    info->mem_bytes = mem_proc_bytes(p);
    info->uid = p->cred.ruid;
    info->euid = p->cred.euid;
    info->gid = p->cred.rgid;
    info->egid = p->cred.egid;
    _Static_assert(sizeof info->name == sizeof p->name, "ProcInfo.name mirrors Proc.name");
    memcpy(info->name, p->name, sizeof info->name); /* NUL-padded */
    size_t used = 0;
    for (int i = 0; p->argv && i < p->argc && used + 1 < sizeof info->cmdline; i++) {
        int n = snprintf(info->cmdline + used, sizeof info->cmdline - used, "%s%s",
                         i ? " " : "", p->argv[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    if (!p->argv)
        strncpy(info->cmdline, p->name, sizeof info->cmdline - 1);
}

static int proc_info_cmp(const void *x, const void *y) {
    const ProcInfo *a = x, *b = y;
    return (a->pid > b->pid) - (a->pid < b->pid);
}

int64_t ksys_proclist(Kernel *k, const SyscallArgs *a) {
    ProcInfo *out = ARG_PTR(ProcInfo *, 0);
    size_t count = ARG_SIZE(1);
    if (!out && count > 0)
        return -AX_EFAULT;
    /* Keep the smallest `count` pids: collect all, sort, cut. Processes
     * are few enough for a simple pass when count covers them. */
    size_t n = 0;
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next) {
            if (n < count) {
                proc_fill_info(k, p, &out[n]);
            } else if (count > 0) {
                /* replace the largest pid kept if this one is smaller */
                size_t max = 0;
                for (size_t i = 1; i < count; i++)
                    if (out[i].pid > out[max].pid)
                        max = i;
                if (p->pid < out[max].pid)
                    proc_fill_info(k, p, &out[max]);
            }
            n++;
        }
    if (count > 0) /* out may be NULL when only the count is asked */
        qsort(out, n < count ? n : count, sizeof *out, proc_info_cmp);
    return (int64_t)n;
}
