/* Signals: kill and raise, the dispositions (signal, sigaction), the
 * mask, sigsuspend and pause.
 *
 * Every caught signal reaches the program through one trampoline of the
 * layer, which the kernel knows as the handler: it calls the program's
 * handler, with a siginfo_t for SA_SIGINFO ones. The
 * program's handlers and flags are kept per signal in this image, so per
 * process. The kernel delivers signals on the way out of a call, so a
 * handler runs before the call that let it in returns. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "posix/internal.h"

typedef struct PxHandler {
    union {
        void (*plain)(int);
        void (*info)(int, siginfo_t *, void *);
    } fn;
    int flags; /* the sa_flags the program gave */
} PxHandler;

static PxHandler px_handlers[AX_NSIG];

static void px_trampoline(int sig) {
    if (sig <= 0 || sig >= AX_NSIG)
        return;
    PxHandler h = px_handlers[sig];
    if (h.flags & SA_SIGINFO) {
        siginfo_t info;
        memset(&info, 0, sizeof info);
        info.si_signo = sig;
        info.si_code = SI_USER;
        h.fn.info(sig, &info, NULL);
    } else if (h.fn.plain) {
        h.fn.plain(sig);
    }
}

static void set_to_sigset(SigSet s, sigset_t *out) {
    sigemptyset(out);
    for (int sig = 1; sig < AX_NSIG; sig++)
        if (s & AX_SIGBIT(sig))
            sigaddset(out, sig);
}

int kill(pid_t pid, int sig) {
    return (int)px_ret(sys_kill(pid, sig));
}

int killpg(pid_t pgrp, int sig) {
    if (pgrp < 0)
        return px_fail(EINVAL);
    return kill(-pgrp, sig);
}

int raise(int sig) {
    return kill(getpid(), sig);
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    SigAction ax, prev;
    const SigAction *axp = NULL;
    if (act) {
        ax.mask = px_sigset_to_ax(&act->sa_mask);
        ax.flags = (uint32_t)act->sa_flags & (AX_SA_RESTART | AX_SA_NODEFER | AX_SA_RESETHAND);
        if (act->sa_handler == SIG_DFL || act->sa_handler == SIG_IGN)
            ax.handler = (SigHandler)act->sa_handler;
        else
            ax.handler = px_trampoline;
        axp = &ax;
    }
    if (px_ret(sys_sigaction(sig, axp, &prev)) < 0)
        return -1;
    if (old) {
        memset(old, 0, sizeof *old);
        set_to_sigset(prev.mask, &old->sa_mask);
        old->sa_flags = (int)prev.flags;
        if (prev.handler == px_trampoline) {
            old->sa_flags = px_handlers[sig].flags;
            if (old->sa_flags & SA_SIGINFO)
                old->sa_sigaction = px_handlers[sig].fn.info;
            else
                old->sa_handler = px_handlers[sig].fn.plain;
        } else {
            old->sa_handler = (void (*)(int))prev.handler;
        }
    }
    if (act && ax.handler == px_trampoline) {
        px_handlers[sig].flags = act->sa_flags;
        if (act->sa_flags & SA_SIGINFO)
            px_handlers[sig].fn.info = act->sa_sigaction;
        else
            px_handlers[sig].fn.plain = act->sa_handler;
    }
    return 0;
}

/* signal with BSD semantics (glibc's): the handler stays, and interrupted
 * reads and writes restart. */
sighandler_t signal(int sig, sighandler_t handler) {
    struct sigaction act = {.sa_handler = handler, .sa_flags = SA_RESTART}, old;
    sigemptyset(&act.sa_mask);
    sigaddset(&act.sa_mask, sig);
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}
sighandler_t bsd_signal(int sig, sighandler_t handler) __attribute__((alias("signal")));

/* signal with System V semantics (what strict ISO C code gets from
 * glibc's headers): reset to default on delivery, not blocked meanwhile,
 * no restart. */
sighandler_t __sysv_signal(int sig, sighandler_t handler) {
    struct sigaction act = {.sa_handler = handler, .sa_flags = SA_RESETHAND | SA_NODEFER}, old;
    sigemptyset(&act.sa_mask);
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}
sighandler_t sysv_signal(int sig, sighandler_t handler) __attribute__((alias("__sysv_signal")));

int siginterrupt(int sig, int flag) {
    struct sigaction act;
    if (sigaction(sig, NULL, &act) < 0)
        return -1;
    if (flag)
        act.sa_flags &= ~SA_RESTART;
    else
        act.sa_flags |= SA_RESTART;
    return sigaction(sig, &act, NULL);
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old) {
    SigSet ax = set ? px_sigset_to_ax(set) : 0, prev;
    if (px_ret(sys_sigprocmask(how, set ? &ax : NULL, &prev)) < 0)
        return -1;
    if (old)
        set_to_sigset(prev, old);
    return 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old) {
    int saved = errno;
    int r = sigprocmask(how, set, old) < 0 ? errno : 0;
    errno = saved;
    return r;
}

int sigpending(sigset_t *set) {
    SigSet ax;
    if (!set)
        return px_fail(EFAULT);
    if (px_ret(sys_sigpending(&ax)) < 0)
        return -1;
    set_to_sigset(ax, set);
    return 0;
}

int pause(void) {
    return (int)px_ret(sys_pause());
}

/* ppoll with nothing to watch and no timeout: the kernel installs the
 * mask, waits for a signal and runs its handler under that mask, then
 * puts the old one back, atomically (Linux's sigsuspend). */
int sigsuspend(const sigset_t *mask) {
    if (!mask)
        return px_fail(EFAULT);
    SigSet m = px_sigset_to_ax(mask);
    px_ret(sys_ppoll(NULL, 0, NULL, &m));
    return -1;
}

/* Waiting for a signal without running its handler: sys_sigtimedwait.
 * The siginfo_t says which signal, sent by a process (SI_USER); axos
 * keeps no sender or value with a pending signal. */
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout) {
    if (!set)
        return px_fail(EFAULT);
    int64_t ns = 0;
    if (timeout) {
        if (timeout->tv_sec < 0 || timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000L)
            return px_fail(EINVAL);
        ns = timeout->tv_sec > (INT64_MAX - timeout->tv_nsec) / 1000000000L
                 ? INT64_MAX
                 : (int64_t)timeout->tv_sec * 1000000000L + timeout->tv_nsec;
    }
    SigSet s = px_sigset_to_ax(set);
    long sig = px_ret(sys_sigtimedwait(&s, timeout ? &ns : NULL));
    if (sig < 0)
        return -1;
    if (info) {
        memset(info, 0, sizeof *info);
        info->si_signo = (int)sig;
        info->si_code = SI_USER;
    }
    return (int)sig;
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info) {
    return sigtimedwait(set, info, NULL);
}

/* sigwait reports by its value, and goes on waiting past EINTR (glibc). */
int sigwait(const sigset_t *set, int *sig) {
    int saved = errno;
    for (;;) {
        int r = sigtimedwait(set, NULL, NULL);
        if (r > 0) {
            if (sig)
                *sig = r;
            errno = saved;
            return 0;
        }
        int e = errno;
        if (e != EINTR) {
            errno = saved;
            return e;
        }
    }
}

int sigaltstack(const stack_t *ss, stack_t *old) {
    (void)ss;
    if (old) {
        memset(old, 0, sizeof *old);
        old->ss_flags = SS_DISABLE;
    }
    return ss ? px_fail(ENOSYS) : 0;
}
