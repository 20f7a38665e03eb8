/* The Kernel and the Proc: all the state of one simulated machine.
 *
 * Nothing in axos is global: a Kernel holds it all, and many may live in
 * one host process. The only per-thread variable is the pointer to the
 * kernel the thread is running right now (like a CPU's current-process
 * register), which is how sys_dispatch finds its caller.
 *
 * Subsystems keep their state behind their own pointer (vfs, console, shm,
 * trace, window) and are set up by kernel_create in dependency order.
 */
#ifndef AXOS_KERNEL_KERNEL_H
#define AXOS_KERNEL_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "axos.h"
#include "kernel/cred.h"
#include "kernel/ctx.h"
#include "kernel/kmem.h"
#include "kernel/object.h"

typedef struct Proc Proc;

/* A session's member count (kernel/session.c). */
typedef struct Session {
    int sid;
    uint32_t nprocs; /* members, zombies included; freed at 0 */
} Session;


/* What a charge is for: the breakdown MemStats and SystemMemStats give. */
typedef enum MemKind {
    MEM_REGION,  /* private regions */
    MEM_SHM,     /* shm: attachments (process), segments (system) */
    MEM_HEAP,    /* process heap blocks */
    MEM_STACK,   /* task stacks */
    MEM_PIPE,    /* pipe buffers */
    MEM_FILE,    /* regular file data and its block tables */
    MEM_SOCK,    /* socket messages waiting in a queue (sender's) */
    MEM_MSG,     /* SysV messages (the system's: a queue outlives its users) */
    MEM_KINDS
} MemKind;


/* What one process (or what it left behind) is charged for. */
typedef struct MemAccount {
    uint64_t allocated;       /* bytes charged, every kind */
    uint64_t limit;           /* 0: unlimited */
    uint64_t peak;            /* highest `allocated` seen */
    uint64_t bytes[MEM_KINDS];
    uint64_t refs;            /* the process, and each holder of a charge */
} MemAccount;

/* What a process used (getrusage, times, wait4, /proc/PID/stat). A
 * Proc keeps two: its own, and the sum over the children it waited for
 * (each one's own plus its own waited-for children's), as Linux's
 * signal_struct keeps cutime/cstime. */
typedef struct ProcUsage {
    uint64_t utime_ns;  /* CPU time in its own code (AX_CLOCK_HOST; 0 under
                           the virtual clock, where running takes no time) */
    uint64_t stime_ns;  /* CPU time inside kernel calls (likewise) */
    uint64_t nvcsw;     /* switches away to wait: blocked or stopped */
    uint64_t nivcsw;    /* switches away still runnable: yield, the host's turn */
    uint64_t maxrss;    /* bytes: the peak of its MemAccount; for the
                           children, the largest child's (Linux's cmaxrss) */
} ProcUsage;

typedef struct WaitQueue WaitQueue;
typedef struct WaitEntry WaitEntry;

/* One waiter on one wait queue, as Linux's wait_queue_entry. A task
 * parked by an ordinary blocking call waits through the entry in its Proc
 * (Proc.wait, wake NULL): a wake-up takes that entry off the queue and
 * makes the task ready. poll, select and epoll park one waiter on many
 * queues with entries of their own (kernel/poll.h): a wake-up calls their
 * wake function and leaves them where they are, so that a waiter on many
 * queues is woken once and an epoll keeps watching. */
struct WaitEntry {
    WaitEntry *next, *prev;
    WaitQueue *queue;   /* the queue it is on; NULL when on none */
    Proc *proc;         /* the task it stands for */
    void (*wake)(Kernel *k, WaitEntry *e); /* NULL: make proc ready */
};

/* What a call that waits in place (sched_wait_here) must put back if its
 * task is killed there, never to run again: a FIFO open counts itself as
 * a reader while it waits for a writer, a spawn holds the child it is
 * building. The record lives on the task's stack, pushed before the wait
 * and popped after (proc_undo_push / proc_undo_pop); proc_exit runs what
 * is left, newest first, while that stack still exists. */
typedef struct WaitUndo WaitUndo;
struct WaitUndo {
    WaitUndo *next;
    void (*fn)(Kernel *k, WaitUndo *u);
};

/* Waiters parked until something happens, in the order they came. */
struct WaitQueue {
    WaitEntry *head, *tail;
};

/* A point on the kernel clock at which fire() runs. Embedded in its owner
 * (a timer object, a sleeping Proc), so arming allocates nothing but the
 * heap array's growth. Timers due at the same instant fire in arm order.
 *
 * A periodic timer may say, through inert(), that its next expiry would
 * change nothing anyone can see (nobody waits on it, no signal it raises
 * would act). The idle loop then lets the clock run past it to the next
 * timer that matters, and fire() counts every expiry it passed at once
 * (an overrun count, as timerfd and timer_getoverrun keep): so a timer of
 * 1 ns costs one firing per clock jump, not one per nanosecond. */
typedef struct KTimer {
    uint64_t deadline;  /* kernel ns */
    uint64_t seq;       /* arm order: the tie-break */
    size_t heap_index;  /* KTIMER_UNARMED when not in the heap */
    void (*fire)(Kernel *k, struct KTimer *t);
    bool (*inert)(Kernel *k, const struct KTimer *t); /* NULL: never inert */
} KTimer;
#define KTIMER_UNARMED ((size_t)-1)

typedef struct FdTable {
    KObject **obj;   /* obj[fd], NULL when free */
    uint8_t *cloexec;
    int cap;         /* slots allocated, grows to AX_OPEN_MAX */
    int used;
} FdTable;

typedef struct SigState {
    /* [AX_NSIG], from kmem; NULL while every action is the default, as
     * for most processes (the table is 1.5 KiB, 60% of a Proc, and task
     * creation pays for every page it touches): read through sig_action,
     * write through sig_action_own (signal/signal.h) */
    SigAction *action;
    SigSet blocked;
    SigSet pending;
    SigSet saved;      /* the mask a ppoll, pselect or epoll_pwait replaced */
    bool restore;      /* put `saved` back once the signals it let through
                          are delivered (Linux's TIF_RESTORE_SIGMASK) */
    SigSet waiting;    /* a sigtimedwait in progress waits for these */
} SigState;

typedef enum ProcState {
    PROC_READY,    /* on the run queue */
    PROC_RUNNING,  /* k->cur */
    PROC_BLOCKED,  /* parked on a wait queue */
    PROC_STOPPED,  /* SIGSTOP / SIGTSTP / SIGTTIN / SIGTTOU */
    PROC_ZOMBIE,   /* exited, waiting to be reaped */
} ProcState;

/* Proc.report: state changes waitpid has not reported yet */
#define PROC_REPORT_STOPPED 0x1
#define PROC_REPORT_CONTINUED 0x2

struct Proc {
    int pid;
    ProcState state;
    int pgid, sid;
    Session *session;          /* sid's member count; NULL for init */
    Proc *parent;
    Proc *children, *children_tail; /* oldest first, as Linux lists them */
    Proc *sib_next, *sib_prev;
    Proc *hash_next;           /* pid hash chain */
    int exit_status;           /* wait status (AX_W* encoding) once zombie */
    unsigned report;           /* PROC_REPORT_* */
    int stop_sig;
    bool host_child;           /* from kernel_spawn: init keeps it for kernel_wait */
    bool autoreap;             /* freed as soon as it is a zombie: init's orphan, or a
                                  child of a parent that ignores SIGCHLD */
    bool stop_pending_wake;    /* woken from a wait by a stop: re-park after SIGCONT */

    /* the task */
    Context ctx;
    void *stack;               /* mapping base, guard page included */
    size_t stack_map_size;
    bool stack_canary;         /* no guard page: a canary at its base instead */
    unsigned stack_vg_id;      /* the stack's valgrind registration (kernel/stack.c) */
    ProgramMain main;
    int argc;
    char **argv;               /* one kmem block: pointers, then strings */
    Proc *q_next, *q_prev;     /* run queue links */
    WaitEntry wait;            /* its entry on the queue it is parked on
                                  (wait.queue: that queue, or NULL) */
    struct PollWaiter *polls;  /* a poll, select or epoll_wait parked on
                                  many queues (kernel/poll.h), or NULL */
    struct WaitUndo *undo;     /* what calls parked in place must put back
                                  if the task dies there (see WaitUndo) */
    struct SemUndo *sem_undo;  /* ipc/sem.c: SEM_UNDO adjustments, applied at exit */
    unsigned sem_wait_num;     /* a semop waiting: the semaphore it waits on */
    bool sem_wait_zero;        /* ... to be zero (else to grow) */
    uint32_t rec_locks;        /* ipc/reclock.c: fcntl record locks it holds, on any file */
    struct {                   /* an F_SETLKW waiting: the lock it wants (deadlock detection) */
        int16_t type;
        int64_t start, end;
    } lock_want;
    bool interrupted;          /* woken by a signal */
    bool retry;                /* the handler runs again after a wait (false between calls) */
    bool no_restart;           /* SA_RESTART may not start this call over (a
                                  socket wait with a timeout, as Linux) */
    bool timed_out;            /* a read's VTIME timer (sleep_timer) fired */
    uint64_t io_done;          /* bytes moved so far by a call that waited midway (0 between calls) */
    unsigned sys_no;           /* the call in progress: its counters get the time it waits */
    uint64_t sys_start;        /* when that call started: kept while tracing, for its event */
    KTimer sleep_timer;
    WaitQueue sleep_wait;
    WaitQueue child_wait;      /* waitpid sleepers of this process */

    /* resources */
    Cred cred;                 /* kernel/cred.h: uids, gids, groups */
    FdTable fds;
    struct VNode *cwd;         /* vfs/: a referenced directory node */
    struct VNode *exe;         /* vfs/: the program node it runs (referenced), or NULL */
    struct VNode *proc_dir;    /* vfs/procfs.c: its /proc/PID once looked up, or NULL */
    uint32_t umask;            /* file mode creation mask (sys_umask) */
    char **env;                /* kmem strings "NAME=value" */
    size_t env_count, env_cap;
    SigState sig;
    struct ProcMem *mem;       /* mem/: regions and attachments */
    MemAccount *acct;          /* kernel/account.c: what the process is charged for; held
                                  from spawn until its task is freed */
    struct HeapBlock *heap;    /* mem/heap.c: the process heap */
    uint64_t heap_blocks;
    /* vfork (kernel/vfork.c): the child runs on its parent's stack, in its
     * parent's image, until it execs or ends; the parent waits, suspended,
     * and then resumes through vfork_resume(child pid) on a fresh context. */
    Proc *vfork_parent;        /* child: whose stack it borrows */
    Proc *vfork_child;         /* parent: who borrows its stack */
    void (*vfork_resume)(int pid);
    int vfork_resume_pid;
    struct LoaderImage *image; /* loader/: this process's copy of a loaded
                                  program; NULL for built-in programs */
    void *user_slot;           /* sys_tls() */
    void (*exit_hook)(void);   /* sys_set_exit_hook() */

    uint64_t start_ns;
    ProcUsage ru;              /* its own usage (kernel/usage.c), kept across exec */
    ProcUsage cru;             /* the children it waited for: theirs, summed */
    char name[64];
};

/* Per-syscall bookkeeping the dispatcher keeps in the Kernel. */
/* The process groups an exit may leave orphaned (kernel/pgrp.c): noted
 * as the process exits, checked once it is out of the way. */
#define EXIT_GROUPS_MAX 16
typedef struct ExitGroups {
    int sid;                    /* the exiting process's session */
    int own_pgid;               /* its group (its children's others count) */
    int pgid[EXIT_GROUPS_MAX];
    size_t n;
    bool overflow;              /* more than fit: look at init's children */
} ExitGroups;

/* Kernel.work: what a syscall's exit or a switch must do beyond its
 * usual course, one bit each, so that each tests one word for all of it
 * (as Linux's syscall_work flags do). The bits are the state itself, not
 * copies: trace_enabled reads KWORK_TRACE, sched_request_host sets
 * KWORK_HOST_TURN; the other two follow the config, fixed at creation. */
enum {
    KWORK_TRACE = 1u << 0,      /* trace events are recorded (trace_set_enabled) */
    KWORK_HOST_CLOCK = 1u << 1, /* AX_CLOCK_HOST: the host gets a turn every 1024
                                   calls; a call's start and end and a switch
                                   charge the task's CPU time (sched_charge) */
    KWORK_HOST_TURN = 1u << 2,  /* the next switch goes to the host context */
    KWORK_RANDOM = 1u << 3,     /* AX_SCHED_RANDOM: the seed picks the next task */
    KWORK_INTERRUPT = 1u << 4,  /* kernel_interrupt: the host wants control back
                                   at the next syscall (a host signal) */
    KWORK_FAULT = 1u << 5,      /* the fault plan has rules (sim/): syscalls and
                                   kernel allocations consult it */
};
/* The bits a syscall's entry and exit look at, and those a switch does. */
#define KWORK_SYSCALL (KWORK_TRACE | KWORK_HOST_CLOCK | KWORK_INTERRUPT)
/* The bits a syscall's entry looks at: any sends it the slow way. */
#define KWORK_ENTRY (KWORK_TRACE | KWORK_FAULT | KWORK_HOST_CLOCK)
#define KWORK_SWITCH (KWORK_TRACE | KWORK_HOST_CLOCK | KWORK_HOST_TURN | KWORK_RANDOM)

struct Kernel {
    KernelConfig cfg;

    /* processes */
    Proc *init;
    Proc *cur;                 /* the running task, NULL in the host context */
    Proc **pid_hash;
    size_t pid_hash_cap;       /* power of two */
    int next_pid;
    uint64_t nprocs, ntasks;
    uint64_t nstopped;         /* processes in PROC_STOPPED */

    /* scheduler */
    Proc *rq_head, *rq_tail;
    Context host_ctx;
    Proc *dead;                /* exited task whose stack waits to be freed; or a
                                  vfork child that just exec'd (vfork.c) */
    Context vfork_leave;       /* where that child left its parent's stack */
    ExitGroups dead_groups;    /* its exit's hang-up candidates */
    unsigned reap_hold;        /* >0: walks of the pid table in progress */
    bool reap_deferred;        /* an orphan died during such a walk */
    /* task stacks (kernel/stack.c) */
    struct StackSlab *slabs;   /* host mappings of stacks, unmapped when idle and empty */
    size_t nslabs, slabs_cap;
    size_t slab_next;          /* stacks in the next slab */
    size_t nstacks;            /* in all slabs */
    uintptr_t *stack_free;     /* free stacks (address | flags), room for all */
    size_t stack_free_len, stack_free_cap;
    size_t stack_cold_len;     /* [0, this) gave their pages back at the last trim */
    int stack_guard;           /* STACK_GUARD_*: the best kind the host still gives */
    size_t guarded_stacks, guarded_max; /* mprotect-guarded stacks, their budget */
    size_t stack_size;         /* usable bytes per stack */
    uint64_t sched_rng;
    unsigned work;             /* KWORK_* bits: the hot paths' unusual cases */
    uint64_t run_start;        /* host ns of the last CPU-time mark (AX_CLOCK_HOST): a
                                  switch, a call's start or end (sched_charge) */
    uint64_t cpu_user_ns, cpu_sys_ns; /* every task's CPU time, since boot (/proc/stat) */
    int host_wait_pid;         /* kernel_wait's pid */
    unsigned switches_since_host; /* syscalls since the host's last turn */
    volatile int interrupted;     /* kernel_interrupt came: kernel_run returns */

    /* the disk (disk/): the backing store sync and fsync write to, NULL
     * without one; its hooks keep the rooms that call them free of it */
    struct Disk *disk;
    int (*disk_sync)(Kernel *k);   /* write the changes out: 0 or -AX_EIO */
    void (*disk_close)(Kernel *k); /* a last sync, then let go */

    /* time */
    uint64_t now;              /* kernel ns */
    uint64_t host_base_ns;     /* host monotonic at boot (AX_CLOCK_HOST) */
    KTimer **timers;           /* binary min-heap on (deadline, seq) */
    size_t ntimers, timers_cap;
    uint64_t timer_seq;

    /* counters (always on) and the determinism digest */
    TraceSummary stats;
    uint64_t digest;
    uint64_t nobjects, nfds, nregions;
    KObject *obj_cache;        /* freed objects for obj_new, linked through priv */
    unsigned obj_cached;       /* how many (at most OBJ_CACHE_MAX) */
    uint64_t mem_total;        /* kernel/account.c: every charge, each shm segment once */
    uint64_t mem_bytes[MEM_KINDS];
    uint64_t next_anon_ino;    /* inode numbers of pipes, timers... */

    Cred session_cred;         /* who kernel_spawn's processes are (KernelConfig.session) */

    /* subsystems */
    struct Vfs *vfs;
    struct Console *console;
    struct ShmState *shm;
    struct TraceState *trace;
    struct WindowState *win;
    struct IpcState *ipc;      /* ipc/: socket names, SysV IPC */
    struct SimState *sim;      /* sim/: fault plan, assertions; NULL until first used */
    struct LoaderState *loader; /* loader/: NULL until a program is loaded */
};

static inline void proc_undo_push(Proc *p, WaitUndo *u) {
    u->next = p->undo;
    p->undo = u;
}
static inline void proc_undo_pop(Proc *p, WaitUndo *u) {
    p->undo = u->next;
}

/* Set or clear Kernel.work bits. Atomic: kernel_interrupt sets one from a
 * host signal handler, which may come in the middle of any other change. */
static inline void kernel_work_set(Kernel *k, unsigned bits) {
    __atomic_fetch_or(&k->work, bits, __ATOMIC_RELAXED);
}
static inline void kernel_work_clear(Kernel *k, unsigned bits) {
    __atomic_fetch_and(&k->work, ~bits, __ATOMIC_RELAXED);
}

/* The kernel this host thread is running, or NULL. */
extern _Thread_local Kernel *kernel_current __attribute__((tls_model("initial-exec")));

/* pid table */
Proc *proc_find(Kernel *k, int pid);

/* Digest: fold one event's 64-bit word into the determinism digest, the
 * way FNV-1a folds a byte: xor, then multiply by the 64-bit FNV prime.
 * Each fold is a bijection of the digest and injective in the word, so
 * changing any single event always changes the digest. It runs on every
 * syscall and switch, so it is kept to those two steps; the mixing that
 * spreads low bits upward is done once, when the digest is read
 * (kernel_digest_value). */
static inline void kernel_digest_mix(Kernel *k, uint64_t v) {
    k->digest = (k->digest ^ v) * 0x100000001b3ULL;
}

/* The digest as programs and the host see it: every bit of the state
 * spread over the whole word (the finalizer of MurmurHash3's 64-bit mix,
 * itself a bijection). */
static inline uint64_t kernel_digest_value(const Kernel *k) {
    uint64_t h = k->digest;
    h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;
    h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

#endif
