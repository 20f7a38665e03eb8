/* trap.c — traps and the shell's own signal handling.
 *
 * A signal handler gets only the signal number, and the shell has no
 * static variables to leave a note in. So the handler writes the number
 * as one byte into a pipe whose write end sits at the fixed fd SH_SIGFD
 * (close-on-exec, non-blocking: the classic self-pipe). Between commands
 * the shell drains the read end and runs the traps of what arrived. A
 * caught signal also ends a blocking call with AX_EINTR: that is how
 * `wait` and an interactive read of the terminal notice it.
 */
#include "sh.h"

static void on_signal(int sig)
{
    unsigned char b = (unsigned char)sig;
    sys_write(SH_SIGFD, &b, 1);
}

static bool ensure_pipe(Shell *sh)
{
    if (sh->sigpipe_r >= 0)
        return true;
    int p[2];
    if (sys_pipe2(p, AX_O_NONBLOCK | AX_O_CLOEXEC).error != AX_OK)
        return false;
    if (sys_dup2(p[1], SH_SIGFD).error != AX_OK) {
        sys_close(p[0]);
        sys_close(p[1]);
        return false;
    }
    sys_fcntl(SH_SIGFD, AX_F_SETFD, AX_FD_CLOEXEC);
    sys_close(p[1]);
    int r = sh_private_fd(p[0]);
    sh->sigpipe_r = r >= 0 ? r : p[0];
    return true;
}

/* Signals an interactive shell ignores for itself (children get them back). */
static bool interactive_ignores(Shell *sh, int sig)
{
    if (!sh->interactive)
        return false;
    if (sig == AX_SIGQUIT || sig == AX_SIGTERM)
        return true;
    return sh->jobctl && (sig == AX_SIGTSTP || sig == AX_SIGTTIN || sig == AX_SIGTTOU);
}

/* Put the shell's own disposition for sig back (no trap set). */
static void default_disposition(Shell *sh, int sig)
{
    if (sh->interactive && sig == AX_SIGINT && ensure_pipe(sh))
        sys_signal(sig, on_signal);
    else if (interactive_ignores(sh, sig) || sh->sig_ignored_at_start[sig])
        sys_signal(sig, AX_SIG_IGN);
    else
        sys_signal(sig, AX_SIG_DFL);
}

void trap_init(Shell *sh)
{
    sh->sigpipe_r = -1;
    for (int s = 1; s < AX_NSIG && s < 32; s++) {
        SigAction old;
        if (s != AX_SIGKILL && s != AX_SIGSTOP && sys_sigaction(s, NULL, &old).error == AX_OK)
            sh->sig_ignored_at_start[s] = old.handler == AX_SIG_IGN;
    }
    if (sh->interactive) {
        default_disposition(sh, AX_SIGINT);
        default_disposition(sh, AX_SIGQUIT);
        default_disposition(sh, AX_SIGTERM);
    }
    if (sh->jobctl) {
        default_disposition(sh, AX_SIGTSTP);
        default_disposition(sh, AX_SIGTTIN);
        default_disposition(sh, AX_SIGTTOU);
    }
}

int trap_set(Shell *sh, int sig, const char *action)
{
    if (sig < 0 || sig >= AX_NSIG)
        return -1;
    if (sig == AX_SIGKILL || sig == AX_SIGSTOP)
        return -1;
    /* POSIX: signals ignored when a non-interactive shell started stay so */
    if (sig > 0 && sh->sig_ignored_at_start[sig] && !sh->interactive)
        return 0;
    xfree(sh->traps[sig]);
    sh->traps[sig] = action ? xstrdup(action) : NULL;
    if (sig == 0)
        return 0;
    if (!action)
        default_disposition(sh, sig);
    else if (!*action)
        sys_signal(sig, AX_SIG_IGN);
    else if (ensure_pipe(sh))
        sys_signal(sig, on_signal);
    return 0;
}

int trap_run_pending(Shell *sh)
{
    if (sh->sigpipe_r < 0)
        return 0;
    int last = 0;
    unsigned char sigs[64];
    for (;;) {
        SyscallResult r = sys_read(sh->sigpipe_r, sigs, sizeof sigs);
        if (r.error != AX_OK || r.value <= 0)
            break;
        for (int i = 0; i < r.value; i++) {
            int sig = sigs[i];
            last = sig;
            const char *t = sig < AX_NSIG ? sh->traps[sig] : NULL;
            if (!t && sig == AX_SIGINT && sh->interactive) {
                sh_interrupt(sh, sig);
                sh->intr_newline = true; /* after the ^C the terminal echoed */
            }
            /* a signal's own trap is not entered again while it runs;
             * another's may nest in it, as in bash */
            if (!t || !*t || sh->running_trap == sig + 1)
                continue;
            char *cmd = xstrdup(t);
            int saved = sh->status;
            bool was_in = sh->in_trap;
            int was_running = sh->running_trap, was_saved = sh->trap_saved_status;
            sh->in_trap = true;
            sh->running_trap = sig + 1;
            sh->trap_saved_status = saved;
            sh_run_string(sh, cmd, sh->lineno);
            sh->in_trap = was_in;
            sh->running_trap = was_running;
            sh->trap_saved_status = was_saved;
            xfree(cmd);
            if (sh->jump == JUMP_NONE)
                sh->status = saved;
        }
    }
    return last;
}

void trap_run_err(Shell *sh, int status)
{
    if (!*sh->err_trap)
        return;
    char *cmd = xstrdup(sh->err_trap); /* the action may reset the trap */
    sh->in_trap = true;
    sh->running_trap = AX_NSIG + 1;
    sh->trap_saved_status = status;
    sh_run_string(sh, cmd, sh->lineno);
    sh->in_trap = false;
    sh->running_trap = 0;
    xfree(cmd);
    if (sh->jump == JUMP_NONE)
        sh->status = status; /* the trap leaves $? as it found it */
}

void sh_interrupt(Shell *sh, int sig)
{
    sh->jump = JUMP_INTR;
    sh->status = 128 + sig;
}

void trap_run_exit(Shell *sh)
{
    char *t = sh->traps[0];
    if (!t || !*t)
        return;
    sh->traps[0] = NULL; /* once: an exit inside the trap ends for good */
    sh->jump = JUMP_NONE;
    sh->in_trap = true;
    sh->running_trap = 1;
    sh->trap_saved_status = sh->status;
    sh_run_string(sh, t, sh->lineno);
    sh->in_trap = false;
    sh->running_trap = 0;
    xfree(t);
}

SigSet trap_child_sigdefault(Shell *sh)
{
    SigSet set = 0;
    static const int sigs[] = {AX_SIGQUIT, AX_SIGTERM, AX_SIGTSTP, AX_SIGTTIN, AX_SIGTTOU};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (interactive_ignores(sh, sigs[i]) && !sh->traps[sigs[i]])
            set |= AX_SIGBIT(sigs[i]);
    return set;
}

const char *trap_signame(int sig)
{
    if (sig == 0)
        return "EXIT";
    const char *n = sys_signame(sig);
    return n ? n : "?";
}

int trap_signum(const char *name)
{
    int64_t n;
    if (sh_parse_int(name, &n))
        return n >= 0 && n < AX_NSIG ? (int)n : -1;
    char up[32];
    size_t i = 0;
    for (; name[i] && i < sizeof up - 1; i++)
        up[i] = (char)((name[i] >= 'a' && name[i] <= 'z') ? name[i] - 32 : name[i]);
    up[i] = '\0';
    if (strcmp(up, "EXIT") == 0 || strcmp(up, "SIGEXIT") == 0)
        return 0;
    return sys_sigbyname(up);
}
