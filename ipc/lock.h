/* File locks, as Linux's fs/locks.c keeps them: flock locks (owned by an
 * open file description, released when its last reference goes) and
 * fcntl record locks (owned by a process, byte ranges, released when the
 * process closes any fd on the file or exits). The two kinds never
 * conflict with each other, as on Linux.
 *
 * Locks hang off a LockFile: one per locked file, found by the (dev, ino)
 * that fstat reports, so every object kind can be locked without a hook
 * of its own (objects without an inode number of their own share one, as
 * Linux's anonymous inodes do). A LockFile lives while it holds a lock;
 * the callers that wait for one park on its queue and look it up anew
 * each time they run (sched_wait), holding nothing, so a kill leaves
 * nothing behind. */
#ifndef AXOS_IPC_LOCK_H
#define AXOS_IPC_LOCK_H

#include "kernel/kernel.h"
#include "kernel/object.h"
#include "ipc/ipc_state.h"

typedef struct FileLock FileLock;
struct FileLock {
    FileLock *next;
    LockFile *file;
    int type; /* AX_F_RDLCK or AX_F_WRLCK */
    /* flock: the open file description holding it, watched so that its
     * last close drops the lock */
    KObject *obj;
    ObjWatch watch;
    /* record lock: the process holding bytes start..end (inclusive; end
     * INT64_MAX: to the end of the file, however it grows) */
    Proc *owner;
    int64_t start, end;
};

struct LockFile {
    LockFile *next; /* LockState.files */
    uint64_t dev, ino;
    FileLock *flocks;  /* in the order they were taken */
    FileLock *records; /* in the order they were made */
    WaitQueue flock_wait;  /* flock callers that wait */
    WaitQueue record_wait; /* F_SETLKW callers that wait (Proc.lock_want) */
};

/* o's lock key (fstat's dev and ino). 0 or the error of fstat. */
int lock_key(Kernel *k, KObject *o, uint64_t *dev, uint64_t *ino);
/* The LockFile of (dev, ino), or NULL when nothing locks it. */
LockFile *lock_file_find(Kernel *k, uint64_t dev, uint64_t ino);
/* The same, made when missing; NULL when memory runs out. A new one is
 * freed again by lock_file_changed unless a lock is put in it. */
LockFile *lock_file_get(Kernel *k, uint64_t dev, uint64_t ino);
/* lf's locks changed: wake its waiters, and free it when it holds no
 * lock any more (lf may be gone on return). */
void lock_file_changed(Kernel *k, LockFile *lf);

FileLock *lock_alloc(Kernel *k);
void lock_free(Kernel *k, FileLock *l);

/* reclock.c: p's record locks on every file go (exit). */
void reclock_release_all(Kernel *k, Proc *p);
/* p closed an fd on o: its record locks on that file go. */
void reclock_fd_closed(Kernel *k, Proc *p, KObject *o);

#endif
