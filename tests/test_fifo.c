/* Hypotheses about FIFOs and mknod: the node, Linux's open rules, pipe
 * semantics through the name, and what a waiting open leaves behind when
 * it is interrupted or killed. */
#include "ipc_test.h"
#include "userland_run.h"

#define FIFO "/tmp/f"

/* /bin/opener FLAGS DELAY_MS [DATA]: sleep, open FIFO with FLAGS (decimal),
 * write DATA when given, close, exit 0 (or the open's errno). */
static int prog_opener(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[2]) * MS);
    SyscallResult r = sys_open(FIFO, atoi(argv[1]), 0);
    if (r.error != AX_OK)
        return (int)r.error;
    if (argc > 3)
        sys_write((int)r.value, argv[3], strlen(argv[3]));
    sys_close((int)r.value);
    return 0;
}

/* /bin/catter: copy stdin to the console. */
static int prog_catter(int argc, char **argv) {
    char buf[64];
    SyscallResult r;
    while ((r = sys_read(0, buf, sizeof buf)).value > 0)
        sys_write(1, buf, (size_t)r.value);
    return r.error == AX_OK ? 0 : 1;
}

/* /bin/signaller PID SIG DELAY_MS */
static int prog_signaller(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[3]) * MS);
    return sys_kill(atoi(argv[1]), atoi(argv[2])).error == AX_OK ? 0 : 1;
}

/* /bin/blockopen FLAGS: open FIFO and wait for ever (killed in the open). */
static int prog_blockopen(int argc, char **argv) {
    sys_open(FIFO, atoi(argv[1]), 0);
    return 99;
}

/* /bin/spawnfifo: spawn catter with stdin opened from the FIFO (waits). */
static int prog_spawnfifo(int argc, char **argv) {
    SpawnFileAction fa = {.kind = AX_SPAWN_OPEN, .fd = 0, .path = FIFO, .oflag = AX_O_RDONLY};
    SpawnAttr attr = {.actions = &fa, .nactions = 1};
    SyscallResult r = sys_spawn("/bin/catter", (char *[]){"catter", NULL}, NULL, &attr);
    if (r.error != AX_OK)
        return (int)r.error;
    return AX_WEXITSTATUS(ipc_wait((int)r.value));
}

static const IpcProg helpers[] = {
    {"/bin/opener", prog_opener},   {"/bin/catter", prog_catter},
    {"/bin/signaller", prog_signaller}, {"/bin/blockopen", prog_blockopen},
    {"/bin/spawnfifo", prog_spawnfifo},
};
#define TRUN(t) ipc_run(NULL, t, helpers, sizeof helpers / sizeof helpers[0])

static uint64_t now(void) {
    return (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
}

/* ---- the node ---- */

static int t_node(int argc, char **argv) {
    CHECK(sys_mkfifo(FIFO, 0640).error == AX_OK);
    FileStat st;
    CHECK(sys_stat(FIFO, &st).error == AX_OK);
    CHECK(st.mode == (AX_S_IFIFO | 0640) && st.size == 0 && st.nlink == 1);
    CHECK(sys_mkfifo(FIFO, 0640).error == AX_EEXIST);
    CHECK(sys_mknod("/tmp/c", AX_S_IFCHR | 0600, 0x0103).error == AX_EPERM);
    CHECK(sys_mknod("/tmp/d", AX_S_IFDIR | 0700, 0).error == AX_EPERM);
    CHECK(sys_mknod("/tmp/x", 0170000 | 0600, 0).error == AX_EINVAL);
    CHECK(sys_mknod("/nodir/f", AX_S_IFIFO | 0600, 0).error == AX_ENOENT);
    CHECK(sys_mknod("/dev/f", AX_S_IFIFO | 0600, 0).error == AX_EACCES);
    CHECK(sys_mknod(NULL, AX_S_IFIFO, 0).error == AX_EFAULT);
    CHECK(sys_exists("/tmp/c").value == 0 && sys_exists("/tmp/d").value == 0);
    /* mode 0 and S_IFREG make an empty regular file; S_IFSOCK a socket
     * name that cannot be opened */
    CHECK(sys_mknod("/tmp/r", 0600, 0).error == AX_OK);
    CHECK(sys_stat("/tmp/r", &st).error == AX_OK && st.mode == (AX_S_IFREG | 0600));
    CHECK(sys_mknod("/tmp/s", AX_S_IFSOCK | 0600, 0).error == AX_OK);
    CHECK(sys_stat("/tmp/s", &st).error == AX_OK && st.mode == (AX_S_IFSOCK | 0600));
    CHECK(sys_open("/tmp/s", AX_O_RDWR, 0).error == AX_ENXIO);
    int d = (int)sys_open("/tmp", AX_O_RDONLY | AX_O_DIRECTORY, 0).value;
    DirEntry e[8];
    int n = (int)sys_readdir(d, e, 8).value, seen = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(e[i].name, "f") == 0)
            seen |= (e[i].type == AX_DT_FIFO);
        if (strcmp(e[i].name, "s") == 0)
            seen |= (e[i].type == AX_DT_SOCK) << 1;
    }
    CHECK(seen == 3);
    sys_close(d);
    /* an open end's fstat shows the node; lseek is refused */
    int fd = (int)sys_open(FIFO, AX_O_RDWR, 0).value;
    FileStat fst;
    CHECK(sys_stat(FIFO, &st).error == AX_OK);
    CHECK(sys_fstat(fd, &fst).error == AX_OK && fst.ino == st.ino && fst.mode == st.mode);
    CHECK(sys_lseek(fd, 0, AX_SEEK_SET).error == AX_ESPIPE);
    sys_close(fd);
    return 0;
}

static void test_mkfifo_makes_a_fifo_node_and_mknod_checks_its_type(void **state) {
    TRUN(t_node);
}

/* ---- open rules ---- */

static int t_nonblock_rules(int argc, char **argv) {
    sys_mkfifo(FIFO, 0600);
    /* write-only, non-blocking, nobody reading: ENXIO */
    CHECK(sys_open(FIFO, AX_O_WRONLY | AX_O_NONBLOCK, 0).error == AX_ENXIO);
    /* read-only, non-blocking: at once; reads see end of file, poll no hang-up */
    int r = (int)sys_open(FIFO, AX_O_RDONLY | AX_O_NONBLOCK, 0).value;
    CHECK(r >= 0);
    char c;
    CHECK(sys_read(r, &c, 1).value == 0);
    PollFd f = {r, AX_POLLIN, 0};
    CHECK(sys_poll(&f, 1, 0).value == 0);
    /* now a reader exists: the non-blocking writer gets through */
    int w = (int)sys_open(FIFO, AX_O_WRONLY | AX_O_NONBLOCK, 0).value;
    CHECK(w >= 0);
    CHECK(sys_read(r, &c, 1).error == AX_EAGAIN);
    sys_write(w, "z", 1);
    CHECK(sys_poll(&f, 1, 0).value == 1 && f.revents == AX_POLLIN);
    CHECK(sys_read(r, &c, 1).value == 1 && c == 'z');
    /* the writer came and went: now the hang-up shows, and EOF */
    sys_close(w);
    CHECK(sys_poll(&f, 1, 0).value == 1 && f.revents == AX_POLLHUP);
    CHECK(sys_read(r, &c, 1).value == 0);
    sys_close(r);
    /* read-write never waits, and counts as both ends */
    int rw = (int)sys_open(FIFO, AX_O_RDWR, 0).value;
    CHECK(rw >= 0);
    w = (int)sys_open(FIFO, AX_O_WRONLY | AX_O_NONBLOCK, 0).value;
    CHECK(w >= 0);
    sys_write(w, "ab", 2);
    sys_close(w);
    CHECK(sys_read(rw, &c, 1).value == 1 && c == 'a');
    sys_close(rw);
    /* the last close threw the rest away */
    rw = (int)sys_open(FIFO, AX_O_RDWR | AX_O_NONBLOCK, 0).value;
    CHECK(sys_read(rw, &c, 1).error == AX_EAGAIN);
    sys_close(rw);
    return 0;
}

static void test_non_blocking_opens_follow_linux_rules(void **state) {
    TRUN(t_nonblock_rules);
}

static int t_blocking_open(int argc, char **argv) {
    sys_mkfifo(FIFO, 0600);
    /* a reader waits for a writer... */
    uint64_t t0 = now();
    int pid = ipc_spawn("/bin/opener", ipc_num(AX_O_WRONLY), "10", "hello");
    int r = (int)sys_open(FIFO, AX_O_RDONLY, 0).value;
    CHECK(r >= 0 && now() - t0 == 10 * MS);
    char buf[16];
    CHECK(sys_read(r, buf, sizeof buf).value == 5 && memcmp(buf, "hello", 5) == 0);
    CHECK(sys_read(r, buf, sizeof buf).value == 0); /* the writer closed */
    CHECK(ipc_wait(pid) == 0);
    sys_close(r);
    /* ...and a writer for a reader */
    t0 = now();
    pid = ipc_spawn("/bin/opener", ipc_num(AX_O_RDONLY), "7", NULL);
    int w = (int)sys_open(FIFO, AX_O_WRONLY, 0).value;
    CHECK(w >= 0 && now() - t0 == 7 * MS);
    CHECK(ipc_wait(pid) == 0);
    /* the reader has gone: EPIPE, and SIGPIPE (ignored here) */
    sys_signal(AX_SIGPIPE, AX_SIG_IGN);
    CHECK(sys_write(w, "x", 1).error == AX_EPIPE);
    sys_close(w);
    /* a writer that opened and closed before the reader ran still ends
     * the reader's wait: it waits for the count of writers to move */
    pid = ipc_spawn("/bin/opener", ipc_num(AX_O_WRONLY), "0", "bye");
    r = (int)sys_open(FIFO, AX_O_RDONLY, 0).value;
    CHECK(r >= 0);
    CHECK(ipc_wait(pid) == 0);
    CHECK(sys_read(r, buf, sizeof buf).value == 3);
    CHECK(sys_read(r, buf, sizeof buf).value == 0);
    sys_close(r);
    return 0;
}

static void test_blocking_opens_wait_for_the_other_end(void **state) {
    TRUN(t_blocking_open);
}

static int t_waiting_counts(int argc, char **argv) {
    sys_mkfifo(FIFO, 0600);
    /* a child waits in a read-only open: it counts as a reader already,
     * so a non-blocking writer gets through and the child's open ends */
    int waiter = ipc_spawn("/bin/blockopen", ipc_num(AX_O_RDONLY), NULL, NULL);
    sys_sleep(MS);
    int w = (int)sys_open(FIFO, AX_O_WRONLY | AX_O_NONBLOCK, 0).value;
    CHECK(w >= 0);
    CHECK(AX_WEXITSTATUS(ipc_wait(waiter)) == 99);
    sys_close(w);
    return 0;
}

static void test_an_open_waiting_at_one_end_lets_the_other_end_through(void **state) {
    TRUN(t_waiting_counts);
}

/* ---- interrupted and killed opens ---- */


static int t_interrupted(int argc, char **argv) {
    sys_mkfifo(FIFO, 0600);
    *ipc_hits() = 0;
    sys_signal(AX_SIGUSR1, ipc_count_signal); /* no SA_RESTART */
    int me = (int)sys_getpid().value;
    int pid = ipc_spawn("/bin/signaller", ipc_num(me), ipc_num(AX_SIGUSR1), "5");
    CHECK(sys_open(FIFO, AX_O_RDONLY, 0).error == AX_EINTR && *ipc_hits() == 1);
    CHECK(ipc_wait(pid) == 0);
    /* the interrupted open counted itself out: no reader is left */
    CHECK(sys_open(FIFO, AX_O_WRONLY | AX_O_NONBLOCK, 0).error == AX_ENXIO);
    /* under SA_RESTART the open starts over and waits on */
    SigAction sa = {.handler = ipc_count_signal, .flags = AX_SA_RESTART};
    sys_sigaction(AX_SIGUSR1, &sa, NULL);
    pid = ipc_spawn("/bin/signaller", ipc_num(me), ipc_num(AX_SIGUSR1), "5");
    int wpid = ipc_spawn("/bin/opener", ipc_num(AX_O_WRONLY), "20", "r");
    uint64_t t0 = now();
    int r = (int)sys_open(FIFO, AX_O_RDONLY, 0).value;
    CHECK(r >= 0 && *ipc_hits() == 2 && now() - t0 == 20 * MS);
    char c;
    CHECK(sys_read(r, &c, 1).value == 1 && c == 'r');
    CHECK(ipc_wait(pid) == 0 && ipc_wait(wpid) == 0);
    sys_close(r);
    return 0;
}

static void test_a_signal_ends_a_waiting_open_and_sa_restart_resumes_it(void **state) {
    TRUN(t_interrupted);
}

static int t_killed(int argc, char **argv) {
    sys_mkfifo(FIFO, 0600);
    int pid = ipc_spawn("/bin/blockopen", ipc_num(AX_O_RDONLY), NULL, NULL);
    sys_sleep(MS);
    sys_kill(pid, AX_SIGKILL);
    CHECK(AX_WTERMSIG(ipc_wait(pid)) == AX_SIGKILL);
    /* its count went with it */
    CHECK(sys_open(FIFO, AX_O_WRONLY | AX_O_NONBLOCK, 0).error == AX_ENXIO);
    /* a spawn waiting in a file action's open, killed: the half-built
     * child goes too (harness_destroy checks nothing is left) */
    pid = ipc_spawn("/bin/spawnfifo", NULL, NULL, NULL);
    sys_sleep(MS);
    sys_kill(pid, AX_SIGKILL);
    CHECK(AX_WTERMSIG(ipc_wait(pid)) == AX_SIGKILL);
    CHECK(sys_open(FIFO, AX_O_WRONLY | AX_O_NONBLOCK, 0).error == AX_ENXIO);
    return 0;
}

static void test_a_process_killed_in_a_fifo_open_leaves_nothing(void **state) {
    TRUN(t_killed);
}

static int t_spawn_open(int argc, char **argv) {
    sys_mkfifo(FIFO, 0600);
    /* the spawn waits for a writer, as posix_spawn's open would */
    int wpid = ipc_spawn("/bin/opener", ipc_num(AX_O_WRONLY), "5", "via spawn\n");
    int pid = ipc_spawn("/bin/spawnfifo", NULL, NULL, NULL);
    CHECK(ipc_wait(pid) == 0 && ipc_wait(wpid) == 0);
    /* unlinked while open: the open ends keep working */
    int rw = (int)sys_open(FIFO, AX_O_RDWR, 0).value;
    CHECK(sys_unlink(FIFO).error == AX_OK);
    sys_write(rw, "q", 1);
    char c;
    CHECK(sys_read(rw, &c, 1).value == 1 && c == 'q');
    sys_close(rw);
    return 0;
}

static void test_spawn_file_actions_open_fifos_and_unlink_keeps_open_ends(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", t_spawn_open);
    for (size_t i = 0; i < sizeof helpers / sizeof helpers[0]; i++)
        kernel_install_program(k, helpers[i].path, helpers[i].main);
    int st = harness_run(k, (char *[]){"/bin/t", NULL});
    assert_int_equal(st, 0);
    assert_string_equal(harness_output(k), "via spawn\n");
    harness_destroy(k);
}

/* ---- the programs ---- */

static void test_mkfifo_program_and_ls_show_the_fifo(void **state) {
    Kernel *k = ul_kernel();
    assert_int_equal(RUN(k, NULL, "mkfifo", "-m", "600", "/tmp/p1", "/tmp/p2"), 0);
    assert_int_equal(RUN(k, NULL, "mkfifo", "/tmp/p1"), 1);
    assert_string_equal(ul_output(), "mkfifo: cannot create fifo '/tmp/p1': File exists\n");
    assert_int_equal(RUN(k, NULL, "mkfifo", "-m", "9", "/tmp/p3"), 1);
    assert_int_equal(RUN(k, NULL, "mkfifo"), 1);
    assert_int_equal(RUN(k, NULL, "ls", "-l", "/tmp/p1"), 0);
    assert_true(strncmp(ul_output(), "prw------- ", 11) == 0);
    assert_int_equal(RUN(k, NULL, "stat", "-c", "%F", "/tmp/p2"), 0);
    assert_string_equal(ul_output(), "fifo\n");
    harness_destroy(k);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mkfifo_makes_a_fifo_node_and_mknod_checks_its_type),
        cmocka_unit_test(test_non_blocking_opens_follow_linux_rules),
        cmocka_unit_test(test_blocking_opens_wait_for_the_other_end),
        cmocka_unit_test(test_an_open_waiting_at_one_end_lets_the_other_end_through),
        cmocka_unit_test(test_a_signal_ends_a_waiting_open_and_sa_restart_resumes_it),
        cmocka_unit_test(test_a_process_killed_in_a_fifo_open_leaves_nothing),
        cmocka_unit_test(test_spawn_file_actions_open_fifos_and_unlink_keeps_open_ends),
        cmocka_unit_test(test_mkfifo_program_and_ls_show_the_fifo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
