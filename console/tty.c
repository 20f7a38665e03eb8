/* Terminal control (the console's ObjOps.ioctl, which the tc* syscalls
 * reach) and the job control rules of a controlling terminal.
 *
 * Job control, as Linux applies it to the processes of the console's
 * session: a process outside the foreground group that reads the console
 * gets SIGTTIN (its whole group); one that changes the terminal
 * (tcsetattr, tcsetpgrp), or writes while TOSTOP is set, gets SIGTTOU.
 * The signal stops the group; the call carries on once the process is
 * continued, and asks again if it is still in the background. A process
 * that ignores or blocks SIGTTIN has its read fail with AX_EIO; one that
 * ignores or blocks SIGTTOU goes ahead (this is how a shell takes the
 * terminal back). A group with no parent outside it in the session (an
 * orphaned group) is never stopped: its calls fail with AX_EIO. */
#include <string.h>

#include "console/internal.h"
#include "kernel/proc.h"
#include "signal/signal.h"

bool console_is_ctty(Kernel *k, Console *c) {
    Proc *p = k->cur;
    return p && c->sid != 0 && p->sid == c->sid;
}

static bool sig_refused(const Proc *p, int sig) {
    return p->sig.action[sig].handler == AX_SIG_IGN || (p->sig.blocked & AX_SIGBIT(sig));
}

int64_t console_job_check(Kernel *k, Console *c, int sig) {
    for (;;) {
        Proc *p = k->cur;
        if (!console_is_ctty(k, c) || c->fg_pgrp == 0 || p->pgid == c->fg_pgrp)
            return 0;
        if (sig_refused(p, sig))
            return sig == AX_SIGTTIN ? -AX_EIO : 0;
        if (proc_pgrp_orphaned(k, p->pgid, p->sid))
            return -AX_EIO;
        sig_send_group(k, p->pgid, sig);
        if (p->sig.action[sig].handler != AX_SIG_DFL)
            return -AX_EINTR; /* the handler runs on the way out */
        /* The default action: the caller stops right here; once continued
         * it looks again (it may have been brought to the foreground). */
        sig_deliver(k);
    }
}

void console_set_winsize(Kernel *k, Console *c, const WinSize *ws) {
    if (memcmp(&c->winsize, ws, sizeof *ws) == 0)
        return;
    c->winsize = *ws;
    if (c->fg_pgrp > 0)
        sig_send_group(k, c->fg_pgrp, AX_SIGWINCH);
}

static int console_set_pgrp(Kernel *k, Console *c, int pgid) {
    if (!console_is_ctty(k, c))
        return -AX_ENOTTY;
    if (pgid < 0)
        return -AX_EINVAL;
    int64_t r = console_job_check(k, c, AX_SIGTTOU);
    if (r < 0)
        return r == -AX_EIO ? -AX_ENOTTY : (int)r;
    if (!proc_pgrp_in_session(k, pgid, k->cur->sid))
        return -AX_EPERM;
    c->fg_pgrp = pgid;
    return 0;
}

static int console_set_attr(Kernel *k, Console *c, unsigned cmd, const TermAttr *arg) {
    TermAttr t;
    memcpy(&t, arg, sizeof t);
    int64_t r = console_job_check(k, c, AX_SIGTTOU);
    if (r < 0)
        return (int)r;
    /* Output is written through at once, so "after draining" is now. */
    if (cmd == KIOC_TCSETSF)
        ldisc_flush_input(c);
    ldisc_set_attr(k, c, &t);
    return 0;
}

int console_ioctl(Kernel *k, KObject *o, unsigned cmd, void *arg) {
    Console *c = console_get(k);
    if (cmd < KIOC_TCGETS || cmd > KIOC_TIOCSWINSZ || !console_is_terminal(c, o))
        return -AX_ENOTTY;
    if (!arg)
        return -AX_EFAULT;
    switch (cmd) {
    case KIOC_TCGETS:
        memcpy(arg, &c->attr, sizeof c->attr);
        return 0;
    case KIOC_TCSETS:
    case KIOC_TCSETSW:
    case KIOC_TCSETSF:
        return console_set_attr(k, c, cmd, arg);
    case KIOC_TIOCGPGRP:
        if (!console_is_ctty(k, c))
            return -AX_ENOTTY;
        *(int *)arg = c->fg_pgrp;
        return 0;
    case KIOC_TIOCSPGRP:
        return console_set_pgrp(k, c, *(const int *)arg);
    case KIOC_TIOCGWINSZ:
        memcpy(arg, &c->winsize, sizeof c->winsize);
        return 0;
    default: { /* KIOC_TIOCSWINSZ */
        WinSize ws;
        memcpy(&ws, arg, sizeof ws);
        console_set_winsize(k, c, &ws);
        return 0;
    }
    }
}
