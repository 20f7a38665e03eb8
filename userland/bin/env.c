/* env [-i0] [-u NAME]... [-C DIR] [NAME=VALUE]... [COMMAND [ARG]...]:
 * print the environment, or run COMMAND in a changed one (sys_spawn, then
 * wait). */
#include <string.h>

#include "ulib.h"

typedef struct EnvList {
    char **v; /* "NAME=value", NULL-terminated */
    size_t n;
} EnvList;

static void env_unset(EnvList *e, const char *name, size_t nlen)
{
    for (size_t i = 0; i < e->n; i++) {
        if (strncmp(e->v[i], name, nlen) == 0 && e->v[i][nlen] == '=') {
            xfree(e->v[i]);
            memmove(&e->v[i], &e->v[i + 1], (e->n - i) * sizeof(char *));
            e->n--;
            return;
        }
    }
}

static void env_set(EnvList *e, const char *assign)
{
    env_unset(e, assign, (size_t)(strchr(assign, '=') - assign));
    e->v = xrealloc(e->v, (e->n + 2) * sizeof(char *));
    e->v[e->n++] = xstrdup(assign);
    e->v[e->n] = NULL;
}

/* The program for cmd, searched in the new environment's PATH. */
static char *find_program(const EnvList *e, const char *cmd)
{
    const char *path = "/bin";
    for (size_t i = 0; i < e->n; i++)
        if (strncmp(e->v[i], "PATH=", 5) == 0)
            path = e->v[i] + 5;
    const char *cursor = path;
    return u_path_lookup(cmd, path, &cursor);
}

static int run(const EnvList *e, char **argv)
{
    char *prog = find_program(e, argv[0]);
    if (prog == NULL) {
        u_eprintf("env: '%s': No such file or directory\n", argv[0]);
        return 127;
    }
    u_fflush(NULL); /* nothing of ours may come out after the child's output */
    SyscallResult r = sys_spawn(prog, argv, e->v, NULL);
    xfree(prog);
    if (r.error != AX_OK) {
        u_eprintf("env: '%s': %s\n", argv[0], sys_strerror(r.error));
        return r.error == AX_ENOENT ? 127 : 126;
    }
    int status = 0;
    SyscallResult w;
    do
        w = sys_waitpid((int)r.value, &status, 0);
    while (w.error == AX_EINTR);
    if (w.error != AX_OK)
        return 125;
    if (AX_WIFSIGNALED(status))
        return 128 + AX_WTERMSIG(status);
    return AX_WEXITSTATUS(status);
}

int env_main(int argc, char **argv)
{
    EnvList e = {xcalloc(1, sizeof(char *)), 0};
    bool clear = false, nul = false;
    const char *dir = NULL;
    static const ULongOpt longopts[] = {
        {"ignore-environment", U_NO_ARG, 'i'}, {"unset", U_REQ_ARG, 'u'},
        {"null", U_NO_ARG, '0'},               {"chdir", U_REQ_ARG, 'C'},
        {NULL, 0, 0},
    };
    UGetopt g = U_GETOPT_INIT;
    int c;
    /* "+" style: stop at the first operand so COMMAND's options stay its own. */
    while ((c = u_getopt_long(&g, argc, argv, "+iu:0C:", longopts)) != -1) {
        if (c == 'i') {
            clear = true;
        } else if (c == '0') {
            nul = true;
        } else if (c == 'C') {
            dir = g.arg;
        } else if (c != 'u') {
            return 125;
        }
    }
    if (g.ind < argc && strcmp(argv[g.ind], "-") == 0) {
        clear = true;
        g.ind++;
    }
    if (!clear) {
        char *ent;
        for (size_t i = 0; (ent = u_environ(i)) != NULL; i++) {
            e.v = xrealloc(e.v, (e.n + 2) * sizeof(char *));
            e.v[e.n++] = ent;
            e.v[e.n] = NULL;
        }
    }
    /* -u NAME: a second pass, now that the environment is loaded. */
    UGetopt g2 = U_GETOPT_INIT;
    while ((c = u_getopt_long(&g2, argc, argv, "+:iu:0C:", longopts)) != -1)
        if (c == 'u')
            env_unset(&e, g2.arg, strlen(g2.arg));
    int i = g.ind;
    for (; i < argc && strchr(argv[i], '=') && argv[i][0] != '='; i++)
        env_set(&e, argv[i]);
    if (i < argc) {
        if (nul) {
            u_usage_error(argv[0], "cannot specify --null (-0) with command");
            return 125;
        }
        if (dir) {
            SyscallResult r = sys_chdir(dir);
            if (r.error != AX_OK) {
                u_eprintf("env: cannot change directory to '%s': %s\n", dir, sys_strerror(r.error));
                return 125;
            }
        }
        return run(&e, argv + i);
    }
    if (dir) {
        u_usage_error(argv[0], "must specify command with --chdir (-C)");
        return 125;
    }
    for (size_t k = 0; k < e.n; k++) {
        u_fputs(e.v[k], u_stdout());
        u_putc(nul ? '\0' : '\n', u_stdout());
    }
    return 0;
}
