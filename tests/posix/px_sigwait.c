/* sigwait, sigwaitinfo and sigtimedwait through the layer, compared with
 * the host: a pending blocked signal is taken without its handler, the
 * lowest first; a signal sent while waiting (by a child) ends the wait;
 * a caught signal outside the set ends it with EINTR; timeouts and bad
 * input give EAGAIN and EINVAL, and a failed wait takes nothing. Re-runs
 * itself as the child: px_sigwait kill PID SIG. */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static volatile sig_atomic_t handled[65];

static void on_signal(int sig) {
    handled[sig]++;
}

static void show(const char *what, int r) {
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %d\n", what, r);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 4 && strcmp(argv[1], "kill") == 0) {
        usleep(20000); /* let the parent reach its wait */
        return kill(atoi(argv[2]), atoi(argv[3])) == 0 ? 0 : 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    sigset_t set, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);

    /* pending before the wait: taken, lowest first, no handler */
    raise(SIGUSR2);
    raise(SIGUSR1);
    int sig = 0;
    int r = sigwait(&set, &sig);
    printf("sigwait: %d sig %s\n", r, sig == SIGUSR1 ? "SIGUSR1" : sig == SIGUSR2 ? "SIGUSR2" : "?");
    siginfo_t info;
    memset(&info, 0, sizeof info);
    r = sigwaitinfo(&set, &info);
    printf("sigwaitinfo: %s si_signo %s\n", r == SIGUSR2 ? "SIGUSR2" : "?",
           info.si_signo == SIGUSR2 ? "SIGUSR2" : "?");
    sigpending(&pending);
    printf("nothing left pending: %d; handlers ran: %d\n",
           !sigismember(&pending, SIGUSR1) && !sigismember(&pending, SIGUSR2),
           handled[SIGUSR1] + handled[SIGUSR2]);

    /* timeouts */
    struct timespec zero = {0, 0}, short_wait = {0, 30000000}, bad = {0, 1000000000};
    show("sigtimedwait, nothing pending, no wait", sigtimedwait(&set, NULL, &zero));
    show("sigtimedwait, 30 ms", sigtimedwait(&set, NULL, &short_wait));
    show("sigtimedwait, tv_nsec 1e9", sigtimedwait(&set, NULL, &bad));
    bad.tv_sec = -1;
    bad.tv_nsec = 0;
    show("sigtimedwait, negative", sigtimedwait(&set, NULL, &bad));
    raise(SIGUSR1);
    bad.tv_nsec = -5;
    show("sigtimedwait, bad timeout with one pending", sigtimedwait(&set, NULL, &bad));
    sigpending(&pending);
    printf("the bad call took nothing: %d\n", sigismember(&pending, SIGUSR1));
    show("sigtimedwait, one pending", sigtimedwait(&set, NULL, &zero) == SIGUSR1 ? 1 : 0);

    /* sent while waiting, by a child */
    char pid[16], num[16];
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    snprintf(num, sizeof num, "%d", SIGUSR2);
    char *cargv[] = {argv[0], "kill", pid, num, NULL};
    pid_t child;
    if (posix_spawnp(&child, argv[0], NULL, NULL, cargv, environ) != 0)
        return 1;
    memset(&info, 0, sizeof info);
    r = sigwaitinfo(&set, &info);
    printf("sent while waiting: %s, si_signo %s\n", r == SIGUSR2 ? "SIGUSR2" : "?",
           info.si_signo == SIGUSR2 ? "SIGUSR2" : "?");
    int st;
    waitpid(child, &st, 0);
    printf("child: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    /* a caught signal outside the set interrupts the wait */
    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    show("interrupted by SIGALRM", sigwaitinfo(&set, NULL));
    printf("SIGALRM's handler ran: %d\n", (int)handled[SIGALRM]);
    return 0;
}
