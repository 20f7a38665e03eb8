/* Terminal control (the ioctls the tc* syscalls reach) and the job
 * control rules of a controlling terminal, for any Tty: the console and
 * the slave side of each pseudo-terminal.
 *
 * Job control, as Linux applies it to the processes of a terminal's
 * session: a process outside the foreground group that reads the terminal
 * gets SIGTTIN (its whole group); one that changes the terminal
 * (tcsetattr, tcsetpgrp), or writes while TOSTOP is set, gets SIGTTOU.
 * The signal stops the group; the call carries on once the process is
 * continued, and asks again if it is still in the background. A process
 * that ignores or blocks SIGTTIN has its read fail with AX_EIO; one that
 * ignores or blocks SIGTTOU goes ahead (this is how a shell takes the
 * terminal back). A group with no parent outside it in the session (an
 * orphaned group) is never stopped: its calls fail with AX_EIO. */
#include <string.h>

#include "console/tty.h"
#include "kernel/proc.h"
#include "signal/signal.h"

/* A terminal stays with a session while its leader lives. Once the
 * leader has exited it is free again. (Linux also hangs up the foreground
 * group then; axos sends no SIGHUP, see console.h.) */
Tty *tty_session_check(Kernel *k, Tty *t) {
    if (t->sid) {
        Proc *leader = proc_find(k, t->sid);
        if (!leader || leader->state == PROC_ZOMBIE) {
            t->sid = 0;
            t->fg_pgrp = 0;
        }
    }
    return t;
}

bool tty_is_ctty(Kernel *k, const Tty *t) {
    Proc *p = k->cur;
    return p && t->sid != 0 && p->sid == t->sid;
}

static bool sig_refused(const Proc *p, int sig) {
    return sig_action(p, sig)->handler == AX_SIG_IGN || (p->sig.blocked & AX_SIGBIT(sig));
}

int64_t tty_job_check(Kernel *k, Tty *t, int sig) {
    for (;;) {
        Proc *p = k->cur;
        if (!tty_is_ctty(k, t) || t->fg_pgrp == 0 || p->pgid == t->fg_pgrp)
            return 0;
        if (sig_refused(p, sig))
            return sig == AX_SIGTTIN ? -AX_EIO : 0;
        if (proc_pgrp_orphaned(k, p->pgid, p->sid))
            return -AX_EIO;
        sig_send_group(k, p->pgid, sig);
        if (sig_action(p, sig)->handler != AX_SIG_DFL)
            return -AX_EINTR; /* the handler runs on the way out */
        /* The default action: the caller stops right here; once continued
         * it looks again (it may have been brought to the foreground). */
        sig_deliver(k);
    }
}

void tty_set_winsize(Kernel *k, Tty *t, const WinSize *ws) {
    if (memcmp(&t->winsize, ws, sizeof *ws) == 0)
        return;
    t->winsize = *ws;
    if (t->fg_pgrp > 0)
        sig_send_group(k, t->fg_pgrp, AX_SIGWINCH);
}

int tty_set_ctty(Kernel *k, Tty *t, const CttyRequest *req) {
    Proc *p = req->proc;
    bool leader = p->sid == p->pid;
    Tty *cur = console_session_tty(k, p->sid);
    if (req->on_open) {
        /* Linux's tty_open: a leader with no terminal takes a free one. */
        if (leader && !cur && !t->sid) {
            t->sid = p->sid;
            t->fg_pgrp = p->pgid;
        }
        return 0;
    }
    if (leader && cur == t)
        return 0;
    if (!leader || cur)
        return -AX_EPERM;
    /* Taking a terminal from another session needs force (and on Linux
     * CAP_SYS_ADMIN, which every axos process has). */
    if (t->sid && !req->force)
        return -AX_EPERM;
    t->sid = p->sid;
    t->fg_pgrp = p->pgid;
    return 0;
}

static int tty_set_pgrp(Kernel *k, Tty *t, int pgid, bool job) {
    if (!tty_is_ctty(k, t))
        return -AX_ENOTTY;
    if (pgid < 0)
        return -AX_EINVAL;
    if (job) {
        int64_t r = tty_job_check(k, t, AX_SIGTTOU);
        if (r < 0)
            return r == -AX_EIO ? -AX_ENOTTY : (int)r;
    }
    if (!proc_pgrp_in_session(k, pgid, k->cur->sid))
        return -AX_EPERM;
    t->fg_pgrp = pgid;
    return 0;
}

static int tty_set_attr(Kernel *k, Tty *t, unsigned cmd, const TermAttr *arg, bool job) {
    TermAttr a;
    memcpy(&a, arg, sizeof a);
    if (job) {
        int64_t r = tty_job_check(k, t, AX_SIGTTOU);
        if (r < 0)
            return (int)r;
    }
    /* Output is written through at once, so "after draining" is now. */
    if (cmd == KIOC_TCSETSF)
        ldisc_flush_input(t);
    ldisc_set_attr(k, t, &a);
    return 0;
}

int tty_ioctl(Kernel *k, Tty *t, unsigned cmd, void *arg, bool job) {
    if (cmd < KIOC_TCGETS || cmd > KIOC_TIOCSWINSZ)
        return -AX_ENOTTY;
    if (!arg)
        return -AX_EFAULT;
    switch (cmd) {
    case KIOC_TCGETS:
        memcpy(arg, &t->attr, sizeof t->attr);
        return 0;
    case KIOC_TCSETS:
    case KIOC_TCSETSW:
    case KIOC_TCSETSF:
        return tty_set_attr(k, t, cmd, arg, job);
    case KIOC_TIOCGPGRP:
        /* A pty's master may ask whoever holds its slave (Linux). */
        if (job && !tty_is_ctty(k, t))
            return -AX_ENOTTY;
        *(int *)arg = t->fg_pgrp;
        return 0;
    case KIOC_TIOCSPGRP:
        return tty_set_pgrp(k, t, *(const int *)arg, job);
    case KIOC_TIOCGWINSZ:
        memcpy(arg, &t->winsize, sizeof t->winsize);
        return 0;
    default: { /* KIOC_TIOCSWINSZ */
        WinSize ws;
        memcpy(&ws, arg, sizeof ws);
        tty_set_winsize(k, t, &ws);
        return 0;
    }
    }
}
