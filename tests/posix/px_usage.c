#define _GNU_SOURCE /* RUSAGE_THREAD */
/* Resource usage, compared with the host's: getrusage's who and errors,
 * what wait4 and wait3 report and when they leave the rusage alone, what
 * RUSAGE_CHILDREN collects (only the children waited for: not those freed
 * because SIGCHLD is ignored), times() and the CPU-time clock. Only what is
 * the same on both sides is printed: figures that depend on the machine
 * (how much CPU time, how many switches) are printed as comparisons.
 * Re-runs itself as the child: px_usage child MODE. */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static pid_t start(const char *mode);

static int child(const char *mode) {
    if (strcmp(mode, "naps") == 0) { /* three waits: three voluntary switches at least */
        for (int i = 0; i < 3; i++)
            nanosleep(&(struct timespec){0, 2000000}, NULL);
        return 0;
    }
    if (strcmp(mode, "parent") == 0) { /* waits for a child of its own */
        pid_t pid = start("naps");
        return pid > 0 && waitpid(pid, NULL, 0) == pid ? 0 : 1;
    }
    if (strcmp(mode, "pause") == 0)
        pause();
    return 9;
}

static pid_t start(const char *mode) {
    fflush(stdout);
    char *argv[] = {"px_usage", "child", (char *)mode, NULL};
    pid_t pid = -1;
    int e = posix_spawnp(&pid, "px_usage", NULL, NULL, argv, environ);
    if (e)
        printf("spawn %s: %s\n", mode, strerror(e));
    return pid;
}

static const char *err(int r) {
    return r == 0 ? "ok" : strerror(errno);
}

/* A struct rusage no call wrote (a marker in every field). */
static void mark(struct rusage *ru) {
    memset(ru, 0x5a, sizeof *ru);
}

static int marked(const struct rusage *ru) {
    struct rusage m;
    mark(&m);
    return memcmp(ru, &m, sizeof m) == 0;
}

static void children(const char *when) {
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("children %s: maxrss %s, nvcsw %s\n", when, ru.ru_maxrss > 0 ? "> 0" : "0",
           ru.ru_nvcsw > 0 ? "> 0" : "0");
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "child") == 0)
        return child(argv[2]);

    struct rusage ru;
    /* who is checked first, then the buffer */
    errno = 0;
    printf("getrusage(42): %s\n", err(getrusage(42, &ru)));
    printf("getrusage(-2, NULL): %s\n", err(getrusage(-2, NULL)));
    printf("getrusage(SELF): %s\n", err(getrusage(RUSAGE_SELF, &ru)));
    printf("getrusage(THREAD): %s\n", err(getrusage(RUSAGE_THREAD, &ru)));
    struct rusage self;
    getrusage(RUSAGE_SELF, &self);
    printf("self: maxrss %s\n", self.ru_maxrss > 0 ? "> 0" : "0");
    children("at start");

    /* Children freed unwaited (SIGCHLD ignored) add nothing. */
    signal(SIGCHLD, SIG_IGN);
    pid_t pid = start("naps");
    int st;
    errno = 0;
    pid_t got = waitpid(pid, &st, 0);
    printf("wait with SIGCHLD ignored: %d %s\n", (int)got, strerror(errno));
    children("after an ignored child");
    signal(SIGCHLD, SIG_DFL);

    /* wait4 reports the child's usage, which joins RUSAGE_CHILDREN. */
    pid = start("naps");
    mark(&ru);
    got = wait4(pid, &st, 0, &ru);
    printf("wait4: %s, exited %d, maxrss %s, nvcsw >= 3 %d, utime set %d\n",
           got == pid ? "the child" : "other", WIFEXITED(st) ? WEXITSTATUS(st) : -1,
           ru.ru_maxrss > 0 ? "> 0" : "0", ru.ru_nvcsw >= 3, !marked(&ru));
    struct rusage kids;
    getrusage(RUSAGE_CHILDREN, &kids);
    printf("children after wait4: maxrss equal %d, nvcsw >= child's %d\n",
           kids.ru_maxrss == ru.ru_maxrss, kids.ru_nvcsw >= ru.ru_nvcsw);

    /* A grandchild's usage comes through the child that waited for it. */
    pid = start("parent");
    mark(&ru);
    got = wait4(pid, &st, 0, &ru);
    printf("wait4 of a parent: %s, exited %d, nvcsw > 0 %d\n", got == pid ? "the child" : "other",
           WIFEXITED(st) ? WEXITSTATUS(st) : -1, ru.ru_nvcsw > 0);

    /* WNOHANG with nothing to report, and errors, leave the rusage alone. */
    pid = start("pause");
    mark(&ru);
    got = wait4(pid, &st, WNOHANG, &ru);
    printf("wait4 WNOHANG, running child: %d, rusage untouched %d\n", (int)got, marked(&ru));
    errno = 0;
    got = wait4(pid, &st, 0x4000000, &ru);
    printf("wait4 bad option: %d %s, untouched %d\n", (int)got, strerror(errno), marked(&ru));
    errno = 0;
    got = wait4(getpid() + 100000, &st, 0, &ru);
    printf("wait4 not a child: %d %s, untouched %d\n", (int)got, strerror(errno), marked(&ru));
    kill(pid, SIGTERM);
    got = wait4(pid, &st, 0, NULL);
    printf("wait4 NULL rusage: %s, %s\n", got == pid ? "the child" : "other",
           WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "not signalled");

    /* wait3: wait4 for any child */
    pid = start("naps");
    mark(&ru);
    got = wait3(&st, 0, &ru);
    printf("wait3: %s, filled %d\n", got == pid ? "the child" : "other", !marked(&ru));
    errno = 0;
    got = wait3(&st, WNOHANG, &ru);
    printf("wait3 with no child: %d %s\n", (int)got, strerror(errno));

    /* times: the children's times are what RUSAGE_CHILDREN says, in ticks */
    struct tms t;
    clock_t now = times(&t);
    getrusage(RUSAGE_CHILDREN, &kids);
    long tick_us = 1000000 / sysconf(_SC_CLK_TCK);
    long cu = (long)(kids.ru_utime.tv_sec * 1000000 + kids.ru_utime.tv_usec) / tick_us;
    printf("times: %s, CLK_TCK %ld, cutime matches %d, self utime <= total %d\n",
           now == (clock_t)-1 ? "failed" : "ok", sysconf(_SC_CLK_TCK),
           t.tms_cutime >= cu - 1 && t.tms_cutime <= cu + 1, t.tms_utime <= (clock_t)now + 1);
    printf("times(NULL): %s\n", times(NULL) == (clock_t)-1 ? "failed" : "ok");

    struct timespec ts;
    printf("CLOCK_PROCESS_CPUTIME_ID: %s\n", err(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)));
    printf("clock(): %s\n", clock() == (clock_t)-1 ? "failed" : "ok");
    return 0;
}
