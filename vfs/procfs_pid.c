/* /proc/PID files, in Linux's formats (proc(5), fs/proc/array.c), so
 * that tools written for Linux parse them:
 *   status   "Name:\tsh" lines
 *   stat     one line of 52 fields, comm in parentheses
 *   statm    seven page counts
 *   cmdline  argv, each NUL-terminated (empty for a zombie)
 *   environ  the environment, each NUL-terminated (the owner's, or root's)
 *   comm     the name, 15 bytes at most, and a newline
 *   limits   the resource limits table
 *   wchan    what a sleeping process waits in ("0" when running)
 *   fdinfo/N pos, flags (octal, O_CLOEXEC included), mnt_id, ino
 * Times are in clock ticks (USER_HZ, 100 a second) as Linux's; memory is
 * what the process is charged for (kernel/account.c), in pages of 4 KiB
 * or kB. A zombie has no memory lines in status, as on Linux. */
#include <stdio.h>
#include <string.h>

#include "console/tty.h"
#include "kernel/fd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "signal/signal.h"
#include "vfs/internal.h"

#define TICKS_PER_SEC 100
#define NS_PER_TICK (1000000000ull / TICKS_PER_SEC)
#define PAGE_BYTES 4096

static char state_char(const Proc *t) {
    switch (t->state) {
    case PROC_READY:
    case PROC_RUNNING: return 'R';
    case PROC_STOPPED: return 'T';
    case PROC_ZOMBIE: return 'Z';
    default: return 'S';
    }
}

static const char *state_name(char c) {
    switch (c) {
    case 'R': return "R (running)";
    case 'T': return "T (stopped)";
    case 'Z': return "Z (zombie)";
    default: return "S (sleeping)";
    }
}

/* comm: the name cut to 15 bytes (Linux's TASK_COMM_LEN - 1). */
static void comm(const Proc *t, char out[16]) {
    size_t n = strnlen(t->name, 15);
    memcpy(out, t->name, n);
    out[n] = '\0';
}

static int ppid(const Proc *t) { return t->parent ? t->parent->pid : 0; }

/* The controlling terminal's device number (Linux's tty_nr encoding)
 * and its foreground group, or 0 and -1 without one. */
static void ctty(Kernel *k, const Proc *t, unsigned *nr, int *tpgid) {
    Tty *tty = t->sid ? console_session_tty(k, t->sid) : NULL;
    *nr = tty ? console_session_tty_nr(k, t->sid) : 0;
    *tpgid = tty && tty->fg_pgrp > 0 ? tty->fg_pgrp : -1;
}

static bool has_memory(const Proc *t) { return t->state != PROC_ZOMBIE && t->acct; }

static uint64_t mem_bytes(const Proc *t) { return has_memory(t) ? t->acct->allocated : 0; }

/* Signals by disposition: ignored and caught, as SigIgn and SigCgt. */
static void sig_dispositions(const Proc *t, SigSet *ign, SigSet *cgt) {
    *ign = *cgt = 0;
    for (int s = 1; s < AX_NSIG; s++) {
        const SigAction *a = sig_action(t, s);
        if (a->handler == AX_SIG_IGN)
            *ign |= 1ull << (s - 1);
        else if (a->handler != AX_SIG_DFL)
            *cgt |= 1ull << (s - 1);
    }
}

static void gen_status(Kernel *k, Proc *t, PBuf *b) {
    char name[16];
    comm(t, name);
    const Cred *c = &t->cred;
    pbuf_printf(k, b, "Name:\t%s\nUmask:\t%04o\nState:\t%s\n", name, t->umask,
                state_name(state_char(t)));
    pbuf_printf(k, b, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", t->pid, t->pid,
                ppid(t));
    pbuf_printf(k, b, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", c->ruid, c->euid, c->suid,
                c->euid, c->rgid, c->egid, c->sgid, c->egid);
    pbuf_printf(k, b, "FDSize:\t%d\nGroups:\t", t->fds.cap);
    for (unsigned i = 0; i < c->ngroups; i++)
        pbuf_printf(k, b, "%u ", c->groups[i]);
    pbuf_printf(k, b, "\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", t->pid, t->pid,
                t->pgid, t->sid);
    if (has_memory(t)) {
        const MemAccount *a = t->acct;
        uint64_t kb = a->allocated / 1024;
        pbuf_printf(k, b,
                    "VmPeak:\t%8llu kB\nVmSize:\t%8llu kB\nVmLck:\t%8u kB\nVmPin:\t%8u kB\n"
                    "VmHWM:\t%8llu kB\nVmRSS:\t%8llu kB\nRssAnon:\t%8llu kB\n"
                    "RssFile:\t%8u kB\nRssShmem:\t%8llu kB\nVmData:\t%8llu kB\n"
                    "VmStk:\t%8llu kB\nVmExe:\t%8u kB\nVmLib:\t%8u kB\nVmPTE:\t%8u kB\n"
                    "VmSwap:\t%8u kB\n",
                    (unsigned long long)(a->peak / 1024), (unsigned long long)kb, 0u, 0u,
                    (unsigned long long)(a->peak / 1024), (unsigned long long)kb,
                    (unsigned long long)((a->allocated - a->bytes[MEM_SHM]) / 1024), 0u,
                    (unsigned long long)(a->bytes[MEM_SHM] / 1024),
                    (unsigned long long)((a->bytes[MEM_REGION] + a->bytes[MEM_HEAP]) / 1024),
                    (unsigned long long)(a->bytes[MEM_STACK] / 1024), 0u, 0u, 0u, 0u);
    }
    SigSet ign, cgt;
    sig_dispositions(t, &ign, &cgt);
    uint64_t caps = c->euid == 0 ? 0x1ffffffffffull : 0;
    pbuf_printf(k, b,
                "Threads:\t1\nSigQ:\t0/%d\nSigPnd:\t%016llx\nShdPnd:\t%016llx\n"
                "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
                AX_NSIG, 0ull, (unsigned long long)t->sig.pending,
                (unsigned long long)t->sig.blocked, (unsigned long long)ign,
                (unsigned long long)cgt);
    pbuf_printf(k, b,
                "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\nCapBnd:\t%016llx\n"
                "CapAmb:\t%016llx\nNoNewPrivs:\t0\nSeccomp:\t0\n"
                "voluntary_ctxt_switches:\t%llu\nnonvoluntary_ctxt_switches:\t%llu\n",
                0ull, (unsigned long long)caps, (unsigned long long)caps, 0x1ffffffffffull, 0ull,
                (unsigned long long)t->ru.nvcsw, (unsigned long long)t->ru.nivcsw);
}

static void gen_stat(Kernel *k, Proc *t, PBuf *b) {
    char name[16];
    comm(t, name);
    unsigned tty_nr;
    int tpgid;
    ctty(k, t, &tty_nr, &tpgid);
    ProcUsage u;
    proc_usage_self(k, t, &u);
    uint64_t start = t->start_ns / NS_PER_TICK;
    uint64_t vsize = mem_bytes(t);
    SigSet ign, cgt;
    sig_dispositions(t, &ign, &cgt);
    int exit_code = t->state == PROC_ZOMBIE ? t->exit_status : 0;
    /* pid (comm) state ppid pgrp session tty_nr tpgid flags minflt
     * cminflt majflt cmajflt utime stime cutime cstime priority nice
     * num_threads itrealvalue starttime vsize rss rsslim startcode endcode
     * startstack kstkesp kstkeip signal blocked sigignore sigcatch wchan
     * nswap cnswap exit_signal processor rt_priority policy
     * delayacct_blkio_ticks guest_time cguest_time start_data end_data
     * start_brk arg_start arg_end env_start env_end exit_code */
    pbuf_printf(k, b,
                "%d (%s) %c %d %d %d %u %d %u %u %u %u %u %llu %llu %llu %llu %d %d %d %d %llu ",
                t->pid, name, state_char(t), ppid(t), t->pgid, t->sid, tty_nr, tpgid,
                0x400000u /* PF_... as a user task */, 0u, 0u, 0u, 0u,
                (unsigned long long)(u.utime_ns / NS_PER_TICK),
                (unsigned long long)(u.stime_ns / NS_PER_TICK),
                (unsigned long long)(t->cru.utime_ns / NS_PER_TICK),
                (unsigned long long)(t->cru.stime_ns / NS_PER_TICK), 20, 0, 1, 0,
                (unsigned long long)start);
    pbuf_printf(k, b,
                "%llu %llu %llu %u %u %u %u %u %llu %llu %llu %llu %u %u %u %d %d %u %u %u %u "
                "%d %u %u %u %u %u %u %u %u %d\n",
                (unsigned long long)vsize, (unsigned long long)(vsize / PAGE_BYTES),
                (unsigned long long)(has_memory(t) && t->acct->limit ? t->acct->limit
                                                                      : UINT64_MAX),
                0u, 0u, 0u, 0u, 0u, (unsigned long long)t->sig.pending,
                (unsigned long long)t->sig.blocked, (unsigned long long)ign,
                (unsigned long long)cgt, 0u, 0u, 0u, AX_SIGCHLD, 0, 0u, 0u, 0u, 0u, 0, 0u, 0u, 0u,
                0u, 0u, 0u, 0u, 0u, exit_code);
}

static void gen_statm(Kernel *k, Proc *t, PBuf *b) {
    uint64_t pages = (mem_bytes(t) + PAGE_BYTES - 1) / PAGE_BYTES;
    uint64_t shared = has_memory(t) ? t->acct->bytes[MEM_SHM] / PAGE_BYTES : 0;
    uint64_t data = has_memory(t)
                        ? (t->acct->bytes[MEM_REGION] + t->acct->bytes[MEM_HEAP] +
                           t->acct->bytes[MEM_STACK]) / PAGE_BYTES
                        : 0;
    pbuf_printf(k, b, "%llu %llu %llu 0 0 %llu 0\n", (unsigned long long)pages,
                (unsigned long long)pages, (unsigned long long)shared, (unsigned long long)data);
}

static void gen_strings(Kernel *k, char *const *v, size_t n, PBuf *b) {
    for (size_t i = 0; v && i < n; i++)
        pbuf_put(k, b, v[i], strlen(v[i]) + 1);
}

static void gen_limits(Kernel *k, Proc *t, PBuf *b) {
    static const char *const unlimited = "unlimited";
    char stack[24], procs[24], files[24], as[24];
    snprintf(stack, sizeof stack, "%zu", k->stack_size);
    if (k->cfg.max_procs)
        snprintf(procs, sizeof procs, "%u", k->cfg.max_procs);
    else
        snprintf(procs, sizeof procs, "%s", unlimited);
    snprintf(files, sizeof files, "%d", AX_OPEN_MAX);
    if (has_memory(t) && t->acct->limit)
        snprintf(as, sizeof as, "%llu", (unsigned long long)t->acct->limit);
    else
        snprintf(as, sizeof as, "%s", unlimited);
    const struct {
        const char *name, *soft, *hard, *unit;
    } rows[] = {
        {"Max cpu time", unlimited, unlimited, "seconds"},
        {"Max file size", unlimited, unlimited, "bytes"},
        {"Max data size", unlimited, unlimited, "bytes"},
        {"Max stack size", stack, stack, "bytes"},
        {"Max core file size", "0", "0", "bytes"},
        {"Max resident set", unlimited, unlimited, "bytes"},
        {"Max processes", procs, procs, "processes"},
        {"Max open files", files, files, "files"},
        {"Max locked memory", unlimited, unlimited, "bytes"},
        {"Max address space", as, as, "bytes"},
        {"Max file locks", unlimited, unlimited, "locks"},
        {"Max pending signals", unlimited, unlimited, "signals"},
        {"Max msgqueue size", unlimited, unlimited, "bytes"},
        {"Max nice priority", "0", "0", ""},
        {"Max realtime priority", "0", "0", ""},
        {"Max realtime timeout", unlimited, unlimited, "us"},
    };
    pbuf_printf(k, b, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        pbuf_printf(k, b, "%-25s %-20s %-20s %-10s\n", rows[i].name, rows[i].soft, rows[i].hard,
                    rows[i].unit);
}

static int gen_fdinfo(Kernel *k, Proc *t, int fd, PBuf *b) {
    KObject *o = fd_get(t, fd);
    if (!o)
        return -AX_ENOENT;
    FileStat st;
    if (obj_stat(k, o, &st) < 0)
        memset(&st, 0, sizeof st);
    uint32_t flags = o->flags | (t->fds.cloexec[fd] ? AX_O_CLOEXEC : 0);
    pbuf_printf(k, b, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%llu\nino:\t%llu\n",
                (long long)o->offset, flags, (unsigned long long)st.dev,
                (unsigned long long)st.ino);
    return 0;
}

int procfs_gen_pid(Kernel *k, Proc *p, Proc *t, const VNode *n, PBuf *b) {
    switch (n->u.proc.kind) {
    case PROCFS_F_STATUS: gen_status(k, t, b); return 0;
    case PROCFS_F_STAT: gen_stat(k, t, b); return 0;
    case PROCFS_F_STATM: gen_statm(k, t, b); return 0;
    case PROCFS_F_CMDLINE:
        if (t->state == PROC_ZOMBIE)
            return 0;
        if (t->argv)
            gen_strings(k, t->argv, (size_t)t->argc, b);
        else /* init has no argv: its name stands for it */
            pbuf_put(k, b, t->name, strlen(t->name) + 1);
        return 0;
    case PROCFS_F_ENVIRON:
        /* the mode says 0400; Linux also asks ptrace_may_access */
        if (!procfs_may_inspect(p, t))
            return -AX_EACCES;
        if (t->state != PROC_ZOMBIE)
            gen_strings(k, t->env, t->env_count, b);
        return 0;
    case PROCFS_F_COMM: {
        char name[16];
        comm(t, name);
        pbuf_printf(k, b, "%s\n", name);
        return 0;
    }
    case PROCFS_F_LIMITS: gen_limits(k, t, b); return 0;
    case PROCFS_F_WCHAN:
        /* Linux prints the kernel function a sleeper waits in, with no
         * newline; axos names the kind of wait */
        pbuf_printf(k, b, "%s", t->state == PROC_BLOCKED ? "wait" : "0");
        return 0;
    case PROCFS_F_FDINFO:
        if (!procfs_may_inspect(p, t))
            return -AX_EACCES;
        return gen_fdinfo(k, t, n->u.proc.fd, b);
    default: return -AX_EINVAL;
    }
}

/* ---- the text of links ---- */

/* One level of the search for a node's name: the directory being
 * looked through and where in its table. */
typedef struct PathStep {
    const VNode *dir;
    size_t pos;
} PathStep;

static void dir_path(Kernel *k, const VNode *d, PBuf *b) {
    char *names[256];
    size_t depth = 0;
    const VNode *root = k->vfs->root;
    for (; d != root && depth < 256; d = d->u.dir.parent)
        names[depth++] = d->u.dir.self->name;
    if (depth == 0)
        pbuf_put(k, b, "/", 1);
    while (depth > 0)
        pbuf_printf(k, b, "/%s", names[--depth]);
}

bool procfs_node_path(Kernel *k, const VNode *n, PBuf *b) {
    const VNode *root = k->vfs->root;
    if (!n)
        return false;
    if (n->type == VN_DIR) {
        if (n != root && !n->u.dir.self)
            return false;
        dir_path(k, n, b);
        return true;
    }
    if (!n->links)
        return false;
    /* Files do not know their names: look for it, depth first from the
     * root (only a reader of /proc pays for this). /proc is skipped. */
    size_t cap = 16, depth = 0;
    PathStep *st = kmem_alloc(k, cap * sizeof *st);
    if (!st) {
        b->oom = true;
        return false;
    }
    st[depth++] = (PathStep){root, 0};
    bool found = false;
    while (depth > 0 && !found) {
        PathStep *s = &st[depth - 1];
        DirEnt *e = dirtab_next(&s->dir->u.dir.tab, &s->pos);
        if (!e) {
            depth--;
            continue;
        }
        if (e->node == n) {
            dir_path(k, s->dir, b);
            pbuf_printf(k, b, "%s%s", s->dir == root ? "" : "/", e->name);
            found = true;
        } else if (e->node->type == VN_DIR && !e->node->u.dir.procfs &&
                   e->node->u.dir.tab.count > 0) {
            if (depth == cap) {
                PathStep *bigger = kmem_realloc(k, st, 2 * cap * sizeof *st);
                if (!bigger) {
                    b->oom = true;
                    break;
                }
                st = bigger;
                cap *= 2;
            }
            st[depth++] = (PathStep){e->node, 0};
        }
    }
    kmem_free(k, st);
    return found;
}

void procfs_fd_text(Kernel *k, Proc *t, int fd, PBuf *b) {
    KObject *o = fd_get(t, fd);
    if (!o)
        return;
    VNode *n = vfs_obj_node(o);
    if (n && n->type != VN_FDLINK) {
        if (!procfs_node_path(k, n, b))
            pbuf_printf(k, b, "/ (deleted)");
        return;
    }
    FileStat st;
    if (obj_stat(k, o, &st) < 0)
        memset(&st, 0, sizeof st);
    uint32_t type = st.mode & AX_S_IFMT;
    if (type == AX_S_IFIFO)
        pbuf_printf(k, b, "pipe:[%llu]", (unsigned long long)st.ino);
    else if (type == AX_S_IFSOCK)
        pbuf_printf(k, b, "socket:[%llu]", (unsigned long long)st.ino);
    else if (strcmp(o->ops->kind, "console") == 0)
        pbuf_printf(k, b, "/dev/console");
    else if (type == AX_S_IFCHR && (st.rdev >> 8 & 0xfff) == 136)
        pbuf_printf(k, b, "/dev/pts/%u", (unsigned)((st.rdev & 0xff) | (st.rdev >> 12 & ~0xffu)));
    else if (type == AX_S_IFCHR && st.rdev == 0x502)
        pbuf_printf(k, b, "/dev/ptmx");
    else /* Linux's names for its anonymous inodes where axos has the kind */
        pbuf_printf(k, b, "anon_inode:[%s]",
                    strcmp(o->ops->kind, "timer") == 0   ? "timerfd"
                    : strcmp(o->ops->kind, "epoll") == 0 ? "eventpoll"
                                                         : o->ops->kind);
}
