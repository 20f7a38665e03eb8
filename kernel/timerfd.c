/* Timers as fds: a KTimer inside an object. Reading blocks until the timer
 * has fired and returns the expirations since the last read (uint64_t),
 * like Linux's timerfd. With AX_TIMER_SIGALRM each expiry also raises
 * SIGALRM in the process that set the timer.
 *
 * An interval timer nobody waits on, whose SIGALRM (if any) would change
 * nothing, is inert (see KTimer): the clock may pass many of its expiries
 * at once, and the firing that catches up adds them all to the count. */
#include <string.h>

#include "kernel/fd.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "signal/signal.h"
#include "syscall/handlers.h"
#include "trace/trace.h"

typedef struct TimerObj {
    KTimer t;          /* first: the fire callback finds the object from it */
    uint64_t interval; /* 0: one-shot */
    uint64_t expirations;
    int owner_pid;
    bool sigalrm;
    WaitQueue readers;
    uint64_t ino;
} TimerObj;

/* The expiries from t's deadline up to now (at least the one due), and the
 * first deadline after now, UINT64_MAX past the end of time. */
static uint64_t timerfd_overrun(const TimerObj *tm, uint64_t now, uint64_t *next) {
    uint64_t n = (now - tm->t.deadline) / tm->interval + 1, step;
    if (__builtin_mul_overflow(n, tm->interval, &step) ||
        __builtin_add_overflow(tm->t.deadline, step, next))
        *next = UINT64_MAX;
    return n;
}

static void timerfd_fire(Kernel *k, KTimer *t) {
    TimerObj *tm = (TimerObj *)t;
    uint64_t n = 1, next = 0;
    if (tm->interval)
        n = timerfd_overrun(tm, k->now, &next); /* k->now: fire_due just read it */
    tm->expirations = tm->expirations > UINT64_MAX - n ? UINT64_MAX : tm->expirations + n;
    k->stats.timers_fired += n;
    kernel_digest_mix(k, 0x7100000000ULL | tm->ino);
    if (n > 1)
        kernel_digest_mix(k, 0x7200000000ULL ^ n);
    if (trace_enabled(k))
        trace_emit_value(k, TRACE_TIMER, "fire", tm->owner_pid, NULL, (int64_t)n);
    if (tm->interval)
        ktimer_arm(k, t, next); /* heap has room: it just left */
    wq_wake_all(k, &tm->readers);
    if (tm->sigalrm) {
        Proc *owner = proc_find(k, tm->owner_pid);
        if (owner)
            sig_send(k, owner, AX_SIGALRM);
    }
}

static bool timerfd_inert(Kernel *k, const KTimer *t) {
    const TimerObj *tm = (const TimerObj *)t;
    if (!tm->interval || !wq_empty(&tm->readers))
        return false;
    if (!tm->sigalrm)
        return true;
    Proc *owner = proc_find(k, tm->owner_pid);
    return !owner || !sig_would_act(k, owner, AX_SIGALRM);
}

static int64_t timerfd_read(Kernel *k, KObject *o, void *buf, size_t n) {
    TimerObj *tm = o->priv;
    if (n < sizeof(uint64_t))
        return -AX_EINVAL;
    if (tm->expirations == 0) {
        if (o->flags & AX_O_NONBLOCK)
            return -AX_EAGAIN;
        return sched_wait(k, &tm->readers);
    }
    memcpy(buf, &tm->expirations, sizeof tm->expirations);
    tm->expirations = 0;
    return sizeof(uint64_t);
}

/* Readable once fired: the fire wakes readers, a read clears the count. */
static unsigned timerfd_poll(Kernel *k, KObject *o, PollTable *pt) {
    TimerObj *tm = o->priv;
    poll_wait(k, pt, &tm->readers);
    return tm->expirations ? AX_POLLIN | AX_POLLRDNORM : 0;
}

static int timerfd_stat(Kernel *k, KObject *o, FileStat *st) {
    TimerObj *tm = o->priv;
    st->dev = 3;
    st->ino = tm->ino;
    st->mode = AX_S_IFCHR | 0600;
    st->nlink = 1;
    return 0;
}

static void timerfd_release(Kernel *k, KObject *o) {
    TimerObj *tm = o->priv;
    ktimer_disarm(k, &tm->t);
    kmem_free(k, tm);
}

static const ObjOps timerfd_ops = {
    .kind = "timer",
    .read = timerfd_read,
    .stat = timerfd_stat,
    .poll = timerfd_poll,
    .release = timerfd_release,
    .stat_mode = AX_S_IFCHR,
};

static int64_t timerfd_create(Kernel *k, uint64_t delay, uint64_t interval, int flags) {
    if (flags & ~(AX_TIMER_SIGALRM | AX_TIMER_NONBLOCK | AX_TIMER_CLOEXEC))
        return -AX_EINVAL;
    if (obj_room(k, 1) < 0)
        return -AX_ENFILE;
    TimerObj *tm = kmem_alloc(k, sizeof *tm);
    if (!tm)
        return -AX_ENOMEM;
    ktimer_init(&tm->t, timerfd_fire);
    tm->t.inert = timerfd_inert;
    tm->interval = interval;
    tm->owner_pid = k->cur->pid;
    tm->sigalrm = (flags & AX_TIMER_SIGALRM) != 0;
    tm->ino = ++k->next_anon_ino;
    KObject *o = obj_new(k, &timerfd_ops, AX_O_RDONLY | (flags & AX_O_NONBLOCK), tm);
    if (!o) {
        kmem_free(k, tm);
        return -AX_ENOMEM;
    }
    uint64_t now = clock_now(k);
    uint64_t deadline = clock_after(now, delay);
    int r = ktimer_arm(k, &tm->t, deadline);
    int fd = r < 0 ? r : fd_install(k, k->cur, o, 0, (flags & AX_TIMER_CLOEXEC) != 0);
    if (fd < 0)
        obj_unref(k, o);
    return fd;
}

int64_t ksys_timer_set(Kernel *k, const SyscallArgs *a) {
    return timerfd_create(k, ARG_U64(0), 0, ARG_INT(1));
}

int64_t ksys_timer_interval(Kernel *k, const SyscallArgs *a) {
    uint64_t interval = ARG_U64(0);
    if (interval == 0)
        return -AX_EINVAL;
    return timerfd_create(k, interval, interval, ARG_INT(1));
}

int64_t ksys_timer_cancel(Kernel *k, const SyscallArgs *a) {
    KObject *o = fd_get(k->cur, ARG_INT(0));
    if (!o || o->ops != &timerfd_ops)
        return -AX_EBADF;
    TimerObj *tm = o->priv;
    bool pending = ktimer_armed(&tm->t);
    ktimer_disarm(k, &tm->t);
    return pending;
}
