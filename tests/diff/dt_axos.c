/* dt in axos: each call is the sys_* one, errors as -AX_E* (Linux's
 * numbers). Built into an axos program: it sees only axos.h. */
#include <stdarg.h>
#include <string.h>

#include "axos.h"
#include "dt.h"
#include "dt_axos.h"

#define R(call) dt_r(call)

static long dt_r(SyscallResult r) { return r.error ? -(long)r.error : (long)r.value; }

/* Per-process scratch behind the process's TLS slot: statics are shared
 * by every process of the program. The heap block goes with the process. */
DtLocal *dt_local(void) {
    void **slot = sys_tls();
    if (!*slot) {
        SyscallResult r = sys_heap_alloc(sizeof(DtLocal));
        if (r.error)
            sys_exit(124);
        *slot = (void *)(uintptr_t)r.value;
    }
    return *slot;
}

long dt_open(const char *path, int flags, int mode) {
    return R(sys_open(path, flags, (uint32_t)mode));
}
long dt_close(int fd) { return R(sys_close(fd)); }
long dt_read(int fd, void *buf, size_t n) { return R(sys_read(fd, buf, n)); }
long dt_write(int fd, const void *buf, size_t n) { return R(sys_write(fd, buf, n)); }
long dt_lseek(int fd, long off, int whence) { return R(sys_lseek(fd, off, whence)); }
long dt_dup(int fd) { return R(sys_dup(fd)); }
long dt_dup2(int fd, int newfd) { return R(sys_dup2(fd, newfd)); }
long dt_fcntl(int fd, int cmd, long arg) { return R(sys_fcntl(fd, cmd, arg)); }
long dt_ftruncate(int fd, long len) { return R(sys_ftruncate(fd, len)); }
long dt_mkdir(const char *path, int mode) { return R(sys_mkdir(path, (uint32_t)mode)); }
long dt_rmdir(const char *path) { return R(sys_rmdir(path)); }
long dt_unlink(const char *path) { return R(sys_unlink(path)); }
long dt_rename(const char *from, const char *to) { return R(sys_rename(from, to)); }
long dt_chdir(const char *path) { return R(sys_chdir(path)); }
long dt_getcwd(char *buf, size_t n) { return R(sys_getcwd(buf, n)); }
long dt_pipe(int fds[2], int flags) { return R(sys_pipe2(fds, flags)); }
long dt_symlink(const char *target, const char *path) { return R(sys_symlink(target, path)); }
long dt_link(const char *from, const char *to) { return R(sys_link(from, to)); }
long dt_readlink(const char *path, char *buf, size_t n) { return R(sys_readlink(path, buf, n)); }
long dt_chmod(const char *path, int mode) { return R(sys_chmod(path, (uint32_t)mode)); }
long dt_umask(int mask) { return R(sys_umask((uint32_t)mask)); }

static void dt_fill_stat(const FileStat *s, DtStat *st) {
    st->type = AX_S_ISREG(s->mode)    ? 'f'
               : AX_S_ISDIR(s->mode)  ? 'd'
               : AX_S_ISCHR(s->mode)  ? 'c'
               : AX_S_ISFIFO(s->mode) ? 'p'
               : AX_S_ISLNK(s->mode)  ? 'l'
                                      : '?';
    st->perm = s->mode & 07777;
    st->size = s->size;
    st->nlink = s->nlink;
}

long dt_stat(const char *path, DtStat *st) {
    FileStat s;
    SyscallResult r = sys_stat(path, &s);
    if (r.error)
        return -(long)r.error;
    dt_fill_stat(&s, st);
    return 0;
}

long dt_lstat(const char *path, DtStat *st) {
    FileStat s;
    SyscallResult r = sys_lstat(path, &s);
    if (r.error)
        return -(long)r.error;
    dt_fill_stat(&s, st);
    return 0;
}

long dt_fstat(int fd, DtStat *st) {
    FileStat s;
    SyscallResult r = sys_fstat(fd, &s);
    if (r.error)
        return -(long)r.error;
    dt_fill_stat(&s, st);
    return 0;
}

/* ---- processes ---- */

static long dt_sys_spawn(const char *path, char *const argv[], const DtSpawn *sp) {
    SpawnFileAction fa[16];
    SpawnAttr attr = {0};
    if (sp) {
        if (sp->nactions > 16)
            return -AX_E2BIG;
        for (int i = 0; i < sp->nactions; i++) {
            const DtAction *a = &sp->actions[i];
            fa[i] = (SpawnFileAction){
                .kind = a->kind == DT_ACT_OPEN    ? AX_SPAWN_OPEN
                        : a->kind == DT_ACT_CLOSE ? AX_SPAWN_CLOSE
                        : a->kind == DT_ACT_DUP2  ? AX_SPAWN_DUP2
                                                  : -1,
                .fd = a->fd,
                .newfd = a->newfd,
                .path = a->path,
                .oflag = a->oflag,
                .mode = (uint32_t)a->mode,
            };
        }
        attr.actions = fa;
        attr.nactions = (size_t)sp->nactions;
        if (sp->flags & DT_SPAWN_SETPGROUP) {
            attr.flags |= AX_SPAWN_SETPGROUP;
            attr.pgroup = sp->pgroup;
        }
        if (sp->flags & DT_SPAWN_SETSIGMASK) {
            attr.flags |= AX_SPAWN_SETSIGMASK;
            attr.sigmask = sp->sigmask;
        }
        if (sp->flags & DT_SPAWN_SETSIGDEF) {
            attr.flags |= AX_SPAWN_SETSIGDEF;
            attr.sigdefault = sp->sigdefault;
        }
        if (sp->flags & DT_SPAWN_SETSID)
            attr.flags |= AX_SPAWN_SETSID;
    }
    return R(sys_spawn(path, argv, NULL, sp ? &attr : NULL));
}

long dt_spawn(const DtSpawn *sp, const char *role, ...) {
    char *argv[16];
    int n = 0;
    argv[n++] = "scenario";
    argv[n++] = (char *)role;
    va_list ap;
    va_start(ap, role);
    const char *s;
    while (n < 15 && (s = va_arg(ap, const char *)) != NULL)
        argv[n++] = (char *)s;
    va_end(ap);
    argv[n] = NULL;
    return dt_sys_spawn(DT_AXOS_PATH, argv, sp);
}

long dt_spawn_path(const char *path, const DtSpawn *sp) {
    char *argv[] = {(char *)path, NULL};
    return dt_sys_spawn(path, argv, sp);
}

long dt_waitpid(long pid, int *status, int options) {
    return R(sys_waitpid((int)pid, status, options));
}
long dt_getpid(void) { return R(sys_getpid()); }
long dt_getppid(void) { return R(sys_getppid()); }
long dt_getpgid(long pid) { return R(sys_getpgid((int)pid)); }
long dt_setpgid(long pid, long pgid) { return R(sys_setpgid((int)pid, (int)pgid)); }
long dt_setsid(void) { return R(sys_setsid()); }
long dt_getsid(long pid) { return R(sys_getsid((int)pid)); }
void dt_exit(int status) {
    sys_exit(status);
    __builtin_unreachable();
}
void dt_yield(void) { sys_yield(); }
void dt_sleep_ms(long ms) {
    uint64_t end = (uint64_t)R(sys_clock_gettime(AX_CLOCK_MONOTONIC)) + (uint64_t)ms * 1000000u;
    long now;
    while ((now = R(sys_clock_gettime(AX_CLOCK_MONOTONIC))) >= 0 && (uint64_t)now < end)
        sys_sleep(end - (uint64_t)now);
}
long dt_nanosleep_ms(long ms) { return R(sys_sleep((uint64_t)ms * 1000000u)); }

/* Yield until pid is in `state` (the letters ps shows). */
static int dt_wait_state(long pid, char state) {
    for (int i = 0; i < 100000; i++) {
        ProcInfo info[64];
        SyscallResult r = sys_proclist(info, 64);
        size_t n = r.error ? 0 : (size_t)r.value < 64 ? (size_t)r.value : 64;
        for (size_t j = 0; j < n; j++)
            if (info[j].pid == pid && info[j].state == state)
                return 0;
        sys_yield();
    }
    return -1;
}

int dt_wait_blocked(long pid) { return dt_wait_state(pid, AX_PROC_SLEEPING); }
int dt_wait_zombie(long pid) { return dt_wait_state(pid, AX_PROC_ZOMBIE); }

/* ---- signals ---- */

long dt_kill(long pid, int sig) { return R(sys_kill((int)pid, sig)); }

long dt_sigaction(int sig, void (*handler)(int), uint64_t mask, unsigned flags) {
    SigAction sa = {.handler = handler, .mask = mask, .flags = flags};
    return R(sys_sigaction(sig, &sa, NULL));
}

char dt_sigaction_kind(int sig) {
    SigAction sa;
    if (sys_sigaction(sig, NULL, &sa).error)
        return '!';
    return sa.handler == AX_SIG_DFL ? 'D' : sa.handler == AX_SIG_IGN ? 'I' : 'C';
}

long dt_signal(int sig, void (*handler)(int)) {
    SyscallResult r = sys_signal(sig, handler);
    return r.error ? -(long)r.error : 0;
}

long dt_sigprocmask(int how, const uint64_t *set, uint64_t *old) {
    SigSet s = set ? *set : 0, o = 0;
    SyscallResult r = sys_sigprocmask(how, set ? &s : NULL, &o);
    if (r.error)
        return -(long)r.error;
    if (old)
        *old = o;
    return 0;
}

long dt_sigpending(uint64_t *set) {
    SigSet s = 0;
    SyscallResult r = sys_sigpending(&s);
    if (r.error)
        return -(long)r.error;
    *set = s;
    return 0;
}

long dt_pause(void) { return R(sys_pause()); }

/* A timer fd that raises SIGALRM, kept out of the scenario's way at
 * DT_ALARM_FD, close-on-exec as an alarm is not inherited. */
long dt_alarm_ms(long ms) {
    if (ms == 0) {
        sys_close(DT_ALARM_FD);
        return 0;
    }
    SyscallResult t = sys_timer_set((uint64_t)ms * 1000000u, AX_TIMER_SIGALRM);
    if (t.error)
        return -(long)t.error;
    SyscallResult r = sys_dup2((int)t.value, DT_ALARM_FD);
    sys_close((int)t.value);
    if (r.error)
        return -(long)r.error;
    sys_fcntl(DT_ALARM_FD, AX_F_SETFD, AX_FD_CLOEXEC);
    return 0;
}

/* ---- set-up ---- */

void dt_side_init(void) { dt_local(); }

void dt_side_init_top(void) {
    dt_local();
    if (sys_fcntl(DT_OUT_FD, AX_F_GETFD, 0).error)
        sys_dup2(1, DT_OUT_FD);
    sys_mkdir("/tmp/dt", 0755);
    if (sys_chdir("/tmp/dt").error)
        sys_exit(125);
}

int dt_axos_program(int argc, char **argv) { return dt_entry(argc, argv); }
