/* scale: 100,000 live tasks in one kernel. Each task is a process blocked
 * in read() on a pipe, the way an idle program waits; the figures are the
 * time to create them (spawn, then each runs until it blocks), the host
 * memory each one costs, and the time to end them all (EOF, exit, reap).
 * Stacks are the default size (256 KiB), as the budget says. */
#include <malloc.h>
#include <stdlib.h>

#include "bench.h"

typedef struct ScaleCtx {
    Bench *b;
    uint64_t target;    /* tasks to create */
    uint64_t live;      /* tasks that were live at once */
    SyscallError err;   /* why spawning stopped early, or AX_OK */
    int64_t heap_bytes; /* kernel allocations now live (the counting hook) */
    uint64_t create_ns, teardown_ns;
    uint64_t rss_delta, heap_delta;
} ScaleCtx;

/* Counts the bytes the kernel has allocated (KernelConfig.alloc). */
static void *count_alloc(void *ud, void *ptr, size_t size) {
    ScaleCtx *c = ud;
    if (ptr)
        c->heap_bytes -= (int64_t)malloc_usable_size(ptr);
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    void *p = realloc(ptr, size);
    if (p)
        c->heap_bytes += (int64_t)malloc_usable_size(p);
    else if (ptr)
        c->heap_bytes += (int64_t)malloc_usable_size(ptr); /* the old block stays */
    return p;
}

static int prog_idle(int argc, char **argv) {
    char ch;
    sys_read(0, &ch, 1); /* blocks until every write end is closed */
    return 0;
}

static int prog_scale(int argc, char **argv) {
    ScaleCtx *c = bench_task_ud(argc, argv);
    int fds[2];
    if (sys_pipe(fds).error != AX_OK)
        return 1;
    char *av[] = {"/bench/idle", NULL};

    uint64_t rss0 = bench_rss_bytes();
    int64_t heap0 = c->heap_bytes;
    uint64_t t0 = bench_now_ns();
    for (c->live = 0; c->live < c->target; c->live++) {
        int pid = bench_spawn_io(av[0], av, fds[0], -1, fds, 2);
        if (pid < 0) {
            c->err = (SyscallError)-pid;
            break;
        }
    }
    sys_yield(); /* every child runs now, up to its blocking read */
    c->create_ns = bench_now_ns() - t0;
    c->rss_delta = bench_rss_bytes() - rss0;
    c->heap_delta = (uint64_t)(c->heap_bytes - heap0);
    /* all of them really are there: init, this one and the children (a
     * one-entry buffer: proclist(NULL, 0) trips UBSan in qsort for now) */
    ProcInfo one;
    int bad = sys_proclist(&one, 1).value != (int64_t)c->live + 2;

    t0 = bench_now_ns();
    sys_close(fds[0]);
    sys_close(fds[1]);
    for (uint64_t i = 0; i < c->live; i++) {
        int st;
        if (sys_waitpid(-1, &st, 0).error != AX_OK || st != 0)
            bad = 1;
    }
    c->teardown_ns = bench_now_ns() - t0;
    return bad;
}

void bench_scale(Bench *b) {
    int reps = bench_reps(b);
    double create[BENCH_MAX_REPS], teardown[BENCH_MAX_REPS];
    ScaleCtx first = {0};
    for (int i = 0; i < reps; i++) {
        ScaleCtx c = {.b = b, .target = bench_iters(b, 100000, 100)};
        KernelConfig cfg = {.alloc = count_alloc, .alloc_ud = &c}; /* the default stack size */
        const BenchProgram progs[] = {{"/bench/scale", prog_scale}, {"/bench/idle", prog_idle}};
        if (bench_kernel_run(&cfg, progs, 2, 0, &c) != 0 || c.live == 0) {
            bench_fail(b, "scale", "the measuring program failed");
            return;
        }
        create[i] = (double)c.create_ns / (double)c.live;
        teardown[i] = (double)c.teardown_ns / (double)c.live;
        if (i == 0)
            first = c; /* memory: the first kernel only, before the host heap is warm */
    }
    char note[200] = "";
    if (first.err != AX_OK)
        snprintf(note, sizeof note, "spawn failed with %s after %llu tasks",
                 sys_errname(first.err), (unsigned long long)first.live);
    else if (first.target != 100000)
        snprintf(note, sizeof note, "scaled run: %llu tasks, not 100,000",
                 (unsigned long long)first.target);
    BenchStat one = {(double)first.live, (double)first.live, (double)first.live, 1};
    BenchFigure f[] = {
        {.name = "scale_live_tasks", .label = "live tasks reached", .unit = "count",
         .better = BENCH_HIGHER, .axos = one, .has_target = 1, .target = (double)first.target,
         .note = note[0] ? note : NULL},
        {.name = "scale_create", .label = "create a task (spawn, run to block)", .unit = "ns",
         .axos = bench_stat(create, reps)},
        {.name = "scale_teardown", .label = "end a task (EOF, exit, reap)", .unit = "ns",
         .axos = bench_stat(teardown, reps)},
        {.name = "scale_rss_per_task", .label = "host RSS per live task", .unit = "bytes",
         .axos = {(double)first.rss_delta / (double)first.live, 0, 0, 1},
         .note = "default 256 KiB stacks; RSS from /proc/self/statm, first repetition"},
        {.name = "scale_kheap_per_task", .label = "kernel heap per live task", .unit = "bytes",
         .axos = {(double)first.heap_delta / (double)first.live, 0, 0, 1}},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        if (f[i].axos.min == 0 && f[i].axos.max == 0)
            f[i].axos.min = f[i].axos.max = f[i].axos.median;
        bench_report(b, &f[i]);
    }
}
