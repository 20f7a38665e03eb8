/* Hypotheses about poll, ppoll, select and pselect: what each kind of fd
 * reports, how the calls wait and wake, and their errors. */
#include "ipc_test.h"

/* ---- helper programs ---- */

/* /bin/writer FD DELAY_MS: sleep, write one byte to FD, exit. */
static int prog_writer(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[2]) * MS);
    return sys_write(atoi(argv[1]), "w", 1).value == 1 ? 0 : 1;
}

/* /bin/closer FD DELAY_MS: sleep, then exit (closing FD with the rest). */
static int prog_closer(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[2]) * MS);
    return 0;
}

/* /bin/signaller PID SIG DELAY_MS */
static int prog_signaller(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[3]) * MS);
    return sys_kill(atoi(argv[1]), atoi(argv[2])).error == AX_OK ? 0 : 1;
}

static const IpcProg helpers[] = {
    {"/bin/writer", prog_writer},
    {"/bin/closer", prog_closer},
    {"/bin/signaller", prog_signaller},
};
#define RUN(t) ipc_run(NULL, t, helpers, sizeof helpers / sizeof helpers[0])

static int hits;
static void on_usr1(int sig) {
    hits++;
}

/* ---- poll: what pipes report ---- */

static int t_pipe_states(int argc, char **argv) {
    int p[2];
    CHECK(sys_pipe(p).error == AX_OK);
    PollFd f[2] = {{p[0], AX_POLLIN | AX_POLLOUT, 7}, {p[1], AX_POLLIN | AX_POLLOUT, 7}};
    SyscallResult r = sys_poll(f, 2, 0);
    /* empty: the read end has nothing, the write end has room */
    CHECK(r.error == AX_OK && r.value == 1);
    CHECK(f[0].revents == 0 && f[1].revents == AX_POLLOUT);
    sys_write(p[1], "x", 1);
    r = sys_poll(f, 2, 0);
    CHECK(r.value == 2 && f[0].revents == AX_POLLIN && f[1].revents == AX_POLLOUT);
    /* POLLRDNORM is the same condition, asked for by name */
    f[0].events = AX_POLLRDNORM;
    CHECK(sys_poll(f, 1, 0).value == 1 && f[0].revents == AX_POLLRDNORM);
    /* the writer goes: data first, then a hang-up that stays (POLLHUP is
     * reported though not asked for) */
    sys_close(p[1]);
    f[0].events = AX_POLLIN;
    CHECK(sys_poll(f, 1, 0).value == 1 && f[0].revents == (AX_POLLIN | AX_POLLHUP));
    char c;
    sys_read(p[0], &c, 1);
    CHECK(sys_poll(f, 1, 0).value == 1 && f[0].revents == AX_POLLHUP);
    sys_close(p[0]);
    /* the reader goes: the write end reports POLLERR, asked or not */
    CHECK(sys_pipe(p).error == AX_OK);
    sys_close(p[0]);
    PollFd w = {p[1], 0, 0};
    CHECK(sys_poll(&w, 1, 0).value == 1 && w.revents == AX_POLLERR);
    w.events = AX_POLLOUT;
    CHECK(sys_poll(&w, 1, 0).value == 1 && w.revents == (AX_POLLOUT | AX_POLLERR));
    sys_close(p[1]);
    return 0;
}

static void test_poll_reports_pipe_data_room_hangup_and_error(void **state) {
    RUN(t_pipe_states);
}

static int t_full_pipe(int argc, char **argv) {
    int p[2];
    sys_pipe2(p, AX_O_NONBLOCK);
    static char buf[AX_PIPE_CAPACITY];
    CHECK(sys_write(p[1], buf, sizeof buf).value == AX_PIPE_CAPACITY);
    PollFd w = {p[1], AX_POLLOUT, 0};
    CHECK(sys_poll(&w, 1, 0).value == 0 && w.revents == 0);
    /* writable again only once a whole atomic write fits */
    CHECK(sys_read(p[0], buf, AX_PIPE_BUF - 1).value == AX_PIPE_BUF - 1);
    CHECK(sys_poll(&w, 1, 0).value == 0);
    CHECK(sys_read(p[0], buf, 1).value == 1);
    CHECK(sys_poll(&w, 1, 0).value == 1 && w.revents == AX_POLLOUT);
    sys_close(p[0]);
    sys_close(p[1]);
    return 0;
}

static void test_a_full_pipe_is_writable_once_pipe_buf_bytes_are_free(void **state) {
    RUN(t_full_pipe);
}

/* ---- poll: the fd list ---- */

static int t_fd_list(int argc, char **argv) {
    int p[2];
    sys_pipe(p);
    sys_write(p[1], "x", 1);
    PollFd f[4] = {{-1, AX_POLLIN, 5}, {77, AX_POLLIN, 5}, {p[0], AX_POLLIN, 5}, {p[0], AX_POLLOUT, 5}};
    SyscallResult r = sys_poll(f, 4, 0);
    /* negative fd: skipped; closed fd: POLLNVAL; the same fd twice: each
     * entry on its own (the read end is not writable) */
    CHECK(r.value == 2);
    CHECK(f[0].revents == 0 && f[1].revents == AX_POLLNVAL && f[2].revents == AX_POLLIN &&
          f[3].revents == 0);
    /* no fds at all: a plain timed wait */
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    CHECK(sys_poll(NULL, 0, 25).value == 0);
    CHECK((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0 == 25 * MS);
    /* a regular file and /dev/null: always ready */
    int fd = (int)sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0644).value;
    int nul = (int)sys_open("/dev/null", AX_O_RDONLY, 0).value;
    PollFd g[2] = {{fd, AX_POLLIN | AX_POLLOUT | AX_POLLPRI, 0}, {nul, AX_POLLIN, 0}};
    CHECK(sys_poll(g, 2, -1).value == 2);
    CHECK(g[0].revents == (AX_POLLIN | AX_POLLOUT) && g[1].revents == AX_POLLIN);
    sys_close(fd);
    sys_close(nul);
    sys_close(p[0]);
    sys_close(p[1]);
    return 0;
}

static void test_poll_skips_negative_fds_and_flags_closed_ones(void **state) {
    RUN(t_fd_list);
}

static int t_errors(int argc, char **argv) {
    PollFd f = {0, AX_POLLIN, 9};
    CHECK(sys_poll(NULL, 1, 0).error == AX_EFAULT);
    CHECK(sys_poll(&f, AX_OPEN_MAX + 1, 0).error == AX_EINVAL);
    CHECK(f.revents == 9); /* untouched on error */
    int64_t neg = -1;
    CHECK(sys_ppoll(&f, 1, &neg, NULL).error == AX_EINVAL);
    CHECK(f.revents == 9);
    FdSet s;
    AX_FD_ZERO(&s);
    AX_FD_SET(40, &s);
    CHECK(sys_select(41, &s, NULL, NULL, NULL).error == AX_EBADF);
    CHECK(AX_FD_ISSET(40, &s)); /* untouched */
    CHECK(sys_select(-1, NULL, NULL, NULL, NULL).error == AX_EINVAL);
    CHECK(sys_select(1, NULL, NULL, NULL, &neg).error == AX_EINVAL);
    CHECK(sys_pselect(1, NULL, NULL, NULL, &neg, NULL).error == AX_EINVAL);
    return 0;
}

static void test_poll_and_select_reject_bad_arguments_and_change_nothing(void **state) {
    RUN(t_errors);
}

/* ---- waiting ---- */

static int t_wait_for_writer(int argc, char **argv) {
    int p[2], q[2];
    sys_pipe(p);
    sys_pipe(q);
    char fd[16], buf[16];
    int pid = ipc_spawn("/bin/writer", ipc_itoa(q[1], fd), "30", NULL);
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    PollFd f[2] = {{p[0], AX_POLLIN, 0}, {q[0], AX_POLLIN, 0}};
    SyscallResult r = sys_poll(f, 2, -1);
    CHECK(r.value == 1 && f[0].revents == 0 && f[1].revents == AX_POLLIN);
    CHECK((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0 == 30 * MS);
    CHECK(sys_read(q[0], buf, sizeof buf).value == 1);
    CHECK(ipc_wait(pid) == 0);
    /* the writer's exit closed its copy, ours is still open: no hang-up */
    CHECK(sys_poll(f, 2, 0).value == 0);
    for (int i = 0; i < 2; i++) {
        sys_close(p[i]);
        sys_close(q[i]);
    }
    return 0;
}

static void test_poll_sleeps_until_one_of_its_fds_is_written(void **state) {
    RUN(t_wait_for_writer);
}

static int t_timeout(int argc, char **argv) {
    int p[2];
    sys_pipe(p);
    PollFd f = {p[0], AX_POLLIN, 3};
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    CHECK(sys_poll(&f, 1, 40).value == 0 && f.revents == 0);
    CHECK((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0 == 40 * MS);
    int64_t ns = 5 * MS;
    CHECK(sys_ppoll(&f, 1, &ns, NULL).value == 0);
    /* select writes back the time left: none after a timeout, the rest
     * when an fd was ready first */
    FdSet s;
    AX_FD_ZERO(&s);
    AX_FD_SET(p[0], &s);
    ns = 7 * MS;
    CHECK(sys_select(p[0] + 1, &s, NULL, NULL, &ns).value == 0);
    CHECK(ns == 0 && !AX_FD_ISSET(p[0], &s));
    char fd[16];
    int pid = ipc_spawn("/bin/writer", ipc_itoa(p[1], fd), "3", NULL);
    AX_FD_SET(p[0], &s);
    ns = 10 * MS;
    CHECK(sys_select(p[0] + 1, &s, NULL, NULL, &ns).value == 1);
    CHECK(ns == 7 * (int64_t)MS && AX_FD_ISSET(p[0], &s));
    CHECK(ipc_wait(pid) == 0);
    sys_close(p[0]);
    sys_close(p[1]);
    return 0;
}

static void test_timeouts_are_kernel_time_and_select_reports_what_is_left(void **state) {
    RUN(t_timeout);
}

static int t_many_fds(int argc, char **argv) {
    /* more fds than the waiter holds inline: its entries go to chunks */
    enum { N = 100 };
    int r[N], w[N];
    PollFd f[N];
    for (int i = 0; i < N; i++) {
        int p[2];
        CHECK(sys_pipe(p).error == AX_OK);
        r[i] = p[0];
        w[i] = p[1];
        f[i] = (PollFd){r[i], AX_POLLIN, 0};
    }
    char fd[16];
    int pid = ipc_spawn("/bin/writer", ipc_itoa(w[N - 1], fd), "10", NULL);
    CHECK(sys_poll(f, N, -1).value == 1 && f[N - 1].revents == AX_POLLIN);
    CHECK(ipc_wait(pid) == 0);
    /* select over the same, by bits */
    FdSet s;
    AX_FD_ZERO(&s);
    for (int i = 0; i < N; i++)
        AX_FD_SET(r[i], &s);
    CHECK(sys_select(AX_FD_SETSIZE, &s, NULL, NULL, NULL).value == 1);
    for (int i = 0; i < N; i++)
        CHECK(AX_FD_ISSET(r[i], &s) == (i == N - 1));
    for (int i = 0; i < N; i++) {
        sys_close(r[i]);
        sys_close(w[i]);
    }
    return 0;
}

static void test_poll_and_select_wait_on_a_hundred_pipes(void **state) {
    RUN(t_many_fds);
}

static int t_select_sets(int argc, char **argv) {
    int p[2];
    sys_pipe(p);
    FdSet rd, wr, ex;
    AX_FD_ZERO(&rd);
    AX_FD_ZERO(&wr);
    AX_FD_ZERO(&ex);
    AX_FD_SET(p[0], &rd);
    AX_FD_SET(p[1], &wr);
    AX_FD_SET(p[0], &ex);
    AX_FD_SET(p[1], &rd); /* a write end is never readable */
    int64_t zero = 0;
    CHECK(sys_select(p[1] + 1, &rd, &wr, &ex, &zero).value == 1);
    CHECK(!AX_FD_ISSET(p[0], &rd) && !AX_FD_ISSET(p[1], &rd) && AX_FD_ISSET(p[1], &wr) &&
          !AX_FD_ISSET(p[0], &ex));
    /* one fd counts once per set it is ready in */
    AX_FD_SET(p[0], &rd);
    sys_write(p[1], "x", 1);
    int both = (int)sys_dup(p[0]).value;
    AX_FD_SET(both, &rd);
    CHECK(sys_pselect(both + 1, &rd, &wr, NULL, &zero, NULL).value == 3);
    /* nfds bounds the fds looked at: a bit past it is ignored */
    AX_FD_ZERO(&rd);
    AX_FD_SET(p[0], &rd);
    AX_FD_SET(60, &rd);
    CHECK(sys_select(p[0] + 1, &rd, NULL, NULL, &zero).value == 1);
    /* a closed read end's peer: select counts POLLERR as writable */
    sys_close(p[0]);
    sys_close(both);
    AX_FD_ZERO(&wr);
    AX_FD_SET(p[1], &wr);
    CHECK(sys_select(p[1] + 1, NULL, &wr, NULL, &zero).value == 1);
    sys_close(p[1]);
    return 0;
}

static void test_select_counts_ready_bits_across_its_three_sets(void **state) {
    RUN(t_select_sets);
}

/* ---- signals ---- */

static int t_eintr(int argc, char **argv) {
    SigAction sa = {.handler = on_usr1, .flags = AX_SA_RESTART};
    sys_sigaction(AX_SIGUSR1, &sa, NULL);
    hits = 0;
    int p[2];
    sys_pipe(p);
    char me[16], sig[16];
    ipc_itoa((int)sys_getpid().value, me);
    ipc_itoa(AX_SIGUSR1, sig);
    /* never restarted, SA_RESTART or not (Linux) */
    int pid = ipc_spawn("/bin/signaller", me, sig, "5");
    PollFd f = {p[0], AX_POLLIN, 1};
    SyscallResult r = sys_poll(&f, 1, -1);
    CHECK(r.error == AX_EINTR && hits == 1 && f.revents == 0);
    CHECK(ipc_wait(pid) == 0);
    pid = ipc_spawn("/bin/signaller", me, sig, "5");
    FdSet s;
    AX_FD_ZERO(&s);
    AX_FD_SET(p[0], &s);
    r = sys_select(p[0] + 1, &s, NULL, NULL, NULL);
    CHECK(r.error == AX_EINTR && hits == 2 && AX_FD_ISSET(p[0], &s));
    CHECK(ipc_wait(pid) == 0);
    sys_close(p[0]);
    sys_close(p[1]);
    return 0;
}

static void test_a_caught_signal_ends_poll_and_select_with_eintr(void **state) {
    RUN(t_eintr);
}

static int t_ppoll_mask(int argc, char **argv) {
    sys_signal(AX_SIGUSR1, on_usr1);
    hits = 0;
    SigSet block = AX_SIGBIT(AX_SIGUSR1), old, none = 0;
    sys_sigprocmask(AX_SIG_BLOCK, &block, NULL);
    int p[2];
    sys_pipe(p);
    PollFd f = {p[0], AX_POLLIN, 0};
    /* pending but blocked: ppoll with a mask that lets it through ends
     * at once, the handler runs, and the caller's mask is back after */
    sys_kill((int)sys_getpid().value, AX_SIGUSR1);
    CHECK(hits == 0);
    SyscallResult r = sys_ppoll(&f, 1, NULL, &none);
    CHECK(r.error == AX_EINTR && hits == 1);
    sys_sigprocmask(AX_SIG_BLOCK, NULL, &old);
    CHECK(old == block);
    /* a signal sent while it waits, let through only by its mask */
    char me[16], sig[16];
    int pid = ipc_spawn("/bin/signaller", ipc_itoa((int)sys_getpid().value, me),
                        ipc_itoa(AX_SIGUSR1, sig), "5");
    r = sys_pselect(0, NULL, NULL, NULL, NULL, &none);
    CHECK(r.error == AX_EINTR && hits == 2);
    sys_sigprocmask(AX_SIG_BLOCK, NULL, &old);
    CHECK(old == block);
    CHECK(ipc_wait(pid) == 0);
    /* a mask that blocks it: the signal waits, the timeout ends the call */
    pid = ipc_spawn("/bin/signaller", me, sig, "5");
    int64_t ns = 20 * MS;
    sys_sigprocmask(AX_SIG_UNBLOCK, &block, NULL);
    r = sys_ppoll(&f, 1, &ns, &block);
    /* it timed out; the caller's mask came back on the way out, and with
     * it the signal was delivered before the call returned */
    CHECK(r.error == AX_OK && r.value == 0 && hits == 3);
    CHECK(ipc_wait(pid) == 0);
    sys_close(p[0]);
    sys_close(p[1]);
    return 0;
}

static void test_ppoll_and_pselect_wait_under_their_own_mask(void **state) {
    RUN(t_ppoll_mask);
}

/* ---- other kinds of fd ---- */

static int t_timer(int argc, char **argv) {
    int t = (int)sys_timer_set(15 * MS, 0).value;
    PollFd f = {t, AX_POLLIN, 0};
    CHECK(sys_poll(&f, 1, 0).value == 0);
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    CHECK(sys_poll(&f, 1, 1000).value == 1 && f.revents == AX_POLLIN);
    CHECK((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0 == 15 * MS);
    uint64_t n;
    CHECK(sys_read(t, &n, sizeof n).value == 8 && n == 1);
    CHECK(sys_poll(&f, 1, 0).value == 0); /* read: no longer ready */
    sys_close(t);
    return 0;
}

static void test_a_timer_fd_is_readable_once_it_fires(void **state) {
    RUN(t_timer);
}

/* Reads the console through poll: canonical mode needs a whole line. */
static int t_console(int argc, char **argv) {
    PollFd f = {0, AX_POLLIN | AX_POLLOUT, 0};
    CHECK(sys_poll(&f, 1, 0).value == 1 && f.revents == AX_POLLOUT);
    f.events = AX_POLLIN;
    CHECK(sys_poll(&f, 1, -1).value == 1 && f.revents == AX_POLLIN); /* the host types "ab\n" */
    char buf[16];
    CHECK(sys_read(0, buf, sizeof buf).value == 3);
    TermAttr t;
    sys_tcgetattr(0, &t);
    t.lflag &= ~(uint32_t)AX_ICANON;
    t.cc[AX_VMIN] = 2;
    t.cc[AX_VTIME] = 0;
    sys_tcsetattr(0, AX_TCSANOW, &t);
    CHECK(sys_poll(&f, 1, -1).value == 1); /* the host types "x", then "y" */
    CHECK(sys_read(0, buf, sizeof buf).value == 2);
    tprintf("done\n");
    return 0;
}

static void test_the_console_is_readable_per_its_line_discipline(void **state) {
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", t_console);
    SyscallResult pid = kernel_spawn(k, "/bin/t", NULL);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT); /* a poller counts as waiting for input */
    kernel_console_push_input(k, "ab", 2);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT); /* half a line: still waiting */
    kernel_console_push_input(k, "\n", 1);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT);
    kernel_console_push_input(k, "x", 1);
    assert_int_equal(kernel_run(k), AX_RUN_INPUT); /* VMIN 2: one byte is not enough */
    kernel_console_push_input(k, "y", 1);
    int st;
    assert_int_equal(kernel_wait(k, (int)pid.value, &st), 0);
    if (st != 0)
        print_error("%s", harness_output(k));
    assert_int_equal(st, 0);
    harness_destroy(k);
}

/* ---- a waiter that is stopped or killed ---- */

static int t_poll_forever(int argc, char **argv) {
    enum { N = 40 }; /* past the inline entries */
    PollFd f[N];
    for (int i = 0; i < N; i++)
        f[i] = (PollFd){0, AX_POLLIN, 0};
    int in = atoi(argv[1]);
    f[N - 1].fd = in;
    SyscallResult r = sys_poll(f, N, -1);
    return r.value == 1 && f[N - 1].revents == AX_POLLIN ? 0 : 1;
}

static int t_stop_kill(int argc, char **argv) {
    int p[2];
    sys_pipe(p);
    char fd[16];
    /* stopped while parked, written meanwhile, continued: it sees the data */
    int pid = ipc_spawn("/bin/pollf", ipc_itoa(p[0], fd), NULL, NULL);
    sys_sleep(MS);
    sys_kill(pid, AX_SIGSTOP);
    sys_write(p[1], "x", 1);
    sys_kill(pid, AX_SIGCONT);
    CHECK(ipc_wait(pid) == 0);
    char c;
    sys_read(p[0], &c, 1);
    /* killed while parked: its entries leave the pipe's queue, so the
     * wake-up below walks no freed memory, and nothing leaks */
    pid = ipc_spawn("/bin/pollf", fd, NULL, NULL);
    sys_sleep(MS);
    sys_kill(pid, AX_SIGKILL);
    int st = ipc_wait(pid);
    CHECK(AX_WIFSIGNALED(st) && AX_WTERMSIG(st) == AX_SIGKILL);
    sys_write(p[1], "x", 1);
    sys_close(p[0]);
    sys_close(p[1]);
    return 0;
}

static void test_a_stopped_poller_resumes_and_a_killed_one_leaves_nothing(void **state) {
    const IpcProg progs[] = {{"/bin/pollf", t_poll_forever}};
    ipc_run(NULL, t_stop_kill, progs, 1);
}

static int t_enomem(int argc, char **argv) {
    int p[2];
    sys_pipe(p);
    enum { N = 40 };
    PollFd f[N];
    for (int i = 0; i < N; i++)
        f[i] = (PollFd){p[0], AX_POLLIN, 0};
    return sys_poll(f, N, 10).error == AX_ENOMEM ? 0 : 1;
}

static void test_poll_fails_with_enomem_when_it_cannot_park(void **state) {
    /* find the allocation the chunk of entries makes, and refuse it */
    Kernel *k = harness_kernel(NULL);
    kernel_install_program(k, "/bin/t", t_enomem);
    HarnessAlloc *a = harness_allocator(k);
    long base = a->total_allocs;
    SyscallResult pid = kernel_spawn(k, "/bin/t", NULL);
    kernel_wait(k, (int)pid.value, NULL);
    long used = a->total_allocs - base;
    harness_destroy(k);
    int refused = 0;
    for (long n = 1; n <= used; n++) {
        k = harness_kernel(NULL);
        kernel_install_program(k, "/bin/t", t_enomem);
        a = harness_allocator(k);
        a->fail_at = a->total_allocs + n;
        SyscallResult r = kernel_spawn(k, "/bin/t", NULL);
        if (r.error == AX_OK) {
            int st;
            kernel_wait(k, (int)r.value, &st);
            refused += st == 0;
        }
        a->fail_at = 0;
        harness_destroy(k);
    }
    assert_true(refused >= 1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_poll_reports_pipe_data_room_hangup_and_error),
        cmocka_unit_test(test_a_full_pipe_is_writable_once_pipe_buf_bytes_are_free),
        cmocka_unit_test(test_poll_skips_negative_fds_and_flags_closed_ones),
        cmocka_unit_test(test_poll_and_select_reject_bad_arguments_and_change_nothing),
        cmocka_unit_test(test_poll_sleeps_until_one_of_its_fds_is_written),
        cmocka_unit_test(test_timeouts_are_kernel_time_and_select_reports_what_is_left),
        cmocka_unit_test(test_poll_and_select_wait_on_a_hundred_pipes),
        cmocka_unit_test(test_select_counts_ready_bits_across_its_three_sets),
        cmocka_unit_test(test_a_caught_signal_ends_poll_and_select_with_eintr),
        cmocka_unit_test(test_ppoll_and_pselect_wait_under_their_own_mask),
        cmocka_unit_test(test_a_timer_fd_is_readable_once_it_fires),
        cmocka_unit_test(test_the_console_is_readable_per_its_line_discipline),
        cmocka_unit_test(test_a_stopped_poller_resumes_and_a_killed_one_leaves_nothing),
        cmocka_unit_test(test_poll_fails_with_enomem_when_it_cannot_park),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
