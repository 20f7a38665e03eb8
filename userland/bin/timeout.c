/* timeout [OPTION]... DURATION COMMAND [ARG]...: run COMMAND, and send it
 * SIGTERM (or -s SIGNAL) if it still runs after DURATION; with -k, SIGKILL
 * that long after. As GNU timeout: status 124 when the time ran out
 * (unless --preserve-status), 125 when timeout itself failed, 126 when
 * COMMAND cannot run, 127 when it is not found, else COMMAND's status
 * (128+N for a signal N). The wait is a timer raising SIGALRM, whose
 * handler only interrupts waitpid. */
#include <string.h>

#include "ulib.h"

static void on_alarm(int sig) { (void)sig; }

/* Wait for pid until the timer at tfd fires. Returns true when pid ended
 * (*status set), false when the time ran out first. */
static bool wait_until(int pid, int *status, int tfd)
{
    for (;;) {
        SyscallResult w = sys_waitpid(pid, status, 0);
        if (w.error == AX_OK)
            return true;
        if (w.error != AX_EINTR)
            return true; /* nothing to wait for: treat as ended */
        uint64_t fired = 0;
        SyscallResult r = sys_read(tfd, &fired, sizeof fired);
        if (r.error == AX_OK && fired)
            return false;
    }
}

static int arm(uint64_t ns)
{
    SyscallResult t = sys_timer_set(ns, AX_TIMER_SIGALRM | AX_TIMER_NONBLOCK);
    return t.error == AX_OK ? (int)t.value : -1;
}

int timeout_main(int argc, char **argv)
{
    static const ULongOpt longopts[] = {
        {"signal", U_REQ_ARG, 's'},         {"kill-after", U_REQ_ARG, 'k'},
        {"preserve-status", U_NO_ARG, 256}, {"foreground", U_NO_ARG, 257},
        {"verbose", U_NO_ARG, 'v'},         {NULL, 0, 0},
    };
    int sig = AX_SIGTERM;
    uint64_t kill_after = 0;
    bool preserve = false, verbose = false;
    UGetopt g = U_GETOPT_INIT;
    int c;
    while ((c = u_getopt_long(&g, argc, argv, "+s:k:v", longopts)) != -1) {
        switch (c) {
        case 's':
            if ((sig = u_parse_signal(g.arg)) < 0) {
                u_eprintf("timeout: '%s': invalid signal\n", g.arg);
                u_eprintf("Try 'timeout --help' for more information.\n");
                return 125;
            }
            break;
        case 'k':
            if (!u_parse_duration(g.arg, &kill_after)) {
                u_usage_error("timeout", "invalid time interval '%s'", g.arg);
                return 125;
            }
            break;
        case 256: preserve = true; break;
        case 257: break;
        case 'v': verbose = true; break;
        default: return 125;
        }
    }
    if (argc - g.ind < 2) {
        if (argc - g.ind == 0)
            u_usage_error("timeout", "missing operand");
        else
            u_usage_error("timeout", "missing operand after '%s'", argv[g.ind]);
        return 125;
    }
    uint64_t ns;
    if (!u_parse_duration(argv[g.ind], &ns)) {
        u_usage_error("timeout", "invalid time interval '%s'", argv[g.ind]);
        return 125;
    }
    char **cmd = argv + g.ind + 1;
    char *prog = u_find_program(cmd[0]);
    if (!prog) {
        u_eprintf("timeout: failed to run command '%s': No such file or directory\n", cmd[0]);
        return 127;
    }
    SigAction act = {on_alarm, 0, 0}; /* no SA_RESTART: waitpid must come back */
    sys_sigaction(AX_SIGALRM, &act, NULL);
    u_fflush(NULL);
    SyscallResult r = sys_spawn(prog, cmd, NULL, NULL);
    xfree(prog);
    if (r.error != AX_OK) {
        u_eprintf("timeout: failed to run command '%s': %s\n", cmd[0], sys_strerror(r.error));
        return r.error == AX_ENOENT ? 127 : 126;
    }
    int pid = (int)r.value, status = 0;
    bool timed_out = false;
    int tfd = ns ? arm(ns) : -1; /* a duration of 0: no limit */
    if (tfd < 0 && ns) {
        sys_kill(pid, AX_SIGKILL);
        sys_waitpid(pid, NULL, 0);
        u_eprintf("timeout: cannot set a timer\n");
        return 125;
    }
    if (tfd < 0) {
        while (sys_waitpid(pid, &status, 0).error == AX_EINTR) {
        }
    } else if (!wait_until(pid, &status, tfd)) {
        timed_out = true;
        if (verbose)
            u_eprintf("timeout: sending signal %s to command '%s'\n", sys_signame(sig), cmd[0]);
        sys_kill(pid, sig);
        sys_kill(pid, AX_SIGCONT);
        int kfd = kill_after ? arm(kill_after) : -1;
        if (kfd >= 0 && !wait_until(pid, &status, kfd)) {
            if (verbose)
                u_eprintf("timeout: sending signal KILL to command '%s'\n", cmd[0]);
            sys_kill(pid, AX_SIGKILL);
            while (sys_waitpid(pid, &status, 0).error == AX_EINTR) {
            }
        } else if (kfd < 0) {
            while (sys_waitpid(pid, &status, 0).error == AX_EINTR) {
            }
        }
        if (kfd >= 0)
            sys_close(kfd);
    }
    if (tfd >= 0)
        sys_close(tfd);
    int code = AX_WIFSIGNALED(status) ? 128 + AX_WTERMSIG(status) : AX_WEXITSTATUS(status);
    /* GNU timeout signals its whole process group, itself included: with
     * KILL it dies of it too, and its status is 137, not 124 */
    if (timed_out && sig == AX_SIGKILL)
        return 128 + AX_SIGKILL;
    if (timed_out && !preserve)
        return 124;
    return code;
}
