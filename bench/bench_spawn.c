/* spawn: start a trivial program, let it exit, reap it; against
 * posix_spawn + waitpid of /bin/true on the host. */
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

extern char **environ;

typedef struct SpawnCtx {
    Bench *b;
    uint64_t iters;
    BenchStat axos;
} SpawnCtx;

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
}
