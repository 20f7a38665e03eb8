/* Hypotheses about credentials: the ids a process has, who may change
 * them and to what (POSIX and Linux rules, as root and as an ordinary
 * user), inheritance across spawn, the owner and mode of what a process
 * creates, chmod and chown, and the accounts the boot makes. A failed
 * call must leave every id as it was. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "vfs_test.h"

#define U1 1000u
#define U2 2000u
#define G1 1000u
#define G2 2000u
#define NONE AX_ID_NONE

/* The caller's six ids, "r e s / r e s", for comparisons. */
static const char *ids(char *buf, size_t n) {
    uint32_t r, e, s, gr, ge, gs;
    OK(sys_getresuid(&r, &e, &s));
    OK(sys_getresgid(&gr, &ge, &gs));
    snprintf(buf, n, "%u %u %u / %u %u %u", r, e, s, gr, ge, gs);
    return buf;
}
#define IDS() ids((char[64]){0}, 64)

/* Become an ordinary user the way su and login do: groups, gids, uids. */
static void become(uint32_t uid, uint32_t gid) {
    uint32_t g[] = {gid};
    OK(sys_setgroups(1, g));
    OK(sys_setresgid(gid, gid, gid));
    OK(sys_setresuid(uid, uid, uid));
}

static FileStat st_of(const char *path) {
    FileStat st;
    OK(sys_stat(path, &st));
    return st;
}

/* ---- the ids ---- */

/* A process the host starts (the default session) is root, with no
 * supplementary group. */
TASK_TEST(test_host_processes_start_as_root) {
    assert_string_equal(IDS(), "0 0 0 / 0 0 0");
    assert_int_equal(OK(sys_getuid()), 0);
    assert_int_equal(OK(sys_geteuid()), 0);
    assert_int_equal(OK(sys_getgid()), 0);
    assert_int_equal(OK(sys_getegid()), 0);
    assert_int_equal(OK(sys_getgroups(0, NULL)), 0);
    return 0;
}

/* root's setuid sets all three; then nothing brings root back. */
TASK_TEST(test_setuid_as_root_is_for_good) {
    OK(sys_setuid(U1));
    assert_string_equal(IDS(), "1000 1000 1000 / 0 0 0");
    ERR(sys_setuid(0), AX_EPERM);
    ERR(sys_seteuid(0), AX_EPERM);
    ERR(sys_setresuid(NONE, 0, NONE), AX_EPERM);
    ERR(sys_setreuid(0, NONE), AX_EPERM);
    assert_string_equal(IDS(), "1000 1000 1000 / 0 0 0");
    ERR(sys_setuid(NONE), AX_EINVAL);
    return 0;
}

/* seteuid keeps the saved uid, so root can come back; an ordinary
 * process moves only among its real, effective and saved ids. */
TASK_TEST(test_seteuid_keeps_the_saved_uid) {
    OK(sys_seteuid(U1));
    assert_string_equal(IDS(), "0 1000 0 / 0 0 0");
    ERR(sys_seteuid(U2), AX_EPERM); /* not root any more, 2000 is none of its ids */
    ERR(sys_setgid(G1), AX_EPERM);  /* the gid calls ask the effective uid too */
    OK(sys_seteuid(0));             /* the saved uid */
    assert_string_equal(IDS(), "0 0 0 / 0 0 0");
    ERR(sys_seteuid(NONE), AX_EINVAL);
    ERR(sys_setegid(NONE), AX_EINVAL);
    /* setuid of a non-root process sets the effective uid only */
    OK(sys_setresuid(U1, U2, U1));
    OK(sys_setuid(U1));
    assert_string_equal(IDS(), "1000 1000 1000 / 0 0 0");
    return 0;
}

/* setresuid: root sets any; others each id to one they have. */
TASK_TEST(test_setresuid_rules) {
    OK(sys_setresuid(U1, U2, 0));
    assert_string_equal(IDS(), "1000 2000 0 / 0 0 0");
    OK(sys_setresuid(U2, U1, U2)); /* 2000, 1000: held; saved 0 -> 2000 */
    assert_string_equal(IDS(), "2000 1000 2000 / 0 0 0");
    ERR(sys_setresuid(0, NONE, NONE), AX_EPERM); /* 0 is not held any more */
    ERR(sys_setresuid(NONE, NONE, 3000), AX_EPERM);
    assert_string_equal(IDS(), "2000 1000 2000 / 0 0 0");
    OK(sys_setresuid(NONE, NONE, NONE)); /* nothing to do */
    assert_string_equal(IDS(), "2000 1000 2000 / 0 0 0");
    return 0;
}

/* setreuid: the saved uid follows the new effective uid when the real one
 * is set or the effective one leaves the old real one (Linux). */
TASK_TEST(test_setreuid_rules) {
    OK(sys_setreuid(NONE, U1)); /* euid 1000 != old ruid 0: saved = 1000 */
    assert_string_equal(IDS(), "0 1000 1000 / 0 0 0");
    OK(sys_setreuid(U1, 0)); /* real to the effective, effective to the real */
    assert_string_equal(IDS(), "1000 0 0 / 0 0 0");
    OK(sys_setreuid(NONE, U1)); /* 1000 == old ruid: saved stays 0 */
    assert_string_equal(IDS(), "1000 1000 0 / 0 0 0");
    ERR(sys_setreuid(U2, NONE), AX_EPERM); /* real: only to real or effective */
    OK(sys_setreuid(NONE, 0));             /* effective: to the saved one */
    assert_string_equal(IDS(), "1000 0 0 / 0 0 0");
    OK(sys_setreuid(U2, U2)); /* root sets both; saved follows */
    assert_string_equal(IDS(), "2000 2000 2000 / 0 0 0");
    ERR(sys_setreuid(NONE, U1), AX_EPERM);
    return 0;
}

/* The gid calls follow the same rules, judged by the effective uid. */
TASK_TEST(test_gid_calls) {
    OK(sys_setgid(G1));
    assert_string_equal(IDS(), "0 0 0 / 1000 1000 1000");
    OK(sys_setresgid(G2, NONE, NONE));
    OK(sys_setregid(NONE, G2)); /* the old real gid: the saved one stays */
    assert_string_equal(IDS(), "0 0 0 / 2000 2000 1000");
    OK(sys_setegid(G1)); /* root: any */
    OK(sys_setresuid(U1, U1, U1));
    ERR(sys_setgid(G2 + 1), AX_EPERM);
    ERR(sys_setegid(0), AX_EPERM);
    ERR(sys_setresgid(NONE, 3000, NONE), AX_EPERM);
    ERR(sys_setregid(3000, NONE), AX_EPERM);
    assert_string_equal(IDS(), "1000 1000 1000 / 2000 1000 1000");
    OK(sys_setgid(G2)); /* the real gid: effective only */
    assert_string_equal(IDS(), "1000 1000 1000 / 2000 2000 1000");
    ERR(sys_setgid(NONE), AX_EINVAL);
    return 0;
}

/* getresuid, getresgid: a NULL pointer is EFAULT and nothing is stored. */
TASK_TEST(test_getres_faults) {
    uint32_t r = 7, e = 7;
    ERR(sys_getresuid(&r, &e, NULL), AX_EFAULT);
    ERR(sys_getresgid(NULL, &e, &r), AX_EFAULT);
    assert_int_equal(r, 7);
    assert_int_equal(e, 7);
    return 0;
}

/* setgroups: root only, sorted as Linux keeps them, duplicates kept, at
 * most AX_NGROUPS_MAX; getgroups' size rules. */
TASK_TEST(test_supplementary_groups) {
    uint32_t set[] = {30, 10, 20, 10}, got[8] = {0};
    OK(sys_setgroups(4, set));
    assert_int_equal(OK(sys_getgroups(0, NULL)), 4);
    assert_int_equal(OK(sys_getgroups(8, got)), 4);
    assert_int_equal(got[0], 10);
    assert_int_equal(got[1], 10);
    assert_int_equal(got[2], 20);
    assert_int_equal(got[3], 30);
    ERR(sys_getgroups(3, got), AX_EINVAL); /* too small */
    ERR(sys_getgroups(-1, got), AX_EINVAL);
    ERR(sys_getgroups(4, NULL), AX_EFAULT);
    ERR(sys_setgroups(-1, set), AX_EINVAL);
    ERR(sys_setgroups(AX_NGROUPS_MAX + 1, set), AX_EINVAL);
    ERR(sys_setgroups(2, NULL), AX_EFAULT);
    assert_int_equal(OK(sys_getgroups(0, NULL)), 4); /* unchanged by the failures */
    OK(sys_setgroups(0, NULL));
    assert_int_equal(OK(sys_getgroups(0, NULL)), 0);
    OK(sys_setgroups(2, set));
    OK(sys_seteuid(U1));
    ERR(sys_setgroups(1, set), AX_EPERM);
    assert_int_equal(OK(sys_getgroups(0, NULL)), 2);
    return 0;
}

/* ---- inheritance ---- */

/* Exit 0 when the caller's ids and groups read argv[1]. */
static int prog_ids(int argc, char **argv) {
    char buf[64], line[128];
    uint32_t g[8];
    int n = (int)OK(sys_getgroups(8, g));
    int used = snprintf(line, sizeof line, "%s /", ids(buf, sizeof buf));
    for (int i = 0; i < n; i++)
        used += snprintf(line + used, sizeof line - (size_t)used, " %u", g[i]);
    return argc > 1 && strcmp(line, argv[1]) == 0 ? 0 : 1;
}

/* A child gets its parent's ids and groups. */
TASK_TEST(test_spawn_inherits) {
    kernel_install_program(vt_kernel, "/bin/ids", prog_ids);
    uint32_t g[] = {7, 5};
    OK(sys_setgroups(2, g));
    OK(sys_setresgid(G1, G2, G1));
    OK(sys_setresuid(U1, U2, 0));
    /* the exec part of spawn gives the saved ids the effective ones (POSIX) */
    char *av[] = {"ids", "1000 2000 2000 / 1000 2000 2000 / 5 7", NULL};
    assert_int_equal(tspawn_wait("/bin/ids", av), 0);
    return 0;
}

/* ---- owners and modes ---- */

/* What a process creates is its effective uid's and gid's, with the mode
 * asked for less the umask; a setgid directory hands down its group, and
 * to a new directory its setgid bit. */
TASK_TEST(test_new_files_belong_to_their_creator) {
    OK(sys_mkdir("/tmp/d", 0777));
    OK(sys_chmod("/tmp/d", 0777));
    OK(sys_chown("/tmp/d", 0, 50));
    OK(sys_setresgid(G1, G1, G1));
    OK(sys_setresuid(U1, U1, U1));
    OK(sys_close((int)OK(sys_open("/tmp/d/f", AX_O_CREAT | AX_O_WRONLY, 0666))));
    FileStat st = st_of("/tmp/d/f");
    assert_int_equal(st.uid, U1);
    assert_int_equal(st.gid, G1);
    assert_int_equal(st.mode, AX_S_IFREG | 0644); /* umask 022 */
    OK(sys_mkdir("/tmp/d/sub", 07777));
    st = st_of("/tmp/d/sub");
    assert_int_equal(st.mode, AX_S_IFDIR | 01755); /* mkdir keeps 01777 of it */
    return 0;
}

/* Exit with the caller's umask (read by setting it back). */
static int prog_umask(int argc, char **argv) {
    uint32_t m = (uint32_t)OK(sys_umask(0));
    OK(sys_umask(m));
    return (int)m;
}

/* umask returns the old mask, keeps only 0777, is inherited by a child,
 * and takes its bits from open's and mkdir's modes. */
TASK_TEST(test_umask) {
    assert_int_equal(OK(sys_umask(077)), 022); /* what kernel_spawn gives */
    assert_int_equal(OK(sys_umask(0777777)), 077);
    assert_int_equal(OK(sys_umask(027)), 0777);
    OK(sys_close((int)OK(sys_open("/tmp/um", AX_O_CREAT | AX_O_WRONLY, 0666))));
    assert_int_equal(st_of("/tmp/um").mode, AX_S_IFREG | 0640);
    OK(sys_mkdir("/tmp/umd", 0777));
    assert_int_equal(st_of("/tmp/umd").mode, AX_S_IFDIR | 0750);
    /* an open that finds the file leaves its mode alone */
    OK(sys_umask(0777));
    OK(sys_close((int)OK(sys_open("/tmp/um", AX_O_CREAT | AX_O_WRONLY, 0666))));
    assert_int_equal(st_of("/tmp/um").mode, AX_S_IFREG | 0640);
    OK(sys_umask(0));
    OK(sys_close((int)OK(sys_open("/tmp/um0", AX_O_CREAT | AX_O_WRONLY, 0666))));
    assert_int_equal(st_of("/tmp/um0").mode, AX_S_IFREG | 0666);
    OK(sys_umask(0061));
    kernel_install_program(vt_kernel, "/bin/umask", prog_umask);
    char *av[] = {"umask", NULL};
    assert_int_equal(AX_WEXITSTATUS(tspawn_wait("/bin/umask", av)), 061);
    return 0;
}

static int prog_setgid_dir(int argc, char **argv) {
    OK(sys_mkdir("/tmp/sg", 0777));
    OK(sys_chmod("/tmp/sg", 02777));
    OK(sys_chown("/tmp/sg", 0, 50));
    become(U1, G1);
    OK(sys_close((int)OK(sys_open("/tmp/sg/f", AX_O_CREAT | AX_O_WRONLY, 02770))));
    OK(sys_mkdir("/tmp/sg/d", 0755));
    FileStat f = st_of("/tmp/sg/f"), d = st_of("/tmp/sg/d");
    assert_int_equal(f.gid, 50);
    assert_int_equal(f.uid, U1);
    /* setgid asked by someone outside group 50: dropped (mode_strip_sgid) */
    assert_int_equal(f.mode & 07777, 0750);
    assert_int_equal(d.gid, 50);
    assert_int_equal(d.mode & 07777, 02755);
    return 0;
}
static void test_setgid_directories_pass_their_group(void **state) {
    vt_run(prog_setgid_dir, NULL);
}

/* chmod: the owner or root; the type bits of mode are ignored; an owner
 * outside the file's group loses setgid; others get EPERM. */
TASK_TEST(test_chmod_rules) {
    vt_put("/tmp/f", "x");
    OK(sys_chown("/tmp/f", U1, 50));
    FileStat before = st_of("/tmp/f");
    OK(sys_chmod("/tmp/f", AX_S_IFDIR | 04711)); /* root, not the owner */
    assert_int_equal(st_of("/tmp/f").mode, AX_S_IFREG | 04711);
    become(U1, G1);
    OK(sys_chmod("/tmp/f", 02755));
    assert_int_equal(st_of("/tmp/f").mode, AX_S_IFREG | 0755); /* not in group 50 */
    OK(sys_chmod("/tmp/f", 01600));
    assert_int_equal(st_of("/tmp/f").mode & 07777, 01600);
    assert_true(st_of("/tmp/f").ctime_ns >= before.ctime_ns);
    ERR(sys_chmod("/etc/passwd", 0666), AX_EPERM);
    ERR(sys_chmod("/tmp", 0777), AX_EPERM);
    assert_int_equal(st_of("/etc/passwd").mode & 07777, 0644);
    ERR(sys_chmod("/tmp/nothing", 0600), AX_ENOENT);
    ERR(sys_chmod("/tmp/f/", 0600), AX_ENOTDIR);
    ERR(sys_chmod(NULL, 0600), AX_EFAULT);
    ERR(sys_chmod("", 0600), AX_ENOENT);
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDONLY, 0));
    OK(sys_fchmod(fd, 0640)); /* the owner, through a read-only fd */
    assert_int_equal(st_of("/tmp/f").mode & 07777, 0640);
    OK(sys_close(fd));
    ERR(sys_fchmod(fd, 0600), AX_EBADF);
    ERR(sys_fchmod(-1, 0600), AX_EBADF);
    fd = (int)OK(sys_open("/etc/hostname", AX_O_RDONLY, 0));
    ERR(sys_fchmod(fd, 0600), AX_EPERM);
    OK(sys_close(fd));
    int p[2];
    OK(sys_pipe(p));
    OK(sys_fchmod(p[0], 0600)); /* no inode that lasts: nothing to refuse */
    OK(sys_close(p[0]));
    OK(sys_close(p[1]));
    return 0;
}

/* chown: root sets anything and clears setuid (and setgid with group
 * execute) on a file even when nothing changes; the owner may only pick
 * one of its groups; others get EPERM. */
TASK_TEST(test_chown_rules) {
    vt_put("/tmp/f", "x");
    OK(sys_chmod("/tmp/f", 06755));
    OK(sys_chown("/tmp/f", NONE, NONE));
    assert_int_equal(st_of("/tmp/f").mode & 07777, 0755);
    OK(sys_chmod("/tmp/f", 06745)); /* setgid without group execute: a lock mark, kept */
    OK(sys_chown("/tmp/f", U1, G1));
    FileStat st = st_of("/tmp/f");
    assert_int_equal(st.uid, U1);
    assert_int_equal(st.gid, G1);
    assert_int_equal(st.mode & 07777, 02745);
    OK(sys_mkdir("/tmp/d", 0755));
    OK(sys_chmod("/tmp/d", 06755));
    OK(sys_chown("/tmp/d", U1, NONE));
    assert_int_equal(st_of("/tmp/d").mode & 07777, 06755); /* directories keep them */
    uint32_t g[] = {77};
    OK(sys_setgroups(1, g));
    OK(sys_setresgid(G1, G1, G1));
    OK(sys_setresuid(U1, U1, U1));
    OK(sys_chown("/tmp/f", NONE, 77));  /* a supplementary group */
    OK(sys_chown("/tmp/f", U1, G1));    /* "to itself", and the effective gid */
    OK(sys_lchown("/tmp/f", NONE, 77));
    ERR(sys_chown("/tmp/f", U2, NONE), AX_EPERM);
    ERR(sys_chown("/tmp/f", NONE, 78), AX_EPERM);
    ERR(sys_chown("/tmp/f", 0, 0), AX_EPERM);
    assert_int_equal(st_of("/tmp/f").gid, 77);
    ERR(sys_chown("/etc/passwd", NONE, G1), AX_EPERM); /* not the owner */
    OK(sys_chown("/etc/passwd", NONE, NONE)); /* changes nothing: anyone may (Linux) */
    OK(sys_chmod("/tmp/f", 04755));
    OK(sys_chown("/tmp/f", NONE, NONE)); /* the owner may clear setuid so */
    assert_int_equal(st_of("/tmp/f").mode & 07777, 0755);
    int fd = (int)OK(sys_open("/tmp/f", AX_O_RDONLY, 0));
    OK(sys_fchown(fd, NONE, G1));
    ERR(sys_fchown(fd, U2, NONE), AX_EPERM);
    OK(sys_close(fd));
    ERR(sys_fchown(fd, NONE, NONE), AX_EBADF);
    ERR(sys_chown("/tmp/none", NONE, NONE), AX_ENOENT);
    ERR(sys_lchown("/tmp/none", NONE, NONE), AX_ENOENT);
    return 0;
}

/* ---- the accounts the boot makes ---- */

TASK_TEST(test_boot_accounts) {
    char buf[1024];
    vt_get("/etc/passwd", buf, sizeof buf);
    assert_non_null(strstr(buf, "root:x:0:0:root:/root:/bin/sh\n"));
    assert_non_null(strstr(buf, "user:x:1000:1000:user:/home/user:/bin/sh\n"));
    vt_get("/etc/group", buf, sizeof buf);
    assert_non_null(strstr(buf, "root:x:0:\n"));
    assert_non_null(strstr(buf, "users:x:100:user\n"));
    assert_non_null(strstr(buf, "user:x:1000:\n"));
    vt_get("/etc/shadow", buf, sizeof buf);
    /* no hash given: locked; 20454 days from 1970 to 2026-01-01 */
    assert_non_null(strstr(buf, "root:!:20454:0:99999:7:::\n"));
    assert_non_null(strstr(buf, "user:!:20454:0:99999:7:::\n"));
    FileStat st = st_of("/etc/shadow");
    assert_int_equal(st.mode & 07777, 0640);
    assert_int_equal(st.uid, 0);
    assert_int_equal(st.gid, 42);
    st = st_of("/root");
    assert_int_equal(st.mode, AX_S_IFDIR | 0700);
    st = st_of("/home/user");
    assert_int_equal(st.uid, U1);
    assert_int_equal(st.gid, G1);
    st = st_of("/tmp");
    assert_int_equal(st.mode, AX_S_IFDIR | 01777);
    st = st_of("/dev/null");
    assert_int_equal(st.rdev, 0x103);
    assert_int_equal(st.mode, AX_S_IFCHR | 0666);
    return 0;
}

static int prog_session(int argc, char **argv) {
    char buf[64], cwd[64], home[64];
    OK(sys_getcwd(cwd, sizeof cwd));
    OK(sys_getenv("HOME", home, sizeof home));
    uint32_t g[4];
    int n = (int)OK(sys_getgroups(4, g));
    tprintf("%s %s %s %d %u %u\n", ids(buf, sizeof buf), cwd, home, n, g[0], g[1]);
    FileStat st = st_of("/dev/console");
    tprintf("console %u %o\n", st.uid, st.mode & 0777);
    /* the hashes are root's and group shadow's to read */
    ERR(sys_open("/etc/shadow", AX_O_RDONLY, 0), AX_EACCES);
    OK(sys_close((int)OK(sys_open("/etc/passwd", AX_O_RDONLY, 0))));
    return 0;
}

static int prog_shadow(int argc, char **argv) {
    char sh[512];
    vt_get("/etc/shadow", sh, sizeof sh);
    tprintf("%s", sh);
    return 0;
}

/* KernelConfig.session = AX_SESSION_USER: the host's processes are the
 * user, in its home, with its groups, and own the console; the hashes
 * given go to /etc/shadow. */
static void test_user_session(void **state) {
    KernelConfig cfg = {.session = AX_SESSION_USER, .user = "ann", .user_hash = "$y$j9T$abc$def",
                        .root_hash = "$y$j9T$xyz$uvw"};
    Kernel *k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/t", prog_session);
    int status = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_int_equal(status, 0);
    const char *out = harness_output(k);
    assert_non_null(strstr(out, "1000 1000 1000 / 1000 1000 1000 /home/ann /home/ann 2 100 1000\n"));
    assert_non_null(strstr(out, "console 1000 620\n"));
    harness_destroy(k);
    /* the hashes given go to /etc/shadow (read by root) */
    cfg.session = AX_SESSION_ROOT;
    k = harness_kernel(&cfg);
    kernel_install_program(k, "/bin/t", prog_shadow);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    out = harness_output(k);
    assert_non_null(strstr(out, "root:$y$j9T$xyz$uvw:20454:0:99999:7:::\n"));
    assert_non_null(strstr(out, "ann:$y$j9T$abc$def:20454:0:99999:7:::\n"));
    harness_destroy(k);
}

/* Names and hashes that would break the files are refused. */
static void test_bad_account_config(void **state) {
    const char *bad_names[] = {"", "root", "Ann", "1ann", "-ann", "a:b", "a/b",
                               "abcdefghijabcdefghijabcdefghijabc"};
    for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++) {
        KernelConfig cfg = {.user = bad_names[i]};
        assert_null(kernel_create(&cfg));
    }
    KernelConfig cfg = {.root_hash = "a:b"};
    assert_null(kernel_create(&cfg));
    cfg = (KernelConfig){.user_hash = "a\nb"};
    assert_null(kernel_create(&cfg));
    cfg = (KernelConfig){.session = 2};
    assert_null(kernel_create(&cfg));
    cfg = (KernelConfig){.user = "a_b-9"};
    Kernel *k = kernel_create(&cfg);
    assert_non_null(k);
    kernel_destroy(k);
}

/* The host's chmod and chown need no permission and say what went wrong. */
static void test_host_chmod_chown(void **state) {
    Kernel *k = harness_kernel(NULL);
    assert_int_equal(kernel_chmod(k, "/etc/motd", 04600), 0);
    assert_int_equal(kernel_chown(k, "/etc/motd", 5, NONE), 0);
    assert_int_equal(kernel_chown(k, "/nothing", 5, 5), -AX_ENOENT);
    assert_int_equal(kernel_chmod(k, NULL, 0), -AX_EFAULT);
    assert_int_equal(kernel_chmod(NULL, "/", 0), -AX_EINVAL);
    harness_destroy(k);
}

/* sys_proclist shows each process's real and effective ids. */
TASK_TEST(test_proclist_shows_ids) {
    OK(sys_setresuid(U1, U2, 0));
    ProcInfo info[4];
    int n = (int)OK(sys_proclist(info, 4));
    int me = (int)OK(sys_getpid());
    bool seen = false;
    for (int i = 0; i < n; i++)
        if (info[i].pid == me) {
            seen = true;
            assert_int_equal(info[i].uid, U1);
            assert_int_equal(info[i].euid, U2);
        }
    assert_true(seen);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host_processes_start_as_root),
        cmocka_unit_test(test_setuid_as_root_is_for_good),
        cmocka_unit_test(test_seteuid_keeps_the_saved_uid),
        cmocka_unit_test(test_setresuid_rules),
        cmocka_unit_test(test_setreuid_rules),
        cmocka_unit_test(test_gid_calls),
        cmocka_unit_test(test_getres_faults),
        cmocka_unit_test(test_supplementary_groups),
        cmocka_unit_test(test_spawn_inherits),
        cmocka_unit_test(test_new_files_belong_to_their_creator),
        cmocka_unit_test(test_umask),
        cmocka_unit_test(test_setgid_directories_pass_their_group),
        cmocka_unit_test(test_chmod_rules),
        cmocka_unit_test(test_chown_rules),
        cmocka_unit_test(test_boot_accounts),
        cmocka_unit_test(test_user_session),
        cmocka_unit_test(test_bad_account_config),
        cmocka_unit_test(test_host_chmod_chown),
        cmocka_unit_test(test_proclist_shows_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
