/* Hypotheses about permission checks, as root and as an ordinary user:
 * search on every directory of a path, read and write on open, write and
 * search on the parent to create, remove or rename, the sticky bit, chdir,
 * execute permission on spawn and exec (and set-user-ID programs), and
 * kill's rule. Each denial must leave the tree as it was. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "vfs_test.h"

#define U1 1000u
#define U2 2000u

/* Become uid (gid the same, no groups) for good, as su does. */
static void become(uint32_t uid) {
    OK(sys_setgroups(0, NULL));
    OK(sys_setresgid(uid, uid, uid));
    OK(sys_setresuid(uid, uid, uid));
}

static void touch(const char *path, uint32_t mode) {
    OK(sys_close((int)OK(sys_open(path, AX_O_CREAT | AX_O_WRONLY, mode))));
    OK(sys_chmod(path, mode));
}

/* mkdir with exactly these bits (the umask would take some) */
static void mkdir_mode(const char *path, uint32_t mode) {
    OK(sys_mkdir(path, mode));
    OK(sys_chmod(path, mode));
}

static bool exists(const char *path) {
    return OK(sys_exists(path)) == 1;
}

/* ---- paths ---- */

/* Every directory on the way needs search permission: x, not r. */
TASK_TEST(test_search_permission_on_every_directory) {
    OK(sys_mkdir("/tmp/a", 0700));
    OK(sys_mkdir("/tmp/a/b", 0755));
    touch("/tmp/a/b/f", 0644);
    FileStat st;
    vt_act_as(U1);
    ERR(sys_stat("/tmp/a/b/f", &st), AX_EACCES);
    ERR(sys_stat("/tmp/a/b", &st), AX_EACCES);
    ERR(sys_stat("/tmp/a/missing", &st), AX_EACCES); /* denied before it is looked up */
    OK(sys_stat("/tmp/a", &st));                     /* the last name needs only /tmp */
    ERR(sys_open("/tmp/a/b/f", AX_O_RDONLY, 0), AX_EACCES);
    ERR(sys_chdir("/tmp/a"), AX_EACCES);
    ERR(sys_exists("/tmp/a/b/f"), AX_EACCES); /* as access(F_OK) */
    vt_back_to_root();
    /* x without r: search works, listing does not */
    OK(sys_chmod("/tmp/a", 0711));
    vt_act_as(U1);
    OK(sys_stat("/tmp/a/b/f", &st));
    ERR(sys_open("/tmp/a", AX_O_RDONLY, 0), AX_EACCES);
    OK(sys_chdir("/tmp/a"));
    OK(sys_stat("b/f", &st));
    /* "." and ".." are lookups in the directory too */
    OK(sys_chdir("/tmp/a/b"));
    vt_back_to_root();
    OK(sys_chmod("/tmp/a/b", 0600));
    vt_act_as(U1);
    ERR(sys_stat(".", &st), AX_EACCES);
    ERR(sys_stat("..", &st), AX_EACCES);
    vt_back_to_root();
    /* root searches anything */
    OK(sys_chmod("/tmp/a", 0));
    OK(sys_stat("/tmp/a/b/f", &st));
    OK(sys_chdir("/tmp/a"));
    return 0;
}

/* open asks read for O_RDONLY, write for O_WRONLY and O_TRUNC, both for
 * O_RDWR; a denied O_TRUNC leaves the data. Root passes. */
TASK_TEST(test_open_needs_read_or_write) {
    vt_put("/tmp/f", "data");
    OK(sys_chmod("/tmp/f", 0604));
    vt_act_as(U1);
    OK(sys_close((int)OK(sys_open("/tmp/f", AX_O_RDONLY, 0))));
    ERR(sys_open("/tmp/f", AX_O_WRONLY, 0), AX_EACCES);
    ERR(sys_open("/tmp/f", AX_O_RDWR, 0), AX_EACCES);
    ERR(sys_open("/tmp/f", AX_O_RDONLY | AX_O_TRUNC, 0), AX_EACCES);
    ERR(sys_open("/tmp/f", AX_O_WRONLY | AX_O_CREAT, 0666), AX_EACCES); /* exists: the file's bits */
    vt_back_to_root();
    FileStat st;
    OK(sys_stat("/tmp/f", &st));
    assert_int_equal(st.size, 4);
    /* the owner's class decides for the owner, even when others may more */
    OK(sys_chown("/tmp/f", U1, U1));
    OK(sys_chmod("/tmp/f", 0066));
    vt_act_as(U1);
    ERR(sys_open("/tmp/f", AX_O_RDONLY, 0), AX_EACCES);
    vt_back_to_root();
    /* the group's class for a member */
    OK(sys_chown("/tmp/f", 0, U1));
    OK(sys_chmod("/tmp/f", 0420));
    vt_act_as(U1);
    OK(sys_close((int)OK(sys_open("/tmp/f", AX_O_WRONLY, 0))));
    ERR(sys_open("/tmp/f", AX_O_RDONLY, 0), AX_EACCES);
    vt_back_to_root();
    OK(sys_chmod("/tmp/f", 0));
    OK(sys_close((int)OK(sys_open("/tmp/f", AX_O_RDWR, 0)))); /* root */
    /* devices too */
    OK(sys_chmod("/dev/null", 0600));
    vt_act_as(U1);
    ERR(sys_open("/dev/null", AX_O_WRONLY, 0), AX_EACCES);
    return 0;
}

/* Creating a name needs write and search on its directory. */
TASK_TEST(test_create_needs_a_writable_directory) {
    OK(sys_mkdir("/tmp/ro", 0555));
    vt_act_as(U1);
    ERR(sys_open("/tmp/ro/f", AX_O_CREAT | AX_O_WRONLY, 0644), AX_EACCES);
    ERR(sys_mkdir("/tmp/ro/d", 0755), AX_EACCES);
    ERR(sys_mkfifo("/tmp/ro/p", 0644), AX_EACCES);
    ERR(sys_mkdir("/tmp/ro", 0755), AX_EEXIST); /* EEXIST comes first, as Linux */
    ERR(sys_open("/tmp/ro", AX_O_CREAT | AX_O_WRONLY | AX_O_EXCL, 0644), AX_EEXIST);
    assert_false(exists("/tmp/ro/f"));
    assert_false(exists("/tmp/ro/d"));
    OK(sys_mkdir("/tmp/mine", 0755)); /* /tmp is 01777 */
    OK(sys_mkdir("/tmp/mine/d", 0755));
    vt_back_to_root();
    OK(sys_mkdir("/tmp/ro/d", 0755)); /* root writes anywhere */
    return 0;
}

/* unlink, rmdir and rename need write and search on each directory
 * touched; a directory moving to another parent must be writable. */
TASK_TEST(test_remove_and_rename_need_writable_directories) {
    OK(sys_mkdir("/tmp/ro", 0755));
    touch("/tmp/ro/f", 0666);
    mkdir_mode("/tmp/ro/d", 0777);
    mkdir_mode("/tmp/rw", 0777);
    vt_act_as(U1);
    ERR(sys_unlink("/tmp/ro/f"), AX_EACCES);
    ERR(sys_rmdir("/tmp/ro/d"), AX_EACCES);
    ERR(sys_rmdir("/tmp/ro/f"), AX_EACCES); /* permission before ENOTDIR (may_delete) */
    ERR(sys_unlink("/tmp/ro/d"), AX_EACCES); /* and before EISDIR */
    ERR(sys_unlink("/tmp/ro/d/"), AX_EISDIR); /* a trailing slash: before it */
    ERR(sys_rename("/tmp/ro/f", "/tmp/rw/f"), AX_EACCES);
    ERR(sys_rename("/tmp/ro/f", "/tmp/ro/g"), AX_EACCES);
    ERR(sys_unlink("/tmp/ro/none"), AX_ENOENT);
    touch("/tmp/rw/g", 0644);
    ERR(sys_rename("/tmp/rw/g", "/tmp/ro/g"), AX_EACCES); /* the target directory */
    /* a directory changing parents needs write on itself ("..") */
    OK(sys_mkdir("/tmp/rw/sub", 0555));
    mkdir_mode("/tmp/rw2", 0777);
    ERR(sys_rename("/tmp/rw/sub", "/tmp/rw2/sub"), AX_EACCES);
    OK(sys_rename("/tmp/rw/sub", "/tmp/rw/sub2")); /* same parent: no need */
    vt_back_to_root();
    assert_true(exists("/tmp/ro/f"));
    assert_true(exists("/tmp/ro/d"));
    assert_true(exists("/tmp/rw/g"));
    OK(sys_rename("/tmp/rw/sub2", "/tmp/rw2/sub")); /* root */
    OK(sys_unlink("/tmp/ro/f"));
    return 0;
}

/* In a sticky directory only the file's owner, the directory's owner or
 * root removes or replaces a name: others get EPERM (Linux). */
TASK_TEST(test_sticky_directories) {
    mkdir_mode("/tmp/s", 01777);
    OK(sys_chown("/tmp/s", U2, U2));
    vt_act_as(U1);
    touch("/tmp/s/mine", 0666);
    vt_back_to_root();
    touch("/tmp/s/roots", 0666);
    vt_act_as(3000);
    touch("/tmp/s/third", 0666);
    ERR(sys_unlink("/tmp/s/mine"), AX_EPERM);
    ERR(sys_rename("/tmp/s/mine", "/tmp/s/x"), AX_EPERM);
    ERR(sys_rename("/tmp/s/third", "/tmp/s/mine"), AX_EPERM); /* replacing */
    vt_back_to_root();
    vt_act_as(U1);
    OK(sys_unlink("/tmp/s/mine")); /* its owner */
    ERR(sys_unlink("/tmp/s/roots"), AX_EPERM);
    vt_back_to_root();
    vt_act_as(U2);
    OK(sys_unlink("/tmp/s/third")); /* the directory's owner */
    vt_back_to_root();
    OK(sys_unlink("/tmp/s/roots"));
    /* /tmp itself is sticky */
    vt_act_as(U1);
    touch("/tmp/u1", 0666);
    vt_back_to_root();
    vt_act_as(U2);
    ERR(sys_unlink("/tmp/u1"), AX_EPERM);
    return 0;
}

/* ---- exec ---- */

static int prog_ids(int argc, char **argv) {
    uint32_t r, e, s, gr, ge, gs;
    OK(sys_getresuid(&r, &e, &s));
    OK(sys_getresgid(&gr, &ge, &gs));
    tprintf("ids %u %u %u / %u %u %u\n", r, e, s, gr, ge, gs);
    return 0;
}

static int spawn_status(const char *path) {
    char *av[] = {(char *)path, NULL};
    SyscallResult r = sys_spawn(path, av, NULL, NULL);
    if (r.error != AX_OK)
        return -(int)r.error;
    int st = 0;
    OK(sys_waitpid((int)r.value, &st, 0));
    return st;
}

/* Spawn and exec need execute permission; root needs one x bit; a
 * directory or device is EACCES; an executable file that is no program
 * (a script) is ENOEXEC; nothing is started on a denial. */
TASK_TEST(test_exec_needs_execute_permission) {
    kernel_install_program(vt_kernel, "/bin/ids", prog_ids);
    char *av[] = {"ids", NULL};
    OK(sys_chmod("/bin/ids", 0744));
    assert_int_equal(spawn_status("/bin/ids"), 0); /* root: one x bit */
    vt_act_as(U1);
    ERR(sys_spawn("/bin/ids", av, NULL, NULL), AX_EACCES);
    ERR(sys_exec("/bin/ids", av, NULL), AX_EACCES);
    vt_back_to_root();
    OK(sys_chmod("/bin/ids", 0644));
    ERR(sys_spawn("/bin/ids", av, NULL, NULL), AX_EACCES); /* root too */
    ERR(sys_spawn("/tmp", av, NULL, NULL), AX_EACCES);
    ERR(sys_spawn("/dev/null", av, NULL, NULL), AX_EACCES);
    vt_put("/tmp/s.sh", "echo hi\n");
    ERR(sys_spawn("/tmp/s.sh", av, NULL, NULL), AX_EACCES);
    OK(sys_chmod("/tmp/s.sh", 0755));
    ERR(sys_spawn("/tmp/s.sh", av, NULL, NULL), AX_ENOEXEC);
    OK(sys_chmod("/bin/ids", 0711));
    vt_act_as(U1);
    assert_int_equal(spawn_status("/bin/ids"), 0); /* x without r is enough */
    return 0;
}

/* A set-user-ID program runs with its owner as effective (and saved)
 * uid; set-group-ID with group execute likewise for the gid. */
static int prog_setuid(int argc, char **argv) {
    kernel_install_program(vt_kernel, "/bin/ids", prog_ids);
    OK(sys_chown("/bin/ids", U2, 77));
    OK(sys_chmod("/bin/ids", 06755));
    become(U1);
    assert_int_equal(spawn_status("/bin/ids"), 0);
    return 0;
}
static void test_setuid_programs_ids(void **state) {
    Kernel *k = harness_kernel(NULL);
    vt_kernel = k;
    kernel_install_program(k, "/bin/t", prog_setuid);
    assert_int_equal(harness_run(k, (char *[]){"/bin/t", NULL}), 0);
    assert_non_null(strstr(harness_output(k), "ids 1000 2000 2000 / 1000 77 77\n"));
    harness_destroy(k);
}

/* ---- kill ---- */

static int prog_wait(int argc, char **argv) {
    while (sys_pause().error == AX_EINTR)
        ;
    return 1;
}

/* A user signals only processes with its real or effective uid as their
 * real or saved uid: EPERM otherwise, for signal 0 too, checked after
 * ESRCH and EINVAL; a group it may signal none of is EPERM; kill(-1)
 * passes over the others. SIGCONT goes through within the session. */
TASK_TEST(test_kill_permission) {
    kernel_install_program(vt_kernel, "/bin/w", prog_wait);
    char *av[] = {"w", NULL};
    int rootp = (int)OK(sys_spawn("/bin/w", av, NULL, NULL));
    vt_act_as(U1);
    int mine = (int)OK(sys_spawn("/bin/w", av, NULL, NULL));
    ERR(sys_kill(rootp, AX_SIGTERM), AX_EPERM);
    ERR(sys_kill(rootp, 0), AX_EPERM);
    ERR(sys_kill(rootp, 99), AX_EINVAL);
    ERR(sys_kill(99999, AX_SIGTERM), AX_ESRCH);
    ERR(sys_kill(1, AX_SIGTERM), AX_EPERM); /* init is root's */
    OK(sys_kill(rootp, AX_SIGCONT));        /* same session */
    OK(sys_kill(mine, 0));
    /* a group of root's processes only */
    SpawnAttr attr = {.flags = AX_SPAWN_SETPGROUP};
    vt_back_to_root();
    int grp = (int)OK(sys_spawn("/bin/w", av, NULL, &attr));
    vt_act_as(U1);
    ERR(sys_kill(-grp, AX_SIGTERM), AX_EPERM);
    OK(sys_kill(-1, 0)); /* some exist: the denied ones are passed over */
    OK(sys_kill(mine, AX_SIGKILL));
    vt_back_to_root();
    int st;
    OK(sys_waitpid(mine, &st, 0));
    assert_true(AX_WIFSIGNALED(st));
    OK(sys_kill(rootp, AX_SIGKILL));
    OK(sys_kill(-grp, AX_SIGKILL));
    OK(sys_waitpid(rootp, &st, 0));
    OK(sys_waitpid(grp, &st, 0));
    assert_true(AX_WIFSIGNALED(st));
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_permission_on_every_directory),
        cmocka_unit_test(test_open_needs_read_or_write),
        cmocka_unit_test(test_create_needs_a_writable_directory),
        cmocka_unit_test(test_remove_and_rename_need_writable_directories),
        cmocka_unit_test(test_sticky_directories),
        cmocka_unit_test(test_exec_needs_execute_permission),
        cmocka_unit_test(test_setuid_programs_ids),
        cmocka_unit_test(test_kill_permission),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
