/* Hypotheses about resource usage (sys_getrusage, sys_wait4, sys_times,
 * /proc): a task's switches are counted as Linux counts them (blocked or
 * stopped: voluntary; still runnable: involuntary); a child's usage joins
 * its parent's children's figures only when the parent waits for it, with
 * the children it waited for in turn; under the virtual clock CPU time is
 * 0, under the host clock user time is time in the program's own code and
 * system time time inside its calls; bad input fails and writes nothing. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MS 1000000ULL

/* naps N yields M [spawns]: N sleeps, M yields, and with a third argument
 * one child that naps once, waited for (a grandchild for the test). */
static int prog_work(int argc, char **argv) {
    int naps = atoi(argv[1]), yields = atoi(argv[2]);
    for (int i = 0; i < naps; i++)
        sys_sleep(MS);
    for (int i = 0; i < yields; i++)
        sys_yield();
    if (argc > 3) {
        char *av[] = {"work", "1", "0", NULL};
        int pid = (int)sys_spawn("/bin/work", av, NULL, NULL).value;
        int st;
        sys_waitpid(pid, &st, 0);
    }
    return 0;
}

static int spawn_work(const char *naps, const char *yields, bool grandchild) {
    char *av[] = {"work", (char *)naps, (char *)yields, grandchild ? "g" : NULL, NULL};
    return (int)sys_spawn("/bin/work", av, NULL, NULL).value;
}

static void print_usage(const char *what, const ResourceUsage *u) {
    tprintf("%s: cpu %llu vol %llu invol %llu rss %s\n", what,
            (unsigned long long)(u->utime_ns + u->stime_ns), (unsigned long long)u->nvcsw,
            (unsigned long long)u->nivcsw, u->maxrss > 0 ? "yes" : "no");
}

static int prog_switches(int argc, char **argv) {
    ResourceUsage u, kids;
    int st;
    /* 2 sleeps: 2 voluntary switches; wait4 reports them */
    int a = spawn_work("2", "0", false);
    memset(&u, 0, sizeof u);
    if (sys_wait4(a, &st, 0, &u).value != a)
        return 1;
    print_usage("sleeper", &u);
    sys_getrusage(AX_RUSAGE_CHILDREN, &kids);
    print_usage("children", &kids);
    /* two yielders alternate: each yield is an involuntary switch */
    int b = spawn_work("0", "3", false), c = spawn_work("0", "3", false);
    sys_wait4(b, &st, 0, &u);
    print_usage("yielder", &u);
    sys_waitpid(c, &st, 0);
    sys_getrusage(AX_RUSAGE_CHILDREN, &kids);
    print_usage("children", &kids);
    /* a yield with nobody else ready switches nothing */
    ResourceUsage before, after;
    sys_getrusage(AX_RUSAGE_SELF, &before);
    sys_yield();
    sys_getrusage(AX_RUSAGE_SELF, &after);
    tprintf("lone yield: %llu\n", (unsigned long long)(after.nivcsw - before.nivcsw));
    /* the child's usage includes its waited-for grandchild's: its own
     * wait (1) + its grandchild's nap (1) */
    int d = spawn_work("0", "0", true);
    sys_wait4(d, &st, 0, &u);
    print_usage("parent", &u);
    /* the caller's own: its waits for a, b and d blocked it (c was a
     * zombie by the time it was waited for) */
    sys_getrusage(AX_RUSAGE_SELF, &u);
    print_usage("self", &u);
    return 0;
}

static void test_switches_are_counted_and_children_summed_at_wait(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/work", prog_work);
    kernel_install_program(k, "/bin/t", prog_switches);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    assert_string_equal(harness_output(k), "sleeper: cpu 0 vol 2 invol 0 rss yes\n"
                                           "children: cpu 0 vol 2 invol 0 rss yes\n"
                                           "yielder: cpu 0 vol 0 invol 3 rss yes\n"
                                           "children: cpu 0 vol 2 invol 6 rss yes\n"
                                           "lone yield: 0\n"
                                           "parent: cpu 0 vol 2 invol 0 rss yes\n"
                                           "self: cpu 0 vol 3 invol 0 rss yes\n");
    harness_destroy(k);
}

/* Children freed unwaited (SIGCHLD ignored) and children not waited for
 * yet add nothing to RUSAGE_CHILDREN; a stopped child reported by wait4
 * gives its figures so far and adds nothing either. */
static int prog_unwaited(int argc, char **argv) {
    ResourceUsage kids, u;
    int st;
    sys_signal(AX_SIGCHLD, AX_SIG_IGN);
    int a = spawn_work("1", "0", false);
    SyscallResult r = sys_waitpid(a, &st, 0);
    sys_getrusage(AX_RUSAGE_CHILDREN, &kids);
    tprintf("ignored: %d, children vol %llu rss %llu\n", r.error, (unsigned long long)kids.nvcsw,
            (unsigned long long)kids.maxrss);
    sys_signal(AX_SIGCHLD, AX_SIG_DFL);
    int b = spawn_work("1", "0", false);
    sys_sleep(10 * MS); /* b is a zombie now, not yet waited for */
    sys_getrusage(AX_RUSAGE_CHILDREN, &kids);
    tprintf("zombie: children vol %llu\n", (unsigned long long)kids.nvcsw);
    sys_waitpid(b, &st, 0);
    /* stopped: reported with its figures so far */
    int c = spawn_work("1", "0", false);
    sys_kill(c, AX_SIGSTOP);
    memset(&u, 0, sizeof u);
    r = sys_wait4(c, &st, AX_WUNTRACED, &u);
    tprintf("stopped: %d vol %llu, ", AX_WIFSTOPPED(st), (unsigned long long)u.nvcsw);
    sys_getrusage(AX_RUSAGE_CHILDREN, &kids);
    tprintf("children vol %llu\n", (unsigned long long)kids.nvcsw);
    sys_kill(c, AX_SIGCONT);
    sys_wait4(c, &st, 0, &u);
    tprintf("continued and done: vol %llu\n", (unsigned long long)u.nvcsw);
    return 0;
}

static void test_only_waited_children_count(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/work", prog_work);
    kernel_install_program(k, "/bin/t", prog_unwaited);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    /* the stopped child was stopped before it ever ran (spawned, then
     * SIGSTOP at once: taken off the run queue, no switch of its own);
     * after SIGCONT its nap is its one switch */
    assert_string_equal(harness_output(k), "ignored: 10, children vol 0 rss 0\n"
                                           "zombie: children vol 0\n"
                                           "stopped: 1 vol 0, children vol 1\n"
                                           "continued and done: vol 1\n");
    harness_destroy(k);
}

/* Bad input: EINVAL before EFAULT, nothing written; wait4 writes the usage
 * only when it reports a child. */
static int prog_errors(int argc, char **argv) {
    ResourceUsage u, mark;
    memset(&mark, 0x5a, sizeof mark);
    u = mark;
    tprintf("%d %d %d ", sys_getrusage(2, &u).error, sys_getrusage(-2, NULL).error,
            sys_getrusage(AX_RUSAGE_SELF, NULL).error);
    tprintf("%d ", memcmp(&u, &mark, sizeof u) == 0);
    int a = spawn_work("5", "0", false);
    int st = 12345;
    SyscallResult r = sys_wait4(a, &st, AX_WNOHANG, &u);
    tprintf("nohang %lld st %d untouched %d ", (long long)r.value, st,
            memcmp(&u, &mark, sizeof u) == 0);
    r = sys_wait4(a, &st, 0x100, &u);
    tprintf("badopt %d untouched %d ", r.error, memcmp(&u, &mark, sizeof u) == 0);
    r = sys_wait4(a + 1, &st, 0, &u);
    tprintf("nochild %d untouched %d ", r.error, memcmp(&u, &mark, sizeof u) == 0);
    r = sys_wait4(a, NULL, 0, NULL); /* NULL status and usage are allowed */
    tprintf("null %d ", r.value == a);
    /* sys_times: NULL allowed; the value is the kernel clock */
    ProcTimes t;
    int64_t now = sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    tprintf("times %d %d ", sys_times(NULL).value == now, sys_times(&t).value == now);
    tprintf("cpu clock %lld\n", (long long)sys_clock_gettime(AX_CLOCK_PROCESS_CPUTIME_ID).value);
    return 0;
}

static void test_bad_input_fails_and_writes_nothing(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/work", prog_work);
    kernel_install_program(k, "/bin/t", prog_errors);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    char want[256];
    snprintf(want, sizeof want,
             "%d %d %d 1 nohang 0 st 12345 untouched 1 badopt %d untouched 1 "
             "nochild %d untouched 1 null 1 times 1 1 cpu clock 0\n",
             AX_EINVAL, AX_EINVAL, AX_EFAULT, AX_EINVAL, AX_ECHILD);
    assert_string_equal(harness_output(k), want);
    harness_destroy(k);
}

/* /proc shows the same figures: status's context switches, stat's fields
 * 14-17 (utime stime cutime cstime, in ticks). */
static int prog_proc(int argc, char **argv) {
    int st;
    int a = spawn_work("3", "0", false);
    sys_waitpid(a, &st, 0);
    sys_sleep(MS);
    char buf[4096];
    int fd = (int)sys_open("/proc/self/status", AX_O_RDONLY, 0).value;
    ssize_t n = (ssize_t)sys_read(fd, buf, sizeof buf - 1).value;
    sys_close(fd);
    buf[n > 0 ? n : 0] = '\0';
    const char *v = strstr(buf, "voluntary_ctxt_switches:");
    const char *nv = strstr(buf, "nonvoluntary_ctxt_switches:");
    if (!v || !nv)
        return 1;
    tprintf("vol %d invol %d ", atoi(strchr(v, ':') + 1), atoi(strchr(nv, ':') + 1));
    fd = (int)sys_open("/proc/self/stat", AX_O_RDONLY, 0).value;
    n = (ssize_t)sys_read(fd, buf, sizeof buf - 1).value;
    sys_close(fd);
    buf[n > 0 ? n : 0] = '\0';
    const char *p = strrchr(buf, ')'); /* field 3 on */
    unsigned long long f[18] = {0};
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu",
                     &f[14], &f[15], &f[16], &f[17]) != 4)
        return 2;
    tprintf("times %llu %llu %llu %llu\n", f[14], f[15], f[16], f[17]);
    return 0;
}

static void test_proc_shows_the_same_figures(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/work", prog_work);
    kernel_install_program(k, "/bin/t", prog_proc);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    /* its waitpid and its sleep blocked it: 2 voluntary switches */
    assert_string_equal(harness_output(k), "vol 2 invol 0 times 0 0 0 0\n");
    harness_destroy(k);
}

/* Under the host clock: a loop in the program's own code is user time, a
 * loop of calls that walk paths is mostly system time; the children's
 * figures are what wait4 reported. */
static volatile uint64_t spin_sink;

static int prog_user_spin(int argc, char **argv) {
    uint64_t x = 1;
    for (uint64_t i = 0; i < 30000000; i++)
        x = x * 6364136223846793005ULL + i;
    spin_sink = x;
    return 0;
}

static int prog_sys_spin(int argc, char **argv) {
    FileStat s;
    for (int i = 0; i < 40000; i++)
        sys_stat("/bin/../bin/./user_spin", &s);
    return 0;
}

static int prog_host(int argc, char **argv) {
    ResourceUsage u1, u2, kids;
    int st;
    int a = (int)sys_spawn("/bin/user_spin", (char *[]){"user_spin", NULL}, NULL, NULL).value;
    sys_wait4(a, &st, 0, &u1);
    int b = (int)sys_spawn("/bin/sys_spin", (char *[]){"sys_spin", NULL}, NULL, NULL).value;
    sys_wait4(b, &st, 0, &u2);
    sys_getrusage(AX_RUSAGE_CHILDREN, &kids);
    ProcTimes t;
    sys_times(&t);
    if (u1.utime_ns < 5 * MS || u1.utime_ns < 4 * u1.stime_ns)
        return 10; /* the user loop is user time */
    if (u2.stime_ns < u2.utime_ns || u2.stime_ns == 0)
        return 11; /* the calls' time is system time */
    if (kids.utime_ns != u1.utime_ns + u2.utime_ns || kids.stime_ns != u1.stime_ns + u2.stime_ns)
        return 12;
    if (t.cutime_ns != kids.utime_ns || t.cstime_ns != kids.stime_ns)
        return 13;
    ResourceUsage me;
    sys_getrusage(AX_RUSAGE_SELF, &me);
    uint64_t clock = (uint64_t)sys_clock_gettime(AX_CLOCK_PROCESS_CPUTIME_ID).value;
    if (clock < me.utime_ns + me.stime_ns)
        return 14; /* the CPU clock moves on with the caller's time */
    return 0;
}

static void test_host_clock_splits_user_and_system_time(void **state) {
    KernelConfig cfg = {.clock = AX_CLOCK_HOST};
    Kernel *k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/user_spin", prog_user_spin);
    kernel_install_program(k, "/bin/sys_spin", prog_sys_spin);
    kernel_install_program(k, "/bin/t", prog_host);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_true(AX_WIFEXITED(st));
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_switches_are_counted_and_children_summed_at_wait),
        cmocka_unit_test(test_only_waited_children_count),
        cmocka_unit_test(test_bad_input_fails_and_writes_nothing),
        cmocka_unit_test(test_proc_shows_the_same_figures),
        cmocka_unit_test(test_host_clock_splits_user_and_system_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
