/* switch: two tasks hand the CPU back and forth with sys_yield (each
 * yield is one task switch, through dispatch and the scheduler), against
 * two glibc ucontexts doing the same with swapcontext. */
#include <stdlib.h>
#include <ucontext.h>

#include "bench.h"

typedef struct SwitchCtx {
    Bench *b;
    uint64_t iters; /* round trips per repetition: two switches each */
    BenchStat axos;
    ucontext_t main_uc, co_uc;
} SwitchCtx;

static int prog_yielder(int argc, char **argv) {
    SwitchCtx *c = bench_task_ud(argc, argv);
    for (uint64_t i = 0; i < c->iters; i++)
        sys_yield();
    return 0;
}

/* The partner is spawned first and runs at the first yield; from then on
 * every yield of one task switches to the other. */
static double rep_yield(void *ud) {
    SwitchCtx *c = ud;
    char *argv[] = {"/bench/yielder", (char *)NULL, NULL};
    char arg[32];
    snprintf(arg, sizeof arg, "%p", ud);
    argv[1] = arg;
    SyscallResult r = sys_spawn(argv[0], argv, NULL, NULL);
    if (r.error != AX_OK)
        return -1;
    sys_yield(); /* let the partner start: its first switch in is not timed */
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        sys_yield();
    uint64_t t1 = bench_now_ns();
    int st;
    if (sys_waitpid((int)r.value, &st, 0).error != AX_OK || st != 0)
        return -1;
    return (double)(t1 - t0) / (2.0 * (double)c->iters);
}

static int prog_switch(int argc, char **argv) {
    SwitchCtx *c = bench_task_ud(argc, argv);
    return bench_measure(c->b, rep_yield, c, &c->axos) == 0 ? 0 : 1;
}

/* ---- host: swapcontext ---- */

/* makecontext passes ints only: the context pointer comes in two halves */
static void host_co(unsigned hi, unsigned lo) {
    SwitchCtx *c = (SwitchCtx *)(uintptr_t)(((uint64_t)hi << 32) | lo);
    for (;;)
        swapcontext(&c->co_uc, &c->main_uc);
}

static double rep_swapcontext(void *ud) {
    SwitchCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        swapcontext(&c->main_uc, &c->co_uc);
    uint64_t t1 = bench_now_ns();
    return (double)(t1 - t0) / (2.0 * (double)c->iters);
}

static int host_swapcontext(Bench *b, SwitchCtx *c, BenchStat *out) {
    size_t size = 64 * 1024;
    void *stack = malloc(size);
    if (!stack || getcontext(&c->co_uc) != 0) {
        free(stack);
        return -1;
    }
    c->co_uc.uc_stack.ss_sp = stack;
    c->co_uc.uc_stack.ss_size = size;
    c->co_uc.uc_link = NULL;
    uint64_t addr = (uint64_t)(uintptr_t)c;
    makecontext(&c->co_uc, (void (*)(void))host_co, 2, (unsigned)(addr >> 32), (unsigned)addr);
    int r = bench_measure(b, rep_swapcontext, c, out);
    free(stack); /* the coroutine is parked in swapcontext: never resumed */
    return r;
}

void bench_switch(Bench *b) {
    SwitchCtx c = {.b = b, .iters = bench_iters(b, 5000000, 1000)};
    const BenchProgram progs[] = {{"/bench/switch", prog_switch},
                                  {"/bench/yielder", prog_yielder}};
    if (bench_kernel_run(NULL, progs, 2, 0, &c) != 0) {
        bench_fail(b, "switch_yield", "the measuring program failed");
        return;
    }
    BenchFigure f = {.name = "switch_yield",
                     .label = "yield ping-pong, per switch",
                     .unit = "ns",
                     .better = BENCH_LOWER,
                     .axos = c.axos,
                     .has_target = 1,
                     .target = 15};
    c.iters = bench_iters(b, 1000000, 1000);
    host_swapcontext(b, &c, &f.host);
    bench_report(b, &f);
}
