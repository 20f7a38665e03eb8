/* su [-] [-l] [-c COMMAND] [-s SHELL] [-m] [USER [ARG]...]: run a shell
 * as another user (root when no USER is named), as util-linux's su.
 *
 * su is installed set-user-ID root: it runs with euid 0 whoever calls it,
 * asks for the target's password ("Password: ", echo off) unless the
 * caller's real uid is 0, and on a wrong one waits 3 seconds (of kernel
 * time, login.defs' FAIL_DELAY) and fails with "su: Authentication
 * failure" and status 1. Then it takes on the user's ids and groups (the
 * groups of /etc/group that list it, and its own) and execs the shell:
 * with -, -l or --login a login shell ("-sh") in a clean environment in
 * the user's home, else the caller's environment with HOME and SHELL (and
 * USER and LOGNAME but for root) set; -m keeps the environment as is. */
#include <stdio.h>
#include <string.h>

#include "ulib.h"

#define FAIL_DELAY_NS 3000000000ull

typedef struct SuOpts {
    bool login, preserve;
    const char *command, *shell;
} SuOpts;

static char *env_entry(const char *name, const char *value) {
    size_t n = strlen(name) + strlen(value) + 2;
    char *s = xmalloc(n);
    snprintf(s, n, "%s=%s", name, value);
    return s;
}

int su_main(int argc, char **argv) {
    static const ULongOpt longopts[] = {{"login", U_NO_ARG, 'l'},   {"command", U_REQ_ARG, 'c'},
                                        {"shell", U_REQ_ARG, 's'},  {"preserve-environment", U_NO_ARG, 'm'},
                                        {NULL, 0, 0}};
    SuOpts o = {0};
    UGetopt g = U_GETOPT_INIT;
    int c;
    /* "+": the arguments after USER are the shell's */
    /* options may come after USER too (GNU order), as util-linux's */
    while ((c = u_getopt_long(&g, argc, argv, "lc:s:mp", longopts)) != -1) {
        switch (c) {
        case 'l': o.login = true; break;
        case 'c': o.command = g.arg; break;
        case 's': o.shell = g.arg; break;
        case 'm':
        case 'p': o.preserve = true; break;
        default: return 1;
        }
    }
    if (g.ind < argc && strcmp(argv[g.ind], "-") == 0) { /* "-" is -l */
        o.login = true;
        g.ind++;
    }
    const char *name = g.ind < argc ? argv[g.ind++] : "root";
    UAccounts a;
    u_accounts_load(&a);
    const UAccount *u = u_user_by_name(&a, name);
    if (!u || !u->home || !u->shell) {
        u_eprintf("su: user %s does not exist or the user entry does not contain all the "
                  "required fields\n",
                  name);
        u_accounts_free(&a);
        return 1;
    }
    uint32_t ruid = (uint32_t)sys_getuid().value;
    if (ruid != 0) {
        char pw[256];
        bool typed = u_read_password("Password: ", pw, sizeof pw);
        char *hash = u_shadow_hash(u->name);
        SyscallError e = typed ? u_password_check(pw, hash) : AX_EACCES;
        memset(pw, 0, sizeof pw);
        xfree(hash);
        if (e != AX_OK) {
            sys_sleep(FAIL_DELAY_NS);
            u_eprintf("su: Authentication failure\n");
            u_accounts_free(&a);
            return 1;
        }
    }
    SyscallError e = u_become(&a, u);
    if (e != AX_OK) {
        u_eprintf("su: cannot set user id: %s\n", sys_strerror(e));
        u_accounts_free(&a);
        return 1;
    }
    /* only root may name another shell than the user's (util-linux lets a
     * caller do so when the user's shell is a standard one: axos has one) */
    const char *shell = o.shell ? o.shell : u->shell;
    const char *base = strrchr(shell, '/') ? strrchr(shell, '/') + 1 : shell;
    char arg0[64];
    snprintf(arg0, sizeof arg0, "%s%s", o.login ? "-" : "", base);
    size_t nargs = (size_t)(argc - g.ind);
    char **av = xcalloc(nargs + 4, sizeof *av);
    size_t k = 0;
    av[k++] = arg0;
    if (o.command) {
        av[k++] = "-c";
        av[k++] = (char *)o.command;
    }
    for (int i = g.ind; i < argc; i++)
        av[k++] = argv[i];
    char **envp = NULL;
    if (o.login) {
        char term[128] = "";
        bool has_term = sys_getenv("TERM", term, sizeof term).error == AX_OK;
        envp = xcalloc(8, sizeof *envp);
        size_t n = 0;
        envp[n++] = env_entry("HOME", u->home);
        envp[n++] = env_entry("SHELL", shell);
        envp[n++] = env_entry("USER", u->name);
        envp[n++] = env_entry("LOGNAME", u->name);
        envp[n++] = env_entry("PATH", u->id == 0 ? "/sbin:/bin" : "/bin");
        if (has_term)
            envp[n++] = env_entry("TERM", term);
        if (sys_chdir(u->home).error != AX_OK)
            u_eprintf("su: warning: cannot change directory to %s: No such file or directory\n",
                      u->home);
    } else if (!o.preserve) {
        sys_setenv("HOME", u->home, 1);
        sys_setenv("SHELL", shell, 1);
        if (u->id != 0) {
            sys_setenv("USER", u->name, 1);
            sys_setenv("LOGNAME", u->name, 1);
        }
    }
    u_fflush(u_stdout());
    e = sys_exec(shell, av, envp).error;
    u_eprintf("su: failed to execute %s: %s\n", shell, sys_strerror(e));
    u_accounts_free(&a);
    return e == AX_ENOENT ? 127 : 126;
}
