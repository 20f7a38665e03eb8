/* Hypotheses about epoll: level and edge triggering, one-shot watches,
 * what closing a watched fd does, nesting, waiting, and the errors. */
#include "ipc_test.h"

static int prog_writer(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[2]) * MS);
    return sys_write(atoi(argv[1]), "w", 1).value == 1 ? 0 : 1;
}

static int prog_signaller(int argc, char **argv) {
    sys_sleep((uint64_t)atoi(argv[3]) * MS);
    return sys_kill(atoi(argv[1]), atoi(argv[2])).error == AX_OK ? 0 : 1;
}

static const IpcProg helpers[] = {
    {"/bin/writer", prog_writer},
    {"/bin/signaller", prog_signaller},
};
#define RUN(t) ipc_run(NULL, t, helpers, sizeof helpers / sizeof helpers[0])

static int add(int ep, int fd, uint32_t events, uint64_t data) {
    EpollEvent ev = {events, data};
    return (int)sys_epoll_ctl(ep, AX_EPOLL_CTL_ADD, fd, &ev).error;
}

static int mod(int ep, int fd, uint32_t events, uint64_t data) {
    EpollEvent ev = {events, data};
    return (int)sys_epoll_ctl(ep, AX_EPOLL_CTL_MOD, fd, &ev).error;
}

/* epoll_wait with timeout 0, returning the count (or -errno). */
static int ready(int ep, EpollEvent *out, int max) {
    SyscallResult r = sys_epoll_wait(ep, out, max, 0);
    return r.error == AX_OK ? (int)r.value : -(int)r.error;
}

/* ---- triggering ---- */

static int t_level(int argc, char **argv) {
    int ep = (int)sys_epoll_create1(0).value, p[2];
    sys_pipe(p);
    CHECK(add(ep, p[0], AX_EPOLLIN, 42) == AX_OK);
    EpollEvent ev[4];
    CHECK(ready(ep, ev, 4) == 0);
    sys_write(p[1], "ab", 2);
    /* level-triggered: reported for as long as data is there */
    for (int i = 0; i < 3; i++)
        CHECK(ready(ep, ev, 4) == 1 && ev[0].events == AX_EPOLLIN && ev[0].data == 42);
    char buf[4];
    sys_read(p[0], buf, 2);
    CHECK(ready(ep, ev, 4) == 0);
    /* the writer goes: HUP, watched whether asked for or not */
    sys_close(p[1]);
    CHECK(ready(ep, ev, 4) == 1 && ev[0].events == AX_EPOLLHUP);
    sys_close(p[0]);
    sys_close(ep);
    return 0;
}

static void test_level_triggered_watches_report_while_the_condition_holds(void **state) {
    RUN(t_level);
}

static int t_edge(int argc, char **argv) {
    int ep = (int)sys_epoll_create1(AX_EPOLL_CLOEXEC).value, p[2];
    CHECK(sys_fcntl(ep, AX_F_GETFD, 0).value == AX_FD_CLOEXEC);
    sys_pipe(p);
    CHECK(add(ep, p[0], AX_EPOLLIN | AX_EPOLLET, 1) == AX_OK);
    EpollEvent ev[4];
    sys_write(p[1], "a", 1);
    CHECK(ready(ep, ev, 4) == 1 && ev[0].events == AX_EPOLLIN);
    /* edge: not again while nothing new comes, though data is there */
    CHECK(ready(ep, ev, 4) == 0);
    /* each write is an edge, even onto data not read yet (Linux) */
    sys_write(p[1], "b", 1);
    CHECK(ready(ep, ev, 4) == 1);
    CHECK(ready(ep, ev, 4) == 0);
    /* a watch added while its file is ready reports once */
    int q[2];
    sys_pipe(q);
    sys_write(q[1], "c", 1);
    CHECK(add(ep, q[0], AX_EPOLLIN | AX_EPOLLET, 2) == AX_OK);
    CHECK(ready(ep, ev, 4) == 1 && ev[0].data == 2);
    CHECK(ready(ep, ev, 4) == 0);
    /* the write end: EPOLLOUT comes back only when room returns after
     * the pipe was full, not at every read */
    CHECK(add(ep, q[1], AX_EPOLLOUT | AX_EPOLLET, 3) == AX_OK);
    CHECK(ready(ep, ev, 4) == 1 && ev[0].data == 3 && ev[0].events == AX_EPOLLOUT);
    char c;
    sys_read(q[0], &c, 1);
    CHECK(ready(ep, ev, 4) == 0);
    for (int i = 0; i < 2; i++) {
        sys_close(p[i]);
        sys_close(q[i]);
    }
    sys_close(ep);
    return 0;
}

static void test_edge_triggered_watches_report_each_wake_up_once(void **state) {
    RUN(t_edge);
}

static int t_oneshot(int argc, char **argv) {
    int ep = (int)sys_epoll_create1(0).value, p[2];
    sys_pipe(p);
    CHECK(add(ep, p[0], AX_EPOLLIN | AX_EPOLLONESHOT, 5) == AX_OK);
    sys_write(p[1], "a", 1);
    EpollEvent ev[2];
    CHECK(ready(ep, ev, 2) == 1);
    /* disabled: neither the data still there nor new data report */
    CHECK(ready(ep, ev, 2) == 0);
    sys_write(p[1], "b", 1);
    CHECK(ready(ep, ev, 2) == 0);
    /* still watched (ADD says so); MOD arms it again */
    CHECK(add(ep, p[0], AX_EPOLLIN, 5) == AX_EEXIST);
    CHECK(mod(ep, p[0], AX_EPOLLIN | AX_EPOLLONESHOT, 6) == AX_OK);
    CHECK(ready(ep, ev, 2) == 1 && ev[0].data == 6);
    CHECK(ready(ep, ev, 2) == 0);
    sys_close(p[0]);
    sys_close(p[1]);
    sys_close(ep);
    return 0;
}

static void test_one_shot_watches_report_once_until_modified(void **state) {
    RUN(t_oneshot);
}

static int t_order(int argc, char **argv) {
    int ep = (int)sys_epoll_create1(0).value;
    int r[3], w[3];
    for (int i = 0; i < 3; i++) {
        int p[2];
        sys_pipe(p);
        r[i] = p[0];
        w[i] = p[1];
        CHECK(add(ep, r[i], AX_EPOLLIN, (uint64_t)i) == AX_OK);
    }
    /* reports come in the order the files became ready */
    sys_write(w[2], "x", 1);
    sys_write(w[0], "x", 1);
    sys_write(w[1], "x", 1);
    EpollEvent ev[3];
    CHECK(ready(ep, ev, 3) == 3 && ev[0].data == 2 && ev[1].data == 0 && ev[2].data == 1);
    /* fewer slots than ready watches: the ones reported go to the back */
    CHECK(ready(ep, ev, 1) == 1 && ev[0].data == 2);
    CHECK(ready(ep, ev, 1) == 1 && ev[0].data == 0);
    CHECK(ready(ep, ev, 1) == 1 && ev[0].data == 1);
    CHECK(ready(ep, ev, 1) == 1 && ev[0].data == 2);
    for (int i = 0; i < 3; i++) {
        sys_close(r[i]);
        sys_close(w[i]);
    }
    sys_close(ep);
    return 0;
}

static void test_reports_come_in_ready_order_and_take_turns(void **state) {
    RUN(t_order);
}

/* ---- a watch's lifetime ---- */

static int t_close(int argc, char **argv) {
    int ep = (int)sys_epoll_create1(0).value, p[2];
    sys_pipe(p);
    int dup = (int)sys_dup(p[0]).value;
    CHECK(add(ep, p[0], AX_EPOLLIN, 7) == AX_OK);
    sys_write(p[1], "x", 1);
    /* another fd still refers to the open file: the watch stays */
    sys_close(p[0]);
    EpollEvent ev[2];
    CHECK(ready(ep, ev, 2) == 1 && ev[0].data == 7);
    /* the last one goes: so does the watch, and the fd number is free
     * to be watched afresh */
    sys_close(dup);
    CHECK(ready(ep, ev, 2) == 0);
    int q[2];
    sys_pipe(q); /* reuses the lowest fds */
    CHECK(add(ep, q[0], AX_EPOLLIN, 8) == AX_OK);
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_DEL, q[0], NULL).error == AX_OK);
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_DEL, q[0], NULL).error == AX_ENOENT);
    /* closing the epoll fd with watches in it frees them */
    CHECK(add(ep, q[0], AX_EPOLLIN, 9) == AX_OK);
    CHECK(add(ep, q[1], AX_EPOLLOUT, 10) == AX_OK);
    sys_close(ep);
    sys_write(q[1], "y", 1); /* wakes queues the freed watches were on */
    sys_close(q[0]);
    sys_close(q[1]);
    sys_close(p[1]);
    return 0;
}

static void test_closing_the_last_fd_of_a_watched_file_ends_its_watch(void **state) {
    RUN(t_close);
}

/* ---- nesting and polling an epoll fd ---- */

static int t_nested(int argc, char **argv) {
    int inner = (int)sys_epoll_create1(0).value, outer = (int)sys_epoll_create1(0).value, p[2];
    sys_pipe(p);
    CHECK(add(inner, p[0], AX_EPOLLIN, 1) == AX_OK);
    CHECK(add(outer, inner, AX_EPOLLIN, 2) == AX_OK);
    PollFd f = {inner, AX_POLLIN, 0};
    EpollEvent ev[2];
    CHECK(sys_poll(&f, 1, 0).value == 0 && ready(outer, ev, 2) == 0);
    sys_write(p[1], "x", 1);
    CHECK(sys_poll(&f, 1, 0).value == 1 && f.revents == AX_POLLIN);
    CHECK(ready(outer, ev, 2) == 1 && ev[0].data == 2 && ev[0].events == AX_EPOLLIN);
    char c;
    sys_read(p[0], &c, 1);
    CHECK(sys_poll(&f, 1, 0).value == 0 && ready(outer, ev, 2) == 0);
    /* loops are refused, and so is a chain of more than 5 */
    CHECK(add(inner, outer, AX_EPOLLIN, 0) == AX_ELOOP);
    int chain[6];
    chain[0] = outer;
    for (int i = 1; i < 6; i++)
        chain[i] = (int)sys_epoll_create1(0).value;
    /* inner <- outer <- chain[1] <- chain[2] <- chain[3]: 5 deep */
    for (int i = 1; i < 4; i++)
        CHECK(add(chain[i], chain[i - 1], AX_EPOLLIN, 0) == AX_OK);
    CHECK(add(chain[4], chain[3], AX_EPOLLIN, 0) == AX_ELOOP);
    /* a file is woken through a chain: the top hears of it */
    sys_write(p[1], "x", 1);
    CHECK(ready(chain[3], ev, 2) == 1);
    for (int i = 1; i < 6; i++)
        sys_close(chain[i]);
    sys_close(outer);
    sys_close(inner);
    sys_close(p[0]);
    sys_close(p[1]);
    return 0;
}

static void test_an_epoll_fd_is_pollable_and_nests_without_loops(void **state) {
    RUN(t_nested);
}

/* ---- waiting ---- */

static int t_wait(int argc, char **argv) {
    int ep = (int)sys_epoll_create1(0).value, p[2];
    sys_pipe(p);
    CHECK(add(ep, p[0], AX_EPOLLIN, 3) == AX_OK);
    EpollEvent ev[2];
    uint64_t t0 = (uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value;
    CHECK(sys_epoll_wait(ep, ev, 2, 20).value == 0);
    CHECK((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0 == 20 * MS);
    char fd[16];
    int pid = ipc_spawn("/bin/writer", ipc_itoa(p[1], fd), "10", NULL);
    SyscallResult r = sys_epoll_wait(ep, ev, 2, -1);
    CHECK(r.value == 1 && ev[0].data == 3);
    CHECK((uint64_t)sys_clock_gettime(AX_CLOCK_MONOTONIC).value - t0 == 30 * MS);
    CHECK(ipc_wait(pid) == 0);
    sys_close(p[0]);
    sys_close(p[1]);
    sys_close(ep);
    return 0;
}

static void test_epoll_wait_sleeps_until_a_watch_is_ready_or_time_is_up(void **state) {
    RUN(t_wait);
}

static int hits;
static void on_usr1(int sig) {
    hits++;
}

static int t_eintr(int argc, char **argv) {
    SigAction sa = {.handler = on_usr1, .flags = AX_SA_RESTART};
    sys_sigaction(AX_SIGUSR1, &sa, NULL);
    hits = 0;
    int ep = (int)sys_epoll_create1(0).value;
    char me[16], sig[16];
    ipc_itoa((int)sys_getpid().value, me);
    ipc_itoa(AX_SIGUSR1, sig);
    int pid = ipc_spawn("/bin/signaller", me, sig, "5");
    EpollEvent ev[1];
    CHECK(sys_epoll_wait(ep, ev, 1, -1).error == AX_EINTR && hits == 1);
    CHECK(ipc_wait(pid) == 0);
    /* epoll_pwait: a blocked signal let through by the call's mask */
    SigSet block = AX_SIGBIT(AX_SIGUSR1), none = 0, now;
    sys_sigprocmask(AX_SIG_BLOCK, &block, NULL);
    pid = ipc_spawn("/bin/signaller", me, sig, "5");
    CHECK(sys_epoll_pwait(ep, ev, 1, -1, &none).error == AX_EINTR && hits == 2);
    sys_sigprocmask(AX_SIG_BLOCK, NULL, &now);
    CHECK(now == block);
    CHECK(ipc_wait(pid) == 0);
    sys_close(ep);
    return 0;
}

static void test_epoll_wait_ends_with_eintr_and_is_never_restarted(void **state) {
    RUN(t_eintr);
}

static int t_blocked(int argc, char **argv) {
    int ep = (int)sys_epoll_create1(0).value;
    int in = atoi(argv[1]);
    EpollEvent ev = {AX_EPOLLIN, 0};
    sys_epoll_ctl(ep, AX_EPOLL_CTL_ADD, in, &ev);
    sys_epoll_wait(ep, &ev, 1, -1);
    return 0;
}

static int t_kill(int argc, char **argv) {
    int p[2];
    sys_pipe(p);
    char fd[16];
    int pid = ipc_spawn("/bin/blocked", ipc_itoa(p[0], fd), NULL, NULL);
    sys_sleep(MS);
    sys_kill(pid, AX_SIGKILL);
    int st = ipc_wait(pid);
    CHECK(AX_WIFSIGNALED(st));
    sys_write(p[1], "x", 1); /* the dead one's epoll went with it */
    sys_close(p[0]);
    sys_close(p[1]);
    return 0;
}

static void test_a_process_killed_in_epoll_wait_leaves_nothing(void **state) {
    const IpcProg progs[] = {{"/bin/blocked", t_blocked}};
    ipc_run(NULL, t_kill, progs, 1);
}

/* ---- errors ---- */

static int t_errors(int argc, char **argv) {
    CHECK(sys_epoll_create1(1).error == AX_EINVAL);
    int ep = (int)sys_epoll_create1(0).value, p[2];
    sys_pipe(p);
    int file = (int)sys_open("/tmp/f", AX_O_RDWR | AX_O_CREAT, 0600).value;
    EpollEvent ev = {AX_EPOLLIN, 0}, out[1];
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_ADD, p[0], NULL).error == AX_EFAULT);
    CHECK(sys_epoll_ctl(99, AX_EPOLL_CTL_ADD, p[0], &ev).error == AX_EBADF);
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_ADD, 99, &ev).error == AX_EBADF);
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_ADD, file, &ev).error == AX_EPERM);
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_ADD, ep, &ev).error == AX_EINVAL);
    CHECK(sys_epoll_ctl(p[1], AX_EPOLL_CTL_ADD, p[0], &ev).error == AX_EINVAL);
    CHECK(sys_epoll_ctl(ep, 9, p[0], &ev).error == AX_EINVAL);
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_MOD, p[0], &ev).error == AX_ENOENT);
    EpollEvent ex = {AX_EPOLLIN | AX_EPOLLEXCLUSIVE, 0};
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_ADD, p[0], &ex).error == AX_OK);
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_MOD, p[0], &ev).error == AX_EINVAL);
    ex.events |= AX_EPOLLONESHOT;
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_ADD, p[1], &ex).error == AX_EINVAL);
    /* a failed call left the set as it was: p[1] is not watched */
    CHECK(sys_epoll_ctl(ep, AX_EPOLL_CTL_DEL, p[1], NULL).error == AX_ENOENT);
    CHECK(sys_epoll_wait(ep, out, 0, 0).error == AX_EINVAL);
    CHECK(sys_epoll_wait(ep, NULL, 1, 0).error == AX_EFAULT);
    CHECK(sys_epoll_wait(99, out, 1, 0).error == AX_EBADF);
    CHECK(sys_epoll_wait(p[0], out, 1, 0).error == AX_EINVAL);
    sys_close(file);
    sys_close(p[0]);
    sys_close(p[1]);
    sys_close(ep);
    return 0;
}

static void test_epoll_ctl_and_epoll_wait_reject_bad_arguments(void **state) {
    RUN(t_errors);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_triggered_watches_report_while_the_condition_holds),
        cmocka_unit_test(test_edge_triggered_watches_report_each_wake_up_once),
        cmocka_unit_test(test_one_shot_watches_report_once_until_modified),
        cmocka_unit_test(test_reports_come_in_ready_order_and_take_turns),
        cmocka_unit_test(test_closing_the_last_fd_of_a_watched_file_ends_its_watch),
        cmocka_unit_test(test_an_epoll_fd_is_pollable_and_nests_without_loops),
        cmocka_unit_test(test_epoll_wait_sleeps_until_a_watch_is_ready_or_time_is_up),
        cmocka_unit_test(test_epoll_wait_ends_with_eintr_and_is_never_restarted),
        cmocka_unit_test(test_a_process_killed_in_epoll_wait_leaves_nothing),
        cmocka_unit_test(test_epoll_ctl_and_epoll_wait_reject_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
