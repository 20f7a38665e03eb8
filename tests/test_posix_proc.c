/* Hypotheses about processes where axos once differed from POSIX and
 * Linux: spawn's file actions and close-on-exec, SIGCHLD ignored and
 * zombies, kill's targets and errors, stop signals in orphaned groups,
 * and tearing down a kernel that still has orphans. */
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

#include "vfs_test.h"

/* ---- small programs ---- */

static int prog_exit7(int argc, char **argv) { return 7; }

static int prog_pause(int argc, char **argv) {
    sys_pause();
    return 0;
}

/* Exit status: bit (fd - 3) for each of fds 3..9 open; writes "hi" on 1. */
static int prog_fdmask(int argc, char **argv) {
    int mask = 0;
    FileStat st;
    for (int fd = 3; fd < 10; fd++)
        if (sys_fstat(fd, &st).error == AX_OK)
            mask |= 1 << (fd - 3);
    sys_write(1, "hi", 2);
    return mask;
}

static void install(Kernel *k) {
    kernel_install_program(k, "/bin/exit7", prog_exit7);
    kernel_install_program(k, "/bin/pause", prog_pause);
    kernel_install_program(k, "/bin/fdmask", prog_fdmask);
}

/* A TASK_TEST with the programs above installed. */
#define PROC_TEST(name)                                                              \
    static int name##_main(int argc, char **argv);                                   \
    static void name(void **state) {                                                 \
        Kernel *k = harness_kernel(NULL);                                            \
        vt_kernel = k;                                                               \
        install(k);                                                                  \
        kernel_install_program(k, "/bin/t", name##_main);                            \
        int st = harness_run(k, (char *[]){"/bin/t", NULL});                         \
        assert_true(AX_WIFEXITED(st));                                               \
        assert_int_equal(AX_WEXITSTATUS(st), 0);                                     \
        harness_destroy(k);                                                          \
    }                                                                                \
    static int name##_main(int argc, char **argv)

static int spawn_actions(const char *path, const SpawnFileAction *fa, size_t n) {
    SpawnAttr attr = {.actions = fa, .nactions = n};
    return (int)OK(sys_spawn(path, (char *[]){(char *)path, NULL}, NULL, &attr));
}

static int wait_status(int pid) {
    int st = -1;
    assert_int_equal(OK(sys_waitpid(pid, &st, 0)), pid);
    return st;
}

/* ---- spawn ---- */

/* The pipeline idiom: both ends of a pipe2(O_CLOEXEC), one dup2'd onto
 * the child's stdout by a file action. The action runs before the
 * close-on-exec fds are closed, so its source is still there; after it,
 * the close-on-exec ones are gone, an OPEN with O_CLOEXEC included,
 * and a plain fd stays. */
PROC_TEST(test_spawn_closes_cloexec_fds_after_the_file_actions) {
    int p[2];
    OK(sys_pipe2(p, AX_O_CLOEXEC)); /* 3 and 4 */
    int plain = (int)OK(sys_open("/etc/motd", AX_O_RDONLY, 0)); /* 5 */
    assert_int_equal(plain, 5);
    SpawnFileAction fa[] = {
        {.kind = AX_SPAWN_DUP2, .fd = p[1], .newfd = 1},
        {.kind = AX_SPAWN_OPEN, .fd = 8, .path = "/etc/motd", .oflag = AX_O_RDONLY | AX_O_CLOEXEC},
        {.kind = AX_SPAWN_OPEN, .fd = 9, .path = "/etc/motd", .oflag = AX_O_RDONLY},
    };
    int c = spawn_actions("/bin/fdmask", fa, 3);
    OK(sys_close(p[1]));
    char buf[8];
    assert_int_equal(OK(sys_read(p[0], buf, sizeof buf)), 2);
    assert_memory_equal(buf, "hi", 2);
    int st = wait_status(c);
    /* fds 5 (plain) and 9 (OPEN without O_CLOEXEC) only */
    assert_int_equal(AX_WEXITSTATUS(st), (1 << (5 - 3)) | (1 << (9 - 3)));
    /* dup2(fd, fd) as an action clears close-on-exec on fd */
    SpawnFileAction keep = {.kind = AX_SPAWN_DUP2, .fd = p[0], .newfd = p[0]};
    c = spawn_actions("/bin/fdmask", &keep, 1);
    assert_int_equal(AX_WEXITSTATUS(wait_status(c)), (1 << (3 - 3)) | (1 << (5 - 3)));
    OK(sys_close(p[0]));
    OK(sys_close(plain));
    return 0;
}

/* POSIX.1-2024 (Austin Group defect 370): closing an fd that is not open
 * is no error; an fd outside the table's range still is. */
PROC_TEST(test_spawn_close_action_of_a_closed_fd_succeeds) {
    SpawnFileAction fa = {.kind = AX_SPAWN_CLOSE, .fd = 50};
    assert_int_equal(AX_WEXITSTATUS(wait_status(spawn_actions("/bin/exit7", &fa, 1))), 7);
    SpawnAttr attr = {.actions = &fa, .nactions = 1};
    char *args[] = {"exit7", NULL};
    fa.fd = -1;
    ERR(sys_spawn("/bin/exit7", args, NULL, &attr), AX_EBADF);
    fa.fd = AX_OPEN_MAX;
    ERR(sys_spawn("/bin/exit7", args, NULL, &attr), AX_EBADF);
    return 0;
}

/* A spawn that fails after a file action created a file takes the file
 * back (nothing of a failed call stays); a file that was there stays. */
PROC_TEST(test_failed_spawn_removes_the_files_its_actions_created) {
    vt_put("/tmp/old", "kept");
    SpawnFileAction fa[] = {
        {.kind = AX_SPAWN_OPEN, .fd = 5, .path = "/tmp/made", .oflag = AX_O_WRONLY | AX_O_CREAT, .mode = 0644},
        {.kind = AX_SPAWN_OPEN, .fd = 6, .path = "/tmp/old", .oflag = AX_O_WRONLY | AX_O_CREAT, .mode = 0644},
        {.kind = AX_SPAWN_DUP2, .fd = 40, .newfd = 7}, /* 40 is not open */
    };
    SpawnAttr attr = {.actions = fa, .nactions = 3};
    uint64_t nodes = vt_nodes();
    ERR(sys_spawn("/bin/exit7", (char *[]){"exit7", NULL}, NULL, &attr), AX_EBADF);
    assert_int_equal(OK(sys_exists("/tmp/made")), 0);
    char buf[16];
    assert_string_equal(vt_get("/tmp/old", buf, sizeof buf), "kept");
    assert_int_equal(vt_nodes(), nodes);
    /* and a failing open action after a creating one */
    fa[1] = (SpawnFileAction){.kind = AX_SPAWN_OPEN, .fd = 6, .path = "/nope/x", .oflag = AX_O_RDONLY};
    attr.nactions = 2;
    ERR(sys_spawn("/bin/exit7", (char *[]){"exit7", NULL}, NULL, &attr), AX_ENOENT);
    assert_int_equal(OK(sys_exists("/tmp/made")), 0);
    return 0;
}

/* ---- SIGCHLD ignored: no zombies ---- */

static bool in_proclist(int pid) {
    ProcInfo info[16];
    int n = (int)OK(sys_proclist(info, 16));
    for (int i = 0; i < n && i < 16; i++)
        if (info[i].pid == pid)
            return true;
    return false;
}

/* POSIX: with SIGCHLD set to SIG_IGN, children leave no zombie, and a
 * waitpid that waits for them blocks until none is left, then fails with
 * ECHILD. Back to SIG_DFL, zombies are kept again. */
PROC_TEST(test_sigchld_ignored_leaves_no_zombies) {
    sys_signal(AX_SIGCHLD, AX_SIG_IGN);
    int c = (int)OK(sys_spawn("/bin/exit7", (char *[]){"exit7", NULL}, NULL, NULL));
    sys_yield(); /* it runs and exits */
    assert_false(in_proclist(c));
    ERR(sys_waitpid(c, NULL, 0), AX_ECHILD);
    /* one child alive: the wait blocks until it is gone, then ECHILD */
    int a = (int)OK(sys_spawn("/bin/exit7", (char *[]){"exit7", NULL}, NULL, NULL));
    int b = (int)OK(sys_spawn("/bin/exit7", (char *[]){"exit7", NULL}, NULL, NULL));
    ERR(sys_waitpid(-1, NULL, 0), AX_ECHILD);
    assert_false(in_proclist(a));
    assert_false(in_proclist(b));
    /* killed children too */
    int p = (int)OK(sys_spawn("/bin/pause", (char *[]){"pause", NULL}, NULL, NULL));
    assert_int_equal(OK(sys_waitpid(-1, NULL, AX_WNOHANG)), 0); /* alive */
    OK(sys_kill(p, AX_SIGTERM));
    ERR(sys_waitpid(-1, NULL, AX_WNOHANG), AX_ECHILD);
    sys_signal(AX_SIGCHLD, AX_SIG_DFL);
    c = (int)OK(sys_spawn("/bin/exit7", (char *[]){"exit7", NULL}, NULL, NULL));
    sys_yield();
    assert_true(in_proclist(c));
    assert_int_equal(AX_WEXITSTATUS(wait_status(c)), 7);
    return 0;
}

static int chld_hits;
static void on_chld(int sig) { chld_hits++; }

/* SA_NOCLDWAIT with a handler: no zombies, yet SIGCHLD still comes (as
 * on Linux). SA_NOCLDSTOP: no SIGCHLD for a stop or a continue, while
 * waitpid still reports them. */
PROC_TEST(test_sa_nocldwait_and_sa_nocldstop) {
    chld_hits = 0;
    SigAction act = {.handler = on_chld, .flags = AX_SA_NOCLDWAIT};
    OK(sys_sigaction(AX_SIGCHLD, &act, NULL));
    int c = (int)OK(sys_spawn("/bin/exit7", (char *[]){"exit7", NULL}, NULL, NULL));
    SyscallResult r;
    while ((r = sys_waitpid(c, NULL, 0)).error == AX_EINTR)
        ;
    assert_int_equal(r.error, AX_ECHILD);
    assert_int_equal(chld_hits, 1);
    assert_false(in_proclist(c));

    act.flags = AX_SA_NOCLDSTOP;
    OK(sys_sigaction(AX_SIGCHLD, &act, NULL));
    chld_hits = 0;
    SpawnAttr own = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0}; /* not orphaned */
    c = (int)OK(sys_spawn("/bin/pause", (char *[]){"pause", NULL}, NULL, &own));
    sys_yield();
    OK(sys_kill(c, AX_SIGSTOP));
    int st;
    assert_int_equal(OK(sys_waitpid(c, &st, AX_WUNTRACED)), c);
    assert_true(AX_WIFSTOPPED(st));
    OK(sys_kill(c, AX_SIGCONT));
    assert_int_equal(OK(sys_waitpid(c, &st, AX_WCONTINUED)), c);
    assert_int_equal(chld_hits, 0);
    OK(sys_kill(c, AX_SIGKILL)); /* an exit still raises it */
    while ((r = sys_waitpid(c, &st, 0)).error == AX_EINTR)
        ;
    assert_int_equal(r.value, c);
    assert_int_equal(chld_hits, 1);
    sys_signal(AX_SIGCHLD, AX_SIG_DFL);
    return 0;
}

/* ---- kill ---- */

/* A zombie exists until it is reaped: kill succeeds (signal 0 too) and
 * changes nothing; a bad signal to it is EINVAL; once reaped, ESRCH. */
PROC_TEST(test_kill_of_a_zombie_succeeds) {
    SpawnAttr own = {.flags = AX_SPAWN_SETPGROUP, .pgroup = 0};
    int c = (int)OK(sys_spawn("/bin/exit7", (char *[]){"exit7", NULL}, NULL, &own));
    sys_yield();
    assert_true(in_proclist(c)); /* a zombie now */
    OK(sys_kill(c, AX_SIGTERM));
    OK(sys_kill(c, 0));
    OK(sys_kill(-c, 0)); /* its group: only the zombie is left in it */
    OK(sys_kill(-c, AX_SIGKILL));
    ERR(sys_kill(c, 99), AX_EINVAL);
    assert_int_equal(kernel_kill(vt_kernel, c, AX_SIGKILL), 0);
    int st = wait_status(c);
    assert_true(AX_WIFEXITED(st));
    assert_int_equal(AX_WEXITSTATUS(st), 7);
    ERR(sys_kill(c, 0), AX_ESRCH);
    ERR(sys_kill(-c, 0), AX_ESRCH);
    assert_int_equal(kernel_kill(vt_kernel, c, AX_SIGKILL), -AX_ESRCH);
    return 0;
}

/* Linux looks the target up before it checks the signal: a missing
 * target is ESRCH whatever the signal; a bad signal to one that exists
 * is EINVAL. INT_MIN names no group (its negation does not exist). */
PROC_TEST(test_kill_errors_come_in_linux_order) {
    int me = (int)OK(sys_getpid());
    ERR(sys_kill(99999, 99), AX_ESRCH);
    ERR(sys_kill(99999, -1), AX_ESRCH);
    ERR(sys_kill(-99999, 99), AX_ESRCH);
    ERR(sys_kill(me, 99), AX_EINVAL);
    ERR(sys_kill(me, -1), AX_EINVAL);
    ERR(sys_kill(0, AX_NSIG), AX_EINVAL);
    ERR(sys_kill(-me, AX_NSIG), AX_EINVAL);
    ERR(sys_kill(INT_MIN, 0), AX_ESRCH);
    ERR(sys_kill(INT_MIN, AX_SIGKILL), AX_ESRCH);
    ERR(sys_kill(INT_MIN, 99), AX_ESRCH);
    ERR(sys_waitpid(INT_MIN, NULL, 0), AX_ESRCH);
    ERR(sys_waitpid(INT_MIN, NULL, AX_WNOHANG), AX_ESRCH);
    ERR(sys_waitpid(INT_MIN, NULL, 0x4000), AX_EINVAL); /* options first */
    ERR(sys_waitpid(INT_MIN + 1, NULL, 0), AX_ECHILD);
    return 0;
}

/* ---- stop signals in an orphaned group ---- */

static int tstp_hits;
static void on_tstp(int sig) { tstp_hits++; }

/* This program leads its session, and its group has no parent outside it
 * in the session (init is in another): the group is orphaned. POSIX:
 * SIGTSTP, SIGTTIN and SIGTTOU that would stop one of its processes are
 * discarded; a handler still runs; SIGSTOP still stops. */
PROC_TEST(test_orphaned_group_discards_tstp_ttin_ttou) {
    int me = (int)OK(sys_getpid());
    OK(sys_kill(me, AX_SIGTSTP)); /* would stop us forever */
    OK(sys_kill(me, AX_SIGTTIN));
    OK(sys_kill(me, AX_SIGTTOU));
    SigSet pending;
    sys_sigpending(&pending);
    assert_int_equal(pending, 0);
    /* a child in the same (orphaned) group is not stopped either */
    int c = (int)OK(sys_spawn("/bin/pause", (char *[]){"pause", NULL}, NULL, NULL));
    sys_yield();
    OK(sys_kill(c, AX_SIGTSTP));
    OK(sys_kill(0, AX_SIGTTOU));
    assert_int_equal(OK(sys_waitpid(c, NULL, AX_WNOHANG | AX_WUNTRACED)), 0);
    /* a handler runs as usual */
    tstp_hits = 0;
    sys_signal(AX_SIGTSTP, on_tstp);
    OK(sys_kill(me, AX_SIGTSTP));
    assert_int_equal(tstp_hits, 1);
    sys_signal(AX_SIGTSTP, AX_SIG_DFL);
    /* SIGSTOP stops whatever the group */
    OK(sys_kill(c, AX_SIGSTOP));
    int st;
    assert_int_equal(OK(sys_waitpid(c, &st, AX_WUNTRACED)), c);
    assert_true(AX_WIFSTOPPED(st));
    assert_int_equal(AX_WSTOPSIG(st), AX_SIGSTOP);
    OK(sys_kill(c, AX_SIGKILL));
    st = wait_status(c);
    assert_int_equal(AX_WTERMSIG(st), AX_SIGKILL);
    return 0;
}

/* ---- teardown with orphans alive ---- */

static int prog_orphan_maker(int argc, char **argv) {
    /* children that outlive us: init's orphans, some blocked, some still
     * ready, one stopped */
    for (int i = 0; i < 3; i++)
        sys_spawn("/bin/pause", (char *[]){"pause", NULL}, NULL, NULL);
    SpawnAttr own = {.flags = AX_SPAWN_SETSID};
    int s = (int)sys_spawn("/bin/pause", (char *[]){"pause", NULL}, NULL, &own).value;
    sys_yield();
    sys_kill(s, AX_SIGSTOP);
    sys_spawn("/bin/exit7", (char *[]){"exit7", NULL}, NULL, NULL);
    return 0;
}

/* The cause of the crash after a fork bomb: kernel_destroy killed init's
 * orphans, which free themselves as they die, while it walked the pid
 * table through them. Every process must go, and nothing be read after
 * it is freed (the harness poisons freed blocks). */
static void test_destroy_with_live_orphans(void **state) {
    Kernel *k = harness_kernel(NULL);
    install(k);
    kernel_install_program(k, "/bin/t", prog_orphan_maker);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_int_equal(AX_WEXITSTATUS(st), 0);
    KernelStats ks;
    kernel_stats(k, &ks);
    assert_true(ks.tasks >= 4); /* the orphans live on */
    harness_destroy_live(k);
}

/* The scenario itself: a shell fork bomb, run for a while on the host
 * clock, then the kernel destroyed with thousands of processes in every
 * state. */
static void test_destroy_after_a_fork_bomb(void **state) {
    for (int round = 0; round < 3; round++) {
        KernelConfig cfg = {.clock = AX_CLOCK_HOST, .stack_size = 64 * 1024, .seed = (uint64_t)round};
        Kernel *k = harness_kernel(&cfg);
        assert_int_equal(kernel_install_userland(k), 0);
        SyscallResult r =
            kernel_spawn(k, "/bin/sh", (char *[]){"sh", "-c", "f(){ f | f & }; f", NULL});
        assert_int_equal(r.error, AX_OK);
        /* until it has grown (a loaded machine runs it slower), at most
         * a few seconds */
        KernelStats ks;
        for (int i = 0; i < 1000; i++) {
            kernel_run_for(k, 5 * 1000 * 1000);
            kernel_stats(k, &ks);
            if (ks.procs >= 200)
                break;
        }
        assert_true(ks.procs >= 200);
        harness_destroy_live(k);
    }
}

int main(void) {
    (void)vt_run;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spawn_closes_cloexec_fds_after_the_file_actions),
        cmocka_unit_test(test_spawn_close_action_of_a_closed_fd_succeeds),
        cmocka_unit_test(test_failed_spawn_removes_the_files_its_actions_created),
        cmocka_unit_test(test_sigchld_ignored_leaves_no_zombies),
        cmocka_unit_test(test_sa_nocldwait_and_sa_nocldstop),
        cmocka_unit_test(test_kill_of_a_zombie_succeeds),
        cmocka_unit_test(test_kill_errors_come_in_linux_order),
        cmocka_unit_test(test_orphaned_group_discards_tstp_ttin_ttou),
        cmocka_unit_test(test_destroy_with_live_orphans),
        cmocka_unit_test(test_destroy_after_a_fork_bomb),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
