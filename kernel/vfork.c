/* vfork: a child that borrows its parent's execution until it execs or
 * ends, as vfork(2) does with the parent's memory.
 *
 * There is no fork (a coroutine's stack cannot be copied), but the
 * vfork-then-exec-or-_exit idiom needs no copy: the child is a new process
 * (its own pid, fd table, environment, mask) that goes on running on the
 * parent's stack, in the parent's program image, while the parent waits,
 * suspended. The call returns once, in the child, with 0.
 *
 * When the child stops borrowing (its exec succeeds, it exits, or a signal
 * kills it), the parent resumes: it gets a fresh context on its own stack,
 * just below the child's last frame, which calls the resume function the
 * parent gave (the POSIX layer's, which longjmps to where the program
 * called vfork; glibc's vfork keeps the return address in a register for
 * the same reason). What the child wrote to the frames above its own
 * stays, as with vfork(2). The hand-back happens once nothing runs on the
 * borrowed stack any more: at once for a child killed while switched
 * away, otherwise in the next context after the child's last switch
 * (sched_bury), exactly where an exited task's stack is freed.
 *
 * While suspended, the parent takes no signal: everything sent to it, even
 * SIGKILL, stays pending until it resumes (Linux's vfork wait is killable,
 * but here the parent's stack is in use until the child lets go). */
#include <string.h>

#include "kernel/account.h"
#include "kernel/fd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "mem/mem.h"
#include "signal/signal.h"
#include "syscall/handlers.h"
#include "trace/trace.h"
#include "vfs/vfs.h"

/* Room left under the child's last frame (below it, ucontext may still
 * have a frame of its own; x86-64's red zone is 128 bytes). */
#define VFORK_GAP 1024

static void vfork_resume_entry(void) {
    Kernel *k = kernel_current;
    Proc *p = k->cur;
    ctx_entered(&p->ctx);
    sched_after_switch(k);
    if (sig_deliverable(p))
        sig_deliver(k); /* what came while it was suspended */
    void (*resume)(int) = p->vfork_resume;
    int pid = p->vfork_resume_pid;
    p->vfork_resume = NULL;
    resume(pid);
    /* The program's resume returned: there is no frame to go back to. */
    proc_exit(k, p, sig_wait_status(AX_SIGSEGV));
}

void vfork_handback(Kernel *k, Proc *c, void *sp) {
    Proc *p = c->vfork_parent;
    if (!p)
        return;
    c->vfork_parent = NULL;
    p->vfork_child = NULL;
    if (p->state == PROC_ZOMBIE) /* kernel_destroy kills in any order */
        return;
    p->vfork_resume = c->vfork_resume;
    p->vfork_resume_pid = c->pid;
    ctx_init_below(&p->ctx, p->ctx.stack_base, p->ctx.stack_size, (char *)sp - VFORK_GAP,
                   vfork_resume_entry);
    sched_make_ready(k, p);
}

int64_t ksys_vfork(Kernel *k, const SyscallArgs *a) {
    Proc *p = k->cur;
    void (*resume)(int) = ARG_PTR(void (*)(int), 0);
    if (!resume)
        return -AX_EFAULT;
    /* the process limits, as fork's EAGAIN (spawn checks the same) */
    if (k->nprocs - 1 >= k->cfg.max_procs ||
        (p->session && p->session->nprocs >= k->cfg.max_session_procs))
        return -AX_EAGAIN;
    Proc *c = kmem_alloc(k, sizeof *c);
    if (!c)
        return -AX_ENOMEM;
    ktimer_init(&c->sleep_timer, NULL);
    c->wait.proc = c;
    c->umask = p->umask;
    c->cred = p->cred;
    c->cwd = p->cwd;
    vfs_node_ref(c->cwd);
    vfs_set_exe(k, c, p->exe);
    char *const no_args[] = {p->name, NULL};
    int r;
    if ((r = proc_argv_copy(k, p->argv ? p->argv : no_args, &c->argv, &c->argc)) < 0 ||
        (r = fd_table_inherit(k, c, p)) < 0 || (r = proc_env_copy(k, c, NULL, p)) < 0 ||
        (r = mem_proc_init(k, c)) < 0 || (r = mem_account_new(k, c, p->acct)) < 0 ||
        (r = sig_actions_inherit(k, p, false, &c->sig.action)) < 0) {
        proc_discard(k, c);
        return r;
    }

    /* Committed. The child is what fork would make, minus the memory:
     * every fd (close-on-exec ones too, until it execs), the mask, and
     * the handlers, which live in the memory it shares. */
    c->pid = k->next_pid++;
    c->pgid = p->pgid;
    c->sid = p->sid;
    proc_session_enter(c, p->session);
    SigAction *actions = c->sig.action; /* a copy of the parent's */
    c->sig = p->sig;
    c->sig.action = actions;
    c->sig.pending = 0;
    memcpy(c->name, p->name, sizeof c->name);
    c->start_ns = clock_now(k);
    c->vfork_parent = p;
    c->vfork_resume = resume;
    c->ctx.stack_base = p->ctx.stack_base; /* what the child runs on */
    c->ctx.stack_size = p->ctx.stack_size;
    c->sys_no = p->sys_no;                 /* this call returns in the child */
    c->sys_start = p->sys_start;
    p->vfork_child = c;
    proc_hash_insert(k, c);
    proc_link_child(p, c);
    k->ntasks++;
    k->stats.procs_spawned++;
    kernel_digest_mix(k, 0x5BF0000000ULL | (uint32_t)c->pid);
    if (trace_enabled(k))
        trace_emit(k, TRACE_PROC, "vfork", c->pid, c->name);

    /* The parent waits on nothing anyone can wake; the running execution
     * goes on as the child. */
    p->state = PROC_BLOCKED;
    p->ru.nvcsw++; /* it waits for its child: a voluntary switch */
    sched_become(k, c);
    return 0;
}
