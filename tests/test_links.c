/* Hypotheses about symbolic and hard links: symlink, readlink, lstat and
 * link, path resolution through links (relative and absolute targets,
 * links in the middle of a path, ELOOP after AX_SYMLOOP_MAX, trailing
 * slashes, O_NOFOLLOW, O_CREAT through a dangling link), which calls act
 * on the link and which on its target, hard links' shared inode and
 * lifetime, and the POSIX errors, as root and as an ordinary user. Every
 * failed call must leave the tree as it was. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "vfs_test.h"

#define U1 1000u
#define U2 2000u

static bool exists(const char *path) { return OK(sys_exists(path)) == 1; }

/* readlink's answer as a string */
static const char *rl(const char *path, char *buf, size_t cap) {
    int64_t n = OK(sys_readlink(path, buf, cap - 1));
    buf[n] = '\0';
    return buf;
}

static uint32_t lmode(const char *path) {
    FileStat st;
    OK(sys_lstat(path, &st));
    return st.mode;
}

/* ---- symlink, readlink, lstat ---- */

/* A link holds its target as given, which need not exist; its mode is
 * 0777 whatever the umask; lstat describes the link, stat its target. */
TASK_TEST(test_symlink_readlink_lstat) {
    OK(sys_umask(077));
    vt_put("/tmp/f", "hello");
    OK(sys_symlink("f", "/tmp/l"));
    OK(sys_symlink("/no/such/thing", "/tmp/dangling"));
    FileStat st, lst;
    OK(sys_lstat("/tmp/l", &lst));
    assert_int_equal(lst.mode, AX_S_IFLNK | 0777);
    assert_int_equal(lst.size, 1);
    assert_int_equal(lst.nlink, 1);
    OK(sys_stat("/tmp/l", &st));
    assert_true(AX_S_ISREG(st.mode));
    assert_int_equal(st.size, 5);
    assert_int_not_equal(st.ino, lst.ino);
    OK(sys_lstat("/tmp/dangling", &lst));
    assert_int_equal(lst.size, strlen("/no/such/thing"));
    ERR(sys_stat("/tmp/dangling", &st), AX_ENOENT);
    char buf[64];
    assert_string_equal(rl("/tmp/l", buf, sizeof buf), "f");
    assert_string_equal(rl("/tmp/dangling", buf, sizeof buf), "/no/such/thing");
    /* a short buffer: cut, no NUL written past it */
    memset(buf, 'X', sizeof buf);
    assert_int_equal(OK(sys_readlink("/tmp/dangling", buf, 4)), 4);
    assert_memory_equal(buf, "/no/X", 5);
    /* not a link, no buffer, no size */
    ERR(sys_readlink("/tmp/f", buf, sizeof buf), AX_EINVAL);
    ERR(sys_readlink("/tmp", buf, sizeof buf), AX_EINVAL);
    ERR(sys_readlink("/tmp/l", buf, 0), AX_EINVAL);
    ERR(sys_readlink("/tmp/l", NULL, 8), AX_EFAULT);
    ERR(sys_readlink("/tmp/none", buf, sizeof buf), AX_ENOENT);
    ERR(sys_readlink("/tmp/f/x", buf, sizeof buf), AX_ENOTDIR);
    ERR(sys_readlink(NULL, buf, sizeof buf), AX_EFAULT);
    /* the names of fds are links to /proc/self/fd/N, as on Linux */
    assert_string_equal(rl("/dev/stdin", buf, sizeof buf), "/proc/self/fd/0");
    assert_true(AX_S_ISLNK(lmode("/dev/stderr")));
    /* /proc's links read as where they lead; lstat sees the link, stat
     * follows it */
    char pid[16];
    snprintf(pid, sizeof pid, "%d", (int)OK(sys_getpid()));
    assert_string_equal(rl("/proc/self", buf, sizeof buf), pid);
    assert_true(AX_S_ISLNK(lmode("/proc/self")));
    FileStat pst;
    OK(sys_stat("/proc/self", &pst));
    assert_true(AX_S_ISDIR(pst.mode));
    OK(sys_chdir("/tmp"));
    assert_string_equal(rl("/proc/self/cwd", buf, sizeof buf), "/tmp");
    ERR(sys_readlink("/proc/self/status", buf, sizeof buf), AX_EINVAL);
    /* readdir types links */
    int d = (int)OK(sys_open("/tmp", AX_O_RDONLY | AX_O_DIRECTORY, 0));
    DirEntry ents[16];
    int64_t n = OK(sys_readdir(d, ents, 16));
    int links = 0;
    for (int64_t i = 0; i < n; i++)
        if (ents[i].type == AX_DT_LNK)
            links++;
    assert_int_equal(links, 2);
    OK(sys_close(d));
    return 0;
}

/* symlink's errors; none of them makes anything. */
TASK_TEST(test_symlink_errors) {
    vt_put("/tmp/f", "x");
    OK(sys_symlink("nowhere", "/tmp/d"));
    uint64_t nodes = vt_nodes();
    ERR(sys_symlink("t", "/tmp/f"), AX_EEXIST);
    ERR(sys_symlink("t", "/tmp/d"), AX_EEXIST); /* a dangling link is a name too */
    ERR(sys_symlink("t", "/tmp"), AX_EEXIST);
    ERR(sys_symlink("t", "/"), AX_EEXIST);
    ERR(sys_symlink("t", "/tmp/."), AX_EEXIST);
    ERR(sys_symlink("t", "/tmp/new/"), AX_ENOENT);
    ERR(sys_symlink("t", "/tmp/no/new"), AX_ENOENT);
    ERR(sys_symlink("t", "/tmp/f/new"), AX_ENOTDIR);
    ERR(sys_symlink("", "/tmp/new"), AX_ENOENT);
    ERR(sys_symlink(NULL, "/tmp/new"), AX_EFAULT);
    ERR(sys_symlink("t", NULL), AX_EFAULT);
    ERR(sys_symlink("t", ""), AX_ENOENT);
    ERR(sys_symlink("t", "/dev/new"), AX_EACCES);
    char *big = malloc(AX_PATH_MAX + 1);
    memset(big, 'a', AX_PATH_MAX);
    big[AX_PATH_MAX] = '\0';
    ERR(sys_symlink(big, "/tmp/new"), AX_ENAMETOOLONG);
    big[AX_PATH_MAX - 1] = '\0'; /* 4095 bytes: the longest target */
    OK(sys_symlink(big, "/tmp/long"));
    char *back = malloc(AX_PATH_MAX);
    assert_int_equal(OK(sys_readlink("/tmp/long", back, AX_PATH_MAX)), AX_PATH_MAX - 1);
    FileStat st;
    ERR(sys_stat("/tmp/long", &st), AX_ENAMETOOLONG); /* a component of 4095 */
    OK(sys_unlink("/tmp/long"));
    free(big);
    free(back);
    assert_false(exists("/tmp/new"));
    assert_int_equal(vt_nodes(), nodes);
    return 0;
}

/* ---- resolution ---- */

/* Relative targets start at the link's directory, absolute ones at the
 * root; links work in the middle of a path, in chains, and with "..";
 * getcwd after a chdir through a link gives the physical path. */
TASK_TEST(test_resolution_through_links) {
    OK(sys_mkdir("/tmp/a", 0755));
    OK(sys_mkdir("/tmp/a/b", 0755));
    vt_put("/tmp/a/b/f", "deep");
    OK(sys_symlink("a/b", "/tmp/rel"));         /* from /tmp */
    OK(sys_symlink("/tmp/a", "/tmp/abs"));
    OK(sys_symlink("../b/f", "/tmp/a/b/up"));   /* from /tmp/a/b */
    OK(sys_symlink("rel", "/tmp/chain"));
    OK(sys_symlink("/", "/tmp/root"));
    OK(sys_symlink(".", "/tmp/a/dot"));
    char buf[64];
    assert_string_equal(vt_get("/tmp/rel/f", buf, sizeof buf), "deep");
    assert_string_equal(vt_get("/tmp/abs/b/f", buf, sizeof buf), "deep");
    assert_string_equal(vt_get("/tmp/a/b/up", buf, sizeof buf), "deep");
    assert_string_equal(vt_get("/tmp/chain/f", buf, sizeof buf), "deep");
    assert_string_equal(vt_get("/tmp/root/tmp/abs/dot/dot/b/f", buf, sizeof buf), "deep");
    assert_string_equal(vt_get("/tmp/rel/../b/f", buf, sizeof buf), "deep"); /* physical ".." */
    OK(sys_chdir("/tmp/rel"));
    assert_string_equal(vt_get("up", buf, sizeof buf), "deep");
    assert_int_equal(OK(sys_getcwd(buf, sizeof buf)), strlen("/tmp/a/b"));
    assert_string_equal(buf, "/tmp/a/b");
    OK(sys_chdir("/tmp/root"));
    OK(sys_getcwd(buf, sizeof buf));
    assert_string_equal(buf, "/");
    /* a link to a file used as a directory */
    OK(sys_symlink("a/b/f", "/tmp/tofile"));
    FileStat st;
    ERR(sys_stat("/tmp/tofile/x", &st), AX_ENOTDIR);
    ERR(sys_stat("/tmp/tofile/", &st), AX_ENOTDIR);
    OK(sys_stat("/tmp/rel/", &st)); /* a link to a directory, with a slash */
    assert_true(AX_S_ISDIR(st.mode));
    OK(sys_lstat("/tmp/rel/", &st)); /* the slash follows it */
    assert_true(AX_S_ISDIR(st.mode));
    /* a dangling link in the middle */
    OK(sys_symlink("missing", "/tmp/dang"));
    ERR(sys_stat("/tmp/dang/x", &st), AX_ENOENT);
    ERR(sys_stat("/tmp/dang/", &st), AX_ENOENT);
    /* spawn and exec through a link */
    OK(sys_symlink("/bin/t", "/tmp/prog"));
    OK(sys_stat("/tmp/prog", &st));
    assert_true(AX_S_ISREG(st.mode));
    return 0;
}

/* AX_SYMLOOP_MAX links in one walk are followed, one more is ELOOP;
 * loops end in ELOOP. */
TASK_TEST(test_eloop) {
    vt_put("/tmp/end", "e");
    char name[32], target[32];
    /* l0 -> l1 -> ... -> l39 -> end: 40 links */
    for (int i = 0; i < AX_SYMLOOP_MAX; i++) {
        snprintf(name, sizeof name, "/tmp/l%d", i);
        if (i == AX_SYMLOOP_MAX - 1)
            snprintf(target, sizeof target, "end");
        else
            snprintf(target, sizeof target, "l%d", i + 1);
        OK(sys_symlink(target, name));
    }
    FileStat st;
    OK(sys_stat("/tmp/l0", &st));
    assert_int_equal(st.size, 1);
    OK(sys_symlink("l0", "/tmp/over"));
    ERR(sys_stat("/tmp/over", &st), AX_ELOOP);
    ERR(sys_open("/tmp/over", AX_O_RDONLY, 0), AX_ELOOP);
    OK(sys_lstat("/tmp/over", &st)); /* not followed */
    OK(sys_symlink("self", "/tmp/self"));
    ERR(sys_stat("/tmp/self", &st), AX_ELOOP);
    ERR(sys_stat("/tmp/self/x", &st), AX_ELOOP);
    ERR(sys_open("/tmp/self", AX_O_CREAT | AX_O_WRONLY, 0644), AX_ELOOP);
    OK(sys_symlink("b1", "/tmp/a1"));
    OK(sys_symlink("a1", "/tmp/b1"));
    ERR(sys_chdir("/tmp/a1"), AX_ELOOP);
    ERR(sys_chmod("/tmp/a1", 0600), AX_ELOOP);
    /* links met in the middle of a path count too */
    OK(sys_mkdir("/tmp/d", 0755));
    OK(sys_symlink(".", "/tmp/d/s"));
    char path[512] = "/tmp/d";
    for (int i = 0; i < AX_SYMLOOP_MAX; i++)
        strcat(path, "/s");
    OK(sys_stat(path, &st));
    strcat(path, "/s");
    ERR(sys_stat(path, &st), AX_ELOOP);
    return 0;
}

/* open: a final link is followed; O_NOFOLLOW gives ELOOP; O_CREAT on a
 * dangling link creates its target, O_CREAT|O_EXCL is EEXIST there. */
TASK_TEST(test_open_and_links) {
    vt_put("/tmp/f", "data");
    OK(sys_symlink("f", "/tmp/l"));
    OK(sys_symlink("made", "/tmp/dang"));
    char buf[16];
    assert_string_equal(vt_get("/tmp/l", buf, sizeof buf), "data");
    uint64_t nodes = vt_nodes();
    ERR(sys_open("/tmp/l", AX_O_RDONLY | AX_O_NOFOLLOW, 0), AX_ELOOP);
    ERR(sys_open("/tmp/dang", AX_O_RDONLY | AX_O_NOFOLLOW, 0), AX_ELOOP);
    ERR(sys_open("/tmp/l", AX_O_WRONLY | AX_O_CREAT | AX_O_EXCL, 0644), AX_EEXIST);
    ERR(sys_open("/tmp/dang", AX_O_WRONLY | AX_O_CREAT | AX_O_EXCL, 0644), AX_EEXIST);
    ERR(sys_open("/tmp/dang", AX_O_RDONLY, 0), AX_ENOENT);
    ERR(sys_open("/tmp/l", AX_O_RDONLY | AX_O_DIRECTORY, 0), AX_ENOTDIR);
    assert_int_equal(vt_nodes(), nodes);
    assert_false(exists("/tmp/made"));
    /* O_NOFOLLOW only looks at the last component */
    OK(sys_symlink("/tmp", "/tmp/t"));
    OK(sys_close((int)OK(sys_open("/tmp/t/f", AX_O_RDONLY | AX_O_NOFOLLOW, 0))));
    /* a trailing slash follows even with O_NOFOLLOW */
    OK(sys_close((int)OK(sys_open("/tmp/t/", AX_O_RDONLY | AX_O_NOFOLLOW, 0))));
    int fd = (int)OK(sys_open("/tmp/dang", AX_O_WRONLY | AX_O_CREAT, 0600));
    OK(sys_write(fd, "new", 3));
    OK(sys_close(fd));
    assert_string_equal(vt_get("/tmp/made", buf, sizeof buf), "new");
    assert_true(AX_S_ISLNK(lmode("/tmp/dang")));
    /* O_TRUNC through a link truncates the target */
    OK(sys_close((int)OK(sys_open("/tmp/l", AX_O_WRONLY | AX_O_TRUNC, 0))));
    FileStat st;
    OK(sys_stat("/tmp/f", &st));
    assert_int_equal(st.size, 0);
    return 0;
}

/* unlink, rename and lchown act on the link; chmod, chown, truncate,
 * access follow it; rmdir and mkdir do not follow. (In /w: in sticky
 * /tmp, root would not follow U1's link.) */
TASK_TEST(test_calls_on_link_or_target) {
    OK(sys_mkdir("/w", 0755));
    OK(sys_mkdir("/w/dir", 0755));
    vt_put("/w/f", "data");
    OK(sys_symlink("f", "/w/l"));
    OK(sys_symlink("dir", "/w/ld"));
    FileStat st;
    /* chmod follows, the link stays 0777 */
    OK(sys_chmod("/w/l", 0600));
    OK(sys_stat("/w/f", &st));
    assert_int_equal(st.mode & 07777, 0600);
    assert_int_equal(lmode("/w/l"), AX_S_IFLNK | 0777);
    /* lchown changes the link, chown the target */
    OK(sys_lchown("/w/l", U1, U1));
    OK(sys_lstat("/w/l", &st));
    assert_int_equal(st.uid, U1);
    OK(sys_stat("/w/l", &st));
    assert_int_equal(st.uid, 0);
    OK(sys_chown("/w/l", U2, AX_ID_NONE));
    OK(sys_stat("/w/f", &st));
    assert_int_equal(st.uid, U2);
    OK(sys_lstat("/w/l", &st));
    assert_int_equal(st.uid, U1);
    /* truncate and access follow */
    OK(sys_truncate("/w/l", 2));
    OK(sys_stat("/w/f", &st));
    assert_int_equal(st.size, 2);
    OK(sys_access("/w/l", AX_R_OK));
    OK(sys_symlink("gone", "/w/g"));
    ERR(sys_access("/w/g", 0), AX_ENOENT);
    assert_int_equal(OK(sys_exists("/w/g")), 0);
    /* rmdir and mkdir do not follow; unlink of "link/" is ENOTDIR */
    ERR(sys_rmdir("/w/ld"), AX_ENOTDIR);
    ERR(sys_rmdir("/w/ld/"), AX_ENOTDIR);
    ERR(sys_mkdir("/w/ld", 0755), AX_EEXIST);
    ERR(sys_mkdir("/w/g", 0755), AX_EEXIST);
    ERR(sys_mkdir("/w/g/", 0755), AX_EEXIST);
    assert_false(exists("/w/gone"));
    ERR(sys_unlink("/w/ld/"), AX_ENOTDIR);
    ERR(sys_mkfifo("/w/g", 0644), AX_EEXIST);
    /* rename moves the link, not the target */
    OK(sys_rename("/w/l", "/w/l2"));
    assert_true(AX_S_ISLNK(lmode("/w/l2")));
    assert_true(exists("/w/f"));
    ERR(sys_rename("/w/ld/", "/w/x"), AX_ENOTDIR);
    /* a link replaces a file by rename, and is replaced */
    vt_put("/w/victim", "v");
    OK(sys_rename("/w/l2", "/w/victim"));
    assert_true(AX_S_ISLNK(lmode("/w/victim")));
    /* unlink removes the link only */
    OK(sys_unlink("/w/victim"));
    OK(sys_unlink("/w/ld"));
    assert_true(exists("/w/f"));
    assert_true(exists("/w/dir"));
    ERR(sys_lstat("/w/ld", &st), AX_ENOENT);
    return 0;
}

/* ---- hard links ---- */

/* Two names, one inode: same ino, nlink 2, shared data; the data
 * lives until the last name and the last open file are gone. */
TASK_TEST(test_hard_links_share_an_inode) {
    vt_put("/tmp/a", "one");
    uint64_t nodes = vt_nodes();
    OK(sys_link("/tmp/a", "/tmp/b"));
    assert_int_equal(vt_nodes(), nodes); /* no new inode */
    FileStat sa, sb;
    OK(sys_stat("/tmp/a", &sa));
    OK(sys_stat("/tmp/b", &sb));
    assert_int_equal(sa.ino, sb.ino);
    assert_int_equal(sa.nlink, 2);
    vt_put("/tmp/b", "two");
    char buf[16];
    assert_string_equal(vt_get("/tmp/a", buf, sizeof buf), "two");
    /* the change time moves, the content's does not */
    OK(sys_mkdir("/tmp/sub", 0755));
    OK(sys_link("/tmp/b", "/tmp/sub/c"));
    OK(sys_stat("/tmp/sub/c", &sb));
    assert_int_equal(sb.nlink, 3);
    OK(sys_unlink("/tmp/a"));
    OK(sys_stat("/tmp/b", &sb));
    assert_int_equal(sb.nlink, 2);
    /* the last name goes while open: the data stays until the close */
    int fd = (int)OK(sys_open("/tmp/b", AX_O_RDONLY, 0));
    OK(sys_unlink("/tmp/b"));
    OK(sys_unlink("/tmp/sub/c"));
    FileStat fs;
    OK(sys_fstat(fd, &fs));
    assert_int_equal(fs.nlink, 0);
    assert_int_equal(OK(sys_read(fd, buf, sizeof buf)), 3);
    assert_int_equal(vt_nodes(), nodes + 1); /* /tmp/sub */
    OK(sys_close(fd));
    assert_int_equal(vt_nodes(), nodes);
    /* rename between two names of one inode does nothing (POSIX) */
    vt_put("/tmp/x", "x");
    OK(sys_link("/tmp/x", "/tmp/y"));
    OK(sys_rename("/tmp/x", "/tmp/y"));
    assert_true(exists("/tmp/x"));
    assert_true(exists("/tmp/y"));
    /* link does not follow a symbolic link: the new name is the link's */
    OK(sys_symlink("x", "/tmp/s"));
    OK(sys_link("/tmp/s", "/tmp/s2"));
    assert_true(AX_S_ISLNK(lmode("/tmp/s2")));
    OK(sys_lstat("/tmp/s", &sa));
    assert_int_equal(sa.nlink, 2);
    assert_string_equal(rl("/tmp/s2", buf, sizeof buf), "x");
    /* FIFOs and programs take hard links too */
    OK(sys_mkfifo("/tmp/p", 0644));
    OK(sys_link("/tmp/p", "/tmp/p2"));
    OK(sys_link("/bin/t", "/tmp/t2"));
    OK(sys_stat("/bin/t", &sa));
    assert_int_equal(sa.nlink, 2);
    return 0;
}

/* link's errors, in Linux's order; none changes anything. */
TASK_TEST(test_link_errors) {
    vt_put("/tmp/f", "x");
    OK(sys_mkdir("/tmp/d", 0755));
    OK(sys_symlink("nowhere", "/tmp/dang"));
    uint64_t nodes = vt_nodes();
    ERR(sys_link("/tmp/none", "/tmp/n"), AX_ENOENT);
    ERR(sys_link("/tmp/f/", "/tmp/n"), AX_ENOTDIR);
    ERR(sys_link("/tmp/f", "/tmp/d"), AX_EEXIST);
    ERR(sys_link("/tmp/f", "/tmp/dang"), AX_EEXIST);
    ERR(sys_link("/tmp/f", "/tmp/f"), AX_EEXIST);
    ERR(sys_link("/tmp/none", "/tmp/f"), AX_ENOENT); /* the old path first */
    ERR(sys_link("/tmp/f", "/tmp/n/"), AX_ENOENT);
    ERR(sys_link("/tmp/f", "/tmp/no/n"), AX_ENOENT);
    ERR(sys_link("/tmp/f", "/tmp/f/n"), AX_ENOTDIR);
    ERR(sys_link("/tmp/d", "/tmp/n"), AX_EPERM);
    ERR(sys_link("/tmp/d/", "/tmp/n"), AX_EPERM);
    ERR(sys_link("/", "/tmp/n"), AX_EPERM);
    ERR(sys_link("/tmp/.", "/tmp/n"), AX_EPERM);
    ERR(sys_link("/dev/null", "/tmp/n"), AX_EXDEV);
    ERR(sys_link("/dev/stdin", "/tmp/n"), AX_EXDEV);
    ERR(sys_link("/tmp/f", "/dev/n"), AX_EXDEV);
    ERR(sys_link("/dev/null", "/dev/n"), AX_EACCES);
    ERR(sys_link(NULL, "/tmp/n"), AX_EFAULT);
    ERR(sys_link("/tmp/f", NULL), AX_EFAULT);
    ERR(sys_link("", "/tmp/n"), AX_ENOENT);
    assert_int_equal(vt_nodes(), nodes);
    assert_false(exists("/tmp/n"));
    FileStat st;
    OK(sys_stat("/tmp/f", &st));
    assert_int_equal(st.nlink, 1);
    return 0;
}

/* An inode takes at most 65000 names (ext4's bound): EMLINK past it. */
TASK_TEST(test_link_max) {
    vt_put("/tmp/f", "x");
    OK(sys_mkdir("/tmp/m", 0755));
    char name[32];
    for (int i = 1; i < 65000; i++) {
        snprintf(name, sizeof name, "/tmp/m/%d", i);
        OK(sys_link("/tmp/f", name));
    }
    FileStat st;
    OK(sys_stat("/tmp/f", &st));
    assert_int_equal(st.nlink, 65000);
    ERR(sys_link("/tmp/f", "/tmp/over"), AX_EMLINK);
    assert_false(exists("/tmp/over"));
    return 0;
}

/* ---- as an ordinary user ---- */

/* Creating a link needs write and search on its directory; search is
 * checked on every directory a link leads through; a user links only
 * files it owns or may read and write (protected hard links: EPERM);
 * a sticky directory protects others' links. */
TASK_TEST(test_links_as_a_user) {
    OK(sys_mkdir("/tmp/ro", 0755));
    OK(sys_mkdir("/tmp/closed", 0700));
    vt_put("/tmp/closed/f", "secret");
    OK(sys_chmod("/tmp/closed/f", 0644));
    OK(sys_symlink("/tmp/closed/f", "/tmp/tosecret"));
    vt_put("/tmp/rootfile", "r");
    OK(sys_chmod("/tmp/rootfile", 0644));
    vt_put("/tmp/shared", "s");
    OK(sys_chmod("/tmp/shared", 0666));
    uint64_t nodes = vt_nodes();
    vt_act_as(U1);
    FileStat st;
    ERR(sys_symlink("x", "/tmp/ro/l"), AX_EACCES);
    ERR(sys_link("/tmp/shared", "/tmp/ro/l"), AX_EACCES);
    ERR(sys_stat("/tmp/tosecret", &st), AX_EACCES); /* search on /tmp/closed */
    ERR(sys_open("/tmp/tosecret", AX_O_RDONLY, 0), AX_EACCES);
    OK(sys_lstat("/tmp/tosecret", &st));            /* the link itself is in /tmp */
    char buf[32];
    assert_string_equal(rl("/tmp/tosecret", buf, sizeof buf), "/tmp/closed/f");
    ERR(sys_link("/tmp/rootfile", "/tmp/mine"), AX_EPERM); /* read only: protected */
    ERR(sys_link("/tmp/ro", "/tmp/mine"), AX_EPERM);
    ERR(sys_link("/tmp/tosecret", "/tmp/mine"), AX_EPERM); /* not a plain file, not ours */
    ERR(sys_unlink("/tmp/tosecret"), AX_EPERM);            /* /tmp is sticky */
    ERR(sys_lchown("/tmp/tosecret", U1, U1), AX_EPERM);
    ERR(sys_rename("/tmp/tosecret", "/tmp/x"), AX_EPERM);
    assert_int_equal(vt_nodes(), nodes);
    OK(sys_link("/tmp/shared", "/tmp/mine"));              /* read and write: allowed */
    OK(sys_symlink("/tmp/rootfile", "/tmp/ulink"));
    OK(sys_lstat("/tmp/ulink", &st));
    assert_int_equal(st.uid, U1);
    assert_int_equal(st.gid, U1);
    OK(sys_link("/tmp/ulink", "/tmp/ulink2"));             /* its own link */
    OK(sys_unlink("/tmp/ulink"));
    ERR(sys_unlink("/tmp/mine"), AX_EPERM); /* a name of root's inode in sticky /tmp */
    vt_back_to_root();
    OK(sys_unlink("/tmp/mine"));
    OK(sys_stat("/tmp/shared", &st));
    assert_int_equal(st.nlink, 1);
    return 0;
}

/* Protected symlinks (Linux's fs.protected_symlinks = 1): in sticky,
 * world-writable /tmp only a link's owner follows it, or anyone when the
 * directory's owner owns it; root is no exception. Elsewhere anyone
 * follows. */
TASK_TEST(test_protected_symlinks) {
    vt_put("/tmp/f", "data");
    OK(sys_chmod("/tmp/f", 0666));
    OK(sys_mkdir("/tmp/open", 0777));
    OK(sys_chmod("/tmp/open", 0777)); /* world-writable, not sticky */
    vt_act_as(U1);
    OK(sys_symlink("/tmp/f", "/tmp/u1link"));
    OK(sys_symlink("/tmp/f", "/tmp/open/u1link"));
    char buf[16];
    assert_string_equal(vt_get("/tmp/u1link", buf, sizeof buf), "data"); /* its owner */
    vt_back_to_root();
    FileStat st;
    ERR(sys_stat("/tmp/u1link", &st), AX_EACCES);
    ERR(sys_open("/tmp/u1link", AX_O_RDONLY, 0), AX_EACCES);
    OK(sys_lstat("/tmp/u1link", &st)); /* not followed: allowed */
    OK(sys_stat("/tmp/open/u1link", &st));
    vt_act_as(U2);
    ERR(sys_stat("/tmp/u1link", &st), AX_EACCES);
    OK(sys_stat("/tmp/open/u1link", &st));
    vt_back_to_root();
    OK(sys_symlink("/tmp/f", "/tmp/rootlink")); /* owned as /tmp is: anyone */
    vt_act_as(U2);
    OK(sys_stat("/tmp/rootlink", &st));
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_symlink_readlink_lstat),
        cmocka_unit_test(test_symlink_errors),
        cmocka_unit_test(test_resolution_through_links),
        cmocka_unit_test(test_eloop),
        cmocka_unit_test(test_open_and_links),
        cmocka_unit_test(test_calls_on_link_or_target),
        cmocka_unit_test(test_hard_links_share_an_inode),
        cmocka_unit_test(test_link_errors),
        cmocka_unit_test(test_link_max),
        cmocka_unit_test(test_links_as_a_user),
        cmocka_unit_test(test_protected_symlinks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
