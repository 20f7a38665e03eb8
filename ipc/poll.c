/* poll, ppoll, select and pselect.
 *
 * One loop serves the four (Linux's do_poll / do_select): look at every
 * fd without registering; if nothing is ready, look again handing each
 * object's poll the PollWaiter, so the task is parked on every queue at
 * once; block; after each wake-up look again without registering. A call
 * that finds a ready fd at once therefore registers nothing (the common
 * case of a busy event loop costs one pass over the fds). Ready fds win
 * over a timeout or a signal that came at the same time, as on Linux. */
#include <string.h>

#include "kernel/fd.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "signal/signal.h"
#include "syscall/handlers.h"

/* One pass over the caller's fds: how many are ready (> 0), 0, or -AX_E*. */
typedef int64_t (*PollScan)(Kernel *k, void *ctx, PollTable *pt);

/* Scan until something is ready, the deadline passes (0: never wait;
 * UINT64_MAX: no deadline) or a signal comes (-KERR_INTR). A signal that
 * is already deliverable (one the call's own mask let through) ends the
 * call at once, as Linux's signal_pending check does. */
static int64_t poll_run(Kernel *k, PollScan scan, void *ctx, uint64_t deadline) {
    int64_t r = scan(k, ctx, NULL);
    if (r != 0)
        return r;
    if (sig_deliverable(k->cur))
        return -KERR_INTR;
    if (deadline == 0)
        return 0;
    PollWaiter w;
    pollwaiter_init(k, &w);
    for (;;) {
        r = scan(k, ctx, pollwaiter_table(&w)); /* registers when not armed */
        if (r != 0)
            break;
        if (w.error) {
            r = w.error;
            break;
        }
        pollwaiter_armed(&w);
        int b = pollwaiter_block(k, &w, deadline);
        if (b == 1)
            continue;
        if (b == -AX_ENOMEM) {
            r = b;
            break;
        }
        /* timed out or interrupted: one last look, as Linux takes */
        r = scan(k, ctx, NULL);
        if (r == 0)
            r = b == 0 ? 0 : -KERR_INTR;
        break;
    }
    pollwaiter_done(k, &w);
    return r;
}

/* ---- poll ---- */

typedef struct PollCtx {
    PollFd *fds;
    size_t n;
    int16_t *revents; /* results, copied out when the call ends */
} PollCtx;

static int64_t poll_scan(Kernel *k, void *ctx, PollTable *pt) {
    PollCtx *c = ctx;
    Proc *p = k->cur;
    int64_t ready = 0;
    for (size_t i = 0; i < c->n; i++) {
        const PollFd *pf = &c->fds[i];
        unsigned m = 0;
        if (pf->fd >= 0) {
            KObject *o = fd_get(p, pf->fd);
            if (!o)
                m = AX_POLLNVAL;
            else
                m = obj_poll(k, o, pt) & ((uint16_t)pf->events | AX_POLLERR | AX_POLLHUP);
        }
        c->revents[i] = (int16_t)m;
        ready += m != 0;
    }
    return ready;
}

/* The results of a poll of more than this many fds go to kmem. */
#define POLL_STACK_FDS 64

static int64_t poll_common(Kernel *k, PollFd *fds, size_t n, uint64_t deadline) {
    if (!fds && n > 0)
        return -AX_EFAULT;
    if (n > AX_OPEN_MAX)
        return -AX_EINVAL;
    int16_t stack[POLL_STACK_FDS];
    PollCtx c = {fds, n, stack};
    if (n > POLL_STACK_FDS && !(c.revents = kmem_alloc(k, n * sizeof *c.revents)))
        return -AX_ENOMEM;
    int64_t r = poll_run(k, poll_scan, &c, deadline);
    if (r >= 0 || r == -KERR_INTR)
        for (size_t i = 0; i < n; i++)
            fds[i].revents = r == -KERR_INTR ? 0 : c.revents[i];
    if (c.revents != stack)
        kmem_free(k, c.revents);
    return r;
}

/* A relative timeout in ms as a deadline: negative waits for ever. */
static uint64_t poll_ms_deadline(Kernel *k, int ms) {
    if (ms < 0)
        return UINT64_MAX;
    if (ms == 0)
        return 0;
    return poll_deadline(k, (uint64_t)ms * 1000000u);
}

/* A timeout given as a pointer to ns: NULL waits for ever, 0 never
 * waits, negative is AX_EINVAL. */
static int poll_ns_deadline(Kernel *k, const int64_t *ns, uint64_t *deadline) {
    if (!ns) {
        *deadline = UINT64_MAX;
        return 0;
    }
    if (*ns < 0)
        return -AX_EINVAL;
    *deadline = *ns == 0 ? 0 : poll_deadline(k, (uint64_t)*ns);
    return 0;
}

int64_t ksys_poll(Kernel *k, const SyscallArgs *a) {
    return poll_common(k, ARG_PTR(PollFd *, 0), ARG_SIZE(1), poll_ms_deadline(k, ARG_INT(2)));
}

int64_t ksys_ppoll(Kernel *k, const SyscallArgs *a) {
    const SigSet *mask = ARG_PTR(const SigSet *, 3);
    uint64_t deadline;
    int r = poll_ns_deadline(k, ARG_PTR(const int64_t *, 2), &deadline);
    if (r < 0)
        return r;
    if (mask)
        sig_mask_temp(k->cur, *mask);
    int64_t n = poll_common(k, ARG_PTR(PollFd *, 0), ARG_SIZE(1), deadline);
    if (mask)
        sig_mask_temp_end(k->cur);
    return n;
}

/* ---- select ---- */

/* What each of select's sets counts as ready (Linux's POLLIN_SET...). */
#define SELECT_IN (AX_POLLIN | AX_POLLRDNORM | AX_POLLRDBAND | AX_POLLHUP | AX_POLLERR)
#define SELECT_OUT (AX_POLLOUT | AX_POLLWRNORM | AX_POLLWRBAND | AX_POLLERR)
#define SELECT_EX (AX_POLLPRI)

typedef struct SelectCtx {
    int nfds;
    const FdSet *in[3];  /* the caller's sets (NULL: none), read only */
    FdSet out[3];        /* results */
} SelectCtx;

static const unsigned select_masks[3] = {SELECT_IN, SELECT_OUT, SELECT_EX};

static int64_t select_scan(Kernel *k, void *ctx, PollTable *pt) {
    SelectCtx *c = ctx;
    Proc *p = k->cur;
    int64_t ready = 0;
    memset(c->out, 0, sizeof c->out);
    for (int word = 0; word * 64 < c->nfds; word++) {
        uint64_t any = 0;
        for (int s = 0; s < 3; s++)
            if (c->in[s])
                any |= c->in[s]->bits[word];
        if (c->nfds - word * 64 < 64)
            any &= ((uint64_t)1 << (c->nfds - word * 64)) - 1;
        while (any) {
            int bit = __builtin_ctzll(any);
            any &= any - 1;
            int fd = word * 64 + bit;
            KObject *o = fd_get(p, fd); /* open: select_check saw to it */
            unsigned m = obj_poll(k, o, pt);
            for (int s = 0; s < 3; s++)
                if (c->in[s] && AX_FD_ISSET(fd, c->in[s]) && (m & select_masks[s])) {
                    AX_FD_SET(fd, &c->out[s]);
                    ready++;
                }
        }
    }
    return ready;
}

/* Linux checks every fd named before it polls any: one closed fd is
 * AX_EBADF, whatever else is ready. */
static int select_check(Proc *p, const SelectCtx *c) {
    for (int fd = 0; fd < c->nfds; fd++)
        for (int s = 0; s < 3; s++)
            if (c->in[s] && AX_FD_ISSET(fd, c->in[s]) && !fd_get(p, fd))
                return -AX_EBADF;
    return 0;
}

static int64_t select_common(Kernel *k, const SyscallArgs *a, const int64_t *timeout,
                             int64_t *left, const SigSet *mask) {
    int nfds = ARG_INT(0);
    FdSet *sets[3] = {ARG_PTR(FdSet *, 1), ARG_PTR(FdSet *, 2), ARG_PTR(FdSet *, 3)};
    if (nfds < 0)
        return -AX_EINVAL;
    uint64_t deadline;
    int r = poll_ns_deadline(k, timeout, &deadline);
    if (r < 0)
        return r;
    SelectCtx c = {.nfds = nfds > AX_FD_SETSIZE ? AX_FD_SETSIZE : nfds};
    for (int s = 0; s < 3; s++)
        c.in[s] = sets[s];
    if ((r = select_check(k->cur, &c)) < 0)
        return r;
    if (mask)
        sig_mask_temp(k->cur, *mask);
    int64_t n = poll_run(k, select_scan, &c, deadline);
    if (mask)
        sig_mask_temp_end(k->cur);
    if (left) { /* the time left, even when interrupted (Linux) */
        uint64_t now = clock_now(k);
        *left = deadline == 0 || now >= deadline ? 0 : (int64_t)(deadline - now);
    }
    if (n < 0)
        return n;
    for (int s = 0; s < 3; s++)
        if (sets[s])
            *sets[s] = c.out[s];
    return n;
}

int64_t ksys_select(Kernel *k, const SyscallArgs *a) {
    int64_t *timeout = ARG_PTR(int64_t *, 4);
    return select_common(k, a, timeout, timeout, NULL);
}

int64_t ksys_pselect(Kernel *k, const SyscallArgs *a) {
    return select_common(k, a, ARG_PTR(const int64_t *, 4), NULL, ARG_PTR(const SigSet *, 5));
}
