/* Hypotheses about sys_sigtimedwait: a pending signal of the set is taken
 * without its handler, the lowest first; one sent while the caller waits
 * wakes it, blocked or caught; the timeout is kernel time; a caught
 * signal outside the set ends the wait with EINTR; bad input fails and
 * takes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MS 1000000ULL

static int hits[AX_NSIG]; /* one process runs the handler at a time here */

static void on_signal(int sig) {
    hits[sig]++;
}

static int prog_pending(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    sys_signal(AX_SIGUSR1, on_signal);
    sys_signal(AX_SIGUSR2, on_signal);
    SigSet set = AX_SIGBIT(AX_SIGUSR1) | AX_SIGBIT(AX_SIGUSR2);
    sys_sigprocmask(AX_SIG_BLOCK, &set, NULL);
    sys_kill(me, AX_SIGUSR2);
    sys_kill(me, AX_SIGUSR1);
    SyscallResult a = sys_sigtimedwait(&set, NULL), b = sys_sigtimedwait(&set, NULL);
    SigSet pend = 0;
    sys_sigpending(&pend);
    tprintf("%lld %lld pending %llx handlers %d\n", (long long)a.value, (long long)b.value,
            (unsigned long long)pend, hits[AX_SIGUSR1] + hits[AX_SIGUSR2]);
    return 0;
}

static void test_pending_signals_are_taken_lowest_first_without_handlers(void **state) {
    Kernel *k = harness_kernel(NULL);
    memset(hits, 0, sizeof hits);
    kernel_install_program(k, "/bin/t", prog_pending);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    assert_string_equal(harness_output(k), "10 12 pending 0 handlers 0\n");
    harness_destroy(k);
}

static int prog_errors(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    SigSet set = AX_SIGBIT(AX_SIGUSR1);
    sys_sigprocmask(AX_SIG_BLOCK, &set, NULL);
    int64_t zero = 0, negative = -1, ten_ms = 10 * MS;
    tprintf("%d ", sys_sigtimedwait(NULL, NULL).error);
    tprintf("%d ", sys_sigtimedwait(&set, &zero).error);   /* nothing pending: EAGAIN */
    SyscallResult t0 = sys_clock_gettime(AX_CLOCK_MONOTONIC);
    tprintf("%d ", sys_sigtimedwait(&set, &ten_ms).error); /* EAGAIN after 10 ms */
    SyscallResult t1 = sys_clock_gettime(AX_CLOCK_MONOTONIC);
    tprintf("waited %lld ms ", (long long)((t1.value - t0.value) / (int64_t)MS));
    sys_kill(me, AX_SIGUSR1);
    tprintf("%d ", sys_sigtimedwait(&set, &negative).error); /* EINVAL, takes nothing */
    SigSet pend = 0;
    sys_sigpending(&pend);
    tprintf("still pending %d ", pend == set);
    SigSet only_kill = AX_SIGBIT(AX_SIGKILL) | AX_SIGBIT(AX_SIGSTOP);
    tprintf("%d ", sys_sigtimedwait(&only_kill, &zero).error); /* KILL/STOP ignored: EAGAIN */
    tprintf("%lld\n", (long long)sys_sigtimedwait(&set, &zero).value);
    return 0;
}

static void test_bad_input_and_timeouts_fail_and_take_nothing(void **state) {
    Kernel *k = harness_kernel(&(KernelConfig){.clock = AX_CLOCK_VIRTUAL});
    kernel_install_program(k, "/bin/t", prog_errors);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    assert_string_equal(harness_output(k), "14 11 11 waited 10 ms 22 still pending 1 11 10\n");
    harness_destroy(k);
}

/* The waiter, and a sender that signals it after a while. */
static int prog_sender(int argc, char **argv) {
    sys_sleep(5 * MS);
    sys_kill((int)sys_getppid().value, atoi(argv[1]));
    return 0;
}

static int prog_waiter(int argc, char **argv) {
    sys_signal(AX_SIGUSR1, on_signal);
    sys_signal(AX_SIGUSR2, on_signal);
    sys_signal(AX_SIGALRM, on_signal);
    SigSet set = AX_SIGBIT(AX_SIGUSR1) | AX_SIGBIT(AX_SIGUSR2);
    sys_sigblock(AX_SIGUSR1); /* USR2 is caught and not blocked: taken all the same */
    for (int i = 0; i < 2; i++) {
        char sig[8];
        snprintf(sig, sizeof sig, "%d", i ? AX_SIGUSR2 : AX_SIGUSR1);
        SyscallResult s = sys_spawn("/bin/sender", (char *[]){"sender", sig, NULL}, NULL, NULL);
        SyscallResult r = sys_sigtimedwait(&set, NULL);
        tprintf("got %lld; ", (long long)r.value);
        int st;
        sys_waitpid((int)s.value, &st, 0);
    }
    /* SIGALRM is caught and outside the set: its handler runs, EINTR */
    sys_timer_set(3 * MS, AX_TIMER_SIGALRM);
    SyscallResult r = sys_sigtimedwait(&set, NULL);
    tprintf("alarm: error %d, handlers USR %d ALRM %d\n", r.error,
            hits[AX_SIGUSR1] + hits[AX_SIGUSR2], hits[AX_SIGALRM]);
    return 0;
}

static void test_a_signal_sent_while_waiting_wakes_the_waiter(void **state) {
    Kernel *k = harness_kernel(&(KernelConfig){.clock = AX_CLOCK_VIRTUAL});
    memset(hits, 0, sizeof hits);
    kernel_install_program(k, "/bin/t", prog_waiter);
    kernel_install_program(k, "/bin/sender", prog_sender);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    assert_string_equal(harness_output(k), "got 10; got 12; alarm: error 4, handlers USR 0 ALRM 1\n");
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pending_signals_are_taken_lowest_first_without_handlers),
        cmocka_unit_test(test_bad_input_and_timeouts_fail_and_take_nothing),
        cmocka_unit_test(test_a_signal_sent_while_waiting_wakes_the_waiter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
