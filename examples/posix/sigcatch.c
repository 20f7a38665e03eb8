/* sigcatch: catch SIGINT and SIGALRM. A handler runs before the call
 * that let its signal in returns; a blocked signal waits, pending, until
 * it is unblocked; alarm interrupts pause and sleep; a child that does
 * not catch SIGINT dies of it. Usage: sigcatch, or sigcatch wait (the
 * child). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t ints, alarms;

static void on_int(int sig) {
    (void)sig;
    ints++;
}

static void on_alarm(int sig) {
    (void)sig;
    alarms++;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "wait") == 0) {
        pause(); /* SIGINT's default action ends us here */
        return 0;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_int;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);

    raise(SIGINT);
    printf("after raise: %d SIGINT caught\n", (int)ints);

    sigset_t block, pending;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, NULL);
    kill(getpid(), SIGINT);
    kill(getpid(), SIGINT);
    sigpending(&pending);
    printf("blocked: SIGINT pending %d, caught %d\n", sigismember(&pending, SIGINT), (int)ints);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    printf("unblocked: caught %d (two sends, one delivery)\n", (int)ints);

    struct itimerval t = {.it_value = {0, 100000}};
    setitimer(ITIMER_REAL, &t, NULL);
    int r = pause();
    printf("pause returned %d after %d SIGALRM\n", r, (int)alarms);

    alarm(50);
    printf("alarm(0) says %u seconds were left\n", alarm(0));

    setitimer(ITIMER_REAL, &t, NULL);
    unsigned left = sleep(10);
    printf("sleep(10) cut short with %u left, %d SIGALRM\n", left, (int)alarms);

    fflush(stdout);
    pid_t pid = vfork(); /* the child only execs: vfork is enough */
    if (pid == 0) {
        execlp(argv[0], argv[0], "wait", (char *)NULL);
        _exit(127);
    }
    sleep(1); /* let the child reach pause() */
    kill(pid, SIGINT);
    int st;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st))
        printf("child killed by signal %d (%s)\n", WTERMSIG(st), strsignal(WTERMSIG(st)));
    else
        printf("child exited %d\n", WEXITSTATUS(st));
    return 0;
}
