/* Hypotheses about the crash model and the file system's capacity:
 * kernel_crash kills every process; data made durable by fsync or sync
 * survives every seed; data written since is kept, dropped or torn by the
 * seed (all three happen over a few seeds, and the same seed always does
 * the same); directory entries stay; the same kernel runs recovery code
 * afterwards; the powerloss fault action does it from inside a call; and
 * past KernelConfig.fs_capacity writes are short, then fail with ENOSPC,
 * changing nothing. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* Writes "old!" to /tmp/a and fsyncs it, writes "new-data" over it, and
 * makes /tmp/b ("bbbb", never synced); then waits for ever on a pipe. */
static int prog_writer(int argc, char **argv) {
    int fd = (int)sys_open("/tmp/a", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644).value;
    sys_write(fd, "old!", 4);
    if (argc > 1 && strcmp(argv[1], "sync") == 0)
        sys_sync();
    else
        sys_fsync(fd);
    sys_lseek(fd, 0, AX_SEEK_SET);
    sys_write(fd, "new-data", 8);
    sys_close(fd);
    fd = (int)sys_open("/tmp/b", AX_O_WRONLY | AX_O_CREAT, 0644).value;
    sys_write(fd, "bbbb", 4);
    if (argc > 1 && strcmp(argv[1], "all") == 0)
        sys_fsync(fd);
    int p[2];
    sys_pipe(p);
    char c;
    sys_read(p[0], &c, 1); /* never returns: the crash ends it */
    return 0;
}

/* Prints the contents of argv[1..] as [text] (or [-errno]); bytes that
 * are NUL print as '0'. */
static int prog_show(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        char buf[64];
        int fd = (int)sys_open(argv[i], AX_O_RDONLY, 0).value;
        SyscallResult r = fd >= 0 ? sys_read(fd, buf, sizeof buf - 1) : sys_open(argv[i], 0, 0);
        if (r.error) {
            tprintf("[-%d]", r.error);
            continue;
        }
        for (int64_t j = 0; j < r.value; j++)
            if (!buf[j])
                buf[j] = '0';
        buf[r.value] = '\0';
        tprintf("[%s]", buf);
        sys_close(fd);
    }
    return 0;
}

/* "[x][y]" into x and y (either may be empty). */
static void split2(const char *s, char *a, char *b) {
    const char *m = strstr(s, "][");
    assert_true(s[0] == '[' && m && m - s - 1 < 64);
    memcpy(a, s + 1, (size_t)(m - s - 1));
    a[m - s - 1] = '\0';
    const char *e = strchr(m + 2, ']');
    assert_true(e && e - m - 2 < 64);
    memcpy(b, m + 2, (size_t)(e - m - 2));
    b[e - m - 2] = '\0';
}

/* Run the writer, crash the kernel, show the files. */
static void crash_run(uint64_t seed, const char *mode, char *out, size_t n) {
    KernelConfig cfg = {.seed = seed, .crash_model = 1};
    Kernel *k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/writer", prog_writer);
    kernel_install_program(k, "/bin/show", prog_show);
    SyscallResult r = kernel_spawn(k, "/bin/writer", (char *[]){"writer", (char *)mode, NULL});
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(kernel_run(k), AX_RUN_DEADLOCK);
    assert_int_equal(kernel_crashes(k), 0);
    assert_int_equal(kernel_crash(k), 0);
    assert_int_equal(kernel_crashes(k), 1);
    int st;
    assert_int_equal(kernel_wait(k, (int)r.value, &st), 0);
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGKILL);
    assert_int_equal(harness_run(k, (char *[]){"/bin/show", "/tmp/a", "/tmp/b", NULL}), 0);
    snprintf(out, n, "%s", harness_output(k));
    harness_destroy(k);
}

static void test_unsynced_data_is_kept_dropped_or_torn_by_the_seed(void **state) {
    bool kept = false, dropped = false, torn = false;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        char out[128], again[128];
        crash_run(seed, "fsync", out, sizeof out);
        crash_run(seed, "fsync", again, sizeof again);
        assert_string_equal(out, again); /* the same seed, the same crash */
        char a[64], b[64];
        split2(out, a, b);
        /* /tmp/a: "old!" was synced, "new-data" was not */
        if (strcmp(a, "new-data") == 0)
            kept = true;
        else if (strcmp(a, "old!") == 0)
            dropped = true;
        else {
            /* torn: new bytes up to some offset, the old (or zeros) after */
            assert_int_equal(strlen(a), 8);
            const char *newer = "new-data", *older = "old!0000";
            size_t i = 0;
            while (i < 8 && a[i] == newer[i])
                i++;
            assert_string_equal(a + i, older + i);
            torn = true;
        }
        /* /tmp/b was never synced: its name stays, its data may go */
        assert_true(strcmp(b, "bbbb") == 0 || strcmp(b, "") == 0 ||
                    (strlen(b) == 4 && strspn(b, "b") + strspn(b + strspn(b, "b"), "0") == 4));
    }
    assert_true(kept);
    assert_true(dropped);
    assert_true(torn);
}

static void test_synced_data_survives_every_seed(void **state) {
    for (uint64_t seed = 1; seed <= 12; seed++) {
        char out[128];
        crash_run(seed, "all", out, sizeof out);
        /* b was fsynced after its write: always whole */
        assert_non_null(strstr(out, "][bbbb]"));
    }
    /* sync() makes every file durable, like fsync of each */
    for (uint64_t seed = 1; seed <= 12; seed++) {
        char out[128];
        crash_run(seed, "sync", out, sizeof out);
        char a[64], b[64];
        split2(out, a, b);
        assert_true(strcmp(a, "old!") == 0 || strcmp(a, "new-data") == 0 ||
                    strncmp(a, "new-data", 1) == 0 || strncmp(a, "old!", 4) == 0);
    }
}

static int prog_crasher(int argc, char **argv) {
    int fd = (int)sys_open("/tmp/c", AX_O_WRONLY | AX_O_CREAT, 0644).value;
    sys_write(fd, "cc", 2);
    sys_fsync(fd);
    sys_write(fd, "dd", 2);
    sys_getpid(); /* the powerloss fault fires here */
    tprintf("never\n");
    return 0;
}

static int prog_sleeper(int argc, char **argv) {
    sys_sleep(1000000000);
    return 0;
}

static void test_powerloss_action_crashes_the_machine_from_a_call(void **state) {
    FaultRule r;
    size_t n;
    char err[100];
    assert_int_equal(kernel_faults_parse("getpid,proc=crasher,powerloss", &r, 1, &n, err, sizeof err), 0);
    KernelConfig cfg = {.seed = 3, .faults = &r, .nfaults = 1};
    Kernel *k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/crasher", prog_crasher);
    kernel_install_program(k, "/bin/sleeper", prog_sleeper);
    kernel_install_program(k, "/bin/show", prog_show);
    SyscallResult s = kernel_spawn(k, "/bin/sleeper", (char *[]){"sleeper", NULL});
    int st;
    assert_int_equal(harness_run(k, (char *[]){"/bin/crasher", NULL}) & 0x7f, AX_SIGKILL);
    assert_int_equal(kernel_wait(k, (int)s.value, &st), 0);
    assert_int_equal(AX_WTERMSIG(st), AX_SIGKILL); /* the other process died too */
    assert_int_equal(kernel_crashes(k), 1);
    FaultFired f;
    assert_int_equal(kernel_faults_fired(k, &f, 1), 1);
    assert_int_equal(f.action, AX_FAULT_POWERLOSS);
    assert_string_equal(harness_output(k), "");
    harness_run(k, (char *[]){"/bin/show", "/tmp/c", NULL});
    const char *out = harness_output(k);
    assert_true(strcmp(out, "[cc]") == 0 || strcmp(out, "[ccdd]") == 0 || strcmp(out, "[cc00]") == 0 ||
                strcmp(out, "[ccd0]") == 0);
    /* kernel_crash is the host's: from inside a task the action is the way */
    harness_destroy(k);
}

/* Writes argv[2] bytes of 'x' to argv[1] in one write; prints the result. */
static int prog_fill(int argc, char **argv) {
    size_t n = (size_t)atol(argv[2]);
    char *buf = calloc(1, n ? n : 1);
    memset(buf, 'x', n);
    int fd = (int)sys_open(argv[1], AX_O_WRONLY | AX_O_CREAT | AX_O_APPEND, 0644).value;
    SyscallResult r = sys_write(fd, buf, n);
    tprintf("%lld,", r.error ? -(long long)r.error : (long long)r.value);
    sys_close(fd);
    free(buf);
    return 0;
}

/* Without a crash model nothing is tracked, and kernel_crash says so. */
static void test_crash_needs_a_crash_model(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(kernel_crash(k), -AX_EINVAL);
    assert_int_equal(kernel_crashes(k), 0);
    assert_int_equal(kernel_crash(NULL), -AX_EINVAL);
    KernelConfig bad = {.crash_model = 2};
    assert_null(kernel_create(&bad));
    harness_destroy(k);
}

static void test_capacity_gives_short_writes_then_enospc(void **state) {
    /* what boot wrote counts too: measure it, then leave 1000 bytes above */
    KernelConfig cfg = {.fs_capacity = 1};
    Kernel *k = harness_kernel(&cfg);
    uint64_t used = kernel_fs_used(k);
    harness_destroy(k);
    cfg.fs_capacity = used + 1000;
    k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/fill", prog_fill);
    kernel_install_program(k, "/bin/show", prog_show);
    harness_run(k, (char *[]){"/bin/fill", "/tmp/f", "600", NULL});
    harness_run(k, (char *[]){"/bin/fill", "/tmp/f", "600", NULL}); /* 400 fit */
    harness_run(k, (char *[]){"/bin/fill", "/tmp/g", "1", NULL});   /* full */
    assert_string_equal(harness_output(k), "600,400,-28,");
    assert_int_equal(kernel_fs_used(k), used + 1000);
    /* the failed write made nothing: /tmp/g is empty */
    harness_run(k, (char *[]){"/bin/show", "/tmp/g", NULL});
    assert_string_equal(harness_output(k) + strlen("600,400,-28,"), "[]");
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unsynced_data_is_kept_dropped_or_torn_by_the_seed),
        cmocka_unit_test(test_synced_data_survives_every_seed),
        cmocka_unit_test(test_powerloss_action_crashes_the_machine_from_a_call),
        cmocka_unit_test(test_crash_needs_a_crash_model),
        cmocka_unit_test(test_capacity_gives_short_writes_then_enospc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
