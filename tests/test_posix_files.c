/* Hypotheses about files where axos once differed from POSIX and Linux:
 * the empty path, O_RDONLY|O_TRUNC, an empty write to a broken pipe, and
 * /dev: the names for one's own fds, /dev/tty, and no files made there. */
#include <stdio.h>
#include <stdlib.h>

#include "vfs_test.h"

/* An empty path names nothing: ENOENT for every call that takes one
 * (POSIX), spawn and exec included. */
TASK_TEST(test_empty_path_is_enoent_everywhere) {
    FileStat st;
    char *args[] = {"x", NULL};
    ERR(sys_open("", AX_O_RDONLY, 0), AX_ENOENT);
    ERR(sys_open("", AX_O_WRONLY | AX_O_CREAT, 0644), AX_ENOENT);
    ERR(sys_stat("", &st), AX_ENOENT);
    ERR(sys_mkdir("", 0755), AX_ENOENT);
    ERR(sys_rmdir(""), AX_ENOENT);
    ERR(sys_unlink(""), AX_ENOENT);
    ERR(sys_rename("", "/tmp/x"), AX_ENOENT);
    ERR(sys_rename("/etc/motd", ""), AX_ENOENT);
    ERR(sys_chdir(""), AX_ENOENT);
    ERR(sys_spawn("", args, NULL, NULL), AX_ENOENT);
    ERR(sys_exec("", args, NULL), AX_ENOENT);
    assert_int_equal(OK(sys_exists("")), 0);
    return 0;
}

/* PATH_MAX counts the NUL: 4095 bytes is the longest path. */
TASK_TEST(test_path_max_counts_the_nul) {
    static char path[AX_PATH_MAX + 1];
    for (size_t i = 0; i < AX_PATH_MAX; i++)
        path[i] = '/';
    path[AX_PATH_MAX] = '\0'; /* 4096 slashes: the root, but too long */
    FileStat st;
    ERR(sys_stat(path, &st), AX_ENAMETOOLONG);
    path[AX_PATH_MAX - 1] = '\0'; /* 4095 */
    OK(sys_stat(path, &st));
    assert_true(AX_S_ISDIR(st.mode));
    return 0;
}

/* Linux truncates a regular file opened O_RDONLY|O_TRUNC. A program node
 * cannot be truncated (EACCES: O_TRUNC asks for write permission); a
 * directory is EISDIR; a device ignores it. */
TASK_TEST(test_rdonly_trunc_truncates) {
    vt_put("/tmp/f", "content");
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDONLY | AX_O_TRUNC, 0));
    FileStat st;
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, 0);
    char buf[8];
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 0);
    ERR(sys_write(fd, "x", 1), AX_EBADF); /* still read-only */
    OK(sys_close(fd));
    ERR(sys_open("/bin/t", AX_O_RDONLY | AX_O_TRUNC, 0), AX_EACCES);
    ERR(sys_open("/tmp", AX_O_RDONLY | AX_O_TRUNC, 0), AX_EISDIR);
    OK(sys_close((int)OK(sys_open("/dev/null", AX_O_RDONLY | AX_O_TRUNC, 0))));
    return 0;
}

/* A write of 0 bytes to a pipe with no reader returns 0 and raises no
 * SIGPIPE (Linux); one byte is EPIPE and SIGPIPE. */
TASK_TEST(test_empty_write_to_a_broken_pipe) {
    int p[2];
    OK(sys_pipe(p));
    OK(sys_close(p[0]));
    OK(sys_sigblock(AX_SIGPIPE));
    assert_int_equal(OK(sys_write(p[1], "", 0)), 0);
    SigSet pending;
    sys_sigpending(&pending);
    assert_int_equal(pending, 0);
    ERR(sys_write(p[1], "x", 1), AX_EPIPE);
    sys_sigpending(&pending);
    assert_int_equal(pending, AX_SIGBIT(AX_SIGPIPE));
    sys_signal(AX_SIGPIPE, AX_SIG_IGN); /* drop it */
    OK(sys_sigunblock(AX_SIGPIPE));
    OK(sys_close(p[1]));
    return 0;
}

/* ---- /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr ---- */

/* Writing to /dev/stdout reaches fd 1 (the console here): it makes no
 * file in /dev. */
static int test_dev_stdout_is_fd_1_main(int argc, char **argv) {
    int fd = (int)OK(sys_open("/dev/stdout", AX_O_WRONLY | AX_O_CREAT | AX_O_TRUNC, 0644));
    assert_int_equal(OK(sys_write(fd, "via stdout\n", 11)), 11);
    OK(sys_close(fd));
    fd = (int)OK(sys_open("/dev/stderr", AX_O_WRONLY, 0));
    OK(sys_write(fd, "via stderr\n", 11));
    OK(sys_close(fd));
    FileStat a, b;
    OK(sys_stat("/dev/stdout", &a)); /* stat follows it to fd 1's file */
    OK(sys_fstat(1, &b));
    assert_int_equal(a.mode, b.mode);
    assert_true(AX_S_ISCHR(a.mode));
    return 0;
}

static void test_dev_stdout_output(void **state) {
    Kernel *k = vt_run_keep(test_dev_stdout_is_fd_1_main, NULL);
    assert_string_equal(harness_output(k), "via stdout\nvia stderr\n");
    harness_destroy(k);
}

/* fd 1 on a regular file: opening /dev/stdout opens that file anew, as
 * /proc/self/fd does on Linux: an offset of its own, and O_TRUNC and
 * O_APPEND as asked. */
TASK_TEST(test_dev_fd_reopens_a_regular_file) {
    vt_put("/tmp/f", "hello world");
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR, 0));
    OK(sys_lseek(fd, 6, AX_SEEK_SET));
    char path[32], buf[32];
    snprintf(path, sizeof path, "/dev/fd/%d", fd);
    int again = (int)OK(sys_open(path, AX_O_RDONLY, 0));
    assert_int_equal(OK(sys_read(again, buf, 5)), 5); /* from 0, not 6 */
    assert_memory_equal(buf, "hello", 5);
    assert_int_equal(OK(sys_lseek(fd, 0, AX_SEEK_CUR)), 6);
    FileStat a, b;
    OK(sys_fstat(fd, &a));
    OK(sys_fstat(again, &b));
    assert_int_equal(a.ino, b.ino);
    OK(sys_stat(path, &b));
    assert_int_equal(a.ino, b.ino);
    OK(sys_close(again));
    again = (int)OK(sys_open(path, AX_O_WRONLY | AX_O_APPEND, 0));
    OK(sys_write(again, "!", 1));
    OK(sys_close(again));
    assert_string_equal(vt_get("/tmp/f", buf, sizeof buf), "hello world!");
    again = (int)OK(sys_open(path, AX_O_WRONLY | AX_O_TRUNC, 0));
    OK(sys_close(again));
    assert_string_equal(vt_get("/tmp/f", buf, sizeof buf), "");
    ERR(sys_open(path, AX_O_RDONLY | AX_O_DIRECTORY, 0), AX_ENOTDIR);
    ERR(sys_open(path, AX_O_RDONLY | AX_O_CREAT | AX_O_EXCL, 0), AX_EEXIST);
    OK(sys_close(fd));
    /* a directory reopens as a directory */
    fd = (int)OK(sys_open("/etc", AX_O_RDONLY, 0));
    snprintf(path, sizeof path, "/dev/fd/%d", fd);
    again = (int)OK(sys_open(path, AX_O_RDONLY | AX_O_DIRECTORY, 0));
    DirEntry e;
    assert_int_equal(OK(sys_readdir(again, &e, 1)), 1);
    assert_string_equal(e.name, "group"); /* group hostname motd passwd shadow */
    ERR(sys_open(path, AX_O_WRONLY, 0), AX_EISDIR);
    OK(sys_close(again));
    OK(sys_close(fd));
    return 0;
}

/* A pipe end: a new reference to the same end, for the access mode it
 * allows. */
TASK_TEST(test_dev_fd_of_a_pipe) {
    int p[2];
    OK(sys_pipe(p));
    char path[32], buf[8];
    snprintf(path, sizeof path, "/dev/fd/%d", p[1]);
    int w = (int)OK(sys_open(path, AX_O_WRONLY, 0));
    ERR(sys_open(path, AX_O_RDONLY, 0), AX_EACCES);
    ERR(sys_open(path, AX_O_RDWR, 0), AX_EACCES);
    OK(sys_close(p[1]));
    OK(sys_write(w, "abc", 3));
    OK(sys_close(w)); /* the last write end: EOF after the bytes */
    assert_int_equal(OK(sys_read(p[0], buf, sizeof buf)), 3);
    assert_int_equal(OK(sys_read(p[0], buf, sizeof buf)), 0);
    OK(sys_close(p[0]));
    return 0;
}

/* Names of closed fds are missing; no name is made or removed in /dev. */
TASK_TEST(test_dev_fd_names_and_errors) {
    ERR(sys_open("/dev/fd/9", AX_O_RDONLY, 0), AX_ENOENT);
    ERR(sys_open("/dev/fd/01", AX_O_RDONLY, 0), AX_ENOENT);
    ERR(sys_open("/dev/fd/x", AX_O_RDONLY, 0), AX_ENOENT);
    ERR(sys_open("/dev/fd/99999", AX_O_RDONLY, 0), AX_ENOENT);
    ERR(sys_open("/dev/fd/9", AX_O_WRONLY | AX_O_CREAT, 0644), AX_EACCES);
    ERR(sys_open("/dev/newfile", AX_O_WRONLY | AX_O_CREAT, 0644), AX_EACCES);
    ERR(sys_mkdir("/dev/d", 0755), AX_EACCES);
    ERR(sys_mkdir("/dev/null", 0755), AX_EEXIST);
    ERR(sys_unlink("/dev/stdout"), AX_EACCES);
    ERR(sys_unlink("/dev/fd/1"), AX_EACCES);
    ERR(sys_rmdir("/dev/fd"), AX_EACCES);
    ERR(sys_rename("/dev/null", "/tmp/null"), AX_EACCES);
    vt_put("/tmp/f", "x");
    ERR(sys_rename("/tmp/f", "/dev/f"), AX_EACCES);
    ERR(sys_rename("/tmp/f", "/dev/null"), AX_EACCES);
    OK(sys_rename("/dev/null", "/dev/null")); /* nothing to do */
    assert_int_equal(OK(sys_exists("/dev/f")), 0);
    assert_int_equal(OK(sys_exists("/dev/fd/1")), 1);
    /* fd 0 closed: /dev/stdin names nothing */
    int saved = (int)OK(sys_dup(0));
    OK(sys_close(0));
    ERR(sys_open("/dev/stdin", AX_O_RDONLY, 0), AX_ENOENT);
    FileStat st;
    ERR(sys_stat("/dev/fd/0", &st), AX_ENOENT);
    OK(sys_dup2(saved, 0));
    OK(sys_close(saved));
    /* the listing: this process's open fds, in byte order, as links */
    int fd = (int)OK(sys_open("/dev/fd", AX_O_RDONLY | AX_O_DIRECTORY, 0)); /* 3 */
    OK(sys_dup2(fd, 10));
    DirEntry e[8];
    assert_int_equal(OK(sys_readdir(fd, e, 8)), 5);
    const char *want[] = {"0", "1", "10", "2", "3"};
    for (int i = 0; i < 5; i++) {
        assert_string_equal(e[i].name, want[i]);
        assert_int_equal(e[i].type, AX_DT_LNK);
    }
    OK(sys_close(10));
    OK(sys_close(fd));
    return 0;
}

/* ---- /dev/tty ---- */

static int prog_tty_check(int argc, char **argv) {
    SyscallResult r = sys_open("/dev/tty", AX_O_RDWR, 0);
    return r.error == AX_ENXIO ? 3 : r.error == AX_OK ? 0 : 1;
}

/* The caller's controlling terminal: the console for its session; ENXIO
 * for a process in a session without one. */
static int test_dev_tty_is_the_controlling_terminal_main(int argc, char **argv) {
    int fd = (int)OK(sys_open("/dev/tty", AX_O_RDWR, 0));
    OK(sys_write(fd, "tty\n", 4));
    assert_int_equal(OK(sys_tcgetpgrp(fd)), OK(sys_getpgid(0)));
    OK(sys_close(fd));
    kernel_install_program(vt_kernel, "/bin/ttycheck", prog_tty_check);
    int st;
    int c = (int)OK(sys_spawn("/bin/ttycheck", (char *[]){"ttycheck", NULL}, NULL, NULL));
    OK(sys_waitpid(c, &st, 0));
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    SpawnAttr setsid = {.flags = AX_SPAWN_SETSID};
    c = (int)OK(sys_spawn("/bin/ttycheck", (char *[]){"ttycheck", NULL}, NULL, &setsid));
    OK(sys_waitpid(c, &st, 0));
    assert_int_equal(AX_WEXITSTATUS(st), 3);
    return 0;
}

static void test_dev_tty(void **state) {
    Kernel *k = vt_run_keep(test_dev_tty_is_the_controlling_terminal_main, NULL);
    assert_string_equal(harness_output(k), "tty\n");
    harness_destroy(k);
}

int main(void) {
    (void)vt_nodes;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_path_is_enoent_everywhere),
        cmocka_unit_test(test_path_max_counts_the_nul),
        cmocka_unit_test(test_rdonly_trunc_truncates),
        cmocka_unit_test(test_empty_write_to_a_broken_pipe),
        cmocka_unit_test(test_dev_stdout_output),
        cmocka_unit_test(test_dev_fd_reopens_a_regular_file),
        cmocka_unit_test(test_dev_fd_of_a_pipe),
        cmocka_unit_test(test_dev_fd_names_and_errors),
        cmocka_unit_test(test_dev_tty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
