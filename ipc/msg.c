/* SysV message queues (Linux's ipc/msg.c): msgget, msgsnd, msgrcv,
 * msgctl, and the listing ipcs reads.
 *
 * Queues live in a table indexed by msqid (ids count up and are never
 * reused, so a lookup tells a removed queue from one that never was: a
 * call that waited on a queue since removed fails with EIDRM, as on
 * Linux). A message is one kmem block; its bytes count against the
 * system memory limit, not a process's: a queue outlives its users. Both
 * waits restart from the top (sched_wait) and keep nothing meanwhile, so
 * a process killed in one leaves nothing behind. */
#include <string.h>

#include "ipc/ipc.h"
#include "ipc/ipc_state.h"
#include "kernel/account.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "syscall/handlers.h"

typedef struct Msg {
    struct Msg *next;
    long type;
    size_t len;
    char text[];
} Msg;

struct MsgQueue {
    MsqInfo info;   /* its mode and ids come from owner on the way out */
    IpcOwner owner;
    Msg *head, *tail;
    WaitQueue wait; /* senders waiting for room and receivers for messages */
};

/* The queue msqid, or NULL. */
static MsgQueue *msg_find(Kernel *k, int msqid) {
    MsgState *ms = &k->ipc->msg;
    if (msqid < 0 || (size_t)msqid >= ms->cap)
        return NULL;
    return ms->queues[msqid];
}

/* A lookup that failed: EIDRM for a call that waited on a queue that has
 * gone since, EINVAL otherwise. */
static int64_t msg_gone(Kernel *k) {
    return k->cur->retry ? -AX_EIDRM : -AX_EINVAL;
}

static void msg_free_queue(Kernel *k, MsgQueue *q) {
    while (q->head) {
        Msg *m = q->head;
        q->head = m->next;
        mem_uncharge(k, NULL, MEM_MSG, sizeof *m + m->len);
        kmem_free(k, m);
    }
    kmem_free(k, q);
}

void msg_fini(Kernel *k) {
    MsgState *ms = &k->ipc->msg;
    for (size_t i = 0; i < ms->cap; i++)
        if (ms->queues[i])
            msg_free_queue(k, ms->queues[i]);
    kmem_free(k, ms->queues);
}

int64_t ksys_msgget(Kernel *k, const SyscallArgs *a) {
    MsgState *ms = &k->ipc->msg;
    int key = ARG_INT(0), flags = ARG_INT(1);
    if (key != AX_IPC_PRIVATE)
        for (size_t i = 0; i < ms->cap; i++) {
            MsgQueue *q = ms->queues[i];
            if (q && q->info.key == key) {
                if ((flags & AX_IPC_CREAT) && (flags & AX_IPC_EXCL))
                    return -AX_EEXIST;
                int r = ipc_access(k, &q->owner, ipc_flag_want(flags));
                return r < 0 ? r : q->info.msqid;
            }
        }
    if (key != AX_IPC_PRIVATE && !(flags & AX_IPC_CREAT))
        return -AX_ENOENT;
    if (ms->count >= AX_MSGMNI)
        return -AX_ENOSPC;
    if (kmem_grow(k, &ms->queues, &ms->cap, sizeof *ms->queues, ms->next_id + 1, 16) < 0)
        return -AX_ENOMEM;
    MsgQueue *q = kmem_alloc(k, sizeof *q);
    if (!q)
        return -AX_ENOMEM;
    for (size_t i = ms->next_id; i < ms->cap; i++)
        ms->queues[i] = i == ms->next_id ? q : NULL;
    q->info.msqid = (int)ms->next_id++;
    q->info.key = key;
    cred_ipc_owner_init(&q->owner, &k->cur->cred, (uint32_t)flags);
    q->info.qbytes = AX_MSGMNB;
    q->info.creator_pid = k->cur->pid;
    q->info.ctime_ns = clock_now(k);
    ms->count++;
    return q->info.msqid;
}

int64_t ksys_msgsnd(Kernel *k, const SyscallArgs *a) {
    int msqid = ARG_INT(0), flags = ARG_INT(3);
    const MsgBuf *msgp = ARG_PTR(const MsgBuf *, 1);
    size_t n = ARG_SIZE(2);
    MsgQueue *q = msg_find(k, msqid);
    if (!q)
        return msg_gone(k);
    if (n > AX_MSGMAX)
        return -AX_EINVAL;
    if (!msgp)
        return -AX_EFAULT;
    long type = msgp->mtype;
    if (type < 1)
        return -AX_EINVAL;
    int r = ipc_access(k, &q->owner, AX_W_OK);
    if (r < 0)
        return r;
    MsqInfo *in = &q->info;
    if (n + in->cbytes > in->qbytes || 1 + in->qnum > in->qbytes) {
        if (flags & AX_IPC_NOWAIT)
            return -AX_EAGAIN;
        return sched_wait(k, &q->wait);
    }
    if (mem_charge(k, NULL, MEM_MSG, sizeof(Msg) + n) < 0)
        return -AX_ENOMEM;
    Msg *m = kmem_alloc(k, sizeof *m + n);
    if (!m) {
        mem_uncharge(k, NULL, MEM_MSG, sizeof(Msg) + n);
        return -AX_ENOMEM;
    }
    m->type = type;
    m->len = n;
    memcpy(m->text, msgp->mtext, n);
    if (q->tail)
        q->tail->next = m;
    else
        q->head = m;
    q->tail = m;
    in->cbytes += n;
    in->qnum++;
    in->lspid = k->cur->pid;
    in->stime_ns = clock_now(k);
    wq_wake_all(k, &q->wait);
    return 0;
}

/* The message msgrcv's msgtyp picks (and the one before it), or NULL. */
static Msg *msg_pick(MsgQueue *q, long typ, bool except, Msg **prev) {
    Msg *best = NULL, *best_prev = NULL, *p = NULL;
    for (Msg *m = q->head; m; p = m, m = m->next) {
        if (typ == 0 || (typ > 0 && (except ? m->type != typ : m->type == typ))) {
            best = m;
            best_prev = p;
            break;
        }
        /* negative: the lowest type <= -typ, the first of those */
        if (typ < 0 && m->type <= -typ && (!best || m->type < best->type)) {
            best = m;
            best_prev = p;
        }
    }
    *prev = best_prev;
    return best;
}

int64_t ksys_msgrcv(Kernel *k, const SyscallArgs *a) {
    int msqid = ARG_INT(0), flags = ARG_INT(4);
    MsgBuf *msgp = ARG_PTR(MsgBuf *, 1);
    int64_t n = ARG_I64(2);
    long typ = (long)ARG_I64(3);
    if (flags & AX_MSG_COPY)
        return -AX_ENOSYS;
    if (n < 0)
        return -AX_EINVAL;
    MsgQueue *q = msg_find(k, msqid);
    if (!q)
        return msg_gone(k);
    if (!msgp)
        return -AX_EFAULT;
    int r = ipc_access(k, &q->owner, AX_R_OK);
    if (r < 0)
        return r;
    Msg *prev, *m = msg_pick(q, typ, (flags & AX_MSG_EXCEPT) != 0, &prev);
    if (!m) {
        if (flags & AX_IPC_NOWAIT)
            return -AX_ENOMSG;
        return sched_wait(k, &q->wait);
    }
    size_t take = m->len;
    if (take > (size_t)n) {
        if (!(flags & AX_MSG_NOERROR))
            return -AX_E2BIG; /* it stays queued */
        take = (size_t)n;
    }
    msgp->mtype = m->type;
    memcpy(msgp->mtext, m->text, take);
    if (prev)
        prev->next = m->next;
    else
        q->head = m->next;
    if (q->tail == m)
        q->tail = prev;
    MsqInfo *in = &q->info;
    in->cbytes -= m->len;
    in->qnum--;
    in->lrpid = k->cur->pid;
    in->rtime_ns = clock_now(k);
    mem_uncharge(k, NULL, MEM_MSG, sizeof *m + m->len);
    kmem_free(k, m);
    wq_wake_all(k, &q->wait); /* room for senders */
    return (int64_t)take;
}

int64_t ksys_msgctl(Kernel *k, const SyscallArgs *a) {
    int msqid = ARG_INT(0), cmd = ARG_INT(1);
    MsqInfo *info = ARG_PTR(MsqInfo *, 2);
    MsgQueue *q = msg_find(k, msqid);
    if (!q)
        return -AX_EINVAL;
    int r = 0;
    if (cmd == AX_IPC_STAT)
        r = ipc_access(k, &q->owner, AX_R_OK);
    else if (cmd == AX_IPC_SET || cmd == AX_IPC_RMID)
        r = ipc_control(k, &q->owner);
    if (r < 0)
        return r;
    switch (cmd) {
    case AX_IPC_STAT:
        if (!info)
            return -AX_EFAULT;
        *info = q->info;
        IPC_OWNER_OUT(info, &q->owner);
        return 0;
    case AX_IPC_SET: {
        if (!info)
            return -AX_EFAULT;
        if (info->qbytes > AX_MSGMNB && !cred_capable(&k->cur->cred))
            return -AX_EPERM; /* raising past MSGMNB takes CAP_SYS_RESOURCE */
        if (info->qbytes == 0)
            return -AX_EINVAL;
        IpcOwner o = q->owner;
        if ((r = ipc_set_owner(&o, info->uid, info->gid, info->mode)) < 0)
            return r;
        q->owner = o;
        q->info.qbytes = info->qbytes;
        q->info.ctime_ns = clock_now(k);
        wq_wake_all(k, &q->wait); /* the room may have grown */
        return 0;
    }
    case AX_IPC_RMID:
        k->ipc->msg.queues[msqid] = NULL;
        k->ipc->msg.count--;
        wq_wake_all(k, &q->wait); /* they find it gone: EIDRM */
        msg_free_queue(k, q);
        return 0;
    default:
        return -AX_EINVAL;
    }
}

int64_t ksys_msg_list(Kernel *k, const SyscallArgs *a) {
    MsqInfo *out = ARG_PTR(MsqInfo *, 0);
    size_t count = ARG_SIZE(1);
    MsgState *ms = &k->ipc->msg;
    if (!out && count)
        return -AX_EFAULT;
    size_t n = 0;
    for (size_t i = 0; i < ms->cap; i++)
        if (ms->queues[i]) {
            if (n < count) {
                out[n] = ms->queues[i]->info;
                IPC_OWNER_OUT(&out[n], &ms->queues[i]->owner);
            }
            n++;
        }
    return (int64_t)n;
}
