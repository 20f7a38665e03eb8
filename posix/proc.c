/* Processes: ids, groups and sessions, waiting, exec, system. fork is not
 * there (a coroutine's stack cannot be copied; see vfork.c and
 * docs/posix.md). Nothing here allocates on the paths a vfork child takes
 * (exec*), since that child must not touch its parent's heap. */
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "posix/internal.h"

pid_t getpid(void) {
    return (pid_t)sys_getpid().value;
}

pid_t getppid(void) {
    return (pid_t)sys_getppid().value;
}

pid_t getpgid(pid_t pid) {
    return (pid_t)px_ret(sys_getpgid(pid));
}

pid_t getpgrp(void) {
    return getpgid(0);
}

int setpgid(pid_t pid, pid_t pgid) {
    return (int)px_ret(sys_setpgid(pid, pgid));
}

int setpgrp(void) {
    return setpgid(0, 0);
}

pid_t setsid(void) {
    return (pid_t)px_ret(sys_setsid());
}

pid_t getsid(pid_t pid) {
    return (pid_t)px_ret(sys_getsid(pid));
}

int sched_yield(void) {
    sys_yield();
    return 0;
}

pid_t fork(void) {
    return px_fail(ENOSYS);
}
pid_t __fork(void) __attribute__((alias("fork")));

/* ---- waiting ---- */

/* waitpid's option bits to the kernel's, or -1 for a bit it does not know */
static int wait_options(int options) {
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
        return -1;
    return (options & WNOHANG ? AX_WNOHANG : 0) | (options & WUNTRACED ? AX_WUNTRACED : 0) |
           (options & WCONTINUED ? AX_WCONTINUED : 0);
}

pid_t waitpid(pid_t pid, int *status, int options) {
    int ax = wait_options(options);
    if (ax < 0)
        return px_fail(EINVAL);
    return (pid_t)px_ret(sys_waitpid(pid, status, ax));
}

pid_t wait(int *status) {
    return waitpid(-1, status, 0);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru) {
    int ax = wait_options(options);
    if (ax < 0)
        return px_fail(EINVAL);
    ResourceUsage u;
    SyscallResult r = sys_wait4(pid, status, ax, ru ? &u : NULL);
    if (r.error == AX_OK && r.value > 0 && ru)
        px_rusage(&u, ru);
    return (pid_t)px_ret(r);
}

pid_t wait3(int *status, int options, struct rusage *ru) {
    return wait4(-1, status, options, ru);
}

/* waitid over waitpid: it cannot leave a child waitable (WNOWAIT), and
 * WEXITED is implied (axos always reports exits). */
int waitid(idtype_t type, id_t id, siginfo_t *info, int options) {
    if (!(options & (WEXITED | WSTOPPED | WCONTINUED)) ||
        (options & ~(WEXITED | WSTOPPED | WCONTINUED | WNOHANG | WNOWAIT)))
        return px_fail(EINVAL);
    if (options & WNOWAIT)
        return px_fail(ENOSYS);
    pid_t pid;
    switch (type) {
    case P_ALL: pid = -1; break;
    case P_PID: pid = (pid_t)id; break;
    case P_PGID: pid = id ? -(pid_t)id : 0; break;
    default: return px_fail(EINVAL);
    }
    if (!info)
        return px_fail(EFAULT);
    int st;
    pid_t r = waitpid(pid, &st, (options & WNOHANG) | (options & WSTOPPED ? WUNTRACED : 0) |
                                     (options & WCONTINUED));
    if (r < 0)
        return -1;
    memset(info, 0, sizeof *info);
    if (r == 0)
        return 0;
    info->si_signo = SIGCHLD;
    info->si_pid = r;
    if (WIFEXITED(st)) {
        info->si_code = CLD_EXITED;
        info->si_status = WEXITSTATUS(st);
    } else if (WIFSIGNALED(st)) {
        info->si_code = WCOREDUMP(st) ? CLD_DUMPED : CLD_KILLED;
        info->si_status = WTERMSIG(st);
    } else if (WIFSTOPPED(st)) {
        info->si_code = CLD_STOPPED;
        info->si_status = WSTOPSIG(st);
    } else {
        info->si_code = CLD_CONTINUED;
        info->si_status = SIGCONT;
    }
    return 0;
}

/* ---- exec ---- */

int execve(const char *path, char *const argv[], char *const envp[]) {
    return (int)px_ret(sys_exec(path, argv, envp));
}

int execv(const char *path, char *const argv[]) {
    return execve(path, argv, environ);
}

int fexecve(int fd, char *const argv[], char *const envp[]) {
    (void)argv;
    (void)envp;
    return sys_fcntl(fd, AX_F_GETFD, 0).error ? px_fail(EBADF) : px_fail(ENOSYS);
}

/* Try run(dir/file) for each directory of PATH, as execvp does: keep
 * going past ENOENT, ENOTDIR and EACCES, report EACCES if one was seen.
 * The path is built on the stack (a vfork child may be calling). */
int px_path_search(const char *file, int (*run)(const char *path, void *ud), void *ud) {
    if (!file || !*file)
        return px_fail(ENOENT);
    if (strchr(file, '/'))
        return run(file, ud);
    const char *path = getenv("PATH");
    if (!path)
        path = "/bin:/usr/bin";
    size_t flen = strlen(file);
    if (flen > NAME_MAX)
        return px_fail(ENAMETOOLONG);
    bool denied = false;
    for (const char *p = path;; p++) {
        const char *end = strchrnul(p, ':');
        size_t dlen = (size_t)(end - p);
        char buf[AX_PATH_MAX + 1];
        if (dlen + 1 + flen <= AX_PATH_MAX) {
            memcpy(buf, p, dlen);
            size_t at = dlen;
            if (dlen)
                buf[at++] = '/';
            memcpy(buf + at, file, flen + 1);
            int r = run(buf, ud);
            if (r >= 0)
                return r;
            if (errno == EACCES)
                denied = true;
            else if (errno != ENOENT && errno != ENOTDIR && errno != ENAMETOOLONG)
                return -1;
        }
        if (!*end)
            break;
        p = end;
    }
    return px_fail(denied ? EACCES : ENOENT);
}

typedef struct ExecArgs {
    char *const *argv, *const *envp;
} ExecArgs;

static int exec_one(const char *path, void *ud) {
    ExecArgs *a = ud;
    return execve(path, a->argv, a->envp);
}

int execvpe(const char *file, char *const argv[], char *const envp[]) {
    ExecArgs a = {argv, envp};
    return px_path_search(file, exec_one, &a);
}

int execvp(const char *file, char *const argv[]) {
    return execvpe(file, argv, environ);
}

/* The execl forms: the arguments go into an argv on the stack. */
#define EXECL_MAX 32768

/* How the execl forms find the program and its environment. */
enum execl_form { EXECL_ENVIRON, EXECL_SEARCH, EXECL_ENVP };

/* The execl forms after va_start: count the arguments up to the NULL,
 * copy them into an argv on this frame (it must outlive the exec), read
 * execle's envp after the NULL, and exec. Returns only on failure, with
 * errno set (E2BIG past EXECL_MAX arguments). */
static int execl_run(const char *path, const char *first, va_list *ap, enum execl_form form) {
    va_list c;
    va_copy(c, *ap);
    size_t n = 1; /* the first argument; the NULL is not counted */
    while (n <= EXECL_MAX && va_arg(c, char *))
        n++;
    va_end(c);
    if (n > EXECL_MAX)
        return px_fail(E2BIG);
    char *argv[n + 1];
    argv[0] = (char *)first;
    for (size_t i = 1; i <= n; i++) /* the last one read is the NULL */
        argv[i] = va_arg(*ap, char *);
    if (form == EXECL_SEARCH)
        return execvp(path, argv);
    char *const *envp = form == EXECL_ENVP ? va_arg(*ap, char *const *) : environ;
    return execve(path, argv, envp);
}

int execl(const char *path, const char *arg, ...) {
    va_list ap;
    va_start(ap, arg);
    int r = execl_run(path, arg, &ap, EXECL_ENVIRON);
    va_end(ap);
    return r;
}

int execlp(const char *file, const char *arg, ...) {
    va_list ap;
    va_start(ap, arg);
    int r = execl_run(file, arg, &ap, EXECL_SEARCH);
    va_end(ap);
    return r;
}

int execle(const char *path, const char *arg, ...) {
    va_list ap;
    va_start(ap, arg);
    int r = execl_run(path, arg, &ap, EXECL_ENVP);
    va_end(ap);
    return r;
}

/* ---- system ---- */

/* POSIX system: /bin/sh -c command, with SIGINT and SIGQUIT ignored and
 * SIGCHLD blocked in the caller while it waits; the child gets them
 * back as they were. */
int system(const char *command) {
    if (!command)
        return access("/bin/sh", X_OK) == 0;
    struct sigaction ign = {.sa_handler = SIG_IGN}, old_int, old_quit;
    sigset_t chld, old_mask;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGINT, &ign, &old_int);
    sigaction(SIGQUIT, &ign, &old_quit);
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old_mask);

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t def;
    sigemptyset(&def);
    if (old_int.sa_handler != SIG_IGN)
        sigaddset(&def, SIGINT);
    if (old_quit.sa_handler != SIG_IGN)
        sigaddset(&def, SIGQUIT);
    posix_spawnattr_setsigdefault(&attr, &def);
    posix_spawnattr_setsigmask(&attr, &old_mask);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    char *argv[] = {"sh", "-c", (char *)command, NULL};
    pid_t pid;
    int status = -1;
    int err = posix_spawn(&pid, "/bin/sh", NULL, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    if (err == 0) {
        while (waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) {
                status = -1;
                break;
            }
        }
    } else {
        status = 127 << 8; /* as if the shell could not run the command */
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    return status;
}
