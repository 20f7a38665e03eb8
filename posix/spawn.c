/* posix_spawn and its file actions and attributes, onto sys_spawn (which
 * is posix_spawn in the kernel: the same actions, applied in order in the
 * child), and popen/pclose on top.
 *
 * glibc's posix_spawn_file_actions_t and posix_spawnattr_t are the types
 * programs declare, so their fields hold the layer's state: the actions
 * array hangs off __actions, with __used and __allocated as its counts;
 * the attributes use __flags, __pgrp, __sd (signals set to default) and
 * __ss (the mask). */
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "posix/stdio_impl.h"

typedef struct PxAction {
    int kind;     /* AX_SPAWN_OPEN / _CLOSE / _DUP2 */
    int fd, newfd;
    char *path;   /* OPEN: a copy */
    int oflag;    /* OPEN: axos flags */
    mode_t mode;
} PxAction;

static PxAction *fa_list(const posix_spawn_file_actions_t *fa) {
    return (PxAction *)fa->__actions;
}

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa) {
    memset(fa, 0, sizeof *fa);
    return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa) {
    PxAction *a = fa_list(fa);
    for (int i = 0; i < fa->__used; i++)
        free(a[i].path);
    free(a);
    memset(fa, 0, sizeof *fa);
    return 0;
}

static PxAction *fa_push(posix_spawn_file_actions_t *fa) {
    if (fa->__used == fa->__allocated) {
        int cap = fa->__allocated ? fa->__allocated * 2 : 8;
        PxAction *grown = realloc(fa_list(fa), (size_t)cap * sizeof *grown);
        if (!grown)
            return NULL;
        fa->__actions = (void *)grown;
        fa->__allocated = cap;
    }
    PxAction *a = &fa_list(fa)[fa->__used++];
    memset(a, 0, sizeof *a);
    return a;
}

static bool fd_ok(int fd) {
    return fd >= 0 && fd < AX_OPEN_MAX;
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd) {
    if (!fd_ok(fd))
        return EBADF;
    PxAction *a = fa_push(fa);
    if (!a)
        return ENOMEM;
    a->kind = AX_SPAWN_CLOSE;
    a->fd = fd;
    return 0;
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd) {
    if (!fd_ok(fd) || !fd_ok(newfd))
        return EBADF;
    PxAction *a = fa_push(fa);
    if (!a)
        return ENOMEM;
    a->kind = AX_SPAWN_DUP2;
    a->fd = fd;
    a->newfd = newfd;
    return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *fa, int fd, const char *path,
                                     int oflag, mode_t mode) {
    if (!fd_ok(fd))
        return EBADF;
    int saved = errno;
    int ax = px_oflags(oflag);
    int err = errno;
    errno = saved;
    if (ax < 0)
        return err;
    char *copy = strdup(path);
    PxAction *a = copy ? fa_push(fa) : NULL;
    if (!a) {
        free(copy);
        return ENOMEM;
    }
    a->kind = AX_SPAWN_OPEN;
    a->fd = fd;
    a->path = copy;
    a->oflag = ax;
    a->mode = mode;
    return 0;
}

/* Changing directory in the child has no axos action yet: spawns that
 * ask for it fail with ENOSYS (docs/posix.md). */
#define PX_ACTION_CHDIR 100

static int fa_add_chdir(posix_spawn_file_actions_t *fa) {
    PxAction *a = fa_push(fa);
    if (!a)
        return ENOMEM;
    a->kind = PX_ACTION_CHDIR;
    return 0;
}

int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *fa, const char *path) {
    (void)path;
    return fa_add_chdir(fa);
}

int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t *fa, int fd) {
    return fd_ok(fd) ? fa_add_chdir(fa) : EBADF;
}

int posix_spawnattr_init(posix_spawnattr_t *at) {
    memset(at, 0, sizeof *at);
    return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *at) {
    (void)at;
    return 0;
}

#define PX_SPAWN_FLAGS                                                                              \
    (POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | \
     POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_USEVFORK | POSIX_SPAWN_SETSID)

int posix_spawnattr_setflags(posix_spawnattr_t *at, short flags) {
    if (flags & ~PX_SPAWN_FLAGS)
        return EINVAL;
    at->__flags = flags;
    return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *at, short *flags) {
    *flags = at->__flags;
    return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *at, pid_t pgrp) {
    at->__pgrp = pgrp;
    return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *at, pid_t *pgrp) {
    *pgrp = at->__pgrp;
    return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *at, const sigset_t *set) {
    at->__ss = *set;
    return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *at, sigset_t *set) {
    *set = at->__ss;
    return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *at, const sigset_t *set) {
    at->__sd = *set;
    return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *at, sigset_t *set) {
    *set = at->__sd;
    return 0;
}

int posix_spawnattr_setschedpolicy(posix_spawnattr_t *at, int policy) {
    at->__policy = policy;
    return 0;
}

int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *at, int *policy) {
    *policy = at->__policy;
    return 0;
}

int posix_spawnattr_setschedparam(posix_spawnattr_t *at, const struct sched_param *p) {
    at->__sp = *p;
    return 0;
}

int posix_spawnattr_getschedparam(const posix_spawnattr_t *at, struct sched_param *p) {
    *p = at->__sp;
    return 0;
}

/* A glibc sigset_t as axos's SigSet (signals 1..64). */
SigSet px_sigset_to_ax(const sigset_t *set) {
    SigSet s = 0;
    for (int sig = 1; sig < AX_NSIG; sig++)
        if (sigismember(set, sig) == 1)
            s |= AX_SIGBIT(sig);
    return s;
}

typedef struct SpawnReq {
    pid_t *pid;
    char *const *argv, *const *envp;
    SpawnAttr attr;
} SpawnReq;

static int spawn_one(const char *path, void *ud) {
    SpawnReq *q = ud;
    SyscallResult r = sys_spawn(path, q->argv, q->envp, &q->attr);
    if (r.error != AX_OK)
        return px_fail((int)r.error);
    if (q->pid)
        *q->pid = (pid_t)r.value;
    return 0;
}

/* posix_spawn and posix_spawnp: 0, or the error number (errno is left
 * alone, as POSIX asks). */
static int px_spawn(pid_t *pid, const char *file, bool search, const posix_spawn_file_actions_t *fa,
                    const posix_spawnattr_t *at, char *const argv[], char *const envp[]) {
    int saved = errno;
    SpawnReq q = {.pid = pid, .argv = argv, .envp = envp ? envp : environ};
    int n = fa ? fa->__used : 0;
    SpawnFileAction acts[n > 0 ? n : 1];
    for (int i = 0; i < n; i++) {
        const PxAction *a = &fa_list(fa)[i];
        if (a->kind == PX_ACTION_CHDIR)
            return ENOSYS;
        acts[i] = (SpawnFileAction){.kind = a->kind, .fd = a->fd, .newfd = a->newfd,
                                    .path = a->path, .oflag = a->oflag, .mode = (uint32_t)a->mode};
    }
    q.attr.actions = acts;
    q.attr.nactions = (size_t)n;
    if (at) {
        short fl = at->__flags;
        if (fl & (POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER))
            return ENOSYS; /* one scheduling policy in axos */
        if (fl & POSIX_SPAWN_SETPGROUP) {
            q.attr.flags |= AX_SPAWN_SETPGROUP;
            q.attr.pgroup = at->__pgrp;
        }
        if (fl & POSIX_SPAWN_SETSIGMASK) {
            q.attr.flags |= AX_SPAWN_SETSIGMASK;
            q.attr.sigmask = px_sigset_to_ax(&at->__ss);
        }
        if (fl & POSIX_SPAWN_SETSIGDEF) {
            q.attr.flags |= AX_SPAWN_SETSIGDEF;
            q.attr.sigdefault = px_sigset_to_ax(&at->__sd);
        }
        if (fl & POSIX_SPAWN_SETSID)
            q.attr.flags |= AX_SPAWN_SETSID;
    }
    int r = search ? px_path_search(file, spawn_one, &q) : spawn_one(file, &q);
    int err = r < 0 ? errno : 0;
    errno = saved;
    return err;
}

int posix_spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                const posix_spawnattr_t *at, char *const argv[], char *const envp[]) {
    return px_spawn(pid, path, false, fa, at, argv, envp);
}

int posix_spawnp(pid_t *pid, const char *file, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *at, char *const argv[], char *const envp[]) {
    return px_spawn(pid, file, true, fa, at, argv, envp);
}

/* ---- popen and pclose ---- */

FILE *popen(const char *command, const char *mode) {
    bool reading = mode && mode[0] == 'r';
    if (!mode || (mode[0] != 'r' && mode[0] != 'w') || (mode[1] && mode[1] != 'e')) {
        errno = EINVAL;
        return NULL;
    }
    int p[2];
    /* Both ends close-on-exec: the child gets its end through dup2, and
     * no later child inherits this stream's end (POSIX asks it of later
     * popen children; glibc keeps a list for that, this is simpler). */
    if (pipe2(p, O_CLOEXEC) < 0)
        return NULL;
    int mine = reading ? p[0] : p[1], theirs = reading ? p[1] : p[0];
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    int err = posix_spawn_file_actions_adddup2(&fa, theirs, reading ? 1 : 0);
    char *argv[] = {"sh", "-c", (char *)command, NULL};
    pid_t pid;
    if (!err)
        err = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(theirs);
    FILE *fp = err ? NULL : fdopen(mine, reading ? "r" : "w");
    if (!fp) {
        close(mine);
        if (err)
            errno = err;
        return NULL;
    }
    px_file(fp)->popen_pid = pid;
    return fp;
}

int pclose(FILE *fp) {
    pid_t pid = px_file(fp)->popen_pid;
    if (pid <= 0)
        return px_fail(ECHILD);
    fclose(fp);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return st;
}
