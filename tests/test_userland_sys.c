/* Hypotheses about the system programs: sleep, true, false, env, ps, kill,
 * date, uptime, clear, which, basename, dirname, trace; and the install
 * list itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()

static void test_every_program_is_installed_in_bin(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN_PIPED(k, NULL, "ls", "/bin"), 0);
    const char *want[] = {"basename", "cat", "clear", "cp",    "cut",   "date",  "dirname", "echo",
                          "env",      "false", "grep", "head", "hexdump", "kill", "ls",    "mkdir",
                          "mv",       "printf", "ps",   "rm",   "rmdir", "seq",   "sleep", "sort",
                          "stat",     "tail",  "tee",   "touch", "tr",    "trace", "true", "uniq",
                          "uptime",   "wc",    "which", "yes", "sh"};
    char line[32];
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        snprintf(line, sizeof line, "%s\n", want[i]);
        assert_non_null(strstr(OUT, line));
    }
    assert_null(strstr(OUT, "\n[\n"));
    assert_null(strstr(OUT, "test\n")); /* [ and test are shell builtins */
    harness_destroy(k);
}

/* ---- true, false, sleep ---- */

static void test_true_and_false_give_their_status(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "true", "--ignored"), 0);
    assert_int_equal(RUN(k, NULL, "false"), 1);
    assert_string_equal(OUT, "");
    harness_destroy(k);
}

static void test_sleep_waits_in_kernel_time(void **state)
{
    Kernel *k = ul_kernel();
    uint64_t t0 = kernel_now(k);
    assert_int_equal(RUN(k, NULL, "sleep", "1.5", "1m"), 0);
    uint64_t slept = kernel_now(k) - t0;
    assert_true(slept >= 61500000000ULL);
    assert_true(slept < 61600000000ULL);
    assert_int_equal(RUN(k, NULL, "sleep", "abc"), 1);
    assert_string_equal(OUT, "sleep: invalid time interval 'abc'\n");
    assert_int_equal(RUN(k, NULL, "sleep", "1x"), 1);
    assert_int_equal(RUN(k, NULL, "sleep"), 1);
    assert_string_equal(OUT, "sleep: missing operand\nTry 'sleep --help' for more information.\n");
    harness_destroy(k);
}

/* ---- env ---- */

static void test_env_prints_and_changes_the_environment(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "env"), 0);
    assert_non_null(strstr(OUT, "PATH=/bin\n"));
    assert_non_null(strstr(OUT, "HOME=/root\n")); /* root's home: the default session */
    assert_int_equal(RUN(k, NULL, "env", "-i", "A=1", "B=2"), 0);
    assert_string_equal(OUT, "A=1\nB=2\n");
    assert_int_equal(RUN(k, NULL, "env", "-u", "HOME", "X=y", "env"), 0);
    assert_null(strstr(OUT, "HOME="));
    assert_non_null(strstr(OUT, "X=y\n"));
    assert_int_equal(RUN(k, NULL, "env", "-i", "PATH=/bin", "echo", "hi", "there"), 0);
    assert_string_equal(OUT, "hi there\n");
    harness_destroy(k);
}

static void test_env_passes_on_the_command_status(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "env", "false"), 1);
    assert_int_equal(RUN(k, NULL, "env", "sh-no-such-cmd"), 127);
    assert_string_equal(OUT, "env: 'sh-no-such-cmd': No such file or directory\n");
    assert_int_equal(RUN(k, NULL, "env", "-i", "ls"), 0); /* default PATH is /bin */
    assert_int_equal(RUN(k, NULL, "env", "/etc/motd"), 127);
    harness_destroy(k);
}

/* ---- ps, kill ---- */

static void test_ps_lists_processes(void **state)
{
    Kernel *k = ul_kernel();
    /* every process, its command line (test_userland_procps has the rest) */
    assert_int_equal(RUN(k, NULL, "ps", "-e", "-o", "pid,ppid,args"), 0);
    const char *out = OUT;
    assert_int_equal(strncmp(out, "    PID    PPID COMMAND\n", 24), 0);
    assert_non_null(strstr(out, "\n      1       0 init\n"));
    assert_non_null(strstr(out, " ps -e -o pid,ppid,args\n")); /* itself */
    assert_int_equal(RUN(k, NULL, "/test/feed", "-", "ps", "-o", "args"), 0);
    assert_non_null(strstr(OUT, "/test/feed - ps -o args\n"));
    harness_destroy(k);
}

static void test_kill_sends_signals(void **state)
{
    Kernel *k = ul_kernel();
    SyscallResult s = kernel_spawn(k, "/bin/sleep", (char *const[]){"sleep", "100", NULL});
    assert_int_equal(s.error, AX_OK);
    char pid[16];
    snprintf(pid, sizeof pid, "%d", (int)s.value);
    assert_int_equal(RUN(k, NULL, "kill", "-s", "USR1", pid), 0);
    int status;
    assert_int_equal(kernel_wait(k, (int)s.value, &status), 0);
    assert_true(AX_WIFSIGNALED(status) && AX_WTERMSIG(status) == AX_SIGUSR1);

    const char *forms[][2] = {{"-9", "9"}, {"-KILL", "9"}, {"-SIGTERM", "15"}, {"-n", "2"}};
    for (size_t i = 0; i < 4; i++) {
        s = kernel_spawn(k, "/bin/sleep", (char *const[]){"sleep", "100", NULL});
        snprintf(pid, sizeof pid, "%d", (int)s.value);
        if (strcmp(forms[i][0], "-n") == 0)
            assert_int_equal(RUN(k, NULL, "kill", "-n", "2", pid), 0);
        else
            assert_int_equal(RUN(k, NULL, "kill", (char *)forms[i][0], pid), 0);
        assert_int_equal(kernel_wait(k, (int)s.value, &status), 0);
        assert_int_equal(AX_WTERMSIG(status), atoi(forms[i][1]));
    }
    s = kernel_spawn(k, "/bin/sleep", (char *const[]){"sleep", "100", NULL});
    snprintf(pid, sizeof pid, "%d", (int)s.value);
    assert_int_equal(RUN(k, NULL, "kill", pid), 0); /* SIGTERM by default */
    assert_int_equal(kernel_wait(k, (int)s.value, &status), 0);
    assert_int_equal(AX_WTERMSIG(status), AX_SIGTERM);
    harness_destroy(k);
}

static void test_kill_reports_bad_targets_and_signals(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "kill", "9999"), 1);
    assert_string_equal(OUT, "kill: 9999: No such process\n");
    assert_int_equal(RUN(k, NULL, "kill", "-FOO", "1"), 1);
    assert_string_equal(OUT, "kill: 'FOO': invalid signal specification\n");
    assert_int_equal(RUN(k, NULL, "kill", "-9"), 1);
    assert_string_equal(OUT, "kill: no process ID specified\nTry 'kill --help' for more information.\n");
    assert_int_equal(RUN(k, NULL, "kill", "abc"), 1);
    assert_string_equal(OUT, "kill: 'abc': invalid process id\n");
    harness_destroy(k);
}

static void test_kill_l_lists_and_converts_names(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "kill", "-l"), 0);
    assert_int_equal(strncmp(OUT, "HUP\nINT\nQUIT\n", 13), 0);
    assert_non_null(strstr(OUT, "\nKILL\n"));
    assert_int_equal(RUN(k, NULL, "kill", "-l", "9", "130", "TERM", "sigint"), 0);
    assert_string_equal(OUT, "KILL\nINT\n15\n2\n");
    assert_int_equal(RUN(k, NULL, "kill", "-l", "BOGUS"), 1);
    harness_destroy(k);
}

/* ---- date, uptime ---- */

static void test_date_prints_the_kernel_wall_clock(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "date"), 0);
    assert_string_equal(OUT, "Thu Jan  1 00:00:00 UTC 2026\n");
    assert_int_equal(RUN(k, NULL, "date", "+%Y-%m-%d %H:%M:%S|%j|%s"), 0);
    assert_string_equal(OUT, "2026-01-01 00:00:00|001|1767225600\n");
    assert_int_equal(RUN(k, NULL, "sleep", "90061"), 0); /* 1 day, 1 h, 1 min, 1 s */
    assert_int_equal(RUN(k, NULL, "date", "-u", "+%a %e %T"), 0);
    assert_string_equal(OUT, "Fri  2 01:01:01\n");
    assert_int_equal(RUN(k, NULL, "date", "-d", "@0"), 0);
    assert_string_equal(OUT, "Thu Jan  1 00:00:00 UTC 1970\n");
    assert_int_equal(RUN(k, NULL, "date", "bogus"), 1);
    assert_string_equal(OUT, "date: invalid date 'bogus'\n");
    harness_destroy(k);
}

static void test_uptime_reads_the_monotonic_clock(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "sleep", "3720"), 0); /* 1 h 2 min */
    assert_int_equal(RUN(k, NULL, "uptime"), 0);
    assert_string_equal(OUT, " 01:02:00 up  1:02,  1 user,  load average: 0.00, 0.00, 0.00\n");
    assert_int_equal(RUN(k, NULL, "uptime", "-p"), 0);
    assert_string_equal(OUT, "up 1 hour, 2 minutes\n");
    assert_int_equal(RUN(k, NULL, "uptime", "-s"), 0);
    assert_string_equal(OUT, "2026-01-01 00:00:00\n");
    harness_destroy(k);
}

/* ---- clear, which ---- */

static void test_clear_writes_the_ansi_sequence(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "clear"), 0);
    assert_string_equal(OUT, "\033[H\033[2J\033[3J");
    harness_destroy(k);
}

static void test_which_searches_path(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "which", "ls", "cat"), 0);
    assert_string_equal(OUT, "/bin/ls\n/bin/cat\n");
    assert_int_equal(RUN(k, NULL, "which", "nope", "ls"), 1);
    assert_string_equal(OUT, "/bin/ls\n");
    assert_int_equal(RUN(k, NULL, "which", "/bin/echo", "/etc/motd"), 1);
    assert_string_equal(OUT, "/bin/echo\n");
    assert_int_equal(RUN(k, NULL, "env", "PATH=/test:/bin", "which", "-a", "feed", "ls"), 0);
    assert_string_equal(OUT, "/test/feed\n/bin/ls\n");
    assert_int_equal(RUN(k, NULL, "which"), 1);
    harness_destroy(k);
}

/* ---- basename, dirname ---- */

static void test_basename_and_dirname_follow_posix(void **state)
{
    Kernel *k = ul_kernel();
    static const char *const base[][3] = {
        {"/usr/lib/", NULL, "lib\n"}, {"file.c", ".c", "file\n"}, {"/", NULL, "/\n"},
        {"a/b", NULL, "b\n"},         {".c", ".c", ".c\n"},       {"//", NULL, "/\n"},
    };
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++) {
        if (base[i][1])
            assert_int_equal(RUN(k, NULL, "basename", (char *)base[i][0], (char *)base[i][1]), 0);
        else
            assert_int_equal(RUN(k, NULL, "basename", (char *)base[i][0]), 0);
        assert_string_equal(OUT, base[i][2]);
    }
    assert_int_equal(RUN(k, NULL, "basename", "-a", "-s", ".h", "x/a.h", "b.h"), 0);
    assert_string_equal(OUT, "a\nb\n");
    assert_int_equal(RUN(k, NULL, "basename"), 1);
    assert_int_equal(RUN(k, NULL, "basename", "a", "b", "c"), 1);
    assert_string_equal(OUT, "basename: extra operand 'c'\nTry 'basename --help' for more information.\n");

    assert_int_equal(RUN(k, NULL, "dirname", "/usr/lib/", "a", "/", "//a//b//", "/a", "a/b"), 0);
    assert_string_equal(OUT, "/usr\n.\n/\n//a\n/\na\n");
    assert_int_equal(RUN(k, NULL, "dirname"), 1);
    assert_string_equal(OUT, "dirname: missing operand\nTry 'dirname --help' for more information.\n");
    harness_destroy(k);
}

/* ---- trace ---- */

static void test_trace_summary_lists_used_syscalls_and_totals(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "cat", "/nope"), 1);
    assert_int_equal(RUN(k, NULL, "trace", "summary"), 0);
    const char *out = OUT;
    assert_int_equal(strncmp(out, "syscall                     calls     errors\n", 45), 0);
    assert_non_null(strstr(out, "\nopen "));
    assert_non_null(strstr(out, "\nprocesses: "));
    assert_non_null(strstr(out, "\nscheduler: "));
    assert_non_null(strstr(out, "\nsignals: "));
    assert_non_null(strstr(out, "\nio: "));
    assert_null(strstr(out, "\nmem_alloc ")); /* never called: not listed */
    assert_int_equal(RUN(k, NULL, "trace", "digest"), 0);
    assert_int_equal(strlen(OUT), 17); /* 16 hex digits and a newline */
    assert_int_equal(RUN(k, NULL, "trace"), 2);
    assert_int_equal(RUN(k, NULL, "trace", "bogus"), 2);
    assert_string_equal(OUT, "trace: unknown command 'bogus'\n"
                             "usage: trace on|off|summary|digest|status|events [N]\n");
    harness_destroy(k);
}

static void test_trace_turns_recording_on_and_off(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "trace", "on"), 0);
    assert_int_equal(RUN(k, NULL, "trace", "status"), 0);
    assert_string_equal(OUT, "on\n");
    assert_int_equal(RUN(k, NULL, "trace", "off"), 0);
    assert_int_equal(RUN(k, NULL, "trace", "status"), 0);
    assert_string_equal(OUT, "off\n");
    assert_int_equal(RUN(k, NULL, "trace", "reset"), 2); /* the host's: no such command */
    harness_destroy(k);
}

static int prog_one_alloc(int argc, char **argv)
{
    return sys_heap_alloc(64).error == AX_OK ? 0 : 1;
}

/* The digest of one kernel that ran argv. */
static uint64_t digest_after(char *const a[], char *const b[])
{
    Kernel *k = ul_kernel();
    assert_int_equal(kernel_install_program(k, "/bin/t_alloc", prog_one_alloc), 0);
    if (b)
        assert_int_equal(run_pipeline(k, a, b, NULL), 0);
    else
        assert_int_equal(run_program(k, a, NULL), 0);
    uint64_t d = kernel_trace_digest(k);
    harness_destroy(k);
    return d;
}

static void test_trace_digest_is_deterministic(void **state)
{
    /* Heap addresses differ between kernels; they must not reach the
     * digest. Shift the host heap between the runs to make sure. */
    char *const alloc[] = {"t_alloc", NULL};
    uint64_t d1 = digest_after(alloc, NULL);
    void *shift[256];
    for (int i = 0; i < 256; i++)
        shift[i] = malloc(16 + (size_t)i * 16);
    uint64_t d2 = digest_after(alloc, NULL);
    for (int i = 0; i < 256; i++)
        free(shift[i]);
    assert_true(d1 == d2);
    char *const a[] = {"seq", "1000", NULL}, *const b[] = {"grep", "7", NULL};
    assert_true(digest_after(a, b) == digest_after(a, b));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_program_is_installed_in_bin),
        cmocka_unit_test(test_true_and_false_give_their_status),
        cmocka_unit_test(test_sleep_waits_in_kernel_time),
        cmocka_unit_test(test_env_prints_and_changes_the_environment),
        cmocka_unit_test(test_env_passes_on_the_command_status),
        cmocka_unit_test(test_ps_lists_processes),
        cmocka_unit_test(test_kill_sends_signals),
        cmocka_unit_test(test_kill_reports_bad_targets_and_signals),
        cmocka_unit_test(test_kill_l_lists_and_converts_names),
        cmocka_unit_test(test_date_prints_the_kernel_wall_clock),
        cmocka_unit_test(test_uptime_reads_the_monotonic_clock),
        cmocka_unit_test(test_clear_writes_the_ansi_sequence),
        cmocka_unit_test(test_which_searches_path),
        cmocka_unit_test(test_basename_and_dirname_follow_posix),
        cmocka_unit_test(test_trace_summary_lists_used_syscalls_and_totals),
        cmocka_unit_test(test_trace_turns_recording_on_and_off),
        cmocka_unit_test(test_trace_digest_is_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
