/* Hypotheses about /proc: it lists the fixed entries then the processes
 * in numeric order; /proc/PID's files say in Linux's formats what the
 * kernel knows of the process (ids, state, argv, environment, fds); a
 * file read is one snapshot taken at open; nothing can be written or
 * created there; private files are the owner's; /proc/PID goes when the
 * process is reaped and leaves no node behind. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "vfs_test.h"

#define U1 1000u
#define U2 2000u

static char buf[16384];

static void act_as(uint32_t uid) {
    OK(sys_setresgid(uid, uid, 0));
    OK(sys_setresuid(uid, uid, 0));
}
static void back_to_root(void) {
    OK(sys_setresuid(0, 0, 0));
    OK(sys_setresgid(0, 0, 0));
}

/* The value of "Key:\t" in status text, as a string (up to the newline). */
static const char *field(const char *text, const char *key, char *out, size_t cap) {
    char pat[64];
    snprintf(pat, sizeof pat, "\n%s:\t", key);
    const char *s = strncmp(text, pat + 1, strlen(pat + 1)) == 0 ? text - 1 : strstr(text, pat);
    if (!s)
        fail_msg("no %s in status:\n%s", key, text);
    s += strlen(pat);
    size_t n = strcspn(s, "\n");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* The names of a directory in readdir order, joined by spaces. */
static const char *listing(const char *path, char *out, size_t cap) {
    int fd = (int)OK(sys_open(path, AX_O_RDONLY | AX_O_DIRECTORY, 0));
    DirEntry ents[16];
    size_t len = 0;
    int64_t n;
    out[0] = '\0';
    while ((n = OK(sys_readdir(fd, ents, 16))) > 0)
        for (int64_t i = 0; i < n; i++)
            len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? " " : "", ents[i].name);
    OK(sys_close(fd));
    return out;
}

/* A child that waits until its stdin (a pipe) closes. */
static int waiter_main(int argc, char **argv) {
    char c;
    while (sys_read(0, &c, 1).value > 0)
        ;
    return 0;
}

static int spawn_waiter(const int p[2], char **argv) {
    SpawnAttr attr = {0};
    SpawnFileAction fa[] = {{.kind = AX_SPAWN_DUP2, .fd = p[0], .newfd = 0},
                            {.kind = AX_SPAWN_CLOSE, .fd = p[1]}};
    attr.actions = fa;
    attr.nactions = 2;
    return (int)OK(sys_spawn("/bin/w", argv, NULL, &attr));
}

TASK_TEST(test_listing_fixed_then_pids_numerically) {
    assert_int_equal(kernel_install_program(vt_kernel, "/bin/w", waiter_main), 0);
    int p[2];
    OK(sys_pipe(p));
    int pids[10];
    for (int i = 0; i < 10; i++)
        pids[i] = spawn_waiter(p, (char *[]){"w", NULL});
    assert_true(pids[9] >= 10); /* byte order would put 10 before 2 */
    listing("/proc", buf, sizeof buf);
    const char *fixed = "cpuinfo filesystems loadavg meminfo mounts self stat sys uptime version";
    assert_memory_equal(buf, fixed, strlen(fixed));
    char want[256];
    int len = snprintf(want, sizeof want, " 1 %d", (int)OK(sys_getpid()));
    for (int i = 0; i < 10; i++)
        len += snprintf(want + len, sizeof want - (size_t)len, " %d", pids[i]);
    assert_string_equal(buf + strlen(fixed), want);
    /* the per-process directory */
    listing("/proc/self", buf, sizeof buf);
    assert_string_equal(buf, "cmdline comm cwd environ exe fd fdinfo limits root stat statm "
                             "status wchan");
    listing("/proc/sys/kernel", buf, sizeof buf);
    assert_string_equal(buf, "hostname osrelease ostype pid_max");
    OK(sys_close(p[0]));
    OK(sys_close(p[1]));
    for (int i = 0; i < 10; i++)
        OK(sys_waitpid(pids[i], NULL, 0));
    return 0;
}

TASK_TEST(test_status_says_who_and_what) {
    char v[128];
    int me = (int)OK(sys_getpid());
    vt_get("/proc/self/status", buf, sizeof buf);
    assert_string_equal(field(buf, "Name", v, sizeof v), "t");
    assert_string_equal(field(buf, "State", v, sizeof v), "R (running)");
    assert_int_equal(atoi(field(buf, "Pid", v, sizeof v)), me);
    assert_int_equal(atoi(field(buf, "PPid", v, sizeof v)), 1);
    assert_string_equal(field(buf, "Uid", v, sizeof v), "0\t0\t0\t0");
    OK(sys_umask(027));
    act_as(U1);
    vt_get("/proc/self/status", buf, sizeof buf);
    assert_string_equal(field(buf, "Uid", v, sizeof v), "1000\t1000\t0\t1000");
    assert_string_equal(field(buf, "Gid", v, sizeof v), "1000\t1000\t0\t1000");
    assert_string_equal(field(buf, "Umask", v, sizeof v), "0027");
    back_to_root();
    /* /proc/PID is the same directory as /proc/self */
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", me);
    FileStat a, b;
    OK(sys_stat(path, &a));
    OK(sys_stat("/proc/self/status", &b));
    assert_int_equal(a.ino, b.ino);
    assert_int_equal(a.mode, AX_S_IFREG | 0444);
    assert_int_equal(a.size, 0); /* as Linux: no size until read */
    return 0;
}

TASK_TEST(test_stat_line_fields) {
    int me = (int)OK(sys_getpid());
    vt_get("/proc/self/stat", buf, sizeof buf);
    int pid, ppid, pgrp, sid;
    char comm[32], state;
    assert_int_equal(sscanf(buf, "%d (%31[^)]) %c %d %d %d", &pid, comm, &state, &ppid, &pgrp,
                            &sid),
                     6);
    assert_int_equal(pid, me);
    assert_string_equal(comm, "t");
    assert_int_equal(state, 'R');
    assert_int_equal(ppid, 1);
    /* 52 fields, one line */
    int fields = 0;
    for (const char *s = strchr(buf, ')') + 1; *s; s++)
        fields += *s == ' ';
    assert_int_equal(fields + 1, 52);
    assert_int_equal(buf[strlen(buf) - 1], '\n');
    vt_get("/proc/self/statm", buf, sizeof buf);
    unsigned long m[7];
    assert_int_equal(sscanf(buf, "%lu %lu %lu %lu %lu %lu %lu", &m[0], &m[1], &m[2], &m[3], &m[4],
                            &m[5], &m[6]),
                     7);
    assert_true(m[0] > 0); /* the stack at least */
    return 0;
}

/* Checks its own argv in /proc/self/cmdline: an empty argument is kept. */
static int args_main(int argc, char **argv) {
    int fd = (int)OK(sys_open("/proc/self/cmdline", AX_O_RDONLY, 0));
    char b[256];
    int64_t n = OK(sys_read(fd, b, sizeof b));
    OK(sys_close(fd));
    return n == 10 && memcmp(b, "args\0a b\0\0", 10) == 0 ? 0 : 1;
}

TASK_TEST(test_cmdline_and_environ_are_nul_separated) {
    int fd = (int)OK(sys_open("/proc/self/cmdline", AX_O_RDONLY, 0));
    char b[64];
    assert_int_equal(OK(sys_read(fd, b, sizeof b)), 7);
    assert_memory_equal(b, "/bin/t\0", 7);
    OK(sys_close(fd));
    OK(sys_setenv("PROCTEST", "x y", 1));
    fd = (int)OK(sys_open("/proc/self/environ", AX_O_RDONLY, 0));
    int64_t n = OK(sys_read(fd, buf, sizeof buf));
    OK(sys_close(fd));
    buf[n] = '\0';
    bool seen = false;
    for (int64_t i = 0; i < n; i += (int64_t)strlen(buf + i) + 1)
        seen |= strcmp(buf + i, "PROCTEST=x y") == 0;
    assert_true(seen);
    assert_int_equal(buf[n - 1], '\0');
    vt_get("/proc/self/comm", b, sizeof b);
    assert_string_equal(b, "t\n");
    /* another process's argv, with an empty argument kept */
    assert_int_equal(kernel_install_program(vt_kernel, "/bin/args", args_main), 0);
    int st;
    OK(sys_waitpid((int)OK(sys_spawn("/bin/args", (char *[]){"args", "a b", "", NULL}, NULL, NULL)),
                   &st, 0));
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    return 0;
}

/* Another user's process: its environ and fd/ are closed to others; its
 * status is not. */
TASK_TEST(test_private_files_are_the_owners) {
    assert_int_equal(kernel_install_program(vt_kernel, "/bin/w", waiter_main), 0);
    int p[2];
    OK(sys_pipe(p));
    int child = spawn_waiter(p, (char *[]){"w", NULL});
    char path[64], b[64];
    act_as(U1);
    snprintf(path, sizeof path, "/proc/%d/environ", child);
    ERR(sys_open(path, AX_O_RDONLY, 0), AX_EACCES);
    snprintf(path, sizeof path, "/proc/%d/fd", child);
    ERR(sys_open(path, AX_O_RDONLY, 0), AX_EACCES);
    snprintf(path, sizeof path, "/proc/%d/fd/0", child);
    FileStat st;
    ERR(sys_stat(path, &st), AX_EACCES);
    snprintf(path, sizeof path, "/proc/%d/cwd", child);
    ERR(sys_stat(path, &st), AX_EACCES);
    snprintf(path, sizeof path, "/proc/%d/status", child);
    vt_get(path, buf, sizeof buf);
    assert_string_equal(field(buf, "Uid", b, sizeof b), "0\t0\t0\t0");
    /* its own are open to it */
    OK(sys_close((int)OK(sys_open("/proc/self/environ", AX_O_RDONLY, 0))));
    back_to_root();
    snprintf(path, sizeof path, "/proc/%d/environ", child);
    OK(sys_close((int)OK(sys_open(path, AX_O_RDONLY, 0))));
    OK(sys_close(p[0]));
    OK(sys_close(p[1]));
    OK(sys_waitpid(child, NULL, 0));
    return 0;
}

TASK_TEST(test_fd_directory_names_open_fds) {
    int p[2];
    OK(sys_pipe(p));
    int f = (int)OK(sys_open("/tmp/x", AX_O_CREAT | AX_O_RDWR, 0644));
    OK(sys_dup2(f, 12));
    char want[64];
    /* 0-2 the console, then the pipe, the file and the listing's own fd */
    snprintf(want, sizeof want, "0 1 2 %d %d %d %d 12", p[0], p[1], f, f + 1);
    listing("/proc/self/fd", buf, sizeof buf);
    assert_string_equal(buf, want);
    listing("/proc/self/fdinfo", buf, sizeof buf);
    assert_string_equal(buf, want);
    /* stat follows the link to the open file */
    FileStat a, b;
    OK(sys_stat("/tmp/x", &a));
    OK(sys_stat("/proc/self/fd/12", &b));
    assert_int_equal(a.ino, b.ino);
    OK(sys_stat("/proc/self/fd/3", &b));
    assert_int_equal(b.mode & AX_S_IFMT, AX_S_IFIFO);
    /* opening it opens the file anew */
    OK(sys_write(f, "hello", 5));
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", f);
    vt_get(path, buf, sizeof buf);
    assert_string_equal(buf, "hello");
    /* fdinfo: the offset and flags */
    vt_get("/proc/self/fdinfo/12", buf, sizeof buf);
    assert_memory_equal(buf, "pos:\t5\nflags:\t02\n", 16);
    OK(sys_close(12));
    ERR(sys_stat("/proc/self/fd/12", &b), AX_ENOENT);
    ERR(sys_open("/proc/self/fdinfo/12", AX_O_RDONLY, 0), AX_ENOENT);
    ERR(sys_stat("/proc/self/fd/012", &b), AX_ENOENT);
    ERR(sys_stat("/proc/self/fd/x", &b), AX_ENOENT);
    OK(sys_close(f));
    OK(sys_close(p[0]));
    OK(sys_close(p[1]));
    return 0;
}

TASK_TEST(test_links_lead_to_their_targets) {
    OK(sys_mkdir("/tmp/d", 0755));
    OK(sys_chdir("/tmp/d"));
    FileStat a, b;
    OK(sys_stat("/tmp/d", &a));
    OK(sys_stat("/proc/self/cwd", &b));
    assert_int_equal(a.ino, b.ino);
    OK(sys_stat("/", &a));
    OK(sys_stat("/proc/self/root", &b));
    assert_int_equal(a.ino, b.ino);
    OK(sys_stat("/bin/t", &a));
    OK(sys_stat("/proc/self/exe", &b));
    assert_int_equal(a.ino, b.ino);
    /* a link in the middle of a path */
    vt_put("/tmp/d/f", "in d\n");
    vt_get("/proc/self/cwd/f", buf, sizeof buf);
    assert_string_equal(buf, "in d\n");
    OK(sys_chdir("/proc/self"));
    vt_get("comm", buf, sizeof buf);
    assert_string_equal(buf, "t\n");
    OK(sys_chdir("/"));
    return 0;
}

/* Nothing is written or made in /proc, whoever asks. */
static void refusals(void) {
    ERR(sys_open("/proc/self/status", AX_O_WRONLY, 0), AX_EACCES);
    ERR(sys_open("/proc/meminfo", AX_O_RDWR, 0), AX_EACCES);
    ERR(sys_open("/proc/uptime", AX_O_RDONLY | AX_O_TRUNC, 0), AX_EACCES);
    ERR(sys_open("/proc/new", AX_O_WRONLY | AX_O_CREAT, 0644), AX_EACCES);
    ERR(sys_open("/proc/self/new", AX_O_WRONLY | AX_O_CREAT, 0644), AX_EACCES);
    ERR(sys_mkdir("/proc/dir", 0755), AX_EACCES);
    ERR(sys_unlink("/proc/meminfo"), AX_EACCES);
    ERR(sys_unlink("/proc/self/status"), AX_EACCES);
    ERR(sys_rename("/proc/uptime", "/proc/up"), AX_EACCES);
    ERR(sys_rename("/proc/uptime", "/tmp/up"), AX_EACCES);
    ERR(sys_chdir("/proc/meminfo"), AX_ENOTDIR);
}

TASK_TEST(test_nothing_is_written_or_created) {
    FileStat st;
    OK(sys_stat("/proc/self/status", &st)); /* /proc/PID made by its first lookup */
    uint64_t nodes = vt_nodes();
    refusals();
    act_as(U1);
    refusals();
    ERR(sys_rmdir("/proc/sys"), AX_EACCES);
    back_to_root();
    int fd = (int)OK(sys_open("/proc/version", AX_O_RDONLY, 0));
    ERR(sys_write(fd, "x", 1), AX_EBADF);
    ERR(sys_ftruncate(fd, 0), AX_EINVAL);
    OK(sys_close(fd));
    ERR(sys_stat("/proc/0", &st), AX_ENOENT);
    ERR(sys_stat("/proc/01", &st), AX_ENOENT);
    ERR(sys_stat("/proc/4000000", &st), AX_ENOENT);
    ERR(sys_stat("/proc/self/nothing", &st), AX_ENOENT);
    ERR(sys_stat("/proc/meminfo/", &st), AX_ENOTDIR);
    assert_int_equal(vt_nodes(), nodes);
    return 0;
}

/* A read sees the text as it was at open, however it is read. */
TASK_TEST(test_each_open_is_one_snapshot) {
    int fd = (int)OK(sys_open("/proc/self/status", AX_O_RDONLY, 0));
    OK(sys_umask(0077));
    char a[4096], b[4096], v[32];
    int64_t n = 0, r;
    while ((r = OK(sys_read(fd, a + n, 7))) > 0) /* small reads */
        n += r;
    a[n] = '\0';
    assert_string_equal(field(a, "Umask", v, sizeof v), "0022");
    /* seeking back reads the same snapshot, and SEEK_END knows its size */
    assert_int_equal(OK(sys_lseek(fd, 0, AX_SEEK_END)), n);
    OK(sys_lseek(fd, 0, AX_SEEK_SET));
    assert_int_equal(OK(sys_read(fd, b, sizeof b)), n);
    assert_memory_equal(a, b, (size_t)n);
    ERR(sys_lseek(fd, -1, AX_SEEK_SET), AX_EINVAL);
    OK(sys_close(fd));
    vt_get("/proc/self/status", a, sizeof a);
    assert_string_equal(field(a, "Umask", v, sizeof v), "0077");
    return 0;
}

TASK_TEST(test_system_files) {
    vt_get("/proc/meminfo", buf, sizeof buf);
    unsigned long long total, freekb;
    assert_int_equal(sscanf(buf, "MemTotal: %llu kB\nMemFree: %llu kB", &total, &freekb), 2);
    assert_true(total > 0 && freekb <= total);
    assert_non_null(strstr(buf, "\nMemAvailable:"));
    /* "Name:" padded to 16 columns, then the figure in 8 */
    assert_non_null(strstr(buf, "\nSwapTotal:             0 kB\n"));
    /* uptime follows the kernel clock */
    OK(sys_sleep(2500000000ull));
    vt_get("/proc/uptime", buf, sizeof buf);
    double up, idle;
    assert_int_equal(sscanf(buf, "%lf %lf", &up, &idle), 2);
    assert_true(up >= 2.5 && idle <= up);
    assert_int_equal(buf[strlen(buf) - 1], '\n');
    vt_get("/proc/loadavg", buf, sizeof buf);
    int running, total_p, last;
    assert_int_equal(sscanf(buf, "0.00 0.00 0.00 %d/%d %d", &running, &total_p, &last), 3);
    assert_int_equal(running, 1);
    assert_int_equal(total_p, 2);
    assert_int_equal(last, (int)OK(sys_getpid()));
    vt_get("/proc/stat", buf, sizeof buf);
    assert_memory_equal(buf, "cpu  ", 5);
    assert_non_null(strstr(buf, "\ncpu0 "));
    assert_non_null(strstr(buf, "\nctxt "));
    assert_non_null(strstr(buf, "\nbtime "));
    vt_get("/proc/sys/kernel/hostname", buf, sizeof buf);
    assert_string_equal(buf, "axos\n");
    vt_put("/etc/hostname", "box\nignored\n");
    vt_get("/proc/sys/kernel/hostname", buf, sizeof buf);
    assert_string_equal(buf, "box\n");
    vt_get("/proc/sys/kernel/ostype", buf, sizeof buf);
    assert_string_equal(buf, "axos\n");
    vt_get("/proc/sys/kernel/osrelease", buf, sizeof buf);
    assert_string_equal(buf, AX_VERSION_STRING "\n");
    vt_get("/proc/sys/kernel/pid_max", buf, sizeof buf);
    assert_string_equal(buf, "4194304\n");
    vt_get("/proc/mounts", buf, sizeof buf);
    assert_non_null(strstr(buf, "proc /proc proc "));
    vt_get("/proc/version", buf, sizeof buf);
    assert_memory_equal(buf, "axos version " AX_VERSION_STRING " ", 14 + strlen(AX_VERSION_STRING));
    vt_get("/proc/filesystems", buf, sizeof buf);
    assert_non_null(strstr(buf, "nodev\tproc\n"));
    vt_get("/proc/cpuinfo", buf, sizeof buf);
    assert_memory_equal(buf, "processor\t: 0\n", 14);
    return 0;
}

/* /proc/PID goes at reap, with every node under it; a file opened before
 * still reads what it saw; a process gone makes its held files ESRCH. */
TASK_TEST(test_pid_directory_goes_at_reap) {
    assert_int_equal(kernel_install_program(vt_kernel, "/bin/w", waiter_main), 0);
    uint64_t nodes = vt_nodes();
    int p[2];
    OK(sys_pipe(p));
    int child = spawn_waiter(p, (char *[]){"w", "arg", NULL});
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/cmdline", child);
    int held = (int)OK(sys_open(path, AX_O_RDONLY, 0));
    snprintf(path, sizeof path, "/proc/%d/fdinfo/0", child);
    OK(sys_close((int)OK(sys_open(path, AX_O_RDONLY, 0))));
    snprintf(path, sizeof path, "/proc/%d", child);
    int dirfd = (int)OK(sys_open(path, AX_O_RDONLY | AX_O_DIRECTORY, 0));
    OK(sys_close(p[0]));
    OK(sys_close(p[1]));
    int st;
    OK(sys_waitpid(child, &st, 0));
    FileStat fs;
    ERR(sys_stat(path, &fs), AX_ENOENT);
    char b[32];
    assert_int_equal(OK(sys_read(held, b, sizeof b)), 6);
    assert_memory_equal(b, "w\0arg\0", 6);
    DirEntry ents[4];
    assert_int_equal(OK(sys_readdir(dirfd, ents, 4)), 0); /* removed: empty */
    OK(sys_close(held));
    OK(sys_close(dirfd));
    assert_int_equal(vt_nodes(), nodes);
    /* a zombie still has its directory, in state Z, with no argv */
    SpawnFileAction close0 = {.kind = AX_SPAWN_CLOSE, .fd = 0};
    SpawnAttr attr = {.actions = &close0, .nactions = 1};
    /* stdin closed: it ends at once */
    int z = (int)OK(sys_spawn("/bin/w", (char *[]){"w", NULL}, NULL, &attr));
    OK(sys_sleep(1000000));
    snprintf(path, sizeof path, "/proc/%d/stat", z);
    vt_get(path, buf, sizeof buf);
    assert_non_null(strstr(buf, ") Z "));
    snprintf(path, sizeof path, "/proc/%d/cmdline", z);
    vt_get(path, buf, sizeof buf);
    assert_string_equal(buf, "");
    OK(sys_waitpid(z, &st, 0));
    assert_int_equal(vt_nodes(), nodes);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_listing_fixed_then_pids_numerically),
        cmocka_unit_test(test_status_says_who_and_what),
        cmocka_unit_test(test_stat_line_fields),
        cmocka_unit_test(test_cmdline_and_environ_are_nul_separated),
        cmocka_unit_test(test_private_files_are_the_owners),
        cmocka_unit_test(test_fd_directory_names_open_fds),
        cmocka_unit_test(test_links_lead_to_their_targets),
        cmocka_unit_test(test_nothing_is_written_or_created),
        cmocka_unit_test(test_each_open_is_one_snapshot),
        cmocka_unit_test(test_system_files),
        cmocka_unit_test(test_pid_directory_goes_at_reap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
