/* VFS, part 1: files through fds - open flags, read/write/lseek, dup
 * sharing, one inode per file, unlinked files, stat, the devices, running
 * out of memory, and bad input. (Paths and directories: test_vfs_tree.c.) */
#include "vfs_test.h"

/* Booting gives /bin /dev /etc /home /tmp, the /etc files and devices. */
TASK_TEST(test_boot_layout) {
    FileStat st;
    const char *dirs[] = {"/bin", "/dev", "/etc", "/home", "/tmp"};
    for (size_t i = 0; i < 5; i++) {
        OK(sys_stat(dirs[i], &st));
        assert_true(AX_S_ISDIR(st.mode));
    }
    OK(sys_stat("/tmp", &st));
    assert_int_equal(st.mode & 07777, 01777);
    char buf[256];
    assert_string_equal(vt_get("/etc/hostname", buf, sizeof buf), "axos\n");
    assert_true(strlen(vt_get("/etc/motd", buf, sizeof buf)) > 1);
    const char *devs[] = {"null", "zero", "full", "random", "urandom", "console", "ptmx"};
    for (size_t i = 0; i < 7; i++) {
        char path[32] = "/dev/";
        strcat(path, devs[i]);
        OK(sys_stat(path, &st));
        assert_true(AX_S_ISCHR(st.mode));
    }
    OK(sys_stat("/dev/pts", &st)); /* pty slaves appear here */
    assert_true(AX_S_ISDIR(st.mode));
    /* the test program itself */
    OK(sys_stat("/bin/t", &st));
    assert_true(AX_S_ISREG(st.mode));
    assert_int_equal(st.mode & 07777, 0755);
    return 0;
}

/* Each access mode allows what it says and refuses the rest (AX_EBADF). */
TASK_TEST(test_open_access_modes) {
    vt_put("/tmp/f", "data");
    char c;
    int r = (int)OK(sys_open("/tmp/f", AX_O_RDONLY, 0));
    ERR(sys_write(r, "x", 1), AX_EBADF);
    assert_int_equal(OK(sys_read(r, &c, 1)), 1);
    int w = (int)OK(sys_open("/tmp/f", AX_O_WRONLY, 0));
    ERR(sys_read(w, &c, 1), AX_EBADF);
    assert_int_equal(OK(sys_write(w, "D", 1)), 1);
    int rw = (int)OK(sys_open("/tmp/f", AX_O_RDWR, 0));
    assert_int_equal(OK(sys_read(rw, &c, 1)), 1);
    assert_int_equal(c, 'D');
    assert_int_equal(OK(sys_write(rw, "A", 1)), 1);
    ERR(sys_open("/tmp/f", AX_O_ACCMODE, 0), AX_EINVAL);
    assert_int_equal(OK(sys_fcntl(rw, AX_F_GETFL, 0)) & AX_O_ACCMODE, AX_O_RDWR);
    OK(sys_close(r));
    OK(sys_close(w));
    OK(sys_close(rw));
    char buf[16];
    assert_string_equal(vt_get("/tmp/f", buf, sizeof buf), "DAta");
    return 0;
}

/* CREAT, EXCL, TRUNC, APPEND, NONBLOCK, CLOEXEC and DIRECTORY. */
TASK_TEST(test_open_flags) {
    FileStat st;
    ERR(sys_open("/tmp/new", AX_O_RDONLY, 0), AX_ENOENT);
    int fd = (int)OK(sys_open("/tmp/new", AX_O_WRONLY | AX_O_CREAT, 0600));
    OK(sys_stat("/tmp/new", &st));
    assert_true(AX_S_ISREG(st.mode));
    assert_int_equal(st.mode & 07777, 0600);
    assert_int_equal(st.size, 0);
    assert_int_equal(OK(sys_write(fd, "hello", 5)), 5);
    OK(sys_close(fd));

    ERR(sys_open("/tmp/new", AX_O_RDWR | AX_O_CREAT | AX_O_EXCL, 0644), AX_EEXIST);
    ERR(sys_open("/tmp", AX_O_RDONLY | AX_O_CREAT | AX_O_EXCL, 0644), AX_EEXIST);
    fd = (int)OK(sys_open("/tmp/new", AX_O_RDWR | AX_O_CREAT, 0644)); /* exists: fine */
    OK(sys_close(fd));
    OK(sys_stat("/tmp/new", &st));
    assert_int_equal(st.size, 5);

    fd = (int)OK(sys_open("/tmp/new", AX_O_WRONLY | AX_O_APPEND, 0));
    assert_int_equal(OK(sys_write(fd, "!", 1)), 1);
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_write(fd, "?", 1)), 1); /* still at the end */
    assert_int_equal(OK(sys_lseek(fd, 0, AX_SEEK_CUR)), 7);
    assert_true(OK(sys_fcntl(fd, AX_F_GETFL, 0)) & AX_O_APPEND);
    OK(sys_close(fd));
    char buf[32];
    assert_string_equal(vt_get("/tmp/new", buf, sizeof buf), "hello!?");

    fd = (int)OK(sys_open("/tmp/new", AX_O_WRONLY | AX_O_TRUNC, 0));
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, 0);
    OK(sys_close(fd));

    fd = (int)OK(sys_open("/tmp/new", AX_O_RDONLY | AX_O_NONBLOCK | AX_O_CLOEXEC, 0));
    assert_true(OK(sys_fcntl(fd, AX_F_GETFL, 0)) & AX_O_NONBLOCK);
    assert_int_equal(OK(sys_fcntl(fd, AX_F_GETFD, 0)), AX_FD_CLOEXEC);
    int plain = (int)OK(sys_open("/tmp/new", AX_O_RDONLY, 0));
    assert_int_equal(OK(sys_fcntl(plain, AX_F_GETFD, 0)), 0);
    OK(sys_close(plain));
    OK(sys_close(fd));

    ERR(sys_open("/tmp/new", AX_O_RDONLY | AX_O_DIRECTORY, 0), AX_ENOTDIR);
    fd = (int)OK(sys_open("/tmp", AX_O_RDONLY | AX_O_DIRECTORY, 0));
    OK(sys_close(fd));
    /* "name/" can only be a directory */
    ERR(sys_open("/tmp/other/", AX_O_WRONLY | AX_O_CREAT, 0644), AX_EISDIR);
    ERR(sys_open("/tmp/new/", AX_O_RDONLY, 0), AX_ENOTDIR);
    assert_int_equal(OK(sys_exists("/tmp/other")), 0);
    return 0;
}

/* Directories cannot be opened for writing (AX_EISDIR), nor read (EISDIR). */
TASK_TEST(test_open_directory_for_writing) {
    ERR(sys_open("/tmp", AX_O_WRONLY, 0), AX_EISDIR);
    ERR(sys_open("/tmp", AX_O_RDWR, 0), AX_EISDIR);
    ERR(sys_open("/", AX_O_RDWR | AX_O_CREAT, 0644), AX_EISDIR);
    ERR(sys_open("/tmp", AX_O_RDONLY | AX_O_TRUNC, 0), AX_EISDIR);
    int fd = (int)OK(sys_open("/tmp", AX_O_RDONLY, 0));
    char c;
    ERR(sys_read(fd, &c, 1), AX_EISDIR);
    ERR(sys_write(fd, "x", 1), AX_EBADF);
    OK(sys_close(fd));
    return 0;
}

/* open gives the lowest free fd, and AX_EMFILE (creating nothing) when full. */
TASK_TEST(test_open_lowest_fd_and_emfile) {
    vt_put("/tmp/f", "");
    int a = (int)OK(sys_open("/tmp/f", AX_O_RDONLY, 0));
    int b = (int)OK(sys_open("/tmp/f", AX_O_RDONLY, 0));
    assert_int_equal(b, a + 1);
    OK(sys_close(a));
    assert_int_equal(OK(sys_open("/tmp/f", AX_O_RDONLY, 0)), a);
    int last = b;
    for (;;) {
        SyscallResult r = sys_open("/tmp/f", AX_O_RDONLY, 0);
        if (r.error != AX_OK) {
            assert_int_equal(r.error, AX_EMFILE);
            break;
        }
        last = (int)r.value;
    }
    assert_int_equal(last, AX_OPEN_MAX - 1);
    ERR(sys_open("/tmp/g", AX_O_RDWR | AX_O_CREAT, 0644), AX_EMFILE);
    assert_int_equal(OK(sys_exists("/tmp/g")), 0);
    for (int fd = 3; fd < AX_OPEN_MAX; fd++)
        OK(sys_close(fd));
    return 0;
}

/* Reads and writes move the offset; lseek SET/CUR/END; a write past the end
 * fills the gap with zeros; negative results and bad whence are EINVAL. */
TASK_TEST(test_read_write_lseek) {
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644));
    assert_int_equal(OK(sys_write(fd, "abcdef", 6)), 6);
    assert_int_equal(OK(sys_lseek(fd, 0, AX_SEEK_CUR)), 6);
    char buf[32];
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 0); /* at EOF */
    assert_int_equal(OK(sys_lseek(fd, 1, AX_SEEK_SET)), 1);
    assert_int_equal(OK(sys_read(fd, buf, 2)), 2);
    assert_memory_equal(buf, "bc", 2);
    assert_int_equal(OK(sys_lseek(fd, 1, AX_SEEK_CUR)), 4);
    assert_int_equal(OK(sys_lseek(fd, -2, AX_SEEK_END)), 4);
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 2);
    assert_memory_equal(buf, "ef", 2);

    assert_int_equal(OK(sys_lseek(fd, 10, AX_SEEK_END)), 16); /* past the end: allowed */
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 0);
    assert_int_equal(OK(sys_write(fd, "Z", 1)), 1);
    FileStat st;
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, 17);
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 17);
    assert_memory_equal(buf, "abcdef\0\0\0\0\0\0\0\0\0\0Z", 17);

    OK(sys_lseek(fd, 3, AX_SEEK_SET));
    ERR(sys_lseek(fd, -4, AX_SEEK_CUR), AX_EINVAL);
    ERR(sys_lseek(fd, -1, AX_SEEK_SET), AX_EINVAL);
    ERR(sys_lseek(fd, -18, AX_SEEK_END), AX_EINVAL);
    ERR(sys_lseek(fd, 0, 3), AX_EINVAL);
    ERR(sys_lseek(fd, INT64_MAX, AX_SEEK_END), AX_EINVAL);
    assert_int_equal(OK(sys_lseek(fd, 0, AX_SEEK_CUR)), 3); /* unchanged */
    assert_int_equal(OK(sys_write(fd, "", 0)), 0);
    /* files grow to any offset lseek reaches; what lies between is a
     * hole that reads as zeros (and takes no memory) */
    OK(sys_lseek(fd, (int64_t)1 << 40, AX_SEEK_SET));
    assert_int_equal(OK(sys_write(fd, "x", 1)), 1);
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, ((uint64_t)1 << 40) + 1);
    OK(sys_lseek(fd, ((int64_t)1 << 40) - 3, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 4);
    assert_memory_equal(buf, "\0\0\0x", 4);
    SystemMemStats ms;
    OK(sys_system_memstats(&ms));
    assert_true(ms.file_bytes < (1u << 20));
    /* the last offset: a write there is EFBIG and changes nothing; one
     * that would pass it is short (Linux) */
    OK(sys_lseek(fd, INT64_MAX, AX_SEEK_SET));
    ERR(sys_write(fd, "x", 1), AX_EFBIG);
    OK(sys_lseek(fd, INT64_MAX - 1, AX_SEEK_SET));
    assert_int_equal(OK(sys_write(fd, "yz", 2)), 1);
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, (uint64_t)INT64_MAX);
    ERR(sys_lseek(fd, 1, AX_SEEK_END), AX_EINVAL);
    OK(sys_close(fd));
    return 0;
}

/* ftruncate grows with zeros and shrinks; it needs a writable regular file. */
TASK_TEST(test_ftruncate) {
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644));
    OK(sys_write(fd, "abcdef", 6));
    OK(sys_ftruncate(fd, 3));
    FileStat st;
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, 3);
    OK(sys_ftruncate(fd, 5));
    char buf[8];
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 5);
    assert_memory_equal(buf, "abc\0\0", 5);
    ERR(sys_ftruncate(fd, -1), AX_EINVAL);
    /* any size an offset can reach: a hole, no memory */
    OK(sys_ftruncate(fd, INT64_MAX));
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, (uint64_t)INT64_MAX);
    OK(sys_lseek(fd, INT64_MAX - 4, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 4);
    assert_memory_equal(buf, "\0\0\0\0", 4);
    OK(sys_ftruncate(fd, 4));
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 4);
    assert_memory_equal(buf, "abc\0", 4);
    OK(sys_close(fd));
    fd = (int)OK(sys_open("/tmp/f", AX_O_RDONLY, 0));
    ERR(sys_ftruncate(fd, 0), AX_EINVAL);
    OK(sys_close(fd));
    fd = (int)OK(sys_open("/tmp", AX_O_RDONLY, 0));
    ERR(sys_ftruncate(fd, 0), AX_EINVAL);
    OK(sys_close(fd));
    ERR(sys_ftruncate(77, 0), AX_EBADF);
    return 0;
}

/* dup'd fds share one offset and status flags; dup2 replaces the target;
 * dup2(fd, fd) returns fd; closing one leaves the other working. */
TASK_TEST(test_dup_shares_offset) {
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644));
    OK(sys_write(fd, "0123456789", 10));
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    int d = (int)OK(sys_dup(fd));
    char buf[4];
    assert_int_equal(OK(sys_read(fd, buf, 3)), 3);
    assert_int_equal(OK(sys_lseek(d, 0, AX_SEEK_CUR)), 3);
    assert_int_equal(OK(sys_read(d, buf, 3)), 3);
    assert_memory_equal(buf, "345", 3);

    int other = (int)OK(sys_open("/etc/hostname", AX_O_RDONLY, 0));
    assert_int_equal(OK(sys_dup2(fd, other)), other); /* closes the hostname file */
    assert_int_equal(OK(sys_lseek(other, 0, AX_SEEK_CUR)), 6);
    assert_int_equal(OK(sys_dup2(fd, fd)), fd);
    ERR(sys_dup2(fd, -1), AX_EBADF);
    ERR(sys_dup2(fd, AX_OPEN_MAX), AX_EBADF);
    ERR(sys_dup2(99, fd), AX_EBADF);
    ERR(sys_dup(99), AX_EBADF);

    OK(sys_fcntl(d, AX_F_SETFL, AX_O_APPEND));
    assert_true(OK(sys_fcntl(fd, AX_F_GETFL, 0)) & AX_O_APPEND);
    OK(sys_close(fd));
    assert_int_equal(OK(sys_read(d, buf, 4)), 4);
    assert_memory_equal(buf, "6789", 4);
    ERR(sys_read(fd, buf, 1), AX_EBADF);
    OK(sys_close(d));
    OK(sys_close(other));
    ERR(sys_close(other), AX_EBADF);
    return 0;
}

/* Two opens of one file are one inode: each sees the other's writes at
 * once, with offsets of their own. */
TASK_TEST(test_two_fds_one_inode) {
    int a = (int)OK(sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644));
    int b = (int)OK(sys_open("/tmp/f", AX_O_RDWR, 0));
    OK(sys_write(a, "hello", 5));
    char buf[8] = {0};
    assert_int_equal(OK(sys_read(b, buf, sizeof buf)), 5);
    assert_string_equal(buf, "hello");
    OK(sys_lseek(b, 0, AX_SEEK_SET));
    OK(sys_write(b, "J", 1));
    OK(sys_lseek(a, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(a, buf, 5)), 5);
    assert_memory_equal(buf, "Jello", 5);
    FileStat sa, sb, sp;
    OK(sys_fstat(a, &sa));
    OK(sys_fstat(b, &sb));
    OK(sys_stat("/tmp/f", &sp));
    assert_int_equal(sa.ino, sb.ino);
    assert_int_equal(sa.ino, sp.ino);
    OK(sys_close(a));
    OK(sys_close(b));
    return 0;
}

/* An unlinked file stays readable and writable through an open fd, and its
 * inode is freed at the last close. */
TASK_TEST(test_unlinked_file_lives_until_close) {
    uint64_t nodes = vt_nodes();
    vt_put("/tmp/f", "still here");
    assert_int_equal(vt_nodes(), nodes + 1);
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR, 0));
    int d = (int)OK(sys_dup(fd));
    OK(sys_unlink("/tmp/f"));
    assert_int_equal(OK(sys_exists("/tmp/f")), 0);
    FileStat st;
    ERR(sys_stat("/tmp/f", &st), AX_ENOENT);
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.nlink, 0);
    char buf[32] = {0};
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 10);
    assert_string_equal(buf, "still here");
    OK(sys_write(fd, "!", 1));
    /* a new file of the same name is another inode */
    vt_put("/tmp/f", "new");
    assert_int_equal(vt_nodes(), nodes + 2);
    OK(sys_close(fd));
    assert_int_equal(vt_nodes(), nodes + 2); /* the dup still holds it */
    OK(sys_lseek(d, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(d, buf, sizeof buf)), 11);
    OK(sys_close(d));
    assert_int_equal(vt_nodes(), nodes + 1);
    assert_string_equal(vt_get("/tmp/f", buf, sizeof buf), "new");
    return 0;
}

/* stat and fstat: type, size, mode, nlink, inode, times in kernel ns. */
TASK_TEST(test_stat_fields) {
    FileStat st, fst;
    OK(sys_mkdir("/tmp/d", 0750));
    OK(sys_stat("/tmp/d", &st));
    assert_true(AX_S_ISDIR(st.mode));
    assert_int_equal(st.mode & 07777, 0750);
    assert_int_equal(st.nlink, 2);
    assert_int_equal(st.size, 0);
    OK(sys_mkdir("/tmp/d/sub", 0755));
    vt_put("/tmp/d/file", "12345");
    OK(sys_stat("/tmp/d", &st));
    assert_int_equal(st.nlink, 3);  /* 2 + one subdirectory */
    assert_int_equal(st.size, 2);   /* entries */
    OK(sys_stat("/tmp/d/file", &st));
    assert_true(AX_S_ISREG(st.mode));
    assert_int_equal(st.size, 5);
    assert_int_equal(st.nlink, 1);
    assert_int_equal(st.dev, 1);
    int fd = (int)OK(sys_open("/tmp/d/file", AX_O_WRONLY, 0));
    OK(sys_fstat(fd, &fst));
    assert_int_equal(fst.ino, st.ino);
    uint64_t before = st.mtime_ns;
    OK(sys_sleep(1000));
    OK(sys_write(fd, "x", 1));
    OK(sys_fstat(fd, &fst));
    assert_true(fst.mtime_ns >= before + 1000);
    assert_true(fst.ctime_ns >= before + 1000);
    assert_int_equal(fst.mtime_ns, (uint64_t)OK(sys_clock_gettime(AX_CLOCK_MONOTONIC)));
    OK(sys_close(fd));
    ERR(sys_fstat(fd, &fst), AX_EBADF);
    ERR(sys_stat("/tmp/d/file", NULL), AX_EFAULT);
    fd = (int)OK(sys_open("/dev/null", AX_O_RDONLY, 0));
    ERR(sys_fstat(fd, NULL), AX_EFAULT);
    OK(sys_fstat(fd, &fst));
    assert_true(AX_S_ISCHR(fst.mode));
    assert_int_equal(fst.dev, 2);
    OK(sys_close(fd));
    return 0;
}

/* null, zero, full, random/urandom and the console behave as on Linux. */
TASK_TEST(test_devices) {
    unsigned char buf[64];
    int fd = (int)OK(sys_open("/dev/null", AX_O_RDWR, 0));
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 0);
    assert_int_equal(OK(sys_write(fd, "gone", 4)), 4);
    assert_int_equal(OK(sys_lseek(fd, 100, AX_SEEK_SET)), 0);
    OK(sys_close(fd));

    fd = (int)OK(sys_open("/dev/zero", AX_O_RDWR, 0));
    memset(buf, 0xff, sizeof buf);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), sizeof buf);
        for (size_t j = 0; j < sizeof buf; j++)
            assert_int_equal(buf[j], 0);
    }
    assert_int_equal(OK(sys_write(fd, "x", 1)), 1);
    /* no buffer and no bytes: nothing to do (UBSan once caught a memset
     * of NULL here; found by the fuzzer) */
    assert_int_equal(OK(sys_read(fd, NULL, 0)), 0);
    assert_int_equal(OK(sys_write(fd, NULL, 0)), 0);
    OK(sys_close(fd));

    fd = (int)OK(sys_open("/dev/full", AX_O_RDWR, 0));
    ERR(sys_write(fd, "x", 1), AX_ENOSPC);
    memset(buf, 0xff, sizeof buf);
    assert_int_equal(OK(sys_read(fd, buf, 8)), 8);
    assert_int_equal(buf[7], 0);
    OK(sys_close(fd));

    fd = (int)OK(sys_open("/dev/urandom", AX_O_RDWR, 0));
    memset(buf, 0, sizeof buf);
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), sizeof buf);
    int zeros = 0;
    for (size_t j = 0; j < sizeof buf; j++)
        zeros += buf[j] == 0;
    assert_true(zeros < 8);
    assert_int_equal(OK(sys_write(fd, "seed", 4)), 4);
    OK(sys_close(fd));

    return 0;
}

/* /dev/console is the console: what is written there reaches the host. */
static int console_main(int argc, char **argv) {
    int fd = (int)OK(sys_open("/dev/console", AX_O_RDWR, 0));
    assert_int_equal(OK(sys_write(fd, "via /dev/console\n", 17)), 17);
    OK(sys_close(fd));
    return 0;
}

static void test_console_device(void **state) {
    Kernel *k = vt_run_keep(console_main, NULL);
    assert_non_null(strstr(harness_output(k), "via /dev/console\n"));
    harness_destroy(k);
}

/* /dev/random: a seeded stream. Same seed, same bytes; another seed, other
 * bytes; random and urandom read the one stream. */
static unsigned char random_bytes[3][48];
static int random_run;

static int random_main(int argc, char **argv) {
    int r = (int)OK(sys_open("/dev/random", AX_O_RDONLY, 0));
    int u = (int)OK(sys_open("/dev/urandom", AX_O_RDONLY, 0));
    OK(sys_read(r, random_bytes[random_run], 16));
    OK(sys_read(u, random_bytes[random_run] + 16, 16));
    OK(sys_read(r, random_bytes[random_run] + 32, 16));
    OK(sys_close(r));
    OK(sys_close(u));
    return 0;
}

static void test_random_is_seeded(void **state) {
    const uint64_t seeds[3] = {42, 42, 43};
    for (random_run = 0; random_run < 3; random_run++) {
        KernelConfig cfg = {.seed = seeds[random_run]};
        vt_run(random_main, &cfg);
    }
    assert_memory_equal(random_bytes[0], random_bytes[1], sizeof random_bytes[0]);
    assert_memory_not_equal(random_bytes[0], random_bytes[2], sizeof random_bytes[0]);
    assert_memory_not_equal(random_bytes[0], random_bytes[0] + 16, 16);
}

/* When memory runs out, a growing write fails with AX_ENOSPC and an
 * O_CREAT open with AX_ENOMEM, and neither changes the file system;
 * ftruncate's growth takes no memory, so it cannot run out. */
TASK_TEST(test_out_of_memory) {
    HarnessAlloc *al = harness_allocator(vt_kernel);
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644));
    OK(sys_write(fd, "abc", 3));
    OK(sys_lseek(fd, 0, AX_SEEK_END));
    static char big[4096];
    al->fail_at = al->total_allocs + 1;
    SyscallResult r = sys_write(fd, big, sizeof big);
    al->fail_at = 0;
    assert_int_equal(r.error, AX_ENOSPC);
    FileStat st;
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, 3);
    al->fail_at = al->total_allocs + 1;
    r = sys_ftruncate(fd, 100000);
    al->fail_at = 0;
    assert_int_equal(r.error, AX_OK);
    OK(sys_ftruncate(fd, 3));
    assert_int_equal(OK(sys_lseek(fd, 0, AX_SEEK_CUR)), 3);
    OK(sys_close(fd));

    /* mkdir and rename into an empty directory allocate too. */
    for (long i = 1;; i++) {
        al->fail_at = al->total_allocs + i;
        r = sys_mkdir("/home/d", 0755);
        al->fail_at = 0;
        if (r.error == AX_OK)
            break;
        assert_int_equal(r.error, AX_ENOMEM);
        assert_int_equal(OK(sys_exists("/home/d")), 0);
    }
    for (long i = 1;; i++) {
        al->fail_at = al->total_allocs + i;
        r = sys_rename("/tmp/f", "/home/d/f");
        al->fail_at = 0;
        if (r.error == AX_OK)
            break;
        assert_int_equal(r.error, AX_ENOMEM);
        assert_int_equal(OK(sys_exists("/tmp/f")), 1);
        assert_int_equal(OK(sys_exists("/home/d/f")), 0);
    }
    char buf[8];
    assert_string_equal(vt_get("/home/d/f", buf, sizeof buf), "abc");

    /* Twice: with room in the fd table, and when the new fd must grow it
     * (the file is made before the fd, and must be taken back). */
    for (int round = 0; round < 2; round++) {
        uint64_t nodes = vt_nodes();
        for (long i = 1;; i++) {
            al->fail_at = al->total_allocs + i;
            r = sys_open("/tmp/g", AX_O_RDWR | AX_O_CREAT, 0644);
            al->fail_at = 0;
            if (r.error == AX_OK)
                break;
            assert_int_equal(r.error, AX_ENOMEM);
            assert_int_equal(OK(sys_exists("/tmp/g")), 0);
            assert_int_equal(vt_nodes(), nodes);
        }
        OK(sys_unlink("/tmp/g"));
        if (round == 0) /* fill the table's first 16 slots (its initial size) */
            for (int fd = (int)r.value + 1; fd < 16; fd++)
                OK(sys_dup2((int)r.value, fd));
    }
    for (int fd = 3; fd <= (int)r.value; fd++)
        OK(sys_close(fd));
    return 0;
}

/* Bad fds and buffers: AX_EBADF / AX_EFAULT / AX_EINVAL, nothing changes. */
TASK_TEST(test_bad_fd_and_buffer_input) {
    char buf[4];
    ERR(sys_read(-1, buf, 1), AX_EBADF);
    ERR(sys_read(500, buf, 1), AX_EBADF);
    ERR(sys_read(AX_OPEN_MAX + 5, buf, 1), AX_EBADF);
    ERR(sys_write(500, "x", 1), AX_EBADF);
    ERR(sys_lseek(500, 0, AX_SEEK_SET), AX_EBADF);
    ERR(sys_close(500), AX_EBADF);
    ERR(sys_close(-3), AX_EBADF);
    DirEntry de;
    ERR(sys_readdir(500, &de, 1), AX_EBADF);
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644));
    OK(sys_write(fd, "abc", 3));
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    ERR(sys_read(fd, NULL, 1), AX_EFAULT);
    ERR(sys_write(fd, NULL, 1), AX_EFAULT);
    ERR(sys_read(fd, buf, (size_t)INT64_MAX + 1), AX_EINVAL);
    ERR(sys_write(fd, buf, SIZE_MAX), AX_EINVAL);
    ERR(sys_readdir(fd, &de, 1), AX_ENOTDIR);
    assert_int_equal(OK(sys_lseek(fd, 0, AX_SEEK_CUR)), 0); /* nothing moved */
    FileStat st;
    OK(sys_fstat(fd, &st));
    assert_int_equal(st.size, 3);
    OK(sys_close(fd));
    ERR(sys_read(fd, buf, 1), AX_EBADF); /* closed */
    return 0;
}

/* An open + close pair in the steady state allocates nothing: closed
 * objects are kept for the next open (kernel/object.c). The programs run
 * in this host process, so they can read the harness's counter. */
static HarnessAlloc *steady_alloc;

static int prog_steady_open(int argc, char **argv) {
    SyscallResult f = sys_open("/tmp/steady", AX_O_WRONLY | AX_O_CREAT, 0644);
    if (f.error != AX_OK)
        return 1;
    sys_close((int)f.value);
    long before = 0;
    for (int i = 0; i < 102; i++) {
        if (i == 2)
            before = steady_alloc->total_allocs; /* warm from here on */
        SyscallResult r = sys_open("/tmp/steady", AX_O_RDONLY, 0);
        if (r.error != AX_OK || sys_close((int)r.value).error != AX_OK)
            return 2;
    }
    return steady_alloc->total_allocs == before ? 0 : 3;
}

static void test_open_close_allocates_nothing_when_warm(void **state) {
#if defined(__SANITIZE_ADDRESS__)
    skip(); /* the cache is off: ASan watches every freed object */
#endif
    Kernel *k = harness_kernel(NULL);
    steady_alloc = harness_allocator(k);
    kernel_install_program(k, "/bin/steady", prog_steady_open);
    assert_int_equal(harness_run(k, (char *[]){"/bin/steady", NULL}), 0);
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boot_layout),
        cmocka_unit_test(test_open_close_allocates_nothing_when_warm),
        cmocka_unit_test(test_open_access_modes),
        cmocka_unit_test(test_open_flags),
        cmocka_unit_test(test_open_directory_for_writing),
        cmocka_unit_test(test_open_lowest_fd_and_emfile),
        cmocka_unit_test(test_read_write_lseek),
        cmocka_unit_test(test_ftruncate),
        cmocka_unit_test(test_dup_shares_offset),
        cmocka_unit_test(test_two_fds_one_inode),
        cmocka_unit_test(test_unlinked_file_lives_until_close),
        cmocka_unit_test(test_stat_fields),
        cmocka_unit_test(test_devices),
        cmocka_unit_test(test_console_device),
        cmocka_unit_test(test_random_is_seeded),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_bad_fd_and_buffer_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
