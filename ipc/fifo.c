/* FIFOs (named pipes) and mknod.
 *
 * mknod(S_IFIFO) makes an inode in the VFS. While anyone has it open the
 * inode holds a Pipe (ipc/pipe.h), made at the first open and freed with
 * what it held at the last close, as Linux's pipe_inode_info; every open
 * is an object on that Pipe, read and written by the pipe's own code.
 *
 * Opening follows Linux's fifo_open: a read-only open waits until a
 * writer has opened (unless O_NONBLOCK), a write-only open waits until a
 * reader has (O_NONBLOCK and no reader: AX_ENXIO), a read-write open
 * never waits. Each open counts itself in before it waits, so an opener
 * waiting at one end already lets the other end's opens through; the
 * wait is for the other end's count of opens to move, so a partner that
 * opened and closed again meanwhile still ends it. The wait is in place:
 * a signal ends it (the count taken back) and SA_RESTART starts the open
 * over; a kill takes the count back through the task's WaitUndo. */
#include "ipc/fifo.h"
#include "ipc/pipe.h"
#include "kernel/sched.h"
#include "syscall/handlers.h"
#include "vfs/vfs.h"

static const ObjOps fifo_ops;

static int fifo_stat(Kernel *k, KObject *o, FileStat *st) {
    Pipe *p = o->priv;
    vfs_node_stat(p->node, st);
    return 0;
}

/* The last open went: the inode lets go of its pipe (and the data in it). */
static void fifo_release(Kernel *k, KObject *o) {
    Pipe *p = o->priv;
    pipe_drop_end(k, p, o);
    if (p->readers || p->writers)
        return;
    VNode *n = p->node;
    vfs_node_set_priv(n, NULL);
    pipe_free_if_unused(k, p);
    vfs_node_unref(k, n);
}

typedef struct FifoUndo {
    WaitUndo u;
    KObject *o;
} FifoUndo;

static void fifo_undo(Kernel *k, WaitUndo *u) {
    obj_unref(k, ((FifoUndo *)u)->o);
}

/* Wait in place until *count moves from what it is now (the other end
 * opened). 0, or -KERR_INTR when a signal came first. */
static int fifo_wait_partner(Kernel *k, KObject *o, const uint64_t *count) {
    Pipe *p = o->priv;
    Proc *me = k->cur;
    uint64_t seen = *count;
    FifoUndo undo = {{NULL, fifo_undo}, o};
    int r = 0;
    proc_undo_push(me, &undo.u);
    while (*count == seen)
        if (!sched_wait_here(k, &p->open_wait)) {
            if (*count == seen)
                r = -KERR_INTR;
            break;
        }
    proc_undo_pop(me, &undo.u);
    return r;
}

static int fifo_open(Kernel *k, VNode *n, int flags, KObject **out) {
    int acc = flags & AX_O_ACCMODE;
    bool nonblock = (flags & AX_O_NONBLOCK) != 0;
    Pipe *p = vfs_node_priv(n);
    if (acc == AX_O_WRONLY && nonblock && (!p || p->readers == 0))
        return -AX_ENXIO;
    bool fresh = !p;
    if (fresh && !(p = pipe_new(k, k->cur ? k->cur->acct : NULL)))
        return -AX_ENOMEM;
    KObject *o = obj_new(k, &fifo_ops, (uint32_t)flags, p);
    if (!o) {
        if (fresh)
            pipe_free_if_unused(k, p);
        return -AX_ENOMEM;
    }
    if (fresh) {
        p->node = n;
        vfs_node_ref(n);
        vfs_node_set_priv(n, p);
        pipe_charge(k, p);
    }
    if (obj_readable(o)) {
        p->r_counter++;
        if (p->readers++ == 0)
            wq_wake_all(k, &p->open_wait);
    }
    if (obj_writable(o)) {
        p->w_counter++;
        if (p->writers++ == 0)
            wq_wake_all(k, &p->open_wait);
    }
    int r = 0;
    /* outside any task (the host) nobody can wait: as if O_NONBLOCK */
    bool can_wait = !nonblock && k->cur;
    if (acc == AX_O_RDONLY && p->writers == 0) {
        if (can_wait)
            r = fifo_wait_partner(k, o, &p->w_counter);
        else /* no POLLHUP until a writer has come (and gone) */
            o->offset = (int64_t)p->w_counter;
    } else if (acc == AX_O_WRONLY && p->readers == 0) {
        r = can_wait ? fifo_wait_partner(k, o, &p->r_counter) : -AX_ENXIO;
    }
    if (r < 0) {
        obj_unref(k, o);
        return r;
    }
    *out = o;
    return 0;
}

/* /dev/fd/N of a FIFO opens the FIFO anew, by Linux's rules. */
static int fifo_reopen(Kernel *k, KObject *o, int flags, KObject **out) {
    Pipe *p = o->priv;
    if (flags & AX_O_DIRECTORY)
        return -AX_ENOTDIR;
    return fifo_open(k, p->node, flags & (AX_O_ACCMODE | AX_O_NONBLOCK | AX_O_APPEND), out);
}

static const ObjOps fifo_ops = {
    .kind = "fifo",
    .read = pipe_read,
    .write = pipe_write,
    .stat = fifo_stat,
    .poll = pipe_poll,
    .release = fifo_release,
    .reopen = fifo_reopen,
    .stat_mode = AX_S_IFIFO,
};

static const VSpecialOps fifo_node_ops = {
    .open = fifo_open,
};

const VSpecialOps *ipc_fifo_node_ops(void) { return &fifo_node_ops; }

/* mknod and mknodat: a relative path from dirfd's directory. */
static int64_t mknod_at(Kernel *k, int dirfd, const char *path, uint32_t mode) {
    VNode *start;
    int r = vfs_at_start(k->cur, dirfd, path, &start);
    if (r < 0)
        return r;
    switch (mode & AX_S_IFMT) {
    case 0:
    case AX_S_IFREG:
        return vfs_mknod(k, k->cur, start, path, mode & ~(uint32_t)AX_S_IFMT, NULL, NULL);
    case AX_S_IFIFO:
        return vfs_mknod(k, k->cur, start, path, mode, &fifo_node_ops, NULL);
    case AX_S_IFSOCK: /* a name nobody listens on: connect says ECONNREFUSED */
        return vfs_mknod(k, k->cur, start, path, mode, NULL, NULL);
    case AX_S_IFCHR:
    case 0060000: /* S_IFBLK */
    case AX_S_IFDIR:
        return -AX_EPERM;
    default:
        return -AX_EINVAL;
    }
}

int64_t ksys_mknod(Kernel *k, const SyscallArgs *a) {
    return mknod_at(k, AX_AT_FDCWD, ARG_PTR(const char *, 0), (uint32_t)ARG_U64(1));
}

int64_t ksys_mknodat(Kernel *k, const SyscallArgs *a) {
    return mknod_at(k, ARG_INT(0), ARG_PTR(const char *, 1), (uint32_t)ARG_U64(2));
}
