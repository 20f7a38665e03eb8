/* pipe: bulk transfer with 64 KiB writes from a writer task to a reader
 * task, and a one-byte ping-pong round trip; against a host pipe between
 * two processes (fork).
 *
 * The ping-pong is measured in the two shapes the switch figures use:
 *   - same code: both ends run one loop, so after each switch the return
 *     into the program is where the CPU predicts it (the budgeted figure);
 *   - two programs: the measuring loop against a separate echo program,
 *     so each switch also pays one mispredicted return. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define CHUNK (64 * 1024)

typedef struct PipeCtx {
    Bench *b;
    uint64_t bytes;  /* per bulk repetition */
    uint64_t trips;  /* per ping-pong repetition */
    uint64_t elapsed; /* ns, from the timed end of the same-code pair */
    BenchStat bulk, pingpong, pingpong2;
} PipeCtx;

static double gbps(uint64_t bytes, uint64_t ns) {
    return ns ? (double)bytes / (double)ns : -1; /* bytes per ns == GB/s */
}

/* ---- inside axos ---- */

static int prog_writer(int argc, char **argv) {
    PipeCtx *c = bench_task_ud(argc, argv);
    char block[CHUNK]; /* real bytes: untouched memory would all be the zero page */
    memset(block, 'x', sizeof block);
    for (uint64_t left = c->bytes; left > 0;) {
        size_t n = left < CHUNK ? (size_t)left : CHUNK;
        SyscallResult r = sys_write(1, block, n);
        if (r.error != AX_OK)
            return 1;
        left -= (uint64_t)r.value;
    }
    return 0;
}

static double rep_bulk(void *ud) {
    PipeCtx *c = ud;
    char arg[32], buf[CHUNK];
    snprintf(arg, sizeof arg, "%p", ud);
    int fds[2];
    if (sys_pipe(fds).error != AX_OK)
        return -1;
    int pid = bench_spawn_io("/bench/writer", (char *[]){"/bench/writer", arg, NULL}, -1, fds[1],
                             fds, 2);
    sys_close(fds[1]);
    /* the clock starts once data flows: the spawn is not part of it */
    SyscallResult r = sys_read(fds[0], buf, sizeof buf);
    uint64_t first = r.value > 0 ? (uint64_t)r.value : 0, got = first;
    uint64_t t0 = bench_now_ns();
    while ((r = sys_read(fds[0], buf, sizeof buf)).value > 0)
        got += (uint64_t)r.value;
    uint64_t t1 = bench_now_ns();
    sys_close(fds[0]);
    int st = -1;
    if (pid < 0 || sys_waitpid(pid, &st, 0).error != AX_OK || st != 0 || got != c->bytes)
        return -1;
    return gbps(got - first, t1 - t0);
}

/* One end of the same-code ping-pong, on fds 0 (in) and 1 (out). The
 * first end sends first; both then wait for each byte in the same read.
 * argv: path, ud, "first" or "second", and "timed" for the end that keeps
 * the time. */
static int prog_pinger(int argc, char **argv) {
    PipeCtx *c = bench_task_ud(argc, argv);
    int first = argc > 2 && strcmp(argv[2], "first") == 0, timed = argc > 3;
    char ch = 'x';
    /* one trip before the clock starts: both ends have run */
    if (first ? sys_write(1, &ch, 1).value != 1 : sys_read(0, &ch, 1).value != 1)
        return 1;
    if (first ? sys_read(0, &ch, 1).value != 1 : sys_write(1, &ch, 1).value != 1)
        return 1;
    if (!first && sys_read(0, &ch, 1).value != 1)
        return 1;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->trips; i++) {
        if (sys_write(1, &ch, 1).value != 1)
            return 1;
        if (!first && i + 1 == c->trips)
            break; /* the first end sends no more */
        if (sys_read(0, &ch, 1).value != 1)
            return 1;
    }
    if (timed)
        c->elapsed = bench_now_ns() - t0;
    return 0;
}

static double rep_pingpong(void *ud) {
    PipeCtx *c = ud;
    int to[2], from[2];
    if (sys_pipe(to).error != AX_OK || sys_pipe(from).error != AX_OK)
        return -1;
    char arg[32];
    snprintf(arg, sizeof arg, "%p", ud);
    int fds[] = {to[0], to[1], from[0], from[1]};
    c->elapsed = 0;
    int a = bench_spawn_io("/bench/pinger", (char *[]){"/bench/pinger", arg, "first", "timed", NULL},
                           from[0], to[1], fds, 4);
    int b = bench_spawn_io("/bench/pinger", (char *[]){"/bench/pinger", arg, "second", NULL}, to[0],
                           from[1], fds, 4);
    for (int i = 0; i < 4; i++)
        sys_close(fds[i]);
    int sa = -1, sb = -1;
    if (a < 0 || b < 0 || sys_waitpid(a, &sa, 0).error != AX_OK ||
        sys_waitpid(b, &sb, 0).error != AX_OK || sa != 0 || sb != 0 || c->elapsed == 0)
        return -1;
    return (double)c->elapsed / (double)c->trips;
}

static int prog_echo(int argc, char **argv) {
    char ch;
    while (sys_read(0, &ch, 1).value == 1)
        if (sys_write(1, &ch, 1).value != 1)
            return 1;
    return 0;
}

static double rep_pingpong_2prog(void *ud) {
    PipeCtx *c = ud;
    int to[2], from[2];
    if (sys_pipe(to).error != AX_OK || sys_pipe(from).error != AX_OK)
        return -1;
    int pid = bench_spawn_io("/bench/echo", (char *[]){"/bench/echo", NULL}, to[0], from[1],
                             (int[]){to[0], to[1], from[0], from[1]}, 4);
    sys_close(to[0]);
    sys_close(from[1]);
    char ch = 'x';
    int bad = pid < 0;
    /* one trip before the clock starts: the echo task's first run */
    bad |= sys_write(to[1], &ch, 1).value != 1 || sys_read(from[0], &ch, 1).value != 1;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < c->trips && !bad; i++)
        bad |= sys_write(to[1], &ch, 1).value != 1 || sys_read(from[0], &ch, 1).value != 1;
    uint64_t t1 = bench_now_ns();
    sys_close(to[1]);
    sys_close(from[0]);
    int st = -1;
    if (bad || sys_waitpid(pid, &st, 0).error != AX_OK || st != 0)
        return -1;
    return (double)(t1 - t0) / (double)c->trips;
}

static int prog_pipe(int argc, char **argv) {
    PipeCtx *c = bench_task_ud(argc, argv);
    if (bench_measure(c->b, rep_bulk, c, &c->bulk) != 0)
        return 1;
    if (bench_measure(c->b, rep_pingpong, c, &c->pingpong) != 0)
        return 2;
    return bench_measure(c->b, rep_pingpong_2prog, c, &c->pingpong2) == 0 ? 0 : 3;
}

/* ---- the host: two processes ---- */

static void host_writer(int fd, uint64_t bytes) {
    char block[CHUNK];
    memset(block, 'x', sizeof block);
    while (bytes > 0) {
        ssize_t n = write(fd, block, bytes < CHUNK ? (size_t)bytes : CHUNK);
        if (n <= 0)
            _exit(1);
        bytes -= (uint64_t)n;
    }
    _exit(0);
}

static int host_reap(pid_t pid) {
    int st;
    return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static double rep_host_bulk(void *ud) {
    PipeCtx *c = ud;
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    char *buf = malloc(CHUNK);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        host_writer(fds[1], c->bytes);
    }
    close(fds[1]);
    /* the clock starts once data flows: the fork is not part of it */
    ssize_t n = buf ? read(fds[0], buf, CHUNK) : -1;
    uint64_t first = n > 0 ? (uint64_t)n : 0, got = first;
    uint64_t t0 = bench_now_ns();
    while (buf && (n = read(fds[0], buf, CHUNK)) > 0)
        got += (uint64_t)n;
    uint64_t t1 = bench_now_ns();
    close(fds[0]);
    free(buf);
    if (pid < 0 || host_reap(pid) != 0 || got != c->bytes)
        return -1;
    return gbps(got - first, t1 - t0);
}

/* One end of the host ping-pong: `first` sends first, then both ends run
 * the same loop, as prog_pinger does. */
static int host_pinger(int rfd, int wfd, int first, uint64_t trips) {
    char ch = 'x';
    if (first && write(wfd, &ch, 1) != 1)
        return -1;
    for (uint64_t i = 0; i < trips; i++) {
        if (read(rfd, &ch, 1) != 1)
            return -1;
        if (!first || i + 1 < trips)
            if (write(wfd, &ch, 1) != 1)
                return -1;
    }
    return 0;
}

/* same != 0: the child runs the same loop as the parent; else it echoes
 * until the parent closes its end (two programs). */
static double rep_host(PipeCtx *c, int same) {
    int to[2], from[2];
    if (pipe(to) != 0)
        return -1;
    if (pipe(from) != 0) {
        close(to[0]);
        close(to[1]);
        return -1;
    }
    /* one trip before the clock starts: the child has run */
    uint64_t trips = c->trips + 1;
    pid_t pid = fork();
    char ch = 'x';
    if (pid == 0) {
        close(to[1]);
        close(from[0]);
        if (same)
            _exit(host_pinger(to[0], from[1], 0, trips) == 0 ? 0 : 1);
        while (read(to[0], &ch, 1) == 1)
            if (write(from[1], &ch, 1) != 1)
                _exit(1);
        _exit(0);
    }
    close(to[0]);
    close(from[1]);
    int bad = pid < 0 || write(to[1], &ch, 1) != 1 || read(from[0], &ch, 1) != 1;
    uint64_t t0 = bench_now_ns();
    if (same)
        bad = bad || host_pinger(from[0], to[1], 1, c->trips) != 0;
    else
        for (uint64_t i = 0; i < c->trips && !bad; i++)
            bad |= write(to[1], &ch, 1) != 1 || read(from[0], &ch, 1) != 1;
    uint64_t t1 = bench_now_ns();
    close(to[1]);
    close(from[0]);
    if (pid < 0 || host_reap(pid) != 0 || bad)
        return -1;
    return (double)(t1 - t0) / (double)c->trips;
}

static double rep_host_pingpong(void *ud) {
    return rep_host(ud, 1);
}

static double rep_host_pingpong_2prog(void *ud) {
    return rep_host(ud, 0);
}

void bench_pipe(Bench *b) {
    PipeCtx c = {.b = b,
                 .bytes = bench_iters(b, 512, 8) * CHUNK, /* 32 MiB */
                 .trips = bench_iters(b, 20000, 1000)};
    const BenchProgram progs[] = {{"/bench/pipe", prog_pipe},
                                  {"/bench/writer", prog_writer},
                                  {"/bench/pinger", prog_pinger},
                                  {"/bench/echo", prog_echo}};
    if (bench_kernel_run(NULL, progs, 4, 0, &c) != 0) {
        bench_fail(b, "pipe", "the measuring program failed");
        return;
    }
    BenchFigure bulk = {.name = "pipe_bulk_64k",
                        .label = "pipe, 64 KiB writes, task to task",
                        .unit = "GB/s",
                        .better = BENCH_HIGHER,
                        .axos = c.bulk,
                        .has_target = 1,
                        .target = 10};
    BenchFigure pp = {.name = "pipe_pingpong",
                      .label = "pipe, 1-byte ping-pong round trip",
                      .unit = "ns",
                      .better = BENCH_LOWER,
                      .axos = c.pingpong,
                      .has_target = 1,
                      .target = 100,
                      .note = "both ends run one loop; the host's two processes likewise"};
    BenchFigure pp2 = {.name = "pipe_pingpong_2prog",
                       .label = "pipe, 1-byte ping-pong, two programs",
                       .unit = "ns",
                       .better = BENCH_LOWER,
                       .axos = c.pingpong2,
                       .note = "each switch also mispredicts one return; the host's echo likewise"};
    /* Enough round trips to average over the host scheduler's choices
     * (both processes on one core, or one each, with idle wake-ups in
     * between): with a few hundred the figure moved tenfold from run to
     * run. */
    c.bytes = bench_iters(b, 256, 8) * CHUNK;
    c.trips = bench_iters(b, 5000, 100);
    bench_measure(b, rep_host_bulk, &c, &bulk.host);
    bench_measure(b, rep_host_pingpong, &c, &pp.host);
    bench_measure(b, rep_host_pingpong_2prog, &c, &pp2.host);
    bench_report(b, &bulk);
    bench_report(b, &pp);
    bench_report(b, &pp2);
}
