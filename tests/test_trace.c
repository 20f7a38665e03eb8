/* Hypotheses about tracing: counters, the event ring, strace-style text,
 * the exports and the determinism digest. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define RING_READ_MAX 512

/* Every event in the ring, oldest first (malloc'd, *n set). */
static TraceEventInfo *ring_all(Kernel *k, size_t *n) {
    TraceEventInfo *ev = calloc(RING_READ_MAX, sizeof *ev);
    *n = kernel_trace_read(k, ev, RING_READ_MAX, 0);
    return ev;
}

/* Index of the first event whose text is `text` (-1: none); a miss
 * lists the ring when `loud`. */
static long ring_index(Kernel *k, const char *text, bool loud) {
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    long at = -1;
    for (size_t i = 0; i < n && at < 0; i++)
        if (strcmp(ev[i].text, text) == 0)
            at = (long)i;
    if (at < 0 && loud) {
        print_message("no event \"%s\" among %zu:\n", text, n);
        for (size_t i = 0; i < n; i++)
            print_message("  [pid %d] %s\n", ev[i].pid, ev[i].text);
    }
    free(ev);
    return at;
}

static long ring_find(Kernel *k, const char *text) {
    return ring_index(k, text, true);
}

static int run_program(Kernel *k, ProgramMain main) {
    assert_int_equal(kernel_install_program(k, "/bin/t", main), 0);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_true(AX_WIFEXITED(st));
    return AX_WEXITSTATUS(st);
}

/* ---- counters ---- */

static int prog_counts(int argc, char **argv) {
    for (int i = 0; i < 7; i++)
        sys_getpid();
    for (int i = 0; i < 3; i++)
        sys_close(90 + i); /* EBADF */
    sys_open(NULL, AX_O_RDONLY, 0); /* EFAULT */
    sys_open("/nope", AX_O_RDONLY, 0); /* ENOENT */
    int fd = (int)sys_open("/etc/motd", AX_O_RDONLY, 0).value;
    char buf[16];
    sys_read(fd, buf, sizeof buf);
    sys_close(fd);
    sys_write(1, "12345", 5);
    return 0;
}

static void test_counters_equal_the_calls_made_errors_included(void **state) {
    Kernel *k = harness_kernel(NULL);
    run_program(k, prog_counts);
    TraceSummary s;
    kernel_trace_summary(k, &s);
    assert_int_equal(s.syscalls[AX_SYS_getpid].calls, 7);
    assert_int_equal(s.syscalls[AX_SYS_getpid].errors, 0);
    assert_int_equal(s.syscalls[AX_SYS_close].calls, 4);
    assert_int_equal(s.syscalls[AX_SYS_close].errors, 3);
    assert_int_equal(s.syscalls[AX_SYS_open].calls, 3);
    assert_int_equal(s.syscalls[AX_SYS_open].errors, 2);
    assert_int_equal(s.syscalls[AX_SYS_read].calls, 1);
    assert_int_equal(s.syscalls[AX_SYS_read].bytes, 16);
    /* only calls whose result is a byte count add it there */
    assert_int_equal(s.syscalls[AX_SYS_open].bytes, 0);
    assert_int_equal(s.syscalls[AX_SYS_getpid].bytes, 0);
    assert_int_equal(s.bytes_read, 16);
    assert_int_equal(s.bytes_written, 5);
    assert_int_equal(s.procs_spawned, 1);
    assert_int_equal(s.procs_exited, 1);
    assert_int_equal(s.events_recorded, 0); /* counters are on, events are not */
    harness_destroy(k);
}

/* ---- a call's time is the time it waited ---- */

#define MS 1000000ULL

static void on_usr1_call(int sig) {
    (void)sig;
    sys_getpid(); /* a call of its own, inside the interrupted read */
}

/* Sleeps 10 ms, interrupts its parent, sleeps 10 ms, writes a byte to fd
 * argv[1]. */
static int prog_slow_writer(int argc, char **argv) {
    sys_sleep(10 * MS);
    sys_kill((int)sys_getppid().value, AX_SIGUSR1);
    sys_sleep(10 * MS);
    return sys_write(atoi(argv[1]), "x", 1).value == 1 ? 0 : 1;
}

/* Reads a pipe the slow writer fills: the read waits 10 ms, runs the
 * SA_RESTART handler (which makes a call), then waits 10 ms more. */
static int prog_timed_read(int argc, char **argv) {
    SigAction act = {.handler = on_usr1_call, .flags = AX_SA_RESTART};
    sys_sigaction(AX_SIGUSR1, &act, NULL);
    int fds[2];
    sys_pipe(fds);
    char arg[16];
    snprintf(arg, sizeof arg, "%d", fds[1]);
    int child = (int)sys_spawn("/bin/slow", (char *[]){"slow", arg, NULL}, NULL, NULL).value;
    char c;
    if (sys_read(fds[0], &c, 1).value != 1)
        return 1;
    int st;
    return sys_waitpid(child, &st, 0).error == AX_OK && st == 0 ? 0 : 2;
}

static void test_a_call_s_time_is_the_kernel_time_it_waited(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(kernel_trace_enable(k, 1), 0);
    kernel_install_program(k, "/bin/slow", prog_slow_writer);
    assert_int_equal(run_program(k, prog_timed_read), 0);
    TraceSummary s;
    kernel_trace_summary(k, &s);
    /* both waits go to the read, none to the handler's call */
    assert_int_equal(s.syscalls[AX_SYS_read].time_ns, 20 * MS);
    assert_int_equal(s.syscalls[AX_SYS_getpid].calls, 1);
    assert_int_equal(s.syscalls[AX_SYS_getpid].time_ns, 0);
    assert_int_equal(s.syscalls[AX_SYS_sleep].time_ns, 20 * MS);
    assert_int_equal(s.syscalls[AX_SYS_write].time_ns, 0);
    /* and its event spans the whole call, handler included */
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    long at = ring_index(k, "read(3, \"x\", 1) = 1", true);
    assert_true(at >= 0);
    assert_int_equal(ev[at].start_ns, 0);
    assert_int_equal(ev[at].dur_ns, 20 * MS);
    free(ev);
    harness_destroy(k);
}

static int prog_sleep_50ms(int argc, char **argv) {
    return sys_sleep(50 * MS).error == AX_OK ? 0 : 1;
}

/* A call that was already waiting when tracing started is recorded from
 * that moment on (its start is kept only while tracing). */
static void test_a_call_under_way_is_traced_from_when_tracing_starts(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(kernel_install_program(k, "/bin/t", prog_sleep_50ms), 0);
    int pid = (int)kernel_spawn(k, "/bin/t", (char *[]){"/bin/t", NULL}).value;
    assert_true(pid > 0);
    assert_int_equal(kernel_run_for(k, 20 * MS), AX_RUN_TIMEOUT);
    assert_int_equal(kernel_trace_enable(k, 1), 0);
    int st;
    assert_int_equal(kernel_wait(k, pid, &st), 0);
    assert_true(AX_WIFEXITED(st) && AX_WEXITSTATUS(st) == 0);
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    long at = ring_index(k, "sleep(50000000) = 0", true);
    assert_true(at >= 0);
    assert_int_equal(ev[at].start_ns, 20 * MS);
    assert_int_equal(ev[at].dur_ns, 30 * MS);
    free(ev);
    harness_destroy(k);
}

/* ---- events only while enabled ---- */

static int prog_on_off(int argc, char **argv) {
    if (sys_trace_enabled().value != 0)
        return 1;
    sys_getppid(); /* not recorded */
    if (sys_trace_enable().value != 0 || sys_trace_enable().value != 1)
        return 2;
    sys_getpid();
    if (sys_trace_enabled().value != 1)
        return 3;
    if (sys_trace_disable().value != 1 || sys_trace_disable().value != 0)
        return 4;
    sys_getppid(); /* not recorded */
    return 0;
}

static void test_events_are_recorded_only_while_enabled(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(run_program(k, prog_on_off), 0);
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    assert_int_equal(n, 4); /* enable (1st), enable (2nd), getpid, enabled */
    assert_string_equal(ev[0].text, "trace_enable() = 0");
    assert_string_equal(ev[1].text, "trace_enable() = 1");
    assert_string_equal(ev[2].name, "getpid");
    assert_string_equal(ev[3].text, "trace_enabled() = 1");
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ev[i].seq, i);
        assert_int_equal(ev[i].category, AX_TRACE_SYSCALL);
        assert_int_equal(ev[i].pid, 2);
        assert_int_equal(ev[i].tid, 2);
    }
    assert_int_equal(ev[2].sysno, AX_SYS_getpid);
    assert_int_equal(ev[2].value, 2);
    free(ev);
    TraceSummary s;
    kernel_trace_summary(k, &s);
    assert_int_equal(s.events_recorded, 4);
    assert_int_equal(s.events_dropped, 0);
    harness_destroy(k);
}

/* ---- the ring drops the oldest ---- */

static int prog_many_events(int argc, char **argv) {
    char name[16];
    for (int i = 0; i < 10; i++) {
        snprintf(name, sizeof name, "e%d", i);
        sys_trace_event(name, NULL);
    }
    return 0;
}

static void test_a_full_ring_drops_the_oldest_and_counts_them(void **state) {
    Kernel *k = harness_kernel(&(KernelConfig){.trace_ring = 4});
    assert_int_equal(kernel_trace_enable(k, 1), 0);
    assert_int_equal(kernel_install_program(k, "/bin/t", prog_many_events), 0);
    SyscallResult r = kernel_spawn(k, "/bin/t", NULL);
    assert_int_equal(kernel_wait(k, (int)r.value, NULL), 0);
    kernel_trace_enable(k, 0);

    TraceSummary s;
    kernel_trace_summary(k, &s);
    uint64_t total = s.events_recorded;
    assert_true(total >= 10 + 2); /* spawn, switch, 10 custom, exit... */
    assert_int_equal(s.events_dropped, total - 4);

    TraceEventInfo ev[8];
    size_t n = kernel_trace_read(k, ev, 8, 0);
    assert_int_equal(n, 4);
    assert_int_equal(ev[0].seq, total - 4); /* the oldest still there */
    assert_int_equal(ev[3].seq, total - 1);
    /* the last custom event survives, followed by the process's end */
    bool saw_e9 = false;
    for (size_t i = 0; i < n; i++)
        saw_e9 |= ev[i].category == AX_TRACE_CUSTOM && strcmp(ev[i].name, "e9") == 0;
    assert_true(saw_e9);
    assert_string_equal(ev[3].text, "+++ exited with 0 +++");

    /* AX_TRACE_LAST: the last two; from an old seq: what is left of it */
    assert_int_equal(kernel_trace_read(k, ev, 2, AX_TRACE_LAST), 2);
    assert_int_equal(ev[0].seq, total - 2);
    assert_int_equal(kernel_trace_read(k, ev, 8, total - 1), 1);
    assert_int_equal(ev[0].seq, total - 1);
    assert_int_equal(kernel_trace_read(k, ev, 8, total), 0);

    char *text;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(kernel_trace_write_text(k, f), 0);
    fclose(f);
    char want[64];
    snprintf(want, sizeof want, "... %llu earlier events dropped ...\n",
             (unsigned long long)(total - 4));
    assert_memory_equal(text, want, strlen(want));
    free(text);
    harness_destroy(k);
}

/* ---- strace-style text ---- */

static int prog_strace(int argc, char **argv) {
    sys_trace_enable();
    int fd = (int)sys_open("/etc/motd", AX_O_RDONLY, 0).value;
    char buf[4096];
    sys_read(fd, buf, sizeof buf);
    sys_close(fd);
    sys_write(1, "hi\n", 3);
    sys_close(99);
    fd = (int)sys_open("/tmp/out", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644).value;
    sys_write(fd, "a\tb\"c\\\001\0017", 9);
    sys_write(fd, "0123456789012345678901234567890123456789", 40);
    sys_close(fd);
    sys_read(fd, NULL, 5);
    sys_kill(sys_getpid().value, 0);
    sys_signal(AX_SIGUSR1, AX_SIG_IGN);
    sys_kill(sys_getpid().value, AX_SIGUSR1);
    sys_rename("/tmp/out", "/tmp/out2");
    sys_trace_event("phase", "two");
    sys_trace_event(NULL, NULL);
    sys_trace_disable();
    return 0;
}

static void test_strace_text_names_call_arguments_and_result(void **state) {
    Kernel *k = harness_kernel(NULL);
    run_program(k, prog_strace);
    assert_true(ring_find(k, "open(\"/etc/motd\", O_RDONLY) = 3") >= 0);
    assert_true(ring_find(k, "read(3, \"Welcome to axos, a Unix-like sys\"..., 4096) = 62") >= 0);
    assert_true(ring_find(k, "close(3) = 0") >= 0);
    assert_true(ring_find(k, "write(1, \"hi\\n\", 3) = 3") >= 0);
    assert_true(ring_find(k, "close(99) = -1 EBADF (Bad file descriptor)") >= 0);
    assert_true(ring_find(k, "open(\"/tmp/out\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3") >= 0);
    assert_true(ring_find(k, "write(3, \"a\\tb\\\"c\\\\\\1\\0017\", 9) = 9") >= 0);
    assert_true(ring_find(k, "write(3, \"01234567890123456789012345678901\"..., 40) = 40") >= 0);
    assert_true(ring_find(k, "read(3, NULL, 5) = -1 EBADF (Bad file descriptor)") >= 0);
    assert_true(ring_find(k, "kill(2, 0) = 0") >= 0);
    assert_true(ring_find(k, "signal(SIGUSR1, 0x1) = 0") >= 0);
    assert_true(ring_find(k, "kill(2, SIGUSR1) = 0") >= 0);
    assert_true(ring_find(k, "--- SIGUSR1 (send) ---") >= 0);
    assert_true(ring_find(k, "rename(\"/tmp/out\", \"/tmp/out2\") = 0") >= 0);
    assert_true(ring_find(k, "--- phase: two ---") >= 0);
    assert_true(ring_find(k, "trace_event(NULL, NULL) = -1 EFAULT (Bad address)") >= 0);

    /* a successful trace_event appears once, as its custom event */
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    for (size_t i = 0; i < n; i++) {
        if (ev[i].category == AX_TRACE_CUSTOM) {
            assert_string_equal(ev[i].name, "phase");
            assert_string_equal(ev[i].detail, "two");
        }
        if (ev[i].sysno == AX_SYS_close && ev[i].error == AX_EBADF) {
            assert_int_equal(ev[i].value, -1);
            assert_int_equal(ev[i].args[0], 99);
        }
        assert_false(ev[i].sysno == AX_SYS_trace_event && ev[i].error == AX_OK);
        assert_false(ev[i].sysno == AX_SYS_trace_disable); /* off by then */
    }
    free(ev);
    harness_destroy(k);
}

static int prog_child(int argc, char **argv) {
    return argc > 1 ? atoi(argv[1]) : 0;
}

static int prog_spawner(int argc, char **argv) {
    sys_trace_enable();
    char *args[] = {"child", "7", NULL};
    int pid = (int)sys_spawn("/bin/child", args, NULL, NULL).value;
    int st;
    sys_waitpid(pid, &st, 0);
    sys_spawn("/bin/none", args, NULL, NULL);
    sys_exec("/bin/none", args, NULL);
    sys_exec("/bin/child", (char *[]){"child", "5", NULL}, NULL); /* does not return */
    return 0;
}

static void test_strace_text_shows_argv_and_process_events(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    run_program(k, prog_spawner);
    assert_true(ring_find(k, "+++ spawn child +++") >= 0);
    assert_true(ring_find(k, "+++ exited with 7 +++") >= 0);
    long at = ring_find(k, "spawn(\"/bin/child\", [\"child\", \"7\"], NULL, NULL) = 3");
    assert_true(at >= 0);
    assert_true(ring_find(k, "spawn(\"/bin/none\", [\"child\", \"7\"], NULL, NULL) = -1 ENOENT "
                             "(No such file or directory)") >= 0);
    assert_true(ring_find(k, "exec(\"/bin/none\", [\"child\", \"7\"], NULL) = -1 ENOENT "
                             "(No such file or directory)") >= 0);
    assert_true(ring_find(k, "+++ exec child +++") >= 0);
    assert_true(ring_find(k, "+++ exited with 5 +++") >= 0);
    /* the child's events carry its pid */
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    bool child_exit = false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(ev[i].text, "+++ exited with 7 +++") == 0) {
            child_exit = true;
            assert_int_equal(ev[i].pid, 3);
            assert_int_equal(ev[i].category, AX_TRACE_PROC);
            assert_int_equal(ev[i].value, 7 << 8);
        }
    assert_true(child_exit);
    free(ev);
    harness_destroy(k);
}

static int prog_killed(int argc, char **argv) {
    sys_kill(sys_getpid().value, AX_SIGKILL);
    return 0;
}

static void test_a_killed_process_ends_with_its_signal(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_trace_enable(k, 1);
    kernel_install_program(k, "/bin/t", prog_killed);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_true(AX_WIFSIGNALED(st));
    assert_true(ring_find(k, "--- SIGKILL (send) ---") >= 0);
    assert_true(ring_find(k, "+++ killed by SIGKILL +++") >= 0);
    harness_destroy(k);
}

static int prog_sleeper(int argc, char **argv) {
    sys_pause();
    return 0;
}

static int prog_stopper(int argc, char **argv) {
    sys_trace_enable();
    int pid = (int)sys_spawn("/bin/sleeper", (char *[]){"sleeper", NULL}, NULL, NULL).value;
    sys_yield(); /* let it reach pause */
    sys_kill(pid, AX_SIGSTOP);
    sys_kill(pid, AX_SIGCONT);
    sys_kill(pid, AX_SIGTERM);
    int st;
    sys_waitpid(pid, &st, 0);
    return AX_WIFSIGNALED(st) && AX_WTERMSIG(st) == AX_SIGTERM ? 0 : 1;
}

static void test_stop_continue_and_a_fatal_signal_are_recorded(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/sleeper", prog_sleeper);
    assert_int_equal(run_program(k, prog_stopper), 0);
    long stop = ring_find(k, "--- SIGSTOP (stop) ---");
    long cont = ring_find(k, "--- SIGCONT (continue) ---");
    long term = ring_find(k, "+++ killed by SIGTERM +++");
    assert_true(stop >= 0 && cont > stop && term > cont);
    assert_true(ring_find(k, "kill(3, SIGSTOP) = 0") >= 0);
    harness_destroy(k);
}

static int prog_timer(int argc, char **argv) {
    int fd = (int)sys_timer_set(1000, 0).value;
    uint64_t n;
    sys_read(fd, &n, sizeof n);
    sys_close(fd);
    return 0;
}

static void test_timers_and_switches_are_recorded(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_trace_enable(k, 1);
    run_program(k, prog_timer);
    assert_true(ring_find(k, "--- timer fire ---") >= 0);
    assert_true(ring_find(k, "--- sched switch ---") >= 0);
    assert_true(ring_find(k, "timer_set(1000, 0) = 3") >= 0);
    /* the read waited 1000 ns of kernel time: its span says so */
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        if (ev[i].sysno == AX_SYS_read) {
            found = true;
            assert_int_equal(ev[i].dur_ns, 1000);
            assert_int_equal(ev[i].ts_ns, ev[i].start_ns + 1000);
            assert_string_equal(ev[i].text, "read(3, \"\\1\\0\\0\\0\\0\\0\\0\\0\", 8) = 8");
        }
    assert_true(found);
    free(ev);
    harness_destroy(k);
}

/* ---- reset and the filter (a process's: test_trace_perm) ---- */

static int prog_counts_a_little(int argc, char **argv) {
    sys_getpid();
    sys_close(50);
    return 0;
}

static void test_the_host_resets_counters_and_ring_but_not_the_digest(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(kernel_trace_enable(k, 1), 0);
    assert_int_equal(run_program(k, prog_counts_a_little), 0);
    uint64_t d0 = kernel_trace_digest(k);
    kernel_trace_reset(k);
    assert_true(kernel_trace_digest(k) == d0); /* the digest describes the whole run */
    TraceSummary s;
    kernel_trace_summary(k, &s);
    assert_int_equal(s.syscalls[AX_SYS_getpid].calls, 0);
    assert_int_equal(s.syscalls[AX_SYS_close].errors, 0);
    assert_int_equal(s.procs_spawned, 0);
    assert_int_equal(s.events_recorded, 0);
    TraceEventInfo ev;
    assert_int_equal(kernel_trace_read(k, &ev, 1, 0), 0);
    assert_int_equal(kernel_trace_enable(k, 1), 0); /* still on: no second ring */
    assert_int_equal(run_program(k, prog_counts_a_little), 0);
    assert_true(kernel_trace_digest(k) != d0);
    assert_int_equal(kernel_trace_read(k, &ev, 1, 0), 1);
    assert_int_equal(ev.seq, 0); /* numbering starts again */
    harness_destroy(k);
}

static int prog_grouped(int argc, char **argv) {
    sys_getpid();
    return 0;
}

/* pid 2: spawns pid 3 in a group of its own, then pid 4 in its own group. */
static int prog_group_spawner(int argc, char **argv) {
    SpawnAttr attr = {.flags = AX_SPAWN_SETPGROUP};
    int pid = (int)sys_spawn("/bin/grouped", (char *[]){"grouped", NULL}, NULL, &attr).value;
    int other = (int)sys_spawn("/bin/grouped", (char *[]){"other", NULL}, NULL, NULL).value;
    sys_waitpid(pid, NULL, 0);
    sys_waitpid(other, NULL, 0);
    return pid;
}

static void test_the_filter_keeps_one_process_group(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/grouped", prog_grouped);
    assert_int_equal(kernel_trace_filter(k, -1), -AX_EINVAL);
    assert_int_equal(kernel_trace_filter(k, 3), 0);
    assert_int_equal(kernel_trace_filter(k, 3), 3); /* the previous filter */
    assert_int_equal(kernel_trace_enable(k, 1), 0);
    assert_int_equal(run_program(k, prog_group_spawner), 3);
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    assert_true(n >= 3); /* switch, getpid, exit at least */
    bool getpid_seen = false;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ev[i].pid, 3);
        getpid_seen |= ev[i].sysno == AX_SYS_getpid;
    }
    assert_true(getpid_seen);
    free(ev);
    assert_int_equal(kernel_trace_filter(k, 0), 3);
    harness_destroy(k);
}

/* ---- reading the ring from a program ---- */

static int prog_reader(int argc, char **argv) {
    sys_trace_enable();
    for (int i = 0; i < 5; i++)
        sys_getppid();
    TraceEventInfo ev[3];
    if (sys_trace_read(ev, 3, AX_TRACE_LAST).value != 3)
        return 1;
    if (strcmp(ev[2].text, "getppid() = 1") != 0 || ev[2].seq != 5)
        return 2;
    if (sys_trace_read(ev, 3, 1).value != 3 || ev[0].seq != 1)
        return 3;
    if (sys_trace_read(NULL, 3, 0).error != AX_EFAULT)
        return 4;
    if (sys_trace_read(NULL, 0, 0).value != 0)
        return 5;
    return 0;
}

static void test_programs_read_the_ring(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(run_program(k, prog_reader), 0);
    harness_destroy(k);
}

/* ---- who reads whose events ---- */

/* The pids (0 = none) of the events the caller can read, as a bit set. */
static unsigned readable_pids(void) {
    TraceEventInfo *ev = (TraceEventInfo *)sys_heap_alloc(64 * sizeof *ev).value;
    unsigned seen = 0;
    /* up to the newest when we start: each read is an event of its own */
    uint64_t last = sys_trace_read(ev, 1, AX_TRACE_LAST).value == 1 ? ev[0].seq : 0;
    for (uint64_t from = 0; from <= last;) {
        int64_t n = sys_trace_read(ev, 64, from).value;
        if (n <= 0)
            break;
        for (int64_t i = 0; i < n && ev[i].seq <= last; i++)
            seen |= 1u << (ev[i].pid & 31);
        from = ev[n - 1].seq + 1;
    }
    sys_heap_free(ev);
    return seen;
}

/* /bin/leaf: a getpid, then exits. */
static int prog_leaf(int argc, char **argv) {
    sys_getpid();
    return 0;
}

/* /bin/mid: spawns a leaf, reaps it, then reports what it can read. */
static int prog_mid(int argc, char **argv) {
    int pid = (int)sys_spawn("/bin/leaf", (char *[]){"leaf", NULL}, NULL, NULL).value;
    sys_waitpid(pid, NULL, 0);
    unsigned me = 1u << sys_getpid().value;
    return readable_pids() == (me | 1u << pid) ? 0 : 1;
}

/* pid 2 spawns mid (3, which spawns leaf 4) and then leaf 5: it reads all
 * four; mid read only itself and its leaf; and a sibling's last event
 * is not the one AX_TRACE_LAST gives mid. */
static int prog_top(int argc, char **argv) {
    sys_trace_enable();
    int mid = (int)sys_spawn("/bin/mid", (char *[]){"mid", NULL}, NULL, NULL).value;
    int st = -1;
    sys_waitpid(mid, &st, 0);
    if (st != 0)
        return 1;
    int leaf = (int)sys_spawn("/bin/leaf", (char *[]){"leaf", NULL}, NULL, NULL).value;
    sys_waitpid(leaf, NULL, 0);
    if (mid != 3 || leaf != 5)
        return 2;
    if (readable_pids() != (1u << 2 | 1u << 3 | 1u << 4 | 1u << 5))
        return 3;
    TraceEventInfo ev;
    if (sys_trace_read(&ev, 1, AX_TRACE_LAST).value != 1 || ev.pid != 2)
        return 4;
    return 0;
}

/* A later, unrelated process: it sees its own events only. */
static int prog_stranger(int argc, char **argv) {
    unsigned seen = readable_pids();
    TraceEventInfo ev[4];
    int64_t n = sys_trace_read(ev, 4, AX_TRACE_LAST).value;
    for (int64_t i = 0; i < n; i++)
        if (ev[i].pid != 6)
            return 2;
    return seen == 1u << 6 && n == 4 ? 0 : 1;
}

/* /bin/chain N: spawns `chain N-1` (a chain of exits below it), then
 * checks it reads exactly the pids from its own to the last of the chain,
 * every one of them exited but itself. Exit 0 when so. */
#define CHAIN_LEN 100
static int prog_chain(int argc, char **argv) {
    int left = atoi(argv[1]);
    int me = (int)sys_getpid().value;
    if (left > 0) {
        char arg[16];
        snprintf(arg, sizeof arg, "%d", left - 1);
        int kid = (int)sys_spawn("/bin/chain", (char *[]){"chain", arg, NULL}, NULL, NULL).value;
        int st = -1;
        sys_waitpid(kid, &st, 0);
        if (st != 0)
            return 1;
    }
    int last = me + left; /* pids are handed out in order */
    bool seen[CHAIN_LEN + 8] = {false};
    TraceEventInfo *ev = (TraceEventInfo *)sys_heap_alloc(64 * sizeof *ev).value;
    uint64_t end = sys_trace_read(ev, 1, AX_TRACE_LAST).value == 1 ? ev[0].seq : 0;
    int bad = 0;
    for (uint64_t from = 0; from <= end;) {
        int64_t n = sys_trace_read(ev, 64, from).value;
        if (n <= 0)
            break;
        for (int64_t i = 0; i < n && ev[i].seq <= end; i++) {
            if (ev[i].pid < me || ev[i].pid > last)
                bad = 1;
            else
                seen[ev[i].pid - me] = true;
        }
        from = ev[n - 1].seq + 1;
    }
    sys_heap_free(ev);
    for (int p = 0; p <= left; p++)
        bad |= !seen[p];
    return bad ? 2 : 0;
}

static int prog_chain_top(int argc, char **argv) {
    sys_trace_enable();
    char arg[16];
    snprintf(arg, sizeof arg, "%d", CHAIN_LEN);
    int kid = (int)sys_spawn("/bin/chain", (char *[]){"chain", arg, NULL}, NULL, NULL).value;
    int st = -1;
    sys_waitpid(kid, &st, 0);
    return AX_WIFEXITED(st) ? AX_WEXITSTATUS(st) : 9;
}

/* A long line of descent: every process in it reads its own subtree. */
static void test_each_process_of_a_chain_reads_its_subtree(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/chain", prog_chain);
    assert_int_equal(run_program(k, prog_chain_top), 0);
    harness_destroy(k);
}

static void test_a_process_reads_only_its_own_and_its_descendants_events(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/leaf", prog_leaf);
    kernel_install_program(k, "/bin/mid", prog_mid);
    assert_int_equal(run_program(k, prog_top), 0);
    assert_int_equal(run_program(k, prog_stranger), 0);
    /* the host reads everything */
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    unsigned all = 0;
    for (size_t i = 0; i < n; i++)
        all |= 1u << (ev[i].pid & 31);
    assert_true((all & 0x7c) == 0x7c);
    free(ev);
    harness_destroy(k);
}

/* ---- custom events ---- */

static int prog_custom(int argc, char **argv) {
    char big[300];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sys_trace_event("quiet", "tracing is off: nothing recorded");
    sys_trace_enable();
    sys_trace_event(big, big);
    sys_trace_event("no-detail", NULL);
    return 0;
}

static void test_custom_events_are_cut_to_fixed_sizes(void **state) {
    Kernel *k = harness_kernel(NULL);
    run_program(k, prog_custom);
    size_t n;
    TraceEventInfo *ev = ring_all(k, &n);
    assert_true(n >= 3);
    assert_int_equal(ev[1].category, AX_TRACE_CUSTOM);
    assert_int_equal(strlen(ev[1].name), 63);
    assert_int_equal(strlen(ev[1].detail), 127);
    assert_string_equal(ev[2].text, "--- no-detail ---");
    assert_int_equal(ring_index(k, "--- quiet: tracing is off: nothing recorded ---", false), -1);
    free(ev);
    harness_destroy(k);
}

/* ---- allocation ---- */

static void test_enable_fails_cleanly_when_the_ring_cannot_be_allocated(void **state) {
    Kernel *k = harness_kernel(NULL);
    HarnessAlloc *a = harness_allocator(k);
    a->fail_at = a->total_allocs + 1;
    assert_int_equal(kernel_trace_enable(k, 1), -AX_ENOMEM);
    TraceEventInfo ev;
    assert_int_equal(kernel_trace_read(k, &ev, 1, 0), 0);
    a->fail_at = 0;
    assert_int_equal(kernel_trace_enable(k, 1), 0);
    assert_int_equal(kernel_trace_enable(k, 0), 0);
    KernelConfig huge = {.trace_ring = SIZE_MAX / 2};
    Kernel *k2 = harness_kernel(&huge);
    assert_int_equal(kernel_trace_enable(k2, 1), -AX_ENOMEM);
    harness_destroy(k2);
    harness_destroy(k);
}

/* ---- the digest ---- */

static int prog_digest_a(int argc, char **argv) {
    void *p = (void *)sys_heap_alloc(100).value; /* an address: must not matter */
    sys_heap_free(p);
    sys_write(1, "x", 1);
    sys_close(7);
    return 0;
}

static int prog_digest_b(int argc, char **argv) {
    void *p = (void *)sys_heap_alloc(100).value;
    sys_heap_free(p);
    sys_write(1, "x", 1);
    sys_close(8); /* same result as close(7), another argument */
    return 0;
}

static uint64_t digest_of(ProgramMain main, bool traced) {
    Kernel *k = harness_kernel(NULL);
    if (traced)
        kernel_trace_enable(k, 1);
    void *hold = malloc(1000); /* shifts the host heap between runs */
    run_program(k, main);
    uint64_t d = kernel_trace_digest(k);
    free(hold);
    harness_destroy(k);
    return d;
}

static void test_digest_repeats_and_tells_runs_apart(void **state) {
    uint64_t a1 = digest_of(prog_digest_a, false);
    uint64_t a2 = digest_of(prog_digest_a, false);
    uint64_t a3 = digest_of(prog_digest_a, true);
    uint64_t b = digest_of(prog_digest_b, false);
    assert_int_equal(a1, a2);
    assert_int_equal(a1, a3); /* recording events does not change it */
    assert_int_not_equal(a1, b);
}

/* ---- exports ---- */

static int prog_export(int argc, char **argv) {
    sys_write(1, "\"quoted\"\n", 9);
    sys_trace_event("mark", "\xff\x01 odd bytes");
    sys_sleep(2500);
    return 0;
}

static void test_exports_are_deterministic_and_name_the_tracks(void **state) {
    char *out[2];
    for (int run = 0; run < 2; run++) {
        Kernel *k = harness_kernel(NULL);
        kernel_trace_enable(k, 1);
        run_program(k, prog_export);
        size_t len;
        FILE *f = open_memstream(&out[run], &len);
        assert_int_equal(kernel_trace_write_json(k, f), 0);
        assert_int_equal(kernel_trace_write_text(k, f), 0);
        fclose(f);
        harness_destroy(k);
    }
    assert_string_equal(out[0], out[1]);
    const char *j = out[0];
    assert_memory_equal(j, "{\"traceEvents\":[", 16);
    assert_non_null(strstr(j, "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":2,\"tid\":2,"
                              "\"args\":{\"name\":\"t\"}}"));
    assert_non_null(strstr(j, "\"name\":\"sleep\",\"cat\":\"syscall\",\"pid\":2,\"tid\":2,"
                              "\"ph\":\"X\",\"ts\":0.000,\"dur\":2.500,"));
    assert_non_null(strstr(j, "\"call\":\"write(1, \\\"\\\\\\\"quoted\\\\\\\"\\\\n\\\", 9) = 9\""));
    assert_non_null(strstr(j, "\"text\":\"--- mark: \\u00ff\\u0001 odd bytes ---\""));
    assert_non_null(strstr(j, "\"ph\":\"i\",\"s\":\"t\""));
    assert_non_null(strstr(j, "[pid 2] sleep(2500) = 0\n"));
    assert_non_null(strstr(j, "[pid 2] +++ exited with 0 +++\n"));
    free(out[0]);
    free(out[1]);

    /* a stream that refuses writes: the caller hears about it */
    Kernel *k = harness_kernel(NULL);
    kernel_trace_enable(k, 1);
    run_program(k, prog_export);
    FILE *ro = fopen("/dev/null", "r");
    assert_non_null(ro);
    assert_int_equal(kernel_trace_write_json(k, ro), -AX_EIO);
    assert_int_equal(kernel_trace_write_text(k, ro), -AX_EIO);
    fclose(ro);
    assert_int_equal(kernel_trace_read(k, NULL, 5, 0), 0);
    harness_destroy(k);

    k = harness_kernel(NULL); /* never enabled: an empty, valid file */
    char *empty;
    size_t len;
    FILE *f = open_memstream(&empty, &len);
    assert_int_equal(kernel_trace_write_json(k, f), 0);
    assert_int_equal(kernel_trace_write_text(k, f), 0);
    assert_int_equal(kernel_trace_write_json(NULL, f), -AX_EINVAL);
    assert_int_equal(kernel_trace_write_text(k, NULL), -AX_EINVAL);
    fclose(f);
    assert_memory_equal(empty, "{\"traceEvents\":[\n],\n", 20);
    free(empty);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counters_equal_the_calls_made_errors_included),
        cmocka_unit_test(test_a_call_s_time_is_the_kernel_time_it_waited),
        cmocka_unit_test(test_a_call_under_way_is_traced_from_when_tracing_starts),
        cmocka_unit_test(test_events_are_recorded_only_while_enabled),
        cmocka_unit_test(test_a_full_ring_drops_the_oldest_and_counts_them),
        cmocka_unit_test(test_strace_text_names_call_arguments_and_result),
        cmocka_unit_test(test_strace_text_shows_argv_and_process_events),
        cmocka_unit_test(test_a_killed_process_ends_with_its_signal),
        cmocka_unit_test(test_stop_continue_and_a_fatal_signal_are_recorded),
        cmocka_unit_test(test_timers_and_switches_are_recorded),
        cmocka_unit_test(test_the_host_resets_counters_and_ring_but_not_the_digest),
        cmocka_unit_test(test_a_process_reads_only_its_own_and_its_descendants_events),
        cmocka_unit_test(test_each_process_of_a_chain_reads_its_subtree),
        cmocka_unit_test(test_programs_read_the_ring),
        cmocka_unit_test(test_the_filter_keeps_one_process_group),
        cmocka_unit_test(test_custom_events_are_cut_to_fixed_sizes),
        cmocka_unit_test(test_enable_fails_cleanly_when_the_ring_cannot_be_allocated),
        cmocka_unit_test(test_digest_repeats_and_tells_runs_apart),
        cmocka_unit_test(test_exports_are_deterministic_and_name_the_tracks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
