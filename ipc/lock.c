/* The files that hold locks (see lock.h): finding them by inode, waking
 * their waiters, freeing them once empty. */
#include "ipc/lock.h"
#include "kernel/sched.h"

int lock_key(Kernel *k, KObject *o, uint64_t *dev, uint64_t *ino) {
    FileStat st;
    int r = obj_stat(k, o, &st);
    if (r < 0)
        return r;
    *dev = st.dev;
    *ino = st.ino;
    return 0;
}

LockFile *lock_file_find(Kernel *k, uint64_t dev, uint64_t ino) {
    for (LockFile *lf = k->ipc->lock.files; lf; lf = lf->next)
        if (lf->dev == dev && lf->ino == ino)
            return lf;
    return NULL;
}

LockFile *lock_file_get(Kernel *k, uint64_t dev, uint64_t ino) {
    LockFile *lf = lock_file_find(k, dev, ino);
    if (lf)
        return lf;
    lf = kmem_alloc(k, sizeof *lf);
    if (!lf)
        return NULL;
    LockState *ls = &k->ipc->lock;
    lf->dev = dev;
    lf->ino = ino;
    wq_init(&lf->flock_wait);
    wq_init(&lf->record_wait);
    lf->next = ls->files;
    ls->files = lf;
    ls->nfiles++;
    return lf;
}

static void lock_file_free(Kernel *k, LockFile *lf) {
    LockState *ls = &k->ipc->lock;
    for (LockFile **pp = &ls->files; *pp; pp = &(*pp)->next)
        if (*pp == lf) {
            *pp = lf->next;
            break;
        }
    ls->nfiles--;
    kmem_free(k, lf);
}

/* Every waiter tries again from the top (a lock that went may let
 * several through: readers after a writer). A woken task is off the
 * queue, so an empty LockFile has nobody left pointing at it. */
void lock_file_changed(Kernel *k, LockFile *lf) {
    wq_wake_all(k, &lf->flock_wait);
    wq_wake_all(k, &lf->record_wait);
    if (!lf->flocks && !lf->records && wq_empty(&lf->flock_wait) && wq_empty(&lf->record_wait))
        lock_file_free(k, lf);
}

FileLock *lock_alloc(Kernel *k) {
    FileLock *l = kmem_alloc(k, sizeof *l);
    if (l)
        k->ipc->lock.nlocks++;
    return l;
}

void lock_free(Kernel *k, FileLock *l) {
    k->ipc->lock.nlocks--;
    kmem_free(k, l);
}

/* After every process and object is gone no lock is left (each went
 * with its owner); this frees what a bug would have left, without
 * touching the objects, which are gone. */
void lock_fini(Kernel *k) {
    LockState *ls = &k->ipc->lock;
    while (ls->files) {
        LockFile *lf = ls->files;
        while (lf->flocks) {
            FileLock *l = lf->flocks;
            lf->flocks = l->next;
            lock_free(k, l);
        }
        while (lf->records) {
            FileLock *l = lf->records;
            lf->records = l->next;
            lock_free(k, l);
        }
        lock_file_free(k, lf);
    }
}
