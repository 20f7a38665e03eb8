/* VFS, part 2: the tree - path resolution and its errors, mkdir, rmdir,
 * unlink, rename, exists, getcwd and chdir, readdir, program nodes, and a
 * directory of 200,000 entries. */
#include <stdio.h>

#include "vfs_test.h"

/* ".", "..", repeated and trailing slashes, relative paths, ".." at "/". */
TASK_TEST(test_path_forms) {
    OK(sys_mkdir("/tmp/a", 0755));
    OK(sys_mkdir("/tmp/a/b", 0755));
    vt_put("/tmp/a/b/f", "x");
    FileStat file, root, st;
    OK(sys_stat("/tmp/a/b/f", &file));
    const char *same[] = {"//tmp///a/b//f", "/tmp/./a/./b/f", "/tmp/a/../a/b/f",
                          "/../../tmp/a/b/f", "/tmp/a/b/../b/./f"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        OK(sys_stat(same[i], &st));
        assert_int_equal(st.ino, file.ino);
    }
    OK(sys_stat("/", &root));
    const char *roots[] = {"/..", "///", "/tmp/../..", "/./."};
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        OK(sys_stat(roots[i], &st));
        assert_int_equal(st.ino, root.ino);
    }
    OK(sys_stat("/tmp/a/b/", &st)); /* trailing slash on a directory */
    assert_true(AX_S_ISDIR(st.mode));
    ERR(sys_stat("/tmp/a/b/f/", &st), AX_ENOTDIR);
    OK(sys_chdir("/tmp/a"));
    const char *relative[] = {"b/f", "./b/../b/f", "../../tmp/a/b/f", "b//f"};
    for (size_t i = 0; i < sizeof relative / sizeof relative[0]; i++) {
        OK(sys_stat(relative[i], &st));
        assert_int_equal(st.ino, file.ino);
    }
    FileStat a;
    OK(sys_stat("/tmp/a", &a));
    OK(sys_stat(".", &st));
    assert_int_equal(st.ino, a.ino);
    OK(sys_stat("b/..", &st));
    assert_int_equal(st.ino, a.ino);
    return 0;
}

/* Path errors: NULL, empty, too long, a long component, missing, through
 * a file. Every path syscall gives them the same way. */
TASK_TEST(test_path_errors) {
    /* 4096 bytes of "/aaa...a" components of 100 bytes: with its NUL,
     * one more than PATH_MAX allows */
    static char longpath[AX_PATH_MAX + 1], name[AX_NAME_MAX + 2];
    for (size_t i = 0; i < AX_PATH_MAX; i++)
        longpath[i] = i % 100 == 0 ? '/' : 'a';
    memset(name, 'n', AX_NAME_MAX + 1);     /* 256 bytes */
    char longname[AX_NAME_MAX + 16] = "/tmp/";
    strcat(longname, name);
    FileStat st;
    char buf[8];
    const struct {
        const char *path;
        SyscallError err;
    } cases[] = {
        {NULL, AX_EFAULT},        {"", AX_ENOENT},         {longpath, AX_ENAMETOOLONG},
        {longname, AX_ENAMETOOLONG}, {"/nope/x", AX_ENOENT}, {"/etc/motd/x", AX_ENOTDIR},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = cases[i].path;
        SyscallError e = cases[i].err;
        ERR(sys_open(p, AX_O_RDONLY, 0), e);
        ERR(sys_open(p, AX_O_RDWR | AX_O_CREAT, 0644), e);
        ERR(sys_stat(p, &st), e);
        ERR(sys_mkdir(p, 0755), e);
        ERR(sys_rmdir(p), e);
        ERR(sys_unlink(p), e);
        ERR(sys_chdir(p), e);
        ERR(sys_rename(p, "/tmp/z"), e);
        ERR(sys_rename("/etc/motd", p), e);
        if (e == AX_ENOENT || e == AX_ENOTDIR)
            assert_int_equal(OK(sys_exists(p)), 0);
        else
            ERR(sys_exists(p), e);
    }
    /* The limits themselves are fine: a 255-byte name, a 4095-byte path. */
    name[AX_NAME_MAX] = '\0';
    strcpy(longname + 5, name);
    vt_put(longname, "ok");
    OK(sys_unlink(longname));
    longpath[AX_PATH_MAX - 1] = '\0';
    ERR(sys_stat(longpath, &st), AX_ENOENT);
    assert_int_equal(OK(sys_getcwd(buf, sizeof buf)), 1); /* nothing moved */
    return 0;
}

/* mkdir makes a directory with the mode given; its errors. */
TASK_TEST(test_mkdir) {
    OK(sys_mkdir("/tmp/d", 0700));
    FileStat st;
    OK(sys_stat("/tmp/d", &st));
    assert_true(AX_S_ISDIR(st.mode));
    assert_int_equal(st.mode & 07777, 0700);
    OK(sys_mkdir("/tmp/e/", 0755)); /* a trailing slash is fine */
    ERR(sys_mkdir("/tmp/d", 0755), AX_EEXIST);
    ERR(sys_mkdir("/etc/motd", 0755), AX_EEXIST);
    ERR(sys_mkdir("/", 0755), AX_EEXIST);
    ERR(sys_mkdir("/tmp/.", 0755), AX_EEXIST);
    ERR(sys_mkdir("/tmp/x/y", 0755), AX_ENOENT);
    ERR(sys_mkdir("/etc/motd/y", 0755), AX_ENOTDIR);
    return 0;
}

/* rmdir removes empty directories only; "/" is busy, "." is invalid. */
TASK_TEST(test_rmdir) {
    OK(sys_mkdir("/tmp/d", 0755));
    OK(sys_mkdir("/tmp/d/sub", 0755));
    ERR(sys_rmdir("/tmp/d"), AX_ENOTEMPTY);
    ERR(sys_rmdir("/"), AX_EBUSY);
    ERR(sys_rmdir("/tmp/d/sub/."), AX_EINVAL);
    ERR(sys_rmdir("/tmp/d/sub/.."), AX_ENOTEMPTY);
    ERR(sys_rmdir("/etc/motd"), AX_ENOTDIR);
    ERR(sys_rmdir("/tmp/none"), AX_ENOENT);
    OK(sys_rmdir("/tmp/d/sub/"));
    OK(sys_rmdir("/tmp/d"));
    assert_int_equal(OK(sys_exists("/tmp/d")), 0);
    ERR(sys_rmdir("/tmp/d"), AX_ENOENT);
    return 0;
}

/* unlink removes names of files, never directories. */
TASK_TEST(test_unlink) {
    vt_put("/tmp/f", "x");
    ERR(sys_unlink("/tmp"), AX_EISDIR);
    ERR(sys_unlink("/"), AX_EISDIR);
    ERR(sys_unlink("/tmp/f/"), AX_ENOTDIR);
    ERR(sys_unlink("/tmp/none"), AX_ENOENT);
    OK(sys_unlink("/tmp/f"));
    ERR(sys_unlink("/tmp/f"), AX_ENOENT);
    /* /dev's names are the system's: a program removes none (EACCES, as
     * a user gets on Linux) */
    ERR(sys_unlink("/dev/null"), AX_EACCES);
    assert_int_equal(OK(sys_exists("/dev/null")), 1);
    return 0;
}

/* rename follows POSIX: a file replaces a file, a directory an empty
 * directory; the rest are errors that change nothing. */
TASK_TEST(test_rename) {
    char buf[32];
    vt_put("/tmp/a", "AAA");
    vt_put("/tmp/b", "BBB");
    uint64_t nodes = vt_nodes();
    OK(sys_rename("/tmp/a", "/tmp/b"));
    assert_int_equal(OK(sys_exists("/tmp/a")), 0);
    assert_string_equal(vt_get("/tmp/b", buf, sizeof buf), "AAA");
    assert_int_equal(vt_nodes(), nodes - 1); /* the old /tmp/b is gone */
    OK(sys_rename("/tmp/b", "/tmp/b"));      /* same path: nothing happens */
    OK(sys_rename("/tmp/b", "/tmp/./b"));
    assert_string_equal(vt_get("/tmp/b", buf, sizeof buf), "AAA");
    OK(sys_rename("/tmp/b", "/home/moved")); /* across directories */
    assert_string_equal(vt_get("/home/moved", buf, sizeof buf), "AAA");

    OK(sys_mkdir("/tmp/d", 0755));
    OK(sys_mkdir("/tmp/d/in", 0755));
    OK(sys_mkdir("/tmp/empty", 0755));
    OK(sys_mkdir("/tmp/full", 0755));
    vt_put("/tmp/full/x", "x");
    ERR(sys_rename("/tmp/d", "/tmp/d/in/deeper"), AX_EINVAL);
    ERR(sys_rename("/tmp/d", "/tmp/d/in"), AX_EINVAL);
    ERR(sys_rename("/home/moved", "/tmp/empty"), AX_EISDIR);
    ERR(sys_rename("/tmp/d", "/home/moved"), AX_ENOTDIR);
    ERR(sys_rename("/tmp/d", "/tmp/full"), AX_ENOTEMPTY);
    ERR(sys_rename("/tmp/none", "/tmp/z"), AX_ENOENT);
    ERR(sys_rename("/tmp/d", "/tmp/none/z"), AX_ENOENT);
    ERR(sys_rename("/", "/tmp/z"), AX_EBUSY);
    ERR(sys_rename("/tmp/d", "/"), AX_EBUSY);
    ERR(sys_rename("/home/moved/", "/tmp/z"), AX_ENOTDIR);
    assert_int_equal(OK(sys_exists("/tmp/d/in")), 1);
    OK(sys_rename("/tmp/d", "/tmp/empty")); /* a directory over an empty one */
    assert_int_equal(OK(sys_exists("/tmp/empty/in")), 1);
    assert_int_equal(OK(sys_exists("/tmp/d")), 0);
    FileStat st;
    OK(sys_stat("/tmp", &st));
    assert_int_equal(st.nlink, 2 + 2); /* empty (was d) and full */
    OK(sys_rename("/tmp/empty/in", "/tmp/in2/"));
    OK(sys_stat("/tmp/in2/..", &st));
    FileStat tmp;
    OK(sys_stat("/tmp", &tmp));
    assert_int_equal(st.ino, tmp.ino); /* ".." follows the move */
    return 0;
}

/* A cwd follows its directory through renames; getcwd says where it is. */
TASK_TEST(test_chdir_and_getcwd) {
    char buf[64];
    assert_int_equal(OK(sys_getcwd(buf, sizeof buf)), 1);
    assert_string_equal(buf, "/");
    OK(sys_mkdir("/tmp/a", 0755));
    OK(sys_mkdir("/tmp/a/b", 0755));
    OK(sys_chdir("/tmp/a/b"));
    assert_int_equal(OK(sys_getcwd(buf, sizeof buf)), 8);
    assert_string_equal(buf, "/tmp/a/b");
    ERR(sys_getcwd(buf, 8), AX_ERANGE);
    ERR(sys_getcwd(buf, 0), AX_EINVAL); /* POSIX: size 0 is EINVAL */
    ERR(sys_getcwd(NULL, 64), AX_EFAULT);
    OK(sys_rename("/tmp/a", "/home/z"));
    OK(sys_getcwd(buf, sizeof buf));
    assert_string_equal(buf, "/home/z/b");
    OK(sys_chdir(".."));
    OK(sys_getcwd(buf, sizeof buf));
    assert_string_equal(buf, "/home/z");
    OK(sys_chdir("b/../../.."));
    OK(sys_getcwd(buf, sizeof buf));
    assert_string_equal(buf, "/");
    OK(sys_chdir(".."));
    OK(sys_getcwd(buf, sizeof buf));
    assert_string_equal(buf, "/");
    ERR(sys_chdir("/etc/motd"), AX_ENOTDIR);
    ERR(sys_chdir("/nope"), AX_ENOENT);
    OK(sys_getcwd(buf, sizeof buf));
    assert_string_equal(buf, "/"); /* failed chdirs moved nothing */
    return 0;
}

/* A removed cwd: getcwd gives AX_ENOENT, nothing can be made in it, and
 * ".." still leads back. */
TASK_TEST(test_removed_cwd) {
    uint64_t nodes = vt_nodes();
    OK(sys_mkdir("/tmp/gone", 0755));
    OK(sys_chdir("/tmp/gone"));
    OK(sys_rmdir("/tmp/gone"));
    assert_int_equal(vt_nodes(), nodes + 1); /* the cwd holds it */
    char buf[64];
    ERR(sys_getcwd(buf, sizeof buf), AX_ENOENT);
    ERR(sys_open("f", AX_O_RDWR | AX_O_CREAT, 0644), AX_ENOENT);
    ERR(sys_mkdir("sub", 0755), AX_ENOENT);
    FileStat st;
    OK(sys_stat(".", &st));
    assert_int_equal(st.nlink, 0);
    OK(sys_chdir(".."));
    OK(sys_getcwd(buf, sizeof buf));
    assert_string_equal(buf, "/tmp");
    assert_int_equal(vt_nodes(), nodes);
    return 0;
}

/* A child starts in its parent's cwd. */
static int print_cwd_main(int argc, char **argv) {
    char buf[64];
    OK(sys_getcwd(buf, sizeof buf));
    return strcmp(buf, "/home") == 0 ? 0 : 1;
}

TASK_TEST(test_cwd_is_inherited) {
    assert_int_equal(kernel_install_program(vt_kernel, "/bin/pwdcheck", print_cwd_main), 0);
    OK(sys_chdir("/home"));
    int pid = (int)OK(sys_spawn("/bin/pwdcheck", (char *[]){"pwdcheck", NULL}, NULL, NULL));
    int status;
    OK(sys_waitpid(pid, &status, 0));
    assert_true(AX_WIFEXITED(status));
    assert_int_equal(AX_WEXITSTATUS(status), 0);
    return 0;
}

/* exists: 1 or 0, and path errors other than ENOENT/ENOTDIR. */
TASK_TEST(test_exists) {
    assert_int_equal(OK(sys_exists("/")), 1);
    assert_int_equal(OK(sys_exists("/etc/motd")), 1);
    assert_int_equal(OK(sys_exists("/etc/")), 1);
    assert_int_equal(OK(sys_exists("/etc/motd/")), 0);
    assert_int_equal(OK(sys_exists("/nope")), 0);
    ERR(sys_exists(NULL), AX_EFAULT);
    assert_int_equal(OK(sys_exists("")), 0); /* names nothing (ENOENT) */
    return 0;
}

/* Read a whole listing of fd, checking order; returns the count. */
static size_t list_all(int fd, char names[][16], size_t max) {
    DirEntry ents[8];
    size_t total = 0;
    int64_t n;
    while ((n = OK(sys_readdir(fd, ents, 8))) > 0) {
        for (int64_t i = 0; i < n; i++, total++) {
            assert_string_not_equal(ents[i].name, ".");
            assert_string_not_equal(ents[i].name, "..");
            if (total < max)
                snprintf(names[total], 16, "%.15s", ents[i].name);
            if (total > 0 && total < max)
                assert_true(strcmp(names[total - 1], names[total]) < 0);
        }
    }
    return total;
}

/* readdir lists names sorted by bytes, with types; the listing is a
 * snapshot until lseek(fd, 0, SEEK_SET) rewinds. */
TASK_TEST(test_readdir) {
    char names[16][16];
    OK(sys_mkdir("/tmp/d", 0755));
    const char *mk[] = {"b", "a", "B", "ab", "z"};
    for (size_t i = 0; i < 5; i++) {
        char p[32] = "/tmp/d/";
        vt_put(strcat(p, mk[i]), "");
    }
    OK(sys_mkdir("/tmp/d/sub", 0755));
    int fd = (int)OK(sys_open("/tmp/d", AX_O_RDONLY | AX_O_DIRECTORY, 0));
    DirEntry e[2];
    assert_int_equal(OK(sys_readdir(fd, e, 2)), 2);
    assert_string_equal(e[0].name, "B");
    assert_string_equal(e[1].name, "a");
    assert_int_equal(e[0].type, AX_DT_REG);
    vt_put("/tmp/d/0first", ""); /* after the snapshot: not listed yet */
    OK(sys_unlink("/tmp/d/z"));  /* still listed */
    assert_int_equal(list_all(fd, names, 16), 4);
    assert_string_equal(names[0], "ab");
    assert_string_equal(names[2], "sub");
    assert_string_equal(names[3], "z");
    assert_int_equal(OK(sys_readdir(fd, e, 2)), 0); /* stays at the end */
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    assert_int_equal(list_all(fd, names, 16), 6);
    assert_string_equal(names[0], "0first");
    assert_string_equal(names[5], "sub");
    OK(sys_lseek(fd, 5, AX_SEEK_SET));
    assert_int_equal(OK(sys_readdir(fd, e, 2)), 1);
    assert_int_equal(e[0].type, AX_DT_DIR);
    assert_int_equal(OK(sys_readdir(fd, e, 0)), 0);
    ERR(sys_readdir(fd, NULL, 2), AX_EFAULT);
    assert_int_equal(OK(sys_lseek(fd, -1, AX_SEEK_CUR)), 5); /* offsets are indexes */
    ERR(sys_lseek(fd, 0, AX_SEEK_END), AX_EINVAL);
    ERR(sys_lseek(fd, -7, AX_SEEK_CUR), AX_EINVAL);
    FileStat st;
    OK(sys_fstat(fd, &st));
    assert_true(AX_S_ISDIR(st.mode));
    assert_int_equal(st.size, 6);
    OK(sys_close(fd));

    OK(sys_mkdir("/tmp/empty", 0755)); /* an empty listing */
    fd = (int)OK(sys_open("/tmp/empty", AX_O_RDONLY, 0));
    assert_int_equal(OK(sys_readdir(fd, e, 2)), 0);
    vt_put("/tmp/empty/late", "");
    assert_int_equal(OK(sys_readdir(fd, e, 2)), 0); /* the snapshot was empty */
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_readdir(fd, e, 2)), 1);
    OK(sys_close(fd));
    ERR(sys_open("/tmp/nodir", AX_O_RDONLY | AX_O_CREAT | AX_O_DIRECTORY, 0755), AX_EINVAL);

    fd = (int)OK(sys_open("/dev", AX_O_RDONLY, 0));
    /* console fd full null ptmx pts random stderr stdin stdout tty urandom zero */
    assert_int_equal(list_all(fd, names, 16), 13);
    assert_string_equal(names[0], "console");
    assert_string_equal(names[1], "fd");
    assert_string_equal(names[7], "stderr");
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_readdir(fd, e, 1)), 1);
    assert_int_equal(e[0].type, AX_DT_CHR);
    OK(sys_close(fd));
    fd = (int)OK(sys_open("/", AX_O_RDONLY, 0));
    /* bin dev etc home proc root tmp */
    assert_int_equal(list_all(fd, names, 16), 7);
    assert_string_equal(names[0], "bin");
    assert_string_equal(names[4], "proc");
    assert_string_equal(names[5], "root");
    assert_string_equal(names[6], "tmp");
    OK(sys_close(fd));
    return 0;
}

/* Program nodes: executable regular files; only programs can be spawned;
 * installing makes parents and replaces. */
static int prog_a(int argc, char **argv) { return 3; }
static int prog_b(int argc, char **argv) { return 4; }

static int spawn_status(const char *path) {
    int pid = (int)OK(sys_spawn(path, (char *[]){(char *)path, NULL}, NULL, NULL));
    int status;
    OK(sys_waitpid(pid, &status, 0));
    return AX_WEXITSTATUS(status);
}

TASK_TEST(test_program_nodes) {
    Kernel *k = vt_kernel;
    assert_int_equal(kernel_install_program(k, "/opt/x/prog", prog_a), 0);
    FileStat st;
    OK(sys_stat("/opt/x", &st));
    assert_true(AX_S_ISDIR(st.mode));
    OK(sys_stat("/opt/x/prog", &st));
    assert_true(AX_S_ISREG(st.mode));
    assert_int_equal(st.mode & 07777, 0755);
    assert_int_equal(spawn_status("/opt/x/prog"), 3);
    assert_int_equal(kernel_install_program(k, "/opt/x/prog", prog_b), 0);
    assert_int_equal(spawn_status("/opt/x/prog"), 4);
    vt_put("/tmp/plain", "not a program");
    assert_int_equal(kernel_install_program(k, "/tmp/plain", prog_a), 0); /* replaces */
    assert_int_equal(spawn_status("/tmp/plain"), 3);

    ERR(sys_spawn("/etc/motd", (char *[]){"motd", NULL}, NULL, NULL), AX_EACCES);
    ERR(sys_spawn("/tmp", (char *[]){"tmp", NULL}, NULL, NULL), AX_EACCES);
    ERR(sys_spawn("/bin/none", (char *[]){"none", NULL}, NULL, NULL), AX_ENOENT);
    ERR(sys_open("/opt/x/prog", AX_O_WRONLY, 0), AX_EACCES);
    int fd = (int)OK(sys_open("/opt/x/prog", AX_O_RDONLY, 0)); /* reads as empty */
    char c;
    assert_int_equal(OK(sys_read(fd, &c, 1)), 0);
    assert_int_equal(OK(sys_lseek(fd, 4, AX_SEEK_END)), 4);
    OK(sys_close(fd));

    assert_int_equal(kernel_install_program(k, "/tmp", prog_a), -AX_EISDIR);
    assert_int_equal(kernel_install_program(k, "/bin/y/", prog_a), -AX_EISDIR);
    assert_int_equal(kernel_install_program(k, "/etc/motd/y", prog_a), -AX_ENOTDIR);
    assert_int_equal(kernel_install_program(k, "", prog_a), -AX_EINVAL);
    assert_int_equal(kernel_install_program(k, NULL, prog_a), -AX_EINVAL);
    assert_int_equal(kernel_install_program(k, "/bin/z", NULL), -AX_EINVAL);
    return 0;
}

/* A directory of 200,000 names: every one found, listed once and sorted,
 * and removable. (Speed is measured in bench/, not here.) */
#define BIG 200000

static void big_name(char *buf, int i) { snprintf(buf, 32, "/tmp/big/f%06d", i); }

TASK_TEST(test_large_directory) {
    char path[32];
    OK(sys_mkdir("/tmp/big", 0755));
    for (int i = 0; i < BIG; i++) {
        big_name(path, i);
        OK(sys_close((int)OK(sys_open(path, AX_O_WRONLY | AX_O_CREAT | AX_O_EXCL, 0644))));
    }
    FileStat st;
    OK(sys_stat("/tmp/big", &st));
    assert_int_equal(st.size, BIG);
    for (int i = BIG - 1; i >= 0; i -= 7) {
        big_name(path, i);
        assert_int_equal(OK(sys_exists(path)), 1);
    }
    assert_int_equal(OK(sys_exists("/tmp/big/f200000")), 0);
    int fd = (int)OK(sys_open("/tmp/big", AX_O_RDONLY, 0));
    static DirEntry ents[64];
    int seen = 0;
    int64_t n;
    while ((n = OK(sys_readdir(fd, ents, 64))) > 0) {
        for (int64_t i = 0; i < n; i++, seen++) {
            big_name(path, seen);
            assert_string_equal(ents[i].name, path + 9);
        }
    }
    assert_int_equal(seen, BIG);
    OK(sys_close(fd));
    for (int i = 0; i < BIG; i += 2) {
        big_name(path, i);
        OK(sys_unlink(path));
    }
    for (int i = 0; i < 1000; i++) {
        big_name(path, i);
        assert_int_equal(OK(sys_exists(path)), i & 1);
    }
    ERR(sys_rmdir("/tmp/big"), AX_ENOTEMPTY);
    /* Down to ten names: the table shrinks on the way and still finds
     * every one that is left. */
    for (int i = 1; i < BIG - 20; i += 2) {
        big_name(path, i);
        OK(sys_unlink(path));
    }
    for (int i = BIG - 20; i < BIG; i++) {
        big_name(path, i);
        assert_int_equal(OK(sys_exists(path)), i & 1);
    }
    OK(sys_stat("/tmp/big", &st));
    assert_int_equal(st.size, 10);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_forms),
        cmocka_unit_test(test_path_errors),
        cmocka_unit_test(test_mkdir),
        cmocka_unit_test(test_rmdir),
        cmocka_unit_test(test_unlink),
        cmocka_unit_test(test_rename),
        cmocka_unit_test(test_chdir_and_getcwd),
        cmocka_unit_test(test_removed_cwd),
        cmocka_unit_test(test_cwd_is_inherited),
        cmocka_unit_test(test_exists),
        cmocka_unit_test(test_readdir),
        cmocka_unit_test(test_program_nodes),
        cmocka_unit_test(test_large_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
