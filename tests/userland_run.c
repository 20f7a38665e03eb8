#include "userland_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tests run one at a time: the last output lives here. */
static char *last_output;

const char *ul_output(void) { return last_output ? last_output : ""; }

static void take_output(Kernel *k)
{
    size_t len = 0, cap = 4096;
    char *out = malloc(cap);
    size_t n;
    while ((n = kernel_console_take_output(k, out + len, cap - len - 1)) > 0) {
        len += n;
        if (cap - len < 1024)
            out = realloc(out, cap *= 2);
    }
    /* A line discipline may turn "\n" into "\r\n" on output. */
    size_t j = 0;
    for (size_t i = 0; i < len; i++)
        if (!(out[i] == '\r' && i + 1 < len && out[i + 1] == '\n'))
            out[j++] = out[i];
    out[j] = '\0';
    free(last_output);
    last_output = out;
}

static int exit_code(int status)
{
    if (AX_WIFEXITED(status))
        return AX_WEXITSTATUS(status);
    if (AX_WIFSIGNALED(status))
        return 128 + AX_WTERMSIG(status);
    return -1;
}

static char *program_path(const char *name, char *buf, size_t size)
{
    if (strchr(name, '/'))
        return (char *)name;
    snprintf(buf, size, "/bin/%s", name);
    return buf;
}

static int wait_code(int pid)
{
    int status = -1;
    SyscallResult w;
    do
        w = sys_waitpid(pid, &status, 0);
    while (w.error == AX_EINTR);
    return w.error == AX_OK ? exit_code(status) : 250;
}

/* /test/feed MODE [INPUT] PROG ARGS...: MODE holds 'i' (stdin from a pipe
 * carrying INPUT) and / or 'p' (stdout into a pipe copied to our stdout),
 * or is "-". Exits with PROG's exit code, 128 + signal, or 2xx when the
 * spawn fails. */
static int feed_main(int argc, char **argv)
{
    bool in = strchr(argv[1], 'i') != NULL, out = strchr(argv[1], 'p') != NULL;
    int a = 2;
    const char *input = in ? argv[a++] : NULL;
    int ip[2] = {-1, -1}, op[2] = {-1, -1};
    SpawnFileAction acts[6];
    size_t n = 0;
    if (in) {
        sys_pipe(ip);
        acts[n++] = (SpawnFileAction){.kind = AX_SPAWN_DUP2, .fd = ip[0], .newfd = 0};
        acts[n++] = (SpawnFileAction){.kind = AX_SPAWN_CLOSE, .fd = ip[0]};
        acts[n++] = (SpawnFileAction){.kind = AX_SPAWN_CLOSE, .fd = ip[1]};
    }
    if (out) {
        sys_pipe(op);
        acts[n++] = (SpawnFileAction){.kind = AX_SPAWN_DUP2, .fd = op[1], .newfd = 1};
        acts[n++] = (SpawnFileAction){.kind = AX_SPAWN_CLOSE, .fd = op[0]};
        acts[n++] = (SpawnFileAction){.kind = AX_SPAWN_CLOSE, .fd = op[1]};
    }
    SpawnAttr attr = {.actions = acts, .nactions = n};
    char path[256];
    SyscallResult r = sys_spawn(program_path(argv[a], path, sizeof path), argv + a, NULL, &attr);
    if (r.error != AX_OK)
        return 200 + r.error;
    /* A child that stops reading early must not take us down with SIGPIPE. */
    sys_signal(AX_SIGPIPE, AX_SIG_IGN);
    if (in) {
        sys_close(ip[0]);
        size_t len = strlen(input), off = 0;
        while (off < len) {
            SyscallResult w = sys_write(ip[1], input + off, len - off);
            if (w.error != AX_OK)
                break;
            off += (size_t)w.value;
        }
        sys_close(ip[1]);
    }
    if (out) {
        sys_close(op[1]);
        char buf[4096];
        SyscallResult rd;
        while ((rd = sys_read(op[0], buf, sizeof buf)).error == AX_OK && rd.value > 0)
            sys_write(1, buf, (size_t)rd.value);
        sys_close(op[0]);
    }
    return wait_code((int)r.value);
}

/* /test/pipe A... -- B...: run A | B; exit with B's code, A's code in the
 * low bits of nothing: A's code is printed as "A=N" on stderr when not 0. */
static int pipe_main(int argc, char **argv)
{
    int split = 1;
    while (split < argc && strcmp(argv[split], "--") != 0)
        split++;
    argv[split] = NULL;
    int p[2];
    sys_pipe(p);
    SpawnFileAction wa[3] = {{.kind = AX_SPAWN_DUP2, .fd = p[1], .newfd = 1},
                             {.kind = AX_SPAWN_CLOSE, .fd = p[0]},
                             {.kind = AX_SPAWN_CLOSE, .fd = p[1]}};
    SpawnFileAction ra[3] = {{.kind = AX_SPAWN_DUP2, .fd = p[0], .newfd = 0},
                             {.kind = AX_SPAWN_CLOSE, .fd = p[0]},
                             {.kind = AX_SPAWN_CLOSE, .fd = p[1]}};
    SpawnAttr attr_a = {.actions = wa, .nactions = 3}, attr_b = {.actions = ra, .nactions = 3};
    char pa[256], pb[256];
    SyscallResult a = sys_spawn(program_path(argv[1], pa, sizeof pa), argv + 1, NULL, &attr_a);
    SyscallResult b =
        sys_spawn(program_path(argv[split + 1], pb, sizeof pb), argv + split + 1, NULL, &attr_b);
    sys_close(p[0]);
    sys_close(p[1]);
    if (a.error != AX_OK || b.error != AX_OK)
        return 240;
    int ca = wait_code((int)a.value), cb = wait_code((int)b.value);
    if (ca != 0) {
        char msg[32];
        int len = snprintf(msg, sizeof msg, "A=%d\n", ca);
        sys_write(2, msg, (size_t)len);
    }
    return cb;
}

/* /test/wf PATH CONTENT: write a file. */
static int wf_main(int argc, char **argv)
{
    SyscallResult o = sys_open(argv[1], AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644);
    if (o.error != AX_OK)
        return 1;
    size_t len = strlen(argv[2]);
    SyscallResult w = sys_write((int)o.value, argv[2], len);
    sys_close((int)o.value);
    return w.error == AX_OK && (size_t)w.value == len ? 0 : 1;
}

Kernel *ul_kernel(void)
{
    Kernel *k = harness_kernel(NULL);
    ul_install(k);
    return k;
}

void ul_install(Kernel *k)
{
    assert_int_equal(kernel_install_userland(k), 0);
    assert_int_equal(kernel_install_program(k, "/test/feed", feed_main), 0);
    assert_int_equal(kernel_install_program(k, "/test/pipe", pipe_main), 0);
    assert_int_equal(kernel_install_program(k, "/test/wf", wf_main), 0);
}

static int spawn_and_wait(Kernel *k, char *const argv[])
{
    char path[256];
    SyscallResult r = kernel_spawn(k, program_path(argv[0], path, sizeof path), argv);
    assert_int_equal(r.error, AX_OK);
    int status = -1;
    assert_int_equal(kernel_wait(k, (int)r.value, &status), 0);
    take_output(k);
    return exit_code(status);
}

static int run_fed(Kernel *k, char *const argv[], const char *input, bool piped)
{
    if (input == NULL && !piped)
        return spawn_and_wait(k, argv);
    size_t n = 0;
    while (argv[n])
        n++;
    char **full = calloc(n + 4, sizeof(char *));
    size_t j = 0;
    full[j++] = "/test/feed";
    full[j++] = input && piped ? "ip" : input ? "i" : "p";
    if (input)
        full[j++] = (char *)input;
    for (size_t i = 0; i < n; i++)
        full[j++] = argv[i];
    int code = spawn_and_wait(k, full);
    free(full);
    return code;
}

int run_program(Kernel *k, char *const argv[], const char *input)
{
    return run_fed(k, argv, input, false);
}

int run_piped(Kernel *k, char *const argv[], const char *input)
{
    return run_fed(k, argv, input, true);
}

int run_pipeline(Kernel *k, char *const a[], char *const b[], int *a_status)
{
    size_t na = 0, nb = 0;
    while (a[na])
        na++;
    while (b[nb])
        nb++;
    char **full = calloc(na + nb + 3, sizeof(char *));
    size_t j = 0;
    full[j++] = "/test/pipe";
    for (size_t i = 0; i < na; i++)
        full[j++] = a[i];
    full[j++] = "--";
    for (size_t i = 0; i < nb; i++)
        full[j++] = b[i];
    int code = spawn_and_wait(k, full);
    free(full);
    if (a_status) {
        const char *m = strstr(ul_output(), "A=");
        *a_status = m ? atoi(m + 2) : 0;
    }
    return code;
}

void ul_write_file(Kernel *k, const char *path, const char *content)
{
    assert_int_equal(RUN(k, NULL, "/test/wf", (char *)path, (char *)content), 0);
}

const char *ul_read_file(Kernel *k, const char *path)
{
    assert_int_equal(RUN(k, NULL, "cat", (char *)path), 0);
    return ul_output();
}

bool ul_exists(Kernel *k, const char *path)
{
    return RUN(k, NULL, "stat", "-c", "%n", (char *)path) == 0;
}
