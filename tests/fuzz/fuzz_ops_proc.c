/* Fuzz ops: processes, signals, timers, the environment, the console. */
#include "fuzz.h"

/* A child runs another (or the same) script; up to four file actions. */
static SyscallResult op_spawn(FzTask *t) {
    SpawnFileAction fa[4];
    size_t n = fz_u8(t) % 5;
    for (size_t i = 0; i < n; i++) {
        uint8_t kind = fz_u8(t);
        fa[i] = (SpawnFileAction){
            .kind = kind < 250 ? 1 + kind % 3 : kind, /* a few unknown kinds */
            .fd = fz_fd(t),
            .newfd = fz_fd(t),
            .path = fz_path(t),
            .oflag = fz_oflags(t),
            .mode = 0644,
        };
    }
    uint8_t b = fz_u8(t);
    SpawnAttr attr = {
        .flags = b < 200 ? b & 0x0f : fz_u32(t),
        .pgroup = (fz_u8(t) & 1) ? 0 : fz_pid(t),
        .sigmask = fz_u64(t),
        .sigdefault = fz_u64(t),
        .actions = (n == 0 && b % 7 == 0) ? NULL : fa,
        .nactions = (n == 0 && b % 7 == 0) ? (size_t)fz_u8(t) : n, /* NULL with a count: EFAULT */
    };
    const char *path = (fz_u8(t) % 8 == 0) ? fz_path(t) : "/bin/fz";
    char *const *argv = fz_argv(t);
    const SpawnAttr *ap = (b % 5 == 0) ? NULL : &attr;
    fz_arm(t, "spawn");
    SyscallResult r = sys_spawn(path, argv, NULL, ap);
    if (r.error == AX_OK)
        fz_note_kid(t, (int)r.value);
    /* An OPEN with O_TRUNC empties an existing file, and a later action
     * that fails does not bring its bytes back (on Linux the child did
     * it, and it stays so too): that failure may change the figures. */
    for (size_t i = 0; ap && ap->actions && i < n; i++)
        if (fa[i].kind == AX_SPAWN_OPEN && (fa[i].oflag & AX_O_TRUNC))
            t->armed = 0;
    return r;
}

static SyscallResult op_exec(FzTask *t) {
    const char *path = (fz_u8(t) % 4 == 0) ? fz_path(t) : "/bin/fz";
    char *const *argv = fz_argv(t);
    fz_arm(t, "exec");
    return sys_exec(path, argv, NULL); /* on success the budget ends the chain */
}

static SyscallResult op_exit(FzTask *t) {
    int status = (int)fz_u32(t);
    if (fz_u8(t) % 4 != 0) /* usually not: a script should get to run */
        return (SyscallResult){0, AX_OK};
    sys_exit(status);
    return (SyscallResult){0, AX_OK};
}

static SyscallResult op_waitpid(FzTask *t) {
    int pid = fz_pid(t);
    uint8_t b = fz_u8(t);
    int options = b < 220 ? (b & (AX_WNOHANG | AX_WUNTRACED | AX_WCONTINUED)) | AX_WNOHANG * (b > 150)
                          : (int)fz_u32(t);
    int st;
    int *stp = (b % 5 == 0) ? NULL : &st;
    fz_arm(t, "waitpid");
    return sys_waitpid(pid, stp, options);
}

static SyscallResult op_kill(FzTask *t) {
    int pid = fz_pid(t), sig = fz_sig(t);
    fz_arm(t, "kill");
    return sys_kill(pid, sig);
}

static SyscallResult op_setpgid(FzTask *t) {
    int pid = fz_pid(t), pgid = fz_pid(t);
    fz_arm(t, "setpgid");
    return sys_setpgid(pid, pgid);
}

static SyscallResult op_setsid(FzTask *t) {
    fz_arm(t, "setsid");
    return sys_setsid();
}

static SyscallResult op_sleep(FzTask *t) {
    uint64_t ns = fz_ns(t);
    if (fz_u8(t) % 8 == 0) {
        fz_arm(t, "yield");
        return sys_yield();
    }
    fz_arm(t, "sleep");
    return sys_sleep(ns);
}

static SyscallResult op_pause(FzTask *t) {
    fz_arm(t, "pause");
    return sys_pause();
}

static SyscallResult op_sigaction(FzTask *t) {
    int sig = fz_sig(t);
    uint8_t b = fz_u8(t);
    static const uint32_t bits[] = {AX_SA_RESTART, AX_SA_NODEFER, AX_SA_RESETHAND,
                                    AX_SA_NOCLDSTOP, AX_SA_NOCLDWAIT};
    uint8_t pick = fz_u8(t);
    uint32_t flags = 0;
    for (int i = 0; i < 5; i++)
        if (pick & (1 << i))
            flags |= bits[i];
    SigAction act = {.handler = fz_handler(t), .mask = fz_u64(t),
                     .flags = b < 200 ? flags : fz_u32(t)};
    SigAction old;
    fz_arm(t, "sigaction");
    if (b % 3 == 0)
        return sys_signal(sig, act.handler);
    return sys_sigaction(sig, (b & 8) ? NULL : &act, (b & 16) ? NULL : &old);
}

static SyscallResult op_sigprocmask(FzTask *t) {
    int how = fz_u8(t) % 4;
    SigSet set = fz_u64(t), old;
    uint8_t b = fz_u8(t);
    fz_arm(t, "sigprocmask");
    switch (b % 4) {
    case 0:
        return sys_sigblock(fz_sig(t));
    case 1:
        return sys_sigunblock(fz_sig(t));
    case 2:
        return sys_sigpending((b & 4) ? NULL : &old);
    default:
        return sys_sigprocmask(how, (b & 8) ? NULL : &set, (b & 16) ? NULL : &old);
    }
}

static SyscallResult op_timer(FzTask *t) {
    uint8_t b = fz_u8(t);
    uint64_t ns = fz_ns(t);
    int flags = (b & 0x10) ? (int)fz_u32(t)
                           : ((b & 1) ? AX_TIMER_SIGALRM : 0) | ((b & 2) ? AX_TIMER_NONBLOCK : 0);
    switch (b % 4) {
    case 0:
        fz_arm(t, "timer_set");
        return sys_timer_set(ns, flags);
    case 1: /* at least 1 us: a 1 ns timer is legal, but eats a script's slices */
        fz_arm(t, "timer_interval");
        return sys_timer_interval((fz_u8(t) & 1) ? 0 : ns + 1000, flags);
    case 2: {
        int fd = fz_fd(t);
        fz_arm(t, "timer_cancel");
        return sys_timer_cancel(fd);
    }
    default: {
        int fd = fz_fd(t);
        fz_arm(t, "read(timer)");
        return sys_read(fd, t->scratch, 8);
    }
    }
}

static SyscallResult op_env(FzTask *t) {
    static const char *const names[] = {"A", "PATH", "", "A=B", "LONG_NAME_X", NULL};
    const char *name = names[fz_u8(t) % 6];
    const char *value = names[fz_u8(t) % 6];
    uint8_t b = fz_u8(t);
    size_t size = fz_u8(t) % 64;
    char *buf = (size == 63) ? NULL : (char *)t->scratch;
    fz_arm(t, "env");
    switch (b % 4) {
    case 0:
        return sys_setenv(name, value, b & 4);
    case 1:
        return sys_getenv(name, buf, size);
    case 2:
        return sys_unsetenv(name);
    default:
        return sys_environ(fz_u8(t) % 8, buf, size);
    }
}

static SyscallResult op_console(FzTask *t) {
    int fd = fz_fd(t);
    uint8_t b = fz_u8(t);
    TermAttr *ta = (TermAttr *)t->scratch;
    WinSize ws = {fz_u16(t), fz_u16(t), 0, 0};
    int pgid = fz_pid(t);
    fz_arm(t, "console");
    switch (b % 6) {
    case 0:
        return sys_tcgetattr(fd, (b & 8) ? NULL : ta);
    case 1: /* the attributes just read, some flags flipped */
        ta->lflag ^= fz_u8(t);
        return sys_tcsetattr(fd, fz_u8(t) % 4, ta);
    case 2:
        return sys_tcsetpgrp(fd, pgid);
    case 3:
        return sys_tcgetpgrp(fd);
    case 4:
        return sys_tcsetwinsize(fd, (b & 8) ? NULL : &ws);
    default:
        return sys_proclist((b & 8) ? NULL : (ProcInfo *)t->scratch,
                            fz_u8(t) % (FZ_SCRATCH / sizeof(ProcInfo) + 1));
    }
}

const FzOp fz_ops_proc[] = {
    op_spawn, op_spawn, op_exec,    op_exit,       op_waitpid, op_waitpid, op_kill,
    op_kill,  op_setpgid, op_setsid, op_sleep,     op_pause,   op_sigaction, op_sigaction,
    op_sigprocmask, op_timer, op_timer, op_env,    op_console, NULL,
};
