/* Hypotheses about the console's line discipline and its host bridge:
 * canonical editing, echo, raw mode, signal characters, push / take
 * through the sink and the buffer. Job control and terminal control are
 * in test_tty.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console_util.h"

/* Reads fd 0 with a buffer of argv[1] bytes (default 64) until end of
 * file or an error, printing each result as [text], [EOF] or [Ename]. */
static int prog_reader(int argc, char **argv) {
    size_t size = argc > 1 ? (size_t)(argv[1][0] - '0') : 64;
    char buf[64];
    for (;;) {
        SyscallResult r = sys_read(0, buf, size);
        if (r.error != AX_OK) {
            tprintf("[%s]", sys_errname(r.error));
            return 1;
        }
        if (r.value == 0) {
            tprintf("[EOF]");
            return 0;
        }
        tprintf("[%.*s]", (int)r.value, buf);
    }
}

static Kernel *reader(char *size) {
    Kernel *k = harness_kernel(NULL);
    char *argv[] = {"/bin/reader", size, NULL};
    cu_start(k, prog_reader, size ? argv : (char *[]){"/bin/reader", NULL});
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    return k;
}

/* ---- canonical mode ---- */

static void test_canonical_read_waits_for_a_whole_line(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "ab");
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    assert_string_equal(cu_drain(k), "ab"); /* echoed, not yet read */
    cu_push(k, "c\r"); /* ICRNL: Enter sends '\r' */
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    assert_string_equal(cu_drain(k), "c\n[abc\n]");
    cu_push(k, "\x04");
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, 2)), 0);
    assert_string_equal(cu_drain(k), "[EOF]");
    harness_destroy(k);
}

static void test_a_read_returns_one_line_at_a_time(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "one\ntwo\nthr");
    kernel_run(k);
    assert_string_equal(cu_drain(k), "one\ntwo\nthr[one\n][two\n]");
    cu_push(k, "ee\n\x04");
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "ee\n[three\n][EOF]");
    harness_destroy(k);
}

static void test_a_short_buffer_takes_a_line_in_pieces(void **state) {
    Kernel *k = reader("3");
    cu_push(k, "abcdefg\n\x04");
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "abcdefg\n[abc][def][g\n][EOF]");
    harness_destroy(k);
}

static void test_erase_with_del_and_backspace(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "abx\x7f" "c\x08\x08" "Z\n\x04");
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "abx\b \bc\b \b\b \bZ\n[aZ\n][EOF]");
    harness_destroy(k);
}

static void test_erase_at_line_start_does_nothing(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "\x7f\x7f" "a\n\x04");
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "a\n[a\n][EOF]");
    harness_destroy(k);
}

static void test_erase_takes_a_whole_utf8_character(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "x\xc3\xa9\x7f" "y\n\x04"); /* x é DEL y */
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "x\xc3\xa9\b \by\n[xy\n][EOF]");
    harness_destroy(k);
}

static void test_kill_erases_the_line(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "hello\x15" "bye\n\x04");
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "hello\b \b\b \b\b \b\b \b\b \bbye\n[bye\n][EOF]");
    harness_destroy(k);
}

static void test_word_erase_stops_at_punctuation_like_linux(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "ls foo/bar\x17" "baz\n");
    cu_push(k, "echo one two  \x17" "x\n");
    cu_push(k, "\x17\x17" "y\n\x04");
    cu_finish(k, 2);
    const char *out = cu_drain(k);
    assert_non_null(strstr(out, "[ls foo/baz\n][echo one x\n][y\n][EOF]"));
    harness_destroy(k);
}

static void test_eof_mid_line_hands_over_the_text(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "abc\x04");
    kernel_run(k);
    assert_string_equal(cu_drain(k), "abc[abc]"); /* no newline, ^D not echoed */
    cu_push(k, "\x04");
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "[EOF]");
    harness_destroy(k);
}

static void test_a_full_line_drops_extra_bytes(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_reader, (char *[]){"/bin/reader", NULL});
    kernel_run(k);
    char line[5000];
    memset(line, 'a', sizeof line);
    assert_int_equal(kernel_console_push_input(k, line, sizeof line), sizeof line);
    ConsoleState cs;
    kernel_console_state(k, &cs);
    assert_int_equal(cs.typed, 4095);
    cu_push(k, "\n\x04");
    cu_finish(k, pid);
    harness_destroy(k);
}

/* ---- echo and attributes ---- */

static int prog_noecho(int argc, char **argv) {
    TermAttr t;
    if (sys_tcgetattr(0, &t).error != AX_OK)
        return 10;
    t.lflag &= ~(uint32_t)AX_ECHO;
    if (argc > 1)
        t.lflag |= AX_ECHONL;
    if (sys_tcsetattr(0, AX_TCSANOW, &t).error != AX_OK)
        return 11;
    char buf[32];
    SyscallResult r = sys_read(0, buf, sizeof buf);
    tprintf("[%.*s]", (int)r.value, buf);
    return 0;
}

static void test_echo_off_shows_nothing(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_noecho, (char *[]){"/bin/noecho", NULL});
    kernel_run(k);
    cu_push(k, "secret\x7fT\n");
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    assert_string_equal(cu_drain(k), "[secreT\n]");
    harness_destroy(k);
}

static void test_echonl_echoes_only_the_newline(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_noecho, (char *[]){"/bin/noecho", "nl", NULL});
    kernel_run(k);
    cu_push(k, "pw\n");
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "\n[pw\n]");
    harness_destroy(k);
}

static void test_default_attributes_are_linuxs(void **state) {
    Kernel *k = harness_kernel(NULL);
    ConsoleState cs;
    kernel_console_state(k, &cs);
    assert_int_equal(cs.attr.lflag,
                     AX_ICANON | AX_ECHO | AX_ECHOE | AX_ECHOK | AX_ECHOCTL | AX_ISIG | AX_IEXTEN);
    assert_int_equal(cs.attr.iflag, AX_ICRNL);
    assert_int_equal(cs.attr.oflag, AX_OPOST | AX_ONLCR);
    assert_int_equal(cs.attr.cc[AX_VINTR], 3);
    assert_int_equal(cs.attr.cc[AX_VERASE], 0x7f);
    assert_int_equal(cs.attr.cc[AX_VEOF], 4);
    assert_int_equal(cs.attr.cc[AX_VMIN], 1);
    assert_int_equal(cs.winsize.rows, 24);
    assert_int_equal(cs.winsize.cols, 80);
    assert_int_equal(cs.session, 0);
    harness_destroy(k);
}

static void test_echoctl_shows_controls_in_caret_form(void **state) {
    Kernel *k = reader(NULL);
    ConsoleState cs;
    kernel_console_state(k, &cs);
    cs.attr.lflag |= AX_ECHOCTL;
    kernel_console_set_attr(k, &cs.attr);
    cu_push(k, "a\x01\x7f" "b\n\x04");
    cu_finish(k, 2);
    /* ^A took two columns, so its erase rubs out two */
    assert_string_equal(cu_drain(k), "a^A\b \b\b \bb\n[ab\n][EOF]");
    harness_destroy(k);
}

/* ---- raw mode ---- */

/* Raw mode with VMIN argv[1]; reads twice with a 16-byte buffer. */
static int prog_raw(int argc, char **argv) {
    TermAttr t;
    sys_tcgetattr(0, &t);
    t.lflag &= ~(uint32_t)(AX_ICANON | AX_ECHO);
    t.cc[AX_VMIN] = (uint8_t)(argv[1][0] - '0');
    sys_tcsetattr(0, AX_TCSANOW, &t);
    for (int i = 0; i < 2; i++) {
        char buf[16];
        SyscallResult r = sys_read(0, buf, sizeof buf);
        tprintf("[%d:%.*s]", (int)r.value, (int)r.value, buf);
    }
    return 0;
}

static void test_raw_mode_hands_over_each_byte(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_raw, (char *[]){"/bin/raw", "1", NULL});
    kernel_run(k);
    cu_push(k, "a");
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    assert_string_equal(cu_drain(k), "[1:a]");
    cu_push(k, "\x7f\x04\r"); /* no editing, no EOF; ICRNL still applies */
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "[3:\x7f\x04\n]");
    harness_destroy(k);
}

static void test_raw_mode_waits_for_vmin_bytes(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_raw, (char *[]){"/bin/raw", "3", NULL});
    kernel_run(k);
    cu_push(k, "ab");
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    assert_string_equal(cu_drain(k), "");
    cu_push(k, "cdefg");
    kernel_run(k);
    assert_string_equal(cu_drain(k), "[7:abcdefg]");
    cu_push(k, "xy");
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    cu_push(k, "z");
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "[3:xyz]");
    harness_destroy(k);
}

static void test_vmin_zero_returns_at_once(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_raw, (char *[]){"/bin/raw", "0", NULL});
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    assert_string_equal(cu_drain(k), "[0:][0:]");
    harness_destroy(k);
}

/* Raw mode with VMIN argv[1] and VTIME argv[2] (tenths of a second),
 * nonblocking when argv[3] says so; one read, then what it returned and
 * how long it took on the kernel clock, in ms. */
static int prog_vtime(int argc, char **argv) {
    TermAttr t;
    sys_tcgetattr(0, &t);
    t.lflag &= ~(uint32_t)(AX_ICANON | AX_ECHO);
    t.cc[AX_VMIN] = (uint8_t)atoi(argv[1]);
    t.cc[AX_VTIME] = (uint8_t)atoi(argv[2]);
    sys_tcsetattr(0, AX_TCSANOW, &t);
    if (argc > 3)
        sys_fcntl(0, AX_F_SETFL, AX_O_NONBLOCK);
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    char buf[16];
    SyscallResult r = sys_read(0, buf, sizeof buf);
    uint64_t ms = ((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0) / 1000000;
    if (r.error != AX_OK)
        tprintf("[%s %lums]", sys_strerror(r.error), (unsigned long)ms);
    else
        tprintf("[%d:%.*s %lums]", (int)r.value, (int)r.value, buf, (unsigned long)ms);
    return 0;
}

/* VMIN 0, VTIME 5: a read waits half a second for a byte, then returns 0
 * (the virtual clock jumps there at once). */
static void test_vtime_times_out_a_read(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_vtime, (char *[]){"/bin/vtime", "0", "5", NULL});
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "[0: 500ms]");
    harness_destroy(k);
}

/* VMIN 0, VTIME 10: a byte typed after 100 ms ends the read then. */
static void test_vtime_read_returns_when_a_byte_comes(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_vtime, (char *[]){"/bin/vtime", "0", "10", NULL});
    assert_int_equal(kernel_run_for(k, 100 * 1000000ULL), AX_RUN_TIMEOUT);
    assert_string_equal(cu_drain(k), "");
    cu_push(k, "q");
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "[1:q 100ms]");
    harness_destroy(k);
}

/* VMIN 3, VTIME 2: no timer before the first byte (the read waits for
 * input, as with VTIME 0); after it, the timer restarts at each byte and
 * the read returns what it has 200 ms after the last one. */
static void test_vtime_is_an_inter_byte_timer_with_vmin(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_vtime, (char *[]){"/bin/vtime", "3", "2", NULL});
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    cu_push(k, "a");
    assert_int_equal(kernel_run_for(k, 150 * 1000000ULL), AX_RUN_TIMEOUT);
    cu_push(k, "b");
    assert_int_equal(kernel_run_for(k, 150 * 1000000ULL), AX_RUN_TIMEOUT);
    assert_string_equal(cu_drain(k), ""); /* 300 ms in, but 150 since "b" */
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "[2:ab 350ms]");
    /* VMIN bytes end the read before the timer */
    pid = cu_start(k, prog_vtime, (char *[]){"/bin/vtime", "3", "2", NULL});
    cu_push(k, "xyz");
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "[3:xyz 0ms]");
    harness_destroy(k);
}

/* O_NONBLOCK wins over VTIME, as on Linux: no byte, AX_EAGAIN at once;
 * and the timer it did not need is not left armed. */
static void test_vtime_nonblocking_read_does_not_wait(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_vtime, (char *[]){"/bin/vtime", "0", "5", "nonblock", NULL});
    cu_finish(k, pid);
    char want[64];
    snprintf(want, sizeof want, "[%s 0ms]", sys_strerror(AX_EAGAIN));
    assert_string_equal(cu_drain(k), want);
    assert_int_equal(kernel_run(k), AX_RUN_EXITED);
    assert_int_equal(kernel_now(k) / 1000000, 0);
    harness_destroy(k);
}

static void on_vtime_sig(int sig) { (void)sig; }

/* A caught signal ends a timed read with AX_EINTR, and its timer goes with
 * it: afterwards, blocked on a pipe, the task sees no stray wake-up and
 * the kernel clock does not jump to the old deadline. */
static int prog_vtime_intr(int argc, char **argv) {
    sys_signal(AX_SIGUSR1, on_vtime_sig);
    prog_vtime(argc, argv);
    int fds[2];
    char ch;
    sys_pipe(fds);
    SyscallResult r = sys_read(fds[0], &ch, 1); /* nobody writes */
    tprintf("[after %s]", sys_strerror(r.error));
    return 0;
}

static void test_vtime_read_interrupted_drops_its_timer(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_vtime_intr, (char *[]){"/bin/vtime", "0", "50", NULL});
    assert_int_equal(kernel_run_for(k, 100 * 1000000ULL), AX_RUN_TIMEOUT);
    assert_int_equal(kernel_kill(k, pid, AX_SIGUSR1), 0);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    char want[64];
    snprintf(want, sizeof want, "[%s 100ms]", sys_strerror(AX_EINTR));
    assert_string_equal(cu_drain(k), want);
    assert_int_equal(kernel_now(k), 100 * 1000000ULL);
    assert_int_equal(kernel_kill(k, pid, AX_SIGKILL), 0);
    cu_finish(k, pid);
    harness_destroy(k);
}

/* Types "ab" in canonical mode, then switches to raw: the half-typed
 * line becomes readable. */
static int prog_switch_raw(int argc, char **argv) {
    char buf[16];
    SyscallResult r = sys_read(0, buf, sizeof buf); /* "x\n" */
    TermAttr t;
    sys_tcgetattr(0, &t);
    t.lflag &= ~(uint32_t)AX_ICANON;
    sys_tcsetattr(0, AX_TCSADRAIN, &t);
    r = sys_read(0, buf, sizeof buf);
    tprintf("[%.*s]", (int)r.value, buf);
    return 0;
}

static void test_leaving_canonical_mode_releases_the_typed_line(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_switch_raw, (char *[]){"/bin/sw", NULL});
    kernel_run(k);
    cu_push(k, "x\nab");
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "x\nab[ab]");
    harness_destroy(k);
}

/* ---- signal characters ---- */

static int prog_pause(int argc, char **argv) {
    sys_pause();
    return 0;
}

static void test_ctrl_c_and_ctrl_backslash_kill_the_foreground(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_reader, (char *[]){"/bin/reader", NULL});
    kernel_run(k);
    cu_push(k, "\x03");
    int st = cu_finish(k, pid);
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGINT);
    pid = cu_start(k, prog_pause, (char *[]){"/bin/pause", NULL});
    kernel_run(k);
    cu_push(k, "\x1c");
    st = cu_finish(k, pid);
    assert_int_equal(AX_WTERMSIG(st), AX_SIGQUIT);
    harness_destroy(k);
}

static int caught;
static void on_sig(int sig) { caught = sig; }

/* Catches SIGINT and SIGTSTP, reports each, then reads a line. */
static int prog_catch(int argc, char **argv) {
    sys_signal(AX_SIGINT, on_sig);
    sys_signal(AX_SIGTSTP, on_sig);
    char buf[32];
    for (;;) {
        SyscallResult r = sys_read(0, buf, sizeof buf);
        if (r.error == AX_EINTR) {
            tprintf("<%s>", sys_signame(caught));
            continue;
        }
        tprintf("[%.*s]", (int)r.value, buf);
        return 0;
    }
}

static void test_signal_characters_flush_pending_input(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_catch, (char *[]){"/bin/catch", NULL});
    kernel_run(k);
    cu_push(k, "lost\x03");
    kernel_run(k);
    cu_push(k, "kept\x1a");
    kernel_run(k);
    cu_push(k, "ok\n");
    assert_int_equal(AX_WEXITSTATUS(cu_finish(k, pid)), 0);
    assert_string_equal(cu_drain(k), "lost^C<SIGINT>kept^Z<SIGTSTP>ok\n[ok\n]");
    harness_destroy(k);
}

static void test_noflsh_keeps_input(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_catch, (char *[]){"/bin/catch", NULL});
    kernel_run(k);
    ConsoleState cs;
    kernel_console_state(k, &cs);
    cs.attr.lflag |= AX_NOFLSH;
    kernel_console_set_attr(k, &cs.attr);
    kernel_run(k); /* the reader looks again, and waits again */
    cu_push(k, "ke\x03pt\n");
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "ke^Cpt\n<SIGINT>[kept\n]");
    harness_destroy(k);
}

static void test_isig_off_passes_signal_characters_as_bytes(void **state) {
    Kernel *k = reader(NULL);
    ConsoleState cs;
    kernel_console_state(k, &cs);
    cs.attr.lflag &= ~(uint32_t)AX_ISIG;
    kernel_console_set_attr(k, &cs.attr);
    cu_push(k, "\x03\x1a\n\x04");
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "^C^Z\n[\x03\x1a\n][EOF]");
    harness_destroy(k);
}

static void test_host_signal_goes_to_the_foreground_group(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(kernel_console_signal(k, AX_SIGINT), -AX_ESRCH); /* nobody */
    int pid = cu_start(k, prog_catch, (char *[]){"/bin/catch", NULL});
    kernel_run(k);
    assert_int_equal(kernel_console_signal(k, AX_SIGTERM), -AX_EINVAL);
    cu_push(k, "gone");
    assert_int_equal(kernel_console_signal(k, AX_SIGTSTP), 0);
    kernel_run(k);
    cu_push(k, "x\n");
    cu_finish(k, pid);
    assert_string_equal(cu_drain(k), "gone<SIGTSTP>x\n[x\n]");
    harness_destroy(k);
}

/* ---- the host bridge ---- */

typedef struct Sink {
    char text[2][256];
    size_t len[2];
    int calls;
} Sink;

static void sink_write(void *ud, int stream, const void *buf, size_t n) {
    Sink *s = ud;
    assert_true(stream == 1 || stream == 2);
    memcpy(s->text[stream - 1] + s->len[stream - 1], buf, n);
    s->len[stream - 1] += n;
    s->calls++;
}

static int prog_both_streams(int argc, char **argv) {
    sys_write(1, "out\n", 4);
    sys_write(2, "err\n", 4);
    int fd = (int)sys_open("/dev/console", AX_O_WRONLY, 0).value;
    sys_write(fd, "dev\n", 4); /* /dev/console is stream 1 */
    char buf[8];
    sys_read(0, buf, sizeof buf);
    return 0;
}

static void test_sink_gets_stdout_stderr_and_echo_apart(void **state) {
    Sink s = {0};
    KernelConfig cfg = {.console_output = sink_write, .console_ud = &s};
    Kernel *k = harness_kernel(&cfg);
    int pid = cu_start(k, prog_both_streams, (char *[]){"/bin/both", NULL});
    kernel_run(k);
    cu_push(k, "in\n");
    cu_finish(k, pid);
    assert_memory_equal(s.text[0], "out\ndev\nin\n", 11);
    assert_int_equal(s.len[0], 11);
    assert_memory_equal(s.text[1], "err\n", 4);
    assert_int_equal(s.len[1], 4);
    assert_string_equal(cu_drain(k), ""); /* nothing was buffered */
    harness_destroy(k);
}

static void test_buffer_keeps_output_in_order_for_take(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_both_streams, (char *[]){"/bin/both", NULL});
    kernel_run(k);
    cu_push(k, "in\n");
    cu_finish(k, pid);
    char small[5];
    assert_int_equal(kernel_console_take_output(k, small, 4), 4);
    assert_memory_equal(small, "out\n", 4);
    assert_string_equal(cu_drain(k), "err\ndev\nin\n");
    assert_int_equal(kernel_console_take_output(k, small, 4), 0);
    assert_int_equal(kernel_console_take_output(k, NULL, 4), 0);
    harness_destroy(k);
}

static void test_push_text_is_not_echoed_nor_edited(void **state) {
    Kernel *k = reader(NULL);
    assert_int_equal(kernel_console_push_text(k, "a\x7f\x03\n", 4), 4);
    assert_int_equal(kernel_console_push_text(k, "two\nhal", 7), 7);
    kernel_run(k);
    assert_string_equal(cu_drain(k), "[a\x7f\x03\n][two\n]");
    assert_int_equal(kernel_console_push_text(k, "f\n", 2), 2);
    assert_int_equal(kernel_console_push_text(k, NULL, 3), 0);
    kernel_run(k);
    assert_string_equal(cu_drain(k), "[half\n]");
    cu_push(k, "\x04");
    cu_finish(k, 2);
    harness_destroy(k);
}

static void test_push_text_hands_a_long_line_over_in_pieces(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_reader, (char *[]){"/bin/reader", NULL});
    kernel_run(k);
    char line[5001];
    memset(line, 'b', sizeof line);
    line[5000] = '\n';
    assert_int_equal(kernel_console_push_text(k, line, sizeof line), sizeof line);
    kernel_console_close_input(k);
    cu_finish(k, pid);
    const char *out = cu_drain(k);
    size_t bs = 0;
    for (const char *p = out; *p; p++)
        bs += *p == 'b';
    assert_int_equal(bs, 5000); /* nothing dropped */
    assert_non_null(strstr(out, "b\n][EOF]"));
    harness_destroy(k);
}

static void test_take_typed_returns_the_half_typed_line(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "ech");
    char buf[8];
    assert_int_equal(kernel_console_take_typed(k, buf, sizeof buf), 3);
    assert_memory_equal(buf, "ech", 3);
    assert_int_equal(kernel_console_take_typed(k, buf, sizeof buf), 0);
    cu_push(k, "\x04");
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "ech[EOF]");
    harness_destroy(k);
}

static void test_closed_input_reads_queued_text_then_eof(void **state) {
    Kernel *k = reader(NULL);
    cu_push(k, "last\npartial");
    kernel_console_close_input(k);
    cu_finish(k, 2);
    assert_string_equal(cu_drain(k), "last\npartial[last\n][partial][EOF]");
    harness_destroy(k);
}

static void test_state_reports_readers_and_the_foreground(void **state) {
    Kernel *k = harness_kernel(NULL);
    int pid = cu_start(k, prog_reader, (char *[]){"/bin/reader", NULL});
    ConsoleState cs;
    kernel_console_state(k, &cs);
    assert_int_equal(cs.session, pid);
    assert_int_equal(cs.fg_pgrp, pid);
    assert_int_equal(cs.readers, 0);
    assert_int_equal(cs.wait_ns, 0); /* the reader is ready to run */
    kernel_run(k);
    cu_push(k, "12");
    kernel_console_state(k, &cs);
    assert_int_equal(cs.readers, 1);
    assert_int_equal(cs.fg_readers, 1);
    assert_int_equal(cs.typed, 2);
    assert_int_equal(cs.wait_ns, UINT64_MAX);
    cu_push(k, "\n");
    kernel_console_state(k, &cs);
    assert_int_equal(cs.unread, 3);
    cu_push(k, "\x04");
    cu_finish(k, pid);
    kernel_console_state(k, &cs);
    assert_int_equal(cs.session, 0); /* the leader is gone: the console is free */
    assert_int_equal(cs.fg_pgrp, 0);
    harness_destroy(k);
}

static void test_input_queue_is_bounded(void **state) {
    Kernel *k = harness_kernel(NULL);
    char chunk[1000];
    memset(chunk, 'x', sizeof chunk);
    chunk[sizeof chunk - 1] = '\n';
    size_t total = 0, n;
    while ((n = kernel_console_push_input(k, chunk, sizeof chunk)) > 0)
        total += n;
    assert_true(total >= 65536 && total < 65536 + sizeof chunk);
    cu_drain(k);
    harness_destroy(k);
}

static void sink_discard(void *ud, int stream, const void *buf, size_t n) {}

static void test_push_survives_allocation_failure(void **state) {
    KernelConfig cfg = {.console_output = sink_discard}; /* echo allocates nothing */
    Kernel *k = harness_kernel(&cfg);
    HarnessAlloc *a = harness_allocator(k);
    a->fail_at = a->total_allocs + 1;
    assert_int_equal(kernel_console_push_input(k, "abc\n", 4), 3); /* the line stays unfinished */
    ConsoleState cs;
    kernel_console_state(k, &cs);
    assert_int_equal(cs.typed, 3);
    assert_int_equal(cs.unread, 0);
    a->fail_at = 0;
    cu_push(k, "\n");
    kernel_console_state(k, &cs);
    assert_int_equal(cs.unread, 4);
    harness_destroy(k);
}

static void collect(void *ud, const DirEntry *e) {
    strcat(ud, e->name);
    strcat(ud, e->type == AX_DT_DIR ? "/ " : " ");
}

static void test_list_dir_walks_the_simulated_tree(void **state) {
    Kernel *k = harness_kernel(NULL);
    char names[512] = "";
    int n = kernel_list_dir(k, 0, "/", collect, names);
    assert_true(n >= 5);
    assert_non_null(strstr(names, "bin/ dev/ etc/ home/ proc/ root/ tmp/"));
    names[0] = '\0';
    assert_true(kernel_list_dir(k, 0, "/dev", collect, names) > 0);
    assert_non_null(strstr(names, "console "));
    assert_int_equal(kernel_list_dir(k, 0, "/nope", collect, names), -AX_ENOENT);
    assert_int_equal(kernel_list_dir(k, 0, "/etc/motd", collect, names), -AX_ENOTDIR);
    assert_int_equal(kernel_list_dir(k, 4242, "/", collect, names), -AX_ESRCH);
    assert_int_equal(kernel_list_dir(k, 0, NULL, collect, names), -AX_EFAULT);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_read_waits_for_a_whole_line),
        cmocka_unit_test(test_a_read_returns_one_line_at_a_time),
        cmocka_unit_test(test_a_short_buffer_takes_a_line_in_pieces),
        cmocka_unit_test(test_erase_with_del_and_backspace),
        cmocka_unit_test(test_erase_at_line_start_does_nothing),
        cmocka_unit_test(test_erase_takes_a_whole_utf8_character),
        cmocka_unit_test(test_kill_erases_the_line),
        cmocka_unit_test(test_word_erase_stops_at_punctuation_like_linux),
        cmocka_unit_test(test_eof_mid_line_hands_over_the_text),
        cmocka_unit_test(test_a_full_line_drops_extra_bytes),
        cmocka_unit_test(test_echo_off_shows_nothing),
        cmocka_unit_test(test_echonl_echoes_only_the_newline),
        cmocka_unit_test(test_default_attributes_are_linuxs),
        cmocka_unit_test(test_echoctl_shows_controls_in_caret_form),
        cmocka_unit_test(test_raw_mode_hands_over_each_byte),
        cmocka_unit_test(test_raw_mode_waits_for_vmin_bytes),
        cmocka_unit_test(test_vmin_zero_returns_at_once),
        cmocka_unit_test(test_vtime_times_out_a_read),
        cmocka_unit_test(test_vtime_read_returns_when_a_byte_comes),
        cmocka_unit_test(test_vtime_is_an_inter_byte_timer_with_vmin),
        cmocka_unit_test(test_vtime_nonblocking_read_does_not_wait),
        cmocka_unit_test(test_vtime_read_interrupted_drops_its_timer),
        cmocka_unit_test(test_leaving_canonical_mode_releases_the_typed_line),
        cmocka_unit_test(test_ctrl_c_and_ctrl_backslash_kill_the_foreground),
        cmocka_unit_test(test_signal_characters_flush_pending_input),
        cmocka_unit_test(test_noflsh_keeps_input),
        cmocka_unit_test(test_isig_off_passes_signal_characters_as_bytes),
        cmocka_unit_test(test_host_signal_goes_to_the_foreground_group),
        cmocka_unit_test(test_sink_gets_stdout_stderr_and_echo_apart),
        cmocka_unit_test(test_buffer_keeps_output_in_order_for_take),
        cmocka_unit_test(test_push_text_is_not_echoed_nor_edited),
        cmocka_unit_test(test_push_text_hands_a_long_line_over_in_pieces),
        cmocka_unit_test(test_take_typed_returns_the_half_typed_line),
        cmocka_unit_test(test_closed_input_reads_queued_text_then_eof),
        cmocka_unit_test(test_state_reports_readers_and_the_foreground),
        cmocka_unit_test(test_input_queue_is_bounded),
        cmocka_unit_test(test_push_survives_allocation_failure),
        cmocka_unit_test(test_list_dir_walks_the_simulated_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
