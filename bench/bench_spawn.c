/* spawn: start a trivial program, let it exit, reap it; against
 * posix_spawn + waitpid of /bin/true on the host (which execs a real
 * binary: not like for like, it loads a program from disk).
 *
 * Warm, the steady state: each spawn takes the stack the last one freed.
 * Cold: in a fresh kernel, 1,000 tasks are started and stay blocked, so
 * each takes a stack never used before (slabs mapped, guard pages put,
 * first pages faulted in): what starting a new task costs when the pool
 * has nothing ready. */
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

extern char **environ;

typedef struct SpawnCtx {
    Bench *b;
    uint64_t iters;
    BenchStat axos;
    uint64_t cold_ns; /* one cold repetition: ns for cold_n spawns */
    uint64_t cold_n;
} SpawnCtx;

static int prog_block(int argc, char **argv) {
    char ch;
    sys_read(0, &ch, 1); /* until the write end closes */
    return 0;
}

/* cold_n spawns of a program that blocks, each on a new stack; timed
 * from the first spawn until all have run to their read. */
static int prog_cold(int argc, char **argv) {
    SpawnCtx *c = bench_task_ud(argc, argv);
    int fds[2];
    if (sys_pipe(fds).error != AX_OK)
        return 1;
    char *av[] = {"/bench/block", NULL};
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->cold_n; i++)
        if (bench_spawn_io(av[0], av, fds[0], -1, fds, 2) < 0)
            return 1;
    sys_yield(); /* each runs until it blocks */
    c->cold_ns = bench_now_ns() - t0;
    sys_close(fds[0]);
    sys_close(fds[1]);
    for (uint64_t i = 0; i < c->cold_n; i++)
        if (sys_waitpid(-1, NULL, 0).error != AX_OK)
            return 1;
    return 0;
}

static int prog_true(int argc, char **argv) {
    return 0;
}

static double rep_spawn(void *ud) {
    SpawnCtx *c = ud;
    char *argv[] = {"/bench/true", NULL};
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++) {
        SyscallResult r = sys_spawn(argv[0], argv, NULL, NULL);
        int st;
        if (r.error != AX_OK || sys_waitpid((int)r.value, &st, 0).error != AX_OK || st != 0)
            return -1;
    }
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

static int prog_spawner(int argc, char **argv) {
    SpawnCtx *c = bench_task_ud(argc, argv);
    return bench_measure(c->b, rep_spawn, c, &c->axos) == 0 ? 0 : 1;
}

static double rep_host_spawn(void *ud) {
    SpawnCtx *c = ud;
    char *argv[] = {"true", NULL};
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++) {
        pid_t pid;
        int st;
        if (posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ) != 0 ||
            waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            return -1;
    }
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

void bench_spawn(Bench *b) {
    SpawnCtx c = {.b = b, .iters = bench_iters(b, 2000, 100)};
    const BenchProgram progs[] = {{"/bench/spawner", prog_spawner}, {"/bench/true", prog_true}};
    if (bench_kernel_run(NULL, progs, 2, 0, &c) != 0) {
        bench_fail(b, "spawn", "the measuring program failed");
        return;
    }
    BenchFigure f = {.name = "spawn_wait",
                     .label = "spawn + exit + waitpid",
                     .unit = "ns",
                     .better = BENCH_LOWER,
                     .axos = c.axos,
                     .has_target = 1,
                     .target = 2000};
    c.iters = bench_iters(b, 3, 3);
    if (bench_measure(b, rep_host_spawn, &c, &f.host) != 0)
        fprintf(stderr, "bench spawn: posix_spawn of /bin/true failed; no host figure\n");
    bench_report(b, &f);

    /* cold: a fresh kernel each repetition, so no stack is ready */
    int reps = bench_reps(b);
    double cold[BENCH_MAX_REPS];
    c.cold_n = bench_iters(b, 1000, 10);
    const BenchProgram cold_progs[] = {{"/bench/cold", prog_cold}, {"/bench/block", prog_block}};
    for (int i = 0; i < reps; i++) {
        if (bench_kernel_run(NULL, cold_progs, 2, 0, &c) != 0) {
            bench_fail(b, "spawn_cold", "the measuring program failed");
            return;
        }
        cold[i] = (double)c.cold_ns / (double)c.cold_n;
    }
    bench_report(b, &(BenchFigure){.name = "spawn_cold",
                                   .label = "spawn on a new stack, run to block",
                                   .unit = "ns",
                                   .better = BENCH_LOWER,
                                   .axos = bench_stat(cold, reps),
                                   .note = "1,000 tasks kept alive in a fresh kernel: no stack "
                                           "is reused; default 256 KiB stacks"});
}
