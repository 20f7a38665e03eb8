/* trace: what tracing costs a syscall.
 *
 * Budgets (issue 9): disabled tracing adds at most 1 ns per syscall;
 * enabled, recording costs at most 30 ns per event. The enabled cost is
 * measured as a difference: the same loop with tracing off and on, back to
 * back in one repetition, over the number of events the loop records.
 * Three calls show the range: getpid (no argument captured), write of 64
 * bytes to /dev/null (32 bytes of buffer copied into the event) and
 * open + close of /etc/motd (a path copied, two events).
 *
 * Each repetition runs the loop in 16 short chunks, tracing off and on in
 * turn; its figure is the median chunk (off), or the median of the
 * differences between each on chunk and the off chunk before it (per
 * event), like every other figure: the fastest chunk would flatter.
 *
 * The disabled cost cannot be told apart at run time (the check is
 * compiled into every call): it is two tests of Kernel.work and two
 * branches never taken. trace_off_getpid reports the call with tracing
 * off, to be read against the dispatch area's figure; docs/tracing.md
 * gives the A/B measurement against a build without the checks. */
#include "bench.h"

typedef enum TraceOp { OP_GETPID, OP_WRITE, OP_OPEN_CLOSE } TraceOp;

typedef struct TraceCtx {
    Bench *b;
    uint64_t iters, base_iters;
    TraceOp op;
    int null_fd;
    BenchStat off, event[3];
} TraceCtx;

static const int trace_events_per_iter[] = {1, 1, 2};
static const int trace_iter_divisor[] = {1, 2, 10}; /* keep each loop near 20 ms */

#define TRACE_CHUNKS 16

/* ns per iteration of op with tracing as it is now, over n iterations. */
static double trace_loop(TraceCtx *c, uint64_t n) {
    static const char buf[64];
    uint64_t sum = 0, t0 = bench_now_ns();
    switch (c->op) {
    case OP_GETPID:
        for (uint64_t i = 0; i < n; i++)
            sum += (uint64_t)sys_getpid().value;
        break;
    case OP_WRITE:
        for (uint64_t i = 0; i < n; i++)
            sum += (uint64_t)sys_write(c->null_fd, buf, sizeof buf).value;
        break;
    case OP_OPEN_CLOSE:
        for (uint64_t i = 0; i < n; i++) {
            SyscallResult r = sys_open("/etc/motd", AX_O_RDONLY, 0);
            sum += (uint64_t)sys_close((int)r.value).value;
        }
        break;
    }
    uint64_t t1 = bench_now_ns();
    bench_keep(sum);
    return (double)(t1 - t0) / (double)n;
}

/* The median chunk with tracing off; with on_out, also the median of
 * the differences on - off between chunks taken in turn. -1 if tracing
 * cannot start. */
static double trace_chunks(TraceCtx *c, double *on_out) {
    uint64_t n = c->iters / TRACE_CHUNKS + 1;
    double off[TRACE_CHUNKS], diff[TRACE_CHUNKS];
    for (int i = 0; i < TRACE_CHUNKS; i++) {
        sys_trace_disable();
        off[i] = trace_loop(c, n);
        if (!on_out)
            continue;
        if (sys_trace_enable().error != AX_OK)
            return -1;
        diff[i] = trace_loop(c, n) - off[i];
    }
    sys_trace_disable();
    if (on_out)
        *on_out = bench_stat(diff, TRACE_CHUNKS).median;
    return bench_stat(off, TRACE_CHUNKS).median;
}

static double rep_off(void *ud) {
    return trace_chunks(ud, NULL);
}

/* Recording cost per event: on minus off. Noise can make a difference
 * come out below zero; that reads as "no measurable cost". */
static double rep_event(void *ud) {
    TraceCtx *c = ud;
    double diff;
    if (trace_chunks(c, &diff) < 0)
        return -1;
    double per_event = diff / trace_events_per_iter[c->op];
    return per_event > 0 ? per_event : 0;
}

static int prog_trace(int argc, char **argv) {
    TraceCtx *c = bench_task_ud(argc, argv);
    c->null_fd = (int)sys_open("/dev/null", AX_O_WRONLY, 0).value;
    if (c->null_fd < 0)
        return 1;
    c->op = OP_GETPID;
    if (bench_measure(c->b, rep_off, c, &c->off) != 0)
        return 1;
    for (int op = OP_GETPID; op <= OP_OPEN_CLOSE; op++) {
        c->op = (TraceOp)op;
        c->iters = c->base_iters / trace_iter_divisor[op] + 1;
        if (bench_measure(c->b, rep_event, c, &c->event[op]) != 0)
            return 1;
    }
    return 0;
}

void bench_trace(Bench *b) {
    uint64_t iters = bench_iters(b, 2000000, 1000);
    TraceCtx c = {.b = b, .iters = iters, .base_iters = iters};
    const BenchProgram prog = {"/bench/trace", prog_trace};
    if (bench_kernel_run(NULL, &prog, 1, 0, &c) != 0) {
        bench_fail(b, "trace_event_getpid", "the measuring program failed");
        return;
    }
    bench_report(b, &(BenchFigure){.name = "trace_off_getpid",
                                   .label = "sys_getpid, tracing off",
                                   .unit = "ns",
                                   .better = BENCH_LOWER,
                                   .axos = c.off,
                                   .note = "disabled tracing is two loads and two untaken "
                                           "branches per call; see docs/tracing.md"});
    static const char *const names[] = {"trace_event_getpid", "trace_event_write64",
                                        "trace_event_open_close"};
    static const char *const labels[] = {"per event: getpid", "per event: write 64 B",
                                         "per event: open + close (a path)"};
    for (int op = OP_GETPID; op <= OP_OPEN_CLOSE; op++)
        bench_report(b, &(BenchFigure){.name = names[op],
                                       .label = labels[op],
                                       .unit = "ns",
                                       .better = BENCH_LOWER,
                                       .axos = c.event[op],
                                       .has_target = 1,
                                       .target = 30});
}
