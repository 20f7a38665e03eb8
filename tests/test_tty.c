/* Hypotheses about the console as a controlling terminal: job control
 * (SIGTTIN, SIGTTOU, orphaned groups), tcsetpgrp / tcgetpgrp, terminal
 * attributes and window size through the tc* syscalls, and their errors. */
#include <stdio.h>
#include <string.h>

#include "console_util.h"

/* Spawn /bin/child with argv, in a new group (own: 1), a new session
 * (own: 2) or the caller's group (own: 0). */
static int child(char *const argv[], int own) {
    SpawnAttr attr = {.flags = own == 1 ? AX_SPAWN_SETPGROUP : own == 2 ? AX_SPAWN_SETSID : 0};
    SyscallResult r = sys_spawn("/bin/child", argv, NULL, &attr);
    return r.error == AX_OK ? (int)r.value : -1;
}

static int wait_status(int pid) {
    int st = -1;
    sys_waitpid(pid, &st, AX_WUNTRACED);
    return st;
}

static int handled;
static void on_sig(int sig) { handled = sig; }

/* The child: argv[1] says what to do. */
static int prog_child(int argc, char **argv) {
    const char *what = argv[1];
    char buf[32];
    if (strcmp(what, "read") == 0) {
        SyscallResult r = sys_read(0, buf, sizeof buf);
        if (r.error != AX_OK)
            tprintf("child %s\n", sys_errname(r.error));
        else
            tprintf("child [%.*s]\n", (int)r.value, buf);
        return 0;
    }
    if (strcmp(what, "read-ignoring") == 0 || strcmp(what, "read-blocking") == 0) {
        if (what[5] == 'i')
            sys_signal(AX_SIGTTIN, AX_SIG_IGN);
        else
            sys_sigblock(AX_SIGTTIN);
        return sys_read(0, buf, sizeof buf).error == AX_EIO ? 0 : 1;
    }
    if (strcmp(what, "read-catching") == 0) {
        sys_signal(AX_SIGTTIN, on_sig);
        SyscallResult r = sys_read(0, buf, sizeof buf);
        return r.error == AX_EINTR && handled == AX_SIGTTIN ? 0 : 1;
    }
    if (strcmp(what, "write") == 0) {
        tprintf("child wrote\n");
        return 0;
    }
    if (strcmp(what, "write-ignoring") == 0) {
        sys_signal(AX_SIGTTOU, AX_SIG_IGN);
        tprintf("child wrote anyway\n");
        return 0;
    }
    if (strcmp(what, "orphan") == 0) { /* leave a child in its own group behind */
        child((char *[]){"/bin/child", "orphan-read", NULL}, 1);
        return 0;
    }
    if (strcmp(what, "orphan-read") == 0) {
        sys_yield(); /* let the parent exit first */
        SyscallResult r = sys_read(0, buf, sizeof buf);
        tprintf("orphan %s\n", sys_errname(r.error));
        return 0;
    }
    if (strcmp(what, "other-session") == 0) {
        TermAttr t;
        int ok = sys_tcgetpgrp(0).error == AX_ENOTTY &&
                 sys_tcsetpgrp(0, (int)sys_getpid().value).error == AX_ENOTTY &&
                 sys_tcgetattr(0, &t).error == AX_OK; /* any session may look */
        tprintf("other %s\n", ok ? "ok" : "bad");
        sys_pause();
        return 0;
    }
    if (strcmp(what, "take") == 0) { /* take the terminal from the background */
        int me = (int)sys_getpid().value;
        return sys_tcsetpgrp(0, me).error == AX_OK && sys_tcgetpgrp(0).value == me ? 0 : 1;
    }
    return 99;
}

/* ---- SIGTTIN ---- */

/* A background reader is stopped by SIGTTIN; brought to the foreground
 * and continued, its read goes on and gets the line. */
static int prog_ttin(int argc, char **argv) {
    int c = child((char *[]){"/bin/child", "read", NULL}, 1);
    int st = wait_status(c);
    if (!AX_WIFSTOPPED(st) || AX_WSTOPSIG(st) != AX_SIGTTIN)
        return 1;
    tprintf("stopped by %s\n", sys_signame(AX_WSTOPSIG(st)));
    sys_signal(AX_SIGTTOU, AX_SIG_IGN); /* as a shell does, to take it back */
    if (sys_tcsetpgrp(0, c).error != AX_OK || sys_tcgetpgrp(0).value != c)
        return 2;
    sys_kill(-c, AX_SIGCONT);
    st = wait_status(c);
    if (!AX_WIFEXITED(st))
        return 3;
    if (sys_tcsetpgrp(0, (int)sys_getpid().value).error != AX_OK)
        return 4;
    tprintf("back\n");
    return 0;
}

static void test_background_reader_stops_then_reads_in_the_foreground(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    int pid = cu_start(k, prog_ttin, (char *[]){"/bin/ttin", NULL});
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    ConsoleState cs;
    kernel_console_state(k, &cs);
    assert_int_equal(cs.fg_readers, 1);
    assert_true(cs.fg_pgrp != pid);
    cu_push(k, "hi\n");
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    assert_string_equal(cu_drain(k), "stopped by SIGTTIN\nhi\nchild [hi\n]\nback\n");
    harness_destroy(k);
}

/* argv[1]: the child's mode; the child must exit 0. */
static int prog_bg_child(int argc, char **argv) {
    int c = child((char *[]){"/bin/child", argv[1], NULL}, 1);
    int st = wait_status(c);
    return AX_WIFEXITED(st) ? AX_WEXITSTATUS(st) : 100 + (st & 0x7f);
}

static void run_bg_child(const char *mode) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    int pid = cu_start(k, prog_bg_child, (char *[]){"/bin/bg", (char *)mode, NULL});
    int st = cu_finish(k, pid);
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    cu_drain(k);
    harness_destroy(k);
}

static void test_background_read_ignoring_sigttin_fails_eio(void **state) {
    run_bg_child("read-ignoring");
}

static void test_background_read_blocking_sigttin_fails_eio(void **state) {
    run_bg_child("read-blocking");
}

static void test_background_read_catching_sigttin_is_interrupted(void **state) {
    run_bg_child("read-catching");
}

static void test_background_write_goes_through_without_tostop(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    int pid = cu_start(k, prog_bg_child, (char *[]){"/bin/bg", "write", NULL});
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    assert_string_equal(cu_drain(k), "child wrote\n");
    harness_destroy(k);
}

/* With TOSTOP a background writer is stopped by SIGTTOU, unless it
 * ignores the signal. */
static int prog_tostop(int argc, char **argv) {
    TermAttr t;
    sys_tcgetattr(0, &t);
    t.lflag |= AX_TOSTOP;
    sys_tcsetattr(0, AX_TCSANOW, &t);
    int c = child((char *[]){"/bin/child", "write", NULL}, 1);
    int st = wait_status(c);
    if (!AX_WIFSTOPPED(st) || AX_WSTOPSIG(st) != AX_SIGTTOU)
        return 1;
    sys_kill(c, AX_SIGKILL);
    wait_status(c);
    c = child((char *[]){"/bin/child", "write-ignoring", NULL}, 1);
    st = wait_status(c);
    return AX_WIFEXITED(st) ? 0 : 2;
}

static void test_tostop_stops_background_writers(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    int pid = cu_start(k, prog_tostop, (char *[]){"/bin/tostop", NULL});
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    assert_string_equal(cu_drain(k), "child wrote anyway\n");
    harness_destroy(k);
}

/* A group whose parent has gone is orphaned: its background read fails
 * with EIO instead of stopping it for ever. */
static int prog_orphan(int argc, char **argv) {
    int m = child((char *[]){"/bin/child", "orphan", NULL}, 0);
    wait_status(m);
    sys_sleep(1000000); /* the orphan runs meanwhile */
    return 0;
}

static void test_orphaned_group_read_fails_eio(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    int pid = cu_start(k, prog_orphan, (char *[]){"/bin/orphan", NULL});
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    assert_string_equal(cu_drain(k), "orphan EIO\n");
    harness_destroy(k);
}

/* ---- SIGTTOU on terminal changes ---- */

/* A child in its own group takes the terminal while in the background:
 * SIGTTOU stops it; given the terminal and continued, its call goes
 * through. The leader's own group is orphaned (its parent, init, is
 * outside the session), so from the background it gets ENOTTY, as on
 * Linux, until it ignores SIGTTOU. */
static int prog_ttou(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    int c = child((char *[]){"/bin/child", "take", NULL}, 1);
    int st = wait_status(c);
    if (!AX_WIFSTOPPED(st) || AX_WSTOPSIG(st) != AX_SIGTTOU)
        return 1;
    if (sys_tcsetpgrp(0, c).error != AX_OK)
        return 2;
    sys_kill(c, AX_SIGCONT);
    st = wait_status(c);
    if (!AX_WIFEXITED(st) || AX_WEXITSTATUS(st) != 0)
        return 3;
    if (sys_tcsetpgrp(0, me).error != AX_ENOTTY)
        return 4;
    TermAttr t;
    if (sys_tcgetattr(0, &t).error != AX_OK) /* looking is allowed */
        return 5;
    sys_signal(AX_SIGTTOU, AX_SIG_IGN);
    if (sys_tcsetpgrp(0, me).error != AX_OK || sys_tcgetpgrp(0).value != me)
        return 6;
    return 0;
}

static void test_background_tcsetpgrp_stops_with_sigttou(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    int pid = cu_start(k, prog_ttou, (char *[]){"/bin/ttou", NULL});
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    harness_destroy(k);
}

/* ---- terminal control errors ---- */

static int prog_tc_errors(int argc, char **argv) {
    int fds[2];
    sys_pipe(fds);
    TermAttr t;
    WinSize ws;
    if (sys_tcgetattr(fds[0], &t).error != AX_ENOTTY)
        return 1;
    if (sys_tcsetattr(fds[1], AX_TCSANOW, &t).error != AX_ENOTTY)
        return 2;
    if (sys_tcsetpgrp(fds[0], 1).error != AX_ENOTTY || sys_tcgetpgrp(fds[0]).error != AX_ENOTTY)
        return 3;
    if (sys_tcgetwinsize(fds[0], &ws).error != AX_ENOTTY)
        return 4;
    int null = (int)sys_open("/dev/null", AX_O_RDWR, 0).value;
    if (sys_tcgetattr(null, &t).error != AX_ENOTTY)
        return 5;
    if (sys_tcgetattr(55, &t).error != AX_EBADF || sys_tcsetpgrp(-1, 1).error != AX_EBADF)
        return 6;
    if (sys_tcgetattr(0, NULL).error != AX_EFAULT || sys_tcsetattr(0, AX_TCSANOW, NULL).error != AX_EFAULT)
        return 7;
    if (sys_tcgetwinsize(0, NULL).error != AX_EFAULT || sys_tcsetwinsize(0, NULL).error != AX_EFAULT)
        return 8;
    sys_tcgetattr(0, &t);
    if (sys_tcsetattr(0, 3, &t).error != AX_EINVAL || sys_tcsetattr(0, -1, &t).error != AX_EINVAL)
        return 9;
    int me = (int)sys_getpid().value;
    if (sys_tcgetpgrp(0).value != me)
        return 10;
    if (sys_tcsetpgrp(0, -1).error != AX_EINVAL)
        return 11;
    if (sys_tcsetpgrp(0, 9999).error != AX_EPERM)
        return 12;
    int other = child((char *[]){"/bin/child", "other-session", NULL}, 2);
    sys_yield();
    if (sys_tcsetpgrp(0, other).error != AX_EPERM)
        return 13;
    if (sys_tcgetpgrp(0).value != me) /* the failures changed nothing */
        return 14;
    sys_kill(other, AX_SIGTERM);
    int st = wait_status(other);
    if (!AX_WIFSIGNALED(st))
        return 15;
    FileStat fs;
    if (sys_fstat(0, &fs).error != AX_OK || !AX_S_ISCHR(fs.mode))
        return 16;
    if (sys_lseek(0, 0, AX_SEEK_SET).error != AX_ESPIPE)
        return 17;
    return 0;
}

static void test_terminal_calls_reject_bad_fds_and_groups(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    int pid = cu_start(k, prog_tc_errors, (char *[]){"/bin/tcerr", NULL});
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    harness_destroy(k);
}

static int prog_other_session(int argc, char **argv) {
    int other = child((char *[]){"/bin/child", "other-session", NULL}, 2);
    sys_yield();
    sys_kill(other, AX_SIGUSR1); /* ends its pause: exits by the signal */
    int st = wait_status(other);
    return AX_WIFSIGNALED(st) ? 0 : 1;
}

static void test_another_session_has_no_controlling_terminal(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    int pid = cu_start(k, prog_other_session, (char *[]){"/bin/os", NULL});
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    assert_string_equal(cu_drain(k), "other ok\n");
    harness_destroy(k);
}

/* TCSAFLUSH throws typed-ahead input away. */
static int prog_flush(int argc, char **argv) {
    char buf[16];
    sys_read(0, buf, sizeof buf); /* "a\n"; "b\n" is still queued */
    TermAttr t;
    sys_tcgetattr(0, &t);
    sys_tcsetattr(0, AX_TCSAFLUSH, &t);
    SyscallResult r = sys_read(0, buf, sizeof buf);
    tprintf("[%.*s]", (int)r.value, buf);
    return 0;
}

static void test_tcsaflush_discards_pending_input(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_flush, (char *[]){"/bin/flush", NULL});
    kernel_run(k);
    cu_push(k, "a\nb\nhalf");
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    cu_push(k, "c\n");
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "a\nb\nhalfc\n[c\n]");
    harness_destroy(k);
}

static int prog_nonblock(int argc, char **argv) {
    int fd = (int)sys_open("/dev/console", AX_O_RDONLY | AX_O_NONBLOCK, 0).value;
    char c;
    return sys_read(fd, &c, 1).error == AX_EAGAIN ? 0 : 1;
}

static void test_nonblocking_read_of_an_empty_console_fails_eagain(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_nonblock, (char *[]){"/bin/nb", NULL});
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    harness_destroy(k);
}

/* ---- window size ---- */

static int winches;
static void on_winch(int sig) { winches++; }

static int prog_winsize(int argc, char **argv) {
    WinSize ws;
    sys_signal(AX_SIGWINCH, on_winch);
    sys_tcgetwinsize(1, &ws);
    tprintf("%ux%u ", ws.rows, ws.cols);
    sys_pause(); /* the host resizes */
    sys_tcgetwinsize(1, &ws);
    tprintf("%d:%ux%u ", winches, ws.rows, ws.cols);
    sys_tcsetwinsize(1, &ws); /* no change: no signal */
    ws = (WinSize){10, 20, 0, 0};
    sys_tcsetwinsize(1, &ws);
    sys_tcgetwinsize(0, &ws);
    tprintf("%d:%ux%u", winches, ws.rows, ws.cols);
    return 0;
}

static void test_window_size_changes_send_sigwinch(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_winsize, (char *[]){"/bin/ws", NULL});
    kernel_run(k);
    kernel_console_set_winsize(k, 50, 132);
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "24x80 1:50x132 2:10x20");
    kernel_console_set_winsize(k, 70000, 5); /* nobody in front: no signal */
    ConsoleState cs;
    kernel_console_state(k, &cs);
    assert_int_equal(cs.winsize.rows, 65535);
    assert_int_equal(cs.winsize.cols, 5);
    harness_destroy(k);
}

/* ---- host streams that are not terminals ---- */

static int prog_streams(int argc, char **argv) {
    TermAttr t;
    int dev = (int)sys_open("/dev/console", AX_O_RDWR, 0).value;
    int fds[] = {0, 1, 2, dev};
    for (int i = 0; i < 4; i++)
        tprintf("%s ", sys_errname(sys_tcgetattr(fds[i], &t).error));
    int c = child((char *[]){"/bin/child", "read", NULL}, 1);
    int st = wait_status(c); /* no SIGTTIN: stdin is not a terminal */
    return AX_WIFEXITED(st) ? 0 : 1;
}

static void test_streams_that_are_not_terminals_act_as_plain_devices(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/child", prog_child);
    kernel_console_set_terminal(k, 4); /* only stderr is a terminal */
    int pid = cu_start(k, prog_streams, (char *[]){"/bin/streams", NULL});
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    kernel_console_push_text(k, "piped\n", 6);
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    assert_string_equal(cu_drain(k), "ENOTTY ENOTTY OK ENOTTY child [piped\n]\n");
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_background_reader_stops_then_reads_in_the_foreground),
        cmocka_unit_test(test_background_read_ignoring_sigttin_fails_eio),
        cmocka_unit_test(test_background_read_blocking_sigttin_fails_eio),
        cmocka_unit_test(test_background_read_catching_sigttin_is_interrupted),
        cmocka_unit_test(test_background_write_goes_through_without_tostop),
        cmocka_unit_test(test_tostop_stops_background_writers),
        cmocka_unit_test(test_orphaned_group_read_fails_eio),
        cmocka_unit_test(test_background_tcsetpgrp_stops_with_sigttou),
        cmocka_unit_test(test_terminal_calls_reject_bad_fds_and_groups),
        cmocka_unit_test(test_another_session_has_no_controlling_terminal),
        cmocka_unit_test(test_tcsaflush_discards_pending_input),
        cmocka_unit_test(test_nonblocking_read_of_an_empty_console_fails_eagain),
        cmocka_unit_test(test_window_size_changes_send_sigwinch),
        cmocka_unit_test(test_streams_that_are_not_terminals_act_as_plain_devices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
