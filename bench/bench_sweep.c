/* sweep: seeds per second of a simulation sweep's inner loop, on one
 * core: a fresh kernel per seed (virtual clock, random scheduling, an
 * empty fault plan), a small scenario of 3 processes and about 1,000
 * syscalls, the kernel destroyed. Beside it, the host running the same
 * scenario as real processes (fork, a pipe, the same calls), once per
 * "seed". What axos sweep adds around this (its worker pipes, one JSON
 * line per seed) is not in the figure. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define SWEEP_MSGS 240 /* each message: a write and a read, plus getpids */

/* The scenario's three processes: main spawns a producer and a consumer
 * joined by a pipe and waits for both. */
static int sw_producer(int argc, char **argv) {
    char msg[16] = "0123456789abcde";
    for (int i = 0; i < SWEEP_MSGS; i++) {
        sys_write(1, msg, sizeof msg);
        sys_getpid();
    }
    return 0;
}

static int sw_consumer(int argc, char **argv) {
    char buf[16];
    uint64_t got = 0;
    for (;;) {
        SyscallResult r = sys_read(0, buf, sizeof buf);
        if (r.error || r.value == 0)
            break;
        got += (uint64_t)r.value;
        sys_getpid();
    }
    return got == SWEEP_MSGS * 16 ? 0 : 1;
}

static int sw_main(int argc, char **argv) {
    int p[2];
    if (sys_pipe(p).error)
        return 1;
    int cl[2] = {p[0], p[1]};
    int a = bench_spawn_io("/bin/producer", (char *[]){"producer", NULL}, -1, p[1], cl, 2);
    int b = bench_spawn_io("/bin/consumer", (char *[]){"consumer", NULL}, p[0], -1, cl, 2);
    sys_close(p[0]);
    sys_close(p[1]);
    int sa = 1, sb = 1;
    if (a > 0)
        sys_waitpid(a, &sa, 0);
    if (b > 0)
        sys_waitpid(b, &sb, 0);
    return sa == 0 && sb == 0 ? 0 : 1;
}

typedef struct SweepCtx {
    uint64_t seeds, next_seed;
    uint64_t syscalls; /* of the last seed */
} SweepCtx;

/* One seed, as axos sweep's worker runs it. */
static int sw_seed(SweepCtx *c) {
    KernelConfig cfg = {.seed = ++c->next_seed, .sched = AX_SCHED_RANDOM,
                        .window_backend = AX_WINDOW_NONE};
    Kernel *k = kernel_create(&cfg);
    if (!k || kernel_install_program(k, "/bin/main", sw_main) < 0 ||
        kernel_install_program(k, "/bin/producer", sw_producer) < 0 ||
        kernel_install_program(k, "/bin/consumer", sw_consumer) < 0) {
        kernel_destroy(k);
        return -1;
    }
    SyscallResult r = kernel_spawn(k, "/bin/main", (char *[]){"main", NULL});
    int st = -1;
    if (r.error || kernel_wait(k, (int)r.value, &st) < 0 || st != 0) {
        kernel_destroy(k);
        return -1;
    }
    TraceSummary ts;
    kernel_trace_summary(k, &ts);
    c->syscalls = 0;
    for (size_t i = 0; i < AX_SYS_COUNT; i++)
        c->syscalls += ts.syscalls[i].calls;
    kernel_destroy(k);
    return 0;
}

static double rep_axos(void *ud) {
    SweepCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->seeds; i++)
        if (sw_seed(c) < 0)
            return -1;
    return (double)c->seeds / ((double)(bench_now_ns() - t0) * 1e-9);
}

/* The same scenario on the host: fork, a pipe, the same calls. */
static double rep_host(void *ud) {
    SweepCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->seeds; i++) {
        int p[2];
        if (pipe(p) < 0)
            return -1;
        pid_t a = fork();
        if (a == 0) {
            char msg[16] = "0123456789abcde";
            close(p[0]);
            for (int j = 0; j < SWEEP_MSGS; j++) {
                if (write(p[1], msg, sizeof msg) < 0)
                    _exit(1);
                getpid();
            }
            _exit(0);
        }
        pid_t b = fork();
        if (b == 0) {
            char buf[16];
            ssize_t n;
            close(p[1]);
            while ((n = read(p[0], buf, sizeof buf)) > 0)
                getpid();
            _exit(n == 0 ? 0 : 1);
        }
        close(p[0]);
        close(p[1]);
        int sa = 1, sb = 1;
        if (a > 0)
            waitpid(a, &sa, 0);
        if (b > 0)
            waitpid(b, &sb, 0);
        if (a < 0 || b < 0 || sa || sb)
            return -1;
    }
    return (double)c->seeds / ((double)(bench_now_ns() - t0) * 1e-9);
}

void bench_sweep(Bench *b) {
    /* a repetition of 20 seeds is ~1.5 ms: short enough for a busy host
     * to leave alone (bench.h), long enough to time */
    SweepCtx c = {.seeds = bench_iters(b, 20, 2)};
    BenchFigure f = {.name = "sweep_seeds",
                     .label = "sweep: seeds/s, one core (3 processes, ~1,000 syscalls a seed)",
                     .unit = "seeds/s",
                     .better = BENCH_HIGHER,
                     .has_target = 1,
                     .target = 10000};
    if (bench_measure(b, rep_axos, &c, &f.axos) < 0) {
        bench_fail(b, "sweep_seeds", "a seed's scenario failed");
        return;
    }
    static char note[160];
    snprintf(note, sizeof note,
             "%llu syscalls per seed; host: the same scenario as real processes (fork, pipe)",
             (unsigned long long)c.syscalls);
    f.note = note;
    c.seeds = bench_iters(b, 4, 1);
    bench_measure(b, rep_host, &c, &f.host);
    bench_report(b, &f);
}
