/* Hypotheses about the tracing programs: strace CMD and trace events. */
#include <stdbool.h>
#include <string.h>

#include "userland_run.h"

#define OUT ul_output()

static void test_strace_prints_the_commands_syscalls_after_its_output(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "strace", "cat", "/etc/motd"), 0);
    const char *motd = "Welcome to axos, a Unix-like system simulated in one process.\n";
    assert_memory_equal(OUT, motd, strlen(motd));
    const char *trace = OUT + strlen(motd);
    const char *open = strstr(trace, "open(\"/etc/motd\", O_RDONLY) = 3\n");
    const char *read = strstr(trace, "read(3, \"Welcome to axos, a Unix-like sys\"..., ");
    const char *eof = strstr(trace, "read(3, \"\", ");
    const char *close = strstr(trace, "close(3) = 0\n");
    const char *end = strstr(trace, "+++ exited with 0 +++\n");
    assert_non_null(open);
    assert_non_null(read);
    assert_non_null(eof);
    assert_non_null(close);
    assert_non_null(end);
    assert_true(open < read && read < eof && eof < close && close < end);
    assert_string_equal(end, "+++ exited with 0 +++\n"); /* the last line */
    assert_null(strstr(trace, "[pid")); /* one process: bare lines */
    assert_null(strstr(trace, "switch"));
    assert_null(strstr(trace, "heap_alloc")); /* ulib's allocations: only with -a */
    assert_int_equal(RUN(k, NULL, "strace", "-a", "cat", "/etc/motd"), 0);
    assert_non_null(strstr(OUT, "heap_alloc("));
    harness_destroy(k);
}

static void test_strace_shows_errors_and_passes_the_exit_status_on(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "strace", "cat", "/nope"), 1);
    assert_non_null(strstr(OUT, "open(\"/nope\", O_RDONLY) = -1 ENOENT (No such file or directory)\n"));
    assert_non_null(strstr(OUT, "+++ exited with 1 +++\n"));
    assert_int_equal(RUN(k, NULL, "strace", "no-such-program"), 127);
    assert_string_equal(OUT, "strace: no-such-program: command not found\n");
    assert_int_equal(RUN(k, NULL, "strace"), 2);
    assert_string_equal(OUT, "usage: strace [-a] CMD [ARG]...\n");
    assert_int_equal(RUN(k, NULL, "strace", "-z", "true"), 2);
    harness_destroy(k);
}

static void test_strace_leaves_tracing_as_it_found_it(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "strace", "true"), 0);
    assert_int_equal(RUN(k, NULL, "trace", "status"), 0);
    assert_string_equal(OUT, "off\n");
    /* on: strace keeps it on, and every process is recorded again */
    assert_int_equal(RUN(k, NULL, "trace", "on"), 0);
    assert_int_equal(RUN(k, NULL, "strace", "true"), 0);
    assert_int_equal(RUN(k, NULL, "trace", "status"), 0);
    assert_string_equal(OUT, "on\n");
    assert_int_equal(RUN(k, NULL, "echo", "seen"), 0);
    TraceEventInfo ev[64];
    size_t n = kernel_trace_read(k, ev, 64, AX_TRACE_LAST);
    bool seen = false;
    for (size_t i = 0; i < n; i++)
        seen |= strcmp(ev[i].text, "write(1, \"seen\\n\", 5) = 5") == 0;
    assert_true(seen);
    harness_destroy(k);
}

static void test_trace_events_prints_the_last_n_events(void **state)
{
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "trace", "events"), 0); /* never enabled: nothing */
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, NULL, "trace", "on"), 0);
    assert_int_equal(RUN(k, NULL, "echo", "hi"), 0);
    assert_int_equal(RUN(k, NULL, "trace", "events", "3"), 0);
    /* the last three when `trace events` looked: its own spawn, first
     * switch and first allocation */
    const char *out = OUT;
    int lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 3);
    assert_non_null(strstr(out, "] --- sched switch ---\n"));
    assert_non_null(strstr(out, "] +++ spawn trace +++\n"));
    assert_memory_equal(out, "[pid ", 5);

    /* its own events only: not those of `trace on` nor of echo */
    assert_int_equal(RUN(k, NULL, "trace", "events", "1000"), 0);
    assert_non_null(strstr(OUT, "] +++ spawn trace +++\n"));
    assert_null(strstr(OUT, "trace_enable()"));
    assert_null(strstr(OUT, "write(1, \"hi\\n\", 3)"));
    assert_int_equal(RUN(k, NULL, "trace", "events", "0"), 0);
    assert_string_equal(OUT, "");
    assert_int_equal(RUN(k, NULL, "trace", "events", "x"), 2);
    assert_string_equal(OUT, "trace: events: bad count 'x'\n");
    assert_int_equal(RUN(k, NULL, "trace", "off"), 0);
    harness_destroy(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strace_prints_the_commands_syscalls_after_its_output),
        cmocka_unit_test(test_strace_shows_errors_and_passes_the_exit_status_on),
        cmocka_unit_test(test_strace_leaves_tracing_as_it_found_it),
        cmocka_unit_test(test_trace_events_prints_the_last_n_events),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
