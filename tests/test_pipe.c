/* Hypotheses about pipes: the edge cases people get wrong. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static int spawn_with(const char *path, char *arg, int in, int out, int close1, int close2) {
    SpawnFileAction fa[4];
    size_t n = 0;
    if (in >= 0)
        fa[n++] = (SpawnFileAction){.kind = AX_SPAWN_DUP2, .fd = in, .newfd = 0};
    if (out >= 0)
        fa[n++] = (SpawnFileAction){.kind = AX_SPAWN_DUP2, .fd = out, .newfd = 1};
    if (close1 >= 0)
        fa[n++] = (SpawnFileAction){.kind = AX_SPAWN_CLOSE, .fd = close1};
    if (close2 >= 0)
        fa[n++] = (SpawnFileAction){.kind = AX_SPAWN_CLOSE, .fd = close2};
    SpawnAttr attr = {.actions = fa, .nactions = n};
    return (int)sys_spawn(path, (char *[]){(char *)path, arg, NULL}, NULL, &attr).value;
}

/* ---- reads ---- */

static int prog_reader_count(int argc, char **argv) {
    char buf[100000];
    long total = 0;
    SyscallResult r;
    int reads = 0;
    while ((r = sys_read(0, buf, sizeof buf)).value > 0) {
        total += r.value;
        reads++;
    }
    if (r.error != AX_OK)
        return 1;
    tprintf("total=%ld\n", total);
    return 0;
}

static int prog_writer_big(int argc, char **argv) {
    /* 300,000 bytes: more than the pipe holds, so the writer must block */
    static const char block[1000] = {0};
    for (int i = 0; i < 300; i++)
        if (sys_write(1, block, sizeof block).value != 1000)
            return 1;
    return 0;
}

static int prog_big_transfer(int argc, char **argv) {
    int fds[2];
    sys_pipe(fds);
    int w = spawn_with("/bin/wbig", NULL, -1, fds[1], fds[0], fds[1]);
    int r = spawn_with("/bin/rcount", NULL, fds[0], -1, fds[0], fds[1]);
    sys_close(fds[0]);
    sys_close(fds[1]);
    int st, bad = 0;
    sys_waitpid(w, &st, 0);
    bad |= AX_WEXITSTATUS(st);
    sys_waitpid(r, &st, 0);
    bad |= AX_WEXITSTATUS(st);
    return bad;
}

static void test_writer_blocks_when_full_and_reader_gets_all_then_eof(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/wbig", prog_writer_big);
    kernel_install_program(k, "/bin/rcount", prog_reader_count);
    kernel_install_program(k, "/bin/t", prog_big_transfer);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    assert_string_equal(harness_output(k), "total=300000\n");
    harness_destroy(k);
}

static int prog_partial_reads(int argc, char **argv) {
    int fds[2];
    sys_pipe(fds);
    sys_write(fds[1], "hello", 5);
    char buf[64];
    /* a read returns what is there, not what was asked for */
    if (sys_read(fds[0], buf, sizeof buf).value != 5)
        return 1;
    if (sys_read(fds[0], buf, 0).value != 0)
        return 2;
    /* nonblocking read of an empty pipe with a writer: EAGAIN */
    sys_fcntl(fds[0], AX_F_SETFL, AX_O_NONBLOCK);
    if (sys_read(fds[0], buf, 1).error != AX_EAGAIN)
        return 3;
    sys_write(fds[1], "ab", 2);
    int extra = (int)sys_dup(fds[1]).value;
    sys_close(fds[1]);
    /* a dup of the write end keeps EOF away */
    if (sys_read(fds[0], buf, 1).value != 1 || sys_read(fds[0], buf, 5).value != 1)
        return 4;
    if (sys_read(fds[0], buf, 1).error != AX_EAGAIN)
        return 5;
    sys_close(extra);
    /* every write end closed and drained: 0, even non-blocking */
    if (sys_read(fds[0], buf, 1).value != 0 || sys_read(fds[0], buf, 1).error != AX_OK)
        return 6;
    FileStat st;
    if (sys_fstat(fds[0], &st).error != AX_OK || !AX_S_ISFIFO(st.mode))
        return 7;
    if (sys_lseek(fds[0], 0, AX_SEEK_SET).error != AX_ESPIPE)
        return 8;
    if (sys_write(fds[0], "x", 1).error != AX_EBADF) /* the read end is read-only */
        return 9;
    return 0;
}

static void test_reads_return_what_is_there_and_eof_after_last_writer(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_partial_reads);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    harness_destroy(k);
}

/* ---- writes ---- */

static int prog_atomic_writer(int argc, char **argv) {
    char block[AX_PIPE_BUF];
    memset(block, argv[1][0], sizeof block);
    for (int i = 0; i < 40; i++)
        if (sys_write(1, block, sizeof block).value != (int64_t)sizeof block)
            return 1;
    return 0;
}

static int prog_atomic_check(int argc, char **argv) {
    /* every PIPE_BUF-sized record must arrive whole */
    char buf[AX_PIPE_BUF];
    size_t have = 0;
    int records = 0;
    SyscallResult r;
    while ((r = sys_read(0, buf + have, sizeof buf - have)).value > 0) {
        have += (size_t)r.value;
        if (have < sizeof buf)
            continue;
        for (size_t i = 1; i < sizeof buf; i++)
            if (buf[i] != buf[0])
                return 1;
        records++;
        have = 0;
    }
    return records == 80 ? 0 : 2;
}

static int prog_atomic(int argc, char **argv) {
    int fds[2];
    sys_pipe(fds);
    int a = spawn_with("/bin/aw", "A", -1, fds[1], fds[0], fds[1]);
    int b = spawn_with("/bin/aw", "B", -1, fds[1], fds[0], fds[1]);
    int c = spawn_with("/bin/ac", NULL, fds[0], -1, fds[0], fds[1]);
    sys_close(fds[0]);
    sys_close(fds[1]);
    int st, bad = 0;
    sys_waitpid(a, &st, 0);
    bad |= AX_WEXITSTATUS(st);
    sys_waitpid(b, &st, 0);
    bad |= AX_WEXITSTATUS(st);
    sys_waitpid(c, &st, 0);
    return bad | AX_WEXITSTATUS(st) << 2;
}

static void test_writes_up_to_pipe_buf_are_atomic(void **state) {
    for (uint64_t seed = 1; seed <= 5; seed++) {
        KernelConfig cfg = {.seed = seed, .sched = AX_SCHED_RANDOM};
        Kernel *k = harness_kernel(&cfg);
        kernel_install_program(k, "/bin/aw", prog_atomic_writer);
        kernel_install_program(k, "/bin/ac", prog_atomic_check);
        kernel_install_program(k, "/bin/t", prog_atomic);
        int st = harness_run(k, (char *[]){"/bin/t", NULL});
        assert_int_equal(AX_WEXITSTATUS(st), 0);
        harness_destroy(k);
    }
}

static int prog_nonblocking_write(int argc, char **argv) {
    int fds[2];
    if (sys_pipe2(fds, AX_O_NONBLOCK).error != AX_OK)
        return 1;
    static char big[AX_PIPE_CAPACITY + 100];
    /* a large non-blocking write goes in partly */
    if (sys_write(fds[1], big, sizeof big).value != AX_PIPE_CAPACITY)
        return 2;
    if (sys_write(fds[1], "x", 1).error != AX_EAGAIN)
        return 3;
    char buf[10];
    sys_read(fds[0], buf, 10);
    /* 10 bytes free: a small write that does not fit whole waits (EAGAIN) */
    if (sys_write(fds[1], big, 20).error != AX_EAGAIN)
        return 4;
    if (sys_write(fds[1], big, 10).value != 10)
        return 5;
    return 0;
}

static void test_nonblocking_writes(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_nonblocking_write);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/t", NULL})), 0);
    harness_destroy(k);
}

static int prog_epipe(int argc, char **argv) {
    int fds[2];
    sys_pipe(fds);
    /* a write that finished leaves no count behind for the next one */
    if (sys_write(fds[1], "abc", 3).value != 3)
        return 3;
    sys_close(fds[0]);
    sys_signal(AX_SIGPIPE, AX_SIG_IGN);
    if (sys_write(fds[1], "x", 1).error != AX_EPIPE)
        return 1;
    sys_signal(AX_SIGPIPE, AX_SIG_DFL);
    sys_write(fds[1], "x", 1); /* SIGPIPE kills us here */
    return 2;
}

static void test_write_without_reader_is_epipe_and_sigpipe(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_epipe);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGPIPE);
    harness_destroy(k);
}

static int prog_yes(int argc, char **argv) {
    while (sys_write(1, "y\n", 2).error == AX_OK)
        ;
    return 1; /* SIGPIPE ends us before this */
}

static int prog_head1(int argc, char **argv) {
    char c;
    sys_read(0, &c, 1);
    tprintf("%c", c);
    return 0;
}

static int prog_yes_head(int argc, char **argv) {
    int fds[2];
    sys_pipe(fds);
    int y = spawn_with("/bin/yes", NULL, -1, fds[1], fds[0], fds[1]);
    int h = spawn_with("/bin/head1", NULL, fds[0], -1, fds[0], fds[1]);
    sys_close(fds[0]);
    sys_close(fds[1]);
    int st;
    sys_waitpid(h, &st, 0);
    sys_waitpid(y, &st, 0);
    return AX_WIFSIGNALED(st) && AX_WTERMSIG(st) == AX_SIGPIPE ? 0 : 1;
}

static void test_sigpipe_stops_a_yes_style_writer(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/yes", prog_yes);
    kernel_install_program(k, "/bin/head1", prog_head1);
    kernel_install_program(k, "/bin/t", prog_yes_head);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/t", NULL})), 0);
    assert_string_equal(harness_output(k), "y");
    harness_destroy(k);
}

/* ---- the classic deadlock ---- */

static int prog_forgetful_parent(int argc, char **argv) {
    int fds[2];
    sys_pipe(fds);
    int r = spawn_with("/bin/rcount", NULL, fds[0], -1, fds[0], fds[1]);
    sys_write(fds[1], "abc", 3);
    /* forgot to close fds[1]: the reader never sees EOF */
    sys_waitpid(r, NULL, 0);
    return 0;
}

static void test_parent_holding_write_end_is_a_reported_deadlock(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/rcount", prog_reader_count);
    kernel_install_program(k, "/bin/t", prog_forgetful_parent);
    SyscallResult r = kernel_spawn(k, "/bin/t", NULL);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    /* kill the parent: its write end closes, the reader sees EOF */
    assert_int_equal(kernel_kill(k, (int)r.value, AX_SIGKILL), 0);
    assert_int_equal(kernel_run(k), AX_RUN_EXITED);
    assert_int_equal(kernel_wait(k, (int)r.value, NULL), 0);
    assert_string_equal(harness_output(k), "total=3\n");
    harness_destroy(k);
}

static int prog_blocked_reader(int argc, char **argv) {
    int fds[2];
    sys_pipe(fds);
    char c;
    sys_read(fds[0], &c, 1); /* blocks forever */
    return 0;
}

static void test_blocked_reader_killed_leaks_nothing(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_blocked_reader);
    SyscallResult r = kernel_spawn(k, "/bin/t", NULL);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.objects, 5); /* 3 console fds, 2 pipe ends */
    assert_int_equal(kernel_kill(k, (int)r.value, AX_SIGKILL), 0);
    kernel_stats(k, &st);
    assert_int_equal(st.objects, 0);
    assert_int_equal(kernel_wait(k, (int)r.value, NULL), 0);
    harness_destroy(k); /* and ASan checks the stack and heap */
}

/* ---- bad input ---- */

static int prog_pipe_errors(int argc, char **argv) {
    if (sys_pipe(NULL).error != AX_EFAULT)
        return 1;
    int fds[2];
    if (sys_pipe2(fds, 0x1).error != AX_EINVAL)
        return 2;
    /* leave exactly one free slot: EMFILE and nothing allocated */
    int n = 3;
    while (sys_dup(0).error == AX_OK)
        n++;
    sys_close(n - 1);
    if (sys_pipe(fds).error != AX_EMFILE)
        return 3;
    if (sys_dup(0).value != n - 1) /* the free slot is still free */
        return 4;
    return 0;
}

static void test_pipe_bad_input(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_pipe_errors);
    assert_int_equal(AX_WEXITSTATUS(harness_run(k, (char *[]){"/bin/t", NULL})), 0);
    harness_destroy(k);
}

static int prog_one_pipe(int argc, char **argv) {
    int fds[2];
    SyscallResult r = sys_pipe(fds);
    if (r.error == AX_ENOMEM)
        return sys_dup(0).value == 3 ? 1 : 3; /* no fd was left behind */
    if (r.error != AX_OK)
        return 2;
    sys_write(fds[1], "ok", 2);
    char buf[2];
    return sys_read(fds[0], buf, 2).value == 2 ? 0 : 4;
}

/* Fail each allocation a pipe's creation makes, in turn: the call gives
 * AX_ENOMEM, allocates no fd and leaks nothing. */
static void test_pipe_creation_survives_allocation_failure(void **state) {
    int failures = 0;
    for (long nth = 1; nth <= 8; nth++) {
        Kernel *k = harness_kernel(NULL);
        kernel_install_program(k, "/bin/t", prog_one_pipe);
        HarnessAlloc *a = harness_allocator(k);
        SyscallResult r = kernel_spawn(k, "/bin/t", NULL);
        a->fail_at = a->total_allocs + nth;
        int st;
        assert_int_equal(kernel_wait(k, (int)r.value, &st), 0);
        a->fail_at = 0;
        assert_true(AX_WEXITSTATUS(st) <= 1);
        failures += AX_WEXITSTATUS(st) == 1;
        harness_destroy(k);
    }
    assert_int_equal(failures, 4); /* the pipe, its buffer, two ends */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writer_blocks_when_full_and_reader_gets_all_then_eof),
        cmocka_unit_test(test_reads_return_what_is_there_and_eof_after_last_writer),
        cmocka_unit_test(test_writes_up_to_pipe_buf_are_atomic),
        cmocka_unit_test(test_nonblocking_writes),
        cmocka_unit_test(test_write_without_reader_is_epipe_and_sigpipe),
        cmocka_unit_test(test_sigpipe_stops_a_yes_style_writer),
        cmocka_unit_test(test_parent_holding_write_end_is_a_reported_deadlock),
        cmocka_unit_test(test_blocked_reader_killed_leaks_nothing),
        cmocka_unit_test(test_pipe_bad_input),
        cmocka_unit_test(test_pipe_creation_survives_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
