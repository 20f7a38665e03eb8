/* switch: two tasks hand the CPU back and forth with sys_yield (each
 * yield is one task switch, through dispatch and the scheduler), against
 * two glibc ucontexts doing the same with swapcontext, and against a bare
 * stack switch with no kernel: the least any switch costs on this machine
 * (which itself moves by several ns from one period to the next on the
 * shared VMs these run on; docs/benchmarks.md).
 *
 * Two shapes, both measured on both sides:
 *   - same code: two instances of one program, so both stacks hold the same
 *     return addresses and the CPU predicts every return after a switch;
 *   - two programs: the measuring task against another program, so each
 *     switch also pays one mispredicted return (a few ns on x86-64). */
#include <stdlib.h>
#include <ucontext.h>

#include "bench.h"

typedef struct SwitchCtx {
    Bench *b;
    uint64_t iters;   /* round trips per repetition: two switches each */
    uint64_t elapsed; /* ns, from the timed instance of the same-code pair */
    BenchStat same, two, bare;
    ucontext_t uc[2];
    void *stack;
    void *bare_sp[2]; /* the bare switch's saved stack pointers: host, coroutine */
} SwitchCtx;

/* argv: path, ud, and "timed" for the instance that keeps the time */
static int prog_yielder(int argc, char **argv) {
    SwitchCtx *c = bench_task_ud(argc, argv);
    int timed = argc > 2;
    sys_yield(); /* both instances have started: the loop is all switches */
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        sys_yield();
    if (timed)
        c->elapsed = bench_now_ns() - t0;
    return 0;
}

static int spawn_yielder(void *ud, int timed) {
    char arg[32];
    snprintf(arg, sizeof arg, "%p", ud);
    char *argv[] = {"/bench/yielder", arg, timed ? "timed" : NULL, NULL};
    SyscallResult r = sys_spawn(argv[0], argv, NULL, NULL);
    return r.error == AX_OK ? (int)r.value : -1;
}

static int reap(int pid) {
    int st;
    return pid > 0 && sys_waitpid(pid, &st, 0).error == AX_OK && st == 0 ? 0 : -1;
}

static double rep_same_code(void *ud) {
    SwitchCtx *c = ud;
    c->elapsed = 0;
    int a = spawn_yielder(ud, 1), b = spawn_yielder(ud, 0);
    if ((reap(a) | reap(b)) != 0 || c->elapsed == 0)
        return -1;
    return (double)c->elapsed / (2.0 * (double)c->iters);
}

/* The partner is spawned first and runs at the first yield; from then on
 * every yield of one task switches to the other. */
static double rep_two_programs(void *ud) {
    SwitchCtx *c = ud;
    int pid = spawn_yielder(ud, 0);
    sys_yield(); /* let the partner start: its first switch in is not timed */
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        sys_yield();
    uint64_t t1 = bench_now_ns();
    if (reap(pid) != 0)
        return -1;
    return (double)(t1 - t0) / (2.0 * (double)c->iters);
}

/* ---- host: a bare stack switch ---- */

#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define BARE_SWITCH 1
/* The least a switch between two stacks can be: the System V callee-saved
 * registers pushed, the stack pointer saved in *save_sp and load_sp
 * loaded, the other side's registers popped, ret. Unlike axos's switch it
 * keeps no floating-point control words: it is the floor, not a rival.
 * (Not under ASan, which must be told of every stack switch.) */
__attribute__((naked, noinline)) static void bare_swap(void **save_sp, void *load_sp) {
    __asm__("push %rbp\n\tpush %rbx\n\tpush %r12\n\tpush %r13\n\tpush %r14\n\tpush %r15\n\t"
            "mov %rsp, (%rdi)\n\tmov %rsi, %rsp\n\t"
            "pop %r15\n\tpop %r14\n\tpop %r13\n\tpop %r12\n\tpop %rbx\n\tpop %rbp\n\tret");
}

/* Both sides run this loop (the same-code shape: every return after a
 * switch is predicted). */
static __attribute__((noinline)) void bare_loop(void **me, void *const *other, uint64_t n) {
    for (uint64_t i = 0; i < n; i++)
        bare_swap(me, *other);
}

/* The coroutine's entry takes no arguments: the context it works for is
 * handed over here, set just before its first switch in. */
static SwitchCtx *bare_ctx;

static void bare_entry(void) {
    SwitchCtx *c = bare_ctx;
    for (;;)
        bare_loop(&c->bare_sp[1], &c->bare_sp[0], c->iters);
}

static double rep_bare(void *ud) {
    SwitchCtx *c = ud;
    /* A fresh frame at the top of the coroutine's stack, as bare_swap
     * leaves one: six registers, then the return address. After the ret
     * the stack pointer is 8 off a 16-byte boundary, as after a call. */
    uintptr_t top = ((uintptr_t)c->stack + 64 * 1024) & ~(uintptr_t)15;
    void **frame = (void **)top - 8;
    for (int i = 0; i < 6; i++)
        frame[i] = NULL;
    frame[6] = (void *)(uintptr_t)bare_entry;
    frame[7] = NULL;
    c->bare_sp[1] = frame;
    bare_ctx = c;
    bare_swap(&c->bare_sp[0], c->bare_sp[1]); /* the coroutine starts, untimed */
    uint64_t t0 = bench_now_ns();
    bare_loop(&c->bare_sp[0], &c->bare_sp[1], c->iters);
    uint64_t t1 = bench_now_ns();
    /* the coroutine stays parked in bare_swap; the next repetition resets it */
    return (double)(t1 - t0) / (2.0 * (double)c->iters);
}
#endif

static int prog_switch(int argc, char **argv) {
    SwitchCtx *c = bench_task_ud(argc, argv);
#ifdef BARE_SWITCH
    /* right before the figure it is read against, as the machine's speed
     * moves from one period to the next (from inside this task: nothing
     * else runs while it switches to its own coroutine and back) */
    if (c->stack && bench_measure(c->b, rep_bare, c, &c->bare) != 0)
        return 1;
#endif
    if (bench_measure(c->b, rep_same_code, c, &c->same) != 0)
        return 1;
    return bench_measure(c->b, rep_two_programs, c, &c->two) == 0 ? 0 : 1;
}

/* ---- host: swapcontext ---- */

static void host_loop(SwitchCtx *c, int me) {
    for (uint64_t i = 0; i < c->iters; i++)
        swapcontext(&c->uc[me], &c->uc[!me]);
}

/* makecontext passes ints only: the context pointer comes in two halves.
 * same != 0: the coroutine runs host_loop as the main side does. */
static void host_co(unsigned hi, unsigned lo, int same) {
    SwitchCtx *c = (SwitchCtx *)(uintptr_t)(((uint64_t)hi << 32) | lo);
    if (same)
        host_loop(c, 1);
    for (;;)
        swapcontext(&c->uc[1], &c->uc[0]);
}

static int host_start(SwitchCtx *c, int same) {
    size_t size = 64 * 1024;
    if (getcontext(&c->uc[1]) != 0)
        return -1;
    c->uc[1].uc_stack.ss_sp = c->stack;
    c->uc[1].uc_stack.ss_size = size;
    c->uc[1].uc_link = NULL;
    uint64_t addr = (uint64_t)(uintptr_t)c;
    makecontext(&c->uc[1], (void (*)(void))host_co, 3, (unsigned)(addr >> 32), (unsigned)addr,
                same);
    swapcontext(&c->uc[0], &c->uc[1]); /* the coroutine's first entry, untimed */
    return 0;
}

static double rep_host(SwitchCtx *c, int same) {
    if (host_start(c, same) != 0)
        return -1;
    uint64_t t0 = bench_now_ns();
    host_loop(c, 0);
    uint64_t t1 = bench_now_ns();
    /* the coroutine stays parked in swapcontext; the next start resets it */
    return (double)(t1 - t0) / (2.0 * (double)c->iters);
}

static double rep_host_same(void *ud) {
    return rep_host(ud, 1);
}

static double rep_host_two(void *ud) {
    return rep_host(ud, 0);
}

void bench_switch(Bench *b) {
    SwitchCtx c = {.b = b, .iters = bench_iters(b, 60000, 1000), .stack = malloc(64 * 1024)};
    const BenchProgram progs[] = {{"/bench/switch", prog_switch},
                                  {"/bench/yielder", prog_yielder}};
    if (bench_kernel_run(NULL, progs, 2, 0, &c) != 0) {
        bench_fail(b, "switch_yield", "the measuring program failed");
        free(c.stack);
        return;
    }
    BenchFigure same = {.name = "switch_yield",
                        .label = "yield ping-pong, per switch",
                        .unit = "ns",
                        .better = BENCH_LOWER,
                        .axos = c.same,
                        .has_target = 1,
                        .target = 15,
                        .note = "two instances of one program; swapcontext likewise"};
    BenchFigure two = {.name = "switch_yield_2prog",
                       .label = "yield ping-pong, two programs",
                       .unit = "ns",
                       .better = BENCH_LOWER,
                       .axos = c.two,
                       .note = "each switch also mispredicts one return; swapcontext likewise"};
    c.iters = bench_iters(b, 5000, 1000);
    if (c.stack) {
        bench_measure(b, rep_host_same, &c, &same.host);
        bench_measure(b, rep_host_two, &c, &two.host);
    }
    free(c.stack);
    bench_report(b, &same);
    bench_report(b, &two);
#ifdef BARE_SWITCH
    /* the same axos figure, read against the bare switch */
    BenchFigure bare = {.name = "switch_yield_bare",
                        .label = "yield ping-pong vs bare switch",
                        .unit = "ns",
                        .better = BENCH_LOWER,
                        .axos = c.same,
                        .host = c.bare,
                        .note = "host: a bare stack switch (registers and stack pointer, no "
                                "kernel), measured just before"};
    if (bare.host.n > 0)
        bench_report(b, &bare);
#else
    bench_skip(b, "switch_yield_bare", "the bare switch is x86-64 only, and not under ASan");
#endif
}
