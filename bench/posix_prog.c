/* The POSIX layer's side of bench_posix.c: an ordinary POSIX program
 * (built with axos_add_program) that times its own loops with
 * clock_gettime, in a kernel on the host clock, and prints one line per
 * repetition. It calls sys_write and sys_read of axos.h as well, which a
 * program built with the layer may, to time the direct path in the same
 * loop shape. Usage: posix_prog io|malloc|spawn REPS ITERS, or exit. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "axos.h"
#include "heap_pair.h"

extern char **environ;

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static volatile unsigned long sink;

static void io(long reps, long iters) {
    int out = open("/dev/null", O_WRONLY), in = open("/dev/zero", O_RDONLY);
    char c = 'x';
    for (long r = 0; r < reps; r++) {
        double t0 = now_ns();
        for (long i = 0; i < iters; i++)
            sink += (unsigned long)write(out, &c, 1);
        double t1 = now_ns();
        for (long i = 0; i < iters; i++)
            sink += (unsigned long)sys_write(out, &c, 1).value;
        double t2 = now_ns();
        for (long i = 0; i < iters; i++)
            sink += (unsigned long)read(in, &c, 1);
        double t3 = now_ns();
        for (long i = 0; i < iters; i++)
            sink += (unsigned long)sys_read(in, &c, 1).value;
        double t4 = now_ns();
        printf("%.3f %.3f %.3f %.3f\n", (t1 - t0) / iters, (t2 - t1) / iters, (t3 - t2) / iters,
               (t4 - t3) / iters);
    }
}

static void keep(uint64_t v) { sink += (unsigned long)v; }

static void heap(long reps, long iters) {
    for (long r = 0; r < reps; r++) {
        double t0 = now_ns();
        BENCH_HEAP_PAIR_LOOP(iters, malloc, free, keep);
        printf("%.3f\n", (now_ns() - t0) / iters);
    }
}

static void spawn(const char *self, long reps, long iters) {
    char *argv[] = {(char *)self, "exit", NULL};
    for (long r = 0; r < reps; r++) {
        double t0 = now_ns();
        for (long i = 0; i < iters; i++) {
            pid_t pid;
            int st;
            if (posix_spawn(&pid, self, NULL, NULL, argv, environ) != 0 || waitpid(pid, &st, 0) != pid)
                exit(1);
        }
        printf("%.3f\n", (now_ns() - t0) / iters);
    }
}

int main(int argc, char **argv) {
    if (argc < 4)
        return 0; /* "exit": the child spawn measures */
    long reps = atol(argv[2]), iters = atol(argv[3]);
    if (strcmp(argv[1], "io") == 0)
        io(reps, iters);
    else if (strcmp(argv[1], "malloc") == 0)
        heap(reps, iters);
    else if (strcmp(argv[1], "spawn") == 0)
        spawn(argv[0], reps, iters);
    else
        return 2;
    return 0;
}
