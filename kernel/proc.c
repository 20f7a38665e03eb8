/* Processes: the pid table, exit, reaping, init, environment and argv. */
#include <string.h>

#include "kernel/account.h"
#include "ipc/ipc.h"
#include "kernel/fd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "loader/loader.h"
#include "mem/mem.h"
#include "signal/signal.h"
#include "trace/trace.h"
#include "vfs/vfs.h"

#define ARGV_MAX_BYTES (128u * 1024u)

/* ---- pid table: chained hash, power-of-two buckets ---- */

Proc *proc_find(Kernel *k, int pid) {
    if (pid <= 0)
        return NULL;
    for (Proc *p = k->pid_hash[(size_t)pid & (k->pid_hash_cap - 1)]; p; p = p->hash_next)
        if (p->pid == pid)
            return p;
    return NULL;
}

static int pid_hash_grow(Kernel *k) {
    size_t cap = k->pid_hash_cap * 2;
    Proc **h = kmem_alloc(k, cap * sizeof *h);
    if (!h)
        return -AX_ENOMEM;
    for (size_t i = 0; i < k->pid_hash_cap; i++) {
        Proc *p = k->pid_hash[i];
        while (p) {
            Proc *next = p->hash_next;
            size_t b = (size_t)p->pid & (cap - 1);
            p->hash_next = h[b];
            h[b] = p;
            p = next;
        }
    }
    kmem_free(k, k->pid_hash);
    k->pid_hash = h;
    k->pid_hash_cap = cap;
    return 0;
}

/* Insert p (its pid set). Growth failure is harmless: chains get longer. */
void proc_hash_insert(Kernel *k, Proc *p) {
    if (k->nprocs + 1 > k->pid_hash_cap)
        pid_hash_grow(k);
    size_t b = (size_t)p->pid & (k->pid_hash_cap - 1);
    p->hash_next = k->pid_hash[b];
    k->pid_hash[b] = p;
    k->nprocs++;
}

static void proc_hash_remove(Kernel *k, Proc *p) {
    Proc **pp = &k->pid_hash[(size_t)p->pid & (k->pid_hash_cap - 1)];
    while (*pp != p)
        pp = &(*pp)->hash_next;
    *pp = p->hash_next;
    k->nprocs--;
}

/* ---- the process tree ---- */

void proc_link_child(Proc *parent, Proc *c) {
    c->parent = parent;
    c->sib_next = NULL;
    c->sib_prev = parent->children_tail;
    if (parent->children_tail)
        parent->children_tail->sib_next = c;
    else
        parent->children = c;
    parent->children_tail = c;
}

static void proc_unlink_child(Proc *c) {
    Proc *parent = c->parent;
    if (c->sib_prev)
        c->sib_prev->sib_next = c->sib_next;
    else
        parent->children = c->sib_next;
    if (c->sib_next)
        c->sib_next->sib_prev = c->sib_prev;
    else
        parent->children_tail = c->sib_prev;
    c->sib_next = c->sib_prev = NULL;
}

bool proc_wait_matches(const Proc *caller, const Proc *p, int pid) {
    if (pid > 0)
        return p->pid == pid;
    if (pid == -1)
        return true;
    if (pid == 0)
        return p->pgid == caller->pgid;
    return p->pgid == -pid;
}

int proc_task_alloc(Kernel *k, Proc *p) {
    if (!mem_fits(k, p->acct, k->stack_size))
        return -AX_ENOMEM;
    int r = sched_stack_alloc(k, p);
    if (r == 0)
        mem_charge(k, p->acct, MEM_STACK, k->stack_size); /* fits: checked above */
    return r;
}

void proc_task_free(Kernel *k, Proc *p) {
    if (p->stack) {
        sched_stack_release(k, p);
        mem_uncharge(k, p->acct, MEM_STACK, k->stack_size);
    }
    if (p->acct && p->acct->peak > p->ru.maxrss) /* ru_maxrss outlives the account */
        p->ru.maxrss = p->acct->peak;
    mem_account_drop(k, p);
}

void proc_reap(Kernel *k, Proc *p) {
    if (p->proc_dir)
        procfs_proc_gone(k, p);
    proc_session_leave(k, p);
    proc_unlink_child(p);
    proc_hash_remove(k, p);
    sig_proc_release(k, p);
    kmem_free(k, p);
}

static void proc_env_free(Kernel *k, Proc *p) {
    for (size_t i = 0; i < p->env_count; i++)
        kmem_free(k, p->env[i]);
    kmem_free(k, p->env);
    p->env = NULL;
    p->env_count = p->env_cap = 0;
}

/* Free an orphan that died (nobody will wait for it), unless a walk of
 * the pid table is under way: then it stays a zombie until the walk ends
 * (proc_reap_release), so the walk never steps on a freed Proc. */
static void proc_reap_orphan(Kernel *k, Proc *p) {
    if (k->reap_hold) {
        k->reap_deferred = true;
        return;
    }
    proc_reap(k, p);
}

void proc_reap_hold(Kernel *k) {
    k->reap_hold++;
}

void proc_reap_release(Kernel *k) {
    if (--k->reap_hold > 0 || !k->reap_deferred)
        return;
    k->reap_deferred = false;
    /* init's orphans and the children of parents that ignore SIGCHLD */
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b], *next; p; p = next) {
            next = p->hash_next;
            if (p->state == PROC_ZOMBIE && p->autoreap && p != k->dead)
                proc_reap(k, p);
        }
}

/* Give p's children to init; zombies among them that nobody will wait
 * for are freed on the spot. */
static void proc_orphan_children(Kernel *k, Proc *p) {
    while (p->children) {
        Proc *c = p->children;
        proc_unlink_child(c);
        proc_link_child(k->init, c);
        c->autoreap = !c->host_child;
        if (c->state == PROC_ZOMBIE && c->autoreap && c != k->dead)
            proc_reap_orphan(k, c);
    }
}

void proc_notify_parent(Kernel *k, Proc *p, bool exited) {
    Proc *parent = p->parent;
    if (!parent || parent == k->init)
        return;
    if (exited || !(sig_action(parent, AX_SIGCHLD)->flags & AX_SA_NOCLDSTOP))
        sig_send(k, parent, AX_SIGCHLD);
    wq_wake_all(k, &parent->child_wait);
}

/* POSIX: a parent whose SIGCHLD is ignored or has AX_SA_NOCLDWAIT keeps
 * no zombies; its children are freed as they exit. */
static bool proc_reaps_none(const Proc *parent) {
    const SigAction *act = sig_action(parent, AX_SIGCHLD);
    return act->handler == AX_SIG_IGN || (act->flags & AX_SA_NOCLDWAIT);
}

void proc_exit(Kernel *k, Proc *p, int status) {
    if (p->state == PROC_ZOMBIE || p == k->init)
        return;
    bool self = (p == k->cur);
    if (!self)
        sched_unqueue(k, p);
    while (p->undo) { /* killed in a call parked in place */
        WaitUndo *u = p->undo;
        p->undo = u->next;
        u->fn(k, u);
    }
    ktimer_disarm(k, &p->sleep_timer);
    ipc_proc_exit(k, p); /* SEM_UNDO, before the files, as Linux's do_exit */
    fd_table_release(k, p);
    if (p->cwd) {
        vfs_node_unref(k, p->cwd);
        p->cwd = NULL;
    }
    vfs_set_exe(k, p, NULL);
    proc_env_free(k, p);
    mem_proc_release(k, p);
    kmem_free(k, p->argv);
    p->argv = NULL;
    loader_image_put(k, p->image); /* to the idle list: nothing is unmapped */
    p->image = NULL;
    ExitGroups groups;
    proc_exit_groups_collect(k, p, &groups);
    proc_orphan_children(k, p);

    if (p->state == PROC_STOPPED)
        k->nstopped--; /* killed while stopped */
    p->state = PROC_ZOMBIE;
    p->exit_status = status;
    k->ntasks--;
    if ((status & 0x7f) != 0)
        k->stats.procs_killed++;
    else
        k->stats.procs_exited++;
    kernel_digest_mix(k, 0xE0000000000ULL | ((uint64_t)(uint32_t)status << 20) | (uint32_t)p->pid);
    if (trace_enabled(k))
        trace_emit_value(k, TRACE_PROC, "exit", p->pid, NULL, status);
    trace_note_exit(k, p); /* its events may outlive it in the ring */
    if (p->parent == k->init) {
        p->autoreap = !p->host_child;
    } else {
        p->autoreap = proc_reaps_none(p->parent);
        /* the parent's waitpid sleepers wake to find it gone: ECHILD once
         * no child is left */
        proc_notify_parent(k, p, true);
    }
    if (k->host_wait_pid == p->pid)
        sched_request_host(k);

    if (self) {
        k->dead_groups = groups; /* the next context hangs them up */
        sched_exit_current(k);
    }
    if (p->vfork_parent) /* switched away: nothing runs on its frames */
        vfork_handback(k, p, p->ctx.sp);
    proc_task_free(k, p);
    if (p->autoreap)
        proc_reap_orphan(k, p);
    /* Last, with p finished (perhaps freed): a hang-up can end other
     * processes, and their exits must not find p half done. */
    proc_exit_hangups(k, &groups);
}

/* ---- environment ---- */

static size_t env_name_len(const char *entry) {
    const char *eq = strchr(entry, '=');
    return eq ? (size_t)(eq - entry) : strlen(entry);
}

static ssize_t proc_env_index(const Proc *p, const char *name) {
    size_t n = strlen(name);
    for (size_t i = 0; i < p->env_count; i++)
        if (env_name_len(p->env[i]) == n && memcmp(p->env[i], name, n) == 0)
            return (ssize_t)i;
    return -1;
}

const char *proc_env_get(const Proc *p, const char *name) {
    ssize_t i = proc_env_index(p, name);
    return i < 0 ? NULL : p->env[i] + strlen(name) + 1;
}

/* Append an already built "NAME=value" string (ownership moves in). */
static int proc_env_push(Kernel *k, Proc *p, char *entry) {
    if (kmem_grow(k, &p->env, &p->env_cap, sizeof *p->env, p->env_count + 1, 16) < 0)
        return -AX_ENOMEM;
    p->env[p->env_count++] = entry;
    return 0;
}

int proc_env_set(Kernel *k, Proc *p, const char *name, const char *value, bool overwrite) {
    ssize_t i = proc_env_index(p, name);
    if (i >= 0 && !overwrite)
        return 0;
    size_t nl = strlen(name), vl = strlen(value);
    char *entry = kmem_alloc(k, nl + vl + 2);
    if (!entry)
        return -AX_ENOMEM;
    memcpy(entry, name, nl);
    entry[nl] = '=';
    memcpy(entry + nl + 1, value, vl + 1);
    if (i >= 0) {
        kmem_free(k, p->env[i]);
        p->env[i] = entry;
        return 0;
    }
    int r = proc_env_push(k, p, entry);
    if (r < 0)
        kmem_free(k, entry);
    return r;
}

int proc_env_unset(Kernel *k, Proc *p, const char *name) {
    ssize_t i = proc_env_index(p, name);
    if (i < 0)
        return 0;
    kmem_free(k, p->env[i]);
    memmove(&p->env[i], &p->env[i + 1], (p->env_count - (size_t)i - 1) * sizeof *p->env);
    p->env_count--;
    return 0;
}

/* Fill p's environment from envp (entries without '=' are skipped), or
 * from src's. On failure p's environment is left empty. */
int proc_env_copy(Kernel *k, Proc *p, char *const envp[], const Proc *src) {
    if (envp) {
        for (size_t i = 0; envp[i]; i++) {
            if (!strchr(envp[i], '=') || envp[i][0] == '=')
                continue;
            char *e = kmem_strdup(k, envp[i]);
            if (!e || proc_env_push(k, p, e) < 0) {
                kmem_free(k, e);
                proc_env_free(k, p);
                return -AX_ENOMEM;
            }
        }
        return 0;
    }
    for (size_t i = 0; src && i < src->env_count; i++) {
        char *e = kmem_strdup(k, src->env[i]);
        if (!e || proc_env_push(k, p, e) < 0) {
            kmem_free(k, e);
            proc_env_free(k, p);
            return -AX_ENOMEM;
        }
    }
    return 0;
}

void proc_env_release(Kernel *k, Proc *p) {
    proc_env_free(k, p);
}

/* ---- argv ---- */

int proc_argv_copy(Kernel *k, char *const argv[], char ***out, int *argc) {
    size_t n = 0, bytes = 0;
    for (; argv[n]; n++) {
        bytes += strlen(argv[n]) + 1;
        if (bytes > ARGV_MAX_BYTES || n > ARGV_MAX_BYTES / 8)
            return -AX_E2BIG;
    }
    char **v = kmem_alloc(k, (n + 1) * sizeof *v + bytes);
    if (!v)
        return -AX_ENOMEM;
    char *s = (char *)(v + n + 1);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(argv[i]) + 1;
        memcpy(s, argv[i], len);
        v[i] = s;
        s += len;
    }
    v[n] = NULL;
    *out = v;
    *argc = (int)n;
    return 0;
}

/* ---- init and teardown ---- */

int proc_init(Kernel *k) {
    k->pid_hash_cap = 64;
    k->pid_hash = kmem_alloc(k, k->pid_hash_cap * sizeof *k->pid_hash);
    Proc *init = kmem_alloc(k, sizeof *init);
    if (!k->pid_hash || !init) {
        kmem_free(k, init);
        kmem_free(k, k->pid_hash); /* proc_fini skips a kernel without init */
        k->pid_hash = NULL;
        return -AX_ENOMEM;
    }
    init->pid = 1;
    init->pgid = init->sid = 1;
    init->state = PROC_BLOCKED; /* init never runs: the kernel reaps for it */
    init->umask = 022;          /* what host-spawned processes inherit */
    cred_init_root(&init->cred);
    sig_proc_init(init);
    ktimer_init(&init->sleep_timer, NULL);
    init->wait.proc = init;
    strcpy(init->name, "init");
    init->cwd = vfs_root(k);
    vfs_node_ref(init->cwd);
    k->init = init;
    k->next_pid = 2;
    proc_hash_insert(k, init);
    return 0;
}

void proc_fini(Kernel *k) {
    if (!k->init)
        return;
    /* Kill every live process, then free every Proc. No task runs. The
     * exits must not reap (and so change the table while it is walked):
     * marking all as host children keeps their parents' exits from making
     * them init's orphans, and the hold, never released, keeps those
     * already orphaned (autoreap set) and the children of parents that
     * ignore SIGCHLD from being freed as they die. */
    proc_reap_hold(k);
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            p->host_child = true;
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            if (p != k->init && p->state != PROC_ZOMBIE)
                proc_exit(k, p, AX_SIGKILL);
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        while (k->pid_hash[b]) {
            Proc *p = k->pid_hash[b];
            k->pid_hash[b] = p->hash_next;
            k->nprocs--;
            if (p == k->init) {
                vfs_node_unref(k, p->cwd);
                vfs_set_exe(k, p, NULL);
                proc_env_free(k, p);
                fd_table_release(k, p);
            }
            proc_session_leave(k, p);
            sig_proc_release(k, p);
            kmem_free(k, p);
        }
    kmem_free(k, k->pid_hash);
    k->pid_hash = NULL;
    k->init = NULL;
}
