/* flock(2) as Linux's flock_lock_inode: a shared or exclusive lock on a
 * whole file, held by the open file description (so dup'd and inherited
 * fds share it, and it goes with the description's last reference). A
 * conversion is not atomic: the old lock goes first, and stays gone if the
 * new one cannot be had, as on Linux. */
#include <stddef.h>

#include "ipc/lock.h"
#include "kernel/fd.h"
#include "kernel/sched.h"
#include "syscall/handlers.h"

/* l goes (its watch is already off the object's list). */
static void flock_unlink(Kernel *k, FileLock *l) {
    LockFile *lf = l->file;
    for (FileLock **pp = &lf->flocks; *pp; pp = &(*pp)->next)
        if (*pp == l) {
            *pp = l->next;
            break;
        }
    lock_free(k, l);
    lock_file_changed(k, lf);
}

/* The description's last reference went: its lock goes with it. */
static void flock_gone(Kernel *k, ObjWatch *w) {
    FileLock *l = (FileLock *)((char *)w - offsetof(FileLock, watch));
    flock_unlink(k, l);
}

/* l goes while its description lives on. */
static void flock_drop(Kernel *k, FileLock *l) {
    obj_unwatch(l->obj, &l->watch);
    flock_unlink(k, l);
}

static bool flock_conflict(const LockFile *lf, const KObject *o, int type) {
    for (const FileLock *l = lf->flocks; l; l = l->next)
        if (l->obj != o && (type == AX_F_WRLCK || l->type == AX_F_WRLCK))
            return true;
    return false;
}

int64_t ksys_flock(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    int op = ARG_INT(1);
    if (!o)
        return -AX_EBADF;
    int type;
    switch (op & ~AX_LOCK_NB) {
    case AX_LOCK_SH: type = AX_F_RDLCK; break;
    case AX_LOCK_EX: type = AX_F_WRLCK; break;
    case AX_LOCK_UN: type = AX_F_UNLCK; break;
    default: return -AX_EINVAL;
    }
    uint64_t dev, ino;
    int r = lock_key(k, o, &dev, &ino);
    if (r < 0)
        return r;
    LockFile *lf = lock_file_find(k, dev, ino);
    FileLock *mine = NULL;
    for (FileLock *l = lf ? lf->flocks : NULL; l; l = l->next)
        if (l->obj == o)
            mine = l;
    if (mine && mine->type == type)
        return 0;
    if (type == AX_F_UNLCK) {
        if (mine)
            flock_drop(k, mine);
        return 0;
    }
    if (lf && flock_conflict(lf, o, type)) {
        if (mine)
            flock_drop(k, mine); /* lf stays: it holds the conflicting lock */
        return (op & AX_LOCK_NB) ? -AX_EAGAIN : sched_wait(k, &lf->flock_wait);
    }
    if (mine) { /* a conversion nobody stands in the way of */
        mine->type = type;
        lock_file_changed(k, lf);
        return 0;
    }
    FileLock *l = lock_alloc(k);
    if (!l || !(lf = lock_file_get(k, dev, ino))) {
        if (l)
            lock_free(k, l);
        return -AX_ENOLCK;
    }
    *l = (FileLock){.file = lf, .type = type, .obj = o, .watch.gone = flock_gone};
    FileLock **tail = &lf->flocks;
    while (*tail)
        tail = &(*tail)->next;
    *tail = l;
    obj_watch(o, &l->watch);
    return 0;
}
