/* spawn and exec: starting programs.
 *
 * There is no fork: a coroutine's stack cannot be duplicated safely, so a
 * child is built directly from the parent's description, with
 * posix_spawn's file actions and attributes. */
#include <string.h>

#include "console/console.h"
#include "kernel/account.h"
#include "kernel/fd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "loader/loader.h"
#include "mem/mem.h"
#include "signal/signal.h"
#include "trace/trace.h"
#include "vfs/vfs.h"

/* A file an OPEN action created: taken back if the spawn fails later, so
 * that a failed spawn leaves nothing behind. obj holds a reference. */
typedef struct SpawnMade {
    const char *path;
    KObject *obj;
} SpawnMade;

static int spawn_open(Kernel *k, Proc *c, const SpawnFileAction *fa, SpawnMade *made,
                      size_t *nmade) {
    if (fa->fd < 0 || fa->fd >= AX_OPEN_MAX)
        return -AX_EBADF;
    KObject *o;
    bool created;
    int r = vfs_open_ex(k, c, NULL, fa->path, fa->oflag & ~AX_O_CLOEXEC, fa->mode, &o, &created);
    if (r < 0)
        return r;
    r = fd_install_at(k, c, o, fa->fd, (fa->oflag & AX_O_CLOEXEC) != 0);
    if (r < 0) {
        if (created)
            vfs_uncreate(k, c, NULL, fa->path, o);
        obj_unref(k, o);
        return r;
    }
    if (created)
        made[(*nmade)++] = (SpawnMade){fa->path, obj_ref(o)};
    obj_open_ctty(k, c, o, fa->oflag);
    return 0;
}

static int spawn_dup2(Kernel *k, Proc *c, const SpawnFileAction *fa) {
    KObject *o = fd_get(c, fa->fd);
    if (!o || fa->newfd < 0 || fa->newfd >= AX_OPEN_MAX)
        return -AX_EBADF;
    if (fa->fd == fa->newfd) {
        c->fds.cloexec[fa->fd] = 0; /* posix_spawn clears FD_CLOEXEC here */
        return 0;
    }
    int r = fd_install_at(k, c, obj_ref(o), fa->newfd, false);
    if (r < 0)
        obj_unref(k, o);
    return r < 0 ? r : 0;
}

/* Apply the file actions, in order, to the child's table (which still
 * holds the close-on-exec fds: a DUP2 may take one as its source). A
 * CLOSE of an fd that is not open is no error (POSIX.1-2024, Austin Group
 * defect 370). Files OPEN actions create are listed in made. */
static int spawn_apply_actions(Kernel *k, Proc *c, const SpawnAttr *attr, SpawnMade *made,
                               size_t *nmade) {
    for (size_t i = 0; i < attr->nactions; i++) {
        const SpawnFileAction *fa = &attr->actions[i];
        int r;
        switch (fa->kind) {
        case AX_SPAWN_OPEN:
            r = spawn_open(k, c, fa, made, nmade);
            break;
        case AX_SPAWN_CLOSE:
            if (fa->fd < 0 || fa->fd >= AX_OPEN_MAX)
                return -AX_EBADF;
            fd_close(k, c, fa->fd);
            r = 0;
            break;
        case AX_SPAWN_DUP2:
            r = spawn_dup2(k, c, fa);
            break;
        default:
            r = -AX_EINVAL;
        }
        if (r < 0)
            return r;
    }
    return 0;
}

/* Run the file actions, then close what is close-on-exec, as exec would.
 * On failure the files the actions created are unlinked again. */
static int spawn_files(Kernel *k, Proc *c, const SpawnAttr *attr) {
    size_t nopen = 0, nmade = 0;
    for (size_t i = 0; attr && i < attr->nactions; i++)
        if (attr->actions[i].kind == AX_SPAWN_OPEN && (attr->actions[i].oflag & AX_O_CREAT))
            nopen++;
    SpawnMade *made = NULL;
    if (nopen && !(made = kmem_alloc(k, nopen * sizeof *made)))
        return -AX_ENOMEM;
    int r = attr ? spawn_apply_actions(k, c, attr, made, &nmade) : 0;
    for (size_t i = nmade; i-- > 0;) {
        if (r < 0)
            vfs_uncreate(k, c, NULL, made[i].path, made[i].obj);
        obj_unref(k, made[i].obj);
    }
    kmem_free(k, made);
    if (r == 0)
        fd_close_cloexec(k, c);
    return r;
}

/* Which process group the child joins; -AX_* when the request is bad. */
static int spawn_pgid(Kernel *k, const Proc *parent, const SpawnAttr *attr) {
    if (!attr || !(attr->flags & AX_SPAWN_SETPGROUP))
        return parent->pgid;
    if (attr->pgroup < 0)
        return -AX_EINVAL;
    if (attr->pgroup == 0)
        return 0; /* its own pid, known later */
    /* The group must exist in the parent's session. */
    for (size_t b = 0; b < k->pid_hash_cap; b++)
        for (Proc *p = k->pid_hash[b]; p; p = p->hash_next)
            if (p->pgid == attr->pgroup && p->sid == parent->sid && p->state != PROC_ZOMBIE)
                return attr->pgroup;
    return -AX_EPERM;
}

static void spawn_set_name(Proc *c) {
    const char *name = c->argc > 0 ? c->argv[0] : "";
    const char *slash = strrchr(name, '/');
    if (slash && slash[1])
        name = slash + 1;
    strncpy(c->name, name, sizeof c->name - 1);
}

/* What to run for path (*prog: its main, owner and mode), and for a
 * loaded program a copy of it of the process's own, in *image (NULL for
 * a built-in main). */
static int spawn_program(Kernel *k, Proc *p, const char *path, VProgram *prog,
                         LoaderImage **image) {
    int r = vfs_program_lookup(k, p, path, prog);
    if (r < 0)
        return r;
    *image = NULL;
    return prog->loaded ? loader_image_get(k, prog->loaded, image, &prog->main) : 0;
}

void proc_discard(Kernel *k, Proc *c) {
    loader_image_put(k, c->image);
    fd_table_release(k, c);
    if (c->sid)
        console_session_drop(k, c->sid); /* a terminal its actions took */
    proc_env_release(k, c);
    mem_proc_release(k, c);
    if (c->cwd)
        vfs_node_unref(k, c->cwd);
    vfs_set_exe(k, c, NULL);
    kmem_free(k, c->argv);
    proc_task_free(k, c);
    kmem_free(k, c->session); /* a new session's record, not yet entered */
    sig_proc_release(k, c);
    kmem_free(k, c);
}

/* The child's account (its parent's limit) and its stack, charged to it:
 * ENOMEM past the account's or the system's limit. */
static int spawn_task(Kernel *k, Proc *c, const Proc *parent, bool new_session) {
    if (new_session && !(c->session = proc_session_new(k)))
        return -AX_ENOMEM;
    int r = mem_account_new(k, c, parent->acct);
    if (r == 0)
        r = proc_task_alloc(k, c);
    return r;
}

/* The caller is killed while a file action waits (a FIFO's open): the
 * child it was building goes with it. */
typedef struct SpawnUndo {
    WaitUndo u;
    Proc *child;
} SpawnUndo;

static void spawn_undo(Kernel *k, WaitUndo *u) {
    proc_discard(k, ((SpawnUndo *)u)->child);
}

int proc_spawn(Kernel *k, Proc *parent, const char *path, char *const argv[],
               char *const envp[], const SpawnAttr *attr, bool host_child) {
    if (!path || !argv)
        return -AX_EFAULT;
    if (attr && (attr->flags & ~(uint32_t)(AX_SPAWN_SETPGROUP | AX_SPAWN_SETSIGMASK |
                                          AX_SPAWN_SETSIGDEF | AX_SPAWN_SETSID)))
        return -AX_EINVAL;
    if (attr && attr->nactions && !attr->actions)
        return -AX_EFAULT;
    VProgram prog;
    LoaderImage *image;
    int r = spawn_program(k, parent, path, &prog, &image);
    if (r < 0)
        return r;
    int pgid = spawn_pgid(k, parent, attr);
    /* the process limits, as fork's EAGAIN (zombies count: their pids are
     * taken) */
    bool new_session = attr && (attr->flags & AX_SPAWN_SETSID);
    if (pgid >= 0 && (k->nprocs - 1 >= k->cfg.max_procs ||
                      (!new_session && parent->session &&
                       parent->session->nprocs >= k->cfg.max_session_procs)))
        pgid = -AX_EAGAIN;
    Proc *c = pgid < 0 ? NULL : kmem_alloc(k, sizeof *c);
    if (!c) {
        loader_image_put(k, image);
        return pgid < 0 ? pgid : -AX_ENOMEM;
    }
    c->image = image;
    ktimer_init(&c->sleep_timer, NULL);
    c->wait.proc = c;
    /* A new session exists before the file actions run, as glibc's
     * posix_spawn calls setsid first: a terminal they open may become its
     * controlling terminal. The pid is taken for good only at the commit. */
    if (attr && (attr->flags & AX_SPAWN_SETSID))
        c->pid = c->sid = c->pgid = k->next_pid;
    c->umask = parent->umask; /* before the file actions, whose opens use it */
    /* a host spawn runs as the session's user, in its home */
    c->cred = host_child ? k->session_cred : parent->cred;
    c->cred.nodump = false; /* a new process: what made its parent privileged is not its past */
    cred_exec(&c->cred, prog.uid, prog.gid, prog.mode); /* spawn is fork + exec */
    c->cwd = host_child ? vfs_session_home(k) : parent->cwd;
    vfs_node_ref(c->cwd);
    /* The file actions come last: after them nothing may fail, so a file
     * they create is never left behind by a later error. */
    SpawnUndo undo = {{NULL, spawn_undo}, c};
    if ((r = proc_argv_copy(k, argv, &c->argv, &c->argc)) < 0 ||
        (r = fd_table_inherit(k, c, parent)) < 0 ||
        (r = proc_env_copy(k, c, envp, parent)) < 0 || (r = mem_proc_init(k, c)) < 0 ||
        (r = sig_actions_inherit(k, parent, true, &c->sig.action)) < 0 ||
        (r = spawn_task(k, c, parent, new_session)) < 0) {
        proc_discard(k, c);
        return r;
    }
    if (k->cur)
        proc_undo_push(k->cur, &undo.u);
    r = spawn_files(k, c, attr);
    if (k->cur)
        proc_undo_pop(k->cur, &undo.u);
    if (r < 0) {
        proc_discard(k, c);
        return r;
    }

    /* From here on nothing can fail: commit. */
    c->main = prog.main;
    vfs_set_exe(k, c, prog.node);
    c->pid = k->next_pid++;
    c->pgid = pgid ? pgid : c->pid;
    c->sid = parent->sid;
    if (new_session)
        c->sid = c->pgid = c->pid;
    proc_session_enter(c, new_session ? c->session : parent->session);
    c->host_child = host_child;
    SigAction *actions = c->sig.action; /* the parent's, reset as exec does */
    c->sig = parent->sig;
    c->sig.action = actions;
    c->sig.pending = 0;
    if (attr && (attr->flags & AX_SPAWN_SETSIGMASK))
        c->sig.blocked = attr->sigmask & ~(AX_SIGBIT(AX_SIGKILL) | AX_SIGBIT(AX_SIGSTOP));
    if (attr && (attr->flags & AX_SPAWN_SETSIGDEF) && actions) /* none: all default */
        for (int s = 1; s < AX_NSIG; s++)
            if (attr->sigdefault & AX_SIGBIT(s))
                actions[s].handler = AX_SIG_DFL;
    spawn_set_name(c);
    c->start_ns = clock_now(k);
    proc_hash_insert(k, c);
    proc_link_child(parent, c);
    k->ntasks++;
    k->stats.procs_spawned++;
    kernel_digest_mix(k, 0x5B00000000ULL | (uint32_t)c->pid);
    if (trace_enabled(k)) {
        trace_note_spawn(k, c);
        trace_emit(k, TRACE_PROC, "spawn", c->pid, c->argv[0]);
    }
    sched_task_init(k, c);
    sched_make_ready(k, c);
    return c->pid;
}

int proc_exec(Kernel *k, const char *path, char *const argv[], char *const envp[]) {
    Proc *p = k->cur;
    if (!path || !argv)
        return -AX_EFAULT;
    VProgram prog;
    LoaderImage *image;
    int r = spawn_program(k, p, path, &prog, &image);
    if (r < 0)
        return r;
    char **av;
    int ac;
    if ((r = proc_argv_copy(k, argv, &av, &ac)) < 0) {
        loader_image_put(k, image);
        return r;
    }
    /* A vfork child runs on its parent's stack: its program gets its own. */
    bool borrowed = p->vfork_parent != NULL;
    if (borrowed && (r = proc_task_alloc(k, p)) < 0) {
        kmem_free(k, av);
        loader_image_put(k, image);
        return r;
    }
    if (envp) {
        Proc tmp = {0};
        if ((r = proc_env_copy(k, &tmp, envp, NULL)) < 0) {
            kmem_free(k, av);
            loader_image_put(k, image);
            if (borrowed) { /* back to borrowing: no stack of its own */
                sched_stack_release(k, p);
                mem_uncharge(k, p->acct, MEM_STACK, k->stack_size);
            }
            return r;
        }
        proc_env_release(k, p);
        p->env = tmp.env;
        p->env_count = tmp.env_count;
        p->env_cap = tmp.env_cap;
    }
    /* Committed: the old program's argv may have been where path and argv
     * pointed, so it goes only now. */
    kmem_free(k, p->argv);
    p->argv = av;
    p->argc = ac;
    p->main = prog.main;
    vfs_set_exe(k, p, prog.node);
    cred_exec(&p->cred, prog.uid, prog.gid, prog.mode);
    /* The old copy's code is still on this stack, but nothing returns
     * into it: the jump below starts over at the top. Handing it back
     * only puts it on its program's idle list (nothing is unmapped). */
    loader_image_put(k, p->image);
    p->image = image;
    fd_close_cloexec(k, p);
    mem_proc_exec(k, p);
    sig_reset_caught(k, p);
    memset(p->name, 0, sizeof p->name);
    spawn_set_name(p);
    p->exit_hook = NULL;
    p->user_slot = NULL;
    kernel_digest_mix(k, 0xE8E0000000ULL | (uint32_t)p->pid);
    if (trace_enabled(k))
        trace_emit(k, TRACE_PROC, "exec", p->pid, av[0]);
    /* Start over at the top of the same stack; the old frames are dead.
     * A vfork child's old frames are its parent's: the next context hands
     * them back (sched_bury), once nothing runs on them. */
    sched_task_init(k, p);
    if (borrowed) {
        k->dead = p;
        ctx_jump(&k->vfork_leave, &p->ctx);
    }
    Context dying;
    ctx_jump(&dying, &p->ctx);
    __builtin_unreachable();
}
