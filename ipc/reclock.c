/* fcntl record locks (F_GETLK, F_SETLK, F_SETLKW), as Linux's
 * posix_lock_inode: byte ranges owned by a process. A process's own
 * locks never conflict with each other: a new one replaces what it held
 * on those bytes, splitting or trimming older ones, and merges with
 * neighbours of its type. The locks go when the process closes any fd on
 * the file (POSIX) or exits.
 *
 * F_SETLKW fails with EDEADLK when waiting would close a cycle: the
 * holder of the lock in the way waits for a lock whose holder waits ...
 * for one of ours. Like Linux it follows the first lock in the way at
 * each step, for at most LOCK_MAX_DEPTH steps. */
#include <stddef.h>

#include "ipc/lock.h"
#include "kernel/fd.h"
#include "kernel/sched.h"
#include "syscall/handlers.h"

#define LOCK_OFFSET_MAX INT64_MAX
#define LOCK_MAX_DEPTH 10 /* Linux's MAX_DEADLK_ITERATIONS */

/* The bytes a RecordLock names at o, as Linux's flock64_to_posix_lock:
 * l_whence picks the base (0, o's offset, the file's size), l_len 0 runs
 * to the end of the file and beyond, a negative l_len names the bytes
 * before l_start. Then the type. 0, or -AX_EINVAL / -AX_EOVERFLOW. */
static int reclock_range(Kernel *k, KObject *o, const RecordLock *rl, int64_t *start, int64_t *end) {
    int64_t base;
    switch (rl->l_whence) {
    case AX_SEEK_SET: base = 0; break;
    case AX_SEEK_CUR: base = o->offset; break;
    case AX_SEEK_END: {
        FileStat st;
        int r = obj_stat(k, o, &st);
        if (r < 0)
            return r;
        base = (int64_t)st.size;
        break;
    }
    default: return -AX_EINVAL;
    }
    if (rl->l_start > LOCK_OFFSET_MAX - base)
        return -AX_EOVERFLOW;
    int64_t s = base + rl->l_start, e;
    if (s < 0)
        return -AX_EINVAL;
    if (rl->l_len > 0) {
        if (rl->l_len - 1 > LOCK_OFFSET_MAX - s)
            return -AX_EOVERFLOW;
        e = s + (rl->l_len - 1);
    } else if (rl->l_len < 0) {
        if (s + rl->l_len < 0)
            return -AX_EINVAL;
        e = s - 1;
        s += rl->l_len;
    } else {
        e = LOCK_OFFSET_MAX;
    }
    if (rl->l_type != AX_F_RDLCK && rl->l_type != AX_F_WRLCK && rl->l_type != AX_F_UNLCK)
        return -AX_EINVAL;
    *start = s;
    *end = e;
    return 0;
}

static bool overlap(const FileLock *l, int64_t start, int64_t end) {
    return l->start <= end && start <= l->end;
}

/* The lock of another process in the way of owner taking type on
 * start..end: of those, the one that starts first (then the oldest). */
static FileLock *reclock_conflict(LockFile *lf, const Proc *owner, int type, int64_t start, int64_t end) {
    FileLock *best = NULL;
    for (FileLock *l = lf->records; l; l = l->next)
        if (l->owner != owner && overlap(l, start, end) && (type == AX_F_WRLCK || l->type == AX_F_WRLCK) &&
            (!best || l->start < best->start))
            best = l;
    return best;
}

/* The LockFile p is parked on in F_SETLKW, or NULL. Found from the
 * queue p is on, so nothing stale is ever followed (a waiter that a
 * signal took away is on no queue; lock_want is set by whoever parks on
 * a record_wait). */
static LockFile *reclock_waits_on(Kernel *k, const Proc *p) {
    for (LockFile *lf = k->ipc->lock.files; lf; lf = lf->next)
        if (p->wait.queue == &lf->record_wait)
            return lf;
    return NULL;
}

static bool reclock_deadlock(Kernel *k, const Proc *me, const FileLock *blocker) {
    for (int i = 0; i < LOCK_MAX_DEPTH && blocker; i++) {
        const Proc *o = blocker->owner;
        if (o == me)
            return true;
        LockFile *lf = reclock_waits_on(k, o);
        if (!lf)
            return false;
        blocker = reclock_conflict(lf, o, o->lock_want.type, o->lock_want.start, o->lock_want.end);
    }
    return false;
}

static void reclock_unlink(Kernel *k, LockFile *lf, FileLock *l) {
    for (FileLock **pp = &lf->records; *pp; pp = &(*pp)->next)
        if (*pp == l) {
            *pp = l->next;
            break;
        }
    l->owner->rec_locks--;
    lock_free(k, l);
}

static void reclock_link(LockFile *lf, FileLock *l) {
    FileLock **tail = &lf->records;
    while (*tail)
        tail = &(*tail)->next;
    l->next = NULL;
    *tail = l;
    l->owner->rec_locks++;
}

/* Put owner's type (F_UNLCK: none) on start..end, given the two spare
 * locks a change may need at most (the new lock, and the far piece of
 * one it splits); what is not used is freed. Nothing here can fail. */
static void reclock_apply(Kernel *k, LockFile *lf, Proc *owner, int type, int64_t start, int64_t end,
                          FileLock *spare[2]) {
    int used = 0;
    /* merge with its own locks of the same type it overlaps or touches */
    if (type != AX_F_UNLCK)
        for (FileLock *l = lf->records, *next; l; l = next) {
            next = l->next;
            bool touches = overlap(l, start, end) || (l->end < LOCK_OFFSET_MAX && l->end + 1 == start) ||
                           (end < LOCK_OFFSET_MAX && end + 1 == l->start);
            if (l->owner == owner && l->type == type && touches) {
                start = l->start < start ? l->start : start;
                end = l->end > end ? l->end : end;
                reclock_unlink(k, lf, l);
            }
        }
    /* cut the bytes out of its other locks */
    for (FileLock *l = lf->records, *next; l; l = next) {
        next = l->next;
        if (l->owner != owner || !overlap(l, start, end))
            continue;
        if (l->start < start && l->end > end) {
            FileLock *far = spare[used++];
            *far = *l;
            far->start = end + 1;
            l->end = start - 1;
            reclock_link(lf, far);
        } else if (l->start < start) {
            l->end = start - 1;
        } else if (l->end > end) {
            l->start = end + 1;
        } else {
            reclock_unlink(k, lf, l);
        }
    }
    if (type != AX_F_UNLCK) {
        FileLock *l = spare[used++];
        *l = (FileLock){.file = lf, .type = type, .owner = owner, .start = start, .end = end};
        reclock_link(lf, l);
    }
    for (; used < 2; used++)
        lock_free(k, spare[used]);
}

static int reclock_get(LockFile *lf, Proc *p, RecordLock *rl, int64_t start, int64_t end) {
    FileLock *l = lf ? reclock_conflict(lf, p, rl->l_type, start, end) : NULL;
    if (!l) {
        rl->l_type = AX_F_UNLCK;
        return 0;
    }
    rl->l_type = (int16_t)l->type;
    rl->l_whence = AX_SEEK_SET;
    rl->l_start = l->start;
    rl->l_len = l->end == LOCK_OFFSET_MAX ? 0 : l->end - l->start + 1;
    rl->l_pid = l->owner->pid;
    return 0;
}

int64_t ksys_fcntl_lock(Kernel *k, const SyscallArgs *a) {
    Proc *p = k->cur;
    KObject *o = fd_get(p, ARG_INT(0));
    int cmd = ARG_INT(1);
    RecordLock *rl = ARG_PTR(RecordLock *, 2);
    if (!o)
        return -AX_EBADF;
    if (cmd != AX_F_GETLK && cmd != AX_F_SETLK && cmd != AX_F_SETLKW)
        return -AX_EINVAL;
    if (!rl)
        return -AX_EFAULT;
    if (cmd == AX_F_GETLK && rl->l_type != AX_F_RDLCK && rl->l_type != AX_F_WRLCK)
        return -AX_EINVAL;
    int64_t start, end;
    int r = reclock_range(k, o, rl, &start, &end);
    if (r < 0)
        return r;
    if ((rl->l_type == AX_F_RDLCK && !obj_readable(o)) || (rl->l_type == AX_F_WRLCK && !obj_writable(o)))
        if (cmd != AX_F_GETLK)
            return -AX_EBADF;
    uint64_t dev, ino;
    if ((r = lock_key(k, o, &dev, &ino)) < 0)
        return r;
    LockFile *lf = lock_file_find(k, dev, ino);
    if (cmd == AX_F_GETLK)
        return reclock_get(lf, p, rl, start, end);
    int type = rl->l_type;
    if (type == AX_F_UNLCK && !lf)
        return 0;
    FileLock *in_way = lf && type != AX_F_UNLCK ? reclock_conflict(lf, p, type, start, end) : NULL;
    if (in_way) {
        if (cmd == AX_F_SETLK)
            return -AX_EAGAIN;
        if (reclock_deadlock(k, p, in_way))
            return -AX_EDEADLK;
        p->lock_want.type = (int16_t)type;
        p->lock_want.start = start;
        p->lock_want.end = end;
        return sched_wait(k, &lf->record_wait);
    }
    FileLock *spare[2] = {lock_alloc(k), lock_alloc(k)};
    if (!lf && spare[1])
        lf = lock_file_get(k, dev, ino);
    if (!spare[0] || !spare[1] || !lf) {
        for (int i = 0; i < 2; i++)
            if (spare[i])
                lock_free(k, spare[i]);
        return -AX_ENOLCK;
    }
    reclock_apply(k, lf, p, type, start, end, spare);
    lock_file_changed(k, lf);
    return 0;
}

/* Drop p's locks in lf; lf may be gone on return. */
static void reclock_drop(Kernel *k, LockFile *lf, const Proc *p) {
    bool any = false;
    for (FileLock *l = lf->records, *next; l; l = next) {
        next = l->next;
        if (l->owner == p) {
            reclock_unlink(k, lf, l);
            any = true;
        }
    }
    if (any)
        lock_file_changed(k, lf);
}

void reclock_fd_closed(Kernel *k, Proc *p, KObject *o) {
    uint64_t dev, ino;
    if (lock_key(k, o, &dev, &ino) < 0)
        return;
    LockFile *lf = lock_file_find(k, dev, ino);
    if (lf)
        reclock_drop(k, lf, p);
}

void reclock_release_all(Kernel *k, Proc *p) {
    for (LockFile *lf = k->ipc->lock.files, *next; lf && p->rec_locks; lf = next) {
        next = lf->next;
        reclock_drop(k, lf, p);
    }
}
