/* Hypotheses about the disk (kernel_disk_*, disk/): a tree written and
 * loaded again is the same tree; a write covers only what changed; sync
 * and fsync from inside commit; files that are not axos disks are refused
 * and never written; one disk has one user; a run from the same image is
 * the same run; and a host process killed at any moment leaves the last
 * committed state (tests/test_disk_crash.c does the killing). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "userland_run.h"

#define OUT ul_output()

/* A fresh host directory for the test's files; removed at the end. */
static char tmpdir[64];

static int setup(void **state)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/axos-disk-test-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    return 0;
}

static int teardown(void **state)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *tmp(const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

/* A kernel with the disk at path attached before the programs. */
static Kernel *disk_kernel(const char *path)
{
    Kernel *k = harness_kernel(NULL);
    char msg[256];
    int r = kernel_disk_open(k, path, msg, sizeof msg);
    if (r != 0)
        fail_msg("kernel_disk_open(%s): %d: %s", path, r, msg);
    ul_install(k);
    return k;
}

static void sh(Kernel *k, const char *cmd)
{
    int st = RUN_PIPED(k, NULL, "sh", "-c", (char *)cmd);
    if (st != 0)
        fail_msg("sh -c '%s': status %d, output:\n%s", cmd, st, OUT);
}

static char *host_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void put_host_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* ---- round trips ---- */

/* /test/chown UID GID PATH: give PATH an owner (sys_chown, as root). */
static int chown_main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    SyscallResult r = sys_chown(argv[3], (uint32_t)atoi(argv[1]), (uint32_t)atoi(argv[2]));
    return r.error == AX_OK ? 0 : 1;
}

/* /test/owner PATH...: "UID GID PATH" for each (stat(1) shows no owners
 * yet). */
static int owner_main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FileStat st;
        if (sys_stat(argv[i], &st).error != AX_OK)
            return 1;
        char line[300];
        int n = snprintf(line, sizeof line, "%u %u %s\n", st.uid, st.gid, argv[i]);
        sys_write(1, line, (size_t)n);
    }
    return 0;
}

static void test_owners_come_back(void **state)
{
    const char *db = tmp("owners.db");
    Kernel *k = disk_kernel(db);
    assert_int_equal(kernel_install_program(k, "/test/chown", chown_main), 0);
    assert_int_equal(kernel_install_program(k, "/test/owner", owner_main), 0);
    sh(k, "mkdir -p /srv/d; echo x > /srv/d/f");
    assert_int_equal(RUN(k, NULL, "/test/chown", "1000", "100", "/srv/d/f"), 0);
    assert_int_equal(RUN(k, NULL, "/test/chown", "7", "8", "/srv/d"), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "/test/owner", "/srv/d", "/srv/d/f"), 0);
    assert_string_equal(OUT, "7 8 /srv/d\n1000 100 /srv/d/f\n");
    assert_int_equal(kernel_disk_close(k), 0);
    harness_destroy(k);

    k = disk_kernel(db);
    assert_int_equal(kernel_install_program(k, "/test/owner", owner_main), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "/test/owner", "/srv/d", "/srv/d/f"), 0);
    assert_string_equal(OUT, "7 8 /srv/d\n1000 100 /srv/d/f\n");
    harness_destroy(k);
}

static void test_a_tree_comes_back_as_it_was_written(void **state)
{
    const char *db = tmp("round.db");
    Kernel *k = disk_kernel(db);
    sh(k, "mkdir -p /home/u/docs/deep; echo hello > /home/u/docs/a.txt;"
          "seq 1 20000 > /home/u/big; printf '' > /home/u/empty; mkfifo /home/u/ff;"
          "touch -d '2001-02-03 04:05:06' /home/u/docs/a.txt; mkdir -m 700 /home/u/private;"
          "echo gone > /tmp/x; rm /tmp/x; echo moved > /home/u/m1; mv /home/u/m1 /home/u/docs/m2;"
          "echo changed > /etc/motd");
    assert_int_equal(kernel_disk_close(k), 0);
    harness_destroy(k);

    k = disk_kernel(db);
    sh(k, "cat /home/u/docs/a.txt /home/u/docs/m2 /etc/motd; wc -c < /home/u/big;"
          "tail -n 1 /home/u/big; stat -c '%A %y %n' /home/u/docs/a.txt;"
          "stat -c '%F %a' /home/u/empty /home/u/ff /home/u/private /home/u/docs/deep;"
          "ls /tmp; ls /home/u; ls /dev/null; cat /etc/hostname");
    assert_string_equal(OUT, "hello\nmoved\nchanged\n108894\n20000\n"
                             "-rw-r--r-- 2001-02-03 04:05:06.000000000 +0000 /home/u/docs/a.txt\n"
                             "regular empty file 644\nfifo 644\ndirectory 700\ndirectory 755\n"
                             "big\ndocs\nempty\nff\nprivate\n/dev/null\naxos\n");
    harness_destroy(k); /* closes the disk itself */
}

static void test_removed_and_renamed_things_stay_so(void **state)
{
    const char *db = tmp("rm.db");
    Kernel *k = disk_kernel(db);
    sh(k, "mkdir -p /home/t/a/b; echo 1 > /home/t/a/b/f; echo 2 > /home/t/keep");
    assert_int_equal(kernel_disk_sync(k), 0);
    sh(k, "rm -r /home/t/a; mv /home/t/keep /home/t/kept; rm /etc/motd");
    assert_int_equal(kernel_disk_close(k), 0);
    harness_destroy(k);
    k = disk_kernel(db);
    sh(k, "ls -R /home/t; ls /etc; cat /home/t/kept");
    assert_string_equal(OUT, "/home/t:\nkept\ngroup\nhostname\npasswd\nshadow\n2\n");
    DiskInfo info;
    assert_int_equal(kernel_disk_info(k, &info), 0);
    harness_destroy(k);
}

/* /test/links make|more|check: make symbolic and hard links, add and
 * remove some after a sync, or check what a load brought back. */
static int links_main(int argc, char **argv)
{
#define L_OK(call) if ((call).error != AX_OK) return __LINE__ % 200 /* fits a status */
    if (argc != 2)
        return 2;
    if (strcmp(argv[1], "make") == 0) {
        L_OK(sys_mkdir("/srv", 0755));
        L_OK(sys_mkdir("/srv/sub", 0755));
        SyscallResult fd = sys_open("/srv/f", AX_O_WRONLY | AX_O_CREAT, 0644);
        L_OK(fd);
        L_OK(sys_write((int)fd.value, "data", 4));
        L_OK(sys_close((int)fd.value));
        L_OK(sys_symlink("f", "/srv/rel"));
        L_OK(sys_symlink("/srv/sub/../f", "/srv/abs"));
        L_OK(sys_symlink("nowhere", "/srv/dang"));
        L_OK(sys_link("/srv/f", "/srv/hard"));
        L_OK(sys_link("/srv/f", "/srv/sub/h2"));
        L_OK(sys_link("/srv/rel", "/srv/sub/rel2")); /* a hard link to a symlink */
        L_OK(sys_lchown("/srv/rel", 7, 8));
        return 0;
    }
    if (strcmp(argv[1], "more") == 0) { /* after a sync: only changes go */
        L_OK(sys_link("/srv/f", "/srv/late"));
        L_OK(sys_unlink("/srv/sub/h2"));
        L_OK(sys_symlink("late", "/srv/sub/tolate"));
        return 0;
    }
    FileStat f, st;
    char buf[64];
    L_OK(sys_stat("/srv/f", &f));
    if (f.nlink != 3)
        return 100 + (int)f.nlink;
    const char *names[] = {"/srv/hard", "/srv/late", "/srv/rel", "/srv/abs"};
    for (int i = 0; i < 4; i++) {
        L_OK(sys_stat(names[i], &st));
        if (st.ino != f.ino)
            return 200 + i;
    }
    if (sys_stat("/srv/sub/h2", &st).error != AX_ENOENT)
        return 240;
    FileStat l2;
    L_OK(sys_lstat("/srv/rel", &st));
    L_OK(sys_lstat("/srv/sub/rel2", &l2));
    if (st.mode != (AX_S_IFLNK | 0777) || st.uid != 7 || st.gid != 8 || st.nlink != 2 ||
        st.size != 1 || l2.ino != st.ino)
        return 241;
    SyscallResult n = sys_readlink("/srv/abs", buf, sizeof buf);
    L_OK(n);
    if (n.value != 13 || memcmp(buf, "/srv/sub/../f", 13) != 0)
        return 242;
    n = sys_readlink("/srv/dang", buf, sizeof buf);
    L_OK(n);
    if (n.value != 7 || memcmp(buf, "nowhere", 7) != 0 || sys_stat("/srv/dang", &st).error != AX_ENOENT)
        return 243;
    n = sys_readlink("/srv/sub/tolate", buf, sizeof buf);
    if (n.error != AX_OK || n.value != 4)
        return 244;
    /* one inode: a write through one name shows through the others */
    SyscallResult fd = sys_open("/srv/late", AX_O_WRONLY | AX_O_APPEND, 0);
    L_OK(fd);
    L_OK(sys_write((int)fd.value, "+", 1));
    L_OK(sys_close((int)fd.value));
    L_OK(sys_stat("/srv/hard", &st));
    return st.size == 5 ? 0 : 245;
#undef L_OK
}

/* Symbolic links (targets, owners) and hard links (one inode, several
 * names, nlink) come back from the disk, after a full write and after an
 * incremental one. */
static void test_links_come_back(void **state)
{
    const char *db = tmp("links.db");
    Kernel *k = disk_kernel(db);
    assert_int_equal(kernel_install_program(k, "/test/links", links_main), 0);
    assert_int_equal(RUN(k, NULL, "/test/links", "make"), 0);
    assert_int_equal(kernel_disk_sync(k), 0);
    assert_int_equal(RUN(k, NULL, "/test/links", "more"), 0);
    assert_int_equal(kernel_disk_close(k), 0);
    harness_destroy(k);

    k = disk_kernel(db);
    assert_int_equal(kernel_install_program(k, "/test/links", links_main), 0);
    assert_int_equal(RUN(k, NULL, "/test/links", "check"), 0);
    DiskInfo info;
    assert_int_equal(kernel_disk_info(k, &info), 0);
    harness_destroy(k);
}

/* A file of 3 MiB and 4 bytes that is a hole but for its end, and one of
 * 600 KiB of data: more than one chunk each. */
static int prog_sparse(int argc, char **argv)
{
    SyscallResult fd = sys_open("/home/sparse", AX_O_WRONLY | AX_O_CREAT, 0644);
    sys_lseek((int)fd.value, 3 << 20, AX_SEEK_SET);
    sys_write((int)fd.value, "tail", 4);
    sys_close((int)fd.value);
    fd = sys_open("/home/dense", AX_O_WRONLY | AX_O_CREAT, 0644);
    char buf[1000];
    for (int i = 0; i < 600; i++) {
        memset(buf, 'a' + i % 26, sizeof buf);
        sys_write((int)fd.value, buf, sizeof buf);
    }
    sys_close((int)fd.value);
    return 0;
}

static void test_big_and_sparse_files_come_back(void **state)
{
    const char *db = tmp("sparse.db");
    Kernel *k = disk_kernel(db);
    assert_int_equal(kernel_install_program(k, "/bin/t_sparse", prog_sparse), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "t_sparse"), 0);
    assert_int_equal(kernel_disk_sync(k), 0);
    DiskInfo info;
    assert_int_equal(kernel_disk_info(k, &info), 0);
    /* the hole is not written: 256 KiB of the sparse file's last chunk,
     * 600000 bytes of the dense one */
    assert_int_equal(info.bytes_written, (3u << 20) + 4 - (12u << 18) + 600000);
    harness_destroy(k);
    k = disk_kernel(db);
    sh(k, "stat -c %s /home/sparse /home/dense; tail -c 4 /home/sparse; echo;"
          "head -c 3145728 /home/sparse | tr -d '\\0' | wc -c; cksum /home/dense");
    assert_string_equal(OUT, "3145732\n600000\ntail\n0\n579433448 600000 /home/dense\n");
    harness_destroy(k);
}

/* ---- only what changed ---- */

static void test_a_sync_writes_only_what_changed(void **state)
{
    const char *db = tmp("changed.db");
    Kernel *k = disk_kernel(db);
    sh(k, "mkdir /home/many; cd /home/many; for i in $(seq 1 200); do echo $i > f$i; done");
    assert_int_equal(kernel_disk_sync(k), 0);
    DiskInfo a, b;
    assert_int_equal(kernel_disk_info(k, &a), 0);
    assert_true(a.nodes > 200);

    /* nothing changed: no transaction at all */
    assert_int_equal(kernel_disk_sync(k), 0);
    assert_int_equal(kernel_disk_info(k, &b), 0);
    assert_int_equal(b.syncs, a.syncs);

    /* reading changes nothing the disk keeps */
    sh(k, "cat /home/many/f7 > /dev/null");
    assert_int_equal(kernel_disk_sync(k), 0);
    assert_int_equal(kernel_disk_info(k, &b), 0);
    assert_int_equal(b.syncs, a.syncs);

    /* one file's content: one record with its data, no directory */
    sh(k, "echo more >> /home/many/f5");
    assert_int_equal(kernel_disk_sync(k), 0);
    assert_int_equal(kernel_disk_info(k, &b), 0);
    assert_int_equal(b.syncs, a.syncs + 1);
    assert_int_equal(b.nodes_written, 1);
    assert_int_equal(b.data_written, 1);
    assert_int_equal(b.dirs_written, 0);
    assert_int_equal(b.bytes_written, 7); /* "5\nmore\n" */

    /* a time alone: the record without its content */
    sh(k, "touch -d 2000-01-01 /home/many/f9");
    assert_int_equal(kernel_disk_sync(k), 0);
    assert_int_equal(kernel_disk_info(k, &b), 0);
    assert_int_equal(b.nodes_written, 1);
    assert_int_equal(b.data_written, 0);

    /* a rename: the node (its ctime) and its directory's entries */
    sh(k, "mv /home/many/f1 /home/many/g1");
    assert_int_equal(kernel_disk_sync(k), 0);
    assert_int_equal(kernel_disk_info(k, &b), 0);
    assert_int_equal(b.dirs_written, 1);
    assert_int_equal(b.data_written, 0);

    /* a removal: the directory's entries, and the record deleted */
    sh(k, "rm /home/many/f2");
    assert_int_equal(kernel_disk_sync(k), 0);
    assert_int_equal(kernel_disk_info(k, &b), 0);
    assert_int_equal(b.nodes_deleted, 1);
    assert_int_equal(b.nodes, a.nodes - 1);
    harness_destroy(k);
}

/* ---- sync and fsync from inside ---- */

static int prog_fsync(int argc, char **argv)
{
    SyscallResult fd = sys_open("/home/fs", AX_O_WRONLY | AX_O_CREAT, 0644);
    sys_write((int)fd.value, "data", 4);
    SyscallResult r = sys_fsync((int)fd.value);
    sys_close((int)fd.value);
    int pipefd[2];
    sys_pipe(pipefd);
    SyscallResult p = sys_fsync(pipefd[0]); /* not a file */
    SyscallResult bad = sys_fsync(99);
    tprintf("%d %d %d\n", r.error, p.error, bad.error);
    return 0;
}

static void test_sync_and_fsync_from_inside_commit(void **state)
{
    const char *db = tmp("inside.db");
    Kernel *k = disk_kernel(db);
    DiskInfo a, b;
    assert_int_equal(kernel_disk_info(k, &a), 0);
    sh(k, "echo x > /home/s1; sync");
    assert_int_equal(kernel_disk_info(k, &b), 0);
    assert_int_equal(b.syncs, a.syncs + 1);
    assert_int_equal(kernel_install_program(k, "/bin/t_fsync", prog_fsync), 0);
    assert_int_equal(RUN_PIPED(k, NULL, "t_fsync"), 0);
    assert_string_equal(OUT, "0 22 9\n"); /* AX_OK, AX_EINVAL, AX_EBADF */
    assert_int_equal(kernel_disk_info(k, &a), 0);
    assert_int_equal(a.syncs, b.syncs + 1);
    /* what fsync committed is on the disk even if the kernel never closes
     * it: a second kernel cannot open it meanwhile, so read the file back
     * after a close without sync by destroying with nothing more to write */
    harness_destroy(k);
    k = disk_kernel(db);
    sh(k, "cat /home/fs /home/s1");
    assert_string_equal(OUT, "datax\n");
    harness_destroy(k);
}

/* ---- bad files ---- */

static void refuse(const char *path, int err, const char *words)
{
    size_t before_len = 0, after_len = 0;
    char *before = host_file(path, &before_len);
    Kernel *k = harness_kernel(NULL);
    char msg[256];
    int r = kernel_disk_open(k, path, msg, sizeof msg);
    if (r != err || !strstr(msg, words))
        fail_msg("%s: expected %d (%s), got %d: %s", path, err, words, r, msg);
    harness_destroy(k);
    char *after = host_file(path, &after_len);
    if (before) {
        assert_non_null(after);
        assert_int_equal(before_len, after_len);
        assert_memory_equal(before, after, before_len); /* never written */
    }
    free(before);
    free(after);
}

static void test_files_that_are_not_axos_disks_are_refused_and_left_alone(void **state)
{
    const char *text = "just some text, not a database\n";
    put_host_file(tmp("text"), text, strlen(text));
    refuse(tmp("text"), -AX_EOPNOTSUPP, "not an SQLite database");

    /* another program's SQLite database */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "python3 -c \"import sqlite3; c = sqlite3.connect('%s'); "
                              "c.execute('create table t(x)'); c.commit()\"", tmp("other.db"));
    if (system(cmd) == 0)
        refuse(tmp("other.db"), -AX_EOPNOTSUPP, "another program's SQLite database");

    /* an axos disk with its pages damaged */
    const char *db = tmp("corrupt.db");
    Kernel *k = disk_kernel(db);
    sh(k, "seq 1 30000 > /home/big");
    harness_destroy(k);
    size_t len;
    char *data = host_file(db, &len);
    assert_true(len > 65536 * 3);
    memset(data + 100, 0x5a, 4000); /* the b-tree of the first page, past the header */
    put_host_file(db, data, len);
    free(data);
    refuse(db, -AX_EIO, "corrupt");

    mkdir(tmp("adir"), 0755);
    refuse(tmp("adir"), -AX_EISDIR, "directory");
    refuse(tmp("nodir/disk.db"), -AX_ENOENT, "directory does not exist");
    if (geteuid() != 0) { /* root reads anything */
        put_host_file(tmp("locked.db"), "", 0);
        chmod(tmp("locked.db"), 0);
        refuse(tmp("locked.db"), -AX_EACCES, "permission denied");
    }
    /* an empty file is a new disk (it holds nothing to lose) */
    put_host_file(tmp("empty.db"), "", 0);
    k = disk_kernel(tmp("empty.db"));
    harness_destroy(k);
    k = harness_kernel(NULL);
    assert_int_equal(kernel_disk_open(k, NULL, NULL, 0), -AX_EINVAL);
    assert_int_equal(kernel_disk_open(k, "", NULL, 0), -AX_EINVAL);
    assert_int_equal(kernel_disk_sync(k), -AX_ENODEV);
    assert_int_equal(kernel_disk_close(k), -AX_ENODEV);
    harness_destroy(k);
}

static void test_a_disk_has_one_user_at_a_time(void **state)
{
    const char *db = tmp("busy.db");
    Kernel *a = disk_kernel(db);
    Kernel *b = harness_kernel(NULL);
    char msg[256];
    assert_int_equal(kernel_disk_open(b, db, msg, sizeof msg), -AX_EBUSY);
    assert_non_null(strstr(msg, "in use"));
    assert_int_equal(kernel_disk_open(a, db, msg, sizeof msg), -AX_EEXIST);
    harness_destroy(b);
    harness_destroy(a);
    b = disk_kernel(db); /* free again once a let go */
    harness_destroy(b);
}

/* ---- determinism ---- */

static uint64_t digest_of_a_run(const char *db)
{
    Kernel *k = disk_kernel(db);
    sh(k, "ls -lR /home; cat /home/d/f; echo more >> /home/d/f; sort /home/d/f");
    uint64_t d = kernel_trace_digest(k);
    char *out = strdup(OUT);
    harness_destroy(k);
    uint64_t h = d;
    for (const char *p = out; *p; p++)
        h = h * 1099511628211ULL ^ (unsigned char)*p;
    free(out);
    return h;
}

static void test_the_same_image_gives_the_same_run(void **state)
{
    char db[128];
    snprintf(db, sizeof db, "%s", tmp("det.db"));
    Kernel *k = disk_kernel(db);
    sh(k, "mkdir /home/d; seq 5 -1 1 > /home/d/f");
    harness_destroy(k);
    char cmd[1024], copy[128];
    snprintf(copy, sizeof copy, "%s", tmp("det2.db"));
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", db, copy);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(digest_of_a_run(db), digest_of_a_run(copy));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_tree_comes_back_as_it_was_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owners_come_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_links_come_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_removed_and_renamed_things_stay_so, setup, teardown),
        cmocka_unit_test_setup_teardown(test_big_and_sparse_files_come_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_sync_writes_only_what_changed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sync_and_fsync_from_inside_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_files_that_are_not_axos_disks_are_refused_and_left_alone,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_disk_has_one_user_at_a_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_same_image_gives_the_same_run, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
