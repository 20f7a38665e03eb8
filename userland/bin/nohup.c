/* nohup COMMAND [ARG]...: run COMMAND immune to hangups (SIGHUP ignored,
 * which exec keeps). When standard output is a terminal, output goes to
 * nohup.out (in the current directory, else $HOME), and standard error
 * follows it when it is a terminal too. As GNU: status 125 when nohup
 * fails, 126 when COMMAND cannot run, 127 when it is not found. */
#include <string.h>

#include "ulib.h"

static int open_out(char **name)
{
    SyscallResult fd = sys_open("nohup.out", AX_O_WRONLY | AX_O_CREAT | AX_O_APPEND, 0600);
    if (fd.error == AX_OK) {
        *name = xstrdup("nohup.out");
        return (int)fd.value;
    }
    char *home = u_getenv("HOME");
    if (home && *home) {
        char *p = u_path_join(home, "nohup.out");
        fd = sys_open(p, AX_O_WRONLY | AX_O_CREAT | AX_O_APPEND, 0600);
        if (fd.error == AX_OK) {
            xfree(home);
            *name = p;
            return (int)fd.value;
        }
        xfree(p);
    }
    xfree(home);
    return -1;
}

int nohup_main(int argc, char **argv)
{
    UGetopt g = U_GETOPT_INIT;
    if (u_getopt_long(&g, argc, argv, "+", NULL) != -1)
        return 125;
    if (g.ind == argc) {
        u_usage_error("nohup", "missing operand");
        return 125;
    }
    bool out_tty = u_isatty(1), err_tty = u_isatty(2);
    if (u_isatty(0)) { /* GNU: input from a terminal is replaced by /dev/null */
        SyscallResult n = sys_open("/dev/null", AX_O_RDONLY, 0);
        if (n.error == AX_OK) {
            sys_dup2((int)n.value, 0);
            sys_close((int)n.value);
        }
    }
    if (out_tty) {
        char *name = NULL;
        int fd = open_out(&name);
        if (fd < 0) {
            u_eprintf("nohup: failed to open 'nohup.out': Permission denied\n");
            return 125;
        }
        u_eprintf("nohup: ignoring input and appending output to '%s'\n", name);
        xfree(name);
        sys_dup2(fd, 1);
        if (err_tty)
            sys_dup2(fd, 2);
        sys_close(fd);
    } else if (err_tty) {
        sys_dup2(1, 2);
    }
    sys_signal(AX_SIGHUP, AX_SIG_IGN);
    char **cmd = argv + g.ind;
    char *prog = u_find_program(cmd[0]);
    if (!prog) {
        u_eprintf("nohup: failed to run command '%s': No such file or directory\n", cmd[0]);
        return 127;
    }
    u_fflush(NULL);
    SyscallResult r = sys_exec(prog, cmd, NULL);
    xfree(prog);
    u_eprintf("nohup: failed to run command '%s': %s\n", cmd[0], sys_strerror(r.error));
    return r.error == AX_ENOENT ? 127 : 126;
}
