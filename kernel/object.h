/* Kernel objects: what an fd refers to.
 *
 * A KObject is an open file description in POSIX terms: it carries the
 * offset and status flags that dup'd fds share, an operations table that
 * says what kind of thing it is (file, directory, pipe end, device, timer,
 * window), and a refcount. fds, spawn inheritance and dup take references;
 * close and exit drop them; at zero ops->release frees what priv holds.
 *
 * kernel/object.c knows no subsystem: each kind of object brings its own
 * ObjOps, the way a Unix kernel's file_operations work.
 *
 * Return convention of the operations: >= 0 is success (a byte count, an
 * offset, 0), a negative value is -AX_E*. An operation that cannot make
 * progress yet and may block returns sched_wait(k, queue) (see sched.h),
 * after checking AX_O_NONBLOCK itself and returning -AX_EAGAIN when set.
 */
#ifndef AXOS_KERNEL_OBJECT_H
#define AXOS_KERNEL_OBJECT_H

#include "axos.h"

typedef struct KObject KObject;
typedef struct WaitQueue WaitQueue; /* kernel/kernel.h */

/* ioctl commands for ObjOps.ioctl (terminal and window control) */
enum {
    KIOC_TCGETS = 1,    /* arg: TermAttr * */
    KIOC_TCSETS,        /* arg: const TermAttr *, action in KObject-less form: see console/ */
    KIOC_TCSETSW,
    KIOC_TCSETSF,
    KIOC_TIOCGPGRP,     /* arg: int * */
    KIOC_TIOCSPGRP,     /* arg: const int * */
    KIOC_TIOCGWINSZ,    /* arg: WinSize * */
    KIOC_TIOCSWINSZ,    /* arg: const WinSize * */
    KIOC_TIOCSCTTY,     /* arg: const CttyRequest *: become a session's controlling tty */
};

/* What an object's poll operation is handed (Linux's poll_table): it
 * calls poll_wait(k, pt, q) for each wait queue that is woken when its
 * readiness may change, so that a poll, select or epoll can park there.
 * pt NULL: only the mask is wanted. */
typedef struct PollTable PollTable;
struct PollTable {
    void (*queue)(Kernel *k, PollTable *pt, WaitQueue *q);
};

static inline void poll_wait(Kernel *k, PollTable *pt, WaitQueue *q) {
    if (pt && pt->queue)
        pt->queue(k, pt, q);
}

/* What an object without a poll operation answers: always readable and
 * writable (Linux's DEFAULT_POLLMASK, for regular files and directories). */
#define OBJ_POLL_DEFAULT (AX_POLLIN | AX_POLLOUT | AX_POLLRDNORM | AX_POLLWRNORM)

/* KIOC_TIOCSCTTY's argument. `on_open`: the request comes from an open
 * without O_NOCTTY by a session leader (Linux's tty_open), which takes a
 * terminal only when both the terminal and the session are free and never
 * fails the open; otherwise it is TIOCSCTTY, with its errors. */
typedef struct CttyRequest {
    struct Proc *proc;
    bool force;
    bool on_open;
} CttyRequest;

typedef struct ObjOps {
    const char *kind; /* "file", "dir", "pipe", "console", "timer"... for traces */
    /* NULL read/write: AX_EBADF is returned by the dispatcher. buf is
     * never NULL, even when n is 0. */
    int64_t (*read)(Kernel *k, KObject *o, void *buf, size_t n);
    int64_t (*write)(Kernel *k, KObject *o, const void *buf, size_t n);
    /* NULL: AX_ESPIPE. */
    int64_t (*lseek)(Kernel *k, KObject *o, int64_t off, int whence);
    /* NULL: a FileStat with only the type filled from stat_mode. */
    int (*stat)(Kernel *k, KObject *o, FileStat *st);
    /* NULL: AX_ENOTDIR. */
    int64_t (*readdir)(Kernel *k, KObject *o, DirEntry *ents, size_t count);
    /* NULL: AX_EINVAL. */
    int (*truncate)(Kernel *k, KObject *o, int64_t len);
    /* NULL: AX_ENOTTY. */
    int (*ioctl)(Kernel *k, KObject *o, unsigned cmd, void *arg);
    /* Readiness now: AX_POLL* bits (AX_POLLIN, AX_POLLOUT, AX_POLLHUP,
     * AX_POLLERR...), whatever events were asked for; with pt, first
     * poll_wait on every queue that is woken when they may change. Never
     * blocks. NULL: OBJ_POLL_DEFAULT, and epoll refuses the object with
     * AX_EPERM, as Linux does for files that have no poll. */
    unsigned (*poll)(Kernel *k, KObject *o, PollTable *pt);
    /* The last reference is gone: free priv. May be NULL. */
    void (*release)(Kernel *k, KObject *o);
    /* Open what o refers to anew, with open(2) flags (the access mode,
     * O_TRUNC, O_APPEND, O_NONBLOCK, O_DIRECTORY): a new object with its
     * own offset and flags in *out, as opening /proc/self/fd/N does on
     * Linux (/dev/fd/N here). 0 or -AX_*. NULL: /dev/fd/N gives a new
     * reference to o itself when o allows the access mode asked for. */
    int (*reopen)(Kernel *k, KObject *o, int flags, KObject **out);
    uint32_t stat_mode; /* AX_S_IF* used when stat is NULL */
} ObjOps;

/* Something that must hear of an object's end before it is released:
 * an epoll watching it (Linux's eventpoll_release at the last fput). */
typedef struct ObjWatch ObjWatch;
struct ObjWatch {
    ObjWatch *next, *prev;
    void (*gone)(Kernel *k, ObjWatch *w); /* the object's last reference went */
};

struct KObject {
    const ObjOps *ops;
    ObjWatch *watchers; /* told, then unlinked, when the last reference goes */
    uint32_t refcount;
    uint32_t flags;  /* AX_O_ACCMODE bits | AX_O_APPEND | AX_O_NONBLOCK */
    int64_t offset;  /* shared by every fd that refers to this object */
    void *priv;      /* the kind's own state */
    int console_stream; /* console/: which host stream it stands for (0, 1, 2) */
};

/* A new object with refcount 1, or NULL when memory runs out or the
 * kernel holds KernelConfig.max_files objects already. */
KObject *obj_new(Kernel *k, const ObjOps *ops, uint32_t flags, void *priv);
/* Is there room for n more objects under KernelConfig.max_files? 0, or
 * -AX_ENFILE: what a call that opens files checks first. */
int obj_room(const Kernel *k, unsigned n);
/* Free the objects obj_unref kept for reuse (kernel_destroy, once every
 * object is gone). */
void obj_cache_drain(Kernel *k);
/* Take one more reference; returns o. */
KObject *obj_ref(KObject *o);
/* Drop a reference; at zero call ops->release and free the object. */
void obj_unref(Kernel *k, KObject *o);

/* o's readiness (ops->poll, or OBJ_POLL_DEFAULT). */
static inline unsigned obj_poll(Kernel *k, KObject *o, PollTable *pt) {
    return o->ops->poll ? o->ops->poll(k, o, pt) : OBJ_POLL_DEFAULT;
}

/* Watch o's end (w is linked at the front) / stop watching it. */
void obj_watch(KObject *o, ObjWatch *w);
void obj_unwatch(KObject *o, ObjWatch *w);

/* An open of o without O_NOCTTY (flags) by p: when p leads its session
 * and o is a terminal, o may become the session's controlling terminal
 * (Linux's tty_open). Never fails. */
void obj_open_ctty(Kernel *k, struct Proc *p, KObject *o, int flags);

/* Fill *st from o (ops->stat, or a minimal one from stat_mode). */
int obj_stat(Kernel *k, KObject *o, FileStat *st);

/* The access mode checks used by read and write. */
static inline int obj_readable(const KObject *o) {
    return (o->flags & AX_O_ACCMODE) != AX_O_WRONLY;
}
static inline int obj_writable(const KObject *o) {
    return (o->flags & AX_O_ACCMODE) != AX_O_RDONLY;
}

#endif
