/* SysV semaphores (Linux's ipc/sem.c): semget, semop/semtimedop,
 * semctl, the listing ipcs reads, and SEM_UNDO at exit.
 *
 * A semop is all or nothing: its operations are tried on a copy of the
 * values, and only when every one can go are they applied. One that must
 * wait parks on the set and is tried again from the top at every change
 * (sched_wait), keeping nothing but what it waits for in its Proc (for
 * GETNCNT and GETZCNT), so a kill leaves nothing behind.
 *
 * SEM_UNDO keeps, per process and set, the sum of the opposite of what
 * the process did (Linux's semadj); proc_exit applies it (ipc_proc_exit),
 * whatever way the process dies, keeping each value within 0..SEMVMX as
 * Linux does. SETVAL and SETALL clear the adjustments they override. */
#include <string.h>

#include "ipc/ipc.h"
#include "ipc/ipc_state.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "syscall/handlers.h"

#define SEMAEM AX_SEMVMX /* the largest undo adjustment */

typedef struct Sem {
    int val;
    int pid;  /* the last process to change it */
} Sem;

struct SemSet {
    SemInfo info;   /* its mode and ids come from owner on the way out */
    IpcOwner owner;
    Sem *sems;
    WaitQueue wait;
};

/* One process's adjustments for one set. */
struct SemUndo {
    SemUndo *next;      /* the process's list */
    SemUndo *all_next, *all_prev; /* every undo (SETVAL clears them) */
    int semid;
    int pid;
    int16_t adj[];      /* info.nsems of them */
};

static SemSet *sem_find(Kernel *k, int semid) {
    SemState *ss = &k->ipc->sem;
    if (semid < 0 || (size_t)semid >= ss->cap)
        return NULL;
    return ss->sets[semid];
}

static void undo_unlink_all(SemState *ss, SemUndo *u) {
    if (u->all_prev)
        u->all_prev->all_next = u->all_next;
    else
        ss->undos = u->all_next;
    if (u->all_next)
        u->all_next->all_prev = u->all_prev;
}

static void sem_free_set(Kernel *k, SemSet *s) {
    k->ipc->sem.total -= s->info.nsems;
    kmem_free(k, s->sems);
    kmem_free(k, s);
}

void sem_fini(Kernel *k) {
    SemState *ss = &k->ipc->sem;
    for (size_t i = 0; i < ss->cap; i++)
        if (ss->sets[i])
            sem_free_set(k, ss->sets[i]);
    kmem_free(k, ss->sets);
}

int64_t ksys_semget(Kernel *k, const SyscallArgs *a) {
    SemState *ss = &k->ipc->sem;
    int key = ARG_INT(0), nsems = ARG_INT(1), flags = ARG_INT(2);
    if (nsems < 0 || nsems > AX_SEMMSL)
        return -AX_EINVAL;
    if (key != AX_IPC_PRIVATE)
        for (size_t i = 0; i < ss->cap; i++) {
            SemSet *s = ss->sets[i];
            if (s && s->info.key == key) {
                if ((flags & AX_IPC_CREAT) && (flags & AX_IPC_EXCL))
                    return -AX_EEXIST;
                if ((uint32_t)nsems > s->info.nsems)
                    return -AX_EINVAL;
                int r = ipc_access(k, &s->owner, ipc_flag_want(flags));
                return r < 0 ? r : s->info.semid;
            }
        }
    if (key != AX_IPC_PRIVATE && !(flags & AX_IPC_CREAT))
        return -AX_ENOENT;
    if (nsems == 0)
        return -AX_EINVAL;
    if (ss->count >= AX_SEMMNI || ss->total + (uint64_t)nsems > AX_SEMMNS)
        return -AX_ENOSPC;
    if (kmem_grow(k, &ss->sets, &ss->cap, sizeof *ss->sets, ss->next_id + 1, 16) < 0)
        return -AX_ENOMEM;
    SemSet *s = kmem_alloc(k, sizeof *s);
    Sem *sems = s ? kmem_alloc(k, (size_t)nsems * sizeof *sems) : NULL;
    if (!sems) {
        kmem_free(k, s);
        return -AX_ENOMEM;
    }
    for (size_t i = ss->next_id; i < ss->cap; i++)
        ss->sets[i] = i == ss->next_id ? s : NULL;
    s->sems = sems;
    s->info.semid = (int)ss->next_id++;
    s->info.key = key;
    cred_ipc_owner_init(&s->owner, &k->cur->cred, (uint32_t)flags);
    s->info.nsems = (uint32_t)nsems;
    s->info.creator_pid = k->cur->pid;
    s->info.ctime_ns = clock_now(k);
    ss->count++;
    ss->total += (uint64_t)nsems;
    return s->info.semid;
}

/* ---- semop ---- */

static SemUndo *undo_find(Proc *p, int semid) {
    for (SemUndo *u = p->sem_undo; u; u = u->next)
        if (u->semid == semid)
            return u;
    return NULL;
}

/* p's undo record for set s, made when missing; NULL when memory runs
 * out. */
static SemUndo *undo_get(Kernel *k, Proc *p, const SemSet *s) {
    SemUndo *u = undo_find(p, s->info.semid);
    if (u)
        return u;
    u = kmem_alloc(k, sizeof *u + s->info.nsems * sizeof u->adj[0]);
    if (!u)
        return NULL;
    SemState *ss = &k->ipc->sem;
    u->semid = s->info.semid;
    u->pid = p->pid;
    u->next = p->sem_undo;
    p->sem_undo = u;
    u->all_next = ss->undos;
    if (ss->undos)
        ss->undos->all_prev = u;
    ss->undos = u;
    return u;
}

/* Try the operations on a copy: 0 when all can be done (vals holds the
 * result), 1 when one must wait (*blocker set), or -AX_EAGAIN / -AX_ERANGE. */
static int sem_try(const SemSet *s, const SemBuf *sops, size_t n, int *vals, const SemUndo *u,
                   int16_t *adj, const SemBuf **blocker) {
    for (uint32_t i = 0; i < s->info.nsems; i++) {
        vals[i] = s->sems[i].val;
        adj[i] = u ? u->adj[i] : 0;
    }
    for (size_t i = 0; i < n; i++) {
        const SemBuf *op = &sops[i];
        int v = vals[op->sem_num] + op->sem_op;
        if (op->sem_op < 0 ? v < 0 : op->sem_op == 0 && vals[op->sem_num] != 0) {
            *blocker = op;
            return (op->sem_flg & AX_IPC_NOWAIT) ? -AX_EAGAIN : 1;
        }
        if (v > AX_SEMVMX)
            return -AX_ERANGE;
        if (op->sem_flg & AX_SEM_UNDO) {
            int na = adj[op->sem_num] - op->sem_op;
            if (na < -SEMAEM || na > SEMAEM)
                return -AX_ERANGE;
            adj[op->sem_num] = (int16_t)na;
        }
        vals[op->sem_num] = v;
    }
    return 0;
}

int64_t ksys_semtimedop(Kernel *k, const SyscallArgs *a) {
    int semid = ARG_INT(0);
    const SemBuf *sops = ARG_PTR(const SemBuf *, 1);
    size_t n = ARG_SIZE(2);
    const int64_t *timeout = ARG_PTR(const int64_t *, 3);
    Proc *p = k->cur;
    if (n < 1 || semid < 0)
        return -AX_EINVAL;
    if (n > AX_SEMOPM)
        return -AX_E2BIG;
    if (!sops)
        return -AX_EFAULT;
    if (timeout && *timeout < 0)
        return -AX_EINVAL;
    bool undo = false, alter = false;
    unsigned max = 0;
    for (size_t i = 0; i < n; i++) {
        if (sops[i].sem_num > max)
            max = sops[i].sem_num;
        undo |= (sops[i].sem_flg & AX_SEM_UNDO) != 0;
        alter |= sops[i].sem_op != 0;
    }
    SemSet *s = sem_find(k, semid);
    if (!s)
        return p->retry ? -AX_EIDRM : -AX_EINVAL;
    if (max >= s->info.nsems)
        return -AX_EFBIG;
    int pr = ipc_access(k, &s->owner, alter ? AX_W_OK : AX_R_OK);
    if (pr < 0)
        return pr;
    int vals_stack[64];
    int16_t adj_stack[64];
    int *vals = vals_stack;
    int16_t *adj = adj_stack;
    if (s->info.nsems > 64) {
        vals = kmem_alloc(k, s->info.nsems * sizeof *vals);
        adj = vals ? kmem_alloc(k, s->info.nsems * sizeof *adj) : NULL;
        if (!adj) {
            kmem_free(k, vals);
            return -AX_ENOMEM;
        }
    }
    /* the undo record first: after the values change nothing may fail */
    SemUndo *u = undo ? undo_get(k, p, s) : undo_find(p, semid);
    const SemBuf *blocker = NULL;
    int64_t r = undo && !u ? -AX_ENOMEM : sem_try(s, sops, n, vals, u, adj, &blocker);
    if (r == 0) {
        for (size_t i = 0; i < n; i++)
            s->sems[sops[i].sem_num].pid = p->pid;
        for (uint32_t i = 0; i < s->info.nsems; i++) {
            s->sems[i].val = vals[i];
            if (u)
                u->adj[i] = adj[i];
        }
        s->info.otime_ns = clock_now(k);
        wq_wake_all(k, &s->wait);
    } else if (r == 1) { /* wait: for the timeout, if any, from the first try */
        if (timeout && *timeout == 0) {
            r = -AX_EAGAIN;
        } else if (timeout && p->retry && p->timed_out) {
            r = -AX_EAGAIN;
        } else if (timeout && !p->retry && sched_timeout_arm(k, poll_deadline(k, (uint64_t)*timeout)) < 0) {
            r = -AX_ENOMEM;
        } else {
            p->sem_wait_num = blocker->sem_num;
            p->sem_wait_zero = blocker->sem_op == 0;
            r = sched_wait(k, &s->wait);
        }
    }
    if (r != -KERR_BLOCK && ktimer_armed(&p->sleep_timer) && timeout)
        ktimer_disarm(k, &p->sleep_timer);
    if (vals != vals_stack) {
        kmem_free(k, vals);
        kmem_free(k, adj);
    }
    return r;
}

/* How many wait on semaphore num of s: to grow (ncnt) or to be zero. */
static int sem_waiters(const SemSet *s, unsigned num, bool zero) {
    int n = 0;
    for (WaitEntry *e = s->wait.head; e; e = e->next)
        if (e->proc && e->proc->sem_wait_num == num && e->proc->sem_wait_zero == zero)
            n++;
    return n;
}

/* SETVAL / SETALL override the adjustments of semaphore num (-1: all). */
static void sem_clear_undos(Kernel *k, int semid, int num) {
    for (SemUndo *u = k->ipc->sem.undos; u; u = u->all_next)
        if (u->semid == semid) {
            SemSet *s = sem_find(k, semid);
            for (uint32_t i = 0; i < s->info.nsems; i++)
                if (num < 0 || (uint32_t)num == i)
                    u->adj[i] = 0;
        }
}

int64_t ksys_semctl(Kernel *k, const SyscallArgs *a) {
    int semid = ARG_INT(0), num = ARG_INT(1), cmd = ARG_INT(2);
    uint64_t arg = ARG_U64(3);
    if (cmd == AX_SETVAL && ((int)(int64_t)arg < 0 || (int)(int64_t)arg > AX_SEMVMX))
        return -AX_ERANGE; /* Linux checks the value first */
    SemSet *s = sem_find(k, semid);
    if (!s)
        return -AX_EINVAL;
    int r = 0;
    if (cmd == AX_IPC_SET || cmd == AX_IPC_RMID)
        r = ipc_control(k, &s->owner);
    else if (cmd != AX_SETVAL) /* SETVAL: after the semnum check, as Linux */
        r = ipc_access(k, &s->owner, cmd == AX_SETALL ? AX_W_OK : AX_R_OK);
    if (r < 0)
        return r;
    bool one = cmd == AX_GETVAL || cmd == AX_SETVAL || cmd == AX_GETPID || cmd == AX_GETNCNT ||
               cmd == AX_GETZCNT;
    if (one && (num < 0 || (uint32_t)num >= s->info.nsems))
        return -AX_EINVAL;
    if (cmd == AX_SETVAL && (r = ipc_access(k, &s->owner, AX_W_OK)) < 0)
        return r;
    uint16_t *arr = (uint16_t *)(uintptr_t)arg;
    SemInfo *info = (SemInfo *)(uintptr_t)arg;
    switch (cmd) {
    case AX_GETVAL: return s->sems[num].val;
    case AX_GETPID: return s->sems[num].pid;
    case AX_GETNCNT: return sem_waiters(s, (unsigned)num, false);
    case AX_GETZCNT: return sem_waiters(s, (unsigned)num, true);
    case AX_SETVAL: {
        int v = (int)(int64_t)arg;
        if (v < 0 || v > AX_SEMVMX)
            return -AX_ERANGE;
        s->sems[num].val = v;
        s->sems[num].pid = k->cur->pid;
        sem_clear_undos(k, semid, num);
        break;
    }
    case AX_GETALL:
        if (!arr)
            return -AX_EFAULT;
        for (uint32_t i = 0; i < s->info.nsems; i++)
            arr[i] = (uint16_t)s->sems[i].val;
        return 0;
    case AX_SETALL:
        if (!arr)
            return -AX_EFAULT;
        for (uint32_t i = 0; i < s->info.nsems; i++)
            if (arr[i] > AX_SEMVMX)
                return -AX_ERANGE;
        for (uint32_t i = 0; i < s->info.nsems; i++) {
            s->sems[i].val = arr[i];
            s->sems[i].pid = k->cur->pid;
        }
        sem_clear_undos(k, semid, -1);
        break;
    case AX_IPC_STAT:
        if (!info)
            return -AX_EFAULT;
        *info = s->info;
        IPC_OWNER_OUT(info, &s->owner);
        return 0;
    case AX_IPC_SET:
        if (!info)
            return -AX_EFAULT;
        if ((r = ipc_set_owner(&s->owner, info->uid, info->gid, info->mode)) < 0)
            return r;
        break;
    case AX_IPC_RMID:
        k->ipc->sem.sets[semid] = NULL;
        k->ipc->sem.count--;
        wq_wake_all(k, &s->wait); /* they find it gone: EIDRM */
        sem_free_set(k, s); /* undo records for it are dropped as they are met */
        return 0;
    default:
        return -AX_EINVAL;
    }
    s->info.ctime_ns = clock_now(k);
    wq_wake_all(k, &s->wait);
    return 0;
}

int64_t ksys_sem_list(Kernel *k, const SyscallArgs *a) {
    SemInfo *out = ARG_PTR(SemInfo *, 0);
    size_t count = ARG_SIZE(1);
    SemState *ss = &k->ipc->sem;
    if (!out && count)
        return -AX_EFAULT;
    size_t n = 0;
    for (size_t i = 0; i < ss->cap; i++)
        if (ss->sets[i]) {
            if (n < count) {
                out[n] = ss->sets[i]->info;
                IPC_OWNER_OUT(&out[n], &ss->sets[i]->owner);
            }
            n++;
        }
    return (int64_t)n;
}

/* ---- exit ---- */

void sem_proc_exit(Kernel *k, Proc *p) {
    SemState *ss = &k->ipc->sem;
    while (p->sem_undo) {
        SemUndo *u = p->sem_undo;
        p->sem_undo = u->next;
        SemSet *s = sem_find(k, u->semid); /* gone: ids are never reused */
        if (s) {
            for (uint32_t i = 0; i < s->info.nsems; i++) {
                if (!u->adj[i])
                    continue;
                int v = s->sems[i].val + u->adj[i];
                s->sems[i].val = v < 0 ? 0 : v > AX_SEMVMX ? AX_SEMVMX : v;
                s->sems[i].pid = p->pid;
            }
            s->info.otime_ns = clock_now(k);
            wq_wake_all(k, &s->wait);
        }
        undo_unlink_all(ss, u);
        kmem_free(k, u);
    }
}
