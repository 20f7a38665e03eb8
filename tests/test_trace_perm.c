/* Hypotheses about who may control and read the trace, as Linux limits
 * ptrace: an ordinary user reads the events of its descendants only while
 * they have its ids and were not made privileged by a set-ID exec or an
 * id change (their whole life long, even after they exit); root reads
 * every descendant's; resetting and filtering the ring are root's; turning
 * recording off is root's or the enabling user's. A refused call changes
 * nothing. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "vfs_test.h"

#define U1 1000u
#define U2 2000u

/* A marker event with this program's name: what readers look for. */
static int prog_mark(int argc, char **argv) {
    OK(sys_trace_event("mark", argv[0]));
    return 0;
}

/* A set-user-ID root program that drops back to U1 for good, then marks:
 * privileged once, only root's to trace for the rest of its life (Linux's
 * dumpable stays 0 after the setuid). */
static int prog_setuid_then_mark(int argc, char **argv) {
    OK(sys_setuid(U1));
    OK(sys_trace_event("mark", argv[0]));
    return 0;
}

static int spawn_wait(const char *path, const char *name) {
    int pid = (int)OK(sys_spawn(path, (char *[]){(char *)name, NULL}, NULL, NULL));
    int st;
    OK(sys_waitpid(pid, &st, 0));
    assert_true(AX_WIFEXITED(st) && AX_WEXITSTATUS(st) == 0);
    return pid;
}

/* Every "mark" event this process may read, their details joined. The
 * end is fixed first: each read is an event of the reader's own. */
static void marks_seen(char *out, size_t cap) {
    TraceEventInfo ev[8];
    TraceSummary *s = malloc(sizeof *s);
    OK(sys_trace_summary(s));
    uint64_t from = 0, end = s->events_recorded;
    free(s);
    size_t len = 0;
    out[0] = '\0';
    while (from < end) {
        int64_t n = OK(sys_trace_read(ev, 8, from));
        if (n == 0)
            break;
        for (int64_t i = 0; i < n; i++)
            if (ev[i].category == AX_TRACE_CUSTOM && strcmp(ev[i].name, "mark") == 0)
                len += (size_t)snprintf(out + len, cap - len, "%s ", ev[i].detail);
        from = ev[n - 1].seq + 1;
    }
}

static void install_marks(void) {
    kernel_install_program(vt_kernel, "/bin/plain", prog_mark);
    kernel_install_program(vt_kernel, "/bin/suid", prog_mark);
    kernel_install_program(vt_kernel, "/bin/sgid", prog_mark);
    kernel_install_program(vt_kernel, "/bin/drops", prog_setuid_then_mark);
    OK(sys_chmod("/bin/suid", 04755));     /* root's: runs as root */
    OK(sys_chown("/bin/sgid", 0, 77));
    OK(sys_chmod("/bin/sgid", 02755));     /* group 77 */
    OK(sys_chmod("/bin/drops", 04755));    /* runs as root, then setuid(U1) */
}

/* The reader is U1 (root kept as its saved uid only, to come back); its
 * children run as U1 too, unless a set-ID bit says otherwise. */
TASK_TEST(test_a_user_reads_only_what_it_may_trace) {
    install_marks();
    OK(sys_trace_enable());
    vt_act_as(U1);
    spawn_wait("/bin/plain", "plain");
    spawn_wait("/bin/suid", "suid");
    spawn_wait("/bin/sgid", "sgid");
    spawn_wait("/bin/drops", "drops"); /* all its ids are U1's by its mark: hidden still */
    OK(sys_trace_event("mark", "self"));
    char seen[256];
    marks_seen(seen, sizeof seen);
    assert_string_equal(seen, "plain self ");
    /* root reads every descendant's */
    vt_back_to_root();
    marks_seen(seen, sizeof seen);
    assert_string_equal(seen, "plain suid sgid drops self ");
    OK(sys_trace_disable());
    return 0;
}

/* A user's own descendants are not enough: the ids must be the reader's
 * real ones. A child spawned by root (as another user) is not the user's
 * to read, a grandchild of the user's that another user runs neither. */
static int prog_user_reader(int argc, char **argv) {
    /* become U1 for good: a process whose ids changed may still read */
    OK(sys_setgroups(0, NULL));
    OK(sys_setresgid(U1, U1, U1));
    OK(sys_setresuid(U1, U1, U1));
    spawn_wait("/bin/plain", "mine");
    char seen[256];
    marks_seen(seen, sizeof seen);
    tprintf("user sees: %s\n", seen);
    return 0;
}

TASK_TEST(test_readers_are_judged_by_their_real_ids) {
    install_marks();
    kernel_install_program(vt_kernel, "/bin/reader", prog_user_reader);
    OK(sys_trace_enable());
    /* the reader itself changed ids (root -> U1): its own events and its
     * plain child's are still its to read */
    spawn_wait("/bin/reader", "reader");
    assert_non_null(strstr(harness_output(vt_kernel), "user sees: mine \n"));
    /* a reader whose effective uid is U1 but whose real uid is root reads
     * as root would not: the effective uid is not enough for CAP_SYS_PTRACE,
     * and the real uid 0 is not the children's */
    OK(sys_setresuid(0, U1, 0));
    spawn_wait("/bin/plain", "plain2"); /* runs as U1 (effective), real 0 */
    char seen[256];
    marks_seen(seen, sizeof seen);
    assert_null(strstr(seen, "plain2"));
    vt_back_to_root();
    marks_seen(seen, sizeof seen);
    assert_non_null(strstr(seen, "plain2"));
    OK(sys_trace_disable());
    return 0;
}

/* Resetting and filtering are root's: EPERM for a user, with nothing
 * wiped; root may. */
TASK_TEST(test_only_root_resets_or_filters) {
    OK(sys_trace_enable());
    OK(sys_trace_event("mark", "before"));
    vt_act_as(U1);
    ERR(sys_trace_reset(), AX_EPERM);
    ERR(sys_trace_filter(-1), AX_EINVAL); /* the argument first, as before */
    ERR(sys_trace_filter(0), AX_EPERM);
    ERR(sys_trace_filter(7), AX_EPERM);
    vt_back_to_root();
    char seen[256];
    marks_seen(seen, sizeof seen);
    assert_string_equal(seen, "before "); /* nothing was wiped */
    assert_int_equal(OK(sys_trace_filter(7)), 0);
    assert_int_equal(OK(sys_trace_filter(0)), 7); /* the previous filter */
    OK(sys_trace_reset());
    marks_seen(seen, sizeof seen);
    assert_string_equal(seen, "");
    TraceSummary *s = malloc(sizeof *s);
    OK(sys_trace_summary(s));
    assert_int_equal(s->syscalls[AX_SYS_trace_event].calls, 0); /* counters zeroed */
    free(s);
    OK(sys_trace_disable());
    return 0;
}

/* Turning recording off ends everyone's: root may, or the user whose
 * process turned it on; another user may not (it stays on). Anyone may
 * turn it on, and off when it is off already. */
static int prog_enable(int argc, char **argv) {
    return (int)OK(sys_trace_enable());
}
static int prog_disable(int argc, char **argv) {
    SyscallResult r = sys_trace_disable();
    return r.error == AX_OK ? (int)r.value : 100 + (int)r.error;
}

static int as_user(uint32_t uid, const char *path) {
    vt_act_as(uid);
    int pid = (int)OK(sys_spawn(path, (char *[]){"x", NULL}, NULL, NULL));
    vt_back_to_root();
    int st;
    OK(sys_waitpid(pid, &st, 0));
    return AX_WEXITSTATUS(st);
}

TASK_TEST(test_disabling_is_root_or_the_enabling_user) {
    kernel_install_program(vt_kernel, "/bin/on", prog_enable);
    kernel_install_program(vt_kernel, "/bin/off", prog_disable);
    assert_int_equal(as_user(U1, "/bin/off"), 0); /* off already: nothing to refuse */
    assert_int_equal(as_user(U1, "/bin/on"), 0);  /* U1 turned it on */
    assert_int_equal(as_user(U2, "/bin/off"), 100 + AX_EPERM);
    assert_int_equal(OK(sys_trace_enabled()), 1);
    assert_int_equal(as_user(U2, "/bin/on"), 1); /* on already: U1 still owns it */
    assert_int_equal(as_user(U2, "/bin/off"), 100 + AX_EPERM);
    assert_int_equal(as_user(U1, "/bin/off"), 1); /* another process, the same user */
    assert_int_equal(OK(sys_trace_enabled()), 0);
    /* root's recording: no user turns it off */
    assert_int_equal(OK(sys_trace_enable()), 0);
    assert_int_equal(as_user(U1, "/bin/off"), 100 + AX_EPERM);
    assert_int_equal(OK(sys_trace_disable()), 1);
    return 0;
}

/* The host's recording likewise: only root turns it off. */
TASK_TEST(test_the_hosts_recording_is_not_a_users) {
    kernel_install_program(vt_kernel, "/bin/off", prog_disable);
    assert_int_equal(kernel_trace_enable(vt_kernel, 1), 0);
    assert_int_equal(as_user(U1, "/bin/off"), 100 + AX_EPERM);
    assert_int_equal(OK(sys_trace_enabled()), 1);
    assert_int_equal(OK(sys_trace_disable()), 1);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_user_reads_only_what_it_may_trace),
        cmocka_unit_test(test_readers_are_judged_by_their_real_ids),
        cmocka_unit_test(test_only_root_resets_or_filters),
        cmocka_unit_test(test_disabling_is_root_or_the_enabling_user),
        cmocka_unit_test(test_the_hosts_recording_is_not_a_users),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
