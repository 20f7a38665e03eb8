/* Hypotheses about interval timers and long clock jumps: expiries are
 * counted, not fired one by one, so no timer can make the kernel's idle
 * loop spin (a 1 ns interval under a 1 s sleep once took 90 s of host
 * time, and a longer sleep never returned). */
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

#include "vfs_test.h"

#define MS 1000000ull
#define SEC 1000000000ull

/* A hung kernel fails the test in seconds, not at ctest's timeout. */
static void watchdog(int seconds) { alarm((unsigned)seconds); }

static uint64_t read_count(int fd) {
    uint64_t n = 0;
    assert_int_equal(OK(sys_read(fd, &n, sizeof n)), sizeof n);
    return n;
}

/* 1 ns interval, nobody reading, a sleep of 1 s: one clock jump, and the
 * read finds every expiry counted. */
TASK_TEST(test_nanosecond_interval_under_a_long_sleep) {
    watchdog(20);
    int fd = (int)OK(sys_timer_interval(1, 0));
    OK(sys_sleep(SEC));
    assert_int_equal(read_count(fd), SEC);
    /* an hour, too */
    OK(sys_sleep(3600 * SEC));
    assert_int_equal(read_count(fd), 3600 * SEC);
    OK(sys_close(fd));
    alarm(0);
    return 0;
}

/* The count is exact whatever the step: 1 ms under 1 s is 1000. */
TASK_TEST(test_overruns_are_counted_exactly) {
    uint64_t t0 = (uint64_t)OK(sys_clock_gettime(AX_CLOCK_MONOTONIC));
    int fd = (int)OK(sys_timer_interval(MS, 0));
    OK(sys_sleep(SEC));
    assert_int_equal(read_count(fd), 1000);
    OK(sys_sleep(MS / 2)); /* half a period: nothing new */
    int nb = (int)OK(sys_timer_interval(SEC, AX_TIMER_NONBLOCK));
    uint64_t n;
    ERR(sys_read(nb, &n, sizeof n), AX_EAGAIN);
    OK(sys_sleep(MS / 2));
    assert_int_equal(read_count(fd), 1);
    /* a reader that waits wakes at each expiry, in step with the clock */
    assert_int_equal(read_count(fd), 1);
    assert_int_equal((uint64_t)OK(sys_clock_gettime(AX_CLOCK_MONOTONIC)), t0 + SEC + 2 * MS);
    OK(sys_close(nb));
    OK(sys_close(fd));
    return 0;
}

/* With SIGALRM blocked (or ignored) the signal of every expiry after the
 * first would change nothing: the clock passes them at once too; the
 * pending SIGALRM is delivered once unblocked. */
static int alarms;
static void on_alarm(int sig) { alarms++; }

TASK_TEST(test_sigalrm_timer_blocked_or_ignored_does_not_spin) {
    watchdog(20);
    alarms = 0;
    sys_signal(AX_SIGALRM, on_alarm);
    OK(sys_sigblock(AX_SIGALRM));
    int fd = (int)OK(sys_timer_interval(1, AX_TIMER_SIGALRM));
    OK(sys_sleep(SEC));
    SigSet pending;
    sys_sigpending(&pending);
    assert_int_equal(pending, AX_SIGBIT(AX_SIGALRM));
    assert_int_equal(alarms, 0);
    OK(sys_sigunblock(AX_SIGALRM));
    assert_int_equal(alarms, 1);
    OK(sys_close(fd));
    sys_signal(AX_SIGALRM, AX_SIG_IGN);
    fd = (int)OK(sys_timer_interval(1, AX_TIMER_SIGALRM));
    OK(sys_sleep(SEC));
    assert_int_equal(read_count(fd), SEC);
    OK(sys_close(fd));
    /* caught and unblocked: the first expiry cuts the sleep short */
    sys_signal(AX_SIGALRM, on_alarm);
    fd = (int)OK(sys_timer_interval(MS, AX_TIMER_SIGALRM));
    ERR(sys_sleep(SEC), AX_EINTR);
    assert_int_equal(alarms, 2);
    OK(sys_close(fd));
    sys_signal(AX_SIGALRM, AX_SIG_DFL);
    alarm(0);
    return 0;
}

/* A timer whose clock runs out: the next expiry would pass the end of
 * time, so it stays armed and never fires again. */
TASK_TEST(test_interval_past_the_end_of_time) {
    int fd = (int)OK(sys_timer_interval(UINT64_MAX / 2, 0));
    OK(sys_sleep(UINT64_MAX));
    assert_true(read_count(fd) >= 1);
    assert_int_equal(OK(sys_timer_cancel(fd)), 1);
    OK(sys_close(fd));
    return 0;
}

/* ---- from the host ---- */

static int prog_timer_then_input(int argc, char **argv) {
    int fd = (int)sys_timer_interval(MS, 0).value;
    char c;
    sys_read(0, &c, 1); /* waits for the console */
    uint64_t n = 0;
    sys_read(fd, &n, sizeof n);
    tprintf("%llu\n", (unsigned long long)n);
    return 0;
}

/* A process waiting for console input beside a timer nobody reads: the
 * kernel says it waits for input (it used to run the clock forever), the
 * host may wait as long as it likes, and kernel_run_for moves the clock
 * to its end in one step. */
static void test_inert_timer_does_not_keep_the_kernel_busy(void **state) {
    watchdog(20);
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_timer_then_input);
    SyscallResult r = kernel_spawn(k, "/bin/t", NULL);
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    ConsoleState cs;
    kernel_console_state(k, &cs);
    assert_true(cs.wait_ns == UINT64_MAX);
    uint64_t t0 = kernel_now(k);
    assert_int_equal(kernel_run_for(k, 10 * SEC), AX_RUN_TIMEOUT);
    assert_int_equal(kernel_now(k), t0 + 10 * SEC);
    kernel_console_push_input(k, "x\n", 2);
    int st;
    assert_int_equal(kernel_wait(k, (int)r.value, &st), 0);
    assert_string_equal(harness_output(k), "x\n10000\n");
    harness_destroy(k);
    alarm(0);
}

static int prog_host_clock_interval(int argc, char **argv) {
    int fd = (int)sys_timer_interval(1, 0).value;
    sys_sleep(500 * MS);
    uint64_t n = 0;
    sys_read(fd, &n, sizeof n);
    return n >= 500 * MS ? 0 : 1; /* at least 0.5 s of 1 ns periods */
}

/* Under the host clock the idle loop sleeps to the next timer that
 * matters (it once fired a 1 ns timer for every nanosecond, falling ever
 * further behind the host), and the count follows the host's time. */
static void test_host_clock_interval_counts(void **state) {
    watchdog(10);
    KernelConfig cfg = {.clock = AX_CLOCK_HOST};
    Kernel *k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/t", prog_host_clock_interval);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    harness_destroy(k);
    alarm(0);
}

/* ---- the host takes control back ---- */

static int prog_busy(int argc, char **argv) {
    while (sys_getpid().error == AX_OK)
        ; /* never blocks, never yields */
    return 1;
}

static Kernel *interrupt_target;
static void on_host_alarm(int sig) {
    (void)sig;
    kernel_interrupt(interrupt_target);
}

/* A host signal handler calls kernel_interrupt: kernel_run returns from a
 * machine whose task never stops making calls (under the virtual clock
 * there is no other way out), and the machine goes on afterwards. */
static void test_kernel_interrupt_stops_a_busy_run(void **state) {
    watchdog(20);
    Kernel *k = harness_kernel(NULL);
    interrupt_target = k;
    kernel_install_program(k, "/bin/busy", prog_busy);
    SyscallResult r = kernel_spawn(k, "/bin/busy", NULL);
    assert_int_equal(r.error, AX_OK);
    struct sigaction sa = {.sa_handler = on_host_alarm};
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {.it_value = {0, 50000}}; /* 50 ms */
    setitimer(ITIMER_REAL, &it, NULL);
    assert_int_equal(kernel_run(k), AX_RUN_INTERRUPTED);
    setitimer(ITIMER_REAL, &it, NULL);
    int st;
    assert_int_equal(kernel_wait(k, (int)r.value, &st), -AX_EINTR);
    /* the request is spent: the machine still runs, and can be stopped */
    assert_int_equal(kernel_kill(k, (int)r.value, AX_SIGKILL), 0);
    assert_int_equal(kernel_wait(k, (int)r.value, &st), 0);
    assert_int_equal(AX_WTERMSIG(st), AX_SIGKILL);
    harness_destroy(k);
    signal(SIGALRM, SIG_DFL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nanosecond_interval_under_a_long_sleep),
        cmocka_unit_test(test_overruns_are_counted_exactly),
        cmocka_unit_test(test_sigalrm_timer_blocked_or_ignored_does_not_spin),
        cmocka_unit_test(test_interval_past_the_end_of_time),
        cmocka_unit_test(test_inert_timer_does_not_keep_the_kernel_busy),
        cmocka_unit_test(test_host_clock_interval_counts),
        cmocka_unit_test(test_kernel_interrupt_stops_a_busy_run),
    };
    (void)vt_nodes;
    (void)vt_put;
    (void)vt_get;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
