/* sort: `sort -n` of 1,000,000 numeric lines in random order, axos's
 * sort against the host's (GNU coreutils). The same bytes on both sides:
 * a file in axos's filesystem, a file in the host's temporary directory.
 * The host's sort is a whole process (its exec included) and may use
 * both cores (GNU sort sorts in parallel threads); axos's runs inside an
 * already booted kernel (its boot, ~2 ms, left out) on one. Output goes
 * to /dev/null on both sides. Runs alternate; each figure is the median. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

extern char **environ;

typedef struct SortCtx {
    char *data; /* the lines */
    size_t len;
} SortCtx;

/* Writes the lines to /tmp/nums inside axos. */
static int prog_setup(int argc, char **argv) {
    SortCtx *c = bench_task_ud(argc, argv);
    SyscallResult r = sys_open("/tmp/nums", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644);
    if (r.error != AX_OK)
        return 1;
    int fd = (int)r.value;
    for (size_t off = 0; off < c->len;) {
        SyscallResult w = sys_write(fd, c->data + off, c->len - off);
        if (w.error != AX_OK)
            return 1;
        off += (size_t)w.value;
    }
    sys_close(fd);
    return 0;
}

static double run_axos(Kernel *k) {
    char *argv[] = {"sort", "-n", "/tmp/nums", "-o", "/dev/null", NULL};
    uint64_t t0 = bench_now_ns();
    SyscallResult r = kernel_spawn(k, "/bin/sort", argv);
    int st = -1;
    if (r.error != AX_OK || kernel_wait(k, (int)r.value, &st) != 0 || st != 0)
        return -1;
    return (double)(bench_now_ns() - t0);
}

static double run_host(const char *path) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    char *argv[] = {"sort", "-n", (char *)path, NULL};
    pid_t pid;
    int st = -1;
    uint64_t t0 = bench_now_ns();
    int err = posix_spawnp(&pid, "sort", &fa, NULL, argv, environ);
    if (!err)
        waitpid(pid, &st, 0);
    uint64_t t1 = bench_now_ns();
    posix_spawn_file_actions_destroy(&fa);
    return !err && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? (double)(t1 - t0) : -1;
}

void bench_sort(Bench *b) {
    size_t nlines = bench_iters(b, 1000000, 1000);
    SortCtx c = {.data = malloc(nlines * 12)};
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < nlines; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        c.len += (size_t)sprintf(c.data + c.len, "%u\n", (unsigned)(s % 1000000000u));
    }
    char path[] = "/tmp/axos-bench-sort-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, c.data, c.len) != (ssize_t)c.len) {
        bench_fail(b, "sort_n", "cannot write the host's input file");
        free(c.data);
        return;
    }
    close(fd);
    Kernel *k = kernel_create(NULL);
    char arg[32];
    snprintf(arg, sizeof arg, "%p", (void *)&c);
    int st = -1;
    if (k && kernel_install_userland(k) >= 0 &&
        kernel_install_program(k, "/bench/setup", prog_setup) >= 0) {
        SyscallResult r = kernel_spawn(k, "/bench/setup", (char *[]){"/bench/setup", arg, NULL});
        if (r.error == AX_OK)
            kernel_wait(k, (int)r.value, &st);
    }
    int reps = bench_reps(b);
    double ax[BENCH_MAX_REPS], host[BENCH_MAX_REPS];
    int nhost = 0;
    for (int i = 0; i < reps && st == 0; i++) {
        if ((ax[i] = run_axos(k)) < 0)
            st = -1;
        double h = run_host(path);
        if (h >= 0)
            host[nhost++] = h;
    }
    unlink(path);
    free(c.data);
    kernel_destroy(k);
    if (st != 0) {
        bench_fail(b, "sort_n", "axos's sort failed");
        return;
    }
    BenchFigure f = {.name = "sort_n",
                     .label = "sort -n of 1,000,000 random numbers",
                     .unit = "ns",
                     .better = BENCH_LOWER,
                     .axos = bench_stat(ax, reps),
                     .host = bench_stat(host, nhost),
                     .has_target = 1,
                     .target = 1,
                     .target_vs_host = 1,
                     .note = nlines == 1000000 ? "host: GNU sort, a whole process, threads on both "
                                                 "cores; axos: one task, kernel already booted"
                                               : "scaled run: not 1,000,000 lines"};
    bench_report(b, &f);
}
