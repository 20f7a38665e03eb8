/* Hypotheses about the kernel core: lifetime, the dispatcher's contract,
 * fd tables, spawn and exit, and allocation failure. */
#include <string.h>

#include "harness.h"

/* ---- kernel lifetime ---- */

static void test_create_destroy_leaves_nothing(void **state) {
    Kernel *k = harness_kernel(NULL);
    KernelStats st;
    kernel_stats(k, &st);
    assert_int_equal(st.procs, 1); /* init */
    assert_true(st.nodes > 5);     /* the boot layout */
    harness_destroy(k);
}

static void test_invalid_config_is_refused(void **state) {
    KernelConfig cfg = {.sched = 7};
    assert_null(kernel_create(&cfg));
    cfg = (KernelConfig){.clock = 9};
    assert_null(kernel_create(&cfg));
}

static void test_syscalls_outside_a_process_fail_esrch(void **state) {
    SyscallResult r = sys_getpid();
    assert_int_equal(r.error, AX_ESRCH);
    assert_int_equal(r.value, -1);
    Kernel *k = harness_kernel(NULL);
    r = sys_write(1, "x", 1); /* a kernel exists, but no task is running */
    assert_int_equal(r.error, AX_ESRCH);
    harness_destroy(k);
}

static void test_error_names_follow_linux(void **state) {
    assert_int_equal(AX_ENOENT, 2);
    assert_int_equal(AX_EBADF, 9);
    assert_int_equal(AX_EAGAIN, 11);
    assert_int_equal(AX_EPIPE, 32);
    assert_string_equal(sys_errname(AX_ENOENT), "ENOENT");
    assert_string_equal(sys_strerror(AX_ENOENT), "No such file or directory");
    assert_string_equal(sys_errname((SyscallError)9999), "E?");
    assert_string_equal(sys_strerror((SyscallError)9999), "Unknown error");
    assert_string_equal(sys_name(AX_SYS_read), "read");
    assert_null(sys_name((SyscallNo)191));
}

/* Every allocation kernel_create makes can fail, and each failure must
 * give NULL and leak nothing. */
static void test_create_survives_every_allocation_failure(void **state) {
    for (long n = 1;; n++) {
        HarnessAlloc a = {.fail_at = n};
        KernelConfig cfg = {.alloc = harness_alloc, .alloc_ud = &a};
        Kernel *k = kernel_create(&cfg);
        if (k) {
            kernel_destroy(k);
            assert_int_equal(a.live_blocks, 0);
            assert_true(n > 3);
            break;
        }
        assert_int_equal(a.live_blocks, 0);
    }
}

/* ---- dispatch ---- */

static int prog_dispatch(int argc, char **argv) {
    SyscallResult r = sys_dispatch((SyscallNo)190, &(SyscallArgs){{0}});
    if (r.error != AX_ENOSYS)
        return 1;
    r = sys_dispatch((SyscallNo)-1, &(SyscallArgs){{0}});
    if (r.error != AX_ENOSYS)
        return 2;
    r = sys_dispatch(AX_SYS_getpid, NULL);
    if (r.error != AX_EFAULT)
        return 3;
    r = sys_getpid();
    if (r.error != AX_OK || r.value < 2)
        return 4;
    return 0;
}

static void test_dispatch_validates_number_and_args(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(kernel_install_program(k, "/bin/t", prog_dispatch), 0);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_true(AX_WIFEXITED(st));
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    harness_destroy(k);
}

static int prog_counted(int argc, char **argv) {
    for (int i = 0; i < 5; i++)
        sys_getpid();
    sys_close(77); /* EBADF */
    sys_close(78);
    sys_write(1, "abc", 3);
    return 0;
}

static void test_dispatcher_counts_calls_errors_and_bytes(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_counted);
    harness_run(k, (char *[]){"/bin/t", NULL});
    TraceSummary s;
    kernel_trace_summary(k, &s);
    assert_int_equal(s.syscalls[AX_SYS_getpid].calls, 5);
    assert_int_equal(s.syscalls[AX_SYS_getpid].errors, 0);
    assert_int_equal(s.syscalls[AX_SYS_close].calls, 2);
    assert_int_equal(s.syscalls[AX_SYS_close].errors, 2);
    assert_int_equal(s.syscalls[AX_SYS_write].bytes, 3);
    assert_int_equal(s.bytes_written, 3);
    assert_int_equal(s.procs_spawned, 1);
    assert_int_equal(s.procs_exited, 1);
    harness_destroy(k);
}

/* ---- fd table ---- */

static int prog_fds(int argc, char **argv) {
    /* 0, 1, 2 are the console: the lowest free fd is 3 */
    SyscallResult r = sys_dup(1);
    if (r.value != 3)
        return 1;
    if (sys_close(0).error != AX_OK)
        return 2;
    if (sys_dup(1).value != 0) /* lowest free again */
        return 3;
    if (sys_dup2(1, 1).value != 1) /* dup2(fd, fd) returns fd */
        return 4;
    if (sys_dup2(99, 5).error != AX_EBADF)
        return 5;
    if (sys_dup2(1, AX_OPEN_MAX).error != AX_EBADF)
        return 6;
    if (sys_dup2(1, 10).value != 10)
        return 7;
    if (sys_fcntl(10, AX_F_GETFD, 0).value != 0)
        return 8;
    if (sys_fcntl(10, AX_F_SETFD, AX_FD_CLOEXEC).error != AX_OK ||
        sys_fcntl(10, AX_F_GETFD, 0).value != AX_FD_CLOEXEC)
        return 9;
    if (sys_fcntl(10, 999, 0).error != AX_EINVAL)
        return 10;
    if (sys_fcntl(1, AX_F_DUPFD, 20).value != 20)
        return 11;
    if (sys_close(1000).error != AX_EBADF || sys_close(-1).error != AX_EBADF)
        return 12;
    if (sys_read(55, NULL, 0).error != AX_EBADF)
        return 13;
    if (sys_write(1, NULL, 5).error != AX_EFAULT)
        return 14;
    /* fill the table: AX_EMFILE at AX_OPEN_MAX */
    int opened = 0;
    for (;;) {
        r = sys_dup(1);
        if (r.error == AX_EMFILE)
            break;
        if (r.error != AX_OK)
            return 15;
        opened++;
    }
    if (opened + 6 != AX_OPEN_MAX) /* 0,1,2,3,10,20 were open */
        return 16;
    return 0; /* exit closes everything */
}

static void test_fd_table_rules(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_fds);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    harness_destroy(k);
}

/* ---- spawn errors ---- */

static int prog_spawn_errors(int argc, char **argv) {
    if (sys_spawn("/nope", (char *[]){"nope", NULL}, NULL, NULL).error != AX_ENOENT)
        return 1;
    if (sys_spawn("/etc/motd", (char *[]){"motd", NULL}, NULL, NULL).error != AX_EACCES)
        return 2;
    if (sys_spawn("/bin", (char *[]){"bin", NULL}, NULL, NULL).error != AX_EACCES)
        return 3;
    if (sys_spawn("/bin/t", NULL, NULL, NULL).error != AX_EFAULT)
        return 4;
    if (sys_spawn(NULL, (char *[]){"x", NULL}, NULL, NULL).error != AX_EFAULT)
        return 5;
    SpawnFileAction bad = {.kind = AX_SPAWN_DUP2, .fd = 50, .newfd = 1};
    SpawnAttr attr = {.actions = &bad, .nactions = 1};
    if (sys_spawn("/bin/t", (char *[]){"t", NULL}, NULL, &attr).error != AX_EBADF)
        return 6;
    SpawnFileAction weird = {.kind = 42};
    attr.actions = &weird;
    if (sys_spawn("/bin/t", (char *[]){"t", NULL}, NULL, &attr).error != AX_EINVAL)
        return 7;
    SpawnFileAction open_missing = {.kind = AX_SPAWN_OPEN, .fd = 0, .path = "/no/such", .oflag = AX_O_RDONLY};
    attr.actions = &open_missing;
    if (sys_spawn("/bin/t", (char *[]){"t", NULL}, NULL, &attr).error != AX_ENOENT)
        return 8;
    if (sys_waitpid(-1, NULL, 0).error != AX_ECHILD) /* nothing was created */
        return 9;
    return 0;
}

static void test_spawn_rejects_bad_input_and_creates_nothing(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", prog_spawn_errors);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    SyscallResult r = kernel_spawn(k, "/missing", NULL);
    assert_int_equal(r.error, AX_ENOENT);
    harness_destroy(k);
}

static int prog_exit_code(int argc, char **argv) {
    sys_exit(256 + 7); /* POSIX keeps the low 8 bits */
    return 99;
}

static int prog_return_code(int argc, char **argv) {
    return argc; /* returning from main is exit */
}

static void test_exit_status_is_truncated_to_8_bits(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/e", prog_exit_code);
    kernel_install_program(k, "/bin/r", prog_return_code);
    int st = harness_run(k, (char *[]){"/bin/e", NULL});
    assert_true(AX_WIFEXITED(st));
    assert_int_equal(AX_WEXITSTATUS(st), 7);
    st = harness_run(k, (char *[]){"/bin/r", "a", "b", NULL});
    assert_int_equal(AX_WEXITSTATUS(st), 3);
    assert_int_equal(kernel_wait(k, 12345, NULL), -AX_ECHILD);
    harness_destroy(k);
}

static void test_two_kernels_side_by_side(void **state) {
    Kernel *a = harness_kernel(NULL);
    Kernel *b = harness_kernel(NULL);
    kernel_install_program(a, "/bin/r", prog_return_code);
    kernel_install_program(b, "/bin/r", prog_return_code);
    SyscallResult ra = kernel_spawn(a, "/bin/r", (char *[]){"r", NULL});
    SyscallResult rb = kernel_spawn(b, "/bin/r", (char *[]){"r", "x", NULL});
    assert_int_equal(ra.value, rb.value); /* pids are per kernel */
    int sa, sb;
    assert_int_equal(kernel_wait(b, (int)rb.value, &sb), 0);
    assert_int_equal(kernel_wait(a, (int)ra.value, &sa), 0);
    assert_int_equal(AX_WEXITSTATUS(sa), 1);
    assert_int_equal(AX_WEXITSTATUS(sb), 2);
    harness_destroy(a);
    harness_destroy(b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_destroy_leaves_nothing),
        cmocka_unit_test(test_invalid_config_is_refused),
        cmocka_unit_test(test_syscalls_outside_a_process_fail_esrch),
        cmocka_unit_test(test_error_names_follow_linux),
        cmocka_unit_test(test_create_survives_every_allocation_failure),
        cmocka_unit_test(test_dispatch_validates_number_and_args),
        cmocka_unit_test(test_dispatcher_counts_calls_errors_and_bytes),
        cmocka_unit_test(test_fd_table_rules),
        cmocka_unit_test(test_spawn_rejects_bad_input_and_creates_nothing),
        cmocka_unit_test(test_exit_status_is_truncated_to_8_bits),
        cmocka_unit_test(test_two_kernels_side_by_side),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
