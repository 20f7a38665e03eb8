/* Hypotheses about the *at calls (openat, fstatat, mkdirat, unlinkat,
 * renameat, linkat, symlinkat, readlinkat, fchmodat, fchownat,
 * faccessat, mknodat, utimensat) and fchdir: a relative path starts at
 * the directory open at dirfd, wherever that directory has moved since;
 * AX_AT_FDCWD is the cwd; an absolute path ignores dirfd; a bad dirfd is
 * AX_EBADF, a non-directory AX_ENOTDIR, an unknown flag AX_EINVAL, and a
 * failed call changes nothing. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "vfs_test.h"

#define U1 1000u

/* The sorted names in dir, joined by spaces (what "nothing changed"
 * compares, with the node count). */
static const char *listing(const char *dir, char *buf, size_t cap) {
    int fd = (int)OK(sys_open(dir, AX_O_RDONLY | AX_O_DIRECTORY, 0));
    DirEntry ents[16];
    size_t len = 0;
    int64_t n;
    buf[0] = '\0';
    while ((n = OK(sys_readdir(fd, ents, 16))) > 0)
        for (int64_t i = 0; i < n; i++)
            len += (size_t)snprintf(buf + len, cap - len, "%s ", ents[i].name);
    OK(sys_close(fd));
    return buf;
}

static bool exists(const char *path) { return OK(sys_exists(path)) == 1; }

/* An open fd on dir. */
static int dfd(const char *dir) { return (int)OK(sys_open(dir, AX_O_RDONLY | AX_O_DIRECTORY, 0)); }

/* Each call resolves a relative path from dirfd's directory, not the
 * cwd (which holds the same names, to tell them apart). */
TASK_TEST(test_relative_to_dirfd) {
    OK(sys_mkdir("/d", 0755));
    OK(sys_mkdir("/cwd", 0755));
    OK(sys_chdir("/cwd"));
    vt_put("/d/f", "in d");
    vt_put("/cwd/f", "in cwd");
    int d = dfd("/d");
    char buf[256];

    int fd = (int)OK(sys_openat(d, "f", AX_O_RDONLY, 0));
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 4);
    OK(sys_close(fd));
    fd = (int)OK(sys_openat(d, "new", AX_O_WRONLY | AX_O_CREAT | AX_O_EXCL, 0600));
    OK(sys_close(fd));
    assert_true(exists("/d/new"));
    assert_false(exists("/cwd/new"));

    FileStat st, st2;
    OK(sys_fstatat(d, "f", &st, 0));
    assert_int_equal(st.size, 4);
    OK(sys_stat("/d/f", &st2));
    assert_int_equal(st.ino, st2.ino);

    OK(sys_mkdirat(d, "sub", 0700));
    OK(sys_stat("/d/sub", &st));
    assert_true(AX_S_ISDIR(st.mode));
    OK(sys_mknodat(d, "fifo", AX_S_IFIFO | 0600, 0));
    OK(sys_lstat("/d/fifo", &st));
    assert_true(AX_S_ISFIFO(st.mode));

    OK(sys_symlinkat("f", d, "lnk"));
    assert_int_equal(OK(sys_readlinkat(d, "lnk", buf, sizeof buf)), 1);
    assert_int_equal(buf[0], 'f');
    /* the link's relative target is from its own directory: /d/f */
    OK(sys_fstatat(d, "lnk", &st, 0));
    assert_int_equal(st.size, 4);
    OK(sys_fstatat(d, "lnk", &st, AX_AT_SYMLINK_NOFOLLOW));
    assert_true(AX_S_ISLNK(st.mode));

    OK(sys_linkat(d, "f", d, "hard", 0));
    OK(sys_stat("/d/hard", &st));
    assert_int_equal(st.nlink, 2);
    OK(sys_renameat(d, "hard", AX_AT_FDCWD, "moved"));
    assert_true(exists("/cwd/moved"));
    assert_false(exists("/d/hard"));

    OK(sys_faccessat(d, "f", AX_R_OK | AX_W_OK, 0));
    OK(sys_fchmodat(d, "f", 0600, 0));
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.mode & 07777, 0600);
    OK(sys_stat("/cwd/f", &st));
    assert_int_equal(st.mode & 07777, 0644);
    OK(sys_fchownat(d, "f", 7, 8, 0));
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.uid, 7);
    assert_int_equal(st.gid, 8);
    int64_t t[2] = {1000, 2000};
    OK(sys_utimensat(d, "f", t, 0));
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.atime_ns, 1000);
    assert_int_equal(st.mtime_ns, 2000);

    OK(sys_unlinkat(d, "f", 0));
    assert_false(exists("/d/f"));
    assert_true(exists("/cwd/f"));
    OK(sys_unlinkat(d, "sub", AX_AT_REMOVEDIR));
    assert_false(exists("/d/sub"));
    assert_string_equal(listing("/d", buf, sizeof buf), "fifo lnk new ");

    /* AX_AT_FDCWD is the cwd; an absolute path ignores dirfd, even a
     * closed one or one open on a file */
    OK(sys_fstatat(AX_AT_FDCWD, "f", &st, 0));
    assert_int_equal(st.size, 6);
    int file = (int)OK(sys_open("/cwd/f", AX_O_RDONLY, 0));
    OK(sys_fstatat(file, "/d/new", &st, 0));
    OK(sys_fstatat(999, "/d/new", &st, 0));
    OK(sys_mkdirat(-1, "/d/abs", 0755));
    assert_true(exists("/d/abs"));
    OK(sys_close(file));
    OK(sys_close(d));
    return 0;
}

/* The dirfd names the directory itself: renamed or moved under another
 * parent, it is still where the calls start; removed, nothing is found
 * or made in it, but "." and ".." still resolve. fchdir enters it. */
TASK_TEST(test_dirfd_follows_its_directory) {
    OK(sys_mkdir("/a", 0755));
    OK(sys_mkdir("/a/d", 0755));
    OK(sys_mkdir("/b", 0755));
    vt_put("/a/d/f", "x");
    int d = dfd("/a/d");
    OK(sys_rename("/a/d", "/b/e"));
    FileStat st;
    OK(sys_fstatat(d, "f", &st, 0));
    int fd = (int)OK(sys_openat(d, "g", AX_O_WRONLY | AX_O_CREAT, 0644));
    OK(sys_close(fd));
    assert_true(exists("/b/e/g"));
    /* ".." is the new parent */
    OK(sys_mkdirat(d, "../made", 0755));
    assert_true(exists("/b/made"));

    OK(sys_fchdir(d));
    char cwd[64];
    OK(sys_getcwd(cwd, sizeof cwd));
    assert_string_equal(cwd, "/b/e");
    OK(sys_chdir("/"));

    OK(sys_unlink("/b/e/f"));
    OK(sys_unlink("/b/e/g"));
    OK(sys_rmdir("/b/e"));
    uint64_t nodes = vt_nodes();
    ERR(sys_fstatat(d, "f", &st, 0), AX_ENOENT);
    ERR(sys_openat(d, "h", AX_O_WRONLY | AX_O_CREAT, 0644), AX_ENOENT);
    ERR(sys_mkdirat(d, "h", 0755), AX_ENOENT);
    ERR(sys_mknodat(d, "h", AX_S_IFIFO | 0644, 0), AX_ENOENT);
    ERR(sys_symlinkat("x", d, "h"), AX_ENOENT);
    assert_int_equal(vt_nodes(), nodes);
    OK(sys_fstatat(d, ".", &st, 0));
    assert_true(AX_S_ISDIR(st.mode));
    OK(sys_fstatat(d, "..", &st, 0));
    FileStat b;
    OK(sys_stat("/b", &b));
    assert_int_equal(st.ino, b.ino);
    /* a removed directory may be entered; getcwd then has no path */
    OK(sys_fchdir(d));
    ERR(sys_getcwd(cwd, sizeof cwd), AX_ENOENT);
    OK(sys_chdir("/"));
    OK(sys_close(d));
    return 0;
}

/* A relative path with a dirfd that is not open is EBADF, one open on a
 * non-directory ENOTDIR; unknown flags EINVAL; a NULL or empty path its
 * own error. Nothing changes in any case. */
TASK_TEST(test_bad_dirfd_and_flags_change_nothing) {
    OK(sys_mkdir("/d", 0755));
    vt_put("/d/f", "data");
    OK(sys_symlink("f", "/d/l"));
    int file = (int)OK(sys_open("/d/f", AX_O_RDONLY, 0));
    int p[2];
    OK(sys_pipe(p));
    int d = dfd("/d");
    char before[256], after[256], buf[64];
    listing("/d", before, sizeof before);
    uint64_t nodes = vt_nodes();
    FileStat st0;
    OK(sys_stat("/d/f", &st0));
    int64_t t[2] = {5, 6};

    const int bad[] = {999, -1, 42};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int b = bad[i];
        ERR(sys_openat(b, "f", AX_O_RDONLY, 0), AX_EBADF);
        ERR(sys_openat(b, "n", AX_O_WRONLY | AX_O_CREAT, 0644), AX_EBADF);
        ERR(sys_fstatat(b, "f", &st0, 0), AX_EBADF);
        ERR(sys_mkdirat(b, "n", 0755), AX_EBADF);
        ERR(sys_unlinkat(b, "f", 0), AX_EBADF);
        ERR(sys_renameat(b, "f", d, "n"), AX_EBADF);
        ERR(sys_renameat(d, "f", b, "n"), AX_EBADF);
        ERR(sys_linkat(b, "f", d, "n", 0), AX_EBADF);
        ERR(sys_linkat(d, "f", b, "n", 0), AX_EBADF);
        ERR(sys_symlinkat("f", b, "n"), AX_EBADF);
        ERR(sys_readlinkat(b, "l", buf, sizeof buf), AX_EBADF);
        ERR(sys_fchmodat(b, "f", 0, 0), AX_EBADF);
        ERR(sys_fchownat(b, "f", 1, 1, 0), AX_EBADF);
        ERR(sys_faccessat(b, "f", AX_R_OK, 0), AX_EBADF);
        ERR(sys_mknodat(b, "n", AX_S_IFIFO | 0644, 0), AX_EBADF);
        ERR(sys_utimensat(b, "f", t, 0), AX_EBADF);
        ERR(sys_utimensat(b, NULL, t, 0), AX_EBADF);
        ERR(sys_fchdir(b), AX_EBADF);
    }
    const int notdir[] = {file, p[0]};
    for (size_t i = 0; i < 2; i++) {
        int b = notdir[i];
        ERR(sys_openat(b, "n", AX_O_WRONLY | AX_O_CREAT, 0644), AX_ENOTDIR);
        ERR(sys_fstatat(b, "f", &st0, 0), AX_ENOTDIR);
        ERR(sys_mkdirat(b, "n", 0755), AX_ENOTDIR);
        ERR(sys_unlinkat(b, "f", AX_AT_REMOVEDIR), AX_ENOTDIR);
        ERR(sys_renameat(d, "f", b, "n"), AX_ENOTDIR);
        ERR(sys_linkat(d, "f", b, "n", 0), AX_ENOTDIR);
        ERR(sys_symlinkat("f", b, "n"), AX_ENOTDIR);
        ERR(sys_readlinkat(b, "l", buf, sizeof buf), AX_ENOTDIR);
        ERR(sys_fchmodat(b, "f", 0, 0), AX_ENOTDIR);
        ERR(sys_fchownat(b, "f", 1, 1, 0), AX_ENOTDIR);
        ERR(sys_faccessat(b, "f", AX_R_OK, 0), AX_ENOTDIR);
        ERR(sys_mknodat(b, "n", AX_S_IFIFO | 0644, 0), AX_ENOTDIR);
        ERR(sys_utimensat(b, "f", t, 0), AX_ENOTDIR);
        ERR(sys_fchdir(b), AX_ENOTDIR);
    }
    /* unknown flag bits, checked before dirfd and path */
    ERR(sys_fstatat(999, "f", &st0, 0x2), AX_EINVAL);
    ERR(sys_fstatat(d, "f", &st0, AX_AT_REMOVEDIR), AX_EINVAL);
    ERR(sys_unlinkat(d, "f", AX_AT_SYMLINK_NOFOLLOW), AX_EINVAL);
    ERR(sys_unlinkat(999, "f", 1), AX_EINVAL);
    ERR(sys_linkat(d, "f", d, "n", AX_AT_SYMLINK_NOFOLLOW), AX_EINVAL);
    ERR(sys_fchmodat(d, "f", 0, AX_AT_REMOVEDIR), AX_EINVAL);
    ERR(sys_fchownat(d, "f", 1, 1, AX_AT_SYMLINK_FOLLOW), AX_EINVAL);
    ERR(sys_faccessat(d, "f", AX_R_OK, AX_AT_SYMLINK_FOLLOW), AX_EINVAL);
    ERR(sys_faccessat(d, "f", 8, 0), AX_EINVAL);
    ERR(sys_utimensat(d, "f", t, AX_AT_REMOVEDIR), AX_EINVAL);
    ERR(sys_utimensat(file, NULL, t, AX_AT_SYMLINK_NOFOLLOW), AX_EINVAL);
    /* NULL and empty paths: their own errors, whatever dirfd is */
    ERR(sys_openat(999, NULL, AX_O_RDONLY, 0), AX_EFAULT);
    ERR(sys_openat(999, "", AX_O_RDONLY, 0), AX_ENOENT);
    ERR(sys_mkdirat(file, "", 0755), AX_ENOENT);
    ERR(sys_fstatat(d, "", &st0, 0), AX_ENOENT);
    ERR(sys_utimensat(AX_AT_FDCWD, NULL, t, 0), AX_EFAULT);
    ERR(sys_fstatat(d, "f", NULL, 0), AX_EFAULT);

    assert_int_equal(vt_nodes(), nodes);
    assert_string_equal(listing("/d", after, sizeof after), before);
    FileStat st1;
    OK(sys_stat("/d/f", &st1));
    assert_int_equal(st1.mode, st0.mode);
    assert_int_equal(st1.uid, st0.uid);
    assert_int_equal(st1.mtime_ns, st0.mtime_ns);
    assert_int_equal(st1.ctime_ns, st0.ctime_ns);
    OK(sys_close(file));
    OK(sys_close(p[0]));
    OK(sys_close(p[1]));
    OK(sys_close(d));
    return 0;
}

/* The flags: AX_AT_REMOVEDIR, AX_AT_SYMLINK_NOFOLLOW, AX_AT_EMPTY_PATH,
 * AX_AT_SYMLINK_FOLLOW, with the errors of the plain calls they stand
 * for. */
TASK_TEST(test_flags) {
    OK(sys_mkdir("/d", 0755));
    OK(sys_mkdir("/d/sub", 0755));
    vt_put("/d/f", "data");
    OK(sys_symlink("f", "/d/l"));
    int d = dfd("/d");
    FileStat st, lst;

    /* unlinkat: a directory needs AX_AT_REMOVEDIR, a file must not have it */
    ERR(sys_unlinkat(d, "sub", 0), AX_EISDIR);
    ERR(sys_unlinkat(d, "f", AX_AT_REMOVEDIR), AX_ENOTDIR);
    ERR(sys_unlinkat(d, ".", AX_AT_REMOVEDIR), AX_EINVAL);

    /* fstatat with AX_AT_EMPTY_PATH: the fd itself, of any kind */
    int file = (int)OK(sys_openat(d, "f", AX_O_RDONLY, 0));
    OK(sys_fstatat(file, "", &st, AX_AT_EMPTY_PATH));
    assert_int_equal(st.size, 4);
    int p[2];
    OK(sys_pipe(p));
    OK(sys_fstatat(p[0], "", &st, AX_AT_EMPTY_PATH));
    assert_true(AX_S_ISFIFO(st.mode));
    OK(sys_chdir("/d/sub"));
    FileStat sub;
    OK(sys_stat("/d/sub", &sub));
    OK(sys_fstatat(AX_AT_FDCWD, "", &st, AX_AT_EMPTY_PATH));
    assert_int_equal(st.ino, sub.ino);
    ERR(sys_fstatat(999, "", &st, AX_AT_EMPTY_PATH), AX_EBADF);

    /* linkat: a final link is linked itself, or followed */
    OK(sys_linkat(d, "l", d, "l2", 0));
    OK(sys_lstat("/d/l2", &lst));
    assert_true(AX_S_ISLNK(lst.mode));
    OK(sys_linkat(d, "l", d, "f2", AX_AT_SYMLINK_FOLLOW));
    OK(sys_lstat("/d/f2", &lst));
    assert_true(AX_S_ISREG(lst.mode));
    assert_int_equal(lst.nlink, 2);
    /* AX_AT_EMPTY_PATH: the file open at olddirfd (root may) */
    OK(sys_linkat(file, "", d, "f3", AX_AT_EMPTY_PATH));
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.nlink, 3);
    ERR(sys_linkat(p[0], "", d, "f4", AX_AT_EMPTY_PATH), AX_EXDEV);
    ERR(sys_linkat(d, "", d, "f4", AX_AT_EMPTY_PATH), AX_EPERM); /* a directory */
    /* a name for an fd followed: the fd's file */
    char path[32];
    snprintf(path, sizeof path, "/dev/fd/%d", file);
    OK(sys_linkat(AX_AT_FDCWD, path, d, "f4", AX_AT_SYMLINK_FOLLOW));
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.nlink, 4);
    snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
    ERR(sys_linkat(AX_AT_FDCWD, path, d, "f5", AX_AT_SYMLINK_FOLLOW), AX_EXDEV);

    /* fchmodat: NOFOLLOW on a link is EOPNOTSUPP, on a file a chmod */
    ERR(sys_fchmodat(d, "l", 0600, AX_AT_SYMLINK_NOFOLLOW), AX_EOPNOTSUPP);
    OK(sys_lstat("/d/l", &lst));
    assert_int_equal(lst.mode, AX_S_IFLNK | 0777);
    OK(sys_fchmodat(d, "f", 0640, AX_AT_SYMLINK_NOFOLLOW));
    OK(sys_fchmodat(file, "", 0604, AX_AT_EMPTY_PATH));
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.mode & 07777, 0604);

    /* fchownat: NOFOLLOW changes the link, not its target */
    OK(sys_fchownat(d, "l", 5, 6, AX_AT_SYMLINK_NOFOLLOW));
    OK(sys_lstat("/d/l", &lst));
    assert_int_equal(lst.uid, 5);
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.uid, 0);
    OK(sys_fchownat(file, "", 9, 9, AX_AT_EMPTY_PATH));
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.uid, 9);

    /* utimensat: NOFOLLOW sets the link's times; path NULL is futimens */
    int64_t t[2] = {111, 222};
    OK(sys_utimensat(d, "l", t, AX_AT_SYMLINK_NOFOLLOW));
    OK(sys_lstat("/d/l", &lst));
    assert_int_equal(lst.mtime_ns, 222);
    OK(sys_stat("/d/f", &st));
    assert_int_not_equal(st.mtime_ns, 222);
    int64_t t2[2] = {AX_UTIME_OMIT, 333};
    OK(sys_utimensat(file, NULL, t2, 0));
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.mtime_ns, 333);
    int64_t t3[2] = {444, AX_UTIME_OMIT};
    OK(sys_utimensat(file, "", t3, AX_AT_EMPTY_PATH));
    OK(sys_stat("/d/f", &st));
    assert_int_equal(st.atime_ns, 444);
    assert_int_equal(st.mtime_ns, 333);

    /* faccessat with NOFOLLOW judges the link (0777) */
    OK(sys_symlink("/nowhere", "/d/dangling"));
    ERR(sys_faccessat(d, "dangling", AX_F_OK, 0), AX_ENOENT);
    OK(sys_faccessat(d, "dangling", AX_F_OK, AX_AT_SYMLINK_NOFOLLOW));

    OK(sys_chdir("/"));
    OK(sys_close(file));
    OK(sys_close(p[0]));
    OK(sys_close(p[1]));
    OK(sys_close(d));
    return 0;
}

/* As an ordinary user: permissions are judged as in the plain calls;
 * AX_AT_EACCESS asks with the effective ids; only root may name an fd's
 * file by linkat's empty path; utimensat's permission rules. */
TASK_TEST(test_as_a_user) {
    OK(sys_mkdir("/d", 0755));
    vt_put("/d/mine", "m");
    OK(sys_chown("/d/mine", U1, U1));
    vt_put("/d/open", "o");
    OK(sys_chmod("/d/open", 0666));
    vt_put("/d/root", "r");
    OK(sys_chmod("/d/root", 0600));
    OK(sys_mkdir("/d/closed", 0700));
    vt_put("/d/closed/x", "x");
    int d = dfd("/d");
    int closed = dfd("/d/closed"); /* opened as root */
    /* real uid U1, effective root */
    OK(sys_setresuid(U1, 0, 0));
    ERR(sys_faccessat(d, "root", AX_R_OK, 0), AX_EACCES);
    OK(sys_faccessat(d, "root", AX_R_OK, AX_AT_EACCESS));
    vt_back_to_root();

    vt_act_as(U1);
    FileStat st;
    /* search permission is still needed in the directory dirfd names */
    ERR(sys_fstatat(closed, "x", &st, 0), AX_EACCES);
    ERR(sys_openat(d, "new", AX_O_WRONLY | AX_O_CREAT, 0644), AX_EACCES);
    ERR(sys_unlinkat(d, "mine", 0), AX_EACCES);
    ERR(sys_fchmodat(d, "root", 0644, 0), AX_EPERM);
    int mine = (int)OK(sys_openat(d, "mine", AX_O_RDONLY, 0));
    ERR(sys_linkat(mine, "", d, "n", AX_AT_EMPTY_PATH), AX_ENOENT);
    /* explicit times: only the owner; "now": the owner or a writer */
    int64_t t[2] = {1, 2};
    OK(sys_utimensat(d, "mine", t, 0));
    ERR(sys_utimensat(d, "open", t, 0), AX_EPERM);
    OK(sys_utimensat(d, "open", NULL, 0));
    int64_t now[2] = {AX_UTIME_NOW, AX_UTIME_OMIT};
    OK(sys_utimensat(d, "open", now, 0));
    ERR(sys_utimensat(d, "root", NULL, 0), AX_EACCES);
    ERR(sys_utimensat(d, "root", t, 0), AX_EPERM);
    OK(sys_futimens(mine, NULL));
    vt_back_to_root();
    OK(sys_stat("/d/root", &st));
    assert_int_not_equal(st.mtime_ns, 2);
    OK(sys_close(mine));
    OK(sys_close(closed));
    OK(sys_close(d));
    return 0;
}

/* A child that waits in openat of /w/fifo for a writer; with argv[1]
 * it catches SIGUSR1 under SA_RESTART. Exits 0 when the open succeeds,
 * 1 when it fails. */
static void on_usr1(int sig) { (void)sig; }
static int fifo_waiter_main(int argc, char **argv) {
    if (argc > 1) {
        SigAction sa = {.handler = on_usr1, .flags = AX_SA_RESTART};
        sys_sigaction(AX_SIGUSR1, &sa, NULL);
    }
    int d = (int)sys_open("/w", AX_O_RDONLY | AX_O_DIRECTORY, 0).value;
    SyscallResult r = sys_openat(d, "fifo", AX_O_RDONLY, 0);
    return r.error == AX_OK ? 0 : 1;
}

/* openat waiting in a FIFO's open: SA_RESTART starts it over (as open);
 * killed there, it lets go of its start directory (the harness finds no
 * leak once that directory is removed and the kernel destroyed). */
TASK_TEST(test_openat_waiting_on_a_fifo) {
    assert_int_equal(kernel_install_program(vt_kernel, "/bin/waiter", fifo_waiter_main), 0);
    OK(sys_mkdir("/w", 0755));
    OK(sys_mknod("/w/fifo", AX_S_IFIFO | 0600, 0));
    int pid = (int)OK(sys_spawn("/bin/waiter", (char *[]){"waiter", "restart", NULL}, NULL, NULL));
    OK(sys_sleep(1000000));
    OK(sys_kill(pid, AX_SIGUSR1));
    OK(sys_sleep(1000000));
    /* the child waits on, so a writer finds a reader */
    int w = (int)OK(sys_open("/w/fifo", AX_O_WRONLY | AX_O_NONBLOCK, 0));
    int status;
    OK(sys_waitpid(pid, &status, 0));
    assert_true(AX_WIFEXITED(status));
    assert_int_equal(AX_WEXITSTATUS(status), 0);
    OK(sys_close(w));

    pid = (int)OK(sys_spawn("/bin/waiter", (char *[]){"waiter", NULL}, NULL, NULL));
    OK(sys_sleep(1000000));
    OK(sys_kill(pid, AX_SIGKILL));
    OK(sys_waitpid(pid, &status, 0));
    assert_int_equal(AX_WTERMSIG(status), AX_SIGKILL);
    OK(sys_unlink("/w/fifo"));
    OK(sys_rmdir("/w"));
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relative_to_dirfd),
        cmocka_unit_test(test_dirfd_follows_its_directory),
        cmocka_unit_test(test_bad_dirfd_and_flags_change_nothing),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_as_a_user),
        cmocka_unit_test(test_openat_waiting_on_a_fifo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
