/* dispatch: the cost of the cheapest syscall through the whole path
 * (wrapper, sys_dispatch, handler, counters, digest, signal check),
 * against a real getpid(2) on the host. */
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

typedef struct DispatchCtx {
    Bench *b;
    uint64_t iters;
    BenchStat axos;
} DispatchCtx;

static double rep_sys_getpid(void *ud) {
    DispatchCtx *c = ud;
    uint64_t sum = 0, t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        sum += (uint64_t)sys_getpid().value;
    uint64_t t1 = bench_now_ns();
    bench_keep(sum);
    return (double)(t1 - t0) / (double)c->iters;
}

static int prog_getpid(int argc, char **argv) {
    DispatchCtx *c = bench_task_ud(argc, argv);
    if (sys_getpid().error != AX_OK)
        return 1;
    return bench_measure(c->b, rep_sys_getpid, c, &c->axos) == 0 ? 0 : 1;
}

static double rep_host_getpid(void *ud) {
    DispatchCtx *c = ud;
    uint64_t sum = 0, t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        sum += (uint64_t)syscall(SYS_getpid);
    uint64_t t1 = bench_now_ns();
    bench_keep(sum);
    return (double)(t1 - t0) / (double)c->iters;
}

void bench_dispatch(Bench *b) {
    DispatchCtx c = {.b = b, .iters = bench_iters(b, 250000, 1000)};
    const BenchProgram prog = {"/bench/getpid", prog_getpid};
    if (bench_kernel_run(NULL, &prog, 1, 0, &c) != 0) {
        bench_fail(b, "dispatch_getpid", "the measuring program failed");
        return;
    }
    BenchFigure f = {.name = "dispatch_getpid",
                     .label = "sys_getpid, full dispatch path",
                     .unit = "ns",
                     .better = BENCH_LOWER,
                     .axos = c.axos,
                     .has_target = 1,
                     .target = 10};
    c.iters = bench_iters(b, 10000, 1000);
    bench_measure(b, rep_host_getpid, &c, &f.host);
    bench_report(b, &f);
}
