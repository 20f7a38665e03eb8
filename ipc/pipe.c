/* Pipes: a 64 KiB ring between two kinds of object, the read end and the
 * write end. Each end is its own KObject, so dup and spawn inheritance
 * count references per end and "every write end closed" is simply the
 * write end's object being released.
 *
 * Reads return what is there (at least one byte), block while the pipe is
 * empty and a writer exists, and return 0 once every writer is gone.
 * Writes block while full; up to AX_PIPE_BUF bytes go in at once or not at
 * all; larger ones may be split across wake-ups, their progress kept in
 * Proc.io_done. No reader: AX_EPIPE and SIGPIPE (a write of 0 bytes
 * returns 0 and raises nothing, as on Linux). */
#include <string.h>

#include "ipc/pipe.h"
#include "kernel/account.h"
#include "kernel/fd.h"
#include "kernel/sched.h"
#include "signal/signal.h"
#include "syscall/handlers.h"
#include "trace/trace.h"

/* Copy n bytes. Pipes see many tiny transfers (a byte, a line): for those
 * an inline loop beats a call into memcpy. */
static inline void pipe_copy(uint8_t *dst, const uint8_t *src, size_t n) {
    if (n <= 16) {
        while (n--)
            *dst++ = *src++;
        return;
    }
    memcpy(dst, src, n);
}

/* What a pipe is charged for: its buffer and itself. */
#define PIPE_CHARGE (AX_PIPE_CAPACITY + sizeof(Pipe))

Pipe *pipe_new(Kernel *k, MemAccount *a) {
    if (!mem_fits(k, a, PIPE_CHARGE))
        return NULL;
    Pipe *p = kmem_alloc(k, sizeof *p);
    if (p && !(p->buf = kmem_realloc(k, NULL, AX_PIPE_CAPACITY))) {
        kmem_free(k, p);
        p = NULL;
    }
    if (!p)
        return NULL;
    p->acct = mem_account_hold(a);
    p->ino = ++k->next_anon_ino;
    return p;
}

void pipe_charge(Kernel *k, Pipe *p) {
    mem_charge(k, p->acct, MEM_PIPE, PIPE_CHARGE); /* fits: pipe_new checked */
    p->charged = true;
}

void pipe_free_if_unused(Kernel *k, Pipe *p) {
    if (p->readers == 0 && p->writers == 0) {
        if (p->charged)
            mem_uncharge(k, p->acct, MEM_PIPE, PIPE_CHARGE);
        mem_account_release(k, p->acct);
        kmem_free(k, p->buf);
        kmem_free(k, p);
    }
}

/* An empty pipe's reader waits in place (sched_wait_here) rather than
 * being restarted from the top: on the ping-pong path that saves the
 * second fd lookup. The read end it holds keeps p alive meanwhile. */
int64_t pipe_read(Kernel *k, KObject *o, void *dst, size_t n) {
    Pipe *p = o->priv;
    if (n == 0)
        return 0;
    /* Writers can only be waiting while less than an atomic write is
     * free: only then does a read wake them (and it is then that POLLOUT
     * comes back, which is all an edge-triggered epoll hears of, as on
     * Linux, whose pipe_read wakes writers only when the pipe was full). */
    while (p->len == 0) {
        if (p->writers == 0)
            return 0;
        if (o->flags & AX_O_NONBLOCK)
            return -AX_EAGAIN;
        /* a signal that came with the data (or the last writer's
         * close) ends nothing: they are taken first, as Linux does */
        if (!sched_wait_here(k, &p->read_wait) && p->len == 0 && p->writers != 0)
            return -KERR_INTR;
    }
    size_t take = n < p->len ? n : p->len;
    size_t first = AX_PIPE_CAPACITY - p->head;
    if (first >= take) {
        pipe_copy(dst, p->buf + p->head, take);
    } else { /* the bytes wrap around the end of the ring */
        pipe_copy(dst, p->buf + p->head, first);
        pipe_copy((uint8_t *)dst + first, p->buf, take - first);
    }
    p->head = (p->head + take) % AX_PIPE_CAPACITY;
    p->len -= take;
    if (p->len == 0)
        p->head = 0; /* keep copies contiguous when the pipe drains */
    if (p->write_wait.head && p->len + take > AX_PIPE_CAPACITY - AX_PIPE_BUF)
        wq_wake_all_parked(k, &p->write_wait);
    return (int64_t)take;
}

static size_t pipe_put(Pipe *p, const uint8_t *src, size_t n) {
    size_t room = AX_PIPE_CAPACITY - p->len;
    if (n > room)
        n = room;
    size_t tail = (p->head + p->len) % AX_PIPE_CAPACITY;
    size_t first = AX_PIPE_CAPACITY - tail;
    if (first >= n) {
        pipe_copy(p->buf + tail, src, n);
    } else {
        pipe_copy(p->buf + tail, src, first);
        pipe_copy(p->buf, src + first, n - first);
    }
    p->len += n;
    return n;
}

int64_t pipe_write(Kernel *k, KObject *o, const void *src, size_t n) {
    Pipe *p = o->priv;
    Proc *me = k->cur;
    if (p->readers == 0) {
        if (n == 0) /* Linux: an empty write succeeds before any check */
            return 0;
        sig_send(k, me, AX_SIGPIPE);
        return me->io_done ? (int64_t)me->io_done : -AX_EPIPE;
    }
    size_t done = me->io_done;
    size_t want = n - done;
    size_t room = AX_PIPE_CAPACITY - p->len;
    /* Small writes are atomic: all of it fits, or wait. */
    bool fits = n <= AX_PIPE_BUF ? room >= want : room > 0;
    if (want > 0 && fits) {
        size_t put = pipe_put(p, (const uint8_t *)src + done, want);
        done += put;
        k->stats.pipe_bytes += put;
        wq_wake_all(k, &p->read_wait);
    }
    if (done == n)
        return (int64_t)n;
    if (o->flags & AX_O_NONBLOCK)
        return done ? (int64_t)done : -AX_EAGAIN;
    me->io_done = done; /* only a call that waits keeps it (dispatch clears it) */
    return sched_wait(k, &p->write_wait);
}

static int pipe_stat(Kernel *k, KObject *o, FileStat *st) {
    Pipe *p = o->priv;
    st->dev = 3;
    st->ino = p->ino;
    st->mode = AX_S_IFIFO | 0600;
    st->nlink = 1;
    st->size = p->len;
    return 0;
}

/* Readiness as Linux's pipe_poll: a write is "possible" once a whole
 * atomic write (AX_PIPE_BUF bytes) fits. Reads and the write end's
 * release wake read_wait; writes and the read end's release wake
 * write_wait: every change of the mask below wakes a queue polled here. */
unsigned pipe_poll(Kernel *k, KObject *o, PollTable *pt) {
    Pipe *p = o->priv;
    unsigned mask = 0;
    if (obj_readable(o)) {
        poll_wait(k, pt, &p->read_wait);
        if (p->len > 0)
            mask |= AX_POLLIN | AX_POLLRDNORM;
        if (p->writers == 0 && (uint64_t)o->offset != p->w_counter)
            mask |= AX_POLLHUP;
    }
    if (obj_writable(o)) {
        poll_wait(k, pt, &p->write_wait);
        if (AX_PIPE_CAPACITY - p->len >= AX_PIPE_BUF)
            mask |= AX_POLLOUT | AX_POLLWRNORM;
        if (p->readers == 0)
            mask |= AX_POLLERR;
    }
    return mask;
}

void pipe_drop_end(Kernel *k, Pipe *p, const KObject *o) {
    if (obj_readable(o)) {
        p->readers--;
        wq_wake_all(k, &p->write_wait); /* writers now get EPIPE */
    }
    if (obj_writable(o)) {
        p->writers--;
        wq_wake_all(k, &p->read_wait); /* readers may now see EOF */
    }
}

static void pipe_release(Kernel *k, KObject *o) {
    Pipe *p = o->priv;
    pipe_drop_end(k, p, o);
    pipe_free_if_unused(k, p);
}

/* Both ends: the access mode of each object says which one it is. */
static const ObjOps pipe_ops = {
    .kind = "pipe",
    .read = pipe_read,
    .write = pipe_write,
    .stat = pipe_stat,
    .poll = pipe_poll,
    .release = pipe_release,
    .stat_mode = AX_S_IFIFO,
};

int64_t ksys_pipe(Kernel *k, const SyscallArgs *a) {
    int *fds = ARG_PTR(int *, 0);
    int flags = ARG_INT(1);
    Proc *me = k->cur;
    if (!fds)
        return -AX_EFAULT;
    if (flags & ~(AX_O_NONBLOCK | AX_O_CLOEXEC))
        return -AX_EINVAL;
    if (fd_free_count(me) < 2)
        return -AX_EMFILE;
    if (obj_room(k, 2) < 0)
        return -AX_ENFILE;
    Pipe *p = pipe_new(k, me->acct);
    if (!p)
        return -AX_ENOMEM;
    p->readers = p->writers = 1;
    p->w_counter = 1; /* the write end has been seen: POLLHUP once it goes */
    KObject *r = obj_new(k, &pipe_ops, AX_O_RDONLY | (flags & AX_O_NONBLOCK), p);
    if (!r) {
        p->readers = p->writers = 0;
        pipe_free_if_unused(k, p);
        return -AX_ENOMEM;
    }
    KObject *w = obj_new(k, &pipe_ops, AX_O_WRONLY | (flags & AX_O_NONBLOCK), p);
    if (!w) {
        p->writers = 0;
        obj_unref(k, r); /* the last end: frees the pipe */
        return -AX_ENOMEM;
    }
    bool cloexec = (flags & AX_O_CLOEXEC) != 0;
    int rfd = fd_install(k, me, r, 0, cloexec);
    int wfd = rfd < 0 ? rfd : fd_install(k, me, w, 0, cloexec);
    if (wfd < 0) {
        if (rfd >= 0)
            fd_close(k, me, rfd); /* drops r */
        else
            obj_unref(k, r);
        obj_unref(k, w);
        return wfd;
    }
    pipe_charge(k, p); /* last: a failed pipe(2) moves no figure, peak included */
    fds[0] = rfd;
    fds[1] = wfd;
    kernel_digest_mix(k, 0x7F00000000ULL ^ ((uint64_t)rfd << 16) ^ (uint64_t)wfd);
    if (trace_enabled(k))
        trace_emit(k, TRACE_IPC, "pipe", me->pid, NULL);
    return 0;
}
