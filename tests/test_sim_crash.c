/* Hypotheses about the crash model and the file system's capacity:
 * kernel_crash kills every process; data made durable by fsync or sync
 * survives every seed; data written since is kept, dropped or torn by the
 * seed (all three happen over a few seeds, and the same seed always does
 * the same); directory entries stay; the same kernel runs recovery code
 * afterwards, or a fresh kernel booted on the crashed one's file system
 * (kernel_fs_copy); the powerloss fault action does it from inside a call; and
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


/* Builds a small tree: /data (0700, owned by 1000) holding sub/f
 * ("hello", fsynced), a FIFO, and /data/big (200,000 bytes, a hole in
 * the middle, fsynced); then writes "lost" over f without a sync and
 * waits for the crash. */
static int prog_tree(int argc, char **argv) {
    sys_mkdir("/data", 0700);
    sys_chown("/data", 1000, 1000);
    sys_mkdir("/data/sub", 0755);
    int fd = (int)sys_open("/data/sub/f", AX_O_WRONLY | AX_O_CREAT, 0640).value;
    sys_write(fd, "hello", 5);
    sys_fsync(fd);
    sys_mkfifo("/data/fifo", 0600);
    int big = (int)sys_open("/data/big", AX_O_WRONLY | AX_O_CREAT, 0644).value;
    sys_write(big, "head", 4);
    sys_lseek(big, 199996, AX_SEEK_SET);
    sys_write(big, "tail", 4);
    sys_fsync(big);
    sys_close(big);
    sys_lseek(fd, 0, AX_SEEK_SET);
    sys_write(fd, "lost!", 5);
    int p[2];
    sys_pipe(p);
    char c;
    sys_read(p[0], &c, 1); /* the crash ends it */
    return 0;
}

/* Prints "path mode uid size" for each of argv[1..] ("path -errno" when
 * stat fails), then the first 5 and last 4 bytes of /data/big. */
static int prog_lsl(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        FileStat st;
        SyscallResult r = sys_stat(argv[i], &st);
        if (r.error)
            tprintf("%s -%d\n", argv[i], r.error);
        else
            tprintf("%s %o %u %llu\n", argv[i], st.mode, st.uid, (unsigned long long)st.size);
    }
    char buf[8] = {0};
    int fd = (int)sys_open("/data/big", AX_O_RDONLY, 0).value;
    sys_pread(fd, buf, 4, 0);
    tprintf("%s", buf);
    sys_pread(fd, buf, 4, 100000);
    tprintf("[%d%d%d%d]", buf[0], buf[1], buf[2], buf[3]);
    sys_pread(fd, buf, 4, 199996);
    tprintf("%s\n", buf);
    sys_close(fd);
    return 0;
}

/* A crashed kernel's tree, copied into a fresh kernel, as a reboot on its
 * disk: what survived the crash is there with its modes and owners, the
 * crashed kernel can go first, and programs install afterwards. */
static void test_fresh_kernel_boots_on_a_crashed_file_system(void **state) {
    for (uint64_t seed = 1; seed <= 6; seed++) {
        KernelConfig cfg = {.seed = seed, .crash_model = 1};
        Kernel *a = harness_kernel(&cfg);
        kernel_install_program(a, "/bin/tree", prog_tree);
        kernel_install_program(a, "/bin/show", prog_show);
        SyscallResult r = kernel_spawn(a, "/bin/tree", (char *[]){"tree", NULL});
        assert_int_equal(r.error, AX_OK);
        assert_int_equal(kernel_run(a), AX_RUN_DEADLOCK);
        assert_int_equal(kernel_crash(a), 0);
        int st;
        assert_int_equal(kernel_wait(a, (int)r.value, &st), 0);
        harness_run(a, (char *[]){"/bin/show", "/data/sub/f", NULL});
        char survived[64];
        snprintf(survived, sizeof survived, "%s", harness_output(a));

        Kernel *b = harness_kernel(&(KernelConfig){.seed = seed});
        assert_int_equal(kernel_fs_copy(b, a), 0);
        harness_destroy(a); /* b owns its copy */
        /* /bin came over empty (programs are not on a disk): install now */
        assert_int_equal(kernel_install_program(b, "/bin/show", prog_show), 0);
        assert_int_equal(kernel_install_program(b, "/bin/lsl", prog_lsl), 0);
        harness_run(b, (char *[]){"/bin/show", "/data/sub/f", NULL});
        assert_string_equal(harness_output(b), survived); /* what the crash left, no more */
        /* kept, dropped or torn: "lost!" up to some offset, "hello" after */
        assert_int_equal(strlen(survived), 7);
        size_t i = 1;
        while (i < 6 && survived[i] == "[lost!]"[i])
            i++;
        assert_string_equal(survived + i, "[hello]" + i);
        harness_run(b, (char *[]){"/bin/lsl", "/data", "/data/sub/f", "/data/fifo", "/data/big",
                                  "/bin/tree", "/dev/null", NULL});
        const char *out = harness_output(b);
        /* (a directory's size is its entry count in axos) */
        assert_non_null(strstr(out, "/data 40700 1000 3\n"));
        assert_non_null(strstr(out, "/data/sub/f 100640 0 5\n"));
        assert_non_null(strstr(out, "/data/fifo 10600 0 0\n"));
        assert_non_null(strstr(out, "/data/big 100644 0 200000\n"));
        assert_non_null(strstr(out, "/bin/tree -2\n"));
        assert_non_null(strstr(out, "/dev/null 20666 "));
        assert_non_null(strstr(out, "head[0000]tail\n"));
        harness_destroy(b);
    }
}

static int prog_wait_forever(int argc, char **argv) {
    int p[2];
    sys_pipe(p);
    char c;
    sys_read(p[0], &c, 1);
    return 0;
}

/* Bad input changes nothing: NULL kernels and a kernel copied onto
 * itself are EINVAL, a target with processes running is EBUSY. */
static void test_fs_copy_refuses_bad_targets(void **state) {
    Kernel *a = harness_kernel(NULL);
    Kernel *b = harness_kernel(NULL);
    kernel_install_program(b, "/bin/wait", prog_wait_forever);
    kernel_install_program(b, "/bin/lsl", prog_lsl);
    assert_int_equal(kernel_fs_copy(NULL, a), -AX_EINVAL);
    assert_int_equal(kernel_fs_copy(a, NULL), -AX_EINVAL);
    assert_int_equal(kernel_fs_copy(a, a), -AX_EINVAL);
    SyscallResult r = kernel_spawn(b, "/bin/wait", (char *[]){"wait", NULL});
    assert_int_equal(r.error, AX_OK);
    assert_int_equal(kernel_run(b), AX_RUN_DEADLOCK);
    assert_int_equal(kernel_fs_copy(b, a), -AX_EBUSY);
    /* b's programs are still there: nothing was replaced */
    harness_run(b, (char *[]){"/bin/lsl", "/bin/wait", NULL});
    assert_non_null(strstr(harness_output(b), "/bin/wait 100755 0 0\n"));
    harness_destroy_live(b);
    harness_destroy(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unsynced_data_is_kept_dropped_or_torn_by_the_seed),
        cmocka_unit_test(test_synced_data_survives_every_seed),
        cmocka_unit_test(test_powerloss_action_crashes_the_machine_from_a_call),
        cmocka_unit_test(test_crash_needs_a_crash_model),
        cmocka_unit_test(test_capacity_gives_short_writes_then_enospc),
        cmocka_unit_test(test_fresh_kernel_boots_on_a_crashed_file_system),
        cmocka_unit_test(test_fs_copy_refuses_bad_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
