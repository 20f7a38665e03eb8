/* dt on the host: each call is the POSIX one, errors as -errno. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dt.h"

/* The layer relies on the host using Linux's numbers. */
_Static_assert(O_CREAT == DT_O_CREAT && O_TRUNC == DT_O_TRUNC && O_APPEND == DT_O_APPEND &&
                   O_NONBLOCK == DT_O_NONBLOCK && O_CLOEXEC == DT_O_CLOEXEC &&
                   O_DIRECTORY == DT_O_DIRECTORY && O_EXCL == DT_O_EXCL,
               "open flags");
_Static_assert(SA_RESTART == DT_SA_RESTART && SA_NODEFER == DT_SA_NODEFER &&
                   (unsigned)SA_RESETHAND == DT_SA_RESETHAND,
               "sigaction flags");
_Static_assert(SIGCHLD == DT_SIGCHLD && SIGSTOP == DT_SIGSTOP && SIGTSTP == DT_SIGTSTP &&
                   SIGUSR1 == DT_SIGUSR1 && SIGWINCH == DT_SIGWINCH,
               "signal numbers");
_Static_assert(WUNTRACED == DT_WUNTRACED && WCONTINUED == DT_WCONTINUED, "wait options");

/* A call's result, or -errno when it failed. */
static long R(long x) { return x < 0 ? -(long)errno : x; }

static DtLocal dt_local_data; /* host processes do not share statics */
DtLocal *dt_local(void) { return &dt_local_data; }

long dt_open(const char *path, int flags, int mode) { return R(open(path, flags, mode)); }
long dt_close(int fd) { return R(close(fd)); }
long dt_read(int fd, void *buf, size_t n) { return R(read(fd, buf, n)); }
long dt_write(int fd, const void *buf, size_t n) { return R(write(fd, buf, n)); }
long dt_lseek(int fd, long off, int whence) { return R(lseek(fd, off, whence)); }
long dt_dup(int fd) { return R(dup(fd)); }
long dt_dup2(int fd, int newfd) { return R(dup2(fd, newfd)); }
long dt_fcntl(int fd, int cmd, long arg) { return R(fcntl(fd, cmd, arg)); }
long dt_ftruncate(int fd, long len) { return R(ftruncate(fd, len)); }
long dt_mkdir(const char *path, int mode) { return R(mkdir(path, (mode_t)mode)); }
long dt_rmdir(const char *path) { return R(rmdir(path)); }
long dt_unlink(const char *path) { return R(unlink(path)); }
long dt_rename(const char *from, const char *to) { return R(rename(from, to)); }
long dt_chdir(const char *path) { return R(chdir(path)); }
long dt_pipe(int fds[2], int flags) { return R(pipe2(fds, flags)); }
long dt_symlink(const char *target, const char *path) { return R(symlink(target, path)); }
long dt_link(const char *from, const char *to) { return R(link(from, to)); }
long dt_readlink(const char *path, char *buf, size_t n) { return R(readlink(path, buf, n)); }
long dt_chmod(const char *path, int mode) { return R(chmod(path, (mode_t)mode)); }
long dt_umask(int mask) { return (long)umask((mode_t)mask); }

long dt_getcwd(char *buf, size_t n) {
    return getcwd(buf, n) ? (long)strlen(buf) : -(long)errno;
}

static void dt_fill_stat(const struct stat *s, DtStat *st) {
    st->type = S_ISREG(s->st_mode)    ? 'f'
               : S_ISDIR(s->st_mode)  ? 'd'
               : S_ISCHR(s->st_mode)  ? 'c'
               : S_ISFIFO(s->st_mode) ? 'p'
               : S_ISLNK(s->st_mode)  ? 'l'
                                      : '?';
    st->perm = s->st_mode & 07777;
    st->size = (uint64_t)s->st_size;
    st->nlink = (uint32_t)s->st_nlink;
}

long dt_stat(const char *path, DtStat *st) {
    struct stat s;
    if (stat(path, &s) < 0)
        return -(long)errno;
    dt_fill_stat(&s, st);
    return 0;
}

long dt_lstat(const char *path, DtStat *st) {
    struct stat s;
    if (lstat(path, &s) < 0)
        return -(long)errno;
    dt_fill_stat(&s, st);
    return 0;
}

long dt_fstat(int fd, DtStat *st) {
    struct stat s;
    if (fstat(fd, &s) < 0)
        return -(long)errno;
    dt_fill_stat(&s, st);
    return 0;
}

/* ---- processes ---- */

static void dt_to_sigset(uint64_t mask, sigset_t *set) {
    sigemptyset(set);
    for (int s = 1; s <= 64; s++)
        if (mask & DT_SIGBIT(s))
            sigaddset(set, s); /* glibc refuses its own 32 and 33: fine */
}

static uint64_t dt_from_sigset(const sigset_t *set) {
    uint64_t m = 0;
    for (int s = 1; s <= 64; s++)
        if (sigismember(set, s) == 1)
            m |= DT_SIGBIT(s);
    return m;
}

static long dt_posix_spawn(const char *path, char *const argv[], const DtSpawn *sp) {
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    int err = 0;
    if (sp) {
        for (int i = 0; i < sp->nactions && !err; i++) {
            const DtAction *a = &sp->actions[i];
            if (a->kind == DT_ACT_OPEN)
                err = posix_spawn_file_actions_addopen(&fa, a->fd, a->path, a->oflag,
                                                       (mode_t)a->mode);
            else if (a->kind == DT_ACT_CLOSE)
                err = posix_spawn_file_actions_addclose(&fa, a->fd);
            else if (a->kind == DT_ACT_DUP2)
                err = posix_spawn_file_actions_adddup2(&fa, a->fd, a->newfd);
            else
                err = EINVAL;
        }
        short flags = 0;
        if (sp->flags & DT_SPAWN_SETPGROUP) {
            flags |= POSIX_SPAWN_SETPGROUP;
            posix_spawnattr_setpgroup(&attr, sp->pgroup);
        }
        if (sp->flags & DT_SPAWN_SETSIGMASK) {
            sigset_t set;
            dt_to_sigset(sp->sigmask, &set);
            flags |= POSIX_SPAWN_SETSIGMASK;
            posix_spawnattr_setsigmask(&attr, &set);
        }
        if (sp->flags & DT_SPAWN_SETSIGDEF) {
            sigset_t set;
            dt_to_sigset(sp->sigdefault, &set);
            flags |= POSIX_SPAWN_SETSIGDEF;
            posix_spawnattr_setsigdefault(&attr, &set);
        }
        if (sp->flags & DT_SPAWN_SETSID)
            flags |= POSIX_SPAWN_SETSID;
        if (!err)
            err = posix_spawnattr_setflags(&attr, flags);
    }
    pid_t pid = -1;
    if (!err)
        err = posix_spawn(&pid, path, &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    return err ? -(long)err : (long)pid;
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
    return dt_posix_spawn("/proc/self/exe", argv, sp);
}

long dt_spawn_path(const char *path, const DtSpawn *sp) {
    char *argv[] = {(char *)path, NULL};
    return dt_posix_spawn(path, argv, sp);
}

long dt_waitpid(long pid, int *status, int options) {
    return R(waitpid((pid_t)pid, status, options));
}
long dt_getpid(void) { return getpid(); }
long dt_getppid(void) { return getppid(); }
long dt_getpgid(long pid) { return R(getpgid((pid_t)pid)); }
long dt_setpgid(long pid, long pgid) { return R(setpgid((pid_t)pid, (pid_t)pgid)); }
long dt_setsid(void) { return R(setsid()); }
long dt_getsid(long pid) { return R(getsid((pid_t)pid)); }
void dt_exit(int status) { _exit(status); }
void dt_yield(void) { sched_yield(); }

void dt_sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

long dt_nanosleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    return R(nanosleep(&ts, NULL));
}

/* The state letter of /proc/PID/stat ('S' sleeping, 'Z' zombie...). */
static char dt_proc_state(long pid) {
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return '?';
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return '?';
    buf[n] = '\0';
    char *paren = strrchr(buf, ')'); /* the name may hold spaces */
    return paren && paren[1] == ' ' ? paren[2] : '?';
}

static int dt_wait_state(long pid, char want) {
    for (int i = 0; i < 10000; i++) {
        if (dt_proc_state(pid) == want)
            return 0;
        dt_sleep_ms(1);
    }
    return -1;
}

int dt_wait_blocked(long pid) { return dt_wait_state(pid, 'S'); }
int dt_wait_zombie(long pid) { return dt_wait_state(pid, 'Z'); }

/* ---- signals ---- */

long dt_kill(long pid, int sig) { return R(kill((pid_t)pid, sig)); }

long dt_sigaction(int sig, void (*handler)(int), uint64_t mask, unsigned flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    dt_to_sigset(mask, &sa.sa_mask);
    sa.sa_flags = (int)flags;
    return R(sigaction(sig, &sa, NULL));
}

char dt_sigaction_kind(int sig) {
    struct sigaction sa;
    if (sigaction(sig, NULL, &sa) < 0)
        return '!';
    return sa.sa_handler == SIG_DFL ? 'D' : sa.sa_handler == SIG_IGN ? 'I' : 'C';
}

long dt_signal(int sig, void (*handler)(int)) {
    /* plain signal(2) semantics as axos gives them: no flags, empty mask */
    return dt_sigaction(sig, handler, 0, 0);
}

long dt_sigprocmask(int how, const uint64_t *set, uint64_t *old) {
    sigset_t s, o;
    if (set)
        dt_to_sigset(*set, &s);
    if (sigprocmask(how, set ? &s : NULL, &o) < 0)
        return -(long)errno;
    if (old)
        *old = dt_from_sigset(&o);
    return 0;
}

long dt_sigpending(uint64_t *set) {
    sigset_t s;
    if (sigpending(&s) < 0)
        return -(long)errno;
    *set = dt_from_sigset(&s);
    return 0;
}

long dt_pause(void) { return R(pause()); }

long dt_alarm_ms(long ms) {
    struct itimerval it = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};
    return R(setitimer(ITIMER_REAL, &it, NULL));
}

/* ---- set-up ---- */

/* No core dumps, whatever the host's core_pattern (a pipe to a crash
 * collector ignores RLIMIT_CORE): a dump would set the wait status's core
 * bit, which axos never sets. Every process runs this after its exec. */
void dt_side_init(void) { prctl(PR_SET_DUMPABLE, 0); }

void dt_side_init_top(void) {
    dt_side_init();
    /* what axos's first process has: default actions, nothing blocked,
     * its own session, AX_OPEN_MAX fds, and no core files */
    for (int s = 1; s < 65; s++)
        signal(s, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setsid();
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max < 1024 ? rl.rlim_max : 1024;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    rl.rlim_cur = rl.rlim_max = 0;
    setrlimit(RLIMIT_CORE, &rl);
    umask(022);
    if (fcntl(DT_OUT_FD, F_GETFD) < 0)
        dup2(1, DT_OUT_FD);
    for (int fd = 3; fd < 1024; fd++) /* whatever the caller left open */
        if (fd != DT_OUT_FD)
            close(fd);
    const char *scratch = getenv("DT_SCRATCH");
    char tmpl[] = "/tmp/dt.XXXXXX";
    if (!scratch || !*scratch)
        scratch = mkdtemp(tmpl);
    if (!scratch || chdir(scratch) < 0) {
        perror("dt: scratch directory");
        exit(125);
    }
}

int main(int argc, char **argv) { return dt_entry(argc, argv); }
