/* Waiting on several fds: poll, ppoll, select, pselect and epoll, onto
 * the kernel's. struct pollfd and fd_set have axos's layouts already;
 * timeouts and masks are converted, and struct epoll_event (packed on
 * x86-64) is copied to and from axos's EpollEvent. */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>

#include "posix/internal.h"

_Static_assert(sizeof(struct pollfd) == sizeof(PollFd), "struct pollfd is PollFd");
_Static_assert(sizeof(fd_set) == sizeof(FdSet), "fd_set is FdSet");

int poll(struct pollfd *fds, nfds_t n, int timeout) {
    return (int)px_ret(sys_poll((PollFd *)fds, n, timeout));
}

int __poll_chk(struct pollfd *fds, nfds_t n, int timeout, size_t fdslen) {
    if (n > fdslen / sizeof *fds)
        __chk_fail();
    return poll(fds, n, timeout);
}

/* A timespec as ns for the kernel; -1 (EINVAL) when it is not one. */
static int ts_ns(const struct timespec *ts, int64_t *ns) {
    if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
        return px_fail(EINVAL);
    *ns = ts->tv_sec > INT64_MAX / 1000000000 - 1 ? INT64_MAX
                                                  : (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
    return 0;
}

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *t, const sigset_t *mask) {
    int64_t ns;
    if (t && ts_ns(t, &ns) < 0)
        return -1;
    SigSet m = mask ? px_sigset_to_ax(mask) : 0;
    return (int)px_ret(sys_ppoll((PollFd *)fds, n, t ? &ns : NULL, mask ? &m : NULL));
}

int select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *tv) {
    int64_t ns = 0;
    if (tv) {
        if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
            return px_fail(EINVAL);
        ns = (int64_t)tv->tv_sec * 1000000000 + (int64_t)tv->tv_usec * 1000;
    }
    SyscallResult res = sys_select(n, (FdSet *)r, (FdSet *)w, (FdSet *)e, tv ? &ns : NULL);
    if (tv && res.error != AX_EINVAL && res.error != AX_EFAULT) { /* Linux gives back the time left */
        tv->tv_sec = (time_t)(ns / 1000000000);
        tv->tv_usec = (suseconds_t)(ns % 1000000000 / 1000);
    }
    return (int)px_ret(res);
}

int pselect(int n, fd_set *r, fd_set *w, fd_set *e, const struct timespec *t, const sigset_t *mask) {
    int64_t ns;
    if (t && ts_ns(t, &ns) < 0)
        return -1;
    SigSet m = mask ? px_sigset_to_ax(mask) : 0;
    return (int)px_ret(sys_pselect(n, (FdSet *)r, (FdSet *)w, (FdSet *)e, t ? &ns : NULL,
                                   mask ? &m : NULL));
}

long int __fdelt_chk(long int d) {
    if (d < 0 || d >= FD_SETSIZE)
        __chk_fail();
    return d / __NFDBITS;
}

/* ---- epoll ---- */

int epoll_create1(int flags) {
    if (flags & ~EPOLL_CLOEXEC)
        return px_fail(EINVAL);
    return (int)px_ret(sys_epoll_create1(flags & EPOLL_CLOEXEC ? AX_EPOLL_CLOEXEC : 0));
}

int epoll_create(int size) {
    return size <= 0 ? px_fail(EINVAL) : epoll_create1(0);
}

int epoll_ctl(int ep, int op, int fd, struct epoll_event *ev) {
    EpollEvent ax;
    if (ev) {
        ax.events = ev->events;
        ax.data = ev->data.u64;
    }
    return (int)px_ret(sys_epoll_ctl(ep, op, fd, ev ? &ax : NULL));
}

#define EPOLL_STACK 64 /* events moved through the stack; more are malloc'd */

static int px_epoll_wait(int ep, struct epoll_event *out, int max, int timeout, const sigset_t *mask) {
    if (!out)
        return px_fail(EFAULT);
    if (max < 1 || max > AX_EPOLL_MAX_EVENTS)
        return px_fail(EINVAL);
    EpollEvent stack[EPOLL_STACK];
    EpollEvent *ev = max <= EPOLL_STACK ? stack : malloc((size_t)max * sizeof *ev);
    if (!ev)
        return -1;
    SigSet m = mask ? px_sigset_to_ax(mask) : 0;
    int n = (int)px_ret(mask ? sys_epoll_pwait(ep, ev, max, timeout, &m)
                             : sys_epoll_wait(ep, ev, max, timeout));
    for (int i = 0; i < n; i++) {
        out[i].events = ev[i].events;
        out[i].data.u64 = ev[i].data;
    }
    if (ev != stack) {
        int saved = errno;
        free(ev);
        errno = saved;
    }
    return n;
}

int epoll_wait(int ep, struct epoll_event *out, int max, int timeout) {
    return px_epoll_wait(ep, out, max, timeout, NULL);
}

int epoll_pwait(int ep, struct epoll_event *out, int max, int timeout, const sigset_t *mask) {
    return px_epoll_wait(ep, out, max, timeout, mask);
}
