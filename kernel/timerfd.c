/* Timers as fds: a KTimer inside an object. Reading blocks until the timer
 * has fired and returns the expirations since the last read (uint64_t),
 * like Linux's timerfd. With AX_TIMER_SIGALRM each expiry also raises
 * SIGALRM in the process that set the timer. */
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

static void timerfd_fire(Kernel *k, KTimer *t) {
    TimerObj *tm = (TimerObj *)t;
    tm->expirations++;
    k->stats.timers_fired++;
    kernel_digest_mix(k, 0x7100000000ULL | tm->ino);
    if (trace_enabled(k))
        trace_emit(k, TRACE_TIMER, "fire", tm->owner_pid, NULL);
    if (tm->interval)
        ktimer_arm(k, t, t->deadline + tm->interval); /* heap has room: it just left */
    wq_wake_all(k, &tm->readers);
    if (tm->sigalrm) {
        Proc *owner = proc_find(k, tm->owner_pid);
        if (owner)
            sig_send(k, owner, AX_SIGALRM);
    }
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
    TimerObj *tm = kmem_alloc(k, sizeof *tm);
    if (!tm)
        return -AX_ENOMEM;
    ktimer_init(&tm->t, timerfd_fire);
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
    uint64_t deadline = delay > UINT64_MAX - now ? UINT64_MAX - 1 : now + delay;
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
