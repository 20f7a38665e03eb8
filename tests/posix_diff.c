/* Differential runs of POSIX programs: a command line over programs built
 * for the host and with the POSIX layer, run on the host (sh -c in a
 * fresh directory, PATH starting with the host builds) and in axos (the
 * .so files loaded into /bin, under three seeds of the random scheduler,
 * each kernel ending with the harness's leak check). Stdout and stderr
 * together, and the exit status, must be the same. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "posix_diff.h"

extern char **environ;

typedef struct Run {
    char *out;
    size_t len;
    int status; /* exit status of the command line */
} Run;

/* The command on the host: sh -c in a fresh directory, PATH starting
 * with the host builds, stdin from `input`, stdout and stderr together. */
static Run host_run(const DiffSet *set, const char *cmd, const char *input) {
    char dir[] = "/tmp/axos-posix-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char in_path[128];
    snprintf(in_path, sizeof in_path, "%s.in", dir);
    FILE *f = fopen(in_path, "w");
    assert_non_null(f);
    fputs(input ? input : "", f);
    fclose(f);
    char script[8192];
    snprintf(script, sizeof script, "cd '%s' && export PATH='%s':\"$PATH\" && { %s; } < '%s'",
             dir, set->host_dir, cmd, in_path);
    int p[2];
    assert_int_equal(pipe(p), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_adddup2(&fa, p[1], 2);
    posix_spawn_file_actions_addclose(&fa, p[0]);
    posix_spawn_file_actions_addclose(&fa, p[1]);
    char *argv[] = {"sh", "-c", script, NULL};
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    Run r = {0};
    char buf[4096];
    ssize_t n;
    while ((n = read(p[0], buf, sizeof buf)) > 0) {
        r.out = realloc(r.out, r.len + (size_t)n + 1);
        memcpy(r.out + r.len, buf, (size_t)n);
        r.len += (size_t)n;
    }
    close(p[0]);
    int st;
    waitpid(pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    if (!r.out)
        r.out = calloc(1, 1);
    r.out[r.len] = '\0';
    char rm[256];
    snprintf(rm, sizeof rm, "rm -rf '%s' '%s'", dir, in_path);
    assert_int_equal(system(rm), 0);
    return r;
}

/* The same command line in a fresh kernel under seed, with every example
 * loaded from its .so into /bin. */
static Run axos_run(const DiffSet *set, const char *cmd, const char *input, uint64_t seed) {
    KernelConfig cfg = {.seed = seed, .sched = AX_SCHED_RANDOM};
    Kernel *k = harness_kernel(&cfg);
    kernel_console_set_terminal(k, 0); /* a pipe, as on the host side */
    assert_int_equal(kernel_install_userland(k), 0);
    for (size_t i = 0; i < set->nprogs; i++) {
        char file[512], path[128];
        snprintf(file, sizeof file, "%s/%s.so", set->axos_dir, set->progs[i]);
        snprintf(path, sizeof path, "/bin/%s", set->progs[i]);
        int r = kernel_load_program(k, path, file);
        if (r != 0)
            fail_msg("loading %s: %s", file, kernel_load_error(k));
    }
    char script[8192];
    /* The input goes into a file first, so that both sides read a file:
     * how much a reader takes ahead of its children then matches. */
    snprintf(script, sizeof script, "cat > /tmp/in && mkdir /tmp/w && cd /tmp/w && { %s; } < /tmp/in",
             cmd);
    char *argv[] = {"sh", "-c", script, NULL};
    SyscallResult sp = kernel_spawn(k, "/bin/sh", argv);
    assert_int_equal(sp.error, AX_OK);
    if (input)
        kernel_console_push_text(k, input, strlen(input));
    kernel_console_close_input(k); /* cat's end of file */
    int st = -1;
    assert_int_equal(kernel_wait(k, (int)sp.value, &st), 0);
    Run r = {0};
    r.out = strdup(harness_output(k));
    r.len = strlen(r.out);
    r.status = AX_WIFEXITED(st) ? AX_WEXITSTATUS(st) : 128 + AX_WTERMSIG(st);
    harness_destroy(k);
    return r;
}

static const DiffSet *diff_set;

/* Show where two runs part, as diff -u does (cmocka cuts long messages). */
static void show_diff(const char *name, const Run *host, const Run *ax) {
    char a[] = "/tmp/axos-diff-host-XXXXXX", b[] = "/tmp/axos-diff-axos-XXXXXX";
    int fa = mkstemp(a), fb = mkstemp(b);
    assert_true(fa >= 0 && fb >= 0);
    assert_int_equal(write(fa, host->out, host->len), (ssize_t)host->len);
    assert_int_equal(write(fb, ax->out, ax->len), (ssize_t)ax->len);
    close(fa);
    close(fb);
    char cmd[256];
    printf("--- %s: host exit %d, axos exit %d\n", name, host->status, ax->status);
    fflush(stdout);
    snprintf(cmd, sizeof cmd, "diff -u --label host --label axos %s %s; rm -f %s %s", a, b, a, b);
    (void)system(cmd);
}

static void check_case(const DiffCase *c) {
    Run host = host_run(diff_set, c->cmd, c->input);
    for (uint64_t seed = 1; seed <= 3; seed++) {
        Run ax = axos_run(diff_set, c->cmd, c->input, seed);
        if (strcmp(host.out, ax.out) != 0 || host.status != ax.status) {
            show_diff(c->name, &host, &ax);
            fail_msg("%s (seed %llu): `%s` differs from the host", c->name, (unsigned long long)seed,
                     c->cmd);
        }
        free(ax.out);
    }
    free(host.out);
}

static void test_case(void **state) {
    check_case(*state);
}

int diff_main(const DiffSet *set, const DiffCase *cases, size_t n) {
    diff_set = set;
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    for (size_t i = 0; i < n; i++)
        tests[i] = (struct CMUnitTest){cases[i].name, test_case, NULL, NULL, (void *)&cases[i]};
    int r = _cmocka_run_group_tests("posix", tests, n, NULL, NULL);
    free(tests);
    return r;
}
