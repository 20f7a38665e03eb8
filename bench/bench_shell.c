/* shell: what a person running a script feels, whole processes on both
 * sides. Each workload is `SHELL -c SCRIPT` started with posix_spawn and
 * timed from the spawn to the reap, for the axos binary (its kernel boot,
 * userland install and shell start included, as bash's start is in
 * bash's figure) and for the host's bash and dash. Runs are interleaved
 * (axos, bash, dash, axos...) so a busy spell of the machine lands on
 * all three alike; each figure is the median.
 *
 * The pipelines' stages are axos's own programs inside axos and GNU
 * coreutils on the host, so those figures compare the programs and pipes
 * as much as the shells. Peak memory is the largest resident set (ru_maxrss)
 * among the processes a run made: for axos the one host process holding
 * every stage, kernel and shell; for bash and dash their largest single
 * process (sort, usually) — not like for like, and not in axos's favour. */
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

extern char **environ;

#ifndef AXOS_CLI_PATH
#define AXOS_CLI_PATH "axos"
#endif

enum { SH_AXOS, SH_BASH, SH_DASH, SH_COUNT };
static const char *const shell_path[SH_COUNT] = {AXOS_CLI_PATH, "/bin/bash", "/bin/dash"};
static const char *const shell_name[SH_COUNT] = {"axos", "bash", "dash"};

typedef struct Workload {
    const char *id;     /* figure names: sh_<id>, sh_<id>_dash */
    const char *label;
    char script[256];
    char want[64];      /* the output, exactly */
    double bash_target; /* axos / bash at most this; axos / dash at most 1 */
    bool peak;          /* also report peak memory against bash's */
} Workload;

/* One run of path -c script: wall ns, the output in out (NUL-terminated),
 * and the largest ru_maxrss among the processes it made, in bytes. The
 * run happens in a forked helper so that RUSAGE_CHILDREN covers this run
 * only. Returns the wall time, or -1. */
static double run_shell(const char *path, const char *script, char *out, size_t cap,
                        uint64_t *maxrss) {
    int outp[2], info[2];
    if (pipe(outp) != 0 || pipe(info) != 0)
        return -1;
    uint64_t t0 = bench_now_ns();
    pid_t helper = fork();
    if (helper == 0) {
        close(outp[0]);
        close(info[0]);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
        posix_spawn_file_actions_addclose(&fa, outp[1]);
        posix_spawn_file_actions_addclose(&fa, info[1]);
        char *argv[] = {(char *)path, "-c", (char *)script, NULL};
        pid_t pid;
        int st = -1;
        if (posix_spawn(&pid, path, &fa, NULL, argv, environ) != 0)
            _exit(2);
        close(outp[1]);
        waitpid(pid, &st, 0);
        struct rusage ru;
        getrusage(RUSAGE_CHILDREN, &ru);
        long rss[2] = {ru.ru_maxrss, WIFEXITED(st) ? WEXITSTATUS(st) : 128};
        (void)!write(info[1], rss, sizeof rss);
        _exit(0);
    }
    close(outp[1]);
    close(info[1]);
    size_t n = 0;
    ssize_t got;
    while ((got = read(outp[0], out + n, cap - 1 - n)) > 0 && n < cap - 1)
        n += (size_t)got;
    while (got > 0) /* drain whatever does not fit */
        got = read(outp[0], (char[256]){0}, 256);
    out[n] = '\0';
    long rss[2] = {0, 255};
    int ok = helper > 0 && read(info[0], rss, sizeof rss) == (ssize_t)sizeof rss;
    int st;
    if (helper > 0)
        waitpid(helper, &st, 0);
    uint64_t t1 = bench_now_ns();
    close(outp[0]);
    close(info[0]);
    *maxrss = (uint64_t)rss[0] * 1024;
    return ok && rss[1] == 0 ? (double)(t1 - t0) : -1;
}

static void report(Bench *b, const Workload *w, double *t[SH_COUNT], uint64_t rss[SH_COUNT],
                   int reps, bool have[SH_COUNT]) {
    static char names[8][2][48]; /* figure names and labels outlive this call */
    static int slot;
    char (*nm)[48] = names[slot++ % 8];
    snprintf(nm[0], sizeof nm[0], "sh_%s", w->id);
    snprintf(nm[1], sizeof nm[1], "sh_%s_dash", w->id);
    BenchStat ax = bench_stat(t[SH_AXOS], reps);
    BenchFigure f = {.name = nm[0], .label = w->label, .unit = "ns", .better = BENCH_LOWER,
                     .axos = ax, .has_target = 1, .target = w->bash_target, .target_vs_host = 1,
                     .note = "host: bash"};
    if (have[SH_BASH])
        f.host = bench_stat(t[SH_BASH], reps);
    bench_report(b, &f);
    if (have[SH_DASH]) {
        BenchFigure d = f;
        d.name = nm[1];
        d.target = 1;
        d.note = "host: dash";
        d.host = bench_stat(t[SH_DASH], reps);
        bench_report(b, &d);
    }
    if (w->peak) {
        static char pk[8][48];
        snprintf(pk[slot % 8], sizeof pk[0], "sh_%s_peak", w->id);
        BenchFigure m = {.name = pk[slot % 8], .label = "  peak memory of that run",
                         .unit = "bytes", .better = BENCH_LOWER,
                         .axos = {(double)rss[SH_AXOS], (double)rss[SH_AXOS],
                                  (double)rss[SH_AXOS], 1},
                         .has_target = 1, .target = 2, .target_vs_host = 1,
                         .note = "largest ru_maxrss: axos's one process against bash's largest "
                                 "process"};
        if (have[SH_BASH])
            m.host = (BenchStat){(double)rss[SH_BASH], (double)rss[SH_BASH],
                                 (double)rss[SH_BASH], 1};
        bench_report(b, &m);
    }
}

static void run_workload(Bench *b, const Workload *w, bool have[SH_COUNT]) {
    int reps = bench_reps(b);
    double v[SH_COUNT][BENCH_MAX_REPS];
    double *t[SH_COUNT] = {v[0], v[1], v[2]};
    uint64_t rss[SH_COUNT] = {0};
    char out[256];
    for (int r = 0; r < reps; r++) {
        for (int s = 0; s < SH_COUNT; s++) {
            if (!have[s])
                continue;
            uint64_t m;
            v[s][r] = run_shell(shell_path[s], w->script, out, sizeof out, &m);
            if (v[s][r] < 0 || strcmp(out, w->want) != 0) {
                char why[160];
                snprintf(why, sizeof why, "%s printed \"%.60s\", not \"%.40s\"", shell_name[s],
                         out, w->want);
                if (s == SH_AXOS) {
                    bench_fail(b, w->id, why);
                    return;
                }
                fprintf(stderr, "bench shell: %s: %s; left out\n", w->id, why);
                have[s] = false;
                continue;
            }
            if (m > rss[s])
                rss[s] = m;
        }
    }
    report(b, w, t, rss, reps, have);
}

void bench_shell(Bench *b) {
    bool have[SH_COUNT];
    for (int s = 0; s < SH_COUNT; s++)
        have[s] = access(shell_path[s], X_OK) == 0;
    if (!have[SH_AXOS]) {
        bench_fail(b, "sh", "the axos binary is not built");
        return;
    }
    unsigned long long loop = bench_iters(b, 200000, 200), calls = bench_iters(b, 100000, 100);
    unsigned long long bytes = bench_iters(b, 10485760, 10000), nums = bench_iters(b, 1000000, 1000);
    Workload ws[] = {
        {.id = "start", .label = "start-up: -c 'echo hi'", .script = "echo hi", .want = "hi\n",
         .bash_target = 1.2},
        {.id = "loop", .label = "while loop, 200k iterations", .bash_target = 0.8},
        {.id = "calls", .label = "100k function calls", .bash_target = 0.8},
        {.id = "pipe5", .label = "yes | head -c 10MB | tr | sort | uniq -c | wc -l",
         .want = "2\n", .bash_target = 0.8, .peak = true},
        {.id = "seqsort", .label = "seq 1 1000000 | sort -rn | head -2", .bash_target = 0.8},
        {.id = "seqwc", .label = "seq 1 1000000 | wc -l", .bash_target = 0.8},
    };
    snprintf(ws[1].script, sizeof ws[1].script,
             "i=0; while [ $i -lt %llu ]; do i=$((i+1)); done; echo $i", loop);
    snprintf(ws[1].want, sizeof ws[1].want, "%llu\n", loop);
    snprintf(ws[2].script, sizeof ws[2].script,
             "f() { r=$1; }; i=0; while [ $i -lt %llu ]; do f $i; i=$((i+1)); done; echo $r",
             calls);
    snprintf(ws[2].want, sizeof ws[2].want, "%llu\n", calls - 1);
    snprintf(ws[3].script, sizeof ws[3].script,
             "yes 'axos pipeline line' | head -c %llu | tr a-z A-Z | sort | uniq -c | wc -l",
             bytes);
    snprintf(ws[4].script, sizeof ws[4].script, "seq 1 %llu | sort -rn | head -2", nums);
    snprintf(ws[4].want, sizeof ws[4].want, "%llu\n%llu\n", nums, nums - 1);
    snprintf(ws[5].script, sizeof ws[5].script, "seq 1 %llu | wc -l", nums);
    snprintf(ws[5].want, sizeof ws[5].want, "%llu\n", nums);
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
        bool h[SH_COUNT];
        memcpy(h, have, sizeof h);
        run_workload(b, &ws[i], h);
    }
}
