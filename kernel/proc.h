/* Processes: creation (spawn, exec), exit, reaping, groups and sessions. */
#ifndef AXOS_KERNEL_PROC_H
#define AXOS_KERNEL_PROC_H

#include "kernel/kernel.h"

/* Create a process running the program at path as a child of parent (the
 * calling process, or init for kernel_spawn). See sys_spawn for the rules.
 * Returns the new pid or -AX_*; on error nothing is left behind. */
int proc_spawn(Kernel *k, Proc *parent, const char *path, char *const argv[],
               char *const envp[], const SpawnAttr *attr, bool host_child);

/* End p (the current task or any other live one) with wait status
 * `status`: release all it holds, reparent its children to init, make it a
 * zombie and tell its parent. Does not return when p is current. */
void proc_exit(Kernel *k, Proc *p, int status);

/* p's task stack, charged to its account (set up first): 0 or
 * -AX_ENOMEM (a limit, or no stack; nothing charged). */
int proc_task_alloc(Kernel *k, Proc *p);
/* Free p's stack, uncharge it and let go of p's account: the last of a
 * task (exit, or a spawn undone). Nothing happens twice. */
void proc_task_free(Kernel *k, Proc *p);

/* Free a zombie's Proc (waitpid, init's reaping). */
void proc_reap(Kernel *k, Proc *p);

/* Around a walk of the pid table that may end processes (a signal to a
 * group or to all): orphans that die meanwhile are freed only at the
 * release, so the walk never reads a freed Proc. Calls nest. */
void proc_reap_hold(Kernel *k);
void proc_reap_release(Kernel *k);

/* Does process p belong to the set waitpid(pid) names for `caller`? */
bool proc_wait_matches(const Proc *caller, const Proc *p, int pid);

/* Create init (pid 1) and the pid table. Returns 0 or -AX_ENOMEM. */
int proc_init(Kernel *k);
/* Kill every process and free every Proc (kernel_destroy). */
void proc_fini(Kernel *k);

/* Session sizes (kernel/session.c), for KernelConfig.max_session_procs:
 * a process counts in its session from spawn or setsid until reaped. */
/* A new session's record (count 0), or NULL (no memory). */
Session *proc_session_new(Kernel *k);
/* p (its sid set) joins the session of record s (NULL: none, init). */
void proc_session_enter(Proc *p, Session *s);
/* p leaves its session; the record goes with the last member. */
void proc_session_leave(Kernel *k, Proc *p);

/* Process groups (kernel/pgrp.c). */
/* Has session sid a live process in group pgid? (setpgid, tcsetpgrp) */
bool proc_pgrp_in_session(Kernel *k, int pgid, int sid);
/* Is group pgid of session sid orphaned (POSIX: no member has a live
 * parent in another group of the same session)? */
bool proc_pgrp_orphaned(Kernel *k, int pgid, int sid);

/* Note the groups p's exit may orphan (POSIX _exit), before its children
 * move to init. */
void proc_exit_groups_collect(Kernel *k, Proc *p, ExitGroups *g);
/* Once the exiting process is out of the way (so no hang-up can reap it
 * under its own exit): send SIGHUP then SIGCONT to each noted group that
 * is now orphaned with a stopped member. */
void proc_exit_hangups(Kernel *k, const ExitGroups *g);

/* Resource usage (kernel/usage.c). p's own figures now: under the host
 * clock the caller's call under way counts as system time; a live
 * process's peak memory is its account's. */
void proc_usage_self(Kernel *k, const Proc *p, ProcUsage *out);
/* p's CPU time, user + system, ns (ProcInfo.cpu_ns, /proc). */
uint64_t proc_usage_cpu_ns(Kernel *k, const Proc *p);
/* waiter reaps child (waitpid, wait4): the child's own and its children's
 * usage join the waiter's children's (RUSAGE_CHILDREN, cutime). */
void proc_usage_waited(Kernel *k, Proc *waiter, const Proc *child);
/* What wait4 reports for child: its own usage plus its children's. */
void proc_usage_report(Kernel *k, const Proc *child, ResourceUsage *out);

/* Environment: copy of "NAME=value" strings. */
int proc_env_set(Kernel *k, Proc *p, const char *name, const char *value, bool overwrite);
const char *proc_env_get(const Proc *p, const char *name);

/* Copy argv into one kmem block (array then strings); E2BIG beyond 128 KiB. */
int proc_argv_copy(Kernel *k, char *const argv[], char ***out, int *argc);



/* Internal pieces shared by proc.c and spawn.c. */
void proc_hash_insert(Kernel *k, Proc *p);
void proc_link_child(Proc *parent, Proc *c);
/* Tell p's parent that p exited (exited true) or stopped or continued:
 * SIGCHLD (not for a stop or continue when the parent asked for
 * AX_SA_NOCLDSTOP) and a wake-up of its waitpid sleepers. */
void proc_notify_parent(Kernel *k, Proc *p, bool exited);
int proc_env_copy(Kernel *k, Proc *p, char *const envp[], const Proc *src);
int proc_env_unset(Kernel *k, Proc *p, const char *name);
void proc_env_release(Kernel *k, Proc *p);

/* Undo a half-built child: nothing of it is visible yet (spawn, vfork). */
void proc_discard(Kernel *k, Proc *c);

/* vfork child c no longer runs on its parent's stack (kernel/vfork.c):
 * the parent resumes below sp, the lowest address c's execution used. */
void vfork_handback(Kernel *k, Proc *c, void *sp);

/* Replace the current task's program (sys_exec). Returns only on error. */
int proc_exec(Kernel *k, const char *path, char *const argv[], char *const envp[]);
#endif
