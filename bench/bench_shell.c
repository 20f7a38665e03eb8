/* shell: `seq 1 1000000 | wc -l` run by /bin/sh inside axos, against
 * `bash -c 'seq 1 1000000 | wc -l'` on the host. Both are timed from the
 * host, from starting the shell to reaping it; the kernel is booted (and
 * the host's bash found) before the clock starts on either side. */
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

extern char **environ;

typedef struct ShellCtx {
    Bench *b;
    uint64_t count; /* seq 1 count */
    char cmd[64];
    char want[32];  /* what wc -l must print */
} ShellCtx;

static int prog_check(int argc, char **argv) {
    const char *need[] = {"/bin/sh", "/bin/seq", "/bin/wc"};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        if (sys_exists(need[i]).value != 1)
            return (int)i + 1;
    return 0;
}

/* Does wc's output (spaces allowed around the number) say c->want? */
static int output_ok(const ShellCtx *c, const char *out) {
    while (*out == ' ' || *out == '\t')
        out++;
    size_t n = strlen(c->want);
    return strncmp(out, c->want, n) == 0 && (out[n] == '\n' || out[n] == ' ' || out[n] == 0);
}

static double rep_axos(void *ud) {
    ShellCtx *c = ud;
    Kernel *k = kernel_create(NULL);
    if (!k || kernel_install_userland(k) < 0) {
        kernel_destroy(k);
        return -1;
    }
    char *argv[] = {"sh", "-c", c->cmd, NULL};
    uint64_t t0 = bench_now_ns();
    SyscallResult r = kernel_spawn(k, "/bin/sh", argv);
    int st = -1;
    int ok = r.error == AX_OK && kernel_wait(k, (int)r.value, &st) == 0;
    uint64_t t1 = bench_now_ns();
    char out[256];
    size_t n = kernel_console_take_output(k, out, sizeof out - 1);
    out[n] = 0;
    kernel_destroy(k);
    if (!ok || st != 0 || !output_ok(c, out))
        return -1;
    return (double)(t1 - t0);
}

static double rep_host(void *ud) {
    ShellCtx *c = ud;
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    char *argv[] = {"bash", "-c", c->cmd, NULL};
    pid_t pid;
    uint64_t t0 = bench_now_ns();
    int err = posix_spawn(&pid, "/bin/bash", &fa, NULL, argv, environ);
    close(fds[1]);
    char out[256];
    size_t n = 0;
    ssize_t got;
    while (!err && n < sizeof out - 1 && (got = read(fds[0], out + n, sizeof out - 1 - n)) > 0)
        n += (size_t)got;
    int st = -1;
    if (!err)
        waitpid(pid, &st, 0);
    uint64_t t1 = bench_now_ns();
    close(fds[0]);
    posix_spawn_file_actions_destroy(&fa);
    out[n] = 0;
    if (err || !WIFEXITED(st) || WEXITSTATUS(st) != 0 || !output_ok(c, out))
        return -1;
    return (double)(t1 - t0);
}

void bench_shell(Bench *b) {
    ShellCtx c = {.b = b, .count = bench_iters(b, 1000000, 1000)};
    snprintf(c.cmd, sizeof c.cmd, "seq 1 %llu | wc -l", (unsigned long long)c.count);
    snprintf(c.want, sizeof c.want, "%llu", (unsigned long long)c.count);
    const BenchProgram check = {"/bench/check", prog_check};
    int have = bench_kernel_run(NULL, &check, 1, 1, &c);
    if (have != 0) {
        static const char *const why[] = {"the userland could not be installed",
                                          "/bin/sh is not there yet", "/bin/seq is not there yet",
                                          "/bin/wc is not there yet"};
        bench_skip(b, "shell_seq_wc", why[have > 0 && have <= 3 ? have : 0]);
        return;
    }
    BenchFigure f = {.name = "shell_seq_wc",
                     .label = "sh -c 'seq 1 N | wc -l'",
                     .unit = "ns",
                     .better = BENCH_LOWER,
                     .has_target = 1,
                     .target = 1,
                     .target_vs_host = 1};
    if (bench_measure(b, rep_axos, &c, &f.axos) != 0) {
        bench_fail(b, "shell_seq_wc", "the pipeline failed or printed the wrong count");
        return;
    }
    if (access("/bin/bash", X_OK) != 0 || bench_measure(b, rep_host, &c, &f.host) != 0)
        fprintf(stderr, "bench shell: no host bash to compare with\n");
    if (c.count != 1000000)
        f.note = "scaled run: N is not 1,000,000";
    bench_report(b, &f);
}
