/* sh_golden: runs a shell script read from stdin inside a fresh kernel,
 * the way `axos --clock virtual --seed N < script` does, for the golden
 * tests (run_golden.sh). /bin/sh reads the script from a pipe, so it is
 * not interactive; its stdout and stderr are the console, whose two
 * streams go to this program's stdout and stderr. Exits with the shell's
 * status.
 *
 *   sh_golden [--clock virtual|host] [--seed N] < script
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "axos.h"

static void sink(void *ud, int stream, const void *buf, size_t n)
{
    (void)ud;
    FILE *f = stream == 2 ? stderr : stdout;
    fwrite(buf, 1, n, f);
    fflush(f);
}

/* /test/feed SCRIPT: run /bin/sh with SCRIPT on its stdin through a pipe. */
static int feed_main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int p[2];
    if (sys_pipe(p).error != AX_OK)
        return 2;
    SpawnFileAction acts[] = {
        {.kind = AX_SPAWN_DUP2, .fd = p[0], .newfd = 0},
        {.kind = AX_SPAWN_CLOSE, .fd = p[0]},
        {.kind = AX_SPAWN_CLOSE, .fd = p[1]},
    };
    SpawnAttr attr = {.actions = acts, .nactions = 3};
    char *sh_argv[] = {"sh", NULL};
    SyscallResult r = sys_spawn("/bin/sh", sh_argv, NULL, &attr);
    sys_close(p[0]);
    if (r.error != AX_OK)
        return 2;
    sys_signal(AX_SIGPIPE, AX_SIG_IGN);
    const char *s = argv[1];
    size_t len = strlen(s), off = 0;
    while (off < len) {
        SyscallResult w = sys_write(p[1], s + off, len - off);
        if (w.error != AX_OK)
            break;
        off += (size_t)w.value;
    }
    sys_close(p[1]);
    int status = 0;
    while (sys_waitpid((int)r.value, &status, 0).error == AX_EINTR)
        ;
    if (AX_WIFEXITED(status))
        return AX_WEXITSTATUS(status);
    return 128 + AX_WTERMSIG(status);
}

int main(int argc, char **argv)
{
    KernelConfig cfg = {0};
    cfg.console_output = sink;
    cfg.clock = AX_CLOCK_VIRTUAL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            cfg.seed = strtoull(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "--clock") == 0 && i + 1 < argc)
            cfg.clock = strcmp(argv[++i], "host") == 0 ? AX_CLOCK_HOST : AX_CLOCK_VIRTUAL;
    }
    size_t cap = 1 << 16, len = 0;
    char *script = malloc(cap);
    size_t n;
    while ((n = fread(script + len, 1, cap - len - 1, stdin)) > 0) {
        len += n;
        if (cap - len < 1024)
            script = realloc(script, cap *= 2);
    }
    script[len] = '\0';
    Kernel *k = kernel_create(&cfg);
    if (!k || kernel_install_userland(k) != 0 || kernel_install_program(k, "/test/feed", feed_main) != 0) {
        fprintf(stderr, "sh_golden: cannot set up a kernel\n");
        return 2;
    }
    /* As `axos < script > out`: neither stdin nor the outputs are a
     * terminal, so programs print as into a pipe (ls one name per line). */
    kernel_console_set_terminal(k, 0);
    char *fargv[] = {"feed", script, NULL};
    SyscallResult r = kernel_spawn(k, "/test/feed", fargv);
    int status = 0;
    if (r.error != AX_OK || kernel_wait(k, (int)r.value, &status) != 0) {
        fprintf(stderr, "sh_golden: the shell did not finish\n");
        kernel_destroy(k);
        return 2;
    }
    kernel_destroy(k);
    free(script);
    return AX_WIFEXITED(status) ? AX_WEXITSTATUS(status) : 128 + AX_WTERMSIG(status);
}
