/* Hypotheses about the limits on kernel resources: processes in the
 * system and in a session (EAGAIN, as fork), regions per process (ENOMEM)
 * and open files in the whole kernel (ENFILE). At each, the call fails
 * cleanly, nothing of it stays, and freeing one makes room again. */
#include "vfs_test.h"

static int prog_pause(int argc, char **argv) {
    sys_pause();
    return 0;
}

static int prog_exit(int argc, char **argv) { return 0; }

static int prog_setsid_then_pause(int argc, char **argv) {
    if (sys_setsid().error != AX_OK)
        return 1;
    sys_pause();
    return 0;
}

static int spawn(const char *path, const SpawnAttr *attr) {
    SyscallResult r = sys_spawn(path, (char *[]){(char *)path, NULL}, NULL, attr);
    return r.error == AX_OK ? (int)r.value : -(int)r.error;
}

static void kill_all(const int *pids, int n) {
    for (int i = 0; i < n; i++) {
        OK(sys_kill(pids[i], AX_SIGKILL));
        OK(sys_waitpid(pids[i], NULL, 0));
    }
}

static void install(void) {
    kernel_install_program(vt_kernel, "/bin/pause", prog_pause);
    kernel_install_program(vt_kernel, "/bin/exit0", prog_exit);
    kernel_install_program(vt_kernel, "/bin/setsid", prog_setsid_then_pause);
}

/* max_procs 5: this program and four children; a zombie still counts
 * (its pid is taken) until it is reaped. */
static int test_process_limit_main(int argc, char **argv) {
    install();
    int kids[4];
    for (int i = 0; i < 3; i++)
        assert_true((kids[i] = spawn("/bin/pause", NULL)) > 0);
    int z = spawn("/bin/exit0", NULL);
    assert_true(z > 0);
    sys_yield(); /* it exits: a zombie */
    assert_int_equal(spawn("/bin/pause", NULL), -AX_EAGAIN);
    /* a spawn refused so creates nothing its actions would have made */
    SpawnFileAction fa = {.kind = AX_SPAWN_OPEN, .fd = 5, .path = "/tmp/made",
                          .oflag = AX_O_WRONLY | AX_O_CREAT, .mode = 0644};
    SpawnAttr attr = {.actions = &fa, .nactions = 1};
    assert_int_equal(spawn("/bin/pause", &attr), -AX_EAGAIN);
    assert_int_equal(OK(sys_exists("/tmp/made")), 0);
    SpawnAttr setsid = {.flags = AX_SPAWN_SETSID}; /* the system limit covers every session */
    assert_int_equal(spawn("/bin/pause", &setsid), -AX_EAGAIN);
    OK(sys_waitpid(z, NULL, 0));
    assert_true((kids[3] = spawn("/bin/pause", NULL)) > 0);
    assert_int_equal(spawn("/bin/pause", NULL), -AX_EAGAIN);
    kill_all(kids, 4);
    return 0;
}

static void test_process_limit(void **state) {
    KernelConfig cfg = {.max_procs = 5};
    vt_run(test_process_limit_main, &cfg);
}

/* max_session_procs 3: this program and two children in its session;
 * a new session has room of its own, and a child that leaves by setsid
 * gives its place back. */
static int test_session_limit_main(int argc, char **argv) {
    install();
    int kids[5];
    assert_true((kids[0] = spawn("/bin/pause", NULL)) > 0);
    assert_true((kids[1] = spawn("/bin/setsid", NULL)) > 0);
    assert_int_equal(spawn("/bin/pause", NULL), -AX_EAGAIN);
    SpawnAttr setsid = {.flags = AX_SPAWN_SETSID};
    assert_true((kids[2] = spawn("/bin/pause", &setsid)) > 0);
    sys_yield(); /* kids[1] calls setsid: one place free here */
    assert_true((kids[3] = spawn("/bin/pause", NULL)) > 0);
    assert_int_equal(spawn("/bin/pause", NULL), -AX_EAGAIN);
    kill_all(kids, 4);
    return 0;
}

static void test_session_limit(void **state) {
    KernelConfig cfg = {.max_session_procs = 3};
    vt_run(test_session_limit_main, &cfg);
}

/* max_regions 4: regions and attachments together. */
static int test_region_limit_main(int argc, char **argv) {
    int shm = (int)OK(sys_shmget(AX_IPC_PRIVATE, 64, AX_IPC_CREAT));
    int ids[4];
    for (int i = 0; i < 3; i++)
        ids[i] = (int)OK(sys_mem_alloc(64, AX_PROT_READ));
    ids[3] = (int)OK(sys_shmat(shm, AX_PROT_READ));
    MemStats before, after;
    OK(sys_memstats(&before));
    ERR(sys_mem_alloc(64, AX_PROT_READ), AX_ENOMEM);
    ERR(sys_shmat(shm, AX_PROT_READ), AX_ENOMEM);
    OK(sys_memstats(&after));
    assert_memory_equal(&before, &after, sizeof before);
    OK(sys_mem_free(ids[1]));
    ids[1] = (int)OK(sys_shmat(shm, AX_PROT_READ));
    for (int i = 0; i < 4; i++)
        OK(sys_mem_free(ids[i]));
    OK(sys_shmctl(shm, AX_IPC_RMID, NULL));
    return 0;
}

static void test_region_limit(void **state) {
    KernelConfig cfg = {.max_regions = 4};
    vt_run(test_region_limit_main, &cfg);
}

/* max_files 10: the program's three console fds are open files too.
 * Past the limit every call that opens one says ENFILE (not EMFILE: the
 * process has fds to spare), a pipe needs two. */
static int test_file_limit_main(int argc, char **argv) {
    int fds[8], n = 0;
    for (; n < 6; n++)
        fds[n] = (int)OK(sys_open("/etc/motd", AX_O_RDONLY, 0));
    int p[2];
    ERR(sys_pipe(p), AX_ENFILE); /* one left, a pipe takes two */
    fds[n++] = (int)OK(sys_open("/etc/motd", AX_O_RDONLY, 0));
    ERR(sys_open("/etc/motd", AX_O_RDONLY, 0), AX_ENFILE);
    ERR(sys_open("/tmp/new", AX_O_WRONLY | AX_O_CREAT, 0644), AX_ENFILE);
    assert_int_equal(OK(sys_exists("/tmp/new")), 0);
    ERR(sys_open("/dev/stdout", AX_O_WRONLY, 0), AX_ENFILE);
    ERR(sys_timer_set(1000, 0), AX_ENFILE);
    ERR(sys_epoll_create1(0), AX_ENFILE);
    ERR(sys_pipe(p), AX_ENFILE);
    /* a dup is no new open file */
    int d = (int)OK(sys_dup(fds[0]));
    OK(sys_close(d));
    OK(sys_close(fds[--n]));
    OK(sys_close(fds[--n]));
    OK(sys_pipe(p));
    OK(sys_close(p[0]));
    OK(sys_close(p[1]));
    while (n > 0)
        OK(sys_close(fds[--n]));
    return 0;
}

static void test_file_limit(void **state) {
    KernelConfig cfg = {.max_files = 10};
    vt_run(test_file_limit_main, &cfg);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_process_limit),
        cmocka_unit_test(test_session_limit),
        cmocka_unit_test(test_region_limit),
        cmocka_unit_test(test_file_limit),
    };
    (void)vt_put;
    (void)vt_get;
    (void)vt_nodes;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
