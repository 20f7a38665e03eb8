/* posix: programs built with the POSIX layer (bench/posix_prog.c, a plain
 * POSIX program loaded with kernel_load_program).
 *
 *   write, read:  one byte to /dev/null, from /dev/zero, through the
 *                 layer's write() and read(); the extra figures are the
 *                 same loops minus sys_write / sys_read called directly
 *                 by the same program in the same repetition (budget:
 *                 +10 ns). The host figure is write(2) / read(2).
 *   malloc+free:  the layer's malloc and free (ulib's allocator), sizes
 *                 16..512, against the host's (budget: no more than it).
 *   spawn:        posix_spawn + waitpid of a loaded program from a
 *                 loaded program: a copy of the program is reset and
 *                 reused each time. The host spawns /bin/true.
 *   load:         kernel_load_program: read, check, and the first copy
 *                 (dlopen of a private memfd).
 *
 * The program times itself (clock_gettime in a kernel on the host
 * clock) and prints its repetitions; so these figures miss the harness's
 * check for preempted repetitions. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include "bench.h"
#include "heap_pair.h"

extern char **environ;

#define PROG "/bin/pxbench"

/* Run the program with mode, reps and iters in a fresh kernel on the host
 * clock; its output (one line per repetition) into out. 0 or -1. */
static int run_prog(const char *mode, int reps, uint64_t iters, char *out, size_t size) {
    KernelConfig cfg = {.clock = AX_CLOCK_HOST};
    Kernel *k = kernel_create(&cfg);
    if (!k)
        return -1;
    kernel_console_set_terminal(k, 0);
    int r = -1;
    if (kernel_load_program(k, PROG, AXOS_BENCH_POSIX_PROG) == 0) {
        char rs[16], is[32];
        snprintf(rs, sizeof rs, "%d", reps);
        snprintf(is, sizeof is, "%llu", (unsigned long long)iters);
        char *argv[] = {PROG, (char *)mode, rs, is, NULL};
        SyscallResult sp = kernel_spawn(k, PROG, argv);
        int st;
        if (sp.error == AX_OK && kernel_wait(k, (int)sp.value, &st) == 0 && st == 0) {
            size_t n = kernel_console_take_output(k, out, size - 1);
            out[n] = '\0';
            r = 0;
        }
    } else {
        fprintf(stderr, "bench posix: %s\n", kernel_load_error(k));
    }
    kernel_destroy(k);
    return r;
}

/* Column col of each line of out, as a BenchStat. */
static BenchStat column(const char *out, int col, int sub) {
    double v[BENCH_MAX_REPS];
    int n = 0;
    for (const char *line = out; *line && n < BENCH_MAX_REPS; line = strchr(line, '\n') + 1) {
        double f[4] = {0};
        sscanf(line, "%lf %lf %lf %lf", &f[0], &f[1], &f[2], &f[3]);
        v[n++] = sub >= 0 ? f[col] - f[sub] : f[col];
        if (!strchr(line, '\n'))
            break;
    }
    return bench_stat(v, n);
}

typedef struct HostCtx {
    uint64_t iters;
    int fd;
} HostCtx;

static double rep_host_write(void *ud) {
    HostCtx *c = ud;
    char ch = 'x';
    uint64_t sum = 0, t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        sum += (uint64_t)write(c->fd, &ch, 1);
    bench_keep(sum);
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

static double rep_host_read(void *ud) {
    HostCtx *c = ud;
    char ch;
    uint64_t sum = 0, t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++)
        sum += (uint64_t)read(c->fd, &ch, 1);
    bench_keep(sum);
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

static double rep_host_malloc(void *ud) {
    HostCtx *c = ud;
    uint64_t t0 = bench_now_ns();
    BENCH_HEAP_PAIR_LOOP(c->iters, malloc, free, bench_keep);
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

static double rep_host_spawn(void *ud) {
    HostCtx *c = ud;
    char *argv[] = {"true", NULL};
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->iters; i++) {
        pid_t pid;
        int st;
        if (posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ) != 0 || waitpid(pid, &st, 0) != pid)
            return -1;
    }
    return (double)(bench_now_ns() - t0) / (double)c->iters;
}

static double rep_load(void *ud) {
    (void)ud;
    Kernel *k = kernel_create(NULL);
    if (!k)
        return -1;
    uint64_t t0 = bench_now_ns();
    int r = kernel_load_program(k, PROG, AXOS_BENCH_POSIX_PROG);
    uint64_t t1 = bench_now_ns();
    kernel_destroy(k);
    return r == 0 ? (double)(t1 - t0) / 1000.0 : -1;
}

static void report(Bench *b, const char *name, const char *label, const char *unit, BenchStat axos,
                   BenchStat host, double target, int vs_host, const char *note) {
    BenchFigure f = {.name = name, .label = label, .unit = unit, .better = BENCH_LOWER,
                     .axos = axos, .host = host, .has_target = target > 0, .target = target,
                     .target_vs_host = vs_host, .note = note};
    bench_report(b, &f);
}

void bench_posix(Bench *b) {
    int reps = bench_reps(b);
    char out[8192];
    HostCtx h = {.iters = bench_iters(b, 20000, 100)};
    BenchStat none = {0};

    if (run_prog("io", reps, bench_iters(b, 200000, 1000), out, sizeof out) != 0) {
        bench_fail(b, "posix_write", "the program failed");
        return;
    }
    BenchStat hw = {0}, hr = {0};
    h.fd = open("/dev/null", O_WRONLY);
    bench_measure(b, rep_host_write, &h, &hw);
    close(h.fd);
    h.fd = open("/dev/zero", O_RDONLY);
    bench_measure(b, rep_host_read, &h, &hr);
    close(h.fd);
    report(b, "posix_write", "write() to /dev/null via the layer", "ns", column(out, 0, -1), hw, 0, 0,
           NULL);
    report(b, "posix_write_extra", "  of which over sys_write", "ns", column(out, 0, 1), none, 10, 0,
           NULL);
    report(b, "posix_read", "read() of /dev/zero via the layer", "ns", column(out, 2, -1), hr, 0, 0,
           NULL);
    report(b, "posix_read_extra", "  of which over sys_read", "ns", column(out, 2, 3), none, 10, 0,
           NULL);

    if (run_prog("malloc", reps, bench_iters(b, 1000000, 1000), out, sizeof out) != 0) {
        bench_fail(b, "posix_malloc", "the program failed");
        return;
    }
    BenchStat hm = {0};
    h.iters = bench_iters(b, 1000000, 1000);
    bench_measure(b, rep_host_malloc, &h, &hm);
    report(b, "posix_malloc", "malloc+free pair, 16..512 bytes", "ns", column(out, 0, -1), hm, 1, 1,
           NULL);

    if (run_prog("spawn", reps, bench_iters(b, 2000, 10), out, sizeof out) != 0) {
        bench_fail(b, "posix_spawn", "the program failed");
        return;
    }
    BenchStat hs = {0};
    h.iters = bench_iters(b, 200, 5);
    bench_measure(b, rep_host_spawn, &h, &hs);
    report(b, "posix_spawn", "posix_spawn+waitpid, loaded program", "ns", column(out, 0, -1), hs, 0,
           0, "the host spawns /bin/true (a real exec: not like for like)");

    BenchStat ld = {0};
    if (bench_measure(b, rep_load, NULL, &ld) != 0)
        bench_fail(b, "posix_load", "kernel_load_program failed");
    else
        report(b, "posix_load", "kernel_load_program (check + first copy)", "us", ld, none, 0, 0,
               NULL);
}
