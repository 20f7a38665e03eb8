/* The kernel calls the POSIX layer added: pread, pwrite, truncate, access,
 * umask and vfork, at the sys_* level, happy paths and error paths, each
 * test ending with the harness's leak check. */
#include <setjmp.h>
#include <string.h>

#include "harness.h"

static Kernel *boot(void) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(kernel_install_userland(k), 0);
    return k;
}

static void run(Kernel *k, const char *path, ProgramMain main) {
    assert_int_equal(kernel_install_program(k, path, main), 0);
    char *argv[] = {(char *)path, NULL};
    int st = harness_run(k, argv);
    assert_int_equal(st, 0);
}

#define EXPECT(call, err)                                                                           \
    do {                                                                                            \
        SyscallResult r_ = (call);                                                                  \
        if (r_.error != (err))                                                                      \
            tprintf("FAIL line %d: %s gave %s\n", __LINE__, #call, sys_errname(r_.error));         \
    } while (0)

static int pio_main(int argc, char **argv) {
    int fd = (int)sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644).value;
    sys_write(fd, "0123456789", 10);
    char buf[8] = {0};
    SyscallResult r = sys_pread(fd, buf, 4, 3);
    if (r.value != 4 || memcmp(buf, "3456", 4) != 0)
        tprintf("FAIL pread\n");
    if (sys_lseek(fd, 0, AX_SEEK_CUR).value != 10)
        tprintf("FAIL pread moved the offset\n");
    if (sys_pwrite(fd, "ab", 2, 8).value != 2 || sys_pread(fd, buf, 8, 6).value != 4 ||
        memcmp(buf, "67ab", 4) != 0)
        tprintf("FAIL pwrite\n");
    if (sys_pread(fd, buf, 4, 100).value != 0)
        tprintf("FAIL pread past the end\n");
    if (sys_pwrite(fd, "z", 1, 12).value != 1 || sys_pread(fd, buf, 3, 10).value != 3 ||
        memcmp(buf, "\0\0z", 3) != 0)
        tprintf("FAIL pwrite past the end leaves a zero gap\n");
    EXPECT(sys_pread(fd, buf, 1, -1), AX_EINVAL);
    EXPECT(sys_pread(-1, buf, 1, 0), AX_EBADF);
    EXPECT(sys_pread(fd, NULL, 1, 0), AX_EFAULT);
    int p[2];
    sys_pipe(p);
    EXPECT(sys_pread(p[0], buf, 1, 0), AX_ESPIPE);
    EXPECT(sys_pwrite(p[1], "x", 1, 0), AX_ESPIPE);
    EXPECT(sys_pwrite(p[0], "x", 1, 0), AX_ESPIPE);
    int ro = (int)sys_open("/tmp/f", AX_O_RDONLY, 0).value;
    EXPECT(sys_pwrite(ro, "x", 1, 0), AX_EBADF);
    int ap = (int)sys_open("/tmp/f", AX_O_WRONLY | AX_O_APPEND, 0).value;
    sys_pwrite(ap, "END", 3, 0); /* Linux: O_APPEND wins over the offset */
    FileStat st;
    sys_fstat(fd, &st);
    if (st.size != 16 || sys_lseek(ap, 0, AX_SEEK_CUR).value != 0)
        tprintf("FAIL pwrite on O_APPEND: size %llu\n", (unsigned long long)st.size);
    int dfd = (int)sys_open("/tmp", AX_O_RDONLY, 0).value;
    EXPECT(sys_pread(dfd, buf, 1, 0), AX_EISDIR);
    sys_close(dfd);
    sys_close(ro);
    sys_close(ap);
    sys_close(p[0]);
    sys_close(p[1]);
    sys_close(fd);
    tprintf("pio done\n");
    return 0;
}

static void test_pread_pwrite(void **state) {
    (void)state;
    Kernel *k = boot();
    run(k, "/bin/pio", pio_main);
    assert_string_equal(harness_output(k), "pio done\n");
    harness_destroy(k);
}

static int paths_main(int argc, char **argv) {
    int fd = (int)sys_open("/tmp/t", AX_O_RDWR | AX_O_CREAT, 0644).value;
    sys_write(fd, "hello world", 11);
    sys_close(fd);
    FileStat st;
    if (sys_truncate("/tmp/t", 5).error || sys_stat("/tmp/t", &st).error || st.size != 5)
        tprintf("FAIL truncate down\n");
    if (sys_truncate("/tmp/t", 8).error || sys_stat("/tmp/t", &st).error || st.size != 8)
        tprintf("FAIL truncate up\n");
    EXPECT(sys_truncate("/tmp/t", -1), AX_EINVAL);
    EXPECT(sys_truncate("/tmp/none", 0), AX_ENOENT);
    EXPECT(sys_truncate("/tmp", 0), AX_EISDIR);
    EXPECT(sys_truncate("/bin/ls", 0), AX_EACCES);
    EXPECT(sys_truncate("/dev/null", 0), AX_EINVAL);
    EXPECT(sys_truncate(NULL, 0), AX_EFAULT);
    EXPECT(sys_truncate("/tmp/t/x", 0), AX_ENOTDIR);
    sys_stat("/tmp/t", &st);
    if (st.size != 8)
        tprintf("FAIL a failed truncate changed the file\n");

    EXPECT(sys_access("/tmp/t", AX_F_OK), AX_OK);
    EXPECT(sys_access("/tmp/t", AX_R_OK | AX_W_OK), AX_OK);
    EXPECT(sys_access("/tmp/t", AX_X_OK), AX_EACCES);
    EXPECT(sys_access("/bin/ls", AX_X_OK), AX_OK);
    EXPECT(sys_access("/bin/ls", AX_W_OK), AX_EACCES);
    EXPECT(sys_access("/tmp", AX_X_OK), AX_OK);
    EXPECT(sys_access("/tmp/none", AX_F_OK), AX_ENOENT);
    EXPECT(sys_access("/tmp/t", 8), AX_EINVAL);
    EXPECT(sys_access(NULL, AX_F_OK), AX_EFAULT);

    /* umask: 022 from kernel_spawn; open and mkdir honour it */
    if (sys_umask(077).value != 022 || sys_umask(022).value != 077)
        tprintf("FAIL umask's old values\n");
    sys_umask(027);
    fd = (int)sys_open("/tmp/u", AX_O_WRONLY | AX_O_CREAT, 0666).value;
    sys_close(fd);
    sys_mkdir("/tmp/ud", 0777);
    FileStat f2, d2;
    sys_stat("/tmp/u", &f2);
    sys_stat("/tmp/ud", &d2);
    if ((f2.mode & 0777) != 0640 || (d2.mode & 0777) != 0750)
        tprintf("FAIL umask 027: file %o dir %o\n", f2.mode & 0777, d2.mode & 0777);
    if (sys_umask(0777777).value != 027 || sys_umask(0).value != 0777)
        tprintf("FAIL umask keeps only 0777\n");
    tprintf("paths done\n");
    return 0;
}

static void test_truncate_access_umask(void **state) {
    (void)state;
    Kernel *k = boot();
    run(k, "/bin/paths", paths_main);
    assert_string_equal(harness_output(k), "paths done\n");
    harness_destroy(k);
}

/* ---- vfork at the sys_* level: the program keeps its own frame to go
 * back to, as the POSIX layer does for vfork(). Tests run one at a time,
 * so one static frame is enough. */

static jmp_buf vf_frame;
static int vf_parent_var;

static void vf_resume(int pid) {
    longjmp(vf_frame, pid);
}

static int vf_child_exit(void) {
    vf_parent_var = 1; /* the parent's memory */
    int fd = (int)sys_open("/tmp/child", AX_O_WRONLY | AX_O_CREAT, 0644).value;
    sys_dup2(fd, 1);
    sys_close(fd);
    tprintf("child pid %d, parent %d\n", (int)sys_getpid().value, (int)sys_getppid().value);
    sys_exit(7);
    return 0;
}

static int vfork_main(int argc, char **argv) {
    int me = (int)sys_getpid().value;
    volatile int pid = setjmp(vf_frame);
    if (pid == 0) {
        SyscallResult r = sys_vfork(vf_resume);
        if (r.error || r.value != 0 || sys_getpid().value == me)
            tprintf("FAIL vfork in the child\n");
        vf_child_exit();
    }
    int st;
    if (sys_waitpid(pid, &st, 0).value != pid || !AX_WIFEXITED(st) || AX_WEXITSTATUS(st) != 7)
        tprintf("FAIL child status\n");
    if (vf_parent_var != 1)
        tprintf("FAIL the child's write to shared memory\n");
    FileStat fs;
    if (sys_stat("/tmp/child", &fs).error || fs.size == 0)
        tprintf("FAIL the child's own fd table\n");
    /* fd 1 is still the parent's console */
    tprintf("parent got %d\n", pid > me);

    /* exec from the child: the parent resumes, the child runs echo */
    pid = setjmp(vf_frame);
    if (pid == 0) {
        sys_vfork(vf_resume);
        char *av[] = {"echo", "from exec", NULL};
        sys_exec("/bin/echo", av, NULL);
        sys_exit(127);
    }
    sys_waitpid(pid, &st, 0);
    tprintf("exec child: %d\n", AX_WEXITSTATUS(st));

    /* a failed exec leaves the child borrowing; it exits */
    pid = setjmp(vf_frame);
    if (pid == 0) {
        sys_vfork(vf_resume);
        char *av[] = {"x", NULL};
        SyscallResult e = sys_exec("/no/such", av, NULL);
        sys_exit(e.error == AX_ENOENT ? 42 : 1);
    }
    sys_waitpid(pid, &st, 0);
    tprintf("failed exec: %d\n", AX_WEXITSTATUS(st));

    /* signals to the parent wait until it resumes; SIGTERM to the child
     * kills it, and the parent resumes all the same */
    sys_sigblock(AX_SIGUSR1);
    pid = setjmp(vf_frame);
    if (pid == 0) {
        sys_vfork(vf_resume);
        sys_kill((int)sys_getppid().value, AX_SIGUSR1); /* caught by the parent later */
        sys_kill((int)sys_getpid().value, AX_SIGTERM);
        sys_exit(1); /* not reached */
    }
    sys_waitpid(pid, &st, 0);
    tprintf("killed child: signal %d\n", AX_WTERMSIG(st));
    SigSet pend;
    sys_sigpending(&pend);
    tprintf("parent's SIGUSR1 pending after resume: %d\n", (pend & AX_SIGBIT(AX_SIGUSR1)) != 0);
    sys_signal(AX_SIGUSR1, AX_SIG_IGN);
    sys_sigunblock(AX_SIGUSR1);

    EXPECT(sys_vfork(NULL), AX_EFAULT);
    return 0;
}

static void test_vfork(void **state) {
    (void)state;
    Kernel *k = boot();
    assert_int_equal(kernel_install_program(k, "/bin/vf", vfork_main), 0);
    char *argv[] = {"/bin/vf", NULL};
    SyscallResult sp = kernel_spawn(k, "/bin/vf", argv);
    assert_int_equal(sp.error, AX_OK);
    int st;
    assert_int_equal(kernel_wait(k, (int)sp.value, &st), 0);
    assert_int_equal(st, 0);
    assert_string_equal(harness_output(k), "parent got 1\n"
                                           "from exec\n"
                                           "exec child: 0\n"
                                           "failed exec: 42\n"
                                           "killed child: signal 15\n"
                                           "parent's SIGUSR1 pending after resume: 1\n");
    harness_destroy(k);
}

/* The parent of a vfork child that blocks is suspended until the child
 * goes; SIGKILL to the parent meanwhile waits, then ends it. */
static int vfork_block_main(int argc, char **argv) {
    volatile int pid = setjmp(vf_frame);
    if (pid == 0) {
        sys_vfork(vf_resume);
        char c;
        sys_read(0, &c, 1); /* blocks: console input */
        sys_exit(3);
    }
    tprintf("parent resumed\n"); /* never: SIGKILL is pending */
    return 0;
}

static void test_vfork_blocked_child(void **state) {
    (void)state;
    Kernel *k = boot();
    assert_int_equal(kernel_install_program(k, "/bin/vb", vfork_block_main), 0);
    char *argv[] = {"/bin/vb", NULL};
    SyscallResult sp = kernel_spawn(k, "/bin/vb", argv);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    assert_int_equal(kernel_kill(k, (int)sp.value, AX_SIGKILL), 0);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT); /* the child still reads */
    kernel_console_push_text(k, "x\n", 2);
    int st;
    assert_int_equal(kernel_wait(k, (int)sp.value, &st), 0);
    assert_true(AX_WIFSIGNALED(st));
    assert_int_equal(AX_WTERMSIG(st), AX_SIGKILL);
    assert_string_equal(harness_output(k), "");
    harness_destroy(k); /* the child, an orphan now, was reaped */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pread_pwrite),
        cmocka_unit_test(test_truncate_access_umask),
        cmocka_unit_test(test_vfork),
        cmocka_unit_test(test_vfork_blocked_child),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
