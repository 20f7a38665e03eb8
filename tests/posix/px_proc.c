/* Processes, compared with the host's: wait statuses and options,
 * waitid, the exec family, system, vfork with exec and _exit, posix_spawn
 * with file actions and attributes. Re-runs itself as the child:
 * px_proc child MODE. */
#define _GNU_SOURCE /* strerrorname_np, dup3, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int child(const char *mode) {
    if (strcmp(mode, "exit3") == 0)
        return 3;
    if (strcmp(mode, "term") == 0)
        raise(SIGTERM);
    if (strcmp(mode, "usr1") == 0)
        kill(getpid(), SIGUSR1);
    if (strcmp(mode, "env") == 0) {
        printf("child env: VAR=%s\n", getenv("VAR") ? getenv("VAR") : "(unset)");
        return 0;
    }
    if (strcmp(mode, "mask") == 0) {
        sigset_t set;
        sigprocmask(SIG_BLOCK, NULL, &set);
        struct sigaction sa;
        sigaction(SIGINT, NULL, &sa);
        printf("child: USR1 blocked %d, INT %s\n", sigismember(&set, SIGUSR1),
               sa.sa_handler == SIG_IGN ? "ignored" : "default");
        return 0;
    }
    if (strcmp(mode, "ids") == 0) {
        printf("child: in its own group %d\n", getpgid(0) == getpid());
        return 0;
    }
    if (strcmp(mode, "fds") == 0) {
        char buf[64];
        ssize_t n = read(0, buf, sizeof buf);
        printf("child read %zd bytes from fd 0; fd 5 %s\n", n, fcntl(5, F_GETFD) < 0 ? "closed" : "open");
        return 0;
    }
    if (strcmp(mode, "sleep") == 0) {
        pause();
        return 0;
    }
    return 99;
}

static volatile sig_atomic_t usr2_count;

static void on_usr2(int sig) {
    (void)sig;
    usr2_count++;
}

static void status(const char *what, int st) {
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by %s\n", what, strsignal(WTERMSIG(st)));
    else
        printf("%s: other %#x\n", what, st);
    fflush(stdout);
}

static pid_t spawn(const char *mode, posix_spawn_file_actions_t *fa, posix_spawnattr_t *at) {
    char *argv[] = {"px_proc", "child", (char *)mode, NULL};
    pid_t pid = -1;
    int err = posix_spawnp(&pid, "px_proc", fa, at, argv, environ);
    if (err)
        printf("spawn %s: %s\n", mode, strerror(err));
    return pid;
}

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "child") == 0)
        return child(argv[2]);
    int st;
    fflush(stdout);
    const char *modes[] = {"exit3", "term", "usr1", "nonsense"};
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
        pid_t pid = spawn(modes[i], NULL, NULL);
        waitpid(pid, &st, 0);
        status(modes[i], st);
    }

    pid_t pid = spawn("sleep", NULL, NULL);
    printf("WNOHANG while it runs: %d\n", (int)waitpid(pid, &st, WNOHANG));
    kill(pid, SIGKILL);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    waitid(P_PID, (id_t)pid, &si, WEXITED);
    printf("waitid: code %s, status %d, pid matches %d\n",
           si.si_code == CLD_KILLED ? "CLD_KILLED" : "?", si.si_status, si.si_pid == pid);
    pid_t none = wait(&st);
    printf("no child left: %d %s\n", (int)none, strerrorname_np(errno));

    /* the environment a child gets */
    setenv("VAR", "from parent", 1);
    waitpid(spawn("env", NULL, NULL), &st, 0);
    char *cargv[] = {"px_proc", "child", "env", NULL};
    char *cenv[] = {"VAR=explicit", NULL};
    posix_spawnp(&pid, "px_proc", NULL, NULL, cargv, cenv);
    waitpid(pid, &st, 0);

    /* attributes: mask, default, group */
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    posix_spawnattr_setsigmask(&at, &set);
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    posix_spawnattr_setsigdefault(&at, &set);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    signal(SIGINT, SIG_IGN);
    waitpid(spawn("mask", NULL, NULL), &st, 0);
    waitpid(spawn("mask", NULL, &at), &st, 0);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&at, 0);
    waitpid(spawn("ids", NULL, &at), &st, 0);
    posix_spawnattr_destroy(&at);

    /* file actions: stdin from a file, an fd closed */
    int fd = open("input", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, "twelve bytes", 12);
    close(fd);
    dup2(1, 5);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "input", O_RDONLY, 0);
    posix_spawn_file_actions_addclose(&fa, 5);
    waitpid(spawn("fds", &fa, NULL), &st, 0);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "missing", O_RDONLY, 0);
    spawn("fds", &fa, NULL);
    posix_spawn_file_actions_destroy(&fa);

    /* vfork: exec, a failed exec, _exit */
    pid = vfork();
    if (pid == 0) {
        execlp("px_proc", "px_proc", "child", "exit3", (char *)NULL);
        _exit(127);
    }
    waitpid(pid, &st, 0);
    status("vfork+exec", st);
    pid = vfork();
    if (pid == 0) {
        execl("/no/such/program", "x", (char *)NULL);
        _exit(errno == ENOENT ? 42 : 1);
    }
    waitpid(pid, &st, 0);
    status("vfork+failed exec", st);
    volatile int written = 0;
    pid = vfork();
    if (pid == 0) {
        written = 1; /* the parent's memory: it sees this */
        _exit(0);
    }
    waitpid(pid, &st, 0);
    printf("vfork child wrote the parent's variable: %d; pid > 0: %d\n", written, pid > 0);
    /* a vfork child that allocates and frees (as exec's argument building
     * may) leaves the parent's heap whole: the parent's blocks keep their
     * bytes, and its next allocations are distinct and usable */
    char *keep[8];
    for (int i = 0; i < 8; i++) {
        keep[i] = malloc(24 + 40 * (size_t)i);
        memset(keep[i], 'a' + i, 24 + 40 * (size_t)i);
    }
    free(keep[3]);
    pid = vfork();
    if (pid == 0) {
        char *c1 = malloc(24), *c2 = strdup("child"), *c3 = malloc(100000);
        if (c3)
            memset(c3, 'c', 100000); /* more than the first chunk: the heap grows */
        _exit(c1 && c2 && c3 && strcmp(c2, "child") == 0 ? 0 : 1);
    }
    waitpid(pid, &st, 0);
    status("vfork child with malloc", st);
    keep[3] = malloc(24 + 40 * 3);
    memset(keep[3], 'd', 24 + 40 * 3);
    int whole = 1;
    for (int i = 0; i < 8; i++) {
        for (size_t j = 0; j < 24 + 40 * (size_t)i; j++)
            whole &= keep[i][j] == 'a' + i;
        free(keep[i]);
    }
    char *again[4];
    for (int i = 0; i < 4; i++)
        memset(again[i] = malloc(i == 3 ? 150000 : 64), i, i == 3 ? 150000 : 64);
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            whole &= again[i] != again[j] && again[i][0] == i;
    for (int i = 0; i < 4; i++)
        free(again[i]);
    printf("the parent's heap after a vfork child's malloc is whole: %d\n", whole);

    /* waiting on fds, and sigsuspend */
    int pp[2];
    pipe(pp);
    struct pollfd pfd[2] = {{pp[0], POLLIN, 0}, {pp[1], POLLOUT, 0}};
    printf("poll: %d, in %#x out %#x\n", poll(pfd, 2, 0), pfd[0].revents, pfd[1].revents);
    write(pp[1], "x", 1);
    printf("poll after a write: %d, in %#x\n", poll(pfd, 1, 100), pfd[0].revents);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(pp[0], &rs);
    struct timeval tv = {1, 0};
    printf("select: %d, isset %d\n", select(pp[0] + 1, &rs, NULL, NULL, &tv), FD_ISSET(pp[0], &rs));
    close(pp[1]);
    char c2;
    read(pp[0], &c2, 1);
    printf("poll at end of file: %d, revents %#x\n", poll(pfd, 1, -1), pfd[0].revents);
    close(pp[0]);
    printf("poll of a closed fd: %d, revents %#x\n", poll(pfd, 1, 0), pfd[0].revents);
    struct sigaction usr = {.sa_handler = on_usr2};
    sigemptyset(&usr.sa_mask);
    sigaction(SIGUSR2, &usr, NULL);
    sigset_t blk, waitmask;
    sigemptyset(&blk);
    sigaddset(&blk, SIGUSR2);
    sigprocmask(SIG_BLOCK, &blk, NULL);
    raise(SIGUSR2);
    sigprocmask(SIG_BLOCK, NULL, &waitmask);
    sigdelset(&waitmask, SIGUSR2);
    int sr = sigsuspend(&waitmask);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("sigsuspend: %d %s, handler ran %d, USR2 blocked again %d\n", sr, strerrorname_np(errno),
           usr2_count, sigismember(&now, SIGUSR2));
    fflush(stdout);

    /* system and the exec family */
    status("system(exit 5)", system("exit 5"));
    status("system(kill -TERM $$)", system("kill -TERM $$"));
    printf("system(NULL): %d\n", system(NULL) != 0);
    fflush(stdout);
    execle("/no/such", "x", (char *)NULL, environ);
    printf("execle failed: %s\n", strerrorname_np(errno));
    fflush(stdout);
    execl("/bin/sh", "sh", "-c", "echo exec replaced px_proc; exit 7", (char *)NULL);
    return 1;
}
