/* poll: readiness over many fds with one ready, by poll (a pass over
 * every fd: O(n)) and by epoll_wait (a ready list: O(ready)), at 10 and
 * at 1,000 fds; against the host's poll and epoll on pipes.
 *
 * The fds are the two ends of 5 or 500 pipes, all asked for POLLIN; one
 * read end holds a byte, so exactly one is ready. (1,000 fds, not 1,000
 * pipes: a process has AX_OPEN_MAX = 1024 fds.) Each call has timeout 0,
 * so what is timed is the readiness check itself, never a wait. */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "bench.h"

#define MAXFDS 1000

/* One side's calls, so that one loop times both axos and the host. */
typedef struct PollOps {
    int (*pipe)(int fds[2]);
    int (*write1)(int fd);
    int (*close)(int fd);
    int (*poll)(void *fds, int n); /* returns how many are ready */
    int (*epoll_create)(void);
    int (*epoll_add)(int ep, int fd);
    int (*epoll_wait)(int ep);     /* returns how many are ready */
    size_t pollfd_size;
} PollOps;

typedef struct PollCtx {
    Bench *b;
    const PollOps *ops;
    int n;           /* fds polled: 10 or MAXFDS */
    int fds[MAXFDS];
    void *pfds;      /* the poll array (PollFd or struct pollfd) */
    int ep;
    uint64_t iters;
    BenchStat poll_small, poll_big, epoll_small, epoll_big;
} PollCtx;

/* ---- the two sides ---- */

static int ax_pipe(int fds[2]) { return sys_pipe(fds).error ? -1 : 0; }
static int ax_write1(int fd) { return sys_write(fd, "x", 1).value == 1 ? 0 : -1; }
static int ax_close(int fd) { return sys_close(fd).error ? -1 : 0; }
static int ax_poll(void *fds, int n) {
    SyscallResult r = sys_poll(fds, (size_t)n, 0);
    return r.error ? -1 : (int)r.value;
}
static int ax_epoll_create(void) {
    SyscallResult r = sys_epoll_create1(0);
    return r.error ? -1 : (int)r.value;
}
static int ax_epoll_add(int ep, int fd) {
    EpollEvent ev = {AX_EPOLLIN, (uint64_t)fd};
    return sys_epoll_ctl(ep, AX_EPOLL_CTL_ADD, fd, &ev).error ? -1 : 0;
}
static int ax_epoll_wait(int ep) {
    EpollEvent ev[4];
    SyscallResult r = sys_epoll_wait(ep, ev, 4, 0);
    return r.error ? -1 : (int)r.value;
}
static const PollOps ax_ops = {ax_pipe, ax_write1, ax_close, ax_poll, ax_epoll_create,
                               ax_epoll_add, ax_epoll_wait, sizeof(PollFd)};

static int host_pipe(int fds[2]) { return pipe(fds); }
static int host_write1(int fd) { return write(fd, "x", 1) == 1 ? 0 : -1; }
static int host_poll(void *fds, int n) { return poll(fds, (nfds_t)n, 0); }
static int host_epoll_create(void) { return epoll_create1(0); }
static int host_epoll_add(int ep, int fd) {
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}
static int host_epoll_wait(int ep) {
    struct epoll_event ev[4];
    return epoll_wait(ep, ev, 4, 0);
}
static const PollOps host_ops = {host_pipe, host_write1, close, host_poll, host_epoll_create,
                                 host_epoll_add, host_epoll_wait, sizeof(struct pollfd)};

/* ---- set-up: n/2 pipes, both ends polled, the middle read end ready ---- */

static int setup(PollCtx *c, int n) {
    const PollOps *o = c->ops;
    c->n = n;
    for (int i = 0; i < n; i += 2)
        if (o->pipe(&c->fds[i]) < 0)
            return -1;
    if (o->write1(c->fds[(n / 2) | 1]) < 0) /* a write end (odd): its read end is ready */
        return -1;
    c->pfds = calloc((size_t)n, o->pollfd_size);
    if (!c->pfds)
        return -1;
    for (int i = 0; i < n; i++) {
        if (o == &ax_ops)
            ((PollFd *)c->pfds)[i] = (PollFd){c->fds[i], AX_POLLIN, 0};
        else
            ((struct pollfd *)c->pfds)[i] = (struct pollfd){c->fds[i], POLLIN, 0};
    }
    if ((c->ep = o->epoll_create()) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (o->epoll_add(c->ep, c->fds[i]) < 0)
            return -1;
    return 0;
}

static void teardown(PollCtx *c) {
    for (int i = 0; i < c->n; i++)
        c->ops->close(c->fds[i]);
    c->ops->close(c->ep);
    free(c->pfds);
}

static double rep_poll(void *ud) {
    PollCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        if (c->ops->poll(c->pfds, c->n) != 1)
            return -1;
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

static double rep_epoll(void *ud) {
    PollCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        if (c->ops->epoll_wait(c->ep) != 1)
            return -1;
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

/* Both calls at n fds. poll's repetitions are kept to a few ms: it is
 * O(n), so the big set runs fewer iterations. */
static int measure_at(PollCtx *c, int n, BenchStat *poll_st, BenchStat *epoll_st) {
    if (setup(c, n) < 0)
        return -1;
    uint64_t base = c->iters;
    c->iters = n > 100 ? base / 200 + 1 : base;
    int r = bench_measure(c->b, rep_poll, c, poll_st);
    c->iters = base;
    if (r == 0)
        r = bench_measure(c->b, rep_epoll, c, epoll_st);
    teardown(c);
    return r;
}

static int measure_all(PollCtx *c) {
    if (measure_at(c, 10, &c->poll_small, &c->epoll_small) < 0 ||
        measure_at(c, MAXFDS, &c->poll_big, &c->epoll_big) < 0)
        return -1;
    return 0;
}

static int prog_poll(int argc, char **argv) {
    PollCtx *c = bench_task_ud(argc, argv);
    return measure_all(c) == 0 ? 0 : 1;
}

static BenchStat ratio_of(const BenchStat *a, const BenchStat *b) {
    double r = a->median / b->median;
    return (BenchStat){r, r, r, a->n && b->n};
}

void bench_poll(Bench *b) {
    PollCtx ax = {.b = b, .ops = &ax_ops, .iters = bench_iters(b, 20000, 200)};
    const BenchProgram prog = {"/bench/poll", prog_poll};
    if (bench_kernel_run(NULL, &prog, 1, 0, &ax) != 0) {
        bench_fail(b, "poll", "the measuring program failed");
        return;
    }
    PollCtx host = {.b = b, .ops = &host_ops, .iters = bench_iters(b, 2000, 50)};
    int have_host = measure_all(&host) == 0;
    if (!have_host)
        fprintf(stderr, "bench poll: the host measurement failed\n");
    BenchFigure f[] = {
        {.name = "poll_1_of_10", .label = "poll, 10 fds, 1 ready", .unit = "ns",
         .axos = ax.poll_small, .host = host.poll_small},
        {.name = "poll_1_of_1000", .label = "poll, 1,000 fds, 1 ready", .unit = "ns",
         .axos = ax.poll_big, .host = host.poll_big},
        {.name = "epoll_1_of_10", .label = "epoll_wait, 10 watched, 1 ready", .unit = "ns",
         .axos = ax.epoll_small, .host = host.epoll_small},
        {.name = "epoll_1_of_1000", .label = "epoll_wait, 1,000 watched, 1 ready", .unit = "ns",
         .axos = ax.epoll_big, .host = host.epoll_big},
        {.name = "poll_growth", .label = "poll: 1,000 fds / 10 fds", .unit = "ratio",
         .axos = ratio_of(&ax.poll_big, &ax.poll_small),
         .host = ratio_of(&host.poll_big, &host.poll_small),
         .note = "O(n): grows with the fds polled"},
        {.name = "epoll_growth", .label = "epoll: 1,000 watched / 10 watched", .unit = "ratio",
         .axos = ratio_of(&ax.epoll_big, &ax.epoll_small),
         .host = ratio_of(&host.epoll_big, &host.epoll_small), .has_target = 1, .target = 1.5,
         .note = "O(ready): flat however many fds are watched"},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        f[i].better = BENCH_LOWER;
        if (!have_host)
            f[i].host.n = 0;
        bench_report(b, &f[i]);
    }
}
