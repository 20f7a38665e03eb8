/* Signal names: "SIGINT" <-> 2. */
#include <string.h>
#include <strings.h>

#include "axos.h"

static const char *const sig_names[] = {
    [AX_SIGHUP] = "SIGHUP",   [AX_SIGINT] = "SIGINT",       [AX_SIGQUIT] = "SIGQUIT",
    [AX_SIGILL] = "SIGILL",   [AX_SIGTRAP] = "SIGTRAP",     [AX_SIGABRT] = "SIGABRT",
    [AX_SIGBUS] = "SIGBUS",   [AX_SIGFPE] = "SIGFPE",       [AX_SIGKILL] = "SIGKILL",
    [AX_SIGUSR1] = "SIGUSR1", [AX_SIGSEGV] = "SIGSEGV",     [AX_SIGUSR2] = "SIGUSR2",
    [AX_SIGPIPE] = "SIGPIPE", [AX_SIGALRM] = "SIGALRM",     [AX_SIGTERM] = "SIGTERM",
    [AX_SIGSTKFLT] = "SIGSTKFLT", [AX_SIGCHLD] = "SIGCHLD", [AX_SIGCONT] = "SIGCONT",
    [AX_SIGSTOP] = "SIGSTOP", [AX_SIGTSTP] = "SIGTSTP",     [AX_SIGTTIN] = "SIGTTIN",
    [AX_SIGTTOU] = "SIGTTOU", [AX_SIGURG] = "SIGURG",       [AX_SIGXCPU] = "SIGXCPU",
    [AX_SIGXFSZ] = "SIGXFSZ", [AX_SIGVTALRM] = "SIGVTALRM", [AX_SIGPROF] = "SIGPROF",
    [AX_SIGWINCH] = "SIGWINCH", [AX_SIGIO] = "SIGIO",       [AX_SIGPWR] = "SIGPWR",
    [AX_SIGSYS] = "SIGSYS",
};

#define SIG_NAMED (int)(sizeof sig_names / sizeof sig_names[0])

const char *sys_signame(int sig) {
    if (sig <= 0 || sig >= SIG_NAMED)
        return NULL;
    return sig_names[sig];
}

int sys_sigbyname(const char *name) {
    if (!name)
        return -1;
    if (strncasecmp(name, "SIG", 3) == 0)
        name += 3;
    for (int s = 1; s < SIG_NAMED; s++)
        if (strcasecmp(name, sig_names[s] + 3) == 0)
            return s;
    return -1;
}
